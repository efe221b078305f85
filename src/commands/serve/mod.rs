//! `cyberkit serve`: a live preview. The kits are built into a folder of the preview's own (never
//! `output/`, unless `--out` asks for it), served on `http://127.0.0.1:<port>/`, and built again,
//! incrementally, when a file of `content/` or `profiles/` or a logo changes; the open pages
//! reload, or show the diagnostics while the input is wrong, the last good kits still served.
//! Ctrl-C stops it and removes its own folder (a folder asked for keeps the kits).

mod http;
mod watch;

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use anyhow::Context as _;
use cyberkit::diag::Diagnostics;
use cyberkit::driver::{Quiet, Settings};
use cyberkit::model::Date;
use cyberkit::project::Project;

use super::Outcome;
use http::{News, Pages};

/// What `serve` was asked on the command line.
pub struct Options {
    pub profiles: Vec<String>,
    /// The port asked for; without one, the first free from 8080.
    pub port: Option<u16>,
    pub bind: IpAddr,
    pub open: bool,
    /// Look at the files rather than wait for the system's change events.
    pub poll: bool,
    /// The folder to build into and leave the kits in; without it, one of the preview's own.
    pub out: Option<PathBuf>,
}

/// How many ports after the first `serve` tries when none was asked for.
const PORTS_TRIED: u16 = 20;

pub fn run(project: &Project, options: &Options, today: Date) -> anyhow::Result<Outcome> {
    if let Some(out) = &options.out {
        // Reported as the input's problems, before any work.
        let mut diags = Diagnostics::default();
        if let Some(problem) = cyberkit::output::unusable(out) {
            diags.push(problem);
        }
        let watched = [project.content(), project.profiles()];
        if watched.iter().any(|folder| lexical(out).starts_with(lexical(folder))) {
            diags.push(cyberkit::diag::file_error(
                &project.display(out),
                "is inside a folder the preview watches: each build would start the next",
                "choose a folder outside content/ and profiles/, e.g. `--out output`",
            ));
        }
        if diags.has_errors() {
            return Ok(Outcome::stopped(diags));
        }
    }
    let folder = Folder::new(options.out.as_deref())?;
    let (server, address) = listen(options)?;
    if !options.bind.is_loopback() {
        eprintln!("warning: serving on {address}: anyone who can reach this address can read the kits");
    }
    let pages = Arc::new(Pages::default());
    let stop = Arc::new(AtomicBool::new(false));
    {
        let stop = Arc::clone(&stop);
        ctrlc::set_handler(move || stop.store(true, Ordering::SeqCst)).context("catching Ctrl-C")?;
    }
    // Watching from before the first build: a file saved while it runs is built next.
    let mut watcher = watcher(project, options.poll);
    watcher.also(&logos_outside(project, options));
    // The kits served, whose folders go when their profiles do.
    let mut kits = Vec::new();
    let mut shown_errors = report(&build(project, options, &folder.path, today, &mut kits)?, &pages, false);
    let shown =
        if options.bind.is_unspecified() { SocketAddr::new([127, 0, 0, 1].into(), address.port()) } else { address };
    // On standard output, alone on its line: what a script or a test waits for.
    println!("http://{shown}/");
    eprintln!("serving the kits from {} (Ctrl-C to stop)", folder.path.display());
    if options.open
        && let Err(e) = open(&format!("http://{shown}/"))
    {
        eprintln!("warning: could not open a browser ({e}); open http://{shown}/ in yours");
    }
    let server = Arc::new(server);
    let answering = {
        let (server, root, pages) = (Arc::clone(&server), folder.path.clone(), Arc::clone(&pages));
        std::thread::spawn(move || {
            for request in server.incoming_requests() {
                http::answer(request, &root, &pages);
            }
        })
    };
    while !stop.load(Ordering::SeqCst) {
        // Not long: Ctrl-C is looked at between two waits.
        if watcher.changed(Duration::from_millis(100)) {
            // A file that cannot be read now (an editor halfway through saving it) is reported
            // like the input's errors, and the next change builds again.
            let built = build(project, options, &folder.path, today, &mut kits).unwrap_or_else(|e| Built {
                lines: vec![format!("error: {e:#}")],
                failed: true,
                changed: false,
            });
            shown_errors = report(&built, &pages, shown_errors);
            watcher.also(&logos_outside(project, options));
        }
    }
    server.unblock();
    let _ = answering.join();
    let done = if folder.own {
        "stopped; the preview's folder is removed".to_string()
    } else {
        format!("stopped; the kits are left in {}", project.display(&folder.path).display())
    };
    drop(folder);
    Ok(Outcome::done(Diagnostics::default(), || done))
}

/// The watcher asked for: the system's change events, or looking at the files with `--poll` or
/// where the system cannot watch them (the warning says so).
fn watcher(project: &Project, poll: bool) -> watch::Watcher {
    if poll {
        return watch::Watcher::polling(project);
    }
    watch::Watcher::events(project).unwrap_or_else(|e| {
        eprintln!("warning: {e:#}; looking at the files a few times a second instead (as `--poll` does)");
        watch::Watcher::polling(project)
    })
}

/// The logos of the profiles served that lie outside `content/` and `profiles/`, which the
/// watcher watches anyway.
fn logos_outside(project: &Project, options: &Options) -> Vec<PathBuf> {
    let mut diags = Diagnostics::default();
    let Ok(paths) = project.profile_paths(&options.profiles, &mut diags) else { return Vec::new() };
    let (content, profiles) = (lexical(&project.content()), lexical(&project.profiles()));
    paths
        .iter()
        .filter_map(|path| cyberkit::load::profile(project, path, &mut diags).ok().flatten())
        .filter_map(|raw| {
            let logo = raw.publisher?.logo?;
            Some(lexical(&project.root.join(raw.path.parent()?.join(logo.value.trim()))))
        })
        .filter(|logo| !logo.starts_with(&content) && !logo.starts_with(&profiles))
        .collect()
}

