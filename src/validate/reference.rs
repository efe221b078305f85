//! Validates the reference data: professions and their retention rules, regions, CSIRTs and
//! national contacts. A contact's unconfirmed or stale facts are warnings: the kit still builds,
//! and leaves the unconfirmed value out.

use std::collections::BTreeSet;

use super::{Shape, date, field, key, localized, required_text, text, typed};
use crate::diag::{Diagnostics, Located, WithHint, suggest};
use crate::load::{RawContact, RawReference, RawSourced, RawWorkplace};
use crate::model::{
    Contact, ContactField, Date, IncidentDuty, Languages, Localized, Profession, ProfessionName, REQUIRED_CONTACTS,
    Reference, Region, Retention, Workplace, WorkplaceWords,
};

/// A fact checked longer ago than this is reported as stale.
const STALE_AFTER_MONTHS: i8 = 12;

#[allow(clippy::too_many_lines, reason = "the reference files read one after the other, in their order")]
pub fn reference(raw: RawReference, languages: &Languages, today: Date, diags: &mut Diagnostics) -> Reference {
    let mut retentions = Vec::new();
    for r in raw.retentions {
        let table = format!("[retention.{}]", r.id.value);
        let years = |v: Option<Located<i64>>, name: &str, diags: &mut Diagnostics| {
            let v = v?;
            if let Some(y) = u32::try_from(v.value).ok().filter(|y| (1..=120).contains(y)) {
                Some(y)
            } else {
                diags.push(
                    v.at.error(format!("{}: {} is not a number of years", key(name, &table), v.value))
                        .hint("write a whole number from 1 to 120"),
                );
                None
            }
        };
        if r.total_years.is_none() && r.notice.is_none() {
            diags.push(r.id.at.error(format!("{table} gives no period: neither `total_years` nor `notice`")).hint(
                "a patients' notice must say how long their data is kept (GDPR art. 13(2)(a)): give the rule's total in years, or its periods in words in `notice`, from its source",
            ));
        }
        let retention = Retention {
            notice: localized(r.notice, &key("notice", &table), languages, diags),
            total_years: years(r.total_years, "total_years", diags),
            active_years: years(r.active_years, "active_years", diags),
            archive_years: years(r.archive_years, "archive_years", diags),
            minors_until_age: years(r.minors_until_age, "minors_until_age", diags),
            summary: match localized(r.summary, &key("summary", &table), languages, diags) {
                Some(s) => s,
                None => continue,
            },
            source: sources(&r.sourced, &table, diags),
            checked: match checked(r.sourced, &table, &r.id.value, today, diags) {
                Some(d) => d,
                None => continue,
            },
            id: r.id.value,
        };
        retentions.push(retention);
    }

    let workplaces: Vec<Workplace> =
        raw.workplaces.into_iter().filter_map(|w| workplace(w, languages, today, diags)).collect();

    let mut professions: Vec<Profession> = Vec::new();
    for p in raw.professions {
        let table = "[[profession]]";
        let Some(slug) = slug(p.slug, &key("slug", table), diags) else { continue };
        if professions.iter().any(|q| q.slug == slug.value) {
            diags.push(
                slug.at
                    .error(format!("duplicate profession `{}`", slug.value))
                    .hint("keep one [[profession]] per slug"),
            );
            continue;
        }
        let name = p.name.and_then(|names| {
            let at = names.at.clone();
            let mut pairs = Vec::new();
            for (code, (one, many)) in names.value {
                let Some(lang) = languages.find(&code.value) else {
                    diags.push(super::unknown_language(&code, languages));
                    continue;
                };
                let t = format!("[profession.name.{}]", code.value);
                let one = required_text(one, &key("one", &t), diags);
                let many = required_text(many, &key("many", &t), diags);
                if let (Some(one), Some(many)) = (one, many) {
                    pairs.push((lang.clone(), ProfessionName { one, many }));
                }
            }
            for lang in languages.iter() {
                if !pairs.iter().any(|(l, _)| l == lang) {
                    diags.push(
                        at.error(format!("the profession `{}` has no `{lang}` name", slug.value))
                            .hint(format!("add `name.{lang} = {{ one = \"...\", many = \"...\" }}`")),
                    );
                }
            }
            pairs.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
            Localized::new(pairs)
        });
        let retention = p.retention.and_then(|id| {
            by_id(&retentions, |r| &r.id, &id, ("retention rule", "the id of a [retention.*] table"), diags)
        });
        let workplace = p
            .workplace
            .and_then(|id| by_id(&workplaces, |w| &w.id, &id, ("workplace", "the id of a [workplace.*] table"), diags));
        if let (Some(name), Some(retention), Some(workplace)) = (name, retention, workplace) {
            professions.push(Profession { slug: slug.value, name, retention, workplace });
        }
    }

    let csirts = contacts(raw.csirts, "csirt", languages, today, diags);
    let mut regions: Vec<Region> = Vec::new();
    for r in raw.regions {
        let table = "[[region]]";
        let Some(slug) = slug(r.slug, &key("slug", table), diags) else { continue };
        if regions.iter().any(|q| q.slug == slug.value) {
            diags
                .push(slug.at.error(format!("duplicate region `{}`", slug.value)).hint("keep one [[region]] per slug"));
            continue;
        }
        let insee = r.insee.and_then(|v| {
            if v.value.len() == 2 && v.value.bytes().all(|b| b.is_ascii_digit()) {
                Some(v.value)
            } else {
                diags.push(
                    v.at.error(format!("{}: `{}` is not an INSEE region code", key("insee", table), v.value))
                        .hint("write the two digits of the code, e.g. `\"52\"`"),
                );
                None
            }
        });
        let iso = text(r.iso, &key("iso", table), Shape::Line, diags);
        let csirt = r.csirt.and_then(|id| {
            let found = csirts.iter().find(|c| c.id == id.value).cloned();
            if found.is_none() {
                let ids: Vec<&str> = csirts.iter().map(|c| c.id.as_str()).collect();
                diags.push(id.at.error(format!("unknown CSIRT `{}`", id.value)).hint(suggest(
                    &id.value,
                    &ids,
                    "the id of a [csirt.*] table in csirts.toml",
                )));
            }
            found
        });
        let urps = text(r.urps, &key("urps", table), Shape::Line, diags);
        let name = localized(r.name, &key("name", table), languages, diags);
        if let (Some(insee), Some(iso), Some(name)) = (insee, iso, name) {
            regions.push(Region { slug: slug.value, insee, iso, name, csirt, urps });
        }
    }

    let contacts = contacts(raw.contacts, "contact", languages, today, diags);
    for id in REQUIRED_CONTACTS {
        if !contacts.iter().any(|c| c.id == id) {
            diags.push(
                crate::diag::Location::file(std::path::Path::new("content/reference/contacts.toml"))
                    .error(format!("missing contact `{id}`"))
                    .hint(format!("add a table `[contact.{id}]`: the incident page and poster name it")),
            );
        }
    }
    Reference { professions, regions, contacts }
}

