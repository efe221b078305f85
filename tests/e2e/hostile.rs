//! The hostile-input corpus: `cyberkit build` on inputs made to break it. Each case under
//! `tests/fixtures/hostile/<case>/` holds files laid over a copy of the real content (see
//! `TestProject::apply_case`), optionally `args.txt` (the command line, one argument per line;
//! `build` by default), and `expected.txt`:
//!
//! ```text
//! exit: 0                                   the exit code
//! error: profiles/x.toml:3:8: ...           the exact diagnostics, as `check.rs` compares them
//! ---
//! html fr/index.html: Cabinet <script>      the page's text, as a browser parses it, holds this
//! pdf fr/poster-a4: Cabinet <script>        the document's laid-out text holds this
//! pages fr/poster-a4: 1                     the document has this many pages
//! file print/fr/notice.pdf                  this file of the kit exists
//! ```
//!
//! Every case also checks what must hold whatever the input: no panic; an answer within
//! [`TIME_LIMIT`]; when the build fails, the previous output is byte for byte as it was; when it
//! succeeds, no page of the kit has a script, an event-handler attribute or a `javascript:` link.
//!
//! `BLESS=1 cargo test --test e2e hostile::` rewrites the part of `expected.txt` above `---`; the
//! assertions below it are written by hand.

use crate::common;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::common::{TestProject, diagnostics};
use cyberkit::project::Project;

/// A case that takes longer has hung: a release build of one kit takes a fraction of a second,
/// and a debug one about two, even with the other tests running.
const TIME_LIMIT: Duration = Duration::from_secs(30);

/// What the previous build left in `output/`, before the case runs: a kit of the case's own
/// profile and another kit, which a failed build must not touch.
const EARLIER: [(&str, &str); 3] = [
    ("output/hostile/fr/index.html", "<!doctype html><title>earlier build</title>"),
    ("output/hostile/manifest.json", "{\"earlier\": true}"),
    ("output/other-kit/fr/index.html", "<!doctype html><title>another kit</title>"),
];

struct Outcome {
    report: String,
    failures: Vec<String>,
    elapsed: Duration,
}

fn run_case(case: &Path) -> Outcome {
    let project = TestProject::with_content();
    for (path, text) in EARLIER {
        project.write(path, text);
    }
    project.apply_case(case);
    let args: Vec<String> = match std::fs::read_to_string(case.join("args.txt")) {
        Ok(text) => text.lines().filter(|l| !l.is_empty()).map(str::to_string).collect(),
        Err(_) => vec!["build".to_string()],
    };
    let before = common::files_under(&project.path().join("output"));
    let (code, stderr, elapsed) = run_with_limit(project.path(), &args);
    let mut failures = Vec::new();
    if stderr.contains("panicked") || stderr.contains("internal error") {
        failures.push(format!("it panicked:\n{stderr}"));
    }
    if elapsed > TIME_LIMIT {
        failures.push(format!("it took {elapsed:?}"));
    }
    let report = format!("exit: {}\n{}", code.map_or("none".to_string(), |c| c.to_string()), diagnostics(&stderr));
    if code == Some(0) {
        let kit = project.path().join("output").join(profile_name(&project));
        failures.extend(unsafe_pages(&kit));
        let other = project.path().join("output/other-kit/fr/index.html");
        if std::fs::read_to_string(other).ok().as_deref() != Some(EARLIER[2].1) {
            failures.push("the build touched another kit".to_string());
        }
    } else {
        let after = common::files_under(&project.path().join("output"));
        if after != before {
            failures.push(format!("the failed build changed output/: {:?}", changed(&before, &after)));
        }
    }
    let expected = std::fs::read_to_string(case.join("expected.txt")).unwrap_or_default();
    if let Some((_, assertions)) = expected.split_once("\n---\n") {
        failures.extend(check_assertions(&project, assertions));
    }
    Outcome { report, failures, elapsed }
}

