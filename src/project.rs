//! Where a project's files are: `content/`, `profiles/`, `output/` under one folder.

use std::path::{Path, PathBuf};

/// A cyberkit project folder.
#[derive(Debug, Clone)]
pub struct Project {
    pub root: PathBuf,
}

impl Project {
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Project { root: root.into() }
    }

    pub fn content(&self) -> PathBuf {
        self.root.join("content")
    }

    pub fn profiles(&self) -> PathBuf {
        self.root.join("profiles")
    }

    pub fn output(&self) -> PathBuf {
        self.root.join("output")
    }

    /// A path as shown to the user: relative to the project when it is inside it.
    pub fn display(&self, path: &Path) -> PathBuf {
        path.strip_prefix(&self.root).map_or_else(|_| path.to_path_buf(), Path::to_path_buf)
    }
}
