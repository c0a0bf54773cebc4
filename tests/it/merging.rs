//! The merge driver against random concurrent edits (proptest): two people change the sample's
//! creators at the same time, each the way the program saves (one record's lines), and the
//! merge must keep every change of both when they touch different things, and mark a conflict
//! when they set one thing two ways.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use proptest::prelude::*;
use shortlist::model::Creator;
use shortlist::store::merge::merge;
use shortlist::store::parse_creators;
use toml_edit::{DocumentMut, Item, Value};

const CREATORS: &str = include_str!("../../data/creators.toml");

/// One change to one creator (by place in the file).
#[derive(Clone, Debug)]
enum Edit {
    Rate(usize, u64),
    Email(usize, u16),
    Followers(usize, usize, u64),
    Engagement(usize, usize, u8),
    Remove(usize),
    Add(u16),
    /// A niche of the side's own on a creator: both sides may tag one creator.
    Tag(usize, u8),
}

impl Edit {
    /// What the edit touches: a field of a creator, a channel's number, or the whole creator.
    fn touches(&self) -> (usize, String) {
        match self {
            Edit::Rate(c, _) => (*c, "rate".into()),
            Edit::Email(c, _) => (*c, "email".into()),
            Edit::Followers(c, ch, _) => (*c, format!("followers {ch}")),
            Edit::Engagement(c, ch, _) => (*c, format!("engagement {ch}")),
            Edit::Remove(c) => (*c, "*".into()),
            Edit::Add(n) => (usize::MAX - *n as usize, "*".into()),
            Edit::Tag(c, n) => (*c, format!("tag {n}")),
        }
    }
}

fn edit() -> impl Strategy<Value = Edit> {
    let creators = CREATORS.matches("\n[[creator]]\n").count();
    prop_oneof![
        (0..creators, 1u64..1_000_000).prop_map(|(c, r)| Edit::Rate(c, r)),
        (0..creators, any::<u16>()).prop_map(|(c, n)| Edit::Email(c, n)),
        (0..creators, 0usize..3, 1u64..10_000_000).prop_map(|(c, ch, f)| Edit::Followers(c, ch, f)),
        (0..creators, 0usize..3, 1u8..100).prop_map(|(c, ch, e)| Edit::Engagement(c, ch, e)),
        (0..creators).prop_map(Edit::Remove),
        any::<u16>().prop_map(Edit::Add),
        (0..creators, 0u8..20).prop_map(|(c, n)| Edit::Tag(c, n)),
    ]
}

/// The text with the edits made as the program makes them (toml_edit, one table at a time).
/// Edits to a creator removed by an earlier edit, or to a channel it does not have, are left
/// out; returns the edits made.
fn apply(text: &str, edits: &[Edit], side: &str) -> (String, Vec<Edit>) {
    let mut doc: DocumentMut = text.parse().unwrap();
    let mut made = Vec::new();
    let mut removed = Vec::new();
    for e in edits {
        let aot = doc["creator"].as_array_of_tables_mut().unwrap();
        let at = |c: usize| -> Option<usize> {
            if removed.contains(&c) {
                return None;
            }
            Some(c - removed.iter().filter(|&&r| r < c).count())
        };
        let done = match e {
            Edit::Rate(c, r) => at(*c).map(|i| {
                aot.get_mut(i).unwrap()["rate"] = toml_edit::value(*r as i64);
            }),
            Edit::Email(c, n) => at(*c).map(|i| {
                aot.get_mut(i).unwrap()["email"] =
                    toml_edit::value(format!("{side}{n}@mail.example"));
            }),
            Edit::Followers(c, ch, f) => at(*c).and_then(|i| {
                channel(aot.get_mut(i).unwrap(), *ch).map(|t| {
                    t.insert("followers", Value::from(*f as i64));
                })
            }),
            Edit::Engagement(c, ch, n) => at(*c).and_then(|i| {
                channel(aot.get_mut(i).unwrap(), *ch).map(|t| {
                    t.insert("engagement", Value::from(f64::from(*n) / 10.0));
                })
            }),
            Edit::Remove(c) => at(*c).map(|i| {
                aot.remove(i);
                removed.push(*c);
            }),
            Edit::Tag(c, n) => at(*c).map(|i| {
                let table = aot.get_mut(i).unwrap();
                let tag = format!("{side}-{n}");
                match table.get_mut("niches").and_then(Item::as_array_mut) {
                    Some(list) => {
                        if !list.iter().any(|v| v.as_str() == Some(tag.as_str())) {
                            list.push(tag);
                        }
                    }
                    None => {
                        let mut list = toml_edit::Array::new();
                        list.push(tag);
                        table["niches"] = toml_edit::value(list);
                    }
                }
            }),
            // An id is added once.
            Edit::Add(n) if made.iter().any(|m| matches!(m, Edit::Add(x) if x == n)) => None,
            Edit::Add(n) => {
                let mut t = toml_edit::Table::new();
                t["id"] = toml_edit::value(format!("{side}-new-{n}"));
                t["name"] = toml_edit::value(format!("New {n}"));
                let mut ch = toml_edit::InlineTable::new();
                ch.insert("platform", "instagram".into());
                ch.insert("handle", format!("{side}.new.{n}").into());
                let mut list = toml_edit::Array::new();
                list.push(ch);
                t["channels"] = toml_edit::value(list);
                aot.push(t);
                Some(())
            }
        };
        if done.is_some() {
            made.push(e.clone());
        }
    }
    // What a later edit of the same side changed again (or removed) is not what is left.
    let last: Vec<Edit> = made
        .iter()
        .enumerate()
        .filter(|(i, e)| {
            let (c, what) = e.touches();
            !made[i + 1..].iter().any(|later| {
                let (lc, lwhat) = later.touches();
                lc == c && (lwhat == what || lwhat == "*")
            })
        })
        .map(|(_, e)| e.clone())
        .collect();
    (doc.to_string(), last)
}

