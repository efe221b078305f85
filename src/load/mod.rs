//! The load stage: user files, read through [`Files`], into raw, located data.
//!
//! Loading reads files (I/O failures are `anyhow` errors, exit 2) and checks their *shape*: TOML
//! syntax, known keys, value types, front matter. Everything it finds wrong goes into the run's
//! [`Diagnostics`]. Whether the values make sense (a real region, a valid phone number, a complete
//! translation) is for `validate`.

mod i18n;
mod kit;
mod module;
pub mod printed;
mod profile;
mod reference;
pub mod toml;

use std::path::{Path, PathBuf};

pub use i18n::RawLanguage;
pub use kit::{KitFiles, kit_files};
pub use module::{RawModule, RawSource, split_front_matter};
pub use profile::{
    RawCsirt, RawInsurer, RawItProvider, RawPractice, RawPrivacy, RawProfile, RawPublisher, RawSoftware,
};
pub use reference::{
    RawContact, RawProfession, RawReference, RawRegion, RawRetention, RawSourced, RawWords, RawWorkplace, WORD_FORMS,
};

use crate::diag::{Diagnostics, file_error};
use crate::files::{Entry, Files};

/// A user file's text.
pub struct UserFile {
    /// As shown in messages: relative to the project.
    pub path: PathBuf,
    pub text: String,
}

/// Everything under `content/`, read but not yet validated.
pub struct RawContent {
    pub languages: Vec<RawLanguage>,
    pub reference: RawReference,
    pub modules: Vec<RawModule>,
    /// The ids of the modules with a file that could not be read (its error is reported).
    pub unreadable_modules: std::collections::BTreeSet<String>,
}

/// The largest user text file we read: far more than any profile or module needs.
const MAX_TEXT: u64 = 16 * 1024 * 1024;

/// Reads `content/`: the language files, the reference data and every module.
pub fn content(files: &dyn Files, diags: &mut Diagnostics) -> anyhow::Result<RawContent> {
    let dir = Path::new("content");
    let mut languages = Vec::new();
    for path in files.list(&dir.join("i18n"), "toml")? {
        if let Some(file) = read(files, &path, diags)? {
            languages.extend(i18n::load(&file, diags));
        }
    }
    let reference = reference::load(files, &dir.join("reference"), diags)?;
    let mut modules = Vec::new();
    let mut unreadable_modules = std::collections::BTreeSet::new();
    for path in files.list(&dir.join("modules"), "md")? {
        let loaded = read(files, &path, diags)?.and_then(|file| module::load(&file, diags));
        if let Some(module) = loaded {
            modules.push(module);
        } else {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            unreadable_modules.insert(name.split('.').next().unwrap_or_default().to_string());
        }
    }
    Ok(RawContent { languages, reference, modules, unreadable_modules })
}

/// Reads a profile's text as if it were the file `path` (for the fuzzers and tests).
pub fn parse_profile(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<RawProfile> {
    profile::load(path, &UserFile { path: path.to_path_buf(), text: text.to_string() }, diags)
}

/// Reads a module's text as if it were the file `path`, `content/modules/<id>.<lang>.md` (for
/// the fuzzers and tests).
pub fn parse_module(path: &Path, text: &str, diags: &mut Diagnostics) -> Option<RawModule> {
    module::load(&UserFile { path: path.to_path_buf(), text: text.to_string() }, diags)
}

/// Reads one profile, and its logo's file.
pub fn profile(files: &dyn Files, path: &Path, diags: &mut Diagnostics) -> anyhow::Result<Option<RawProfile>> {
    let Some(mut raw) = read(files, path, diags)?.and_then(|file| profile::load(path, &file, diags)) else {
        return Ok(None);
    };
    profile::logo(files, &mut raw, diags)?;
    Ok(Some(raw))
}

/// Reads a user file as text. A file that is not UTF-8, or is a folder, is the user's problem:
/// a diagnostic, not a failure.
pub fn read(files: &dyn Files, path: &Path, diags: &mut Diagnostics) -> anyhow::Result<Option<UserFile>> {
    let bytes = match files.read(path, MAX_TEXT)? {
        Entry::File(bytes) => bytes,
        Entry::Folder => {
            diags.push(file_error(path, "is a folder, not a file", "give the path of a `.toml` file"));
            return Ok(None);
        }
        Entry::Missing => anyhow::bail!("failed to read {}: there is no such file", path.display()),
        Entry::Larger(size) => {
            let message = format!("is {} MB: no profile or module is that long", size / 1_000_000);
            diags.push(file_error(path, message, "check that it is the right file"));
            return Ok(None);
        }
    };
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            // Editors on Windows may start a file with a byte-order mark; it means nothing here.
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(Some(UserFile { path: path.to_path_buf(), text }))
        }
        Err(e) => {
            let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            let line = valid.matches('\n').count() + 1;
            let col = valid.rsplit('\n').next().unwrap_or("").chars().count() + 1;
            let mut d =
                crate::diag::Location { path: path.to_path_buf(), line, col }.error("the file is not valid UTF-8 text");
            d.hint = Some("save it as UTF-8 (\"Unicode\") in your editor".to_string());
            diags.push(d);
            Ok(None)
        }
    }
}
