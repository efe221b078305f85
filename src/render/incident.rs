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
    match csirt(profile, lang) {
        Some((c, reach)) => contacts.push(ContactCard {
            label: c.name.get(lang).clone(),
            what: Some(s("contact_csirt_what")),
            phone: reach.phone,
            website: reach.website,
            hours: reach.hours,
            ..ContactCard::default()
        }),
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
    let keep_working = typography::apply(profile.profession.workplace.keep_working.get(lang), lang);
    let donts = vec![
        s("incident_never_pay"),
        s("incident_no_reconnect"),
        s("incident_complaint"),
        phrase(kit, lang, "incident_keep_caring", &[("keep_working", &keep_working)]),
    ];
    Incident { steps, donts, emergency: s("incident_emergency"), contacts }
}

/// The insurer's assistance and the software vendor's support: who to call beside the provider,
/// with what the profile says of them (a card without a name or number is a line to fill in).
pub fn others_to_call(kit: &Kit<'_>, lang: &Lang) -> Vec<ContactCard> {
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let phone =
        |p: &Option<crate::model::Phone>| p.as_ref().map(|p| PhoneView { display: p.display.clone(), tel: p.tel() });
    let insurer = profile.insurer.clone().unwrap_or_default();
    let software = profile.software.clone().unwrap_or_default();
    vec![
        ContactCard {
            label: s("contact_insurer"),
            name: insurer.name.clone(),
            what: Some(s("contact_insurer_what")),
            phone: phone(&insurer.phone),
            contract: insurer.contract.as_ref().map(|c| phrase(kit, lang, "contact_contract", &[("contract", c)])),
            ..ContactCard::default()
        },
        ContactCard {
            label: s("contact_software"),
            name: software.name.clone(),
            what: Some(s("contact_software_what")),
            phone: phone(&software.phone),
            ..ContactCard::default()
        },
    ]
}

/// The longest web address a document prints whole: a person types it from the wall.
pub const MAX_TYPED_ADDRESS: usize = 40;

/// How to reach the region's CSIRT, as every document and page prints it: its confirmed number,
/// its web address when short enough to type (else where to find it, in a few words), and its
/// confirmed hours. One source, so that the poster, the booklet, the module and the site agree.
#[derive(Debug, Clone, Default)]
pub struct Reach {
    pub phone: Option<PhoneView>,
    /// The web address, `href` in full and `text` as typed (a long one's text is `find`).
    pub website: Option<Link>,
    /// Whether `website.text` is the address itself (it breaks after its slashes), or words.
    pub typed: bool,
    pub hours: Option<String>,
}

/// The kit's CSIRT and how to reach it, when a phone or web address is confirmed: a CSIRT with
/// neither (Auvergne-Rhône-Alpes) is a dead end in a panic, and every document then sends the
/// reader to 17Cyber, as for a region with none (Mayotte).
pub fn csirt<'a>(profile: &'a crate::model::Profile, lang: &Lang) -> Option<(&'a Contact, Reach)> {
    profile.csirt.as_ref().and_then(|c| Some((c, reach(c, lang)?)))
}

/// How to reach a contact: its confirmed values only.
pub fn reach(contact: &Contact, lang: &Lang) -> Option<Reach> {
    use crate::model::ContactField;
    let phone = contact.confirmed_phone().map(|p| PhoneView { display: p.display.clone(), tel: p.tel() });
    let website = contact.confirmed_website().map(|w| {
        let typed = w.without_scheme().trim_end_matches('/').to_string();
        if typed.chars().count() > MAX_TYPED_ADDRESS {
            let host = typed.split('/').next().unwrap_or_default().to_string();
            let text = contact.find.as_ref().map_or(host, |f| typography::apply(f.get(lang), lang));
            (Link { href: w.0.clone(), text }, false)
        } else {
            (Link { href: w.0.clone(), text: typed }, true)
        }
    });
    if phone.is_none() && website.is_none() {
        return None;
    }
    let hours = contact
        .hours
        .as_ref()
        .filter(|_| contact.is_confirmed(ContactField::Hours))
        .map(|h| typography::apply(h.get(lang), lang));
    let (website, typed) = website.map_or((None, false), |(link, typed)| (Some(link), typed));
    Some(Reach { phone, website, typed, hours })
}

/// The CSIRT's sentence in a module's text (`{{ csirt.help }}`): who it is and how to reach it,
/// or, without a way to reach one, the way to 17Cyber.
pub fn csirt_help(content: &crate::model::Content, profile: &crate::model::Profile, lang: &Lang) -> String {
    let words = profile.profession.workplace.words.get(lang);
    let ui = |key: &str| super::text::with_workplace(&typography::apply(content.ui.get(lang, key), lang), words);
    match csirt(profile, lang) {
        Some((c, r)) => {
            let how: Vec<String> = r.phone.map(|p| p.display).into_iter().chain(r.website.map(|w| w.text)).collect();
            // Its number in no-break spaces, as the content's numbers are.
            let help =
                ui("incident_csirt_help").replace("{csirt}", c.name.get(lang)).replace("{reach}", &how.join(", "));
            typography::apply(&help, lang)
        }
        None => ui("contact_csirt_none"),
    }
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
