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
    /// What it printed before its address and folder.
    early: Vec<String>,
    /// What it prints, line by line, from the line after its address and folder.
    lines: mpsc::Receiver<String>,
}

impl Served {
    /// Ctrl-C, and its exit status.
    fn interrupt(&mut self) -> std::process::ExitStatus {
        let pid = self.child.id().to_string();
        assert!(Command::new("kill").args(["-INT", &pid]).status().expect("kill").success());
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Some(status) = self.child.try_wait().expect("its status") {
                return status;
            }
            assert!(Instant::now() < deadline, "still running after Ctrl-C");
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// The lines it prints within `wait` that `wanted` keeps.
    fn lines_within(&self, wait: Duration, wanted: impl Fn(&str) -> bool) -> Vec<String> {
        let deadline = Instant::now() + wait;
        let mut out = Vec::new();
        while let Ok(line) = self.lines.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            if wanted(&line) {
                out.push(line);
            }
        }
        out
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve(project: &TestProject, profiles: &[&str]) -> Served {
    serve_with(project, &["--port", "0"], profiles, &[])
}

/// `cyberkit serve` with `options`, serving `profiles`, with `env` besides.
fn serve_with(project: &TestProject, options: &[&str], profiles: &[&str], env: &[(&str, &str)]) -> Served {
    let mut child = Command::new(env!("CARGO_BIN_EXE_cyberkit"))
        .arg("serve")
        .args(options)
        .args(profiles)
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .envs(env.iter().copied())
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
    let (mut address, mut folder, mut early) = (None, None, Vec::new());
    let deadline = Instant::now() + PATIENCE;
    while address.is_none() || folder.is_none() {
        let line = rx.recv_timeout(deadline.saturating_duration_since(Instant::now())).expect("the server's address");
        if let Some(rest) = line.strip_prefix("http://") {
            address = Some(rest.trim_end_matches('/').to_string());
        } else if let Some(rest) = line.strip_prefix("serving the kits from ") {
            folder = Some(PathBuf::from(rest.trim_end_matches(" (Ctrl-C to stop)")));
        } else {
            early.push(line);
        }
    }
    Served { child, address: address.expect("an address"), folder: folder.expect("a folder"), early, lines: rx }
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
    // The stream's keep-alive comments come more often than the read's timeout.
    let deadline = Instant::now() + PATIENCE;
    loop {
        assert!(Instant::now() < deadline, "no event in time");
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
    // What it serves is what `build` writes, byte for byte, after a rebuild as at first.
    let output = project.run(&["build", "--out", "built", "cabinet-minimal"]);
    assert_eq!(output.status.code(), Some(0), "{}", crate::common::stderr(&output));
    assert!(
        crate::common::files_under(&served.folder) == crate::common::files_under(&project.path().join("built")),
        "the preview's folder differs from a build's"
    );

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
    let status = served.interrupt();
    assert!(status.success(), "{status}");
    assert!(!served.folder.exists(), "{} is left", served.folder.display());
}

/// Serving every profile, a new one appears, an edited one is built again alone, and a deleted
/// one disappears, each after a reload.
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
    // A profile edited: its kit alone is built again.
    let modified = |kit: &str| {
        let page = served.folder.join(format!("{kit}/en/index.html"));
        std::fs::metadata(page).and_then(|m| m.modified()).expect("a built page")
    };
    let (first, second) = (modified("first"), modified("second"));
    project.write("profiles/second.toml", profile.replace("mayotte", "corse"));
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert_eq!(modified("first"), first, "the other kit is left as it was");
    assert_ne!(modified("second"), second, "the edited profile's kit is built again");
    std::fs::remove_file(project.path().join("profiles/first.toml")).expect("delete a profile");
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert_eq!(get(&address, "/first/en/index.html").0, 404);
    assert!(!get(&address, "/").2.contains("first&#x2F;"), "the kits' index forgets it");
    assert_eq!(get(&address, "/second/en/index.html").0, 200);
}

/// A save by rename (the new text written to a temporary file beside the module, then renamed
/// over it, as many editors save) and a checkout of several files at once each give one
/// rebuild and one reload, with the system's change events and with `--poll` alike; an editor's
/// swap file changes no kit and reloads nothing.
#[test]
fn a_save_by_rename_or_a_checkout_gives_one_rebuild_with_events_or_polling() {
    for options in [&["--port", "0"][..], &["--port", "0", "--poll"]] {
        let project = TestProject::with_examples();
        let served = serve_with(&project, options, &["cabinet-minimal"], &[]);
        let address = served.address.clone();
        // Without `--poll`, the system's change events: no warning that it looks instead.
        let mut fallback = served.lines_within(Duration::from_millis(300), |l| l.contains("as `--poll` does"));
        fallback.extend(served.early.iter().filter(|l| l.contains("as `--poll` does")).cloned());
        assert_eq!(fallback, Vec::<String>::new(), "{options:?}");
        let mut page_events = events(&address);

        let module = "content/modules/passwords.en.md";
        let text = project.read(module);
        project.write("content/modules/.passwords.en.md.tmp", text.replacen("title = \"", "title = \"Renamed: ", 1));
        std::fs::rename(project.path().join("content/modules/.passwords.en.md.tmp"), project.path().join(module))
            .expect("rename over the module");
        assert_eq!(next_event(&mut page_events).0, "reload", "{options:?}");
        assert!(get(&address, "/cabinet-minimal/en/modules/passwords.html").2.contains("Renamed: "), "{options:?}");
        let builds = served.lines_within(Duration::from_millis(500), |l| l.starts_with("built;"));
        assert_eq!(builds.len(), 1, "{options:?}: one rebuild for the save by rename");

        // Several modules at once, as `git checkout` writes them.
        for name in ["backups", "wifi", "updates-antivirus"] {
            let path = format!("content/modules/{name}.en.md");
            let text = project.read(&path);
            project.write(&path, text.replacen("title = \"", "title = \"Checked out: ", 1));
        }
        assert_eq!(next_event(&mut page_events).0, "reload", "{options:?}");
        // An editor's swap file beside them: no kit reads it.
        project.write("content/modules/.wifi.en.md.swp", "b0VIM 9.0");
        let builds = served.lines_within(Duration::from_secs(2), |l| l.starts_with("built;") || l == "no kit changed");
        assert_eq!(
            builds,
            ["built; the open pages reload"],
            "{options:?}: one rebuild for the checkout, none for the swap"
        );
        for name in ["backups", "wifi", "updates-antivirus"] {
            let page = get(&address, &format!("/cabinet-minimal/en/modules/{name}.html")).2;
            assert!(page.contains("Checked out: "), "{options:?}: {name}");
        }
    }
}

/// A port asked for that is taken: a clear error. None asked for, 8080 taken: the next free
/// one.
#[test]
fn a_taken_port_is_an_error_when_asked_for_and_skipped_otherwise() {
    let project = TestProject::with_examples();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").expect("a port");
    let port = taken.local_addr().expect("its address").port().to_string();
    let out = Command::new(env!("CARGO_BIN_EXE_cyberkit"))
        .args(["serve", "--port", &port, "cabinet-minimal"])
        .current_dir(project.path())
        .env("SOURCE_DATE_EPOCH", SOURCE_DATE_EPOCH)
        .output()
        .expect("run cyberkit serve");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // The system refused the port: an I/O failure, exit 2.
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains(&format!("cannot serve on 127.0.0.1:{port}")) && stderr.contains("--port"), "{stderr}");

    // 8080 held here (or by someone else): serve takes the next free port after it.
    let _held = std::net::TcpListener::bind("127.0.0.1:8080");
    let served = serve_with(&project, &[], &["cabinet-minimal"], &[]);
    let port: u16 = served.address.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port");
    assert!((8081..8100).contains(&port), "{}", served.address);
    assert_eq!(get(&served.address, "/cabinet-minimal/en/index.html").0, 200);
}

/// Clients that send garbage, stop halfway through a request, or leave the events stream do not
/// stop the server.
#[test]
fn garbage_and_clients_that_leave_do_not_stop_the_server() {
    let project = TestProject::with_examples();
    let served = serve(&project, &["cabinet-minimal"]);
    let address = served.address.clone();
    for garbage in [
        &b"\x00\xff\xfe garbage\r\n\r\n"[..],
        b"GET",
        b"GET /\r\nHost",
        b"POST / HTTP/1.1\r\nContent-Length: 99999\r\n\r\nx",
    ] {
        let mut stream = TcpStream::connect(&address).expect("connect");
        stream.set_read_timeout(Some(Duration::from_secs(5))).expect("a timeout");
        let _ = stream.write_all(garbage);
        let _ = stream.shutdown(std::net::Shutdown::Write);
        let mut answer = Vec::new();
        let _ = stream.read_to_end(&mut answer);
    }
    // A page that leaves while its events stream is open, then a rebuild that writes to it.
    drop(events(&address));
    let mut page_events = events(&address);
    let profile = project.read("profiles/cabinet-minimal.toml");
    project.write("profiles/cabinet-minimal.toml", profile.replace("region = \"mayotte\"", "region = \"corse\""));
    assert_eq!(next_event(&mut page_events).0, "reload");
    assert_eq!(get(&address, "/cabinet-minimal/en/index.html").0, 200);
}

/// `--open` hands the address to the system's browser opener (here a stand-in on the `PATH`).
#[cfg(target_os = "linux")]
#[test]
fn open_hands_the_address_to_the_browser() {
    let project = TestProject::with_examples();
    let bin = project.path().join("bin");
    std::fs::create_dir_all(&bin).expect("a bin folder");
    let opened = project.path().join("opened.txt");
    let stand_in = bin.join("xdg-open");
    std::fs::write(&stand_in, format!("#!/bin/sh\necho \"$@\" > {}\n", opened.display())).expect("the opener");
    std::fs::set_permissions(&stand_in, std::os::unix::fs::PermissionsExt::from_mode(0o755)).expect("executable");
    let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default());
    let served = serve_with(&project, &["--port", "0", "--open"], &["cabinet-minimal"], &[("PATH", &path)]);
    let deadline = Instant::now() + PATIENCE;
    while !opened.is_file() {
        assert!(Instant::now() < deadline, "the browser was not opened");
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(100));
    let text = std::fs::read_to_string(&opened).expect("what was opened");
    assert_eq!(text.trim(), format!("http://{}/", served.address));
}

