//! `shortlist pipeline CAMPAIGN [--format table|json|csv]`: where every creator on the
//! shortlist stands, the fees per stage against the budget, and what to do next for each.

use std::io::Write;
use std::process::ExitCode;

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use super::output::{Format, safe};
use super::table::{Column, render};
use crate::display::grouped;
use crate::model::{Campaign, Entry, Stage};
use crate::outreach::follow_up::since;
use crate::outreach::{Budget, Cadence, Due, next_action_by};
use crate::search::IndexIds;
use crate::workspace::{Roster, Session};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// With --format csv: start with a UTF-8 byte-order mark, so that Excel shows Chinese
    #[arg(long)]
    bom: bool,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    session.find_campaign(&args.campaign)?;
    let roster = super::roster(session)?;
    let campaign = super::campaign_or_fail(session, &roster, &args.campaign)?;
    let today = crate::clock::now()?.date();
    let budget = Budget::of(&campaign, &session.config.currency);
    let ids = roster.ids();
    let entries = ordered(&campaign);
    let p = Pipeline {
        campaign: &campaign,
        budget: &budget,
        entries: &entries,
        roster: &roster,
        ids: &ids,
        today,
        cadence: &session.config.cadence,
    };
    let mut out = crate::term::out();
    match args.format {
        Format::Table => out.write_all(table(&p).as_bytes())?,
        Format::Json => {
            let json = serde_json::to_string_pretty(&json_of(&p))?;
            out.write_all(crate::term::json_safe(&json).as_bytes())?;
            writeln!(out)?;
        }
        Format::Csv => {
            super::output::bom(&mut out, args.bom)?;
            csv(&mut out, &p)?
        }
        // The shortlist as contacts, in pipeline order.
        Format::Vcf => {
            let creators: Vec<_> = entries
                .iter()
                .filter_map(|e| roster.creator(&ids, &e.creator))
                .collect();
            let mut cards = Vec::new();
            super::vcard::write(&mut cards, &creators, &session.config.currency)?;
            crate::term::document(&cards)?
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// A campaign's pipeline as it is printed.
#[derive(Clone, Copy)]
struct Pipeline<'a> {
    campaign: &'a Campaign,
    budget: &'a Budget,
    /// In pipeline order.
    entries: &'a [&'a Entry],
    roster: &'a Roster,
    ids: &'a IndexIds<'a>,
    today: Date,
    /// How often to follow up (the configured cadence).
    cadence: &'a Cadence,
}

/// The entries in pipeline order, then as in the file.
fn ordered(campaign: &Campaign) -> Vec<&Entry> {
    let mut entries: Vec<&Entry> = campaign.entries.iter().collect();
    entries.sort_by_key(|e| Stage::ALL.iter().position(|s| *s == e.stage));
    entries
}

fn table(p: &Pipeline<'_>) -> String {
    let mut out = String::new();
    let mut head = vec![format!("{} ({})", p.campaign.brief.name, p.campaign.id)];
    if let Some(brand) = &p.campaign.brief.brand {
        head.push(brand.clone());
    }
    if let Some(b) = p.budget.budget {
        head.push(format!("budget {} {}", p.budget.currency, grouped(b)));
    }
    out.push_str(&format!("{}\n\n", head.join(" · ")));
    let stages: Vec<Vec<String>> = Stage::ALL
        .iter()
        .map(|s| (s, p.budget.stage(*s)))
        .filter(|(s, t)| !s.is_closed() || t.entries > 0)
        .map(|(s, t)| {
            vec![
                s.name().to_string(),
                t.entries.to_string(),
                if t.fees > 0 {
                    grouped(t.fees)
                } else {
                    "-".into()
                },
            ]
        })
        .collect();
    let columns = [
        Column::text("STAGE", 11, 9),
        Column::number("ENTRIES", 9),
        Column::number("FEES", 9),
    ];
    out.push_str(&render(&columns, &stages, None));
    let mut money = vec![format!(
        "committed {} {}",
        p.budget.currency,
        grouped(p.budget.committed)
    )];
    if let (Some(b), Some(left)) = (p.budget.budget, p.budget.remaining()) {
        let share = p
            .budget
            .committed
            .saturating_mul(100)
            .checked_div(b)
            .unwrap_or(0);
        money[0].push_str(&format!(" of {} ({share}%)", grouped(b)));
        if left < 0 {
            money.push(format!(
                "OVER BUDGET by {}",
                grouped(left.unsigned_abs() as u64)
            ));
        } else {
            money.push(format!("left {}", grouped(left as u64)));
        }
    }
    money.push(format!("proposed {}", grouped(p.budget.proposed)));
    out.push_str(&format!("{}\n", money.join(" · ")));
    if p.entries.is_empty() {
        out.push_str(&format!(
            "\nno one on the shortlist yet: shortlist add {} CREATOR…\n",
            p.campaign.id
        ));
        return out;
    }
    out.push('\n');
    let rows: Vec<Vec<String>> = p
        .entries
        .iter()
        .map(|e| {
            vec![
                e.creator.to_string(),
                p.roster
                    .name(p.ids, &e.creator)
                    .unwrap_or("(not in creators.toml)")
                    .to_string(),
                e.stage.name().to_string(),
                e.fee.map(grouped).unwrap_or_else(|| "-".into()),
                since(e)
                    .map(|d| d.to_string())
                    .unwrap_or_else(|| "-".into()),
                next_action_by(e, p.today, p.cadence)
                    .map(|d| d.describe(p.today))
                    .unwrap_or_default(),
            ]
        })
        .collect();
    let columns = [
        Column::text("CREATOR", 8, 9),
        Column::text("NAME", 6, 7),
        Column::text("STAGE", 11, 8),
        Column::number("FEE", 6),
        Column::text("SINCE", 10, 4),
        Column::text("NEXT", 10, 8),
    ];
    out.push_str(&render(&columns, &rows, super::output::terminal_width()));
    out
}

