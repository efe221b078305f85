//! Reading TOML documents key by key, keeping the span of every value and reporting every problem.
//!
//! serde stops at the first unknown key or wrong type; our users want all of them at once, each
//! with its line, its table and a hint. So the loaders read the tree that `toml-span` parses
//! through a [`Reader`]: each `string`/`table`/... call takes one key out of a [`Table`], checks
//! its type, and records a diagnostic when it is wrong; [`Reader::finish`] then reports the keys
//! nobody asked for, with the list of valid ones. The result is raw, structurally sound data:
//! whether a phone number or a slug is *valid* is decided later, in `validate`.

use toml_span::Span;
use toml_span::value::{Key, Value, ValueInner};

use crate::diag::{Diagnostics, Located, Location, SourceFile, WithHint, backticked, closest};

/// A TOML table being read: the keys not yet taken, and the ones the reader asked for.
pub struct Table<'a> {
    entries: toml_span::value::Table<'a>,
    pub at: Location,
    span: Span,
    /// How the table is named in messages: `[it_provider]`, `the profile`, `the front matter`.
    pub name: String,
    /// Its dotted path, to name sub-tables: `privacy`, `profession.name`; empty for the root.
    path: String,
    expected: Vec<&'static str>,
}

/// A value that is either the same in every language or given per language.
#[derive(Debug, Clone)]
pub enum RawLocalized<T> {
    /// `name = "17Cyber"`: proper names need no translation.
    Same(T),
    /// `name = { fr = "...", en = "..." }`, each language key with its span.
    ByLang(Vec<(Located<String>, T)>),
}

/// Values given per language, each with its language key (`fr`, `en`) as written.
pub type PerLanguage<T> = Located<Vec<(Located<String>, T)>>;

/// Reads the tables of one file, recording problems in `diags`.
pub struct Reader<'a, 'd> {
    pub file: SourceFile<'a>,
    pub diags: &'d mut Diagnostics,
}

impl<'a, 'd> Reader<'a, 'd> {
    /// Parses `file`'s text (from its `base`), returning the root table, or `None` after recording
    /// the syntax error.
    pub fn parse(file: SourceFile<'a>, diags: &'d mut Diagnostics) -> (Self, Option<Table<'a>>) {
        let text = &file.text[file.base..];
        let mut reader = Reader { file, diags };
        let root = match toml_span::parse(text) {
            Ok(mut value) => reader.root(&mut value, "the file"),
            Err(err) => {
                reader.syntax_error(text, &err);
                None
            }
        };
        (reader, root)
    }

