//! Everything dated in an entry, as one list: the follow-ups of outreach, the deadlines of
//! production (script, draft, post), the checks after posting (still live, results), payments
//! owed, shipments not received, usage rights about to end, and replies waiting for an answer.
//! Each item has an action, the day it is (or was) due, and what it is about. Computed from the
//! entry every time, never stored.

use compact_str::CompactString;
use jiff::ToSpan;
use jiff::civil::Date;

use super::cadence::Cadence;
use super::follow_up::{STILL_LIVE, since};
use crate::display::grouped;
use crate::model::{Campaign, Deliverable, Entry, Stage, Step};

/// Days after posting when the results are asked for.
pub const RESULTS_AFTER: i64 = 7;
/// Days after sending when a shipment not received is checked on.
pub const SHIPMENT_AFTER: i64 = 5;
/// Days before usage rights end when they are brought up.
pub const USAGE_NOTICE: i64 = 14;

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Action {
    /// The date set by hand on the entry.
    FollowUp,
    /// The first or second follow-up after an invitation with no answer.
    Remind(u8),
    /// No answer for two weeks: mark `no_reply`?
    SuggestNoReply,
    /// The creator replied after being contacted: move on?
    ReplyReceived,
    /// A deliverable's script is due and not approved.
    ScriptDue,
    /// A deliverable's draft is due and not approved.
    DraftDue,
    /// A deliverable should be posted by now.
    PostBy,
    /// Posted a week ago: is the post still live?
    CheckLive,
    /// Posted a week ago and no results recorded.
    ResultsDue,
    /// A payment is due and not paid.
    PaymentDue,
    /// The product was sent days ago and is not recorded as received.
    ShipmentCheck,
    /// The brand's right to use the content ends soon.
    UsageExpires,
}

impl Action {
    /// Every action, in the order of the pipeline.
    pub const ALL: [Action; 13] = [
        Action::FollowUp,
        Action::Remind(1),
        Action::Remind(2),
        Action::SuggestNoReply,
        Action::ReplyReceived,
        Action::ScriptDue,
        Action::DraftDue,
        Action::PostBy,
        Action::CheckLive,
        Action::ResultsDue,
        Action::PaymentDue,
        Action::ShipmentCheck,
        Action::UsageExpires,
    ];

    /// A short description for tables.
    pub fn describe(self) -> &'static str {
        match self {
            Action::FollowUp => "follow up (date set)",
            Action::Remind(1) => "follow up (no reply after 3 days)",
            Action::Remind(_) => "follow up again (no reply after 7 days)",
            Action::SuggestNoReply => "no reply after 14 days: mark no_reply?",
            Action::ReplyReceived => "replied: move to negotiating?",
            Action::ScriptDue => "script due",
            Action::DraftDue => "draft due",
            Action::PostBy => "post due",
            Action::CheckLive => "check the post is still live",
            Action::ResultsDue => "record the results",
            Action::PaymentDue => "payment due",
            Action::ShipmentCheck => "shipment not received: check with the carrier",
            Action::UsageExpires => "usage rights ending",
        }
    }

    /// A word or two for a narrow place (a card on the board).
    pub fn short(self) -> &'static str {
        match self {
            Action::FollowUp => "follow up",
            Action::Remind(1) => "remind",
            Action::Remind(_) => "remind again",
            Action::SuggestNoReply => "no reply?",
            Action::ReplyReceived => "replied",
            Action::ScriptDue => "script",
            Action::DraftDue => "draft",
            Action::PostBy => "post",
            Action::CheckLive => "live?",
            Action::ResultsDue => "results",
            Action::PaymentDue => "pay",
            Action::ShipmentCheck => "shipment",
            Action::UsageExpires => "rights end",
        }
    }

    /// The name used in JSON and calendars.
    pub fn name(self) -> &'static str {
        match self {
            Action::FollowUp => "follow-up",
            Action::Remind(1) => "first-reminder",
            Action::Remind(_) => "second-reminder",
            Action::SuggestNoReply => "suggest-no-reply",
            Action::ReplyReceived => "reply-received",
            Action::ScriptDue => "script-due",
            Action::DraftDue => "draft-due",
            Action::PostBy => "post-by",
            Action::CheckLive => "check-live",
            Action::ResultsDue => "results-due",
            Action::PaymentDue => "payment-due",
            Action::ShipmentCheck => "shipment-check",
            Action::UsageExpires => "usage-expires",
        }
    }

    /// The kind of work it belongs to, for filtering: `outreach`, `production`, `payment`,
    /// `shipment` or `rights`.
    pub fn kind(self) -> &'static str {
        match self {
            Action::FollowUp
            | Action::Remind(_)
            | Action::SuggestNoReply
            | Action::ReplyReceived => "outreach",
            Action::ScriptDue
            | Action::DraftDue
            | Action::PostBy
            | Action::CheckLive
            | Action::ResultsDue => "production",
            Action::PaymentDue => "payment",
            Action::ShipmentCheck => "shipment",
            Action::UsageExpires => "rights",
        }
    }

    /// The actions that follow one another in one thread of work (a follow-up and its
    /// reminders) share a family, so that a calendar updates one event as it moves on.
    pub fn family(self) -> &'static str {
        match self {
            Action::FollowUp | Action::Remind(_) | Action::SuggestNoReply => "follow-up",
            other => other.name(),
        }
    }
}

