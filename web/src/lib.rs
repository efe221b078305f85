//! The personaliser's WebAssembly module: cyberkit's core — the same loading, validation, plan and
//! print renderer as `cyberkit build` — run in a browser's Web Worker on a kit's files and a
//! practice's answers. It reads no disk, clock or network: the page gives it the kit's files and
//! the day's date, and gets documents back.
//!
//! Answers and problems cross as JSON text; documents as bytes.

use std::cell::RefCell;
use std::path::{Path, PathBuf};

use cyberkit::answers::{self, Answers};
use cyberkit::diag::{Diagnostic, Diagnostics, Location, WithHint as _};
use cyberkit::files::InMemory;
use cyberkit::model::{Content, Date, Lang, Profile};
use cyberkit::problem::Problem as Said;
use cyberkit::render::personaliser::KitData;
use cyberkit::render::print::Print;
use cyberkit::render::said::said;
use serde::Serialize;
use wasm_bindgen::prelude::*;

/// A kit, ready to make a practice's documents.
#[wasm_bindgen]
pub struct Personaliser {
    files: InMemory,
    /// The kit's own profile file, as the URPS wrote it.
    kit_profile: String,
    content: Content,
    /// The kit's own profile, checked: its profession gives the words the messages name the
    /// workplace with, and its documents warm the renderer up.
    kit: Profile,
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
    problems: Vec<Found>,
}

/// A problem found in the answers, before it is said in a language.
#[derive(Debug, Clone)]
struct Found {
    field: Option<String>,
    diagnostic: Diagnostic,
}

/// A problem of the answers, for the form: the field it is about, if one is, and what is wrong
/// in the page's language (in English, with what to do as a hint, for a problem of the kit's
/// own rather than of a value the form asks for).
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

/// A document made: its PDF and a picture of its first page; or, when the answers make it
/// overflow, no document and the problem (as JSON, like `check`'s).
#[wasm_bindgen]
pub struct Made {
    pdf: Vec<u8>,
    png: Vec<u8>,
    problems: String,
}

#[wasm_bindgen]
impl Made {
    pub fn pdf(&self) -> Vec<u8> {
        self.pdf.clone()
    }

    pub fn png(&self) -> Vec<u8> {
        self.png.clone()
    }

    pub fn problems(&self) -> String {
        self.problems.clone()
    }
}

/// What a document of a profile comes to: its PDF and the picture of its first page, or the
/// values that make it overflow.
enum Outcome {
    Made { pdf: Vec<u8>, png: Vec<u8> },
    Overflows(Vec<Diagnostic>),
}

/// The document the renderer is warmed up with: the one a practice asks for first.
const WARM_STEM: &str = "poster-a4";

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
        let kit = checked_kit_profile(&files, Path::new(&kit_data.profile), &content, today)?;
        let print = Print::new().map_err(|e| js_error(&e))?;
        let date = content.documents_date();
        Ok(Personaliser { files, kit_profile, content, kit, today, date, print, last: RefCell::new(None) })
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

    /// Checks answers (JSON): the profile they make and its problems said in `lang`, as JSON.
    pub fn check(&self, answers: &str, lang: &str) -> String {
        let checked = self.checked(answers);
        let problems = self.said(&checked.problems, &Lang::new(lang));
        let report = Report { name: &checked.name, profile: &checked.text, problems: &problems };
        serde_json::to_string(&report).unwrap_or_default()
    }

    /// One document of the answers' kit: `stem` as the kit names it (`poster-a4`), in `lang`.
    /// Fails when the answers have errors (`check` lists them) or the document overflows.
    pub fn make(&self, answers: &str, lang: &str, stem: &str) -> Result<Made, JsError> {
        let checked = self.checked(answers);
        let Some(profile) = &checked.profile else {
            return Err(JsError::new("the answers have errors"));
        };
        let lang = Lang::new(lang);
        match self.document(profile, &lang, stem)? {
            Outcome::Made { pdf, png } => Ok(Made { pdf, png, problems: "[]".to_string() }),
            Outcome::Overflows(overflows) => {
                let found: Vec<Found> = overflows.into_iter().map(|d| found(&checked.text, d)).collect();
                let problems = serde_json::to_string(&self.said(&found, &lang)).unwrap_or_default();
                Ok(Made { pdf: Vec::new(), png: Vec::new(), problems })
            }
        }
    }

    /// Makes the kit's own poster in `lang` and throws it away, while the practice fills the
    /// form in: the first document of a run lays out the templates, shapes the fonts and
    /// compiles the code it runs for the first time, three times as long as the next; the
    /// practice's first document then takes as long as the next.
    pub fn warm(&self, lang: &str) -> Result<(), JsError> {
        match self.document(&self.kit, &Lang::new(lang), WARM_STEM)? {
            Outcome::Made { .. } => Ok(()),
            Outcome::Overflows(_) => Err(JsError::new("the kit's poster overflows")),
        }
    }
}

