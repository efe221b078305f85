//! The view structs the site templates receive, and the pages of a kit with their paths.
//!
//! Templates never see the model: each page gets what it shows, already in its language, so
//! the template contract stays explicit.

use std::collections::BTreeMap;

use serde::Serialize;
use tera::Context;

use crate::model::{Colour, Lang, Module, Part};
use crate::plan::Kit;
use crate::render::text::{date, front, phrase, with_workplace};
use crate::render::{incident, markdown, notice, placeholders::Placeholders, typography};

mod personalise;

/// The accent colour when the publisher gives none (7.7:1 with white).
const DEFAULT_COLOUR: Colour = Colour { r: 0x0b, g: 0x53, b: 0x94 };

/// A kit as listed on `output/index.html`.
#[derive(Debug, Clone, Serialize, serde::Deserialize, PartialEq, Eq)]
pub struct KitSummary {
    pub href: String,
    pub title: String,
    pub languages: String,
}

impl KitSummary {
    /// How a kit is listed on the output folder's index page.
    pub fn of(kit: &Kit<'_>) -> Self {
        let content = kit.content;
        let profile = kit.profile;
        let lang = profile.languages.first().unwrap_or(content.languages.source());
        let name = profile
            .practice
            .as_ref()
            .and_then(|p| p.name.clone())
            .or_else(|| profile.publisher.as_ref().and_then(|p| p.name.clone()));
        let what = format!("{} · {}", profile.profession.name.get(lang).many, profile.region.name.get(lang));
        KitSummary {
            href: format!("{}/index.html", profile.id),
            title: match name {
                Some(name) => format!("{name} — {what}"),
                None => what,
            },
            languages: profile.languages.iter().map(|l| content.languages.name(l)).collect::<Vec<_>>().join(", "),
        }
    }
}

/// A relative link from one page of the kit to another (both paths from the kit's folder).
pub fn relative(from: &str, to: &str) -> String {
    let depth = from.matches('/').count();
    format!("{}{to}", "../".repeat(depth))
}

#[derive(Serialize)]
struct LogoView {
    width: u32,
    height: u32,
    alt: String,
}

#[derive(Serialize)]
struct KitView {
    title: String,
    /// Who distributes the kit (or the practice, for its own kit), shown above the title.
    publisher: Option<String>,
    subtitle: String,
    colour: String,
    logo: Option<LogoView>,
    published_by: Option<String>,
    updated: String,
}

#[derive(Serialize)]
struct NavItem {
    href: String,
    label: String,
    current: bool,
}

#[derive(Serialize)]
struct Alternate {
    lang: String,
    name: String,
    href: String,
}

#[derive(Serialize)]
struct ModuleLink {
    /// The name of its pictogram (the page's `icons` has its SVG).
    icon: &'static str,
    href: String,
    title: String,
    summary: String,
}

#[derive(Serialize)]
struct PartView {
    slug: &'static str,
    icon: &'static str,
    title: String,
    intro: String,
    modules: Vec<ModuleLink>,
}

fn colour(kit: &Kit<'_>) -> String {
    kit.profile.publisher.as_ref().and_then(|p| p.colour).unwrap_or(DEFAULT_COLOUR).hex()
}

/// The page's one inline style: the kit's colour. The personaliser page's policy allows it by
/// its hash, so it is made in one place.
fn accent_style(colour: &str) -> String {
    format!(":root {{ --accent: {colour}; }}")
}

/// The pictograms a page shows, by name, as inline SVG hidden from screen readers: our own
/// markup, which the templates print with `| safe`.
fn icons() -> BTreeMap<&'static str, String> {
    crate::icons::ICONS.iter().map(|(name, _)| (*name, crate::icons::inline(name))).collect()
}

fn module_path(lang: &Lang, module: &Module) -> String {
    format!("{lang}/modules/{}.html", module.id)
}

/// The pages of a kit in one language.
pub struct Pages<'k, 'a> {
    kit: &'k Kit<'a>,
    /// The print documents already rendered for the kit.
    earlier: &'k [crate::render::Artifact],
    lang: &'k Lang,
    /// The interface strings, with the language's typography.
    t: BTreeMap<String, String>,
    values: Placeholders,
}

impl<'k, 'a> Pages<'k, 'a> {
    pub fn new(kit: &'k Kit<'a>, lang: &'k Lang, earlier: &'k [crate::render::Artifact]) -> Self {
        let words = kit.profile.profession.workplace.words.get(lang);
        let t = kit
            .content
            .ui
            .strings
            .get(lang)
            .iter()
            .map(|(k, v)| (k.clone(), with_workplace(&typography::apply(v, lang), words)))
            .collect();
        Pages { kit, lang, earlier, t, values: Placeholders::new(kit.content, kit.profile, lang) }
    }

