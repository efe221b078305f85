//! `cyberkit serve` on the real binary, at a port the system gives: a page fetched with its media
//! type and the live-reload script; a module edited, the reload event, the page changed; a
//! profile broken, the diagnostic in an errors event; fixed, a reload; `..` in every spelling
//! refused; Ctrl-C stops it and removes its folder. Every wait is bounded.

use std::io::{BufRead as _, BufReader, Read as _, Write as _};
use std::net::TcpStream;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::{SOURCE_DATE_EPOCH, TestProject};

/// The longest any step may take: a build of a kit in a debug binary on a busy machine.
const PATIENCE: Duration = Duration::from_secs(90);

/// A running `cyberkit serve`, stopped when dropped.
struct Served {
    child: Child,
    address: String,
    folder: PathBuf,
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(project: &TestProject, profiles: &[&str]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberkit"))
        .args(["serve", "--port", "0"])
        .args(profiles)
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run cyberkit serve");
    let (tx, rx) = mpsc::channel();
    let stdout = child.stdout.take().expect("its output");
    let stderr = child.stderr.take().expect("its messages");
    let lines = tx.clone();
    std::thread::spawn(move || BufReader::new(stdout).lines().map_while(Result::ok).for_each(|l| drop(lines.send(l))));
    std::thread::spawn(move || BufReader::new(stderr).lines().map_while(Result::ok).for_each(|l| drop(tx.send(l))));
    let (mut address, mut folder) = (None, None);
    let deadline = Instant::now() + PATIENCE;
    while address.is_none() || folder.is_none() {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the server's address");
        if let Some(rest) = line.strip_prefix("http://") {
            address = Some(rest.trim_end_matches('/').to_string());
        } else if let Some(rest) = line.strip_prefix("serving the kits from ") {
            folder = Some(PathBuf::from(rest.trim_end_matches(" (Ctrl-C to stop)")));
        }
    }
    Served { child, address: address.expect("an address"), folder: folder.expect("a folder") }
}

/// A raw request, as a client sends it, not as a library would tidy it: its status, media type
/// and body.
fn get(address: &str, path: &str) -> (u16, String, String) {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n").expect("send");
    let mut response = Vec::new();
    stream.read_to_end(&mut response).expect("an answer");
    let text = String::from_utf8_lossy(&response).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let media = head
        .lines()
        .find_map(|l| l.to_ascii_lowercase().strip_prefix("content-type: ").map(str::to_string))
        .unwrap_or_default();
    (status, media, body.to_string())
}

/// The page's side of the live reload: the events stream.
fn events(address: &str) -> BufReader<TcpStream> {
    let mut stream = TcpStream::connect(address).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("a timeout");
    write!(stream, "GET /__cyberkit/events HTTP/1.1\r\nHost: {address}\r\n\r\n").expect("send");
    let mut reader = BufReader::new(stream);
    let mut line = String::new();
    while reader.read_line(&mut line).expect("the stream's head") > 0 && line != "\r\n" {
        line.clear();
    }
    reader
}

/// The next event of a stream (its name and data), comments skipped.
fn next_event(reader: &mut BufReader<TcpStream>) -> (String, String) {
    let (mut name, mut data) = (String::new(), String::new());
    loop {
        let mut line = String::new();
        assert!(reader.read_line(&mut line).expect("an event in time") > 0, "the stream ended");
        let line = line.trim_end_matches(['\r', '\n']);
        if let Some(rest) = line.strip_prefix("event: ") {
            name = rest.to_string();
        } else if let Some(rest) = line.strip_prefix("data: ") {
            data = rest.to_string();
        } else if line.is_empty() && !name.is_empty() {
            return (name, data);
        }
    }
}

#[test]
fn serve_previews_the_kits_reloads_on_a_change_and_shows_the_errors() {
    let project = TestProject::with_examples();
    let served = serve(&project, &["cabinet-minimal"]);
    let address = served.address.clone();
    assert!(served.folder.join("cabinet-minimal/en/index.html").is_file(), "built into its own folder");
    assert!(!project.path().join("output").exists(), "not into output/");

    let (status, media, page) = get(&address, "/cabinet-minimal/en/index.html");
    assert_eq!((status, media.as_str()), (200, "text/html; charset=utf-8"));
    assert!(page.contains("<script src=\"/__cyberkit/live.js\" defer></script>"), "{page}");
    let built = std::fs::read_to_string(served.folder.join("cabinet-minimal/en/index.html")).expect("the file");
    assert!(!built.contains("__cyberkit"), "the script is the server's, not the file's");
    assert_eq!(get(&address, "/personaliser/cyberkit_web_bg.wasm").1, "application/wasm");
    assert_eq!(get(&address, "/__cyberkit/live.js").0, 200);
    for path in
        ["/../Cargo.toml", "/%2e%2e/Cargo.toml", "/%2E%2E%2FCargo.toml", "/..%2fCargo.toml", "/a/../../Cargo.toml"]
    {
        assert_eq!(get(&address, path).0, 404, "{path}");
    }

    // A module edited: the open page is told to reload, and gets the new text.
    let mut page_events = events(&address);
    let module = "content/modules/passwords.en.md";
    let text = project.read(module);
    let title =
        text.lines().find_map(|l| l.strip_prefix("title = \"")).expect("a title").trim_end_matches('"').to_string();
    project.write(module, text.replacen(&title, "Passwords, edited live", 1));
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert!(get(&address, "/cabinet-minimal/en/modules/passwords.html").2.contains("Passwords, edited live"));

    // A profile broken: its diagnostic, where and what, in the page; a page opened now sees it
    // at once; the last good kit is still served.
    let profile = project.read("profiles/cabinet-minimal.toml");
    project.write("profiles/cabinet-minimal.toml", profile.replace("region = \"mayotte\"", "region = \"atlantis\""));
    let (name, data) = next_event(&mut page_events);
    assert_eq!(name, "errors");
    assert!(data.contains("profiles/cabinet-minimal.toml:") && data.contains("atlantis"), "{data}");
    assert_eq!(next_event(&mut events(&address)).0, "errors");
    assert_eq!(get(&address, "/cabinet-minimal/en/index.html").0, 200);
    // Fixed: a reload.
    project.write("profiles/cabinet-minimal.toml", profile);
    assert_eq!(next_event(&mut page_events).0, "reload");

    // Ctrl-C: it stops, and its folder is gone.
    let mut served = served;
    let pid = served.child.id().to_string();
    assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
    let deadline = Instant::now() + PATIENCE;
    let status = loop {
        if let Some(status) = served.child.try_wait().expect("its status") {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        std::thread::sleep(Duration::from_millis(50));
    };
    assert!(status.success(), "{status}");
    assert!(!served.folder.exists(), "{} is left", served.folder.display());
}

/// Serving every profile, a new one appears and a deleted one disappears, each after a reload.
#[test]
fn serve_follows_the_profiles_that_come_and_go() {
    let project = TestProject::with_content();
    let profile = "profession = \"sages-femmes\"\nregion = \"mayotte\"\nlanguages = [\"en\"]\n";
    project.write("profiles/first.toml", profile);
    let served = serve(&project, &[]);
    let address = served.address.clone();
    assert_eq!(get(&address, "/first/en/index.html").0, 200);
    let mut page_events = events(&address);
    project.write("profiles/second.toml", profile);
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert_eq!(get(&address, "/second/en/index.html").0, 200);
    assert!(get(&address, "/").2.contains("href=\"second&#x2F;index.html\""), "the kits' index lists it");
    std::fs::remove_file(project.path().join("profiles/first.toml")).expect("delete a profile");
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert_eq!(get(&address, "/first/en/index.html").0, 404);
    assert!(!get(&address, "/").2.contains("first&#x2F;"), "the kits' index forgets it");
    assert_eq!(get(&address, "/second/en/index.html").0, 200);
}
