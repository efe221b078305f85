//! The incident poster's data: the steps and contacts of `render::incident`, shaped for paper,
//! and the QR codes of the steps done online (17Cyber, the CNIL's notification).

use serde_json::{Value, json};

use super::Common;
use crate::model::{Contact, Lang};
use crate::plan::Kit;
use crate::render::incident::{incident, others_to_call};
use crate::render::text::phrase;
use crate::render::typography;

/// The poster's JSON data and its QR code files.
pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common, paper: &str) -> anyhow::Result<(Value, super::Files)> {
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let plan = incident(kit, lang);
    let provider = profile.it_provider.as_ref();
    let (codes, files) = super::incident_qr_codes(kit, lang)?;
    let steps = plan
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // The provider's number is the largest figure on the poster; a missing one is a
            // line to write it on. A step done online has its address in full, and its QR code
            // beside it.
            let (call, blank) = match (&step.call, i) {
                (Some(call), 3) => (json!({ "label": call.label, "display": call.display, "size": 22 }), Value::Null),
                // 17Cyber's, and the portal a laboratory declares on (a step of its own).
                (Some(call), 4 | 6..) => (json!({ "label": "", "display": call.display, "size": 13 }), Value::Null),
                (Some(call), 5) => (json!({ "label": "", "display": call.display, "size": 11 }), Value::Null),
                (None, 3) => (Value::Null, json!(s("print_provider_blank"))),
                _ => (Value::Null, Value::Null),
            };
            // Under the provider's number (or the line to write it on), what the caller gives or
            // may need: its name when there is no number, the contract, the e-mail address.
            let more: Vec<String> = match (i, provider) {
                (3, Some(p)) => {
                    let name = p.name.clone().filter(|_| step.call.is_none());
                    let parts: Vec<String> =
                        name.into_iter().chain(p.contract.clone()).chain(p.email.iter().map(|e| e.0.clone())).collect();
                    if parts.is_empty() { vec![] } else { vec![parts.join(" · ")] }
                }
                _ => vec![],
            };
            let tel = step.call.as_ref().and_then(|c| c.tel.as_deref());
            let qr = codes.iter().find(|code| tel.is_some() && code["url"].as_str() == tel).cloned();
            json!({
                "title": step.title,
                "detail": step.detail,
                "call": call,
                "blank": blank,
                "more": more,
                "qr": qr,
            })
        })
        .collect::<Vec<Value>>();
    // A laboratory's own duty (declaring the incident on the national portal) is a line of the
    // CNIL's step, whose QR code leaves room beside it: a seventh step would not fit a page.
    let mut steps = steps;
    if steps.len() > 6 {
        let duty = steps.remove(6);
        steps[5]["duty"] = json!({ "title": duty["title"], "site": duty["call"]["display"] });
    }

    // The provider is step 4's, with its number, contract and e-mail; the box holds the others
    // to call.
    let mut contacts = Vec::new();
    // The insurer's assistance and the software vendor's support, beside the provider, when the
    // profile names them.
    for card in others_to_call(kit, lang).into_iter().filter(|c| c.name.is_some() || c.phone.is_some()) {
        let mut lines: Vec<String> = card.name.into_iter().collect();
        lines.extend(card.phone.map(|p| p.display));
        lines.extend(card.contract);
        contacts.push(json!({ "label": card.label, "lines": lines, "addresses": [], "blank": null }));
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

    let mut data = common.json(&format!("{} — {}", s("incident_title"), common.for_whom));
    let extra = json!({
        "paper": paper,
        "headline": s("incident_title"),
        "subtitle": common.for_whom,
        "intro": s("incident_intro"),
        "steps": steps,
        "contacts_title": s("contacts_title"),
        "contacts": contacts,
        "donts_title": s("incident_donts_title"),
        "donts": plan.donts,
        "emergency": plan.emergency,
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut data, extra) {
        base.extend(more);
    }
    Ok((data, files))
}

/// The longest web address a poster prints whole: a person types it from the wall.
const MAX_TYPED_ADDRESS: usize = 40;

/// A reference contact on the poster: its name, what it does, and its confirmed values only.
/// `addresses` names the lines that are web or e-mail addresses, which break after a slash or an
/// @ (the template's `address`).
fn contact(c: &Contact, lang: &Lang, what: String) -> Value {
    let site = c.confirmed_website().map(|w| w.without_scheme().trim_end_matches('/').to_string());
    // An address a person can type in a panic, or where to find it in a few words: never a
    // 90-character path.
    let (site, find) = match site {
        Some(s) if s.chars().count() > MAX_TYPED_ADDRESS => {
            let host = s.split('/').next().unwrap_or_default().to_string();
            (None, Some(c.find.as_ref().map_or(host, |f| typography::apply(f.get(lang), lang))))
        }
        other => (other, None),
    };
    let mut lines = vec![what];
    lines.extend(c.confirmed_phone().map(|p| p.display.clone()));
    lines.extend(site.clone());
    lines.extend(find);
    json!({ "label": c.name.get(lang), "lines": lines, "addresses": site.into_iter().collect::<Vec<_>>(), "blank": null })
}
