//! Reading the vocabulary: the one built into the program (`data/vocabulary.toml`) and a
//! workspace's own `vocabulary.toml`, which adds to it. Every problem is located; an entry with
//! one is left out and the rest is used.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, LineIndex, Report};
use super::fields::{Fields, describe};
use super::text::decode;
use crate::model::{NicheEntry, PlaceEntry, Vocabulary};

/// The vocabulary built into the program.
pub const BUILT_IN: &str = include_str!("../../data/vocabulary.toml");

/// The name of a workspace's own vocabulary.
pub const VOCABULARY_FILE: &str = "vocabulary.toml";

/// Reads a vocabulary file shown to the user as `file`.
pub fn parse_vocabulary(file: &str, bytes: &[u8]) -> (Vocabulary, Vec<Diagnostic>) {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => return (Vocabulary::default(), vec![d]),
    };
    let index = LineIndex::new(text);
    let mut report = Report::new(text, &index);
    let Some(root) = report.parse_toml(text) else {
        return (Vocabulary::default(), report.into_diagnostics(file));
    };
    let span = root.span();
    let root = root.into_inner();
    let mut top = Fields::new(&root, span.start..span.start, &mut report);
    top.unknown_keys_are_errors(&["niche", "place"]);
    let mut niches = Vec::new();
    if let Some(list) = top.tables("niche", false) {
        for item in list.iter() {
            let Some(table) = table_of(item, top.report(), "[[niche]] with tags = [\"beauty\"]")
            else {
                continue;
            };
            let mut f = Fields::new(table, item.span(), top.report());
            let tags: Vec<String> = f.texts("tags").into_iter().map(String::from).collect();
            if tags.is_empty() {
                let at = f.at();
                f.error(&at, "a niche needs its tags: tags = [\"beauty\"]".into());
            }
            let words = f.texts("words").into_iter().map(String::from).collect();
            f.unknown_keys_are_errors(&["tags", "words"]);
            if !tags.is_empty() {
                niches.push(NicheEntry { tags, words });
            }
        }
    }
    let mut places = Vec::new();
    if let Some(list) = top.tables("place", false) {
        for item in list.iter() {
            let Some(table) = table_of(item, top.report(), "[[place]] with name = \"Taipei\"")
            else {
                continue;
            };
            let mut f = Fields::new(table, item.span(), top.report());
            let name = f
                .non_blank("name", true)
                .map(|n| n.get_ref().trim().to_string());
            let country = f
                .optional_text("country")
                .map(|c| c.to_uppercase().to_string());
            let code = f
                .optional_text("code")
                .map(|c| c.to_uppercase().to_string());
            if country.is_some()
                && code.is_some()
                && let Some(v) = f.get("code")
            {
                let span = v.span();
                f.error(
                    &span,
                    "a place is a city (with its country) or a country (with its code), not both"
                        .into(),
                );
            }
            let words = f.texts("words").into_iter().map(String::from).collect();
            f.unknown_keys_are_errors(&["name", "country", "code", "words"]);
            if let Some(name) = name {
                places.push(PlaceEntry {
                    name,
                    country,
                    code,
                    words,
                });
            }
        }
    }
    (
        Vocabulary::new(niches, places),
        report.into_diagnostics(file),
    )
}

fn table_of<'a, 'i>(
    item: &'a toml::Spanned<DeValue<'i>>,
    report: &mut Report<'_>,
    example: &str,
) -> Option<&'a DeTable<'i>> {
    match item.get_ref() {
        DeValue::Table(t) => Some(t),
        other => {
            let message = format!(
                "each must be a table like {example}, found {}",
                describe(other)
            );
            report.error(&item.span(), None, message);
            None
        }
    }
}

/// The built-in vocabulary extended by the workspace's own file at `path` (shown as `file`)
/// when there is one, with that file's problems.
pub fn load_vocabulary(path: &Path, file: &str) -> (Vocabulary, Vec<Diagnostic>) {
    let (built_in, _) = parse_vocabulary("vocabulary (built in)", BUILT_IN.as_bytes());
    match super::files::read_bounded(path, super::files::CONFIG_LIMIT) {
        Ok(bytes) => {
            let (own, problems) = parse_vocabulary(file, &bytes);
            (built_in.extended(own), problems)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (built_in, Vec::new()),
        Err(e) => (
            built_in,
            vec![Diagnostic::error(
                file,
                1,
                1,
                format!("cannot read it: {e}; the built-in vocabulary is used"),
            )],
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_built_in_vocabulary_reads_without_problems() {
        let (v, problems) = parse_vocabulary("vocabulary.toml", BUILT_IN.as_bytes());
        assert!(problems.is_empty(), "{problems:?}");
        assert!(v.niches.len() > 60 && v.places.len() > 30);
    }

    #[test]
    fn problems_are_located_and_the_rest_is_kept() {
        let text = "[[niche]]\ntags = [\"beauty\"]\nwords = [\"美妝\"]\n\n[[niche]]\nword = [\"x\"]\n\n[[place]]\nname = \"Taipei\"\ncountry = \"TW\"\ncode = \"TW\"\n\n[[plcae]]\n";
        let (v, problems) = parse_vocabulary("vocabulary.toml", text.as_bytes());
        let got: Vec<String> = problems.iter().map(ToString::to_string).collect();
        assert_eq!(
            got,
            [
                "vocabulary.toml:5:1: error: a niche needs its tags: tags = [\"beauty\"]",
                "vocabulary.toml:6:1: error: unknown key \"word\" (did you mean \"words\"?)",
                "vocabulary.toml:11:8: error: a place is a city (with its country) or a country (with its code), not both",
                "vocabulary.toml:13:3: error: unknown key \"plcae\" (did you mean \"place\"?)",
            ]
        );
        assert_eq!(v.niche_tags("美妝"), ["beauty"]);
        assert_eq!(v.places.len(), 1);
    }
}