/// The table a profession names by its id, or an error with the nearest ids; `what` names the
/// kind of table in the message and the hint.
fn by_id<T: Clone>(
    tables: &[T],
    id_of: impl Fn(&T) -> &String,
    id: &Located<String>,
    (kind, hint): (&str, &str),
    diags: &mut Diagnostics,
) -> Option<T> {
    let found = tables.iter().find(|t| *id_of(t) == id.value).cloned();
    if found.is_none() {
        let ids: Vec<&str> = tables.iter().map(|t| id_of(t).as_str()).collect();
        diags.push(id.at.error(format!("unknown {kind} `{}`", id.value)).hint(suggest(&id.value, &ids, hint)));
    }
    found
}

/// A `[workplace.<id>]`: its words in every language, and its incident duty and notice bases,
/// which are facts and need their source.
fn workplace(w: RawWorkplace, languages: &Languages, today: Date, diags: &mut Diagnostics) -> Option<Workplace> {
    let table = format!("[workplace.{}]", w.id.value);
    let word = |v, name: &str, diags: &mut Diagnostics| localized(v, &key(name, &table), languages, diags);
    let words = workplace_words(w.words, &w.id, &table, languages, diags);
    let required =
        |v: Option<Localized<String>>, name: &str, diags: &mut Diagnostics| {
            if v.is_none() && !diags.has_error_at(&w.id.at) {
                diags.push(w.id.at.error(format!("missing key `{name}` in {table}")).hint(format!(
                    "add `{name} = {{ fr = \"...\", en = \"...\" }}`: every workplace says it its own way"
                )));
            }
            v
        };
    let keep_working = word(w.keep_working, "keep_working", diags);
    let keep_working = required(keep_working, "keep_working", diags);
    let patient_messages = word(w.patient_messages, "patient_messages", diags);
    let patient_messages = required(patient_messages, "patient_messages", diags);
    let (title, detail) =
        (word(w.incident_duty_title, "incident_duty_title", diags), word(w.incident_duty, "incident_duty", diags));
    let site = typed(w.incident_duty_site, &key("incident_duty_site", &table), field::https_url, diags);
    let notice_basis = word(w.notice_basis, "notice_basis", diags);
    let notice_controller = word(w.notice_controller, "notice_controller", diags);
    let mut notice_purposes = Vec::new();
    for (at, texts) in w.notice_purposes {
        let mut pairs = Vec::new();
        for (code, text) in texts {
            match languages.find(&code.value) {
                Some(lang) => pairs.extend(
                    required_text(Some(text), &key("notice_purposes", &table), diags).map(|t| (lang.clone(), t)),
                ),
                None => diags.push(super::unknown_language(&code, languages)),
            }
        }
        if let Some(missing) = languages.iter().find(|l| !pairs.iter().any(|(p, _)| p == *l)) {
            diags.push(
                at.error(format!("a purpose in {table} has no `{missing}` text"))
                    .hint(format!("add `{missing} = \"...\"`")),
            );
        } else {
            pairs.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
            notice_purposes.extend(Localized::new(pairs));
        }
    }
    let has_facts =
        detail.is_some() || notice_basis.is_some() || notice_controller.is_some() || !notice_purposes.is_empty();
    if has_facts {
        match &w.source {
            Some(list) if !list.value.is_empty() => {}
            _ => diags.push(
                w.id.at
                    .error(format!("{table} states duties without a `source`"))
                    .hint("add `source = [\"https://...\"]` and `checked = \"YYYY-MM-DD\"`: where they were read"),
            ),
        }
        match w.checked {
            Some(c) => {
                checked_date(Some(c), &table, &w.id.value, today, diags);
            }
            None => diags.push(
                w.id.at
                    .error(format!("missing key `checked` in {table}"))
                    .hint("add `checked = \"YYYY-MM-DD\"`: the day the source was read"),
            ),
        }
    }
    let incident_duty = match (title, detail, site) {
        (Some(title), Some(detail), Some(site)) => Some(IncidentDuty { title, detail, site }),
        (None, None, None) => None,
        _ => {
            diags.push(w.id.at.error(format!("{table}: an incident duty needs `incident_duty_title`, `incident_duty` and `incident_duty_site`")).hint("give all three, or none"));
            None
        }
    };
    Some(Workplace {
        id: w.id.value,
        words: words?,
        keep_working: keep_working?,
        patient_messages: patient_messages?,
        incident_duty,
        notice_basis,
        notice_controller,
        notice_purposes,
    })
}

