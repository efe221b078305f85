//! Reads a profile, `profiles/<id>.toml`: one kit to build.

use std::path::{Path, PathBuf};

use super::UserFile;
use super::toml::{RawLocalized, Reader, Table};
use crate::diag::{Diagnostics, Located, Location, SourceFile, WithHint as _};
use crate::files::{Entry, Files};

type Text = Option<Located<String>>;

/// A profile as written.
pub struct RawProfile {
    /// The file name without `.toml`.
    pub id: String,
    /// The file, for the paths it contains (the logo).
    pub path: PathBuf,
    pub file: Location,
    pub profession: Text,
    pub region: Text,
    pub languages: Option<Located<Vec<Located<String>>>>,
    pub publisher: Option<RawPublisher>,
    pub practice: Option<RawPractice>,
    pub it_provider: Option<RawItProvider>,
    pub insurer: Option<RawInsurer>,
    pub software: Option<RawSoftware>,
    pub csirt: Option<RawCsirt>,
    pub privacy: Option<RawPrivacy>,
    pub base_url: Text,
}

pub struct RawPublisher {
    pub name: Text,
    pub logo: Text,
    /// The bytes of the file `logo` names, when it is a file inside the project that is not too
    /// large (else the problem is reported).
    pub logo_file: Option<Vec<u8>>,
    pub colour: Text,
    pub website: Text,
}

pub struct RawPractice {
    pub name: Text,
    pub address: Text,
    pub phone: Text,
    pub email: Text,
    pub contact_person: Text,
}

pub struct RawItProvider {
    pub name: Text,
    pub phone: Text,
    pub email: Text,
    pub contract: Text,
}

pub struct RawInsurer {
    pub name: Text,
    pub phone: Text,
    pub contract: Text,
}

pub struct RawSoftware {
    pub name: Text,
    pub phone: Text,
}

pub struct RawCsirt {
    pub at: Location,
    pub name: Text,
    pub website: Text,
    pub phone: Text,
    pub email: Text,
}

pub struct RawPrivacy {
    pub controller: Text,
    pub rights_email: Text,
    pub rights_address: Text,
    pub dpo_name: Text,
    pub dpo_email: Text,
    pub booking_platform: Text,
    pub software_host: Text,
    pub recipients: Option<Located<Vec<Located<String>>>>,
    pub online_booking: Option<Located<bool>>,
    pub telehealth: Option<Located<bool>>,
    pub dmp: Option<Located<bool>>,
    pub transfers_outside_eu: Option<Located<bool>>,
    pub retention: Option<Located<RawLocalized<Located<String>>>>,
}

/// Reads the keys of one `[section]`, then reports the unknown ones.
fn section<'a, T>(
    r: &mut Reader<'a, '_>,
    root: &mut Table<'a>,
    key: &'static str,
    read: impl FnOnce(&mut Reader<'a, '_>, &mut Table<'a>) -> T,
) -> Option<T> {
    let mut table = r.table(root, key)?;
    let value = read(r, &mut table);
    r.finish(table);
    Some(value)
}

