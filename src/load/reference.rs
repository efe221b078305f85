//! Reads the reference data in `content/reference/`: professions and retention rules, regions,
//! regional CSIRTs and national contacts.

use std::path::Path;

use super::toml::{PerLanguage, RawLocalized, Reader, Table};
use super::{UserFile, read};
use crate::diag::{Diagnostics, Located, Location, SourceFile, file_error};
use crate::files::{Entry, Files};

type Text = Option<Located<String>>;
type LocalizedText = Option<Located<RawLocalized<Located<String>>>>;
/// A text in each language, as `(language code, text)`: `{ fr = "...", en = "..." }`.
pub type TextsByLanguage = Vec<(Located<String>, Located<String>)>;

/// All the reference files as written.
#[derive(Default)]
pub struct RawReference {
    pub retentions: Vec<RawRetention>,
    pub workplaces: Vec<RawWorkplace>,
    pub professions: Vec<RawProfession>,
    pub regions: Vec<RawRegion>,
    pub csirts: Vec<RawContact>,
    pub contacts: Vec<RawContact>,
}

pub struct RawRetention {
    pub id: Located<String>,
    pub total_years: Option<Located<i64>>,
    pub active_years: Option<Located<i64>>,
    pub archive_years: Option<Located<i64>>,
    pub minors_until_age: Option<Located<i64>>,
    pub summary: LocalizedText,
    pub notice: LocalizedText,
    pub sourced: RawSourced,
}

/// Where a profession practises (`cabinet`, `officine`, `laboratoire`), how the kit names it,
/// and what that kind of place owes that a practice does not.
pub struct RawWorkplace {
    pub id: Located<String>,
    /// Per language, `words.fr = { noun = "officine", gender = "feminine", elision = true, waiting
    /// = "..." }`: the noun, what agrees with it, where patients wait, and optionally the forms
    /// the language's rules would derive (`the`, `of`...), for a language that has none.
    pub words: Option<PerLanguage<RawWords>>,
    /// How it keeps working when the computers are down (`keep_working`), and whether patients
    /// may write to it first on their secure messaging (`patient_messages`).
    pub keep_working: LocalizedText,
    pub patient_messages: LocalizedText,
    pub incident_duty: LocalizedText,
    pub incident_duty_title: LocalizedText,
    pub incident_duty_site: Text,
    pub notice_basis: LocalizedText,
    pub notice_controller: LocalizedText,
    /// The notice's purposes, where they are not a practice's: each `{ fr = "...", en = "..." }`.
    pub notice_purposes: Vec<(Location, TextsByLanguage)>,
    /// Where the duty and the bases were read; required with them.
    pub source: Option<Located<Vec<Located<String>>>>,
    pub checked: Text,
}

