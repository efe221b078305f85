//! The printed documents, rendered by Typst embedded as a library: for each language of a kit,
//! the incident poster (A4 and A3), the waiting-room RGPD notice and the checklist (A4), and the
//! A5 booklet with its copy imposed for saddle-stitch printing.
//!
//! Each document is a template of `templates/print/` and one JSON file of data built here; the
//! QR codes are SVG files served from memory. Profile values are JSON strings, which a template
//! shows as text: they are never spliced into Typst source.

mod booklet;
mod checklist;
mod common;
pub mod compile;
mod footer;
pub mod impose;
mod inspect;
mod notice;
mod overflow;
mod poster;
mod printshop;
mod stretch;
pub mod world;

pub use inspect::{Inspected, InspectedPage};

use std::collections::HashMap;
use std::sync::Mutex;

use anyhow::Context as _;
use serde::Serialize;
use serde_json::Value;
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use super::Artifact;
use super::text::phrase;
use crate::diag::Diagnostic;
use crate::model::{Date, Lang};
use crate::plan::{Document, DocumentKind, Kit, Paper};
use common::{Common, Head};
use overflow::{Fault, nearest_edge};
use world::{Env, file_id};

/// Files a document needs beside its data (QR codes), by virtual path.
pub type Files = Vec<(String, Vec<u8>)>;

/// The print templates beyond `common.typ`.
const DOCUMENTS: [(&str, &str); 6] = [
    footer::TEMPLATE,
    ("/booklet.typ", include_str!("../../../templates/print/booklet.typ")),
    ("/imposed.typ", include_str!("../../../templates/print/imposed.typ")),
    ("/poster.typ", include_str!("../../../templates/print/poster.typ")),
    ("/notice.typ", include_str!("../../../templates/print/notice.typ")),
    ("/checklist.typ", include_str!("../../../templates/print/checklist.typ")),
];

/// The print renderer: the Typst environment, built once.
pub struct Print {
    env: Env,
    /// Also give each document as a standalone Typst project (`--emit-typst`).
    emit_sources: bool,
    /// The page where the modules ended in the last booklet of a profession in a language: the
    /// booklet template's first guess (see `modules_end_hint` in booklet.typ). It changes how
    /// many times Typst lays a booklet out, never the booklet.
    modules_end: Mutex<HashMap<String, usize>>,
}

/// Where the standalone Typst projects are among a kit's artifacts: `typst/<lang>/<stem>/`. The
/// build writes them to the `--emit-typst` folder, not into the kit.
pub const SOURCES: &str = "typst/";

impl Print {
    pub fn new() -> anyhow::Result<Self> {
        Ok(Print { env: Env::new(&DOCUMENTS)?, emit_sources: false, modules_end: Mutex::default() })
    }

    /// A renderer that also gives each document as a standalone Typst project, under
    /// [`SOURCES`]: its template as `main.typ`, `common.typ`, its data as
    /// `data/document.json`, its QR codes, logo and (for the imposed booklet) the booklet's PDF.
    /// The Typst CLI compiles it to the same document with the fonts from [`Print::fonts`].
    pub fn emitting_sources() -> anyhow::Result<Self> {
        Ok(Print { emit_sources: true, ..Print::new()? })
    }

    /// The font files the standalone projects need beside the Typst CLI's own: Noto Sans.
    pub fn fonts() -> Vec<Artifact> {
        [
            ("NotoSans-Regular.ttf", notosans::REGULAR_TTF),
            ("NotoSans-Bold.ttf", notosans::BOLD_TTF),
            ("NotoSans-Italic.ttf", notosans::ITALIC_TTF),
            ("NotoSans-BoldItalic.ttf", notosans::BOLD_ITALIC_TTF),
        ]
        .into_iter()
        .map(|(name, bytes)| Artifact::file(format!("fonts/{name}"), bytes.to_vec()))
        .collect()
    }

    /// A document's standalone Typst project.
    #[allow(clippy::unused_self, reason = "a part of the renderer, beside the documents it emits")]
    fn sources(&self, job: &Job) -> anyhow::Result<Vec<Artifact>> {
        let dir = format!("{SOURCES}{}/{}", job.document.lang, job.document.stem);
        let template = DOCUMENTS.iter().find(|(path, _)| *path == job.template).map_or("", |(_, text)| text);
        let mut files = vec![
            Artifact::file(format!("{dir}/main.typ"), template.as_bytes().to_vec()),
            Artifact::file(format!("{dir}/common.typ"), world::COMMON.as_bytes().to_vec()),
            Artifact::file(format!("{dir}/data/document.json"), serde_json::to_vec_pretty(&job.standalone)?),
        ];
        for (path, bytes) in &job.files {
            files.push(Artifact::file(format!("{dir}{path}"), bytes.clone()));
        }
        Ok(files)
    }

