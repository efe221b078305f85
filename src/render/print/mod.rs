//! The printed documents, rendered by Typst embedded as a library: for each language of a kit,
//! the incident poster (A4 and A3) — more documents follow.
//!
//! Each document is a template of `templates/print/` and one JSON file of data built here; the
//! QR codes are SVG files served from memory. Profile values are JSON strings, which a template
//! shows as text: they are never spliced into Typst source.

pub mod compile;
mod poster;
pub mod world;

use std::collections::HashMap;

use serde_json::{Value, json};
use typst::foundations::{Bytes, Datetime};

use super::text::{date, string};
use super::{Artifact, Renderer, typography};
use crate::model::{Date, Lang};
use crate::plan::Kit;
use world::{Env, file_id};

/// Files a document needs beside its data (QR codes), by virtual path.
pub type Files = Vec<(String, Vec<u8>)>;

/// The print templates beyond `common.typ`.
const DOCUMENTS: [(&str, &str); 1] = [("/poster.typ", include_str!("../../../templates/print/poster.typ"))];

/// The print renderer: the Typst environment, built once.
pub struct Print {
    env: Env,
}

impl Print {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Print { env: Env::new(&DOCUMENTS)? })
    }

    /// Compiles `template` with `data` (and extra files such as QR codes) into `<stem>.pdf` and
    /// its thumbnail `<stem>.png`.
    fn document(
        &self,
        kit: &Kit<'_>,
        template: &str,
        stem: &str,
        data: &Value,
        extra: Files,
    ) -> anyhow::Result<Vec<Artifact>> {
        let mut files = HashMap::new();
        files.insert(file_id("/data/document.json"), Bytes::new(serde_json::to_vec(data)?));
        for (path, bytes) in extra {
            files.insert(file_id(&path), Bytes::new(bytes));
        }
        let day = datetime(kit.date);
        let world = self.env.world(template, files, day);
        let ident = format!("cyberkit/{}/{stem}", kit.profile.id);
        let compiled = compile::compile(&world, &ident, day, true)
            .map_err(|e| anyhow::anyhow!("{e}\n  (while rendering {stem}.pdf of {})", kit.profile.id))?;
        Ok(vec![
            Artifact { path: format!("{stem}.pdf"), bytes: compiled.pdf },
            Artifact { path: format!("{stem}.png"), bytes: compiled.thumbnail },
        ])
    }
}

impl Renderer for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn render(&self, kit: &Kit<'_>) -> anyhow::Result<Vec<Artifact>> {
        let mut out = Vec::new();
        for lang in &kit.profile.languages {
            let common = Common::new(kit, lang);
            for paper in ["a4", "a3"] {
                let (data, qr) = poster::data(kit, lang, &common, paper)?;
                out.extend(self.document(kit, "/poster.typ", &format!("print/{lang}/poster-{paper}"), &data, qr)?);
            }
        }
        Ok(out)
    }
}

fn datetime(date: Date) -> Datetime {
    Datetime::from_ymd(i32::from(date.year()), date.month() as u8, date.day() as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2026, 1, 1).expect("a valid date"))
}

/// What every document of a kit in one language says about itself.
pub(crate) struct Common {
    lang: Lang,
    /// The kit's accent colour.
    colour: String,
    /// Who made the document: the publisher, else the practice.
    author: String,
    /// For whom: the practice, or the profession in the region.
    for_whom: String,
    /// The footer: who, for whom, when, sources.
    footer: Vec<String>,
}

impl Common {
    fn new(kit: &Kit<'_>, lang: &Lang) -> Self {
        let content = kit.content;
        let profile = kit.profile;
        let s = |key: &str, params: &[(&str, &str)]| typography::apply(&string(content, lang, key, params), lang);
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
        let mut footer = Vec::new();
        // A practice that publishes its own kit is named once.
        if let Some(p) = publisher.as_ref().filter(|p| Some(*p) != practice.as_ref()) {
            footer.push(s("footer_published_by", &[("publisher", p)]));
        }
        footer.push(for_whom.clone());
        if let Some(d) = content.updated() {
            footer.push(s("footer_updated", &[("date", &date(content, lang, d))]));
        }
        footer.push(s("footer_sources", &[]));
        let colour = profile.publisher.as_ref().and_then(|p| p.colour).map_or("#0b5394".to_string(), |c| c.hex());
        Common { lang: lang.clone(), colour, author, for_whom, footer }
    }

    /// The fields every document's data starts with.
    fn json(&self, title: &str) -> Value {
        json!({
            "lang": self.lang.code(),
            "title": title,
            "author": self.author,
            "colour": self.colour,
            "footer": self.footer,
        })
    }
}
