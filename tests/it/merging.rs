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
