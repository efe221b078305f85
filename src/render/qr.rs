//! QR codes as SVG, handed to Typst from memory.

use std::fmt::Write as _;

use qrcode::{Color, EcLevel, QrCode};

use crate::model::HttpsUrl;

/// The light margin around a code, in modules: the four the standard asks for, so that phones
/// find it.
const QUIET_ZONE: usize = 4;

/// The QR code of an `https://` URL (the type guarantees the scheme): error correction M, which
/// survives a worn or smudged poster, with its quiet zone kept so phones find it.
pub fn svg(url: &HttpsUrl) -> anyhow::Result<String> {
    code(&url.0).map_err(|e| anyhow::anyhow!("cannot make a QR code of {}: {e}", url.0))
}

/// Memoised: every kit carries the same few codes (17Cyber, the CNIL...) on four documents in
/// each language, and choosing a code's mask is most of the work.
#[comemo::memoize]
fn code(url: &str) -> Result<String, String> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).map_err(|e| e.to_string())?;
    let size = code.width() + 2 * QUIET_ZONE;
    Ok(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{size}\" height=\"{size}\" \
         viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{}\"/></svg>",
        dark_runs(&code.to_colors(), code.width())
    ))
}

/// The dark modules as one path, a rectangle per horizontal run of them, one module a unit.
///
/// `qrcode`'s own SVG draws a square per module: a poster's three codes came to 78 kB of its
/// page's PDF drawing, which krilla compresses anew in every document (a tenth of a kit's print
/// time, measured). Runs halve it, and unit modules shorten every number.
fn dark_runs(modules: &[Color], width: usize) -> String {
    let mut path = String::new();
    for (y, row) in modules.chunks(width).enumerate() {
        let mut x = 0;
        while x < width {
            let start = x;
            while x < width && row[x] == Color::Dark {
                x += 1;
            }
            if x == start {
                x += 1;
                continue;
            }
            let (left, top, run) = (start + QUIET_ZONE, y + QUIET_ZONE, x - start);
            let _ = write!(path, "M{left} {top}h{run}v1h-{run}z");
        }
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The modules a path of [`dark_runs`] covers, read back from its rectangles.
    fn covered(path: &str, width: usize) -> Vec<Color> {
        let mut modules = vec![Color::Light; width * width];
        for rect in path.split('z').filter(|r| !r.is_empty()) {
            let numbers: Vec<usize> = rect
                .split(|c: char| !c.is_ascii_digit())
                .filter(|n| !n.is_empty())
                .map(|n| n.parse().unwrap())
                .collect();
            let [left, top, run, one, back] = numbers[..] else { panic!("not a run: {rect}") };
            assert_eq!((one, back), (1, run), "{rect}");
            let (x, y) = (left - QUIET_ZONE, top - QUIET_ZONE);
            for module in &mut modules[y * width + x..y * width + x + run] {
                assert_eq!(*module, Color::Light, "{rect} overlaps another run");
                *module = Color::Dark;
            }
        }
        modules
    }

    #[test]
    fn the_path_covers_exactly_the_dark_modules() {
        for url in ["https://17cyber.gouv.fr", "https://www.cnil.fr/fr/notifier-une-violation-de-donnees-personnelles"]
        {
            let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).unwrap();
            let path = dark_runs(&code.to_colors(), code.width());
            assert_eq!(covered(&path, code.width()), code.to_colors(), "{url}");
            // A run per rectangle: fewer rectangles than dark modules.
            let dark = code.to_colors().iter().filter(|c| **c == Color::Dark).count();
            assert!(path.matches('M').count() < dark * 2 / 3, "{url}: {} runs", path.matches('M').count());
        }
    }

    #[test]
    fn the_svg_is_the_code_with_its_quiet_zone() {
        let svg = code("https://17cyber.gouv.fr").unwrap();
        let width = QrCode::with_error_correction_level(b"https://17cyber.gouv.fr", EcLevel::M).unwrap().width();
        let size = width + 2 * QUIET_ZONE;
        assert!(svg.contains(&format!("viewBox=\"0 0 {size} {size}\"")), "{svg}");
    }
}
