//! Reading the `[[entry]]` tables of a shortlist: each entry and its history, every one as
//! written noted (even one with errors), so that a change never overlooks it.

use compact_str::CompactString;
use toml::de::{DeArray, DeValue};

use super::production::{
    CONTRACT_KEYS, DELIVERABLE_KEYS, PAYMENT_KEYS, RESULTS_KEYS, SHIPMENT_KEYS, read_production,
};
use super::{BRIEF_KEYS, ENTRY_KEYS, KnownCreators, WrittenEntry};
use crate::model::fields::{CHANNEL_KEYS, CREATOR_KEYS};
use crate::model::{Change, Entry, Event, MAX_RATE, Stage, id_problem};
use crate::store::diagnostic::Report;
use crate::store::fields::{Fields, describe, nearest};

/// The other tables an entry's key may belong to, and how to say where they are.
const ENTRY_ELSEWHERE: &[(&[&str], &str)] = &[
    (BRIEF_KEYS, "under [campaign]"),
    (DELIVERABLE_KEYS, "in a deliverable: [[entry.deliverable]]"),
    (PAYMENT_KEYS, "in a payment: [[entry.payment]]"),
    (
        CONTRACT_KEYS,
        "in the contract: contract = { signed = …, … }",
    ),
    (SHIPMENT_KEYS, "in the shipment: shipment = { sent = …, … }"),
    (
        RESULTS_KEYS,
        "in a deliverable's results: results = [{ on = …, … }]",
    ),
    (&CHANNEL_KEYS, "to a creator's channel, in creators.toml"),
    (&CREATOR_KEYS, "to the creator, in creators.toml"),
];

/// What the problems of creator `id`'s entry are about, in messages: `(entry sarsa)`.
pub fn entry_subject(id: &str) -> String {
    format!("entry {id}")
}

pub(super) fn read_entries(
    list: &DeArray<'_>,
    report: &mut Report<'_>,
    creators: Option<&dyn KnownCreators>,
    written: &mut Vec<WrittenEntry>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let line = report.line(item.span().start);
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each entry must be a table, found {}",
                describe(item.get_ref())
            );
            report.error(&item.span(), None, message);
            written.push(WrittenEntry {
                creator: None,
                line,
            });
            continue;
        };
        let raw_creator = match table.get("creator").map(|c| c.get_ref()) {
            Some(DeValue::String(id)) if !id.trim().is_empty() => Some(id.trim().to_string()),
            _ => None,
        };
        // The entry written before under the same creator, whether or not it could be read.
        let first = raw_creator.as_deref().and_then(|id| {
            written
                .iter()
                .find(|w| w.creator.as_deref() == Some(id))
                .map(|w| w.line)
        });
        written.push(WrittenEntry {
            creator: raw_creator,
            line,
        });
        if report.source(&item.span()).trim_start().starts_with('{') {
            report.error(
                &item.span(),
                None,
                "write each entry as an [[entry]] table, not inline in entry = [...]: entries are changed only in that form".into(),
            );
        }
        let mut f = Fields::new(table, item.span(), report);
        f.set_subject(Some(format!("entry #{}", i + 1)));
        let creator = f.non_blank("creator", true).map(|c| {
            let id = c.get_ref().trim();
            f.set_subject(Some(entry_subject(id)));
            if let Some(problem) = id_problem(id) {
                f.error(&c.span(), problem);
            } else if let Some(known) = creators
                && !known.contains(id)
            {
                let message = match known.nearest(id) {
                    Some(near) => {
                        format!("no creator \"{id}\" in creators.toml (did you mean \"{near}\"?)")
                    }
                    None => format!("no creator \"{id}\" in creators.toml"),
                };
                f.error(&c.span(), message);
            }
            if let Some(first) = first {
                let message = format!("\"{id}\" is already on this shortlist (line {first})");
                f.error(&c.span(), message);
            }
            CompactString::from(id)
        });
        let stage = match f.text("stage", false) {
            None => Some(Stage::Shortlisted),
            Some(s) => {
                let stage = Stage::parse(s.get_ref());
                if stage.is_none() {
                    let message = stage_message(s.get_ref());
                    f.error(&s.span(), message);
                }
                stage
            }
        };
        let fee = f.whole("fee", false, MAX_RATE);
        let follow_up = f.date("follow_up");
        let deliverables_note = f.optional_text("deliverables").map(|t| t.to_string());
        let notes = f
            .text("notes", false)
            .map(|n| n.get_ref().trim_end().replace("\r\n", "\n"))
            .filter(|n| !n.is_empty());
        let history = history(&mut f);
        let first = history.iter().map(|c| c.at).min();
        let production = read_production(&mut f, first);
        f.unknown_keys(ENTRY_KEYS, |key| {
            crate::store::creators::elsewhere_among(key, ENTRY_KEYS, ENTRY_ELSEWHERE)
        });
        if let (Some(creator), Some(stage)) = (creator, stage) {
            entries.push(Entry {
                creator,
                stage,
                fee,
                follow_up,
                deliverables_note,
                notes,
                contract: production.contract,
                shipment: production.shipment,
                deliverables: production.deliverables,
                payments: production.payments,
                history,
                line,
            });
        }
    }
    entries
}

/// The message for a stage name that is not one, listing the stages.
pub fn stage_message(text: &str) -> String {
    let names = Stage::ALL.map(Stage::name);
    match nearest(text, names) {
        Some(near) => format!(
            "unknown stage \"{}\" (did you mean \"{near}\"?)",
            text.escape_debug()
        ),
        None => format!(
            "unknown stage \"{}\" (stages: {})",
            text.escape_debug(),
            names.join(", ")
        ),
    }
}

/// The keys of a history record.
pub const HISTORY_KEYS: &[&str] = &["at", "stage", "event", "note", "message_id"];

pub(super) fn history(f: &mut Fields<'_, '_, '_, '_>) -> Vec<Change> {
    let Some(list) = f.tables("history", false) else {
        return Vec::new();
    };
    let subject = f.subject().map(str::to_string);
    let mut out = Vec::with_capacity(list.len());
    for item in list.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each history record must be a table like {{ at = 2026-11-20T10:02:00+08:00, stage = \"contacted\" }}, found {}",
                describe(item.get_ref())
            );
            f.error(&item.span(), message);
            continue;
        };
        let mut h = Fields::new(table, item.span(), f.report());
        h.set_subject(subject.clone());
        let at = h.moment("at", true);
        let stage = h.text("stage", false).and_then(|s| {
            let stage = Stage::parse(s.get_ref());
            if stage.is_none() {
                h.error(&s.span(), stage_message(s.get_ref()));
            }
            stage
        });
        let event = h.choice("event", false, "event", &Event::names(), Event::parse);
        match (h.get("stage"), h.get("event")) {
            (None, None) => {
                let at = h.at();
                h.error(
                    &at,
                    "a history record needs a \"stage\" (the stage entered) or an \"event\" (replied, auto-reply, sent)".into(),
                );
            }
            (Some(_), Some(e)) => {
                let span = e.span();
                h.error(
                    &span,
                    "a history record is a change of stage or an event, not both".into(),
                );
            }
            _ => {}
        }
        let note = h.optional_text("note").map(|n| n.to_string());
        let message_id = h.optional_text("message_id").map(|n| n.to_string());
        h.unknown_keys(HISTORY_KEYS, |_| None);
        if let Some((at, offset)) = at
            && stage.is_some() != event.is_some()
        {
            out.push(Change {
                at,
                offset,
                stage,
                event,
                note,
                message_id,
            });
        }
    }
    out
}
