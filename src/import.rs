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

/// The changes the plan makes to the database: numbers and new channels of creators already
/// there, their blank fields filled, then the new creators (moved out of the plan, not copied:
/// an import of 100,000 new creators would otherwise hold them twice).
pub fn changes(plan: &mut Plan) -> Vec<CreatorChange> {
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
    // Made room for at once: grown by doubling, the list would hold half as much again.
    out.reserve_exact(plan.creators.len() - plan.existing);
    out.extend(plan.creators.drain(plan.existing..).map(CreatorChange::New));
    // The room the new creators took is given back: the changes hold them now.
    plan.creators.shrink_to_fit();
    out
}