impl Personaliser {
    /// The PDF and first-page picture of one document of `profile`'s kit, or its overflows.
    fn document(&self, profile: &Profile, lang: &Lang, stem: &str) -> Result<Outcome, JsError> {
        let profiles = std::slice::from_ref(profile);
        let mut kits = cyberkit::plan::plan(&self.content, profiles, self.date);
        let mut kit = kits.pop().ok_or_else(|| JsError::new("no kit was planned"))?;
        kit.documents.retain(|d| &d.lang == lang && d.stem == stem && d.kind.made_by_practice());
        let Some(document) = kit.documents.first().cloned() else {
            return Err(JsError::new(&format!(
                "the personaliser makes no document `{stem}` in `{lang}`: it makes the posters, the notice and the checklist"
            )));
        };
        let printed = self.print.render_language(&kit, lang).map_err(|e| js_error(&e))?;
        if !printed.overflows.is_empty() {
            return Ok(Outcome::Overflows(printed.overflows));
        }
        let file = |path: &str| printed.files.iter().find(|f| f.path == path).map(|f| f.bytes.clone());
        match (file(&document.path), file(&document.thumbnail)) {
            (Some(pdf), Some(png)) => Ok(Outcome::Made { pdf, png }),
            _ => Err(JsError::new(&format!("`{stem}` was not made"))),
        }
    }

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
            problems: vec![Found { field: None, diagnostic: Location::file(Path::new("")).error(message) }],
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
        let mut problems: Vec<Found> = answers::blank_required(&answers)
            .into_iter()
            .map(|f| {
                let (message, hint) = Said::Required.english();
                let diagnostic = Location::file(&path)
                    .error(format!("`{}` in [{}] {message}", f.key, f.table))
                    .hint(hint)
                    .said(Said::Required);
                Found { field: Some(f.id()), diagnostic }
            })
            .collect();
        problems.extend(diags.sorted().into_iter().map(|d| found(&text, d)));
        let profile = profile.filter(|_| !problems.iter().any(|p| p.diagnostic.is_error()));
        Checked { name, text, profile, problems }
    }

    /// The problems, said in `lang`: a practice's value's problem in the page's language, any
    /// other (of the kit's own) in English with its hint.
    fn said(&self, found: &[Found], lang: &Lang) -> Vec<Problem> {
        let words = self.kit.profession.workplace.words.get(lang);
        found
            .iter()
            .map(|f| {
                let d = &f.diagnostic;
                let (message, hint) = match &d.problem {
                    Some(problem) => (said(problem, &self.content, words, lang), None),
                    None => (d.message.clone(), d.hint.clone()),
                };
                Problem { field: f.field.clone(), error: d.is_error(), message, hint, line: d.line, col: d.col }
            })
            .collect()
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

/// The kit's own profile, which the build checked.
fn checked_kit_profile(files: &InMemory, path: &Path, content: &Content, today: Date) -> Result<Profile, JsError> {
    let mut diags = Diagnostics::default();
    let profile = profile(files, path, content, today, &mut diags).map_err(|e| js_error(&e))?;
    profile.ok_or_else(|| {
        let list: Vec<String> = diags.sorted().iter().map(ToString::to_string).collect();
        JsError::new(&format!("the kit's profile has errors:\n{}", list.join("\n")))
    })
}

/// A diagnostic of the profile `text`, with the form's field it is about.
fn found(text: &str, diagnostic: Diagnostic) -> Found {
    Found { field: answers::field_of(text, &diagnostic).map(|f| f.id()), diagnostic }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..text.floor_char_boundary(offset.min(text.len()))];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The URPS kiné kit's `personalise/kit.json`, from the repository's files.
    fn kit() -> String {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
        let mut files = InMemory::default();
        let mut folders = vec![root.join("content"), root.join("profiles")];
        while let Some(folder) = folders.pop() {
            for entry in std::fs::read_dir(&folder).expect("a folder of the repository") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    folders.push(path);
                } else {
                    let relative = path.strip_prefix(&root).expect("inside the repository");
                    files.insert(relative, std::fs::read(&path).expect("a file of the repository"));
                }
            }
        }
        let profile = Path::new("profiles/urps-kine-pays-de-la-loire.toml");
        let kit = cyberkit::load::kit_files(&files, profile).expect("the kit's files");
        serde_json::to_string(&KitData::new(&kit)).expect("JSON")
    }

    fn problems(personaliser: &Personaliser, answers: &serde_json::Value, lang: &str) -> Vec<(String, String)> {
        let report: serde_json::Value =
            serde_json::from_str(&personaliser.check(&answers.to_string(), lang)).expect("a report");
        report["problems"]
            .as_array()
            .expect("a list")
            .iter()
            .filter(|p| p["error"] == true)
            .map(|p| (p["field"].as_str().unwrap_or_default().to_string(), p["message"].as_str().unwrap().to_string()))
            .collect()
    }

    #[test]
    fn the_form_reads_its_problems_in_the_pages_language() {
        let personaliser = Personaliser::new(&kit(), "2026-12-08").expect("the kit");
        let answers = serde_json::json!({
            "practice.name": "",
            "it_provider.phone": "12",
            "insurer.phone": "{max} {value}",
            "practice.email": "secretariat@cabinet",
        });
        let (n, nn) = ('\u{a0}', '\u{202f}');
        assert_eq!(
            problems(&personaliser, &answers, "fr"),
            [
                (
                    "practice.name".to_string(),
                    format!("Ce champ est obligatoire{nn}: les documents sont faits au nom du cabinet.")
                ),
                (
                    "practice.email".to_string(),
                    format!(
                        "«{nn}secretariat@cabinet{nn}» n’est pas une adresse e-mail{nn}: écrivez l’adresse complète, avec son @ et son nom de domaine."
                    )
                ),
                (
                    "it_provider.phone".to_string(),
                    format!("«{nn}12{nn}» compte 2{n}chiffres{nn}; un numéro français en a 10.")
                ),
                // What was typed is quoted as typed, its braces too.
                (
                    "insurer.phone".to_string(),
                    format!(
                        "«{nn}{{max}} {{value}}{nn}» n’est pas un numéro de téléphone{nn}: il contient «{nn}{{{nn}». Écrivez un numéro français à 10{n}chiffres."
                    )
                ),
            ]
        );
        let english: Vec<String> = problems(&personaliser, &answers, "en").into_iter().map(|(_, m)| m).collect();
        assert_eq!(english[0], "This field is required: the documents are made in the name of the practice.");
        // A number stays with its unit in English too.
        assert_eq!(english[2], format!("“12” has 2{n}digits; a French number has 10."));
    }
}
