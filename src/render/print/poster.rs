//! The incident poster's data: the steps and contacts of `render::incident`, shaped for paper,
//! and its three QR codes.

use serde_json::{Value, json};

use super::Common;
use crate::model::{Contact, Lang};
use crate::plan::Kit;
use crate::render::incident::incident;
use crate::render::text::string;

/// The poster's JSON data and its QR code files.
pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common, paper: &str) -> anyhow::Result<(Value, super::Files)> {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str| string(content, lang, key, &[]);
    let plan = incident(kit, lang);
    let provider = profile.it_provider.as_ref();
    let steps: Vec<Value> = plan
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // The provider's number is the largest figure on the poster; a missing one is a
            // line to write it on.
            // 17Cyber's and the CNIL's addresses are printed under their QR codes.
            let (call, blank) = match (&step.call, i) {
                (Some(call), 3) => (json!({ "label": call.label, "display": call.display, "size": 22 }), Value::Null),
                (Some(call), 4) => (json!({ "label": "", "display": call.display, "size": 13 }), Value::Null),
                (None, 3) => (Value::Null, json!(s("print_provider_blank"))),
                _ => (Value::Null, Value::Null),
            };
            json!({
                "title": step.title,
                "detail": step.detail,
                "call": call,
                "blank": blank,
            })
        })
        .collect();

    // The provider's card, when the profile names one; else step 4 already has the line to
    // write it on.
    let mut contacts = Vec::new();
    if let Some(p) = provider.filter(|p| p.name.is_some() || p.phone.is_some()) {
        let mut lines = Vec::new();
        lines.extend(p.name.clone());
        lines.extend(p.phone.as_ref().map(|ph| ph.display.clone()));
        let email = p.email.as_ref().map(|e| e.0.clone());
        lines.extend(email.clone());
        lines.extend(p.contract.clone());
        contacts.push(json!({
            "label": s("contact_it_provider"),
            "lines": lines,
            "addresses": email.into_iter().collect::<Vec<_>>(),
            "blank": null,
        }));
    }
    match &profile.csirt {
        Some(c) => contacts.push(contact(c, lang, s("print_csirt_what"))),
        None => contacts
            .push(json!({ "label": s("contact_csirt_label"), "lines": [s("contact_csirt_none")], "blank": null })),
    }
    let person = profile.practice.as_ref().and_then(|p| p.contact_person.clone());
    // One line under the cards, across the box.
    contacts.push(json!({
        "label": s("contact_practice_person"),
        "lines": person.iter().collect::<Vec<_>>(),
        "blank": if person.is_none() { json!(s("field_name")) } else { Value::Null },
        "inline": true,
    }));

    let (codes, files) = super::incident_qr_codes(kit, lang)?;

    let mut data = common.json(&format!("{} — {}", s("incident_title"), common.for_whom));
    let extra = json!({
        "paper": paper,
        "headline": s("incident_title"),
        "subtitle": common.for_whom,
        "intro": s("incident_intro"),
        "steps": steps,
        "contacts_title": s("contacts_title"),
        "contacts": contacts,
        "qr": codes,
        "qr_title": s("print_qr_title"),
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut data, extra) {
        base.extend(more);
    }
    Ok((data, files))
}

/// A reference contact on the poster: its name, what it does, and its confirmed values only.
/// `addresses` names the lines that are web or e-mail addresses, which break after a slash or an
/// @ (the template's `address`).
fn contact(c: &Contact, lang: &Lang, what: String) -> Value {
    let site = c.confirmed_website().map(|w| w.without_scheme().trim_end_matches('/').to_string());
    let mut lines = vec![what];
    lines.extend(c.confirmed_phone().map(|p| p.display.clone()));
    lines.extend(site.clone());
    json!({ "label": c.name.get(lang), "lines": lines, "addresses": site.into_iter().collect::<Vec<_>>(), "blank": null })
}
