//! End-to-end tests of the mini-site: `cyberkit build` on the example profiles and on hostile
//! ones, checking what a reader gets — links that resolve, nothing fetched from elsewhere, a
//! language switch that lands on the same page, profile values printed as written.

use crate::common;
use std::collections::BTreeSet;
use std::path::PathBuf;

use crate::common::{TestProject, stderr};

/// Every `href`/`src` value of an HTML page, unescaped.
fn links(html: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for attr in ["href", "src"] {
        let needle = format!(" {attr}=\"");
        for (i, _) in html.match_indices(&needle) {
            let rest = &html[i + needle.len()..];
            let value = &rest[..rest.find('"').unwrap_or(0)];
            out.push((attr.to_string(), value.replace("&amp;", "&").replace("&#x2F;", "/")));
        }
    }
    out
}

fn built_examples() -> TestProject {
    let project = TestProject::with_examples();
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    project
}

#[test]
fn every_link_of_every_page_resolves_and_nothing_comes_from_elsewhere() {
    let project = built_examples();
    let out = project.path().join("output");
    let pages = common::html_files(&out);
    assert!(pages.len() > 100, "only {} pages", pages.len());
    let mut external = BTreeSet::new();
    for page in &pages {
        let html = std::fs::read_to_string(page).expect("read");
        for (attr, link) in links(&html) {
            if link.starts_with("https://") {
                // Pages may link out (a module's sources), never load anything from elsewhere.
                assert_eq!(attr, "href", "{}: loads {link}", page.display());
                assert!(!html.contains(&format!("<link rel=\"stylesheet\" href=\"{link}")), "{}", page.display());
                external.insert(link);
                continue;
            }
            if link.starts_with("tel:+") || link.starts_with("mailto:") || link.starts_with('#') {
                continue;
            }
            assert!(!link.contains("://") && !link.starts_with('/'), "{}: `{link}` is not relative", page.display());
            let target = page.parent().expect("parent").join(link.split('#').next().unwrap_or(""));
            assert!(target.is_file(), "{}: `{link}` leads nowhere", page.display());
        }
    }
    assert!(external.contains("https://17cyber.gouv.fr"), "{external:?}");
}

