//! Our Typst `World`: the templates and fonts built once per process ([`Env`]), and each
//! document's data served from memory ([`DocWorld`]).
//!
//! Nothing is read from the disk and no system font is used, so a document depends only on our
//! inputs. A profile's data reaches Typst as a JSON file that the template loads with `json()`:
//! it is never spliced into Typst source.

// Looked up, never iterated: the order of these maps reaches no output.
use std::collections::HashMap;

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_kit::fonts::FontStore;

/// What every print template imports.
pub const COMMON: &str = include_str!("../../../templates/print/common.typ");

/// The print templates, compiled into the binary.
pub const TEMPLATES: [(&str, &str); 1] = [("/common.typ", COMMON)];

/// The family every document is set in; its presence is checked when the fonts are built.
pub const SANS: &str = crate::fonts::SANS;

/// What every document shares: the standard library, the fonts and the parsed templates.
pub struct Env {
    library: LazyHash<Library>,
    fonts: FontStore,
    sources: HashMap<FileId, Source>,
}

/// A virtual path of the documents' project (`/data/document.json`).
///
/// # Panics
///
/// Never: a path Typst refuses becomes `/invalid`, which it takes.
pub fn file_id(path: &str) -> FileId {
    // Our paths are fixed strings without `..`; a bad one is a bug, and Typst reports it as a
    // missing file.
    let vpath = VirtualPath::new(path).unwrap_or_else(|_| VirtualPath::new("/invalid").expect("a valid path"));
    RootedPath::new(VirtualRoot::Project, vpath).intern()
}

impl Env {
    pub fn new(extra_templates: &[(&str, &str)]) -> anyhow::Result<Self> {
        let mut fonts = FontStore::new();
        fonts.extend(crate::fonts::faces());
        anyhow::ensure!(fonts.book().contains_family(&SANS.to_lowercase()), "the embedded font {SANS} did not load");
        let sources = TEMPLATES
            .iter()
            .chain(extra_templates)
            .map(|(path, text)| {
                let id = file_id(path);
                (id, Source::new(id, text.to_string()))
            })
            .collect();
        Ok(Env { library: LazyHash::new(Library::default()), fonts, sources })
    }

    /// A world for one document: `main` is a template path, `files` its data.
    pub fn world(&self, main: &str, files: HashMap<FileId, Bytes>, today: Datetime) -> DocWorld<'_> {
        DocWorld { env: self, main: file_id(main), files, today }
    }
}

impl DocWorld<'_> {
    /// The template file and line of a diagnostic's span, as `templates/print/poster.typ:12`.
    pub fn locate(&self, span: typst::syntax::DiagSpan) -> String {
        use typst::WorldExt as _;
        let Some(id) = span.id() else { return "a print template".to_string() };
        let name = id.vpath().get_without_slash().to_string();
        let line = self
            .env
            .sources
            .get(&id)
            .and_then(|source| self.range(span).and_then(|r| source.lines().byte_to_line(r.start)));
        match line {
            Some(line) => format!("templates/print/{name}:{}", line + 1),
            None => format!("templates/print/{name}"),
        }
    }
}

/// The world of one document.
pub struct DocWorld<'e> {
    env: &'e Env,
    main: FileId,
    files: HashMap<FileId, Bytes>,
    today: Datetime,
}

impl World for DocWorld<'_> {
    fn library(&self) -> &LazyHash<Library> {
        &self.env.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        self.env.fonts.book()
    }

    fn main(&self) -> FileId {
        self.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        self.env.sources.get(&id).cloned().ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if let Some(bytes) = self.files.get(&id) {
            return Ok(bytes.clone());
        }
        match self.env.sources.get(&id) {
            Some(source) => Ok(Bytes::from_string(source.text().to_string())),
            None => Err(FileError::NotFound(id.vpath().get_without_slash().into())),
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.env.fonts.font(index)
    }

    /// A fixed day, so that a document never depends on when it is built.
    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        Some(self.today)
    }
}
