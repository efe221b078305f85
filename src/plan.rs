//! The plan stage: what each profile's kit holds, decided once for every renderer.

use crate::Checked;
use crate::model::{Content, Date, Module, Profile};

/// One profile's kit: its profile, and the modules that concern its profession, in order.
pub struct Kit<'a> {
    pub content: &'a Content,
    pub profile: &'a Profile,
    pub modules: Vec<&'a Module>,
    /// The date the kit's documents carry: fixed, so that two builds are identical.
    pub date: Date,
}

/// The kits to build, one per profile, in the order the profiles were given.
pub fn plan(checked: &Checked, date: Date) -> Vec<Kit<'_>> {
    checked
        .profiles
        .iter()
        .map(|profile| Kit {
            content: &checked.content,
            profile,
            modules: checked.content.modules.iter().filter(|m| m.concerns(&profile.profession.slug)).collect(),
            date,
        })
        .collect()
}