pub fn load(path: &Path, file: &UserFile, diags: &mut Diagnostics) -> Option<RawProfile> {
    let id = path.file_stem()?.to_string_lossy().into_owned();
    let (mut r, root) = Reader::parse(SourceFile::new(&file.path, &file.text), diags);
    let mut t = root?;
    let profile = RawProfile {
        id,
        path: path.to_path_buf(),
        file: Location::file(&file.path),
        profession: r.required_string(&mut t, "profession"),
        region: r.required_string(&mut t, "region"),
        languages: r.strings(&mut t, "languages"),
        publisher: section(&mut r, &mut t, "publisher", |r, s| RawPublisher {
            name: r.string(s, "name"),
            logo: r.string(s, "logo"),
            logo_file: None,
            colour: r.string(s, "colour"),
            website: r.string(s, "website"),
        }),
        practice: section(&mut r, &mut t, "practice", |r, s| RawPractice {
            name: r.string(s, "name"),
            address: r.string(s, "address"),
            phone: r.string(s, "phone"),
            email: r.string(s, "email"),
            contact_person: r.string(s, "contact_person"),
        }),
        it_provider: section(&mut r, &mut t, "it_provider", |r, s| RawItProvider {
            name: r.string(s, "name"),
            phone: r.string(s, "phone"),
            email: r.string(s, "email"),
            contract: r.string(s, "contract"),
        }),
        insurer: section(&mut r, &mut t, "insurer", |r, s| RawInsurer {
            name: r.string(s, "name"),
            phone: r.string(s, "phone"),
            contract: r.string(s, "contract"),
        }),
        software: section(&mut r, &mut t, "software", |r, s| RawSoftware {
            name: r.string(s, "name"),
            phone: r.string(s, "phone"),
        }),
        csirt: section(&mut r, &mut t, "csirt", |r, s| RawCsirt {
            at: s.at.clone(),
            name: r.string(s, "name"),
            website: r.string(s, "website"),
            phone: r.string(s, "phone"),
            email: r.string(s, "email"),
        }),
        privacy: section(&mut r, &mut t, "privacy", |r, s| RawPrivacy {
            controller: r.string(s, "controller"),
            rights_email: r.string(s, "rights_email"),
            rights_address: r.string(s, "rights_address"),
            dpo_name: r.string(s, "dpo_name"),
            dpo_email: r.string(s, "dpo_email"),
            booking_platform: r.string(s, "booking_platform"),
            software_host: r.string(s, "software_host"),
            recipients: r.strings(s, "recipients"),
            online_booking: r.boolean(s, "online_booking"),
            telehealth: r.boolean(s, "telehealth"),
            dmp: r.boolean(s, "dmp"),
            transfers_outside_eu: r.boolean(s, "transfers_outside_eu"),
            retention: r.localized(s, "retention"),
        }),
        base_url: section(&mut r, &mut t, "site", |r, s| r.string(s, "base_url")).flatten(),
    };
    r.finish(t);
    Some(profile)
}

/// The largest logo file we read.
const MAX_LOGO_BYTES: u64 = 20_000_000;

/// Reads the file the profile's `logo` names, relative to the profile's folder: it must be a file
/// inside the project, not an SVG, and at most [`MAX_LOGO_BYTES`]. Decoding it is validation's.
pub fn logo(files: &dyn Files, profile: &mut RawProfile, diags: &mut Diagnostics) -> anyhow::Result<()> {
    let Some(publisher) = &mut profile.publisher else { return Ok(()) };
    let Some(logo) = &publisher.logo else { return Ok(()) };
    let written = logo.value.trim();
    let key = "`logo` in [publisher]";
    let path = profile.path.parent().unwrap_or(Path::new("")).join(written);
    let err = |diags: &mut Diagnostics, message: String, hint: &str| diags.push(logo.at.error(message).hint(hint));
    let entry = files.read(&path, 0)?;
    if entry == Entry::Missing {
        err(
            diags,
            format!("{key}: `{written}` does not exist (looked for {})", path.display()),
            "the path is relative to the profile's folder, e.g. `logos/urps.png` for `profiles/logos/urps.png`",
        );
        return Ok(());
    }
    if !files.inside(&path) {
        err(
            diags,
            format!("{key}: `{written}` is outside the project"),
            "copy the logo into the project, e.g. into `profiles/logos/`, and give its path from the profile's folder",
        );
        return Ok(());
    }
    if entry == Entry::Folder {
        err(diags, format!("{key}: `{written}` is a folder"), "give the path of an image file");
        return Ok(());
    }
    if written.to_ascii_lowercase().ends_with(".svg") {
        err(
            diags,
            format!("{key}: `{written}` is an SVG; SVG logos are not accepted"),
            "export the logo as PNG, at least 600 pixels wide",
        );
        return Ok(());
    }
    match files.read(&path, MAX_LOGO_BYTES) {
        Ok(Entry::File(bytes)) => publisher.logo_file = Some(bytes),
        Ok(Entry::Larger(size)) => err(
            diags,
            format!("{key}: `{written}` is {} MB", size / 1_000_000),
            "export the logo at most 2000 pixels wide; a logo needs no more than a few hundred kilobytes",
        ),
        Ok(_) => err(diags, format!("{key}: `{written}` cannot be read"), "check that the file is still there"),
        Err(e) => err(diags, format!("{key}: `{written}` cannot be read: {e:#}"), "check the file's permissions"),
    }
    Ok(())
}
