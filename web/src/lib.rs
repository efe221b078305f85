//! The personaliser's WebAssembly module: cyberkit's core — the same loading, validation, plan and
//! print renderer as `cyberkit build` — run in a browser's Web Worker on a kit's files and a
//! practice's answers. It reads no disk, clock or network: the page gives it the kit's files and
//! the day's date, and gets documents back.
//!
//! Answers and problems cross as JSON text; documents as bytes.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use cyberkit::answers::{self, Answers};
use cyberkit::diag::{Diagnostic, Diagnostics, Severity};
use cyberkit::files::InMemory;
use cyberkit::model::{Content, Date, Lang, Profile};
use cyberkit::render::personaliser::KitData;
use cyberkit::render::print::Print;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A kit, ready to make a practice's documents.
#[wasm_bindgen]
pub struct Personaliser {
    files: InMemory,
    /// The kit's own profile file, as the URPS wrote it.
    kit_profile: String,
    content: Content,
    /// The page's today, for the checks that depend on it (a contact checked long ago).
    today: Date,
    /// The date the documents carry: the content's newest, as `cyberkit build` gives them
    /// without `SOURCE_DATE_EPOCH`.
    date: Date,
    print: Print,
    /// The last answers checked, and the profile they made: the documents of one set of answers
    /// are asked for one after the other.
    last: RefCell<Option<(String, Checked)>>,
}

/// What answers make: the profile's file, and the profile when it has no error.
#[derive(Clone)]
struct Checked {
    name: String,
    text: String,
    profile: Option<Profile>,
    problems: Vec<Problem>,
}

/// A problem of the answers, for the form: the field it is about, if one is.
#[derive(Debug, Clone, Serialize)]
pub struct Problem {
    field: Option<String>,
    error: bool,
    message: String,
    hint: Option<String>,
    line: usize,
    col: usize,
}

/// What `check` tells the page.
#[derive(Serialize)]
struct Report<'a> {
    /// The profile's file name, without `.toml`.
    name: &'a str,
    /// The profile's text: what "save my answers" downloads.
    profile: &'a str,
    problems: &'a [Problem],
}

/// A document made: its PDF and a picture of its first page.
#[wasm_bindgen]
pub struct Made {
    pdf: Vec<u8>,
    png: Vec<u8>,
}

#[wasm_bindgen]
impl Made {
    pub fn pdf(&self) -> Vec<u8> {
        self.pdf.clone()
    }

    pub fn png(&self) -> Vec<u8> {
        self.png.clone()
    }
}

fn js_error(e: &anyhow::Error) -> JsError {
    JsError::new(&format!("{e:#}"))
}

#[wasm_bindgen]
impl Personaliser {
    /// The kit of `kit` (the text of `personalise/kit.json`), checked on `today` (`YYYY-MM-DD`,
    /// the page's date).
    #[wasm_bindgen(constructor)]
    pub fn new(kit: &str, today: &str) -> Result<Personaliser, JsError> {
        let kit_data: KitData = serde_json::from_str(kit).map_err(|e| JsError::new(&format!("the kit's data: {e}")))?;
        let today: Date = today.parse().map_err(|e| JsError::new(&format!("the date `{today}`: {e}")))?;
        let mut files = InMemory::default();
        for (path, bytes) in kit_data.files().map_err(|e| js_error(&e))? {
            files.insert(path, bytes);
        }
        let kit_profile = kit_data.text.get(&kit_data.profile).cloned().unwrap_or_default();
        let mut diags = Diagnostics::default();
        let content = cyberkit::content(&files, today, &mut diags).map_err(|e| js_error(&e))?;
        let Some(content) = content else {
            let list: Vec<String> = diags.sorted().iter().map(ToString::to_string).collect();
            return Err(JsError::new(&format!("the kit's content has errors:\n{}", list.join("\n"))));
        };
        let print = Print::new().map_err(|e| js_error(&e))?;
        let date = content.documents_date();
        Ok(Personaliser { files, kit_profile, content, today, date, print, last: RefCell::new(None) })
    }

    /// The answers the kit's own profile gives, as JSON: what the form starts with.
    pub fn kit_answers(&self) -> String {
        let answers = answers::read(&self.kit_profile).unwrap_or_default();
        serde_json::to_string(&answers).unwrap_or_default()
    }

    /// The answers in a saved profile's text, as JSON `{"answers": …}`, or `{"problem": …}` when
    /// it is not a profile.
    pub fn read_answers(&self, text: &str) -> String {
        let value = match answers::read(text) {
            Ok(answers) => serde_json::json!({ "answers": answers }),
            Err(e) => {
                let (line, col) = e.span.map_or((0, 0), |span| line_col(text, span.start));
                serde_json::json!({ "problem": { "message": e.message, "line": line, "col": col } })
            }
        };
        value.to_string()
    }

