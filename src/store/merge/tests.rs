use super::*;

/// The merge, which must have no conflict.
fn clean(base: &str, ours: &str, theirs: &str) -> Merged {
    let m = merge(base, ours, theirs);
    assert_eq!(m.conflicts, 0, "{}", m.text);
    m
}

const BASE: &str = "# The creators.\n\n[[creator]]\nid = \"a\"\nname = \"A\"\nrate = 100\n\n# Second.\n[[creator]]\nid = \"b\"\nname = \"B\"\nrate = 200\n";

#[test]
fn different_records_and_different_fields_merge() {
    let ours = BASE.replace("name = \"A\"", "name = \"A (ours)\"");
    let theirs = BASE
        .replace("rate = 200", "rate = 250")
        .replace("name = \"A\"\nrate = 100", "name = \"A\"\nrate = 150");
    let m = clean(BASE, &ours, &theirs);
    assert!(
        m.text.contains("name = \"A (ours)\"\nrate = 150"),
        "{}",
        m.text
    );
    assert!(m.text.contains("rate = 250"), "{}", m.text);
    assert!(
        m.text.contains("# Second.\n[[creator]]\nid = \"b\""),
        "{}",
        m.text
    );
    assert!(m.text.starts_with("# The creators.\n"), "{}", m.text);
}

#[test]
fn records_added_on_both_sides_are_both_kept_and_a_real_conflict_is_marked() {
    let ours = format!("{BASE}\n[[creator]]\nid = \"c\"\nname = \"C\"\n");
    let theirs = format!(
        "{}\n[[creator]]\nid = \"d\"\nname = \"D\"\n",
        BASE.replace("rate = 100", "rate = 999")
    );
    let ours = ours.replace("rate = 100", "rate = 111");
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 1, "{}", m.text);
    assert!(
        m.text.contains("<<<<<<< ours\n[[creator]]\nid = \"a\""),
        "{}",
        m.text
    );
    assert!(
        m.text.contains("id = \"c\"") && m.text.contains("id = \"d\""),
        "{}",
        m.text
    );
}

#[test]
fn histories_are_unioned_in_time_order() {
    let base = "[[entry]]\ncreator = \"a\"\nstage = \"contacted\"\nhistory = [\n  { at = 2026-11-01T10:00:00+08:00, stage = \"contacted\" },\n]\n";
    let ours = base.replace("  { at = 2026-11-01T10:00:00+08:00, stage = \"contacted\" },\n", "  { at = 2026-11-01T10:00:00+08:00, stage = \"contacted\" },\n  { at = 2026-11-03T10:00:00+08:00, event = \"sent\" },\n");
    let theirs = base.replace("  { at = 2026-11-01T10:00:00+08:00, stage = \"contacted\" },\n", "  { at = 2026-11-01T10:00:00+08:00, stage = \"contacted\" },\n  { at = 2026-11-02T10:00:00+08:00, event = \"replied\" },\n");
    let m = clean(base, &ours, &theirs);
    let replied = m.text.find("replied").unwrap();
    let sent = m.text.find("sent").unwrap();
    assert!(replied < sent, "{}", m.text);
    let loaded = crate::store::parse_campaign(
        "x",
        "x.toml",
        format!("[campaign]\nname = \"X\"\n\n{}", m.text).as_bytes(),
        None,
    );
    assert!(
        loaded.diagnostics.is_empty(),
        "{:?}\n{}",
        loaded.diagnostics,
        m.text
    );
    assert_eq!(loaded.campaign.unwrap().entries[0].history.len(), 3);
}

#[test]
fn payments_and_deliverables_added_on_both_sides_are_both_kept() {
    let base = "[[entry]]\ncreator = \"a\"\nstage = \"contracted\"\n\n[[entry.deliverable]]\nid = \"reel\"\nplatform = \"instagram\"\n";
    let ours = format!("{base}post_by = 2026-12-01\n\n[[entry.payment]]\namount = 1000\n");
    let theirs = format!(
        "{base}\n[[entry.deliverable]]\nid = \"story\"\nplatform = \"instagram\"\n\n[[entry.payment]]\namount = 2000\n"
    );
    let m = clean(base, &ours, &theirs);
    for wanted in [
        "post_by = 2026-12-01",
        "id = \"story\"",
        "amount = 1000",
        "amount = 2000",
    ] {
        assert!(m.text.contains(wanted), "{wanted}:\n{}", m.text);
    }
    let loaded = crate::store::parse_campaign(
        "x",
        "x.toml",
        format!("[campaign]\nname = \"X\"\n\n{}", m.text).as_bytes(),
        None,
    );
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded.diagnostics
    );
    let entry = &loaded.campaign.unwrap().entries[0];
    assert_eq!((entry.deliverables.len(), entry.payments.len()), (2, 2));
    // One deliverable changed differently on both sides: a conflict.
    let ours = base.replace(
        "platform = \"instagram\"",
        "platform = \"instagram\"\npost_by = 2026-12-01",
    );
    let theirs = base.replace(
        "platform = \"instagram\"",
        "platform = \"instagram\"\npost_by = 2026-12-09",
    );
    assert_eq!(merge(base, &ours, &theirs).conflicts, 1);
}

