//! From spreadsheet rows to changes to the database: each row is read into a creator (one
//! channel per row, or channel groups), then joined to the creator it is — the same id, one of
//! their channels, their email, or their handle on another platform — or added as a new one.
//! Exact repeats collapse; a row that only shares a name with someone is left for the user to
//! decide.

use std::collections::HashMap;

use super::lookup::{Lookup, channel, exact, key};
mod into;

use into::merge_into;

use super::row::{Incoming, fraction_columns, read_row};
use super::sheet::Sheet;
use crate::model::{Channel, Creator, Vocabulary, id_problem, suggest_id};

/// What became of one row.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A new creator with this id; `about` says who, as the row gave them.
    New {
        id: String,
        about: String,
    },
    /// Joined this creator, changing what is listed; `notes` are values of the sheet that
    /// differ from what the database says and were not taken.
    Updated {
        id: String,
        changes: Vec<String>,
        notes: Vec<String>,
    },
    /// Joined this creator and changed nothing.
    Unchanged {
        id: String,
        notes: Vec<String>,
    },
    /// The same cells as an earlier row.
    Duplicate {
        line: u64,
    },
    /// Maybe someone already there: not imported, for the user to decide.
    Decide {
        message: String,
    },
    Failed {
        reason: String,
    },
}

/// A row's line and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowReport {
    pub line: u64,
    pub outcome: Outcome,
    /// Niches and places written as the vocabulary writes them: `niches: 美妝 → beauty`.
    pub normalised: Vec<String>,
    /// Cells that could not be read and were left out of an imported row.
    pub left_out: Vec<String>,
}

/// The creators as they will be, and what each row did.
#[derive(Debug)]
pub struct Plan {
    /// The database's creators with the rows joined, then the new ones.
    pub creators: Vec<Creator>,
    /// How many of `creators` were in the database before.
    pub existing: usize,
    /// Those of them that rows changed, as they were before.
    pub originals: std::collections::BTreeMap<usize, Creator>,
    pub rows: Vec<RowReport>,
}

impl Plan {
    /// How many rows had each outcome: new, updated, unchanged, duplicate, to decide, failed.
    pub fn counts(&self) -> [usize; 6] {
        let mut counts = [0; 6];
        for r in &self.rows {
            counts[r.outcome.place()] += 1;
        }
        counts
    }
}

impl Outcome {
    /// The outcome's place in [`Plan::counts`].
    pub fn place(&self) -> usize {
        match self {
            Outcome::New { .. } => 0,
            Outcome::Updated { .. } => 1,
            Outcome::Unchanged { .. } => 2,
            Outcome::Duplicate { .. } => 3,
            Outcome::Decide { .. } => 4,
            Outcome::Failed { .. } => 5,
        }
    }
}

/// A channel as the report names it: `instagram @sarsa.beauty`.
fn label(channel: &Channel) -> String {
    format!("{} @{}", channel.platform.name(), channel.handle)
}

