//! Module Markdown to HTML, with the kit's placeholders substituted in text nodes.
//!
//! A profile value only ever becomes a text node, which the HTML writer escapes: a practice named
//! `<script>` or `[x](y)` prints as written. Raw HTML in a module is shown as text too, since the
//! content never needs it.

use pulldown_cmark::{CowStr, Event, Parser, Tag, TagEnd, TextMergeStream};

use super::placeholders::Placeholders;
use super::typography;
use crate::model::Lang;
use crate::placeholder::{Piece, markdown_options, split};

/// The text of a text node: the content's own words with its language's typography, and the
/// placeholders replaced by their values, untouched.
pub fn text(text: &str, values: &Placeholders, lang: &Lang) -> String {
    let mut out = String::with_capacity(text.len());
    for piece in split(text) {
        match piece {
            Piece::Text(t) => out.push_str(&typography::apply(t, lang)),
            Piece::Placeholder { name, range } => out.push_str(values.get(name).unwrap_or(&text[range])),
            // Validation refuses unclosed placeholders; the following text piece carries it.
            Piece::Unclosed { .. } => {}
        }
    }
    out
}

/// Renders a module's Markdown body as HTML.
pub fn to_html(markdown: &str, values: &Placeholders, lang: &Lang) -> String {
    let mut in_code_block = false;
    let events = TextMergeStream::new(Parser::new_ext(markdown, markdown_options())).map(|event| match event {
        Event::Start(Tag::CodeBlock(kind)) => {
            in_code_block = true;
            Event::Start(Tag::CodeBlock(kind))
        }
        Event::End(TagEnd::CodeBlock) => {
            in_code_block = false;
            Event::End(TagEnd::CodeBlock)
        }
        Event::Text(t) if !in_code_block => Event::Text(CowStr::from(text(&t, values, lang))),
        Event::Html(h) | Event::InlineHtml(h) => Event::Text(h),
        other => other,
    });
    let mut html = String::with_capacity(markdown.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    html
}

/// Renders a module's Markdown body as Typst markup, for the print documents.
///
/// Every text node becomes a Typst *string* (`#"..."`), never markup: in a string only `\` and
/// `"` mean anything, so no text — a module's or a profile's — can open a function call, a
/// heading or an equation. Structure is emitted as function calls (`#strong[...]`, `#list(...)`),
/// which do not depend on spacing. `heading_offset` shifts the levels: a module's `##` sits under
/// the document's own headings.
pub fn to_typst(markdown: &str, values: &Placeholders, lang: &Lang, heading_offset: u8) -> String {
    to_typst_ending(markdown, values, lang, heading_offset).0
}

/// [`to_typst`], with where its last top-level block (a paragraph, a list) starts in the markup:
/// what the booklet keeps with the module's checklist box, so that the box is never alone at the
/// top of a page.
pub fn to_typst_ending(markdown: &str, values: &Placeholders, lang: &Lang, heading_offset: u8) -> (String, usize) {
    let values = &values.breakable();
    let mut out = String::with_capacity(markdown.len() * 2);
    let mut last_block = 0;
    // What each open container must close with.
    let mut closers: Vec<&'static str> = Vec::new();
    let mut in_code_block = false;
    let mut code = String::new();
    for event in TextMergeStream::new(Parser::new_ext(markdown, markdown_options())) {
        if closers.is_empty() && matches!(event, Event::Start(_) | Event::Rule) {
            last_block = out.len();
        }
        match event {
            Event::Start(tag) => match tag {
                Tag::Paragraph => closers.push("\n\n"),
                Tag::Heading { level, .. } => {
                    let level = (level as u8).saturating_add(heading_offset).min(6);
                    out.push_str(&format!("#heading(level: {level})["));
                    closers.push("]\n\n");
                }
                Tag::BlockQuote(_) => {
                    out.push_str("#quote(block: true)[");
                    closers.push("]\n\n");
                }
                Tag::CodeBlock(_) => {
                    in_code_block = true;
                    code.clear();
                    closers.push("");
                }
                Tag::List(Some(start)) => {
                    out.push_str(&format!("#enum(start: {start}, "));
                    closers.push(")\n\n");
                }
                Tag::List(None) => {
                    out.push_str("#list(");
                    closers.push(")\n\n");
                }
                // A list's item and a table's cell are each a content argument.
                Tag::Item | Tag::TableCell => {
                    out.push('[');
                    closers.push("], ");
                }
                Tag::Emphasis => {
                    out.push_str("#emph[");
                    closers.push("]");
                }
                Tag::Strong => {
                    out.push_str("#strong[");
                    closers.push("]");
                }
                Tag::Strikethrough => {
                    out.push_str("#strike[");
                    closers.push("]");
                }
                Tag::Link { dest_url, .. } if dest_url.starts_with("https://") || dest_url.starts_with("mailto:") => {
                    out.push_str(&format!("#link({})[", string(&dest_url)));
                    closers.push("]");
                }
                Tag::Table(aligns) => {
                    out.push_str(&format!("#table(columns: {}, ", aligns.len().max(1)));
                    closers.push(")\n\n");
                }
                // Links to anything but https:// print as their text; the rest has no print form
                // of its own and keeps only its content.
                _ => closers.push(""),
            },
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                out.push_str(&format!("#raw(block: true, {})\n\n", string(&code)));
                closers.pop();
            }
            Event::End(_) => {
                // Paragraphs inside a list item close with a break only between them.
                let closer = closers.pop().unwrap_or("");
                if closer == "\n\n" && closers.last() == Some(&"], ") {
                    out.push_str("#parbreak()");
                } else {
                    out.push_str(closer);
                }
            }
            Event::Text(t) if in_code_block => code.push_str(&t),
            Event::Text(t) => out.push_str(&unbroken(&text(&t, values, lang))),
            Event::Code(c) => out.push_str(&format!("#raw({})", string(&c))),
            Event::Html(h) | Event::InlineHtml(h) => out.push_str(&format!("#{}", string(&h))),
            Event::SoftBreak => out.push(' '),
            Event::HardBreak => out.push_str("#linebreak()"),
            Event::Rule => out.push_str("#line(length: 100%)\n\n"),
            _ => {}
        }
    }
    (out, last_block)
}

