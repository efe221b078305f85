//! The print-shop copy of a document (the booklet, the posters): for a printer who prints on
//! larger paper and trims it. Each page of the office PDF, copied as it is (see [`impose`]), sits
//! on a sheet 3 mm larger on every side — the bleed, into which a background that runs to the
//! page's edge (the booklet's cover) is carried on — with crop marks outside the bleed and the
//! page's trim and bleed boxes set. Fonts are the office PDF's, embedded; colours are as the
//! profile gives them (RGB); the layout is not run again.

use anyhow::{Context as _, anyhow};
use lopdf::{Dictionary, Document, LoadOptions, Object, ObjectId, Stream};
use typst::layout::{Abs, Frame, FrameItem, Point, Transform};
use typst::visualize::{Geometry, Paint};
use typst_layout::Page;

use super::compile::Compiled;
use super::impose::{Form, drawing_only};

/// The bleed: how far past the trimmed edge a background runs, in millimetres.
pub const BLEED_MM: f32 = 3.0;
/// The crop marks: how far from the trimmed edge they start (outside the bleed), and how long.
const MARK_OFFSET_MM: f32 = 3.0;
const MARK_LENGTH_MM: f32 = 5.0;
/// The paper outside the trimmed page: the bleed, the marks, and 2 mm beyond them.
pub const SLUG_MM: f32 = MARK_OFFSET_MM + MARK_LENGTH_MM + 2.0;

fn pt(mm: f32) -> f32 {
    mm / 25.4 * 72.0
}

/// The print-shop PDF of a compiled document: untagged (its pages are form `XObject`s, which
/// PDF/UA does not allow), as the imposed booklet is; the office PDF stays the one to read.
pub fn print_shop(office: &Compiled) -> anyhow::Result<Vec<u8>> {
    let backgrounds: Vec<Option<[f32; 3]>> = office.document.pages().iter().map(background).collect();
    let options = LoadOptions { filter: Some(drawing_only), ..LoadOptions::default() };
    let mut doc = Document::load_mem_with_options(&office.pdf, options).context("the office PDF")?;
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    anyhow::ensure!(
        pages.len() == backgrounds.len(),
        "the office PDF has {} pages, its layout {}",
        pages.len(),
        backgrounds.len()
    );
    let (slug, bleed) = (pt(SLUG_MM), pt(BLEED_MM));
    for (page, fill) in pages.into_iter().zip(backgrounds) {
        let form = Form::of(&doc, page)?;
        let [width, height] = form.size;
        // The background is painted in the colour space the page paints it in (Typst's sRGB
        // profile), so that the bleed matches the page where the knife falls.
        let srgb = form.stream.dict.get(b"Resources").ok().and_then(|r| srgb_space(&doc, r));
        let form = doc.add_object(form.stream);
        let mut draw = String::new();
        let mut resources = Dictionary::new();
        if let Some([r, g, b]) = fill {
            let paint = match srgb {
                Some(space) => {
                    let mut spaces = Dictionary::new();
                    spaces.set("CkRGB", space);
                    resources.set("ColorSpace", Object::Dictionary(spaces));
                    format!("/CkRGB cs {r:.4} {g:.4} {b:.4} scn")
                }
                None => format!("{r:.4} {g:.4} {b:.4} rg"),
            };
            draw += &format!(
                "q {paint} {:.4} {:.4} {:.4} {:.4} re f Q\n",
                slug - bleed,
                slug - bleed,
                width + 2.0 * bleed,
                height + 2.0 * bleed
            );
        }
        draw += &format!("q 1 0 0 1 {slug:.4} {slug:.4} cm /CkPage Do Q\n");
        draw += &crop_marks(slug, width, height);
        let contents = doc.add_object(Stream::new(Dictionary::new(), draw.into_bytes()));
        let boxed = |x0: f32, y0: f32, x1: f32, y1: f32| Object::Array([x0, y0, x1, y1].map(Object::Real).to_vec());
        let mut xobjects = Dictionary::new();
        xobjects.set("CkPage", Object::Reference(form));
        resources.set("XObject", Object::Dictionary(xobjects));
        let dict = doc.get_dictionary_mut(page)?;
        dict.set("MediaBox", boxed(0.0, 0.0, width + 2.0 * slug, height + 2.0 * slug));
        dict.set("BleedBox", boxed(slug - bleed, slug - bleed, slug + width + bleed, slug + height + bleed));
        dict.set("TrimBox", boxed(slug, slug, slug + width, slug + height));
        dict.set("Contents", Object::Reference(contents));
        dict.set("Resources", Object::Dictionary(resources));
        for key in [&b"CropBox"[..], b"StructParents", b"Annots", b"Tabs"] {
            dict.remove(key);
        }
    }
    // No longer tagged, nor PDF/UA: its structure, outline and the metadata that claims PDF/UA go.
    let catalog = doc.catalog_mut().map_err(|e| anyhow!("the office PDF's catalog: {e}"))?;
    for key in [&b"StructTreeRoot"[..], b"MarkInfo", b"Metadata", b"Outlines", b"ViewerPreferences"] {
        catalog.remove(key);
    }
    doc.prune_objects();
    let mut out = Vec::new();
    doc.save_to(&mut out).context("writing the print-shop PDF")?;
    Ok(out)
}

