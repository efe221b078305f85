//! The booklet's data: the kit's modules by part, in Typst markup made by our Markdown converter,
//! the practice's contacts, and the incident steps with their QR codes for the back cover.

use serde::Serialize;
use typst::foundations::Label;
use typst::introspection::Introspector as _;
use typst::utils::PicoStr;
use typst_layout::PagedDocument;

use super::{Common, Files, Head, QrCode};
use crate::model::{Lang, Part};
use crate::plan::Kit;
use crate::render::incident::incident;
use crate::render::markdown::to_typst_ending;
use crate::render::placeholders::Placeholders;
use crate::render::text::{date, front, phrase};

/// The booklet's data, as `templates/print/booklet.typ` reads it.
#[derive(Serialize)]
pub(super) struct Booklet<'a> {
    #[serde(flatten)]
    head: Head<'a>,
    headline: String,
    subtitle: String,
    publisher: Option<String>,
    /// Whether `/data/logo.png` is there.
    logo: bool,
    logo_alt: String,
    updated: Option<String>,
    contents_title: String,
    checklist_title: String,
    parts: Vec<BookletPart>,
    contacts_title: String,
    contacts: Vec<ContactField>,
    /// The title of the ruled pages for the practice's notes.
    notes_title: String,
    incident: BackCover,
    /// What cyberkit adds when it composes the booklet itself; a standalone project has none.
    #[serde(flatten)]
    pub composed: Option<Composed>,
    /// How much more room than three lines the footer's text needs, in points (see
    /// `footer::extra_height`); absent when three lines hold it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footer_extra: Option<f64>,
}

/// What the template is told when cyberkit composes the booklet: that it adds the footer (see
/// `footer`), and its guess of the page where the modules end (see `modules_end_hint` in
/// booklet.typ), which depends on which kit was built before.
#[derive(Serialize)]
pub(super) struct Composed {
    pub compose_footer: bool,
    pub modules_end_hint: Option<usize>,
}

#[derive(Serialize)]
struct BookletPart {
    /// Its pictogram, an SVG (as every `icon` of the data).
    icon: String,
    title: String,
    intro: String,
    modules: Vec<BookletModule>,
}

#[derive(Serialize)]
struct BookletModule {
    icon: String,
    title: String,
    summary: String,
    /// Typst markup made by our Markdown converter, every profile value in it escaped: the body
    /// but its last block, and its last block, which the checklist box keeps with it.
    body: String,
    body_end: String,
    /// Whether its last block stays with its checklist box: when it has one, and the block is
    /// short enough to move to the next page with it.
    end_sticky: bool,
    checklist: Vec<String>,
}

/// A line of the contacts' page: a label, and a value or a line to write it on.
#[derive(Serialize)]
struct ContactField {
    label: String,
    value: Option<String>,
    /// The CSIRT's line has its web address, when it has one, on a line of its own.
    #[serde(flatten)]
    address: Option<AddressLine>,
}

/// A web address on a line of its own, where it breaks after its slashes.
#[derive(Serialize)]
struct AddressLine {
    address: Option<String>,
}

/// The back cover: the incident's first steps, and the QR codes of those done online.
#[derive(Serialize)]
struct BackCover {
    title: String,
    steps: Vec<BackCoverStep>,
    /// What not to do, and what to do besides.
    donts_title: String,
    donts: Vec<String>,
    /// The numbers to call when a person is in danger.
    emergency: String,
    qr: Vec<QrCode>,
}

#[derive(Serialize)]
struct BackCoverStep {
    icon: String,
    title: String,
    detail: String,
}

/// The longest last block, in bytes of markup, that a module's checklist box keeps with it: a
/// few lines (a "further reading" list of three or four links is 300 to 500 bytes), never
/// a third of a page.
const SHORT_END: usize = 600;

