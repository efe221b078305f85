//! What to do in an incident, for one kit in one language: the numbered first steps and who to
//! call. The site's incident page and the printed poster both show this, so it is built once,
//! here, from the profile and the reference data. Unconfirmed values are never included.

use serde::Serialize;

use super::text::phrase;
use super::typography;
use crate::model::{Contact, Lang};
use crate::plan::Kit;

/// One numbered step.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    /// The name of its pictogram.
    pub icon: &'static str,
    pub title: String,
    pub detail: String,
    /// Who to call at this step, when the kit knows.
    pub call: Option<Call>,
}

/// A number or address to reach at a step.
#[derive(Debug, Clone, Serialize)]
pub struct Call {
    pub label: String,
    pub display: String,
    /// A `tel:` or `https:` link.
    pub tel: Option<String>,
}

/// A phone number with its `tel:` link.
#[derive(Debug, Clone, Serialize)]
pub struct PhoneView {
    pub display: String,
    pub tel: String,
}

/// A link with the text shown for it.
#[derive(Debug, Clone, Serialize)]
pub struct Link {
    pub href: String,
    pub text: String,
}

/// Someone to call, with what the kit confirms about them.
#[derive(Debug, Clone, Serialize, Default)]
pub struct ContactCard {
    pub label: String,
    pub name: Option<String>,
    pub what: Option<String>,
    pub phone: Option<PhoneView>,
    pub email: Option<String>,
    pub website: Option<Link>,
    pub hours: Option<String>,
    /// The practice's contract with it, to quote on the phone, as a line: `Contrat : n° 123`.
    pub contract: Option<String>,
    /// What to do when the kit does not know the contact.
    pub missing: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Incident {
    pub steps: Vec<Step>,
    /// What not to do, and what to do besides: never pay, keep the backups unplugged, file a
    /// complaint, keep seeing patients.
    pub donts: Vec<String>,
    /// The numbers to call when a person is in danger, which no cyberattack replaces.
    pub emergency: String,
    pub contacts: Vec<ContactCard>,
}

pub fn incident(kit: &Kit<'_>, lang: &Lang) -> Incident {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let step =
        |key: &str, icon, call: Option<Call>| Step { icon, title: s(key), detail: s(&format!("{key}_detail")), call };

    let provider = profile.it_provider.as_ref();
    let provider_name = provider.and_then(|p| p.name.clone());
    let provider_call = provider.and_then(|p| p.phone.as_ref()).map(|phone| Call {
        label: provider_name.clone().unwrap_or_else(|| s("contact_it_provider")),
        display: phone.display.clone(),
        tel: Some(phone.tel()),
    });
    let cyber17 = content.reference.contact("17cyber");
    let report_call = cyber17.and_then(Contact::confirmed_website).map(|site| Call {
        label: cyber17.map(|c| c.name.get(lang).clone()).unwrap_or_default(),
        display: site.without_scheme().trim_end_matches('/').to_string(),
        tel: Some(site.0.clone()),
    });
    let breach = content.reference.contact("cnil-breach");
    let cnil_call = breach.and_then(Contact::confirmed_website).map(|site| Call {
        label: breach.map(|c| c.name.get(lang).clone()).unwrap_or_default(),
        display: site.without_scheme().to_string(),
        tel: Some(site.0.clone()),
    });
    let mut steps = vec![
        step("incident_step_disconnect", "unplug", None),
        step("incident_step_power", "hand", None),
        step("incident_step_note", "notebook-pen", None),
        step("incident_step_provider", "phone-call", provider_call),
        step("incident_step_report", "megaphone", report_call),
        step("incident_step_cnil", "file-exclamation-point", cnil_call),
    ];
    // A laboratory's own duty: declaring the incident on the national portal.
    if let Some(duty) = &profile.profession.workplace.incident_duty {
        steps.push(Step {
            icon: "landmark",
            title: typography::apply(duty.title.get(lang), lang),
            detail: typography::apply(duty.detail.get(lang), lang),
            call: Some(Call {
                label: String::new(),
                display: duty.site.without_scheme().trim_end_matches('/').to_string(),
                tel: Some(duty.site.0.clone()),
            }),
        });
    }

    let mut contacts = Vec::new();
    let provider_phone = provider.and_then(|p| p.phone.as_ref());
    contacts.push(ContactCard {
        label: s("contact_it_provider"),
        name: provider_name,
        phone: provider_phone.map(|p| PhoneView { display: p.display.clone(), tel: p.tel() }),
        email: provider.and_then(|p| p.email.as_ref()).map(|e| e.0.clone()),
        what: provider.and_then(|p| p.contract.clone()),
        missing: provider_phone.is_none().then(|| s("contact_it_provider_missing")),
        ..ContactCard::default()
    });
    contacts.extend(others_to_call(kit, lang));
    if let Some(c) = cyber17 {
        contacts.push(card(c, lang, Some(s("contact_17cyber_what"))));
    }
    match &profile.csirt {
        Some(c) => contacts.push(card(c, lang, Some(s("contact_csirt_what")))),
        None => contacts.push(ContactCard {
            label: s("contact_csirt_label"),
            missing: Some(s("contact_csirt_none")),
            ..ContactCard::default()
        }),
    }
    if let Some(c) = breach {
        contacts.push(card(c, lang, Some(s("contact_cnil_what"))));
    }
    if let Some(person) = profile.practice.as_ref().and_then(|p| p.contact_person.clone()) {
        contacts.push(ContactCard {
            label: s("contact_practice_person"),
            name: Some(person),
            ..ContactCard::default()
        });
    }
    let donts = ["incident_never_pay", "incident_no_reconnect", "incident_complaint", "incident_keep_caring"]
        .iter()
        .map(|key| s(key))
        .collect();
    Incident { steps, donts, emergency: s("incident_emergency"), contacts }
}

/// The insurer's assistance and the software vendor's support, when the profile names them:
/// who to call beside the provider.
pub fn others_to_call(kit: &Kit<'_>, lang: &Lang) -> Vec<ContactCard> {
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let phone =
        |p: &Option<crate::model::Phone>| p.as_ref().map(|p| PhoneView { display: p.display.clone(), tel: p.tel() });
    let insurer = profile.insurer.as_ref().map(|insurer| ContactCard {
        label: s("contact_insurer"),
        name: insurer.name.clone(),
        what: Some(s("contact_insurer_what")),
        phone: phone(&insurer.phone),
        contract: insurer.contract.as_ref().map(|c| phrase(kit, lang, "contact_contract", &[("contract", c)])),
        ..ContactCard::default()
    });
    let software = profile.software.as_ref().map(|software| ContactCard {
        label: s("contact_software"),
        name: software.name.clone(),
        what: Some(s("contact_software_what")),
        phone: phone(&software.phone),
        ..ContactCard::default()
    });
    insurer.into_iter().chain(software).collect()
}

/// A reference contact's card: only its confirmed values.
fn card(contact: &Contact, lang: &Lang, what: Option<String>) -> ContactCard {
    use crate::model::ContactField;
    ContactCard {
        label: contact.name.get(lang).clone(),
        name: None,
        what,
        phone: contact.confirmed_phone().map(|p| PhoneView { display: p.display.clone(), tel: p.tel() }),
        email: contact.email.as_ref().filter(|_| contact.is_confirmed(ContactField::Email)).map(|e| e.0.clone()),
        website: contact
            .confirmed_website()
            .map(|w| Link { href: w.0.clone(), text: w.without_scheme().trim_end_matches('/').to_string() }),
        hours: contact
            .hours
            .as_ref()
            .filter(|_| contact.is_confirmed(ContactField::Hours))
            .map(|h| h.get(lang).clone()),
        contract: None,
        missing: None,
    }
}
