//! Two jobs, for the command line:
//!
//! 1. Fingerprints the code and templates that render a kit, so that an incremental build knows a
//!    kit made by another version of cyberkit is out of date: `CYBERKIT_FINGERPRINT`, a SHA-256 of
//!    every file under `src/`, `templates/` and `web/`, and of `Cargo.lock`.
//! 2. Builds the personaliser's WebAssembly — the `web/` crate, for `wasm32-unknown-unknown` —
//!    and its JavaScript bindings, with the `wasm-bindgen` library at Cargo.lock's version, into
//!    `$OUT_DIR/personaliser/`, which the binary embeds and writes beside the kits. Nothing is
//!    downloaded but crates; the wasm target comes with rustup (`rust-toolchain.toml`).

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

fn fingerprint() {
    let mut paths = Vec::new();
    for dir in ["src", "templates", "web/src"] {
        println!("cargo:rerun-if-changed={dir}");
        files(Path::new(dir), &mut paths);
    }
    for file in ["Cargo.lock", "web/Cargo.toml"] {
        println!("cargo:rerun-if-changed={file}");
        paths.push(PathBuf::from(file));
    }
    paths.sort();
    let mut hash = Sha256::new();
    for path in paths {
        hash.update(path.to_string_lossy().as_bytes());
        hash.update(std::fs::read(&path).unwrap_or_default());
    }
    println!("cargo:rustc-env=CYBERKIT_FINGERPRINT={:x}", hash.finalize());
}

/// The target folder of the WebAssembly build: its own, so that the two cargo runs do not wait
/// for each other's lock, and shared by every profile of the outer build, so that `cargo test`
/// and `cargo build --release` build it once.
#[cfg(feature = "cli")]
fn wasm_target_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map_or_else(|| PathBuf::from(env("CARGO_MANIFEST_DIR")).join("target"), PathBuf::from);
    target.join("personaliser")
}

#[cfg(feature = "cli")]
fn env(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| panic!("cargo sets {name} for build scripts"))
}

/// The WebAssembly target's standard library, added by rustup when it is missing: rustup reads
/// the target from rust-toolchain.toml when it installs the toolchain, but not for a toolchain
/// already there.
#[cfg(feature = "cli")]
fn wasm_target() {
    const TARGET: &str = "wasm32-unknown-unknown";
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_string());
    let libdir = std::process::Command::new(rustc).args(["--print", "target-libdir", "--target", TARGET]).output();
    let installed = libdir.is_ok_and(|o| {
        let dir = PathBuf::from(String::from_utf8_lossy(&o.stdout).trim());
        o.status.success() && std::fs::read_dir(dir).is_ok_and(|mut d| d.next().is_some())
    });
    if installed {
        return;
    }
    let added = std::process::Command::new("rustup").args(["target", "add", TARGET]).status();
    assert!(
        added.is_ok_and(|s| s.success()),
        "the personaliser's WebAssembly needs Rust's `{TARGET}` target, which this toolchain lacks: \
         add it with `rustup target add {TARGET}`"
    );
}

#[cfg(feature = "cli")]
fn personaliser() {
    wasm_target();
    let out = PathBuf::from(env("OUT_DIR")).join("personaliser");
    let target_dir = wasm_target_dir();
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let mut command = std::process::Command::new(cargo);
    command
        .args(["build", "--locked", "--package", "cyberkit-web", "--target", "wasm32-unknown-unknown"])
        .args(["--profile", "wasm", "--target-dir"])
        .arg(&target_dir)
        .arg("--manifest-path")
        .arg(Path::new(&env("CARGO_MANIFEST_DIR")).join("Cargo.toml"));
    // The outer build's settings are for the host: flags, wrappers (clippy's among them) and the
    // target are not the WebAssembly's. The jobserver stays, so that both builds share the cores.
    for (name, _) in std::env::vars_os() {
        let name = name.to_string_lossy();
        let host = ["CARGO_PKG_", "CARGO_MANIFEST_", "CARGO_CFG_", "CARGO_FEATURE_", "CARGO_ENCODED_", "CARGO_TARGET_"];
        if host.iter().any(|prefix| name.starts_with(prefix))
            || name.starts_with("CARGO_BUILD_")
            || matches!(name.as_ref(), "RUSTFLAGS" | "RUSTC_WRAPPER" | "RUSTC_WORKSPACE_WRAPPER" | "RUSTDOCFLAGS")
        {
            command.env_remove(name.as_ref());
        }
    }
    let status = command.status().expect("failed to start cargo for the personaliser's WebAssembly");
    assert!(
        status.success(),
        "the personaliser's WebAssembly did not build (see above); the target comes with \
         `rustup target add wasm32-unknown-unknown`"
    );
    let wasm = target_dir.join("wasm32-unknown-unknown/wasm/cyberkit_web.wasm");
    let mut bindgen = wasm_bindgen_cli_support::Bindgen::new();
    bindgen.input_path(&wasm).typescript(false).remove_name_section(true).remove_producers_section(true);
    bindgen.web(true).expect("the web target exists");
    bindgen.generate(&out).expect("wasm-bindgen failed on the personaliser's WebAssembly");
}

fn main() {
    fingerprint();
    // The WebAssembly's own build (the core, without the command line) needs no WebAssembly.
    #[cfg(feature = "cli")]
    {
        // The WebAssembly's profile is in the workspace's manifest.
        println!("cargo:rerun-if-changed=Cargo.toml");
        println!("cargo:rerun-if-changed=web");
        personaliser();
    }
}
