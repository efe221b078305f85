//! The validated model: the types that exist only once every user file has been checked.
//!
//! Nothing here parses or reports: `validate` builds these values from the raw, spanned data of
//! `load`, and every later stage (plan, render) trusts them without checking again.

mod content;
pub mod grammar;
mod lang;
mod profile;
mod reference;
mod value;

pub use content::{Content, Module, ModuleText, PLACEHOLDERS, Part, REQUIRED_STRINGS, UiStrings};
pub use lang::{Lang, Languages, Localized};
pub use profile::{Insurer, ItProvider, LongValue, Practice, Privacy, Profile, Publisher, Site, Software};
pub use reference::{
    Contact, ContactField, Grammar, IncidentDuty, Profession, ProfessionName, REQUIRED_CONTACTS, Reference, Region,
    Retention, Workplace, WorkplaceWords,
};
pub use value::{Colour, Date, Email, HttpsUrl, Logo, Phone};

/// The folder beside the kits that holds what every kit's personaliser page shares (the
/// WebAssembly, the scripts): no profile may give a kit this name.
pub const SHARED_FOLDER: &str = "personaliser";
