//! The commands, one file each: each runs on the project and returns its [`Outcome`] — the
//! diagnostics and the closing line — for `main` to print.

mod args;
mod build;
mod check;
mod list;
mod new;
mod serve;

pub use args::Cli;
use args::Command;
use cyberkit::diag::Diagnostics;
use cyberkit::project::Project;

/// What a command has to say when it is done.
pub struct Outcome {
    pub diags: Diagnostics,
    /// The closing line when there is no error (none when empty).
    pub done: String,
    /// What the errors left as it was, when some work was done all the same; without it, the
    /// errors mean that nothing was written.
    pub left: Option<String>,
}

impl Outcome {
    /// Done, with this closing line, unless `diags` holds errors.
    pub fn done(diags: Diagnostics, done: impl FnOnce() -> String) -> Self {
        let done = if diags.has_errors() { String::new() } else { done() };
        Outcome { diags, done, left: None }
    }

    /// Stopped by the user's errors: nothing was written.
    pub fn stopped(diags: Diagnostics) -> Self {
        Outcome { diags, done: String::new(), left: None }
    }
}

pub fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let project = Project::new(cli.project);
    let today = cyberkit::clock::today()?;
    match cli.command {
        Command::Check { profiles } => check::run(&project, &profiles, today),
        Command::Build { profiles, out, force, emit_typst, print_shop, timings } => {
            let options = build::Options { profiles, out, force, emit_typst, print_shop, timings };
            build::run(&project, &options, today)
        }
        Command::New { profile, profession, region } => new::run(&project, &profile, &profession, &region, today),
        Command::List { what } => list::run(&project, what, today),
        Command::Serve { profiles, port, bind, open, poll, out } => {
            serve::run(&project, &serve::Options { profiles, port, bind, open, poll, out }, today)
        }
    }
}

/// The content and the selected profiles, checked; `None` when the user's input has errors
/// (in `diags`).
fn checked(
    project: &Project,
    selection: &[String],
    today: cyberkit::model::Date,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<cyberkit::Checked>> {
    if !project.is_project(diags) {
        return Ok(None);
    }
    let paths = project.profile_paths(selection, diags)?;
    cyberkit::check(project, &paths, today, diags)
}

/// `content/` alone, checked.
fn content(
    project: &Project,
    today: cyberkit::model::Date,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<cyberkit::model::Content>> {
    if !project.is_project(diags) {
        return Ok(None);
    }
    cyberkit::content(project, today, diags)
}

pub fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}
