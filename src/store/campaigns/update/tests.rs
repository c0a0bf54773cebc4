use super::*;
use crate::model::Stage;

fn now() -> Zoned {
    "2026-11-22T09:30:00+08:00[Asia/Taipei]".parse().unwrap()
}

const CAMPAIGN: &str = r#"[campaign]
name = "Launch"  # keep me

[[entry]]
creator = "sarsa"
stage = "contacted"
history = [
  { at = 2026-11-14T09:00:00+08:00, stage = "contacted" },
]

[[entry]]
creator = "mei"
stage = "negotiating"
notes = "first notes"
"#;

fn setup() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("launch.toml");
    std::fs::write(&path, CAMPAIGN).unwrap();
    (dir, path)
}

fn stage(creator: &str, to: Stage, was: Option<Stage>) -> Edit {
    Edit::Stage {
        creator: creator.into(),
        to,
        note: None,
        was,
    }
}

fn text(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap()
}

#[test]
fn a_change_is_saved_with_its_history() {
    let (_dir, path) = setup();
    let saved = update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, Some(Stage::Contacted))],
        &now(),
        None,
    )
    .unwrap();
    assert!(saved.written);
    assert_eq!(
        saved.outcomes,
        [Outcome::Done("sarsa: contacted → negotiating".into())]
    );
    assert_eq!(saved.text, text(&path));
    assert!(text(&path).contains("name = \"Launch\"  # keep me"));
    let entry = &saved.campaign.entries[0];
    assert_eq!(entry.stage, Stage::Negotiating);
    assert_eq!(entry.history.len(), 2);
}

#[test]
fn a_change_made_meanwhile_to_the_same_entry_is_never_overwritten() {
    let (_dir, path) = setup();
    // Someone moved sarsa on while the user still saw "contacted".
    std::fs::write(
        &path,
        CAMPAIGN.replace(
            "stage = \"contacted\"\nhistory",
            "stage = \"declined\"\nhistory",
        ),
    )
    .unwrap();
    let before = text(&path);
    let error = update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, Some(Stage::Contacted))],
        &now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "campaigns/launch.toml changed since it was read, and sarsa is now declined there (not contacted); nothing was saved — look again and redo the change"
    );
    assert_eq!(text(&path), before);
}

#[test]
fn a_change_made_meanwhile_elsewhere_is_kept_and_built_upon() {
    let (_dir, path) = setup();
    let theirs = CAMPAIGN.replace("first notes", "their notes");
    std::fs::write(&path, &theirs).unwrap();
    update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, Some(Stage::Contacted))],
        &now(),
        None,
    )
    .unwrap();
    let now_text = text(&path);
    assert!(now_text.contains("their notes"), "{now_text}");
    assert!(
        now_text.contains("stage = \"negotiating\"\nhistory"),
        "{now_text}"
    );
}

#[test]
fn notes_edited_by_someone_else_are_not_overwritten() {
    let (_dir, path) = setup();
    std::fs::write(&path, CAMPAIGN.replace("first notes", "their notes")).unwrap();
    let error = update_campaign(
        &path,
        "launch.toml",
        &[Edit::Notes {
            creator: "mei".into(),
            text: Some("my notes".into()),
            was: Some(Some("first notes".into())),
        }],
        &now(),
        None,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("mei's notes were changed there"),
        "{error}"
    );
    assert!(text(&path).contains("their notes"));
}

#[test]
fn all_or_nothing() {
    let (_dir, path) = setup();
    let error = update_campaign(
        &path,
        "launch.toml",
        &[
            stage("sarsa", Stage::Negotiating, None),
            stage("nobody", Stage::Negotiating, None),
        ],
        &now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "launch.toml: nobody is not on the shortlist"
    );
    assert_eq!(text(&path), CAMPAIGN);
}

