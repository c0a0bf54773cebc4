//! Recording the work after the contract without opening an editor: `contract`, `ship`,
//! `deliverable`, `review`, `posted`, `live`, `results`, `payment` and `paid`. Each names a
//! campaign and a creator on its shortlist, changes one record of their entry, and prints what
//! changed. Dates are written `2026-12-15`, `today`, `+3` or `-2` (days from today); `none`
//! clears one.

use std::process::ExitCode;

use anyhow::{anyhow, bail};
use jiff::civil::Date;

use crate::model::{PaymentKind, Record, Val};
use crate::outreach::records::payment;
use crate::outreach::{Edit, follow_up::read_date};
use crate::workspace::Session;

mod content;
pub use content::{
    DeliverableArgs, LiveArgs, PostedArgs, ResultsArgs, ReviewArgs, deliverable, live, posted,
    posted_edit, results, review,
};

/// The campaign and the creator every record command starts with.
#[derive(Debug, clap::Args)]
pub struct Who {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(in crate::cli) campaign: String,
    /// The creator's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::entries))]
    pub(in crate::cli) creator: String,
}

#[derive(Debug, clap::Args)]
pub struct ContractArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The day it was signed
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    signed: Option<String>,
    /// Where the brand may use the content, comma-separated (organic,ads)
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    usage: Option<Vec<String>>,
    /// The last day the brand may use it
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    usage_until: Option<String>,
    /// Where (TW, TW+HK, …)
    #[arg(long, value_name = "TEXT")]
    territory: Option<String>,
    /// Niches the creator may not work in for another brand meanwhile, comma-separated
    #[arg(long, value_name = "LIST", value_delimiter = ',')]
    exclusivity: Option<Vec<String>>,
    /// The last day of the exclusivity
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    exclusive_until: Option<String>,
    /// How the creator marks the content as paid (#合作, #ad)
    #[arg(long, value_name = "TEXT")]
    disclosure: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct ShipArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// The day it was sent
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    sent: Option<String>,
    /// Who carries it
    #[arg(long, value_name = "TEXT")]
    carrier: Option<String>,
    /// The tracking number
    #[arg(long, value_name = "TEXT")]
    tracking: Option<String>,
    /// What was sent
    #[arg(long, value_name = "TEXT")]
    item: Option<String>,
    /// What it is worth, in the campaign's currency (part of the entry's cost)
    #[arg(long, value_name = "AMOUNT")]
    value: Option<String>,
    /// The day it arrived
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    received: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct PaymentArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// How much, in the campaign's currency (42500, 42_500, 4.25萬)
    amount: String,
    /// deposit, balance, full or other
    #[arg(long, value_name = "KIND")]
    kind: Option<String>,
    /// When it is due
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    due: Option<String>,
    /// When it was paid, if it was
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    paid: Option<String>,
    /// The invoice's number
    #[arg(long, value_name = "TEXT")]
    invoice: Option<String>,
}

#[derive(Debug, clap::Args)]
pub struct PaidArgs {
    #[command(flatten)]
    pub(in crate::cli) who: Who,
    /// Which payment: its number (1, 2…) or its kind (deposit, balance…); default: the oldest
    /// one not paid
    which: Option<String>,
    /// The day it was paid (default: today)
    #[arg(long, value_name = "DATE", allow_hyphen_values = true)]
    on: Option<String>,
    /// The invoice's number
    #[arg(long, value_name = "TEXT")]
    invoice: Option<String>,
}

/// Reads dates, amounts and names as the options give them, naming the option on a mistake.
pub(super) struct Read {
    pub(super) today: Date,
}

impl Read {
    /// A date option as a value: a date, or `Val::Clear` for `none`.
    pub(super) fn date(&self, option: &str, text: &str) -> anyhow::Result<Val> {
        Ok(
            match read_date(text, self.today).map_err(|e| anyhow!("--{option} {e}"))? {
                Some(d) => Val::Date(d),
                None => Val::Clear,
            },
        )
    }

    /// A date that must be given (or today when not).
    pub(super) fn day(&self, option: &str, text: Option<&str>) -> anyhow::Result<Date> {
        match text {
            None => Ok(self.today),
            Some(t) => match self.date(option, t)? {
                Val::Date(d) => Ok(d),
                _ => bail!("--{option} needs a date"),
            },
        }
    }

    pub(super) fn amount(&self, option: &str, text: &str) -> anyhow::Result<u64> {
        crate::model::parse_size(text)
            .map_err(|e| anyhow!("{option} {text:?} is not an amount: {e}"))
    }
}

/// Puts `(key, value)` when the option was given.
pub(super) fn put(values: &mut Vec<(String, Val)>, key: &str, value: Option<Val>) {
    if let Some(v) = value {
        values.push((key.to_string(), v));
    }
}

pub(super) fn text(t: &Option<String>) -> Option<Val> {
    t.as_ref().map(|t| {
        if t.trim().is_empty() {
            Val::Clear
        } else {
            Val::Text(t.trim().to_string())
        }
    })
}

fn list(l: &Option<Vec<String>>) -> Option<Val> {
    l.as_ref().map(|l| Val::List(l.clone()))
}

