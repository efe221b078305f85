//! Checked values of the user's data: phone numbers, e-mail addresses, URLs, colours, dates.
//! Each can only be made by its parser in `validate::field`, so holding one means it is valid.

use serde::Serialize;

/// A French phone number, as written (separators normalised to single spaces).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phone {
    /// How the number is shown: `02 40 00 00 00`, `0 800 200 008`.
    pub display: String,
    /// Its digits in national form, `0240000000`, for `tel:` links.
    pub digits: String,
}

/// An e-mail address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Email(pub String);

/// An `https://` URL: the only kind a kit links to or prints in a QR code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HttpsUrl(pub String);

impl HttpsUrl {
    /// The URL without its scheme, as printed under a QR code for a person to type.
    pub fn without_scheme(&self) -> &str {
        self.0.strip_prefix("https://").unwrap_or(&self.0)
    }
}

/// A colour, `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Colour {
    pub r: u8,
    pub g: u8,
    pub b: u8,
}

impl Colour {
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }
}

/// A calendar date (`updated`, `checked`).
pub type Date = jiff::civil::Date;
