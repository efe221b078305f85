//! Fingerprints the code and templates that render a kit, so that an incremental build knows a
//! kit made by another version of cyberkit is out of date: `CYBERKIT_FINGERPRINT`, a SHA-256 of
//! every file under `src/` and `templates/`, and of `Cargo.lock`.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            files(&path, out);
        } else {
            out.push(path);
        }
    }
}

fn main() {
    let mut paths = Vec::new();
    for dir in ["src", "templates"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut paths);
    }
    println!("cargo:rerun-if-changed=Cargo.lock");
    paths.push(PathBuf::from("Cargo.lock"));
    paths.sort();
    let mut hash = Sha256::new();
    for path in paths {
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(std::fs::read(&path).unwrap_or_default());
    }
    println!("cargo:rustc-env=CYBERKIT_FINGERPRINT={:x}", hash.finalize());
}
