//! `cyberkit new`: a commented starter profile, `profiles/<name>.toml`, that passes `check`.

use anyhow::Context as _;
use cyberkit::diag::{Diagnostics, file_error, suggest};
use cyberkit::model::{Content, Date};
use cyberkit::project::Project;

use super::Outcome;

pub fn run(project: &Project, profile: &str, profession: &str, region: &str, today: Date) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let Some(content) = super::content(project, today, &mut diags)? else { return Ok(Outcome::stopped(diags)) };
    // The contacts' warnings belong to `check` and `build`, not to writing a starter.
    let mut diags = diags.errors_only();
    let Some(text) = starter(project, &content, profile, profession, region, &mut diags) else {
        return Ok(Outcome::stopped(diags));
    };
    let path = project.profiles().join(format!("{profile}.toml"));
    std::fs::create_dir_all(project.profiles())
        .with_context(|| format!("failed to create {}", project.profiles().display()))?;
    std::fs::write(&path, text).with_context(|| format!("failed to write {}", path.display()))?;
    let shown = project.display(&path);
    Ok(Outcome::done(diags, || format!("wrote {}: fill it in, then run `cyberkit check {profile}`", shown.display())))
}

/// The starter profile's text, after checking its name, profession and region.
fn starter(
    project: &Project,
    content: &Content,
    profile: &str,
    profession: &str,
    region: &str,
    diags: &mut Diagnostics,
) -> Option<String> {
    let path = project.profiles().join(format!("{profile}.toml"));
    let shown = project.display(&path);
    if !cyberkit::validate::field::is_slug(profile) {
        diags.push(file_error(
            &shown,
            format!("`{profile}` cannot name a profile"),
            "use lowercase letters, digits and hyphens, e.g. `cabinet-dupont`",
        ));
    } else if path.exists() {
        diags.push(file_error(&shown, "the profile already exists", "choose another name, or edit that file"));
    }
    let reference = &content.reference;
    let found_profession = reference.profession(profession);
    if found_profession.is_none() {
        let slugs: Vec<&str> = reference.professions.iter().map(|p| p.slug.as_str()).collect();
        let hint = format!("{}; `cyberkit list professions` shows them all", suggest(profession, &slugs, "one of"));
        diags.push(file_error(&shown, format!("unknown profession `{profession}`"), hint));
    }
    let found_region = reference.region(region);
    if found_region.is_none() {
        let slugs: Vec<&str> = reference.regions.iter().map(|r| r.slug.as_str()).collect();
        let hint = format!("{}; `cyberkit list regions` shows them all", suggest(region, &slugs, "one of"));
        diags.push(file_error(&shown, format!("unknown region `{region}`"), hint));
    }
    match (found_profession, found_region) {
        (Some(p), Some(r)) if !diags.has_errors() => Some(cyberkit::starter::profile(content, p, r)),
        _ => None,
    }
}