/// Runs the binary, killing it when it overruns the time limit.
fn run_with_limit(dir: &Path, args: &[String]) -> (Option<i32>, String, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberkit"))
        .args(args)
        .current_dir(dir)
        .env("SOURCE_DATE_EPOCH", common::SOURCE_DATE_EPOCH)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start cyberkit");
    // Read stderr on its own thread so that a chatty child never blocks on a full pipe.
    let mut pipe = child.stderr.take().expect("stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut pipe, &mut text).ok();
        text
    });
    let code = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status.code();
        }
        if start.elapsed() > TIME_LIMIT {
            child.kill().ok();
            child.wait().ok();
            break None;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    let elapsed = start.elapsed();
    (code, reader.join().unwrap_or_default(), elapsed)
}

/// The one profile a case builds: the first `.toml` in its `profiles/`.
fn profile_name(project: &TestProject) -> String {
    let mut names: Vec<String> = std::fs::read_dir(project.path().join("profiles"))
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .filter_map(|e| e.file_name().to_str()?.strip_suffix(".toml").map(str::to_string))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names.into_iter().next().unwrap_or_default()
}

fn changed(before: &BTreeMap<PathBuf, Vec<u8>>, after: &BTreeMap<PathBuf, Vec<u8>>) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> =
        before.keys().chain(after.keys()).filter(|p| before.get(*p) != after.get(*p)).cloned().collect();
    paths.dedup();
    paths
}

/// What no page of a kit may hold, whatever a profile says: a script element (but the
/// personaliser page's own, its module from the shared folder), an event-handler attribute, a
/// `javascript:` or `data:` link.
fn unsafe_pages(kit: &Path) -> Vec<String> {
    let mut problems = Vec::new();
    let any = scraper::Selector::parse("*").expect("selector");
    for (path, bytes) in common::files_under(kit) {
        if path.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = scraper::Html::parse_document(&String::from_utf8_lossy(&bytes));
        for element in page.select(&any) {
            let name = element.value().name();
            let own_script = name == "script"
                && path.ends_with("personalise.html")
                && element.value().attr("src") == Some("../../personaliser/personalise.js")
                && element.text().next().is_none();
            if matches!(name, "script" | "iframe" | "object" | "embed") && !own_script {
                problems.push(format!("{}: a <{name}> element", path.display()));
            }
            for (attr, value) in element.value().attrs() {
                let value = value.trim_start().to_ascii_lowercase();
                if attr.starts_with("on") || value.starts_with("javascript:") || value.starts_with("data:") {
                    problems.push(format!("{}: <{name} {attr}=\"{value}\">", path.display()));
                }
            }
        }
    }
    problems
}

fn check_assertions(project: &TestProject, assertions: &str) -> Vec<String> {
    let kit = project.path().join("output").join(profile_name(project));
    let mut failures = Vec::new();
    let mut laid_out: BTreeMap<String, Vec<LaidOut>> = BTreeMap::new();
    for line in assertions.lines().filter(|l| !l.trim().is_empty()) {
        // `what target: value`, or `file target`.
        let (head, value) = line.split_once(": ").unwrap_or((line, ""));
        let (what, target) = head.split_once(' ').unwrap_or((head, ""));
        // A print document, `fr/poster-a4`, as laid out (once per language).
        let mut document = |target: &str| {
            let (lang, stem) = target.split_once('/').unwrap_or(("fr", target));
            let docs = laid_out.entry(lang.to_string()).or_insert_with(|| lay_out(project, lang));
            docs.iter().find(|d| d.stem == stem).map(|d| (d.text.clone(), d.pages))
        };
        match what {
            "html" => {
                let shown = std::fs::read_to_string(kit.join(target)).map(|html| page_text(&html)).unwrap_or_default();
                if !shown.contains(&normalise(value)) {
                    failures.push(format!("{target} does not show `{value}`:\n{shown}"));
                }
            }
            "pdf" => {
                let shown = document(target).map(|(text, _)| text).unwrap_or_default();
                if !shown.contains(&normalise(value)) {
                    failures.push(format!("{target} does not show `{value}`:\n{shown}"));
                }
            }
            "pages" => {
                let pages = document(target).map(|(_, pages)| pages.to_string()).unwrap_or_default();
                if pages != value {
                    failures.push(format!("{target} has {pages} pages, not {value}"));
                }
            }
            "file" if !kit.join(target).is_file() => failures.push(format!("no file {target}")),
            "file" => {}
            _ => failures.push(format!("bad assertion `{line}`")),
        }
    }
    failures
}