/// The eight crop marks of a page `width` by `height` points placed `slug` points from the sheet's
/// lower left corner: at each corner, one line along each edge's line, outside the bleed. Thin,
/// in registration colour (every ink), as a printer expects them.
fn crop_marks(slug: f32, width: f32, height: f32) -> String {
    let (offset, length) = (pt(MARK_OFFSET_MM), pt(MARK_LENGTH_MM));
    let mut ops = String::from("q 0.25 w 1 1 1 1 K\n");
    for x in [slug, slug + width] {
        for (from, to) in
            [(slug - offset, slug - offset - length), (slug + height + offset, slug + height + offset + length)]
        {
            ops += &format!("{x:.4} {from:.4} m {x:.4} {to:.4} l S\n");
        }
    }
    for y in [slug, slug + height] {
        for (from, to) in
            [(slug - offset, slug - offset - length), (slug + width + offset, slug + width + offset + length)]
        {
            ops += &format!("{from:.4} {y:.4} m {to:.4} {y:.4} l S\n");
        }
    }
    ops + "Q\n"
}

/// The ICC-based RGB colour space among a page's `resources`, as the page names it.
fn srgb_space(doc: &Document, resources: &Object) -> Option<Object> {
    let resolve = |object: &Object| match object {
        Object::Reference(id) => doc.get_object(*id).ok().cloned(),
        other => Some(other.clone()),
    };
    let resources = resolve(resources)?;
    let spaces = resolve(resources.as_dict().ok()?.get(b"ColorSpace").ok()?)?;
    spaces
        .as_dict()
        .ok()?
        .iter()
        .map(|(_, space)| space)
        .find(|space| {
            let Some(Object::Array(array)) = resolve(space) else { return false };
            let profile = array.get(1).and_then(resolve);
            array.first().and_then(|name| name.as_name().ok()) == Some(b"ICCBased")
                && profile.as_ref().and_then(|p| p.as_stream().ok()).and_then(|p| p.dict.get(b"N").ok()?.as_i64().ok())
                    == Some(3)
        })
        .cloned()
}

/// The colour of a page's background when it covers the whole page (the booklet's cover), which
/// the bleed then carries on: its red, green and blue, from 0 to 1.
fn background(page: &Page) -> Option<[f32; 3]> {
    fn find(frame: &Frame, ts: Transform, page: typst::layout::Size) -> Option<[f32; 3]> {
        for (pos, item) in frame.items() {
            let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => {
                    if let Some(fill) = find(&group.frame, ts.pre_concat(group.transform), page) {
                        return Some(fill);
                    }
                }
                FrameItem::Shape(shape, _) => {
                    let (Geometry::Rect(size), Some(Paint::Solid(colour))) = (&shape.geometry, &shape.fill) else {
                        continue;
                    };
                    let (min, max) = (Point::zero().transform(ts), size.to_point().transform(ts));
                    let near = |a: Abs, b: Abs| (a - b).abs() < Abs::pt(0.5);
                    if near(min.x, Abs::zero())
                        && near(min.y, Abs::zero())
                        && near(max.x, page.x)
                        && near(max.y, page.y)
                    {
                        let rgb = colour.to_rgb();
                        return Some([rgb.red, rgb.green, rgb.blue]);
                    }
                }
                _ => {}
            }
        }
        None
    }
    find(&page.frame, Transform::identity(), page.frame.size())
}
