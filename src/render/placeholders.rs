//! The values of a module's placeholders for one kit: the profile's, or the interface string that
//! stands for a value the profile leaves empty ("votre prestataire informatique").

use std::collections::BTreeMap;

use crate::model::{Content, Lang, PLACEHOLDERS, Profile};

/// Placeholder name -> the plain text that replaces it. The default has no values: each
/// placeholder is left as written (for the fuzzers).
#[derive(Debug, Clone, Default)]
pub struct Placeholders {
    values: BTreeMap<&'static str, String>,
}

impl Placeholders {
    pub fn new(content: &Content, profile: &Profile, lang: &Lang) -> Self {
        let name = profile.profession.name.get(lang);
        let values = PLACEHOLDERS
            .iter()
            .map(|&key| {
                let value = match key {
                    "profession.one" => Some(name.one.clone()),
                    "profession.many" => Some(name.many.clone()),
                    "region.name" => Some(profile.region.name.get(lang).clone()),
                    "csirt.name" => profile.csirt.as_ref().map(|c| c.name.get(lang).clone()),
                    "it_provider.name" => profile.it_provider.as_ref().and_then(|p| p.name.clone()),
                    "practice.name" => profile.practice.as_ref().and_then(|p| p.name.clone()),
                    "publisher.name" => profile.publisher.as_ref().and_then(|p| p.name.clone()),
                    "retention.summary" => Some(profile.profession.retention.summary.get(lang).clone()),
                    _ => None,
                };
                let fallback = || content.ui.get(lang, &format!("placeholder_{}", key.replace('.', "_"))).to_string();
                (key, value.unwrap_or_else(fallback))
            })
            .collect();
        Placeholders { values }
    }

    /// Placeholders with given values, for tests of the renderers.
    pub fn from_values(values: &[(&'static str, &str)]) -> Self {
        Placeholders { values: values.iter().map(|(k, v)| (*k, v.to_string())).collect() }
    }

    /// The value of a placeholder; validation has checked every name a module uses.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.values.get(name).map(String::as_str)
    }
}
