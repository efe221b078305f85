//! The checklist's data: the checklist items of the kit's modules, grouped by part, and where
//! its second page begins.

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
    /// Whether the part begins the second page (see [`balanced`]).
    new_page: bool,
}

/// The lines the first page holds under its header, and the second, counting a part's title as
/// two: fewer than the pages hold (about 48 and 59 lines of 11 pt), so that a break chosen here
/// never pushes a part onto a third page.
const FIRST_PAGE_LINES: usize = 40;
const SECOND_PAGE_LINES: usize = 50;
/// Fewer characters than a line of 11 pt holds (about 90 beside its checkbox): an item counted
/// here is never shorter than it prints.
const LINE_CHARS: usize = 78;
/// A part's title, in lines of items, with the room above it.
const TITLE_LINES: usize = 2;

/// The checklist's parts, with the part that best balances its two pages marked to begin the
/// second.
/// Left to flow, the parts filled the first page and left the last part (the incident's eight
/// items) alone on the second, a sixth full. When everything fits on one page, no part is marked;
/// nor when no break leaves each page within what it holds, where the parts flow as they come.
fn balanced(mut parts: Vec<ChecklistPart>) -> Vec<ChecklistPart> {
    let lines: Vec<usize> = parts
        .iter()
        .map(|p| TITLE_LINES + p.items.iter().map(|i| i.chars().count().div_ceil(LINE_CHARS).max(1)).sum::<usize>())
        .collect();
    let total: usize = lines.iter().sum();
    if total <= FIRST_PAGE_LINES {
        return parts;
    }
    let best = (1..parts.len())
        .map(|at| (at, lines[..at].iter().sum::<usize>()))
        .filter(|&(_, first)| first <= FIRST_PAGE_LINES && total - first <= SECOND_PAGE_LINES)
        .min_by_key(|&(_, first)| first.abs_diff(total - first));
    if let Some((at, _)) = best {
        parts[at].new_page = true;
    }
    parts
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
            new_page: false,
        })
        .filter(|p| !p.items.is_empty())
        .collect();
    let parts = balanced(parts);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn parts(items: &[usize]) -> Vec<ChecklistPart> {
        items
            .iter()
            .map(|&n| ChecklistPart {
                icon: String::new(),
                title: String::new(),
                items: vec!["Chaque poste se verrouille seul après 5 minutes".to_string(); n],
                new_page: false,
            })
            .collect()
    }

    fn breaks(items: &[usize]) -> Vec<bool> {
        balanced(parts(items)).iter().map(|p| p.new_page).collect()
    }

    #[test]
    fn the_second_page_begins_with_the_part_that_balances_the_pages() {
        // The example kits' 29, 15 and 8 items: 31 lines | 27, not 48 | 10.
        assert_eq!(breaks(&[29, 15, 8]), [false, true, false]);
        assert_eq!(breaks(&[10, 12, 30]), [false, false, true]);
        // All on one page: no break.
        assert_eq!(breaks(&[20, 10, 4]), [false, false, false]);
        // A first part longer than the first page holds: the parts flow as they come.
        assert_eq!(breaks(&[45, 5, 5]), [false, false, false]);
    }

    #[test]
    fn an_item_longer_than_a_line_counts_as_the_lines_it_prints_on() {
        let mut long = parts(&[10, 10, 10]);
        long[0].items[0] = "x".repeat(LINE_CHARS * 12);
        // 12 + 9 + 2 = 23 lines, then 12 and 12: the break after the first part.
        assert_eq!(balanced(long).iter().map(|p| p.new_page).collect::<Vec<_>>(), [false, true, false]);
    }
}
