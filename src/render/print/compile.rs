//! Compiling one print document: Typst layout, then a tagged, reproducible PDF and a thumbnail.

use typst::foundations::{Datetime, Smart};
use typst::layout::{Abs, Frame, FrameItem, GroupItem, Point, Transform};
use typst::syntax::Span;
use typst::text::TextItem;
use typst::utils::Scalar;
use typst::visualize::{Curve, Geometry, Image, Paint};
use typst_layout::{Page, PagedDocument};
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use super::world::DocWorld;

/// A compiled document.
pub struct Compiled {
    pub pdf: Vec<u8>,
    pub pages: usize,
    /// A PNG of the first page, `THUMBNAIL_WIDTH` pixels wide.
    pub thumbnail: Vec<u8>,
    /// The laid-out document, for a document that shows its pages (the imposed booklet).
    pub document: PagedDocument,
}

/// The width of a document's thumbnail on the downloads page, in pixels.
pub const THUMBNAIL_WIDTH: f64 = 240.0;

/// Compiles the world's document. `ident` names it for the PDF's identifier (stable across
/// builds); `date` is its creation date. `accessible` asks for PDF/UA-1, which the imposed
/// booklet cannot be (it embeds PDF pages).
///
/// Any Typst warning fails the document, with the template's file and line: a warning means a
/// missing font or glyph, and a printed poster must not silently fall back.
pub fn compile(world: &DocWorld<'_>, ident: &str, date: Datetime, accessible: bool) -> anyhow::Result<Compiled> {
    compile_with(world, ident, date, accessible, Ok)
}

/// [`compile`], with `finish` given the laid-out document before it is written.
pub fn compile_with(
    world: &DocWorld<'_>,
    ident: &str,
    date: Datetime,
    accessible: bool,
    finish: impl FnOnce(PagedDocument) -> anyhow::Result<PagedDocument>,
) -> anyhow::Result<Compiled> {
    written(world, finish(layout(world)?)?, ident, date, accessible)
}

/// A laid-out document written: its PDF, its page count and its thumbnail.
pub fn written(
    world: &DocWorld<'_>,
    document: PagedDocument,
    ident: &str,
    date: Datetime,
    accessible: bool,
) -> anyhow::Result<Compiled> {
    let pdf = pdf(world, &document, ident, date, accessible)?;
    let thumbnail = match document.pages().first() {
        Some(page) => thumbnail(page)?,
        None => Vec::new(),
    };
    Ok(Compiled { pdf, pages: document.pages().len(), thumbnail, document })
}

/// A laid-out document as a reproducible PDF, tagged when `accessible`.
pub fn pdf(
    world: &DocWorld<'_>,
    document: &PagedDocument,
    ident: &str,
    date: Datetime,
    accessible: bool,
) -> anyhow::Result<Vec<u8>> {
    let standards = if accessible { vec![PdfStandard::Ua_1] } else { vec![] };
    let options = PdfOptions {
        ident: Smart::Custom(ident.to_string()),
        // Not Typst's version: upgrading Typst must not change a byte that did not need to.
        creator: Smart::Custom(Some("cyberkit".to_string())),
        timestamp: Some(Timestamp::new_utc(date)),
        standards: PdfStandards::new(&standards).map_err(|e| anyhow::anyhow!("PDF standards: {}", e.message()))?,
        tagged: accessible,
        ..PdfOptions::default()
    };
    typst_pdf::pdf(document, &options).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("{}: {}", world.locate(e.span), e.message)).collect();
        anyhow::anyhow!("Typst could not write the PDF:\n  {}", list.join("\n  "))
    })
}

/// A page as a PNG `THUMBNAIL_WIDTH` pixels wide.
pub fn thumbnail(page: &Page) -> anyhow::Result<Vec<u8>> {
    let width = page.frame.size().x.to_pt();
    let scale = if width > 0.0 { THUMBNAIL_WIDTH / width } else { 0.25 };
    png(&Page { frame: for_thumbnail(&page.frame, scale), ..page.clone() }, scale)
}

/// Text drawn smaller than this many pixels in a thumbnail is greeked: shown as grey bars. The
/// downloads page shows a thumbnail at half its width, so such text is under 2.5 CSS pixels
/// there, unreadable on any screen; titles, steps and headings stay text. (A4 body text at 11 pt
/// is 4.4 pixels: drawn, it made a checklist's thumbnail five times the bytes and time.)
const GREEK_BELOW_PX: f64 = 5.0;

