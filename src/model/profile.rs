//! A validated profile: one kit to build, for a URPS or for a practice.

use std::path::PathBuf;

use crate::diag::Location;

use super::{Colour, Contact, Email, HttpsUrl, Lang, Localized, Logo, Phone, Profession, Region};

/// One kit: who it is for, who distributes it, who to call.
#[derive(Debug, Clone)]
pub struct Profile {
    /// The file name without `.toml`; names the output folder.
    pub id: String,
    pub path: PathBuf,
    pub profession: Profession,
    pub region: Region,
    /// The languages to build, source language first.
    pub languages: Vec<Lang>,
    pub publisher: Option<Publisher>,
    pub practice: Option<Practice>,
    pub it_provider: Option<ItProvider>,
    /// The practice's insurer, for its cyber-insurance assistance line.
    pub insurer: Option<Insurer>,
    /// The practice software's vendor, for its support line.
    pub software: Option<Software>,
    /// The profile's own CSIRT, or else the region's; `None` where neither is known.
    pub csirt: Option<Contact>,
    pub privacy: Privacy,
    pub site: Site,
    /// The values a document prints at length, with where they were written: a document they
    /// make overflow is reported at the longest.
    pub long_values: Vec<LongValue>,
}

/// A free-text value a document prints at length: its table and key, its length in characters,
/// and where it was written.
#[derive(Debug, Clone)]
pub struct LongValue {
    pub table: &'static str,
    pub key: &'static str,
    pub chars: usize,
    pub at: Location,
    /// The value as written (trimmed): a document that overflows names only the values it prints.
    pub value: String,
}

/// Who distributes the kit: a URPS, an Order, a practice.
#[derive(Debug, Clone, Default)]
pub struct Publisher {
    pub name: Option<String>,
    /// The logo, ready to embed.
    pub logo: Option<Logo>,
    /// The colour for bands and accents, dark enough for white text on it (WCAG AA).
    pub colour: Option<Colour>,
    pub website: Option<HttpsUrl>,
}

/// The practice's own identity, for a practice's kit.
#[derive(Debug, Clone, Default)]
pub struct Practice {
    pub name: Option<String>,
    pub address: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    /// The person at the practice who handles IT security questions.
    pub contact_person: Option<String>,
}

/// The practice's IT provider: who to call first in an incident.
#[derive(Debug, Clone, Default)]
pub struct ItProvider {
    pub name: Option<String>,
    pub phone: Option<Phone>,
    pub email: Option<Email>,
    pub contract: Option<String>,
}

/// The practice's insurer: a cyber-insurance contract often has an assistance line to call
/// before any work is done on the machines.
#[derive(Debug, Clone, Default)]
pub struct Insurer {
    pub name: Option<String>,
    pub phone: Option<Phone>,
    pub contract: Option<String>,
}

/// The vendor of the practice software, whose support restores it and its data.
#[derive(Debug, Clone, Default)]
pub struct Software {
    pub name: Option<String>,
    pub phone: Option<Phone>,
}

/// What the RGPD notice needs beyond the practice's identity.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools, reason = "the profile's switches, each a yes or no its user writes")]
pub struct Privacy {
    /// Who is responsible for the processing (a practitioner, the SCM or SEL).
    pub controller: Option<String>,
    /// Where patients send requests about their rights.
    pub rights_email: Option<Email>,
    pub rights_address: Option<String>,
    pub dpo_name: Option<String>,
    pub dpo_email: Option<Email>,
    pub booking_platform: Option<String>,
    /// The company hosting the practice software's data (HDS-certified).
    pub software_host: Option<String>,
    pub recipients: Vec<String>,
    /// Whether patients book online (default: when a booking platform is named).
    pub online_booking: bool,
    /// Whether the practice offers telehealth (default: no).
    pub telehealth: bool,
    /// Whether the practice adds documents to its patients' DMP (default: yes; the notice says it
    /// may, and what the patient can do about it).
    pub dmp: bool,
    /// Whether any data leaves the European Union: `None` when the profile does not say, and
    /// the notice then has a line for the practice to fill in (a URPS cannot say it for them).
    pub transfers_outside_eu: Option<bool>,
    /// Replaces the profession's retention rule on the notice.
    pub retention: Option<Localized<String>>,
}

impl Default for Privacy {
    fn default() -> Self {
        Privacy {
            controller: None,
            rights_email: None,
            rights_address: None,
            dpo_name: None,
            dpo_email: None,
            booking_platform: None,
            software_host: None,
            recipients: Vec::new(),
            online_booking: false,
            telehealth: false,
            dmp: true,
            transfers_outside_eu: None,
            retention: None,
        }
    }
}

/// Where the mini-site is hosted.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub base_url: Option<HttpsUrl>,
}