/// A workplace's words in every language: each derived from its noun and grammar by the
/// language's rules (`grammar::forms`), or given where the language has none.
fn workplace_words(
    raw: Option<crate::load::toml::PerLanguage<crate::load::RawWords>>,
    id: &Located<String>,
    table: &str,
    languages: &Languages,
    diags: &mut Diagnostics,
) -> Option<Localized<WorkplaceWords>> {
    let Some(raw) = raw else {
        diags.push(id.at.error(format!("missing key `words` in {table}")).hint(
            "add `words.fr = { noun = \"cabinet\", gender = \"masculine\", waiting = \"la salle d’attente\" }`, one per language",
        ));
        return None;
    };
    let mut pairs = Vec::new();
    for (code, w) in raw.value {
        let Some(lang) = languages.find(&code.value) else {
            diags.push(super::unknown_language(&code, languages));
            continue;
        };
        let t = format!("{table} words.{}", code.value);
        let noun = required_text(w.noun, &key("noun", &t), diags);
        let waiting = required_text(w.waiting, &key("waiting", &t), diags);
        let feminine = either(w.gender.as_ref(), &key("gender", &t), ("masculine", "feminine"), diags);
        let plural = either(w.number.as_ref(), &key("number", &t), ("singular", "plural"), diags);
        let grammar = crate::model::Grammar { feminine, plural, elision: w.elision.is_some_and(|e| e.value) };
        if lang.code() == "fr" && w.gender.is_none() {
            diags.push(w.at.error(format!("{t} has no `gender`")).hint(
                "add `gender = \"masculine\"` or `\"feminine\"`: the sentences that agree with the workplace read it",
            ));
        }
        let (Some(noun), Some(waiting)) = (noun, waiting) else { continue };
        let derived = crate::model::grammar::forms(lang.code(), &noun, grammar);
        let mut given = |k: &str| -> Option<String> {
            let found = w.forms.iter().find(|(name, _)| *name == k).map(|(_, v)| v.clone());
            match (found, &derived) {
                (Some(v), _) => required_text(Some(v), &key(k, &t), diags),
                (None, Some(d)) => Some(d.get(k).to_string()),
                (None, None) => {
                    diags.push(w.at.error(format!("{t} has no `{k}`")).hint(format!(
                        "cyberkit has no grammar rules for `{}`: give the forms `the`, `the_start`, `your`, `of`, `at` and `name`",
                        code.value
                    )));
                    None
                }
            }
        };
        let forms: Vec<Option<String>> = crate::load::WORD_FORMS.iter().map(|k| given(k)).collect();
        let [the, the_start, your, of, at, name]: [Option<String>; 6] = forms.try_into().ok()?;
        if let (Some(the), Some(the_start), Some(your), Some(of), Some(at), Some(name)) =
            (the, the_start, your, of, at, name)
        {
            pairs.push((lang.clone(), WorkplaceWords { the, the_start, your, of, at, name, waiting, grammar }));
        }
    }
    for lang in languages.iter() {
        if !pairs.iter().any(|(l, _)| l == lang) && !diags.has_error_at(&raw.at) {
            diags.push(
                raw.at
                    .error(format!("{table} has no `{lang}` words"))
                    .hint(format!("add `words.{lang} = {{ noun = \"...\", waiting = \"...\" }}`")),
            );
        }
    }
    pairs.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
    Localized::new(pairs)
}

