//! `cyberkit check`: the content and the profiles checked, nothing written.

use cyberkit::diag::Diagnostics;
use cyberkit::model::Date;
use cyberkit::project::Project;

use super::{Outcome, plural};

pub fn run(project: &Project, profiles: &[String], today: Date) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let checked = super::checked(project, profiles, today, &mut diags)?;
    let (modules, languages, count) = checked
        .as_ref()
        .map(|c| (c.content.modules.len(), c.content.languages.codes().len(), c.profiles.len()))
        .unwrap_or_default();
    Ok(Outcome::done(diags, || {
        format!("checked {count} {}, {modules} modules in {languages} languages", plural(count, "profile"))
    }))
}
