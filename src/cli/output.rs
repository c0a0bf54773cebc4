//! Printing creators as a table for people, JSON for programs, and CSV for spreadsheets.

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::table::{Column, render};
use crate::display::{compact, percent};
use crate::model::{Creator, Platform, Stage, TierBounds};
use crate::search::{Index, Query};

/// One result: its row in the index and the creator.
pub type Row<'a> = (usize, Cow<'a, Creator>);

/// A JSON array, one object per creator in the given order, with the fields as in the file plus
/// the total `followers`, the `tier`, and the `stage` when a campaign is given.
pub fn json(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    tiers: &TierBounds,
    with_stage: bool,
    stage: &dyn Fn(usize) -> Option<Stage>,
) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    out.write_all(b"[")?;
    for (i, (row, c)) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let mut object = creator_json(c, tiers);
        if with_stage {
            object.insert("stage".into(), json!(stage(*row).map(Stage::name)));
        }
        out.write_all(crate::term::json_safe(&serde_json::to_string(&object)?).as_bytes())?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })?;
    out.flush()
}

/// A creator as a JSON object: absent values left out, lists always present.
pub fn creator_json(c: &Creator, tiers: &TierBounds) -> Map<String, Value> {
    let mut m = Map::new();
    m.insert("id".into(), json!(c.id));
    m.insert("name".into(), json!(c.name));
    m.insert("aliases".into(), json!(c.aliases));
    if let Some(e) = &c.email {
        m.insert("email".into(), json!(e));
    }
    m.insert("niches".into(), json!(c.niches));
    if let Some(l) = &c.location {
        m.insert("location".into(), json!(l));
    }
    m.insert("languages".into(), json!(c.languages));
    if let Some(k) = c.kind {
        m.insert("kind".into(), json!(k.name()));
    }
    if let Some(f) = c.fake_followers {
        m.insert("fake_followers".into(), json!(f));
    }
    if let Some(d) = c.vetted_on {
        m.insert("vetted_on".into(), json!(d.to_string()));
    }
    if let Some(r) = c.rate {
        m.insert("rate".into(), json!(r));
    }
    if let Some(cur) = &c.currency {
        m.insert("currency".into(), json!(cur));
    }
    if let Some(n) = &c.notes {
        m.insert("notes".into(), json!(n));
    }
    let channels: Vec<Value> = c
        .channels
        .iter()
        .map(|ch| {
            let mut o = Map::new();
            o.insert("platform".into(), json!(ch.platform.name()));
            o.insert("handle".into(), json!(ch.handle));
            if let Some(f) = ch.followers {
                o.insert("followers".into(), json!(f));
            }
            if let Some(e) = ch.engagement {
                o.insert("engagement".into(), json!(e));
            }
            if let Some(v) = ch.avg_views {
                o.insert("avg_views".into(), json!(v));
            }
            if let Some(u) = &ch.url {
                o.insert("url".into(), json!(u));
            }
            Value::Object(o)
        })
        .collect();
    m.insert("channels".into(), Value::Array(channels));
    if let Some(f) = c.known_followers() {
        m.insert("followers".into(), json!(f));
    }
    m.insert("tier".into(), json!(c.tier(tiers).map(|t| t.name())));
    m
}

/// The fields of every creator, one column each, before the channel columns.
const CSV_FIELDS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "email",
    "niches",
    "location",
    "languages",
    "kind",
    "followers",
    "tier",
    "engagement",
    "rate",
    "currency",
    "fake_followers",
    "vetted_on",
    "notes",
];

/// What each channel contributes, as `<platform>_<field>` columns.
const CHANNEL_FIELDS: &[&str] = &["handle", "followers", "engagement", "avg_views", "url"];

