//! Tests of what the kits say, the facts a URPS signs for: read from the documents as a reader
//! gets them (the text laid out on each PDF page) and from the site's HTML. Each fails on the
//! content before the review of December 2026: a doctors' notice without a period, example
//! passwords with a space typography put in them, a poster without its don'ts, a pharmacy's kit
//! that calls it a practice.

use crate::common;
use cyberkit::project::Project;
use cyberkit::render::print::Inspected;

use crate::common::TestProject;

const PROFESSIONS: [&str; 10] = [
    "medecins",
    "chirurgiens-dentistes",
    "pharmaciens",
    "infirmiers",
    "masseurs-kinesitherapeutes",
    "sages-femmes",
    "orthophonistes",
    "orthoptistes",
    "pedicures-podologues",
    "biologistes",
];

/// A copy of the content with one URPS profile per profession, `urps-<profession>.toml`.
fn every_profession() -> TestProject {
    let project = TestProject::with_examples();
    for slug in PROFESSIONS {
        let profile =
            format!("profession = \"{slug}\"\nregion = \"bretagne\"\n[publisher]\nname = \"URPS Bretagne\"\n");
        project.write(&format!("profiles/urps-{slug}.toml"), profile);
    }
    project
}

/// The documents of a profile's kit in one language, laid out (no pictures drawn).
fn documents(root: &std::path::Path, profile: &str, lang: &str) -> Vec<Inspected> {
    common::laid_out(&Project::new(root.to_path_buf()), profile, lang, None).unwrap_or_else(|e| panic!("{e}"))
}

/// A document's text with its line breaks undone, and its no-break spaces as spaces.
fn text(docs: &[Inspected], stem: &str) -> String {
    let doc = docs.iter().find(|d| d.stem == stem).unwrap_or_else(|| panic!("no {stem}"));
    doc.pages.iter().map(|p| p.text.replace('\n', "")).collect::<String>().replace(['\u{a0}', '\u{202f}'], " ")
}

