//! The fields of the record forms: what each holds, how its text is read, and the forms
//! themselves — which fields, filled with what the entry says now.

use jiff::civil::Date;

use super::{Form, Purpose};
use crate::model::{
    Deliverable, Payment, PaymentKind, Record, Results, Source, Stage, Step, Val, Verdict,
    parse_size,
};
use crate::outreach::Edit;
use crate::outreach::follow_up::read_date;
use crate::outreach::records::{payment, round};
use crate::tui::app::Target;
use crate::tui::input::TextInput;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Text,
    Date,
    Amount,
    /// Comma-separated.
    List,
    /// One of these names.
    Choice(&'static [&'static str]),
    /// yes or no.
    YesNo,
}

/// One field: its label, the key it sets, what it holds, and the text typed.
#[derive(Clone, Debug)]
pub struct Field {
    pub label: &'static str,
    pub key: &'static str,
    pub kind: Kind,
    pub input: TextInput,
    /// The text it started with: a field left as it was is not written.
    pub initial: String,
}

impl Field {
    pub fn new(
        label: &'static str,
        key: &'static str,
        kind: Kind,
        text: impl Into<String>,
    ) -> Field {
        let text = text.into();
        Field {
            label,
            key,
            kind,
            input: TextInput::new(&text),
            initial: text,
        }
    }

    /// True when the text is not what it started as.
    pub fn changed(&self) -> bool {
        self.input.text().trim() != self.initial.trim()
    }

    /// What to type, for the line under the form.
    pub fn hint(&self) -> String {
        match self.kind {
            Kind::Text => format!("{}: text (empty clears it)", self.label),
            Kind::Date => format!(
                "{}: 2026-12-15, today, +3, -2 (days from today), none",
                self.label
            ),
            Kind::Amount => format!("{}: 42500, 42_500, 4.25萬", self.label),
            Kind::List => format!("{}: comma-separated", self.label),
            Kind::Choice(names) => format!("{}: {}", self.label, names.join(", ")),
            Kind::YesNo => format!("{}: yes or no", self.label),
        }
    }

    /// The value typed, `None` when the field is empty (or `Clear` when it was emptied).
    pub fn value(&self, today: Date) -> Result<Option<Val>, String> {
        let text = self.input.text().trim();
        if text.is_empty() {
            return Ok((!self.initial.trim().is_empty()).then_some(Val::Clear));
        }
        let label = self.label;
        Ok(Some(match self.kind {
            Kind::Text => Val::Text(text.to_string()),
            Kind::Date => match read_date(text, today).map_err(|e| format!("{label}: {e}"))? {
                Some(d) => Val::Date(d),
                None => Val::Clear,
            },
            Kind::Amount => Val::Count(
                parse_size(text)
                    .map_err(|e| format!("{label}: {text:?} is not an amount ({e})"))?,
            ),
            Kind::List => Val::List(text.split(',').map(|s| s.trim().to_string()).collect()),
            Kind::Choice(names) => {
                let lower = text.to_lowercase();
                if !names.contains(&lower.as_str()) {
                    let hint = crate::suggest::nearest(&lower, names.iter().copied())
                        .map(|n| format!("did you mean {n}?"))
                        .unwrap_or_else(|| names.join(", "));
                    return Err(format!("{label}: \"{text}\" is not one of them ({hint})"));
                }
                Val::Text(lower)
            }
            Kind::YesNo => match text.to_lowercase().as_str() {
                "yes" | "y" | "true" => Val::Bool(true),
                "no" | "n" | "false" => Val::Bool(false),
                _ => return Err(format!("{label}: yes or no")),
            },
        }))
    }
}

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn text(t: &Option<String>) -> String {
    t.clone().unwrap_or_default()
}

