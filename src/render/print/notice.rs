//! The waiting-room notice's data: the short layer of `render::notice` (every section, in its
//! brief form where it has one), and a QR code to the full notice on the mini-site when the kit
//! knows where it is hosted.

use serde_json::{Value, json};

use super::{Common, Files};
use crate::model::{HttpsUrl, Lang};
use crate::plan::Kit;
use crate::render::notice::notice;
use crate::render::qr;
use crate::render::text::phrase;

pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<(Value, Files)> {
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let sections: Vec<Value> = notice(kit, lang)
        .into_iter()
        .map(|section| {
            // The short layer: every section (GDPR art. 13 owes them all), in its brief form
            // where it has one; the site's page says more.
            let (paragraphs, after) = match section.brief {
                Some(brief) => (brief, Vec::new()),
                None => (section.paragraphs, section.after),
            };
            json!({
                "title": section.title,
                "paragraphs": paragraphs,
                "items": section.items,
                "after": after,
                "fields": section.fields.iter().map(|f| json!({ "label": f.label, "value": f.value })).collect::<Vec<_>>(),
            })
        })
        .collect();
    let mut files = Files::new();
    let qr_code = match &kit.profile.site.base_url {
        Some(base) => {
            let base = base.0.trim_end_matches('/');
            let url = HttpsUrl(format!("{base}/{lang}/privacy.html"));
            files.push(("/qr/notice.svg".to_string(), qr::svg(&url)?.into_bytes()));
            json!({ "file": "/qr/notice.svg", "url": url.0, "text": url.without_scheme(), "label": s("notice_full_version") })
        }
        None => Value::Null,
    };
    let mut data = common.json(&format!("{} — {}", s("notice_title"), common.for_whom));
    let extra = json!({
        "headline": s("notice_title"),
        "subtitle": common.for_whom,
        "intro": s("notice_intro"),
        "sections": sections,
        "qr": qr_code,
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut data, extra) {
        base.extend(more);
    }
    Ok((data, files))
}
