//! The Markdown -> Typst converter on any module body the validator accepts: its output compiles
//! in Typst without error, and the laid-out pages show every text of the input, in order.
#![no_main]

use std::collections::HashMap;
use std::sync::OnceLock;

use cyberkit::model::Lang;
use cyberkit::render::markdown::to_typst;
use cyberkit::render::placeholders::Placeholders;
use cyberkit::render::print::{compile, world};
use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser};

/// The body as the booklet shows it: evaluated as markup from the document's data.
const TEMPLATE: &str = r#"#set text(font: "Noto Sans", hyphenate: false)
#set page(width: 148mm, height: auto)
#eval(json("/data/document.json").body, mode: "markup")
"#;

fn env() -> &'static world::Env {
    static ENV: OnceLock<world::Env> = OnceLock::new();
    ENV.get_or_init(|| world::Env::new(&[("/fuzz.typ", TEMPLATE)]).expect("the print environment"))
}

/// Text without white space (typography adds no-break spaces, and lines break anywhere) and
/// without the characters Unicode says print nothing (a soft hyphen, a joiner, a variation
/// selector); the validator refuses those of them that change how text reads.
fn dense(text: &str) -> String {
    text.chars().filter(|&c| !c.is_whitespace() && !ignorable(c)).collect()
}

/// Unicode's Default_Ignorable_Code_Point.
fn ignorable(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{034F}' | '\u{061C}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}' | '\u{FFA0}'
        | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}' | '\u{1D173}'..='\u{1D17A}'
        | '\u{E0000}'..='\u{E0FFF}')
}

fuzz_target!(|markdown: &str| {
    // What the validator refuses never reaches the converter.
    if cyberkit::validate::text::body_problem(markdown).is_some() || markdown.len() > 4096 {
        return;
    }
    let markup = to_typst(markdown, &Placeholders::default(), &Lang::new("fr"), 1);
    let data = serde_json::to_vec(&serde_json::json!({ "body": markup })).expect("JSON");
    let mut files = HashMap::new();
    files.insert(world::file_id("/data/document.json"), typst::foundations::Bytes::new(data));
    let date = typst::foundations::Datetime::from_ymd(2026, 11, 23).expect("a date");
    let world = env().world("/fuzz.typ", files, date);
    // Typst's memo cache grows with every new input: drop what the last runs did not use.
    comemo::evict(10);
    let document = match compile::layout(&world) {
        Ok(document) => document,
        Err(e) => {
            panic!("the converter's output does not compile: {e:#}\n--- markdown\n{markdown:?}\n--- typst\n{markup}")
        }
    };
    let shown = dense(&document.pages().iter().map(compile::page_text).collect::<String>().replace('\n', ""));
    let mut rest = shown.clone();
    for event in Parser::new_ext(markdown, cyberkit::placeholder::markdown_options()) {
        let (Event::Text(text) | Event::Code(text) | Event::Html(text) | Event::InlineHtml(text)) = event else {
            continue;
        };
        // Right-to-left text is laid out in visual order: its characters are looked for in
        // any order.
        let in_order = !text.chars().any(right_to_left);
        for c in dense(&text).chars() {
            match rest.find(c) {
                Some(at) if in_order => rest = rest[at + c.len_utf8()..].to_string(),
                Some(at) => rest.replace_range(at..at + c.len_utf8(), ""),
                None => panic!("`{c}` of {text:?} is not shown\n--- markdown\n{markdown:?}\n--- shown\n{shown}"),
            }
        }
    }
});

/// A letter of a right-to-left script (Hebrew, Arabic, Syriac, Thaana, N'Ko...).
fn right_to_left(c: char) -> bool {
    matches!(c, '\u{0590}'..='\u{08FF}' | '\u{FB1D}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}' | '\u{10800}'..='\u{10FFF}' | '\u{1E800}'..='\u{1EFFF}')
}
