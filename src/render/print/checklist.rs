//! The checklist's data: the checklist items of the kit's modules, grouped by part.

use serde_json::{Value, json};

use super::Common;
use crate::model::{Lang, Part};
use crate::plan::Kit;
use crate::render::text::{front, phrase};

pub fn data(kit: &Kit<'_>, lang: &Lang, common: &Common) -> Value {
    let s = |key: &str| phrase(kit, lang, key, &[]);
    let parts: Vec<Value> = Part::ALL
        .iter()
        .map(|part| {
            let items: Vec<String> = kit
                .modules
                .iter()
                .filter(|m| m.part == *part)
                .flat_map(|m| m.text.get(lang).checklist.iter().map(|item| front(kit, lang, item)))
                .collect();
            json!({ "title": s(&format!("part_{}", part.slug())), "items": items })
        })
        .filter(|p| p["items"].as_array().is_some_and(|a| !a.is_empty()))
        .collect();
    let practice = kit.profile.practice.as_ref().and_then(|p| p.name.clone());
    let mut data = common.json(&format!("{} — {}", s("checklist_title"), common.for_whom));
    let extra = json!({
        "headline": s("checklist_title"),
        "subtitle": common.for_whom,
        "intro": s("checklist_intro"),
        "practice_label": s("checklist_practice"),
        "practice": practice,
        "checked_on": s("checklist_checked_on"),
        "checked_by": s("checklist_checked_by"),
        "parts": parts,
    });
    if let (Value::Object(base), Value::Object(more)) = (&mut data, extra) {
        base.extend(more);
    }
    data
}