/// One row per creator with a header row: the creator's fields, then a group of columns per
/// platform found among them (`instagram_handle`, `instagram_followers`, …; a second account on
/// one platform gets `instagram_2_…`). Lists are joined with `; `. Cells a spreadsheet would
/// run as a formula are neutralised with a leading `'`.
pub fn csv(
    out: &mut dyn Write,
    rows: &[Row<'_>],
    index: &Index,
    tiers: &TierBounds,
    with_stage: bool,
    stage: &dyn Fn(usize) -> Option<Stage>,
) -> io::Result<()> {
    let groups = channel_groups(rows);
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<String> = CSV_FIELDS.iter().map(|s| s.to_string()).collect();
    if with_stage {
        header.push("stage".into());
    }
    for (platform, n) in &groups {
        for k in 1..=*n {
            let prefix = if k == 1 {
                platform.name().to_string()
            } else {
                format!("{}_{k}", platform.name())
            };
            header.extend(CHANNEL_FIELDS.iter().map(|f| format!("{prefix}_{f}")));
        }
    }
    w.write_record(header.iter().map(|h| safe(h).into_owned()))?;
    for (row, c) in rows {
        let join = |list: &[compact_str::CompactString]| {
            list.iter()
                .map(|s| s.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let engagement = index.engagement[*row];
        let mut record: Vec<String> = vec![
            c.id.to_string(),
            c.name.to_string(),
            join(&c.aliases),
            c.email.as_deref().unwrap_or_default().to_string(),
            join(&c.niches),
            c.location.as_deref().unwrap_or_default().to_string(),
            join(&c.languages),
            c.kind.map(|k| k.name()).unwrap_or_default().to_string(),
            c.known_followers()
                .map(|f| f.to_string())
                .unwrap_or_default(),
            c.tier(tiers)
                .map(|t| t.name())
                .unwrap_or_default()
                .to_string(),
            if engagement.is_nan() {
                String::new()
            } else {
                engagement.to_string()
            },
            c.rate.map(|r| r.to_string()).unwrap_or_default(),
            c.currency.as_deref().unwrap_or_default().to_string(),
            c.fake_followers.map(|f| f.to_string()).unwrap_or_default(),
            c.vetted_on.map(|d| d.to_string()).unwrap_or_default(),
            c.notes.clone().unwrap_or_default(),
        ];
        if with_stage {
            record.push(stage(*row).map(Stage::name).unwrap_or_default().to_string());
        }
        for (platform, n) in &groups {
            let mine: Vec<_> = c
                .channels
                .iter()
                .filter(|ch| &ch.platform == platform)
                .collect();
            for k in 0..*n {
                match mine.get(k) {
                    Some(ch) => record.extend([
                        ch.handle.to_string(),
                        ch.followers.map(|f| f.to_string()).unwrap_or_default(),
                        ch.engagement.map(|e| e.to_string()).unwrap_or_default(),
                        ch.avg_views.map(|v| v.to_string()).unwrap_or_default(),
                        ch.url.clone().unwrap_or_default(),
                    ]),
                    None => record.extend(std::iter::repeat_n(String::new(), CHANNEL_FIELDS.len())),
                }
            }
        }
        w.write_record(record.iter().map(|v| safe(v).into_owned()))?;
    }
    w.flush()
}

/// The platforms found among the creators, in the usual order, with the most accounts one
/// creator has on each.
fn channel_groups(rows: &[Row<'_>]) -> Vec<(Platform, usize)> {
    let mut groups: Vec<(Platform, usize)> = Vec::new();
    for (_, c) in rows {
        for ch in &c.channels {
            let count = c
                .channels
                .iter()
                .filter(|x| x.platform == ch.platform)
                .count();
            match groups.iter_mut().find(|(p, _)| *p == ch.platform) {
                Some((_, n)) => *n = (*n).max(count),
                None => groups.push((ch.platform.clone(), count)),
            }
        }
    }
    groups.sort_by_key(|(p, _)| {
        (
            Index::platform_code(p).unwrap_or(u16::MAX),
            p.name().to_string(),
        )
    });
    groups
}

/// A cell a spreadsheet will not run as a formula: one starting with `=`, `+`, `-`, `@`, a tab
/// or a carriage return gets a leading `'`.
/// Writes the UTF-8 byte-order mark when asked: Excel then reads the CSV as UTF-8 rather
/// than in the system's legacy encoding (which garbles Chinese).
pub fn bom(out: &mut dyn Write, wanted: bool) -> io::Result<()> {
    if wanted {
        out.write_all("\u{feff}".as_bytes())?;
    }
    Ok(())
}

pub fn safe(cell: &str) -> Cow<'_, str> {
    if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The width of the terminal that standard output goes to, if it goes to one.
pub fn terminal_width() -> Option<usize> {
    terminal_size::terminal_size().map(|(w, _)| usize::from(w.0))
}

/// The results as a table fitted to `width` columns (when printing to a terminal).
pub fn table(
    rows: &[Row<'_>],
    index: &Index,
    _query: &Query,
    tiers: &TierBounds,
    with_stage: bool,
    stage: &dyn Fn(usize) -> Option<Stage>,
    width: Option<usize>,
) -> String {
    let mut columns = vec![
        Column::number("#", 9),
        Column::text("NAME", 8, 9),
        Column::text("ID", 8, 8),
        Column::text("MAIN CHANNEL", 10, 7),
        Column::number("FOLLOWERS", 9),
        Column::text("TIER", 4, 6),
        Column::number("ER", 5),
        Column::text("NICHES", 6, 3),
        Column::text("LOCATION", 6, 2),
    ];
    if with_stage {
        columns.push(Column::text("STAGE", 5, 8));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(rank, (row, c))| {
            let main = index.main_label(*row);
            let engagement = index.engagement[*row];
            let mut cells = vec![
                (rank + 1).to_string(),
                c.name.to_string(),
                c.id.to_string(),
                main,
                c.known_followers().map_or_else(|| "-".into(), compact),
                index
                    .tier(*row, tiers)
                    .map(|t| t.name())
                    .unwrap_or("-")
                    .to_string(),
                if engagement.is_nan() {
                    "-".into()
                } else {
                    percent(engagement)
                },
                c.niches
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                c.location.as_deref().unwrap_or_default().to_string(),
            ];
            if with_stage {
                cells.push(stage(*row).map(Stage::name).unwrap_or("-").to_string());
            }
            cells
        })
        .collect();
    render(&columns, &cells, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_cells_are_neutralised() {
        assert_eq!(safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe("+886 2 1234"), "'+886 2 1234");
        assert_eq!(safe("-5"), "'-5");
        assert_eq!(safe("@alias"), "'@alias");
        assert_eq!(safe("\tx"), "'\tx");
        assert_eq!(safe("plain"), "plain");
        assert_eq!(safe("a=b"), "a=b");
    }
}
