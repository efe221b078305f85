//! What the preview watches: every file under `content/` and `profiles/` (logos included), by its
//! size and modification time, looked at a few times a second. Looking works where change events
//! do not arrive (network shares, WSL); a change is reported once the folders have settled, so
//! that an editor's save-by-rename or a checkout of many files gives one rebuild.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use cyberkit::project::Project;

/// Each file, with what tells a change.
type Snapshot = BTreeMap<PathBuf, (u64, Option<SystemTime>)>;

pub struct Watcher {
    folders: Vec<PathBuf>,
    last: Snapshot,
}

impl Watcher {
    pub fn new(project: &Project) -> Self {
        let folders = vec![project.content(), project.profiles()];
        let last = snapshot(&folders);
        Watcher { folders, last }
    }

    /// Whether a file was added, changed or removed since the last call, waiting `interval`
    /// first; when one was, once nothing more changes for an interval.
    pub fn changed(&mut self, interval: Duration) -> bool {
        std::thread::sleep(interval);
        let mut now = snapshot(&self.folders);
        if now == self.last {
            return false;
        }
        loop {
            std::thread::sleep(interval);
            let next = snapshot(&self.folders);
            if next == now {
                break;
            }
            now = next;
        }
        self.last = now;
        true
    }
}

fn snapshot(folders: &[PathBuf]) -> Snapshot {
    let mut files = Snapshot::new();
    for folder in folders {
        walk(folder, &mut files);
    }
    files
}

fn walk(dir: &Path, files: &mut Snapshot) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        match entry.metadata() {
            Ok(meta) if meta.is_dir() => walk(&path, files),
            Ok(meta) => {
                files.insert(path, (meta.len(), meta.modified().ok()));
            }
            Err(_) => {}
        }
    }
}
