//! The profile parser and validator on any text, against the real content: whatever the text,
//! they return (a profile, or diagnostics) without panicking, and an invalid profile always
//! comes with an error.
#![no_main]

use std::path::PathBuf;
use std::sync::OnceLock;

use cyberkit::diag::Diagnostics;
use cyberkit::model::Content;
use cyberkit::project::Project;
use libfuzzer_sys::fuzz_target;

fn project() -> &'static (Project, Content) {
    static PROJECT: OnceLock<(Project, Content)> = OnceLock::new();
    PROJECT.get_or_init(|| {
        let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
        let project = Project::new(&root);
        let mut diags = Diagnostics::default();
        let content = cyberkit::content(&project, jiff::civil::date(2026, 12, 1), &mut diags)
            .expect("the content reads")
            .expect("the content is valid");
        (project, content)
    })
}

fuzz_target!(|text: &str| {
    let (_, content) = project();
    let path = PathBuf::from("profiles/fuzzed.toml");
    let mut diags = Diagnostics::default();
    let Some(raw) = cyberkit::load::parse_profile(&path, text, &mut diags) else {
        assert!(diags.has_errors(), "a profile that does not load has an error");
        return;
    };
    let today = jiff::civil::date(2026, 12, 1);
    let profile = cyberkit::validate::profile(raw, content, today, &mut diags);
    if profile.is_none() {
        assert!(diags.has_errors(), "a profile that does not validate has an error");
    }
});
