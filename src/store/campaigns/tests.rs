use super::*;
use crate::model::{Goal, Platform, Stage, Value};
use crate::store::parse_creators;

fn sample_database() -> crate::store::Database {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/creators.toml");
    parse_creators("creators.toml", &std::fs::read(path).unwrap()).database
}

fn messages(text: &str) -> Vec<String> {
    let db = sample_database();
    parse_campaign("test", "campaigns/test.toml", text.as_bytes(), Some(&db))
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn the_sample_campaigns_load_without_problems() {
    let db = sample_database();
    for id in ["lumi-vitc-launch", "trailhead-ul-pack"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/campaigns/{id}.toml"));
        let loaded = load_campaign(&path, &format!("campaigns/{id}.toml"), Some(&db)).unwrap();
        assert!(
            loaded.diagnostics.is_empty(),
            "{id}: {:?}",
            loaded.diagnostics
        );
        let campaign = loaded.campaign.unwrap();
        assert_eq!(campaign.id, id);
        assert_eq!(campaign.entries.len(), 10);
        assert!(campaign.brief.sender.is_some());
    }
}

#[test]
fn a_sample_entry_reads_completely() {
    let db = sample_database();
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/campaigns/lumi-vitc-launch.toml");
    let campaign = load_campaign(&path, "c", Some(&db))
        .unwrap()
        .campaign
        .unwrap();
    let sarsa = campaign.entry("sarsa").unwrap();
    assert_eq!(sarsa.stage, Stage::Negotiating);
    assert_eq!(sarsa.fee, Some(30_000));
    assert_eq!(sarsa.follow_up, Some(jiff::civil::date(2026, 11, 25)));
    assert_eq!(sarsa.history.len(), 3);
    let last = sarsa.last_change().unwrap();
    assert_eq!(last.stage, Some(Stage::Negotiating));
    assert_eq!(last.offset.seconds(), 8 * 3600);
    assert_eq!(last.at.to_string(), "2026-11-18T08:40:00Z");
    assert_eq!(
        last.note.as_deref(),
        Some("replied: interested, quote NT$30,000")
    );
    let brief = &campaign.brief;
    assert_eq!(brief.goal, Some(Goal::Awareness));
    assert_eq!(brief.budget, Some(300_000));
    assert_eq!(brief.platforms, [Platform::Instagram, Platform::Threads]);
    assert_eq!(brief.sender.as_ref().unwrap().email, "amy@lumi.example");
}

#[test]
fn every_kind_of_problem_is_located() {
    let text = r##"[campaign]
name = "Test"
goal = "awarness"
budget = -5
currency = "NT$"
ends = 2026-01-01
starts = 2026-02-01
sender = { name = "Amy", email = "amy@@lumi.example" }
budjet = 5
hashtag = "#LumiGlow"

[[entry]]
creator = "sarsaa"
stage = "signed"

[[entry]]
creator = "sarsa"
fee = "30k"
history = [{ at = 2026-11-20T10:02:00, stage = "shortlisted" }, { stage = "contacted" }]

[[entry]]
creator = "sarsa"

[[entry]]
stage = "contacted"
"##;
    assert_eq!(
        messages(text),
        [
            "campaigns/test.toml:3:8: error: unknown goal \"awarness\" (did you mean \"awareness\"?) (campaign)",
            "campaigns/test.toml:4:10: error: \"budget\" cannot be negative (-5) (campaign)",
            "campaigns/test.toml:5:12: error: currency \"NT$\" should be a three-letter code such as TWD, USD or JPY (campaign)",
            "campaigns/test.toml:6:8: error: \"ends\" (2026-01-01) is before \"starts\" (2026-02-01) (campaign)",
            "campaigns/test.toml:8:34: error: malformed sender email \"amy@@lumi.example\": an address has exactly one @ (campaign)",
            "campaigns/test.toml:9:1: warning: unknown key \"budjet\" (did you mean \"budget\"?) (campaign)",
            "campaigns/test.toml:13:11: error: no creator \"sarsaa\" in creators.toml (did you mean \"sarsa\"?) (entry sarsaa)",
            "campaigns/test.toml:14:9: error: unknown stage \"signed\" (stages: shortlisted, contacted, negotiating, contracted, producing, published, completed, declined, no_reply, dropped) (entry sarsaa)",
            "campaigns/test.toml:18:7: error: \"fee\" must be a whole number, found string \"30k\"; write it without quotes, as 30_000 (entry sarsa)",
            "campaigns/test.toml:19:19: error: \"at\" needs a time offset, like 2026-11-20T10:02:00+08:00 (entry sarsa)",
            "campaigns/test.toml:19:65: error: missing required field \"at\" (entry sarsa)",
            "campaigns/test.toml:22:11: error: \"sarsa\" is already on this shortlist (line 16) (entry sarsa)",
            "campaigns/test.toml:24:1: error: missing required field \"creator\" (entry #4)",
        ]
    );
}

#[test]
fn own_keys_are_kept_for_templates() {
    let db = sample_database();
    let text = "[campaign]\nname = \"T\"\nhashtag = \"#LumiGlow\"\nlaunch_day = 2026-12-10\n";
    let loaded = parse_campaign("t", "t", text.as_bytes(), Some(&db));
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let extra = loaded.campaign.unwrap().brief.extra;
    assert_eq!(
        extra,
        [
            ("hashtag".to_string(), Value::Text("#LumiGlow".into())),
            (
                "launch_day".to_string(),
                Value::Date(jiff::civil::date(2026, 12, 10))
            ),
        ]
    );
}

#[test]
fn a_shortlist_written_inside_campaign_is_an_error() {
    assert_eq!(
        messages(
            "[campaign]\nname = \"C\"\nentry = [{ creator = \"sarsa\", stage = \"shortlisted\" }]\n"
        ),
        [
            "campaigns/test.toml:3:9: error: the shortlist is not part of [campaign]: write each entry as an [[entry]] table after it (shortlist)"
        ]
    );
    assert_eq!(
        messages("[campaign]\nname = \"C\"\n\n[[campaign.entry]]\ncreator = \"sarsa\"\n"),
        [
            "campaigns/test.toml:4:1: error: the shortlist is not part of [campaign]: write each entry as an [[entry]] table after it (shortlist)"
        ]
    );
}

#[test]
fn a_missing_brief_or_broken_file_is_reported() {
    assert_eq!(
        messages("[[entry]]\ncreator = \"sarsa\"\n"),
        ["campaigns/test.toml:1:1: error: missing required field \"campaign\""]
    );
    let broken = messages("[campaign\nname = \"x\"\n");
    assert_eq!(broken.len(), 1);
    assert!(
        broken[0].starts_with("campaigns/test.toml:1:10: error: invalid TOML"),
        "{broken:?}"
    );
}

#[test]
fn a_bad_file_name_is_reported() {
    let loaded = parse_campaign(
        "My Campaign",
        "campaigns/My Campaign.toml",
        b"[campaign]\nname = \"x\"\n",
        None,
    );
    assert_eq!(
        loaded.diagnostics[0].to_string(),
        "campaigns/My Campaign.toml:1:1: error: the campaign's file name makes a bad id \"My Campaign\" may only use a-z, 0-9, \"-\", \"_\" and \".\" (found \"M\"); try \"my-campaign\""
    );
}