/// What an item is about within its entry.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum About {
    /// The entry as a whole.
    Entry,
    /// A deliverable, by id.
    Deliverable(CompactString),
    /// A payment: its place among the entry's payments (from 1), and what it is ("deposit
    /// 42,500").
    Payment { number: u32, what: String },
    /// The usage rights, with the day they end ("until 2027-02-20").
    Rights(String),
}

impl About {
    /// The words added to the action: "yt-1", "deposit 42,500"; empty for the entry.
    pub fn words(&self) -> &str {
        match self {
            About::Entry => "",
            About::Deliverable(id) => id,
            About::Payment { what, .. } | About::Rights(what) => what,
        }
    }
}

/// One thing to do for an entry and the day it is (or was) due.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Due {
    pub action: Action,
    pub on: Date,
    pub about: About,
    /// The template a follow-up of this step uses, when the cadence names one.
    pub template: Option<String>,
    /// For a follow-up step: the days after entering the stage it comes.
    pub days: Option<i64>,
}

impl Due {
    /// An item about the entry as a whole.
    pub fn new(action: Action, on: Date) -> Due {
        Due {
            action,
            on,
            about: About::Entry,
            template: None,
            days: None,
        }
    }

    /// Days past due on `today` (0 when due today, negative when still ahead).
    pub fn overdue(&self, today: Date) -> i64 {
        (today - self.on).get_days().into()
    }

    /// How late it is on `today`, in words: `today`, `1 day`, `3 days`; `None` while it is
    /// still ahead.
    pub fn lateness(&self, today: Date) -> Option<String> {
        match self.overdue(today) {
            0 => Some("today".into()),
            1 => Some("1 day".into()),
            n if n > 1 => Some(format!("{n} days")),
            _ => None,
        }
    }

    /// What to do, with what it is about: "script due (yt-1)".
    pub fn what(&self) -> String {
        // A follow-up step says its own days (the cadence is configurable).
        let action = match (self.action, self.days) {
            (Action::Remind(1), Some(d)) => format!("follow up (no reply after {d} days)"),
            (Action::Remind(_), Some(d)) => format!("follow up again (no reply after {d} days)"),
            (Action::SuggestNoReply, Some(d)) => {
                format!("no reply after {d} days: mark no_reply?")
            }
            (action, _) => action.describe().to_string(),
        };
        match self.about.words() {
            "" => action,
            about => format!("{action} ({about})"),
        }
    }

    /// What to do and when, in words: "check the post is still live — 2 days late", "… —
    /// today", "… on 2026-12-03".
    pub fn describe(&self, today: Date) -> String {
        let what = self.what();
        match self.lateness(today) {
            Some(t) if t == "today" => format!("{what} — today"),
            Some(late) => format!("{what} — {late} late"),
            None => format!("{what} on {}", self.on),
        }
    }
}

fn after(day: Date, days: i64) -> Option<Date> {
    day.checked_add(days.days()).ok()
}

/// Every dated item of `entry` as of `today`, whether due yet or not, in the order of the
/// pipeline. Items that are done (a script approved, a post made, a payment paid) are not
/// listed; a follow-up lists only its latest reminder already due (else the first to come).
pub fn items(entry: &Entry, today: Date) -> Vec<Due> {
    items_by(entry, today, &Cadence::default())
}

