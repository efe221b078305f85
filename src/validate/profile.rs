//! Validates a profile against the content: a known profession and region, well-formed contact
//! details, a logo that is an image inside the project.

use image::ImageFormat;

use super::{Key, Shape, field, key, localized, reference::warn_unconfirmed, required_text, text, top, typed};
use crate::diag::{Diagnostics, Located, Location, WithHint, file_error, suggest};
use crate::load::RawProfile;
use crate::model::{
    Colour, Contact, Content, Date, Insurer, ItProvider, Logo, LongValue, Practice, Privacy, Profile, Publisher, Site,
    Software,
};
use crate::problem::Problem;

/// The largest logo we decode, in pixels on each side and in memory.
const MAX_LOGO_SIDE: u32 = 8000;
const MAX_LOGO_MEMORY: u64 = 256 * 1024 * 1024;
/// The logo is shown at most this many pixels wide or high (sharp at 300 dpi on a 4 cm cover).
const LOGO_SIDE: u32 = 480;
/// WCAG 2.1 AA contrast for normal text.
const MIN_CONTRAST: f64 = 4.5;

#[allow(clippy::too_many_lines, reason = "a profile's tables read one after the other, in the file's order")]
pub fn profile(raw: RawProfile, content: &Content, today: Date, diags: &mut Diagnostics) -> Option<Profile> {
    if !field::is_slug(&raw.id) {
        let suggestion: String =
            raw.id.to_lowercase().chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
        let suggestion = suggestion.split('-').filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-");
        diags.push(file_error(
            &raw.file.path,
            format!("the profile name `{}` cannot name an output folder", raw.id),
            format!(
                "rename the file with lowercase letters, digits and hyphens, e.g. `{}.toml`",
                if suggestion.is_empty() { "cabinet-dupont" } else { &suggestion }
            ),
        ));
    }
    // The output folder's shared files (the personaliser's WebAssembly) have this name.
    if raw.id == crate::model::SHARED_FOLDER {
        diags.push(file_error(
            &raw.file.path,
            format!("the profile name `{}` is the name of the folder the kits share", raw.id),
            "rename the file, e.g. `cabinet-dupont.toml`",
        ));
    }
    let long_values = long_values(&raw);
    let reference = &content.reference;
    let profession =
        raw.profession.and_then(|p| {
            required_text(Some(p.clone()), &top("profession"), diags)?;
            let found = reference.profession(p.value.trim()).cloned();
            if found.is_none() {
                let slugs: Vec<&str> = reference.professions.iter().map(|p| p.slug.as_str()).collect();
                diags.push(p.at.error(format!("unknown profession `{}`", p.value)).hint(format!(
                    "{}; `cyberkit list professions` shows them all",
                    suggest(&p.value, &slugs, "one of")
                )));
            }
            found
        });
    let region = raw.region.and_then(|r| {
        required_text(Some(r.clone()), &top("region"), diags)?;
        let found = reference.region(r.value.trim()).cloned();
        if found.is_none() {
            let slugs: Vec<&str> = reference.regions.iter().map(|r| r.slug.as_str()).collect();
            diags.push(
                r.at.error(format!("unknown region `{}`", r.value))
                    .hint(format!("{}; `cyberkit list regions` shows them all", suggest(&r.value, &slugs, "one of"))),
            );
        }
        found
    });
    let languages = match raw.languages {
        None => content.languages.iter().cloned().collect(),
        Some(list) => {
            let mut langs = Vec::new();
            for code in &list.value {
                match content.languages.find(&code.value) {
                    Some(l) if langs.contains(l) => diags.push(
                        code.at
                            .error(format!("`languages`: `{}` is listed twice", code.value))
                            .hint("list each language once"),
                    ),
                    Some(l) => langs.push(l.clone()),
                    None => diags.push(super::unknown_language(code, &content.languages)),
                }
            }
            if list.value.is_empty() {
                diags.push(list.at.error("`languages` is empty").hint(format!(
                    "list at least one of {}, or remove the key to build them all",
                    crate::diag::backticked(content.languages.codes())
                )));
            }
            langs.sort_by_key(|l| content.languages.iter().position(|x| x == l));
            langs
        }
    };

    let publisher = raw.publisher.map(|p| {
        let t = "[publisher]";
        Publisher {
            name: text(p.name, &key("name", t), Shape::Name, diags),
            logo: p.logo.zip(p.logo_file).and_then(|(logo, bytes)| self::logo(&logo, &bytes, diags)),
            colour: p.colour.clone().and_then(|at| {
                let colour = typed(Some(at.clone()), &key("colour", t), field::colour, diags)?;
                Some(readable(colour, &at.at, diags))
            }),
            website: typed(p.website, &key("website", t), field::https_url, diags),
        }
    });
    let practice = raw.practice.map(|p| {
        let t = "[practice]";
        Practice {
            name: text(p.name, &key("name", t), Shape::Name, diags),
            address: text(p.address, &key("address", t), Shape::Lines, diags),
            phone: typed(p.phone, &key("phone", t), field::phone, diags),
            email: typed(p.email, &key("email", t), field::email, diags),
            contact_person: text(p.contact_person, &key("contact_person", t), Shape::Name, diags),
        }
    });
    let it_provider = raw.it_provider.map(|p| {
        let t = "[it_provider]";
        ItProvider {
            name: text(p.name, &key("name", t), Shape::Name, diags),
            phone: typed(p.phone, &key("phone", t), field::phone, diags),
            email: typed(p.email, &key("email", t), field::email, diags),
            contract: text(p.contract, &key("contract", t), Shape::Line, diags),
        }
    });
    let insurer = raw.insurer.map(|p| {
        let t = "[insurer]";
        Insurer {
            name: text(p.name, &key("name", t), Shape::Name, diags),
            phone: typed(p.phone, &key("phone", t), field::phone, diags),
            contract: text(p.contract, &key("contract", t), Shape::Line, diags),
        }
    });
    let software = raw.software.map(|p| {
        let t = "[software]";
        Software {
            name: text(p.name, &key("name", t), Shape::Name, diags),
            phone: typed(p.phone, &key("phone", t), field::phone, diags),
        }
    });
    let own_csirt = raw.csirt.and_then(|c| {
        let t = "[csirt]";
        let name_at = c.name.as_ref().map(|n| n.at.clone());
        let name = text(c.name, &key("name", t), Shape::Name, diags);
        let website = typed(c.website, &key("website", t), field::https_url, diags);
        let phone = typed(c.phone, &key("phone", t), field::phone, diags);
        let email = typed(c.email, &key("email", t), field::email, diags);
        let Some(name) = name else {
            if name_at.is_none() {
                diags.push(
                    c.at.error("missing key `name` in [csirt]")
                        .hint("a CSIRT given in the profile replaces the region's, and needs its `name`"),
                );
            }
            return None;
        };
        let all = content.languages.iter().map(|l| (l.clone(), name.clone())).collect();
        Some(Contact {
            id: "csirt".to_string(),
            at: c.at.clone(),
            name: crate::model::Localized::new(all)?,
            description: None,
            website,
            phone,
            sms: None,
            email,
            address: None,
            hours: None,
            find: None,
            source: vec![raw.file.path.display().to_string()],
            checked: today,
            unconfirmed: std::collections::BTreeSet::default(),
            note: None,
        })
    });
    let privacy = raw.privacy.map(|p| {
        let t = "[privacy]";
        if let Some(c) = p.controller.as_ref().filter(|c| names_an_scm(&c.value)) {
            diags.push(
                c.at.warning(
                    "`controller` in [privacy] names an SCM, which shares premises and means but treats no patient",
                )
                .hint("name the practitioners themselves, or the company they practise through (SEL, SCP)"),
            );
        }
        let booking_platform = text(p.booking_platform, &key("booking_platform", t), Shape::Line, diags);
        Privacy {
            online_booking: p.online_booking.map_or(booking_platform.is_some(), |b| b.value),
            telehealth: p.telehealth.is_some_and(|b| b.value),
            dmp: p.dmp.is_none_or(|b| b.value),
            transfers_outside_eu: p.transfers_outside_eu.map(|b| b.value),
            controller: text(p.controller, &key("controller", t), Shape::Name, diags),
            rights_email: typed(p.rights_email, &key("rights_email", t), field::email, diags),
            rights_address: text(p.rights_address, &key("rights_address", t), Shape::Lines, diags),
            dpo_name: text(p.dpo_name, &key("dpo_name", t), Shape::Name, diags),
            dpo_email: typed(p.dpo_email, &key("dpo_email", t), field::email, diags),
            booking_platform,
            software_host: text(p.software_host, &key("software_host", t), Shape::Line, diags),
            recipients: recipients(p.recipients, &key("recipients", t), diags)
                .into_iter()
                .filter_map(|r| text(Some(r), &key("recipients", t), Shape::Line, diags))
                .collect(),
            retention: localized(p.retention, &key("retention", t), &content.languages, diags),
        }
    });
    let site = Site { base_url: typed(raw.base_url, &key("base_url", "[site]"), field::https_url, diags) };

    let (profession, region) = (profession?, region?);
    let csirt = own_csirt.or_else(|| region.csirt.clone());
    if let Some(csirt) = &csirt {
        warn_unconfirmed(csirt, diags);
    }
    Some(Profile {
        id: raw.id,
        path: raw.path,
        profession,
        region,
        languages,
        publisher,
        practice,
        it_provider,
        insurer,
        software,
        csirt,
        privacy: privacy.unwrap_or_default(),
        site,
        long_values,
    })
}

