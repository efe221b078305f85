//! `cyberkit list`: the professions, the regions (with their CSIRT) or the modules.

use std::io::Write as _;

use anyhow::Context as _;
use cyberkit::diag::Diagnostics;
use cyberkit::model::Date;
use cyberkit::project::Project;

use super::Outcome;
use super::args::ListWhat;

pub fn run(project: &Project, what: ListWhat, today: Date) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let Some(content) = super::content(project, today, &mut diags)? else { return Ok(Outcome::stopped(diags)) };
    let text = match what {
        ListWhat::Professions => cyberkit::list::professions(&content),
        ListWhat::Regions => cyberkit::list::regions(&content),
        ListWhat::Modules => cyberkit::list::modules(&content),
    };
    std::io::stdout().write_all(text.as_bytes()).context("failed to write to standard output")?;
    Ok(Outcome::done(diags.errors_only(), String::new))
}
