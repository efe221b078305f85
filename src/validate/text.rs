//! The text rules, for profiles' values and modules' text alike: what no document can show or
//! print — a word longer than a printed line, an invisible or control character, a character no
//! font has or one the font draws over the letter before it, a link that is not to a web page or an
//! e-mail address, nesting deeper than a layout has room for.

use super::Shape;
use crate::placeholder;
use crate::problem::Problem;

/// How deep lists and quotes may nest in a module: deeper than this no reader follows, and
/// the printed documents would need a layout for it.
pub const MAX_NESTING: usize = 6;
/// How deep emphasis and links may nest: `***bold italic***` is two.
pub const MAX_INLINE_NESTING: usize = 4;

/// The longest word a module's text may hold, in characters. Typst breaks lines at spaces and
/// hyphens only, and a longer word runs off the page; the booklet's narrowest lines (a checklist
/// item, 109 mm at 10.5 pt) hold 31 of the widest letters in bold. Past it, a profile's value
/// may break anywhere (`placeholders::breakable`); a module's author chooses where instead.
pub const MAX_WORD: usize = 30;

/// Where Typst may break a line of text: at a space, a hyphen or a zero-width space.
pub fn breaks_line(c: char) -> bool {
    c.is_whitespace() || c == '-' || c == '\u{200B}'
}

/// The first word of `text` longer than [`MAX_WORD`] characters (a run without a place where a
/// line may break): its byte offset, the message and a hint.
pub fn long_word(text: &str) -> Option<(usize, String, &'static str)> {
    let mut at = 0;
    for word in text.split(breaks_line) {
        let length = word.chars().count();
        if length > MAX_WORD {
            let message = format!("a word of {length} characters: a printed line has room for {MAX_WORD} at most");
            return Some((
                at,
                message,
                "break it with spaces or hyphens; a web address goes in a link: `[label](https://...)`",
            ));
        }
        // The word and the one-character separator after it (all separators are one char).
        at += word.len() + text[at + word.len()..].chars().next().map_or(0, char::len_utf8);
    }
    None
}

/// The first thing in a module's body that no document can show: lists and quotes nested too
/// deep, a character none of the kit's fonts has, a link that is not to a web page or an
/// e-mail address, an image. Its byte offset, the message and a hint.
pub fn body_problem(body: &str) -> Option<(usize, String, &'static str)> {
    use pulldown_cmark::{Event, Parser, Tag, TagEnd};
    let (mut depth, mut inline) = (0usize, 0usize);
    for (event, range) in Parser::new_ext(body, placeholder::markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::List(_) | Tag::BlockQuote(_)) => {
                depth += 1;
                if depth > MAX_NESTING {
                    let message = format!("lists and quotes nest more than {MAX_NESTING} levels deep here");
                    return Some((range.start, message, "flatten the structure: split it into paragraphs or headings"));
                }
            }
            Event::End(TagEnd::List(_) | TagEnd::BlockQuote(_)) => depth = depth.saturating_sub(1),
            Event::Start(Tag::Link { dest_url, .. })
                if !(dest_url.starts_with("https://") || dest_url.starts_with("mailto:")) =>
            {
                let message =
                    format!("a link to `{dest_url}`: a module links only to `https://` or `mailto:` addresses");
                return Some((range.start, message, "write the full `https://` address of the page"));
            }
            // The site makes no request outside the kit, and the print documents have no place
            // for a picture in the text.
            Event::Start(Tag::Image { .. }) => {
                let message = "a module cannot show an image".to_string();
                return Some((range.start, message, "remove it, or say in words what it shows"));
            }
            Event::Start(Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. }) => {
                inline += 1;
                if inline > MAX_INLINE_NESTING {
                    let message = format!("emphasis and links nest more than {MAX_INLINE_NESTING} levels deep here");
                    return Some((range.start, message, "keep one emphasis: `**bold**` or `*italic*`"));
                }
            }
            Event::End(TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Link) => {
                inline = inline.saturating_sub(1);
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                // Text events borrow from the source when they can; the offset of an escaped or
                // merged one is its event's start.
                if let Some((c, name)) = text.chars().find_map(|c| crate::fonts::invisible(c).map(|n| (c, n))) {
                    let offset = body[range.clone()].find(c).map_or(range.start, |at| range.start + at);
                    let message = format!("the invisible character U+{:04X} ({name})", c as u32);
                    return Some((
                        offset,
                        message,
                        "remove it: it cannot be seen on paper, and it can change how the text reads",
                    ));
                }
                if let Some(c) = text.chars().find(|&c| c.is_control() && !c.is_whitespace()) {
                    let offset = body[range.clone()].find(c).map_or(range.start, |at| range.start + at);
                    let message = format!("the control character U+{:04X}", c as u32);
                    return Some((offset, message, "remove it; it cannot be printed"));
                }
                // A code span is set in the monospace font, which draws every accent in its own room.
                if let Some(c) =
                    text.chars().find(|&c| crate::fonts::drawn_over(c)).filter(|_| matches!(event, Event::Text(_)))
                {
                    let offset = body[range.clone()].find(c).map_or(range.start, |at| range.start + at);
                    let message = format!(
                        "`` {c} `` (U+{:04X}) cannot be printed as itself: the kit's font draws it over the letter before it",
                        c as u32
                    );
                    return Some((offset, message, "write it another way, or put it in a code span: `` ` ``"));
                }
                if let Some(c) = text.chars().find(|&c| !crate::fonts::can_print(c)) {
                    let offset = body[range.clone()].find(c).map_or(range.start, |at| range.start + at);
                    let message =
                        format!("`{c}` (U+{:04X}) cannot be printed: none of the kit's fonts has it", c as u32);
                    return Some((offset, message, "remove it, or write it in words"));
                }
                if let Some((at, message, hint)) = long_word(text) {
                    // Where the event's text is the source's own; else the event's start.
                    let word = text[at..].split(breaks_line).next().unwrap_or_default();
                    let offset = body[range.clone()].find(word).map_or(range.start, |at| range.start + at);
                    return Some((offset, message, hint));
                }
            }
            _ => {}
        }
    }
    None
}

