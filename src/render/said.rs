//! A value's problem said in a language, for the personaliser's form: the interface string of its
//! kind with the problem's values in their places, set in the language's typography. What the
//! practice typed is quoted as typed: it goes in last, after the typography, and one pass fills
//! the places, so a value that holds `{max}` stays `{max}`.

use crate::model::{Content, Lang, WorkplaceWords};
use crate::problem::Problem;

/// The values a practice typed, which no rule of ours may touch.
const TYPED: [&str; 2] = ["value", "char"];

/// The problem, as a sentence in `lang`; `words` name the kit's workplace.
pub fn said(problem: &Problem, content: &Content, words: &WorkplaceWords, lang: &Lang) -> String {
    let values = problem.values();
    let ours = |name: &str| -> Option<String> {
        if TYPED.contains(&name) {
            return None;
        }
        match values.iter().find(|(n, _)| *n == name) {
            // A document is named by its interface string, which names the workplace.
            Some(("document", key)) => Some(super::text::with_workplace(content.ui.get(lang, key), words)),
            Some((_, value)) => Some(value.clone()),
            None => {
                let place = format!("{{{name}}}");
                let word = super::text::with_workplace(&place, words);
                (word != place).then_some(word)
            }
        }
    };
    let sentence = super::typography::apply(&fill(content.ui.get(lang, problem.string()), ours), lang);
    fill(&sentence, |name| values.iter().find(|(n, _)| *n == name && TYPED.contains(n)).map(|(_, v)| v.clone()))
}

/// `template` with each `{name}` that `value` knows replaced, in one pass; the others left.
fn fill(template: &str, value: impl Fn(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        if let Some((text, close)) = after.find('}').and_then(|close| Some((value(&after[..close])?, close))) {
            out.push_str(&text);
            rest = &after[close + 1..];
        } else {
            out.push('{');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fills_each_place_once() {
        let values = |name: &str| match name {
            "value" => Some("{max}".to_string()),
            "max" => Some("10".to_string()),
            _ => None,
        };
        assert_eq!(fill("« {value} » {max} {other} {", values), "« {max} » 10 {other} {");
    }
}
