//! Validates `content/`: the languages and their interface strings, the reference data, and every
//! module in every language (present, not older than its source, placeholders known).

use std::collections::BTreeMap;

use super::{Shape, date, key, reference, required_text, text, top};
use crate::diag::{Diagnostics, Location, WithHint, backticked, file_error, suggest};
use crate::load::{RawContent, RawLanguage, RawModule};
use crate::model::{
    Content, Date, Lang, Languages, Localized, Module, ModuleText, PLACEHOLDERS, Part, REQUIRED_STRINGS, UiStrings,
};

/// Validates the content. `None` when something is too broken to go on (no usable language).
pub fn content(raw: RawContent, today: Date, diags: &mut Diagnostics) -> Option<Content> {
    let strings: Vec<_> = raw.languages.iter().flat_map(|l| l.strings.iter().map(|(_, v)| v.clone())).collect();
    let (languages, ui) = languages(raw.languages, diags)?;
    let reference = reference::reference(raw.reference, &languages, today, diags);
    let sourced = super::facts::from_reference(&reference);
    super::facts::interface(&strings, &sourced, diags);
    for contact in &reference.contacts {
        reference::warn_unconfirmed(contact, diags);
    }
    for module in &raw.modules {
        super::facts::module(module, &sourced, today, diags);
    }
    let modules = modules(raw.modules, &raw.unreadable_modules, &languages, &reference, diags);
    Some(Content { languages, ui, reference, modules })
}

fn languages(raw: Vec<RawLanguage>, diags: &mut Diagnostics) -> Option<(Languages, UiStrings)> {
    let i18n = Location::file(std::path::Path::new("content/i18n"));
    let mut source: Option<(Lang, String, RawLanguage)> = None;
    let mut translations = Vec::new();
    for lang in raw {
        if !(2..=3).contains(&lang.code.len()) || !lang.code.bytes().all(|b| b.is_ascii_lowercase()) {
            diags.push(
                lang.file
                    .error(format!("`{}` is not a language code", lang.code))
                    .hint("name the file with a lowercase ISO 639-1 code, e.g. `de.toml`"),
            );
            continue;
        }
        let name =
            required_text(lang.name.clone(), &key("name", "[language]"), diags).unwrap_or_else(|| lang.code.clone());
        let is_source = lang.source.as_ref().is_some_and(|s| s.value);
        if is_source {
            if let Some((first, _, _)) = &source {
                let at = lang.source.as_ref().map_or(lang.file.clone(), |s| s.at.clone());
                diags.push(
                    at.error("two languages are marked as the source language")
                        .hint(format!("keep `source = true` in `{first}.toml` only")),
                );
                continue;
            }
            source = Some((Lang::new(&lang.code), name, lang));
        } else {
            translations.push((Lang::new(&lang.code), name, lang));
        }
    }
    let Some((source_lang, source_name, source_raw)) = source else {
        diags.push(i18n.error("no language is marked as the source language").hint("add `source = true` under `[language]` in the file of the language the modules are written in first, e.g. `content/i18n/fr.toml`"));
        return None;
    };
    let languages = Languages::new(
        (source_lang.clone(), source_name),
        translations.iter().map(|(l, n, _)| (l.clone(), n.clone())).collect(),
    );
    let source_path = source_raw.file.path.display().to_string();
    let mut source_strings = BTreeMap::new();
    let mut source_lines = BTreeMap::new();
    for (k, v) in source_raw.strings {
        if let Some(v) = required_text(Some(v), &key(&k.value, "[strings]"), diags) {
            source_lines.insert(k.value.clone(), k.at.line);
            source_strings.insert(k.value, v);
        }
    }
    let mut required: std::collections::BTreeSet<String> =
        REQUIRED_STRINGS.iter().map(std::string::ToString::to_string).collect();
    required.extend(crate::templates::strings_used());
    required.extend(crate::problem::STRINGS.iter().map(|s| (*s).to_string()));
    for required in &required {
        if !source_strings.contains_key(required) {
            diags.push(
                source_raw
                    .strings_at
                    .error(format!("missing string `{required}`"))
                    .hint(format!("the program uses it: add `{required} = \"...\"` under [strings]")),
            );
        }
    }
    let mut all = vec![(source_lang, source_strings.clone())];
    for (lang, _, raw) in translations {
        let mut strings = BTreeMap::new();
        for (k, v) in raw.strings {
            if !source_strings.contains_key(&k.value) {
                diags.push(
                    k.at.error(format!("unknown string `{}`: the source language does not have it", k.value))
                        .hint(format!("remove it, or add it to {source_path} first")),
                );
                continue;
            }
            if let Some(v) = required_text(Some(v), &key(&k.value, "[strings]"), diags) {
                strings.insert(k.value, v);
            }
        }
        for (k, v) in &source_strings {
            if !strings.contains_key(k) {
                let line = source_lines.get(k).copied().unwrap_or(0);
                diags.push(
                    raw.strings_at
                        .error(format!("missing string `{k}`"))
                        .hint(format!("translate it from {source_path}:{line}")),
                );
                strings.insert(k.clone(), v.clone());
            }
        }
        all.push((lang, strings));
    }
    let strings = Localized::new(all)?;
    Some((languages, UiStrings { strings }))
}

