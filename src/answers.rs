//! A practice's answers to the personaliser's form, and the profile they make.
//!
//! The form asks for every practice-level key of a profile ([`FIELDS`]); the kit fixes the rest
//! (profession, region, languages, publisher, site). The answers become a profile file — the
//! kit's own file with the practice's keys set, written by `toml_edit`, so that any value is a
//! TOML string and the URPS's comments stay — which then goes through the same load and
//! validation as `cyberkit check`. A saved profile is read back into answers the same way.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};
use toml_edit::{DocumentMut, ImDocument, Item, Table, Value};

use crate::diag::Diagnostic;

/// What a field holds, and so how the form asks for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Text,
    Phone,
    Email,
    /// A list of names, one per line.
    Lines,
    /// Yes or no.
    Switch,
}

/// A key of a profile that the form asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    pub table: &'static str,
    pub key: &'static str,
    pub kind: Kind,
    /// The HTML `autocomplete` token, for the practice's own details (the browser may fill them
    /// in); `None` for someone else's (the provider's number is not the practice's).
    pub autocomplete: Option<&'static str>,
    /// Whether the form needs it: a personalised kit names its practice.
    pub required: bool,
}

impl Field {
    /// The field's name in the form and in the answers: `practice.name`.
    pub fn id(&self) -> String {
        format!("{}.{}", self.table, self.key)
    }
}

const fn field(table: &'static str, key: &'static str, kind: Kind, autocomplete: Option<&'static str>) -> Field {
    Field { table, key, kind, autocomplete, required: false }
}

/// The form's fields, grouped by table in the order the form shows them.
pub const FIELDS: [Field; 26] = [
    Field { required: true, ..field("practice", "name", Kind::Text, Some("organization")) },
    // No token: `street-address` is for a many-line field, and the address is one line.
    field("practice", "address", Kind::Text, None),
    field("practice", "phone", Kind::Phone, Some("tel")),
    field("practice", "email", Kind::Email, Some("email")),
    field("practice", "contact_person", Kind::Text, Some("name")),
    field("it_provider", "name", Kind::Text, None),
    field("it_provider", "phone", Kind::Phone, None),
    field("it_provider", "email", Kind::Email, None),
    field("it_provider", "contract", Kind::Text, None),
    field("insurer", "name", Kind::Text, None),
    field("insurer", "phone", Kind::Phone, None),
    field("insurer", "contract", Kind::Text, None),
    field("software", "name", Kind::Text, None),
    field("software", "phone", Kind::Phone, None),
    field("privacy", "controller", Kind::Text, None),
    field("privacy", "rights_email", Kind::Email, None),
    field("privacy", "rights_address", Kind::Text, None),
    field("privacy", "dpo_name", Kind::Text, None),
    field("privacy", "dpo_email", Kind::Email, None),
    field("privacy", "booking_platform", Kind::Text, None),
    field("privacy", "software_host", Kind::Text, None),
    field("privacy", "recipients", Kind::Lines, None),
    field("privacy", "online_booking", Kind::Switch, None),
    field("privacy", "telehealth", Kind::Switch, None),
    field("privacy", "dmp", Kind::Switch, None),
    field("privacy", "transfers_outside_eu", Kind::Switch, None),
];

/// The tables the form fills, in its order: each is a group of the form.
pub const TABLES: [&str; 5] = ["practice", "it_provider", "insurer", "software", "privacy"];

/// One answer, as the form gives it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Answer {
    Switch(bool),
    Text(String),
    Lines(Vec<String>),
}

/// The answers, by field id. A field left blank is absent or empty.
pub type Answers = BTreeMap<String, Answer>;

/// A profile's file that does not parse as TOML: where, and what the parser says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unreadable {
    pub span: Option<Range<usize>>,
    pub message: String,
}

impl From<toml_edit::TomlError> for Unreadable {
    fn from(e: toml_edit::TomlError) -> Self {
        Unreadable { span: e.span(), message: e.message().to_string() }
    }
}

/// The profile the answers make: the kit's profile text with every form field set from the
/// answers — a blank answer removes the key, so that the kit's own value does not come back.
pub fn profile_text(kit_profile: &str, answers: &Answers) -> Result<String, Unreadable> {
    let mut doc: DocumentMut = kit_profile.parse()?;
    for field in &FIELDS {
        let value = answers.get(&field.id()).and_then(|answer| value(field, answer));
        let table = doc.entry(field.table).or_insert_with(|| Item::Table(Table::new()));
        let Some(table) = table.as_table_like_mut() else { continue };
        match value {
            Some(value) => {
                table.insert(field.key, Item::Value(value));
            }
            None => {
                table.remove(field.key);
            }
        }
    }
    // A table the answers left empty is not written.
    let empty: Vec<String> = doc
        .iter()
        .filter(|(name, item)| {
            TABLES.contains(name) && item.as_table_like().is_some_and(toml_edit::TableLike::is_empty)
        })
        .map(|(name, _)| name.to_string())
        .collect();
    for name in empty {
        doc.remove(&name);
    }
    Ok(doc.to_string())
}