/// Whether a value is the second of two words (`feminine` of `masculine` or `feminine`); the
/// first when it is absent, or anything else, which is an error.
fn either(
    value: Option<&Located<String>>,
    k: &super::Key<'_>,
    (first, second): (&str, &str),
    diags: &mut Diagnostics,
) -> bool {
    match value.map(|v| v.value.as_str()) {
        None => false,
        Some(v) if v == first => false,
        Some(v) if v == second => true,
        Some(other) => {
            if let Some(v) = value {
                diags.push(
                    v.at.error(format!("{k}: unknown value `{other}`")).hint(format!("write `{first}` or `{second}`")),
                );
            }
            false
        }
    }
}

fn slug(value: Option<Located<String>>, k: &super::Key<'_>, diags: &mut Diagnostics) -> Option<Located<String>> {
    let value = value?;
    if field::is_slug(&value.value) {
        Some(value)
    } else {
        diags.push(
            value
                .at
                .error(format!("{k}: `{}` is not a valid identifier", value.value))
                .hint("use lowercase letters, digits and hyphens, e.g. `pays-de-la-loire`"),
        );
        None
    }
}

fn sources(sourced: &RawSourced, table: &str, diags: &mut Diagnostics) -> Vec<String> {
    let Some(list) = &sourced.source else { return Vec::new() };
    if list.value.is_empty() {
        diags.push(
            list.at
                .error(format!("{} is empty", key("source", table)))
                .hint("name at least one source this fact was read in"),
        );
    }
    list.value.iter().map(|s| s.value.trim().to_string()).filter(|s| !s.is_empty()).collect()
}

fn checked(sourced: RawSourced, table: &str, name: &str, today: Date, diags: &mut Diagnostics) -> Option<Date> {
    checked_date(sourced.checked, table, name, today, diags)
}

/// A `checked` date: not to come, and a warning when it is over a year old.
pub(crate) fn checked_date(
    checked: Option<Located<String>>,
    table: &str,
    name: &str,
    today: Date,
    diags: &mut Diagnostics,
) -> Option<Date> {
    let at = checked.as_ref().map(|c| c.at.clone());
    let date = date(checked, &key("checked", table), diags)?;
    if let Some(at) = at {
        if date > today {
            diags.push(
                at.error(format!("`{name}` is marked as checked on {date}, a date still to come"))
                    .hint("write the day it was checked against its source"),
            );
        } else if date.saturating_add(jiff::Span::new().months(STALE_AFTER_MONTHS)) < today {
            diags.push(
                at.warning(format!("`{name}` was last checked on {date}, over {STALE_AFTER_MONTHS} months ago"))
                    .hint("check it against its source, then update `checked`"),
            );
        }
    }
    Some(date)
}

