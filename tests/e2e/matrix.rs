//! The matrix, not the examples: every profession in every region, in both languages, and for
//! every profession a practice with every value at its maximum and one with none. Each document
//! is laid out in the process and read as a reader gets it; the assertions are on its text.

use std::collections::BTreeMap;

use cyberkit::model::{ContactField, Content, Profile};
use cyberkit::project::Project;
use cyberkit::render::print::{Inspected, Print};

use crate::common::TestProject;

/// Each profile's documents in each of its languages, laid out: `(profile, lang) -> documents`.
type LaidOut = BTreeMap<(String, String), Vec<Inspected>>;

/// Writes `profiles` into a project with the real content, checks them, and lays out the
/// documents `wanted` keeps (by profile and document stem) of each kit in each of its languages.
fn lay_out(
    profiles: &[(String, String)],
    wanted: impl Fn(&str, &str) -> bool + Sync,
) -> (Content, Vec<Profile>, LaidOut) {
    let project = TestProject::with_content();
    for (name, text) in profiles {
        project.write(&format!("profiles/{name}.toml"), text);
    }
    let project = Project::new(project.path());
    let names: Vec<String> = profiles.iter().map(|(n, _)| n.clone()).collect();
    let mut diags = cyberkit::diag::Diagnostics::default();
    let today = jiff::civil::date(2026, 12, 8);
    let paths = project.profile_paths(&names, &mut diags).expect("no I/O failure");
    let checked = cyberkit::check(&project, &paths, today, &mut diags).expect("no I/O failure");
    let errors: Vec<String> = diags
        .sorted()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}: {}", d.path.display(), d.line, d.message))
        .collect();
    let checked = checked.filter(|_| errors.is_empty()).unwrap_or_else(|| panic!("{}", errors.join("\n")));
    let kits = cyberkit::plan::plan(&checked.content, &checked.profiles, today);
    let print = Print::new().expect("the print environment");
    // Two threads: the machine's two cores.
    let jobs: Vec<(usize, cyberkit::model::Lang)> =
        kits.iter().enumerate().flat_map(|(i, k)| k.profile.languages.iter().map(move |l| (i, l.clone()))).collect();
    let (first, second) = jobs.split_at(jobs.len() / 2);
    let run = |jobs: &[(usize, cyberkit::model::Lang)]| {
        jobs.iter()
            .map(|(i, lang)| {
                let id = &kits[*i].profile.id;
                let docs = print
                    .inspect_where(&kits[*i], lang, None, |d| wanted(id, d.stem))
                    .unwrap_or_else(|e| panic!("{id}: {e:#}"));
                ((id.clone(), lang.code().to_string()), docs)
            })
            .collect::<Vec<_>>()
    };
    let laid_out: LaidOut = std::thread::scope(|s| {
        let other = s.spawn(|| run(second));
        let mut all = run(first);
        all.extend(other.join().expect("the second thread"));
        all.into_iter().collect()
    });
    drop(kits);
    (checked.content, checked.profiles, laid_out)
}

/// A document's text as one string, its spaces plain.
fn text(doc: &Inspected) -> String {
    let joined: String = doc.pages.iter().map(|p| p.text.replace('\n', "")).collect();
    joined.replace(['\u{a0}', '\u{202f}'], " ").replace(['\u{200b}', '\u{ad}'], "")
}

/// Text with no space, hyphen or apostrophe variant left: a phrase is found whatever line breaks
/// and hyphenation did to it.
fn squashed(text: &str) -> String {
    text.chars()
        .filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}' | '\u{2011}' | '\u{200b}' | '\u{ad}'))
        .map(|c| if c == '\'' { '’' } else { c })
        .collect::<String>()
        .to_lowercase()
}

fn has(haystack: &str, needle: &str) -> bool {
    squashed(haystack).contains(&squashed(needle))
}

fn doc<'a>(docs: &'a [Inspected], stem: &str) -> &'a Inspected {
    docs.iter().find(|d| d.stem == stem).unwrap_or_else(|| panic!("no {stem}"))
}

