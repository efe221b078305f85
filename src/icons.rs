//! The pictograms: one line icon per module, incident step and part, from Lucide (ISC licence;
//! `templates/icons/` holds the licence and the icons used, as Lucide draws them), compiled in. A
//! module names its icon in its front matter; an incident step and a part have theirs in the code.
//! Each stands beside words that say the same: decorative, never the only carrier of a meaning.

/// Every icon, by name: its SVG, its lines in `currentColor`.
pub const ICONS: [(&str, &str); 32] = [
    ("briefcase", include_str!("../templates/icons/briefcase.svg")),
    ("database", include_str!("../templates/icons/database.svg")),
    ("door-closed-locked", include_str!("../templates/icons/door-closed-locked.svg")),
    ("file-exclamation-point", include_str!("../templates/icons/file-exclamation-point.svg")),
    ("file-pen-line", include_str!("../templates/icons/file-pen-line.svg")),
    ("fingerprint-pattern", include_str!("../templates/icons/fingerprint-pattern.svg")),
    ("fishing-hook", include_str!("../templates/icons/fishing-hook.svg")),
    ("folder-lock", include_str!("../templates/icons/folder-lock.svg")),
    ("graduation-cap", include_str!("../templates/icons/graduation-cap.svg")),
    ("hand", include_str!("../templates/icons/hand.svg")),
    ("hard-drive-download", include_str!("../templates/icons/hard-drive-download.svg")),
    ("id-card", include_str!("../templates/icons/id-card.svg")),
    ("key", include_str!("../templates/icons/key.svg")),
    ("landmark", include_str!("../templates/icons/landmark.svg")),
    ("list-ordered", include_str!("../templates/icons/list-ordered.svg")),
    ("lock", include_str!("../templates/icons/lock.svg")),
    ("mail-check", include_str!("../templates/icons/mail-check.svg")),
    ("megaphone", include_str!("../templates/icons/megaphone.svg")),
    ("message-circle-off", include_str!("../templates/icons/message-circle-off.svg")),
    ("notebook-pen", include_str!("../templates/icons/notebook-pen.svg")),
    ("phone-call", include_str!("../templates/icons/phone-call.svg")),
    ("refresh-cw", include_str!("../templates/icons/refresh-cw.svg")),
    ("scale", include_str!("../templates/icons/scale.svg")),
    ("screen-share-off", include_str!("../templates/icons/screen-share-off.svg")),
    ("shield-check", include_str!("../templates/icons/shield-check.svg")),
    ("shredder", include_str!("../templates/icons/shredder.svg")),
    ("siren", include_str!("../templates/icons/siren.svg")),
    ("triangle-exclamation-point", include_str!("../templates/icons/triangle-exclamation-point.svg")),
    ("umbrella", include_str!("../templates/icons/umbrella.svg")),
    ("unplug", include_str!("../templates/icons/unplug.svg")),
    ("usb", include_str!("../templates/icons/usb.svg")),
    ("wifi-lock", include_str!("../templates/icons/wifi-lock.svg")),
];

/// The icon called `name`, if there is one.
pub fn svg(name: &str) -> Option<&'static str> {
    ICONS.iter().find(|(n, _)| *n == name).map(|(_, svg)| *svg)
}

/// The names of the icons, for a hint when a module names one that does not exist.
pub fn names() -> Vec<&'static str> {
    ICONS.iter().map(|(name, _)| *name).collect()
}

/// The icon drawn in `colour` (`#rrggbb`), for print, where no style sheet sets the current
/// colour. An unknown name gives nothing: validation lets no module name one.
pub fn coloured(name: &str, colour: &str) -> String {
    svg(name).map(|svg| svg.replace("currentColor", colour)).unwrap_or_default()
}

/// The icon to place in a web page beside its words: hidden from screen readers, which read the
/// words, and coloured by the page's text colour (`currentColor`). Without the licence comment,
/// which the repository keeps.
pub fn inline(name: &str) -> String {
    let Some(svg) = svg(name) else { return String::new() };
    let svg = svg.find("<svg").map_or(svg, |start| &svg[start..]);
    svg.replacen(
        &format!("class=\"lucide lucide-{name}\""),
        "class=\"icon\" aria-hidden=\"true\" focusable=\"false\"",
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The folder holds the icons listed here, and nothing else but the licence and its README:
    /// an icon added there is listed, an icon dropped from here is deleted there.
    #[test]
    fn the_folder_holds_the_icons_listed_and_no_other() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/icons");
        let mut files: Vec<String> = std::fs::read_dir(dir)
            .expect("templates/icons")
            .map(|e| e.expect("an entry").file_name().to_string_lossy().into_owned())
            .filter(|n| n != "LICENSE" && n != "README.md")
            .collect();
        files.sort();
        let listed: Vec<String> = names().iter().map(|n| format!("{n}.svg")).collect();
        assert_eq!(files, listed);
    }

    /// One family: every icon is drawn with 2-unit round strokes on a 24-unit grid, nothing filled,
    /// so that it takes the colour it is given.
    #[test]
    fn every_icon_is_a_line_icon_of_one_stroke() {
        for (name, svg) in ICONS {
            for attribute in [
                "viewBox=\"0 0 24 24\"",
                "fill=\"none\"",
                "stroke=\"currentColor\"",
                "stroke-width=\"2\"",
                "stroke-linejoin=\"round\"",
            ] {
                assert!(svg.contains(attribute), "{name}: no {attribute}");
            }
            assert_eq!(svg.matches("fill=").count(), 1, "{name}: a filled shape");
            assert_eq!(svg.matches("stroke-width=").count(), 1, "{name}: another stroke");
        }
    }

    #[test]
    fn an_inline_icon_is_hidden_from_screen_readers_and_coloured_by_the_page() {
        let html = inline("key");
        assert!(html.starts_with("<svg"), "{html}");
        assert!(html.contains("aria-hidden=\"true\"") && html.contains("stroke=\"currentColor\""));
        assert!(!html.contains("lucide"));
        assert_eq!(inline("no-such-icon"), "");
        assert!(coloured("key", "#1d4f91").contains("stroke=\"#1d4f91\""));
    }
}