#[test]
fn a_record_removed_on_one_side_and_changed_on_the_other_is_a_conflict_either_way() {
    let without_b = |text: &str| text[..text.find("\n# Second.").unwrap() + 1].to_string();
    let changed = BASE.replace("rate = 200", "rate = 250");
    for (ours, theirs, removed_by_us) in [
        (without_b(BASE), changed.clone(), true),
        (changed.clone(), without_b(BASE), false),
    ] {
        let m = merge(BASE, &ours, &theirs);
        assert_eq!(m.conflicts, 1, "{}", m.text);
        let (mine, other) = if removed_by_us {
            ("", "rate = 250")
        } else {
            ("rate = 250", "")
        };
        let block = &m.text[m.text.find("<<<<<<< ours\n").unwrap()..];
        let (ours_side, theirs_side) = block.split_once("=======\n").unwrap();
        assert!(
            ours_side.contains(mine) && theirs_side.contains(other),
            "{}",
            m.text
        );
        assert!(
            (removed_by_us && !ours_side.contains("id = \"b\""))
                || (!removed_by_us
                    && !theirs_side[..theirs_side.find(">>>>>>>").unwrap()].contains("id = \"b\"")),
            "{}",
            m.text
        );
        // The record both kept as it was merges as usual.
        assert!(
            m.text.contains("id = \"a\"\nname = \"A\"\nrate = 100"),
            "{}",
            m.text
        );
    }
    // Removed on one side and left as it was on the other: removed, on either side.
    for (ours, theirs) in [
        (without_b(BASE), BASE.to_string()),
        (BASE.to_string(), without_b(BASE)),
    ] {
        let m = merge(BASE, &ours, &theirs);
        assert_eq!(
            (m.conflicts, m.text.contains("id = \"b\"")),
            (0, false),
            "{}",
            m.text
        );
    }
}

#[test]
fn a_windows_file_keeps_its_line_endings_and_mark_through_a_merge_and_a_conflict() {
    let base = format!("\u{feff}{}", BASE.replace('\n', "\r\n"));
    let ours = base.replace("rate = 100", "rate = 111");
    let theirs = base.replace("rate = 200", "rate = 222");
    let m = clean(&base, &ours, &theirs);
    assert!(m.text.starts_with('\u{feff}'));
    assert_eq!(
        m.text.replace("\r\n", "").matches('\n').count(),
        0,
        "{:?}",
        m.text
    );
    assert!(m.text.contains("rate = 111\r\n") && m.text.contains("rate = 222\r\n"));
    // Two fields of one record.
    let theirs = base.replace("name = \"A\"", "name = \"A (theirs)\"");
    let m = clean(&base, &ours, &theirs);
    assert!(
        m.text.contains("name = \"A (theirs)\"\r\nrate = 111\r\n"),
        "{:?}",
        m.text
    );
    assert_eq!(
        m.text.replace("\r\n", "").matches('\n').count(),
        0,
        "{:?}",
        m.text
    );
    let theirs = base.replace("rate = 100", "rate = 999");
    let m = merge(&base, &ours, &theirs);
    assert_eq!(m.conflicts, 1, "{}", m.text);
    assert_eq!(
        m.text.replace("\r\n", "").matches('\n').count(),
        0,
        "{:?}",
        m.text
    );
    assert!(m.text.contains("<<<<<<< ours\r\n") && m.text.contains(">>>>>>> theirs\r\n"));
}

#[test]
fn a_mark_before_the_first_record_leaves_the_record_a_record() {
    let base = "\u{feff}[[creator]]\nid = \"a\"\nname = \"A\"\nrate = 1\n\n[[creator]]\nid = \"b\"\nname = \"B\"\n";
    let split = split::split(base);
    assert_eq!(split.preamble, "\u{feff}");
    assert_eq!(split.records[0].key, "creator:a");
    let ours = base.replace("rate = 1", "rate = 10");
    let theirs = base.replace("name = \"A\"", "name = \"AA\"");
    let m = clean(base, &ours, &theirs);
    assert!(
        m.text
            .starts_with("\u{feff}[[creator]]\nid = \"a\"\nname = \"AA\"\nrate = 10\n"),
        "{:?}",
        m.text
    );
}