/// A page's text as a browser parses it, its `<title>` included, with white space collapsed.
fn page_text(html: &str) -> String {
    let page = scraper::Html::parse_document(html);
    normalise(&page.root_element().text().collect::<Vec<_>>().join(" "))
}

/// White space collapsed, the no-break spaces and the zero-width break points of long values
/// taken as what they stand for.
fn normalise(text: &str) -> String {
    let text = text.replace('\u{200b}', "");
    text.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

/// A print document as laid out: its text, white space collapsed, and its number of pages.
struct LaidOut {
    stem: String,
    text: String,
    pages: usize,
}

/// The kit's print documents in one language, laid out in the process.
fn lay_out(project: &TestProject, lang: &str) -> Vec<LaidOut> {
    let project_files = Project::new(project.path());
    let Ok(docs) = common::laid_out(&project_files, &profile_name(project), lang, None) else { return Vec::new() };
    docs.into_iter()
        .map(|d| {
            // A line's last word keeps its space; a word broken at a line end does not.
            let text: String = d.pages.iter().map(|p| p.text.replace('\n', "")).collect::<Vec<_>>().join(" ");
            LaidOut { pages: d.pages.len(), stem: d.stem, text: normalise(&text) }
        })
        .collect()
}

#[test]
fn hostile_inputs_are_refused_clearly_or_printed_as_written() {
    let root = common::repo().join("tests/fixtures/hostile");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&root).expect("cases").map(|e| e.expect("entry").path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    let bless = std::env::var_os("BLESS").is_some();
    // Two cases at a time: each is mostly one process of its own.
    let chunks: Vec<Vec<PathBuf>> = (0..2).map(|i| cases.iter().skip(i).step_by(2).cloned().collect()).collect();
    let outcomes: Vec<(PathBuf, Outcome)> = std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .iter()
            .map(|chunk| scope.spawn(move || chunk.iter().map(|c| (c.clone(), run_case(c))).collect::<Vec<_>>()))
            .collect();
        handles.into_iter().flat_map(|h| h.join().expect("a worker")).collect()
    });
    let mut failures = Vec::new();
    let mut slowest = (Duration::ZERO, PathBuf::new());
    for (case, outcome) in &outcomes {
        let expected_path = case.join("expected.txt");
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        let (expected_report, assertions) = match expected.split_once("\n---\n") {
            Some((report, assertions)) => (format!("{report}\n"), Some(assertions)),
            None => (expected.clone(), None),
        };
        if bless {
            let text = match assertions {
                Some(a) => format!("{}---\n{a}", outcome.report),
                None => outcome.report.clone(),
            };
            std::fs::write(&expected_path, text).expect("write expected");
        } else if outcome.report != expected_report {
            failures.push(format!("--- {}\nexpected:\n{expected_report}\ngot:\n{}", case.display(), outcome.report));
        }
        for f in &outcome.failures {
            failures.push(format!("--- {}: {f}", case.display()));
        }
        if outcome.elapsed > slowest.0 {
            slowest = (outcome.elapsed, case.clone());
        }
    }
    eprintln!("{} hostile cases; the slowest, {}, took {:?}", outcomes.len(), slowest.1.display(), slowest.0);
    assert!(outcomes.len() >= 40, "only {} cases", outcomes.len());
    assert!(failures.is_empty(), "{} problems:\n{}", failures.len(), failures.join("\n"));
}
