//! The personaliser's shared files, written once beside the kits (`output/personaliser/`): the
//! WebAssembly that `build.rs` builds from `web/`, its JavaScript bindings, and the page's and
//! worker's scripts. Every kit's personaliser page reaches them at `../../personaliser/`, so that
//! an output folder of many kits holds one copy.

use crate::render::Artifact;
use crate::render::personaliser::SHARED;

macro_rules! built {
    ($file:literal) => {
        include_bytes!(concat!(env!("OUT_DIR"), "/personaliser/", $file))
    };
}

/// The shared files, by their path in the output folder.
pub fn files() -> Vec<Artifact> {
    [
        ("cyberkit_web_bg.wasm", &built!("cyberkit_web_bg.wasm")[..]),
        ("cyberkit_web.js", &built!("cyberkit_web.js")[..]),
        ("worker.js", include_bytes!("../web/js/worker.js")),
        ("personalise.js", include_bytes!("../web/js/personalise.js")),
    ]
    .into_iter()
    .map(|(name, bytes)| Artifact::file(format!("{SHARED}/{name}"), bytes.to_vec()))
    .collect()
}
