//! The booklet's running footer, composed onto its laid-out pages.
//!
//! The footer names the publisher on every page (a page copied alone still says whose it is), so when Typst lays it out with the
//! page, no page is the same from one kit to the next and Typst lays every page out again. The
//! booklet template leaves an empty `<footer-text>` block in its footer instead; its pages are
//! then the same across a profession's kits, and their layout is reused. The footer's text is
//! laid out here once per kit, at the block's width, and put into every page's block: inside the
//! footer, which the PDF marks as an artifact.

use std::collections::HashMap;

use serde::Serialize;
use typst::foundations::{Bytes, Label};
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Size};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

use super::compile;
use super::world::{Env, file_id};

/// The footer template's data. Its fields are in the order of their names, the order a JSON
/// object of ours has everywhere.
#[derive(Serialize)]
struct FooterText<'a> {
    footer: &'a [String],
    lang: &'a str,
    /// Its text's size and leading, in points, where they are not the booklet's.
    #[serde(skip_serializing_if = "Option::is_none")]
    leading: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    size: Option<f64>,
    /// The footer block's width, in points.
    width: f64,
}

/// The footer template.
pub const TEMPLATE: (&str, &str) = ("/footer.typ", include_str!("../../../templates/print/footer.typ"));

/// The document with its footer's text, `lines` joined, in every page's `<footer-text>` block.
pub fn compose(
    env: &Env,
    date: typst::foundations::Datetime,
    lang: &str,
    lines: &[String],
    mut document: PagedDocument,
) -> anyhow::Result<PagedDocument> {
    let label = Label::new(PicoStr::intern("footer-text")).expect("a valid label");
    // One layout per width: a page number of two digits leaves the text less room.
    let mut texts: HashMap<u64, Frame> = HashMap::new();
    let mut text_at = |width: Abs| -> anyhow::Result<Frame> {
        if let Some(frame) = texts.get(&width.to_raw().to_bits()) {
            return Ok(frame.clone());
        }
        let text = FooterText { footer: lines, lang, leading: None, size: None, width: width.to_pt() };
        let mut files = HashMap::new();
        files.insert(file_id("/data/document.json"), Bytes::new(serde_json::to_vec(&text)?));
        let laid = compile::layout(&env.world(TEMPLATE.0, files, date))?;
        let frame = laid.pages().first().map_or_else(|| Frame::soft(Size::zero()), |page| untagged(&page.frame));
        texts.insert(width.to_raw().to_bits(), frame.clone());
        Ok(frame)
    };
    let mut pages = Vec::with_capacity(document.pages().len());
    for page in document.pages() {
        let frame = with_text(&page.frame, label, &mut text_at)?;
        pages.push(Page { frame, ..page.clone() });
    }
    let info = std::mem::take(document.info_mut());
    Ok(PagedDocument::new(pages.into_iter().collect(), info))
}

/// The narrowest the footer's text block is on a booklet page (A5, less its margins and a
/// two-digit page number), in points: where it takes the most lines.
const NARROWEST_PT: f64 = 110.0 / 25.4 * 72.0;

/// The three lines every booklet page keeps for the footer's text, as `booklet.typ`'s
/// `footer-text-height` (3.4 em of 6.5 pt).
const THREE_LINES_PT: f64 = 3.4 * 6.5;

/// What the descenders of the footer's last line take below its frame (half an em of 6.5 pt).
const DESCENDERS_PT: f64 = 0.5 * 6.5;

