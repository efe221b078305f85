//! The waiting-room notice's data: the short layer of `render::notice` (every section, in its
//! brief form where it has one), and a QR code to the full notice on the mini-site when the kit
//! knows where it is hosted.

use serde::Serialize;
use serde_json::Value;

use super::{Common, Files, Head, QrCode};
use crate::model::{HttpsUrl, Lang};
use crate::plan::Kit;
use crate::render::notice::{Field, notice};
use crate::render::qr;
use crate::render::text::phrase;

/// The notice's data, as `templates/print/notice.typ` reads it.
#[derive(Serialize)]
struct Notice<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    headline: String,
    subtitle: &'a str,
    intro: String,
    sections: Vec<NoticeSection>,
    /// The QR code to the full notice on the kit's site.
    qr: Option<QrCode>,
}

/// A section of the short layer.
#[derive(Serialize)]
struct NoticeSection {
    title: String,
    paragraphs: Vec<String>,
    items: Vec<String>,
    after: Vec<String>,
    fields: Vec<Field>,
}

pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<(Value, Files)> {
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let sections = notice(kit, lang)
        .into_iter()
        .map(|section| {
            // The short layer: every section (GDPR art. 13 owes them all), in its brief form
            // where it has one; the site's page says more.
            let (paragraphs, after) = match section.brief {
                Some(brief) => (brief, Vec::new()),
                None => (section.paragraphs, section.after),
            };
            NoticeSection { title: section.title, paragraphs, items: section.items, after, fields: section.fields }
        })
        .collect();
    let mut files = Files::new();
    let qr = match &kit.profile.site.base_url {
        Some(base) => {
            let base = base.0.trim_end_matches('/');
            let url = HttpsUrl(format!("{base}/{lang}/privacy.html"));
            let file = "/qr/notice.svg".to_string();
            files.push((file.clone(), qr::svg(&url)?.into_bytes()));
            let text = url.without_scheme().to_string();
            Some(QrCode { file, url: url.0, text, label: s("notice_full_version") })
        }
        None => None,
    };
    let notice = Notice {
        head: common.patients_head(match &common.practice {
            Some(practice) => format!("{} — {practice}", s("notice_title")),
            None => s("notice_title"),
        }),
        headline: s("notice_title"),
        // Patients read it: the practice's name, never the kit's audience ("for pharmacists").
        subtitle: common.practice.as_deref().unwrap_or_default(),
        intro: s("notice_intro"),
        sections,
        qr,
    };
    Ok((serde_json::to_value(notice)?, files))
}