    fn s(&self, key: &str, params: &[(&str, &str)]) -> String {
        phrase(self.kit, self.lang, key, params)
    }

    /// Every page: its template, its path in the kit, and what it shows.
    pub fn all(&self) -> Vec<(&'static str, String, Context)> {
        let mut pages = vec![self.home(), self.incident(), self.privacy(), self.downloads(), self.personalise()];
        for (i, module) in self.kit.modules.iter().enumerate() {
            pages.push(self.module(i, module));
        }
        pages
    }

    fn common(&self, path: &str, page_title: &str, description: &str) -> Context {
        let kit = self.kit;
        let profile = kit.profile;
        let content = kit.content;
        let lang = self.lang;
        let profession = profile.profession.name.get(lang).many.clone();
        let region = profile.region.name.get(lang).clone();
        let mut subtitle = self.s("kit_for", &[("profession", &profession), ("region", &region)]);
        if let Some(name) = profile.practice.as_ref().and_then(|p| p.name.as_ref()) {
            subtitle = format!("{name} · {subtitle}");
        }
        let publisher = profile.publisher.as_ref();
        let publisher_name = publisher.and_then(|p| p.name.clone());
        let view = KitView {
            title: self.t.get("kit_title").cloned().unwrap_or_default(),
            publisher: publisher_name.clone().or_else(|| profile.practice.as_ref().and_then(|p| p.name.clone())),
            subtitle,
            colour: colour(kit),
            logo: publisher.and_then(|p| p.logo.as_ref()).map(|logo| LogoView {
                width: logo.width,
                height: logo.height,
                alt: self.s("logo_alt", &[("publisher", publisher_name.as_deref().unwrap_or_default())]),
            }),
            published_by: publisher_name.as_ref().map(|name| self.s("footer_published_by", &[("publisher", name)])),
            updated: match content.updated() {
                Some(d) => self.s("footer_updated", &[("date", &date(content, lang, d))]),
                None => String::new(),
            },
        };
        let lang_root = format!("{lang}/");
        let nav = [
            ("index.html", "nav_home"),
            ("incident.html", "nav_incident"),
            ("privacy.html", "nav_privacy"),
            ("downloads.html", "nav_downloads"),
            ("personalise.html", "nav_personalise"),
        ]
        .into_iter()
        .map(|(page, label)| {
            let target = format!("{lang_root}{page}");
            NavItem {
                href: relative(path, &target),
                label: self.t.get(label).cloned().unwrap_or_default(),
                current: target == path,
            }
        })
        .collect::<Vec<_>>();
        let alternates = profile
            .languages
            .iter()
            .map(|other| {
                let same = format!("{other}/{}", &path[lang_root.len()..]);
                Alternate {
                    lang: other.to_string(),
                    name: content.languages.name(other).to_string(),
                    href: relative(path, &same),
                }
            })
            .collect::<Vec<_>>();
        let mut ctx = Context::new();
        ctx.insert("lang", lang.code());
        ctx.insert("t", &self.t);
        ctx.insert("page_title", page_title);
        ctx.insert("description", description);
        ctx.insert("assets", &relative(path, "assets/"));
        ctx.insert("home", &relative(path, &format!("{lang_root}index.html")));
        ctx.insert("kit", &view);
        ctx.insert("nav", &nav);
        ctx.insert("alternates", &alternates);
        ctx.insert("accent_style", &accent_style(&view.colour));
        ctx.insert("personalise_href", &relative(path, &format!("{lang_root}personalise.html")));
        ctx
    }