/// `path` absolute, its `.` and `..` resolved by their names (`profiles/../logo.png` is
/// `logo.png`), as a logo's path is written.
fn lexical(path: &Path) -> PathBuf {
    cyberkit::files::normal(&std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf()))
}

/// The folder the preview builds into: the one asked for (`--out`), or its own, removed when it
/// is dropped.
struct Folder {
    path: PathBuf,
    own: bool,
}

impl Folder {
    fn new(asked: Option<&Path>) -> anyhow::Result<Self> {
        let (path, own) = match asked {
            Some(dir) => (dir.to_path_buf(), false),
            None => (std::env::temp_dir().join(format!("cyberkit-serve-{}", std::process::id())), true),
        };
        std::fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
        Ok(Folder { path, own })
    }
}

impl Drop for Folder {
    fn drop(&mut self) {
        if self.own {
            let _ = std::fs::remove_dir_all(&self.path);
        }
    }
}

/// The server, on the port asked for, or the first free one from 8080.
fn listen(options: &Options) -> anyhow::Result<(tiny_http::Server, SocketAddr)> {
    let ports: Vec<u16> = match options.port {
        Some(port) => vec![port],
        None => (8080..8080 + PORTS_TRIED).collect(),
    };
    let mut last = None;
    for port in ports {
        match tiny_http::Server::http(SocketAddr::new(options.bind, port)) {
            Ok(server) => {
                let address = server.server_addr().to_ip().unwrap_or(SocketAddr::new(options.bind, port));
                return Ok((server, address));
            }
            Err(e) => last = Some(e),
        }
    }
    let why = last.map(|e| e.to_string()).unwrap_or_default();
    match options.port {
        Some(port) => anyhow::bail!("cannot serve on {}:{port}: {why}; choose another with `--port`", options.bind),
        None => anyhow::bail!("no free port from 8080 to {}: {why}; choose one with `--port`", 8080 + PORTS_TRIED - 1),
    }
}

/// What a build said: its diagnostics as `check` prints them, whether it failed, and whether
/// it changed what is served.
struct Built {
    lines: Vec<String>,
    failed: bool,
    changed: bool,
}

/// Builds the kits into the preview's folder, the kits unchanged since the last build left as
/// they are; a build that fails leaves the last good kits.
fn build(
    project: &Project,
    options: &Options,
    out: &Path,
    today: Date,
    served: &mut Vec<String>,
) -> anyhow::Result<Built> {
    let mut diags = Diagnostics::default();
    let checked = super::checked(project, &options.profiles, today, &mut diags)?;
    let mut failed = diags.has_errors();
    let mut changed = false;
    if let Some(checked) = checked.filter(|_| !failed) {
        let settings = Settings {
            out: out.to_path_buf(),
            force: false,
            emit_typst: None,
            print_shop: false,
            date: cyberkit::clock::document_date(&checked.content)?,
            // The next build, after the next edit, reuses the layout of all the edit left alone.
            keep_memo: true,
        };
        // First, so that the kits' index the build writes does not list them.
        let ids: Vec<String> = checked.profiles.iter().map(|p| p.id.clone()).collect();
        let forgotten = forget_gone(out, served, &ids)?;
        *served = ids;
        let report = cyberkit::driver::build(project, &checked, &settings, &Quiet)?;
        failed = !report.overflows.is_empty();
        changed = forgotten > 0 || report.kits > 0;
        for overflow in report.overflows {
            diags.push(overflow);
        }
    }
    Ok(Built { lines: diags.sorted().iter().map(ToString::to_string).collect(), failed, changed })
}

/// Removes from the preview's folder the kits it served (`before`) whose profiles are gone
/// (deleted or renamed): a kit is a folder with its manifest. Other kits in a folder asked for
/// (`--out output`) are the user's, and stay. Says how many it removed.
fn forget_gone(out: &Path, before: &[String], now: &[String]) -> anyhow::Result<usize> {
    let mut removed = 0;
    for gone in before.iter().filter(|id| !now.contains(id)) {
        let path = out.join(gone);
        if path.join("manifest.json").is_file() {
            std::fs::remove_dir_all(&path).with_context(|| format!("removing {}", path.display()))?;
            removed += 1;
        }
    }
    Ok(removed)
}

/// Prints what a build said, and tells the open pages: its errors, or to reload when it changed
/// a kit or cleared the errors they show (`shown_errors`). Says whether the pages now show
/// errors.
fn report(built: &Built, pages: &Pages, shown_errors: bool) -> bool {
    for line in &built.lines {
        eprintln!("{line}");
    }
    if built.failed {
        eprintln!("error: the kits did not build; the last good ones are still served");
        let errors = built.lines.iter().filter(|l| l.starts_with("error")).cloned().collect();
        pages.tell(&News::Errors(errors));
    } else if built.changed || shown_errors {
        eprintln!("built; the open pages reload");
        pages.tell(&News::Reload);
    } else {
        // A file no kit reads, or saved unchanged: the pages stay as they are.
        eprintln!("no kit changed");
    }
    built.failed
}

/// Opens the address in the system's browser.
fn open(address: &str) -> std::io::Result<std::process::Child> {
    let program = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    std::process::Command::new(program).arg(address).spawn()
}
