//! The content: the project's languages, its interface strings, the reference data and the
//! modules of advice.

use std::collections::BTreeMap;

use super::{Date, Lang, Languages, Localized, Reference};

/// The three parts a kit is organised in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Protect the workstation, the accounts and the network.
    Protect,
    /// Protect the data: messaging, backups, destruction, the RGPD.
    Data,
    /// React: recognise an incident, respond, keep the practice running.
    React,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Protect, Part::Data, Part::React];

    /// The name used in front matter and in file names.
    pub fn slug(self) -> &'static str {
        match self {
            Part::Protect => "protect",
            Part::Data => "data",
            Part::React => "react",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// The placeholders a module may use, e.g. `{{ it_provider.name }}`. They are replaced in text
/// nodes after Markdown parsing, so a profile value is always plain text; one that the profile
/// does not fill in reads as the interface string `placeholder.<name>` ("votre prestataire
/// informatique").
pub const PLACEHOLDERS: &[&str] = &[
    "profession.one",
    "profession.many",
    "region.name",
    "csirt.name",
    "it_provider.name",
    "practice.name",
    "publisher.name",
    "retention.summary",
];

/// The interface strings the program itself uses: every language file must have them. Each
/// placeholder a profile may leave empty has its fallback, `placeholder_<name>`.
pub const REQUIRED_STRINGS: &[&str] = &[
    "kit_title",
    "part_protect",
    "part_protect_intro",
    "part_data",
    "part_data_intro",
    "part_react",
    "part_react_intro",
    "placeholder_it_provider_name",
    "placeholder_csirt_name",
    "placeholder_practice_name",
    "placeholder_publisher_name",
];

/// One module of advice, in every language.
#[derive(Debug, Clone)]
pub struct Module {
    /// From the file name: `passwords` for `passwords.fr.md`.
    pub id: String,
    pub part: Part,
    /// Its rank within its part.
    pub order: i64,
    /// The professions it concerns; `None` when it concerns them all.
    pub professions: Option<Vec<String>>,
    pub text: Localized<ModuleText>,
}

impl Module {
    pub fn concerns(&self, profession: &str) -> bool {
        self.professions.as_ref().is_none_or(|ps| ps.iter().any(|p| p == profession))
    }
}

/// A module's text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleText {
    pub title: String,
    pub summary: String,
    /// The items it adds to the printable checklist.
    pub checklist: Vec<String>,
    pub updated: Date,
    /// The Markdown body, placeholders still in it.
    pub body: String,
}

/// The interface strings of every language (`content/i18n/<lang>.toml`, table `[strings]`).
#[derive(Debug, Clone)]
pub struct UiStrings {
    pub strings: Localized<BTreeMap<String, String>>,
}

impl UiStrings {
    /// The string `key` in `lang`; validation checks every language has the source's keys.
    pub fn get<'a>(&'a self, lang: &Lang, key: &'a str) -> &'a str {
        self.strings.get(lang).get(key).map_or(key, String::as_str)
    }
}

/// Everything under `content/`, validated.
#[derive(Debug, Clone)]
pub struct Content {
    pub languages: Languages,
    pub ui: UiStrings,
    pub reference: Reference,
    /// Sorted by part, then order, then id.
    pub modules: Vec<Module>,
}

impl Content {
    /// The newest `updated` date of the content: the date a kit says it is up to date at.
    pub fn updated(&self) -> Option<Date> {
        self.modules.iter().flat_map(|m| m.text.iter().map(|(_, t)| t.updated)).max()
    }
}
