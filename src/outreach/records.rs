//! The changes to an entry's records — fee, contract, shipment, deliverables with their rounds
//! and results, payments — and taking entries off a shortlist, applied to the campaign in
//! memory with their rules, and turned into what the file must change.

use jiff::Zoned;

use super::edits::{Edit, FileChange, Outcome, Refusal};
use crate::model::{
    Campaign, Contract, Deliverable, Entry, Payment, Platform, Record, Round, Shipment, Stage, Val,
    Verdict,
};

type Applied = Result<(Outcome, Vec<FileChange>), Refusal>;

fn rule(message: impl Into<String>) -> Refusal {
    Refusal::Rule(message.into())
}

/// Applies one of the record edits to `entry`.
pub(super) fn apply(entry: &mut Entry, edit: &Edit, now: &Zoned) -> Applied {
    let creator = entry.creator.to_string();
    match edit {
        Edit::Fee { fee, was, .. } => {
            if let Some(was) = was
                && *was != entry.fee
            {
                return Err(Refusal::Conflict(format!(
                    "{creator}'s fee is now {} there",
                    entry.fee.map_or("unset".into(), crate::display::grouped)
                )));
            }
            if entry.fee == *fee {
                return Ok((
                    Outcome::Unchanged(format!("{creator}: fee unchanged")),
                    Vec::new(),
                ));
            }
            entry.fee = *fee;
            let words = match fee {
                Some(f) => format!("{creator}: fee {}", crate::display::grouped(*f)),
                None => format!("{creator}: fee cleared"),
            };
            Ok((
                Outcome::Done(words),
                vec![FileChange::SetFee { creator, fee: *fee }],
            ))
        }
        Edit::Set { record, values, .. } => set(entry, record, values),
        Edit::Round {
            deliverable, round, ..
        } => {
            let d = deliverable_mut(entry, deliverable)?;
            if d.posted.is_some() {
                return Err(rule(format!(
                    "{deliverable} is already posted; a review round comes before the post"
                )));
            }
            let mut round = round.clone();
            round.at = Some((now.timestamp(), now.offset()));
            d.rounds.push(round.clone());
            let verdict = match round.verdict {
                Some(Verdict::Approved) => "approved",
                Some(Verdict::Changes) => "changes asked",
                None => "submitted",
            };
            Ok((
                Outcome::Done(format!("{creator}: {deliverable} {} {verdict}", round.step)),
                vec![FileChange::AddRound {
                    creator,
                    deliverable: deliverable.clone(),
                    round,
                }],
            ))
        }
        Edit::Results {
            deliverable,
            results,
            ..
        } => {
            let d = deliverable_mut(entry, deliverable)?;
            let Some(posted) = d.posted else {
                return Err(rule(format!(
                    "{deliverable} is not marked posted yet; record the post first (its date and url)"
                )));
            };
            if let Some(on) = results.on
                && on < posted
            {
                return Err(rule(format!(
                    "results of {on} come before the post ({posted})"
                )));
            }
            if results.is_empty() {
                return Err(rule("no figures to record: give views, likes, … "));
            }
            d.results.push(results.clone());
            let views = results
                .views
                .map(|v| format!(" ({} views)", crate::display::grouped(v)))
                .unwrap_or_default();
            Ok((
                Outcome::Done(format!("{creator}: {deliverable} results recorded{views}")),
                vec![FileChange::AddResults {
                    creator,
                    deliverable: deliverable.clone(),
                    results: results.clone(),
                }],
            ))
        }
        Edit::AddPayment { payment, .. } => {
            entry.payments.push(payment.clone());
            let due = payment.due.map(|d| format!(" due {d}")).unwrap_or_default();
            let paid = payment
                .paid
                .map(|d| format!(" paid {d}"))
                .unwrap_or_default();
            Ok((
                Outcome::Done(format!(
                    "{creator}: {} {}{due}{paid} added",
                    payment.what(),
                    crate::display::grouped(payment.amount)
                )),
                vec![FileChange::AddPayment {
                    creator,
                    payment: payment.clone(),
                }],
            ))
        }
        other => Err(rule(format!(
            "not a change of records: {}",
            other.describe()
        ))),
    }
}

fn deliverable_mut<'e>(entry: &'e mut Entry, id: &str) -> Result<&'e mut Deliverable, Refusal> {
    let known: Vec<String> = entry
        .deliverables
        .iter()
        .map(|d| d.id.to_string())
        .collect();
    let creator = entry.creator.to_string();
    entry
        .deliverables
        .iter_mut()
        .find(|d| d.id == id)
        .ok_or_else(|| match known.as_slice() {
            [] => rule(format!("{creator} has no deliverables yet; add {id} first")),
            _ => rule(format!(
                "{creator} has no deliverable {id} (they have {})",
                known.join(", ")
            )),
        })
}

