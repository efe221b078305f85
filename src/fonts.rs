//! The fonts every printed document is set in, all compiled into the binary (Noto Sans, and
//! Typst's own fonts as fallback), and which characters they can print.
//!
//! Validation asks [`can_print`] about every profile value, so that a character no font has is a
//! clear error at `check` time rather than an empty box on a poster.

use std::sync::OnceLock;

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontInfo};

/// Every embedded font face, with what Typst knows about it.
pub fn faces() -> impl Iterator<Item = (Font, FontInfo)> {
    let noto = [notosans::REGULAR_TTF, notosans::BOLD_TTF, notosans::ITALIC_TTF, notosans::BOLD_ITALIC_TTF]
        .into_iter()
        .flat_map(|face| Font::iter(Bytes::new(face)))
        .map(|font| {
            let info = font.info().clone();
            (font, info)
        });
    typst_kit::fonts::embedded().chain(noto)
}

/// Whether some embedded font has a glyph for `c`. Spaces and line breaks always print;
/// control characters never do.
pub fn can_print(c: char) -> bool {
    static COVERAGE: OnceLock<Vec<Coverage>> = OnceLock::new();
    if c.is_whitespace() {
        return true;
    }
    // Fonts map NUL and other controls to an empty glyph: they "print" as nothing.
    if c.is_control() {
        return false;
    }
    COVERAGE.get_or_init(|| faces().map(|(_, info)| info.coverage).collect()).iter().any(|cov| cov.contains(c as u32))
}

/// The name of a character that takes no room on the page but changes the text: spaces of no
/// width, and the controls of writing direction that make a value read other than it is stored.
/// The zero-width joiners stay allowed, since some scripts need them.
pub fn invisible(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{200B}' => "zero width space",
        '\u{200E}' => "left-to-right mark",
        '\u{200F}' => "right-to-left mark",
        '\u{202A}' => "left-to-right embedding",
        '\u{202B}' => "right-to-left embedding",
        '\u{202C}' => "pop directional formatting",
        '\u{202D}' => "left-to-right override",
        '\u{202E}' => "right-to-left override",
        '\u{2060}' => "word joiner",
        '\u{2061}'..='\u{2064}' => "invisible operator",
        '\u{2066}' => "left-to-right isolate",
        '\u{2067}' => "right-to-left isolate",
        '\u{2068}' => "first strong isolate",
        '\u{2069}' => "pop directional isolate",
        '\u{FEFF}' => "zero width no-break space",
        '\u{FFF9}'..='\u{FFFB}' => "interlinear annotation",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::can_print;

    #[test]
    fn prints_french_greek_and_cyrillic_but_not_emoji_or_chinese() {
        for c in "àâçéèêëîïôœùûüÿ ÀÇÉŒ «»’–—…€°№ 0123456789 αβγ Привет".chars()
        {
            assert!(can_print(c), "{c:?}");
        }
        for c in ['🦴', '😀', '診', '\u{10ffff}', '\0', '\u{7}'] {
            assert!(!can_print(c), "{c:?}");
        }
    }
}
