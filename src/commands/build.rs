//! `cyberkit build`: the kits of the given profiles, written into the output folder.

use std::path::PathBuf;

use cyberkit::diag::{Diagnostics, file_error};
use cyberkit::driver::{Progress, Report, Settings};
use cyberkit::model::Date;
use cyberkit::project::Project;

use super::{Outcome, plural};

/// What `build` was asked on the command line.
pub struct Options {
    pub profiles: Vec<String>,
    pub out: Option<PathBuf>,
    pub force: bool,
    pub emit_typst: Option<PathBuf>,
    pub print_shop: bool,
    pub timings: bool,
}

pub fn run(project: &Project, options: &Options, today: Date) -> anyhow::Result<Outcome> {
    let mut diags = Diagnostics::default();
    let out = options.out.clone().unwrap_or_else(|| project.output());
    // Reported with the input's problems, before any work: the previous kits stay.
    if let Some(problem) = cyberkit::output::unusable(&out) {
        diags.push(problem);
    }
    let checked = super::checked(project, &options.profiles, today, &mut diags)?;
    let Some(checked) = checked.filter(|_| !diags.has_errors()) else { return Ok(Outcome::stopped(diags)) };
    if checked.profiles.is_empty() {
        let dir = project.display(&project.profiles());
        let hint = "create one with `cyberkit new <name> --profession <slug> --region <slug>`";
        diags.push(file_error(&dir, "there is no profile to build", hint));
        return Ok(Outcome::stopped(diags));
    }
    let settings = Settings {
        out,
        force: options.force,
        emit_typst: options.emit_typst.clone(),
        print_shop: options.print_shop,
        date: cyberkit::clock::document_date(&checked.content)?,
        keep_memo: false,
    };
    let report = cyberkit::driver::build(project, &checked, &settings, &Bar::new())?;
    if options.timings {
        eprintln!(
            "timings: print {:.2} s, site {:.2} s (summed over the workers)",
            report.print_time.as_secs_f64(),
            report.site_time.as_secs_f64()
        );
    }
    if !report.overflows.is_empty() {
        return Ok(unbuilt(diags, report));
    }
    let shown = project.display(&settings.out);
    Ok(Outcome::done(diags, || {
        let unchanged = if report.unchanged > 0 { format!(", {} unchanged", report.unchanged) } else { String::new() };
        format!(
            "built {} {}{unchanged} ({} documents, {} pages, {} files) into {} in {:.2} s",
            report.kits,
            plural(report.kits, "kit"),
            report.documents,
            report.pages,
            report.files,
            shown.display(),
            report.elapsed.as_secs_f64()
        )
    }))
}

/// The documents that their profile's text made run onto more pages than they may, or into the
/// margin printers cannot print: each the profile's error, at its longest value. Their kits were
/// left as they were; the other kits were built.
fn unbuilt(mut diags: Diagnostics, report: Report) -> Outcome {
    let kits = report.unbuilt;
    for overflow in report.overflows {
        diags.push(overflow);
    }
    let built = match report.kits {
        0 => String::new(),
        n => format!("; the {n} other {} built", if n == 1 { "kit was" } else { "kits were" }),
    };
    let left = format!(
        "{} left as {}{built}",
        if kits == 1 {
            "the kit of this profile was".to_string()
        } else {
            format!("the kits of these {kits} profiles were")
        },
        if kits == 1 { "it was" } else { "they were" },
    );
    Outcome { diags, done: String::new(), left: Some(left) }
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

impl Progress for Bar {
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
