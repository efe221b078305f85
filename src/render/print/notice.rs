//! The waiting-room notice's data: the short layer of `render::notice`, and a QR code to the full
//! notice on the mini-site when the kit knows where it is hosted.

use serde_json::{Value, json};

use super::{Common, Files};
use crate::model::{HttpsUrl, Lang};
use crate::plan::Kit;
use crate::render::notice::notice;
use crate::render::qr;
use crate::render::text::string;

/// The sections the waiting-room poster keeps, the ones the CNIL says are always owed (facts.md
/// §1.1); the site's page also has the DMP.
const SHORT_LAYER: [&str; 9] =
    ["controller", "contact", "purposes", "basis", "mandatory", "recipients", "retention", "rights", "complaint"];

pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<(Value, Files)> {
    let content = kit.content;
    let s = |key: &str| string(content, lang, key, &[]);
    let sections: Vec<Value> = notice(kit, lang)
        .into_iter()
        .filter(|section| SHORT_LAYER.contains(&section.id) || section.id == "dpo")
        .map(|section| {
            json!({
                "title": section.title,
                "paragraphs": section.paragraphs,
                "items": section.items,
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
