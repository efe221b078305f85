//! The templates, compiled into the binary so that it needs no files beside it, and what
//! validation must know of them: the interface strings the site's pages use.

/// The site's Tera templates, by name.
pub const SITE: [(&str, &str); 11] = [
    ("downloads.html", include_str!("../templates/site/downloads.html")),
    ("personalise.html", include_str!("../templates/site/personalise.html")),
    ("base.html", include_str!("../templates/site/base.html")),
    ("home.html", include_str!("../templates/site/home.html")),
    ("module.html", include_str!("../templates/site/module.html")),
    ("incident.html", include_str!("../templates/site/incident.html")),
    ("privacy.html", include_str!("../templates/site/privacy.html")),
    ("chooser.html", include_str!("../templates/site/chooser.html")),
    ("not_found.html", include_str!("../templates/site/not_found.html")),
    ("index.html", include_str!("../templates/site/index.html")),
    ("sitemap.xml", include_str!("../templates/site/sitemap.xml")),
];

/// The site's style sheet, one file for every page.
pub const STYLE: &str = include_str!("../templates/site/style.css");

/// The interface strings the site templates use (`t.<key>`): every language must have them.
pub fn strings_used() -> std::collections::BTreeSet<String> {
    let mut keys = std::collections::BTreeSet::new();
    for (_, source) in SITE {
        for (i, _) in source.match_indices("t.") {
            let before = source[..i].chars().last();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let key: String = source[i + 2..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
            if !key.is_empty() {
                keys.insert(key);
            }
        }
    }
    keys
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_strings_the_templates_use() {
        let keys = strings_used();
        assert!(keys.contains("skip_to_content") && keys.contains("notice_title"), "{keys:?}");
        assert!(!keys.iter().any(|k| k.contains('.')), "{keys:?}");
    }
}
