//! The validate stage: raw, located data into the typed model, every problem reported.
//!
//! Each validator takes what `load` read, checks what the values mean (a known region, a real
//! phone number, a complete translation, a logo that is an image inside the project), and builds
//! the model. A value that fails is reported and left out, and validation goes on, so one run lists
//! every problem; the caller stops before planning when any error was found.

mod agreement;
mod content;
mod facts;
pub mod field;
mod profile;
mod reference;
pub mod text;

pub use content::content;
pub use profile::profile;

use crate::diag::{Diagnostics, Located, WithHint, suggest};
use crate::load::toml::RawLocalized;
use crate::model::{Date, Lang, Languages, Localized};
use field::Invalid;

/// How a key is named in messages: `phone` in [`it_provider`] becomes "`phone` in [`it_provider`]".
pub(crate) struct Key<'a> {
    pub name: &'a str,
    pub table: Option<&'a str>,
}

impl std::fmt::Display for Key<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.table {
            Some(table) => write!(f, "`{}` in {table}", self.name),
            None => write!(f, "`{}`", self.name),
        }
    }
}

pub(crate) fn key<'a>(name: &'a str, table: &'a str) -> Key<'a> {
    Key { name, table: Some(table) }
}

pub(crate) fn top(name: &str) -> Key<'_> {
    Key { name, table: None }
}

/// A text value: trimmed, and refused when it holds control characters (which no document can
/// print) or, unless its shape allows them, line breaks; when it is too long for a document; when it holds
/// an invisible character; or when no embedded font has one of its characters. A blank value
/// counts as absent.
pub(crate) fn text(
    value: Option<Located<String>>,
    key: &Key<'_>,
    shape: Shape,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = value?;
    let trimmed = value.value.trim();
    if trimmed.is_empty() {
        return None;
    }
    // A profile's printed value has its own maximum (`limits`); the rest their shape's.
    let max = key.table.and_then(|t| crate::limits::max_chars(t, key.name)).unwrap_or(shape.max_chars());
    if let Some(problem) = text::value_problem(trimmed, shape, max) {
        let (message, hint) = problem.english();
        diags.push(value.at.error(format!("{key} {message}")).hint(hint).said(problem));
        return None;
    }
    Some(trimmed.to_string())
}

/// A value as a message shows it: the characters that cannot be seen written as `\u{…}`.
pub(crate) fn shown(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c == '\n' {
                "\\n".to_string()
            } else if c.is_control() || crate::fonts::invisible(c).is_some() || c.is_whitespace() && c != ' ' {
                format!("\\u{{{:04X}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// What a text value is, which decides its line breaks and its length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Shape {
    /// A name: one line, as long as two lines of a poster's contact box.
    Name,
    /// One line of a profile: a contract, a platform, a recipient.
    Line,
    /// A profile value that may hold line breaks: an address.
    Lines,
    /// A sentence of the content or the reference data: one line, up to a paragraph.
    Prose,
    /// A note for whoever edits the reference data: never printed.
    Note,
}

impl Shape {
    fn multiline(self) -> bool {
        matches!(self, Shape::Lines | Shape::Note)
    }

    /// The most characters a document has room for.
    pub(crate) fn max_chars(self) -> usize {
        match self {
            Shape::Name => 150,
            Shape::Line | Shape::Lines => 300,
            Shape::Prose => 1000,
            Shape::Note => usize::MAX,
        }
    }
}

/// A text value that must be present and not blank.
pub(crate) fn required_text(value: Option<Located<String>>, key: &Key<'_>, diags: &mut Diagnostics) -> Option<String> {
    let at = value.as_ref().map(|v| v.at.clone());
    let out = text(value, key, Shape::Prose, diags);
    if out.is_none()
        && let Some(at) = at
        && !diags.has_error_at(&at)
    {
        diags.push(at.error(format!("{key} is empty")).hint("write a value"));
    }
    out
}

/// A typed value, parsed by one of the `field` parsers.
pub(crate) fn typed<T>(
    value: Option<Located<String>>,
    key: &Key<'_>,
    parse: impl FnOnce(&str) -> Result<T, Invalid>,
    diags: &mut Diagnostics,
) -> Option<T> {
    let value = value?;
    if value.value.trim().is_empty() {
        return None;
    }
    // A printed e-mail address has its maximum too.
    if let Some(max) = key.table.and_then(|t| crate::limits::max_chars(t, key.name)) {
        let length = value.value.trim().chars().count();
        if length > max {
            let problem = crate::problem::Problem::TooLong { length, max };
            let (message, hint) = problem.english();
            diags.push(value.at.error(format!("{key} {message}")).hint(hint).said(problem));
            return None;
        }
    }
    match parse(&value.value) {
        Ok(v) => Some(v),
        Err(Invalid { problem, hint, said }) => {
            let diagnostic = value.at.error(format!("{key}: {problem}")).hint(hint);
            diags.push(crate::diag::Diagnostic { problem: said, ..diagnostic });
            None
        }
    }
}

/// A date that must be present.
pub(crate) fn date(value: Option<Located<String>>, key: &Key<'_>, diags: &mut Diagnostics) -> Option<Date> {
    typed(value, key, field::date, diags)
}

/// A text given in every language of the project.
pub(crate) fn localized(
    value: Option<Located<RawLocalized<Located<String>>>>,
    key: &Key<'_>,
    languages: &Languages,
    diags: &mut Diagnostics,
) -> Option<Localized<String>> {
    let value = value?;
    let pairs = match value.value {
        RawLocalized::Same(s) => {
            let s = required_text(Some(s), key, diags)?;
            languages.iter().map(|l| (l.clone(), s.clone())).collect()
        }
        RawLocalized::ByLang(by_lang) => {
            let mut pairs: Vec<(Lang, String)> = Vec::new();
            for (code, s) in by_lang {
                let Some(lang) = languages.find(&code.value) else {
                    diags.push(unknown_language(&code, languages));
                    continue;
                };
                let name = format!("{}.{}", key.name, code.value);
                if let Some(s) = required_text(Some(s), &Key { name: &name, table: key.table }, diags) {
                    pairs.push((lang.clone(), s));
                }
            }
            for lang in languages.iter() {
                if !pairs.iter().any(|(l, _)| l == lang) {
                    diags.push(
                        value.at.error(format!("{key} has no `{lang}` text")).hint(format!("add `{lang} = \"...\"`")),
                    );
                }
            }
            pairs.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
            pairs
        }
    };
    Localized::new(pairs)
}

pub(crate) fn unknown_language(code: &Located<String>, languages: &Languages) -> crate::diag::Diagnostic {
    code.at.error(format!("unknown language `{}`", code.value)).hint(format!(
        "{}; a language is added with a file `content/i18n/<code>.toml`",
        suggest(&code.value, &languages.codes(), "one of the project's languages")
    ))
}