/// The frame as a thumbnail draws it, at `scale` pixels per point.
///
/// Text too small to read at that scale is greeked, one bar per word, as layout software draws
/// its previews: it looks the same at thumbnail size, and Typst's renderer caches each glyph by
/// its exact position, so every glyph of every page would be rasterised anew.
///
/// Images lose their alternative text: Typst's renderer caches an image resized to its drawn
/// size by the image *with* its alt text, which names the kit's publisher; without it, the logo
/// is resized once for all the kits that share it.
fn for_thumbnail(frame: &Frame, scale: f64) -> Frame {
    let mut out = Frame::new(frame.size(), frame.kind());
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Text(text) if text.size.to_pt() * scale < GREEK_BELOW_PX => {
                // The run's bars as one shape: the renderer prepares each shape it fills.
                let mut bars = Curve::default();
                let height = text.size * 0.42;
                for (x, width) in words(text) {
                    bars.move_(Point::new(x, Abs::zero()));
                    bars.line(Point::new(x + width, Abs::zero()));
                    bars.line(Point::new(x + width, height));
                    bars.line(Point::new(x, height));
                    bars.close();
                }
                if !bars.is_empty() {
                    let shape = Geometry::Curve(bars).filled(greyed(&text.fill));
                    out.push(
                        *pos + Point::new(Abs::zero(), -text.size * 0.47),
                        FrameItem::Shape(shape, Span::detached()),
                    );
                }
            }
            FrameItem::Image(image, size, span) if image.alt().is_some() => {
                let image = Image::new(image.kind().clone(), None, image.scaling());
                out.push(*pos, FrameItem::Image(image, *size, *span));
            }
            FrameItem::Group(group) => {
                let group = GroupItem { frame: for_thumbnail(&group.frame, scale), ..group.clone() };
                out.push(*pos, FrameItem::Group(group));
            }
            other => out.push(*pos, other.clone()),
        }
    }
    out
}

/// The words of a run of text: where each starts from the run's origin, and its width.
fn words(text: &TextItem) -> Vec<(Abs, Abs)> {
    let mut words = Vec::new();
    let (mut x, mut start) = (Abs::zero(), None);
    for glyph in &text.glyphs {
        let blank = text.text.get(glyph.range()).is_none_or(|s| s.trim().is_empty());
        match (blank, start) {
            (true, Some(from)) => {
                words.push((from, x - from));
                start = None;
            }
            (false, None) => start = Some(x),
            _ => {}
        }
        x += glyph.x_advance.at(text.size);
    }
    if let Some(from) = start {
        words.push((from, x - from));
    }
    words
}

/// A text's paint, faded to the grey a line of small text makes.
fn greyed(paint: &Paint) -> Paint {
    match paint {
        Paint::Solid(colour) => Paint::Solid(colour.clone().with_alpha(0.35)),
        other => other.clone(),
    }
}

/// A page rendered at `pixel_per_pt`, as an RGB PNG (a page is opaque), compressed for speed:
/// 50 kB for a thumbnail where the default compression gives 37 kB in 20% more time.
fn png(page: &Page, pixel_per_pt: f64) -> anyhow::Result<Vec<u8>> {
    use image::ImageEncoder as _;
    use image::codecs::png::{CompressionType, FilterType, PngEncoder};
    let options = typst_render::RenderOptions { pixel_per_pt: Scalar::new(pixel_per_pt), render_bleed: false };
    let pixmap = typst_render::render(page, &options);
    let rgb: Vec<u8> = pixmap
        .pixels()
        .iter()
        .flat_map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue()]
        })
        .collect();
    let mut out = Vec::new();
    PngEncoder::new_with_quality(&mut out, CompressionType::Fast, FilterType::Adaptive)
        .write_image(&rgb, pixmap.width(), pixmap.height(), image::ExtendedColorType::Rgb8)
        .map_err(|e| anyhow::anyhow!("thumbnail: {e}"))?;
    Ok(out)
}

/// Lays the world's document out; any warning is an error.
pub fn layout(world: &DocWorld<'_>) -> anyhow::Result<PagedDocument> {
    let warned = typst::compile::<PagedDocument>(world);
    if let Some(warning) = warned.warnings.first() {
        anyhow::bail!("{}: Typst warning: {}", world.locate(warning.span), warning.message);
    }
    warned.output.map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("{}: {}", world.locate(e.span), e.message)).collect();
        anyhow::anyhow!("Typst could not lay out the document:\n  {}", list.join("\n  "))
    })
}

