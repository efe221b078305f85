//! `cyberkit list`: the professions, the regions with their CSIRT, and the modules, as text.

use std::fmt::Write as _;

use crate::model::{ContactField, Content};

/// One line per profession: its slug and its name in each language.
pub fn professions(content: &Content) -> String {
    let rows = content.reference.professions.iter().map(|p| {
        let mut row = vec![p.slug.clone()];
        row.extend(content.languages.iter().map(|l| p.name.get(l).many.clone()));
        row
    });
    let mut header = vec!["slug".to_string()];
    header.extend(content.languages.iter().map(|l| content.languages.name(l).to_string()));
    table(std::iter::once(header).chain(rows).collect())
}

/// One line per region: slug, INSEE code, name, and its CSIRT with what is confirmed of it.
pub fn regions(content: &Content) -> String {
    let source = content.languages.source();
    let mut rows = vec![vec!["slug".into(), "insee".into(), "name".into(), "CSIRT".into()]];
    for r in &content.reference.regions {
        let csirt = match &r.csirt {
            None => "none confirmed: the kits point to 17Cyber".to_string(),
            Some(c) => {
                let mut s = c.name.get(source).clone();
                if let Some(phone) = &c.phone {
                    let flag = if c.is_confirmed(ContactField::Phone) { "" } else { " (unconfirmed, not printed)" };
                    let _ = write!(s, ", {}{flag}", phone.display);
                }
                if let Some(site) = c.confirmed_website() {
                    let _ = write!(s, ", {}", site.without_scheme());
                }
                s
            }
        };
        rows.push(vec![r.slug.clone(), r.insee.clone(), r.name.get(source).clone(), csirt]);
    }
    table(rows)
}

/// One line per module, by part: part, order, id, title in the source language, and the
/// professions it is limited to.
pub fn modules(content: &Content) -> String {
    let source = content.languages.source();
    let mut rows = vec![vec!["part".into(), "order".into(), "id".into(), "title".into()]];
    for m in &content.modules {
        let mut title = m.text.get(source).title.clone();
        if let Some(ps) = &m.professions {
            let _ = write!(title, " (only: {})", ps.join(", "));
        }
        rows.push(vec![m.part.slug().into(), m.order.to_string(), m.id.clone(), title]);
    }
    table(rows)
}

/// Left-aligned columns, two spaces apart; the last column is not padded.
fn table(rows: Vec<Vec<String>>) -> String {
    let columns = rows.iter().map(Vec::len).max().unwrap_or(0);
    let widths: Vec<usize> = (0..columns)
        .map(|c| rows.iter().filter_map(|r| r.get(c)).map(|s| s.chars().count()).max().unwrap_or(0))
        .collect();
    let mut out = String::new();
    for row in rows {
        let last = row.len().saturating_sub(1);
        for (c, cell) in row.iter().enumerate() {
            out.push_str(cell);
            if c < last {
                out.push_str(&" ".repeat(widths[c] - cell.chars().count() + 2));
            }
        }
        out.push('\n');
    }
    out
}
