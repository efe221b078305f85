//! What is wrong with a value a practice types, as data: a phone number or an e-mail address
//! that is not one, a text no document can print, a list too long, a document the values make
//! overflow. The checks that find these make a [`Problem`]; its English text is the command
//! line's message, and the diagnostic carries the problem itself, so that the personaliser's form
//! can say it in the page's language, from the interface strings its [`Problem::string`] names.

/// A value's problem, with what its message needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A line break in a value that is one line.
    LineBreak,
    /// A control character.
    Control(char),
    /// Longer than a document has room for.
    TooLong { length: usize, max: usize },
    /// An invisible character, and its name.
    Invisible { c: char, name: &'static str },
    /// More lines than a document has room for.
    TooManyLines { lines: usize, max: usize },
    /// A private-use character.
    PrivateUse(char),
    /// A character the font draws over the letter before it.
    DrawnOver(char),
    /// A character none of the fonts has.
    Unprintable(char),
    /// A phone number with a character that is not a digit or a separator.
    PhoneCharacter { value: String, c: char },
    /// A French country code not followed by 9 digits.
    PhoneAfterCode { value: String },
    /// Another country's number.
    PhoneForeign { value: String },
    /// A number of the wrong length.
    PhoneDigits { value: String, digits: usize },
    /// Ten digits that do not start with 0 then 1 to 9.
    PhoneStart { value: String },
    /// Not an e-mail address.
    Email { value: String },
    /// More recipients than the notice lists.
    Recipients { count: usize, max: usize },
    /// A field the form needs, left blank.
    Required,
    /// A document the values make run onto more pages than it may have; `document` is the
    /// interface string that names it.
    Pages { document: &'static str, pages: usize, max: usize },
    /// A document the values push into the margin printers cannot print.
    /// `mm` is how near the edge it comes, written with one decimal.
    Edge { document: &'static str, page: usize, mm: String },
}

/// The interface strings that say the problems, one per kind: each language has them.
pub const STRINGS: [&str; 18] = [
    "problem_line_break",
    "problem_control",
    "problem_too_long",
    "problem_invisible",
    "problem_too_many_lines",
    "problem_private_use",
    "problem_drawn_over",
    "problem_unprintable",
    "problem_phone_character",
    "problem_phone_after_code",
    "problem_phone_foreign",
    "problem_phone_digits",
    "problem_phone_start",
    "problem_email",
    "problem_recipients",
    "problem_required",
    "problem_pages",
    "problem_edge",
];

/// A character as a message names it: `U+00A0`.
fn code(c: char) -> String {
    format!("U+{:04X}", c as u32)
}

impl Problem {
    /// The interface string that says it, with `{name}` for each of its [`Problem::values`].
    pub fn string(&self) -> &'static str {
        let index = match self {
            Problem::LineBreak => 0,
            Problem::Control(_) => 1,
            Problem::TooLong { .. } => 2,
            Problem::Invisible { .. } => 3,
            Problem::TooManyLines { .. } => 4,
            Problem::PrivateUse(_) => 5,
            Problem::DrawnOver(_) => 6,
            Problem::Unprintable(_) => 7,
            Problem::PhoneCharacter { .. } => 8,
            Problem::PhoneAfterCode { .. } => 9,
            Problem::PhoneForeign { .. } => 10,
            Problem::PhoneDigits { .. } => 11,
            Problem::PhoneStart { .. } => 12,
            Problem::Email { .. } => 13,
            Problem::Recipients { .. } => 14,
            Problem::Required => 15,
            Problem::Pages { .. } => 16,
            Problem::Edge { .. } => 17,
        };
        STRINGS[index]
    }

    /// The values its message names: `value` (what was typed), `char` and `code` (a character
    /// and its code point), numbers; `document` is an interface string's key.
    pub fn values(&self) -> Vec<(&'static str, String)> {
        let character = |c: char| vec![("char", c.to_string()), ("code", code(c))];
        match self {
            Problem::LineBreak | Problem::Required => Vec::new(),
            Problem::Control(c)
            | Problem::PrivateUse(c)
            | Problem::DrawnOver(c)
            | Problem::Unprintable(c)
            | Problem::Invisible { c, .. } => character(*c),
            Problem::TooLong { length, max } => vec![("length", length.to_string()), ("max", max.to_string())],
            Problem::TooManyLines { lines, max } => vec![("lines", lines.to_string()), ("max", max.to_string())],
            Problem::PhoneCharacter { value, c } => {
                vec![("value", value.clone()), ("char", c.to_string()), ("code", code(*c))]
            }
            Problem::PhoneAfterCode { value }
            | Problem::PhoneForeign { value }
            | Problem::PhoneStart { value }
            | Problem::Email { value } => vec![("value", value.clone())],
            Problem::PhoneDigits { value, digits } => vec![("value", value.clone()), ("digits", digits.to_string())],
            Problem::Recipients { count, max } => vec![("count", count.to_string()), ("max", max.to_string())],
            Problem::Pages { document, pages, max } => {
                vec![("document", (*document).to_string()), ("pages", pages.to_string()), ("max", max.to_string())]
            }
            Problem::Edge { document, page, mm } => {
                vec![("document", (*document).to_string()), ("page", page.to_string()), ("mm", mm.clone())]
            }
        }
    }

    /// What the command line says, after the key's name (or the document's path): what is
    /// wrong, and what to do. An overflow's own hint names the values to shorten.
    pub fn english(&self) -> (String, &'static str) {
        const PHONE: &str = "write a French number of 10 digits, e.g. `02 40 00 00 00` or `+33 2 40 00 00 00`";
        let invisible = "remove it: it cannot be seen on paper, and it can change how the text reads";
        match self {
            Problem::LineBreak => ("must fit on one line".into(), "remove the line breaks"),
            Problem::Control(c) => {
                (format!("contains the control character {}", code(*c)), "remove it; it cannot be printed")
            }
            Problem::TooLong { length, max } => {
                (format!("is {length} characters long; a kit prints at most {max}"), "shorten it")
            }
            Problem::Invisible { c, name } => {
                (format!("contains the invisible character {} ({name})", code(*c)), invisible)
            }
            Problem::TooManyLines { lines, max } => {
                (format!("has {lines} lines; a document has room for {max}"), "keep the lines an envelope would need")
            }
            Problem::PrivateUse(c) => (
                format!("contains {}, a private-use character", code(*c)),
                "remove it: each font draws it differently, or not at all",
            ),
            Problem::DrawnOver(c) => (
                format!("contains `` {c} `` ({}), which the kit's font draws over the letter before it", code(*c)),
                "write it another way: ' or ’ for a grave or acute accent, or the accented letter itself (è, é)",
            ),
            Problem::Unprintable(c) => (
                format!("contains `{c}` ({}), which none of the kit's fonts can print", code(*c)),
                "remove it, or write it in words",
            ),
            Problem::PhoneCharacter { value, c } => {
                (format!("`{value}` is not a phone number: it contains `{c}`"), PHONE)
            }
            Problem::PhoneAfterCode { value } => {
                (format!("`{value}` is not a French phone number: after the country code it needs 9 digits"), PHONE)
            }
            Problem::PhoneForeign { value } => (format!("`{value}` is not a French phone number"), PHONE),
            Problem::PhoneDigits { value, digits } => {
                (format!("`{value}` has {digits} digits; a French phone number has 10"), PHONE)
            }
            Problem::PhoneStart { value } => {
                (format!("`{value}` is not a French phone number: it must start with 0 then 1 to 9"), PHONE)
            }
            Problem::Email { value } => {
                (format!("`{value}` is not an e-mail address"), "write an address such as `contact@cabinet-exemple.fr`")
            }
            Problem::Recipients { count, max } => (
                format!("lists {count} recipients; the notice has room for {max}"),
                "group them by kind (`laboratoires d’analyses`, `organismes d’assurance maladie`)",
            ),
            Problem::Required => ("is required".into(), "the kit is made for a practice: give its name"),
            Problem::Pages { pages, max, .. } => {
                (format!("runs onto {pages} pages; it must fit on {max}"), "shorten the profile's longest values")
            }
            Problem::Edge { page, mm, .. } => (
                format!("page {page}: text comes within {mm} mm of the paper's edge; printers need 12 mm"),
                "shorten the profile's longest values",
            ),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_kind_has_its_own_string() {
        let kinds = [
            Problem::LineBreak,
            Problem::Control('\u{7}'),
            Problem::TooLong { length: 1, max: 0 },
            Problem::Invisible { c: '\u{200B}', name: "zero width space" },
            Problem::TooManyLines { lines: 7, max: 6 },
            Problem::PrivateUse('\u{E000}'),
            Problem::DrawnOver('`'),
            Problem::Unprintable('📶'),
            Problem::PhoneCharacter { value: "0a".into(), c: 'a' },
            Problem::PhoneAfterCode { value: "+33 1".into() },
            Problem::PhoneForeign { value: "+44 1".into() },
            Problem::PhoneDigits { value: "12".into(), digits: 2 },
            Problem::PhoneStart { value: "1234567890".into() },
            Problem::Email { value: "a@b".into() },
            Problem::Recipients { count: 13, max: 12 },
            Problem::Required,
            Problem::Pages { document: "doc_notice", pages: 2, max: 1 },
            Problem::Edge { document: "doc_notice", page: 1, mm: "11.0".into() },
        ];
        let strings: Vec<&str> = kinds.iter().map(Problem::string).collect();
        assert_eq!(strings, STRINGS);
        assert_eq!(Problem::Invisible { c: '\u{200B}', name: "" }.values()[1], ("code", "U+200B".to_string()));
    }
}
