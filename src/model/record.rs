//! Setting the fields of an entry's records by key, as files name them: one way for the command
//! line, the interface and the file writer to say "set `post_by` of deliverable yt-1 to
//! 2026-12-15".

use std::fmt;

use compact_str::CompactString;
use jiff::civil::Date;

use super::{Contract, Deliverable, Payment, PaymentKind, Platform, Shipment};

/// Which record of an entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Record {
    Contract,
    Shipment,
    /// A deliverable by id; created by the first change that gives it a platform.
    Deliverable(String),
    /// A payment by its place among the entry's payments, from 1.
    Payment(u32),
}

impl fmt::Display for Record {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Record::Contract => f.write_str("contract"),
            Record::Shipment => f.write_str("shipment"),
            Record::Deliverable(id) => write!(f, "deliverable {id}"),
            Record::Payment(n) => write!(f, "payment #{n}"),
        }
    }
}

/// A value to set.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Val {
    Text(String),
    List(Vec<String>),
    Count(u64),
    Date(Date),
    Bool(bool),
    /// Remove the key.
    Clear,
}

impl fmt::Display for Val {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Val::Text(t) => f.write_str(t),
            Val::List(l) => f.write_str(&l.join(", ")),
            Val::Count(n) => write!(f, "{n}"),
            Val::Date(d) => write!(f, "{d}"),
            Val::Bool(b) => write!(f, "{b}"),
            Val::Clear => f.write_str("(cleared)"),
        }
    }
}

/// Why a value does not fit a key.
fn wrong(key: &str, what: &str) -> String {
    format!("\"{key}\" takes {what}")
}

fn date(key: &str, v: &Val) -> Result<Option<Date>, String> {
    match v {
        Val::Date(d) => Ok(Some(*d)),
        Val::Clear => Ok(None),
        _ => Err(wrong(key, "a date")),
    }
}

fn text(key: &str, v: &Val) -> Result<Option<String>, String> {
    match v {
        Val::Text(t) if !t.trim().is_empty() => Ok(Some(t.trim().to_string())),
        Val::Text(_) | Val::Clear => Ok(None),
        _ => Err(wrong(key, "text")),
    }
}

fn count(key: &str, v: &Val) -> Result<Option<u64>, String> {
    match v {
        Val::Count(n) => Ok(Some(*n)),
        Val::Clear => Ok(None),
        _ => Err(wrong(key, "a whole number")),
    }
}

fn list(key: &str, v: &Val) -> Result<Vec<CompactString>, String> {
    match v {
        Val::List(l) => Ok(l
            .iter()
            .map(|s| s.trim())
            .filter(|s| !s.is_empty())
            .map(CompactString::from)
            .collect()),
        Val::Clear => Ok(Vec::new()),
        _ => Err(wrong(key, "a list")),
    }
}

impl Contract {
    /// Sets the field named `key`.
    pub fn set(&mut self, key: &str, v: &Val) -> Result<(), String> {
        match key {
            "signed" => self.signed = date(key, v)?,
            "usage" => self.usage = list(key, v)?,
            "usage_until" => self.usage_until = date(key, v)?,
            "territory" => self.territory = text(key, v)?,
            "exclusivity" => self.exclusivity = list(key, v)?,
            "exclusive_until" => self.exclusive_until = date(key, v)?,
            "disclosure" => self.disclosure = text(key, v)?,
            _ => return Err(format!("a contract has no \"{key}\"")),
        }
        Ok(())
    }
}

impl Shipment {
    /// Sets the field named `key`.
    pub fn set(&mut self, key: &str, v: &Val) -> Result<(), String> {
        match key {
            "sent" => self.sent = date(key, v)?,
            "carrier" => self.carrier = text(key, v)?,
            "tracking" => self.tracking = text(key, v)?,
            "item" => self.item = text(key, v)?,
            "value" => self.value = count(key, v)?,
            "received" => self.received = date(key, v)?,
            _ => return Err(format!("a shipment has no \"{key}\"")),
        }
        Ok(())
    }
}

impl Deliverable {
    /// Sets the field named `key` (rounds and results are added, not set).
    pub fn set(&mut self, key: &str, v: &Val) -> Result<(), String> {
        match key {
            "platform" => match text(key, v)? {
                Some(p) => self.platform = Platform::parse(&p),
                None => return Err("a deliverable's platform cannot be cleared".into()),
            },
            "format" => self.format = text(key, v)?,
            "script_due" => self.script_due = date(key, v)?,
            "draft_due" => self.draft_due = date(key, v)?,
            "post_by" => self.post_by = date(key, v)?,
            "posted" => self.posted = date(key, v)?,
            "url" => self.url = text(key, v)?,
            "checked" => self.checked = date(key, v)?,
            "live" => {
                self.live = match v {
                    Val::Bool(b) => Some(*b),
                    Val::Clear => None,
                    _ => return Err(wrong(key, "true or false")),
                }
            }
            _ => return Err(format!("a deliverable has no \"{key}\" to set")),
        }
        Ok(())
    }
}

impl Payment {
    /// Sets the field named `key`.
    pub fn set(&mut self, key: &str, v: &Val) -> Result<(), String> {
        match key {
            "kind" => {
                self.kind = match text(key, v)? {
                    Some(k) => Some(
                        PaymentKind::parse(&k)
                            .ok_or_else(|| format!("unknown payment kind \"{k}\""))?,
                    ),
                    None => None,
                }
            }
            "amount" => {
                self.amount = count(key, v)?.ok_or("a payment's amount cannot be cleared")?
            }
            "due" => self.due = date(key, v)?,
            "paid" => self.paid = date(key, v)?,
            "invoice" => self.invoice = text(key, v)?,
            _ => return Err(format!("a payment has no \"{key}\"")),
        }
        Ok(())
    }
}
