//! Rebuilds: a build killed at any moment leaves every kit of the output folder whole and
//! readable, and a rebuild writes only the kits whose inputs changed. A kit is whole when
//! its folder holds exactly the files its manifest lists, with their sizes and checksums, and
//! the output folder holds nothing half-written.

use crate::common;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use crate::common::TestProject;
use sha2::{Digest, Sha256};

/// The problems of the output folder: a kit that is not exactly what its manifest says, or
/// anything that is neither a kit nor the index page.
fn problems(out: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    for entry in std::fs::read_dir(out).expect("output folder").filter_map(Result::ok) {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().into_owned();
        if !path.is_dir() {
            if name != "index.html" {
                problems.push(format!("a stray file {name}"));
            }
            continue;
        }
        // The personaliser's shared files, each renamed into place whole: nothing else is there.
        if name == "personaliser" {
            let shared = ["cyberkit_web_bg.wasm", "cyberkit_web.js", "worker.js", "personalise.js"];
            for e in std::fs::read_dir(&path).expect("shared folder").filter_map(Result::ok) {
                let file = e.file_name().to_string_lossy().into_owned();
                if !shared.contains(&file.as_str()) {
                    problems.push(format!("a stray file personaliser/{file}"));
                }
            }
            continue;
        }
        let Ok(text) = std::fs::read_to_string(path.join("manifest.json")) else {
            problems.push(format!("{name}: no manifest"));
            continue;
        };
        let manifest: serde_json::Value = serde_json::from_str(&text).expect("a manifest");
        let listed = manifest["files"].as_array().expect("files");
        let mut on_disk = Vec::new();
        let mut stack = vec![path.clone()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).expect("kit folder").filter_map(Result::ok) {
                if e.path().is_dir() {
                    stack.push(e.path());
                } else {
                    on_disk.push(e.path().strip_prefix(&path).expect("inside").to_string_lossy().into_owned());
                }
            }
        }
        on_disk.retain(|p| p != "manifest.json");
        if on_disk.len() != listed.len() {
            problems.push(format!("{name}: {} files, its manifest lists {}", on_disk.len(), listed.len()));
        }
        for file in listed {
            let relative = file["path"].as_str().expect("path");
            let bytes = std::fs::read(path.join(relative)).unwrap_or_default();
            if format!("{:x}", Sha256::digest(&bytes)) != file["sha256"].as_str().expect("sha256") {
                problems.push(format!("{name}/{relative} is not the file its manifest lists"));
            }
        }
    }
    problems
}

#[test]
fn a_build_killed_at_any_moment_leaves_every_kit_whole() {
    let project = TestProject::with_examples();
    let first = project.run(&["build"]);
    assert_eq!(first.status.code(), Some(0), "{}", common::stderr(&first));
    let out = project.path().join("output");
    // Every kit changes, so that a killed build is always replacing something.
    let strings = project.read("content/i18n/fr.toml");
    project.write(
        "content/i18n/fr.toml",
        strings.replacen("Cyberattaque : que faire ?", "Attaque informatique : que faire ?", 1),
    );
    let mut killed = 0;
    for delay in [50, 150, 300, 500, 800, 1200, 1700, 2300, 3000, 4000] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_cyberkit"))
            .arg("build")
            .current_dir(project.path())
            .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start cyberkit");
        std::thread::sleep(Duration::from_millis(delay));
        if child.try_wait().expect("wait").is_none() {
            killed += 1;
        }
        child.kill().ok();
        child.wait().ok();
        let found = problems(&out);
        assert!(found.is_empty(), "killed after {delay} ms: {found:?}");
    }
    assert!(killed >= 3, "the build finished before it could be killed: only {killed} kills");
    // The next build finishes the job from whatever was left.
    let last = project.run(&["build"]);
    assert_eq!(last.status.code(), Some(0), "{}", common::stderr(&last));
    assert!(problems(&out).is_empty());
    assert!(!project.path().join(".output.staging").exists(), "the staging folder is left behind");
    let poster = std::fs::read(out.join("cabinet-minimal/fr/incident.html")).expect("the incident page");
    assert!(String::from_utf8_lossy(&poster).contains("Attaque informatique"));
}

/// Every file of the output folder with what says it was written: its inode and its time.
fn written(out: &Path) -> std::collections::BTreeMap<std::path::PathBuf, (u64, std::time::SystemTime)> {
    use std::os::unix::fs::MetadataExt as _;
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![out.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("folder").filter_map(Result::ok) {
            let meta = e.metadata().expect("metadata");
            if meta.is_dir() {
                stack.push(e.path());
            } else {
                files.insert(e.path(), (meta.ino(), meta.modified().expect("time")));
            }
        }
    }
    files
}

/// The kits whose files were written between two looks at the output folder.
fn rewritten(
    before: &std::collections::BTreeMap<std::path::PathBuf, (u64, std::time::SystemTime)>,
    after: &std::collections::BTreeMap<std::path::PathBuf, (u64, std::time::SystemTime)>,
    out: &Path,
) -> Vec<String> {
    let mut kits: Vec<String> = after
        .iter()
        .filter(|(path, stamp)| before.get(*path) != Some(stamp))
        .filter_map(|(path, _)| path.strip_prefix(out).ok()?.components().next())
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    kits.dedup();
    kits
}

fn summary(output: &std::process::Output) -> String {
    let text = common::stderr(output);
    let line = text.lines().last().unwrap_or_default();
    // The time taken varies; what was built does not.
    line.rsplit_once(" in ").map_or(line, |(what, _)| what).to_string()
}

