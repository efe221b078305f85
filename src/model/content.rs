//! The content: the project's languages, its interface strings, the reference data and the
//! modules of advice.

use std::collections::BTreeMap;

use super::{Date, Lang, Languages, Localized, Reference};

/// The three parts a kit is organised in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Part {
    /// Protect the workstation, the accounts and the network.
    Protect,
    /// Protect the data: messaging, backups, destruction, the RGPD.
    Data,
    /// React: recognise an incident, respond, keep the practice running.
    React,
}

impl Part {
    pub const ALL: [Part; 3] = [Part::Protect, Part::Data, Part::React];

    /// The name used in front matter and in file names.
    pub fn slug(self) -> &'static str {
        match self {
            Part::Protect => "protect",
            Part::Data => "data",
            Part::React => "react",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// The name of its pictogram.
    pub fn icon(self) -> &'static str {
        match self {
            Part::Protect => "shield-check",
            Part::Data => "database",
            Part::React => "siren",
        }
    }
}

/// The placeholders a module may use, e.g. `{{ it_provider.name }}`. They are replaced in text
/// nodes after Markdown parsing, so a profile value is always plain text; one that the profile
/// does not fill in reads as the interface string `placeholder.<name>` ("votre prestataire
/// informatique").
pub const PLACEHOLDERS: &[&str] = &[
    "profession.one",
    "profession.many",
    "region.name",
    "csirt.name",
    "it_provider.name",
    "practice.name",
    "publisher.name",
    "retention.summary",
    "workplace.the",
    "workplace.the_start",
    "workplace.your",
    "workplace.of",
    "workplace.at",
    "workplace.waiting",
    "workplace.keep_working",
    "workplace.patient_messages",
    "workplace.incident_duty",
    "csirt.help",
    "incident.complaint",
];

/// The interface strings the program's code uses (the site templates' own are found in the
/// templates): every language file must have them. Each placeholder a profile may leave empty has
/// its fallback, `placeholder_<name>`.
pub const REQUIRED_STRINGS: &[&str] = &[
    "kit_title",
    "kit_for",
    "home_intro",
    "part_protect",
    "part_protect_intro",
    "part_data",
    "part_data_intro",
    "part_react",
    "part_react_intro",
    "placeholder_it_provider_name",
    "placeholder_csirt_name",
    "placeholder_practice_name",
    "placeholder_publisher_name",
    "footer_published_by",
    "footer_updated",
    "logo_alt",
    "chooser_title",
    "not_found_title",
    "not_found_text",
    "not_found_link",
    "index_title",
    "date_format",
    "date_first_day",
    "month_1",
    "month_2",
    "month_3",
    "month_4",
    "month_5",
    "month_6",
    "month_7",
    "month_8",
    "month_9",
    "month_10",
    "month_11",
    "month_12",
    "field_name",
    "field_address",
    "field_phone",
    "field_email",
    "incident_title",
    "incident_intro",
    "incident_step_disconnect",
    "incident_step_disconnect_detail",
    "incident_step_power",
    "incident_step_power_detail",
    "incident_step_note",
    "incident_step_note_detail",
    "incident_step_provider",
    "incident_step_provider_detail",
    "incident_step_report",
    "incident_step_report_detail",
    "incident_step_cnil",
    "incident_step_cnil_detail",
    "contact_it_provider",
    "contact_it_provider_missing",
    "contact_17cyber_what",
    "contact_csirt_what",
    "contact_csirt_label",
    "contact_csirt_none",
    "contact_cnil_what",
    "contact_practice_person",
    "notice_title",
    "notice_intro",
    "notice_controller_title",
    "notice_contact_title",
    "notice_purposes_title",
    "notice_purpose_file",
    "notice_purpose_appointments",
    "notice_purpose_billing",
    "notice_purpose_telehealth",
    "notice_purpose_sharing",
    "notice_basis_title",
    "notice_basis_care",
    "notice_basis_obligations",
    "notice_basis_consent",
    "notice_mandatory_title",
    "notice_mandatory",
    "notice_recipients_title",
    "notice_recipients",
    "notice_recipient_host",
    "notice_recipient_booking",
    "notice_retention_title",
    "notice_retention",
    "notice_retention_minors",
    "notice_retention_unknown",
    "notice_rights_title",
    "notice_rights",
    "notice_rights_access_delay",
    "notice_rights_how",
    "notice_complaint_title",
    "notice_complaint",
    "notice_dpo_title",
    "notice_dmp_title",
    "notice_dmp",
    "notice_blank_hint",
    "print_provider_blank",
    "print_contact_blank",
    "field_counter",
    "incident_csirt_help",
    "print_qr_title",
    "print_csirt_what",
    "print_footer_sources",
    "checklist_title",
    "checklist_intro",
    "checklist_practice",
    "checklist_checked_on",
    "checklist_checked_by",
    "notice_full_version",
    "doc_poster_a4",
    "doc_poster_a3",
    "doc_notice",
    "doc_checklist",
    "downloads_format",
    "downloads_size",
    "downloads_preview_alt",
    "nav_downloads",
    "booklet_title",
    "booklet_contents",
    "booklet_contacts_title",
    "booklet_notes",
    "booklet_contract",
    "booklet_imposition_hint",
    "doc_booklet",
    "doc_booklet_imposed",
    "doc_booklet_print",
    "doc_poster_a4_print",
    "doc_poster_a3_print",
    "contacts_title",
    "incident_donts_title",
    "incident_never_pay",
    "incident_no_reconnect",
    "incident_complaint",
    "incident_keep_caring",
    "incident_emergency",
    "contact_insurer",
    "contact_insurer_what",
    "contact_software",
    "contact_software_what",
    "contact_contract",
    "notice_controller",
    "notice_purpose_appointments_online",
    "notice_purpose_dmp",
    "notice_recipients_law",
    "notice_recipients_short",
    "notice_transfers_title",
    "notice_transfers_no",
    "notice_transfers_unknown",
    "notice_transfers_yes",
    "notice_retention_total",
    "notice_right_access",
    "notice_right_rectification",
    "notice_right_erasure",
    "notice_right_limitation",
    "notice_right_objection",
    "notice_right_sharing",
    "notice_right_portability",
    "notice_right_post_mortem",
    "notice_rights_short",
    "notice_rights_delay",
    "notice_rights_delays_short",
    "notice_updated_title",
    "notice_updated",
];

