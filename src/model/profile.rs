//! A validated profile: one kit to build, for a URPS or for a practice.

use std::path::PathBuf;

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
    /// The profile's own CSIRT, or else the region's; `None` where neither is known.
    pub csirt: Option<Contact>,
    pub privacy: Privacy,
    pub site: Site,
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

/// What the RGPD notice needs beyond the practice's identity.
#[derive(Debug, Clone, Default)]
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
    /// Replaces the profession's retention rule on the notice.
    pub retention: Option<Localized<String>>,
}

/// Where the mini-site is hosted.
#[derive(Debug, Clone, Default)]
pub struct Site {
    pub base_url: Option<HttpsUrl>,
}
