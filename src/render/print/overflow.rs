//! A document that runs onto more pages than it may: what the profile's text made too long, and
//! which of the profile's values to shorten.

use crate::model::Lang;
use crate::plan::Kit;

/// The most pages a document may have: a poster and the notice go on a wall, the checklist on
/// one sheet, both sides at most (PRINT.md).
pub(super) fn max_pages(stem: &str) -> Option<usize> {
    match stem {
        "poster-a4" | "poster-a3" | "notice" => Some(1),
        "checklist" => Some(2),
        _ => None,
    }
}

/// A document that runs onto more pages than it may. What overflows is the profile's text: the
/// error names the profile's longest values, for the caller to point at the longest one.
#[derive(Debug)]
pub struct Overflow {
    pub profile: std::path::PathBuf,
    /// `print/<lang>/<stem>.pdf`.
    pub document: String,
    pub pages: usize,
    pub max: usize,
    /// The profile's longest printed values, longest first: table, key, length in characters.
    pub longest: Vec<(&'static str, &'static str, usize)>,
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} runs onto {} pages; it must fit on {}", self.document, self.pages, self.max)
    }
}

impl std::error::Error for Overflow {}

impl Overflow {
    pub(super) fn new(kit: &Kit<'_>, lang: &Lang, stem: &str, pages: usize, max: usize) -> Self {
        let profile = kit.profile;
        let practice = profile.practice.as_ref();
        let provider = profile.it_provider.as_ref();
        let privacy = &profile.privacy;
        let mut longest: Vec<_> = [
            ("practice", "name", practice.and_then(|p| p.name.as_ref())),
            ("practice", "address", practice.and_then(|p| p.address.as_ref())),
            ("practice", "contact_person", practice.and_then(|p| p.contact_person.as_ref())),
            ("it_provider", "name", provider.and_then(|p| p.name.as_ref())),
            ("it_provider", "contract", provider.and_then(|p| p.contract.as_ref())),
            ("privacy", "controller", privacy.controller.as_ref()),
            ("privacy", "rights_address", privacy.rights_address.as_ref()),
        ]
        .into_iter()
        .filter_map(|(table, key, value)| value.map(|v| (table, key, v.chars().count())))
        .collect();
        longest.sort_by(|a, b| b.2.cmp(&a.2).then((a.0, a.1).cmp(&(b.0, b.1))));
        longest.truncate(3);
        Overflow { profile: profile.path.clone(), document: format!("print/{lang}/{stem}.pdf"), pages, max, longest }
    }

    /// What to do: shorten the longest values.
    pub fn hint(&self) -> String {
        let values: Vec<String> =
            self.longest.iter().map(|(table, key, length)| format!("[{table}] {key} ({length} characters)")).collect();
        match values.is_empty() {
            true => "shorten the profile's text".to_string(),
            false => format!("shorten the profile's longest values: {}", values.join(", ")),
        }
    }
}