    /// The documents of a kit in one language, ready to compile, but for the imposed booklet:
    /// that one is made from the booklet's PDF ([`Print::imposed`]).
    fn jobs(&self, kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<Vec<Job>> {
        let common = Common::new(kit, lang);
        let mut jobs = Vec::new();
        for document in kit.documents_in(lang) {
            let (template, (data, files)) = match document.kind {
                DocumentKind::Poster => ("/poster.typ", poster::data(kit, lang, &common, document.paper)?),
                DocumentKind::Notice => ("/notice.typ", notice::data(kit, lang, &common)?),
                DocumentKind::Checklist => ("/checklist.typ", (checklist::data(kit, lang, &common)?, Files::new())),
                DocumentKind::Booklet => {
                    jobs.push(self.booklet(kit, lang, &common, document)?);
                    continue;
                }
                DocumentKind::ImposedBooklet | DocumentKind::PrintShop { .. } => continue,
            };
            let mut data = data;
            // A footer longer than two lines gets its room (see `footer::extra_lines_height`).
            let (width_mm, size_pt) = match (document.kind, document.paper) {
                (DocumentKind::Poster, Paper::A3) => (267.0, 7.0 * std::f64::consts::SQRT_2),
                (DocumentKind::Poster, _) => (180.0, 7.0),
                (DocumentKind::Notice, _) => (186.0, 7.5),
                _ => (182.0, 7.5),
            };
            let lines: Vec<String> = data
                .get("footer")
                .and_then(Value::as_array)
                .map(|l| l.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())
                .unwrap_or_default();
            let extra = footer::extra_lines_height(
                &self.env,
                datetime(kit.date),
                lang.code(),
                &lines,
                width_mm / 25.4 * 72.0,
                size_pt,
            )?;
            if extra > 0.0
                && let Some(fields) = data.as_object_mut()
            {
                fields.insert("footer_extra".to_string(), serde_json::json!(extra));
            }
            let standalone = data.clone();
            // cyberkit shares a poster's free room out itself, once it is laid out (`stretch`).
            if document.kind == DocumentKind::Poster
                && let Some(fields) = data.as_object_mut()
            {
                fields.insert("stretch".to_string(), Value::Bool(true));
            }
            jobs.push(Job { document: document.clone(), template, standalone, data, files, footer: None });
        }
        Ok(jobs)
    }

    /// The booklet's job. The template pads it with blank pages to a multiple of four, which
    /// saddle-stitching needs.
    fn booklet(&self, kit: &Kit<'_>, lang: &Lang, common: &Common, document: &Document) -> anyhow::Result<Job> {
        let (mut booklet, files) = booklet::data(kit, lang, common)?;
        let extra = footer::extra_height(&self.env, datetime(kit.date), lang.code(), &common.footer)?;
        booklet.footer_extra = (extra > 0.0).then_some(extra);
        // A standalone project has no footer composed onto it: its footer reads its own text.
        let standalone = serde_json::to_value(&booklet)?;
        let hint = self
            .modules_end
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&booklet_kind(kit, lang))
            .copied();
        booklet.composed = Some(booklet::Composed { compose_footer: true, modules_end_hint: hint });
        let data = serde_json::to_value(&booklet)?;
        let footer = Some(common.footer.clone());
        Ok(Job { document: document.clone(), template: "/booklet.typ", data, standalone, files, footer })
    }

    /// The booklet imposed two pages a side on A4 sheets. It embeds the booklet's own PDF pages,
    /// which PDF/UA does not allow: this printer's file is untagged; the A5 booklet is the one
    /// to read on screen. The template draws the pages itself only in a standalone project
    /// (`standalone`): cyberkit puts them on the sheets without Typst (see [`impose`]).
    #[allow(clippy::unused_self, reason = "a document's job, as the others are")]
    fn imposed(
        &self,
        kit: &Kit<'_>,
        document: &Document,
        booklet: &compile::Compiled,
        standalone: bool,
    ) -> anyhow::Result<Job> {
        let lang = &document.lang;
        let hint = phrase(kit, lang, "booklet_imposition_hint", &[]);
        let title = phrase(kit, lang, "doc_booklet_imposed", &[]);
        let common = Common::new(kit, lang);
        let data = serde_json::to_value(Imposed {
            head: common.head(title),
            pages: booklet.pages,
            hint,
            draw_pages: standalone,
        })?;
        let files =
            if standalone { vec![("/build/booklet.pdf".to_string(), booklet.pdf.clone())] } else { Files::new() };
        Ok(Job {
            document: document.clone(),
            template: "/imposed.typ",
            standalone: data.clone(),
            data,
            files,
            footer: None,
        })
    }

