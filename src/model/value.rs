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

impl Phone {
    /// The number in international form for a `tel:` link. The overseas regions have their own
    /// country codes: 0262 ... in La Réunion is +262 262 ..., not +33 262 ....
    pub fn tel(&self) -> String {
        const OVERSEAS: [(&str, &str); 14] = [
            ("0262", "262"),
            ("0263", "262"),
            ("0269", "262"),
            ("0639", "262"),
            ("0692", "262"),
            ("0693", "262"),
            ("0590", "590"),
            ("0690", "590"),
            ("0691", "590"),
            ("0594", "594"),
            ("0694", "594"),
            ("0596", "596"),
            ("0696", "596"),
            ("0697", "596"),
        ];
        let national = &self.digits[1..];
        match OVERSEAS.iter().find(|(prefix, _)| self.digits.starts_with(prefix)) {
            Some((_, code)) => format!("tel:+{code}{national}"),
            None => format!("tel:+33{national}"),
        }
    }
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
    pub const WHITE: Colour = Colour { r: 255, g: 255, b: 255 };

    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// Relative luminance, as WCAG 2.1 defines it.
    pub fn luminance(&self) -> f64 {
        let channel = |c: u8| {
            let c = f64::from(c) / 255.0;
            if c <= 0.039_28 { c / 12.92 } else { ((c + 0.055) / 1.055).powf(2.4) }
        };
        0.2126 * channel(self.r) + 0.7152 * channel(self.g) + 0.0722 * channel(self.b)
    }

    /// The WCAG contrast ratio between two colours, from 1 to 21.
    pub fn contrast(&self, other: &Colour) -> f64 {
        let (a, b) = (self.luminance(), other.luminance());
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

    /// The colour darkened just enough to reach `ratio` against white, keeping its hue.
    pub fn darkened_for_white(&self, ratio: f64) -> Colour {
        let mut factor = 1.0;
        let mut out = *self;
        while out.contrast(&Colour::WHITE) < ratio && factor > 0.0 {
            factor -= 0.01;
            #[allow(
                clippy::cast_possible_truncation,
                clippy::cast_sign_loss,
                reason = "a channel times a factor below 1"
            )]
            let scale = |c: u8| (f64::from(c) * factor).round() as u8;
            out = Colour { r: scale(self.r), g: scale(self.g), b: scale(self.b) };
        }
        out
    }
}

/// The publisher's logo, decoded, resized and re-encoded as PNG without its metadata.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Logo {
    pub png: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// A calendar date (`updated`, `checked`).
pub type Date = jiff::civil::Date;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_tel_links_with_the_right_country_code() {
        let phone = |d: &str| Phone { display: d.to_string(), digits: d.to_string() };
        assert_eq!(phone("0240123456").tel(), "tel:+33240123456");
        assert_eq!(phone("0800200008").tel(), "tel:+33800200008");
        assert_eq!(phone("0262974999").tel(), "tel:+262262974999");
        assert_eq!(phone("0596123456").tel(), "tel:+596596123456");
    }

    #[test]
    fn measures_contrast_as_wcag_does() {
        let black = Colour { r: 0, g: 0, b: 0 };
        assert!((black.contrast(&Colour::WHITE) - 21.0).abs() < 1e-9);
        let blue = Colour { r: 0x0b, g: 0x53, b: 0x94 };
        assert!((blue.contrast(&Colour::WHITE) - 7.84).abs() < 0.01, "{}", blue.contrast(&Colour::WHITE));
    }

    #[test]
    fn darkens_a_light_colour_until_white_text_reads_on_it() {
        let yellow = Colour { r: 0xff, g: 0xcc, b: 0x00 };
        let dark = yellow.darkened_for_white(4.5);
        assert!(dark.contrast(&Colour::WHITE) >= 4.5);
        assert!(dark.contrast(&Colour::WHITE) < 4.7, "darkened no more than needed: {}", dark.hex());
        assert!(dark.r > dark.g && dark.g > dark.b, "keeps its hue: {}", dark.hex());
    }
}