#[test]
fn nothing_to_change_writes_nothing() {
    let (_dir, path) = setup();
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let saved = update_campaign(
        &path,
        "launch.toml",
        &[
            Edit::Add {
                creators: vec!["sarsa".into()],
            },
            stage("mei", Stage::Negotiating, None),
        ],
        &now(),
        None,
    )
    .unwrap();
    assert!(!saved.written);
    assert_eq!(
        saved.outcomes,
        [
            Outcome::Unchanged("already on the shortlist: sarsa (contacted)".into()),
            Outcome::Unchanged("mei is already negotiating".into())
        ]
    );
    assert_eq!(
        std::fs::metadata(&path).unwrap().modified().unwrap(),
        modified
    );
}

#[test]
fn adding_skips_those_already_listed_and_dates_the_new_ones() {
    let (_dir, path) = setup();
    let saved = update_campaign(
        &path,
        "launch.toml",
        &[Edit::Add {
            creators: vec!["jess".into(), "sarsa".into(), "jess".into()],
        }],
        &now(),
        None,
    )
    .unwrap();
    assert_eq!(
        saved.outcomes,
        [Outcome::Done(
            "added jess; already on the shortlist: sarsa (contacted)".into()
        )]
    );
    let jess = saved.campaign.entries.last().unwrap();
    assert_eq!(
        (jess.creator.as_str(), jess.stage),
        ("jess", Stage::Shortlisted)
    );
    assert_eq!(jess.history[0].at, now().timestamp());
    assert_eq!(saved.campaign.entries.len(), 3);
}

#[test]
fn a_broken_file_is_left_alone() {
    let (_dir, path) = setup();
    let broken = CAMPAIGN.replace(
        "[[entry]]\ncreator = \"mei\"",
        "[[entry]\ncreator = \"mei\"",
    );
    std::fs::write(&path, &broken).unwrap();
    let error = update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, None)],
        &now(),
        None,
    )
    .unwrap_err();
    let message = error.to_string();
    assert!(
        message.starts_with("campaigns/launch.toml has problems to fix before it can be changed:\n  campaigns/launch.toml:11:9: error: invalid TOML"),
        "{message}"
    );
    assert_eq!(text(&path), broken);
}

#[test]
fn follow_up_dates_are_set_and_cleared() {
    let (_dir, path) = setup();
    let date = jiff::civil::date(2026, 11, 25);
    let set = |date, was| Edit::FollowUp {
        creator: "sarsa".into(),
        date,
        was,
    };
    let saved = update_campaign(
        &path,
        "l.toml",
        &[set(Some(date), Some(None))],
        &now(),
        None,
    )
    .unwrap();
    assert_eq!(saved.campaign.entries[0].follow_up, Some(date));
    let error =
        update_campaign(&path, "l.toml", &[set(None, Some(None))], &now(), None).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("follow-up date is now 2026-11-25"),
        "{error}"
    );
    let saved = update_campaign(
        &path,
        "l.toml",
        &[set(None, Some(Some(date)))],
        &now(),
        None,
    )
    .unwrap();
    assert_eq!(saved.campaign.entries[0].follow_up, None);
    assert!(!text(&path).contains("follow_up"));
}

#[test]
fn a_new_campaign_is_never_written_over_an_old_one() {
    let (dir, path) = setup();
    let settings =
        |name: &str, brand: Option<&str>, product: Option<&str>| crate::model::Settings {
            name: name.into(),
            brand: brand.map(Into::into),
            product: product.map(Into::into),
            ..Default::default()
        };
    let error = create_campaign(
        &path,
        "campaigns/launch.toml",
        &settings("Other", None, None),
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "campaigns/launch.toml already exists; nothing was written"
    );
    assert_eq!(text(&path), CAMPAIGN);
    let fresh = dir.path().join("sub").join("fresh.toml");
    create_campaign(
        &fresh,
        "fresh.toml",
        &settings("Fresh", Some("Brand"), Some("Thing")),
    )
    .unwrap();
    let loaded = crate::store::load_campaign(&fresh, "fresh.toml", None).unwrap();
    assert!(loaded.diagnostics.is_empty());
    assert_eq!(
        loaded.campaign.unwrap().brief.product.as_deref(),
        Some("Thing")
    );
}