/// The free-text values a document prints at length, with where they were written, for a problem
/// the render stage finds with them (a document they make overflow). A blank value is absent.
fn long_values(raw: &RawProfile) -> Vec<LongValue> {
    let (publisher, practice) = (raw.publisher.as_ref(), raw.practice.as_ref());
    let (provider, privacy) = (raw.it_provider.as_ref(), raw.privacy.as_ref());
    let (insurer, software) = (raw.insurer.as_ref(), raw.software.as_ref());
    let mut values = vec![
        ("publisher", "name", publisher.and_then(|p| p.name.as_ref())),
        ("practice", "name", practice.and_then(|p| p.name.as_ref())),
        ("practice", "address", practice.and_then(|p| p.address.as_ref())),
        ("practice", "email", practice.and_then(|p| p.email.as_ref())),
        ("practice", "contact_person", practice.and_then(|p| p.contact_person.as_ref())),
        ("it_provider", "name", provider.and_then(|p| p.name.as_ref())),
        ("it_provider", "email", provider.and_then(|p| p.email.as_ref())),
        ("it_provider", "contract", provider.and_then(|p| p.contract.as_ref())),
        ("insurer", "name", insurer.and_then(|p| p.name.as_ref())),
        ("insurer", "contract", insurer.and_then(|p| p.contract.as_ref())),
        ("software", "name", software.and_then(|p| p.name.as_ref())),
        ("privacy", "controller", privacy.and_then(|p| p.controller.as_ref())),
        ("privacy", "rights_email", privacy.and_then(|p| p.rights_email.as_ref())),
        ("privacy", "rights_address", privacy.and_then(|p| p.rights_address.as_ref())),
        ("privacy", "dpo_name", privacy.and_then(|p| p.dpo_name.as_ref())),
        ("privacy", "dpo_email", privacy.and_then(|p| p.dpo_email.as_ref())),
        ("privacy", "booking_platform", privacy.and_then(|p| p.booking_platform.as_ref())),
        ("privacy", "software_host", privacy.and_then(|p| p.software_host.as_ref())),
    ];
    let recipients = privacy.and_then(|p| p.recipients.as_ref()).map(|r| r.value.iter().collect::<Vec<_>>());
    values.extend(recipients.unwrap_or_default().into_iter().map(|r| ("privacy", "recipients", Some(r))));
    values
        .into_iter()
        .filter_map(|(table, key, value)| {
            let value = value?;
            let trimmed = value.value.trim();
            let chars = trimmed.chars().count();
            (chars > 0).then(|| LongValue { table, key, chars, at: value.at.clone(), value: trimmed.to_string() })
        })
        .collect()
}

