//! Reading what an entry records after the contract — `contract`, `shipment`,
//! `[[entry.deliverable]]` with its rounds and results, `[[entry.payment]]` — every key checked
//! and every impossible value (a date before the one it follows, a misspelt key) located.

use jiff::Timestamp;
use toml::de::{DeArray, DeValue};

use crate::model::{
    Contract, Deliverable, MAX_RATE, Payment, PaymentKind, Results, Round, Shipment, Source, Step,
    Verdict,
};
use crate::store::fields::{Fields, describe};

/// The keys of `contract = { … }`.
pub const CONTRACT_KEYS: &[&str] = &[
    "signed",
    "usage",
    "usage_until",
    "territory",
    "exclusivity",
    "exclusive_until",
    "disclosure",
];
/// The keys of `shipment = { … }`.
pub const SHIPMENT_KEYS: &[&str] = &["sent", "carrier", "tracking", "item", "value", "received"];
/// The keys of `[[entry.deliverable]]`.
pub const DELIVERABLE_KEYS: &[&str] = &[
    "id",
    "platform",
    "format",
    "script_due",
    "draft_due",
    "post_by",
    "rounds",
    "posted",
    "url",
    "checked",
    "live",
    "results",
];
/// The keys of a review round.
pub const ROUND_KEYS: &[&str] = &["at", "step", "verdict", "note"];
/// The keys of a results snapshot.
pub const RESULTS_KEYS: &[&str] = &[
    "on",
    "views",
    "likes",
    "comments",
    "shares",
    "saves",
    "clicks",
    "code_uses",
    "sales",
    "source",
];
/// The keys of `[[entry.payment]]`.
pub const PAYMENT_KEYS: &[&str] = &["kind", "amount", "due", "paid", "invoice"];

/// The most a figure of a post can plausibly be.
const MAX_COUNT: u64 = 100_000_000_000;

/// What an entry records after the contract.
#[derive(Default)]
pub(super) struct Production {
    pub contract: Option<Contract>,
    pub shipment: Option<Shipment>,
    pub deliverables: Vec<Deliverable>,
    pub payments: Vec<Payment>,
}

/// Reads the records of the entry being read by `f`; `first` is when the entry was first
/// recorded, which no review round can precede.
pub(super) fn read_production(
    f: &mut Fields<'_, '_, '_, '_>,
    first: Option<Timestamp>,
) -> Production {
    Production {
        contract: contract(f),
        shipment: shipment(f),
        deliverables: deliverables(f, first),
        payments: payments(f),
    }
}

/// Reads the table under `key` with `read`, as a sub-table of the entry (same subject).
fn sub_table<T>(
    f: &mut Fields<'_, '_, '_, '_>,
    key: &str,
    read: impl FnOnce(&mut Fields<'_, '_, '_, '_>) -> T,
) -> Option<T> {
    let subject = f.subject().map(str::to_string);
    let (table, at) = f.table(key, false)?;
    let mut t = Fields::new(table, at, f.report());
    t.set_subject(subject);
    Some(read(&mut t))
}

/// Reads each table of the list under `key` with `read`; an element that is not a table is an
/// error showing what one looks like.
fn each_table<T>(
    f: &mut Fields<'_, '_, '_, '_>,
    list: &DeArray<'_>,
    example: &str,
    subject: Option<String>,
    mut read: impl FnMut(&mut Fields<'_, '_, '_, '_>, u32) -> Option<T>,
) -> Vec<T> {
    let mut out = Vec::with_capacity(list.len());
    for item in list.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each must be a table like {example}, found {}",
                describe(item.get_ref())
            );
            f.error(&item.span(), message);
            continue;
        };
        let line = f.report().line(item.span().start);
        let mut t = Fields::new(table, item.span(), f.report());
        t.set_subject(subject.clone());
        out.extend(read(&mut t, line));
    }
    out
}

/// Reports `later` when it comes before `earlier` (both keys of the table `f` reads).
fn not_before(
    f: &mut Fields<'_, '_, '_, '_>,
    (earlier, from): (&str, Option<jiff::civil::Date>),
    (later, to): (&str, Option<jiff::civil::Date>),
) {
    if let (Some(from), Some(to), Some(v)) = (from, to, f.get(later))
        && to < from
    {
        let span = v.span();
        f.error(
            &span,
            format!("\"{later}\" ({to}) is before \"{earlier}\" ({from})"),
        );
    }
}

