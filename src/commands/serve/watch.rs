//! What the preview watches: every file under `content/` and `profiles/` (logos included). By
//! default the system tells of each change (inotify, `FSEvents`, `ReadDirectoryChangesW`, through
//! `notify`); with `--poll`, or where the system cannot watch, each file's size and modification
//! time are looked at a few times a second, which works where change events do not arrive
//! (network shares, WSL's Windows drives). Either way a change is reported once the folders have
//! settled, so that an editor's save-by-rename or a checkout of many files gives one rebuild.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, RecvTimeoutError, channel};
use std::time::{Duration, Instant, SystemTime};

use anyhow::Context as _;
use cyberkit::project::Project;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecursiveMode, Watcher as _};

/// How long the folders must stay quiet after a change event before the change is reported:
/// an editor's save (a temporary file written, then renamed over the old one) and a checkout
/// arrive as bursts of events a few milliseconds apart.
const EVENTS_SETTLE: Duration = Duration::from_millis(30);

/// How often the looking watcher looks; the folders have settled when one look finds what the
/// last found.
const POLL_INTERVAL: Duration = Duration::from_millis(100);

pub enum Watcher {
    /// The system's change events, on the project's folders and on `also`.
    Events { events: Receiver<notify::Result<Event>>, watcher: notify::RecommendedWatcher, also: Vec<PathBuf> },
    /// Looking at the files: those under `folders`, and `also`.
    Polling { folders: Vec<PathBuf>, also: Vec<PathBuf>, last: Snapshot },
}

/// Each file, with what tells a change.
type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

impl Watcher {
    /// A watcher of the system's change events on the project's folders.
    pub fn events(project: &Project) -> anyhow::Result<Self> {
        let (sender, events) = channel();
        let mut watcher = notify::recommended_watcher(sender).context("starting to watch for changes")?;
        for folder in folders(project) {
            watcher
                .watch(&folder, RecursiveMode::Recursive)
                .with_context(|| format!("watching {} for changes", folder.display()))?;
        }
        Ok(Watcher::Events { events, watcher, also: Vec::new() })
    }

    /// A watcher that looks at the project's files.
    pub fn polling(project: &Project) -> Self {
        let folders = folders(project);
        let last = snapshot(&folders, &[]);
        Watcher::Polling { folders, also: Vec::new(), last }
    }

    /// Watches `files` too, files outside the project's folders: a profile's logo may lie
    /// anywhere in the project. The system's events come from a file's folder (an editor's save
    /// replaces the file), its other files' included.
    pub fn also(&mut self, files: &[PathBuf]) {
        match self {
            Watcher::Events { watcher, also, .. } => {
                let folders = files.iter().filter_map(|f| f.parent()).map(Path::to_path_buf);
                for folder in folders.filter(|f| !also.contains(f)).collect::<Vec<_>>() {
                    if watcher.watch(&folder, RecursiveMode::NonRecursive).is_ok() {
                        also.push(folder);
                    }
                }
            }
            Watcher::Polling { also, last, .. } => {
                // A file newly watched starts from how it is now, one no longer watched is
                // forgotten; a change to the others since the last look is still to report.
                for file in files.iter().filter(|f| !also.contains(f)) {
                    if let Ok(meta) = std::fs::metadata(file) {
                        last.insert(file.clone(), (meta.len(), meta.modified().ok()));
                    }
                }
                for file in also.iter().filter(|f| !files.contains(f)) {
                    last.remove(file);
                }
                *also = files.to_vec();
            }
        }
    }