/// Where a page's lines break what a reader in a panic must read whole: `e-CPS`, a number and
/// its unit (`72 heures`, `72 hours`), a phone number (`phones`) or a web address (`addresses`).
fn broken(doc: &Inspected, phones: &[String], addresses: &[&str]) -> Vec<String> {
    let plain = |l: &str| l.replace(['\u{a0}', '\u{202f}'], " ").replace('\u{200b}', "");
    let mut out = Vec::new();
    for page in &doc.pages {
        let lines: Vec<String> = page.lines.iter().map(|l| plain(l).trim().to_string()).collect();
        for pair in lines.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            if (a.ends_with("e-") || a.ends_with("e\u{2011}")) && b.starts_with("CPS") {
                out.push(format!("`{a}` / `{b}`"));
            }
            if a.split_whitespace().last().is_some_and(|w| w.chars().all(|c| c.is_ascii_digit()))
                && (b.starts_with("heures") || b.starts_with("hours"))
            {
                out.push(format!("`{a}` / `{b}`"));
            }
        }
        let text = plain(&lines.join("\n"));
        for whole in phones.iter().map(String::as_str).chain(addresses.iter().copied()) {
            let squashed: String = whole.chars().filter(|c| !c.is_whitespace()).collect();
            let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if flat.contains(&squashed) && !lines.iter().any(|l| l.contains(whole)) {
                out.push(format!("`{whole}` broken over two lines"));
            }
        }
    }
    out
}

/// The most pages each document may have.
fn max_pages(stem: &str) -> usize {
    match stem {
        "poster-a4" | "poster-a3" | "notice" => 1,
        "checklist" => 2,
        _ => 36,
    }
}

/// A participle or adjective after the workplace that does not agree with it: `l’officine est
/// fermé`. French only; `subject` is the workplace with its article.
fn disagreements(text: &str, subject: &str, feminine: bool) -> Vec<String> {
    let lower = text.to_lowercase();
    let subject = subject.to_lowercase();
    let mut out = Vec::new();
    for (at, _) in lower.match_indices(&subject) {
        let after = &lower[at + subject.len()..];
        let words: Vec<&str> = after
            .split(|c: char| c.is_whitespace())
            .filter(|w| !w.is_empty())
            .take(4)
            .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()))
            .collect();
        let participle = match words.as_slice() {
            [verb, "bien" | "toujours" | "déjà", word, ..] | [verb, word, ..]
                if ["est", "sont", "reste", "sera", "soit"].contains(verb) =>
            {
                *word
            }
            [modal, "être", word, ..] if ["peut", "doit"].contains(modal) => *word,
            _ => continue,
        };
        let masculine_form = participle.ends_with('é') || participle.ends_with("és");
        let feminine_form = participle.ends_with("ée") || participle.ends_with("ées");
        if (feminine && masculine_form) || (!feminine && feminine_form) {
            out.push(lower[at..].chars().take(60).collect());
        }
    }
    out
}

/// What the poster must say, whatever the kit: unplug, leave the computer on, the provider,
/// 17Cyber, the CNIL and its doubt rule, the complaint within 72 hours, never pay, 17/112/114.
fn poster_must_haves(lang: &str) -> &'static [&'static str] {
    if lang == "fr" {
        &[
            "Débranchez le réseau",
            "Laissez l’ordinateur allumé",
            "Appelez votre prestataire informatique",
            "17cyber.gouv.fr",
            "CNIL",
            "Dans le doute, notifiez",
            "Portez plainte sous 72 heures",
            "Ne payez pas",
            "Appelez le 17 ou le 112, ou envoyez un SMS au 114",
        ]
    } else {
        &[
            "Unplug the network",
            "Leave the computer on",
            "Call your IT provider",
            "17cyber.gouv.fr",
            "CNIL",
            "If in doubt, notify",
            "File a complaint within 72 hours",
            "Do not pay",
            "Call 17 or 112, or text 114",
        ]
    }
}

/// Lines written for a practice with appointments, which never print for a pharmacy or a lab.
const PRACTICE_ONLY: [&str; 6] = [
    "agenda papier",
    "paper diary",
    "Continuez à soigner",
    "Keep seeing patients",
    "Chez les kinésithérapeutes",
    "un patient ne peut pas écrire le premier à un soignant",
];

