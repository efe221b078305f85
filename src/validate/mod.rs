//! The validate stage: raw, located data into the typed model, every problem reported.
//!
//! Each validator takes what `load` read, checks what the values mean (a known region, a real
//! phone number, a complete translation, a logo that is an image inside the project), and builds
//! the model. A value that fails is reported and left out, and validation goes on, so one run lists
//! every problem; the caller stops before planning when any error was found.

mod content;
pub mod field;
mod profile;
mod reference;

pub use content::content;
pub use profile::profile;

use crate::diag::{Diagnostics, Located, WithHint, suggest};
use crate::load::toml::RawLocalized;
use crate::model::{Date, Lang, Languages, Localized};
use field::Invalid;

/// How a key is named in messages: `phone` in [it_provider] becomes "`phone` in [it_provider]".
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

pub(crate) fn top<'a>(name: &'a str) -> Key<'a> {
    Key { name, table: None }
}

/// A text value: trimmed, and refused when it holds control characters (which no document can
/// print) or, unless `multiline`, a line break. A blank value counts as absent.
pub(crate) fn text(
    value: Option<Located<String>>,
    key: &Key<'_>,
    multiline: bool,
    diags: &mut Diagnostics,
) -> Option<String> {
    let value = value?;
    let trimmed = value.value.trim();
    if trimmed.is_empty() {
        return None;
    }
    if !multiline && trimmed.contains(['\n', '\r']) {
        diags.push(value.at.error(format!("{key} must fit on one line")).hint("remove the line breaks"));
        return None;
    }
    if let Some(c) = trimmed.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        diags.push(
            value
                .at
                .error(format!("{key} contains the control character U+{:04X}", c as u32))
                .hint("remove it; it cannot be printed"),
        );
        return None;
    }
    Some(trimmed.to_string())
}

/// A text value that must be present and not blank.
pub(crate) fn required_text(value: Option<Located<String>>, key: &Key<'_>, diags: &mut Diagnostics) -> Option<String> {
    let at = value.as_ref().map(|v| v.at.clone());
    let out = text(value, key, false, diags);
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
    match parse(&value.value) {
        Ok(v) => Some(v),
        Err(Invalid { problem, hint }) => {
            diags.push(value.at.error(format!("{key}: {problem}")).hint(hint));
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