fn due_json(due: Option<Due>, today: Date) -> Value {
    match due {
        Some(d) => {
            let mut m = super::due::fields(&d, today);
            m.insert("due".into(), json!(d.on <= today));
            Value::Object(m)
        }
        None => Value::Null,
    }
}

fn json_of(p: &Pipeline<'_>) -> Value {
    let stages: Vec<Value> = Stage::ALL
        .iter()
        .map(|s| {
            let t = p.budget.stage(*s);
            json!({"stage": s.name(), "entries": t.entries, "fees": t.fees})
        })
        .collect();
    let list: Vec<Value> = p
        .entries
        .iter()
        .map(|e| {
            let mut m = Map::new();
            m.insert("creator".into(), json!(e.creator.as_str()));
            m.insert("name".into(), json!(p.roster.name(p.ids, &e.creator)));
            m.insert("stage".into(), json!(e.stage.name()));
            m.insert("fee".into(), json!(e.fee));
            m.insert(
                "follow_up".into(),
                json!(e.follow_up.map(|d| d.to_string())),
            );
            m.insert("since".into(), json!(since(e).map(|d| d.to_string())));
            m.insert(
                "next".into(),
                due_json(next_action_by(e, p.today, p.cadence), p.today),
            );
            m.insert("deliverables".into(), json!(e.deliverables_note));
            m.insert("notes".into(), json!(e.notes));
            m.insert("changes".into(), json!(e.history.len()));
            m.extend(super::records_json::records(e));
            Value::Object(m)
        })
        .collect();
    json!({
        "id": p.campaign.id.as_str(),
        "name": p.campaign.brief.name,
        "brand": p.campaign.brief.brand,
        "currency": p.budget.currency,
        "budget": p.budget.budget,
        "committed": p.budget.committed,
        "proposed": p.budget.proposed,
        "remaining": p.budget.remaining().map(|r| r as i64),
        "stages": stages,
        "entries": list,
    })
}

fn csv(out: &mut dyn Write, p: &Pipeline<'_>) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record([
        "creator",
        "name",
        "email",
        "handles",
        "followers",
        "stage",
        "fee",
        "currency",
        "since",
        "follow_up",
        "next_action",
        "next_on",
        "notes",
    ])?;
    for e in p.entries {
        let next = next_action_by(e, p.today, p.cadence);
        // Who they are, to write or call: their address, each channel, their reach.
        let creator = p.roster.creator(p.ids, &e.creator);
        let email = creator
            .as_ref()
            .and_then(|c| c.email.as_deref())
            .unwrap_or_default()
            .to_string();
        let handles = creator
            .as_ref()
            .map(|c| {
                c.channels
                    .iter()
                    .map(|ch| format!("{} @{}", ch.platform.name(), ch.handle))
                    .collect::<Vec<_>>()
                    .join("; ")
            })
            .unwrap_or_default();
        let followers = creator
            .as_ref()
            .and_then(|c| c.known_followers())
            .map(|f| f.to_string())
            .unwrap_or_default();
        let row = [
            e.creator.to_string(),
            p.roster
                .name(p.ids, &e.creator)
                .unwrap_or_default()
                .to_string(),
            email,
            handles,
            followers,
            e.stage.name().to_string(),
            e.fee.map(|f| f.to_string()).unwrap_or_default(),
            p.budget.currency.clone(),
            since(e).map(|d| d.to_string()).unwrap_or_default(),
            e.follow_up.map(|d| d.to_string()).unwrap_or_default(),
            next.as_ref()
                .map(|d| d.action.name().to_string())
                .unwrap_or_default(),
            next.as_ref().map(|d| d.on.to_string()).unwrap_or_default(),
            e.notes.clone().unwrap_or_default(),
        ];
        w.write_record(row.iter().map(|c| safe(c).into_owned()))?;
    }
    w.flush()?;
    Ok(())
}
