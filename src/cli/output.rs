//! Printing creators as a table for people, JSON for programs, and CSV for spreadsheets.

use std::borrow::Cow;
use std::io::{self, Write};

use serde_json::{Map, Value, json};

use super::table::{Column, render};
use crate::display::{compact, percent};
use crate::model::fields::{CHANNEL_FIELDS, CREATOR_FIELDS, Holds, Value as FieldValue};
use crate::model::{Creator, Platform, Stage, TierBounds};
use crate::search::{Index, Picked, Sort, Track};

/// How a list is printed: a table for people, JSON for programs, CSV for spreadsheets, vCards
/// for address books.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
    Csv,
    Vcf,
}

/// One result: its row in the index and the creator.
pub type Row<'a> = (usize, Cow<'a, Creator>);

/// How results are shown besides the creators themselves: the index, the channel picked for
/// each result (in the same order) and its cost per engagement, the stage in a campaign, and
/// the records of past campaigns.
pub struct Shown<'a> {
    pub index: &'a Index,
    pub tiers: &'a TierBounds,
    pub picked: &'a [Picked],
    pub stage: Option<&'a dyn Fn(usize) -> Option<Stage>>,
    pub track: Option<&'a dyn Fn(usize) -> Option<Track>>,
    pub sort: Option<Sort>,
    /// The currency costs per engagement are in.
    pub base: &'a str,
}

impl Shown<'_> {
    fn channel(&self, i: usize) -> Option<usize> {
        self.picked
            .get(i)
            .and_then(|p| p.channel)
            .map(|c| c as usize)
    }

    fn cpe(&self, i: usize) -> Option<f64> {
        self.picked.get(i).and_then(|p| p.cpe)
    }
}