fn contract(f: &mut Fields<'_, '_, '_, '_>) -> Option<Contract> {
    sub_table(f, "contract", |c| {
        let contract = Contract {
            signed: c.date("signed"),
            usage: c.texts("usage"),
            usage_until: c.date("usage_until"),
            territory: c.optional_text("territory").map(String::from),
            exclusivity: c.texts("exclusivity"),
            exclusive_until: c.date("exclusive_until"),
            disclosure: c.optional_text("disclosure").map(String::from),
        };
        not_before(
            c,
            ("signed", contract.signed),
            ("usage_until", contract.usage_until),
        );
        not_before(
            c,
            ("signed", contract.signed),
            ("exclusive_until", contract.exclusive_until),
        );
        if !contract.exclusivity.is_empty()
            && contract.exclusive_until.is_none()
            && let Some(v) = c.get("exclusivity")
        {
            let span = v.span();
            c.warning(
                &span,
                "\"exclusivity\" without \"exclusive_until\": no date to hold it to".into(),
            );
        }
        c.unknown_keys_are_errors(CONTRACT_KEYS);
        contract
    })
}

fn shipment(f: &mut Fields<'_, '_, '_, '_>) -> Option<Shipment> {
    sub_table(f, "shipment", |s| {
        let shipment = Shipment {
            sent: s.date("sent"),
            carrier: s.optional_text("carrier").map(String::from),
            tracking: s.optional_text("tracking").map(String::from),
            item: s.optional_text("item").map(String::from),
            value: s.whole("value", false, MAX_RATE),
            received: s.date("received"),
        };
        not_before(s, ("sent", shipment.sent), ("received", shipment.received));
        s.unknown_keys_are_errors(SHIPMENT_KEYS);
        shipment
    })
}

fn deliverables(f: &mut Fields<'_, '_, '_, '_>, first: Option<Timestamp>) -> Vec<Deliverable> {
    let Some(list) = f.tables("deliverable", false) else {
        return Vec::new();
    };
    let subject = f.subject().map(str::to_string);
    let mut seen: Vec<(String, u32)> = Vec::new();
    each_table(
        f,
        list,
        "[[entry.deliverable]] with id = \"yt-1\" and platform = \"youtube\"",
        subject,
        |d, line| {
            let id = d.non_blank("id", true).map(|id| {
                let text = id.get_ref().trim().to_string();
                if let Some((_, at)) = seen.iter().find(|(s, _)| *s == text) {
                    let message =
                        format!("duplicate deliverable id \"{text}\" (first at line {at})");
                    d.error(&id.span(), message);
                } else {
                    seen.push((text.clone(), line));
                }
                text
            });
            let platform = d.platform("platform", true);
            let script_due = d.date("script_due");
            let draft_due = d.date("draft_due");
            let post_by = d.date("post_by");
            not_before(d, ("script_due", script_due), ("draft_due", draft_due));
            not_before(d, ("draft_due", draft_due), ("post_by", post_by));
            let rounds = rounds(d, first);
            let posted = d.date("posted");
            let url = d.optional_text("url").map(String::from);
            if posted.is_some()
                && url.is_none()
                && let Some(v) = d.get("posted")
            {
                let span = v.span();
                d.error(
                    &span,
                    "\"posted\" without \"url\": add the post's address (url = \"https://…\")"
                        .into(),
                );
            }
            if let (Some(url), Some(v)) = (&url, d.get("url"))
                && !(url.starts_with("https://") || url.starts_with("http://"))
            {
                let span = v.span();
                d.warning(
                    &span,
                    format!("\"url\" does not start with https:// ({url})"),
                );
            }
            let checked = d.date("checked");
            not_before(d, ("posted", posted), ("checked", checked));
            let live = d.boolean("live");
            let results = results(d, posted);
            d.unknown_keys_are_errors_or(DELIVERABLE_KEYS, |key| {
                crate::store::creators::elsewhere_among(
                    key,
                    DELIVERABLE_KEYS,
                    &[
                        (
                            RESULTS_KEYS,
                            "in a results snapshot: results = [{ on = …, … }]",
                        ),
                        (ROUND_KEYS, "in a review round: rounds = [{ at = …, … }]"),
                        (PAYMENT_KEYS, "in a payment: [[entry.payment]]"),
                        (super::ENTRY_KEYS, "to the [[entry]] itself"),
                    ],
                )
            });
            Some(Deliverable {
                format: d.optional_text("format").map(String::from),
                script_due,
                draft_due,
                post_by,
                rounds,
                posted,
                url,
                checked,
                live,
                results,
                line,
                ..Deliverable::new(id?, platform?)
            })
        },
    )
}

