//! Tests of the printed documents as a reader gets them: each laid out page by page in the
//! process, checking its paper size, the text on it (the practice's provider, the CSIRT, 17Cyber,
//! a hostile name as written) and that each QR code, rendered at 150 dpi and decoded with rqrr,
//! carries exactly its URL.

use crate::common;
use cyberkit::project::Project;
use cyberkit::render::print::{Inspected, InspectedPage};

use crate::common::TestProject;

fn inspect(project: &Project, profile: &str, lang: &str) -> Vec<Inspected> {
    inspect_at(project, profile, lang, Some(150.0))
}

/// The documents of a kit in one language, laid out, their pages drawn at `dpi` when given.
fn inspect_at(project: &Project, profile: &str, lang: &str, dpi: Option<f64>) -> Vec<Inspected> {
    common::laid_out(project, profile, lang, dpi).unwrap_or_else(|e| panic!("{e}"))
}

fn document<'a>(docs: &'a [Inspected], stem: &str) -> &'a Inspected {
    docs.iter().find(|d| d.stem == stem).unwrap_or_else(|| panic!("no {stem}"))
}

/// The text of every QR code on a page.
fn qr_codes(png: &[u8]) -> Vec<String> {
    let image = image::load_from_memory(png).expect("a PNG").to_luma8();
    let (w, h) = image.dimensions();
    let mut prepared = rqrr::PreparedImage::prepare_from_greyscale(w as usize, h as usize, |x, y| {
        image.get_pixel(u32::try_from(x).expect("a column"), u32::try_from(y).expect("a row")).0[0]
    });
    let mut codes: Vec<String> =
        prepared.detect_grids().into_iter().map(|grid| grid.decode().expect("a readable QR code").1).collect();
    codes.sort();
    codes
}

/// A document's text with its line breaks undone: each line's run keeps its trailing space.
fn flat(doc: &Inspected) -> String {
    doc.pages.iter().map(|p| p.text.replace('\n', "")).collect()
}

fn repo() -> Project {
    Project::new(common::repo())
}

#[test]
fn every_document_is_on_its_paper_and_fits_its_pages() {
    for (profile, lang) in [
        ("cabinet-des-tilleuls", "fr"),
        ("cabinet-des-tilleuls", "en"),
        ("urps-kine-pays-de-la-loire", "fr"),
        ("cabinet-minimal", "en"),
    ] {
        let docs = inspect(&repo(), profile, lang);
        for (stem, width, height, max_pages) in [
            ("poster-a4", 210.0, 297.0, 1),
            ("poster-a3", 297.0, 420.0, 1),
            ("notice", 210.0, 297.0, 1),
            ("checklist", 210.0, 297.0, 2),
        ] {
            let doc = document(&docs, stem);
            assert!(doc.pages.len() <= max_pages, "{profile}/{lang}/{stem}: {} pages", doc.pages.len());
            for page in &doc.pages {
                assert!(
                    (page.width_mm - width).abs() < 0.5 && (page.height_mm - height).abs() < 0.5,
                    "{profile}/{stem}"
                );
            }
        }
    }
}

#[test]
fn the_poster_names_the_provider_the_csirt_and_17cyber() {
    let docs = inspect(&repo(), "cabinet-des-tilleuls", "fr");
    let text = &flat(document(&docs, "poster-a4"));
    for expected in [
        "Atelier Informatique Santé",
        "02 61 91 45 67",
        "Pays de la Loire Cyber Assistance",
        "17cyber.gouv.fr",
        "72\u{a0}heures",
    ] {
        assert!(text.contains(expected), "no `{expected}` in:\n{text}");
    }
    // This CSIRT's phone is in one source only: it is left out.
    assert!(!text.contains("0 800 100 200"), "{text}");

    let docs = inspect(&repo(), "urps-infirmiers-bretagne", "en");
    let text = &flat(document(&docs, "poster-a3"));
    for expected in ["Breizh Cyber", "0 800 200 008", "17cyber.gouv.fr"] {
        assert!(text.contains(expected), "no `{expected}` in:\n{text}");
    }
}

