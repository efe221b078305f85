//! The poster's room shared out: laid out once with its steps and boxes close together, then the
//! room its page leaves under them is shared between the gaps the template marks
//! (`<poster-gap>`), each moving everything under it down, so that the poster fills its page at
//! A4 and A3 alike instead of ending on an empty band. Typst's fractional spacing would do this
//! in the layout itself, but it squeezes a poster too long for its page instead of breaking it,
//! and measuring the poster first to size the gaps cost a second layout (11% of the print time).

use typst::foundations::Label;
use typst::introspection::Tag;
use typst::layout::{Abs, Frame, FrameItem, Point};
use typst::utils::PicoStr;
use typst_layout::{Page, PagedDocument};

/// The document with its first page's gaps opened, when it has one page and marks its gaps and
/// the bottom of its text area (`<poster-bottom>`). A poster that runs onto a second page is left
/// as it is: the build reports it.
pub fn stretch(mut document: PagedDocument) -> PagedDocument {
    let [page] = document.pages() else { return document };
    let Some(frame) = stretched(&page.frame) else { return document };
    let page = Page { frame, ..page.clone() };
    let info = std::mem::take(document.info_mut());
    PagedDocument::new(std::iter::once(page).collect(), info)
}

/// The frame with its gaps opened, if it marks them.
fn stretched(frame: &Frame) -> Option<Frame> {
    let marked = |name: &str| Label::new(PicoStr::intern(name));
    let (gap, bottom) = (marked("poster-gap")?, marked("poster-bottom")?);
    let at = |label: Label| -> Vec<Abs> {
        frame
            .items()
            .filter_map(|(pos, item)| match item {
                FrameItem::Tag(Tag::Start(content, _)) if content.label() == Some(label) => Some(pos.y),
                _ => None,
            })
            .collect()
    };
    let gaps = at(gap);
    let limit = *at(bottom).first()?;
    // The lowest thing printed above the footer, which sits under the text area.
    let end = frame
        .items()
        .filter(|(pos, item)| pos.y < limit && !matches!(item, FrameItem::Tag(_)))
        .map(|(pos, item)| pos.y + bottom_of(item))
        .fold(Abs::zero(), Abs::max);
    let room = limit - end;
    if gaps.is_empty() || room <= Abs::zero() {
        return None;
    }
    // A few gaps: counted in `u32`, which `f64` holds exactly.
    let count = |n: usize| f64::from(u32::try_from(n).unwrap_or(u32::MAX));
    let share = room / count(gaps.len());
    let mut out = Frame::new(frame.size(), frame.kind());
    for (pos, item) in frame.items() {
        // Each gap above an item moves it down by a share; the footer stays where it is.
        let opened = if pos.y < limit { gaps.iter().filter(|y| **y <= pos.y).count() } else { 0 };
        out.push(*pos + Point::with_y(share * count(opened)), item.clone());
    }
    Some(out)
}

/// How far below its position an item reaches: a group or image its height, a run of text its
/// descender (its position is its baseline), a shape its bounding box's bottom.
fn bottom_of(item: &FrameItem) -> Abs {
    match item {
        FrameItem::Group(group) => group.frame.height(),
        FrameItem::Text(text) => -text.font.metrics().descender.at(text.size),
        FrameItem::Shape(shape, _) => shape.geometry.bbox(shape.stroke.as_ref()).max.y,
        FrameItem::Image(_, size, _) | FrameItem::Link(_, size) => size.y,
        FrameItem::Tag(_) => Abs::zero(),
    }
}
