//! cyberkit turns content modules and practice profiles into personalised cyber-security kits for
//! French liberal health professionals.
//!
//! The pipeline runs in one direction, one stage per module:
//!
//! ```text
//! load      files -> raw, located data                      (load/)
//! validate  raw -> typed model, every user error collected   (validate/)
//! plan      the documents and modules of each kit            (plan)
//! render    model -> bytes                                   (render/)
//! write     the only code that touches output/               (output)
//! ```
//!
//! The core — load, validate, plan, render — reads a project's files through [`files::Files`]
//! and touches no disk, thread or clock: it builds for a browser's WebAssembly. The command line
//! adds, behind the default feature `cli`, the disk ([`project`]), the build driver and its
//! threads ([`driver`]), the fingerprints of incremental builds ([`fingerprint`]), the write
//! stage ([`output`]) and the clock ([`clock`]); the binary in `main.rs` prints the
//! [`Diagnostics`] and chooses the exit code.

pub mod diag;
pub mod files;
pub mod fonts;
pub mod list;
pub mod load;
pub mod model;
pub mod placeholder;
pub mod plan;
pub mod render;
pub mod starter;
pub mod templates;
pub mod validate;

#[cfg(feature = "cli")]
pub mod clock;
#[cfg(feature = "cli")]
pub mod driver;
#[cfg(feature = "cli")]
pub mod fingerprint;
#[cfg(feature = "cli")]
pub mod output;
#[cfg(feature = "cli")]
pub mod project;

use std::path::PathBuf;

use diag::Diagnostics;
use files::Files;
use model::{Content, Date, Profile};

/// The validated inputs of a run: the content, and the profiles asked for.
pub struct Checked {
    pub content: Content,
    pub profiles: Vec<Profile>,
}

/// Loads and validates the content and the profiles at `profiles`. Returns `None` when the
/// user's input has errors, all of them in `diags`.
pub fn check(
    files: &dyn Files,
    profiles: &[PathBuf],
    today: Date,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<Checked>> {
    // Profiles are validated even when the content has errors, so one run reports both.
    let content = validate::content(load::content(files, diags)?, today, diags);
    let mut checked = Vec::new();
    for path in profiles {
        let Some(raw) = load::profile(files, path, diags)? else { continue };
        if let Some(content) = &content
            && let Some(profile) = validate::profile(raw, content, today, diags)
        {
            checked.push(profile);
        }
    }
    match content {
        Some(content) if !diags.has_errors() => Ok(Some(Checked { content, profiles: checked })),
        _ => Ok(None),
    }
}

/// Loads and validates `content/` alone. `None` when it has errors.
pub fn content(files: &dyn Files, today: Date, diags: &mut Diagnostics) -> anyhow::Result<Option<Content>> {
    let content = validate::content(load::content(files, diags)?, today, diags);
    Ok(content.filter(|_| !diags.has_errors()))
}