/// The TOML value of an answer; `None` for a blank one.
fn value(field: &Field, answer: &Answer) -> Option<Value> {
    match (field.kind, answer) {
        (Kind::Switch, Answer::Switch(on)) => Some(Value::from(*on)),
        (Kind::Lines, Answer::Lines(lines)) => {
            let lines: Vec<&str> = lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect();
            (!lines.is_empty()).then(|| Value::Array(lines.into_iter().collect()))
        }
        (Kind::Lines, Answer::Text(text)) => value(field, &Answer::Lines(text.lines().map(str::to_string).collect())),
        (Kind::Text | Kind::Phone | Kind::Email, Answer::Text(text)) => {
            let text = text.trim();
            (!text.is_empty()).then(|| Value::from(text))
        }
        _ => None,
    }
}

/// The form's answers in a profile's text: what the form shows for a kit, and what "load my
/// answers" reads back. Values of the wrong type are left out (they are the form's to fill); a
/// switch left out is given its default, as validation would.
pub fn read(text: &str) -> Result<Answers, Unreadable> {
    let doc: ImDocument<&str> = ImDocument::parse(text)?;
    let mut answers = Answers::new();
    for field in &FIELDS {
        let Some(item) = doc.get(field.table).and_then(|t| t.get(field.key)) else { continue };
        let answer = match (field.kind, item) {
            (Kind::Switch, item) => item.as_bool().map(Answer::Switch),
            (Kind::Lines, item) => item
                .as_array()
                .map(|a| Answer::Lines(a.iter().filter_map(|v| v.as_str().map(str::to_string)).collect())),
            (_, item) => item.as_str().map(|s| Answer::Text(s.to_string())),
        };
        if let Some(answer) = answer {
            answers.insert(field.id(), answer);
        }
    }
    // A switch left out has the value validation gives it, which the form shows.
    let booking = answers.contains_key("privacy.booking_platform");
    for (id, default) in [
        ("privacy.online_booking", booking),
        ("privacy.telehealth", false),
        ("privacy.dmp", true),
        ("privacy.transfers_outside_eu", false),
    ] {
        answers.entry(id.to_string()).or_insert(Answer::Switch(default));
    }
    Ok(answers)
}

/// The field a diagnostic of the profile `text` is about: the one whose value holds its line.
pub fn field_of(text: &str, diagnostic: &Diagnostic) -> Option<Field> {
    let doc = ImDocument::parse(text).ok()?;
    let line_of = |offset: usize| text[..offset.min(text.len())].matches('\n').count() + 1;
    FIELDS.iter().copied().find(|field| {
        let Some(span) = doc.get(field.table).and_then(|t| t.get(field.key)).and_then(Item::span) else {
            return false;
        };
        (line_of(span.start)..=line_of(span.end)).contains(&diagnostic.line)
    })
}

/// The fields the form needs that the answers leave blank: a personalised kit names its
/// practice, where a URPS's kit may leave the name to be written by hand.
pub fn blank_required(answers: &Answers) -> Vec<Field> {
    FIELDS
        .iter()
        .filter(|f| f.required)
        .filter(|f| match answers.get(&f.id()) {
            Some(Answer::Text(text)) => text.trim().is_empty(),
            _ => true,
        })
        .copied()
        .collect()
}