#[allow(clippy::too_many_lines, reason = "each module's languages checked against its source, step by step")]
fn modules(
    raw: Vec<RawModule>,
    unreadable: &std::collections::BTreeSet<String>,
    languages: &Languages,
    reference: &crate::model::Reference,
    diags: &mut Diagnostics,
) -> Vec<Module> {
    // Group the files by module id, checking each file's language and name.
    let mut by_id: BTreeMap<String, Vec<(Lang, RawModule)>> = BTreeMap::new();
    for m in raw {
        if !super::field::is_slug(&m.id) {
            diags.push(file_error(
                &m.file.path,
                format!("`{}` is not a valid module id", m.id),
                "name module files with lowercase letters, digits and hyphens, e.g. `passwords.fr.md`",
            ));
            continue;
        }
        let Some(lang) = languages.find(&m.lang).cloned() else {
            diags.push(file_error(
                &m.file.path,
                format!("unknown language `{}` in the file name", m.lang),
                format!(
                    "{}; a language is added with a file `content/i18n/<code>.toml`",
                    suggest(&m.lang, &languages.codes(), "one of the project's languages")
                ),
            ));
            continue;
        };
        let files = by_id.entry(m.id.clone()).or_default();
        if let Some((_, first)) = files.iter().find(|(l, _)| *l == lang) {
            diags.push(file_error(
                &m.file.path,
                format!("duplicate module id `{}`", m.id),
                format!("`{}` has the same id and language; rename one of them", first.file.path.display()),
            ));
            continue;
        }
        files.push((lang, m));
    }

    let professions: Vec<&str> = reference.professions.iter().map(|p| p.slug.as_str()).collect();
    let mut modules = Vec::new();
    for (id, mut files) in by_id {
        // A file that could not be read has its own error; saying its module lacks a
        // language as well would only repeat it.
        if unreadable.contains(&id) {
            continue;
        }
        let Some(pos) = files.iter().position(|(l, _)| l == languages.source()) else {
            let (_, any) = &files[0];
            diags.push(file_error(
                &any.file.path,
                format!("module `{id}` has no `{}` source file", languages.source()),
                format!("add `{id}.{}.md` next to it: modules are written in that language first", languages.source()),
            ));
            continue;
        };
        let (source_lang, source) = files.remove(pos);
        let source_dir = source.file.path.parent().map(|p| p.display().to_string()).unwrap_or_default();
        for lang in languages.iter().skip(1) {
            if !files.iter().any(|(l, _)| l == lang) {
                diags.push(file_error(
                    &source.file.path,
                    format!("module `{id}` has no `{lang}` translation"),
                    format!("add `{source_dir}/{id}.{lang}.md`"),
                ));
            }
        }

        let part = match &source.part {
            None => {
                diags.push(
                    source
                        .front_matter
                        .error("missing key `part`")
                        .hint(format!("add `part = \"...\"`, one of {}", backticked(Part::ALL.map(Part::slug)))),
                );
                None
            }
            Some(p) => Part::from_slug(&p.value).or_else(|| {
                diags.push(p.at.error(format!("`part`: unknown part `{}`", p.value)).hint(suggest(
                    &p.value,
                    &Part::ALL.map(Part::slug),
                    "one of",
                )));
                None
            }),
        };
        if source.order.is_none() {
            diags.push(
                source.front_matter.error("missing key `order`").hint("add `order = 10`: its rank within its part"),
            );
        }
        let icon =
            match &source.icon {
                None => {
                    diags.push(source.front_matter.error("missing key `icon`").hint(
                        "add `icon = \"...\"`, the name of a pictogram in templates/icons/, e.g. `icon = \"key\"`",
                    ));
                    None
                }
                Some(i) => {
                    crate::icons::ICONS.iter().find(|(name, _)| *name == i.value).map(|(name, _)| *name).or_else(|| {
                        diags.push(i.at.error(format!("`icon`: unknown icon `{}`", i.value)).hint(suggest(
                            &i.value,
                            &crate::icons::names(),
                            "one of",
                        )));
                        None
                    })
                }
            };
        let module_professions = source.professions.as_ref().map(|list| {
            list.value
                .iter()
                .filter(|p| {
                    let known = professions.contains(&p.value.as_str());
                    if !known {
                        diags.push(
                            p.at.error(format!("`professions`: unknown profession `{}`", p.value)).hint(suggest(
                                &p.value,
                                &professions,
                                "a profession slug",
                            )),
                        );
                    }
                    known
                })
                .map(|p| p.value.clone())
                .collect::<Vec<_>>()
        });
        let source_text = module_text(&source, diags);
        let mut texts = Vec::new();
        for (lang, file) in files {
            for (name, present) in [
                ("part", file.part.is_some()),
                ("order", file.order.is_some()),
                ("icon", file.icon.is_some()),
                ("professions", file.professions.is_some()),
            ] {
                if present {
                    diags.push(
                        file.front_matter
                            .error(format!("`{name}` is set in the `{source_lang}` source file only"))
                            .hint("remove it from this translation"),
                    );
                }
            }
            let Some(text) = module_text(&file, diags) else { continue };
            if let Some(source_text) = &source_text {
                if text.updated < source_text.updated {
                    let at = file.updated.as_ref().map_or(file.front_matter.clone(), |u| u.at.clone());
                    diags.push(at.error(format!("the `{lang}` translation (updated {}) is older than its `{source_lang}` source (updated {})", text.updated, source_text.updated)).hint(format!("bring it up to date with {}, then set `updated = \"{}\"`", source.file.path.display(), source_text.updated)));
                }
                if text.checklist.len() != source_text.checklist.len() {
                    let at = file.checklist.as_ref().map_or(file.front_matter.clone(), |c| c.at.clone());
                    diags.push(
                        at.error(format!(
                            "the checklist has {} but the `{source_lang}` source has {}",
                            items(text.checklist.len()),
                            source_text.checklist.len()
                        ))
                        .hint(format!("translate each item of {}, in the same order", source.file.path.display())),
                    );
                }
            }
            texts.push((lang, text));
        }
        let (Some(part), Some(order), Some(icon), Some(source_text)) = (part, source.order.as_ref(), icon, source_text)
        else {
            continue;
        };
        texts.insert(0, (source_lang, source_text));
        texts.sort_by_key(|(l, _)| languages.iter().position(|x| x == l));
        if let Some(text) = Localized::new(texts) {
            modules.push(Module { id, part, order: order.value, icon, professions: module_professions, text });
        }
    }
    modules.sort_by(|a, b| (a.part, a.order, &a.id).cmp(&(b.part, b.order, &b.id)));
    modules
}

