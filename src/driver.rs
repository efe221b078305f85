//! The build driver: every planned kit rendered and written, kits in parallel. The threads and
//! the timing live here, so that the render stage stays free of them.
//!
//! The renderers share one Typst environment and one Tera instance, built once per process; one
//! worker thread per core renders a whole kit (its print documents, then its site) and hands it
//! to the write stage, which swaps it in whole. When fewer kits are to be built than there are
//! cores, a kit's languages are rendered on threads of their own. Kits of one profession are
//! queued together, so that Typst's memoised layout of their shared modules serves the next kit;
//! results that the last kits did not use are evicted, which keeps memory flat however many kits
//! are built.

use std::path::Path;
use std::time::{Duration, Instant};

use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use anyhow::Context as _;

use crate::fingerprint::ContentHashes;
use crate::plan::Kit;
use crate::project::Project;
use crate::render::print::{Overflow, Overflows};
use crate::render::{self, Renderer as _};
use crate::{Checked, output, plan};

/// A Typst result unused while this many kits were built is dropped from the memo cache.
const MEMO_AGE: usize = 8;

/// Deep documents recurse deeply in Typst's layout; the default 2 MiB stack is not enough. It is
/// address space, not memory, until it is used.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// One worker thread per core.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, |n| n.get())
}

/// Runs `work` on every kit, in order, on one worker thread per core, and returns the results in
/// the kits' order; the first failure that `stops` stops the workers taking new kits (the kits
/// not taken have no result).
///
/// Each worker takes the next kit from a shared counter. Rayon's `par_iter` would be simpler, but
/// a rayon worker that waits inside Typst's own parallel code steals other kits onto its stack,
/// so that dozens of kits end up half-done at once, holding their memory.
fn in_parallel<K: Sync, T: Send>(
    kits: &[K],
    work: impl Fn(&K) -> anyhow::Result<T> + Sync,
    stops: impl Fn(&anyhow::Error) -> bool + Sync,
) -> anyhow::Result<Vec<anyhow::Result<T>>> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let done = Mutex::new(Vec::with_capacity(kits.len()));
    let workers = cores().min(kits.len().max(1));
    std::thread::scope(|scope| -> anyhow::Result<()> {
        let mut handles = Vec::new();
        for _ in 0..workers {
            let worker = std::thread::Builder::new().name("cyberkit-kit".into()).stack_size(WORKER_STACK);
            handles.push(
                worker
                    .spawn_scoped(scope, || {
                        while !failed.load(Ordering::Relaxed) {
                            let i = next.fetch_add(1, Ordering::Relaxed);
                            let Some(kit) = kits.get(i) else { break };
                            let result = work(kit);
                            failed.fetch_or(result.as_ref().is_err_and(&stops), Ordering::Relaxed);
                            done.lock().unwrap_or_else(|e| e.into_inner()).push((i, result));
                        }
                    })
                    .context("failed to start a worker thread")?,
            );
        }
        for handle in handles {
            // A worker that panicked: let the panic go on, as it would without threads.
            if let Err(panic) = handle.join() {
                std::panic::resume_unwind(panic);
            }
        }
        Ok(())
    })?;
    let mut done = done.into_inner().unwrap_or_else(|e| e.into_inner());
    done.sort_by_key(|(i, _)| *i);
    Ok(done.into_iter().map(|(_, result)| result).collect())
}

/// What the caller sees of the build as it goes: one call per kit done.
pub trait Progress: Sync {
    fn start(&self, kits: usize);
    fn kit_done(&self, id: &str);
}

/// Nothing to show: for tests and piped output.
pub struct Quiet;

impl Progress for Quiet {
    fn start(&self, _: usize) {}
    fn kit_done(&self, _: &str) {}
}

/// How to build.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Rebuild every kit, even those whose manifest says they are up to date.
    pub force: bool,
    /// Also write each print document as a standalone Typst project into this folder:
    /// `<dir>/<kit>/<lang>/<document>/`, with the fonts in `<dir>/fonts/`. Renders every kit.
    pub emit_typst: Option<std::path::PathBuf>,
}

/// What was built.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Report {
    pub kits: usize,
    /// Kits left as they were: their inputs have not changed since they were built.
    pub unchanged: usize,
    pub files: usize,
    /// Print documents (PDFs) and their pages.
    pub documents: usize,
    pub pages: usize,
    pub elapsed: Duration,
    /// Time the workers spent in each renderer, summed over the workers.
    pub print_time: Duration,
    pub site_time: Duration,
}

/// Kits that were not built because documents of theirs overflow (the user's to fix), every
/// one of them; the other kits were built.
#[derive(Debug)]
pub struct Unbuilt {
    pub overflows: Overflows,
    /// The kits built, and those left unchanged.
    pub report: Report,
}

impl std::fmt::Display for Unbuilt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.overflows.fmt(f)
    }
}

impl std::error::Error for Unbuilt {}