#[test]
fn a_web_address_breaks_after_its_slashes_not_at_its_own_hyphens() {
    // The CNIL's notification page, 61 characters, beside its QR code on the posters. A line
    // ending at one of its hyphens would read as a word broken there. (A CSIRT's long site is
    // printed as where to find it in a few words: `the_csirts_card_on_the_poster_is_an_address_a_
    // person_can_type`.)
    let site = "www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles";
    for (profile, lang, stem) in
        [("urps-kine-pays-de-la-loire", "en", "poster-a4"), ("cabinet-des-tilleuls", "fr", "poster-a3")]
    {
        let docs = inspect_at(&repo(), profile, lang, None);
        let lines: Vec<&String> = document(&docs, stem).pages.iter().flat_map(|p| &p.lines).collect();
        let first = lines.iter().position(|l| l.contains("www.cnil.fr")).expect("the CNIL's page");
        // The address ends each of its lines (the provider's card may share them, on the left).
        let mut parts: Vec<&str> = Vec::new();
        for line in &lines[first..] {
            parts.push(line.split_whitespace().last().expect("a word"));
            if parts.concat().len() >= site.len() {
                break;
            }
        }
        assert_eq!(parts.concat(), site, "{profile}/{lang}/{stem}: {parts:?}");
        assert!(parts.len() <= 3, "{profile}/{lang}/{stem}: {parts:?}");
        for part in &parts[..parts.len() - 1] {
            assert!(part.ends_with('/'), "{profile}/{lang}/{stem}: a line ends at `{part}`: {parts:?}");
        }
    }
}

#[test]
fn the_csirts_card_on_the_poster_is_an_address_a_person_can_type() {
    // A poster is read in a panic: a 94-character path is not typed from a wall. Nor from the
    // booklet's contacts, which say what the poster says.
    for (profile, lang, stem) in [
        ("urps-kine-pays-de-la-loire", "fr", "poster-a4"),
        ("cabinet-des-tilleuls", "fr", "poster-a4"),
        ("cabinet-des-tilleuls", "en", "poster-a3"),
        ("cabinet-des-tilleuls", "fr", "booklet"),
    ] {
        let docs = inspect_at(&repo(), profile, lang, None);
        let text = flat(document(&docs, stem)).replace('\u{202f}', " ");
        assert!(!text.contains("economie-et-innovation"), "{profile}/{lang}/{stem}: {text}");
        assert!(text.contains("paysdelaloire.fr, page « Mon organisation subit une cyberattaque »"), "{text}");
    }
}

#[test]
fn a_date_is_never_broken_across_lines() {
    // The booklet's footer ended a line at `au 23 novembre` and began the next with `2026`.
    for (lang, month, date) in [("fr", "décembre", "8 décembre 2026"), ("en", "December", "8 December 2026")] {
        for doc in inspect_at(&repo(), "urps-infirmiers-bretagne", lang, None) {
            for line in doc.pages.iter().flat_map(|p| &p.lines).filter(|l| l.contains(month)) {
                let line = line.replace('\u{a0}', " ");
                assert!(line.contains(date), "{lang}/{}: `{line}`", doc.stem);
            }
        }
    }
}

#[test]
fn a_footer_never_ends_with_a_word_alone_on_its_last_line() {
    // The A4 poster's footer ended with `CNIL,` at the end of a line and `ANS` alone below it.
    for profile in ["urps-infirmiers-bretagne", "cabinet-des-tilleuls"] {
        for lang in ["fr", "en"] {
            for doc in inspect_at(&repo(), profile, lang, None) {
                for (i, page) in doc.pages.iter().enumerate().filter(|(_, p)| p.text.contains("Sources")) {
                    // The footer is the page's lowest text, its last line the page's.
                    let last = page.lines.last().expect("a page with text has lines");
                    let words = last.split_whitespace().count();
                    assert!(words > 1, "{profile}/{lang}/{} page {}: the footer ends with `{last}`", doc.stem, i + 1);
                }
            }
        }
    }
}

#[test]
fn the_a3_poster_has_a_48_pt_headline_and_24_pt_steps() {
    let docs = inspect(&repo(), "urps-infirmiers-bretagne", "en");
    let runs = &document(&docs, "poster-a3").pages[0].runs;
    let size = |start: &str| {
        runs.iter().find(|(_, text)| text.starts_with(start)).unwrap_or_else(|| panic!("no `{start}` in {runs:?}")).0
    };
    assert!(size("Cyberattack?") >= 48.0, "{runs:?}");
    for step in ["Unplug the network", "Leave the computer on", "Write down the time", "Call your IT provider"] {
        assert!(size(step) >= 24.0, "`{step}` at {} pt", size(step));
    }
}

