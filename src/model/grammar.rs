//! The forms a language's articles and prepositions give a workplace's noun: `l’officine`, `de
//! l’officine`, `à l’officine`, `votre officine`; `the pharmacy`, `of the pharmacy`. The noun, its
//! gender, number and elision are reference data; these rules make every workplace's words right,
//! a workplace added later included.

use super::Grammar;

/// A workplace's derived forms in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forms {
    pub the: String,
    pub the_start: String,
    pub your: String,
    pub of: String,
    pub at: String,
    pub name: String,
}

impl Forms {
    /// A form by its key in the reference data (`the`, `of`...).
    pub fn get(&self, key: &str) -> &str {
        match key {
            "the" => &self.the,
            "the_start" => &self.the_start,
            "your" => &self.your,
            "of" => &self.of,
            "at" => &self.at,
            _ => &self.name,
        }
    }
}

/// The forms of `noun` in the language `code`, or `None` for a language without rules here (its
/// reference data then gives them).
pub fn forms(code: &str, noun: &str, g: Grammar) -> Option<Forms> {
    let (the, your, of, at) = match code {
        "fr" => {
            // The article elides before a vowel sound (`l’officine`); the plural never elides it.
            let (the, of, at) = match (g.plural, g.elision, g.feminine) {
                (true, _, _) => ("les ", "des ", "aux "),
                (false, true, _) => ("l’", "de l’", "à l’"),
                (false, false, true) => ("la ", "de la ", "à la "),
                (false, false, false) => ("le ", "du ", "au "),
            };
            (the, if g.plural { "vos " } else { "votre " }, of, at)
        }
        "en" => ("the ", "your ", "of the ", "at the "),
        _ => return None,
    };
    Some(Forms {
        the: format!("{the}{noun}"),
        the_start: capitalised(&format!("{the}{noun}")),
        your: format!("{your}{noun}"),
        of: format!("{of}{noun}"),
        at: format!("{at}{noun}"),
        name: capitalised(noun),
    })
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{Grammar, forms};

    #[test]
    fn french_articles_agree_with_gender_number_and_elision() {
        let m = Grammar::default();
        let f = Grammar { feminine: true, ..m };
        let elided = Grammar { feminine: true, elision: true, plural: false };
        let cabinet = forms("fr", "cabinet", m).unwrap();
        assert_eq!(
            (cabinet.the.as_str(), cabinet.of.as_str(), cabinet.at.as_str()),
            ("le cabinet", "du cabinet", "au cabinet")
        );
        assert_eq!((cabinet.the_start.as_str(), cabinet.name.as_str()), ("Le cabinet", "Cabinet"));
        let officine = forms("fr", "officine", elided).unwrap();
        assert_eq!(
            (officine.the.as_str(), officine.of.as_str(), officine.at.as_str(), officine.the_start.as_str()),
            ("l’officine", "de l’officine", "à l’officine", "L’officine")
        );
        let maison = forms("fr", "maison de santé", f).unwrap();
        assert_eq!(
            (maison.the.as_str(), maison.of.as_str(), maison.at.as_str()),
            ("la maison de santé", "de la maison de santé", "à la maison de santé")
        );
        let locaux = forms("fr", "locaux", Grammar { plural: true, elision: true, ..m }).unwrap();
        assert_eq!(
            (locaux.the.as_str(), locaux.your.as_str(), locaux.at.as_str()),
            ("les locaux", "vos locaux", "aux locaux")
        );
        let pharmacy = forms("en", "pharmacy", elided).unwrap();
        assert_eq!((pharmacy.the_start.as_str(), pharmacy.at.as_str()), ("The pharmacy", "at the pharmacy"));
        assert!(forms("de", "Praxis", m).is_none(), "a language without rules gives its forms itself");
    }

    #[test]
    fn an_agreement_takes_the_form_of_the_gender_and_number() {
        let forms = ["fermé", "fermée", "fermés", "fermées"];
        assert_eq!(Grammar::default().agree(&forms), "fermé");
        assert_eq!(Grammar { feminine: true, ..Grammar::default() }.agree(&forms), "fermée");
        assert_eq!(Grammar { feminine: true, plural: true, elision: false }.agree(&forms), "fermées");
        assert_eq!(Grammar { plural: true, ..Grammar::default() }.agree(&["fermé", "fermée"]), "fermé");
    }
}