/// How much taller than three lines the footer's text is, in points: a publisher's and a
/// practice's long names make it four or five lines, and the booklet's bottom margin then keeps
/// that much more room on every page. Zero for the footers of almost every kit.
pub fn extra_height(
    env: &Env,
    date: typst::foundations::Datetime,
    lang: &str,
    lines: &[String],
) -> anyhow::Result<f64> {
    if crate::fonts::surely_holds(&lines.join(" · "), 6.5, NARROWEST_PT, 3) {
        return Ok(0.0);
    }
    let text = FooterText { footer: lines, lang, leading: None, size: None, width: NARROWEST_PT };
    let mut files = HashMap::new();
    files.insert(file_id("/data/document.json"), Bytes::new(serde_json::to_vec(&text)?));
    let laid = compile::layout(&env.world(TEMPLATE.0, files, date))?;
    // The text's frame ends on its last baseline: its descenders go half an em below, as the
    // three lines' room allows for.
    let height = laid.pages().first().map_or(0.0, |page| page.frame.height().to_pt()) + DESCENDERS_PT;
    // Tenths of a point: a value that the same text gives on every machine.
    Ok(((height - THREE_LINES_PT).max(0.0) * 10.0).ceil() / 10.0)
}

/// How much room beyond two lines an A4 or A3 document's footer needs (`footer()` in common.typ:
/// `size_pt` text, a leading of 0.65 em, in a block `width_pt` wide), in points: the document's
/// bottom margin keeps two lines, and a publisher's and a practice's long names make three or
/// four. Zero without laying anything out when even the widest letters would hold in two lines.
pub fn extra_lines_height(
    env: &Env,
    date: typst::foundations::Datetime,
    lang: &str,
    lines: &[String],
    width_pt: f64,
    size_pt: f64,
) -> anyhow::Result<f64> {
    const LEADING_EM: f64 = 0.65;
    // Almost every kit's footer: measured by its glyphs' widths, without a layout.
    if crate::fonts::surely_holds(&lines.join(" · "), size_pt, width_pt, 2) {
        return Ok(0.0);
    }
    let height = |text: &[String]| -> anyhow::Result<f64> {
        let footer = FooterText { footer: text, lang, leading: Some(LEADING_EM), size: Some(size_pt), width: width_pt };
        let mut files = HashMap::new();
        files.insert(file_id("/data/document.json"), Bytes::new(serde_json::to_vec(&footer)?));
        let laid = compile::layout(&env.world(TEMPLATE.0, files, date))?;
        Ok(laid.pages().first().map_or(0.0, |page| page.frame.height().to_pt()))
    };
    let (all, one) = (height(lines)?, height(&["x".to_string()])?);
    let line = one + LEADING_EM * size_pt;
    let count = ((all + LEADING_EM * size_pt) / line).round();
    // Tenths of a point: a value that the same text gives on every machine.
    Ok((((count - 2.0).max(0.0) * line) * 10.0).ceil() / 10.0)
}

/// The frame with `text` (at the block's width) in each group labelled `label`.
fn with_text(
    frame: &Frame,
    label: Label,
    text: &mut impl FnMut(Abs) -> anyhow::Result<Frame>,
) -> anyhow::Result<Frame> {
    fn has(frame: &Frame, label: Label) -> bool {
        frame.items().any(|(_, item)| match item {
            FrameItem::Group(group) => group.label == Some(label) || has(&group.frame, label),
            _ => false,
        })
    }
    if !has(frame, label) {
        return Ok(frame.clone());
    }
    let mut out = Frame::new(frame.size(), frame.kind());
    out.set_baseline(frame.baseline());
    for (pos, item) in frame.items() {
        let item = match item {
            FrameItem::Group(group) if group.label == Some(label) => {
                let mut inner = group.frame.clone();
                inner.push_frame(Point::zero(), text(inner.width())?);
                FrameItem::Group(GroupItem { frame: inner, ..group.clone() })
            }
            FrameItem::Group(group) => {
                FrameItem::Group(GroupItem { frame: with_text(&group.frame, label, text)?, ..group.clone() })
            }
            other => other.clone(),
        };
        out.push(*pos, item);
    }
    Ok(out)
}

/// The frame without its introspection tags: they belong to the footer's own document.
fn untagged(frame: &Frame) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Tag(_) => {}
            FrameItem::Group(group) => {
                out.push(*pos, FrameItem::Group(GroupItem { frame: untagged(&group.frame), ..group.clone() }));
            }
            other => out.push(*pos, other.clone()),
        }
    }
    out
}
