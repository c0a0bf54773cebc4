//! A creator's `channels` merged one channel at a time, in either way they are written (an
//! array of inline tables, or `[[creator.channels]]` tables): channels matched by platform and
//! handle, each taken from the side that changed it, or key by key when both did; channels
//! either side added kept, those one side removed and the other left alone gone.

use toml_edit::{Array, ArrayOfTables, InlineTable, Item, Table, Value};

use super::{plain, plain_table};
use crate::model::Platform;

/// One channel as it is written: an inline table or a table.
#[derive(Clone)]
enum Channel {
    Inline(InlineTable),
    Table(Table),
}

impl Channel {
    /// What the channel is: its platform (by its usual name) and handle, compared without `@`
    /// and case, as the database compares them.
    fn key(&self) -> Option<String> {
        let text = |k: &str| match self {
            Channel::Inline(t) => t.get(k).and_then(Value::as_str).map(str::to_string),
            Channel::Table(t) => t.get(k).and_then(Item::as_str).map(str::to_string),
        };
        let platform = Platform::parse(&text("platform")?);
        let handle = text("handle")?
            .trim()
            .trim_start_matches('@')
            .to_lowercase();
        Some(format!("{}\0{handle}", platform.name().to_lowercase()))
    }

    /// The channel as compared: its text without the spaces and comments around it.
    fn text(&self) -> String {
        match self {
            Channel::Inline(t) => plain(&Value::InlineTable(t.clone())),
            Channel::Table(t) => plain_table(t),
        }
    }
}

/// The channels of an item, and whether they are inline; `None` when the item is something
/// else (then the channels are merged as one value).
fn list(item: Option<&Item>) -> Option<(Vec<Channel>, bool)> {
    match item {
        Some(Item::Value(Value::Array(a))) => a
            .iter()
            .map(|v| v.as_inline_table().cloned().map(Channel::Inline))
            .collect::<Option<Vec<_>>>()
            .map(|l| (l, true)),
        Some(Item::ArrayOfTables(a)) => {
            Some((a.iter().cloned().map(Channel::Table).collect(), false))
        }
        None => Some((Vec::new(), true)),
        Some(_) => None,
    }
}

/// The channels merged: `None` when they cannot be merged channel by channel (not lists of
/// channels, written in two different ways, or a channel without a platform and handle);
/// `Some(None)` when both sides changed one channel's same key differently, or one removed a
/// channel the other changed.
pub(super) fn merge(
    base: Option<&Item>,
    ours: Option<&Item>,
    theirs: Option<&Item>,
) -> Option<Option<Item>> {
    let (b, _) = list(base)?;
    let (o, inline) = list(ours)?;
    let (t, theirs_inline) = list(theirs)?;
    if ours.is_none() || theirs.is_none() || inline != theirs_inline {
        return None;
    }
    let keyed = |l: &[Channel]| -> Option<Vec<(String, Channel)>> {
        l.iter().map(|c| Some((c.key()?, c.clone()))).collect()
    };
    let (b, o, t) = (keyed(&b)?, keyed(&o)?, keyed(&t)?);
    let find =
        |l: &[(String, Channel)], k: &str| l.iter().find(|(x, _)| x == k).map(|(_, c)| c.clone());
    // Our order, then the channels only theirs has, in theirs.
    let mut keys: Vec<String> = o.iter().map(|(k, _)| k.clone()).collect();
    for (k, _) in &t {
        if !keys.contains(k) {
            keys.push(k.clone());
        }
    }
    let mut merged = Vec::new();
    for k in keys {
        let (bc, oc, tc) = (find(&b, &k), find(&o, &k), find(&t, &k));
        let text = |c: &Option<Channel>| c.as_ref().map(Channel::text);
        let (bn, on, tn) = (text(&bc), text(&oc), text(&tc));
        let chosen = if on == tn || bn == tn {
            oc
        } else if bn == on {
            tc
        } else {
            match (bc, oc, tc) {
                (base, Some(o), Some(t)) => match fields(base.as_ref(), o, &t) {
                    Some(c) => Some(c),
                    None => return Some(None),
                },
                _ => return Some(None),
            }
        };
        merged.extend(chosen);
    }
    Some(Some(written(ours, merged, inline)))
}

/// One channel both sides changed, key by key; `None` when a key changed differently. An inline
/// channel merges as any inline table does.
fn fields(base: Option<&Channel>, ours: Channel, theirs: &Channel) -> Option<Channel> {
    match (base, ours, theirs) {
        (base, Channel::Inline(o), Channel::Inline(t)) => {
            let base = match base {
                Some(Channel::Inline(b)) => Some(b),
                _ => None,
            };
            super::inline(base, o, t).map(Channel::Inline)
        }
        (base, Channel::Table(o), Channel::Table(t)) => {
            let base = match base {
                Some(Channel::Table(b)) => Some(b),
                _ => None,
            };
            table(base, o, t).map(Channel::Table)
        }
        _ => None,
    }
}

/// A channel written as a table that both sides changed, key by key.
fn table(base: Option<&Table>, mut ours: Table, theirs: &Table) -> Option<Table> {
    let value = |t: Option<&Table>, k: &str| t.and_then(|t| t.get(k)?.as_value()).map(plain);
    let mut keys: Vec<String> = ours.iter().map(|(k, _)| k.to_string()).collect();
    keys.extend(
        theirs
            .iter()
            .map(|(k, _)| k.to_string())
            .filter(|k| !ours.contains_key(k)),
    );
    for k in keys {
        let (b, o, t) = (
            value(base, &k),
            value(Some(&ours), &k),
            value(Some(theirs), &k),
        );
        if o == t || b == t {
            continue;
        }
        if b != o {
            return None;
        }
        match theirs.get(&k) {
            Some(v) => {
                ours.insert(&k, v.clone());
            }
            None => {
                ours.remove(&k);
            }
        }
    }
    Some(ours)
}

/// The merged channels written as ours were: inline ones with the spacing of our list (one a
/// line, or all on one), tables as tables.
fn written(ours: Option<&Item>, channels: Vec<Channel>, inline: bool) -> Item {
    if !inline {
        let mut out = ArrayOfTables::new();
        for c in channels {
            if let Channel::Table(t) = c {
                out.push(t);
            }
        }
        return Item::ArrayOfTables(out);
    }
    let old = ours.and_then(Item::as_array);
    let mut out = Array::new();
    // Each channel takes the spacing of the one at its place in our list (or of our last).
    let decor = |i: usize| {
        old.and_then(|a| a.get(i).or_else(|| a.iter().last()))
            .map(|v| v.decor().clone())
    };
    for (i, c) in channels.into_iter().enumerate() {
        if let Channel::Inline(t) = c {
            let mut v = Value::InlineTable(t);
            if let Some(d) = decor(i) {
                *v.decor_mut() = d;
            }
            out.push_formatted(v);
        }
    }
    if let Some(a) = old {
        out.set_trailing(a.trailing().clone());
        out.set_trailing_comma(a.trailing_comma());
        *out.decor_mut() = a.decor().clone();
    }
    Item::Value(Value::Array(out))
}
