//! The checklist's data: the checklist items of the kit's modules, grouped by part.

use serde::Serialize;
use serde_json::Value;

use super::{Common, Head};
use crate::model::{Lang, Part};
use crate::plan::Kit;
use crate::render::text::{front, phrase};

/// The checklist's data, as `templates/print/checklist.typ` reads it.
#[derive(Serialize)]
struct Checklist<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    headline: String,
    subtitle: &'a str,
    intro: String,
    practice_label: String,
    practice: Option<String>,
    checked_on: String,
    checked_by: String,
    parts: Vec<ChecklistPart>,
}

/// A part's items, under its title.
#[derive(Serialize)]
struct ChecklistPart {
    /// Its pictogram, an SVG.
    icon: String,
    title: String,
    items: Vec<String>,
}

pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<Value> {
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let parts = Part::ALL
        .iter()
        .map(|part| ChecklistPart {
            icon: common.icon(part.icon()),
            title: s(&format!("part_{}", part.slug())),
            items: kit
                .modules
                .iter()
                .filter(|m| m.part == *part)
                .flat_map(|m| m.text.get(lang).checklist.iter().map(|item| front(kit, lang, item)))
                .collect(),
        })
        .filter(|p| !p.items.is_empty())
        .collect();
    let checklist = Checklist {
        head: common.head(format!("{} — {}", s("checklist_title"), common.for_whom)),
        headline: s("checklist_title"),
        subtitle: &common.for_whom,
        intro: s("checklist_intro"),
        practice_label: s("checklist_practice"),
        practice: kit.profile.practice.as_ref().and_then(|p| p.name.clone()),
        checked_on: s("checklist_checked_on"),
        checked_by: s("checklist_checked_by"),
        parts,
    };
    Ok(serde_json::to_value(checklist)?)
}
