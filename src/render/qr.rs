//! QR codes as SVG, handed to Typst from memory.

use qrcode::{EcLevel, QrCode};

use crate::model::HttpsUrl;

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
    Ok(code
        .render::<qrcode::render::svg::Color<'_>>()
        .quiet_zone(true)
        .module_dimensions(10, 10)
        .dark_color(qrcode::render::svg::Color("#000000"))
        .light_color(qrcode::render::svg::Color("#ffffff"))
        .build())
}