/// The text of a laid-out page, run after run, as a reader sees it.
pub fn page_text(page: &typst_layout::Page) -> String {
    page_runs(page).into_iter().map(|(_, text)| text + "\n").collect()
}

/// The runs of text of a laid-out page with their size in points.
pub fn page_runs(page: &Page) -> Vec<(f64, String)> {
    fn walk(frame: &Frame, out: &mut Vec<(f64, String)>) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(group) => walk(&group.frame, out),
                FrameItem::Text(text) => out.push((text.size.to_pt(), text.text.to_string())),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&page.frame, &mut out);
    out
}

/// The box around every glyph run of a page, `[left, top, right, bottom]` in millimetres from
/// its top left corner: from each run's capital height to its descender, where ink is (the
/// font's ascender, higher, is room for accents). `None` for a page without text.
pub fn page_text_bounds(page: &Page) -> Option<[f64; 4]> {
    placed_runs(page)
        .into_iter()
        .map(|(ts, text)| {
            let (min, max) = run_extent(text);
            on_page(min, max, ts)
        })
        .reduce(|a, b| [a[0].min(b[0]), a[1].min(b[1]), a[2].max(b[2]), a[3].max(b[3])])
}

/// Where a run of text has ink, from its baseline's origin: its capital height to its descender.
fn run_extent(text: &TextItem) -> (Point, Point) {
    let metrics = text.font.metrics();
    (Point::with_y(-metrics.cap_height.at(text.size)), Point::new(text.width(), -metrics.descender.at(text.size)))
}

/// The box from `min` to `max`, placed by `ts`, as `[left, top, right, bottom]` in millimetres.
fn on_page(min: Point, max: Point, ts: Transform) -> [f64; 4] {
    let corners = [min, Point::new(max.x, min.y), Point::new(min.x, max.y), max].map(|p| p.transform(ts));
    let (xs, ys) = (corners.map(|p| p.x.to_mm()), corners.map(|p| p.y.to_mm()));
    let lowest = |v: [f64; 4]| v.into_iter().fold(f64::INFINITY, f64::min);
    let highest = |v: [f64; 4]| v.into_iter().fold(f64::NEG_INFINITY, f64::max);
    [lowest(xs), lowest(ys), highest(xs), highest(ys)]
}

/// The box of each thing printed on a page — a run of text (capital height to descender), a
/// shape (with its stroke) or an image — `[left, top, right, bottom]` in millimetres from its
/// top left corner: how much of the page is used, as a reader sees it.
pub fn page_ink(page: &Page) -> Vec<[f64; 4]> {
    fn walk(frame: &Frame, ts: Transform, out: &mut Vec<[f64; 4]>) {
        for (pos, item) in frame.items() {
            let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
            let (min, max) = match item {
                FrameItem::Group(group) => {
                    walk(&group.frame, ts.pre_concat(group.transform), out);
                    continue;
                }
                FrameItem::Text(text) => run_extent(text),
                FrameItem::Shape(shape, _) => {
                    let rect = shape.geometry.bbox(shape.stroke.as_ref());
                    (rect.min, rect.max)
                }
                FrameItem::Image(_, size, _) => (Point::zero(), size.to_point()),
                FrameItem::Link(..) | FrameItem::Tag(_) => continue,
            };
            out.push(on_page(min, max, ts));
        }
    }
    let mut out = Vec::new();
    walk(&page.frame, Transform::identity(), &mut out);
    out
}

/// The lines of a page as a reader sees them, top to bottom: the runs of text on one baseline,
/// left to right, without the zero-width spaces where a line may break. Columns side by side
/// share their lines.
pub fn page_lines(page: &Page) -> Vec<String> {
    let mut runs: Vec<(f64, f64, f64, &str)> = placed_runs(page)
        .into_iter()
        .map(|(ts, text)| {
            let (start, end) = (Point::zero().transform(ts), Point::with_x(text.width()).transform(ts));
            (start.y.to_pt(), start.x.to_pt(), end.x.to_pt(), text.text.as_str())
        })
        .collect();
    runs.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
    // Each line: its baseline, where its last run ends, its text.
    let mut lines: Vec<(f64, f64, String)> = Vec::new();
    for (y, start, end, text) in runs {
        let text = text.replace('\u{200B}', "");
        match lines.last_mut() {
            // Runs of one line share its baseline, to rounding; a gap between two (columns) reads
            // as a space.
            Some((baseline, last, line)) if (y - *baseline).abs() < 0.5 => {
                if start - *last > 1.0 && !line.ends_with(' ') {
                    line.push(' ');
                }
                line.push_str(&text);
                *last = end;
            }
            _ => lines.push((y, end, text)),
        }
    }
    lines.into_iter().map(|(_, _, line)| line.trim_end().to_string()).collect()
}

