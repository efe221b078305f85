//! How long each value a profile prints may be. Every document of every profession must fit its
//! pages with every value at its maximum; a longer value is refused where it is written, by
//! `check`, `build` and the personaliser's form (its `maxlength`).
//!
//! The maxima come from real values, with room to spare:
//! - a URPS: `Union régionale des professionnels de santé Masseurs-Kinésithérapeutes
//!   Provence-Alpes-Côte d’Azur` (97 characters);
//! - a health centre: `Maison de santé pluriprofessionnelle universitaire des Coteaux et du Val
//!   de Loire` (81); a laboratory's operating company: `SELAS Laboratoire de biologie médicale
//!   Cerballiance Pays de la Loire Atlantique` (79);
//! - an address with a building and a floor: `Maison de santé pluriprofessionnelle, bâtiment B,
//!   2e étage, 12 avenue du Maréchal de Lattre de Tassigny, 44000 Nantes` (117);
//! - a controller: `Claire Martin et Hugo Lefèvre, masseurs-kinésithérapeutes, associés de la
//!   SELARL Kiné Santé Atlantique` (102);
//! - a referent: `Dr Marie-Christine Dupont-Lefèvre, pharmacienne titulaire et référente RGPD` (75);
//! - a contract: `Contrat de maintenance n° MS-2024-000123-PDL, client 884512` (59); a provider:
//!   `Informatique Médicale Services Grand Ouest (IMS GO) SARL` (56);
//! - an e-mail address: `secretariat.maison-de-sante-coteaux-val-de-loire@mssante.fr` (59).

/// A printed value of a profile and the most characters it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub table: &'static str,
    pub key: &'static str,
    pub max: usize,
}

const fn limit(table: &'static str, key: &'static str, max: usize) -> Limit {
    Limit { table, key, max }
}

/// Every printed free-text value of a profile, and its maximum.
pub const LIMITS: [Limit; 22] = [
    limit("publisher", "name", 100),
    limit("practice", "name", 90),
    limit("practice", "address", 120),
    limit("practice", "email", 64),
    limit("practice", "contact_person", 80),
    limit("it_provider", "name", 60),
    limit("it_provider", "email", 64),
    limit("it_provider", "contract", 60),
    limit("insurer", "name", 60),
    limit("insurer", "contract", 60),
    limit("software", "name", 60),
    limit("csirt", "name", 80),
    limit("privacy", "controller", 120),
    limit("privacy", "rights_email", 64),
    limit("privacy", "rights_address", 120),
    limit("privacy", "dpo_name", 80),
    limit("privacy", "dpo_email", 64),
    limit("privacy", "booking_platform", 60),
    limit("privacy", "software_host", 60),
    // Each recipient, one a line.
    limit("privacy", "recipients", 60),
    // The practice's own retention rule, in each language, in place of its profession's.
    limit("privacy", "retention", 300),
    limit("csirt", "email", 64),
];

/// The most recipients the notice lists (`recipients` in `[privacy]`), each a line.
pub const MAX_RECIPIENTS: usize = 6;

/// The maximum of a profile's value, from its table (`practice` or `[practice]`) and key (a
/// text of one language, `retention.fr`, has its key's).
pub fn max_chars(table: &str, key: &str) -> Option<usize> {
    let table = table.trim_start_matches('[').trim_end_matches(']');
    let key = key.split('.').next().unwrap_or(key);
    LIMITS.iter().find(|l| l.table == table && l.key == key).map(|l| l.max)
}

#[cfg(test)]
mod tests {
    use super::{LIMITS, max_chars};

    #[test]
    fn each_value_has_one_maximum() {
        for (i, a) in LIMITS.iter().enumerate() {
            assert!(LIMITS[i + 1..].iter().all(|b| (b.table, b.key) != (a.table, a.key)), "{a:?} twice");
        }
        assert_eq!(max_chars("[practice]", "address"), Some(120));
        assert_eq!(max_chars("practice", "phone"), None, "a phone number has its own form");
        assert_eq!(max_chars("[privacy]", "retention.en"), Some(300));
    }
}
