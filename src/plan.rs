//! The plan stage: what each profile's kit holds — its modules and its printed documents —
//! decided once, for every renderer.

use crate::model::{Content, Date, Lang, Module, Profile};

/// One profile's kit: its profile, the modules that concern its profession, in order, and its
/// printed documents.
pub struct Kit<'a> {
    pub content: &'a Content,
    pub profile: &'a Profile,
    pub modules: Vec<&'a Module>,
    /// Every language's documents, a language's in the order the downloads page lists them.
    pub documents: Vec<Document>,
    /// The date the kit's documents carry: fixed, so that two builds are identical.
    pub date: Date,
}

impl Kit<'_> {
    /// The documents in one language.
    pub fn documents_in<'k>(&'k self, lang: &'k Lang) -> impl Iterator<Item = &'k Document> {
        self.documents.iter().filter(move |d| &d.lang == lang)
    }
}

/// What a printed document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentKind {
    /// What to do in an incident, for the wall.
    Poster,
    /// The waiting-room privacy notice (GDPR art. 13).
    Notice,
    Checklist,
    /// The A5 booklet of every module, to read on screen or print as it is.
    Booklet,
    /// The booklet's pages imposed two to a side of A4, for saddle-stitch printing.
    ImposedBooklet,
    /// The copy of the document `of` (a stem: the booklet, a poster) for a print shop, which
    /// trims the paper: 3 mm of bleed, crop marks, trim and bleed boxes.
    PrintShop {
        of: &'static str,
    },
}

impl DocumentKind {
    /// Whether a practice makes this document itself, on its kit's personaliser page: the
    /// posters, the notice and the checklist. The booklet is the URPS's to print, and the only
    /// document with code spans, whose font the personaliser does not have.
    pub fn made_by_practice(self) -> bool {
        matches!(self, DocumentKind::Poster | DocumentKind::Notice | DocumentKind::Checklist)
    }
}

/// A sheet of paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Paper {
    A3,
    A4,
    A5,
}

impl Paper {
    /// As templates name it: `a4`.
    pub fn code(self) -> &'static str {
        match self {
            Paper::A3 => "a3",
            Paper::A4 => "a4",
            Paper::A5 => "a5",
        }
    }

    /// As the downloads page names it.
    pub fn name(self) -> &'static str {
        match self {
            Paper::A3 => "A3",
            Paper::A4 => "A4",
            Paper::A5 => "A5",
        }
    }
}

/// A printed document of a kit, in one language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    pub kind: DocumentKind,
    pub lang: Lang,
    /// The file's name without its extension: `poster-a4`.
    pub stem: &'static str,
    pub paper: Paper,
    /// The most pages it may have: a poster and the notice go on a wall, the checklist on one
    /// sheet, both sides at most.
    pub max_pages: Option<usize>,
    /// The interface string that names it.
    pub title_key: &'static str,
    /// Its PDF in the kit's folder: `print/<lang>/<stem>.pdf`.
    pub path: String,
    /// Its first page as a PNG picture, beside the PDF.
    pub thumbnail: String,
}

/// A kit's documents in each language, in the order the downloads page lists them.
const DOCUMENTS: [(DocumentKind, &str, Paper, Option<usize>, &str); 9] = [
    (DocumentKind::Poster, "poster-a4", Paper::A4, Some(1), "doc_poster_a4"),
    (DocumentKind::Poster, "poster-a3", Paper::A3, Some(1), "doc_poster_a3"),
    (DocumentKind::Notice, "notice", Paper::A4, Some(1), "doc_notice"),
    (DocumentKind::Checklist, "checklist", Paper::A4, Some(2), "doc_checklist"),
    (DocumentKind::Booklet, "booklet", Paper::A5, None, "doc_booklet"),
    (DocumentKind::ImposedBooklet, "booklet-imposed", Paper::A4, None, "doc_booklet_imposed"),
    (DocumentKind::PrintShop { of: "booklet" }, "booklet-print", Paper::A5, None, "doc_booklet_print"),
    (DocumentKind::PrintShop { of: "poster-a4" }, "poster-a4-print", Paper::A4, Some(1), "doc_poster_a4_print"),
    (DocumentKind::PrintShop { of: "poster-a3" }, "poster-a3-print", Paper::A3, Some(1), "doc_poster_a3_print"),
];

/// The kits to build, one per profile, in the order the profiles were given.
pub fn plan<'a>(content: &'a Content, profiles: &'a [Profile], date: Date) -> Vec<Kit<'a>> {
    profiles
        .iter()
        .map(|profile| Kit {
            content,
            profile,
            modules: content.modules.iter().filter(|m| m.concerns(&profile.profession.slug)).collect(),
            documents: profile.languages.iter().flat_map(documents).collect(),
            date,
        })
        .collect()
}

/// The documents in one language.
fn documents(lang: &Lang) -> impl Iterator<Item = Document> + '_ {
    DOCUMENTS.iter().map(move |&(kind, stem, paper, max_pages, title_key)| Document {
        kind,
        lang: lang.clone(),
        stem,
        paper,
        max_pages,
        title_key,
        path: format!("print/{lang}/{stem}.pdf"),
        thumbnail: format!("print/{lang}/{stem}.png"),
    })
}
