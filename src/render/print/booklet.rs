//! The booklet's data: the kit's modules by part, in Typst markup made by our Markdown converter,
//! the practice's contacts, and the incident steps with their QR codes for the back cover.

use serde_json::{Value, json};
use typst::foundations::Label;
use typst::introspection::Introspector as _;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{Common, Files};
use crate::model::{Contact, Lang, Part};
use crate::plan::Kit;
use crate::render::incident::incident;
use crate::render::markdown::to_typst;
use crate::render::placeholders::Placeholders;
use crate::render::text::{date, front, phrase};

/// The booklet's JSON data, and its files (the logo, the QR codes).
pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<(Value, Files)> {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str, params: &[(&str, &str)]| phrase(kit, lang, key, params);
    let values = Placeholders::new(content, profile, lang);
    let parts: Vec<Value> = Part::ALL
        .iter()
        .filter(|part| kit.modules.iter().any(|m| m.part == **part))
        .map(|part| {
            let modules: Vec<Value> = kit
                .modules
                .iter()
                .filter(|m| m.part == *part)
                .map(|m| {
                    let text = m.text.get(lang);
                    json!({
                        "title": front(kit, lang, &text.title),
                        "summary": front(kit, lang, &text.summary),
                        // Module `##` headings sit under the module's own title (level 2).
                        "body": to_typst(&text.body, &values, lang, 1),
                        "checklist": text.checklist.iter().map(|c| front(kit, lang, c)).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "title": s(&format!("part_{}", part.slug()), &[]),
                "intro": s(&format!("part_{}_intro", part.slug()), &[]),
                "modules": modules,
            })
        })
        .collect();

    let practice = profile.practice.clone().unwrap_or_default();
    let provider = profile.it_provider.clone().unwrap_or_default();
    let field = |label: &str, value: Option<String>| json!({ "label": s(label, &[]), "value": value });
    let contacts = vec![
        field("checklist_practice", practice.name.clone()),
        field("field_phone", practice.phone.as_ref().map(|p| p.display.clone())),
        field("contact_practice_person", practice.contact_person.clone()),
        field("contact_it_provider", provider.name.clone()),
        field("field_phone", provider.phone.as_ref().map(|p| p.display.clone())),
        field("booklet_contract", provider.contract.clone()),
        csirt_field(profile.csirt.as_ref(), lang, s("contact_csirt_label", &[])),
    ];

    let plan = incident(kit, lang);
    let (codes, mut files) = super::incident_qr_codes(kit, lang)?;
    let logo = profile.publisher.as_ref().and_then(|p| p.logo.as_ref());
    if let Some(logo) = logo {
        files.push(("/data/logo.png".to_string(), logo.png.clone()));
    }
    let publisher = profile.publisher.as_ref().and_then(|p| p.name.clone());
    let profession = &profile.profession.name.get(lang).many;
    let headline = s("booklet_title", &[("profession", profession)]);
    let mut data = common.json(&headline);
    let extra = json!({
        "headline": headline,
        "subtitle": common.for_whom,
        "publisher": publisher,
        "logo": logo.is_some(),
        "logo_alt": s("logo_alt", &[("publisher", publisher.as_deref().unwrap_or_default())]),
        "updated": content.updated().map(|d| s("footer_updated", &[("date", &date(content, lang, d))])),
        "contents_title": s("booklet_contents", &[]),
        "checklist_title": s("module_checklist_title", &[]),
        "parts": parts,
        "contacts_title": s("booklet_contacts_title", &[]),
        "contacts": contacts,
        "incident": {
            "title": s("incident_title", &[]),
            "steps": plan.steps.iter().map(|st| st.title.clone()).collect::<Vec<_>>(),
            "qr": codes,
        },
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut data, extra) {
        base.extend(more);
    }
    Ok((data, files))
}

/// The page where a laid-out booklet's modules end (its `<modules-end>` label).
pub fn modules_end(document: &PagedDocument) -> Option<usize> {
    let label = Label::new(PicoStr::intern("modules-end"))?;
    let introspector = document.introspector();
    let location = introspector.query_label(label).ok()?.location()?;
    introspector.page(location).map(|page| page.get())
}

/// The regional CSIRT's line among the contacts: its number when confirmed, else its site, so
/// that a reader always has a way to reach it. The site goes on a line of its own (`address`),
/// where it breaks after its slashes.
fn csirt_field(csirt: Option<&Contact>, lang: &Lang, label: String) -> Value {
    let (value, address) = match csirt {
        Some(c) => {
            let name = c.name.get(lang).clone();
            match (c.confirmed_phone(), c.confirmed_website()) {
                (Some(phone), _) => (Some(format!("{name} · {}", phone.display)), None),
                (None, Some(site)) => (Some(name), Some(site.without_scheme().trim_end_matches('/').to_string())),
                (None, None) => (Some(name), None),
            }
        }
        None => (None, None),
    };
    json!({ "label": label, "value": value, "address": address })
}