/// The file name of the profile the answers make, from the practice's name: lowercase letters,
/// digits and hyphens, accents dropped (`cabinet-des-tilleuls`).
pub fn profile_name(answers: &Answers) -> String {
    use unicode_normalization::UnicodeNormalization as _;
    let name = match answers.get("practice.name") {
        Some(Answer::Text(name)) => name.as_str(),
        _ => "",
    };
    let plain: String = name
        .nfd()
        .filter(char::is_ascii)
        .map(|c| if c.is_ascii_alphanumeric() { c.to_ascii_lowercase() } else { '-' })
        .collect();
    let words: Vec<&str> = plain.split('-').filter(|w| !w.is_empty()).collect();
    let mut slug = String::new();
    for word in words {
        // A file name stays short: the first words of a long name say which practice it is.
        if !slug.is_empty() && slug.len() + word.len() >= 48 {
            break;
        }
        if !slug.is_empty() {
            slug.push('-');
        }
        slug.push_str(word);
    }
    if slug.is_empty() { "cabinet".to_string() } else { slug }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KIT: &str =
        "# A URPS kit.\nprofession = \"infirmiers\"\nregion = \"bretagne\"\n\n[publisher]\nname = \"URPS\"\n";

    fn answers(pairs: &[(&str, Answer)]) -> Answers {
        pairs.iter().map(|(k, v)| ((*k).to_string(), v.clone())).collect()
    }

    #[test]
    fn answers_become_the_kit_profile_with_the_practice_tables() {
        let a = answers(&[
            ("practice.name", Answer::Text("Cabinet \"Les Pins\" \\ #panic()".into())),
            ("it_provider.phone", Answer::Text(" 02 61 91 45 67 ".into())),
            ("privacy.recipients", Answer::Text("Secrétariat\n\n  Laboratoire  \n".into())),
            ("privacy.dmp", Answer::Switch(false)),
            ("insurer.name", Answer::Text("   ".into())),
        ]);
        let text = profile_text(KIT, &a).expect("the kit's profile parses");
        assert!(text.starts_with("# A URPS kit.\nprofession = \"infirmiers\""), "{text}");
        assert!(!text.contains("[insurer]"), "a blank table is left out: {text}");
        let back = read(&text).expect("the profile parses");
        assert_eq!(back.get("practice.name"), Some(&Answer::Text("Cabinet \"Les Pins\" \\ #panic()".into())));
        assert_eq!(back.get("it_provider.phone"), Some(&Answer::Text("02 61 91 45 67".into())));
        assert_eq!(
            back.get("privacy.recipients"),
            Some(&Answer::Lines(vec!["Secrétariat".into(), "Laboratoire".into()]))
        );
        assert_eq!(back.get("privacy.dmp"), Some(&Answer::Switch(false)));
        assert_eq!(back.get("privacy.online_booking"), Some(&Answer::Switch(false)));
        assert_eq!(back.get("privacy.telehealth"), Some(&Answer::Switch(false)));
        assert_eq!(back.len(), 7);
    }

    #[test]
    fn a_blank_answer_removes_the_kit_value() {
        let kit = format!("{KIT}\n[it_provider]\nname = \"Old\"\nphone = \"02 61 91 45 67\"\n");
        let text = profile_text(&kit, &answers(&[("it_provider.name", Answer::Text("New".into()))])).unwrap();
        let back = read(&text).unwrap();
        assert_eq!(back.get("it_provider.name"), Some(&Answer::Text("New".into())));
        assert_eq!(back.get("it_provider.phone"), None);
        // The defaults of validation: the DMP yes, online booking when a platform is named.
        assert_eq!(back.get("privacy.dmp"), Some(&Answer::Switch(true)));
        let booking = read("[privacy]\nbooking_platform = \"Agenda\"\n").unwrap();
        assert_eq!(booking.get("privacy.online_booking"), Some(&Answer::Switch(true)));
    }

    #[test]
    fn a_diagnostic_finds_its_field() {
        let text = profile_text(KIT, &answers(&[("practice.email", Answer::Text("nope".into()))])).unwrap();
        let line = text.lines().position(|l| l.starts_with("email")).unwrap() + 1;
        let at = Diagnostic {
            severity: crate::diag::Severity::Error,
            path: "p.toml".into(),
            line,
            col: 9,
            message: String::new(),
            hint: None,
            problem: None,
        };
        assert_eq!(field_of(&text, &at).map(|f| f.id()), Some("practice.email".to_string()));
        assert_eq!(field_of(&text, &Diagnostic { line: 1, ..at }), None);
    }

    #[test]
    fn a_personalised_kit_names_its_practice() {
        let id = |a: &Answers| blank_required(a).iter().map(Field::id).collect::<Vec<_>>();
        assert_eq!(id(&Answers::new()), ["practice.name"]);
        assert_eq!(id(&answers(&[("practice.name", Answer::Text(" \t".into()))])), ["practice.name"]);
        assert!(id(&answers(&[("practice.name", Answer::Text("Cabinet".into()))])).is_empty());
    }

    #[test]
    fn the_file_is_named_after_the_practice() {
        let named = |name: &str| profile_name(&answers(&[("practice.name", Answer::Text(name.into()))]));
        assert_eq!(named("Cabinet de kinésithérapie des Tilleuls"), "cabinet-de-kinesitherapie-des-tilleuls");
        assert_eq!(named("<script>"), "script");
        assert_eq!(named("…"), "cabinet");
        assert!(named(&"Très long nom ".repeat(20)).len() <= 48);
        assert_eq!(profile_name(&Answers::new()), "cabinet");
    }
}
