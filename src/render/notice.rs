//! The RGPD notice for a practice's patients, for one kit in one language: its sections, from the
//! profile's privacy details, the practice, the profession's retention rule and the CNIL's
//! contact. A detail the profile does not give is a field with no value: a blank line to fill in.

use serde::Serialize;

use super::text::phrase;
use super::typography;
use crate::model::Lang;
use crate::plan::Kit;

/// A labelled value, or a blank to fill in when `value` is `None`.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub value: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    /// An anchor name, stable across languages.
    pub id: &'static str,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub fields: Vec<Field>,
    /// A list of the full notice on the site only, after the items.
    pub details: Vec<String>,
    /// Paragraphs after the items, on both layers.
    pub after: Vec<String>,
    /// Paragraphs of the full notice on the site only.
    pub more: Vec<String>,
    /// The waiting-room notice's shorter text, in place of the paragraphs and the after.
    pub brief: Option<Vec<String>>,
}

/// The notice's sections, in the order GDPR art. 13 lists what it owes.
#[allow(clippy::too_many_lines, reason = "one section after the other, in the notice's order")]
pub fn notice(kit: &Kit<'_>, lang: &Lang) -> Vec<Section> {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let field = |label: &str, value: Option<String>| Field { label: s(label), value };
    let section = |id, title: &str| Section {
        id,
        title: s(title),
        paragraphs: vec![],
        items: vec![],
        fields: vec![],
        details: vec![],
        after: vec![],
        more: vec![],
        brief: None,
    };
    let practice = profile.practice.clone().unwrap_or_default();
    let privacy = &profile.privacy;

    let mut controller = section("controller", "notice_controller_title");
    controller.more = vec![match &profile.profession.workplace.notice_controller {
        Some(own) => typography::apply(own.get(lang), lang),
        None => s("notice_controller"),
    }];
    controller.fields = vec![
        field("field_name", privacy.controller.clone().or(practice.name.clone())),
        field("field_address", practice.address.clone()),
        field("field_phone", practice.phone.as_ref().map(|p| p.display.clone())),
    ];

    let mut contact = section("contact", "notice_contact_title");
    contact.fields = vec![
        field("field_email", privacy.rights_email.as_ref().or(practice.email.as_ref()).map(|e| e.0.clone())),
        field("field_address", privacy.rights_address.clone().or(practice.address.clone())),
    ];

    let dpo = (privacy.dpo_name.is_some() || privacy.dpo_email.is_some()).then(|| {
        let mut dpo = section("dpo", "notice_dpo_title");
        dpo.fields = vec![
            field("field_name", privacy.dpo_name.clone()),
            field("field_email", privacy.dpo_email.as_ref().map(|e| e.0.clone())),
        ];
        dpo
    });

    // Each purpose the practice has: a notice that lists a service the practice does not offer
    // misinforms its patients.
    let mut purposes = section("purposes", "notice_purposes_title");
    let own_purposes = &profile.profession.workplace.notice_purposes;
    let appointments = if privacy.online_booking { "appointments_online" } else { "appointments" };
    purposes.items = [
        Some("file"),
        Some(appointments),
        Some("billing"),
        privacy.telehealth.then_some("telehealth"),
        Some("sharing"),
        privacy.dmp.then_some("dmp"),
    ]
    .into_iter()
    .flatten()
    .map(|p| s(&format!("notice_purpose_{p}")))
    .collect();
    // A pharmacy's are its référentiel's, with the profile's switches after them.
    if !own_purposes.is_empty() {
        let switches = [privacy.telehealth.then_some("telehealth"), privacy.dmp.then_some("dmp")];
        purposes.items = own_purposes
            .iter()
            .map(|p| typography::apply(p.get(lang), lang))
            .chain(switches.into_iter().flatten().map(|p| s(&format!("notice_purpose_{p}"))))
            .collect();
    }

    let mut basis = section("basis", "notice_basis_title");
    // A pharmacy's bases are its own référentiel's.
    if let Some(own) = &profile.profession.workplace.notice_basis {
        basis.paragraphs = vec![typography::apply(own.get(lang), lang)];
    } else {
        basis.items = vec![s("notice_basis_care"), s("notice_basis_obligations")];
        basis.after = vec![s("notice_basis_consent")];
    }

    let mut mandatory = section("mandatory", "notice_mandatory_title");
    mandatory.paragraphs = vec![s("notice_mandatory")];

    let mut recipients = section("recipients", "notice_recipients_title");
    recipients.paragraphs = vec![s("notice_recipients")];
    recipients.more = vec![s("notice_recipients_law")];
    recipients.brief = Some(vec![s("notice_recipients_short")]);
    recipients.fields = vec![field("notice_recipient_host", privacy.software_host.clone())];
    if privacy.online_booking {
        recipients.fields.push(field("notice_recipient_booking", privacy.booking_platform.clone()));
    }
    recipients.items.clone_from(&privacy.recipients);

    let mut transfers = section("transfers", "notice_transfers_title");
    // Said only as the profile says it: a URPS's kit does not know its practices' hosts.
    match privacy.transfers_outside_eu {
        Some(yes) => transfers.paragraphs = vec![s(if yes { "notice_transfers_yes" } else { "notice_transfers_no" })],
        None => transfers.fields = vec![field("notice_transfers_unknown", None)],
    }

    let mut retention = section("retention", "notice_retention_title");
    if let Some(own) = &privacy.retention {
        retention.paragraphs = vec![own.get(lang).clone()];
    } else {
        let rule = &profile.profession.retention;
        retention.paragraphs = retention_rule(kit, lang);
        // A rule in years says the rest on the site; one in words only says it everywhere.
        if let Some(extra) = &rule.notice {
            let extra = typography::apply(extra.get(lang), lang);
            if rule.total_years.is_some() { retention.more.push(extra) } else { retention.paragraphs.push(extra) }
        }
    }

    let mut rights = section("rights", "notice_rights_title");
    rights.paragraphs = vec![s("notice_rights")];
    rights.details =
        ["access", "rectification", "erasure", "limitation", "objection", "sharing", "portability", "post_mortem"]
            .iter()
            .map(|r| s(&format!("notice_right_{r}")))
            .collect();
    rights.after = vec![s("notice_rights_access_delay"), s("notice_rights_delay"), s("notice_rights_how")];
    rights.brief = Some(vec![s("notice_rights_short"), s("notice_rights_delays_short"), s("notice_rights_how")]);

    let mut complaint = section("complaint", "notice_complaint_title");
    complaint.paragraphs = vec![s("notice_complaint")];
    let cnil = content.reference.contact("cnil");
    let page = content.reference.contact("cnil-complaint").and_then(|c| c.confirmed_website());
    // The paragraph names the CNIL; then where to write to it.
    complaint.items = [page.map(|w| w.without_scheme().to_string()), cnil.and_then(|c| c.address.clone())]
        .into_iter()
        .flatten()
        .collect();

    let mut sections = vec![controller, contact];
    sections.extend(dpo);
    sections.extend([purposes, basis, mandatory, recipients, transfers, retention, rights, complaint]);
    if privacy.dmp {
        let mut dmp = section("dmp", "notice_dmp_title");
        dmp.paragraphs = vec![s("notice_dmp")];
        sections.push(dmp);
    }
    let mut updated = section("updated", "notice_updated_title");
    let date = super::text::date(content, lang, kit.date);
    updated.paragraphs = vec![phrase(kit, lang, "notice_updated", &[("date", &date)])];
    sections.push(updated);
    sections
}

/// How long the profession keeps a patient's file, in years: every rule gives a total, some
/// split it into years in the active file and years in the archive.
fn retention_rule(kit: &Kit<'_>, lang: &Lang) -> Vec<String> {
    let rule = &kit.profile.profession.retention;
    let years = |y: Option<u32>| y.map(|y| y.to_string());
    let (total, active, archive) = (years(rule.total_years), years(rule.active_years), years(rule.archive_years));
    let mut out = Vec::new();
    match (&total, &active, &archive) {
        (Some(total), Some(active), Some(archive)) => out.push(phrase(
            kit,
            lang,
            "notice_retention",
            &[("total_years", total), ("active_years", active), ("archive_years", archive)],
        )),
        (Some(total), ..) => out.push(phrase(kit, lang, "notice_retention_total", &[("total_years", total)])),
        // Validation has checked that a rule without a total says its periods in `notice`.
        _ if rule.notice.is_none() => out.push(phrase(kit, lang, "notice_retention_unknown", &[])),
        _ => {}
    }
    if let Some(age) = rule.minors_until_age {
        out.push(phrase(kit, lang, "notice_retention_minors", &[("minors_until_age", &age.to_string())]));
    }
    out
}