#[test]
fn the_language_switch_lands_on_the_same_page_in_the_other_language() {
    let project = built_examples();
    let kit = project.path().join("output/cabinet-des-tilleuls");
    for fr_page in common::html_files(&kit.join("fr")) {
        let relative = fr_page.strip_prefix(kit.join("fr")).expect("inside");
        let en_page = kit.join("en").join(relative);
        let fr = std::fs::read_to_string(&fr_page).expect("read");
        let en = std::fs::read_to_string(&en_page).expect("read");
        let switch = |html: &str, lang: &str| -> PathBuf {
            let marker = format!("hreflang=\"{lang}\" lang=\"{lang}\"");
            let at = html.find(&marker).expect("a language switch");
            let start = html[..at].rfind("href=\"").expect("href") + 6;
            let href = &html[start..html[start..].find('"').expect("end") + start];
            href.replace("&#x2F;", "/").into()
        };
        let to_en = fr_page.parent().unwrap().join(switch(&fr, "en"));
        assert_eq!(to_en.canonicalize().unwrap(), en_page.canonicalize().unwrap(), "{}", fr_page.display());
        let back = en_page.parent().unwrap().join(switch(&en, "fr"));
        assert_eq!(back.canonicalize().unwrap(), fr_page.canonicalize().unwrap(), "{}", en_page.display());
        assert!(fr.starts_with("<!DOCTYPE html>\n<html lang=\"fr\">"));
        assert!(en.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    }
}

#[test]
fn every_page_has_one_h1_landmarks_and_a_skip_link() {
    let project = built_examples();
    for page in common::html_files(&project.path().join("output/urps-kine-pays-de-la-loire/fr")) {
        let html = std::fs::read_to_string(&page).expect("read");
        assert_eq!(html.matches("<h1").count(), 1, "{}", page.display());
        for landmark in ["<header", "<nav", "<main id=\"main\"", "<footer", "class=\"skip\" href=\"#main\""] {
            assert!(html.contains(landmark), "{}: no {landmark}", page.display());
        }
    }
}

#[test]
fn profile_values_are_shown_as_written_never_as_markup() {
    let project = TestProject::with_content();
    project.write(
        "profiles/hostile.toml",
        r##"profession = "infirmiers"
region = "bretagne"

[publisher]
name = "*Dr* [x](y) {{ practice.name }} {% raw %}"

[practice]
name = "<script>alert(1)</script>"
contact_person = "\" onmouseover=\"x"

[it_provider]
name = "#panic() ] [ $x$ *a* <b> \\"
phone = "02 99 00 00 00"
"##,
    );
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let kit = project.path().join("output/hostile/fr");
    for page in common::html_files(&project.path().join("output/hostile")) {
        let html = std::fs::read_to_string(&page).expect("page");
        // The personaliser page's own script is the only one.
        let html =
            html.replace(r#"<script defer src="..&#x2F;..&#x2F;personaliser&#x2F;personalise.js"></script>"#, "");
        assert!(!html.contains("<script"), "{}: a script tag was written", page.display());
        assert!(!html.contains("onmouseover=\"x"), "{}: an attribute was broken", page.display());
    }
    let home = std::fs::read_to_string(kit.join("index.html")).expect("home page");
    assert!(home.contains("&lt;script&gt;alert(1)&lt;&#x2F;script&gt;"), "{home}");
    let incident = std::fs::read_to_string(kit.join("incident.html")).expect("incident page");
    assert!(incident.contains("&quot; onmouseover=&quot;x"), "{incident}");
    assert!(incident.contains("#panic() ] [ $x$ *a* &lt;b&gt; \\"), "{incident}");
    assert!(incident.contains("*Dr* [x](y) {{ practice.name }} {% raw %}"), "{incident}");
    // In module text, the provider's name replaces `{{ it_provider.name }}` as plain text.
    let response = std::fs::read_to_string(kit.join("modules/incident-response.html")).expect("module page");
    assert!(response.contains("#panic() ] [ $x$ *a* &lt;b&gt; \\"), "{response}");
    assert!(!response.contains("<b>"), "{response}");
}

#[test]
fn a_kit_without_details_says_what_to_fill_in() {
    let project = built_examples();
    let incident =
        std::fs::read_to_string(project.path().join("output/cabinet-minimal/fr/incident.html")).expect("page");
    assert!(incident.contains("class=\"missing\""), "the missing provider is explained");
    assert!(!incident.contains("{{"), "no raw placeholder");
    let privacy = std::fs::read_to_string(project.path().join("output/cabinet-minimal/fr/privacy.html")).expect("page");
    assert!(privacy.contains("<dd class=\"blank\">"), "blank lines to fill in");
}

#[test]
fn the_csirt_phone_is_a_tel_link_only_when_confirmed() {
    let project = built_examples();
    let bretagne =
        std::fs::read_to_string(project.path().join("output/urps-infirmiers-bretagne/fr/incident.html")).expect("page");
    assert!(
        bretagne.contains("<a href=\"tel:+33800200008\">0\u{a0}800\u{a0}200\u{a0}008</a>")
            || bretagne.contains("<a href=\"tel:+33800200008\">0 800 200 008</a>"),
        "{bretagne}"
    );
    let pdl = std::fs::read_to_string(project.path().join("output/urps-kine-pays-de-la-loire/fr/incident.html"))
        .expect("page");
    assert!(!pdl.contains("0 800 100 200") && !pdl.contains("tel:+33800100200"), "the unconfirmed phone is left out");
}

#[test]
fn the_downloads_page_lists_every_print_document_with_its_preview() {
    let project = built_examples();
    let kit = project.path().join("output/cabinet-des-tilleuls");
    let page = std::fs::read_to_string(kit.join("en/downloads.html")).expect("downloads page");
    for stem in ["poster-a4", "poster-a3", "notice", "checklist", "booklet", "booklet-imposed"] {
        assert!(page.contains(&format!("href=\"..&#x2F;print&#x2F;en&#x2F;{stem}.pdf\"")), "no {stem}.pdf in {page}");
        assert!(page.contains(&format!("src=\"..&#x2F;print&#x2F;en&#x2F;{stem}.png\"")), "no {stem}.png in {page}");
        let pdf = std::fs::read(kit.join(format!("print/en/{stem}.pdf"))).expect("pdf");
        assert!(pdf.starts_with(b"%PDF-"), "{stem}");
        let size = format!("{} kB", pdf.len().div_ceil(1000));
        assert!(page.contains(&size), "no `{size}` for {stem}");
    }
    // The reader's PDFs are tagged PDF/UA-1 with their language; the printer's imposed copy embeds
    // PDF pages, which PDF/UA forbids.
    let poster = std::fs::read(kit.join("print/fr/poster-a4.pdf")).expect("pdf");
    let text = String::from_utf8_lossy(&poster);
    assert!(text.contains("pdfuaid:part") && text.contains("/Lang(fr)"), "not PDF/UA-1 in French");
}

#[test]
fn a_failed_build_leaves_the_previous_output_untouched() {
    let project = built_examples();
    let before = common::files_under(&project.path().join("output"));
    project.write("profiles/broken.toml", "profession = \"infirmier\"\nregion = \"bretagne\"\n");
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(common::files_under(&project.path().join("output")), before);
}

#[test]
fn two_builds_are_byte_identical() {
    let project = built_examples();
    let first = common::files_under(&project.path().join("output"));
    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(common::files_under(&project.path().join("output")), first);
}