/// Whether a controller's name is a *société civile de moyens*: a group practice copies the
/// example, and an SCM is not the controller of its members' patient files.
fn names_an_scm(controller: &str) -> bool {
    let lower = controller.to_lowercase();
    lower.split(|c: char| !c.is_alphanumeric()).any(|w| w == "scm") || lower.contains("société civile de moyens")
}

/// White text sits on the publisher's colour (bands, buttons): WCAG AA wants 4.5:1. A colour
/// that fails is darkened just enough, and the user is told which colour the kit uses.
fn readable(colour: Colour, at: &Location, diags: &mut Diagnostics) -> Colour {
    let ratio = colour.contrast(&Colour::WHITE);
    if ratio >= MIN_CONTRAST {
        return colour;
    }
    let dark = colour.darkened_for_white(MIN_CONTRAST);
    diags.push(
        at.warning(format!(
            "`colour` in [publisher]: white text on `{}` has a contrast of {ratio:.1}:1, under the 4.5:1 that reads for everyone; the kit uses `{}` ({:.1}:1)",
            colour.hex(),
            dark.hex(),
            dark.contrast(&Colour::WHITE)
        ))
        .hint("choose a darker colour to have yours exactly"),
    );
    dark
}

/// The logo: a PNG, JPEG or WebP file (read by the load stage), decoded with limits (a huge or
/// corrupt image is a diagnostic, not a crash or a memory blow-up), shrunk to the size the kit
/// shows it at, and re-encoded as PNG, which drops its metadata.
fn logo(logo: &Located<String>, bytes: &[u8], diags: &mut Diagnostics) -> Option<Logo> {
    let written = logo.value.trim();
    let at = &logo.at;
    let key = key("logo", "[publisher]");
    let err = |diags: &mut Diagnostics, message: String, hint: &str| diags.push(at.error(message).hint(hint));
    match converted(bytes) {
        Ok(logo) => Some(logo),
        Err(LogoProblem::NotAnImage) => {
            err(
                diags,
                format!("{key}: `{written}` is not a PNG, JPEG or WebP image"),
                "export the logo as PNG, at least 600 pixels wide",
            );
            None
        }
        Err(LogoProblem::Unreadable(e)) => {
            err(
                diags,
                format!("{key}: `{written}` is not a readable image: {e}"),
                "export the logo again as PNG, at most 2000 pixels wide",
            );
            None
        }
        Err(LogoProblem::TooSmall(width, height)) => {
            err(
                diags,
                format!("{key}: `{written}` is only {width}×{height} pixels"),
                "export the logo at least 600 pixels wide",
            );
            None
        }
        Err(LogoProblem::NotConverted(e)) => {
            err(
                diags,
                format!("{key}: `{written}` could not be converted to PNG: {e}"),
                "export the logo again as PNG",
            );
            None
        }
    }
}

