//! The booklet imposed for saddle-stitch printing: Typst lays out the A4 sheets (their size, the
//! printing hint), and each sheet side then gets its two A5 pages, the booklet's own PDF pages
//! copied as they are. Typst's `image()` of a PDF page decodes each page's content and compresses
//! it again (a sixth of a kit's print time, measured); here a page's content stream is carried
//! over byte for byte.

use anyhow::{Context as _, anyhow};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};
use typst::foundations::Datetime;
use typst::layout::{Frame, GroupItem, Point};
use typst_layout::Page;

use super::compile::{self, Compiled};
use super::world::DocWorld;

/// Compiles the imposed booklet: the world's sheets (`imposed.typ`, its pages left blank), filled
/// with the pages of `booklet`. Its thumbnail is the first sheet, drawn from the booklet's
/// layout.
pub fn compile(world: &DocWorld<'_>, ident: &str, date: Datetime, booklet: &Compiled) -> anyhow::Result<Compiled> {
    let sheets = compile::layout(world)?;
    // Untagged: PDF/UA does not allow the pages of another PDF.
    let pdf = impose(&compile::pdf(world, &sheets, ident, date, false)?, &booklet.pdf)?;
    let pages = booklet.document.pages();
    let thumbnail = match (sheets.pages().first(), sides(pages.len()).first()) {
        (Some(sheet), Some((left, right))) => {
            let frame = with_pages(&sheet.frame, &pages[left - 1].frame, &pages[right - 1].frame);
            compile::thumbnail(&Page { frame, ..sheet.clone() })?
        }
        _ => Vec::new(),
    };
    Ok(Compiled { pdf, pages: sheets.pages().len(), thumbnail, document: sheets })
}

/// A sheet side's frame with its two booklet pages under it, where [`impose`] puts them.
fn with_pages(sheet: &Frame, left: &Frame, right: &Frame) -> Frame {
    let mut out = Frame::new(sheet.size(), sheet.kind());
    out.push_frame(Point::zero(), left.clone());
    out.push_frame(Point::with_x(sheet.width() - right.width()), right.clone());
    out.push(Point::zero(), typst::layout::FrameItem::Group(GroupItem::new(sheet.clone())));
    out
}

/// The booklet's pages (numbered from 1) on each sheet side, left then right, in printing
/// order: the sheet that folds outermost first, its front then its back. `pages` is a multiple
/// of four.
pub fn sides(pages: usize) -> Vec<(usize, usize)> {
    (0..pages / 4).flat_map(|s| [(pages - 2 * s, 1 + 2 * s), (2 + 2 * s, pages - 1 - 2 * s)]).collect()
}

/// The PDF of `sheets` (one page per sheet side, in the order of [`sides`]) with the pages of
/// `booklet` drawn on them: the left page against the left edge, the right one against the right
/// edge, both against the top.
pub fn impose(sheets: &[u8], booklet: &[u8]) -> anyhow::Result<Vec<u8>> {
    // The booklet is the base, its many objects kept where they are; the few of the sheets are
    // numbered after them.
    let options = LoadOptions { filter: Some(drawing_only), ..LoadOptions::default() };
    let mut doc = Document::load_mem_with_options(booklet, options).context("the booklet's PDF")?;
    let mut sheets = Document::load_mem(sheets).context("the imposed sheets' PDF")?;
    sheets.renumber_objects_with(doc.max_id + 1);
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let sides = sides(pages.len());
    let sheet_ids: Vec<ObjectId> = sheets.get_pages().into_values().collect();
    anyhow::ensure!(
        sheet_ids.len() == sides.len(),
        "the imposed sheets have {} sides for {} booklet pages",
        sheet_ids.len(),
        pages.len()
    );
    let forms = pages.iter().map(|page| Form::of(&doc, *page)).collect::<anyhow::Result<Vec<_>>>()?;
    // From here on, the document is the sheets', with the booklet's objects in it.
    doc.max_id = sheets.max_id;
    doc.objects.append(&mut sheets.objects);
    doc.trailer = sheets.trailer;
    let forms: Vec<(ObjectId, [f32; 2])> =
        forms.into_iter().map(|form| (doc.add_object(form.stream), form.size)).collect();
    for (sheet, (left, right)) in sheet_ids.iter().zip(sides) {
        let ((left, [_, left_height]), (right, [right_width, right_height])) = (forms[left - 1], forms[right - 1]);
        let [_, _, sheet_width, sheet_height] = media_box(&doc, *sheet)?;
        // PDF measures from the bottom left corner.
        let draw = format!(
            "q 1 0 0 1 0 {:.4} cm /CkLeft Do Q q 1 0 0 1 {:.4} {:.4} cm /CkRight Do Q\n",
            sheet_height - left_height,
            sheet_width - right_width,
            sheet_height - right_height,
        );
        let draw = doc.add_object(Stream::new(Dictionary::new(), draw.into_bytes()));
        add_xobjects(&mut doc, *sheet, &[("CkLeft", left), ("CkRight", right)])?;
        let page = doc.get_dictionary_mut(*sheet)?;
        // The sheet's own content (the hint) is drawn over the pages.
        let own = page.get(b"Contents").cloned().map_err(|_| anyhow!("a sheet without content"))?;
        let mut contents = vec![Object::Reference(draw)];
        match own {
            Object::Array(items) => contents.extend(items),
            other => contents.push(other),
        }
        page.set("Contents", Object::Array(contents));
    }
    // The booklet's catalog, page tree and outline are no longer referenced.
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).context("writing the imposed booklet")?;
    Ok(out)
}