#[test]
fn a_rebuild_writes_only_the_kits_whose_inputs_changed() {
    let project = TestProject::with_examples();
    let out = project.path().join("output");
    let first = project.run(&["build"]);
    assert_eq!(summary(&first), "built 5 kits (54 documents, 531 pages, 376 files) into output");

    // Nothing changed, a profile touched: nothing is written, not even the index page.
    let before = written(&out);
    let profile = project.read("profiles/cabinet-des-tilleuls.toml");
    project.write("profiles/cabinet-des-tilleuls.toml", &profile);
    let again = project.run(&["build"]);
    assert_eq!(summary(&again), "built 0 kits, 5 unchanged (0 documents, 0 pages, 0 files) into output");
    assert_eq!(written(&out), before);

    // One profile changed: its kit alone.
    project.write(
        "profiles/cabinet-des-tilleuls.toml",
        profile.replace("Claire Martin, kinésithérapeute", "Claire Martin"),
    );
    let one = project.run(&["build"]);
    assert_eq!(summary(&one), "built 1 kit, 4 unchanged (12 documents, 118 pages, 84 files) into output");
    assert_eq!(rewritten(&before, &written(&out), &out), ["cabinet-des-tilleuls"]);

    // A module for midwives only, then changed: the midwives' kit alone.
    let wifi = project.read("content/modules/wifi.fr.md");
    project.write("content/modules/wifi.fr.md", wifi.replacen("+++\n", "+++\nprofessions = [\"sages-femmes\"]\n", 1));
    assert_eq!(project.run(&["build"]).status.code(), Some(0));
    let before = written(&out);
    let wifi = project.read("content/modules/wifi.fr.md");
    let body_end = wifi.trim_end().len();
    project.write("content/modules/wifi.fr.md", format!("{}\n\nUne phrase de plus.\n", &wifi[..body_end]));
    let module = project.run(&["build"]);
    assert!(summary(&module).starts_with("built 1 kit, 4 unchanged"), "{}", summary(&module));
    assert_eq!(rewritten(&before, &written(&out), &out), ["cabinet-minimal"]);

    // A damaged kit is rebuilt; `--force` rebuilds them all.
    std::fs::remove_file(out.join("urps-infirmiers-bretagne/fr/incident.html")).expect("remove");
    assert!(summary(&project.run(&["build"])).starts_with("built 1 kit, 4 unchanged"));
    let forced = summary(&project.run(&["build", "--force"]));
    assert!(forced.starts_with("built 5 kits ("), "{forced}");
}

#[test]
fn documents_that_overflow_are_all_reported_and_leave_only_their_kits_as_they_were() {
    let project = TestProject::with_examples();
    let out = project.path().join("output");
    // A profile's values cannot make a document overflow (they are limited, and every document
    // fits them at their maximum: `matrix::every_document_fits_...`), but a workplace's own
    // lines in the reference data can: a pharmacy's way of working on, and a laboratory's duty,
    // each written far too long, overflow those kits' booklets alone (their posters make room). One other kit changed and fine. The
    // example kits (practices) build.
    let long = "Notez à la main chaque délivrance et chaque ordonnance ".repeat(14);
    let professions = project.read("content/reference/professions.toml");
    let professions = professions
        .replacen(
            "keep_working.fr = \"chaque délivrance notée sur papier, à saisir dans le logiciel une fois rétabli.\"",
            &format!("keep_working.fr = \"{}\"", long.trim()),
            1,
        )
        .replacen(
            "incident_duty_title.fr = \"Déclarez l’incident sans délai\"",
            &format!("incident_duty_title.fr = \"{}\"", long.trim()),
            1,
        );
    project.write("content/reference/professions.toml", professions);
    assert_eq!(project.run(&["build"]).status.code(), Some(0));
    let before = written(&out);

    for (name, profession) in [("pharmacie", "pharmaciens"), ("laboratoire", "biologistes")] {
        project.write(
            &format!("profiles/{name}.toml"),
            format!("profession = \"{profession}\"\nregion = \"bretagne\"\nlanguages = [\"fr\"]\n"),
        );
    }
    let bretagne = project.read("profiles/urps-infirmiers-bretagne.toml");
    project.write(
        "profiles/urps-infirmiers-bretagne.toml",
        bretagne.replace("URPS Infirmiers Bretagne", "URPS IDE Bretagne"),
    );

    let output = project.run(&["build"]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = common::stderr(&output);
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error: profiles/")).collect();
    for (profile, document) in [
        ("pharmacie", "print/fr/booklet.pdf runs onto 37 pages"),
        ("laboratoire", "print/fr/booklet.pdf runs onto 37 pages"),
    ] {
        assert!(
            errors.iter().any(|e| e.starts_with(&format!("error: profiles/{profile}.toml")) && e.contains(document)),
            "no error for {profile}'s {document}:\n{stderr}"
        );
    }
    let last = stderr.lines().last().unwrap_or_default();
    assert_eq!(
        last,
        format!(
            "error: {} errors: the kits of these 2 profiles were left as they were; the 1 other kit was built",
            errors.len()
        )
    );
    // The failed kits are as they were; the changed one was rebuilt, and the index, which names
    // its publisher, with it.
    assert_eq!(rewritten(&before, &written(&out), &out), ["index.html", "urps-infirmiers-bretagne"]);
}
