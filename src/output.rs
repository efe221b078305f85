//! The write stage, the only code that touches the output folder.
//!
//! A kit is written whole into a staging folder beside its final place, with its
//! `manifest.json`, then swapped in by renaming: a build that fails or is stopped half-way
//! leaves the previous kit as it was, and a kit never mixes files of two builds.

use std::fs;
use std::path::{Component, Path};

use anyhow::{Context as _, bail};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::render::Artifact;
use crate::render::site::KitSummary;

/// A file of a kit as the manifest lists it.
#[derive(Debug, Serialize, Deserialize)]
pub struct ManifestFile {
    pub path: String,
    pub size: u64,
    pub sha256: String,
}

/// `manifest.json`: what a kit holds.
#[derive(Debug, Serialize, Deserialize)]
pub struct Manifest {
    pub profile: String,
    pub summary: KitSummary,
    pub files: Vec<ManifestFile>,
}

const MANIFEST: &str = "manifest.json";

/// A problem with the output folder that can be seen before anything is built: it, or a folder
/// above it, is a file.
pub fn unusable(out: &Path) -> Option<crate::diag::Diagnostic> {
    let blocked = out.ancestors().find(|p| !p.as_os_str().is_empty() && p.exists() && !p.is_dir())?;
    Some(crate::diag::file_error(
        blocked,
        "is a file, so the kits cannot be written there",
        "choose another output folder with `--out`, or move the file",
    ))
}

/// Writes one kit into `out/<id>/`, replacing the previous one whole.
pub fn write_kit(out: &Path, id: &str, summary: KitSummary, mut files: Vec<Artifact>) -> anyhow::Result<()> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    fs::create_dir_all(out).with_context(|| format!("failed to create {}", out.display()))?;
    let staging = out.join(format!(".staging-{id}"));
    let old = out.join(format!(".old-{id}"));
    let target = out.join(id);
    for leftover in [&staging, &old] {
        if leftover.is_dir() {
            fs::remove_dir_all(leftover).with_context(|| format!("failed to remove {}", leftover.display()))?;
        } else if leftover.exists() {
            fs::remove_file(leftover).with_context(|| format!("failed to remove {}", leftover.display()))?;
        }
    }
    let mut listed = Vec::with_capacity(files.len());
    for file in &files {
        let relative = Path::new(&file.path);
        if file.path == MANIFEST || relative.components().any(|c| !matches!(c, Component::Normal(_))) {
            bail!("internal error: a renderer produced the path `{}`", file.path);
        }
        let path = staging.join(relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        fs::write(&path, &file.bytes).with_context(|| format!("failed to write {}", path.display()))?;
        listed.push(ManifestFile {
            path: file.path.clone(),
            size: file.bytes.len() as u64,
            sha256: format!("{:x}", Sha256::digest(&file.bytes)),
        });
    }
    let manifest = Manifest { profile: id.to_string(), summary, files: listed };
    let json = serde_json::to_vec_pretty(&manifest).context("failed to serialise the manifest")?;
    fs::write(staging.join(MANIFEST), json).with_context(|| format!("failed to write the manifest of {id}"))?;
    if target.exists() {
        fs::rename(&target, &old).with_context(|| format!("failed to move {} aside", target.display()))?;
    }
    fs::rename(&staging, &target).with_context(|| format!("failed to move the new {} into place", target.display()))?;
    if old.exists() {
        fs::remove_dir_all(&old).with_context(|| format!("failed to remove {}", old.display()))?;
    }
    Ok(())
}

/// The kits present in the output folder, from their manifests, in name order.
pub fn kits(out: &Path) -> anyhow::Result<Vec<KitSummary>> {
    let mut kits = Vec::new();
    let Ok(entries) = fs::read_dir(out) else { return Ok(kits) };
    let mut dirs: Vec<_> = entries.filter_map(Result::ok).map(|e| e.path()).filter(|p| p.is_dir()).collect();
    dirs.sort();
    for dir in dirs {
        let Ok(text) = fs::read(dir.join(MANIFEST)) else { continue };
        if let Ok(manifest) = serde_json::from_slice::<Manifest>(&text) {
            kits.push(manifest.summary);
        }
    }
    Ok(kits)
}

/// Writes a file of the output folder itself (`index.html`) through a temporary file, so that
/// it is never seen half-written.
pub fn write_file(out: &Path, file: &Artifact) -> anyhow::Result<()> {
    let path = out.join(&file.path);
    let temp = out.join(format!(".{}.tmp", file.path));
    fs::write(&temp, &file.bytes).with_context(|| format!("failed to write {}", temp.display()))?;
    fs::rename(&temp, &path).with_context(|| format!("failed to write {}", path.display()))?;
    Ok(())
}
