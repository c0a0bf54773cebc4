//! `shortlist creator ID [--format table|json]`: one creator across every campaign — stage,
//! fee, paid and owed, deliverables and what is next in each; how they keep to dates; and the
//! exclusivities in force.

use std::io::Write;
use std::process::ExitCode;

use serde_json::{Value, json};

use super::table::{Column, render};
use crate::display::grouped;
use crate::outreach::records::state;
use crate::outreach::{Cadence, next_action_by};
use crate::workspace::{CreatorRecord, Session};

/// How the creator is printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The creator's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::creators))]
    pub(super) id: String,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let roster = super::roster(session)?;
    let today = crate::clock::now()?.date();
    let record = session.creator_record(&roster, &args.id)?;
    crate::term::report::diagnostics(&record.problems);
    let mut out = crate::term::out();
    match args.format {
        Format::Json => {
            let text =
                serde_json::to_string_pretty(&json_of(&record, today, &session.config.cadence))?;
            out.write_all(crate::term::json_safe(&text).as_bytes())?;
            writeln!(out)?;
        }
        Format::Table => {
            out.write_all(table(&record, today, &session.config.cadence).as_bytes())?
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn table(r: &CreatorRecord, today: jiff::civil::Date, cadence: &Cadence) -> String {
    let mut out = match &r.name {
        Some(name) => format!("{name} ({})\n", r.id),
        None => format!("{} (not in creators.toml)\n", r.id),
    };
    let p = r.punctuality(today);
    out.push_str(&format!(
        "posts      {} on time · {} late · {} overdue · {} review round{}, {} sent back\n",
        p.on_time,
        p.late,
        p.overdue,
        p.rounds,
        if p.rounds == 1 { "" } else { "s" },
        p.sent_back
    ));
    let exclusive = r.exclusivities(today);
    if exclusive.is_empty() {
        out.push_str("exclusive  none in force\n");
    }
    for x in &exclusive {
        out.push_str(&format!(
            "exclusive  {} until {} ({})\n",
            x.niches.join(", "),
            x.until,
            x.campaign
        ));
    }
    if r.parts.is_empty() {
        out.push_str("\non no shortlist yet\n");
        return out;
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = r
        .parts
        .iter()
        .map(|part| {
            let e = &part.entry;
            let (paid, owed) = e.paid_and_owed();
            let deliverables: Vec<String> = e
                .deliverables
                .iter()
                .map(|d| format!("{}: {}", d.id, state(d)))
                .collect();
            vec![
                part.campaign.clone(),
                e.stage.name().to_string(),
                e.fee.map(grouped).unwrap_or_else(|| "-".into()),
                grouped(paid),
                grouped(owed),
                achieved(part.achieved.as_ref()),
                deliverables.join("; "),
                next_action_by(e, today, cadence)
                    .map(|d| d.describe(today))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let columns = [
        Column::text("CAMPAIGN", 8, 8),
        Column::text("STAGE", 11, 5),
        Column::number("FEE", 6),
        Column::number("PAID", 5),
        Column::number("OWED", 5),
        Column::text("ACHIEVED", 8, 7),
        Column::text("DELIVERABLES", 12, 8),
        Column::text("NEXT", 10, 8),
    ];
    out.push_str(&render(&columns, &rows, super::output::terminal_width()));
    out
}

fn json_of(r: &CreatorRecord, today: jiff::civil::Date, cadence: &Cadence) -> Value {
    let p = r.punctuality(today);
    let campaigns: Vec<Value> = r
        .parts
        .iter()
        .map(|part| {
            let e = &part.entry;
            let mut m = serde_json::Map::new();
            m.insert("campaign".into(), json!(part.campaign));
            m.insert("name".into(), json!(part.campaign_name));
            m.insert("currency".into(), json!(part.currency));
            m.insert("stage".into(), json!(e.stage.name()));
            m.insert("fee".into(), json!(e.fee));
            m.extend(super::records_json::records(e));
            let achieved = part.achieved.as_ref().map(|t| {
                let mut a = serde_json::Map::new();
                for (key, value) in [
                    ("cost", t.cost),
                    ("views", t.views),
                    ("engagements", t.engagements),
                    ("clicks", t.clicks),
                    ("code_uses", t.code_uses),
                    ("sales", t.sales),
                ] {
                    a.insert(key.into(), json!(value));
                }
                for (key, value) in [("cpm", t.cpm()), ("cpe", t.cpe()), ("roas", t.roas())] {
                    if let Some(v) = value {
                        a.insert(key.into(), json!(v));
                    }
                }
                a.insert("source".into(), json!(t.source()));
                Value::Object(a)
            });
            m.insert("achieved".into(), achieved.unwrap_or(Value::Null));
            let next = next_action_by(e, today, cadence)
                .map(|d| Value::Object(super::due::fields(&d, today)));
            m.insert("next".into(), next.unwrap_or(Value::Null));
            Value::Object(m)
        })
        .collect();
    let exclusivities: Vec<Value> = r
        .exclusivities(today)
        .iter()
        .map(|x| json!({"campaign": x.campaign, "niches": x.niches, "until": x.until.to_string()}))
        .collect();
    json!({
        "id": r.id,
        "name": r.name,
        "on_time": p.on_time,
        "late": p.late,
        "overdue": p.overdue,
        "rounds": p.rounds,
        "sent_back": p.sent_back,
        "exclusivities": exclusivities,
        "campaigns": campaigns,
    })
}

/// What a campaign achieved, in a few figures: "CPE 15.20 · ROAS 7.49 · 62,000 views".
fn achieved(t: Option<&crate::outreach::report::Totals>) -> String {
    let Some(t) = t else { return "-".into() };
    let mut words = Vec::new();
    if let Some(cpe) = t.cpe() {
        words.push(format!("CPE {cpe:.2}"));
    }
    if let Some(roas) = t.roas() {
        words.push(format!("ROAS {roas:.2}"));
    }
    words.push(format!("{} views", grouped(t.views)));
    let mark = if t.measured() { "" } else { "~" };
    format!("{mark}{}", words.join(" · "))
}
