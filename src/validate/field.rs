//! Parsers for the typed values of user files: phone numbers, e-mail addresses, URLs, colours,
//! dates, slugs. Each returns the checked value or an [`Invalid`] that says what is wrong with the
//! value and how to write it; the caller adds which key it was.

use std::str::FromStr;

use crate::model::{Colour, Date, Email, HttpsUrl, Phone};
use crate::problem::Problem;

/// What is wrong with a value, and how to write it instead; for a value a practice types, the
/// problem as data too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub problem: String,
    pub hint: String,
    pub said: Option<Problem>,
}

/// A problem with a value. The message quotes the value, with what cannot be seen in it (a line
/// break, a zero-width space) written out.
fn invalid(problem: impl Into<String>, hint: impl Into<String>) -> Invalid {
    Invalid { problem: super::shown(&problem.into()), hint: hint.into(), said: None }
}

/// A practice's value's problem, said in English for the command line.
fn said(problem: Problem) -> Invalid {
    let (message, hint) = problem.english();
    Invalid { said: Some(problem), ..invalid(message, hint) }
}

/// Overseas country codes whose numbers are French numbers (`+262 262 ...` is `0262 ...`).
const OVERSEAS_CODES: [&str; 4] = ["262", "590", "594", "596"];

/// A French phone number: 10 digits starting with 0, or the same in international form.
pub fn phone(text: &str) -> Result<Phone, Invalid> {
    let trimmed = text.trim();
    let compact: String = trimmed.replace("(0)", "").chars().filter(|c| !is_phone_separator(*c)).collect();
    if let Some(bad) = compact.chars().enumerate().find(|(i, c)| !(c.is_ascii_digit() || (*i == 0 && *c == '+'))) {
        return Err(said(Problem::PhoneCharacter { value: trimmed.to_string(), c: bad.1 }));
    }
    let national = if let Some(international) = compact.strip_prefix('+') {
        let rest = ["33"].iter().chain(OVERSEAS_CODES.iter()).find_map(|code| international.strip_prefix(code));
        match rest {
            Some(rest) if rest.len() == 9 && !rest.starts_with('0') => format!("0{rest}"),
            Some(_) => return Err(said(Problem::PhoneAfterCode { value: trimmed.to_string() })),
            None => return Err(said(Problem::PhoneForeign { value: trimmed.to_string() })),
        }
    } else {
        compact
    };
    if national.len() != 10 {
        return Err(said(Problem::PhoneDigits { value: trimmed.to_string(), digits: national.len() }));
    }
    if !national.starts_with('0') || national.starts_with("00") {
        return Err(said(Problem::PhoneStart { value: trimmed.to_string() }));
    }
    // Keep the grouping the writer chose (`0 800 200 008` is how freephone numbers are shown);
    // a number written without spaces is shown in pairs.
    let display = if trimmed.chars().any(is_phone_separator) {
        trimmed.split(is_phone_separator).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        national.as_bytes().chunks(2).map(|c| String::from_utf8_lossy(c).into_owned()).collect::<Vec<_>>().join(" ")
    };
    Ok(Phone { display, digits: national })
}

fn is_phone_separator(c: char) -> bool {
    matches!(c, ' ' | '.' | '-' | '\u{a0}' | '\u{202f}')
}

/// A short number for text messages or short calls (`33700`).
pub fn short_number(text: &str) -> Result<String, Invalid> {
    if (3..=6).contains(&text.len()) && text.chars().all(|c| c.is_ascii_digit()) {
        Ok(text.to_string())
    } else {
        Err(invalid(format!("`{text}` is not a short number"), "write 3 to 6 digits, without spaces, e.g. `33700`"))
    }
}

/// An e-mail address.
pub fn email(text: &str) -> Result<Email, Invalid> {
    let text = text.trim();
    match email_address::EmailAddress::from_str(text) {
        Ok(addr) if addr.domain().contains('.') && !addr.domain().starts_with('[') => Ok(Email(text.to_string())),
        _ => Err(said(Problem::Email { value: text.to_string() })),
    }
}