fn contacts(
    raw: Vec<RawContact>,
    kind: &str,
    languages: &Languages,
    today: Date,
    diags: &mut Diagnostics,
) -> Vec<Contact> {
    let mut out: Vec<Contact> = Vec::new();
    for c in raw {
        let table = format!("[{kind}.{}]", c.id.value);
        let id = c.id.value.clone();
        if !field::is_slug(&id) {
            diags.push(
                c.id.at
                    .error(format!("`{id}` is not a valid identifier"))
                    .hint("use lowercase letters, digits and hyphens"),
            );
            continue;
        }
        let k = |name: &'static str| key(name, &table).to_string();
        let website = typed(c.website, &key("website", &table), field::https_url, diags);
        let phone = typed(c.phone, &key("phone", &table), field::phone, diags);
        let sms = typed(c.sms, &key("sms", &table), field::short_number, diags);
        let email = typed(c.email, &key("email", &table), field::email, diags);
        let address = text(c.address, &key("address", &table), Shape::Line, diags);
        let hours = localized(c.hours, &key("hours", &table), languages, diags);
        let find = localized(c.find, &key("find", &table), languages, diags);
        let description = localized(c.description, &key("description", &table), languages, diags);
        let note = text(c.note, &key("note", &table), Shape::Note, diags);
        let mut unconfirmed = BTreeSet::new();
        for field_name in c.unconfirmed.map(|u| u.value).unwrap_or_default() {
            let Some((_, f)) = ContactField::ALL.iter().find(|(n, _)| *n == field_name.value) else {
                let names: Vec<&str> = ContactField::ALL.iter().map(|(n, _)| *n).collect();
                diags.push(
                    field_name
                        .at
                        .error(format!("{}: unknown field `{}`", k("unconfirmed"), field_name.value))
                        .hint(suggest(&field_name.value, &names, "a field of the contact")),
                );
                continue;
            };
            let given = match f {
                ContactField::Website => website.is_some(),
                ContactField::Phone => phone.is_some(),
                ContactField::Sms => sms.is_some(),
                ContactField::Email => email.is_some(),
                ContactField::Address => address.is_some(),
                ContactField::Hours => hours.is_some(),
            };
            if !given {
                diags.push(
                    field_name
                        .at
                        .error(format!(
                            "{}: `{}` is listed but the contact has none",
                            k("unconfirmed"),
                            field_name.value
                        ))
                        .hint("remove it from the list"),
                );
                continue;
            }
            unconfirmed.insert(*f);
        }
        let at = c.sourced.at.clone();
        let source = sources(&c.sourced, &table, diags);
        let checked = checked(c.sourced, &table, &id, today, diags);
        let name = localized(c.name, &key("name", &table), languages, diags);
        if out.iter().any(|o| o.id == id) {
            diags.push(c.id.at.error(format!("duplicate {kind} `{id}`")).hint("keep one table per id"));
            continue;
        }
        if let (Some(name), Some(checked)) = (name, checked) {
            out.push(Contact {
                id,
                at,
                name,
                description,
                website,
                phone,
                sms,
                email,
                address,
                hours,
                find,
                source,
                checked,
                unconfirmed,
                note,
            });
        }
    }
    out
}

/// Warns about the unconfirmed values of a contact a kit uses: they are left out of the kit, and
/// someone should confirm them. Called for the contacts in use only, so that a practice is not
/// told about the CSIRTs of other regions.
pub fn warn_unconfirmed(contact: &Contact, diags: &mut Diagnostics) {
    for field in &contact.unconfirmed {
        let hint = contact
            .note
            .clone()
            .unwrap_or_else(|| "confirm it with a second source, then remove it from `unconfirmed`".to_string());
        diags.push(
            contact
                .at
                .warning(format!(
                    "the {} of `{}` {} unconfirmed: the kits leave {} out",
                    field.key(),
                    contact.id,
                    if *field == ContactField::Hours { "are" } else { "is" },
                    if *field == ContactField::Hours { "them" } else { "it" },
                ))
                .hint(hint),
        );
    }
}
