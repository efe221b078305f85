//! The fonts every printed document is set in, all compiled into the binary: Noto Sans, the
//! kit's font, and `DejaVu Sans Mono` for the booklet's code spans (a password's `l` apart from
//! its `I`). Which characters they can print.
//!
//! Validation asks [`can_print`] about every profile value and every text of a module, so that a
//! character the kit's font lacks is a clear error at `check` time rather than an empty box, or
//! a letter of another font, on a poster.
//!
//! The personaliser's WebAssembly, which a browser downloads, has Noto Sans alone: it makes the
//! posters, the notice and the checklist, which have no code span, and Typst reaches for the
//! monospace font for nothing else, since no text may hold a character Noto Sans lacks.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Mutex, OnceLock, PoisonError};

use typst::foundations::Bytes;
use typst::text::{Coverage, Font, FontInfo};

/// The family every document is set in: the kit's font.
pub const SANS: &str = "Noto Sans";

/// The kit's font, Noto Sans, in its four styles.
const NOTO: [&[u8]; 4] = [notosans::REGULAR_TTF, notosans::BOLD_TTF, notosans::ITALIC_TTF, notosans::BOLD_ITALIC_TTF];

/// Every embedded font face, with what Typst knows about it; read once per run, since the
/// checks and the renderer both ask.
pub fn faces() -> impl Iterator<Item = (Font, FontInfo)> {
    static FACES: OnceLock<Vec<(Font, FontInfo)>> = OnceLock::new();
    FACES
        .get_or_init(|| {
            NOTO.into_iter()
                .chain(mono())
                .flat_map(|face| Font::iter(Bytes::new(face)))
                .map(|font| {
                    let info = font.info().clone();
                    (font, info)
                })
                .collect()
        })
        .iter()
        .cloned()
}

/// The code spans' font: the booklet's, which the personaliser does not make.
#[cfg(not(target_arch = "wasm32"))]
fn mono() -> [&'static [u8]; 4] {
    [
        dejavu::sans_mono::regular(),
        dejavu::sans_mono::bold(),
        dejavu::sans_mono::oblique(),
        dejavu::sans_mono::bold_oblique(),
    ]
}

#[cfg(target_arch = "wasm32")]
fn mono() -> [&'static [u8]; 0] {
    []
}

/// Whether the kit's font has a glyph for `c`. Spaces and line breaks always print; control
/// characters never do.
pub fn can_print(c: char) -> bool {
    static COVERAGE: OnceLock<Vec<Coverage>> = OnceLock::new();
    if c.is_whitespace() {
        return true;
    }
    // Fonts map NUL and other controls to an empty glyph: they "print" as nothing.
    if c.is_control() {
        return false;
    }
    COVERAGE
        .get_or_init(|| faces().filter(|(_, info)| info.family == SANS).map(|(_, info)| info.coverage).collect())
        .iter()
        .any(|cov| cov.contains(c as u32))
}

/// Whether the kit's font draws `c` as a mark over the letter before it although it is a
/// character of its own: Noto Sans shapes a spacing grave accent after a letter as the combining
/// one, so that ``c`ode`` prints as `c̀ode`. Found by shaping the character between two letters
/// with Typst's own shaper in each Noto face that has it, once per character and run: shaping
/// every character of the faces up front took longer than the personaliser's whole start.
pub fn drawn_over(c: char) -> bool {
    static SHAPED: Mutex<BTreeMap<char, bool>> = Mutex::new(BTreeMap::new());
    if let Some(&over) = SHAPED.lock().unwrap_or_else(PoisonError::into_inner).get(&c) {
        return over;
    }
    let over = shaped_over(c);
    SHAPED.lock().unwrap_or_else(PoisonError::into_inner).insert(c, over);
    over
}

/// Whether `text`, set in Noto Sans Regular at `size_pt`, surely holds in `lines` lines
/// `width_pt` wide: its words laid one after the other into lines a tenth narrower (Typst
/// balances its lines, and may move a word down) take no more. `false` when it may not, and
/// then only laying it out tells. A word longer than a line counts as a line of its own each
/// time it fills one.
pub fn surely_holds(text: &str, size_pt: f64, width_pt: f64, lines: usize) -> bool {
    let Some((face, _)) = noto_faces().first() else { return false };
    let em = f64::from(face.units_per_em());
    let width = |word: &str| -> f64 {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(word);
        let shaped = rustybuzz::shape(face, &[], buffer);
        shaped.glyph_positions().iter().map(|p| f64::from(p.x_advance)).sum::<f64>() / em * size_pt
    };
    let (room, space) = (width_pt * 0.9, width(" "));
    let mut used = 1;
    let mut line = 0.0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let w = width(word);
        if line > 0.0 && line + space + w <= room {
            line += space + w;
        } else if line == 0.0 && w <= room {
            line = w;
        } else {
            // A new line, and one more each time a word longer than a line fills one.
            if line > 0.0 {
                used += 1;
            }
            line = w;
            while line > room {
                used += 1;
                line -= room;
            }
        }
        if used > lines {
            return false;
        }
    }
    true
}

