//! Where a project's files are on the disk: `content/`, `profiles/`, `output/` under one folder.
//! The project is the command line's [`Files`]: the core reads the disk through it.

use std::io::Read as _;
use std::path::{Path, PathBuf};

use anyhow::Context as _;

use crate::diag::{Diagnostics, file_error, suggest};
use crate::files::{Entry, Files};

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

    /// A path given on the command line, relative to the current folder, as the project's
    /// [`Files`] name it: relative to the project when inside it, else absolute.
    fn given(&self, path: &Path) -> PathBuf {
        let absolute = |p: &Path| std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        let path = absolute(path);
        path.strip_prefix(absolute(&self.root)).map_or_else(|_| path.clone(), Path::to_path_buf)
    }

    /// Whether the folder is a cyberkit project (it has `content/`); reports it when not.
    pub fn is_project(&self, diags: &mut Diagnostics) -> bool {
        if self.content().is_dir() {
            return true;
        }
        let message = format!("`{}` is not a cyberkit project: it has no `content/` folder", self.root.display());
        diags.push(file_error(
            &self.root,
            message,
            "run cyberkit in the project's folder, or name it with `-C <folder>`",
        ));
        false
    }

    /// The profile files to read, as the project's [`Files`] name them: the ones named (by name,
    /// `cabinet-dupont`, or by path), or every `.toml` file of `profiles/`.
    pub fn profile_paths(&self, selection: &[String], diags: &mut Diagnostics) -> anyhow::Result<Vec<PathBuf>> {
        let dir = self.profiles();
        let mut available = Vec::new();
        if dir.is_dir() {
            for entry in std::fs::read_dir(&dir).with_context(|| format!("failed to list {}", dir.display()))? {
                let path = entry.with_context(|| format!("failed to list {}", dir.display()))?.path();
                if path.extension().is_some_and(|e| e == "toml") {
                    available.push(path);
                }
            }
        }
        available.sort();
        if selection.is_empty() {
            return Ok(available.iter().map(|p| self.display(p)).collect());
        }
        let names: Vec<String> =
            available.iter().filter_map(|p| p.file_stem()).map(|s| s.to_string_lossy().into_owned()).collect();
        let mut out = Vec::new();
        for wanted in selection {
            let as_path = Path::new(wanted);
            let path = if as_path.extension().is_some_and(|e| e == "toml")
                || wanted.contains(std::path::MAIN_SEPARATOR)
                || wanted.contains('/')
            {
                if as_path.exists() { self.given(as_path) } else { self.root.join(as_path) }
            } else {
                dir.join(format!("{wanted}.toml"))
            };
            if path.exists() && path.extension().is_none_or(|e| e != "toml") {
                let hint = "give a profile's name (`cabinet-dupont`) or the path of its `.toml` file";
                diags.push(file_error(&self.display(&path), "is not a profile: a profile is a `.toml` file", hint));
            } else if path.exists() {
                out.push(self.display(&path));
            } else {
                let candidates: Vec<&str> = names.iter().map(String::as_str).collect();
                let hint = if candidates.is_empty() {
                    "there is no profile in `profiles/` yet; create one with `cyberkit new`".to_string()
                } else {
                    suggest(wanted, &candidates, "one of the profiles")
                };
                diags.push(file_error(&self.display(&path), format!("no profile `{wanted}`"), hint));
            }
        }
        Ok(out)
    }
}

impl Files for Project {
    fn read(&self, path: &Path, limit: u64) -> anyhow::Result<Entry> {
        let real = self.root.join(path);
        let Ok(meta) = std::fs::metadata(&real) else { return Ok(Entry::Missing) };
        if meta.is_dir() {
            return Ok(Entry::Folder);
        }
        if meta.len() > limit {
            return Ok(Entry::Larger(meta.len()));
        }
        let mut bytes = Vec::new();
        std::fs::File::open(&real)
            .and_then(|f| f.take(limit.saturating_add(1)).read_to_end(&mut bytes))
            .with_context(|| format!("failed to read {}", real.display()))?;
        if bytes.len() as u64 > limit { Ok(Entry::Larger(bytes.len() as u64)) } else { Ok(Entry::File(bytes)) }
    }

    fn list(&self, dir: &Path, extension: &str) -> anyhow::Result<Vec<PathBuf>> {
        let mut out = Vec::new();
        let real = self.root.join(dir);
        if !real.exists() {
            return Ok(out);
        }
        let mut stack = vec![real];
        while let Some(dir) = stack.pop() {
            let entries = std::fs::read_dir(&dir).with_context(|| format!("failed to list {}", dir.display()))?;
            for entry in entries {
                let path = entry.with_context(|| format!("failed to list {}", dir.display()))?.path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == extension) {
                    out.push(self.display(&path));
                }
            }
        }
        out.sort();
        Ok(out)
    }

    fn inside(&self, path: &Path) -> bool {
        let real = self.root.join(path).canonicalize();
        real.is_ok_and(|real| self.root.canonicalize().is_ok_and(|root| real.starts_with(root)))
    }
}