/// A workplace's words in one language, as written.
pub struct RawWords {
    pub at: Location,
    pub noun: Text,
    pub gender: Text,
    pub number: Text,
    pub elision: Option<Located<bool>>,
    pub waiting: Text,
    /// Forms given instead of derived: `the`, `the_start`, `your`, `of`, `at`, `name`.
    pub forms: Vec<(&'static str, Located<String>)>,
}

/// The forms of a workplace's words that a language's rules derive from its noun.
pub const WORD_FORMS: [&str; 6] = ["the", "the_start", "your", "of", "at", "name"];

pub struct RawProfession {
    pub at: Location,
    pub slug: Text,
    /// Per language: the singular and plural names.
    pub name: Option<PerLanguage<(Text, Text)>>,
    pub retention: Text,
    pub workplace: Text,
}

pub struct RawRegion {
    pub at: Location,
    pub slug: Text,
    pub insee: Text,
    pub iso: Text,
    pub name: LocalizedText,
    pub csirt: Text,
    pub urps: Text,
}

/// Where a fact comes from and when it was checked.
pub struct RawSourced {
    pub at: Location,
    pub source: Option<Located<Vec<Located<String>>>>,
    pub checked: Text,
}

pub struct RawContact {
    pub id: Located<String>,
    pub name: LocalizedText,
    pub description: LocalizedText,
    pub website: Text,
    pub phone: Text,
    pub sms: Text,
    pub email: Text,
    pub address: Text,
    pub hours: LocalizedText,
    pub find: LocalizedText,
    pub unconfirmed: Option<Located<Vec<Located<String>>>>,
    pub note: Text,
    pub sourced: RawSourced,
}

pub fn load(files: &dyn Files, dir: &Path, diags: &mut Diagnostics) -> anyhow::Result<RawReference> {
    let mut raw = RawReference::default();
    if let Some(file) = required_file(files, &dir.join("professions.toml"), diags)? {
        with_root(&file, diags, |r, root| {
            for (id, mut t) in r.tables_by_id(root, "retention") {
                raw.retentions.push(RawRetention {
                    id,
                    total_years: r.integer(&mut t, "total_years"),
                    active_years: r.integer(&mut t, "active_years"),
                    archive_years: r.integer(&mut t, "archive_years"),
                    minors_until_age: r.integer(&mut t, "minors_until_age"),
                    summary: required_localized(r, &mut t, "summary"),
                    notice: r.localized(&mut t, "notice"),
                    sourced: sourced(r, &mut t),
                });
                r.finish(t);
            }
            for (id, mut t) in r.tables_by_id(root, "workplace") {
                let words = r.per_language(&mut t, "words", |r, w| {
                    Some(RawWords {
                        at: w.at.clone(),
                        noun: r.required_string(w, "noun"),
                        gender: r.string(w, "gender"),
                        number: r.string(w, "number"),
                        elision: r.boolean(w, "elision"),
                        waiting: r.required_string(w, "waiting"),
                        forms: WORD_FORMS.iter().filter_map(|&k| r.string(w, k).map(|v| (k, v))).collect(),
                    })
                });
                raw.workplaces.push(RawWorkplace {
                    id,
                    words,
                    keep_working: r.localized(&mut t, "keep_working"),
                    patient_messages: r.localized(&mut t, "patient_messages"),
                    incident_duty: r.localized(&mut t, "incident_duty"),
                    incident_duty_title: r.localized(&mut t, "incident_duty_title"),
                    incident_duty_site: r.string(&mut t, "incident_duty_site"),
                    notice_basis: r.localized(&mut t, "notice_basis"),
                    notice_controller: r.localized(&mut t, "notice_controller"),
                    notice_purposes: r
                        .array_of_tables(&mut t, "notice_purposes")
                        .into_iter()
                        .map(|mut p| (p.at.clone(), r.string_map(&mut p)))
                        .collect(),
                    source: r.strings(&mut t, "source"),
                    checked: r.string(&mut t, "checked"),
                });
                r.finish(t);
            }
            for mut t in r.array_of_tables(root, "profession") {
                raw.professions.push(RawProfession {
                    at: t.at.clone(),
                    slug: r.required_string(&mut t, "slug"),
                    name: r.per_language(&mut t, "name", |r, n| {
                        Some((r.required_string(n, "one"), r.required_string(n, "many")))
                    }),
                    retention: r.required_string(&mut t, "retention"),
                    workplace: r.required_string(&mut t, "workplace"),
                });
                r.finish(t);
            }
        });
    }
    if let Some(file) = required_file(files, &dir.join("regions.toml"), diags)? {
        with_root(&file, diags, |r, root| {
            for mut t in r.array_of_tables(root, "region") {
                raw.regions.push(RawRegion {
                    at: t.at.clone(),
                    slug: r.required_string(&mut t, "slug"),
                    insee: r.required_string(&mut t, "insee"),
                    iso: r.required_string(&mut t, "iso"),
                    name: required_localized(r, &mut t, "name"),
                    csirt: r.string(&mut t, "csirt"),
                    urps: r.string(&mut t, "urps"),
                });
                r.finish(t);
            }
        });
    }
    for (file_name, key, out) in
        [("csirts.toml", "csirt", &mut raw.csirts), ("contacts.toml", "contact", &mut raw.contacts)]
    {
        if let Some(file) = required_file(files, &dir.join(file_name), diags)? {
            with_root(&file, diags, |r, root| {
                for (id, mut t) in r.tables_by_id(root, key) {
                    out.push(contact(r, id, &mut t));
                    r.finish(t);
                }
            });
        }
    }
    Ok(raw)
}

fn contact<'a>(r: &mut Reader<'a, '_>, id: Located<String>, t: &mut Table<'a>) -> RawContact {
    RawContact {
        id,
        name: required_localized(r, t, "name"),
        description: r.localized(t, "description"),
        website: r.string(t, "website"),
        phone: r.string(t, "phone"),
        sms: r.string(t, "sms"),
        email: r.string(t, "email"),
        address: r.string(t, "address"),
        hours: r.localized(t, "hours"),
        find: r.localized(t, "find"),
        unconfirmed: r.strings(t, "unconfirmed"),
        note: r.string(t, "note"),
        sourced: sourced(r, t),
    }
}

fn sourced<'a>(r: &mut Reader<'a, '_>, t: &mut Table<'a>) -> RawSourced {
    let at = t.at.clone();
    let source = r.strings(t, "source");
    if source.is_none() {
        r.error_at(
            &at,
            format!("missing key `source` in {}", t.name),
            "add `source = [\"https://...\"]`: where this fact was read",
        );
    }
    RawSourced { at, source, checked: r.required_string(t, "checked") }
}

fn required_localized<'a>(r: &mut Reader<'a, '_>, t: &mut Table<'a>, key: &'static str) -> LocalizedText {
    let value = r.localized(t, key);
    if value.is_none() {
        let message = format!("missing key `{key}` in {}", t.name);
        r.error_at(&t.at.clone(), message, format!("add `{key} = {{ fr = \"...\", en = \"...\" }}`"));
    }
    value
}

fn required_file(files: &dyn Files, path: &Path, diags: &mut Diagnostics) -> anyhow::Result<Option<UserFile>> {
    if files.read(path, 0)? == Entry::Missing {
        diags.push(file_error(path, "the reference file is missing", "restore it from the project's repository"));
        return Ok(None);
    }
    read(files, path, diags)
}

fn with_root<'f, 'd>(
    file: &'f UserFile,
    diags: &'d mut Diagnostics,
    f: impl FnOnce(&mut Reader<'f, 'd>, &mut Table<'f>),
) {
    let (mut r, root) = Reader::parse(SourceFile::new(&file.path, &file.text), diags);
    if let Some(mut root) = root {
        f(&mut r, &mut root);
        r.finish(root);
    }
}