/// Every run of text of a page, with the transform from its baseline's origin to the page.
fn placed_runs(page: &Page) -> Vec<(Transform, &TextItem)> {
    fn walk<'a>(frame: &'a Frame, ts: Transform, out: &mut Vec<(Transform, &'a TextItem)>) {
        for (pos, item) in frame.items() {
            let ts = ts.pre_concat(Transform::translate(pos.x, pos.y));
            match item {
                FrameItem::Group(group) => walk(&group.frame, ts.pre_concat(group.transform), out),
                FrameItem::Text(text) => out.push((ts, text)),
                _ => {}
            }
        }
    }
    let mut out = Vec::new();
    walk(&page.frame, Transform::identity(), &mut out);
    out
}

/// A page as a PNG at `dpi` dots per inch.
pub fn page_png(page: &Page, dpi: f64) -> anyhow::Result<Vec<u8>> {
    png(page, dpi / 72.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::print::world::Env;
    use typst::visualize::CurveItem;

    fn world_with(template: &'static str) -> (Env, Datetime) {
        let env = Env::new(&[("/test.typ", template)]).expect("the environment");
        (env, Datetime::from_ymd(2026, 11, 23).expect("a date"))
    }

    #[test]
    fn a_typst_warning_fails_the_document_with_its_template_line() {
        let (env, day) = world_with("#set document(title: \"t\")\nHello\n#text(font: \"No Such Font\")[x]\n");
        let world = env.world("/test.typ", std::collections::HashMap::default(), day);
        let err = compile(&world, "test", day, true).err().expect("an error");
        assert_eq!(err.to_string(), "templates/print/test.typ:3: Typst warning: unknown font family: no such font");
    }

    #[test]
    fn compiles_a_tagged_reproducible_pdf() {
        let (env, day) =
            world_with("#set document(title: \"Titre\")\n#set text(font: \"Noto Sans\", lang: \"fr\")\nBonjour\n");
        let world = env.world("/test.typ", std::collections::HashMap::default(), day);
        let a = compile(&world, "test", day, true).expect("a PDF");
        let b = compile(&world, "test", day, true).expect("a PDF");
        assert_eq!(a.pdf, b.pdf, "the same inputs give the same bytes");
        assert_eq!(a.pages, 1);
        let text = String::from_utf8_lossy(&a.pdf);
        assert!(text.contains("pdfuaid:part") && text.contains("/Lang(fr)"));
        assert!(a.thumbnail.starts_with(b"\x89PNG"));
    }

    #[test]
    fn a_thumbnail_greeks_text_too_small_to_read_one_bar_per_word() {
        fn bars(frame: &Frame) -> usize {
            frame
                .items()
                .map(|(_, item)| match item {
                    FrameItem::Shape(shape, _) => match &shape.geometry {
                        Geometry::Curve(curve) => curve.0.iter().filter(|i| matches!(i, CurveItem::Close)).count(),
                        _ => 0,
                    },
                    FrameItem::Group(group) => bars(&group.frame),
                    _ => 0,
                })
                .sum()
        }
        let (env, day) = world_with(
            "#set page(width: 600pt, height: 200pt)\n#set text(font: \"Noto Sans\")\n#text(size: 6pt)[three small words]\n\n#text(size: 40pt)[Big]\n",
        );
        let document = layout(&env.world("/test.typ", std::collections::HashMap::default(), day)).expect("a layout");
        let frame = for_thumbnail(&document.pages()[0].frame, THUMBNAIL_WIDTH / 600.0);
        let thumbnail = Page { frame, ..document.pages()[0].clone() };
        assert_eq!(page_text(&thumbnail), "Big\n", "only the text a thumbnail can show is drawn as text");
        assert_eq!(bars(&thumbnail.frame), 3);
    }
}
