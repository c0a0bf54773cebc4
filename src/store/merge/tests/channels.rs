//! The merge of a creator's channels, one by one.

use super::*;

const CHANNELS: &str = "[[creator]]\nid = \"s\"\nname = \"S\"\nchannels = [\n  { platform = \"instagram\", handle = \"s.ig\", followers = 52_000, engagement = 4.5 },\n  { platform = \"youtube\", handle = \"STV\", followers = 18_000 },\n]\n\n[[creator]]\nid = \"k\"\nname = \"K\"\n\n[[creator.channels]]\nplatform = \"youtube\"\nhandle = \"KTV\"\nfollowers = 1000 # old\n\n[[creator.channels]]\nplatform = \"ig\"\nhandle = \"k.ig\"\nfollowers = 10\n";

#[test]
fn two_channels_of_one_creator_changed_on_both_sides_merge_channel_by_channel() {
    let ours = CHANNELS
        .replace("followers = 52_000", "followers = 55_000")
        .replace("followers = 1000 # old", "followers = 1500 # old");
    let theirs = CHANNELS
        .replace("followers = 18_000", "followers = 19_000")
        .replace("followers = 10\n", "followers = 20\n");
    let m = clean(CHANNELS, &ours, &theirs);
    assert_eq!(
        m.text,
        CHANNELS
            .replace("followers = 52_000", "followers = 55_000")
            .replace("followers = 18_000", "followers = 19_000")
            .replace("followers = 1000 # old", "followers = 1500 # old")
            .replace("followers = 10\n", "followers = 20\n")
    );
}

#[test]
fn one_channel_changed_in_two_numbers_merges_and_in_one_number_twice_conflicts() {
    let ours = CHANNELS.replace("followers = 52_000", "followers = 55_000");
    let theirs = CHANNELS.replace("engagement = 4.5", "engagement = 4.8");
    let m = clean(CHANNELS, &ours, &theirs);
    assert!(
        m.text.contains("{ platform = \"instagram\", handle = \"s.ig\", followers = 55_000, engagement = 4.8 },\n"),
        "{}",
        m.text
    );
    let theirs = CHANNELS.replace("followers = 52_000", "followers = 56_000");
    let m = merge(CHANNELS, &ours, &theirs);
    assert_eq!(m.conflicts, 1, "{}", m.text);
}

#[test]
fn channels_added_on_both_sides_are_kept_and_a_removed_one_stays_removed() {
    let line = |p: &str, h: &str| format!("  {{ platform = \"{p}\", handle = \"{h}\" }},\n]");
    let ours = CHANNELS.replacen("\n]", &format!("\n{}", line("threads", "s.th")), 1);
    let theirs = CHANNELS
        .replacen("\n]", &format!("\n{}", line("tiktok", "s_tt")), 1)
        .replace(
            "  { platform = \"youtube\", handle = \"STV\", followers = 18_000 },\n",
            "",
        );
    let m = clean(CHANNELS, &ours, &theirs);
    assert!(
        m.text.contains("channels = [\n  { platform = \"instagram\", handle = \"s.ig\", followers = 52_000, engagement = 4.5 },\n  { platform = \"threads\", handle = \"s.th\" },\n  { platform = \"tiktok\", handle = \"s_tt\" },\n]\n"),
        "{}",
        m.text
    );
    // Removed on one side, changed on the other: a conflict.
    let ours = CHANNELS.replace("followers = 18_000", "followers = 19_000");
    assert_eq!(merge(CHANNELS, &ours, &theirs).conflicts, 1);
}

#[test]
fn a_channel_is_the_same_channel_under_another_name_of_its_platform_or_with_an_at() {
    let base = "[[creator]]\nid = \"s\"\nname = \"S\"\nchannels = [{ platform = \"ig\", handle = \"S.ig\", followers = 1 }, { platform = \"yt\", handle = \"STV\" }]\n";
    let ours = base.replace("followers = 1 }", "followers = 2 }");
    let theirs = base.replace(
        "{ platform = \"yt\", handle = \"STV\" }",
        "{ platform = \"youtube\", handle = \"@stv\", avg_views = 300 }",
    );
    let m = clean(base, &ours, &theirs);
    assert_eq!(
        m.text,
        "[[creator]]\nid = \"s\"\nname = \"S\"\nchannels = [{ platform = \"ig\", handle = \"S.ig\", followers = 2 }, { platform = \"youtube\", handle = \"@stv\", avg_views = 300 }]\n"
    );
    let loaded = crate::store::parse_creators("creators.toml", m.text.as_bytes());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
}

#[test]
fn a_number_changed_on_one_side_and_a_key_added_on_the_other_make_one_channel() {
    let ours = CHANNELS.replace("followers = 18_000", "followers = 19_000");
    let theirs = CHANNELS.replace(
        "followers = 18_000 }",
        "followers = 18_000, avg_views = 6_000 }",
    );
    let m = clean(CHANNELS, &ours, &theirs);
    assert!(
        m.text.contains(
            "  { platform = \"youtube\", handle = \"STV\", followers = 19_000, avg_views = 6_000 },\n"
        ),
        "{}",
        m.text
    );
}