    /// Checks answers (JSON): the profile they make and its problems, as JSON.
    pub fn check(&self, answers: &str) -> String {
        let checked = self.checked(answers);
        let report = Report { name: &checked.name, profile: &checked.text, problems: &checked.problems };
        serde_json::to_string(&report).unwrap_or_default()
    }

    /// One document of the answers' kit: `stem` as the kit names it (`poster-a4`), in `lang`.
    /// Fails when the answers have errors (`check` lists them) or the document overflows.
    pub fn make(&self, answers: &str, lang: &str, stem: &str) -> Result<Made, JsError> {
        let checked = self.checked(answers);
        let Some(profile) = &checked.profile else {
            return Err(JsError::new("the answers have errors"));
        };
        let profiles = std::slice::from_ref(profile);
        let mut kits = cyberkit::plan::plan(&self.content, profiles, self.date);
        let mut kit = kits.pop().ok_or_else(|| JsError::new("no kit was planned"))?;
        let lang = Lang::new(lang);
        kit.documents.retain(|d| d.lang == lang && d.stem == stem);
        let Some(document) = kit.documents.first().cloned() else {
            return Err(JsError::new(&format!("the kit has no document `{stem}` in `{lang}`")));
        };
        let printed = self.print.render_language(&kit, &lang).map_err(|e| js_error(&e))?;
        if let Some(overflow) = printed.overflows.first() {
            return Err(JsError::new(&overflow.to_string()));
        }
        let file = |path: &str| printed.files.iter().find(|f| f.path == path).map(|f| f.bytes.clone());
        match (file(&document.path), file(&document.thumbnail)) {
            (Some(pdf), Some(png)) => Ok(Made { pdf, png }),
            _ => Err(JsError::new(&format!("`{stem}` was not made"))),
        }
    }
}

impl Personaliser {
    /// The answers checked as `cyberkit check` checks the profile they make; the last answers'
    /// result is kept.
    fn checked(&self, answers: &str) -> Checked {
        if let Some((last, checked)) = self.last.borrow().as_ref()
            && last == answers
        {
            return checked.clone();
        }
        let checked = self.check_answers(answers);
        *self.last.borrow_mut() = Some((answers.to_string(), checked.clone()));
        checked
    }

    fn check_answers(&self, answers: &str) -> Checked {
        let failed = |message: String| Checked {
            name: "cabinet".to_string(),
            text: String::new(),
            profile: None,
            problems: vec![Problem { field: None, error: true, message, hint: None, line: 0, col: 0 }],
        };
        let answers: Answers = match serde_json::from_str(answers) {
            Ok(answers) => answers,
            Err(e) => return failed(format!("the form's answers: {e}")),
        };
        let name = answers::profile_name(&answers);
        let text = match answers::profile_text(&self.kit_profile, &answers) {
            Ok(text) => text,
            Err(e) => return failed(format!("the kit's profile: {}", e.message)),
        };
        let path = PathBuf::from(format!("profiles/{name}.toml"));
        let mut files = self.files.clone();
        files.insert(&path, text.as_bytes());
        let mut diags = Diagnostics::default();
        let profile = match profile(&files, &path, &self.content, self.today, &mut diags) {
            Ok(profile) => profile,
            Err(e) => return failed(format!("{e:#}")),
        };
        let mut problems: Vec<Problem> = required(&answers);
        problems.extend(diags.sorted().into_iter().map(|d| problem(&text, d)));
        let profile = profile.filter(|_| !problems.iter().any(|p| p.error));
        Checked { name, text, profile, problems }
    }
}

/// The profile at `path`, loaded and validated as `cyberkit check` does.
fn profile(
    files: &InMemory,
    path: &Path,
    content: &Content,
    today: Date,
    diags: &mut Diagnostics,
) -> anyhow::Result<Option<Profile>> {
    let Some(raw) = cyberkit::load::profile(files, path, diags)? else { return Ok(None) };
    Ok(cyberkit::validate::profile(raw, content, today, diags))
}

/// The required fields left blank.
fn required(answers: &Answers) -> Vec<Problem> {
    answers::FIELDS
        .iter()
        .filter(|f| f.required)
        .filter(|f| match answers.get(&f.id()) {
            Some(answers::Answer::Text(text)) => text.trim().is_empty(),
            _ => true,
        })
        .map(|f| Problem {
            field: Some(f.id()),
            error: true,
            message: format!("`{}` in [{}] is required", f.key, f.table),
            hint: Some("the kit is made for a practice: give its name".to_string()),
            line: 0,
            col: 0,
        })
        .collect()
}

fn problem(text: &str, diagnostic: Diagnostic) -> Problem {
    Problem {
        field: answers::field_of(text, &diagnostic).map(|f| f.id()),
        error: diagnostic.severity == Severity::Error,
        message: diagnostic.message,
        hint: diagnostic.hint,
        line: diagnostic.line,
        col: diagnostic.col,
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}
