//! The placeholder syntax of module text, `{{ it_provider.name }}`, and where placeholders are.
//!
//! Placeholders are looked for in the *text nodes* of the parsed Markdown, never in the raw
//! source: a profile value that replaces one is then plain text, and cannot open a link, a heading
//! or an HTML tag. `load` uses [`in_markdown`] to check every placeholder's name; the renderers
//! use [`split`] on each text node to substitute them.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd, TextMergeWithOffset};

/// The Markdown extensions module bodies may use.
pub fn markdown_options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH
}

/// A piece of a text node.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Piece<'a> {
    Text(&'a str),
    /// `{{ name }}`: the trimmed name, and the byte range of the whole placeholder.
    Placeholder {
        name: &'a str,
        range: Range<usize>,
    },
    /// `{{` with no `}}` after it on the same text node.
    Unclosed {
        at: usize,
    },
}

/// The forms of an agreement with the workplace, `{{ workplace: fermé | fermée }}` (masculine and
/// feminine singular) or `{{ workplace: fermé | fermée | fermés | fermées }}`: a word of a
/// sentence that agrees with `{{ workplace.the }}` (`l’officine est fermée`). `None` for any other
/// placeholder; the number of forms is validation's to check.
pub fn agreement(name: &str) -> Option<Vec<&str>> {
    let forms = name.strip_prefix("workplace:")?;
    Some(forms.split('|').map(str::trim).collect())
}

/// Splits a text into plain text and placeholders.
pub fn split(text: &str) -> Vec<Piece<'_>> {
    let mut pieces = Vec::new();
    let mut rest = 0;
    while let Some(open) = text[rest..].find("{{").map(|i| rest + i) {
        if open > rest {
            pieces.push(Piece::Text(&text[rest..open]));
        }
        if let Some(len) = text[open + 2..].find("}}") {
            let close = open + 2 + len + 2;
            pieces.push(Piece::Placeholder { name: text[open + 2..close - 2].trim(), range: open..close });
            rest = close;
        } else {
            pieces.push(Piece::Unclosed { at: open });
            pieces.push(Piece::Text(&text[open..]));
            return pieces;
        }
    }
    if rest < text.len() {
        pieces.push(Piece::Text(&text[rest..]));
    }
    pieces
}

/// A placeholder (or an unclosed `{{`) found in a Markdown document, with its byte offset in
/// the source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// `None` for an unclosed `{{`.
    pub name: Option<String>,
    pub offset: usize,
}

/// Every placeholder in the text nodes of a Markdown document.
pub fn in_markdown(markdown: &str) -> Vec<Found> {
    let events = TextMergeWithOffset::new(Parser::new_ext(markdown, markdown_options()).into_offset_iter());
    let mut found = Vec::new();
    let mut in_code_block = false;
    for (event, range) in events {
        let text = match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                continue;
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                continue;
            }
            Event::Text(text) if !in_code_block => text,
            _ => continue,
        };
        let source = markdown.get(range.clone()).unwrap_or("");
        for piece in split(&text) {
            let (name, needle) = match piece {
                Piece::Placeholder { name, range: r } => (Some(name.to_string()), &text[r]),
                Piece::Unclosed { .. } => (None, "{{"),
                Piece::Text(_) => continue,
            };
            // Escapes and entities can make the text node differ from its source; the position
            // of the same characters in the source is then the best we can point at.
            let offset = range.start + source.find(needle).unwrap_or(0);
            found.push(Found { name, offset });
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_text_around_placeholders() {
        assert_eq!(
            split("Appelez {{ it_provider.name }} vite"),
            [
                Piece::Text("Appelez "),
                Piece::Placeholder { name: "it_provider.name", range: 8..30 },
                Piece::Text(" vite"),
            ]
        );
        assert_eq!(split("a {{ b"), [Piece::Text("a "), Piece::Unclosed { at: 2 }, Piece::Text("{{ b")]);
    }

    #[test]
    fn finds_placeholders_in_text_nodes_only() {
        let md = "# T\n\nCall {{ it_provider.name }}, *{{ csirt.name }}*.\n\n`{{ not.this }}`\n\n    {{ nor.this }}\n";
        let found = in_markdown(md);
        let names: Vec<_> = found.iter().map(|f| (f.name.as_deref(), &md[f.offset..f.offset + 2])).collect();
        assert_eq!(names, [(Some("it_provider.name"), "{{"), (Some("csirt.name"), "{{")]);
        assert_eq!(found[0].offset, md.find("{{ it").unwrap());
    }
}
