//! An entry's records in JSON, as the file names them: `contract`, `shipment`, `deliverables`
//! (each with its `status` in words and its latest `results`), `payments`, and `paid` / `owed`.

use serde_json::{Map, Value, json};

use crate::model::{Deliverable, Entry, Results};
use crate::outreach::records::state;

/// The records of `entry`, to add to its JSON object.
pub fn records(entry: &Entry) -> Map<String, Value> {
    let mut m = Map::new();
    if let Some(c) = &entry.contract {
        m.insert(
            "contract".into(),
            json!({
                "signed": c.signed.map(|d| d.to_string()),
                "usage": c.usage,
                "usage_until": c.usage_until.map(|d| d.to_string()),
                "territory": c.territory,
                "exclusivity": c.exclusivity,
                "exclusive_until": c.exclusive_until.map(|d| d.to_string()),
                "disclosure": c.disclosure,
            }),
        );
    }
    if let Some(s) = &entry.shipment {
        m.insert(
            "shipment".into(),
            json!({
                "sent": s.sent.map(|d| d.to_string()),
                "carrier": s.carrier,
                "tracking": s.tracking,
                "item": s.item,
                "value": s.value,
                "received": s.received.map(|d| d.to_string()),
            }),
        );
    }
    let deliverables: Vec<Value> = entry.deliverables.iter().map(deliverable).collect();
    m.insert("deliverables".into(), Value::Array(deliverables));
    let payments: Vec<Value> = entry
        .payments
        .iter()
        .enumerate()
        .map(|(i, p)| {
            json!({
                "number": i + 1,
                "kind": p.kind.map(|k| k.name()),
                "amount": p.amount,
                "due": p.due.map(|d| d.to_string()),
                "paid": p.paid.map(|d| d.to_string()),
                "invoice": p.invoice,
            })
        })
        .collect();
    m.insert("payments".into(), Value::Array(payments));
    let (paid, owed) = entry.paid_and_owed();
    m.insert("paid".into(), json!(paid));
    m.insert("owed".into(), json!(owed));
    m
}

fn deliverable(d: &Deliverable) -> Value {
    let rounds: Vec<Value> = d
        .rounds
        .iter()
        .map(|r| {
            json!({
                "at": r.at.map(|(at, offset)| at.to_zoned(jiff::tz::TimeZone::fixed(offset)).strftime("%Y-%m-%dT%H:%M:%S%:z").to_string()),
                "step": r.step.name(),
                "verdict": r.verdict.map_or("submitted", |v| v.name()),
                "note": r.note,
            })
        })
        .collect();
    json!({
        "id": d.id.as_str(),
        "platform": d.platform.name(),
        "format": d.format,
        "script_due": d.script_due.map(|x| x.to_string()),
        "draft_due": d.draft_due.map(|x| x.to_string()),
        "post_by": d.post_by.map(|x| x.to_string()),
        "posted": d.posted.map(|x| x.to_string()),
        "url": d.url,
        "checked": d.checked.map(|x| x.to_string()),
        "live": d.live,
        "on_time": d.on_time(),
        "status": state(d),
        "rounds": rounds,
        "results": d.latest_results().map(results),
    })
}

/// A results snapshot: the day, every figure recorded, engagements, and the source.
pub fn results(r: &Results) -> Value {
    let mut m = Map::new();
    m.insert("on".into(), json!(r.on.map(|d| d.to_string())));
    for (key, read) in Results::COUNTS {
        if let Some(n) = read(r) {
            m.insert(key.into(), json!(n));
        }
    }
    if let Some(e) = r.engagements() {
        m.insert("engagements".into(), json!(e));
    }
    m.insert("source".into(), json!(r.source.map(|s| s.name())));
    Value::Object(m)
}
