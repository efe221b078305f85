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

/// Whether some embedded font has a glyph for `c`. Spaces and line breaks always print.
pub fn can_print(c: char) -> bool {
    static COVERAGE: OnceLock<Vec<Coverage>> = OnceLock::new();
    if c.is_whitespace() {
        return true;
    }
    COVERAGE.get_or_init(|| faces().map(|(_, info)| info.coverage).collect()).iter().any(|cov| cov.contains(c as u32))
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
        for c in ['🦴', '😀', '診', '\u{10ffff}'] {
            assert!(!can_print(c), "{c:?}");
        }
    }
}
