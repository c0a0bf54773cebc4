//! The report screen's table: its columns, and the creators sorted on one of them (figures that
//! do not exist sort last either way).

use std::cmp::Ordering;

use super::ReportView;
use crate::outreach::report::{CreatorFigures, Report};

/// The columns of the report's creator table: header, and the figure it sorts on (`None` for
/// text, sorted by name).
pub const COLUMNS: [&str; 11] = [
    "CREATOR", "PLATFORM", "TIER", "COST", "VIEWS", "ENGAGE", "CPM", "CPE", "ROAS", "ON TIME",
    "LIVE",
];

/// The value a column sorts on.
fn key(c: &CreatorFigures, column: usize) -> Option<f64> {
    let t = c.results.as_ref();
    match column {
        3 => c.cost.map(|v| v as f64),
        4 => t.map(|t| t.views as f64),
        5 => t.map(|t| t.engagements as f64),
        6 => t.and_then(|t| t.cpm()),
        7 => t.and_then(|t| t.cpe()),
        8 => t.and_then(|t| t.roas()),
        9 => c.on_time.map(|b| if b { 1.0 } else { 0.0 }),
        _ => None,
    }
}

fn text(c: &CreatorFigures, column: usize) -> String {
    match column {
        1 => c
            .platform
            .as_ref()
            .map(|p| p.name().to_string())
            .unwrap_or_default(),
        2 => c.tier.map(|t| t.name().to_string()).unwrap_or_default(),
        10 => c.live.name().to_string(),
        _ => c.name.clone().unwrap_or_else(|| c.creator.clone()),
    }
}

/// The creators in the order `view` asks for (column 0 ascending: the file's order).
pub fn sorted<'r>(report: &'r Report, view: &ReportView) -> Vec<&'r CreatorFigures> {
    let mut list: Vec<&CreatorFigures> = report.creators.iter().collect();
    if view.sort == 0 && !view.descending {
        return list;
    }
    let column = view.sort;
    list.sort_by(|a, b| {
        let order = match (key(a, column), key(b, column)) {
            (Some(x), Some(y)) => x.partial_cmp(&y).unwrap_or(Ordering::Equal),
            // What does not exist goes last, whichever way the list is sorted.
            (Some(_), None) => return Ordering::Less,
            (None, Some(_)) => return Ordering::Greater,
            (None, None) => text(a, column).cmp(&text(b, column)),
        };
        if view.descending {
            order.reverse()
        } else {
            order
        }
    });
    list
}