#[test]
fn every_professions_notice_says_how_long_the_data_is_kept() {
    let project = every_profession();
    for slug in PROFESSIONS {
        for (lang, title, next, unit) in [
            ("fr", "Combien de temps nous les gardons", "Vos droits", " ans"),
            ("en", "How long we keep it", "Your rights", " years"),
        ] {
            let notice = text(&documents(project.path(), &format!("urps-{slug}"), lang), "notice");
            let start = notice.find(title).unwrap_or_else(|| panic!("{slug}/{lang}: no `{title}` in {notice}"));
            let section = &notice[start + title.len()..];
            let section = &section[..section.find(next).unwrap_or(section.len())];
            let periods =
                section.match_indices(unit).filter(|(at, _)| section[..*at].ends_with(|c: char| c.is_ascii_digit()));
            assert!(periods.count() >= 1, "{slug}/{lang}: no period in `{section}`");
        }
    }
    let doctors = text(&documents(project.path(), "urps-medecins", "fr"), "notice");
    for expected in ["20 ans après votre dernière prise en charge", "28 ans"] {
        assert!(doctors.contains(expected), "no `{expected}` in:\n{doctors}");
    }
    // The rule's finer point is the full notice's, on the site.
    let output = project.run(&["build", "urps-medecins"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let page = project.read("output/urps-medecins/fr/privacy.html").replace('\u{a0}', " ");
    assert!(page.contains("10 ans après le décès"), "{page}");
}

#[test]
fn a_pharmacys_or_a_laboratorys_kit_never_calls_it_a_practice() {
    let project = every_profession();
    let output = project.run(&["build", "urps-pharmaciens", "urps-biologistes", "urps-infirmiers"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    for (slug, place) in [("pharmaciens", "officine"), ("biologistes", "laboratoire")] {
        let docs = documents(project.path(), &format!("urps-{slug}"), "fr");
        for doc in &docs {
            let words = text(&docs, &doc.stem).to_lowercase();
            assert!(!words.contains("cabinet"), "{slug}/{}: {words}", doc.stem);
            // Its customers wait where it sells, not in a waiting room.
            if slug == "pharmaciens" {
                assert!(!words.contains("salle d’attente"), "{slug}/{}: {words}", doc.stem);
            }
        }
        assert!(text(&docs, "checklist").contains(place), "{slug}");
        let en = documents(project.path(), &format!("urps-{slug}"), "en");
        for doc in &en {
            // "Practice software" is the trade's name for it, whoever runs it.
            let words = text(&en, &doc.stem).to_lowercase().replace("practice software", "software");
            for wrong in ["the practice", "your practice"] {
                assert!(!words.contains(wrong), "{slug}/en/{}: `{wrong}` in {words}", doc.stem);
            }
        }
        for page in common::html_files(&project.path().join(format!("output/urps-{slug}/fr"))) {
            let html = std::fs::read_to_string(&page).expect("a page").to_lowercase();
            assert!(!html.contains("cabinet"), "{}", page.display());
        }
    }
    // A practice's kit still says so.
    let nurses = documents(project.path(), "urps-infirmiers", "fr");
    assert!(text(&nurses, "checklist").contains("cabinet"));
}

#[test]
fn a_laboratorys_poster_has_its_declaration_on_the_national_portal() {
    let project = every_profession();
    for lang in ["fr", "en"] {
        let lab = text(&documents(project.path(), "urps-biologistes", lang), "poster-a4");
        assert!(lab.contains("signalement.social-sante.gouv.fr"), "{lab}");
        let duty =
            if lang == "fr" { "Déclarez l’incident sans délai" } else { "Declare the incident without delay" };
        assert!(lab.contains(duty), "{lab}");
        let nurses = text(&documents(project.path(), "urps-infirmiers", lang), "poster-a4");
        assert!(!nurses.contains("signalement.social-sante.gouv.fr"), "{nurses}");
    }
    // The site's incident page says who receives it.
    let output = project.run(&["build", "urps-biologistes"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let page = project.read("output/urps-biologistes/fr/incident.html").replace('\u{a0}', " ");
    assert!(page.contains("CERT Santé") && page.contains(">signalement.social-sante.gouv.fr</a>"), "{page}");
}

#[test]
fn example_passwords_print_exactly_as_a_reader_must_type_them() {
    let project = TestProject::with_examples();
    for (lang, passwords) in [("fr", ["Lm,jv9pa13h!", "LNaCDC7KFaM!"]), ("en", ["OT,Is9pb1pm!", "K,ICUR2L84T,ok?"])] {
        let docs = documents(project.path(), "cabinet-des-tilleuls", lang);
        let doc = docs.iter().find(|d| d.stem == "booklet").expect("a booklet");
        // Byte for byte: no (narrow) no-break space before the `!` or the `?`.
        let booklet: String = doc.pages.iter().map(|p| p.text.replace('\n', "")).collect();
        for password in passwords {
            assert!(booklet.contains(password), "{lang}: no `{password}` in the booklet");
        }
    }
    let output = project.run(&["build", "cabinet-des-tilleuls"]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
    let page = project.read("output/cabinet-des-tilleuls/fr/modules/passwords.html");
    for password in ["<code>Lm,jv9pa13h!</code>", "<code>LNaCDC7KFaM!</code>"] {
        assert!(page.contains(password), "no `{password}` in the page");
    }
}

#[test]
fn the_poster_carries_the_donts_the_insurer_the_vendor_and_the_emergency_numbers() {
    let project = TestProject::with_examples();
    for (lang, expected) in [
        (
            "fr",
            [
                "Ne payez pas de rançon",
                "Ne rebranchez pas les sauvegardes",
                "Portez plainte",
                "Continuez à travailler : agenda papier, et documents du DMP sur dmp.fr avec votre e-CPS.",
                "Dans le doute, notifiez",
                "disque de sauvegarde",
                "personne ne rallume",
                "le 17 ou le 112",
                "SMS au 114",
            ],
        ),
        (
            "en",
            [
                "Do not pay a ransom",
                "Do not plug the backups back in",
                "File a complaint",
                "dmp.fr with your e-CPS",
                "If in doubt, notify",
                "backup disk",
                "nobody switches anything back on",
                "Call 17 or 112",
                "text 114",
            ],
        ),
    ] {
        let docs = documents(project.path(), "cabinet-des-tilleuls", lang);
        for stem in ["poster-a4", "poster-a3"] {
            let poster = text(&docs, stem);
            for words in
                expected.iter().chain(&["02 61 91 30 30", "n° CY-2025-0421", "02 61 91 55 00", "02 61 91 45 67"])
            {
                assert!(poster.contains(words), "{lang}/{stem}: no `{words}` in:\n{poster}");
            }
            // The headline holds on one line.
            let doc = docs.iter().find(|d| d.stem == stem).expect("a poster");
            let headline = if lang == "fr" { "Cyberattaque : que faire ?" } else { "Cyberattack? What to do first" };
            let lines: Vec<String> =
                doc.pages[0].lines.iter().map(|l| l.replace(['\u{a0}', '\u{202f}'], " ")).collect();
            assert!(lines.iter().any(|l| l.trim() == headline), "{lang}/{stem}: {lines:?}");
        }
    }
}

#[test]
fn the_notice_follows_the_profile_and_names_its_legal_bases_and_date() {
    let project = TestProject::with_examples();
    let full = text(&documents(project.path(), "cabinet-des-tilleuls", "fr"), "notice");
    let minimal = text(&documents(project.path(), "cabinet-minimal", "fr"), "notice");
    for notice in [&full, &minimal] {
        for expected in ["9.2.h", "6.1.c", "Notice à jour au 8 décembre 2026", "sous un mois", "après votre décès"]
        {
            assert!(notice.contains(expected), "no `{expected}` in:\n{notice}");
        }
        assert!(!notice.contains("Personne d’autre"), "{notice}");
    }
    // Telehealth and online booking are the profile's: the minimal one has neither.
    assert!(full.contains("télésoin") && full.contains("en ligne"), "{full}");
    assert!(!minimal.contains("télésoin"), "{minimal}");
    assert!(!full.contains("SCM"), "{full}");
}