#[test]
fn an_entry_with_a_value_of_the_wrong_type_is_never_written_over() {
    let (_dir, path) = setup();
    let broken = CAMPAIGN.replace(
        "history = [\n  { at = 2026-11-14T09:00:00+08:00, stage = \"contacted\" },\n]",
        "history = \"not a list\"",
    );
    std::fs::write(&path, &broken).unwrap();
    let error = update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, None)],
        &now(),
        None,
    )
    .unwrap_err();
    assert_eq!(
        error.to_string(),
        "campaigns/launch.toml has problems to fix before it can be changed:\n  campaigns/launch.toml:7:11: error: \"history\" must be a list of tables, found string \"not a list\" (entry sarsa)"
    );
    assert_eq!(text(&path), broken);
    // Another entry of the same file can still be changed.
    update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("mei", Stage::Contracted, None)],
        &now(),
        None,
    )
    .unwrap();
    assert!(text(&path).contains("history = \"not a list\""));
}

#[test]
fn a_creator_whose_entry_has_an_error_is_not_added_a_second_time() {
    let (_dir, path) = setup();
    let typo = CAMPAIGN.replace(
        "stage = \"contacted\"\nhistory",
        "stage = \"contactd\"\nhistory",
    );
    std::fs::write(&path, &typo).unwrap();
    let error = update_campaign(
        &path,
        "campaigns/launch.toml",
        &[Edit::Add {
            creators: vec!["sarsa".into()],
        }],
        &now(),
        None,
    )
    .unwrap_err();
    assert!(
        error.to_string().contains("unknown stage \"contactd\""),
        "{error}"
    );
    assert_eq!(text(&path), typo);
}

#[test]
fn a_windows_file_keeps_its_byte_order_mark_and_line_endings() {
    let (_dir, path) = setup();
    let windows = format!("\u{feff}{}", CAMPAIGN.replace('\n', "\r\n"));
    std::fs::write(&path, &windows).unwrap();
    update_campaign(
        &path,
        "campaigns/launch.toml",
        &[stage("sarsa", Stage::Negotiating, None)],
        &now(),
        None,
    )
    .unwrap();
    let after = text(&path);
    assert!(after.starts_with('\u{feff}'));
    assert_eq!(
        after.replace("\r\n", "").matches('\n').count(),
        0,
        "{after:?}"
    );
    assert_eq!(
        after,
        windows
            .replace("stage = \"contacted\"\r\nhistory", "stage = \"negotiating\"\r\nhistory")
            .replace(
                "stage = \"contacted\" },\r\n]",
                "stage = \"contacted\" },\r\n  { at = 2026-11-22T09:30:00+08:00, stage = \"negotiating\" },\r\n]"
            )
    );
}

#[test]
fn a_comment_after_the_last_record_stays_on_its_record() {
    let (_dir, path) = setup();
    let commented = CAMPAIGN.replace(
        "stage = \"contacted\" },\n]",
        "stage = \"contacted\" },  # by mail\n  # more to come\n]",
    );
    std::fs::write(&path, &commented).unwrap();
    for to in [Stage::Negotiating, Stage::Contracted] {
        update_campaign(&path, "c.toml", &[stage("sarsa", to, None)], &now(), None).unwrap();
    }
    assert_eq!(
        text(&path).matches("# by mail").count(),
        1,
        "{}",
        text(&path)
    );
    assert!(text(&path).contains(
        "stage = \"contacted\" },  # by mail\n  { at = 2026-11-22T09:30:00+08:00, stage = \"negotiating\" },\n  { at = 2026-11-22T09:30:00+08:00, stage = \"contracted\" },\n  # more to come\n]"
    ));
}