/// Why a logo's bytes make no logo.
#[derive(Clone, Hash)]
enum LogoProblem {
    NotAnImage,
    Unreadable(String),
    TooSmall(u32, u32),
    NotConverted(String),
}

/// A logo's file decoded, within bounds, scaled down to `LOGO_SIDE` and written as PNG.
/// Memoised: a URPS gives the same logo to each of its kits, and decoding is the slowest part of
/// checking a profile.
#[comemo::memoize]
fn converted(bytes: &[u8]) -> Result<Logo, LogoProblem> {
    let mut reader = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| LogoProblem::Unreadable(e.to_string()))?;
    if !matches!(reader.format(), Some(ImageFormat::Png | ImageFormat::Jpeg | ImageFormat::WebP)) {
        return Err(LogoProblem::NotAnImage);
    }
    let mut limits = image::Limits::default();
    limits.max_image_width = Some(MAX_LOGO_SIDE);
    limits.max_image_height = Some(MAX_LOGO_SIDE);
    limits.max_alloc = Some(MAX_LOGO_MEMORY);
    reader.limits(limits);
    let image = reader.decode().map_err(|e| LogoProblem::Unreadable(e.to_string()))?;
    if image.width() < 16 || image.height() < 16 {
        return Err(LogoProblem::TooSmall(image.width(), image.height()));
    }
    let image = if image.width().max(image.height()) > LOGO_SIDE {
        image.resize(LOGO_SIDE, LOGO_SIDE, image::imageops::FilterType::Lanczos3)
    } else {
        image
    };
    let mut png = Vec::new();
    image
        .write_to(&mut std::io::Cursor::new(&mut png), ImageFormat::Png)
        .map_err(|e| LogoProblem::NotConverted(e.to_string()))?;
    Ok(Logo { png, width: image.width(), height: image.height() })
}

/// The recipients, when there are no more than the notice lists (`limits::MAX_RECIPIENTS`).
fn recipients(
    list: Option<Located<Vec<Located<String>>>>,
    key: &Key<'_>,
    diags: &mut Diagnostics,
) -> Vec<Located<String>> {
    let Some(list) = list else { return Vec::new() };
    if list.value.len() > crate::limits::MAX_RECIPIENTS {
        let problem = Problem::Recipients { count: list.value.len(), max: crate::limits::MAX_RECIPIENTS };
        let (message, hint) = problem.english();
        diags.push(list.at.error(format!("{key} {message}")).hint(hint).said(problem));
        return Vec::new();
    }
    list.value
}