/// A text node as Typst markup: string literals, and a web address with a hyphen in a box of its
/// own, where Typst cannot break it (`signalement.social-sante.gouv.fr` broke at its hyphen).
fn unbroken(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 4);
    let mut plain = String::new();
    for (i, word) in text.split(' ').enumerate() {
        let core = word.trim_end_matches(['.', ',', ';', ':', ')', '»', '\u{a0}', '\u{202f}']);
        if i > 0 {
            plain.push(' ');
        }
        if is_address(core) {
            out.push_str(&format!("#{}#box({})", string(&plain), string(core)));
            plain = word[core.len()..].to_string();
        } else {
            plain.push_str(word);
        }
    }
    out.push_str(&format!("#{}", string(&plain)));
    out
}

/// Whether a word is a web address with a hyphen: a host (and path) of letters, digits, dots,
/// hyphens and slashes, ending in a top-level domain.
fn is_address(word: &str) -> bool {
    let host = word.split('/').next().unwrap_or_default();
    word.contains('-')
        && host.contains('.')
        && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '-' | '/'))
        && ["fr", "com", "org", "net", "eu", "bzh", "corsica", "example"]
            .iter()
            .any(|tld| host.ends_with(&format!(".{tld}")))
}

/// A Typst string literal holding `text` exactly.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod unbroken_tests {
    use super::unbroken;

    #[test]
    fn a_web_address_with_a_hyphen_is_a_box_and_the_rest_strings() {
        assert_eq!(
            unbroken("Déclarez-le : signalement.social-sante.gouv.fr. Puis"),
            "#\"Déclarez-le : \"#box(\"signalement.social-sante.gouv.fr\")#\". Puis\""
        );
        assert_eq!(unbroken("sur dmp.fr avec"), "#\"sur dmp.fr avec\"");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn html(markdown: &str, provider: &str) -> String {
        to_html(markdown, &Placeholders::from_values(&[("it_provider.name", provider)]), &Lang::new("en"))
    }

    #[test]
    fn substitutes_placeholders_as_plain_text() {
        assert_eq!(
            html("Call **{{ it_provider.name }}** now.", "<script>alert(1)</script> *x* [a](b)"),
            "<p>Call <strong>&lt;script&gt;alert(1)&lt;/script&gt; *x* [a](b)</strong> now.</p>\n"
        );
    }

    #[test]
    fn shows_raw_html_of_a_module_as_text_and_leaves_code_alone() {
        assert_eq!(html("<img src=x onerror=alert(1)>", "p"), "&lt;img src=x onerror=alert(1)&gt;");
        assert_eq!(html("`{{ it_provider.name }}`", "p"), "<p><code>{{ it_provider.name }}</code></p>\n");
        assert_eq!(html("- a\n- b {{ it_provider.name }}", "P"), "<ul>\n<li>a</li>\n<li>b P</li>\n</ul>\n");
    }

    fn typst(markdown: &str, provider: &str) -> String {
        to_typst(markdown, &Placeholders::from_values(&[("it_provider.name", provider)]), &Lang::new("en"), 1)
    }

    #[test]
    fn splits_the_markup_before_its_last_top_level_block() {
        let markdown = "Why.\n\n## Further\n\n- one\n- two";
        let (markup, last) = to_typst_ending(markdown, &Placeholders::default(), &Lang::new("en"), 1);
        assert_eq!(markup, typst(markdown, ""));
        assert_eq!(&markup[..last], "#\"Why.\"\n\n#heading(level: 3)[#\"Further\"]\n\n");
        assert_eq!(&markup[last..], "#list([#\"one\"], [#\"two\"], )\n\n");
        assert_eq!(to_typst_ending("", &Placeholders::default(), &Lang::new("en"), 1), (String::new(), 0));
    }

    #[test]
    fn writes_every_text_node_as_a_typst_string() {
        assert_eq!(
            typst(
                "## Call\n\nCall **{{ it_provider.name }}** [now](https://17cyber.gouv.fr).",
                "#panic() ] [ $x$ *a* <b> \\ \""
            ),
            "#heading(level: 3)[#\"Call\"]\n\n#\"Call \"#strong[#\"#panic() ] [ $x$ *a* <b> \\\\ \\\"\"]#\" \"#link(\"https://17cyber.gouv.fr\")[#\"now\"]#\".\"\n\n"
        );
    }

    #[test]
    fn writes_lists_code_and_unsafe_links_as_function_calls() {
        assert_eq!(typst("1. a\n2. b", "p"), "#enum(start: 1, [#\"a\"], [#\"b\"], )\n\n");
        assert_eq!(
            typst("- a\n\n  more\n- b", "p"),
            "#list([#\"a\"#parbreak()#\"more\"#parbreak()], [#\"b\"#parbreak()], )\n\n"
        );
        assert_eq!(typst("[x](javascript:alert(1)) `#x`", "p"), "#\"x\"#\" \"#raw(\"#x\")\n\n");
        assert_eq!(string("a\u{7}b"), "\"a\\u{7}b\"");
    }

    #[test]
    fn applies_french_typography_to_the_content_but_not_to_values() {
        let fr = to_html(
            "Appelez {{ it_provider.name }} !",
            &Placeholders::from_values(&[("it_provider.name", "Info : 3 PC")]),
            &Lang::new("fr"),
        );
        assert_eq!(fr, "<p>Appelez Info : 3 PC\u{202f}!</p>\n");
    }
}