    fn world(&self, kit: &Kit<'_>, job: &Job) -> anyhow::Result<world::DocWorld<'_>> {
        self.world_at(kit, job, None)
    }

    /// The document's world, its sizes scaled by `fit` when given (see [`Print::fitted`]).
    fn world_at(&self, kit: &Kit<'_>, job: &Job, fit: Option<f64>) -> anyhow::Result<world::DocWorld<'_>> {
        let mut files = HashMap::new();
        let data = match fit {
            None => serde_json::to_vec(&job.data)?,
            Some(_) => serde_json::to_vec(&with_fit(&job.data, fit))?,
        };
        files.insert(file_id("/data/document.json"), Bytes::new(data));
        for (path, bytes) in &job.files {
            files.insert(file_id(path), Bytes::new(bytes.clone()));
        }
        Ok(self.env.world(job.template, files, datetime(kit.date)))
    }
}

/// The imposed booklet's data, as `templates/print/imposed.typ` reads it.
#[derive(Serialize)]
struct Imposed<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    /// The booklet's pages.
    pages: usize,
    /// How to print and fold the sheets.
    hint: String,
    /// Whether the template draws the booklet's pages itself (a standalone project).
    draw_pages: bool,
}

/// The smaller sizes a document that runs over its pages is laid out at, largest first, as a
/// scale of its own: down to 9 pt for the poster's 11-pt body (0.82) and the notice's 12-pt
/// one (0.76), its footer's small print unchanged.
const FITS: [(DocumentKind, &[f64]); 2] =
    [(DocumentKind::Poster, &[0.94, 0.88, 0.82]), (DocumentKind::Notice, &[0.94, 0.88, 0.82, 0.76])];

/// A document's data with the scale it is laid out at, when it is not its own.
fn with_fit(data: &Value, fit: Option<f64>) -> Value {
    let mut data = data.clone();
    if let (Some(fit), Some(fields)) = (fit, data.as_object_mut()) {
        fields.insert("fit".to_string(), serde_json::json!(fit));
    }
    data
}

/// One document to compile.
#[derive(Clone)]
struct Job {
    document: Document,
    template: &'static str,
    data: Value,
    /// The data as a standalone project has it: without cyberkit to compose the booklet's
    /// footer, the template shows the footer's text itself.
    standalone: Value,
    files: Files,
    /// The footer's lines that cyberkit composes onto the laid-out pages (the booklet's).
    footer: Option<Vec<String>>,
}

/// What the print renderer made of a kit: its documents' files, and the documents that
/// overflow — the profile's errors, which leave the kit unbuilt.
#[derive(Debug, Default)]
pub struct Printed {
    pub files: Vec<Artifact>,
    pub overflows: Vec<Diagnostic>,
}

impl Printed {
    /// The parts of a kit (its languages) made into one.
    pub fn merged(parts: impl IntoIterator<Item = Printed>) -> Printed {
        parts.into_iter().fold(Printed::default(), |mut all, part| {
            all.files.extend(part.files);
            all.overflows.extend(part.overflows);
            all
        })
    }
}

impl Print {
    /// The documents of a kit, every language in turn.
    pub fn render(&self, kit: &Kit<'_>) -> anyhow::Result<Printed> {
        let parts = kit.profile.languages.iter().map(|lang| self.render_language(kit, lang));
        Ok(Printed::merged(parts.collect::<anyhow::Result<Vec<_>>>()?))
    }