/// One module of advice, in every language.
#[derive(Debug, Clone)]
pub struct Module {
    /// From the file name: `passwords` for `passwords.fr.md`.
    pub id: String,
    pub part: Part,
    /// Its rank within its part.
    pub order: i64,
    /// The name of its pictogram, one of [`crate::icons::ICONS`].
    pub icon: &'static str,
    /// The professions it concerns; `None` when it concerns them all.
    pub professions: Option<Vec<String>>,
    pub text: Localized<ModuleText>,
}

impl Module {
    pub fn concerns(&self, profession: &str) -> bool {
        self.professions.as_ref().is_none_or(|ps| ps.iter().any(|p| p == profession))
    }
}

/// A module's text in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModuleText {
    pub title: String,
    pub summary: String,
    /// The items it adds to the printable checklist.
    pub checklist: Vec<String>,
    pub updated: Date,
    /// The Markdown body, placeholders still in it.
    pub body: String,
}

/// The interface strings of every language (`content/i18n/<lang>.toml`, table `[strings]`).
#[derive(Debug, Clone)]
pub struct UiStrings {
    pub strings: Localized<BTreeMap<String, String>>,
}

impl UiStrings {
    /// The string `key` in `lang`; validation checks that every string the program uses exists.
    pub fn get(&self, lang: &Lang, key: &str) -> &str {
        self.strings.get(lang).get(key).map_or("", String::as_str)
    }
}

/// Everything under `content/`, validated.
#[derive(Debug, Clone)]
pub struct Content {
    pub languages: Languages,
    pub ui: UiStrings,
    pub reference: Reference,
    /// Sorted by part, then order, then id.
    pub modules: Vec<Module>,
}

impl Content {
    /// The newest `updated` date of the content: the date a kit says it is up to date at.
    pub fn updated(&self) -> Option<Date> {
        self.modules.iter().flat_map(|m| m.text.iter().map(|(_, t)| t.updated)).max()
    }

    /// The date the documents carry when the run fixes none: the newest `updated` date of the
    /// content, never the clock, so that the same inputs give the same bytes.
    pub fn documents_date(&self) -> Date {
        self.updated().unwrap_or(jiff::civil::date(2026, 1, 1))
    }
}