/// The `n`th channel of a creator's table, as an inline table.
fn channel(table: &mut toml_edit::Table, n: usize) -> Option<&mut toml_edit::InlineTable> {
    match table.get_mut("channels")? {
        Item::Value(Value::Array(a)) => a.get_mut(n)?.as_inline_table_mut(),
        _ => None,
    }
}

fn creators(text: &str) -> Vec<Creator> {
    let loaded = parse_creators("creators.toml", text.as_bytes());
    assert!(
        loaded.diagnostics.iter().all(|d| !d.is_error()),
        "{:?}",
        loaded
            .diagnostics
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
    );
    loaded.database.creators
}

/// The creator `c` of the base, found by id in `list`.
fn find<'a>(list: &'a [Creator], base: &[Creator], c: usize) -> Option<&'a Creator> {
    list.iter().find(|x| x.id == base[c].id)
}

/// Every edit made on one side is in the merged creators.
fn holds(
    merged: &[Creator],
    base: &[Creator],
    edits: &[Edit],
    side: &str,
) -> Result<(), TestCaseError> {
    for e in edits {
        match e {
            Edit::Rate(c, r) => {
                prop_assert_eq!(find(merged, base, *c).unwrap().rate, Some(*r), "{:?}", e)
            }
            Edit::Email(c, n) => {
                let wanted = format!("{side}{n}@mail.example");
                prop_assert_eq!(
                    find(merged, base, *c).unwrap().email.as_deref(),
                    Some(wanted.as_str())
                )
            }
            Edit::Followers(c, ch, f) => {
                prop_assert_eq!(
                    find(merged, base, *c).unwrap().channels[*ch].followers,
                    Some(*f),
                    "{:?}",
                    e
                )
            }
            Edit::Engagement(c, ch, n) => prop_assert_eq!(
                find(merged, base, *c).unwrap().channels[*ch].engagement,
                Some(f64::from(*n) / 10.0),
                "{:?}",
                e
            ),
            Edit::Remove(c) => prop_assert!(find(merged, base, *c).is_none(), "{:?}", e),
            Edit::Tag(c, n) => {
                let tag = format!("{side}-{n}");
                prop_assert!(
                    find(merged, base, *c)
                        .unwrap()
                        .niches
                        .iter()
                        .any(|t| t == tag.as_str()),
                    "{:?}",
                    e
                )
            }
            Edit::Add(n) => prop_assert!(
                merged
                    .iter()
                    .any(|x| x.id == format!("{side}-new-{n}").as_str()),
                "{:?}",
                e
            ),
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn edits_to_different_things_all_survive_the_merge(
        ours in prop::collection::vec(edit(), 0..8),
        theirs in prop::collection::vec(edit(), 0..8),
    ) {
        // What one side touches the other leaves alone: a removed creator entirely.
        let mine: Vec<(usize, String)> = ours.iter().map(Edit::touches).collect();
        let theirs: Vec<Edit> = theirs
            .into_iter()
            .filter(|e| {
                let (c, what) = e.touches();
                !mine.iter().any(|(m, w)| *m == c && (w == &what || w == "*" || what == "*"))
            })
            .collect();
        let base = creators(CREATORS);
        let (ours_text, ours_made) = apply(CREATORS, &ours, "ours");
        let (theirs_text, theirs_made) = apply(CREATORS, &theirs, "theirs");
        let merged = merge(CREATORS, &ours_text, &theirs_text);
        prop_assert_eq!(merged.conflicts, 0, "{}", merged.text);
        let after = creators(&merged.text);
        holds(&after, &base, &ours_made, "ours")?;
        holds(&after, &base, &theirs_made, "theirs")?;
        // Nobody else was lost or added.
        let removed = ours_made.iter().chain(&theirs_made).filter(|e| matches!(e, Edit::Remove(_))).count();
        let added = ours_made.iter().chain(&theirs_made).filter(|e| matches!(e, Edit::Add(_))).count();
        prop_assert_eq!(after.len(), base.len() - removed + added);
        // Merged with itself, a side is itself.
        prop_assert_eq!(merge(CREATORS, &ours_text, &ours_text).text, ours_text);
    }

    #[test]
    fn one_thing_set_two_ways_is_a_conflict_and_the_rest_still_merges(
        c in 0..CREATORS.matches("\n[[creator]]\n").count(),
        rate in 1u64..1_000_000,
        other in 0..CREATORS.matches("\n[[creator]]\n").count(),
        followers in 1u64..1_000_000,
    ) {
        prop_assume!(c != other);
        let (ours_text, _) = apply(CREATORS, &[Edit::Rate(c, rate)], "ours");
        let (theirs_text, made) =
            apply(CREATORS, &[Edit::Rate(c, rate + 1), Edit::Followers(other, 0, followers)], "theirs");
        let merged = merge(CREATORS, &ours_text, &theirs_text);
        prop_assert_eq!(merged.conflicts, 1, "{}", merged.text);
        let marked = &merged.text[merged.text.find("<<<<<<<").unwrap()..merged.text.find(">>>>>>>").unwrap()];
        let (mine, yours) = (format!("rate = {rate}"), format!("rate = {}", rate + 1));
        prop_assert!(marked.contains(&mine) && marked.contains(&yours), "{}", merged.text);
        // The other creator's change is outside the markers, merged.
        let base = creators(CREATORS);
        let outside = merged.text.replace(marked, "");
        if made.iter().any(|e| matches!(e, Edit::Followers(..))) {
            let id = format!("id = \"{}\"", base[other].id);
            prop_assert!(outside.contains(&id));
            prop_assert!(outside.contains(&format!("followers = {followers}")), "{}", merged.text);
        }
    }
}

const CAMPAIGN: &str = include_str!("../../data/campaigns/lumi-vitc-launch.toml");

/// One change to one entry of the sample campaign (by place), or to its brief.
#[derive(Clone, Debug)]
enum Step {
    /// A note of its own on the entry.
    Note(usize, u16),
    /// A history record saying this number (at the side's hour, the step's minute).
    Event(usize, u8),
    /// A payment of this amount.
    Payment(usize, u32),
    Budget(u32),
}

impl Step {
    /// What the step sets: history and payments are lists both sides add to.
    fn sets(&self) -> Option<(usize, &'static str)> {
        match self {
            Step::Note(e, _) => Some((*e, "notes")),
            Step::Budget(_) => Some((usize::MAX, "budget")),
            Step::Event(..) | Step::Payment(..) => None,
        }
    }
}

fn step() -> impl Strategy<Value = Step> {
    let entries = CAMPAIGN.matches("\n[[entry]]\n").count();
    prop_oneof![
        (0..entries, any::<u16>()).prop_map(|(e, n)| Step::Note(e, n)),
        (0..entries, 0u8..60).prop_map(|(e, m)| Step::Event(e, m)),
        (0..entries, 1u32..1_000_000).prop_map(|(e, a)| Step::Payment(e, a)),
        (1u32..10_000_000).prop_map(Step::Budget),
    ]
}

/// The campaign with the steps taken by `side` (its history records in hour `hour`).
fn take(steps: &[Step], side: &str, hour: u8) -> String {
    let mut doc: DocumentMut = CAMPAIGN.parse().unwrap();
    // Records are added in time order, as the program adds them (now, each later than the last).
    for (minute, s) in steps.iter().enumerate() {
        if let Step::Budget(b) = s {
            doc["campaign"]["budget"] = toml_edit::value(i64::from(*b));
            continue;
        }
        let entries = doc["entry"].as_array_of_tables_mut().unwrap();
        match s {
            Step::Note(e, n) => {
                entries.get_mut(*e).unwrap()["notes"] = toml_edit::value(format!("{side} {n}"));
            }
            Step::Event(e, m) => {
                let entry = entries.get_mut(*e).unwrap();
                let mut record = toml_edit::InlineTable::new();
                let at: toml_edit::Datetime = format!("2026-12-02T{hour:02}:{minute:02}:00+08:00")
                    .parse()
                    .unwrap();
                record.insert("at", at.into());
                record.insert("event", "sent".into());
                record.insert("note", format!("{side} {m}").into());
                match entry.get_mut("history").and_then(Item::as_array_mut) {
                    Some(history) => history.push(record),
                    None => {
                        let mut history = toml_edit::Array::new();
                        history.push(record);
                        entry["history"] = toml_edit::value(history);
                    }
                }
            }
            Step::Payment(e, a) => {
                let entry = entries.get_mut(*e).unwrap();
                let mut payment = toml_edit::Table::new();
                payment["amount"] = toml_edit::value(i64::from(*a));
                payment["invoice"] = toml_edit::value(format!("{side}-{a}"));
                match entry
                    .get_mut("payment")
                    .and_then(Item::as_array_of_tables_mut)
                {
                    Some(list) => list.push(payment),
                    None => {
                        let mut list = toml_edit::ArrayOfTables::new();
                        list.push(payment);
                        entry.insert("payment", Item::ArrayOfTables(list));
                    }
                }
            }
            Step::Budget(_) => {}
        }
    }
    doc.to_string()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn a_campaign_worked_on_by_two_keeps_both_sides_work(
        ours in prop::collection::vec(step(), 0..8),
        theirs in prop::collection::vec(step(), 0..8),
    ) {
        let mine: Vec<_> = ours.iter().filter_map(Step::sets).collect();
        let theirs: Vec<Step> = theirs
            .into_iter()
            .filter(|s| s.sets().is_none_or(|x| !mine.contains(&x)))
            .collect();
        let (ours_text, theirs_text) = (take(&ours, "ours", 10), take(&theirs, "theirs", 11));
        let merged = merge(CAMPAIGN, &ours_text, &theirs_text);
        prop_assert_eq!(merged.conflicts, 0, "{}", merged.text);
        let loaded = shortlist::store::parse_campaign("lumi", "lumi.toml", merged.text.as_bytes(), None);
        prop_assert!(
            loaded.diagnostics.iter().all(|d| !d.is_error()),
            "{:?}\n{}",
            loaded.diagnostics.iter().map(ToString::to_string).collect::<Vec<_>>(),
            merged.text
        );
        let campaign = loaded.campaign.unwrap();
        let base = shortlist::store::parse_campaign("lumi", "lumi.toml", CAMPAIGN.as_bytes(), None)
            .campaign
            .unwrap();
        for (steps, side) in [(&ours, "ours"), (&theirs, "theirs")] {
            for (i, s) in steps.iter().enumerate() {
                let later = |x: &Step| x.sets().is_some() && x.sets() == s.sets();
                if steps[i + 1..].iter().any(later) {
                    continue;
                }
                match s {
                    Step::Note(e, n) => {
                        let wanted = format!("{side} {n}");
                        prop_assert_eq!(campaign.entries[*e].notes.as_deref(), Some(wanted.as_str()))
                    }
                    Step::Event(e, m) => prop_assert!(
                        campaign.entries[*e].history.iter().any(|h| h.note.as_deref() == Some(format!("{side} {m}").as_str())),
                        "{:?}: {}", s, merged.text
                    ),
                    Step::Payment(e, a) => prop_assert!(
                        campaign.entries[*e].payments.iter().any(|p| p.amount == u64::from(*a)),
                        "{:?}: {}", s, merged.text
                    ),
                    Step::Budget(b) => prop_assert_eq!(campaign.brief.budget, Some(u64::from(*b))),
                }
            }
        }
        // Each entry's history is in time order, and every record of the base is still there.
        for (entry, before) in campaign.entries.iter().zip(&base.entries) {
            prop_assert_eq!(&entry.creator, &before.creator);
            prop_assert!(entry.history.windows(2).all(|w| w[0].at <= w[1].at), "{}", merged.text);
            for h in &before.history {
                prop_assert!(entry.history.contains(h));
            }
        }
    }
}
