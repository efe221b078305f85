//! The core on files held in memory, as a practice's browser gives them: the kit it renders is
//! the kit the command line renders from the disk, byte for byte, and a profile's mistake is
//! reported at its line and column there too.

use std::path::{Path, PathBuf};

use cyberkit::diag::Diagnostics;
use cyberkit::files::{Files, InMemory};
use cyberkit::project::Project;
use cyberkit::render::print::Print;
use cyberkit::render::site::Site;

use crate::common;

/// Every file of the project's `content/` and `profiles/`, in memory under its project path.
fn in_memory(root: &Path) -> InMemory {
    fn add(files: &mut InMemory, root: &Path, dir: &Path) {
        for entry in std::fs::read_dir(dir).expect("list folder") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                add(files, root, &path);
            } else {
                let bytes = std::fs::read(&path).expect("read");
                files.insert(path.strip_prefix(root).expect("inside the project"), bytes);
            }
        }
    }
    let mut files = InMemory::default();
    for dir in ["content", "profiles"] {
        add(&mut files, root, &root.join(dir));
    }
    files
}

/// Every file of a profile's kit, print documents and site, as rendered from `files`.
fn kit(files: &dyn Files, profile: &Path) -> Vec<(String, Vec<u8>)> {
    let today = jiff::civil::date(2026, 12, 8);
    let mut diags = Diagnostics::default();
    let checked = cyberkit::check(files, &[profile.to_path_buf()], today, &mut diags).expect("no I/O failure");
    let checked = checked.unwrap_or_else(|| panic!("{:?}", diags.sorted()));
    let kits = cyberkit::plan::plan(&checked.content, &checked.profiles, today);
    let printed = Print::new().expect("the print environment").render(&kits[0]).expect("the documents");
    assert!(printed.overflows.is_empty(), "{:?}", printed.overflows);
    let pages = Site::new().expect("the site's templates").render(&kits[0], &printed.files).expect("the pages");
    printed.files.into_iter().chain(pages).map(|file| (file.path, file.bytes)).collect()
}

#[test]
fn a_kit_rendered_from_files_in_memory_is_the_kit_rendered_from_the_disk() {
    let root = common::repo();
    // A URPS's kit, in two languages, with its logo read from `profiles/logos/`.
    let profile = PathBuf::from("profiles/urps-kine-pays-de-la-loire.toml");
    let from_disk = kit(&Project::new(&root), &profile);
    let from_memory = kit(&in_memory(&root), &profile);
    let paths = |kit: &[(String, Vec<u8>)]| kit.iter().map(|(path, _)| path.clone()).collect::<Vec<_>>();
    assert_eq!(paths(&from_memory), paths(&from_disk));
    for path in ["print/fr/poster-a4.pdf", "print/en/booklet.pdf", "assets/logo.png", "fr/incident.html"] {
        assert!(paths(&from_disk).iter().any(|p| p == path), "the kit has {path}");
    }
    for ((path, memory), (_, disk)) in from_memory.iter().zip(&from_disk) {
        assert!(memory == disk, "{path} differs");
    }
}

#[test]
fn a_profile_in_memory_is_checked_with_its_mistakes_located() {
    let mut files = in_memory(&common::repo());
    let text = "profession = \"masseurs-kinesitherapeutes\"\nregion = \"pays-de-la-lore\"\n\n[publisher]\nlogo = \"logos/absent.png\"\n";
    files.insert("profiles/in-browser.toml", text);
    let mut diags = Diagnostics::default();
    let today = jiff::civil::date(2026, 12, 8);
    let checked = cyberkit::check(&files, &[PathBuf::from("profiles/in-browser.toml")], today, &mut diags);
    assert!(checked.expect("no I/O failure").is_none());
    let errors: Vec<String> = diags.sorted().iter().filter(|d| d.is_error()).map(ToString::to_string).collect();
    assert!(
        errors.iter().any(|e| e.starts_with("error: profiles/in-browser.toml:2:10: unknown region `pays-de-la-lore`")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.starts_with(
            "error: profiles/in-browser.toml:5:8: `logo` in [publisher]: `logos/absent.png` does not exist"
        )),
        "{errors:#?}"
    );
}
