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

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use anyhow::Context as _;

use crate::diag::Diagnostic;
use crate::fingerprint::ContentHashes;
use crate::model::Date;
use crate::plan::{DocumentKind, Kit};
use crate::project::Project;
use crate::render::print::{Print, Printed};
use crate::render::site::{KitSummary, Site};
use crate::{Checked, output, plan, render};

/// A Typst result unused while this many kits were built is dropped from the memo cache.
const MEMO_AGE: usize = 8;

/// Deep documents recurse deeply in Typst's layout; the default 2 MiB stack is not enough. It is
/// address space, not memory, until it is used.
const WORKER_STACK: usize = 64 * 1024 * 1024;

/// One worker thread per core.
fn cores() -> usize {
    std::thread::available_parallelism().map_or(2, std::num::NonZero::get)
}

/// Runs `work` on every kit, in order, on one worker thread per core, and returns the results in
/// the kits' order; the first failure stops the workers taking new kits (the kits not taken have
/// no result).
///
/// Each worker takes the next kit from a shared counter. Rayon's `par_iter` would be simpler, but
/// a rayon worker that waits inside Typst's own parallel code steals other kits onto its stack,
/// so that dozens of kits end up half-done at once, holding their memory.
fn in_parallel<K: Sync, T: Send>(
    kits: &[K],
    work: impl Fn(&K) -> anyhow::Result<T> + Sync,
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
                            failed.fetch_or(result.is_err(), Ordering::Relaxed);
                            done.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push((i, result));
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
    let mut done = done.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
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

/// How to build: what `cyberkit build` was asked for.
#[derive(Debug, Clone)]
pub struct Settings {
    /// Where the kits are written: `output/` unless `--out` says otherwise.
    pub out: PathBuf,
    /// Rebuild every kit, even those whose manifest says they are up to date.
    pub force: bool,
    /// Also write each print document as a standalone Typst project into this folder:
    /// `<dir>/<kit>/<lang>/<document>/`, with the fonts in `<dir>/fonts/`. Renders every kit.
    pub emit_typst: Option<PathBuf>,
    /// Also make the print-shop copies of the booklet and the posters (`--print-shop`): a URPS's
    /// files for a professional printer, not the site's.
    pub print_shop: bool,
    /// The date the documents carry ([`crate::clock::document_date`]).
    pub date: Date,
    /// Keep Typst's memoised work when the build is done, for the next build of the same
    /// process to reuse: a preview's, where a module's edit then lays out that module again and
    /// not every other. A one-off build frees it.
    pub keep_memo: bool,
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
    /// The profiles' errors that left their kits as they were: documents that overflow, every
    /// one of them. The other kits were built.
    pub overflows: Vec<Diagnostic>,
    /// How many kits the overflows left unbuilt.
    pub unbuilt: usize,
}

impl Report {
    fn add(mut self, other: Report) -> Report {
        self.kits += other.kits;
        self.unchanged += other.unchanged;
        self.files += other.files;
        self.documents += other.documents;
        self.pages += other.pages;
        self.print_time += other.print_time;
        self.site_time += other.site_time;
        self.overflows.extend(other.overflows);
        self.unbuilt += other.unbuilt;
        self
    }
}

/// Builds the kits of checked profiles into `settings.out`, in parallel, each swapped in whole
/// when it is done: a kit that fails leaves its previous version in place. A kit whose documents
/// overflow does not stop the others (the report lists every overflow); any other failure stops
/// the build.
pub fn build(
    project: &Project,
    checked: &Checked,
    settings: &Settings,
    progress: &dyn Progress,
) -> anyhow::Result<Report> {
    let start = Instant::now();
    let out = &settings.out;
    let hashes = ContentHashes::read(project)?;
    output::clear_staging(out)?;
    let mut kits = plan::plan(&checked.content, &checked.profiles, settings.date);
    if !settings.print_shop {
        for kit in &mut kits {
            kit.documents.retain(|d| !matches!(d.kind, DocumentKind::PrintShop { .. }));
        }
    }
    let kits = in_build_order(kits);
    let (print, site) = renderers(settings)?;
    // Typst's own parallel work (in layout and PDF export) runs on rayon's global pool; its
    // threads get the same large stack. An error means the pool already exists: keep it.
    let _ = rayon::ThreadPoolBuilder::new().stack_size(WORKER_STACK).build_global();
    // Each kit with the hash of its inputs, and whether the kit in `out` was built from them.
    let reuse = !settings.force && settings.emit_typst.is_none();
    let mut work = Vec::with_capacity(kits.len());
    for kit in &kits {
        let inputs = hashes.kit(project, kit)?;
        let stale = !(reuse && output::up_to_date(out, &kit.profile.id, &inputs));
        work.push((kit, inputs, stale));
    }
    // Fewer kits to build than cores: each kit's languages are rendered at once.
    let split = work.iter().filter(|(_, _, stale)| *stale).count() < cores();
    progress.start(kits.len());
    let kit_report = |(kit, inputs, stale): &(&Kit<'_>, String, bool)| -> anyhow::Result<Report> {
        let report = match stale {
            true => build_kit(project, kit, inputs, &print, &site, settings, split)?,
            false => Report { unchanged: 1, ..Report::default() },
        };
        progress.kit_done(&kit.profile.id);
        comemo::evict(MEMO_AGE);
        Ok(report)
    };
    let results = in_parallel(&work, kit_report)?;
    comemo::evict(if settings.keep_memo { MEMO_AGE } else { 0 });
    let mut total = results.into_iter().try_fold(Report::default(), |total, r| r.map(|r| total.add(r)))?;
    // A build whose every kit failed leaves the output as it was, index included.
    if total.overflows.is_empty() || total.kits > 0 {
        write_index(checked, &site, out)?;
        write_shared(out)?;
    }
    total.elapsed = start.elapsed();
    Ok(total)
}

/// Kits that share most of their documents follow each other: a profession's kits differ only
/// in their contacts, and Typst's memoised layout of the first serves the next.
fn in_build_order(mut kits: Vec<Kit<'_>>) -> Vec<Kit<'_>> {
    kits.sort_by(|a, b| {
        let key = |k: &Kit<'_>| (k.profile.profession.slug.clone(), k.profile.languages.clone(), k.profile.id.clone());
        key(a).cmp(&key(b))
    });
    kits
}

/// The two renderers, built once; with `--emit-typst`, the fonts the standalone projects need
/// are written first.
fn renderers(settings: &Settings) -> anyhow::Result<(Print, Site)> {
    let print = match &settings.emit_typst {
        Some(dir) => {
            output::write_sources(dir, &Print::fonts())?;
            Print::emitting_sources()?
        }
        None => Print::new()?,
    };
    Ok((print, Site::new()?))
}

/// The output folder's index page, listing every kit in it; left untouched when it says the
/// same, so that a build with nothing to do writes nothing.
fn write_index(checked: &Checked, site: &Site, out: &Path) -> anyhow::Result<()> {
    let content = &checked.content;
    let source = content.languages.source();
    let index = site.index(&output::kits(out)?, source.code(), content.ui.get(source, "index_title"))?;
    if std::fs::read(out.join(&index.path)).ok().as_deref() != Some(&index.bytes[..]) {
        output::write_file(out, &index)?;
    }
    Ok(())
}

/// The personaliser's files every kit shares; each left untouched when it is the same.
fn write_shared(out: &Path) -> anyhow::Result<()> {
    for file in crate::shared::files() {
        if std::fs::read(out.join(&file.path)).ok().as_deref() != Some(&file.bytes[..]) {
            output::write_file(out, &file)?;
        }
    }
    Ok(())
}

/// The print documents of a kit; with `split`, each language on a thread of its own, so that
/// one kit to rebuild (a profile changed) keeps every core busy.
fn print_kit(print: &Print, kit: &Kit<'_>, split: bool) -> anyhow::Result<Printed> {
    let languages = &kit.profile.languages;
    if !split || languages.len() < 2 {
        return print.render(kit);
    }
    std::thread::scope(|scope| {
        let mut handles = Vec::new();
        for lang in languages {
            let thread = std::thread::Builder::new().name("cyberkit-language".into()).stack_size(WORKER_STACK);
            handles.push(
                thread.spawn_scoped(scope, || print.render_language(kit, lang)).context("failed to start a thread")?,
            );
        }
        let parts = handles
            .into_iter()
            .map(|handle| handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .collect::<anyhow::Result<Vec<_>>>()?;
        Ok(Printed::merged(parts))
    })
}

/// Renders one kit, print first (the site's downloads page lists its documents), and writes it;
/// a kit whose documents overflow is not written, and its report says why.
fn build_kit(
    project: &Project,
    kit: &Kit<'_>,
    inputs: &str,
    print: &Print,
    site: &Site,
    settings: &Settings,
    split: bool,
) -> anyhow::Result<Report> {
    let id = &kit.profile.id;
    let start = Instant::now();
    let printed = print_kit(print, kit, split).with_context(|| format!("the print renderer failed on {id}"))?;
    if !printed.overflows.is_empty() {
        return Ok(Report { unbuilt: 1, overflows: printed.overflows, ..Report::default() });
    }
    let (sources, mut files): (Vec<_>, Vec<_>) =
        printed.files.into_iter().partition(|f| f.path.starts_with(render::print::SOURCES));
    if let Some(dir) = &settings.emit_typst {
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
    // The kit's own files, for its personaliser page to make the documents again.
    let kit_files = crate::load::kit_files(project, &kit.profile.path)?;
    files.push(render::personaliser::KitData::new(&kit_files).artifact()?);
    let report = Report {
        kits: 1,
        files: files.len(),
        documents: files.iter().filter(|f| f.pages > 0).count(),
        pages: files.iter().map(|f| f.pages).sum(),
        print_time,
        site_time,
        ..Report::default()
    };
    output::write_kit(&settings.out, id, inputs, KitSummary::of(kit), files)?;
    Ok(report)
}