/// The Noto faces, each with the characters its Unicode character maps name.
fn noto_faces() -> &'static [(rustybuzz::Face<'static>, BTreeSet<char>)] {
    static FACES: OnceLock<Vec<(rustybuzz::Face<'static>, BTreeSet<char>)>> = OnceLock::new();
    FACES.get_or_init(|| {
        NOTO.into_iter()
            .filter_map(|data| rustybuzz::Face::from_slice(data, 0))
            .map(|face| {
                let mut chars = BTreeSet::new();
                for subtable in face
                    .tables()
                    .cmap
                    .iter()
                    .flat_map(|cmap| cmap.subtables)
                    .filter(rustybuzz::ttf_parser::cmap::Subtable::is_unicode)
                {
                    subtable.codepoints(|cp| chars.extend(char::from_u32(cp)));
                }
                (face, chars)
            })
            .collect()
    })
}

fn shaped_over(c: char) -> bool {
    use unicode_segmentation::UnicodeSegmentation as _;
    // A combining mark joins the letter before it: no room of its own is right for it.
    let text = format!("a{c}b");
    if c.is_whitespace() || c.is_control() || text.graphemes(true).count() != 3 {
        return false;
    }
    noto_faces().iter().filter(|(_, chars)| chars.contains(&c)).any(|(face, _)| {
        let mut buffer = rustybuzz::UnicodeBuffer::new();
        buffer.push_str(&text);
        let shaped = rustybuzz::shape(face, &[], buffer);
        let own = shaped.glyph_infos().iter().zip(shaped.glyph_positions()).filter(|(info, _)| info.cluster == 1);
        own.map(|(_, pos)| pos.x_advance).sum::<i32>() == 0
    })
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
    use super::{can_print, surely_holds};

    #[test]
    fn a_short_text_surely_holds_and_a_long_or_wide_one_may_not() {
        // An A4 footer's line: 180 mm of 7.5-pt text.
        let (size, width) = (7.5, 180.0 / 25.4 * 72.0);
        let footer = "Kit diffusé par URPS Infirmiers Bretagne · Pour les infirmiers, Bretagne · Contenu à jour au \
                      8 décembre 2026 · Sources : cybermalveillance.gouv.fr, CNIL, ANS";
        assert!(surely_holds(footer, size, width, 2));
        assert!(!surely_holds(&"Wémmaw Mwèmw ".repeat(30), size, width, 2));
        assert!(!surely_holds(&"W".repeat(400), size, width, 2), "a word longer than the lines");
        assert!(surely_holds("", size, width, 1));
    }

    #[test]
    fn finds_the_accents_the_font_draws_over_the_letter_before() {
        for c in ['`', '´', '¨', '¸', '˘', '˜'] {
            assert!(super::drawn_over(c), "{c:?}");
        }
        for c in "aé'’^~-_|\u{301}".chars() {
            assert!(!super::drawn_over(c), "{c:?}");
        }
    }

    /// Every character of the Noto faces that they draw over the letter before: the spacing
    /// accents and modifier letters, the Greek tonos and psili, the soft hyphen and the
    /// invisible format characters (which the checks name as invisible first).
    #[test]
    fn finds_every_character_drawn_over_among_the_faces() {
        let every: std::collections::BTreeSet<char> =
            super::noto_faces().iter().flat_map(|(_, chars)| chars.iter().copied()).collect();
        let over: String = every.iter().copied().filter(|&c| super::drawn_over(c)).collect();
        let expected = "`¨\u{ad}´¸ʹʺʻʼʽʾʿˀˁˆˇˈˉˊˋˌˍˎˏːˑ˒˓˔˕˖˗˘˙˚˛˜˝˞˟ˬ˭ˮ˯˰˱˲˴˵˶˷˸˹˺˻˼˽˾˿\u{374}͵ͺ΄΅᾽\u{1fbe}᾿῀῁῍῎῏῝῞῟῭\u{1fee}\u{1fef}\u{1ffd}῾\
            \u{200b}\u{200e}\u{200f}\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}\u{206a}\u{206b}\u{206c}\u{206d}\u{206e}\u{206f}\
            ꜗꜘꜙꜚ꜠꜡ꞈ\u{feff}";
        assert_eq!(over, expected);
    }

    #[test]
    fn prints_french_greek_and_cyrillic_but_not_emoji_chinese_or_what_only_the_code_font_has() {
        for c in "àâçéèêëîïôœùûüÿ ÀÇÉŒ «»’–—…€°№ 0123456789 αβγ Привет".chars()
        {
            assert!(can_print(c), "{c:?}");
        }
        // An arrow, a ballot box and scissors: the code spans' font has them, the kit's does not.
        for c in ['🦴', '😀', '診', '\u{10ffff}', '\0', '\u{7}', '↟', '☒', '✂'] {
            assert!(!can_print(c), "{c:?}");
        }
    }
}
