//! The RGPD notice for a practice's patients, for one kit in one language: its sections, from the
//! profile's privacy details, the practice, the profession's retention rule and the CNIL's
//! contact. A detail the profile does not give is a field with no value: a blank line to fill in.

use serde::Serialize;

use super::text::string;
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
}

pub fn notice(kit: &Kit<'_>, lang: &Lang) -> Vec<Section> {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str| string(content, lang, key, &[]);
    let field = |label: &str, value: Option<String>| Field { label: s(label), value };
    let section = |id, title: &str| Section { id, title: s(title), paragraphs: vec![], items: vec![], fields: vec![] };
    let practice = profile.practice.clone().unwrap_or_default();
    let privacy = &profile.privacy;

    let mut controller = section("controller", "notice_controller_title");
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

    let mut purposes = section("purposes", "notice_purposes_title");
    purposes.items = ["file", "appointments", "billing", "telehealth", "sharing"]
        .iter()
        .map(|p| s(&format!("notice_purpose_{p}")))
        .collect();

    let mut basis = section("basis", "notice_basis_title");
    basis.paragraphs = vec![s("notice_basis")];
    let mut mandatory = section("mandatory", "notice_mandatory_title");
    mandatory.paragraphs = vec![s("notice_mandatory")];

    let mut recipients = section("recipients", "notice_recipients_title");
    recipients.paragraphs = vec![s("notice_recipients")];
    recipients.fields = vec![
        field("notice_recipient_host", privacy.software_host.clone()),
        field("notice_recipient_booking", privacy.booking_platform.clone()),
    ];
    recipients.items = privacy.recipients.clone();

    let mut retention = section("retention", "notice_retention_title");
    let rule = &profile.profession.retention;
    retention.paragraphs = match (&privacy.retention, rule.total_years, rule.active_years, rule.archive_years) {
        (Some(own), ..) => vec![own.get(lang).clone()],
        (None, Some(total), Some(active), Some(archive)) => {
            let (total, active, archive) = (total.to_string(), active.to_string(), archive.to_string());
            let params = [("total_years", total.as_str()), ("active_years", &active), ("archive_years", &archive)];
            let mut out = vec![string(content, lang, "notice_retention", &params)];
            if let Some(age) = rule.minors_until_age {
                out.push(string(content, lang, "notice_retention_minors", &[("minors_until_age", &age.to_string())]));
            }
            out
        }
        _ => vec![s("notice_retention_unknown")],
    };

    let mut rights = section("rights", "notice_rights_title");
    rights.paragraphs = vec![s("notice_rights"), s("notice_rights_access_delay"), s("notice_rights_how")];

    let mut complaint = section("complaint", "notice_complaint_title");
    complaint.paragraphs = vec![s("notice_complaint")];
    if let Some(cnil) = content.reference.contact("cnil") {
        complaint.items =
            [Some(cnil.name.get(lang).clone()), cnil.address.clone(), cnil.confirmed_website().map(|w| w.0.clone())]
                .into_iter()
                .flatten()
                .collect();
    }

    let mut sections = vec![controller, contact, purposes, basis, mandatory, recipients, retention, rights, complaint];
    if privacy.dpo_name.is_some() || privacy.dpo_email.is_some() {
        let mut dpo = section("dpo", "notice_dpo_title");
        dpo.fields = vec![
            field("field_name", privacy.dpo_name.clone()),
            field("field_email", privacy.dpo_email.as_ref().map(|e| e.0.clone())),
        ];
        sections.push(dpo);
    }
    let mut dmp = section("dmp", "notice_dmp_title");
    dmp.paragraphs = vec![s("notice_dmp")];
    sections.push(dmp);
    sections
}
