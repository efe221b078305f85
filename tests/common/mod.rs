//! A throw-away copy of the project for end-to-end tests, and a way to run the real binary on it.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// 2026-11-23, so that "stale" means the same thing on every day the tests run.
pub const SOURCE_DATE_EPOCH: &str = "1795392000";

/// A copy of the project's `content/` (and, if asked, `profiles/`) in a temporary folder.
pub struct TestProject {
    pub dir: tempfile::TempDir,
}

impl TestProject {
    /// The real content, and no profiles.
    pub fn with_content() -> Self {
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(&repo().join("content"), &dir.path().join("content"));
        std::fs::create_dir_all(dir.path().join("profiles")).expect("profiles folder");
        TestProject { dir }
    }

    /// The real content and the example profiles.
    pub fn with_examples() -> Self {
        let p = Self::with_content();
        copy_dir(&repo().join("profiles"), &p.path().join("profiles"));
        p
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path().join(relative);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("folder");
        std::fs::write(path, contents).expect("write");
    }

    pub fn read(&self, relative: &str) -> String {
        std::fs::read_to_string(self.path().join(relative)).expect("read")
    }

    /// Runs `cyberkit <args>` in the project.
    pub fn run(&self, args: &[&str]) -> Output {
        Command::new(env!("CARGO_BIN_EXE_cyberkit"))
            .args(args)
            .current_dir(self.path())
            .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
            .output()
            .expect("run cyberkit")
    }
}

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("list folder") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}
