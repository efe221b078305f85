//! The files a kit is made from — everything under `content/`, its profile and its logo —
//! gathered for the personaliser, which makes the kit's documents again in a browser, from the
//! same files, with a practice's answers added to the profile.

use std::path::{Path, PathBuf};

use super::MAX_TEXT;
use crate::diag::Diagnostics;
use crate::files::{Entry, Files};

/// A kit's files, by the paths the browser's copy of the project gives them.
pub struct KitFiles {
    /// The kit's profile: `profiles/<id>.toml`.
    pub profile: PathBuf,
    pub files: Vec<(PathBuf, Vec<u8>)>,
}

/// The files of the kit of the profile at `profile`, a profile that has been checked.
pub fn kit_files(files: &dyn Files, profile: &Path) -> anyhow::Result<KitFiles> {
    let mut out = Vec::new();
    for extension in ["toml", "md"] {
        for path in files.list(Path::new("content"), extension)? {
            out.push((path.clone(), file(files, &path)?));
        }
    }
    let name = profile.file_name().ok_or_else(|| anyhow::anyhow!("{} names no file", profile.display()))?;
    let copy = Path::new("profiles").join(name);
    out.push((copy.clone(), file(files, profile)?));
    // The logo as the profile names it, from the profile's folder, in the copy's folder.
    let mut diags = Diagnostics::default();
    if let Some(raw) = super::profile(files, profile, &mut diags)?
        && let Some(publisher) = raw.publisher
        && let (Some(logo), Some(bytes)) = (publisher.logo, publisher.logo_file)
    {
        out.push((Path::new("profiles").join(logo.value.trim()), bytes));
    }
    out.sort();
    Ok(KitFiles { profile: copy, files: out })
}

fn file(files: &dyn Files, path: &Path) -> anyhow::Result<Vec<u8>> {
    match files.read(path, MAX_TEXT)? {
        Entry::File(bytes) => Ok(bytes),
        _ => anyhow::bail!("{} changed while the kit was built", path.display()),
    }
}
