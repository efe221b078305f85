//! The mini-site: for each language of a kit, a home page, one page per module, the "incident
//! now" page and the full privacy notice; a language chooser, a 404 page and, when the kit knows
//! where it is hosted, a sitemap.
//!
//! Every link is relative, so the folder works from `file://`, from a sub-path or from any static
//! host, and nothing is fetched from elsewhere. Pages are Tera templates (compiled into the
//! binary) fed with view structs; Tera escapes every value, and `| safe` is used only for the
//! HTML we make from our own Markdown.

mod views;

use anyhow::Context as _;
use tera::Tera;

use super::{Artifact, Renderer};
use crate::plan::Kit;
pub use views::KitSummary;

/// The templates, compiled into the binary so that it needs no files beside it.
const TEMPLATES: [(&str, &str); 10] = [
    ("downloads.html", include_str!("../../../templates/site/downloads.html")),
    ("base.html", include_str!("../../../templates/site/base.html")),
    ("home.html", include_str!("../../../templates/site/home.html")),
    ("module.html", include_str!("../../../templates/site/module.html")),
    ("incident.html", include_str!("../../../templates/site/incident.html")),
    ("privacy.html", include_str!("../../../templates/site/privacy.html")),
    ("chooser.html", include_str!("../../../templates/site/chooser.html")),
    ("not_found.html", include_str!("../../../templates/site/not_found.html")),
    ("index.html", include_str!("../../../templates/site/index.html")),
    ("sitemap.xml", include_str!("../../../templates/site/sitemap.xml")),
];

const STYLE: &str = include_str!("../../../templates/site/style.css");

/// The interface strings the site templates use (`t.<key>`): every language must have them.
pub fn strings_used() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, source) in TEMPLATES {
        for (i, _) in source.match_indices("t.") {
            let before = source[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = source[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

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

impl Renderer for Site {
    fn name(&self) -> &'static str {
        "site"
    }

    fn render(&self, kit: &Kit<'_>, earlier: &[Artifact]) -> anyhow::Result<Vec<Artifact>> {
        let mut files = vec![Artifact::file("assets/style.css", STYLE.as_bytes().to_vec())];
        if let Some(logo) = kit.profile.publisher.as_ref().and_then(|p| p.logo.as_ref()) {
            files.push(Artifact::file("assets/logo.png", logo.png.clone()));
        }
        for lang in &kit.profile.languages {
            let pages = views::Pages::new(kit, lang, earlier);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_strings_the_templates_use() {
        let keys = strings_used();
        assert!(keys.contains("skip_to_content") && keys.contains("notice_title"), "{keys:?}");
        assert!(!keys.iter().any(|k| k.contains('.')), "{keys:?}");
    }
}
