//! Languages and values given in each of them.

use serde::Serialize;

/// A language the project declares, by its code (`fr`, `en`): one file in `content/i18n/`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Lang(String);

impl Lang {
    pub fn new(code: impl Into<String>) -> Self {
        Lang(code.into())
    }

    pub fn code(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The project's languages: the source language (the one modules are written in first) comes
/// first, then the translations in code order.
#[derive(Debug, Clone)]
pub struct Languages {
    all: Vec<(Lang, String)>,
}

impl Languages {
    /// `source` first, then `translations`; each with its own name ("Français", "English").
    pub fn new(source: (Lang, String), mut translations: Vec<(Lang, String)>) -> Self {
        translations.sort();
        let mut all = vec![source];
        all.extend(translations);
        Languages { all }
    }

    pub fn source(&self) -> &Lang {
        &self.all[0].0
    }

    pub fn iter(&self) -> impl Iterator<Item = &Lang> {
        self.all.iter().map(|(l, _)| l)
    }

    pub fn find(&self, code: &str) -> Option<&Lang> {
        self.iter().find(|l| l.code() == code)
    }

    /// The language's own name for itself.
    pub fn name<'a>(&'a self, lang: &'a Lang) -> &'a str {
        self.all.iter().find(|(l, _)| l == lang).map_or(lang.code(), |(_, n)| n.as_str())
    }

    pub fn codes(&self) -> Vec<&str> {
        self.iter().map(Lang::code).collect()
    }
}

/// A value given in every language of the project (validation guarantees it is complete).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Localized<T> {
    values: Vec<(Lang, T)>,
}

impl<T> Localized<T> {
    /// `values` must hold every language of the project, which validation checks; the first
    /// value stands in for any other, so that a lookup never fails.
    pub fn new(values: Vec<(Lang, T)>) -> Option<Self> {
        if values.is_empty() { None } else { Some(Localized { values }) }
    }

    pub fn get(&self, lang: &Lang) -> &T {
        self.values.iter().find(|(l, _)| l == lang).map_or(&self.values[0].1, |(_, v)| v)
    }

    pub fn iter(&self) -> impl Iterator<Item = (&Lang, &T)> {
        self.values.iter().map(|(l, v)| (l, v))
    }
}
