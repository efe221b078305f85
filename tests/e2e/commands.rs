//! End-to-end tests of `cyberkit new` and `cyberkit list`, on the real binary.

use crate::common;
use crate::common::{TestProject, stderr, stdout};

#[test]
fn new_writes_a_commented_starter_that_passes_check() {
    let project = TestProject::with_content();
    let output = project.run(&["new", "cabinet-dupont", "--profession", "infirmiers", "--region", "bretagne"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(
        stderr(&output),
        "wrote profiles/cabinet-dupont.toml: fill it in, then run `cyberkit check cabinet-dupont`\n"
    );
    let text = project.read("profiles/cabinet-dupont.toml");
    assert!(text.contains("profession = \"infirmiers\"\n"), "{text}");
    assert!(text.contains("# Bretagne; its regional CSIRT is Breizh Cyber"), "{text}");
    assert!(text.contains("# phone = \"02 40 00 00 00\""), "{text}");
    let check = project.run(&["check", "cabinet-dupont"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
    let summary = stderr(&check);
    assert!(summary.lines().last().unwrap_or("").starts_with("checked 1 profile, "), "{summary}");
}

#[test]
fn new_starter_passes_check_once_every_key_is_uncommented() {
    let project = TestProject::with_content();
    project.run(&["new", "cabinet", "--profession", "sages-femmes", "--region", "mayotte"]);
    // A practice fills the profile in by removing `#` signs: the starter's own examples must be
    // valid values, so that doing it on every line still passes.
    let filled: String = project
        .read("profiles/cabinet.toml")
        .lines()
        .map(|l| match l.strip_prefix("# ") {
            Some(rest) if rest.contains(" = ") || rest.starts_with('[') => rest.to_string(),
            _ => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n");
    project.write("profiles/cabinet.toml", filled.replace("logos/logo.png", "logo.png"));
    std::fs::copy(common::repo().join("profiles/logos/cabinet-exemple.png"), project.path().join("profiles/logo.png"))
        .expect("logo");
    let check = project.run(&["check", "cabinet"]);
    assert_eq!(check.status.code(), Some(0), "{}", stderr(&check));
}

#[test]
fn new_refuses_a_bad_name_profession_or_region_and_writes_nothing() {
    let project = TestProject::with_content();
    let output = project.run(&["new", "Cabinet", "--profession", "infirmier", "--region", "bretagne"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: profiles/Cabinet.toml: `Cabinet` cannot name a profile\n  hint: use lowercase letters, digits and hyphens, e.g. `cabinet-dupont`\n\
         error: profiles/Cabinet.toml: unknown profession `infirmier`\n  hint: did you mean `infirmiers`? expected one of `medecins`, `chirurgiens-dentistes`, `pharmaciens`, `infirmiers`, `masseurs-kinesitherapeutes`, `sages-femmes`, `orthophonistes`, `orthoptistes`, `pedicures-podologues`, `biologistes`; `cyberkit list professions` shows them all\n\
         error: 2 errors, 0 warnings: nothing was written\n"
    );
    assert!(!project.path().join("profiles/Cabinet.toml").exists());
}

#[test]
fn new_does_not_overwrite_an_existing_profile() {
    let project = TestProject::with_content();
    project.write("profiles/cabinet.toml", "# mine\n");
    let output = project.run(&["new", "cabinet", "--profession", "infirmiers", "--region", "bretagne"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).starts_with(
        "error: profiles/cabinet.toml: the profile already exists\n  hint: choose another name, or edit that file\n"
    ));
    assert_eq!(project.read("profiles/cabinet.toml"), "# mine\n");
}

#[test]
fn lists_professions_regions_with_their_csirt_and_modules() {
    let project = TestProject::with_content();
    let professions = stdout(&project.run(&["list", "professions"]));
    let lines: Vec<&str> = professions.lines().collect();
    assert_eq!(lines.len(), 11, "{professions}");
    assert_eq!(lines[0].split_whitespace().collect::<Vec<_>>(), ["slug", "Français", "English"]);
    assert!(professions.contains("masseurs-kinesitherapeutes  masseurs-kinésithérapeutes"), "{professions}");

    let regions = stdout(&project.run(&["list", "regions"]));
    assert_eq!(regions.lines().count(), 19, "{regions}");
    let line =
        |slug: &str| regions.lines().find(|l| l.starts_with(&format!("{slug} "))).unwrap_or_default().to_string();
    assert!(line("mayotte").ends_with("none confirmed: the kits point to 17Cyber"), "{regions}");
    assert!(line("bretagne").contains("Breizh Cyber, 0 800 200 008, breizhcyber.bzh/"), "{regions}");
    assert!(line("pays-de-la-loire").contains("(unconfirmed, not printed)"), "{regions}");

    let modules = stdout(&project.run(&["list", "modules"]));
    let module_files = std::fs::read_dir(project.path().join("content/modules")).expect("modules").count();
    assert_eq!(modules.lines().count(), 1 + module_files / 2, "{modules}");
    let parts: Vec<&str> = modules.lines().skip(1).filter_map(|l| l.split_whitespace().next()).collect();
    let mut sorted = parts.clone();
    sorted.sort_by_key(|p| ["protect", "data", "react"].iter().position(|x| x == p));
    assert_eq!(parts, sorted, "modules are listed by part");
}

#[test]
fn says_when_the_folder_is_not_a_project() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_cyberkit"))
        .args(["check"])
        .current_dir(dir.path())
        .output()
        .expect("run");
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr(&output),
        "error: .: `.` is not a cyberkit project: it has no `content/` folder\n  hint: run cyberkit in the project's folder, or name it with `-C <folder>`\nerror: 1 error, 0 warnings: nothing was written\n"
    );
}
