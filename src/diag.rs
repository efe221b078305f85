//! Diagnostics: the problems found in the user's files, each tied to a file, line and column, with a
//! hint saying what to do.
//!
//! Loading and validation push every problem they find into one [`Diagnostics`] list instead of
//! stopping at the first, so a user fixes a whole file in one pass. This module only collects and
//! prints; deciding what is wrong is the job of `load` and `validate`. Internal and I/O failures do
//! not go through here: they are `anyhow` errors (exit code 2).

use std::fmt;
use std::path::{Path, PathBuf};

use crate::problem::Problem;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input is wrong: nothing is built and the command exits with 1.
    Error,
    /// Worth a look (an unconfirmed or stale contact), but the build goes on.
    Warning,
}

/// One problem in one of the user's files.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file, relative to the project folder when it is inside it.
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub col: usize,
    /// Lowercase, no trailing period, names in backticks.
    pub message: String,
    /// What to do about it.
    pub hint: Option<String>,
    /// What is wrong with the value, as data, when it is a value a practice types: for the
    /// personaliser's form, which says it in the page's language.
    pub problem: Option<Problem>,
}

impl Diagnostic {
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The diagnostic with the problem it says.
    #[must_use]
    pub fn said(mut self, problem: Problem) -> Self {
        self.problem = Some(problem);
        self
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let path = self.path.display();
        if self.line == 0 {
            write!(f, "{label}: {path}: {}", self.message)?;
        } else {
            write!(f, "{label}: {path}:{}:{}: {}", self.line, self.col, self.message)?;
        }
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

/// The diagnostics gathered over a whole run.
#[derive(Debug, Default)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// Drops the warnings: for commands whose output does not depend on them (`new`, `list`).
    pub fn errors_only(mut self) -> Self {
        self.items.retain(Diagnostic::is_error);
        self
    }

    /// Whether an error was already reported at this place (so a second one would only repeat it).
    pub fn has_error_at(&self, at: &Location) -> bool {
        self.items.iter().any(|d| d.is_error() && d.path == at.path && d.line == at.line && d.col == at.col)
    }

    /// The diagnostics in a stable order: by file, then position, errors before warnings, so
    /// that two runs print the same report.
    pub fn sorted(mut self) -> Vec<Diagnostic> {
        self.items.sort_by(|a, b| {
            (&a.path, a.line, a.col, a.severity, &a.message).cmp(&(&b.path, b.line, b.col, b.severity, &b.message))
        });
        self.items.dedup();
        self.items
    }
}

/// The text of one user file, to turn byte offsets into lines and columns.
///
/// `base` is the byte offset of the parsed text inside the file: a module's front matter starts
/// after its opening `+++` line, and its spans must still point into the whole file.
#[derive(Debug, Clone)]
pub struct SourceFile<'a> {
    pub path: &'a Path,
    pub text: &'a str,
    pub base: usize,
}

impl<'a> SourceFile<'a> {
    pub fn new(path: &'a Path, text: &'a str) -> Self {
        SourceFile { path, text, base: 0 }
    }

    /// The same file, for a part of it that starts `base` bytes in.
    pub fn at(&self, base: usize) -> Self {
        SourceFile { base: self.base + base, ..self.clone() }
    }

    /// 1-based line and column (in characters) of a byte offset relative to `base`.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = (self.base + offset).min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &self.text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let col = before[line_start..].chars().count() + 1;
        (line, col)
    }

    /// The location of a byte offset relative to `base`.
    pub fn location(&self, offset: usize) -> Location {
        let (line, col) = self.line_col(offset);
        Location { path: self.path.to_path_buf(), line, col }
    }

    pub fn error(&self, offset: usize, message: impl Into<String>) -> Diagnostic {
        self.location(offset).error(message)
    }
}

/// Where a value was written: a file, a line and a column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    pub line: usize,
    pub col: usize,
}

impl Location {
    /// The file as a whole.
    pub fn file(path: &Path) -> Self {
        Location { path: path.to_path_buf(), line: 0, col: 0 }
    }

    pub fn error(&self, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Error, message)
    }

    pub fn warning(&self, message: impl Into<String>) -> Diagnostic {
        self.diagnostic(Severity::Warning, message)
    }

    fn diagnostic(&self, severity: Severity, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity,
            path: self.path.clone(),
            line: self.line,
            col: self.col,
            message: message.into(),
            hint: None,
            problem: None,
        }
    }
}

/// A value read from a user file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub at: Location,
}

/// A problem in a file as a whole (unreadable, not UTF-8, misnamed), with no position.
pub fn file_error(path: &Path, message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic {
        severity: Severity::Error,
        path: path.to_path_buf(),
        line: 0,
        col: 0,
        message: message.into(),
        hint: Some(hint.into()),
        problem: None,
    }
}

/// Adds a hint to a diagnostic being built.
pub trait WithHint {
    fn hint(self, hint: impl Into<String>) -> Self;
}

impl WithHint for Diagnostic {
    fn hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }
}

/// The closest candidate to a misspelt name, if one is close enough to be a likely typo.
pub fn closest<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|c| {
            let typo = strsim::normalized_damerau_levenshtein(name, c);
            // `telephone` for `phone`, `it_provider_name` for `name`: one contains the other.
            let contained = c.len() >= 3 && name.len() >= 3 && (name.contains(c) || c.contains(name));
            (if contained { typo.max(0.7) } else { typo }, c)
        })
        .filter(|(score, _)| *score >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// `a`, `b`, `c` — a list of names for a hint.
pub fn backticked<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names.into_iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ")
}

/// A hint naming the closest candidate when there is one, else listing all of them.
pub fn suggest(name: &str, candidates: &[&str], what: &str) -> String {
    match closest(name, candidates.iter().copied()) {
        Some(best) => format!("did you mean `{best}`? expected one of {}", backticked(candidates.iter().copied())),
        None => format!("expected {what}: {}", backticked(candidates.iter().copied())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_error_with_position_and_hint() {
        let text = "a = 1\nbé = 2\n";
        let file = SourceFile::new(Path::new("profiles/x.toml"), text);
        let d = file.error(text.rfind('=').unwrap(), "unknown key `bé`").hint("remove it");
        assert_eq!(d.to_string(), "error: profiles/x.toml:2:4: unknown key `bé`\n  hint: remove it");
    }

    #[test]
    fn counts_columns_in_characters_and_offsets_by_base() {
        let text = "+++\ntitle = 3\n";
        let front = SourceFile::new(Path::new("m.fr.md"), text).at(4);
        assert_eq!(front.line_col(8), (2, 9));
    }

    #[test]
    fn suggests_the_closest_name() {
        let candidates = ["bretagne", "occitanie", "normandie"];
        assert_eq!(
            suggest("bretagn", &candidates, "a region"),
            "did you mean `bretagne`? expected one of `bretagne`, `occitanie`, `normandie`"
        );
        assert_eq!(suggest("zzz", &candidates[..1], "a region"), "expected a region: `bretagne`");
    }
}
