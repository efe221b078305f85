//! A document that the profile's text made too long: onto more pages than it may, or into the
//! margin that printers cannot print; and which of the profile's values to shorten. It is the
//! profile's error, a [`Diagnostic`] at the longest value: a kit's renderer goes on past such a
//! document and returns every one with what it made.

use typst_layout::PagedDocument;

use crate::diag::{Diagnostic, Location, WithHint as _};
use crate::plan::{Document, Kit};
use crate::problem::Problem;

/// Office printers cannot print near the paper's edge: a document's text stays this far from it
/// (12 mm), less a tenth of a millimetre for rounding.
const EDGE_MM: f64 = 11.9;

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

/// A document that overflows. What overflows is the profile's text: the diagnostic is at the
/// longest of the profile's printed values, and its hint names the longest three.
struct Overflow<'d> {
    document: &'d Document,
    fault: Fault,
    /// The profile's longest printed values, longest first: table, key, length in characters.
    longest: Vec<(&'static str, &'static str, usize)>,
}

impl Overflow<'_> {
    /// The problem, for the personaliser's form.
    fn problem(&self) -> Problem {
        let document = self.document.title_key;
        match self.fault {
            Fault::Pages { pages, max } => Problem::Pages { document, pages, max },
            Fault::Edge { page, mm } => Problem::Edge { document, page, mm: format!("{mm:.1}") },
        }
    }
}

/// The profile's error for a document of its kit that overflows: its hint names the longest of
/// the values this document prints (`data`, as its template reads it), none of another's.
pub(super) fn diagnostic(kit: &Kit<'_>, document: &Document, fault: Fault, data: &serde_json::Value) -> Diagnostic {
    let profile = kit.profile;
    let mut longest: Vec<_> = profile.long_values.iter().filter(|v| mentions(data, &v.value)).collect();
    longest.sort_by(|a, b| b.chars.cmp(&a.chars).then((a.table, a.key).cmp(&(b.table, b.key))));
    longest.truncate(3);
    let at = longest.first().map_or_else(|| Location::file(&profile.path), |value| value.at.clone());
    let overflow = Overflow { document, fault, longest: longest.iter().map(|v| (v.table, v.key, v.chars)).collect() };
    let problem = overflow.problem();
    at.error(format!("{} {}", document.path, problem.english().0)).hint(overflow.hint()).said(problem)
}

/// Whether a document's data holds `value` in one of its strings.
fn mentions(data: &serde_json::Value, value: &str) -> bool {
    use serde_json::Value;
    match data {
        Value::String(s) => s.contains(value),
        Value::Array(items) => items.iter().any(|v| mentions(v, value)),
        Value::Object(map) => map.values().any(|v| mentions(v, value)),
        _ => false,
    }
}

impl Overflow<'_> {
    /// What to do: shorten the longest values (or, for text at the edge, a module's long word).
    fn hint(&self) -> String {
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