fn amount(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

const STEPS: &[&str] = &["script", "draft", "final"];
const VERDICTS: &[&str] = &["approved", "changes", "submitted"];
const KINDS: &[&str] = &["deposit", "balance", "full", "other"];
const SOURCES: &[&str] = &["measured", "creator", "estimate"];

fn title(what: &str, t: &Target) -> String {
    format!("{what} · {} in {}", t.entry.creator, t.campaign)
}

impl Form {
    /// The contract's terms.
    pub fn contract(t: Target) -> Form {
        let c = t.entry.contract.clone().unwrap_or_default();
        let list = |l: &[compact_str::CompactString]| {
            l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        };
        let fields = vec![
            Field::new("signed", "signed", Kind::Date, date(c.signed)),
            Field::new("usage", "usage", Kind::List, list(&c.usage)),
            Field::new(
                "usage until",
                "usage_until",
                Kind::Date,
                date(c.usage_until),
            ),
            Field::new("territory", "territory", Kind::Text, text(&c.territory)),
            Field::new(
                "exclusivity",
                "exclusivity",
                Kind::List,
                list(&c.exclusivity),
            ),
            Field::new(
                "exclusive until",
                "exclusive_until",
                Kind::Date,
                date(c.exclusive_until),
            ),
            Field::new("disclosure", "disclosure", Kind::Text, text(&c.disclosure)),
        ];
        Form::new(
            title("Contract", &t),
            vec![t],
            Purpose::Set(Record::Contract),
            fields,
        )
    }

    /// The product sent.
    pub fn shipment(t: Target) -> Form {
        let s = t.entry.shipment.clone().unwrap_or_default();
        let fields = vec![
            Field::new("sent", "sent", Kind::Date, date(s.sent)),
            Field::new("carrier", "carrier", Kind::Text, text(&s.carrier)),
            Field::new("tracking", "tracking", Kind::Text, text(&s.tracking)),
            Field::new("item", "item", Kind::Text, text(&s.item)),
            Field::new("value", "value", Kind::Amount, amount(s.value)),
            Field::new("received", "received", Kind::Date, date(s.received)),
        ];
        Form::new(
            title("Shipment", &t),
            vec![t],
            Purpose::Set(Record::Shipment),
            fields,
        )
    }

    /// A deliverable: a new one (with its id and platform), or one to change.
    pub fn deliverable(t: Target, d: Option<&Deliverable>) -> Form {
        let mut fields = Vec::new();
        let purpose = match d {
            Some(d) => Purpose::Set(Record::Deliverable(d.id.to_string())),
            None => {
                fields.push(Field::new("id", "id", Kind::Text, ""));
                Purpose::NewDeliverable
            }
        };
        let blank = Deliverable::new("", crate::model::Platform::parse(""));
        let d = d.unwrap_or(&blank);
        let platform = if d.id.is_empty() {
            String::new()
        } else {
            d.platform.name().to_string()
        };
        let live = d
            .live
            .map(|l| if l { "yes" } else { "no" })
            .unwrap_or_default();
        fields.extend([
            Field::new("platform", "platform", Kind::Text, platform),
            Field::new("format", "format", Kind::Text, text(&d.format)),
            Field::new("script due", "script_due", Kind::Date, date(d.script_due)),
            Field::new("draft due", "draft_due", Kind::Date, date(d.draft_due)),
            Field::new("post by", "post_by", Kind::Date, date(d.post_by)),
            Field::new("posted", "posted", Kind::Date, date(d.posted)),
            Field::new("url", "url", Kind::Text, text(&d.url)),
            Field::new("checked live", "checked", Kind::Date, date(d.checked)),
            Field::new("still live", "live", Kind::YesNo, live),
        ]);
        let what = match &purpose {
            Purpose::Set(_) => format!("Deliverable {}", d.id),
            _ => "New deliverable".to_string(),
        };
        Form::new(title(&what, &t), vec![t], purpose, fields)
    }

    /// Marking a deliverable posted: the day (today unless said) and the address.
    pub fn posted(t: Target, id: &str, today: Date) -> Form {
        let d = t.entry.deliverable(id);
        let mut fields = vec![
            Field::new("posted", "posted", Kind::Date, ""),
            Field::new(
                "url",
                "url",
                Kind::Text,
                d.and_then(|d| d.url.clone()).unwrap_or_default(),
            ),
        ];
        fields[0].input.set(&today.to_string());
        Form::new(
            title(&format!("Posted {id}"), &t),
            vec![t],
            Purpose::Set(Record::Deliverable(id.to_string())),
            fields,
        )
    }

    /// A payment: a new one, or payment `n` (from 1) to change.
    pub fn payment(t: Target, existing: Option<(u32, &Payment)>) -> Form {
        let blank = payment(0);
        let (purpose, p) = match existing {
            Some((n, p)) => (Purpose::Set(Record::Payment(n)), p),
            None => (Purpose::AddPayment, &blank),
        };
        let fields = vec![
            Field::new(
                "kind",
                "kind",
                Kind::Choice(KINDS),
                p.kind.map(|k| k.name()).unwrap_or_default(),
            ),
            Field::new(
                "amount",
                "amount",
                Kind::Amount,
                if p.amount > 0 {
                    p.amount.to_string()
                } else {
                    String::new()
                },
            ),
            Field::new("due", "due", Kind::Date, date(p.due)),
            Field::new("paid", "paid", Kind::Date, date(p.paid)),
            Field::new("invoice", "invoice", Kind::Text, text(&p.invoice)),
        ];
        let what = match existing {
            Some((n, _)) => format!("Payment #{n}"),
            None => "New payment".into(),
        };
        Form::new(title(&what, &t), vec![t], purpose, fields)
    }

    /// A review round of deliverable `id`, the step its next review is likely to be.
    pub fn round(t: Target, id: &str) -> Form {
        let step = t.entry.deliverable(id).map_or(Step::Script, next_step);
        let mut fields = vec![
            Field::new("step", "step", Kind::Choice(STEPS), ""),
            Field::new("verdict", "verdict", Kind::Choice(VERDICTS), ""),
            Field::new("note", "note", Kind::Text, ""),
        ];
        fields[0].input.set(step.name());
        fields[1].input.set("approved");
        let mut form = Form::new(
            title(&format!("Review of {id}"), &t),
            vec![t],
            Purpose::Round(id.to_string()),
            fields,
        );
        form.at = 1;
        form
    }

    /// A results snapshot of deliverable `id`, dated today unless said.
    pub fn results(t: Target, id: &str, today: Date) -> Form {
        let mut fields = vec![Field::new("on", "on", Kind::Date, "")];
        fields[0].input.set(&today.to_string());
        for (key, label) in [
            ("views", "views"),
            ("likes", "likes"),
            ("comments", "comments"),
            ("shares", "shares"),
            ("saves", "saves"),
            ("clicks", "clicks"),
            ("code_uses", "code uses"),
            ("sales", "sales"),
        ] {
            fields.push(Field::new(label, key, Kind::Amount, ""));
        }
        fields.push(Field::new("source", "source", Kind::Choice(SOURCES), ""));
        let mut form = Form::new(
            title(&format!("Results of {id}"), &t),
            vec![t],
            Purpose::Results(id.to_string()),
            fields,
        );
        form.at = 1;
        form
    }

    /// The fee of `targets`; with `then`, the stage they move to once it is set.
    pub fn fee(targets: Vec<Target>, then: Option<Stage>) -> Form {
        let first = targets.first().and_then(|t| t.entry.fee);
        let who = match targets.as_slice() {
            [one] => format!("{} in {}", one.entry.creator, one.campaign),
            many => format!("{} creators", many.len()),
        };
        let title = match then {
            Some(stage) => format!("Fee agreed · {who} → {stage}"),
            None => format!("Fee · {who}"),
        };
        let fields = vec![Field::new("fee", "fee", Kind::Amount, amount(first))];
        Form::new(title, targets, Purpose::Fee(then), fields)
    }
}

/// The step a deliverable's next review is: the first not approved yet.
fn next_step(d: &Deliverable) -> Step {
    Step::ALL
        .iter()
        .copied()
        .find(|s| !d.approved(*s))
        .unwrap_or(Step::Final)
}

fn take(values: &[(String, Val)], key: &str) -> Option<Val> {
    values
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.clone())
}

