//! Small text helpers shared by the renderers: interface strings with parameters, dates.

use super::typography;
use crate::model::{Content, Date, Lang};

/// The interface string `key`, with its language's typography, and each `{name}` replaced by
/// its value. Typography is applied before the values go in, so a profile's value is printed
/// exactly as written. Values are plain text; escaping is the template's job.
pub fn string(content: &Content, lang: &Lang, key: &str, params: &[(&str, &str)]) -> String {
    let mut text = typography::apply(content.ui.get(lang, key), lang);
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A date the way its language writes it: `23 novembre 2026`, `23 November 2026`, with no-break
/// spaces: a line never ends inside a date.
pub fn date(content: &Content, lang: &Lang, date: Date) -> String {
    let month = content.ui.get(lang, &format!("month_{}", date.month()));
    let (day, year) = (date.day().to_string(), date.year().to_string());
    string(content, lang, "date_format", &[("day", &day), ("month", month), ("year", &year)]).replace(' ', "\u{a0}")
}
