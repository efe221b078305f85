//! The documents of a kit as laid out, page by page — what a reader gets: each page's text, runs
//! of text, lines, ink and, when asked, a PNG. For tests and checks; the build does not use it.

use crate::model::Lang;
use crate::plan::{Document, Kit};

use super::{Print, compile};

impl Print {
    /// The documents of a kit in one language as laid out, page by page: what a reader gets,
    /// for tests and checks. Pages are rendered to PNG at `dpi` when it is given.
    pub fn inspect(&self, kit: &Kit<'_>, lang: &Lang, dpi: Option<f64>) -> anyhow::Result<Vec<Inspected>> {
        self.inspect_where(kit, lang, dpi, |_| true)
    }

    /// The documents of a kit in one language that `wanted` keeps, as laid out (see
    /// [`Print::inspect`]).
    pub fn inspect_where(
        &self,
        kit: &Kit<'_>,
        lang: &Lang,
        dpi: Option<f64>,
        wanted: impl Fn(&Document) -> bool,
    ) -> anyhow::Result<Vec<Inspected>> {
        let mut out = Vec::new();
        for job in self.jobs(kit, lang)?.into_iter().filter(|job| wanted(&job.document)) {
            let (_, _, laid_out) = self.fitted(kit, &job)?;
            let document = self.composed(kit, lang, &job, laid_out)?;
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
                        ink_mm: compile::page_ink(page),
                        png: match dpi {
                            Some(dpi) => compile::page_png(page, dpi)?,
                            None => Vec::new(),
                        },
                    })
                })
                .collect::<anyhow::Result<Vec<_>>>()?;
            out.push(Inspected { stem: job.document.stem.to_string(), pages });
        }
        Ok(out)
    }
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
    /// The box of each run of text, shape and image on the page (see [`compile::page_ink`]).
    pub ink_mm: Vec<[f64; 4]>,
    pub png: Vec<u8>,
}