fn rounds(d: &mut Fields<'_, '_, '_, '_>, first: Option<Timestamp>) -> Vec<Round> {
    let Some(list) = d.tables("rounds", false) else {
        return Vec::new();
    };
    let subject = d.subject().map(str::to_string);
    each_table(
        d,
        list,
        "{ at = 2026-12-02T10:00:00+08:00, step = \"script\", verdict = \"approved\" }",
        subject,
        |r, _| {
            let at = r.moment("at", false);
            if let (Some((at, _)), Some(first), Some(v)) = (at, first, r.get("at"))
                && at < first
            {
                let span = v.span();
                r.error(
                    &span,
                    "a review round before the entry was put on the shortlist".into(),
                );
            }
            let step = r.choice("step", true, "step", &Step::names(), Step::parse);
            let verdict = r.choice(
                "verdict",
                false,
                "verdict",
                &Verdict::names(),
                Verdict::parse,
            );
            let note = r.optional_text("note").map(String::from);
            r.unknown_keys_are_errors(ROUND_KEYS);
            Some(Round {
                at,
                step: step?,
                verdict,
                note,
            })
        },
    )
}

fn results(d: &mut Fields<'_, '_, '_, '_>, posted: Option<jiff::civil::Date>) -> Vec<Results> {
    let Some(list) = d.tables("results", false) else {
        return Vec::new();
    };
    let subject = d.subject().map(str::to_string);
    if posted.is_none()
        && !list.is_empty()
        && let Some(v) = d.get("results")
    {
        let span = v.span();
        d.warning(
            &span,
            "results of a deliverable not marked \"posted\"".into(),
        );
    }
    each_table(
        d,
        list,
        "{ on = 2026-12-21, views = 48_000, likes = 3_100 }",
        subject,
        |r, _| {
            let mut results = Results {
                on: r.date("on"),
                source: r.choice("source", false, "source", &Source::names(), Source::parse),
                ..Results::default()
            };
            not_before(r, ("posted", posted), ("on", results.on));
            for (key, _) in Results::COUNTS {
                if let Some(n) = r.whole(key, false, MAX_COUNT) {
                    results.set(key, n);
                }
            }
            r.unknown_keys_are_errors(RESULTS_KEYS);
            Some(results)
        },
    )
}

fn payments(f: &mut Fields<'_, '_, '_, '_>) -> Vec<Payment> {
    let Some(list) = f.tables("payment", false) else {
        return Vec::new();
    };
    let subject = f.subject().map(str::to_string);
    each_table(
        f,
        list,
        "[[entry.payment]] with amount = 42_500",
        subject,
        |p, line| {
            let kind = p.choice(
                "kind",
                false,
                "payment kind",
                &PaymentKind::names(),
                PaymentKind::parse,
            );
            let amount = p.whole("amount", true, MAX_RATE);
            let due = p.date("due");
            let paid = p.date("paid");
            let invoice = p.optional_text("invoice").map(String::from);
            p.unknown_keys_are_errors_or(PAYMENT_KEYS, |key| {
                crate::store::creators::elsewhere_among(
                    key,
                    PAYMENT_KEYS,
                    &[
                        (DELIVERABLE_KEYS, "in a deliverable: [[entry.deliverable]]"),
                        (super::ENTRY_KEYS, "to the [[entry]] itself"),
                    ],
                )
            });
            Some(Payment {
                kind,
                amount: amount?,
                due,
                paid,
                invoice,
                line,
            })
        },
    )
}

#[cfg(test)]
mod tests;
