//! Reads a language file, `content/i18n/<lang>.toml`: the language's name, whether it is the
//! source language, and its interface strings.

use super::UserFile;
use super::toml::Reader;
use crate::diag::{Diagnostics, Located, Location, SourceFile};

/// A language file as written.
pub struct RawLanguage {
    /// The code, from the file name (`fr` for `fr.toml`).
    pub code: String,
    pub file: Location,
    pub name: Option<Located<String>>,
    pub source: Option<Located<bool>>,
    pub strings: Vec<(Located<String>, Located<String>)>,
    /// Where `[strings]` is, for problems about a missing string.
    pub strings_at: Location,
}

pub fn load(file: &UserFile, diags: &mut Diagnostics) -> Option<RawLanguage> {
    let code = file.path.file_stem()?.to_string_lossy().into_owned();
    let (mut r, root) = Reader::parse(SourceFile::new(&file.path, &file.text), diags);
    let mut root = root?;
    let (mut name, mut source) = (None, None);
    if let Some(mut language) = r.table(&mut root, "language") {
        name = r.required_string(&mut language, "name");
        source = r.boolean(&mut language, "source");
        r.finish(language);
    } else {
        r.error_at(
            &root.at,
            "missing table `[language]`",
            "add `[language]` with `name = \"...\"` (the language's own name)",
        );
    }
    let (strings, strings_at) = match r.table(&mut root, "strings") {
        Some(mut table) => (r.string_map(&mut table), table.at.clone()),
        None => (Vec::new(), Location::file(&file.path)),
    };
    r.finish(root);
    Some(RawLanguage { code, file: Location::file(&file.path), name, source, strings, strings_at })
}