/// As [`items`], following up as `cadence` says.
pub fn items_by(entry: &Entry, today: Date, cadence: &Cadence) -> Vec<Due> {
    let mut out = Vec::new();
    let replied = reply_waiting(entry);
    if let Some(on) = entry.follow_up {
        out.push(Due::new(Action::FollowUp, on));
    } else if replied.is_none() {
        out.extend(reminder(entry, today, cadence));
    }
    if let Some(on) = replied {
        out.push(Due::new(Action::ReplyReceived, on));
    }
    let producing = matches!(
        entry.stage,
        Stage::Contracted | Stage::Producing | Stage::Published
    );
    if entry.stage == Stage::Published
        && entry.deliverables.is_empty()
        && let Some(on) = since(entry).and_then(|d| after(d, STILL_LIVE))
    {
        out.push(Due::new(Action::CheckLive, on));
    }
    for d in &entry.deliverables {
        if producing {
            out.extend(production(d));
        }
        if (producing || entry.stage == Stage::Completed)
            && d.results.is_empty()
            && let Some(on) = d.posted.and_then(|p| after(p, RESULTS_AFTER))
        {
            out.push(about(d, Action::ResultsDue, on));
        }
    }
    for (i, p) in entry.payments.iter().enumerate() {
        if let (Some(on), None) = (p.due, p.paid) {
            out.push(Due {
                action: Action::PaymentDue,
                on,
                about: About::Payment {
                    number: u32::try_from(i + 1).unwrap_or(u32::MAX),
                    what: format!("{} {}", p.what(), grouped(p.amount)),
                },
                template: None,
                days: None,
            });
        }
    }
    if let Some(s) = &entry.shipment
        && s.received.is_none()
        && let Some(on) = s.sent.and_then(|d| after(d, SHIPMENT_AFTER))
    {
        out.push(Due::new(Action::ShipmentCheck, on));
    }
    if let Some(until) = entry.contract.as_ref().and_then(|c| c.usage_until)
        && today <= until
        && let Some(on) = after(until, -USAGE_NOTICE)
    {
        out.push(Due {
            action: Action::UsageExpires,
            on,
            about: About::Rights(format!("until {until}")),
            template: None,
            days: None,
        });
    }
    out
}

fn about(d: &Deliverable, action: Action, on: Date) -> Due {
    Due {
        action,
        on,
        about: About::Deliverable(d.id.clone()),
        template: None,
        days: None,
    }
}

/// The production deadlines of a deliverable still open, and the live check once posted.
fn production(d: &Deliverable) -> Vec<Due> {
    let mut out = Vec::new();
    if d.posted.is_none() {
        for (step, due, action) in [
            (Step::Script, d.script_due, Action::ScriptDue),
            (Step::Draft, d.draft_due, Action::DraftDue),
        ] {
            if let Some(on) = due
                && !d.approved(step)
            {
                out.push(about(d, action, on));
            }
        }
        if let Some(on) = d.post_by {
            out.push(about(d, Action::PostBy, on));
        }
    } else if d.checked.is_none()
        && let Some(on) = d.posted.and_then(|p| after(p, STILL_LIVE))
    {
        out.push(about(d, Action::CheckLive, on));
    }
    out
}

/// The next thing to do for `entry` as of `today`: the oldest item already due, else the
/// soonest to come; `None` when there is nothing to do.
pub fn next_action(entry: &Entry, today: Date) -> Option<Due> {
    next_action_by(entry, today, &Cadence::default())
}

/// As [`next_action`], following up as `cadence` says.
pub fn next_action_by(entry: &Entry, today: Date, cadence: &Cadence) -> Option<Due> {
    let all = items_by(entry, today, cadence);
    let due = all.iter().filter(|d| d.on <= today).min_by_key(|d| d.on);
    due.or_else(|| all.iter().min_by_key(|d| d.on)).cloned()
}

/// Every item of `campaign` due on `until` or earlier, oldest first (then in file order).
pub fn due(campaign: &Campaign, today: Date, until: Date) -> Vec<(&Entry, Due)> {
    due_by(campaign, today, until, &Cadence::default())
}

/// As [`due`], following up as `cadence` says.
pub fn due_by<'c>(
    campaign: &'c Campaign,
    today: Date,
    until: Date,
    cadence: &Cadence,
) -> Vec<(&'c Entry, Due)> {
    let mut out: Vec<(&Entry, Due)> = campaign
        .entries
        .iter()
        .flat_map(|e| items_by(e, today, cadence).into_iter().map(move |d| (e, d)))
        .filter(|(_, d)| d.on <= until)
        .collect();
    out.sort_by_key(|(e, d)| (d.on, e.line, d.action));
    out
}

mod follow_ups;
use follow_ups::{reminder, reply_waiting};

#[cfg(test)]
mod tests;