    fn root(&mut self, value: &mut Value<'a>, name: &str) -> Option<Table<'a>> {
        let span = value.span;
        match value.take() {
            ValueInner::Table(entries) => Some(Table {
                entries,
                at: self.file.location(span.start),
                span,
                name: name.to_string(),
                path: String::new(),
                expected: Vec::new(),
            }),
            other => {
                self.wrong_type(span, name, "a table", &other);
                None
            }
        }
    }

    fn syntax_error(&mut self, text: &str, err: &toml_span::Error) {
        use toml_span::ErrorKind as K;
        let at = err.span.start;
        let (message, hint) = match &err.kind {
            K::DuplicateKey { key, first } => (
                format!("duplicate key `{key}`"),
                format!("it is already set on line {}; keep only one", self.file.line_col(first.start).0),
            ),
            K::DuplicateTable { name, first } => (
                format!("table `[{name}]` is defined twice"),
                format!("it is first defined on line {}; merge the two", self.file.line_col(first.start).0),
            ),
            _ if looks_like_date(&text[at.min(text.len())..]) || looks_like_date(before_error(text, at)) => (
                format!("invalid TOML: {err}"),
                "write dates in double quotes, e.g. `updated = \"2026-11-23\"`".to_string(),
            ),
            _ => (
                format!("invalid TOML: {err}"),
                "check the quotes, brackets and `key = value` form on this line (https://toml.io)".to_string(),
            ),
        };
        let d = self.file.error(at, message).hint(hint);
        self.diags.push(d);
    }

    /// Records an error at a location already known.
    pub fn error_at(&mut self, at: &Location, message: impl Into<String>, hint: impl Into<String>) {
        self.diags.push(at.error(message).hint(hint));
    }

    fn located<T>(&self, value: T, span: Span) -> Located<T> {
        Located { value, at: self.file.location(self.value_start(span)) }
    }

    /// Where a value starts: toml-span's span of a string leaves out its opening quotes, but a
    /// message should point at them.
    fn value_start(&self, span: Span) -> usize {
        let text = &self.file.text.as_bytes()[self.file.base..];
        let mut start = span.start.min(text.len());
        while start > 0 && span.start - start < 3 && matches!(text[start - 1], b'"' | b'\'') {
            start -= 1;
        }
        start
    }

    /// Records an error at `span`.
    pub fn error(&mut self, span: Span, message: impl Into<String>, hint: impl Into<String>) {
        let d = self.file.error(self.value_start(span), message).hint(hint);
        self.diags.push(d);
    }

    fn wrong_type(&mut self, span: Span, what: &str, expected: &str, found: &ValueInner<'_>) {
        let hint = match expected {
            "a string" => "put the value in double quotes",
            "a whole number" => "write a whole number, without quotes",
            "`true` or `false`" => "write `true` or `false`, without quotes",
            "a list of strings" => "write a list in square brackets, e.g. `[\"a\", \"b\"]`",
            "a string, or a table of languages" => {
                "write one string, or one string per language, e.g. `{ fr = \"...\", en = \"...\" }`"
            }
            _ => "write it as a table: `[name]` on its own line, followed by its keys",
        };
        self.error(span, format!("{what} must be {expected}, found {}", article(found)), hint);
    }

    /// Reports a key that must be present.
    fn missing(&mut self, table: &Table<'_>, key: &str) {
        let (message, hint) = if table.path.is_empty() {
            (format!("missing key `{key}`"), format!("add a line `{key} = ...` at the top of the file"))
        } else {
            (format!("missing key `{key}` in {}", table.name), format!("add `{key} = ...` to {}", table.name))
        };
        self.error(table.span, message, hint);
    }

    #[allow(clippy::unused_self, reason = "read through the reader, as every other key of a table is")]
    fn take(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<(Key<'a>, Value<'a>)> {
        table.expected.push(key);
        table.entries.remove_entry(key)
    }

    fn key_name(table: &Table<'_>, key: &str) -> String {
        if table.path.is_empty() { format!("`{key}`") } else { format!("`{key}` in {}", table.name) }
    }

    /// An optional string.
    pub fn string(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<String>> {
        let (_, mut value) = self.take(table, key)?;
        let span = value.span;
        match value.take() {
            ValueInner::String(s) => Some(self.located(s.into_owned(), span)),
            other => {
                self.wrong_type(span, &Self::key_name(table, key), "a string", &other);
                None
            }
        }
    }

    /// A string that must be present.
    pub fn required_string(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<String>> {
        if !table.entries.contains_key(key) {
            table.expected.push(key);
            self.missing(table, key);
            return None;
        }
        self.string(table, key)
    }

    /// An optional whole number.
    pub fn integer(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<i64>> {
        let (_, mut value) = self.take(table, key)?;
        let span = value.span;
        match value.take() {
            ValueInner::Integer(n) => Some(self.located(n, span)),
            other => {
                self.wrong_type(span, &Self::key_name(table, key), "a whole number", &other);
                None
            }
        }
    }

    /// A whole number that must be present.
    pub fn required_integer(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<i64>> {
        if !table.entries.contains_key(key) {
            table.expected.push(key);
            self.missing(table, key);
            return None;
        }
        self.integer(table, key)
    }

    /// An optional boolean.
    pub fn boolean(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<bool>> {
        let (_, mut value) = self.take(table, key)?;
        let span = value.span;
        match value.take() {
            ValueInner::Boolean(b) => Some(self.located(b, span)),
            other => {
                self.wrong_type(span, &Self::key_name(table, key), "`true` or `false`", &other);
                None
            }
        }
    }

    /// An optional list of strings; the items of the wrong type are reported and left out.
    pub fn strings(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Located<Vec<Located<String>>>> {
        let (_, mut value) = self.take(table, key)?;
        let span = value.span;
        let what = Self::key_name(table, key);
        match value.take() {
            ValueInner::Array(items) => {
                let mut out = Vec::with_capacity(items.len());
                for mut item in items {
                    let item_span = item.span;
                    match item.take() {
                        ValueInner::String(s) => out.push(self.located(s.into_owned(), item_span)),
                        other => self.wrong_type(item_span, &format!("each item of {what}"), "a string", &other),
                    }
                }
                Some(self.located(out, span))
            }
            other => {
                self.wrong_type(span, &what, "a list of strings", &other);
                None
            }
        }
    }

    /// An optional sub-table, named in messages `[parent.key]`.
    pub fn table(&mut self, table: &mut Table<'a>, key: &'static str) -> Option<Table<'a>> {
        let (_, mut value) = self.take(table, key)?;
        let path = table.child_path(key);
        self.sub_table(&mut value, &Self::key_name(table, key), path)
    }

    fn sub_table(&mut self, value: &mut Value<'a>, what: &str, path: String) -> Option<Table<'a>> {
        let span = value.span;
        match value.take() {
            ValueInner::Table(entries) => {
                let at = self.file.location(span.start);
                Some(Table { entries, at, span, name: format!("[{path}]"), path, expected: Vec::new() })
            }
            other => {
                self.wrong_type(span, what, "a table", &other);
                None
            }
        }
    }

    /// An optional array of tables (`[[profession]]`).
    pub fn array_of_tables(&mut self, table: &mut Table<'a>, key: &'static str) -> Vec<Table<'a>> {
        let Some((_, mut value)) = self.take(table, key) else { return Vec::new() };
        let span = value.span;
        let path = table.child_path(key);
        match value.take() {
            ValueInner::Array(items) => items
                .into_iter()
                .filter_map(|mut item| {
                    let mut t = self.sub_table(&mut item, &format!("each `{key}`"), path.clone())?;
                    t.name = format!("[[{path}]]");
                    Some(t)
                })
                .collect(),
            other => {
                self.wrong_type(span, &Self::key_name(table, key), "a list of tables, written `[[name]]`", &other);
                Vec::new()
            }
        }
    }

    /// The tables of a table keyed by id (`[csirt.breizh-cyber]`), in file order.
    pub fn tables_by_id(&mut self, table: &mut Table<'a>, key: &'static str) -> Vec<(Located<String>, Table<'a>)> {
        let Some(mut parent) = self.table(table, key) else { return Vec::new() };
        let mut entries: Vec<_> = std::mem::take(&mut parent.entries).into_iter().collect();
        entries.sort_by_key(|(k, _)| k.span.start);
        entries
            .into_iter()
            .filter_map(|(k, mut v)| {
                let path = parent.child_path(&k.name);
                let t = self.sub_table(&mut v, &format!("`{path}`"), path)?;
                Some((self.located(k.name.into_owned(), k.span), t))
            })
            .collect()
    }

    /// All the string values of a table, in file order (`[strings]` of a language file).
    pub fn string_map(&mut self, table: &mut Table<'a>) -> Vec<(Located<String>, Located<String>)> {
        let mut entries: Vec<_> = std::mem::take(&mut table.entries).into_iter().collect();
        entries.sort_by_key(|(k, _)| k.span.start);
        let mut out = Vec::with_capacity(entries.len());
        for (k, mut v) in entries {
            let span = v.span;
            match v.take() {
                ValueInner::String(s) => {
                    out.push((self.located(k.name.into_owned(), k.span), self.located(s.into_owned(), span)));
                }
                other => {
                    let what = format!("`{}` in {}", k.name, table.name);
                    self.wrong_type(span, &what, "a string", &other);
                }
            }
        }
        out
    }

    /// An optional text that is either one string for every language or one per language.
    pub fn localized(
        &mut self,
        table: &mut Table<'a>,
        key: &'static str,
    ) -> Option<Located<RawLocalized<Located<String>>>> {
        let (_, mut value) = self.take(table, key)?;
        let span = value.span;
        let what = Self::key_name(table, key);
        match value.take() {
            ValueInner::String(s) => Some(self.located(RawLocalized::Same(self.located(s.into_owned(), span)), span)),
            ValueInner::Table(entries) => {
                let mut by_lang: Vec<_> = entries.into_iter().collect();
                by_lang.sort_by_key(|(k, _)| k.span.start);
                let mut out = Vec::new();
                for (lang, mut text) in by_lang {
                    let text_span = text.span;
                    match text.take() {
                        ValueInner::String(s) => out.push((
                            self.located(lang.name.into_owned(), lang.span),
                            self.located(s.into_owned(), text_span),
                        )),
                        other => self.wrong_type(text_span, &format!("`{}` of {what}", lang.name), "a string", &other),
                    }
                }
                Some(self.located(RawLocalized::ByLang(out), span))
            }
            other => {
                self.wrong_type(span, &what, "a string, or a table of languages", &other);
                None
            }
        }
    }

    /// A table of per-language sub-tables (`name.fr = { one = "...", many = "..." }`), each read
    /// by `read`.
    pub fn per_language<T>(
        &mut self,
        table: &mut Table<'a>,
        key: &'static str,
        mut read: impl FnMut(&mut Self, &mut Table<'a>) -> Option<T>,
    ) -> Option<PerLanguage<T>> {
        let mut parent = self.table(table, key)?;
        let span = parent.span;
        let mut entries: Vec<_> = std::mem::take(&mut parent.entries).into_iter().collect();
        entries.sort_by_key(|(k, _)| k.span.start);
        let mut out = Vec::new();
        for (lang, mut value) in entries {
            let path = parent.child_path(&lang.name);
            let Some(mut t) = self.sub_table(&mut value, &format!("`{path}`"), path) else { continue };
            if let Some(v) = read(self, &mut t) {
                out.push((self.located(lang.name.into_owned(), lang.span), v));
            }
            self.finish(t);
        }
        Some(self.located(out, span))
    }

    /// Reports every key of `table` that was not read, with the list of the valid ones.
    pub fn finish(&mut self, table: Table<'a>) {
        let mut left: Vec<_> = table.entries.into_keys().collect();
        left.sort_by_key(|k| k.span.start);
        for key in left {
            let message = if table.path.is_empty() {
                format!("unknown key `{}`", key.name)
            } else {
                format!("unknown key `{}` in {}", key.name, table.name)
            };
            let valid = backticked(table.expected.iter().copied());
            let hint = match closest(&key.name, table.expected.iter().copied()) {
                Some(best) => format!("did you mean `{best}`? expected one of {valid}"),
                None if table.expected.is_empty() => "this table takes no keys".to_string(),
                None => format!("expected one of {valid}"),
            };
            self.error(key.span, message, hint);
        }
    }
}

impl Table<'_> {
    fn child_path(&self, key: &str) -> String {
        if self.path.is_empty() { key.to_string() } else { format!("{}.{key}", self.path) }
    }
}

fn article(found: &ValueInner<'_>) -> &'static str {
    match found {
        ValueInner::String(_) => "a string",
        ValueInner::Integer(_) => "a whole number",
        ValueInner::Float(_) => "a decimal number",
        ValueInner::Boolean(_) => "a boolean",
        ValueInner::Array(_) => "a list",
        ValueInner::Table(_) => "a table",
    }
}

/// The text of the line up to a byte offset.
fn before_error(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    &text[start..at]
}

/// Whether an unquoted date (`2026-11-23`) sits in this text: TOML dates are not read by our
/// parser, and a user who wrote one deserves a hint rather than a puzzle.
fn looks_like_date(text: &str) -> bool {
    let line = text.lines().next().unwrap_or("");
    line.as_bytes()
        .windows(10)
        .any(|w| w.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() }))
        && !line.contains('"')
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn read(text: &str, f: impl for<'a> FnOnce(&mut Reader<'a, '_>, &mut Table<'a>)) -> Vec<String> {
        let mut diags = Diagnostics::default();
        let (mut r, root) = Reader::parse(SourceFile::new(Path::new("p.toml"), text), &mut diags);
        if let Some(mut root) = root {
            f(&mut r, &mut root);
            r.finish(root);
        }
        diags.sorted().iter().map(ToString::to_string).collect()
    }

    #[test]
    fn reports_every_unknown_key_with_its_table_and_the_valid_keys() {
        let text = "name = \"x\"\ncolor = \"#fff\"\n[it_provider]\ntelephone = \"02\"\n";
        let out = read(text, |r, t| {
            r.string(t, "name");
            r.string(t, "colour");
            if let Some(mut p) = r.table(t, "it_provider") {
                r.string(&mut p, "name");
                r.string(&mut p, "phone");
                r.finish(p);
            }
        });
        assert_eq!(
            out,
            [
                "error: p.toml:2:1: unknown key `color`\n  hint: did you mean `colour`? expected one of `name`, `colour`, `it_provider`",
                "error: p.toml:4:1: unknown key `telephone` in [it_provider]\n  hint: did you mean `phone`? expected one of `name`, `phone`",
            ]
        );
    }

    #[test]
    fn reports_wrong_types_and_missing_keys_together() {
        let text = "order = \"ten\"\nchecklist = [\"a\", 2]\n";
        let out = read(text, |r, t| {
            r.required_integer(t, "order");
            r.strings(t, "checklist");
            r.required_string(t, "title");
        });
        assert_eq!(
            out,
            [
                "error: p.toml:1:1: missing key `title`\n  hint: add a line `title = ...` at the top of the file",
                "error: p.toml:1:9: `order` must be a whole number, found a string\n  hint: write a whole number, without quotes",
                "error: p.toml:2:19: each item of `checklist` must be a string, found a whole number\n  hint: put the value in double quotes",
            ]
        );
    }

    #[test]
    fn reports_duplicate_keys_with_the_first_line() {
        let out = read("a = \"1\"\nb = \"2\"\na = \"3\"\n", |_, _| {});
        assert_eq!(out, ["error: p.toml:3:1: duplicate key `a`\n  hint: it is already set on line 1; keep only one"]);
    }

    #[test]
    fn hints_at_quoting_unquoted_dates() {
        let out = read("updated = 2026-11-23\n", |_, _| {});
        assert_eq!(out.len(), 1);
        assert!(out[0].ends_with("hint: write dates in double quotes, e.g. `updated = \"2026-11-23\"`"), "{}", out[0]);
    }

    #[test]
    fn reads_localized_values_in_both_forms() {
        let mut seen = Vec::new();
        read("a = \"Same\"\nb = { fr = \"Bonjour\", en = \"Hello\" }\n", |r, t| {
            for key in ["a", "b"] {
                match r.localized(t, key).map(|s| s.value) {
                    Some(RawLocalized::Same(s)) => seen.push(format!("same:{}", s.value)),
                    Some(RawLocalized::ByLang(v)) => {
                        seen.extend(v.into_iter().map(|(l, s)| format!("{}:{}", l.value, s.value)));
                    }
                    None => {}
                }
            }
        });
        assert_eq!(seen, ["same:Same", "fr:Bonjour", "en:Hello"]);
    }
}