fn module_text(m: &RawModule, diags: &mut Diagnostics) -> Option<ModuleText> {
    let title = required_text(m.title.clone(), &top("title"), diags);
    let summary = required_text(m.summary.clone(), &top("summary"), diags);
    let updated = date(m.updated.clone(), &top("updated"), diags);
    let checklist: Vec<String> = m
        .checklist
        .as_ref()
        .map(|c| {
            c.value.iter().filter_map(|item| text(Some(item.clone()), &top("checklist"), Shape::Prose, diags)).collect()
        })
        .unwrap_or_default();
    // The profile's placeholders are replaced in the body's text only; in the front matter one
    // would print as `{{ ... }}`. The workplace's words (`{{ workplace.at }}`) are the reference
    // data's, and are replaced there too.
    let front = m.title.iter().chain(m.summary.iter()).chain(m.checklist.iter().flat_map(|c| c.value.iter()));
    for value in front {
        if let Some((_, message, hint)) = super::text::long_word(&value.value) {
            diags.push(value.at.error(message).hint(hint));
        }
        let pieces = crate::placeholder::split(&value.value);
        let profile_value = pieces.iter().any(|p| match p {
            crate::placeholder::Piece::Placeholder { name, .. } => {
                !(name.starts_with("workplace.") && PLACEHOLDERS.contains(name)
                    || crate::placeholder::agreement(name).is_some())
            }
            crate::placeholder::Piece::Unclosed { .. } => true,
            crate::placeholder::Piece::Text(_) => false,
        });
        for piece in &pieces {
            if let crate::placeholder::Piece::Placeholder { name, .. } = piece
                && let Some(problem) = super::agreement::forms_problem(name)
            {
                diags.push(value.at.error(problem).hint("write `{{ workplace: fermé | fermée }}`"));
            }
        }
        if let Some((_, word)) = super::agreement::unagreed(&value.value) {
            diags.push(value.at.error(unagreed_message(&word)).hint(UNAGREED_HINT));
        }
        if profile_value {
            diags.push(
                value
                    .at
                    .error(
                        "a profile's placeholders are replaced in the text of a module only, not in its front matter",
                    )
                    .hint("write the words themselves here, e.g. \"votre prestataire informatique\""),
            );
        }
    }
    if let Some((offset, message, hint)) = super::text::body_problem(&m.body) {
        let body = crate::diag::SourceFile::new(&m.file.path, &m.text).at(m.body_at);
        diags.push(body.error(offset, message).hint(hint));
    }
    if let Some((offset, word)) = super::agreement::unagreed(&m.body) {
        let body = crate::diag::SourceFile::new(&m.file.path, &m.text).at(m.body_at);
        diags.push(body.error(offset, unagreed_message(&word)).hint(UNAGREED_HINT));
    }
    for p in &m.placeholders {
        if let Some(problem) = super::agreement::forms_problem(&p.value) {
            diags.push(p.at.error(problem).hint("write `{{ workplace: fermé | fermée }}`"));
        } else if crate::placeholder::agreement(&p.value).is_none() && !PLACEHOLDERS.contains(&p.value.as_str()) {
            diags.push(p.at.error(format!("unknown placeholder `{{{{ {} }}}}`", p.value)).hint(suggest(
                &p.value,
                PLACEHOLDERS,
                "one of",
            )));
        }
    }
    Some(ModuleText { title: title?, summary: summary?, checklist, updated: updated?, body: m.body.clone() })
}

fn unagreed_message(word: &str) -> String {
    format!(
        "`{word}` agrees with the workplace, which is masculine in some kits and feminine in others (le cabinet, l’officine)"
    )
}

const UNAGREED_HINT: &str = "write both forms, `{{ workplace: fermé | fermée }}`, or a sentence that does not agree with it (`les locaux sont fermés`)";

fn items(n: usize) -> String {
    if n == 1 { "1 item".to_string() } else { format!("{n} items") }
}
