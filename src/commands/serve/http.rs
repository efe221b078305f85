//! The preview's web server: the built kits' files from the serve folder, with their media types,
//! the live-reload script added to each HTML page as it is sent (the files stay as `build` wrote
//! them), and the events that tell the open pages to reload or to show what went wrong. Nothing
//! outside the serve folder is ever sent: `..`, encoded or not, and symbolic links out are 404.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tiny_http::{Header, Request, Response};

/// Where the pages listen for the server's news, and where the script that listens is.
const EVENTS: &str = "/__cyberkit/events";
const SCRIPT: &str = "/__cyberkit/live.js";
const LIVE_JS: &str = include_str!("../../../templates/serve/live.js");

/// What the open pages are told: an event of the server-sent events stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum News {
    /// The kits were built again: reload.
    Reload,
    /// The input went wrong: these diagnostics, as `cyberkit check` prints them.
    Errors(Vec<String>),
}

impl News {
    fn event(&self) -> String {
        match self {
            News::Reload => "event: reload\ndata: {}\n\n".to_string(),
            News::Errors(lines) => {
                format!("event: errors\ndata: {}\n\n", serde_json::to_string(lines).unwrap_or_default())
            }
        }
    }
}

/// The open pages, each a stream the server writes to, and the errors that stand, which a page
/// opened later is told at once.
#[derive(Default)]
pub struct Pages {
    streams: Mutex<Vec<Sender<News>>>,
    errors: Mutex<Option<News>>,
}

impl Pages {
    /// Tells every open page; a page that has gone is forgotten.
    pub fn tell(&self, news: &News) {
        *self.errors.lock().unwrap_or_else(std::sync::PoisonError::into_inner) =
            matches!(news, News::Errors(_)).then(|| news.clone());
        self.streams
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .retain(|stream| stream.send(news.clone()).is_ok());
    }

    fn listen(&self) -> Receiver<News> {
        let (tx, rx) = mpsc::channel();
        if let Some(errors) = self.errors.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clone() {
            let _ = tx.send(errors);
        }
        self.streams.lock().unwrap_or_else(std::sync::PoisonError::into_inner).push(tx);
        rx
    }
}

/// Answers one request. A client that disconnects or sends garbage costs its own answer only.
pub fn answer(request: Request, root: &Path, pages: &Arc<Pages>) {
    let url = request.url().to_string();
    if url == EVENTS {
        let rx = pages.listen();
        // A stream lasts as long as its page: a thread of its own.
        std::thread::spawn(move || stream(request, &rx));
        return;
    }
    let response = if url == SCRIPT {
        Some((LIVE_JS.as_bytes().to_vec(), "text/javascript; charset=utf-8".to_string()))
    } else {
        resolve(root, &url).and_then(|path| {
            let bytes = std::fs::read(&path).ok()?;
            let media = mime_guess::from_path(&path).first_or_octet_stream().to_string();
            Some(if media == "text/html" {
                (with_live_reload(&bytes), format!("{media}; charset=utf-8"))
            } else {
                (bytes, media)
            })
        })
    };
    let _ = match response {
        Some((bytes, media)) => request.respond(
            Response::from_data(bytes)
                .with_header(header("Content-Type", &media))
                .with_header(header("Cache-Control", "no-store")),
        ),
        None => request.respond(Response::from_string("not found").with_status_code(404)),
    };
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .unwrap_or_else(|()| Header::from_bytes(&b"X-Cyberkit"[..], &b"bad-header"[..]).expect("an ASCII header"))
}

/// Writes the server's news to one page until it goes; a comment every 15 s finds a page gone
/// quiet.
fn stream(request: Request, news: &Receiver<News>) {
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\r\n";
    if writer.write_all(head.as_bytes()).and_then(|()| writer.flush()).is_err() {
        return;
    }
    loop {
        let text = match news.recv_timeout(Duration::from_secs(15)) {
            Ok(news) => news.event(),
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer.write_all(text.as_bytes()).and_then(|()| writer.flush()).is_err() {
            return;
        }
    }
}

/// The file a URL names inside `root`, if it is one: its path decoded, without `..`, a folder
/// standing for its `index.html`, and, links followed, still inside `root`.
pub fn resolve(root: &Path, url: &str) -> Option<PathBuf> {
    let path = url.split(['?', '#']).next()?;
    let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
    if decoded.contains(['\\', '\0']) {
        return None;
    }
    let mut file = root.to_path_buf();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => return None,
            name => file.push(name),
        }
    }
    if file.is_dir() {
        file.push("index.html");
    }
    let file = file.canonicalize().ok()?;
    (file.starts_with(root.canonicalize().ok()?) && file.is_file()).then_some(file)
}

/// An HTML page as the preview sends it: the live-reload script before `</head>`, and, on a page
/// whose policy forbids connections (the personaliser's), the server's events allowed.
fn with_live_reload(page: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(page);
    let tag = format!("<script src=\"{SCRIPT}\" defer></script>");
    let text = text.replacen("connect-src 'none'", "connect-src 'self'", 1);
    match text.find("</head>") {
        Some(at) => format!("{}{tag}{}", &text[..at], &text[at..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_only_files_inside_the_folder() {
        let dir = tempfile::tempdir().expect("a folder");
        let root = dir.path().join("served");
        std::fs::create_dir_all(root.join("kit/fr")).expect("folders");
        std::fs::write(root.join("kit/fr/index.html"), "<p>").expect("a page");
        std::fs::write(root.join("index.html"), "<p>").expect("a page");
        std::fs::write(dir.path().join("secret.toml"), "x").expect("a file outside");
        let inside = |url: &str| {
            resolve(&root, url).map(|p| p.strip_prefix(root.canonicalize().unwrap()).unwrap().to_path_buf())
        };
        assert_eq!(inside("/"), Some(PathBuf::from("index.html")));
        assert_eq!(inside("/kit/fr/"), Some(PathBuf::from("kit/fr/index.html")));
        assert_eq!(inside("/kit/fr/index.html?x=1#top"), Some(PathBuf::from("kit/fr/index.html")));
        assert_eq!(inside("/kit/%66r/index.html"), Some(PathBuf::from("kit/fr/index.html")));
        for url in [
            "/../secret.toml",
            "/%2e%2e/secret.toml",
            "/%2E%2E%2Fsecret.toml",
            "/..%2fsecret.toml",
            "/kit/../../secret.toml",
            "/..\\secret.toml",
            "/%00",
            "/%ff",
            "/nothing.html",
        ] {
            assert_eq!(resolve(&root, url), None, "{url}");
        }
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink(dir.path().join("secret.toml"), root.join("out.toml")).expect("a link");
            assert_eq!(resolve(&root, "/out.toml"), None, "a link out");
        }
    }

    #[test]
    fn a_page_is_sent_with_the_live_reload_script_and_its_events_allowed() {
        let page =
            b"<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"connect-src 'none'\"></head></html>";
        let sent = String::from_utf8(with_live_reload(page)).expect("text");
        assert!(
            sent.contains("connect-src 'self'")
                && sent.contains("<script src=\"/__cyberkit/live.js\" defer></script></head>"),
            "{sent}"
        );
    }
}