    fn home(&self) -> (&'static str, String, Context) {
        let lang = self.lang;
        let path = format!("{lang}/index.html");
        let profile = self.kit.profile;
        let intro = self.s(
            "home_intro",
            &[("profession", &profile.profession.name.get(lang).many), ("region", profile.region.name.get(lang))],
        );
        let title = self.t.get("nav_home").cloned().unwrap_or_default();
        let mut ctx = self.common(&path, &title, &intro);
        let parts: Vec<PartView> = Part::ALL
            .iter()
            .map(|&part| PartView {
                slug: part.slug(),
                icon: part.icon(),
                title: self.t.get(&format!("part_{}", part.slug())).cloned().unwrap_or_default(),
                intro: self.t.get(&format!("part_{}_intro", part.slug())).cloned().unwrap_or_default(),
                modules: self
                    .kit
                    .modules
                    .iter()
                    .filter(|m| m.part == part)
                    .map(|m| {
                        let text = m.text.get(lang);
                        ModuleLink {
                            icon: m.icon,
                            href: relative(&path, &module_path(lang, m)),
                            title: front(self.kit, lang, &text.title),
                            summary: front(self.kit, lang, &text.summary),
                        }
                    })
                    .collect(),
            })
            .filter(|p| !p.modules.is_empty())
            .collect();
        ctx.insert("intro", &intro);
        ctx.insert("parts", &parts);
        ctx.insert("icons", &icons());
        ctx.insert("incident_href", &relative(&path, &format!("{lang}/incident.html")));
        ctx.insert("privacy_href", &relative(&path, &format!("{lang}/privacy.html")));
        ("home.html", path, ctx)
    }

    fn module(&self, index: usize, module: &Module) -> (&'static str, String, Context) {
        let lang = self.lang;
        let path = module_path(lang, module);
        let text = module.text.get(lang);
        let title = front(self.kit, lang, &text.title);
        let summary = front(self.kit, lang, &text.summary);
        let mut ctx = self.common(&path, &title, &summary);
        let link = |m: &Module| {
            let t = m.text.get(lang);
            ModuleLink {
                icon: m.icon,
                href: relative(&path, &module_path(lang, m)),
                title: front(self.kit, lang, &t.title),
                summary: String::new(),
            }
        };
        ctx.insert("part", &self.t.get(&format!("part_{}", module.part.slug())).cloned().unwrap_or_default());
        ctx.insert("icon", module.icon);
        ctx.insert("icons", &icons());
        ctx.insert("title", &title);
        ctx.insert("summary", &summary);
        ctx.insert("body", &markdown::to_html(&text.body, &self.values, lang));
        ctx.insert("checklist", &text.checklist.iter().map(|c| front(self.kit, lang, c)).collect::<Vec<_>>());
        ctx.insert("previous", &index.checked_sub(1).and_then(|i| self.kit.modules.get(i)).map(|m| link(m)));
        ctx.insert("next", &self.kit.modules.get(index + 1).map(|m| link(m)));
        ("module.html", path, ctx)
    }

    fn incident(&self) -> (&'static str, String, Context) {
        let path = format!("{}/incident.html", self.lang);
        let title = self.t.get("incident_title").cloned().unwrap_or_default();
        let intro = self.t.get("incident_intro").cloned().unwrap_or_default();
        let mut ctx = self.common(&path, &title, &intro);
        let incident = incident::incident(self.kit, self.lang);
        ctx.insert("steps", &incident.steps);
        ctx.insert("icons", &icons());
        ctx.insert("donts", &incident.donts);
        ctx.insert("emergency", &incident.emergency);
        ctx.insert("contacts", &incident.contacts);
        ("incident.html", path, ctx)
    }

    fn privacy(&self) -> (&'static str, String, Context) {
        let path = format!("{}/privacy.html", self.lang);
        let title = self.t.get("notice_title").cloned().unwrap_or_default();
        let intro = self.t.get("notice_intro").cloned().unwrap_or_default();
        let mut ctx = self.common(&path, &title, &intro);
        let sections = notice::notice(self.kit, self.lang);
        ctx.insert("sections", &sections);
        ("privacy.html", path, ctx)
    }
}

#[derive(Serialize)]
struct Download {
    title: String,
    href: String,
    thumbnail: Option<String>,
    alt: String,
    format: String,
    size: String,
}

impl Pages<'_, '_> {
    fn downloads(&self) -> (&'static str, String, Context) {
        let lang = self.lang;
        let path = format!("{lang}/downloads.html");
        let title = self.t.get("downloads_title").cloned().unwrap_or_default();
        let intro = self.t.get("downloads_intro").cloned().unwrap_or_default();
        let mut ctx = self.common(&path, &title, &intro);
        let find = |p: &str| self.earlier.iter().find(|a| a.path == p);
        let documents: Vec<Download> = self
            .kit
            .documents_in(lang)
            .filter_map(|document| {
                let pdf = find(&document.path)?;
                let png = &document.thumbnail;
                let name = self.t.get(document.title_key).cloned().unwrap_or_default();
                let kilobytes = (pdf.bytes.len() as u64).div_ceil(1000).to_string();
                Some(Download {
                    href: relative(&path, &pdf.path),
                    thumbnail: find(png).map(|_| relative(&path, png)),
                    alt: self.s("downloads_preview_alt", &[("title", &name)]),
                    format: self.s("downloads_format", &[("paper", document.paper.name())]),
                    size: self.s("downloads_size", &[("size", &kilobytes)]),
                    title: name,
                })
            })
            .collect();
        ctx.insert("title", &title);
        ctx.insert("intro", &intro);
        ctx.insert("documents", &documents);
        ("downloads.html", path, ctx)
    }
}