/// The booklet's data, and its files (the logo, the QR codes).
pub(super) fn data<'a>(kit: &Kit<'_>, lang: &Lang, common: &'a Common) -> anyhow::Result<(Booklet<'a>, Files)> {
    let content = kit.content;
    let profile = kit.profile;
    let s = |key: &str, params: &[(&str, &str)]| phrase(kit, lang, key, params);
    let values = Placeholders::new(content, profile, lang);
    let parts = Part::ALL
        .iter()
        .filter(|part| kit.modules.iter().any(|m| m.part == **part))
        .map(|part| BookletPart {
            icon: common.icon(part.icon()),
            title: s(&format!("part_{}", part.slug()), &[]),
            intro: s(&format!("part_{}_intro", part.slug()), &[]),
            modules: kit
                .modules
                .iter()
                .filter(|m| m.part == *part)
                .map(|m| {
                    let text = m.text.get(lang);
                    // Module `##` headings sit under the module's own title (level 2).
                    let (mut body, last_block) = to_typst_ending(&text.body, &values, lang, 1);
                    let body_end = body.split_off(last_block);
                    let end_sticky = !text.checklist.is_empty() && body_end.len() <= SHORT_END;
                    BookletModule {
                        icon: common.icon(m.icon),
                        title: front(kit, lang, &text.title),
                        summary: front(kit, lang, &text.summary),
                        body,
                        body_end,
                        end_sticky,
                        checklist: text.checklist.iter().map(|c| front(kit, lang, c)).collect(),
                    }
                })
                .collect(),
        })
        .collect();

    let practice = profile.practice.clone().unwrap_or_default();
    let provider = profile.it_provider.clone().unwrap_or_default();
    let (insurer, software) =
        (profile.insurer.clone().unwrap_or_default(), profile.software.clone().unwrap_or_default());
    let field = |label: &str, value: Option<String>| ContactField { label: s(label, &[]), value, address: None };
    let contacts = vec![
        field("checklist_practice", practice.name.clone()),
        field("field_phone", practice.phone.as_ref().map(|p| p.display.clone())),
        field("contact_practice_person", practice.contact_person.clone()),
        field("contact_it_provider", provider.name.clone()),
        field("field_phone", provider.phone.as_ref().map(|p| p.display.clone())),
        field("booklet_contract", provider.contract.clone()),
        field("contact_insurer", insurer.name.clone()),
        field("field_phone", insurer.phone.as_ref().map(|p| p.display.clone())),
        field("booklet_contract", insurer.contract.clone()),
        field("contact_software", software.name.clone()),
        field("field_phone", software.phone.as_ref().map(|p| p.display.clone())),
        csirt_field(profile, lang, s("contact_csirt_label", &[]), s("contact_csirt_none", &[])),
    ];

    let plan = incident(kit, lang);
    let (codes, mut files) = super::incident_qr_codes(kit, lang)?;
    let logo = profile.publisher.as_ref().and_then(|p| p.logo.as_ref());
    if let Some(logo) = logo {
        files.push(("/data/logo.png".to_string(), logo.png.clone()));
    }
    let publisher = profile.publisher.as_ref().and_then(|p| p.name.clone());
    let profession = &profile.profession.name.get(lang).many;
    let headline = s("booklet_title", &[("profession", profession)]);
    let booklet = Booklet {
        head: common.head(headline.clone()),
        headline,
        // The title names the profession: the subtitle says where, and for which practice.
        subtitle: common
            .practice
            .as_ref()
            .map_or_else(|| common.region.clone(), |p| format!("{p} · {}", common.region)),
        logo: logo.is_some(),
        logo_alt: s("logo_alt", &[("publisher", publisher.as_deref().unwrap_or_default())]),
        publisher,
        updated: content.updated().map(|d| s("footer_updated", &[("date", &date(content, lang, d))])),
        contents_title: s("booklet_contents", &[]),
        checklist_title: s("module_checklist_title", &[]),
        parts,
        contacts_title: s("booklet_contacts_title", &[]),
        contacts,
        notes_title: s("booklet_notes", &[]),
        incident: BackCover {
            title: s("incident_title", &[]),
            steps: plan
                .steps
                .iter()
                .map(|st| BackCoverStep {
                    icon: common.icon(st.icon),
                    title: st.title.clone(),
                    detail: st.detail.clone(),
                })
                .collect(),
            donts_title: s("incident_donts_title", &[]),
            donts: plan.donts.clone(),
            emergency: plan.emergency.clone(),
            qr: codes,
        },
        composed: None,
        footer_extra: None,
    };
    Ok((booklet, files))
}

/// The page where a laid-out booklet's modules end (its `<modules-end>` label).
pub fn modules_end(document: &PagedDocument) -> Option<usize> {
    let label = Label::new(PicoStr::intern("modules-end"))?;
    let introspector = document.introspector();
    let location = introspector.query_label(label).ok()?.location()?;
    introspector.page(location).map(std::num::NonZero::get)
}

/// The regional CSIRT's line among the contacts: its number, its hours, and its web address (or
/// where to find it) on a line of its own, where an address breaks after its slashes; without a
/// way to reach one, the way to 17Cyber, as the poster says.
fn csirt_field(profile: &crate::model::Profile, lang: &Lang, label: String, none: String) -> ContactField {
    let Some((c, reach)) = crate::render::incident::csirt(profile, lang) else {
        return ContactField { label, value: Some(none), address: Some(AddressLine { address: None }) };
    };
    let value = [Some(c.name.get(lang).clone()), reach.phone.map(|p| p.display), reach.hours]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join(" · ");
    ContactField { label, value: Some(value), address: Some(AddressLine { address: reach.website.map(|w| w.text) }) }
}
