//! Small text helpers shared by the renderers: interface strings with parameters, dates.

use super::typography;
use crate::model::{Content, Date, Lang, WorkplaceWords};
use crate::plan::Kit;

/// The interface string `key`, with its language's typography, and each `{name}` replaced by
/// its value. Typography is applied before the values go in, so a profile's value is printed
/// exactly as written. Values are plain text; escaping is the template's job.
pub fn string(content: &Content, lang: &Lang, key: &str, params: &[(&str, &str)]) -> String {
    fill(typography::apply(content.ui.get(lang, key), lang), params)
}

/// The interface string `key` for a kit: as [`string`], with the words for where its profession
/// practises (`{workplace}`: le cabinet, l'officine, le laboratoire) put in first, so that a
/// profile's value that happens to read `{workplace}` is printed as written.
pub fn phrase(kit: &Kit<'_>, lang: &Lang, key: &str, params: &[(&str, &str)]) -> String {
    let text = typography::apply(kit.content.ui.get(lang, key), lang);
    fill(with_workplace(&text, kit.profile.profession.workplace.words.get(lang)), params)
}

/// `text` with the workplace's words in place of `{workplace}`, `{Workplace}`, `{your_workplace}`,
/// `{of_workplace}`, `{at_workplace}`, `{workplace_name}` and `{waiting}`.
pub fn with_workplace(text: &str, words: &WorkplaceWords) -> String {
    let mut text = text.to_string();
    if !text.contains('{') {
        return text;
    }
    for (name, value) in [
        ("workplace", &words.the),
        ("Workplace", &words.the_start),
        ("your_workplace", &words.your),
        ("of_workplace", &words.of),
        ("at_workplace", &words.at),
        ("workplace_name", &words.name),
        ("waiting", &words.waiting),
    ] {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A module's title, summary or checklist item for a kit: its typography, then the words of the
/// kit's workplace.
pub fn front(kit: &Kit<'_>, lang: &Lang, text: &str) -> String {
    let words = kit.profile.profession.workplace.words.get(lang);
    super::placeholders::in_front_matter(&typography::apply(text, lang), words)
}

fn fill(mut text: String, params: &[(&str, &str)]) -> String {
    if !text.contains('{') {
        return text;
    }
    for (name, value) in params {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}

/// A date the way its language writes it: `23 novembre 2026`, `23 November 2026`, with no-break
/// spaces: a line never ends inside a date.
pub fn date(content: &Content, lang: &Lang, date: Date) -> String {
    let month = content.ui.get(lang, &format!("month_{}", date.month()));
    // The first of the month is an ordinal in some languages: `1er décembre`.
    let day = if date.day() == 1 { content.ui.get(lang, "date_first_day").to_string() } else { date.day().to_string() };
    let year = date.year().to_string();
    string(content, lang, "date_format", &[("day", &day), ("month", month), ("year", &year)]).replace(' ', "\u{a0}")
}
