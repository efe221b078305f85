//! The incident poster's data: the steps and contacts of `render::incident`, shaped for paper,
//! and the QR codes of the steps done online (17Cyber, the CNIL's notification).

use serde::Serialize;
use serde_json::Value;

use super::{Common, Head, QrCode};
use crate::model::Lang;
use crate::plan::{Kit, Paper};
use crate::render::incident::{self, incident, others_to_call};
use crate::render::text::phrase;

/// The poster's data, as `templates/print/poster.typ` reads it.
#[derive(Serialize)]
struct Poster<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    /// `a4` or `a3`.
    paper: &'static str,
    headline: String,
    subtitle: &'a str,
    intro: String,
    steps: Vec<Step>,
    contacts_title: String,
    contacts: Vec<ContactBox>,
    donts_title: String,
    donts: Vec<String>,
    emergency: String,
}

/// A numbered step.
#[derive(Serialize)]
struct Step {
    /// Its pictogram, an SVG.
    icon: String,
    title: String,
    detail: String,
    call: Option<Call>,
    /// The line to write a missing number on: the text under it.
    blank: Option<String>,
    /// Lines under the number: what the caller gives or may need.
    more: Vec<String>,
    qr: Option<QrCode>,
    /// A duty of the profession's own (a laboratory's declaration), as a line of this step.
    #[serde(skip_serializing_if = "Option::is_none")]
    duty: Option<Duty>,
}

/// A number or address printed in a step, at `size` points.
#[derive(Serialize)]
struct Call {
    label: String,
    display: String,
    size: u32,
}

#[derive(Serialize)]
struct Duty {
    title: String,
    site: Option<String>,
}

/// A card of the contacts' box.
#[derive(Serialize)]
struct ContactBox {
    label: String,
    lines: Vec<String>,
    /// Which of `lines` are web or e-mail addresses, which break after a slash or an @ (the
    /// template's `address`).
    #[serde(skip_serializing_if = "Option::is_none")]
    addresses: Option<Vec<String>>,
    blank: Option<String>,
    /// A line across the box, under the cards.
    #[serde(skip_serializing_if = "Option::is_none")]
    inline: Option<bool>,
}

/// The poster's JSON data and its QR code files.
pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common, paper: Paper) -> anyhow::Result<(Value, super::Files)> {
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let plan = incident(kit, lang);
    let provider = profile.it_provider.as_ref();
    let (codes, files) = super::incident_qr_codes(kit, lang)?;
    let mut steps: Vec<Step> = plan
        .steps
        .iter()
        .enumerate()
        .map(|(i, step)| {
            // The provider's number is the largest figure on the poster; a missing one is a
            // line to write it on. A step done online has its address in full, and its QR code
            // beside it.
            let sized = |label: &str, call: &incident::Call, size| {
                Some(Call { label: label.to_string(), display: call.display.clone(), size })
            };
            let (call, blank) = match (&step.call, i) {
                (Some(call), 3) => (sized(&call.label, call, 22), None),
                // 17Cyber's, and the portal a laboratory declares on (a step of its own).
                (Some(call), 4 | 6..) => (sized("", call, 13), None),
                (Some(call), 5) => (sized("", call, 11), None),
                (None, 3) => (None, Some(s("print_provider_blank"))),
                _ => (None, None),
            };
            // Under the provider's number (or the line to write it on), what the caller gives or
            // may need: its name when there is no number, the contract; and the e-mail address on
            // a line of its own, where it breaks after its @ or its dots only when it must.
            let more: Vec<String> = match (i, provider) {
                (3, Some(p)) => {
                    let name = p.name.clone().filter(|_| step.call.is_none());
                    let parts: Vec<String> =
                        name.into_iter().chain(p.contract.clone()).chain(p.email.iter().map(|e| e.0.clone())).collect();
                    let joined = parts.join(" · ");
                    // One line when they hold on one; else the address on a line of its own.
                    match (&p.email, joined.chars().count() > MAX_JOINED) {
                        (Some(email), true) => {
                            let rest = &parts[..parts.len() - 1];
                            let rest = (!rest.is_empty()).then(|| rest.join(" · "));
                            rest.into_iter().chain([email.0.clone()]).collect()
                        }
                        _ if parts.is_empty() => vec![],
                        _ => vec![joined],
                    }
                }
                _ => vec![],
            };
            let tel = step.call.as_ref().and_then(|c| c.tel.as_deref());
            let qr = codes.iter().find(|code| tel == Some(code.url.as_str())).cloned();
            Step {
                icon: common.icon(step.icon),
                title: step.title.clone(),
                detail: step.detail.clone(),
                call,
                blank,
                more,
                qr,
                duty: None,
            }
        })
        .collect();
    // A laboratory's own duty (declaring the incident on the national portal) is a line of the
    // CNIL's step, whose QR code leaves room beside it: a seventh step would not fit a page.
    if steps.len() > 6 {
        let duty = steps.remove(6);
        steps[5].duty = Some(Duty { title: duty.title, site: duty.call.map(|c| c.display) });
    }

    // The provider is step 4's, with its number, contract and e-mail; the box holds the others
    // to call.
    let mut contacts = Vec::new();
    // The insurer's assistance and the software vendor's support, beside the provider: their
    // names and numbers, or a line to write them on (step 4 says to call the insurer).
    for card in others_to_call(kit, lang) {
        let mut lines: Vec<String> = card.name.into_iter().collect();
        lines.extend(card.phone.map(|p| p.display));
        let blank = lines.is_empty().then(|| s("print_contact_blank"));
        lines.extend(card.contract);
        contacts.push(ContactBox { label: card.label, lines, addresses: Some(vec![]), blank, inline: None });
    }
    contacts.push(match incident::csirt(profile, lang) {
        Some((c, reach)) => contact(c.name.get(lang).clone(), reach, s("print_csirt_what")),
        None => ContactBox {
            label: s("contact_csirt_label"),
            lines: vec![s("contact_csirt_none")],
            addresses: None,
            blank: None,
            inline: None,
        },
    });
    let person = profile.practice.as_ref().and_then(|p| p.contact_person.clone());
    // One line under the cards, across the box.
    contacts.push(ContactBox {
        label: s("contact_practice_person"),
        blank: if person.is_none() { Some(s("field_name")) } else { None },
        lines: person.into_iter().collect(),
        addresses: None,
        inline: Some(true),
    });

    let poster = Poster {
        head: common.head(format!("{} — {}", s("incident_title"), common.for_whom)),
        paper: paper.code(),
        headline: s("incident_title"),
        subtitle: &common.for_whom,
        intro: s("incident_intro"),
        steps,
        contacts_title: s("contacts_title"),
        contacts,
        donts_title: s("incident_donts_title"),
        donts: plan.donts,
        emergency: plan.emergency,
    };
    Ok((serde_json::to_value(poster)?, files))
}

/// The most characters of the provider's details on one line under its number (a line of the
/// step's column holds about 75).
const MAX_JOINED: usize = 70;

/// A reference contact on the poster: its name, what it does, and how to reach it (one source
/// with every other document: `incident::reach`). `addresses` names the lines that are web
/// addresses, which break after a slash (the template's `address`).
fn contact(label: String, reach: incident::Reach, what: String) -> ContactBox {
    let mut lines = vec![what];
    lines.extend(reach.phone.map(|p| p.display));
    lines.extend(reach.hours);
    let site = reach.website.map(|w| w.text);
    lines.extend(site.clone());
    let addresses = if reach.typed { site.into_iter().collect() } else { vec![] };
    ContactBox { label, lines, addresses: Some(addresses), blank: None, inline: None }
}
