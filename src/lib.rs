//! cyberkit turns content modules and practice profiles into personalised cyber-security kits for
//! French liberal health professionals.
//!
//! The pipeline runs in one direction, one stage per module:
//!
//! ```text
//! load      disk -> raw, located data                       (load/)
//! validate  raw -> typed model, every user error collected   (validate/)
//! plan      which documents each profile x language needs    (plan)
//! render    model -> bytes, no disk                          (render/)
//! write     the only code that touches output/               (output)
//! ```
//!
//! [`check`] runs the first two stages; [`build`] (the build driver, `driver.rs`) the last three, kits in parallel, each
//! skipped when its [`fingerprint`] says it is up to date; the binary in `main.rs` prints the
//! [`Diagnostics`] and chooses the exit code.

pub mod diag;
pub mod driver;
pub mod fingerprint;
pub mod fonts;
pub mod list;
pub mod load;
pub mod model;
pub mod output;
pub mod placeholder;
pub mod plan;
pub mod project;
pub mod render;
pub mod starter;
pub mod validate;

pub use driver::build;

use std::path::{Path, PathBuf};

use anyhow::Context as _;

use diag::{Diagnostics, file_error, suggest};
use model::{Content, Date, Profile};
use project::Project;

/// The validated inputs of a run: the content, and the profiles asked for.
pub struct Checked {
    pub content: Content,
    pub profiles: Vec<Profile>,
}

/// Loads and validates the content and the selected profiles (all of `profiles/` when
/// `selection` is empty). Returns `None` when the user's input has errors, all of them in `diags`.
pub fn check(
    project: &Project,
    selection: &[String],
    today: Date,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<Checked>> {
    if !is_project(project, diags) {
        return Ok(None);
    }
    // Profiles are validated even when the content has errors, so one run reports both.
    let content = validate::content(load::content(project, diags)?, today, diags);
    let mut profiles = Vec::new();
    for path in profile_paths(project, selection, diags)? {
        let Some(raw) = load::profile(project, &path, diags)? else { continue };
        if let Some(content) = &content
            && let Some(profile) = validate::profile(raw, content, project, today, diags)
        {
            profiles.push(profile);
        }
    }
    match content {
        Some(content) if !diags.has_errors() => Ok(Some(Checked { content, profiles })),
        _ => Ok(None),
    }
}

/// Loads and validates `content/` alone. `None` when it has errors.
pub fn content(project: &Project, today: Date, diags: &mut Diagnostics) -> anyhow::Result<Option<Content>> {
    if !is_project(project, diags) {
        return Ok(None);
    }
    let raw = load::content(project, diags)?;
    let content = validate::content(raw, today, diags);
    Ok(content.filter(|_| !diags.has_errors()))
}

/// Whether the folder is a cyberkit project (it has `content/`); reports it when not.
fn is_project(project: &Project, diags: &mut Diagnostics) -> bool {
    if project.content().is_dir() {
        return true;
    }
    let message = format!("`{}` is not a cyberkit project: it has no `content/` folder", project.root.display());
    diags.push(file_error(
        &project.root,
        message,
        "run cyberkit in the project's folder, or name it with `-C <folder>`",
    ));
    false
}

/// The profile files to read: the ones named (by name, `cabinet-dupont`, or by path), or every
/// `.toml` file of `profiles/`.
fn profile_paths(project: &Project, selection: &[String], diags: &mut Diagnostics) -> anyhow::Result<Vec<PathBuf>> {
    let dir = project.profiles();
    let mut available = Vec::new();
    if dir.is_dir() {
        for entry in std::fs::read_dir(&dir).with_context(|| format!("failed to list {}", dir.display()))? {
            let path = entry.with_context(|| format!("failed to list {}", dir.display()))?.path();
            if path.extension().is_some_and(|e| e == "toml") {
                available.push(path);
            }
        }
    }
    available.sort();
    if selection.is_empty() {
        return Ok(available);
    }
    let names: Vec<String> =
        available.iter().filter_map(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned()).collect();
    let mut out = Vec::new();
    for wanted in selection {
        let as_path = Path::new(wanted);
        let path = if wanted.ends_with(".toml") || wanted.contains(std::path::MAIN_SEPARATOR) || wanted.contains('/') {
            if as_path.is_absolute() || as_path.exists() { as_path.to_path_buf() } else { project.root.join(as_path) }
        } else {
            dir.join(format!("{wanted}.toml"))
        };
        if path.exists() && path.extension().is_none_or(|e| e != "toml") {
            let hint = "give a profile's name (`cabinet-dupont`) or the path of its `.toml` file";
            diags.push(file_error(&project.display(&path), "is not a profile: a profile is a `.toml` file", hint));
        } else if path.exists() {
            out.push(path);
        } else {
            let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
            let hint = if candidates.is_empty() {
                "there is no profile in `profiles/` yet; create one with `cyberkit new`".to_string()
            } else {
                suggest(wanted, &candidates, "one of the profiles")
            };
            diags.push(file_error(&project.display(&path), format!("no profile `{wanted}`"), hint));
        }
    }
    Ok(out)
}

/// The date a run takes as today: `SOURCE_DATE_EPOCH` when set (reproducible builds and tests),
/// else the clock. It only decides which contacts are stale; no output contains it.
pub fn today() -> anyhow::Result<Date> {
    let timestamp = match std::env::var("SOURCE_DATE_EPOCH") {
        Ok(s) => {
            let seconds: i64 =
                s.trim().parse().with_context(|| format!("SOURCE_DATE_EPOCH is not a number of seconds: `{s}`"))?;
            jiff::Timestamp::from_second(seconds).context("SOURCE_DATE_EPOCH is out of range")?
        }
        Err(_) => jiff::Timestamp::now(),
    };
    Ok(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date())
}

/// The date the documents carry: `SOURCE_DATE_EPOCH` when set, else the newest `updated` date of
/// the content — never the clock, so that the same inputs give the same bytes.
pub(crate) fn document_date(content: &Content) -> anyhow::Result<Date> {
    if std::env::var_os("SOURCE_DATE_EPOCH").is_some() {
        return today();
    }
    Ok(content.updated().unwrap_or(jiff::civil::date(2026, 1, 1)))
}

/// How a kit is listed on the output folder's index page.
pub(crate) fn summary(kit: &plan::Kit<'_>) -> render::site::KitSummary {
    let content = kit.content;
    let profile = kit.profile;
    let lang = profile.languages.first().unwrap_or(content.languages.source());
    let name = profile
        .practice
        .as_ref()
        .and_then(|p| p.name.clone())
        .or_else(|| profile.publisher.as_ref().and_then(|p| p.name.clone()));
    let what = format!("{} · {}", profile.profession.name.get(lang).many, profile.region.name.get(lang));
    render::site::KitSummary {
        href: format!("{}/index.html", profile.id),
        title: match name {
            Some(name) => format!("{name} — {what}"),
            None => what,
        },
        languages: profile.languages.iter().map(|l| content.languages.name(l)).collect::<Vec<_>>().join(", "),
    }
}