    /// The documents of a kit in one language. The languages are independent: a caller may render
    /// them at once. A document that overflows does not stop the others: each is in the result's
    /// `overflows`.
    pub fn render_language(&self, kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<Printed> {
        let mut out = Printed::default();
        for job in self.jobs(kit, lang)? {
            let (fit, compiled) = self.compile(kit, &job)?;
            if let Some(fault) = self.fault(&job.document, &compiled) {
                // An overflowing booklet gets no imposed copy either.
                out.overflows.push(overflow::diagnostic(kit, &job.document, fault, &job.data));
                continue;
            }
            if self.emit_sources {
                // The standalone project lays its document out at the size cyberkit settled on.
                let standalone = Job { standalone: with_fit(&job.standalone, fit), ..job.clone() };
                out.files.extend(self.sources(&standalone)?);
            }
            if job.document.kind == DocumentKind::Booklet {
                for document in kit.documents_in(lang).filter(|d| d.kind == DocumentKind::ImposedBooklet) {
                    let imposed = self.imposed(kit, document, &compiled, false)?;
                    if self.emit_sources {
                        out.files.extend(self.sources(&self.imposed(kit, document, &compiled, true)?)?);
                    }
                    let world = self.world(kit, &imposed)?;
                    let sheets =
                        named(kit, document, |ident| impose::compile(&world, ident, datetime(kit.date), &compiled))?;
                    out.files.extend(artifacts(document, sheets));
                }
            }
            for document in
                kit.documents_in(lang).filter(|d| d.kind == DocumentKind::PrintShop { of: job.document.stem })
            {
                let pdf = printshop::print_shop(&compiled)
                    .with_context(|| format!("the print-shop copy of {}", job.document.path))?;
                // Its preview is the office document's: the same page, without the marks.
                out.files.push(Artifact { path: document.path.clone(), bytes: pdf, pages: compiled.pages });
                out.files.push(Artifact::file(document.thumbnail.clone(), compiled.thumbnail.clone()));
            }
            out.files.extend(artifacts(&job.document, compiled));
        }
        Ok(out)
    }

    /// A document laid out at its own sizes, or, when that runs over its pages, at the largest
    /// of its smaller sizes ([`FITS`]) that holds them: a practice's long values make it
    /// smaller, never longer, down to a size still legible. Only such a document is laid out
    /// more than once. The scale it took, and its world and layout.
    fn fitted(&self, kit: &Kit<'_>, job: &Job) -> anyhow::Result<(Option<f64>, world::DocWorld<'_>, PagedDocument)> {
        let world = self.world(kit, job)?;
        let document = compile::layout(&world)?;
        let max = job.document.max_pages.unwrap_or(usize::MAX);
        let fits = FITS.iter().find(|(kind, _)| *kind == job.document.kind).map_or(&[][..], |(_, fits)| *fits);
        if document.pages().len() <= max || fits.is_empty() {
            return Ok((None, world, document));
        }
        let mut last = (None, world, document);
        for &fit in fits {
            let world = self.world_at(kit, job, Some(fit))?;
            let document = compile::layout(&world)?;
            let holds = document.pages().len() <= max;
            last = (Some(fit), world, document);
            if holds {
                break;
            }
        }
        Ok(last)
    }

    fn compile(&self, kit: &Kit<'_>, job: &Job) -> anyhow::Result<(Option<f64>, compile::Compiled)> {
        let (fit, world, document) = self.fitted(kit, job)?;
        let lang = &job.document.lang;
        named(kit, &job.document, |ident| {
            let document = self.composed(kit, lang, job, document)?;
            let compiled = compile::written(&world, document, ident, datetime(kit.date), true)?;
            if job.document.kind == DocumentKind::Booklet
                && let Some(page) = booklet::modules_end(&compiled.document)
            {
                self.modules_end
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .insert(booklet_kind(kit, lang), page);
            }
            Ok((fit, compiled))
        })
    }

    /// How a compiled document overflows, if it does: more pages than it may have, or text in
    /// the margin printers cannot print.
    #[allow(clippy::unused_self, reason = "a step of the renderer's, after `compile`")]
    fn fault(&self, document: &Document, compiled: &compile::Compiled) -> Option<Fault> {
        // A booklet pads itself to a multiple of four pages; one that is not has its contacts or
        // its back cover run onto another page, and would lose a page when imposed.
        let pages = compiled.pages;
        let booklet = document.kind == DocumentKind::Booklet && !pages.is_multiple_of(4);
        match (document.max_pages, nearest_edge(&compiled.document)) {
            _ if booklet => Some(Fault::Pages { pages, max: pages / 4 * 4 }),
            (Some(max), _) if compiled.pages > max => Some(Fault::Pages { pages: compiled.pages, max }),
            (_, Some((page, mm))) => Some(Fault::Edge { page, mm }),
            _ => None,
        }
    }

    /// A laid-out document with the booklet's footer composed onto its pages (see [`footer`]).
    fn composed(
        &self,
        kit: &Kit<'_>,
        lang: &Lang,
        job: &Job,
        document: PagedDocument,
    ) -> anyhow::Result<PagedDocument> {
        match &job.footer {
            Some(lines) => footer::compose(&self.env, datetime(kit.date), lang.code(), lines, document),
            None if job.document.kind == DocumentKind::Poster => Ok(stretch::stretch(document)),
            None => Ok(document),
        }
    }
}

/// Booklets that share their modules: a profession's in one language.
fn booklet_kind(kit: &Kit<'_>, lang: &Lang) -> String {
    format!("{}/{lang}", kit.profile.profession.slug)
}

/// Compiles a document with `compile`, given the document's PDF identifier (stable across
/// builds); its error names the document and the kit.
fn named<T>(kit: &Kit<'_>, document: &Document, compile: impl FnOnce(&str) -> anyhow::Result<T>) -> anyhow::Result<T> {
    let path = document.path.trim_end_matches(".pdf");
    compile(&format!("cyberkit/{}/{path}", kit.profile.id))
        .map_err(|e| anyhow::anyhow!("{e}\n  (while rendering {path}.pdf of {})", kit.profile.id))
}

/// A QR code as the templates read it: its SVG file, the address it holds, the address as
/// printed beside it, and what it leads to.
#[derive(Debug, Clone, Serialize)]
struct QrCode {
    file: String,
    url: String,
    text: String,
    label: String,
}

/// The QR codes of the incident steps done online (17Cyber, the CNIL's breach notification), for
/// the poster and the booklet's back cover: their data, and their SVG files. A contact whose
/// website is unconfirmed has none.
fn incident_qr_codes(kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<(Vec<QrCode>, Files)> {
    let mut codes = Vec::new();
    let mut files = Files::new();
    // 17Cyber's own diagnostic is cybermalveillance.gouv.fr's: one code leads there.
    for (i, id) in ["17cyber", "cnil-breach"].iter().enumerate() {
        let Some(contact) = kit.content.reference.contact(id) else { continue };
        let Some(url) = contact.confirmed_website() else { continue };
        let file = format!("/qr/{i}.svg");
        files.push((file.clone(), super::qr::svg(url)?.into_bytes()));
        codes.push(QrCode {
            file,
            url: url.0.clone(),
            text: url.without_scheme().trim_end_matches('/').to_string(),
            label: contact.name.get(lang).clone(),
        });
    }
    Ok((codes, files))
}

/// A compiled document's files: the PDF and its thumbnail.
fn artifacts(document: &Document, compiled: compile::Compiled) -> [Artifact; 2] {
    [
        Artifact { path: document.path.clone(), bytes: compiled.pdf, pages: compiled.pages },
        Artifact::file(document.thumbnail.clone(), compiled.thumbnail),
    ]
}

fn datetime(date: Date) -> Datetime {
    Datetime::from_ymd(i32::from(date.year()), date.month().cast_unsigned(), date.day().cast_unsigned())
        .unwrap_or_else(|| Datetime::from_ymd(2026, 1, 1).expect("a valid date"))
}

// The test reads the example profile from the disk, which the command line's `Project` does.
#[cfg(all(test, feature = "cli"))]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::project::Project;

    #[test]
    fn a_booklet_is_the_same_whatever_the_hint_of_where_its_modules_end() {
        let project = Project::new(env!("CARGO_MANIFEST_DIR"));
        let today = jiff::civil::date(2026, 12, 8);
        let mut diags = Diagnostics::default();
        let profile = std::path::PathBuf::from("profiles/urps-kine-pays-de-la-loire.toml");
        let checked =
            crate::check(&project, &[profile], today, &mut diags).expect("no I/O failure").expect("a valid profile");
        let kits = crate::plan::plan(&checked.content, &checked.profiles, today);
        let (kit, lang) = (&kits[0], Lang::new("fr"));
        let print = Print::new().expect("the print environment");
        let booklet = || -> Vec<u8> {
            let document = kit.documents_in(&lang).find(|d| d.kind == DocumentKind::Booklet).expect("a booklet");
            let job = print.booklet(kit, &lang, &Common::new(kit, &lang), document).expect("the booklet's data");
            print.compile(kit, &job).expect("the booklet").1.pdf
        };
        let hint = || print.modules_end.lock().unwrap().get(&booklet_kind(kit, &lang)).copied();
        assert_eq!(hint(), None);
        let unhinted = booklet();
        let end = hint().expect("the first booklet leaves a hint for the next");
        assert_eq!(booklet(), unhinted, "with the right hint");
        // Each wrong guess pads with another number of blank pages at first.
        for wrong in [end - 1, end + 1, end + 2, 1] {
            print.modules_end.lock().unwrap().insert(booklet_kind(kit, &lang), wrong);
            assert_eq!(booklet(), unhinted, "with {wrong} for {end}");
            assert_eq!(hint(), Some(end), "corrected");
        }
    }
}
