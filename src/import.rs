//! Importing creators from spreadsheets: reading the CSV (encoding, separator, headers in
//! English or Chinese), reading each row's values as people type them, joining rows to the
//! creators they are, and the changes that makes to `creators.toml`.

mod encoding;
mod headers;
mod lookup;
pub mod merge;
mod normal;
mod row;
mod rows;
pub mod sheet;
pub mod values;
mod workbook;

pub use encoding::NAMES as ENCODINGS;
pub use merge::{Outcome, Plan, RowReport, plan, plan_with};
pub use sheet::{Field, Sheet, SheetError, read, read_sheet};

use crate::store::{CreatorChange, FillValue};

/// The changes the plan makes to creators already in the database: numbers and new channels,
/// and their blank fields filled.
pub fn changes(plan: &Plan) -> Vec<CreatorChange> {
    let mut out = Vec::new();
    for (&i, before) in &plan.originals {
        let after = &plan.creators[i];
        let id = after.id.to_string();
        for channel in &after.channels {
            let old = before.channels.iter().find(|c| {
                c.platform == channel.platform && c.handle.eq_ignore_ascii_case(&channel.handle)
            });
            if old != Some(channel) {
                out.push(CreatorChange::Channel {
                    id: id.clone(),
                    channel: channel.clone(),
                });
            }
        }
        let mut fill = |key: &'static str, value: Option<FillValue>| {
            if let Some(value) = value {
                out.push(CreatorChange::Fill {
                    id: id.clone(),
                    key,
                    value,
                });
            }
        };
        let text = |b: &Option<compact_str::CompactString>,
                    a: &Option<compact_str::CompactString>| {
            match (b, a) {
                (None, Some(a)) => Some(FillValue::Text(a.to_string())),
                _ => None,
            }
        };
        let list = |b: &[compact_str::CompactString], a: &[compact_str::CompactString]| {
            (b.is_empty() && !a.is_empty()).then(|| FillValue::List(a.to_vec()))
        };
        fill("email", text(&before.email, &after.email));
        fill("niches", list(&before.niches, &after.niches));
        fill("location", text(&before.location, &after.location));
        fill("languages", list(&before.languages, &after.languages));
        fill(
            "kind",
            match (before.kind, after.kind) {
                (None, Some(k)) => Some(FillValue::Text(k.name().to_string())),
                _ => None,
            },
        );
        fill(
            "rate",
            match (before.rate, after.rate) {
                (None, Some(r)) => Some(FillValue::Count(r)),
                _ => None,
            },
        );
        fill("currency", text(&before.currency, &after.currency));
    }
    out
}

/// The new creators of the plan, moved out of it rather than copied (an import of 100,000 new
/// creators would otherwise hold them twice); the creators already there are let go.
pub fn new_creators(plan: &mut Plan) -> Vec<crate::model::Creator> {
    plan.creators
        .drain(..plan.existing.min(plan.creators.len()));
    plan.existing = 0;
    plan.originals.clear();
    std::mem::take(&mut plan.creators)
}
