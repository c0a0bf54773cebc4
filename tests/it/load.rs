//! What the valid fixtures and a generated database load to, through the library.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use shortlist::model::{Kind, Platform, Tier, TierBounds};
use shortlist::store::{LoadedCreators, parse_creators, render_creators};

fn load(fixture: &str) -> LoadedCreators {
    let path = crate::common::repo()
        .join("tests/fixtures/valid")
        .join(fixture);
    let loaded = parse_creators("creators.toml", &std::fs::read(path).unwrap());
    assert!(!loaded.has_errors(), "{:?}", loaded.diagnostics);
    loaded
}

#[test]
fn bom_and_crlf_load_with_the_text_intact() {
    let loaded = load("bom-crlf.toml");
    let c = &loaded.database.creators[0];
    assert_eq!(c.id, "windows");
    assert_eq!(c.name, "莎莎 Windows");
    assert_eq!(c.notes.as_deref(), Some("Line one.\nLine two."));
    assert_eq!(c.channels[0].followers, Some(12_000));
    assert_eq!(c.channels[0].engagement, Some(3.5));
    assert_eq!(c.line, 2);
}

#[test]
fn platform_aliases_resolve() {
    let loaded = load("aliases.toml");
    let platforms: Vec<Platform> = loaded.database.creators[0]
        .channels
        .iter()
        .map(|c| c.platform.clone())
        .collect();
    assert_eq!(
        platforms,
        [
            Platform::Instagram,
            Platform::YouTube,
            Platform::Xiaohongshu,
            Platform::TikTok,
            Platform::X,
            Platform::Facebook,
            Platform::Xiaohongshu,
            Platform::Line,
        ]
    );
}

#[test]
fn unknown_keys_warn_and_the_creator_still_loads() {
    let loaded = load("unknown-key.toml");
    assert_eq!(loaded.diagnostics.len(), 8);
    let c = &loaded.database.creators[0];
    assert_eq!(c.email, None, "a misspelt key is not guessed into place");
    assert_eq!(c.channels[1].platform, Platform::Other("weibo".into()));
    assert_eq!(c.channels[0].followers, None);
}

#[test]
fn minimal_and_empty_files_load() {
    let loaded = load("minimal.toml");
    let c = &loaded.database.creators[0];
    assert_eq!(
        (c.id.as_str(), c.name.as_str()),
        ("minimal", "Only What Is Required")
    );
    assert_eq!(c.tier(&TierBounds::default()), None);
    assert!(load("empty.toml").database.creators.is_empty());
}

#[test]
fn other_table_forms_load() {
    let inline = load("table-forms.toml");
    assert_eq!(
        inline.database.creators[0].channels[0].platform,
        Platform::X
    );
    let sections = load("sections.toml");
    let c = &sections.database.creators[0];
    assert_eq!(c.currency.as_deref(), Some("USD"));
    assert_eq!(c.channels.len(), 2);
    assert_eq!(c.channels[0].engagement, Some(4.0));
    assert_eq!(c.channels[1].followers, Some(16));
    assert_eq!(c.vetted_on, Some(jiff::civil::date(2026, 10, 1)));
}

#[test]
fn the_sample_database_has_what_it_promises() {
    let path = crate::common::repo().join("data/creators.toml");
    let loaded = parse_creators("creators.toml", &std::fs::read(path).unwrap());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let creators = &loaded.database.creators;
    assert!(creators.len() >= 80);
    let chinese = creators
        .iter()
        .filter(|c| {
            c.name
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
        })
        .count();
    assert!(chinese * 5 >= creators.len(), "{chinese} Chinese names");
    let bilingual = creators
        .iter()
        .filter(|c| {
            c.name
                .chars()
                .any(|ch| ('\u{4e00}'..='\u{9fff}').contains(&ch))
        })
        .filter(|c| c.name.chars().any(|ch| ch.is_ascii_alphabetic()))
        .count();
    assert!(bilingual >= 5);
    let mut platforms: Vec<&str> = creators
        .iter()
        .flat_map(|c| c.channels.iter().map(|ch| ch.platform.name()))
        .collect();
    platforms.sort();
    platforms.dedup();
    assert!(platforms.len() >= 8, "{platforms:?}");
    let bounds = TierBounds::default();
    for tier in [Tier::Nano, Tier::Micro, Tier::Mid, Tier::Macro, Tier::Mega] {
        assert!(
            creators.iter().any(|c| c.tier(&bounds) == Some(tier)),
            "no {tier} creator"
        );
    }
    for kind in [Kind::Kol, Kind::Koc, Kind::Kos] {
        assert!(creators.iter().any(|c| c.kind == Some(kind)), "no {kind}");
    }
    assert!(creators.iter().any(|c| c.email.is_none()));
    assert!(
        creators
            .iter()
            .any(|c| c.channels.iter().all(|ch| ch.engagement.is_none()))
    );
    assert!(creators.iter().filter(|c| c.channels.len() > 1).count() >= 20);
    for email in creators.iter().filter_map(|c| c.email.as_deref()) {
        let domain = email.rsplit('@').next().unwrap();
        assert!(
            domain.ends_with(".example")
                || domain.starts_with("example.")
                || domain.contains(".example."),
            "{email} is not an example address"
        );
    }
}

#[test]
fn a_generated_database_round_trips() {
    let generated = crate::synth::creators(3_000, 42);
    let text = render_creators(&generated);
    let loaded = parse_creators("creators.toml", text.as_bytes());
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}",
        &loaded.diagnostics[..3.min(loaded.diagnostics.len())]
    );
    assert_eq!(loaded.database.creators.len(), generated.len());
    for (mut expected, got) in generated.into_iter().zip(&loaded.database.creators) {
        assert!(got.line > 0);
        expected.line = got.line;
        assert_eq!(&expected, got);
    }
    // Rendering what was loaded gives the same text again.
    assert_eq!(render_creators(&loaded.database.creators), text);
}
