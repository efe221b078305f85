//! Small text helpers shared by the renderers: interface strings with parameters, dates.

use crate::model::{Content, Date, Lang};

/// The interface string `key`, with each `{name}` replaced by its value. Values are plain text;
/// escaping is the template's job.
pub fn string(content: &Content, lang: &Lang, key: &str, params: &[(&str, &str)]) -> String {
    let mut text = content.ui.get(lang, key).to_string();
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A date the way its language writes it: `23 novembre 2026`, `23 November 2026`.
pub fn date(content: &Content, lang: &Lang, date: Date) -> String {
    let month = content.ui.get(lang, &format!("month_{}", date.month()));
    let (day, year) = (date.day().to_string(), date.year().to_string());
    string(content, lang, "date_format", &[("day", &day), ("month", month), ("year", &year)])
}
