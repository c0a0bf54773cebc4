//! The fields of the record forms: what each holds, how its text is read, and the edits a
//! form's values make.

use jiff::civil::Date;

use super::Purpose;
use crate::model::{PaymentKind, Record, Results, Source, Step, Val, Verdict, parse_size};
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
        Purpose::Fee(then, note) => {
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
                out.extend(Edit::moves(&t.entry, *to, note.clone()));
            }
            out
        }
    })
}