/// A profile's logo outside `profiles/` (anywhere in the project): replacing it rebuilds the kit
/// and reloads the page, with the system's change events and with `--poll`.
#[test]
fn a_logo_outside_the_profiles_folder_is_watched_too() {
    for options in [&["--port", "0"][..], &["--port", "0", "--poll"]] {
        let project = TestProject::with_examples();
        let logos = project.path().join("profiles/logos");
        std::fs::create_dir_all(project.path().join("assets")).expect("a folder");
        std::fs::copy(logos.join("cabinet-exemple.png"), project.path().join("assets/cabinet.png")).expect("copy");
        let profile = project.read("profiles/cabinet-des-tilleuls.toml");
        project.write(
            "profiles/cabinet-des-tilleuls.toml",
            profile.replace("logo = \"logos/cabinet-exemple.png\"", "logo = \"../assets/cabinet.png\""),
        );
        let served = serve_with(&project, options, &["cabinet-des-tilleuls"], &[]);
        let mut page_events = events(&served.address);
        std::fs::copy(logos.join("urps-kine-exemple.png"), project.path().join("assets/cabinet.png")).expect("copy");
        assert_eq!(next_event(&mut page_events).0, "reload", "{options:?}");
    }
}

/// `--out output`: the kits are built there and stay after Ctrl-C; a kit already there, of a
/// profile not served, is left alone.
#[test]
fn serving_into_a_folder_asked_for_keeps_its_kits() {
    let project = TestProject::with_examples();
    let built = project.run(&["build", "cabinet-des-tilleuls"]);
    assert_eq!(built.status.code(), Some(0), "{}", crate::common::stderr(&built));
    let mut served = serve_with(&project, &["--port", "0", "--out", "output"], &["cabinet-minimal"], &[]);
    let output = project.path().join("output");
    assert!(output.join("cabinet-minimal/en/index.html").is_file());
    assert_eq!(get(&served.address, "/cabinet-minimal/en/index.html").0, 200);
    let mut page_events = events(&served.address);
    let profile = project.read("profiles/cabinet-minimal.toml");
    project.write("profiles/cabinet-minimal.toml", profile.replace("region = \"mayotte\"", "region = \"corse\""));
    assert_eq!(next_event(&mut page_events).0, "reload");
    let status = served.interrupt();
    assert!(status.success(), "{status}");
    assert!(output.join("cabinet-minimal/manifest.json").is_file(), "the served kit is kept");
    assert!(output.join("cabinet-des-tilleuls/manifest.json").is_file(), "the other kit is left alone");

    // Into a folder it watches: refused, before anything is built.
    let refused = project.run(&["serve", "--port", "0", "--out", "profiles/preview", "cabinet-minimal"]);
    let stderr = crate::common::stderr(&refused);
    assert_eq!(refused.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("profiles/preview: is inside a folder the preview watches"), "{stderr}");
    assert!(!project.path().join("profiles/preview").exists());
}
