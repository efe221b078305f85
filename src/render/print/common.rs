//! What every print document of a kit in one language says about itself — who made it, for
//! whom, its colour and footer — and the fields every document's data starts with.

use serde::Serialize;

use crate::model::Lang;
use crate::plan::Kit;
use crate::render::text::{date, phrase};

/// The fields every document's data starts with, as `common.typ` reads them.
#[derive(Serialize)]
pub(super) struct Head<'a> {
    lang: &'a str,
    /// The PDF's title.
    title: String,
    author: &'a str,
    /// The kit's accent colour, `#0b5394`.
    colour: &'a str,
    /// The footer's lines.
    footer: &'a [String],
}

/// What every document of a kit in one language says about itself.
pub(crate) struct Common {
    lang: Lang,
    /// The kit's accent colour.
    colour: String,
    /// Who made the document: the publisher, else the practice.
    author: String,
    /// For whom: the practice, or the profession in the region.
    pub(super) for_whom: String,
    /// The practice, when the kit is a practice's; and the region, for a document whose title
    /// names the profession already (the booklet) or that patients read (the notice).
    pub(super) practice: Option<String>,
    pub(super) region: String,
    /// The footer: who, for whom, when, sources.
    pub(super) footer: Vec<String>,
    /// The footer of a document patients read (the notice): the practice, never the kit's
    /// audience ("for pharmacists").
    patients_footer: Vec<String>,
}

impl Common {
    pub(super) fn new(kit: &Kit<'_>, lang: &Lang) -> Self {
        let content = kit.content;
        let profile = kit.profile;
        let s = |key: &str, params: &[(&str, &str)]| phrase(kit, lang, key, params);
        let profession = &profile.profession.name.get(lang).many;
        let region = profile.region.name.get(lang);
        let practice = profile.practice.as_ref().and_then(|p| p.name.clone());
        let publisher = profile.publisher.as_ref().and_then(|p| p.name.clone());
        let author = publisher.clone().or(practice.clone()).unwrap_or_else(|| "cyberkit".to_string());
        let kit_for = s("kit_for", &[("profession", profession), ("region", region)]);
        let for_whom = match &practice {
            Some(p) => format!("{p} · {kit_for}"),
            None => kit_for,
        };
        // A practice that publishes its own kit is named once.
        let published_by = publisher
            .as_ref()
            .filter(|p| Some(*p) != practice.as_ref())
            .map(|p| s("footer_published_by", &[("publisher", p)]));
        let updated = content.updated().map(|d| s("footer_updated", &[("date", &date(content, lang, d))]));
        let sources = s("print_footer_sources", &[]);
        let footer_with = |whom: Option<&String>| -> Vec<String> {
            [published_by.clone(), whom.cloned(), updated.clone(), Some(sources.clone())]
                .into_iter()
                .flatten()
                .collect()
        };
        let footer = footer_with(Some(&for_whom));
        let patients_footer = footer_with(practice.as_ref());
        let colour = profile.publisher.as_ref().and_then(|p| p.colour).map_or("#0b5394".to_string(), |c| c.hex());
        Common {
            lang: lang.clone(),
            colour,
            author,
            for_whom,
            footer,
            patients_footer,
            practice,
            region: region.clone(),
        }
    }

    /// The pictogram `name` in the kit's colour, as an SVG.
    pub(super) fn icon(&self, name: &str) -> String {
        crate::icons::coloured(name, &self.colour)
    }

    /// The fields every document's data starts with.
    pub(super) fn head(&self, title: String) -> Head<'_> {
        Head { lang: self.lang.code(), title, author: &self.author, colour: &self.colour, footer: &self.footer }
    }

    /// The fields of a document that patients read: its footer names no audience.
    pub(super) fn patients_head(&self, title: String) -> Head<'_> {
        Head { footer: &self.patients_footer, ..self.head(title) }
    }
}
