//! French typography for text we write: a narrow no-break space before `; : ! ?` and inside
//! « », and no line break inside a number or between a number and its unit; in any language, no
//! line break inside a key combination (`Ctrl + Cmd + Q`).
//!
//! Applied to the content's own text only: a value from a profile is printed exactly as written.

use crate::model::Lang;

const NARROW_NBSP: char = '\u{202f}';
const NBSP: char = '\u{a0}';

/// The text with the spacing rules of its language.
pub fn apply(text: &str, lang: &Lang) -> String {
    // Each rule turns on a digit, a `+` or French punctuation: most runs of text have none, and
    // are copied as they are (the rules run over every string of every document of every kit).
    if !text.contains(|c: char| c.is_ascii_digit() || matches!(c, ';' | ':' | '!' | '?' | '«' | '»' | '+')) {
        return text.to_string();
    }
    if lang.code() == "fr" { french(text) } else { numbers(text) }
}

/// Whether the space between `prev` and `next` holds a key combination together: `Windows + L`
/// broken after its `+` leaves a reader with half a shortcut.
fn in_combination(prev: Option<char>, next: Option<char>) -> bool {
    prev == Some('+') || next == Some('+')
}

/// Keeps `02 40 00 00 00`, `0 800 200 008`, `72 hours` and `Ctrl + Cmd + Q` on one line, in any
/// language.
fn numbers(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        // A number stays with the word after it too: `72 hours` split over two lines leaves a
        // reader with a number and no unit.
        let digits = prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(char::is_alphanumeric);
        if c == ' ' && (digits || in_combination(prev, next)) {
            out.push(NBSP);
        } else {
            out.push(c);
        }
    }
    out
}

fn french(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len() + 8);
    for (i, &c) in chars.iter().enumerate() {
        let prev = i.checked_sub(1).map(|j| chars[j]);
        let next = chars.get(i + 1).copied();
        let word_before = prev.is_some_and(|p| p.is_alphanumeric() || matches!(p, ')' | '’' | '"' | '*'));
        match c {
            ' ' if matches!(next, Some(';' | ':' | '!' | '?' | '»')) || prev == Some('«') => out.push(NARROW_NBSP),
            // A number stays with what follows it: `12 caractères`, `72 heures`, `02 40 ...`.
            ' ' if prev.is_some_and(|p| p.is_ascii_digit()) && next.is_some_and(char::is_alphanumeric) => {
                out.push(NBSP);
            }
            ' ' if in_combination(prev, next) => out.push(NBSP),
            ';' | '!' | '?' if word_before => {
                out.push(NARROW_NBSP);
                out.push(c);
            }
            '»' if prev.is_some_and(|p| !p.is_whitespace()) => {
                out.push(NARROW_NBSP);
                out.push(c);
            }
            '«' => {
                out.push(c);
                if next.is_some_and(|n| !n.is_whitespace()) {
                    out.push(NARROW_NBSP);
                }
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spaces_french_punctuation_quotes_and_numbers() {
        let fr = Lang::new("fr");
        assert_eq!(
            apply("Attention : vérifiez ! Un « piège » ? 12 caractères, 02 40 00 00 00.", &fr),
            "Attention\u{202f}: vérifiez\u{202f}! Un «\u{202f}piège\u{202f}»\u{202f}? 12\u{a0}caractères, 02\u{a0}40\u{a0}00\u{a0}00\u{a0}00."
        );
        assert_eq!(apply("Vraiment?! «oui»", &fr), "Vraiment\u{202f}?! «\u{202f}oui\u{202f}»");
        assert_eq!(apply("https://17cyber.gouv.fr et 9:00", &fr), "https://17cyber.gouv.fr et 9:00");
    }

    #[test]
    fn leaves_english_punctuation_alone_but_keeps_numbers_together() {
        let en = Lang::new("en");
        assert_eq!(apply("Call 0 800 200 008: now!", &en), "Call 0\u{a0}800\u{a0}200\u{a0}008: now!");
    }

    #[test]
    fn keeps_a_key_combination_on_one_line() {
        for lang in [Lang::new("fr"), Lang::new("en")] {
            assert_eq!(
                apply("Windows + L or Ctrl + Cmd + Q", &lang),
                "Windows\u{a0}+\u{a0}L or Ctrl\u{a0}+\u{a0}Cmd\u{a0}+\u{a0}Q"
            );
        }
    }
}
