//! The reference data: professions, regions, regional CSIRTs and national contacts, as read from
//! `content/reference/`. Every contact knows its source, when it was checked and which of its
//! fields are unconfirmed, so that no renderer prints an unverified number as certain.

use std::collections::BTreeSet;

use super::{Date, Email, HttpsUrl, Localized, Phone};
use crate::diag::Location;

/// A profession with a URPS (`masseurs-kinesitherapeutes`).
#[derive(Debug, Clone)]
pub struct Profession {
    pub slug: String,
    pub name: Localized<ProfessionName>,
    pub retention: Retention,
    /// Where it practises: a practice, a pharmacy, a laboratory.
    pub workplace: Workplace,
}

/// Where a profession practises, the words a kit names it with, and what that kind of place owes
/// in an incident or says on its notice that a practice does not.
#[derive(Debug, Clone)]
pub struct Workplace {
    pub id: String,
    pub words: Localized<WorkplaceWords>,
    /// How it keeps working while the computers are down: a practice's paper diary and the DMP,
    /// a pharmacy's dispensing noted by hand, a laboratory's degraded mode.
    pub keep_working: Localized<String>,
    /// Whether its patients may write to it first on Mon espace santé's messaging.
    pub patient_messages: Localized<String>,
    /// An obligation in an incident (a laboratory declares it on the national portal): a step's
    /// title and detail, and the site where it is done.
    pub incident_duty: Option<IncidentDuty>,
    /// The notice's legal bases, where they are not a practice's.
    pub notice_basis: Option<Localized<String>>,
    /// Who the controller is, where it is not the practitioner (a pharmacy's titulaire or
    /// operating company).
    pub notice_controller: Option<Localized<String>>,
    /// The notice's purposes, where they are not a practice's (a pharmacy dispenses, and books
    /// no appointment).
    pub notice_purposes: Vec<Localized<String>>,
}

/// `le cabinet`, `Le cabinet`, `votre cabinet`, `du cabinet`, `au cabinet`, `Cabinet`, and where
/// its patients wait: `la salle d'attente`, `l'espace de vente`. Derived from the noun and its
/// grammar (`model::grammar`), which a sentence that agrees with the workplace reads too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WorkplaceWords {
    pub the: String,
    pub the_start: String,
    pub your: String,
    pub of: String,
    pub at: String,
    pub name: String,
    pub waiting: String,
    pub grammar: Grammar,
}

/// What a sentence must agree with: the workplace noun's gender and number in its language
/// (`l'officine`: feminine, singular), and whether its article elides before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Grammar {
    pub feminine: bool,
    pub plural: bool,
    pub elision: bool,
}

impl Grammar {
    /// The form of an agreement (`fermé | fermée`, or with the plurals `fermé | fermée | fermés |
    /// fermées`) that agrees with this noun: masculine singular, feminine singular, masculine
    /// plural, feminine plural. Two forms are the singular's.
    pub fn agree<'a>(self, forms: &[&'a str]) -> &'a str {
        let index = usize::from(self.feminine) + if self.plural && forms.len() == 4 { 2 } else { 0 };
        forms.get(index).or(forms.first()).copied().unwrap_or_default()
    }
}

/// A step a workplace must take in an incident.
#[derive(Debug, Clone)]
pub struct IncidentDuty {
    pub title: Localized<String>,
    pub detail: Localized<String>,
    pub site: HttpsUrl,
}

/// A profession's name, singular and plural (`infirmier`, `infirmiers`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfessionName {
    pub one: String,
    pub many: String,
}

/// How long a profession keeps its patient files, and where that rule comes from.
#[derive(Debug, Clone)]
pub struct Retention {
    pub id: String,
    pub total_years: Option<u32>,
    pub active_years: Option<u32>,
    pub archive_years: Option<u32>,
    pub minors_until_age: Option<u32>,
    /// The rule in plain words for the reader of that profession.
    pub summary: Localized<String>,
    /// What the patients' notice adds to the years, in plain words for a patient.
    pub notice: Option<Localized<String>>,
    pub source: Vec<String>,
    pub checked: Date,
}

/// A region of France (`pays-de-la-loire`).
#[derive(Debug, Clone)]
pub struct Region {
    pub slug: String,
    pub insee: String,
    pub iso: String,
    pub name: Localized<String>,
    /// The regional CSIRT, where one is confirmed for the region.
    pub csirt: Option<Contact>,
    /// The URPS territory when it is not the region (`ocean-indien` for La Réunion and Mayotte).
    pub urps: Option<String>,
}

/// A field of a contact that the reference data may flag as unconfirmed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ContactField {
    Website,
    Phone,
    Sms,
    Email,
    Address,
    Hours,
}

impl ContactField {
    pub const ALL: [(&'static str, ContactField); 6] = [
        ("website", ContactField::Website),
        ("phone", ContactField::Phone),
        ("sms", ContactField::Sms),
        ("email", ContactField::Email),
        ("address", ContactField::Address),
        ("hours", ContactField::Hours),
    ];

    pub fn key(self) -> &'static str {
        ContactField::ALL.iter().find(|(_, f)| *f == self).map_or("", |(k, _)| k)
    }
}

/// Someone to turn to: a national service, a regional CSIRT.
#[derive(Debug, Clone)]
pub struct Contact {
    pub id: String,
    /// Where the contact is defined, for warnings about it.
    pub at: Location,
    pub name: Localized<String>,
    pub description: Option<Localized<String>>,
    pub website: Option<HttpsUrl>,
    pub phone: Option<Phone>,
    /// A short number to send text messages to (`33700`).
    pub sms: Option<String>,
    pub email: Option<Email>,
    pub address: Option<String>,
    pub hours: Option<Localized<String>>,
    /// Where to find it, in a few words a person can type (`paysdelaloire.fr, page « Mon
    /// organisation subit une cyberattaque »`), for a website too long to print on a poster.
    pub find: Option<Localized<String>>,
    pub source: Vec<String>,
    pub checked: Date,
    pub unconfirmed: BTreeSet<ContactField>,
    pub note: Option<String>,
}

impl Contact {
    /// Whether a field may be printed as a fact.
    pub fn is_confirmed(&self, field: ContactField) -> bool {
        !self.unconfirmed.contains(&field)
    }

    /// The phone number, when it is confirmed.
    pub fn confirmed_phone(&self) -> Option<&Phone> {
        self.phone.as_ref().filter(|_| self.is_confirmed(ContactField::Phone))
    }

    /// The website, when it is confirmed.
    pub fn confirmed_website(&self) -> Option<&HttpsUrl> {
        self.website.as_ref().filter(|_| self.is_confirmed(ContactField::Website))
    }
}

/// All the reference data.
#[derive(Debug, Clone)]
pub struct Reference {
    pub professions: Vec<Profession>,
    pub regions: Vec<Region>,
    /// The national contacts, by id (`17cyber`, `cnil-breach`), in file order.
    pub contacts: Vec<Contact>,
}

impl Reference {
    pub fn profession(&self, slug: &str) -> Option<&Profession> {
        self.professions.iter().find(|p| p.slug == slug)
    }

    pub fn region(&self, slug: &str) -> Option<&Region> {
        self.regions.iter().find(|r| r.slug == slug)
    }

    pub fn contact(&self, id: &str) -> Option<&Contact> {
        self.contacts.iter().find(|c| c.id == id)
    }
}

/// The national contacts the kit's pages and posters name: the reference data must have them.
pub const REQUIRED_CONTACTS: [&str; 3] = ["17cyber", "cnil-breach", "cnil"];