/// An `https://` web address with a host name.
pub fn https_url(text: &str) -> Result<HttpsUrl, Invalid> {
    let text = text.trim();
    let full = "write the full address, starting with `https://`, e.g. `https://www.exemple.fr`";
    let parsed = match url::Url::parse(text) {
        Ok(url) => url,
        Err(url::ParseError::RelativeUrlWithoutBase) => {
            return Err(invalid(format!("`{text}` is not a full web address"), full));
        }
        Err(e) => return Err(invalid(format!("`{text}` is not a web address: {e}"), full)),
    };
    match parsed.scheme() {
        "https" => {}
        "http" => {
            return Err(invalid(
                format!("`{text}` is not secure: only `https://` addresses are accepted"),
                "use the `https://` address of the same site",
            ));
        }
        scheme => {
            return Err(invalid(
                format!("`{text}` is a `{scheme}:` address: only `https://` web addresses are accepted"),
                full,
            ));
        }
    }
    if parsed.host_str().is_none_or(|h| !h.contains('.'))
        || !parsed.username().is_empty()
        || parsed.password().is_some()
    {
        return Err(invalid(format!("`{text}` is not a public web address"), full));
    }
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(invalid(format!("`{text}` contains a space"), "remove the spaces, or write them as `%20`"));
    }
    // What a browser would percent-encode: the address is printed and encoded in QR codes as
    // written, so it must already be the form a reader types.
    if let Some(c) =
        text.chars().find(|c| matches!(c, '"' | '<' | '>' | '`' | '\\' | '^' | '{' | '}' | '|') || !c.is_ascii())
    {
        return Err(invalid(
            format!("`{text}` contains `{c}`, which a web address cannot hold as it is"),
            "write the address as the browser's address bar shows it when copied (with `%` codes)",
        ));
    }
    Ok(HttpsUrl(text.to_string()))
}

/// A colour written `#rrggbb` or `#rgb`.
pub fn colour(text: &str) -> Result<Colour, Invalid> {
    let hint = "write `#` and six hexadecimal digits, e.g. `#0b5394`";
    let hex = text.strip_prefix('#').filter(|h| h.chars().all(|c| c.is_ascii_hexdigit()));
    let digits: Vec<u8> = match hex {
        Some(h) if h.len() == 6 => (0..3).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or(0)).collect(),
        Some(h) if h.len() == 3 => {
            h.chars().map(|c| c.to_digit(16).and_then(|d| u8::try_from(d).ok()).unwrap_or(0) * 17).collect()
        }
        _ => return Err(invalid(format!("`{text}` is not a colour"), hint)),
    };
    Ok(Colour { r: digits[0], g: digits[1], b: digits[2] })
}

/// A date written `YYYY-MM-DD`.
pub fn date(text: &str) -> Result<Date, Invalid> {
    let hint = "write the date as YYYY-MM-DD, e.g. `2026-11-23`";
    let shaped = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| if i == 4 || i == 7 { b == b'-' } else { b.is_ascii_digit() });
    if !shaped {
        return Err(invalid(format!("`{text}` is not a date"), hint));
    }
    text.parse::<Date>().map_err(|_| invalid(format!("`{text}` is not a day of the calendar"), hint))
}