/// The pages of a kit that are not in one language: the chooser, the 404 page, the sitemap.
pub struct KitPages<'k, 'a> {
    kit: &'k Kit<'a>,
}

#[derive(Serialize)]
struct Choice {
    lang: String,
    name: String,
    href: String,
    kit_title: String,
}

#[derive(Serialize)]
struct NotFound {
    lang: String,
    text: String,
    link: String,
    href: String,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    alternates: Vec<Alternate>,
}

impl<'k, 'a> KitPages<'k, 'a> {
    pub fn new(kit: &'k Kit<'a>) -> Self {
        KitPages { kit }
    }

    fn first_lang(&self) -> &Lang {
        self.kit.profile.languages.first().unwrap_or(self.kit.content.languages.source())
    }

    fn base_url(&self) -> Option<String> {
        let url = &self.kit.profile.site.base_url.as_ref()?.0;
        Some(if url.ends_with('/') { url.clone() } else { format!("{url}/") })
    }

    pub fn chooser(&self) -> Context {
        let content = self.kit.content;
        let langs = &self.kit.profile.languages;
        let title = langs.iter().map(|l| content.ui.get(l, "chooser_title")).collect::<Vec<_>>().join(" · ");
        let choices: Vec<Choice> = langs
            .iter()
            .map(|l| Choice {
                lang: l.to_string(),
                name: content.languages.name(l).to_string(),
                href: format!("{l}/index.html"),
                kit_title: content.ui.get(l, "kit_title").to_string(),
            })
            .collect();
        let mut ctx = Context::new();
        ctx.insert("lang", self.first_lang().code());
        ctx.insert("title", &title);
        ctx.insert("choices", &choices);
        ctx.insert("colour", &colour(self.kit));
        ctx
    }

    /// The 404 page is served at whatever address was asked for, so its links are absolute
    /// when the kit knows its address, and relative to the kit's folder otherwise.
    pub fn not_found(&self) -> Context {
        let content = self.kit.content;
        let root = self.base_url().unwrap_or_default();
        let langs = &self.kit.profile.languages;
        let pages: Vec<NotFound> = langs
            .iter()
            .map(|l| NotFound {
                lang: l.to_string(),
                text: typography::apply(content.ui.get(l, "not_found_text"), l),
                link: content.ui.get(l, "not_found_link").to_string(),
                href: format!("{root}{l}/index.html"),
            })
            .collect();
        let title = langs.iter().map(|l| content.ui.get(l, "not_found_title")).collect::<Vec<_>>().join(" · ");
        let mut ctx = Context::new();
        ctx.insert("lang", self.first_lang().code());
        ctx.insert("title", &title);
        ctx.insert("pages", &pages);
        ctx.insert("root", &root);
        ctx.insert("colour", &colour(self.kit));
        ctx
    }

    /// The sitemap lists absolute addresses, so it exists only when the kit knows its own.
    pub fn sitemap(&self) -> Option<Context> {
        let base = self.base_url()?;
        let langs = &self.kit.profile.languages;
        let mut pages: Vec<String> =
            vec!["index.html".into(), "incident.html".into(), "privacy.html".into(), "downloads.html".into()];
        pages.extend(self.kit.modules.iter().map(|m| format!("modules/{}.html", m.id)));
        let mut urls = Vec::new();
        for lang in langs {
            for page in &pages {
                let alternates = langs
                    .iter()
                    .map(|l| Alternate { lang: l.to_string(), name: String::new(), href: format!("{base}{l}/{page}") })
                    .collect();
                urls.push(SitemapUrl { loc: format!("{base}{lang}/{page}"), alternates });
            }
        }
        let mut ctx = Context::new();
        ctx.insert("urls", &urls);
        Some(ctx)
    }
}

#[cfg(test)]
mod tests {
    use super::relative;

    #[test]
    fn links_between_pages_of_a_kit_relatively() {
        assert_eq!(relative("fr/index.html", "fr/incident.html"), "../fr/incident.html");
        assert_eq!(relative("fr/modules/wifi.html", "en/modules/wifi.html"), "../../en/modules/wifi.html");
        assert_eq!(relative("index.html", "fr/index.html"), "fr/index.html");
    }
}