#[test]
fn the_text_before_the_records_changed_differently_on_both_sides_is_a_conflict() {
    let ours = BASE.replace("# The creators.", "# Our creators.");
    let theirs = BASE.replace("# The creators.", "# Their creators.");
    let m = merge(BASE, &ours, &theirs);
    assert_eq!(m.conflicts, 1, "{}", m.text);
    assert!(
        m.text.starts_with("<<<<<<< ours\n# Our creators.\n\n=======\n# Their creators.\n\n>>>>>>> theirs\n[[creator]]\nid = \"a\""),
        "{}",
        m.text
    );
    // Changed on one side only: taken from it.
    let m = merge(BASE, BASE, &theirs);
    assert_eq!(m.conflicts, 0);
    assert!(m.text.starts_with("# Their creators.\n"), "{}", m.text);
    // With a byte-order mark, the mark stays first.
    let marked = |t: &str| format!("\u{feff}{t}");
    let m = merge(&marked(BASE), &marked(&ours), &marked(&theirs));
    assert_eq!(m.conflicts, 1, "{}", m.text);
    assert!(
        m.text.starts_with("\u{feff}<<<<<<< ours\n# Our creators."),
        "{:?}",
        m.text
    );
}

#[test]
fn a_creator_pasted_twice_keeps_both_copies_through_a_merge() {
    let twice = format!("{BASE}\n[[creator]]\nid = \"b\"\nname = \"B again\"\nrate = 300\n");
    let split = split::split(&twice);
    let keys: Vec<&str> = split.records.iter().map(|r| r.key.as_str()).collect();
    assert_eq!(keys, ["creator:a", "creator:b", "creator:b#2"]);
    let ours = twice.replace("rate = 300", "rate = 333");
    let theirs = twice.replace("rate = 100", "rate = 111");
    let m = clean(&twice, &ours, &theirs);
    for wanted in ["rate = 111", "rate = 200", "name = \"B again\"\nrate = 333"] {
        assert!(m.text.contains(wanted), "{wanted}:\n{}", m.text);
    }
}

#[test]
fn the_last_record_removed_while_another_is_appended_after_it_merges_with_a_blank_line_between() {
    let without_b = BASE[..BASE.find("\n# Second.").unwrap() + 1].to_string();
    let appended = format!("{BASE}\n[[creator]]\nid = \"c\"\nname = \"C\"\n");
    for (ours, theirs) in [(&without_b, &appended), (&appended, &without_b)] {
        let m = clean(BASE, ours, theirs);
        assert_eq!(
            m.text,
            "# The creators.\n\n[[creator]]\nid = \"a\"\nname = \"A\"\nrate = 100\n\n[[creator]]\nid = \"c\"\nname = \"C\"\n"
        );
    }
}

#[test]
fn payments_of_the_same_amount_are_counted_not_merged_into_one() {
    let base =
        "[[entry]]\ncreator = \"a\"\nstage = \"contracted\"\n\n[[entry.payment]]\namount = 15000\n";
    let payments = |text: &str| text.matches("amount = 15000").count();
    // The balance added on one side, a note changed on the other: both.
    let ours = base.replace(
        "stage = \"contracted\"\n",
        "stage = \"contracted\"\nnotes = \"deposit paid\"\n",
    );
    let theirs = format!("{base}\n[[entry.payment]]\namount = 15000\n");
    let m = merge(base, &ours, &theirs);
    assert_eq!((m.conflicts, payments(&m.text)), (0, 2), "{}", m.text);
    assert!(m.text.contains("notes = \"deposit paid\""), "{}", m.text);
    // One more on our side, two more on theirs: four. (The very same change made on both
    // sides is made once, as git does.)
    let ours = format!("{ours}\n[[entry.payment]]\namount = 15000\n");
    let two = format!("{theirs}\n[[entry.payment]]\namount = 15000\n");
    let m = merge(base, &ours, &two);
    assert_eq!((m.conflicts, payments(&m.text)), (0, 4), "{}", m.text);
    // One removed on one side and left alone on the other: removed.
    let without = base.replace("\n[[entry.payment]]\namount = 15000\n", "\nnotes = \"x\"\n");
    let m = merge(base, &without, base);
    assert_eq!((m.conflicts, payments(&m.text)), (0, 0), "{}", m.text);
    let m = merge(base, base, &without);
    assert_eq!((m.conflicts, payments(&m.text)), (0, 0), "{}", m.text);
}

