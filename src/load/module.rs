//! Reads a module file, `content/modules/<id>.<lang>.md`: TOML front matter between `+++` lines,
//! then the Markdown body.

use super::UserFile;
use super::printed::{self, Printed};
use super::toml::Reader;
use crate::diag::{Diagnostics, Located, Location, SourceFile, WithHint, file_error};
use crate::placeholder;

/// A module file as written, in one language.
pub struct RawModule {
    pub id: String,
    pub lang: String,
    pub file: Location,
    /// Where the front matter starts, for problems about a missing key.
    pub front_matter: Location,
    pub title: Option<Located<String>>,
    pub summary: Option<Located<String>>,
    pub part: Option<Located<String>>,
    pub order: Option<Located<i64>>,
    /// The name of its pictogram, one of `templates/icons/`.
    pub icon: Option<Located<String>>,
    pub professions: Option<Located<Vec<Located<String>>>>,
    pub checklist: Option<Located<Vec<Located<String>>>>,
    pub updated: Option<Located<String>>,
    /// The pages its facts were read on (`[[source]]`).
    pub sources: Vec<RawSource>,
    pub body: String,
    /// The body's byte offset in the file's `text`.
    pub body_at: usize,
    /// The whole file, to locate what validation finds in the body.
    pub text: String,
    /// The placeholders of the body's text nodes, by name.
    pub placeholders: Vec<Located<String>>,
    /// The web addresses and phone numbers the body prints.
    pub printed: Vec<Located<Printed>>,
}

/// One `[[source]]` of a module's front matter: a page, when it was read, and the printed
/// strings (phones, addresses) it confirms.
pub struct RawSource {
    pub at: Location,
    pub url: Option<Located<String>>,
    pub checked: Option<Located<String>>,
    pub facts: Option<Located<Vec<Located<String>>>>,
}

/// The two halves of a module file, with the byte offset each starts at.
#[derive(Debug, PartialEq, Eq)]
pub struct Split<'a> {
    pub front_matter: (&'a str, usize),
    pub body: (&'a str, usize),
}

/// A file that does not have the `+++` front matter, with the byte offset to point at.
#[derive(Debug, PartialEq, Eq)]
pub struct NoFrontMatter {
    pub offset: usize,
    pub message: &'static str,
    pub hint: &'static str,
}

/// Splits a module file into its front matter and its body.
pub fn split_front_matter(text: &str) -> Result<Split<'_>, NoFrontMatter> {
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_end].trim_end() != "+++" {
        return Err(NoFrontMatter {
            offset: 0,
            message: "the module does not start with its front matter",
            hint: "start the file with a line `+++`, then `title = \"...\"` and the other keys, then a line `+++`",
        });
    }
    let mut line_start = first_end;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i + 1);
        if text[line_start..line_end].trim_end() == "+++" {
            return Ok(Split {
                front_matter: (&text[first_end..line_start], first_end),
                body: (&text[line_end..], line_end),
            });
        }
        line_start = line_end;
    }
    Err(NoFrontMatter {
        offset: 0,
        message: "the front matter is not closed",
        hint: "did you forget the line `+++` between the front matter and the text?",
    })
}

pub fn load(file: &UserFile, diags: &mut Diagnostics) -> Option<RawModule> {
    let name = file.path.file_name()?.to_string_lossy().into_owned();
    let Some((id, lang)) = name.strip_suffix(".md").and_then(|stem| stem.rsplit_once('.')) else {
        diags.push(file_error(
            &file.path,
            "a module file is named `<id>.<lang>.md`",
            "rename it, e.g. `passwords.fr.md` and `passwords.en.md`",
        ));
        return None;
    };
    let source = SourceFile::new(&file.path, &file.text);
    let split = match split_front_matter(&file.text) {
        Ok(split) => split,
        Err(e) => {
            diags.push(source.error(e.offset, e.message).hint(e.hint));
            return None;
        }
    };
    let (front, front_at) = split.front_matter;
    let (body, body_at) = split.body;
    let front_source = SourceFile { text: &file.text[..front_at + front.len()], ..source.at(front_at) };
    let (mut r, root) = Reader::parse(front_source, diags);
    let mut root = root?;
    root.name = "the front matter".to_string();
    let module = RawModule {
        id: id.to_string(),
        lang: lang.to_string(),
        file: Location::file(&file.path),
        front_matter: source.location(front_at),
        title: r.required_string(&mut root, "title"),
        summary: r.required_string(&mut root, "summary"),
        part: r.string(&mut root, "part"),
        order: r.integer(&mut root, "order"),
        icon: r.string(&mut root, "icon"),
        professions: r.strings(&mut root, "professions"),
        checklist: r.strings(&mut root, "checklist"),
        updated: r.required_string(&mut root, "updated"),
        sources: r
            .array_of_tables(&mut root, "source")
            .into_iter()
            .map(|mut t| {
                let source = RawSource {
                    at: t.at.clone(),
                    url: r.required_string(&mut t, "url"),
                    checked: r.required_string(&mut t, "checked"),
                    facts: r.strings(&mut t, "facts"),
                };
                r.finish(t);
                source
            })
            .collect(),
        body: body.to_string(),
        body_at,
        text: file.text.clone(),
        placeholders: Vec::new(),
        printed: Vec::new(),
    };
    r.finish(root);
    let body_source = source.at(body_at);
    let mut placeholders = Vec::new();
    for found in placeholder::in_markdown(body) {
        match found.name {
            Some(name) => placeholders.push(Located { value: name, at: body_source.location(found.offset) }),
            None => diags.push(
                body_source
                    .error(found.offset, "unclosed placeholder: `{{` without `}}`")
                    .hint("close it with `}}`, e.g. `{{ it_provider.name }}`"),
            ),
        }
    }
    let printed = printed::in_markdown(body)
        .into_iter()
        .map(|(offset, value)| Located { value, at: body_source.location(offset) })
        .collect();
    Some(RawModule { placeholders, printed, ..module })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_from_body_with_offsets() {
        let text = "+++\r\ntitle = \"T\"\r\n+++\r\nBody\r\n";
        let split = split_front_matter(text).unwrap();
        assert_eq!(split.front_matter, ("title = \"T\"\r\n", 5));
        assert_eq!(split.body, ("Body\r\n", 23));
    }

    #[test]
    fn explains_a_missing_or_unclosed_front_matter() {
        let e = split_front_matter("# Title\n").unwrap_err();
        assert_eq!(e.message, "the module does not start with its front matter");
        let e = split_front_matter("+++\ntitle = \"T\"\n# Title\n").unwrap_err();
        assert_eq!(
            (e.message, e.hint),
            ("the front matter is not closed", "did you forget the line `+++` between the front matter and the text?")
        );
    }
}