/// A name among `names`, or an error naming the nearest.
pub(super) fn named<T>(
    what: &str,
    text: &str,
    names: &[&str],
    parse: impl Fn(&str) -> Option<T>,
) -> anyhow::Result<T> {
    parse(text).ok_or_else(|| {
        let hint = crate::suggest::nearest(text, names.iter().copied())
            .map(|n| format!("did you mean \"{n}\"?"))
            .unwrap_or_else(|| format!("{what}s: {}", names.join(", ")));
        anyhow!("unknown {what} \"{text}\" ({hint})")
    })
}

pub(super) fn dates(
    r: &Read,
    values: &mut Vec<(String, Val)>,
    given: &[(&str, &Option<String>)],
) -> anyhow::Result<()> {
    for (key, text) in given {
        if let Some(t) = text {
            values.push((key.to_string(), r.date(&key.replace('_', "-"), t)?));
        }
    }
    Ok(())
}

pub(super) fn nothing_given(values: &[(String, Val)], what: &str) -> anyhow::Result<()> {
    if values.is_empty() {
        bail!("nothing to record: give at least one of {what}");
    }
    Ok(())
}

pub fn contract(session: &Session, a: ContractArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let mut values = Vec::new();
    dates(&r, &mut values, &[("signed", &a.signed)])?;
    put(&mut values, "usage", list(&a.usage));
    dates(&r, &mut values, &[("usage_until", &a.usage_until)])?;
    put(&mut values, "territory", text(&a.territory));
    put(&mut values, "exclusivity", list(&a.exclusivity));
    dates(&r, &mut values, &[("exclusive_until", &a.exclusive_until)])?;
    put(&mut values, "disclosure", text(&a.disclosure));
    nothing_given(
        &values,
        "--signed, --usage, --usage-until, --territory, --exclusivity, --exclusive-until, --disclosure",
    )?;
    let edit = Edit::Set {
        creator: a.who.creator.clone(),
        record: Record::Contract,
        values,
    };
    super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn ship(session: &Session, a: ShipArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let mut values = Vec::new();
    dates(&r, &mut values, &[("sent", &a.sent)])?;
    put(&mut values, "carrier", text(&a.carrier));
    put(&mut values, "tracking", text(&a.tracking));
    put(&mut values, "item", text(&a.item));
    if let Some(v) = &a.value {
        values.push(("value".into(), Val::Count(r.amount("--value", v)?)));
    }
    dates(&r, &mut values, &[("received", &a.received)])?;
    nothing_given(
        &values,
        "--sent, --carrier, --tracking, --item, --value, --received",
    )?;
    let edit = Edit::Set {
        creator: a.who.creator.clone(),
        record: Record::Shipment,
        values,
    };
    super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn add_payment(session: &Session, a: PaymentArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let mut p = payment(r.amount("the amount", &a.amount)?);
    if let Some(k) = &a.kind {
        p.kind = Some(named(
            "payment kind",
            k,
            &PaymentKind::names(),
            PaymentKind::parse,
        )?);
    }
    if let Some(d) = &a.due {
        p.due = Some(r.day("due", Some(d))?);
    }
    if let Some(d) = &a.paid {
        p.paid = Some(r.day("paid", Some(d))?);
    }
    p.invoice = a
        .invoice
        .as_ref()
        .map(|i| i.trim().to_string())
        .filter(|i| !i.is_empty());
    let edit = Edit::AddPayment {
        creator: a.who.creator.clone(),
        payment: p,
    };
    super::save_entry(session, &a.who.campaign, &a.who.creator, vec![edit])
}

pub fn paid(session: &Session, a: PaidArgs) -> anyhow::Result<ExitCode> {
    let r = Read {
        today: crate::clock::now()?.date(),
    };
    let on = r.day("on", a.on.as_deref())?;
    let roster = super::roster(session)?;
    let campaign = super::listed(session, &roster, &a.who.campaign, &a.who.creator)?;
    let entry = campaign
        .entry(&a.who.creator)
        .ok_or_else(|| anyhow!("{} is not on the shortlist", a.who.creator))?;
    let payments = &entry.payments;
    let number = match a.which.as_deref().map(str::trim) {
        Some(n) if n.chars().all(|c| c.is_ascii_digit()) && !n.is_empty() => n.parse::<u32>()?,
        Some(kind) => {
            let kind = named(
                "payment kind",
                kind,
                &PaymentKind::names(),
                PaymentKind::parse,
            )?;
            let i = payments
                .iter()
                .position(|p| p.kind == Some(kind) && p.paid.is_none())
                .or_else(|| payments.iter().position(|p| p.kind == Some(kind)))
                .ok_or_else(|| anyhow!("{} has no {kind} payment", a.who.creator))?;
            u32::try_from(i + 1)?
        }
        None => {
            let i = payments
                .iter()
                .enumerate()
                .filter(|(_, p)| p.paid.is_none())
                .min_by_key(|(i, p)| (p.due, *i))
                .map(|(i, _)| i)
                .ok_or_else(|| match payments.len() {
                    0 => anyhow!(
                        "{} has no payments recorded; add one with `shortlist payment`",
                        a.who.creator
                    ),
                    _ => anyhow!("every payment of {} is already paid", a.who.creator),
                })?;
            u32::try_from(i + 1)?
        }
    };
    let mut values = vec![("paid".to_string(), Val::Date(on))];
    put(&mut values, "invoice", text(&a.invoice));
    let edit = Edit::Set {
        creator: a.who.creator.clone(),
        record: Record::Payment(number),
        values,
    };
    super::save(session, &roster, &a.who.campaign, &[edit])
}
