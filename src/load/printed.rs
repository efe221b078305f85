//! The facts a module's text prints that a reader acts on — web addresses and phone numbers —
//! found in its parsed Markdown with their byte offsets, so that `check` can ask each one for
//! its source. Code spans are literal strings (an example password), not facts.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::placeholder::markdown_options;

/// A web address or phone number as a module prints it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Printed {
    /// A link's `https://` destination.
    Link(String),
    /// A domain written in the text, with or without a path: `17cyber.gouv.fr`, `dmp.fr`.
    Domain(String),
    /// A French phone number as shown (`0 825 852 000`).
    Phone(String),
}

impl Printed {
    /// How the fact is named in a message.
    pub fn shown(&self) -> &str {
        match self {
            Printed::Link(s) | Printed::Domain(s) | Printed::Phone(s) => s,
        }
    }
}

/// The top-level domains a module's text may name a site in.
const DOMAINS: [&str; 8] = ["fr", "com", "org", "net", "eu", "bzh", "corsica", "re"];

/// Every web address and phone number of a module body, with its byte offset.
pub fn in_markdown(body: &str) -> Vec<(usize, Printed)> {
    let mut found = Vec::new();
    // A link's label names the page its destination is: the destination is the fact.
    let mut in_link = 0usize;
    for (event, range) in Parser::new_ext(body, markdown_options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                in_link += 1;
                if dest_url.starts_with("https://") {
                    found.push((range.start, Printed::Link(dest_url.to_string())));
                }
            }
            Event::End(TagEnd::Link) => in_link = in_link.saturating_sub(1),
            Event::Text(text) if in_link == 0 => {
                // Where the event's text is the source's own; else the event's start.
                let base = |needle: &str| body[range.clone()].find(needle).map_or(range.start, |at| range.start + at);
                for (_, fact) in in_text(&text) {
                    found.push((base(fact.shown()), fact));
                }
            }
            _ => {}
        }
    }
    found
}

/// The domains and phone numbers of a run of plain text, with their byte offsets in it.
pub fn in_text(text: &str) -> Vec<(usize, Printed)> {
    let mut found = phones(text);
    let separators = |c: char| c.is_whitespace() || "()«»,;!?\"’'[]".contains(c);
    let mut at = 0;
    for word in text.split(separators) {
        let trimmed = word.trim_end_matches(['.', ':']);
        if is_domain(trimmed) {
            found.push((at, Printed::Domain(trimmed.to_string())));
        }
        at += word.len() + text[at + word.len()..].chars().next().map_or(0, char::len_utf8);
    }
    found.sort_by_key(|(at, _)| *at);
    found
}

/// `host[/path]` whose host has at least two labels and ends with a known top-level domain.
fn is_domain(word: &str) -> bool {
    let word = word.strip_prefix("https://").unwrap_or(word);
    let host = word.split('/').next().unwrap_or_default();
    let labels: Vec<&str> = host.split('.').collect();
    labels.len() >= 2
        && labels.iter().all(|l| !l.is_empty() && l.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        && DOMAINS.contains(&labels[labels.len() - 1])
        && labels[labels.len() - 2].chars().any(|c| c.is_ascii_alphabetic())
}

/// Runs of ten digits starting with 0, grouped by spaces (`0 825 852 000`, `0262 974 999`,
/// `02 40 00 00 00`): the French numbers a reader would dial.
fn phones(text: &str) -> Vec<(usize, Printed)> {
    let mut found = Vec::new();
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < chars.len() {
        let starts = chars[i].1 == '0' && (i == 0 || !chars[i - 1].1.is_alphanumeric());
        if !starts {
            i += 1;
            continue;
        }
        let (mut j, mut digits, mut last_digit) = (i, 0, i);
        while j < chars.len() {
            let c = chars[j].1;
            if c.is_ascii_digit() {
                digits += 1;
                last_digit = j;
            } else if !(matches!(c, ' ' | '\u{a0}' | '\u{202f}')
                && chars.get(j + 1).is_some_and(|n| n.1.is_ascii_digit()))
            {
                break;
            }
            j += 1;
        }
        let ends = chars.get(last_digit + 1).is_none_or(|n| !n.1.is_alphanumeric());
        if digits == 10 && ends {
            let (start, end) = (chars[i].0, chars[last_digit].0 + 1);
            found.push((start, Printed::Phone(text[start..end].to_string())));
        }
        i = j.max(i + 1);
    }
    found
}

/// The digits of a phone number, to compare two ways of grouping them.
pub fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(text: &str) -> Vec<String> {
        in_text(text).into_iter().map(|(_, p)| p.shown().to_string()).collect()
    }

    #[test]
    fn finds_the_domains_and_phone_numbers_a_reader_would_use() {
        assert_eq!(
            shown("Appelez le 0 825 852 000 (0,15 €/min) ou allez sur 17cyber.gouv.fr, ou dmp.fr."),
            ["0 825 852 000", "17cyber.gouv.fr", "dmp.fr"]
        );
        assert_eq!(shown("Cyber Réunion : 0262 974 999."), ["0262 974 999"]);
        assert_eq!(shown("www.cnil.fr/fr/adresser-une-plainte"), ["www.cnil.fr/fr/adresser-une-plainte"]);
    }

    #[test]
    fn leaves_figures_versions_and_short_numbers_alone() {
        assert!(shown("12 caractères, 72 heures, 20 ans, Windows 10, le 33700, 2022-100, v1.0, 0,15 €").is_empty());
        assert!(shown("le 17, le 112, le 0 800 20 (incomplet), 01234567890123").is_empty());
    }

    #[test]
    fn skips_code_spans_and_takes_link_destinations() {
        let found: Vec<Printed> =
            in_markdown("[cnil.fr](https://www.cnil.fr/x) et `0 825 852 000`.").into_iter().map(|(_, p)| p).collect();
        assert_eq!(found, [Printed::Link("https://www.cnil.fr/x".into())]);
        let found: Vec<Printed> = in_markdown("Voir dmp.fr.").into_iter().map(|(_, p)| p).collect();
        assert_eq!(found, [Printed::Domain("dmp.fr".into())]);
    }
}
