//! A throw-away copy of the project for end-to-end tests, a way to run the real binary on it, and
//! the library's documents of a kit as laid out.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// 2026-12-08, so that "stale" means the same thing on every day the tests run.
pub const SOURCE_DATE_EPOCH: &str = "1796688000";

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

    /// Lays a test case's files over the project: every file of `case` but the case's own
    /// (`expected.txt`, `remove.txt`, `edits.txt`, `args.txt`); then deletes the files that
    /// `remove.txt` lists and applies `edits.txt` (one edit per line: `path<TAB>text<TAB>
    /// replacement`, `\n` for a line break), which keeps a case valid when the real file grows.
    pub fn apply_case(&self, case: &Path) {
        for entry in std::fs::read_dir(case).expect("case folder") {
            let entry = entry.expect("entry");
            let name = entry.file_name().to_string_lossy().into_owned();
            match name.as_str() {
                "expected.txt" | "remove.txt" | "edits.txt" | "args.txt" => {}
                _ if entry.path().is_dir() => copy_dir(&entry.path(), &self.path().join(&name)),
                _ => {
                    std::fs::copy(entry.path(), self.path().join(&name)).expect("copy");
                }
            }
        }
        if let Ok(list) = std::fs::read_to_string(case.join("remove.txt")) {
            for line in list.lines().filter(|l| !l.trim().is_empty()) {
                let path = self.path().join(line.trim());
                if path.is_dir() {
                    std::fs::remove_dir_all(path).expect("remove");
                } else {
                    std::fs::remove_file(path).expect("remove");
                }
            }
        }
        if let Ok(edits) = std::fs::read_to_string(case.join("edits.txt")) {
            for line in edits.lines().filter(|l| !l.trim().is_empty()) {
                let parts: Vec<String> = line.split('\t').map(|p| p.replace("\\n", "\n")).collect();
                let [path, from, to] = &parts[..] else { panic!("{}: bad edit line `{line}`", case.display()) };
                let text = self.read(path);
                assert!(text.contains(from.as_str()), "{}: `{from}` is not in {path}", case.display());
                self.write(path, text.replacen(from.as_str(), to, 1));
            }
        }
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

/// Every file under `dir`, by its path from `dir`, with its bytes; none when `dir` does not exist.
pub fn files_under(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for entry in entries.map(|e| e.expect("a folder's entry")) {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let bytes = std::fs::read(&path).expect("read a file");
                files.insert(path.strip_prefix(dir).expect("under the folder").to_path_buf(), bytes);
            }
        }
    }
    files
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

/// Every HTML page under `dir`, sorted.
pub fn html_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("list") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(html_files(&path));
        } else if path.extension().is_some_and(|e| e == "html") {
            out.push(path);
        }
    }
    out.sort();
    out
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// The diagnostics a user reads, one block per diagnostic with its hint lines, leaving out the
/// closing summary and the warnings about the reference data's unconfirmed contacts (so that
/// confirming a phone number does not rewrite every case; they have their own test).
pub fn diagnostics(stderr: &str) -> String {
    let mut blocks: Vec<String> = Vec::new();
    for line in stderr.lines() {
        if line.starts_with("  ") {
            if let Some(last) = blocks.last_mut() {
                last.push('\n');
                last.push_str(line);
            }
        } else {
            blocks.push(line.to_string());
        }
    }
    let mut report = String::new();
    for block in blocks {
        let reference_warning = block.starts_with("warning: content/reference/");
        let summary = block.starts_with("checked ")
            || block.starts_with("built ")
            || block.starts_with("error: ") && block.contains(": nothing was written");
        if !reference_warning && !summary {
            report.push_str(&block);
            report.push('\n');
        }
    }
    report
}

/// The documents of a profile's kit in one language, laid out by the library in this process,
/// their pages drawn at `dpi` when given; the diagnostics when the profile does not check.
pub fn laid_out(
    project: &cyberkit::project::Project,
    profile: &str,
    lang: &str,
    dpi: Option<f64>,
) -> Result<Vec<cyberkit::render::print::Inspected>, String> {
    laid_out_where(project, profile, lang, dpi, |_| true)
}

/// The documents of a profile's kit in one language that `wanted` keeps, laid out as
/// [`laid_out`] does.
pub fn laid_out_where(
    project: &cyberkit::project::Project,
    profile: &str,
    lang: &str,
    dpi: Option<f64>,
    wanted: impl Fn(&cyberkit::plan::Document) -> bool,
) -> Result<Vec<cyberkit::render::print::Inspected>, String> {
    let mut diags = cyberkit::diag::Diagnostics::default();
    let today = jiff::civil::date(2026, 12, 8);
    let paths = project.profile_paths(&[profile.to_string()], &mut diags).expect("no I/O failure");
    let checked = cyberkit::check(project, &paths, today, &mut diags).expect("no I/O failure");
    let Some(checked) = checked.filter(|_| !diags.has_errors()) else { return Err(format!("{:?}", diags.sorted())) };
    let kits = cyberkit::plan::plan(&checked.content, &checked.profiles, today);
    let print = cyberkit::render::print::Print::new().expect("the print environment");
    print.inspect_where(&kits[0], &cyberkit::model::Lang::new(lang), dpi, wanted).map_err(|e| format!("{e:#}"))
}