fn count(values: &[(String, Val)], key: &str) -> Option<u64> {
    match take(values, key) {
        Some(Val::Count(n)) => Some(n),
        _ => None,
    }
}

fn day(values: &[(String, Val)], key: &str) -> Option<Date> {
    match take(values, key) {
        Some(Val::Date(d)) => Some(d),
        _ => None,
    }
}

fn word(values: &[(String, Val)], key: &str) -> Option<String> {
    match take(values, key) {
        Some(Val::Text(t)) => Some(t),
        _ => None,
    }
}

/// The edits of a form saved for `t`, from the values read from its fields.
pub fn edits(
    purpose: &Purpose,
    creator: &str,
    t: &Target,
    values: &[(String, Val)],
) -> Result<Vec<Edit>, String> {
    let creator = creator.to_string();
    Ok(match purpose {
        Purpose::Set(record) => {
            if values.is_empty() {
                return Ok(Vec::new());
            }
            vec![Edit::Set {
                creator,
                record: record.clone(),
                values: values.to_vec(),
            }]
        }
        Purpose::NewDeliverable => {
            let id = word(values, "id").ok_or("the deliverable needs an id (yt-1, ig-reel…)")?;
            if t.entry.deliverable(&id).is_some() {
                return Err(format!("{creator} already has a deliverable {id}"));
            }
            if word(values, "platform").is_none() {
                return Err("the deliverable needs its platform".into());
            }
            let rest = values
                .iter()
                .filter(|(k, v)| k != "id" && *v != Val::Clear)
                .cloned()
                .collect();
            vec![Edit::Set {
                creator,
                record: Record::Deliverable(id),
                values: rest,
            }]
        }
        Purpose::Round(id) => {
            let step = word(values, "step")
                .and_then(|s| Step::parse(&s))
                .ok_or("which step: script, draft or final?")?;
            let verdict = word(values, "verdict").and_then(|v| Verdict::parse(&v));
            vec![Edit::Round {
                creator,
                deliverable: id.clone(),
                round: round(step, verdict, word(values, "note")),
            }]
        }
        Purpose::Results(id) => {
            let mut results = Results {
                on: day(values, "on"),
                ..Results::default()
            };
            for (key, _) in Results::COUNTS {
                if let Some(n) = count(values, key) {
                    results.set(key, n);
                }
            }
            results.source = word(values, "source").and_then(|s| Source::parse(&s));
            if results.is_empty() {
                return Err("no figures: fill in views, likes, …".into());
            }
            vec![Edit::Results {
                creator,
                deliverable: id.clone(),
                results,
            }]
        }
        Purpose::AddPayment => {
            let mut p = payment(count(values, "amount").ok_or("the payment needs its amount")?);
            p.kind = word(values, "kind").and_then(|k| PaymentKind::parse(&k));
            p.due = day(values, "due");
            p.paid = day(values, "paid");
            p.invoice = word(values, "invoice");
            vec![Edit::AddPayment {
                creator,
                payment: p,
            }]
        }
        Purpose::Fee(then) => {
            let fee = match take(values, "fee") {
                Some(Val::Count(n)) => Some(n),
                _ => None,
            };
            let mut out = Vec::new();
            if fee != t.entry.fee {
                out.push(Edit::Fee {
                    creator: creator.clone(),
                    fee,
                    was: Some(t.entry.fee),
                });
            }
            if let Some(to) = then {
                out.extend(Edit::moves(&t.entry, *to, None));
            }
            out
        }
    })
}
