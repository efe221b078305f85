//! The `cyberkit` binary: parses the command line, runs the command, prints the diagnostics and
//! chooses the exit code (0 done, 1 the user's input is wrong, 2 an internal or I/O failure).

mod cli;

use std::io::Write as _;
use std::process::ExitCode;

use anyhow::Context as _;
use clap::Parser as _;
use cyberkit::diag::{Diagnostics, Location, WithHint as _, file_error, suggest};
use cyberkit::driver::Unbuilt;
use cyberkit::project::Project;

use cli::{Cli, Command, ListWhat};

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug of ours, never the user's fault: report it as an internal failure.
    match std::panic::catch_unwind(|| run(cli)) {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
        Err(_) => {
            eprintln!("error: internal error (a bug in cyberkit); please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let project = Project::new(cli.project);
    let today = cyberkit::today()?;
    let mut diags = Diagnostics::default();
    match cli.command {
        Command::Check { profiles } => {
            let checked = cyberkit::check(&project, &profiles, today, &mut diags)?;
            let (modules, languages, count) = checked
                .as_ref()
                .map(|c| (c.content.modules.len(), c.content.languages.codes().len(), c.profiles.len()))
                .unwrap_or_default();
            Ok(finish(diags, || {
                format!("checked {count} {}, {modules} modules in {languages} languages", plural(count, "profile"))
            }))
        }
        Command::Build { profiles, out, force, emit_typst, timings } => {
            let out = out.unwrap_or_else(|| project.output());
            // Reported with the input's problems, before any work: the previous kits stay.
            if let Some(problem) = cyberkit::output::unusable(&out) {
                diags.push(problem);
            }
            let checked = cyberkit::check(&project, &profiles, today, &mut diags)?;
            let Some(checked) = checked.filter(|_| !diags.has_errors()) else { return Ok(finish(diags, String::new)) };
            if checked.profiles.is_empty() {
                let dir = project.display(&project.profiles());
                let hint = "create one with `cyberkit new <name> --profession <slug> --region <slug>`";
                diags.push(file_error(&dir, "there is no profile to build", hint));
                return Ok(finish(diags, String::new));
            }
            let options = cyberkit::driver::Options { force, emit_typst };
            let report = match cyberkit::driver::build(&project, &checked, &out, options, &Bar::new()) {
                Ok(report) => report,
                Err(e) => match e.downcast::<Unbuilt>() {
                    Ok(unbuilt) => return Ok(overflowed(&project, &unbuilt, diags)),
                    Err(e) => return Err(e),
                },
            };
            if timings {
                eprintln!(
                    "timings: print {:.2} s, site {:.2} s (summed over the workers)",
                    report.print_time.as_secs_f64(),
                    report.site_time.as_secs_f64()
                );
            }
            Ok(finish(diags, || {
                let unchanged =
                    if report.unchanged > 0 { format!(", {} unchanged", report.unchanged) } else { String::new() };
                format!(
                    "built {} {}{unchanged} ({} documents, {} pages, {} files) into {} in {:.2} s",
                    report.kits,
                    plural(report.kits, "kit"),
                    report.documents,
                    report.pages,
                    report.files,
                    project.display(&out).display(),
                    report.elapsed.as_secs_f64()
                )
            }))
        }
        Command::New { profile, profession, region } => {
            let Some(content) = cyberkit::content(&project, today, &mut diags)? else {
                return Ok(finish(diags, String::new));
            };
            // The contacts' warnings belong to `check` and `build`, not to writing a starter.
            let mut diags = diags.errors_only();
            let Some(text) = new_profile(&project, &content, &profile, &profession, &region, &mut diags) else {
                return Ok(finish(diags, String::new));
            };
            let path = project.profiles().join(format!("{profile}.toml"));
            std::fs::create_dir_all(project.profiles())
                .with_context(|| format!("failed to create {}", project.profiles().display()))?;
            std::fs::write(&path, text).with_context(|| format!("failed to write {}", path.display()))?;
            let shown = project.display(&path);
            Ok(finish(diags, || format!("wrote {}: fill it in, then run `cyberkit check {profile}`", shown.display())))
        }
        Command::List { what } => {
            let Some(content) = cyberkit::content(&project, today, &mut diags)? else {
                return Ok(finish(diags, String::new));
            };
            let text = match what {
                ListWhat::Professions => cyberkit::list::professions(&content),
                ListWhat::Regions => cyberkit::list::regions(&content),
                ListWhat::Modules => cyberkit::list::modules(&content),
            };
            std::io::stdout().write_all(text.as_bytes()).context("failed to write to standard output")?;
            Ok(finish(diags.errors_only(), String::new))
        }
    }
}

/// The starter profile's text, after checking its name, profession and region.
fn new_profile(
    project: &Project,
    content: &cyberkit::model::Content,
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

/// The documents that their profile's text made run onto more pages than they may, or into the
/// margin printers cannot print: each the profile's error, at its longest value. Their kits were
/// left as they were; the other kits were built.
fn overflowed(project: &Project, unbuilt: &Unbuilt, mut diags: Diagnostics) -> ExitCode {
    let mut profiles = std::collections::BTreeSet::new();
    for overflow in &unbuilt.overflows.0 {
        let shown = project.display(&overflow.profile);
        let text = std::fs::read_to_string(&overflow.profile).unwrap_or_default();
        let at = match overflow.longest.first() {
            Some((table, key, _)) => cyberkit::load::toml::key_location(&shown, &text, table, key),
            None => Location::file(&shown),
        };
        diags.push(at.error(overflow.to_string()).hint(overflow.hint()));
        profiles.insert(&overflow.profile);
    }
    let diags = diags.sorted();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
    let kits = profiles.len();
    let built = match unbuilt.report.kits {
        0 => String::new(),
        n => format!("; the {n} other {} built", if n == 1 { "kit was" } else { "kits were" }),
    };
    let _ = writeln!(
        stderr,
        "error: {errors} {}: {} left as {}{built}",
        plural(errors, "error"),
        if kits == 1 {
            "the kit of this profile was".to_string()
        } else {
            format!("the kits of these {kits} profiles were")
        },
        if kits == 1 { "it was" } else { "they were" },
    );
    ExitCode::from(1)
}

/// Prints the diagnostics, then a closing line; exit code 1 when there were errors.
fn finish(diags: Diagnostics, done: impl FnOnce() -> String) -> ExitCode {
    let diags = diags.sorted();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
    if errors > 0 {
        let _ = writeln!(
            stderr,
            "error: {errors} {}, {warnings} {}: nothing was written",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        return ExitCode::from(1);
    }
    let line = done();
    if !line.is_empty() {
        let tail = if warnings > 0 { format!(" ({warnings} {})", plural(warnings, "warning")) } else { String::new() };
        let _ = writeln!(stderr, "{line}{tail}");
    }
    ExitCode::SUCCESS
}

/// The build's progress bar, on the terminal only: drawn on stderr, hidden when stderr is a
/// pipe or a file, so that logs hold the closing line alone.
struct Bar(indicatif::ProgressBar);

impl Bar {
    fn new() -> Self {
        let bar = indicatif::ProgressBar::with_draw_target(None, indicatif::ProgressDrawTarget::stderr());
        let style = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} kits  {msg}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar());
        bar.set_style(style);
        Bar(bar)
    }
}

impl cyberkit::driver::Progress for Bar {
    fn start(&self, kits: usize) {
        self.0.set_length(kits as u64);
    }

    fn kit_done(&self, id: &str) {
        self.0.set_message(id.to_string());
        self.0.inc(1);
    }
}

impl Drop for Bar {
    fn drop(&mut self) {
        self.0.finish_and_clear();
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 { word.to_string() } else { format!("{word}s") }
}
