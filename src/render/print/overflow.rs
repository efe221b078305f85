//! A document that the profile's text made too long: onto more pages than it may, or into the
//! margin that printers cannot print; and which of the profile's values to shorten. A kit's
//! renderer goes on past such a document and reports every one ([`Overflows`]).

use typst_layout::PagedDocument;

use crate::model::Lang;
use crate::plan::Kit;

/// Office printers cannot print near the paper's edge: a document's text stays this far from it
/// (PRINT.md: 12 mm), less a tenth of a millimetre for rounding.
const EDGE_MM: f64 = 11.9;

/// The most pages a document may have: a poster and the notice go on a wall, the checklist on
/// one sheet, both sides at most (PRINT.md).
pub(super) fn max_pages(stem: &str) -> Option<usize> {
    match stem {
        "poster-a4" | "poster-a3" | "notice" => Some(1),
        "checklist" => Some(2),
        _ => None,
    }
}

/// The first page, numbered from 1, whose text comes nearer the paper's edge than printers can
/// print, and how near, in millimetres. A footer grown by long values does.
pub(super) fn nearest_edge(document: &PagedDocument) -> Option<(usize, f64)> {
    document.pages().iter().enumerate().find_map(|(i, page)| {
        let [left, top, right, bottom] = super::compile::page_text_bounds(page)?;
        let size = page.frame.size();
        let least = [left, top, size.x.to_mm() - right, size.y.to_mm() - bottom].into_iter().fold(f64::MAX, f64::min);
        (least < EDGE_MM).then_some((i + 1, least))
    })
}

/// How a document overflows.
#[derive(Debug)]
pub enum Fault {
    /// Onto `pages` pages where `max` is the most.
    Pages { pages: usize, max: usize },
    /// Page `page`'s text within `mm` of the paper's edge.
    Edge { page: usize, mm: f64 },
}

/// A document that overflows. What overflows is the profile's text: the error names the
/// profile's longest values, for the caller to point at the longest one.
#[derive(Debug)]
pub struct Overflow {
    pub profile: std::path::PathBuf,
    /// `print/<lang>/<stem>.pdf`.
    pub document: String,
    pub fault: Fault,
    /// The profile's longest printed values, longest first: table, key, length in characters.
    pub longest: Vec<(&'static str, &'static str, usize)>,
}

impl std::fmt::Display for Overflow {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.fault {
            Fault::Pages { pages, max } => write!(f, "{} runs onto {pages} pages; it must fit on {max}", self.document),
            Fault::Edge { page, mm } => write!(
                f,
                "{} page {page}: text comes within {mm:.1} mm of the paper's edge; printers need 12 mm",
                self.document
            ),
        }
    }
}

impl std::error::Error for Overflow {}

impl Overflow {
    pub(super) fn new(kit: &Kit<'_>, lang: &Lang, stem: &str, fault: Fault) -> Self {
        let profile = kit.profile;
        let practice = profile.practice.as_ref();
        let provider = profile.it_provider.as_ref();
        let privacy = &profile.privacy;
        let publisher = profile.publisher.as_ref();
        let mut longest: Vec<_> = [
            ("publisher", "name", publisher.and_then(|p| p.name.as_ref())),
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
        Overflow { profile: profile.path.clone(), document: format!("print/{lang}/{stem}.pdf"), fault, longest }
    }

    /// What to do: shorten the longest values (or, for text at the edge, a module's long word).
    pub fn hint(&self) -> String {
        let values: Vec<String> =
            self.longest.iter().map(|(table, key, length)| format!("[{table}] {key} ({length} characters)")).collect();
        // A module's own text can reach the edge too: a word too long for its line.
        let modules = "look in the modules' text for a word too long for its line";
        match (&self.fault, values.is_empty()) {
            (Fault::Pages { .. }, true) => "shorten the profile's text".to_string(),
            (Fault::Pages { .. }, false) => format!("shorten the profile's longest values: {}", values.join(", ")),
            (Fault::Edge { .. }, true) => modules.to_string(),
            (Fault::Edge { .. }, false) => {
                format!("shorten the profile's longest values: {}; if they are short, {modules}", values.join(", "))
            }
        }
    }
}

/// Every document of a kit that overflows, in the order they were rendered.
#[derive(Debug)]
pub struct Overflows(pub Vec<Overflow>);

impl std::fmt::Display for Overflows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list: Vec<String> = self.0.iter().map(ToString::to_string).collect();
        f.write_str(&list.join("\n"))
    }
}

impl std::error::Error for Overflows {}

impl Overflows {
    /// The results of rendering parts of a kit, merged: the first error that is not an overflow,
    /// else every overflow of every part, else every part's artifacts.
    pub fn gather<T>(results: impl IntoIterator<Item = anyhow::Result<Vec<T>>>) -> anyhow::Result<Vec<T>> {
        let (mut out, mut overflows) = (Vec::new(), Vec::new());
        for result in results {
            match result {
                Ok(items) => out.extend(items),
                Err(e) => overflows.extend(Self::of(e)?),
            }
        }
        Self::or(overflows, out)
    }

    /// `value` when `list` is empty, else the error of every overflow in it.
    pub fn or<T>(list: Vec<Overflow>, value: T) -> anyhow::Result<T> {
        match list.is_empty() {
            true => Ok(value),
            false => Err(Overflows(list).into()),
        }
    }

    /// The overflows an error stands for; any other error as it is.
    pub fn of(error: anyhow::Error) -> anyhow::Result<Vec<Overflow>> {
        match error.downcast::<Overflows>() {
            Ok(overflows) => Ok(overflows.0),
            Err(error) => error.downcast::<Overflow>().map(|overflow| vec![overflow]),
        }
    }
}
