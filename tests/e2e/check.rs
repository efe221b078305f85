//! End-to-end tests of `cyberkit check` on broken inputs of every kind: each case under
//! `tests/fixtures/check/<case>/` holds files laid over a copy of the real project, optionally
//! `remove.txt` (files to delete) and `edits.txt` (changes to the real files, one per line:
//! `path<TAB>text<TAB>replacement`, `\n` for a line break), and `expected.txt`: the exit code,
//! then the exact diagnostics the user reads. Edits keep a case valid when the real file grows. Warnings about the reference data's unconfirmed contacts are left
//! out of the comparison, so that confirming a phone number does not rewrite every case; they
//! have their own test below.
//!
//! `BLESS=1 cargo test --test e2e check::` rewrites the expected files; read the diff before committing.

use crate::common;
use std::path::Path;

use crate::common::{TestProject, stderr};

fn run_case(case: &Path) -> String {
    let project = TestProject::with_content();
    project.apply_case(case);
    let output = project.run(&["check"]);
    let mut report = format!("exit: {}\n", output.status.code().unwrap_or(-1));
    report.push_str(&common::diagnostics(&stderr(&output)));
    report
}

#[test]
fn reports_every_broken_input_with_its_position_and_hint() {
    let cases = common::repo().join("tests/fixtures/check");
    let mut names: Vec<_> = std::fs::read_dir(&cases).expect("cases").map(|e| e.expect("entry").path()).collect();
    names.sort();
    let bless = std::env::var_os("BLESS").is_some();
    let mut failures = Vec::new();
    for case in &names {
        let got = run_case(case);
        let expected_path = case.join("expected.txt");
        if bless {
            std::fs::write(&expected_path, &got).expect("write expected");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if got != expected {
            failures.push(format!("--- {}\nexpected:\n{expected}\ngot:\n{got}", case.display()));
        }
    }
    assert!(names.len() >= 20, "only {} cases", names.len());
    assert!(failures.is_empty(), "{} of {} cases differ:\n{}", failures.len(), names.len(), failures.join("\n"));
}

#[test]
fn passes_on_every_shipped_profile() {
    let project = TestProject::with_examples();
    let output = project.run(&["check"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    assert!(!text.lines().any(|l| l.starts_with("error")), "{text}");
    let summary = text.lines().last().unwrap_or("");
    assert!(summary.starts_with("checked 5 profiles, "), "{summary}");
    // Every web address and phone number the modules print has its source, read within a year.
    for unsourced in ["has no source", "over 12 months ago"] {
        assert!(!text.contains(unsourced), "{text}");
    }
}

#[test]
fn warns_about_the_unconfirmed_contacts_a_kit_uses() {
    let project = TestProject::with_examples();
    let text = stderr(&project.run(&["check", "urps-kine-pays-de-la-loire"]));
    assert!(text.contains("the phone of `pdl-cyber-assistance` is unconfirmed: the kits leave it out"), "{text}");
    // Bretagne's CSIRT phone is confirmed; the Pays de la Loire one only concerns its own kits.
    let text = stderr(&project.run(&["check", "urps-infirmiers-bretagne"]));
    assert!(!text.contains("pdl-cyber-assistance"), "{text}");
}

#[test]
fn warns_when_a_contact_was_checked_over_a_year_ago() {
    let project = TestProject::with_examples();
    let contacts = project.read("content/reference/contacts.toml");
    let line = contacts.lines().position(|l| l.starts_with("checked = ")).expect("a checked date") + 1;
    let old = contacts.replacen("checked = \"2026-11-23\"", "checked = \"2024-01-15\"", 1);
    project.write("content/reference/contacts.toml", old);
    let output = project.run(&["check"]);
    let text = stderr(&output);
    assert_eq!(output.status.code(), Some(0), "{text}");
    let expected = format!(
        "warning: content/reference/contacts.toml:{line}:11: `17cyber` was last checked on 2024-01-15, over 12 months ago\n  hint: check it against its source, then update `checked`"
    );
    assert!(text.contains(&expected), "{text}");
}
