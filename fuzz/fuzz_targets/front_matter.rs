//! The module reader (front matter, placeholders, the body's checks) on any text: it returns a
//! module or diagnostics without panicking, and a module it rejects always has an error.
#![no_main]

use std::path::Path;

use cyberkit::diag::Diagnostics;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut diags = Diagnostics::default();
    let module = cyberkit::load::parse_module(Path::new("content/modules/fuzzed.fr.md"), text, &mut diags);
    if module.is_none() {
        assert!(diags.has_errors(), "a module that does not load has an error");
    }
    if let Ok(split) = cyberkit::load::split_front_matter(text) {
        // The two halves are where the reader says they are.
        assert_eq!(&text[split.body.1..split.body.1 + split.body.0.len()], split.body.0);
    }
});
