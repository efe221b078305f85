//! The write stage, the only code that touches the output folder.
//!
//! A kit is written whole into a staging folder beside the output folder, with its
//! `manifest.json`, then swapped in by renaming: a build that fails or is stopped half-way
//! leaves the previous kit as it was, and a kit never mixes files of two builds.

use std::fs;
use std::path::{Component, Path, PathBuf};

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
    /// The fingerprint of what the kit was built from (`fingerprint`); a manifest written by an
    /// older cyberkit has none, and its kit is rebuilt.
    #[serde(default)]
    pub inputs: String,
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

/// Where kits are written before they are swapped in: a hidden folder beside the output folder
/// (`.output.staging/` for `output/`), on the same file system so that the swap is a rename, and
/// outside it so that the output folder never holds a half-written file.
pub fn staging_dir(out: &Path) -> PathBuf {
    let name = out.file_name().map_or_else(|| "output".into(), |n| n.to_string_lossy().into_owned());
    let parent = out.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    parent.join(format!(".{name}.staging"))
}

/// Writes one kit into `out/<id>/`, replacing the previous one whole: the kit is written in the
/// staging folder, then exchanged with the previous one in a single rename, so that at every
/// moment `out/<id>/` is one complete kit, the old or the new.
pub fn write_kit(
    out: &Path,
    id: &str,
    inputs: &str,
    summary: KitSummary,
    mut files: Vec<Artifact>,
) -> anyhow::Result<()> {
    files.sort_by(|a, b| a.path.cmp(&b.path));
    fs::create_dir_all(out).with_context(|| format!("failed to create {}", out.display()))?;
    let staging = staging_dir(out).join(id);
    let target = out.join(id);
    remove(&staging)?;
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
    let manifest = Manifest { profile: id.to_string(), inputs: inputs.to_string(), summary, files: listed };
    let json = serde_json::to_vec_pretty(&manifest).context("failed to serialise the manifest")?;
    fs::write(staging.join(MANIFEST), json).with_context(|| format!("failed to write the manifest of {id}"))?;
    swap_in(&staging, &target)?;
    // The staging path now holds the previous kit, if there was one.
    remove(&staging)?;
    // Removed once empty: the other workers may still be writing there.
    let _ = fs::remove_dir(staging_dir(out));
    Ok(())
}

/// Puts `staging` at `target`. Where the system can exchange two folders in one step (Linux), the
/// previous kit ends up at `staging`; elsewhere it is moved aside first, for an instant.
fn swap_in(staging: &Path, target: &Path) -> anyhow::Result<()> {
    let context = || format!("failed to move the new {} into place", target.display());
    if target.is_dir() {
        #[cfg(target_os = "linux")]
        {
            use rustix::fs::{CWD, RenameFlags, renameat_with};
            match renameat_with(CWD, staging, CWD, target, RenameFlags::EXCHANGE) {
                Ok(()) => return Ok(()),
                // A file system without the exchange: fall back to two renames.
                Err(e) if e == rustix::io::Errno::INVAL || e == rustix::io::Errno::NOSYS => {}
                Err(e) => return Err(std::io::Error::from(e)).with_context(context),
            }
        }
        let aside = staging.with_extension("old");
        remove(&aside)?;
        fs::rename(target, &aside).with_context(|| format!("failed to move {} aside", target.display()))?;
        fs::rename(staging, target).with_context(context)?;
        return fs::rename(&aside, staging).with_context(|| format!("failed to move {} back", aside.display()));
    }
    remove(target)?;
    fs::rename(staging, target).with_context(context)
}

/// Writes files into a folder of the user's (`--emit-typst`), as they are: a working copy to
/// edit and compile by hand, not a published kit.
pub fn write_sources(dir: &Path, files: &[Artifact]) -> anyhow::Result<()> {
    for file in files {
        let path = dir.join(&file.path);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        fs::write(&path, &file.bytes).with_context(|| format!("failed to write {}", path.display()))?;
    }
    Ok(())
}

/// Removes what a build that was stopped half-way left in the staging folder: kits it never
/// swapped in. Two builds into one output folder at the same time are not supported.
pub fn clear_staging(out: &Path) -> anyhow::Result<()> {
    remove(&staging_dir(out))
}

/// Removes a file or folder, if it is there.
fn remove(path: &Path) -> anyhow::Result<()> {
    let result = if path.is_dir() {
        fs::remove_dir_all(path)
    } else if path.symlink_metadata().is_ok() {
        fs::remove_file(path)
    } else {
        return Ok(());
    };
    result.with_context(|| format!("failed to remove {}", path.display()))
}

/// Whether `out/<id>/` was built from `inputs` and still holds every file its manifest lists, at
/// its size. Reads the manifest and looks at each file's size, nothing more: fast enough to ask
/// of every kit on every build.
pub fn up_to_date(out: &Path, id: &str, inputs: &str) -> bool {
    let kit = out.join(id);
    let Ok(text) = fs::read(kit.join(MANIFEST)) else { return false };
    let Ok(manifest) = serde_json::from_slice::<Manifest>(&text) else { return false };
    manifest.inputs == inputs
        && manifest.files.iter().all(|f| fs::metadata(kit.join(&f.path)).is_ok_and(|m| m.len() == f.size))
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
    let staging = staging_dir(out);
    fs::create_dir_all(&staging).with_context(|| format!("failed to create {}", staging.display()))?;
    let temp = staging.join(&file.path);
    for dir in [temp.parent(), path.parent()].into_iter().flatten() {
        fs::create_dir_all(dir).with_context(|| format!("failed to create {}", dir.display()))?;
    }
    fs::write(&temp, &file.bytes).with_context(|| format!("failed to write {}", temp.display()))?;
    fs::rename(&temp, &path).with_context(|| format!("failed to write {}", path.display()))?;
    if let Some(dir) = temp.parent().filter(|dir| *dir != staging) {
        let _ = fs::remove_dir(dir);
    }
    let _ = fs::remove_dir(staging);
    Ok(())
}