/// The first thing that keeps a text value off the page.
pub(crate) fn value_problem(text: &str, shape: Shape, max: usize) -> Option<Problem> {
    if !shape.multiline() && text.contains(['\n', '\r']) {
        return Some(Problem::LineBreak);
    }
    if let Some(c) = text.chars().find(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')) {
        return Some(Problem::Control(c));
    }
    let length = text.chars().count();
    if length > max {
        return Some(Problem::TooLong { length, max });
    }
    if let Some((c, name)) = text.chars().find_map(|c| crate::fonts::invisible(c).map(|name| (c, name))) {
        return Some(Problem::Invisible { c, name });
    }
    let lines = text.lines().count();
    if lines > MAX_LINES {
        return Some(Problem::TooManyLines { lines, max: MAX_LINES });
    }
    // A note is never printed: any character will do.
    if shape == Shape::Note {
        return None;
    }
    if let Some(c) = text.chars().find(|&c| is_private_use(c)) {
        return Some(Problem::PrivateUse(c));
    }
    if let Some(c) = text.chars().find(|&c| crate::fonts::drawn_over(c)) {
        return Some(Problem::DrawnOver(c));
    }
    text.chars().find(|&c| !crate::fonts::can_print(c)).map(Problem::Unprintable)
}

/// The most lines a value may have: an address on an envelope.
const MAX_LINES: usize = 6;

/// A character whose meaning only the program that wrote it knows.
fn is_private_use(c: char) -> bool {
    matches!(c, '\u{E000}'..='\u{F8FF}' | '\u{F0000}'..='\u{FFFFD}' | '\u{100000}'..='\u{10FFFD}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_deep_nesting_unsafe_links_images_and_unprintable_characters() {
        let problem = |body: &str| body_problem(body).map(|(at, message, _)| (at, message));
        assert_eq!(problem("> > > - - - six levels\n"), None);
        assert_eq!(problem("[ANSSI](https://cyber.gouv.fr) [écrire](mailto:a@b.fr)\n"), None);
        let deep = "> ".repeat(10_000) + "x";
        assert_eq!(problem(&deep), Some((12, "lists and quotes nest more than 6 levels deep here".to_string())));
        let (at, message) = problem("Voir [ici](javascript:alert(1)).").expect("a problem");
        assert_eq!(
            (at, message.as_str()),
            (5, "a link to `javascript:alert(1)`: a module links only to `https://` or `mailto:` addresses")
        );
        assert_eq!(
            problem("a ![x](https://tracker.example/p.png)"),
            Some((2, "a module cannot show an image".to_string()))
        );
        // Found by the markdown_typst fuzzer: Typst lays out a direction override as nothing.
        let (at, message) = problem("\n- a\u{202d}a").expect("a problem");
        assert_eq!((at, message.as_str()), (4, "the invisible character U+202D (left-to-right override)"));
        // The fuzzer's too: deep emphasis exceeded Typst's show rule depth.
        assert_eq!(problem("***bold italic*** ~~**[*x*](https://a.fr)**~~"), None);
        let deep = "_".repeat(200) + "x" + &"_".repeat(200);
        assert_eq!(problem(&deep), Some((8, "emphasis and links nest more than 4 levels deep here".to_string())));
        // Also the fuzzer's: fonts draw NUL as nothing.
        let (at, message) = problem("assurance\u{0}\u{0}AElig").expect("a problem");
        assert_eq!((at, message.as_str()), (9, "the control character U+0000"));
        // Noto Sans draws a spacing grave accent over the letter before it: `c`ode` as `c̀ode`.
        let (at, message) = problem("Un c`ode").expect("a problem");
        assert_eq!(
            (at, message.as_str()),
            (4, "`` ` `` (U+0060) cannot be printed as itself: the kit's font draws it over the letter before it")
        );
        assert_eq!(problem("Un `` c`ode `` en code"), None, "a code span is set in the monospace font");
        let (at, message) = problem("Le Wi-Fi 📶 du cabinet").expect("a problem");
        assert_eq!((at, message.as_str()), (9, "`📶` (U+1F4F6) cannot be printed: none of the kit's fonts has it"));
    }

    #[test]
    fn refuses_a_word_longer_than_a_printed_line() {
        let problem = |body: &str| body_problem(body).map(|(at, message, _)| (at, message));
        let word = "x".repeat(MAX_WORD);
        assert_eq!(problem(&format!("Un mot {word} et d'autres.")), None);
        assert_eq!(problem(&format!("Des mots {word}-{word} coupés.")), None);
        // A link's address is not printed as text; its label is.
        assert_eq!(problem(&format!("[cnil.fr](https://www.cnil.fr/{word}{word})")), None);
        let (at, message) = problem(&format!("Un mot\n\n**très {word}x**.")).expect("a problem");
        assert_eq!((at, message.as_str()), (16, "a word of 31 characters: a printed line has room for 30 at most"));
        assert_eq!(long_word(&format!("é-è {word}ab")).map(|(at, ..)| at), Some(6));
        let (at, _) = problem(&format!("[{word}é](https://cnil.fr)")).expect("a problem");
        assert_eq!(at, 1);
    }
}