/// The notice's art. 13 items, by their headings.
fn notice_headings(lang: &str) -> &'static [&'static str] {
    if lang == "fr" {
        &[
            "Qui est responsable de vos données ?",
            "Nous écrire au sujet de vos données",
            "Pourquoi nous utilisons vos données",
            "Sur quelle base ?",
            "Qui reçoit vos données ?",
            "Vos données quittent-elles l’Europe ?",
            "Combien de temps nous les gardons",
            "Vos droits",
            "Une réclamation ?",
            "cnil.fr/fr/adresser-une-plainte",
            "Date de cette notice",
        ]
    } else {
        &[
            "Who is responsible for your data?",
            "Writing to us about your data",
            "Why we use your data",
            "On what basis?",
            "Who receives your data?",
            "Does your data leave Europe?",
            "How long we keep it",
            "Your rights",
            "A complaint?",
            "cnil.fr/fr/adresser-une-plainte",
            "Date of this notice",
        ]
    }
}

/// Every profession in every region, in both languages: a URPS's kit, which knows none of its
/// practices. On the poster, the notice and the checklist of each, and the booklet of each
/// profession (in one region) and of each region (for one profession): the workplace's
/// agreement, no practice-only line in a pharmacy's or a lab's kit, a CSIRT that can be reached
/// or the way to 17Cyber, the poster's must-haves, the notice's art. 13 items without an
/// audience line and without a claim for the practice, and each document within its pages.
#[test]
fn every_profession_in_every_region_prints_what_it_must() {
    let project = TestProject::with_content();
    let reference = std::fs::read_to_string(project.path().join("content/reference/regions.toml")).expect("regions");
    let regions: Vec<String> = reference
        .lines()
        .filter_map(|l| l.strip_prefix("slug = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    let professions_file =
        std::fs::read_to_string(project.path().join("content/reference/professions.toml")).expect("professions");
    let slugs: Vec<String> = professions_file
        .lines()
        .filter_map(|l| l.strip_prefix("slug = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    assert_eq!((slugs.len(), regions.len()), (10, 18), "ten professions, eighteen regions");
    let profiles: Vec<(String, String)> = slugs
        .iter()
        .flat_map(|p| {
            regions.iter().map(move |r| {
                (
                    format!("{p}-at-{r}"),
                    format!("profession = \"{p}\"\nregion = \"{r}\"\n[publisher]\nname = \"URPS\"\n"),
                )
            })
        })
        .collect();
    // The booklet is the long one: every profession's in one region without a reachable CSIRT,
    // and every region's for pharmacists.
    let booklet = |name: &str| name.ends_with("-at-auvergne-rhone-alpes") || name.starts_with("pharmaciens-at-");
    let (_, checked, laid_out) =
        lay_out(&profiles, |name, stem| !stem.starts_with("booklet") || stem == "booklet" && booklet(name));
    let mut faults = Vec::new();
    for profile in &checked {
        let name = profile.id.as_str();
        let workplace = &profile.profession.workplace;
        for lang in ["fr", "en"] {
            let docs = &laid_out[&(name.to_string(), lang.to_string())];
            let code = cyberkit::model::Lang::new(lang);
            let words = workplace.words.get(&code);
            for d in docs {
                if d.pages.len() > max_pages(&d.stem) {
                    faults.push(format!("{name}/{lang}/{}: {} pages", d.stem, d.pages.len()));
                }
                let t = text(d);
                if lang == "fr" {
                    for subject in [&words.the, &words.your] {
                        for bad in disagreements(&t, subject, words.grammar.feminine) {
                            faults.push(format!("{name}/{lang}/{}: `{bad}`", d.stem));
                        }
                    }
                }
                let phones: Vec<String> =
                    profile.csirt.iter().filter_map(|c| c.confirmed_phone()).map(|p| p.display.clone()).collect();
                let sites: Vec<&str> =
                    workplace.incident_duty.iter().map(|d| d.site.without_scheme().trim_end_matches('/')).collect();
                for fault in broken(d, &phones, &sites) {
                    faults.push(format!("{name}/{lang}/{}: {fault}", d.stem));
                }
                if workplace.id != "cabinet" {
                    for line in PRACTICE_ONLY.iter().filter(|l| has(&t, l)) {
                        faults.push(format!("{name}/{lang}/{}: a practice's line, `{line}`", d.stem));
                    }
                }
            }
            let poster = text(doc(docs, "poster-a4"));
            for must in poster_must_haves(lang) {
                if !has(&poster, must) {
                    faults.push(format!("{name}/{lang}/poster-a4: no `{must}`"));
                }
            }
            if !has(&poster, workplace.keep_working.get(&code)) {
                faults.push(format!("{name}/{lang}/poster-a4: not its workplace's way of working on"));
            }
            faults.extend(csirt_faults(profile, lang, docs).into_iter().map(|f| format!("{name}/{lang}/{f}")));
            faults.extend(
                notice_faults(profile, lang, doc(docs, "notice"))
                    .into_iter()
                    .map(|f| format!("{name}/{lang}/notice: {f}")),
            );
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

/// The CSIRT on the posters and the booklet: its name with a number or an address to reach it
/// by, or, without a confirmed one, the way to 17Cyber; never an unconfirmed number.
fn csirt_faults(profile: &Profile, lang: &str, docs: &[Inspected]) -> Vec<String> {
    let code = cyberkit::model::Lang::new(lang);
    let mut faults = Vec::new();
    let fallback = if lang == "fr" { "passez par 17Cyber" } else { "go through 17Cyber" };
    let csirt = profile.csirt.as_ref();
    let ways: Vec<String> = csirt
        .map(|c| {
            let phone = c.confirmed_phone().map(|p| p.display.clone());
            let site = c.confirmed_website().map(|w| {
                let typed = w.without_scheme().trim_end_matches('/').to_string();
                match &c.find {
                    Some(find) if typed.chars().count() > 40 => find.get(&code).clone(),
                    _ => typed,
                }
            });
            phone.into_iter().chain(site).collect()
        })
        .unwrap_or_default();
    for stem in ["poster-a4", "poster-a3", "booklet"] {
        let Some(d) = docs.iter().find(|d| d.stem == stem) else { continue };
        let t = text(d);
        let reached = if ways.is_empty() {
            has(&t, fallback)
        } else {
            csirt.is_some_and(|c| has(&t, c.name.get(&code))) && ways.iter().all(|w| has(&t, w))
        };
        if !reached {
            faults.push(format!("{stem}: the CSIRT cannot be reached ({ways:?})"));
        }
        if let Some(phone) = csirt.filter(|c| !c.is_confirmed(ContactField::Phone)).and_then(|c| c.phone.as_ref())
            && has(&t, &phone.display)
        {
            faults.push(format!("{stem}: prints the unconfirmed {}", phone.display));
        }
    }
    faults
}

/// The notice of a kit that knows none of its practices: every art. 13 item, no audience line,
/// no claim on the practice's behalf.
fn notice_faults(profile: &Profile, lang: &str, notice: &Inspected) -> Vec<String> {
    let code = cyberkit::model::Lang::new(lang);
    let mut faults = Vec::new();
    let t = text(notice);
    for heading in notice_headings(lang) {
        if !has(&t, heading) {
            faults.push(format!("no `{heading}`"));
        }
    }
    let many = &profile.profession.name.get(&code).many;
    let audience = if lang == "fr" { format!("Pour les {many}") } else { format!("For {many}") };
    if has(&t, &audience) {
        faults.push(format!("addressed to `{audience}`"));
    }
    let claim = if lang == "fr" { "ne transfère pas vos données" } else { "does not transfer your data" };
    if has(&t, claim) {
        faults.push(format!("claims `{claim}` for a practice it does not know"));
    }
    faults
}

/// A value of `n` characters in words of wide letters, as long as a real one can be: `WMWMWMW
/// MWMWMWM ...`.
fn wide(n: usize) -> String {
    let mut value: String = "Wémmaw Mwèmw ".chars().cycle().take(n).collect();
    if value.ends_with(' ') {
        value.pop();
        value.push('W');
    }
    value
}

/// An e-mail address of `n` characters.
fn wide_email(n: usize) -> String {
    let domain = "@mmwmw.fr";
    let mut local: String = "mwmwmwmw.".chars().cycle().take(n - domain.len()).collect();
    if local.ends_with('.') {
        local.pop();
        local.push('m');
    }
    format!("{local}{domain}")
}

/// A practice that fills in every value at its maximum (`cyberkit::limits`), with the widest
/// letters, every switch on, and as many recipients as the notice takes.
fn at_maximum(profession: &str) -> String {
    let max = |table: &str, key: &str| cyberkit::limits::max_chars(table, key).expect("a limit");
    let text = |table: &str, key: &str| format!("{key} = \"{}\"", wide(max(table, key)));
    let email = |table: &str, key: &str| format!("{key} = \"{}\"", wide_email(max(table, key)));
    let recipients: Vec<String> =
        (0..cyberkit::limits::MAX_RECIPIENTS).map(|_| format!("\"{}\"", wide(max("privacy", "recipients")))).collect();
    [
        format!("profession = \"{profession}\"\nregion = \"pays-de-la-loire\"\n[publisher]"),
        text("publisher", "name"),
        "colour = \"#0b5394\"\nwebsite = \"https://www.urps-exemple.example\"\n[practice]".to_string(),
        text("practice", "name"),
        text("practice", "address"),
        "phone = \"02 61 91 20 10\"".to_string(),
        email("practice", "email"),
        text("practice", "contact_person"),
        "[it_provider]".to_string(),
        text("it_provider", "name"),
        "phone = \"02 61 91 45 67\"".to_string(),
        email("it_provider", "email"),
        text("it_provider", "contract"),
        "[insurer]".to_string(),
        text("insurer", "name"),
        "phone = \"02 61 91 30 30\"".to_string(),
        text("insurer", "contract"),
        "[software]".to_string(),
        text("software", "name"),
        "phone = \"02 61 91 55 00\"".to_string(),
        "[privacy]".to_string(),
        text("privacy", "controller"),
        email("privacy", "rights_email"),
        text("privacy", "rights_address"),
        text("privacy", "dpo_name"),
        email("privacy", "dpo_email"),
        text("privacy", "booking_platform"),
        text("privacy", "software_host"),
        format!("recipients = [{}]", recipients.join(", ")),
        format!("retention = {{ fr = \"{0}\", en = \"{0}\" }}", wide(max("privacy", "retention"))),
        "online_booking = true\ntelehealth = true\ndmp = true\ntransfers_outside_eu = true".to_string(),
        "[site]\nbase_url = \"https://kits.urps-exemple.example/cabinet-aux-valeurs-les-plus-longues/\"".to_string(),
    ]
    .join("\n")
}

/// Every document of every profession, in both languages, fits its pages with every value at
/// its maximum, the widest letters included, and with no value at all; nothing comes within
/// 12 mm of the paper's edge; the poster still shows the provider's number as its largest figure.
#[test]
fn every_document_fits_with_every_value_at_its_maximum_and_with_none() {
    let project = TestProject::with_content();
    let professions_file =
        std::fs::read_to_string(project.path().join("content/reference/professions.toml")).expect("professions");
    let slugs: Vec<String> = professions_file
        .lines()
        .filter_map(|l| l.strip_prefix("slug = \""))
        .map(|l| l.trim_end_matches('"').to_string())
        .collect();
    let mut profiles = Vec::new();
    for slug in &slugs {
        profiles.push((format!("{slug}-max"), at_maximum(slug)));
        profiles.push((format!("{slug}-empty"), format!("profession = \"{slug}\"\nregion = \"mayotte\"\n")));
    }
    let (_, checked, laid_out) = lay_out(&profiles, |_, stem| !stem.starts_with("booklet-"));
    let mut faults = Vec::new();
    for profile in &checked {
        for lang in ["fr", "en"] {
            let docs = &laid_out[&(profile.id.clone(), lang.to_string())];
            let phones: Vec<String> = ["02 61 91 20 10", "02 61 91 45 67", "02 61 91 30 30", "02 61 91 55 00"]
                .into_iter()
                .map(str::to_string)
                .chain(profile.csirt.iter().filter_map(|c| c.confirmed_phone()).map(|p| p.display.clone()))
                .collect();
            for d in docs {
                // A booklet whose every page keeps room for a five-line footer (the longest names)
                // takes a sheet more.
                let most = if d.stem == "booklet" && profile.id.ends_with("-max") { 40 } else { max_pages(&d.stem) };
                if d.pages.len() > most || (d.stem == "booklet" && d.pages.len() % 4 != 0) {
                    faults.push(format!("{}/{lang}/{}: {} pages", profile.id, d.stem, d.pages.len()));
                }
                for fault in broken(d, &phones, &[]) {
                    faults.push(format!("{}/{lang}/{}: {fault}", profile.id, d.stem));
                }
                for (i, page) in d.pages.iter().enumerate() {
                    if let Some([left, top, right, bottom]) = page.text_bounds_mm {
                        let margin = left.min(top).min(page.width_mm - right).min(page.height_mm - bottom);
                        if margin < 12.0 - 0.05 {
                            faults.push(format!(
                                "{}/{lang}/{} page {}: text {margin:.1} mm from the edge",
                                profile.id,
                                d.stem,
                                i + 1
                            ));
                        }
                    }
                }
                // Text stays legible: nothing under 9 pt on A4 but the footer's small print, 7 and
                // 7.5 pt by design.
                if d.stem == "notice" || d.stem == "checklist" || d.stem == "poster-a4" {
                    let small = |size: f64| size < 9.0 - 0.01 && (size - 7.0).abs() > 0.01 && (size - 7.5).abs() > 0.01;
                    for page in &d.pages {
                        if let Some((size, run)) =
                            page.runs.iter().find(|(size, run)| small(*size) && !run.trim().is_empty())
                        {
                            faults.push(format!("{}/{lang}/{}: `{run}` at {size:.1} pt", profile.id, d.stem));
                        }
                    }
                }
            }
            if profile.id.ends_with("-max") {
                let poster = doc(docs, "poster-a4");
                // The largest figure: of the runs with a digit (the headline is larger, in words).
                let largest = poster.pages[0]
                    .runs
                    .iter()
                    .filter(|(_, r)| r.chars().any(|c| c.is_ascii_digit()))
                    .map(|(s, _)| *s)
                    .fold(0.0, f64::max);
                let provider =
                    poster.pages[0].runs.iter().find(|(_, r)| r.replace('\u{a0}', " ").contains("02 61 91 45 67"));
                match provider {
                    Some((size, _)) if (*size - largest).abs() < 0.01 => {}
                    other => faults.push(format!(
                        "{}/{lang}/poster-a4: the provider's number at {other:?}, the largest at {largest}",
                        profile.id
                    )),
                }
            }
        }
    }
    assert!(faults.is_empty(), "{} faults:\n{}", faults.len(), faults.join("\n"));
}

/// Each maximum is written once (`cyberkit::limits`) and given where a user looks for it: the
/// README's profile section and `cyberkit new`'s comments (the personaliser's `maxlength` is
/// checked in Chromium by scripts/check-personaliser.mjs).
#[test]
fn the_readme_and_the_starter_profile_give_every_maximum() {
    let readme = std::fs::read_to_string(crate::common::repo().join("README.md")).expect("the README");
    let project = TestProject::with_content();
    let output = project.run(&["new", "cabinet", "--profession", "infirmiers", "--region", "bretagne"]);
    assert_eq!(output.status.code(), Some(0), "{}", crate::common::stderr(&output));
    let starter = project.read("profiles/cabinet.toml");
    for limit in &cyberkit::limits::LIMITS {
        let row = readme
            .lines()
            .find(|l| l.starts_with('|') && l.contains(&format!("`[{}]`", limit.table)))
            .unwrap_or_else(|| panic!("no README row for [{}]", limit.table));
        assert!(row.contains(&format!("{} {}", limit.key, limit.max)), "README: {limit:?} in `{row}`");
        let line = starter
            .lines()
            .find(|l| l.starts_with(&format!("#   [{}] ", limit.table)))
            .unwrap_or_else(|| panic!("no starter line for [{}]", limit.table));
        assert!(line.contains(&format!("{} {}", limit.key, limit.max)), "starter: {limit:?} in `{line}`");
    }
}