/// A JSON array, one object per creator in the given order, with the fields as in the file plus
/// the total `followers`, the `tier`, the channel that matched (`matched_channel`), the cost per
/// engagement on it (`cpe`, in the base currency), and the `stage` when a campaign is given.
pub fn json(out: &mut dyn Write, rows: &[Row<'_>], shown: &Shown<'_>) -> io::Result<()> {
    let mut out = io::BufWriter::new(out);
    out.write_all(b"[")?;
    for (i, (row, c)) in rows.iter().enumerate() {
        out.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        let mut object = creator_json(c, shown.tiers);
        let ix = shown.index;
        // Always the four keys of the contract; a figure not known is null.
        let matched = shown.channel(i).map(|ch| {
            json!({
                "platform": ix.platform_of(ix.platform[ch]).name(),
                "handle": ix.handles.get(ch),
                "followers": ix.channel_followers_known(ch),
                "engagement": ix.channel_engagement_known(ch),
            })
        });
        object.insert("matched_channel".into(), matched.unwrap_or(Value::Null));
        object.insert("cpe".into(), json!(shown.cpe(i)));
        if let Some(stage) = shown.stage {
            object.insert("stage".into(), json!(stage(*row).map(Stage::name)));
        }
        if let Some(track) = shown.track {
            let t = track(*row);
            object.insert("worked".into(), json!(t.is_some_and(|t| t.worked)));
            object.insert("rebook".into(), json!(t.and_then(|t| t.rebook)));
            object.insert("achieved_cpe".into(), json!(t.and_then(|t| t.cpe)));
        }
        out.write_all(crate::term::json_safe(&serde_json::to_string(&object)?).as_bytes())?;
    }
    out.write_all(if rows.is_empty() { b"]\n" } else { b"\n]\n" })?;
    out.flush()
}

/// A creator as a JSON object: its fields in the vocabulary's order (absent values left out,
/// lists always present), its channels, then the total `followers` and the `tier`.
pub fn creator_json(c: &Creator, tiers: &TierBounds) -> Map<String, Value> {
    let mut m = Map::new();
    for field in CREATOR_FIELDS.iter().filter(|f| f.holds != Holds::Channels) {
        if let Some(v) = json_value(c.value(field.key), field.holds) {
            m.insert(field.key.into(), v);
        }
    }
    let channels: Vec<Value> = c
        .channels
        .iter()
        .map(|ch| {
            let mut o = Map::new();
            for field in CHANNEL_FIELDS {
                if let Some(v) = json_value(ch.value(field.key), field.holds) {
                    o.insert(field.key.into(), v);
                }
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

/// A field's value as JSON; a list is always there, another absent value is not.
fn json_value(value: FieldValue<'_>, holds: Holds) -> Option<Value> {
    Some(match value {
        FieldValue::Text(t) => json!(t),
        FieldValue::List(l) => json!(l),
        FieldValue::Count(n) => json!(n),
        FieldValue::Percent(p) => json!(p),
        FieldValue::Date(d) => json!(d.to_string()),
        FieldValue::Absent if holds == Holds::List => json!([] as [&str; 0]),
        FieldValue::Absent => return None,
    })
}

/// The columns worked out from the channels rather than read from the file, written after
/// `kind`.
const WORKED_OUT: &[&str] = &["followers", "tier", "engagement"];

/// The columns of every creator, before the channel columns: the vocabulary's fields but the
/// channel list, with the totals worked out from the channels after `kind`.
fn csv_fields() -> Vec<&'static str> {
    let mut fields = Vec::new();
    for f in CREATOR_FIELDS.iter().filter(|f| f.holds != Holds::Channels) {
        fields.push(f.key);
        if f.key == "kind" {
            fields.extend_from_slice(WORKED_OUT);
        }
    }
    fields
}

/// One row per creator with a header row: the creator's fields, then a group of columns per
/// platform found among them (`instagram_handle`, `instagram_followers`, …; a second account on
/// one platform gets `instagram_2_…`). Lists are joined with `; `. Cells a spreadsheet would
/// run as a formula are neutralised with a leading `'`.
pub fn csv(out: &mut dyn Write, rows: &[Row<'_>], shown: &Shown<'_>) -> io::Result<()> {
    let (index, tiers) = (shown.index, shown.tiers);
    let groups = channel_groups(rows);
    let mut w = csv::Writer::from_writer(out);
    let fields = csv_fields();
    let mut header: Vec<String> = fields.iter().map(|s| s.to_string()).collect();
    header.push("cpe".into());
    if shown.stage.is_some() {
        header.push("stage".into());
    }
    for (platform, n) in &groups {
        for k in 1..=*n {
            let prefix = if k == 1 {
                platform.name().to_string()
            } else {
                format!("{}_{k}", platform.name())
            };
            header.extend(channel_columns().map(|f| format!("{prefix}_{f}")));
        }
    }
    w.write_record(header.iter().map(|h| safe(h).into_owned()))?;
    for (i, (row, c)) in rows.iter().enumerate() {
        let engagement = index.engagement[*row];
        let mut record: Vec<String> = fields
            .iter()
            .map(|key| match *key {
                "followers" => c
                    .known_followers()
                    .map(|f| f.to_string())
                    .unwrap_or_default(),
                "tier" => c
                    .tier(tiers)
                    .map(|t| t.name())
                    .unwrap_or_default()
                    .to_string(),
                "engagement" if !engagement.is_nan() => engagement.to_string(),
                "engagement" => String::new(),
                key => c.value(key).cell(),
            })
            .collect();
        record.push(shown.cpe(i).map(|c| c.to_string()).unwrap_or_default());
        if let Some(stage) = shown.stage {
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
                    Some(ch) => record.extend(channel_columns().map(|f| ch.value(f).cell())),
                    None => record.extend(channel_columns().map(|_| String::new())),
                }
            }
        }
        w.write_record(record.iter().map(|v| safe(v).into_owned()))?;
    }
    w.flush()
}

/// What each channel contributes, as `<platform>_<field>` columns: its fields but the platform.
fn channel_columns() -> impl Iterator<Item = &'static str> {
    CHANNEL_FIELDS
        .iter()
        .map(|f| f.key)
        .filter(|k| *k != "platform")
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

/// The results as a table fitted to `width` columns (when printing to a terminal). Each row
/// shows the channel that matched — its followers, tier and engagement — then the total.
pub fn table(rows: &[Row<'_>], shown: &Shown<'_>, width: Option<usize>) -> String {
    let index = shown.index;
    let mut columns = vec![
        Column::number("#", 9),
        Column::text("NAME", 8, 9),
        Column::text("ID", 8, 8),
        Column::text("CHANNEL", 10, 7),
        Column::number("FOLLOWERS", 9),
        Column::text("TIER", 4, 6),
        Column::number("ER", 5),
        Column::number("TOTAL", 3),
        Column::text("NICHES", 6, 3),
        Column::text("LOCATION", 6, 2),
    ];
    if shown.stage.is_some() {
        columns.push(Column::text("STAGE", 5, 8));
    }
    let cpe_header: &'static str = match shown.base {
        "TWD" => "CPE (TWD)",
        "USD" => "CPE (USD)",
        "HKD" => "CPE (HKD)",
        "SGD" => "CPE (SGD)",
        _ => "CPE",
    };
    let with_cpe = shown.sort == Some(Sort::CostPerEngagement);
    if with_cpe {
        columns.push(Column::number(cpe_header, 9));
    }
    let with_achieved = shown.sort == Some(Sort::AchievedCpe);
    if with_achieved {
        columns.push(Column::number("ACHIEVED CPE", 9));
    }
    let cells: Vec<Vec<String>> = rows
        .iter()
        .enumerate()
        .map(|(i, (row, c))| {
            let channel = shown.channel(i);
            let followers = channel.and_then(|ch| index.channel_followers_known(ch));
            let engagement = channel.and_then(|ch| index.channel_engagement_known(ch));
            let mut cells = vec![
                (i + 1).to_string(),
                c.name.to_string(),
                c.id.to_string(),
                channel
                    .map(|ch| index.channel_label(ch))
                    .unwrap_or_default(),
                followers.map_or_else(|| "-".into(), compact),
                followers
                    .map(|f| shown.tiers.tier(f).name())
                    .unwrap_or("-")
                    .to_string(),
                engagement.map_or_else(|| "-".into(), percent),
                c.known_followers().map_or_else(|| "-".into(), compact),
                c.niches
                    .iter()
                    .map(|n| n.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                c.location.as_deref().unwrap_or_default().to_string(),
            ];
            if let Some(stage) = shown.stage {
                cells.push(stage(*row).map(Stage::name).unwrap_or("-").to_string());
            }
            if with_cpe {
                cells.push(
                    shown
                        .cpe(i)
                        .map_or_else(|| "-".into(), |v| format!("{v:.2}")),
                );
            }
            if with_achieved {
                let achieved = shown.track.and_then(|t| t(*row)).and_then(|t| t.cpe);
                cells.push(achieved.map_or_else(|| "-".into(), |v| format!("{v:.2}")));
            }
            cells
        })
        .collect();
    render(&columns, &cells, width)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The totals come right after `kind`, where a spreadsheet reader looks for them.
    #[test]
    fn the_csv_columns_follow_the_vocabulary() {
        let fields = csv_fields();
        let kind = fields.iter().position(|f| *f == "kind").unwrap();
        assert_eq!(&fields[kind + 1..kind + 4], WORKED_OUT);
        assert_eq!(&fields[..3], ["id", "name", "aliases"]);
        assert_eq!(fields.last(), Some(&"notes"));
        assert!(!fields.contains(&"channels"));
    }

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
