//! The mini-site: for each language of a kit, a home page, one page per module, the "incident
//! now" page and the full privacy notice; a language chooser, a 404 page and, when the kit knows
//! where it is hosted, a sitemap.
//!
//! Every link is relative, so the folder works from `file://`, from a sub-path or from any static
//! host, and nothing is fetched from elsewhere. Pages are Tera templates (compiled into the
//! binary) fed with view structs; Tera escapes every value, and `| safe` is used only for the
//! HTML we make from our own Markdown and for our pictograms' SVG.

mod views;

use anyhow::Context as _;
use tera::Tera;

use super::Artifact;
use crate::plan::Kit;
pub use views::KitSummary;

use crate::templates::{SITE as TEMPLATES, STYLE};

/// The site renderer: the parsed templates.
pub struct Site {
    tera: Tera,
}

impl Site {
    pub fn new() -> anyhow::Result<Self> {
        let mut tera = Tera::default();
        tera.add_raw_templates(TEMPLATES.to_vec()).context("the site templates do not parse")?;
        // Tera escapes `.html` and `.xml` templates by default; the site relies on it.
        Ok(Site { tera })
    }

    /// `output/index.html`: every kit in the output folder.
    pub fn index(&self, kits: &[KitSummary], lang: &str, title: &str) -> anyhow::Result<Artifact> {
        let mut ctx = tera::Context::new();
        ctx.insert("lang", lang);
        ctx.insert("title", title);
        ctx.insert("kits", kits);
        self.page("index.html", "index.html", &ctx)
    }

    fn page(&self, template: &str, path: &str, ctx: &tera::Context) -> anyhow::Result<Artifact> {
        let html =
            self.tera.render(template, ctx).with_context(|| format!("failed to render {path} with {template}"))?;
        Ok(Artifact::file(path, html.into_bytes()))
    }
}

impl Site {
    /// A kit's pages, in every language; `printed` is the print renderer's files for the same
    /// kit, which the downloads page lists.
    pub fn render(&self, kit: &Kit<'_>, printed: &[Artifact]) -> anyhow::Result<Vec<Artifact>> {
        let mut files = vec![Artifact::file("assets/style.css", STYLE.as_bytes().to_vec())];
        if let Some(logo) = kit.profile.publisher.as_ref().and_then(|p| p.logo.as_ref()) {
            files.push(Artifact::file("assets/logo.png", logo.png.clone()));
        }
        for lang in &kit.profile.languages {
            let pages = views::Pages::new(kit, lang, printed);
            for (template, path, ctx) in pages.all() {
                files.push(self.page(template, &path, &ctx)?);
            }
        }
        let kit_pages = views::KitPages::new(kit);
        files.push(self.page("chooser.html", "index.html", &kit_pages.chooser())?);
        files.push(self.page("not_found.html", "404.html", &kit_pages.not_found())?);
        if let Some(ctx) = kit_pages.sitemap() {
            files.push(self.page("sitemap.xml", "sitemap.xml", &ctx)?);
        }
        Ok(files)
    }
}