    /// Whether a file was added, changed or removed, waiting at most about `wait` for one; when
    /// one was, the answer comes once the folders have settled.
    pub fn changed(&mut self, wait: Duration) -> bool {
        match self {
            Watcher::Events { events, .. } => {
                let deadline = Instant::now() + wait;
                loop {
                    let left = deadline.saturating_duration_since(Instant::now());
                    match events.recv_timeout(left) {
                        Ok(event) if matters(&event) => break,
                        Ok(_) => {}
                        Err(RecvTimeoutError::Timeout) => return false,
                        // The system's watcher holds the sender as long as it lives, as long as
                        // this: never; but were it gone, the loop around would not spin.
                        Err(RecvTimeoutError::Disconnected) => {
                            std::thread::sleep(left);
                            return false;
                        }
                    }
                }
                // The rest of the burst, whatever it is.
                while events.recv_timeout(EVENTS_SETTLE).is_ok() {}
                true
            }
            Watcher::Polling { folders, also, last } => {
                std::thread::sleep(wait.min(POLL_INTERVAL));
                let mut now = snapshot(folders, also);
                if now == *last {
                    return false;
                }
                loop {
                    std::thread::sleep(POLL_INTERVAL);
                    let next = snapshot(folders, also);
                    if next == now {
                        break;
                    }
                    now = next;
                }
                *last = now;
                true
            }
        }
    }
}

fn folders(project: &Project) -> Vec<PathBuf> {
    vec![project.content(), project.profiles()]
}

/// Whether an event may change a kit: not a file read (the build's own reads are events too on
/// some systems), nor an editor's swap, backup or lock file alone. An error of the watcher (its
/// queue overflowed, say) may hide a change: it matters.
fn matters(event: &notify::Result<Event>) -> bool {
    let Ok(event) = event else { return true };
    let read = matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write));
    !read && (event.paths.is_empty() || !event.paths.iter().all(|path| scratch(path)))
}

/// An editor's file beside the one edited: vim's `.x.md.swp` and `4913`, emacs's `#x.md#` and
/// `.#x.md`, the `x.md~` backups.
fn scratch(path: &Path) -> bool {
    let name = path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name == "4913"
        || [".swp", ".swx", ".tmp"].iter().any(|ext| name.ends_with(ext))
}

fn snapshot(folders: &[PathBuf], also: &[PathBuf]) -> Snapshot {
    let mut files = Snapshot::new();
    for folder in folders {
        walk(folder, &mut files);
    }
    for file in also {
        if let Ok(meta) = std::fs::metadata(file) {
            files.insert(file.clone(), (meta.len(), meta.modified().ok()));
        }
    }
    files
}

fn walk(dir: &Path, files: &mut Snapshot) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if scratch(&path) {
            continue;
        }
        match entry.metadata() {
            Ok(meta) if meta.is_dir() => walk(&path, files),
            Ok(meta) => {
                files.insert(path, (meta.len(), meta.modified().ok()));
            }
            Err(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{CreateKind, ModifyKind};

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(PathBuf::from(path))
    }

    #[test]
    fn a_save_matters_and_a_read_or_a_swap_file_does_not() {
        let modify = EventKind::Modify(ModifyKind::Any);
        assert!(matters(&Ok(event(modify, "content/modules/wifi/fr.md"))));
        assert!(matters(&Ok(event(EventKind::Create(CreateKind::File), "profiles/new.toml"))));
        assert!(matters(&Ok(event(EventKind::Access(AccessKind::Close(AccessMode::Write)), "profiles/a.toml"))));
        assert!(!matters(&Ok(event(EventKind::Access(AccessKind::Open(AccessMode::Any)), "profiles/a.toml"))));
        assert!(!matters(&Ok(event(EventKind::Access(AccessKind::Close(AccessMode::Read)), "profiles/a.toml"))));
        for scratch in ["content/.fr.md.swp", "content/4913", "content/fr.md~", "content/#fr.md#", "content/.#fr.md"] {
            assert!(!matters(&Ok(event(modify, scratch))), "{scratch}");
        }
        // A rename from a temporary name to the module's: the module's path is among its paths.
        let rename = Event::new(EventKind::Modify(ModifyKind::Any))
            .add_path(PathBuf::from("content/.fr.md.tmp"))
            .add_path(PathBuf::from("content/fr.md"));
        assert!(matters(&Ok(rename)));
        // The watcher's own error (its queue overflowed): something may have changed.
        assert!(matters(&Err(notify::Error::generic("queue overflow"))));
    }
}
