//! The personaliser page: the form of a practice's answers ([`crate::answers::FIELDS`]), and what
//! its script needs — where the kit's files and the shared WebAssembly are, the documents to
//! make, and the page's messages in its language.

use base64::Engine as _;
use serde::Serialize;
use sha2::{Digest, Sha256};
use tera::Context;

use super::{Pages, colour, relative};
use crate::answers::{FIELDS, Kind, TABLES};
use crate::render::personaliser::{KIT_DATA, SHARED};

#[derive(Serialize)]
struct FieldView {
    /// Its name among the answers: `practice.name`.
    name: String,
    /// Its HTML id: `f-practice-name`.
    id: String,
    label: String,
    /// `text`, `tel`, `email`, `lines` or `switch`.
    kind: &'static str,
    autocomplete: Option<&'static str>,
    required: bool,
    hint: Option<String>,
    /// The most characters its value may have (`crate::limits`), the input's `maxlength`, and
    /// the counter under it, as it reads empty (the script counts as one types).
    max: Option<usize>,
    counter: Option<String>,
}

#[derive(Serialize)]
struct GroupView {
    legend: String,
    fields: Vec<FieldView>,
}

#[derive(Serialize)]
struct DocumentView {
    stem: &'static str,
    title: String,
    alt: String,
}

impl Pages<'_, '_> {
    pub(super) fn personalise(&self) -> (&'static str, String, Context) {
        let lang = self.lang;
        let path = format!("{lang}/personalise.html");
        let title = self.t.get("personalise_title").cloned().unwrap_or_default();
        let intro = self.t.get("personalise_intro").cloned().unwrap_or_default();
        let mut ctx = self.common(&path, &title, &intro);
        let groups: Vec<GroupView> = TABLES
            .iter()
            .map(|table| GroupView {
                legend: self.t.get(&format!("form_{table}")).cloned().unwrap_or_default(),
                fields: FIELDS.iter().filter(|f| f.table == *table).map(|f| self.field(f)).collect(),
            })
            .collect();
        // The documents a practice prints: the booklet is the URPS's to print.
        let documents: Vec<DocumentView> = self
            .kit
            .documents_in(lang)
            .filter(|d| d.kind.made_by_practice())
            .map(|d| {
                let title = self.t.get(d.title_key).cloned().unwrap_or_default();
                DocumentView { stem: d.stem, alt: self.s("downloads_preview_alt", &[("title", &title)]), title }
            })
            .collect();
        ctx.insert("title", &title);
        ctx.insert("intro", &intro);
        ctx.insert("groups", &groups);
        ctx.insert("documents", &documents);
        ctx.insert("csp", &csp(&colour(self.kit)));
        ctx.insert("kit_data", &relative(&path, KIT_DATA));
        ctx.insert("shared", &relative(&path, &format!("../{SHARED}/")));
        ctx.insert("downloads_href", &relative(&path, &format!("{lang}/downloads.html")));
        ("personalise.html", path, ctx)
    }

    fn field(&self, field: &crate::answers::Field) -> FieldView {
        let (kind, hint) = match field.kind {
            Kind::Text => ("text", None),
            Kind::Phone => ("tel", self.t.get("hint_phone").cloned()),
            Kind::Email => ("email", self.t.get("hint_email").cloned()),
            Kind::Lines => ("lines", None),
            Kind::Switch => ("switch", None),
        };
        // A list's maximum is each line's: the browser cannot count per line, validation does.
        let max = crate::limits::max_chars(field.table, field.key).filter(|_| field.kind != Kind::Lines);
        let counter = max.map(|max| self.s("field_counter", &[("count", "0"), ("max", &max.to_string())]));
        FieldView {
            max,
            counter,
            name: field.id(),
            id: format!("f-{}-{}", field.table, field.key).replace('_', "-"),
            label: self.t.get(&format!("field_{}_{}", field.table, field.key)).cloned().unwrap_or_default(),
            kind,
            autocomplete: field.autocomplete,
            required: field.required,
            hint,
        }
    }
}

/// The page's Content-Security-Policy: its own scripts, worker and style, pictures of its own and
/// those the worker makes (`blob:`), and no connection of any kind. The one inline style, the
/// kit's colour, is allowed by its hash.
fn csp(colour: &str) -> String {
    let style = super::accent_style(colour);
    let hash = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(style.as_bytes()));
    format!(
        "default-src 'none'; script-src 'self'; worker-src 'self'; style-src 'self' 'sha256-{hash}'; \
         img-src 'self' blob:; connect-src 'none'; form-action 'none'; base-uri 'none'; object-src 'none'"
    )
}