/// Channels as the report lists them, with their followers when asked.
fn labels(channels: &[Channel], followers: bool) -> String {
    channels
        .iter()
        .map(|ch| match ch.followers {
            Some(f) if followers => format!("{} {}", label(ch), crate::display::grouped(f)),
            _ => label(ch),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// A new creator's id, from their handle: `sarsa.beauty`, else with the platform, else
/// numbered; a handle with no letters a-z (`小紅書` names) gives the platform and a hash.
fn new_id(channel: &Channel, taken: &dyn Fn(&str) -> bool) -> String {
    let mut base = suggest_id(&channel.handle);
    if base.is_empty() || id_problem(&base).is_some() {
        let hash = xxhash_rust::xxh3::xxh3_64(channel.handle.as_bytes());
        base = format!("{}-{:08x}", channel.platform.name(), hash as u32);
    }
    if !taken(&base) {
        return base;
    }
    let with_platform = format!("{base}-{}", channel.platform.name());
    if !taken(&with_platform) {
        return with_platform;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Joins the rows of `sheet` to `database`, their niches and places written as `vocabulary`
/// writes them. With `as_new`, a row that only shares a name with someone becomes a new
/// creator instead of waiting for a decision.
pub fn plan(
    mut sheet: Sheet,
    database: Vec<Creator>,
    as_new: bool,
    vocabulary: &Vocabulary,
) -> Plan {
    let mut rows = Vec::new();
    let plan = plan_with(
        &mut sheet,
        database,
        as_new,
        vocabulary,
        &crate::store::progress::Progress::new(),
        &mut |row| rows.push(row),
    );
    Plan { rows, ..plan }
}

/// As [`plan`], counting each row done in `progress` and handing each row's report to
/// `report` as it is made rather than keeping it in the plan (a report of 100,000 rows kept
/// whole is tens of megabytes). The sheet's rows are used up: each block of them is given back
/// once planned, as the new creators grow.
pub fn plan_with(
    sheet: &mut Sheet,
    database: Vec<Creator>,
    as_new: bool,
    vocabulary: &Vocabulary,
    progress: &crate::store::progress::Progress,
    report: &mut dyn FnMut(RowReport),
) -> Plan {
    progress.set_total(sheet.rows.len() as u64);
    let mut creators = database;
    let existing = creators.len();
    // Room for every row to be a new creator: only what is used becomes resident, and the
    // list is never copied as it grows.
    creators.reserve(sheet.rows.len());
    let mut originals = std::collections::BTreeMap::new();
    // Rows already read, by a hash of their trimmed cells.
    let mut seen: HashMap<u128, u64> = HashMap::new();
    let fractions = fraction_columns(sheet);
    let mut lookup = Lookup::new(&creators);
    let rows = std::mem::take(&mut sheet.rows);
    let sheet = &*sheet;
    rows.consume(|line, cells| {
        progress.add(1);
        progress.item();
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for c in cells.iter() {
            hasher.update(c.trim().as_bytes());
            hasher.update(&[0]);
        }
        let normal = hasher.digest128();
        if let Some(first) = seen.get(&normal) {
            report(RowReport {
                line,
                normalised: Vec::new(),
                left_out: Vec::new(),
                outcome: Outcome::Duplicate { line: *first },
            });
            return;
        }
        seen.insert(normal, line);
        let mut normalised = Vec::new();
        let mut left_out = Vec::new();
        let outcome = match read_row(sheet, cells, &fractions) {
            Err(reason) => Outcome::Failed { reason },
            Ok(mut row) => {
                normalised = super::normal::normalise(&mut row.creator, vocabulary);
                left_out = std::mem::take(&mut row.left_out);
                join(
                    &mut creators,
                    &mut lookup,
                    &mut originals,
                    existing,
                    row,
                    as_new,
                )
            }
        };
        report(RowReport {
            line,
            outcome,
            normalised,
            left_out,
        });
    });
    Plan {
        creators,
        existing,
        originals,
        rows: Vec::new(),
    }
}

fn join(
    creators: &mut Vec<Creator>,
    lookup: &mut Lookup,
    originals: &mut std::collections::BTreeMap<usize, Creator>,
    existing: usize,
    row: Incoming,
    as_new: bool,
) -> Outcome {
    let incoming = &row.creator;
    let by_id = row
        .id
        .as_deref()
        .and_then(|id| lookup.id.get(&exact(id)).copied());
    let by_channel = incoming
        .channels
        .iter()
        .filter_map(|ch| {
            lookup
                .channel
                .get(&channel(ch.platform.name(), &ch.handle))
                .copied()
        })
        .min();
    let by_email = incoming
        .email
        .as_deref()
        .and_then(|e| lookup.email.get(&key(e)).copied());
    let by_handle = incoming
        .channels
        .iter()
        .filter_map(|ch| lookup.handle.get(&key(&ch.handle)).copied())
        .min();
    let found = [by_id, by_channel, by_email, by_handle];
    let chosen = found.iter().flatten().next().copied();
    if let Some(at) = chosen {
        // Two ways of matching that point at two creators: not for the program to settle.
        if let Some(other) = found.iter().flatten().find(|&&i| i != at) {
            let (a, b) = (&creators[at].id, &creators[*other].id);
            return Outcome::Decide {
                message: format!(
                    "matches two creators: {a} ({}) and {b} ({}); not imported",
                    why(&found, at),
                    why(&found, *other)
                ),
            };
        }
        if at < existing {
            originals.entry(at).or_insert_with(|| creators[at].clone());
        }
        let (changes, notes) = merge_into(&mut creators[at], &row);
        lookup.add(at, &creators[at]);
        let id = creators[at].id.to_string();
        return if changes.is_empty() {
            Outcome::Unchanged { id, notes }
        } else {
            Outcome::Updated { id, changes, notes }
        };
    }
    // A row with an id of its own says who it is: a shared name is no doubt then.
    if !as_new
        && row.id.is_none()
        && let Some(same) = lookup.name.get(&key(&incoming.name)).map(|&i| &creators[i])
    {
        return Outcome::Decide {
            message: format!(
                "\"{}\" is also the name of {} ({}), and {} is not among their channels; not imported — add it to {} by hand, or import it as a new creator with --as-new",
                incoming.name,
                same.id,
                labels(&same.channels, false),
                labels(&incoming.channels, false),
                same.id
            ),
        };
    }
    let taken = |id: &str| lookup.id.contains_key(&exact(id));
    let id = match &row.id {
        Some(id) if !taken(id) => id.clone(),
        _ => new_id(&incoming.channels[0], &taken),
    };
    let mut creator = incoming.clone();
    creator.id = id.as_str().into();
    creator.line = 0;
    if creator.currency.is_none() {
        creator.currency = row.currency.as_deref().map(Into::into);
    }
    let about = format!("{}: {}", creator.name, labels(&creator.channels, true));
    lookup.add(creators.len(), &creator);
    creators.push(creator);
    Outcome::New { id, about }
}

fn why(found: &[Option<usize>; 4], at: usize) -> &'static str {
    let reasons = ["its id", "its channel", "its email", "its handle"];
    found
        .iter()
        .position(|f| *f == Some(at))
        .map_or("", |i| reasons[i])
}

#[cfg(test)]
mod tests;
