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

pub mod answers;
pub mod diag;
pub mod files;
pub mod fonts;
pub mod icons;
pub mod limits;
pub mod list;
pub mod load;
pub mod model;
pub mod placeholder;
pub mod plan;
pub mod problem;
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
#[cfg(feature = "cli")]
pub mod shared;

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

/// The pipeline's order, held by a test: a module imports only from its own stage or an earlier
/// one, so that nothing of the command line reaches the core and no stage reaches back.
#[cfg(test)]
mod flow {
    use std::path::Path;

    /// Each top-level module's place in the flow. The foundations come first: the problems, the
    /// diagnostics, the files, the fonts, the icons, the placeholders' syntax, the templates and
    /// the model.
    const STAGES: [(&str, u8); 23] = [
        ("problem", 0),
        ("limits", 0),
        ("icons", 0),
        ("diag", 0),
        ("files", 0),
        ("fonts", 0),
        ("placeholder", 0),
        ("templates", 0),
        ("model", 0),
        ("load", 1),
        ("answers", 1),
        ("validate", 2),
        ("plan", 3),
        ("list", 3),
        ("starter", 3),
        ("render", 4),
        ("output", 5),
        // The command line's own.
        ("project", 6),
        ("clock", 6),
        ("fingerprint", 6),
        ("shared", 6),
        ("driver", 7),
        ("commands", 8),
    ];

    fn stage(module: &str) -> Option<u8> {
        STAGES.iter().find(|(name, _)| *name == module).map(|(_, stage)| *stage)
    }

    /// The top-level modules a source file names as `crate::<module>`, its tests left out (they
    /// come last in a file).
    fn imports(text: &str) -> Vec<String> {
        let code = text.split("#[cfg(test)]").next().unwrap_or_default();
        let code = code.split("#[cfg(all(test").next().unwrap_or_default();
        let name =
            |text: &str| -> String { text.chars().take_while(|c| c.is_ascii_lowercase() || *c == '_').collect() };
        let mut out = Vec::new();
        for (i, _) in code.match_indices("crate::") {
            let rest = &code[i + 7..];
            // `crate::{output, plan}` names several; an item of the crate's root (`crate::Checked`)
            // belongs to no stage.
            match rest.strip_prefix('{') {
                Some(list) => out.extend(list.split('}').next().unwrap_or_default().split(',').map(|m| name(m.trim()))),
                None => out.push(name(rest)),
            }
        }
        out.retain(|m| !m.is_empty());
        out
    }

    fn sources(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("list src") {
            let path = entry.expect("entry").path();
            if path.is_dir() {
                sources(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }

    #[test]
    fn no_module_imports_from_a_later_stage() {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
        let mut files = Vec::new();
        sources(&src, &mut files);
        let mut against = Vec::new();
        for path in &files {
            let relative = path.strip_prefix(&src).expect("under src");
            let top = relative.components().next().expect("a file").as_os_str().to_string_lossy();
            let top = top.trim_end_matches(".rs");
            if matches!(top, "lib" | "main") {
                continue;
            }
            let from = stage(top).unwrap_or_else(|| panic!("{top} has no place in the flow: add it to STAGES"));
            for module in imports(&std::fs::read_to_string(path).expect("read")) {
                let to = stage(&module).unwrap_or_else(|| panic!("{module} has no place in the flow"));
                if to > from {
                    against.push(format!("{} imports `{module}`", relative.display()));
                }
            }
        }
        assert!(files.len() > 50, "the sources were read");
        assert!(against.is_empty(), "imports against the flow: {against:#?}");
        // The check can fail: a model type reaching into the renderer would be caught.
        assert_eq!(
            imports("use crate::render::site;\nuse crate::{Checked, output};\n#[cfg(test)]\nuse crate::driver;"),
            ["render", "output"]
        );
    }
}