/// Sets `values` on a record: only the values that change are kept for the file.
fn set(entry: &mut Entry, record: &Record, values: &[(String, Val)]) -> Applied {
    let creator = entry.creator.to_string();
    let mut changed: Vec<(String, Val)> = Vec::new();
    let mut created = false;
    macro_rules! apply_to {
        ($rec:expr) => {{
            for (k, v) in values {
                let before = $rec.clone();
                $rec.set(k, v).map_err(rule)?;
                if *$rec != before || created {
                    changed.push((k.clone(), v.clone()));
                }
            }
        }};
    }
    match record {
        Record::Contract => {
            let c = entry.contract.get_or_insert_with(Contract::default);
            apply_to!(c);
        }
        Record::Shipment => {
            let s = entry.shipment.get_or_insert_with(Shipment::default);
            apply_to!(s);
        }
        Record::Deliverable(id) => {
            let id = id.trim();
            if id.is_empty() {
                return Err(rule("a deliverable's id cannot be empty"));
            }
            if !entry.deliverables.iter().any(|d| d.id == id) {
                let Some(platform) = values.iter().find_map(|(k, v)| match (k.as_str(), v) {
                    ("platform", Val::Text(p)) if !p.trim().is_empty() => Some(Platform::parse(p)),
                    _ => None,
                }) else {
                    return Err(rule(format!(
                        "{creator} has no deliverable {id}; give its platform to add it"
                    )));
                };
                entry.deliverables.push(Deliverable::new(id, platform));
                created = true;
            }
            let d = entry
                .deliverables
                .iter_mut()
                .find(|d| d.id == id)
                .ok_or_else(|| rule(format!("{creator} has no deliverable {id}")))?;
            apply_to!(d);
            if d.posted.is_some() && d.url.is_none() {
                return Err(rule(format!(
                    "{id} cannot be marked posted without its url (the post's address)"
                )));
            }
            for (a, b) in [(d.script_due, d.draft_due), (d.draft_due, d.post_by)] {
                if let (Some(a), Some(b)) = (a, b)
                    && b < a
                {
                    return Err(rule(format!("{id}: {b} comes before {a}")));
                }
            }
        }
        Record::Payment(n) => {
            let count = entry.payments.len();
            let p = usize::try_from(*n)
                .ok()
                .and_then(|n| n.checked_sub(1))
                .and_then(|i| entry.payments.get_mut(i))
                .ok_or_else(|| {
                    rule(format!("{creator} has no payment #{n} (they have {count})"))
                })?;
            apply_to!(p);
        }
    }
    if changed.is_empty() {
        return Ok((
            Outcome::Unchanged(format!("{creator}: {record} unchanged")),
            Vec::new(),
        ));
    }
    let what = if created {
        format!("added {record}")
    } else {
        let shown: Vec<String> = changed.iter().map(|(k, v)| format!("{k} {v}")).collect();
        format!("{record}: {}", shown.join(", "))
    };
    Ok((
        Outcome::Done(format!("{creator}: {what}")),
        vec![FileChange::SetRecord {
            creator,
            record: record.clone(),
            values: changed,
        }],
    ))
}

/// Takes `creators` off the shortlist: all or none.
pub(super) fn remove(campaign: &mut Campaign, creators: &[String], force: bool) -> Applied {
    let mut changes = Vec::new();
    for creator in creators {
        let Some(entry) = campaign.entry(creator) else {
            return Err(Refusal::NotListed(creator.clone()));
        };
        if !force && !matches!(entry.stage, Stage::Shortlisted | Stage::Contacted) {
            return Err(rule(format!(
                "{creator} is {}: taking them off would lose their history (use --force to do it anyway)",
                entry.stage
            )));
        }
        if !changes.contains(&FileChange::RemoveEntry(creator.clone())) {
            changes.push(FileChange::RemoveEntry(creator.clone()));
        }
    }
    campaign
        .entries
        .retain(|e| !creators.iter().any(|c| *c == e.creator));
    let names: Vec<&str> = changes.iter().filter_map(FileChange::creator).collect();
    Ok((
        Outcome::Done(format!("removed {}", names.join(", "))),
        changes,
    ))
}

/// A payment as the command line and the interface add it.
pub fn payment(amount: u64) -> Payment {
    Payment {
        kind: None,
        amount,
        due: None,
        paid: None,
        invoice: None,
        line: 0,
    }
}

/// A round as the command line and the interface record it (the time is the save's).
pub fn round(step: crate::model::Step, verdict: Option<Verdict>, note: Option<String>) -> Round {
    Round {
        at: None,
        step,
        verdict,
        note,
    }
}

/// Where a deliverable stands, in a few words: "posted 2026-12-14 · live · 48,000 views",
/// "draft: changes asked · post by 2026-12-15", "script submitted", "not started".
pub fn state(d: &Deliverable) -> String {
    use crate::display::grouped;
    let mut words = Vec::new();
    match d.posted {
        Some(on) => {
            words.push(format!("posted {on}"));
            match d.live {
                Some(true) => words.push("live".into()),
                Some(false) => words.push("taken down".into()),
                None => {}
            }
            if let Some(views) = d.latest_results().and_then(|r| r.views) {
                words.push(format!("{} views", grouped(views)));
            }
        }
        None => {
            let last = d.rounds.last().map(|r| match r.verdict {
                Some(Verdict::Approved) => format!("{} approved", r.step),
                Some(Verdict::Changes) => format!("{}: changes asked", r.step),
                None => format!("{} submitted", r.step),
            });
            words.push(last.unwrap_or_else(|| "not started".into()));
            if let Some(by) = d.post_by {
                words.push(format!("post by {by}"));
            }
        }
    }
    words.join(" · ")
}