/// Drops, as the booklet is read, what the sheets will not draw: its tags, links and their
/// actions (the imposed file is untagged, and a printer follows no link).
pub(super) fn drawing_only(id: ObjectId, object: &mut Object) -> Option<(ObjectId, Object)> {
    let kind = match object {
        Object::Dictionary(dict) => dict.get(b"Type").and_then(Object::as_name).ok(),
        _ => None,
    };
    match kind {
        Some(b"StructElem" | b"StructTreeRoot" | b"OBJR" | b"Annot" | b"Action") => None,
        // lopdf keeps the object it passed in, or, inside an object stream, the one returned.
        _ => Some((id, object.clone())),
    }
}

/// A booklet page as a form `XObject`: its content stream, filters kept, and its resources; and
/// its width and height.
pub(super) struct Form {
    pub stream: Stream,
    pub size: [f32; 2],
}

impl Form {
    pub fn of(book: &Document, page: ObjectId) -> anyhow::Result<Form> {
        let dict = book.get_dictionary(page)?;
        let media_box = media_box(book, page)?;
        let resources = dict.get(b"Resources").cloned().map_err(|_| anyhow!("a booklet page without resources"))?;
        let contents = book.get_page_contents(page);
        let mut stream = match contents.as_slice() {
            // One stream, as Typst writes it: copied without decoding.
            [id] => {
                let content = book.get_object(*id)?.as_stream()?;
                let mut dict = Dictionary::new();
                for key in [&b"Filter"[..], b"DecodeParms"] {
                    if let Ok(value) = content.dict.get(key) {
                        dict.set(key, value.clone());
                    }
                }
                Stream::new(dict, content.content.clone()).with_compression(false)
            }
            _ => Stream::new(Dictionary::new(), book.get_page_content(page)),
        };
        stream.dict.set("Type", Object::Name(b"XObject".to_vec()));
        stream.dict.set("Subtype", Object::Name(b"Form".to_vec()));
        stream.dict.set("BBox", Object::Array(media_box.iter().map(|v| Object::Real(*v)).collect()));
        stream.dict.set("Resources", resources);
        Ok(Form { stream, size: [media_box[2] - media_box[0], media_box[3] - media_box[1]] })
    }
}

/// A page's media box, `[x0 y0 x1 y1]`.
fn media_box(doc: &Document, page: ObjectId) -> anyhow::Result<[f32; 4]> {
    let values = doc.get_dictionary(page)?.get(b"MediaBox")?.as_array()?;
    let mut out = [0.0; 4];
    anyhow::ensure!(values.len() == 4, "a page's media box has {} numbers", values.len());
    for (slot, value) in out.iter_mut().zip(values) {
        *slot = value.as_float()?;
    }
    Ok(out)
}

/// Names `forms` in the `XObject` resources of `page`.
fn add_xobjects(doc: &mut Document, page: ObjectId, forms: &[(&str, ObjectId)]) -> anyhow::Result<()> {
    let resources = match doc.get_dictionary(page)?.get(b"Resources") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id)?.clone(),
        Ok(Object::Dictionary(dict)) => dict.clone(),
        _ => Dictionary::new(),
    };
    let mut resources = resources;
    let mut xobjects = match resources.get(b"XObject") {
        Ok(Object::Reference(id)) => doc.get_dictionary(*id)?.clone(),
        Ok(Object::Dictionary(dict)) => dict.clone(),
        _ => Dictionary::new(),
    };
    for (name, id) in forms {
        xobjects.set(name.as_bytes(), Object::Reference(*id));
    }
    resources.set("XObject", Object::Dictionary(xobjects));
    // Set on the page itself: a resource dictionary may be shared between sheets.
    doc.get_dictionary_mut(page)?.set("Resources", Object::Dictionary(resources));
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::sides;

    #[test]
    fn an_eight_page_booklet_folds_from_two_sheets() {
        // Sheet 1: 8|1 on the front, 2|7 on the back; sheet 2: 6|3, then 4|5.
        assert_eq!(sides(8), vec![(8, 1), (2, 7), (6, 3), (4, 5)]);
        // Every page once.
        let mut pages: Vec<usize> = sides(32).into_iter().flat_map(|(a, b)| [a, b]).collect();
        pages.sort_unstable();
        assert_eq!(pages, (1..=32).collect::<Vec<_>>());
    }
}