#[test]
fn a_deliverable_without_an_id_is_not_left_out_of_a_merge() {
    let base = "[[entry]]\ncreator = \"a\"\nstage = \"contracted\"\n\n[[entry.deliverable]]\nid = \"reel\"\nplatform = \"instagram\"\n";
    let ours = format!("{base}\n[[entry.deliverable]]\nplatform = \"youtube\"\n");
    let theirs =
        format!("{base}\n[[entry.deliverable]]\nid = \"story\"\nplatform = \"instagram\"\n");
    let m = clean(base, &ours, &theirs);
    for wanted in ["id = \"reel\"", "platform = \"youtube\"", "id = \"story\""] {
        assert!(m.text.contains(wanted), "{wanted}:\n{}", m.text);
    }
}

#[test]
fn a_record_that_does_not_parse_is_kept_through_a_merge_and_followed_where_it_moved() {
    let broken = "[[creator]]\nid = \"x\"\nname = \"X\nrate = 1\n";
    let base = format!("{BASE}\n{broken}");
    // Theirs adds a creator before it; ours changes another.
    let theirs = base.replace(
        "# Second.",
        "[[creator]]\nid = \"new\"\nname = \"N\"\n\n# Second.",
    );
    let ours = base.replace("rate = 100", "rate = 101");
    let m = clean(&base, &ours, &theirs);
    assert_eq!(m.text.matches("name = \"X\n").count(), 1, "{}", m.text);
    assert!(
        m.text.contains("rate = 101") && m.text.contains("id = \"new\""),
        "{}",
        m.text
    );
    // Mended on one side: the mended one replaces it.
    let mended = base.replace("name = \"X\n", "name = \"X\"\n");
    let m = clean(&base, &mended, &theirs);
    assert!(
        m.text.contains("name = \"X\"\n") && !m.text.contains("name = \"X\n"),
        "{}",
        m.text
    );
}

#[test]
fn tags_added_and_taken_out_on_both_sides_merge_as_sets() {
    let base = "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = [\"beauty\", \"skincare\"]  # main first\nlanguages = [\"zh-TW\"]\n";
    let ours = base.replace(
        "[\"beauty\", \"skincare\"]",
        "[\"beauty\", \"skincare\", \"food\"]",
    );
    let theirs = base
        .replace("[\"beauty\", \"skincare\"]", "[\"beauty\", \"travel\"]")
        .replace("[\"zh-TW\"]", "[\"zh-TW\", \"en\"]");
    let m = clean(base, &ours, &theirs);
    assert_eq!(
        m.text,
        "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = [\"beauty\", \"food\", \"travel\"]  # main first\nlanguages = [\"zh-TW\", \"en\"]\n"
    );
    // Lists that are not text are still one value: changed two ways, a conflict.
    let base = "[[creator]]\nid = \"a\"\nname = \"A\"\nx = [1, 2]\n";
    let m = merge(
        base,
        &base.replace("[1, 2]", "[1, 3]"),
        &base.replace("[1, 2]", "[1, 4]"),
    );
    assert_eq!(m.conflicts, 1, "{}", m.text);
}

#[test]
fn a_contract_written_inline_merges_term_by_term() {
    let base = "[[entry]]\ncreator = \"a\"\nstage = \"contracted\"\ncontract = { signed = 2026-11-20, usage = [\"organic\"], territory = \"TW\" }\n";
    let ours = base.replace("territory = \"TW\"", "territory = \"TW+HK\"");
    let theirs = base.replace(
        "usage = [\"organic\"]",
        "usage = [\"organic\", \"ads\"], usage_until = 2027-02-20",
    );
    let m = clean(base, &ours, &theirs);
    assert_eq!(
        m.text,
        "[[entry]]\ncreator = \"a\"\nstage = \"contracted\"\ncontract = { signed = 2026-11-20, usage = [\"organic\", \"ads\"], territory = \"TW+HK\", usage_until = 2027-02-20 }\n"
    );
    // One term set two ways: a conflict.
    let theirs = base.replace("territory = \"TW\"", "territory = \"TW+SG\"");
    assert_eq!(merge(base, &ours, &theirs).conflicts, 1);
}

#[test]
fn a_word_added_to_a_list_written_one_a_line_goes_on_a_line_of_its_own() {
    let base = "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = [\n  \"beauty\",\n  \"skincare\",  # main\n]\n";
    let ours = base.replace("  # main\n", "  # main\n  \"travel\",\n");
    let theirs = base.replace("  \"beauty\",\n", "  \"beauty\",\n  \"food\",\n");
    let m = clean(base, &ours, &theirs);
    assert_eq!(
        m.text,
        "[[creator]]\nid = \"a\"\nname = \"A\"\nniches = [\n  \"beauty\",\n  \"skincare\",  # main\n  \"travel\",\n  \"food\",\n]\n"
    );
}

mod channels;
