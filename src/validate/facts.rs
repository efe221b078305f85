//! The facts a module prints, checked against their sources: every web address and phone number
//! its text shows must be a reference contact's (which carries its own source and date) or be
//! confirmed by one of the module's `[[source]]` pages, read within the last year. A fact without
//! a source is a warning: the kit still builds, and `check` says what to source.

use super::reference::checked_date;
use super::{field, key, typed};
use crate::diag::{Diagnostics, Located, WithHint};
use crate::load::RawModule;
use crate::load::printed::{self, Printed};
use crate::model::{Date, Reference};

/// The addresses and numbers that count as sourced for one module file.
#[derive(Default, Clone)]
pub struct Sourced {
    /// Addresses without `https://`, `www.` or a trailing slash, lowercase.
    urls: Vec<String>,
    phones: Vec<String>,
}

impl Sourced {
    fn add_text(&mut self, text: &str) {
        if text.starts_with("https://") {
            self.urls.push(normal(text));
        }
        for (_, fact) in printed::in_text(text) {
            match fact {
                Printed::Phone(p) => self.phones.push(printed::digits(&p)),
                Printed::Link(u) | Printed::Domain(u) => self.urls.push(normal(&u)),
            }
        }
    }

    fn covers(&self, fact: &Printed) -> bool {
        match fact {
            Printed::Phone(p) => self.phones.contains(&printed::digits(p)),
            // A site's home page is sourced by any page of the site, as its name is.
            Printed::Link(u) if !normal(u).contains('/') => self.covers(&Printed::Domain(normal(u))),
            Printed::Link(u) => self.urls.contains(&normal(u)),
            // A site named by its domain alone is sourced by any page of that site.
            Printed::Domain(d) if !d.contains('/') => {
                let d = normal(d);
                self.urls.iter().any(|u| u.split('/').next() == Some(d.as_str()))
            }
            Printed::Domain(d) => self.urls.contains(&normal(d)),
        }
    }
}

/// A source's address: a web page, `https://` or `http://`.
fn source_url(text: &str) -> Result<String, field::Invalid> {
    match text.trim() {
        t if t.starts_with("http://") => field::https_url(&t.replacen("http://", "https://", 1)).map(|_| t.to_string()),
        t => field::https_url(t).map(|u| u.0),
    }
}

/// `https://www.cnil.fr/fr/` -> `cnil.fr/fr`.
fn normal(url: &str) -> String {
    let url = url.trim().to_lowercase();
    let url = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://")).unwrap_or(&url);
    let url = url.strip_prefix("www.").unwrap_or(url);
    url.trim_end_matches('/').to_string()
}

/// What the reference data confirms: its contacts' confirmed websites and phones, and the domains
/// their names print (`dmp.fr`).
pub fn from_reference(reference: &Reference) -> Sourced {
    let mut sourced = Sourced::default();
    let csirts = reference.regions.iter().filter_map(|r| r.csirt.as_ref());
    for contact in reference.contacts.iter().chain(csirts) {
        if let Some(site) = contact.confirmed_website() {
            sourced.urls.push(normal(&site.0));
        }
        if let Some(phone) = contact.confirmed_phone() {
            sourced.phones.push(phone.digits.clone());
        }
        for (_, name) in contact.name.iter() {
            sourced.add_text(name);
        }
        // The pages the contact was read on exist: their site's home may be printed.
        sourced.urls.extend(contact.source.iter().map(|s| normal(s)));
    }
    sourced
}

/// Checks that every web address and phone number an interface string prints is a reference
/// contact's: the strings have no sources of their own.
pub fn interface(strings: &[Located<String>], sourced: &Sourced, diags: &mut Diagnostics) {
    for Located { value, at } in strings {
        for (_, fact) in printed::in_text(value) {
            if !sourced.covers(&fact) {
                let what = if matches!(fact, Printed::Phone(_)) { "phone number" } else { "web address" };
                diags.push(at.warning(format!("the {what} `{}` has no source", fact.shown())).hint(
                    "print a reference contact's address or number (content/reference/contacts.toml), which carries its source",
                ));
            }
        }
    }
}

/// Checks one module file's `[[source]]` tables and that each fact its body prints has a source.
pub fn module(m: &RawModule, reference: &Sourced, today: Date, diags: &mut Diagnostics) {
    let mut sourced = reference.clone();
    for source in &m.sources {
        let table = "[[source]]";
        // The page a fact was read on is not printed: an `http://` one will do.
        let url = typed(source.url.clone(), &key("url", table), source_url, diags);
        let page = source.url.as_ref().map_or("the source", |u| u.value.as_str());
        checked_date(source.checked.clone(), table, page, today, diags);
        if let Some(url) = url {
            sourced.urls.push(normal(&url));
        }
        // Any figure may be listed (`72 heures`); the phones and addresses among them are the
        // ones a printed fact is matched against.
        for fact in source.facts.iter().flat_map(|f| f.value.iter()) {
            sourced.add_text(&fact.value);
        }
    }
    for Located { value, at } in &m.printed {
        if !sourced.covers(value) {
            let what = if matches!(value, Printed::Phone(_)) { "phone number" } else { "web address" };
            diags.push(at.warning(format!("the {what} `{}` has no source", value.shown())).hint(
                "add a `[[source]]` to the front matter with the page it was read on (`url`, `checked`, and `facts` for a number), or use a reference contact's",
            ));
        }
    }
}
