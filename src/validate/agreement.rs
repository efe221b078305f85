//! Sentences that agree with the workplace. Its noun is masculine in one kit (`le cabinet`) and
//! feminine in another (`l’officine`), so a participle or adjective after it must be an agreement,
//! `{{ workplace: fermé | fermée }}`, or the sentence must not agree with it at all.

use crate::placeholder::{Piece, agreement, split};

/// The verbs after which a word agrees with the subject: `est fermé`, `peut être remis`.
const COPULAS: [&str; 8] = ["est", "sont", "reste", "restent", "sera", "seront", "soit", "semble"];
const MODALS: [&str; 4] = ["peut", "peuvent", "doit", "doivent"];
/// The words after which the workplace begins a clause, as its subject (`si le cabinet est`,
/// `en combien de temps l’officine peut être`); after any other (`qui quitte le cabinet est`),
/// it is an object and agrees with nothing after it.
const BEFORE_A_SUBJECT: [&str; 16] = [
    "si", "s’", "que", "qu’", "quand", "lorsque", "puisque", "où", "et", "mais", "ou", "car", "comment", "pourquoi",
    "temps", "alors",
];

/// Whether a word after `est` reads as a participle or an adjective that agrees (`fermé`, `remis`,
/// `ouvert`, and their feminine and plural forms), not an adverb (`plus`, `depuis`).
fn is_participle(word: &str) -> bool {
    const ENDINGS: [&str; 12] = ["é", "ée", "és", "ées", "is", "ise", "ises", "it", "ite", "ites", "ert", "erte"];
    const ADVERBS: [&str; 8] = ["plus", "puis", "depuis", "jamais", "mais", "fois", "toujours", "tout"];
    ENDINGS.iter().any(|end| word.ends_with(end)) && !ADVERBS.contains(&word)
}

/// Whether the text before a placeholder leaves it at the start of a clause.
fn begins_a_clause(before: &str) -> bool {
    let before = before.trim_end();
    let Some(last) = before.split_whitespace().last() else { return true };
    let last = last.to_lowercase();
    last.ends_with(['.', ',', ';', ':', '!', '?', '(', '«', '-', '—'])
        || BEFORE_A_SUBJECT.iter().any(|w| last == *w || (w.ends_with('’') && last.ends_with(w)))
}

/// The forms of an agreement are two (masculine, feminine) or four (and their plurals), none
/// empty: the problem otherwise.
pub fn forms_problem(name: &str) -> Option<String> {
    let forms = agreement(name)?;
    if !matches!(forms.len(), 2 | 4) || forms.iter().any(|f| f.is_empty()) {
        return Some(format!(
            "`{{{{ {name} }}}}` gives {} form(s); an agreement gives the masculine and the feminine, \
             and their plurals if it has them",
            forms.len()
        ));
    }
    None
}

/// The first French participle or adjective in `text` that agrees with the workplace without
/// an agreement (`{{ workplace.the_start }} est fermé`): its byte offset and the word.
pub fn unagreed(text: &str) -> Option<(usize, String)> {
    let pieces = split(text);
    for (i, piece) in pieces.iter().enumerate() {
        let Piece::Placeholder { name, range } = piece else { continue };
        if !matches!(*name, "workplace.the" | "workplace.the_start" | "workplace.your") {
            continue;
        }
        let before = match i.checked_sub(1).and_then(|j| pieces.get(j)) {
            Some(Piece::Text(t)) => t,
            _ => "",
        };
        if !begins_a_clause(before) {
            continue;
        }
        // The words up to the end of the clause or the next placeholder (an agreement there is
        // what is wanted).
        let Some(Piece::Text(after)) = pieces.get(i + 1) else { continue };
        let clause = after.split(['.', ',', ';', ':', '!', '?', '(']).next().unwrap_or_default();
        let words: Vec<&str> = clause.split_whitespace().collect();
        let verb = match words.as_slice() {
            [first, ..] if COPULAS.contains(first) => 1,
            [first, "être", ..] if MODALS.contains(first) => 2,
            _ => continue,
        };
        // The word after the verb, or after an adverb (`est bien fermé`).
        for word in words.iter().skip(verb).take(2) {
            let lower = word.to_lowercase();
            if is_participle(&lower) {
                return Some((range.end + after.find(word).unwrap_or(0), (*word).to_string()));
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::{forms_problem, unagreed};

    #[test]
    fn a_participle_after_the_workplace_must_agree() {
        let (_, word) = unagreed("{{ workplace.the_start }} est fermé à clé, avec une alarme").unwrap();
        assert_eq!(word, "fermé");
        assert!(unagreed("en combien de temps {{ workplace.the }} peut être remis en route").is_some());
        assert!(unagreed("{{ workplace.the_start }} est bien équipée").is_some());
        // Agreed, or not agreeing at all.
        assert_eq!(unagreed("{{ workplace.the_start }} est {{ workplace: fermé | fermée }} à clé"), None);
        assert_eq!(unagreed("Les locaux {{ workplace.of }} sont fermés à clé"), None);
        assert_eq!(unagreed("si {{ workplace.the }} emploie deux salariés"), None);
        assert_eq!(unagreed("{{ workplace.the_start }} is locked"), None);
        // The workplace as an object agrees with nothing after it.
        assert_eq!(unagreed("Tout appareil qui quitte {{ workplace.the }} est d’abord effacé"), None);
        assert!(unagreed("Vérifiez si {{ workplace.the }} est assuré").is_some());
    }

    #[test]
    fn an_agreement_has_two_or_four_forms() {
        assert_eq!(forms_problem("workplace: fermé | fermée"), None);
        assert_eq!(forms_problem("workplace: fermé | fermée | fermés | fermées"), None);
        assert!(forms_problem("workplace: fermé").is_some());
        assert!(forms_problem("workplace: fermé | | fermés | fermées").is_some());
        assert_eq!(forms_problem("workplace.the"), None);
    }
}
