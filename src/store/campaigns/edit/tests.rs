use super::*;

fn now() -> Zoned {
    "2026-11-22T09:30:00+08:00[Asia/Taipei]".parse().unwrap()
}

const HAND_WRITTEN: &str = r#"# Lumi launch — brief agreed 2026-11-12.

[campaign]
name = "Lumi 維他命C精華上市"   # the brand's own name for it
budget = 300_000

# Beauty people first.
[[entry]]
creator = "sarsa"
stage = "contacted"   # sent on Friday
fee = 30_000
notes = 'Asked for media kit'
history = [
  { at = 2026-11-13T10:02:00+08:00, stage = "shortlisted" },
  { at = 2026-11-14T09:00:00+08:00, stage = "contacted", note = "invitation exported" },  # by Amy
]

[[entry]]
creator = "mei-skinlab"
history = [{ at = 2026-11-13T10:05:00+08:00, stage = "shortlisted" }]
stage = "shortlisted"

# end of file
"#;

#[test]
fn a_stage_change_touches_only_the_stage_and_the_history() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    doc.set_stage(
        "sarsa",
        Stage::Negotiating,
        Some("replied:  quote\nNT$30,000"),
        &now(),
    )
    .unwrap();
    let expected = HAND_WRITTEN
        .replace(
            "stage = \"contacted\"   # sent on Friday",
            "stage = \"negotiating\"   # sent on Friday",
        )
        .replace(
            "note = \"invitation exported\" },  # by Amy\n]",
            "note = \"invitation exported\" },  # by Amy\n  { at = 2026-11-22T09:30:00+08:00, stage = \"negotiating\", note = \"replied: quote NT$30,000\" },\n]",
        );
    assert_eq!(doc.text(), expected);
}

#[test]
fn an_inline_history_stays_inline() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    doc.set_stage("mei-skinlab", Stage::Contacted, None, &now())
        .unwrap();
    let text = doc.text();
    assert!(
        text.contains("history = [{ at = 2026-11-13T10:05:00+08:00, stage = \"shortlisted\" }, { at = 2026-11-22T09:30:00+08:00, stage = \"contacted\" }]\nstage = \"contacted\"\n"),
        "{text}"
    );
    assert!(text.ends_with("\n# end of file\n"), "{text}");
}

#[test]
fn new_entries_go_at_the_end_in_the_usual_layout() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    doc.add_entry("jess-glow", &now()).unwrap();
    let text = doc.text();
    // Everything before stays as it was; the comment that ends the file still ends it.
    let kept = HAND_WRITTEN.trim_end_matches("\n# end of file\n");
    assert!(text.starts_with(kept), "{text}");
    assert_eq!(
        &text[kept.len()..],
        "\n[[entry]]\ncreator = \"jess-glow\"\nstage = \"shortlisted\"\nhistory = [\n  { at = 2026-11-22T09:30:00+08:00, stage = \"shortlisted\" },\n]\n\n# end of file\n"
    );
    // The result reads back as a campaign with the new entry.
    let loaded = crate::store::parse_campaign("c", "c.toml", text.as_bytes(), None);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let campaign = loaded.campaign.unwrap();
    assert_eq!(campaign.entries.len(), 3);
    assert_eq!(campaign.entries[2].history.len(), 1);
}

#[test]
fn the_first_entry_of_a_new_campaign() {
    let mut doc = Document::parse(&Document::new_campaign("new")).unwrap();
    doc.set_settings(&crate::model::Settings {
        name: "New \"one\"".into(),
        brand: Some("Brand".into()),
        ..Default::default()
    })
    .unwrap();
    doc.add_entry("sarsa", &now()).unwrap();
    let loaded = crate::store::parse_campaign("new", "new.toml", doc.text().as_bytes(), None);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let campaign = loaded.campaign.unwrap();
    assert_eq!(campaign.brief.name, "New \"one\"");
    assert_eq!(campaign.brief.brand.as_deref(), Some("Brand"));
    assert_eq!(campaign.entries[0].creator, "sarsa");
}

#[test]
fn follow_up_and_notes_are_set_before_the_history_and_cleared() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    doc.set_follow_up("sarsa", Some(jiff::civil::date(2026, 11, 25)))
        .unwrap();
    doc.set_notes("sarsa", Some("Line one\nLine 'two' \"quoted\""))
        .unwrap();
    let text = doc.text();
    assert!(
        text.contains("fee = 30_000\nnotes = '''\nLine one\nLine 'two' \"quoted\"'''\nfollow_up = 2026-11-25\nhistory = [\n"),
        "{text}"
    );
    let loaded = crate::store::parse_campaign("c", "c.toml", text.as_bytes(), None);
    let entry = &loaded.campaign.unwrap().entries[0];
    assert_eq!(
        entry.notes.as_deref(),
        Some("Line one\nLine 'two' \"quoted\"")
    );
    assert_eq!(entry.follow_up, Some(jiff::civil::date(2026, 11, 25)));
    doc.set_follow_up("sarsa", None).unwrap();
    doc.set_notes("sarsa", None).unwrap();
    let text = doc.text();
    assert!(
        !text.contains("follow_up") && !text.contains("Line one"),
        "{text}"
    );
}

