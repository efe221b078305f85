//! The printed documents, rendered by Typst embedded as a library: for each language of a kit,
//! the incident poster (A4 and A3), the waiting-room RGPD notice and the checklist (A4), and the
//! A5 booklet with its copy imposed for saddle-stitch printing.
//!
//! Each document is a template of `templates/print/` and one JSON file of data built here; the
//! QR codes are SVG files served from memory. Profile values are JSON strings, which a template
//! shows as text: they are never spliced into Typst source.

mod booklet;
mod checklist;
pub mod compile;
mod footer;
pub mod impose;
mod notice;
mod overflow;
mod poster;
pub mod world;

use std::collections::HashMap;
use std::sync::Mutex;

use serde_json::{Value, json};
use typst::foundations::{Bytes, Datetime};
use typst_layout::PagedDocument;

use super::text::{date, phrase};
use super::{Artifact, Renderer};
use crate::model::{Date, Lang};
use crate::plan::Kit;
use overflow::{Fault, max_pages, nearest_edge};
pub use overflow::{Overflow, Overflows};
use world::{Env, file_id};

/// The print documents of one language, in the order the downloads page lists them: the file's
/// stem, the interface string that names it, and its paper.
pub const DOCUMENT_NAMES: [(&str, &str, &str); 6] = [
    ("poster-a4", "doc_poster_a4", "A4"),
    ("poster-a3", "doc_poster_a3", "A3"),
    ("notice", "doc_notice", "A4"),
    ("checklist", "doc_checklist", "A4"),
    ("booklet", "doc_booklet", "A5"),
    ("booklet-imposed", "doc_booklet_imposed", "A4"),
];

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
    fn sources(&self, lang: &Lang, job: &Job) -> anyhow::Result<Vec<Artifact>> {
        let dir = format!("{SOURCES}{lang}/{}", job.stem);
        let template = DOCUMENTS.iter().find(|(path, _)| *path == job.template).map_or("", |(_, text)| text);
        let mut files = vec![
            Artifact::file(format!("{dir}/main.typ"), template.as_bytes().to_vec()),
            Artifact::file(format!("{dir}/common.typ"), world::COMMON.as_bytes().to_vec()),
            Artifact::file(format!("{dir}/data/document.json"), serde_json::to_vec_pretty(&standalone(&job.data))?),
        ];
        for (path, bytes) in &job.files {
            files.push(Artifact::file(format!("{dir}{path}"), bytes.clone()));
        }
        Ok(files)
    }

    /// The documents of a kit in one language, ready to compile.
    fn jobs(&self, kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<Vec<Job>> {
        let common = Common::new(kit, lang);
        let mut jobs = Vec::new();
        for paper in ["a4", "a3"] {
            let (data, files) = poster::data(kit, lang, &common, paper)?;
            jobs.push(Job { stem: format!("poster-{paper}"), template: "/poster.typ", data, files, footer: None });
        }
        let (data, files) = notice::data(kit, lang, &common)?;
        jobs.push(Job { stem: "notice".into(), template: "/notice.typ", data, files, footer: None });
        let data = checklist::data(kit, lang, &common);
        jobs.push(Job {
            stem: "checklist".into(),
            template: "/checklist.typ",
            data,
            files: Files::new(),
            footer: None,
        });
        jobs.push(self.booklet(kit, lang, &common)?);
        Ok(jobs)
    }

    /// The booklet's job. The template pads it with blank pages to a multiple of four, which
    /// saddle-stitching needs.
    fn booklet(&self, kit: &Kit<'_>, lang: &Lang, common: &Common) -> anyhow::Result<Job> {
        let (mut data, files) = booklet::data(kit, lang, common)?;
        let hint = self.modules_end.lock().unwrap_or_else(|e| e.into_inner()).get(&booklet_kind(kit, lang)).copied();
        // See `footer`: a standalone project leaves it out, and its footer reads its own text.
        // The hint too: it depends on which kit was built before.
        if let Value::Object(map) = &mut data {
            map.insert("compose_footer".into(), json!(true));
            map.insert("modules_end_hint".into(), json!(hint));
        }
        let footer = Some(common.footer.clone());
        Ok(Job { stem: "booklet".into(), template: "/booklet.typ", data, files, footer })
    }

    /// The booklet imposed two pages a side on A4 sheets. It embeds the booklet's own PDF pages,
    /// which PDF/UA does not allow: this printer's file is untagged; the A5 booklet is the one
    /// to read on screen. The template draws the pages itself only in a standalone project
    /// (`standalone`): cyberkit puts them on the sheets without Typst (see [`impose`]).
    fn imposed(
        &self,
        kit: &Kit<'_>,
        lang: &Lang,
        booklet: &compile::Compiled,
        standalone: bool,
    ) -> anyhow::Result<Job> {
        let hint = phrase(kit, lang, "booklet_imposition_hint", &[]);
        let title = phrase(kit, lang, "doc_booklet_imposed", &[]);
        let common = Common::new(kit, lang);
        let mut data = common.json(&title);
        if let Value::Object(map) = &mut data {
            map.insert("pages".into(), serde_json::json!(booklet.pages));
            map.insert("hint".into(), serde_json::json!(hint));
            map.insert("draw_pages".into(), serde_json::json!(standalone));
        }
        let files = match standalone {
            true => vec![("/build/booklet.pdf".to_string(), booklet.pdf.clone())],
            false => Files::new(),
        };
        Ok(Job { stem: "booklet-imposed".into(), template: "/imposed.typ", data, files, footer: None })
    }

    fn world(&self, kit: &Kit<'_>, job: &Job) -> anyhow::Result<world::DocWorld<'_>> {
        let mut files = HashMap::new();
        files.insert(file_id("/data/document.json"), Bytes::new(serde_json::to_vec(&job.data)?));
        for (path, bytes) in &job.files {
            files.insert(file_id(path), Bytes::new(bytes.clone()));
        }
        Ok(self.env.world(job.template, files, datetime(kit.date)))
    }

    /// The documents of a kit in one language as laid out, page by page: what a reader gets,
    /// for tests and checks. Pages are rendered to PNG at `dpi` when it is given.
    pub fn inspect(&self, kit: &Kit<'_>, lang: &Lang, dpi: Option<f64>) -> anyhow::Result<Vec<Inspected>> {
        let mut out = Vec::new();
        for job in self.jobs(kit, lang)? {
            let document = self.composed(kit, lang, &job, compile::layout(&self.world(kit, &job)?)?)?;
            let pages = document
                .pages()
                .iter()
                .map(|page| {
                    let size = page.frame.size();
                    Ok(InspectedPage {
                        width_mm: size.x.to_mm(),
                        height_mm: size.y.to_mm(),
                        text: compile::page_text(page),
                        runs: compile::page_runs(page),
                        lines: compile::page_lines(page),
                        text_bounds_mm: compile::page_text_bounds(page),
                        png: match dpi {
                            Some(dpi) => compile::page_png(page, dpi)?,
                            None => Vec::new(),
                        },
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            out.push(Inspected { stem: job.stem, pages });
        }
        Ok(out)
    }
}

/// A document's data as a standalone project has it: without cyberkit to compose the booklet's
/// footer, the template shows the footer's text itself.
fn standalone(data: &Value) -> Value {
    let mut data = data.clone();
    if let Value::Object(map) = &mut data {
        map.remove("compose_footer");
        map.remove("modules_end_hint");
    }
    data
}

/// One document to compile.
struct Job {
    stem: String,
    template: &'static str,
    data: Value,
    files: Files,
    /// The footer's lines that cyberkit composes onto the laid-out pages (the booklet's).
    footer: Option<Vec<String>>,
}

/// A laid-out document, for tests.
pub struct Inspected {
    pub stem: String,
    pub pages: Vec<InspectedPage>,
}

pub struct InspectedPage {
    pub width_mm: f64,
    pub height_mm: f64,
    pub text: String,
    /// Each run of text with its size in points, in the order of `text`.
    pub runs: Vec<(f64, String)>,
    /// The page's lines as a reader sees them (see [`compile::page_lines`]).
    pub lines: Vec<String>,
    /// The box around all of the page's text, `[left, top, right, bottom]` from its top left
    /// corner: where the printer must print.
    pub text_bounds_mm: Option<[f64; 4]>,
    pub png: Vec<u8>,
}

impl Renderer for Print {
    fn name(&self) -> &'static str {
        "print"
    }

    fn render(&self, kit: &Kit<'_>, _earlier: &[Artifact]) -> anyhow::Result<Vec<Artifact>> {
        Overflows::gather(kit.profile.languages.iter().map(|lang| self.render_language(kit, lang)))
    }
}

impl Print {
    /// The documents of a kit in one language: what [`Renderer::render`] gives for each of the
    /// kit's languages, in turn. The languages are independent: a caller may render them at once.
    /// A document that overflows does not stop the others: the error is [`Overflows`], with
    /// every document that does.
    pub fn render_language(&self, kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<Vec<Artifact>> {
        let mut out = Vec::new();
        let mut overflows = Vec::new();
        for job in self.jobs(kit, lang)? {
            let compiled = match self.compile(kit, lang, &job) {
                Ok(compiled) => compiled,
                // An overflowing booklet gets no imposed copy either.
                Err(e) => {
                    overflows.extend(Overflows::of(e)?);
                    continue;
                }
            };
            if self.emit_sources {
                out.extend(self.sources(lang, &job)?);
            }
            if job.stem == "booklet" {
                let imposed = self.imposed(kit, lang, &compiled, false)?;
                if self.emit_sources {
                    out.extend(self.sources(lang, &self.imposed(kit, lang, &compiled, true)?)?);
                }
                let world = self.world(kit, &imposed)?;
                let sheets = named(kit, lang, &imposed.stem, |ident| {
                    impose::compile(&world, ident, datetime(kit.date), &compiled)
                })?;
                out.extend(artifacts(lang, &job.stem, compiled));
                out.extend(artifacts(lang, &imposed.stem, sheets));
            } else {
                out.extend(artifacts(lang, &job.stem, compiled));
            }
        }
        Overflows::or(overflows, out)
    }

    fn compile(&self, kit: &Kit<'_>, lang: &Lang, job: &Job) -> anyhow::Result<compile::Compiled> {
        let world = self.world(kit, job)?;
        named(kit, lang, &job.stem, |ident| {
            let compiled = compile::compile_with(&world, ident, datetime(kit.date), true, |document| {
                self.composed(kit, lang, job, document)
            })?;
            if job.stem == "booklet"
                && let Some(page) = booklet::modules_end(&compiled.document)
            {
                self.modules_end.lock().unwrap_or_else(|e| e.into_inner()).insert(booklet_kind(kit, lang), page);
            }
            let fault = match (max_pages(&job.stem), nearest_edge(&compiled.document)) {
                (Some(max), _) if compiled.pages > max => Fault::Pages { pages: compiled.pages, max },
                (_, Some((page, mm))) => Fault::Edge { page, mm },
                _ => return Ok(compiled),
            };
            Err(Overflow::new(kit, lang, &job.stem, fault).into())
        })
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
fn named<T>(
    kit: &Kit<'_>,
    lang: &Lang,
    stem: &str,
    compile: impl FnOnce(&str) -> anyhow::Result<T>,
) -> anyhow::Result<T> {
    let path = format!("print/{lang}/{stem}");
    compile(&format!("cyberkit/{}/{path}", kit.profile.id)).map_err(|e| match e.is::<Overflow>() {
        // Says which document already, and is the user's to fix: kept for the caller to report.
        true => e,
        false => anyhow::anyhow!("{e}\n  (while rendering {path}.pdf of {})", kit.profile.id),
    })
}

/// The QR codes of the incident steps (17Cyber, the cybermalveillance.gouv.fr diagnostic, the
/// CNIL's breach notification), for the poster and the booklet's back cover: their data, and
/// their SVG files. A contact whose website is unconfirmed has none.
fn incident_qr_codes(kit: &Kit<'_>, lang: &Lang) -> anyhow::Result<(Vec<Value>, Files)> {
    let mut codes = Vec::new();
    let mut files = Files::new();
    // 17Cyber's own diagnostic is cybermalveillance.gouv.fr's: one code leads there.
    for (i, id) in ["17cyber", "cnil-breach"].iter().enumerate() {
        let Some(contact) = kit.content.reference.contact(id) else { continue };
        let Some(url) = contact.confirmed_website() else { continue };
        let file = format!("/qr/{i}.svg");
        files.push((file.clone(), super::qr::svg(url)?.into_bytes()));
        codes.push(serde_json::json!({
            "file": file,
            "url": url.0,
            "text": url.without_scheme().trim_end_matches('/'),
            "label": contact.name.get(lang),
        }));
    }
    Ok((codes, files))
}

/// A compiled document's files: the PDF and its thumbnail.
fn artifacts(lang: &Lang, stem: &str, compiled: compile::Compiled) -> [Artifact; 2] {
    [
        Artifact { path: format!("print/{lang}/{stem}.pdf"), bytes: compiled.pdf, pages: compiled.pages },
        Artifact::file(format!("print/{lang}/{stem}.png"), compiled.thumbnail),
    ]
}

fn datetime(date: Date) -> Datetime {
    Datetime::from_ymd(i32::from(date.year()), date.month() as u8, date.day() as u8)
        .unwrap_or_else(|| Datetime::from_ymd(2026, 1, 1).expect("a valid date"))
}

/// What every document of a kit in one language says about itself.
pub(crate) struct Common {
    lang: Lang,
    /// The kit's accent colour.
    colour: String,
    /// Who made the document: the publisher, else the practice.
    author: String,
    /// For whom: the practice, or the profession in the region.
    for_whom: String,
    /// The footer: who, for whom, when, sources.
    footer: Vec<String>,
}

impl Common {
    fn new(kit: &Kit<'_>, lang: &Lang) -> Self {
        let content = kit.content;
        let profile = kit.profile;
        let s = |key: &str, params: &[(&str, &str)]| phrase(kit, lang, key, params);
        let profession = &profile.profession.name.get(lang).many;
        let region = profile.region.name.get(lang);
        let practice = profile.practice.as_ref().and_then(|p| p.name.clone());
        let publisher = profile.publisher.as_ref().and_then(|p| p.name.clone());
        let author = publisher.clone().or(practice.clone()).unwrap_or_else(|| "cyberkit".to_string());
        let kit_for = s("kit_for", &[("profession", profession), ("region", region)]);
        let for_whom = match &practice {
            Some(p) => format!("{p} · {kit_for}"),
            None => kit_for,
        };
        let mut footer = Vec::new();
        // A practice that publishes its own kit is named once.
        if let Some(p) = publisher.as_ref().filter(|p| Some(*p) != practice.as_ref()) {
            footer.push(s("footer_published_by", &[("publisher", p)]));
        }
        footer.push(for_whom.clone());
        if let Some(d) = content.updated() {
            footer.push(s("footer_updated", &[("date", &date(content, lang, d))]));
        }
        footer.push(s("print_footer_sources", &[]));
        let colour = profile.publisher.as_ref().and_then(|p| p.colour).map_or("#0b5394".to_string(), |c| c.hex());
        Common { lang: lang.clone(), colour, author, for_whom, footer }
    }

    /// The fields every document's data starts with.
    fn json(&self, title: &str) -> Value {
        json!({
            "lang": self.lang.code(),
            "title": title,
            "author": self.author,
            "colour": self.colour,
            "footer": self.footer,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Diagnostics;
    use crate::project::Project;

    #[test]
    fn a_booklet_is_the_same_whatever_the_hint_of_where_its_modules_end() {
        let project = Project::new(env!("CARGO_MANIFEST_DIR"));
        let today = jiff::civil::date(2026, 12, 1);
        let mut diags = Diagnostics::default();
        let checked = crate::check(&project, &["urps-kine-pays-de-la-loire".to_string()], today, &mut diags)
            .expect("no I/O failure")
            .expect("a valid profile");
        let kits = crate::plan::plan(&checked, today);
        let (kit, lang) = (&kits[0], Lang::new("fr"));
        let print = Print::new().expect("the print environment");
        let booklet = || -> Vec<u8> {
            let job = print.booklet(kit, &lang, &Common::new(kit, &lang)).expect("the booklet's data");
            print.compile(kit, &lang, &job).expect("the booklet").pdf
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