#[test]
fn nothing_is_printed_within_12_mm_of_the_paper_edge() {
    // Office printers cannot print within 12 mm of the edge: the footers' last line, the sources,
    // used to sit 2 mm from it.
    for (profile, lang) in
        [("cabinet-des-tilleuls", "fr"), ("urps-infirmiers-bretagne", "en"), ("cabinet-minimal", "fr")]
    {
        let docs = inspect_at(&repo(), profile, lang, None);
        for stem in ["poster-a4", "poster-a3", "notice", "checklist", "booklet"] {
            for (i, page) in document(&docs, stem).pages.iter().enumerate() {
                let Some([left, top, right, bottom]) = page.text_bounds_mm else { continue };
                let least = [left, top, page.width_mm - right, page.height_mm - bottom];
                assert!(
                    least.iter().all(|mm| *mm >= 11.9),
                    "{profile}/{lang}/{stem} page {}: text {least:.1?} mm from the left, top, right and bottom edges",
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_a4_poster_body_is_11_pt_in_lines_of_75_characters_at_most() {
    // The A4 poster's body is 11 pt or more, in lines of 75 characters at most. The small print is
    // the footer, last.
    for (profile, lang) in [("cabinet-des-tilleuls", "fr"), ("urps-infirmiers-bretagne", "en")] {
        let docs = inspect_at(&repo(), profile, lang, None);
        let page = &document(&docs, "poster-a4").pages[0];
        let footer = page.runs.iter().rposition(|(size, _)| *size >= 11.0).expect("a body") + 1;
        assert!(page.runs[footer..].iter().all(|(size, _)| *size >= 7.0), "{:?}", &page.runs[footer..]);
        for (i, (size, text)) in page.runs.iter().enumerate().take(footer) {
            assert!(*size >= 11.0, "{profile}/{lang}: `{text}` at {size} pt (run {i})");
            // Zero-width spaces, where a long word may break, are not characters a reader sees.
            let length = text.chars().filter(|c| *c != '\u{200B}').count();
            assert!(length <= 75, "{profile}/{lang}: {length} characters in `{text}`");
        }
        // The provider's and the CSIRT's details are body text too.
        for expected in ["assistance@", "Breizh Cyber", "0 800 200 008"] {
            if let Some((size, text)) = page.runs.iter().find(|(_, text)| text.contains(expected)) {
                assert!(*size >= 11.0, "`{text}` at {size} pt");
            }
        }
    }
}

#[test]
fn the_checklist_is_11_pt_in_lines_of_75_characters_at_most() {
    for (profile, lang, intro) in [("cabinet-des-tilleuls", "fr", "Cochez"), ("urps-infirmiers-bretagne", "en", "Tick")]
    {
        let docs = inspect_at(&repo(), profile, lang, None);
        let page = &document(&docs, "checklist").pages[0];
        let (size, _) = page.runs.iter().find(|(_, text)| text.starts_with(intro)).expect("the intro");
        assert!(*size >= 11.0, "{profile}/{lang}: the intro at {size} pt");
        for (size, text) in page.runs.iter().filter(|(size, _)| (*size - 11.0).abs() < 0.01) {
            let length = text.chars().filter(|c| *c != '\u{200B}').count();
            assert!(length <= 75, "{profile}/{lang}: {length} characters at {size} pt in `{text}`");
        }
    }
}

#[test]
fn every_qr_code_decodes_to_its_url() {
    let docs = inspect(&repo(), "cabinet-des-tilleuls", "fr");
    // 17Cyber's diagnostic is cybermalveillance.gouv.fr's: one code leads there.
    let expected = ["https://17cyber.gouv.fr", "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles"];
    for stem in ["poster-a4", "poster-a3"] {
        assert_eq!(qr_codes(&document(&docs, stem).pages[0].png), expected, "{stem}");
    }
    // The practice's site is known: the notice points to its full version.
    assert_eq!(
        qr_codes(&document(&docs, "notice").pages[0].png),
        ["https://kits.cabinet-des-tilleuls.example/fr/privacy.html"]
    );
    let minimal = inspect(&repo(), "cabinet-minimal", "fr");
    assert!(qr_codes(&document(&minimal, "notice").pages[0].png).is_empty(), "no site, no QR code");
}

#[test]
fn blanks_replace_what_the_profile_leaves_out() {
    let docs = inspect(&repo(), "cabinet-minimal", "fr");
    let poster = &flat(document(&docs, "poster-a4"));
    assert!(poster.contains("Nom et numéro de votre prestataire"), "{poster}");
    assert!(poster.contains("Aucun CSIRT régional joignable n’est confirmé"), "{poster}");
    let notice = &flat(document(&docs, "notice"));
    // French labels: a narrow no-break space before the colon.
    assert!(notice.contains("Nom\u{202f}:") && notice.contains("Adresse\u{202f}:"), "{notice}");
    assert!(!notice.contains("{{") && !notice.contains("{total_years}"), "{notice}");
}

#[test]
fn hostile_names_print_as_written() {
    let project = TestProject::with_content();
    let name = "#panic() ] [ $x$ *a* <b> \\\\ \\\" {{ x }} #eval(\\\"1\\\")";
    project.write(
        "profiles/hostile.toml",
        format!("profession = \"infirmiers\"\nregion = \"bretagne\"\n\n[practice]\nname = \"{name}\"\n\n[it_provider]\nname = \"{name}\"\nphone = \"02 99 00 00 00\"\n"),
    );
    let docs = inspect(&Project::new(project.path()), "hostile", "fr");
    let written = "#panic() ] [ $x$ *a* <b> \\ \" {{ x }} #eval(\"1\")";
    for stem in ["poster-a4", "notice", "checklist"] {
        let text = flat(document(&docs, stem));
        assert!(text.contains(written), "{stem}: no `{written}` in:\n{text}");
    }
}

#[test]
fn the_booklet_is_a5_a_multiple_of_four_pages_with_the_incident_steps_on_the_back() {
    for (profile, lang) in [("urps-kine-pays-de-la-loire", "fr"), ("cabinet-minimal", "en")] {
        let docs = inspect(&repo(), profile, lang);
        let booklet = document(&docs, "booklet");
        assert_eq!(booklet.pages.len() % 4, 0, "{profile}: {} pages", booklet.pages.len());
        assert!(booklet.pages.len() >= 16, "{profile}: {} pages", booklet.pages.len());
        for page in &booklet.pages {
            assert!((page.width_mm - 148.0).abs() < 0.5 && (page.height_mm - 210.0).abs() < 0.5);
        }
        let back = booklet.pages.last().expect("a back cover");
        assert_eq!(qr_codes(&back.png).len(), 2, "{profile}: the back cover's QR codes");
        let all = flat(booklet);
        let module = std::fs::read_to_string(common::repo().join(format!("content/modules/lock-screen.{lang}.md")))
            .expect("module");
        let title = module.lines().find_map(|l| l.strip_prefix("title = \"")).expect("a title").trim_end_matches('"');
        assert!(all.contains(title), "{profile}: no `{title}`");
    }
}

#[test]
fn the_checklist_gathers_every_module_item() {
    let docs = inspect(&repo(), "urps-kine-pays-de-la-loire", "en");
    let text = flat(document(&docs, "checklist"));
    let content = std::fs::read_to_string(common::repo().join("content/modules/backups.en.md")).expect("module");
    let first_item = content.lines().find(|l| l.trim_start().starts_with('"')).expect("a checklist item");
    let item = first_item.trim().trim_start_matches('"').trim_end_matches(',').trim_end_matches('"');
    assert!(text.contains(item), "no `{item}` in:\n{text}");
}

/// `--emit-typst` writes each document as a project that compiles to the same PDF: compiled here
/// from the emitted files alone (its `main.typ`, `common.typ`, data and images), with the same
/// identifier and date, it gives the kit's PDF byte for byte (the notice). The booklet's project
/// writes its footer itself, where cyberkit composes it onto the pages, and the poster's sizes
/// its gaps itself, where cyberkit opens them once it is laid out: the same pages with the same
/// text. The imposed booklet's project
/// places the booklet's pages with Typst, where cyberkit copies them into the PDF itself: the
/// project gives as many A4 sheets, and the kit's file draws on each side the booklet's own
/// page contents, in the order that folds.
#[test]
fn an_emitted_typst_project_compiles_to_the_same_document() {
    use cyberkit::render::print::{compile, world};
    use typst::foundations::{Bytes, Datetime};

    let project = TestProject::with_examples();
    let output = project.run(&["build", "cabinet-des-tilleuls", "--emit-typst", "typst"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(project.path().join("typst/fonts/NotoSans-Regular.ttf").is_file());
    let date = Datetime::from_ymd(2026, 12, 8).expect("a date");
    for (lang, stem, accessible) in
        [("fr", "notice", true), ("fr", "poster-a4", true), ("en", "booklet", true), ("fr", "booklet-imposed", false)]
    {
        let dir = project.path().join(format!("typst/cabinet-des-tilleuls/{lang}/{stem}"));
        let main = std::fs::read_to_string(dir.join("main.typ")).expect("main.typ");
        let common = std::fs::read_to_string(dir.join("common.typ")).expect("common.typ");
        assert_eq!(common, include_str!("../../templates/print/common.typ"));
        let env = world::Env::new(&[("/main.typ", main.as_str())]).expect("an environment");
        let mut files = std::collections::HashMap::new();
        let mut stack = vec![dir.clone()];
        while let Some(d) = stack.pop() {
            for entry in std::fs::read_dir(&d).expect("folder").filter_map(Result::ok) {
                let path = entry.path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    let virtual_path = format!("/{}", path.strip_prefix(&dir).expect("inside").display());
                    files.insert(world::file_id(&virtual_path), Bytes::new(std::fs::read(&path).expect("file")));
                }
            }
        }
        let ident = format!("cyberkit/cabinet-des-tilleuls/print/{lang}/{stem}");
        let compiled = compile::compile(&env.world("/main.typ", files, date), &ident, date, accessible)
            .unwrap_or_else(|e| panic!("{lang}/{stem}: {e}"));
        let kit = project.path().join(format!("output/cabinet-des-tilleuls/print/{lang}"));
        let built = std::fs::read(kit.join(format!("{stem}.pdf"))).expect("the kit's PDF");
        if stem == "notice" {
            assert!(compiled.pdf == built, "{lang}/{stem}: the emitted project gives another PDF");
            continue;
        }
        if stem == "poster-a4" {
            // cyberkit shares the poster's free room out once it is laid out, where the project's
            // template measures it first: the same page, with the same text, in other bytes.
            assert_eq!(lopdf::Document::load_mem(&built).expect("a PDF").get_pages().len(), 1);
            let ours = inspect_at(&repo(), "cabinet-des-tilleuls", lang, None);
            let [page] = compiled.document.pages() else { panic!("{lang}/{stem}: one page") };
            assert_eq!(compile::page_text(page), document(&ours, stem).pages[0].text, "{lang}/{stem}: the text");
            continue;
        }
        if stem == "booklet" {
            // cyberkit composes the booklet's footer onto the laid-out pages, where the project's
            // template writes it: the same pages, with the same text, in other bytes.
            let pages = lopdf::Document::load_mem(&built).expect("a PDF").get_pages().len();
            assert_eq!(compiled.document.pages().len(), pages, "{lang}/{stem}: the number of pages");
            let ours = inspect_at(&repo(), "cabinet-des-tilleuls", lang, None);
            let ours = &document(&ours, "booklet").pages;
            assert_eq!(ours.len(), pages);
            for (i, (page, mine)) in compiled.document.pages().iter().zip(ours).enumerate() {
                assert_eq!(compile::page_text(page), mine.text, "{lang}/{stem}: the text of page {}", i + 1);
            }
            continue;
        }
        let sheets = compiled.document.pages();
        let pages = lopdf::Document::load_mem(&built).expect("a PDF").get_pages().len();
        assert_eq!(sheets.len(), pages, "{lang}/{stem}: the number of sheet sides");
        for sheet in sheets {
            assert_eq!(
                (sheet.frame.size().x.to_mm().round(), sheet.frame.size().y.to_mm().round()),
                (297.0, 210.0),
                "{lang}/{stem}: an A4 landscape sheet"
            );
        }
        // In the kit's file, each side draws two pages of the kit's booklet, their content as
        // the booklet has it, in the order that folds.
        let booklet =
            lopdf::Document::load_mem(&std::fs::read(kit.join("booklet.pdf")).expect("the booklet")).expect("a PDF");
        let imposed = lopdf::Document::load_mem(&built).expect("a PDF");
        let content = |doc: &lopdf::Document, id: lopdf::ObjectId| -> Vec<u8> {
            doc.get_object(id).and_then(lopdf::Object::as_stream).expect("a stream").content.clone()
        };
        let booklet_pages: Vec<_> = booklet.get_pages().into_values().collect();
        let sides = cyberkit::render::print::impose::sides(booklet_pages.len());
        for (sheet, (left, right)) in imposed.get_pages().into_values().zip(sides) {
            let resources = imposed.get_dictionary(sheet).and_then(|p| p.get(b"Resources")).expect("resources");
            let xobjects = resources.as_dict().and_then(|r| r.get(b"XObject")).and_then(lopdf::Object::as_dict);
            let xobjects = xobjects.expect("the sheet's XObjects");
            for (name, page) in [("CkLeft", left), ("CkRight", right)] {
                let form = xobjects.get(name.as_bytes()).and_then(lopdf::Object::as_reference).expect("a form");
                let page_contents = booklet.get_page_contents(booklet_pages[page - 1]);
                assert_eq!(content(&imposed, form), content(&booklet, page_contents[0]), "{lang}: page {page}");
            }
        }
    }
}

/// A value longer than its maximum (`cyberkit::limits`) is the profile's error, at its line.
#[test]
fn a_value_over_its_maximum_is_an_error_at_its_line_naming_its_maximum() {
    // Every value within its maximum fits every document (`matrix::every_document_fits_...`);
    // one over it is refused where it is written, all of them at once, and nothing is built.
    let words = |n: usize| {
        let text: String = "maintenance informatique du cabinet ".repeat(10).chars().take(n).collect();
        text.trim().to_string()
    };
    let (name, contract) = (words(150), words(300));
    let project = TestProject::with_examples();
    project.write(
        "profiles/long.toml",
        format!(
            "profession = \"masseurs-kinesitherapeutes\"\nregion = \"pays-de-la-loire\"\nlanguages = [\"fr\"]\n\n\
             [practice]\nname = \"{name}\"\ncontact_person = \"{name}\"\n\n[it_provider]\nname = \"{name}\"\n\
             contract = \"{contract}\"\n",
        ),
    );
    let output = project.run(&["build", "long"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    for expected in [
        "error: profiles/long.toml:6:8: `name` in [practice] is 150 characters long; a kit prints at most 90",
        "error: profiles/long.toml:7:18: `contact_person` in [practice] is 150 characters long; a kit prints at most 80",
        "error: profiles/long.toml:10:8: `name` in [it_provider] is 150 characters long; a kit prints at most 60",
        "error: profiles/long.toml:11:12: `contract` in [it_provider] is 299 characters long; a kit prints at most 60",
    ] {
        assert!(stderr.contains(expected), "{stderr}");
    }
    assert!(!project.path().join("output/long").exists(), "nothing built");
}

/// The share of an A5 booklet page's text area used: from the top margin (13 mm) down to the
/// lowest thing printed above the running footer (the bottom margin is 23 mm), as a reader sees
/// the page; and whether all it holds is one box (a module's checklist alone on its page).
fn page_fill(page: &InspectedPage) -> (f64, bool) {
    page_fill_within(page, 13.0, 23.0)
}

/// [`page_fill`] on a page with margins of `top` and `bottom` millimetres.
fn page_fill_within(page: &InspectedPage, top: f64, bottom: f64) -> (f64, bool) {
    let bottom = page.height_mm - bottom;
    let body: Vec<&[f64; 4]> = page.ink_mm.iter().filter(|b| b[1] < bottom).collect();
    let lowest = body.iter().map(|b| b[3]).fold(top, f64::max);
    let area = |b: &[f64; 4]| (b[2] - b[0]) * (b[3] - b[1]);
    let boxed = body.iter().copied().max_by(|a, b| area(a).total_cmp(&area(b))).is_some_and(|outer| {
        body.len() > 1
            && body.iter().all(|b| {
                b[0] >= outer[0] - 0.5 && b[1] >= outer[1] - 0.5 && b[2] <= outer[2] + 0.5 && b[3] <= outer[3] + 0.5
            })
    });
    ((lowest.min(bottom) - top) / (bottom - top), boxed)
}

/// A profile of each of the ten professions (in Brittany), and its document `stem` laid out in
/// French and in English: `visit` gets each profession's slug, the language and the pages.
fn each_profession_laid_out(stem: &str, mut visit: impl FnMut(&str, &str, &[InspectedPage])) {
    let project = TestProject::with_content();
    let professions = project.read("content/reference/professions.toml");
    let slugs: Vec<&str> =
        professions.lines().filter_map(|l| l.strip_prefix("slug = \"")).map(|l| l.trim_end_matches('"')).collect();
    assert_eq!(slugs.len(), 10, "the ten professions");
    for slug in &slugs {
        project.write(&format!("profiles/{slug}.toml"), format!("profession = \"{slug}\"\nregion = \"bretagne\"\n"));
    }
    let project = Project::new(project.path());
    for slug in &slugs {
        for lang in ["fr", "en"] {
            let docs = common::laid_out_where(&project, slug, lang, None, |d| d.stem == stem)
                .unwrap_or_else(|e| panic!("{e}"));
            visit(slug, lang, &document(&docs, stem).pages);
        }
    }
}

/// The booklet flows: for every profession, in both languages, no page is less than a third
/// full but the cover, the contents, and a part's last page and the blank page after it before
/// the next part opens on a right-hand page; no page holds a module's checklist box alone; and
/// the booklet has no more pages than the 36 of the kine booklet in French once its modules
/// flowed (44 when each module began a page).
#[test]
fn every_booklet_page_is_at_least_a_third_full() {
    let mut faults = Vec::new();
    each_profession_laid_out("booklet", |slug, lang, pages| {
        let fills: Vec<(f64, bool)> = pages.iter().map(page_fill).collect();
        // A part opens on a right-hand (odd) page with its title, the only 19 pt text but the
        // contacts' title, on the inside back cover (the last page but one).
        let opens = |i: usize| {
            i.is_multiple_of(2)
                && i + 2 < pages.len()
                && pages[i].runs.iter().any(|(size, _)| (*size - 19.0).abs() < 0.1)
        };
        let first_part = (0..pages.len()).find(|&i| opens(i)).expect("a part");
        if pages.len() > 36 {
            faults.push(format!("{slug}/{lang}: {} pages", pages.len()));
        }
        for (i, (fill, boxed)) in fills.iter().enumerate() {
            let before_opener = |n: usize| (1..=n).all(|k| i + k < pages.len()) && opens(i + n);
            let part_end = before_opener(1) || (before_opener(2) && fills[i + 1].0 == 0.0);
            if i >= first_part && !part_end && *fill < 1.0 / 3.0 {
                faults.push(format!("{slug}/{lang} page {}: {:.0}% full", i + 1, fill * 100.0));
            }
            if i >= first_part && *boxed {
                faults.push(format!("{slug}/{lang} page {}: a box alone", i + 1));
            }
        }
    });
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// The checklist's two pages share its parts: for every profession, in both languages, when it
/// runs to a second page, neither page is less than a third full (left to flow, the incident's
/// part was alone on the second, a sixth full), and it keeps to two pages.
#[test]
fn a_two_page_checklist_is_at_least_a_third_full_on_each_page() {
    let mut faults = Vec::new();
    each_profession_laid_out("checklist", |slug, lang, pages| {
        if pages.len() > 2 {
            faults.push(format!("{slug}/{lang}: {} pages", pages.len()));
        }
        // The A4 page's margins: 12 mm at the top, 23 mm at the bottom (its footer's room).
        let fills: Vec<f64> = pages.iter().map(|page| page_fill_within(page, 12.0, 23.0).0).collect();
        for (i, fill) in fills.iter().enumerate() {
            if pages.len() > 1 && *fill < 1.0 / 3.0 {
                faults.push(format!("{slug}/{lang} page {}: {:.0}% full", i + 1, fill * 100.0));
            }
        }
    });
    assert!(faults.is_empty(), "{}", faults.join("\n"));
}

/// A print-shop copy is its office document on larger sheets: every page of the booklet and of the
/// posters, its content byte for byte the office page's, drawn 10 mm in from the sheet's corner;
/// the `TrimBox` the office page, the `BleedBox` 3 mm more on every side, the sheet room for the
/// crop marks around it. The cover's colour runs into the bleed; the other pages' white does not
/// need to. Untagged, as the pages of another PDF are, where the office files are PDF/UA.
#[test]
fn a_print_shop_copy_is_the_office_pages_with_bleed_trim_box_and_crop_marks() {
    const MM: f32 = 72.0 / 25.4;
    let project = TestProject::with_examples();
    let output = project.run(&["build", "urps-kine-pays-de-la-loire"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let dir = project.path().join("output/urps-kine-pays-de-la-loire/print/fr");
    assert!(!dir.join("booklet-print.pdf").exists(), "made only when asked");
    // Asked for, the kit is built again with them, though its inputs have not changed.
    let output = project.run(&["build", "urps-kine-pays-de-la-loire", "--print-shop"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    assert!(common::stderr(&output).contains("built 1 kit ("), "{}", common::stderr(&output));
    let load =
        |name: &str| lopdf::Document::load_mem(&std::fs::read(dir.join(name)).expect("a PDF")).expect("a readable PDF");
    let numbers = |doc: &lopdf::Document, page: lopdf::ObjectId, key: &[u8]| -> [f32; 4] {
        let values = doc.get_dictionary(page).and_then(|d| d.get(key)).and_then(lopdf::Object::as_array);
        let values: Vec<f32> = values.expect("a box").iter().map(|v| v.as_float().expect("a number")).collect();
        values.try_into().expect("four numbers")
    };
    let stream = |doc: &lopdf::Document, id: lopdf::ObjectId| -> Vec<u8> {
        let stream = doc.get_object(id).and_then(lopdf::Object::as_stream).expect("a stream");
        stream.decompressed_content().unwrap_or_else(|_| stream.content.clone())
    };
    for stem in ["booklet", "poster-a4", "poster-a3"] {
        let (office, print) = (load(&format!("{stem}.pdf")), load(&format!("{stem}-print.pdf")));
        assert!(office.catalog().expect("a catalog").has(b"StructTreeRoot"), "{stem}: the office file is tagged");
        assert!(!print.catalog().expect("a catalog").has(b"StructTreeRoot"), "{stem}-print: untagged");
        let office_pages: Vec<_> = office.get_pages().into_values().collect();
        let print_pages: Vec<_> = print.get_pages().into_values().collect();
        assert_eq!(print_pages.len(), office_pages.len(), "{stem}: the same pages");
        for (i, (&page, &sheet)) in office_pages.iter().zip(&print_pages).enumerate() {
            let [_, _, width, height] = numbers(&office, page, b"MediaBox");
            let trim = numbers(&print, sheet, b"TrimBox");
            let near = |a: [f32; 4], b: [f32; 4]| a.iter().zip(b).all(|(x, y)| (x - y).abs() < 0.01);
            assert!(near(trim, [10.0 * MM, 10.0 * MM, 10.0 * MM + width, 10.0 * MM + height]), "{stem} p{i}: {trim:?}");
            let bleed = [trim[0] - 3.0 * MM, trim[1] - 3.0 * MM, trim[2] + 3.0 * MM, trim[3] + 3.0 * MM];
            assert!(near(numbers(&print, sheet, b"BleedBox"), bleed), "{stem} p{i}: the bleed box");
            assert!(near(numbers(&print, sheet, b"MediaBox"), [0.0, 0.0, width + 20.0 * MM, height + 20.0 * MM]));
            // The sheet draws the office page as a form, and marks: eight lines in registration
            // colour, outside the bleed.
            let xobjects =
                print.get_dictionary(sheet).and_then(|p| p.get(b"Resources")).and_then(lopdf::Object::as_dict);
            let form = xobjects
                .and_then(|r| r.get(b"XObject"))
                .and_then(lopdf::Object::as_dict)
                .and_then(|x| x.get(b"CkPage"));
            let form = form.and_then(lopdf::Object::as_reference).expect("the page as a form");
            assert_eq!(
                stream(&print, form),
                stream(&office, office.get_page_contents(page)[0]),
                "{stem} p{i}: the page"
            );
            let sheet_contents = print.get_page_contents(sheet);
            let draw = String::from_utf8(stream(&print, sheet_contents[0])).expect("text");
            assert!(
                draw.starts_with("q ") && draw.contains("1 1 1 1 K") && draw.matches(" l S").count() == 8,
                "{draw}"
            );
            // The cover (page 1 of the booklet) is the kit's colour to its edges, and into the bleed.
            assert_eq!(draw.contains(" re f "), stem == "booklet" && i == 0, "{stem} p{i}: {draw}");
        }
    }
}

/// A poster read from across the room: its headline on one line, at A4 and A3, in both
/// languages; the provider's number the largest figure on the page, above any other run with a
/// digit in it (the steps' numbers, the other numbers to call).
#[test]
fn the_posters_headline_holds_on_one_line_and_the_providers_number_is_the_largest_figure() {
    for lang in ["fr", "en"] {
        let docs = inspect_at(&repo(), "cabinet-des-tilleuls", lang, None);
        for stem in ["poster-a4", "poster-a3"] {
            let page = &document(&docs, stem).pages[0];
            let headline =
                if lang == "fr" { "Cyberattaque\u{202f}: que faire\u{202f}?" } else { "Cyberattack? What to do first" };
            assert_eq!(page.lines.first().map(String::as_str), Some(headline), "{lang}/{stem}: {:?}", page.lines);
            let provider = page.runs.iter().find(|(_, text)| text.contains("02 61 91 45 67")).expect("the number");
            for (size, text) in &page.runs {
                if text.chars().any(|c| c.is_ascii_digit()) && !text.contains("02 61 91 45 67") {
                    assert!(
                        *size < provider.0,
                        "{lang}/{stem}: `{text}` at {size} pt, the provider's at {}",
                        provider.0
                    );
                }
            }
        }
    }
}

/// A booklet pads itself to a multiple of four pages for saddle-stitching; one whose back cover
/// runs onto another page (here, a project's own words for an incident step, too long) is not
/// printed short of a page: the build reports it, with the poster that overflows too.
#[test]
fn a_booklet_whose_back_cover_runs_onto_another_page_fails_the_build() {
    let project = TestProject::with_examples();
    let strings = project.read("content/i18n/en.toml");
    let long = "Take a photo of the screen with your phone and write down what happened. ".repeat(12);
    let edited = strings.replace(
        "incident_step_note_detail = \"Take a photo of the screen with your phone and write down what happened.\"",
        &format!("incident_step_note_detail = \"{}\"", long.trim()),
    );
    assert_ne!(edited, strings, "the step's words are where the test expects them");
    project.write("content/i18n/en.toml", edited);
    let output = project.run(&["build", "cabinet-minimal"]);
    let stderr = common::stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("print/en/booklet.pdf runs onto 37 pages; it must fit on 36"), "{stderr}");
    assert!(!project.path().join("output/cabinet-minimal").exists(), "nothing written for the kit");
}

/// A poster fills its page at A4 and A3 alike: the room its page leaves is shared between its
/// steps and boxes, so that its last box ends at the foot of the text area (the bottom margin
/// holds the footer: 22.5 mm at A4, 26.8 mm at A3), where it once left a fifth of an A3 empty.
#[test]
fn a_poster_fills_its_page_down_to_its_footer() {
    for (profile, lang) in
        [("urps-kine-pays-de-la-loire", "fr"), ("cabinet-minimal", "en"), ("cabinet-des-tilleuls", "fr")]
    {
        let docs = inspect_at(&repo(), profile, lang, None);
        for (stem, margin) in [("poster-a4", 22.5), ("poster-a3", 12.0 + 10.5 * std::f64::consts::SQRT_2)] {
            let page = &document(&docs, stem).pages[0];
            let limit = page.height_mm - margin;
            let lowest = page.ink_mm.iter().map(|b| b[3]).filter(|bottom| *bottom <= limit + 0.5).fold(0.0, f64::max);
            assert!(limit - lowest < 2.0, "{profile}/{lang}/{stem}: ends {:.1} mm above its footer", limit - lowest);
        }
    }
}