#[test]
fn notes_that_a_literal_string_cannot_hold_are_escaped() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    let awkward = "ends with ''' quotes\nand a \\ backslash, a bell \u{7} and \"\"\" too\"";
    doc.set_notes("sarsa", Some(awkward)).unwrap();
    let loaded = crate::store::parse_campaign("c", "c.toml", doc.text().as_bytes(), None);
    assert_eq!(
        loaded.campaign.unwrap().entries[0].notes.as_deref(),
        Some(awkward)
    );
}

#[test]
fn missing_entries_and_broken_files_are_refused() {
    let mut doc = Document::parse(HAND_WRITTEN).unwrap();
    assert_eq!(
        doc.set_stage("nobody", Stage::Contacted, None, &now()),
        Err(EditError::NotListed("nobody".into()))
    );
    assert!(matches!(
        Document::parse("[campaign\nname = 1"),
        Err(EditError::Syntax(_))
    ));
    let mut odd = Document::parse("entry = 5\n[campaign]\nname = \"x\"\n").unwrap();
    assert_eq!(odd.add_entry("sarsa", &now()), Err(EditError::Entries));
}

#[test]
fn a_history_written_as_tables_gets_a_table() {
    let text = "[campaign]\nname = \"x\"\n\n[[entry]]\ncreator = \"sarsa\"\nstage = \"shortlisted\"\n\n[[entry.history]]\nat = 2026-11-13T10:02:00+08:00\nstage = \"shortlisted\"\n";
    let mut doc = Document::parse(text).unwrap();
    doc.set_stage("sarsa", Stage::Contacted, Some("sent"), &now())
        .unwrap();
    let loaded = crate::store::parse_campaign("c", "c.toml", doc.text().as_bytes(), None);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let entry = &loaded.campaign.unwrap().entries[0];
    assert_eq!(entry.stage, Stage::Contacted);
    assert_eq!(entry.history.len(), 2);
    assert_eq!(entry.history[1].note.as_deref(), Some("sent"));
}

#[test]
fn a_comment_after_a_last_element_without_a_comma_stays_with_it() {
    let text = "[campaign]\nname = \"x\"\n\n[[entry]]\ncreator = \"sarsa\"\nstage = \"shortlisted\"\nhistory = [\n  { at = 2026-11-13T10:02:00+08:00, stage = \"shortlisted\" }  # first\n]\n";
    let mut doc = Document::parse(text).unwrap();
    doc.set_stage("sarsa", Stage::Contacted, None, &now())
        .unwrap();
    assert_eq!(
        doc.text(),
        text.replace(
            "stage = \"shortlisted\"\nhistory",
            "stage = \"contacted\"\nhistory"
        )
        .replace(
            "}  # first\n]",
            "},  # first\n  { at = 2026-11-22T09:30:00+08:00, stage = \"contacted\" },\n]"
        )
    );
}

#[test]
fn settings_keep_what_they_do_not_set_and_a_sender_table_stays_a_table() {
    let text = "# the brief\n[campaign]\nname = \"Old\" # keep me\nbudget = 300000\nmood = \"fresh\"\n\n[campaign.sender]\nname = \"Amy\"\nemail = \"amy@x.example\"\n\n[[entry]]\ncreator = \"sarsa\"\n";
    let loaded = crate::store::parse_campaign("c", "c.toml", text.as_bytes(), None);
    let mut settings = crate::model::Settings::of(&loaded.campaign.unwrap().brief);
    settings.name = "New".into();
    settings.sender = Some(crate::model::Sender {
        name: "Bo".into(),
        email: "bo@x.example".into(),
        phone: None,
    });
    let mut doc = Document::parse(text).unwrap();
    doc.set_settings(&settings).unwrap();
    // The name changes in place with its comment; 300000 says the same and stays as written.
    assert_eq!(
        doc.text(),
        "# the brief\n[campaign]\nname = \"New\" # keep me\nbudget = 300000\nmood = \"fresh\"\n\n[campaign.sender]\nname = \"Bo\"\nemail = \"bo@x.example\"\n\n[[entry]]\ncreator = \"sarsa\"\n"
    );
}
