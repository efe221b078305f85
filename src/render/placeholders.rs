//! The values of a module's placeholders for one kit: the profile's, or the interface string that
//! stands for a value the profile leaves empty ("votre prestataire informatique").

use std::collections::BTreeMap;

use crate::model::{Content, Lang, PLACEHOLDERS, Profile, WorkplaceWords};
use crate::render::typography;

/// Placeholder name -> the plain text that replaces it. The default has no values: each
/// placeholder is left as written (for the fuzzers).
#[derive(Debug, Clone, Default)]
pub struct Placeholders {
    values: BTreeMap<&'static str, String>,
    /// What an agreement with the workplace agrees with.
    grammar: crate::model::Grammar,
}

impl Placeholders {
    pub fn new(content: &Content, profile: &Profile, lang: &Lang) -> Self {
        let name = profile.profession.name.get(lang);
        let workplace = &profile.profession.workplace;
        let place = workplace.words.get(lang);
        let values = PLACEHOLDERS
            .iter()
            .map(|&key| {
                let value = match key {
                    "profession.one" => Some(name.one.clone()),
                    "profession.many" => Some(name.many.clone()),
                    "region.name" => Some(profile.region.name.get(lang).clone()),
                    "csirt.name" => profile.csirt.as_ref().map(|c| c.name.get(lang).clone()),
                    "it_provider.name" => profile.it_provider.as_ref().and_then(|p| p.name.clone()),
                    "practice.name" => profile.practice.as_ref().and_then(|p| p.name.clone()),
                    "publisher.name" => profile.publisher.as_ref().and_then(|p| p.name.clone()),
                    "retention.summary" => Some(profile.profession.retention.summary.get(lang).clone()),
                    "workplace.the" => Some(place.the.clone()),
                    "workplace.the_start" => Some(place.the_start.clone()),
                    "workplace.your" => Some(place.your.clone()),
                    "workplace.of" => Some(place.of.clone()),
                    "workplace.at" => Some(place.at.clone()),
                    "workplace.waiting" => Some(place.waiting.clone()),
                    "workplace.keep_working" => Some(typography::apply(workplace.keep_working.get(lang), lang)),
                    "workplace.patient_messages" => Some(typography::apply(workplace.patient_messages.get(lang), lang)),
                    // A laboratory's declaration, as a sentence of the incident's steps; nothing
                    // where the workplace has no such duty.
                    "workplace.incident_duty" => Some(workplace.incident_duty.as_ref().map_or_else(String::new, |d| {
                        let colon = if lang.code() == "fr" { " :" } else { ":" };
                        let site = d.site.without_scheme().trim_end_matches('/').to_string();
                        typography::apply(&format!("{}{colon} {site}. {}", d.title.get(lang), d.detail.get(lang)), lang)
                    })),
                    "csirt.help" => Some(crate::render::incident::csirt_help(content, profile, lang)),
                    // The complaint rule, worded as the poster words it.
                    "incident.complaint" => Some(crate::render::text::with_workplace(
                        &typography::apply(content.ui.get(lang, "incident_complaint"), lang),
                        place,
                    )),
                    _ => None,
                };
                let fallback = || {
                    let text = content.ui.get(lang, &format!("placeholder_{}", key.replace('.', "_")));
                    crate::render::text::with_workplace(text, place)
                };
                (key, value.unwrap_or_else(fallback))
            })
            .collect();
        Placeholders { values, grammar: place.grammar }
    }

    /// Placeholders with given values, for tests of the renderers.
    pub fn from_values(values: &[(&'static str, &str)]) -> Self {
        Placeholders {
            values: values.iter().map(|(k, v)| (*k, v.to_string())).collect(),
            grammar: crate::model::Grammar::default(),
        }
    }

    /// The same values, each word longer than a line can hold (a name without spaces) free to
    /// break anywhere: a zero-width space between its characters. For print, where Typst breaks
    /// lines at spaces and hyphens only; a browser breaks such a word itself.
    pub fn breakable(&self) -> Self {
        Placeholders { values: self.values.iter().map(|(k, v)| (*k, breakable(v))).collect(), grammar: self.grammar }
    }

    /// The value of a placeholder; validation has checked every name a module uses.
    pub fn get<'a>(&'a self, name: &'a str) -> Option<&'a str> {
        match crate::placeholder::agreement(name) {
            Some(forms) => Some(self.grammar.agree(&forms)),
            None => self.values.get(name).map(String::as_str),
        }
    }
}

/// A module's title, summary or checklist item with the workplace's words in place of its
/// `{{ workplace.* }}` placeholders, the only ones validation lets a front matter hold.
pub fn in_front_matter(text: &str, words: &WorkplaceWords) -> String {
    use crate::placeholder::{Piece, split};
    let mut out = String::with_capacity(text.len());
    for piece in split(text) {
        match piece {
            Piece::Text(t) => out.push_str(t),
            Piece::Placeholder { name, .. } if crate::placeholder::agreement(name).is_some() => {
                out.push_str(words.grammar.agree(&crate::placeholder::agreement(name).unwrap_or_default()));
            }
            Piece::Placeholder { name, range } => out.push_str(match name {
                "workplace.the" => &words.the,
                "workplace.the_start" => &words.the_start,
                "workplace.your" => &words.your,
                "workplace.of" => &words.of,
                "workplace.at" => &words.at,
                "workplace.waiting" => &words.waiting,
                _ => &text[range],
            }),
            Piece::Unclosed { .. } => {}
        }
    }
    out
}

/// `text` with a zero-width space between the characters (grapheme clusters: an accent stays on
/// its letter) of each run longer than a module's words may be (`validate::text::MAX_WORD`) that has no
/// other place to break. As the templates' `breakable` does for the values they show.
pub fn breakable(text: &str) -> String {
    use unicode_segmentation::UnicodeSegmentation as _;
    let mut out = String::with_capacity(text.len());
    let mut run: Vec<&str> = Vec::new();
    let flush = |run: &mut Vec<&str>, out: &mut String| {
        out.push_str(&run.join(if run.len() > crate::validate::text::MAX_WORD { "\u{200B}" } else { "" }));
        run.clear();
    };
    for grapheme in text.graphemes(true) {
        if grapheme.chars().all(crate::validate::text::breaks_line) {
            flush(&mut run, &mut out);
            out.push_str(grapheme);
        } else {
            run.push(grapheme);
        }
    }
    flush(&mut run, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::breakable;

    #[test]
    fn a_word_too_long_for_a_line_may_break_between_its_letters_and_keeps_them() {
        let long = "Kine\u{301}sithe\u{301}rapieSansEspacesNiTiretsNiPoints";
        let out = breakable(&format!("Cabinet {long} Nantes"));
        assert!(out.starts_with("Cabinet K\u{200B}i\u{200B}n\u{200B}e\u{301}\u{200B}s"), "{out:?}");
        assert_eq!(out.replace('\u{200B}', ""), format!("Cabinet {long} Nantes"), "every character kept");
        assert_eq!(breakable("Cabinet des Tilleuls"), "Cabinet des Tilleuls", "short words untouched");
        // A long address already breaks at its hyphens.
        let url = "www.paysdelaloire.fr/mon-organisation-subit-une-cyberattaque";
        assert_eq!(breakable(url), url);
    }
}
