//! `cyberkit new`: the text of a commented starter profile.
//!
//! Every optional key is present but commented out, with what it is for, so that a practice
//! fills in its profile by removing `#` signs. The file passes `check` as written.

use crate::model::{Content, Profession, Region};

/// The starter profile for a profession and a region.
pub fn profile(content: &Content, profession: &Profession, region: &Region) -> String {
    let source = content.languages.source();
    let codes = content.languages.codes();
    let csirt = match &region.csirt {
        Some(c) => format!("its regional CSIRT is {}", c.name.get(source)),
        None => "no regional CSIRT is confirmed for it: the kit points to 17Cyber".to_string(),
    };
    let quoted: Vec<String> = codes.iter().map(|c| format!("\"{c}\"")).collect();
    format!(
        r##"# A cyberkit profile: one kit to build.
#   cyberkit check <name>   checks it          cyberkit build <name>   builds it into output/
# Only `profession` and `region` are required. A key left out prints as a labelled blank line to
# fill in by hand on the documents. To use a key, remove the `#` at the start of its line.
# Each printed value has a maximum length in characters, so that every document fits its pages:
{limits}

# {profession_name} (`cyberkit list professions` shows the others).
profession = "{profession}"

# {region_name}; {csirt} (`cyberkit list regions`).
region = "{region}"

# The languages to build, among {codes}; all of them when left out.
# languages = [{quoted}]

# Who distributes the kit: a URPS, an Order, or the practice itself.
[publisher]
# name = "URPS ..."
# logo = "logos/logo.png"             # PNG, JPEG or WebP; the path is from this file's folder
# colour = "#0b5394"                  # for bands and accents
# website = "https://www.exemple.fr"

# The practice, for a practice's own kit (leave it out for a URPS kit).
[practice]
# name = "Cabinet ..."
# address = "1 rue de l'Exemple, 44000 Nantes"
# phone = "02 40 00 00 00"
# email = "contact@cabinet-exemple.fr"
# contact_person = "..."               # who answers IT security questions at the practice

# Who to call first in an incident: the largest number on the poster.
[it_provider]
# name = "..."
# phone = "02 40 00 00 00"
# email = "support@exemple.fr"
# contract = "..."                     # the contract or customer number to give on the phone

# The practice's insurer: a cyber-insurance contract often has an assistance line to call before
# any work is done on the machines. Printed beside the provider on the poster.
[insurer]
# name = "..."
# phone = "02 40 00 00 00"
# contract = "..."                     # the contract number to give on the phone

# The vendor of the practice software, whose support restores it and its data.
[software]
# name = "..."
# phone = "02 40 00 00 00"

# Replaces the region's CSIRT; rarely needed.
# [csirt]
# name = "..."
# phone = "02 40 00 00 00"
# website = "https://www.exemple.fr"

# For the RGPD notice of the waiting room.
[privacy]
# controller = "..."                   # who is responsible: each practitioner, or the SEL or SCP
#                                      # they practise through (not an SCM, which shares means only)
# rights_email = "rgpd@cabinet-exemple.fr"   # where patients send requests about their data
# rights_address = "..."
# dpo_name = "..."                     # a data protection officer, only if you have one
# dpo_email = "dpo@exemple.fr"
# booking_platform = "..."             # the online booking service, if any
# software_host = "..."                # who hosts the practice software's data (HDS-certified)
# recipients = ["..."]                 # other recipients of patient data
# online_booking = true                # patients book online (default: when booking_platform is set)
# telehealth = false                   # the practice offers telehealth (default: no)
# dmp = true                           # the practice adds documents to patients' DMP (default: yes)
# transfers_outside_eu = false         # whether any data leaves the European Union (left out: a line to fill in)

# Where the mini-site is hosted, so that the QR codes can point to it.
[site]
# base_url = "https://kits.exemple.fr/cabinet/"
"##,
        profession_name = capitalised(&profession.name.get(source).many),
        profession = profession.slug,
        region_name = region.name.get(source),
        region = region.slug,
        codes = codes.join(", "),
        quoted = quoted.join(", "),
        limits = limits(),
    )
}

/// The maxima of `crate::limits`, a table to a line: `#   [practice] name 90, address 120, ...`.
fn limits() -> String {
    let mut tables: Vec<&str> = Vec::new();
    for l in &crate::limits::LIMITS {
        if !tables.contains(&l.table) {
            tables.push(l.table);
        }
    }
    tables
        .iter()
        .map(|table| {
            let keys: Vec<String> = crate::limits::LIMITS
                .iter()
                .filter(|l| l.table == *table)
                .map(|l| format!("{} {}", l.key, l.max))
                .collect();
            format!("#   [{table}] {}", keys.join(", "))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}
