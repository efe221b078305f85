//! Where the core reads a project's files from: the disk for the command line (`Project`), memory
//! in a browser ([`InMemory`]). The load stage reads through [`Files`] and nothing else, so that
//! the core never touches a disk.
//!
//! Paths are the user's, as messages show them: relative to the project folder
//! (`content/i18n/fr.toml`), or absolute for a profile outside it.

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

/// What is at a path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    File(Vec<u8>),
    Folder,
    Missing,
    /// A file larger than the limit it was read with: its size in bytes, unread.
    Larger(u64),
}

/// A project's files, by path.
pub trait Files: Sync {
    /// What is at `path`: a file of at most `limit` bytes is read.
    fn read(&self, path: &Path, limit: u64) -> anyhow::Result<Entry>;

    /// The files with `extension` in `dir` and its sub-folders, sorted, so that every run reads
    /// them in the same order; none when `dir` does not exist.
    fn list(&self, dir: &Path, extension: &str) -> anyhow::Result<Vec<PathBuf>>;

    /// Whether `path` is inside the project, links followed: a logo must be.
    fn inside(&self, path: &Path) -> bool;
}

/// Files held in memory: what a browser gives the core.
#[derive(Debug, Clone, Default)]
pub struct InMemory {
    files: BTreeMap<PathBuf, Vec<u8>>,
}

impl InMemory {
    /// Adds (or replaces) the file at `path`.
    pub fn insert(&mut self, path: impl AsRef<Path>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(normal(path.as_ref()), bytes.into());
    }
}

impl Files for InMemory {
    fn read(&self, path: &Path, limit: u64) -> anyhow::Result<Entry> {
        let path = normal(path);
        Ok(match self.files.get(&path) {
            Some(bytes) if bytes.len() as u64 > limit => Entry::Larger(bytes.len() as u64),
            Some(bytes) => Entry::File(bytes.clone()),
            None if self.files.keys().any(|p| p.starts_with(&path)) => Entry::Folder,
            None => Entry::Missing,
        })
    }

    fn list(&self, dir: &Path, extension: &str) -> anyhow::Result<Vec<PathBuf>> {
        let dir = normal(dir);
        Ok(self
            .files
            .keys()
            .filter(|p| p.starts_with(&dir) && p.extension().is_some_and(|e| e == extension))
            .cloned()
            .collect())
    }

    fn inside(&self, path: &Path) -> bool {
        !normal(path).starts_with("..")
    }
}

/// A path without `.` and with each `..` taken back: the key a file is held under.
pub fn normal(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir if matches!(out.components().next_back(), Some(Component::Normal(_))) => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_memory_are_found_by_any_spelling_of_their_path() {
        let mut files = InMemory::default();
        files.insert("content/modules/wifi.fr.md", "texte");
        files.insert("profiles/logos/urps.png", vec![1, 2, 3]);
        assert_eq!(files.read(Path::new("./content/modules/wifi.fr.md"), 100).unwrap(), Entry::File(b"texte".to_vec()));
        assert_eq!(files.read(Path::new("profiles/../profiles/logos/urps.png"), 2).unwrap(), Entry::Larger(3));
        assert_eq!(files.read(Path::new("content"), 100).unwrap(), Entry::Folder);
        assert_eq!(files.read(Path::new("content/i18n/fr.toml"), 100).unwrap(), Entry::Missing);
        assert_eq!(files.list(Path::new("content"), "md").unwrap(), [PathBuf::from("content/modules/wifi.fr.md")]);
        assert!(files.inside(Path::new("profiles/logos/urps.png")));
        assert!(!files.inside(Path::new("profiles/../../etc/passwd")));
    }
}
