//! The render stage: a planned kit into files, as bytes. Nothing here touches the disk, starts a
//! process or a thread, so the same code can run in a browser later; writing is `output`'s job.

pub mod incident;
pub mod markdown;
pub mod notice;
pub mod personaliser;
pub mod placeholders;
pub mod print;
pub mod qr;
pub mod said;
pub mod site;
pub mod text;
pub mod typography;

/// A file of a kit: its path inside the kit's folder (`fr/index.html`), and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Artifact {
    pub path: String,
    pub bytes: Vec<u8>,
    /// A print document's number of pages; 0 for any other file.
    pub pages: usize,
}

impl Artifact {
    pub fn file(path: impl Into<String>, bytes: Vec<u8>) -> Self {
        Artifact { path: path.into(), bytes, pages: 0 }
    }
}