/// Builds the kits of checked profiles into `out`, in parallel, each swapped in whole when it is
/// done: a kit that fails leaves its previous version in place. A kit whose documents overflow
/// does not stop the others ([`Unbuilt`] lists them all); any other failure stops the build.
pub fn build(
    project: &Project,
    checked: &Checked,
    out: &Path,
    options: Options,
    progress: &dyn Progress,
) -> anyhow::Result<Report> {
    let start = Instant::now();
    let hashes = ContentHashes::read(project)?;
    output::clear_staging(out)?;
    let mut kits = plan::plan(checked, crate::document_date(&checked.content)?);
    // Kits that share most of their documents follow each other: a profession's kits differ
    // only in their contacts.
    kits.sort_by(|a, b| {
        (&a.profile.profession.slug, &a.profile.languages, &a.profile.id).cmp(&(
            &b.profile.profession.slug,
            &b.profile.languages,
            &b.profile.id,
        ))
    });
    let site = render::site::Site::new()?;
    let print = match &options.emit_typst {
        Some(dir) => {
            output::write_sources(dir, &render::print::Print::fonts())?;
            render::print::Print::emitting_sources()?
        }
        None => render::print::Print::new()?,
    };
    let reuse = !options.force && options.emit_typst.is_none();
    // Typst's own parallel work (in layout and PDF export) runs on rayon's global pool; its
    // threads get the same large stack. An error means the pool already exists: keep it.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK).build_global();
    // Each kit with the hash of its inputs, and whether the kit in `out` was built from them.
    let mut work = Vec::with_capacity(kits.len());
    for kit in &kits {
        let inputs = hashes.kit(kit)?;
        let stale = !(reuse && output::up_to_date(out, &kit.profile.id, &inputs));
        work.push((kit, inputs, stale));
    }
    // Fewer kits to build than cores: each kit's languages are rendered at once.
    let split = work.iter().filter(|(_, _, stale)| *stale).count() < cores();
    progress.start(kits.len());
    let kit_report = |(kit, inputs, stale): &(&Kit<'_>, String, bool)| -> anyhow::Result<Report> {
        if !stale {
            progress.kit_done(&kit.profile.id);
            return Ok(Report { unchanged: 1, ..Report::default() });
        }
        let report = build_kit(kit, inputs, &print, &site, out, options.emit_typst.as_deref(), split)?;
        progress.kit_done(&kit.profile.id);
        comemo::evict(MEMO_AGE);
        Ok(report)
    };
    let results = in_parallel(&work, kit_report, |e| !(e.is::<Overflows>() || e.is::<Overflow>()))?;
    comemo::evict(0);
    let (mut reports, mut overflows) = (Vec::new(), Vec::new());
    for result in results {
        match result {
            Ok(report) => reports.push(report),
            Err(e) => overflows.extend(Overflows::of(e)?),
        }
    }
    let built = reports.iter().map(|r| r.kits).sum::<usize>();
    // A build whose every kit failed leaves the output as it was, index included.
    if overflows.is_empty() || built > 0 {
        let content = &checked.content;
        let source = content.languages.source();
        let index = site.index(&output::kits(out)?, source.code(), content.ui.get(source, "index_title"))?;
        // Left untouched when it says the same: a build with nothing to do writes nothing.
        if std::fs::read(out.join(&index.path)).ok().as_deref() != Some(&index.bytes[..]) {
            output::write_file(out, &index)?;
        }
    }
    let mut total = reports.into_iter().fold(Report::default(), |mut total, r| {
        total.kits += r.kits;
        total.unchanged += r.unchanged;
        total.files += r.files;
        total.documents += r.documents;
        total.pages += r.pages;
        total.print_time += r.print_time;
        total.site_time += r.site_time;
        total
    });
    total.elapsed = start.elapsed();
    match overflows.is_empty() {
        true => Ok(total),
        false => Err(Unbuilt { overflows: Overflows(overflows), report: total }.into()),
    }
}

/// The print documents of a kit; with `split`, each language on a thread of its own, so that
/// one kit to rebuild (a profile changed) keeps every core busy.
fn print_kit(print: &render::print::Print, kit: &Kit<'_>, split: bool) -> anyhow::Result<Vec<render::Artifact>> {
    let languages = &kit.profile.languages;
    if !split || languages.len() < 2 {
        return print.render(kit, &[]);
    }
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for lang in languages {
            let thread = std::thread::Builder::new().name("cyberkit-language".into()).stack_size(WORKER_STACK);
            handles.push(
                thread.spawn_scoped(scope, || print.render_language(kit, lang)).context("failed to start a thread")?,
            );
        }
        let results: Vec<_> = handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect();
        Overflows::gather(results)
    })
}

/// Renders one kit, print first (the site's downloads page lists its documents), and writes it.
fn build_kit(
    kit: &Kit<'_>,
    inputs: &str,
    print: &render::print::Print,
    site: &render::site::Site,
    out: &Path,
    emit_typst: Option<&Path>,
    split: bool,
) -> anyhow::Result<Report> {
    let id = &kit.profile.id;
    let start = Instant::now();
    let printed = print_kit(print, kit, split).with_context(|| format!("the print renderer failed on {id}"))?;
    let (sources, mut files): (Vec<_>, Vec<_>) =
        printed.into_iter().partition(|f| f.path.starts_with(render::print::SOURCES));
    if let Some(dir) = emit_typst {
        let sources: Vec<_> = sources
            .into_iter()
            .map(|f| render::Artifact { path: format!("{id}/{}", &f.path[render::print::SOURCES.len()..]), ..f })
            .collect();
        output::write_sources(dir, &sources)?;
    }
    let print_time = start.elapsed();
    let start = Instant::now();
    let pages = site.render(kit, &files).with_context(|| format!("the site renderer failed on {id}"))?;
    let site_time = start.elapsed();
    files.extend(pages);
    let report = Report {
        kits: 1,
        unchanged: 0,
        files: files.len(),
        documents: files.iter().filter(|f| f.pages > 0).count(),
        pages: files.iter().map(|f| f.pages).sum(),
        elapsed: Duration::ZERO,
        print_time,
        site_time,
    };
    output::write_kit(out, id, inputs, crate::summary(kit), files)?;
    Ok(report)
}