/// A lowercase identifier made of letters, digits and single hyphens (`pays-de-la-loire`).
pub fn is_slug(text: &str) -> bool {
    !text.is_empty()
        && text
            .split('-')
            .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn problem<T: std::fmt::Debug>(r: Result<T, Invalid>) -> String {
        let e = r.unwrap_err();
        format!("{} | {}", e.problem, e.hint)
    }

    #[test]
    fn reads_french_phone_numbers_in_their_usual_forms() {
        let p = phone("02 40 12 34 56").unwrap();
        assert_eq!((p.display.as_str(), p.digits.as_str()), ("02 40 12 34 56", "0240123456"));
        assert_eq!(phone("0240123456").unwrap().display, "02 40 12 34 56");
        assert_eq!(phone("02.40.12.34.56").unwrap().display, "02 40 12 34 56");
        assert_eq!(phone("0 800 200 008").unwrap().display, "0 800 200 008");
        assert_eq!(phone("+33 (0)2 40 12 34 56").unwrap().digits, "0240123456");
        assert_eq!(phone("+262 262 97 49 99").unwrap().digits, "0262974999");
    }

    #[test]
    fn rejects_malformed_phone_numbers_with_the_reason() {
        assert_eq!(
            problem(phone("02 40 12 34")),
            "`02 40 12 34` has 8 digits; a French phone number has 10 | write a French number of 10 digits, e.g. `02 40 00 00 00` or `+33 2 40 00 00 00`"
        );
        assert_eq!(
            problem(phone("02 40 AB 34 56")),
            "`02 40 AB 34 56` is not a phone number: it contains `A` | write a French number of 10 digits, e.g. `02 40 00 00 00` or `+33 2 40 00 00 00`"
        );
        assert_eq!(
            problem(phone("+44 20 7946 0958")),
            "`+44 20 7946 0958` is not a French phone number | write a French number of 10 digits, e.g. `02 40 00 00 00` or `+33 2 40 00 00 00`"
        );
        assert_eq!(
            problem(phone("12 40 12 34 56")),
            "`12 40 12 34 56` is not a French phone number: it must start with 0 then 1 to 9 | write a French number of 10 digits, e.g. `02 40 00 00 00` or `+33 2 40 00 00 00`"
        );
    }

    #[test]
    fn accepts_only_https_web_addresses() {
        assert_eq!(https_url("https://www.cnil.fr/fr/sante").unwrap().without_scheme(), "www.cnil.fr/fr/sante");
        assert_eq!(
            problem(https_url("http://exemple.fr")),
            "`http://exemple.fr` is not secure: only `https://` addresses are accepted | use the `https://` address of the same site"
        );
        assert_eq!(
            problem(https_url("javascript:alert(1)")),
            "`javascript:alert(1)` is a `javascript:` address: only `https://` web addresses are accepted | write the full address, starting with `https://`, e.g. `https://www.exemple.fr`"
        );
        assert_eq!(
            problem(https_url("www.exemple.fr")),
            "`www.exemple.fr` is not a full web address | write the full address, starting with `https://`, e.g. `https://www.exemple.fr`"
        );
        assert_eq!(
            problem(https_url("https://user:pw@exemple.fr")),
            "`https://user:pw@exemple.fr` is not a public web address | write the full address, starting with `https://`, e.g. `https://www.exemple.fr`"
        );
    }

    #[test]
    fn reads_emails_colours_dates_and_slugs() {
        assert_eq!(email("secretariat@cabinet.fr").unwrap().0, "secretariat@cabinet.fr");
        assert_eq!(
            problem(email("secretariat@cabinet")),
            "`secretariat@cabinet` is not an e-mail address | write an address such as `contact@cabinet-exemple.fr`"
        );
        assert_eq!(colour("#0B5394").unwrap().hex(), "#0b5394");
        assert_eq!(colour("#fa0").unwrap().hex(), "#ffaa00");
        assert_eq!(
            problem(colour("blue")),
            "`blue` is not a colour | write `#` and six hexadecimal digits, e.g. `#0b5394`"
        );
        assert_eq!(date("2026-11-23").unwrap().to_string(), "2026-11-23");
        assert_eq!(
            problem(date("2026-02-30")),
            "`2026-02-30` is not a day of the calendar | write the date as YYYY-MM-DD, e.g. `2026-11-23`"
        );
        assert_eq!(
            problem(date("23/11/2026")),
            "`23/11/2026` is not a date | write the date as YYYY-MM-DD, e.g. `2026-11-23`"
        );
        assert!(is_slug("pays-de-la-loire") && is_slug("17cyber"));
        assert!(!is_slug("Pays") && !is_slug("a--b") && !is_slug("-a") && !is_slug(""));
        assert_eq!(short_number("33700").unwrap(), "33700");
    }
}
