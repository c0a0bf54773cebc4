//! The follow-ups of an entry: the cadence's steps after it entered its stage (a step done by
//! a follow-up sent on or after its day), and a reply waiting to be answered.

use jiff::civil::Date;

use super::{Action, Due, after};
use crate::model::{Entry, Event, Stage};
use crate::outreach::cadence::Cadence;
use crate::outreach::follow_up::since;

/// The day of a reply that came after a contacted entry's last change of stage.
pub(super) fn reply_waiting(entry: &Entry) -> Option<Date> {
    if entry.stage != Stage::Contacted {
        return None;
    }
    let last = entry.last_change().map(|c| c.at);
    entry
        .history
        .iter()
        .filter(|c| c.event == Some(Event::Replied) && last.is_none_or(|l| c.at > l))
        .map(|c| c.day())
        .min()
}

/// The follow-up steps of the entry's stage: the latest already due, else the first to come.
/// The last step of `contacted` (when it has two or more) suggests `no_reply`.
pub(super) fn reminder(entry: &Entry, today: Date, cadence: &Cadence) -> Option<Due> {
    let steps = cadence.steps(entry.stage);
    if steps.is_empty() {
        return None;
    }
    let start = since(entry)?;
    let last = steps.len() - 1;
    let dates: Vec<Due> = steps
        .iter()
        .enumerate()
        .filter_map(|(i, step)| {
            let action = if entry.stage == Stage::Contacted && i == last && last > 0 {
                Action::SuggestNoReply
            } else {
                Action::Remind(u8::try_from(i + 1).unwrap_or(u8::MAX))
            };
            let mut due = Due::new(action, after(start, step.days)?);
            due.template = step.template.clone();
            due.days = Some(step.days);
            Some(due)
        })
        .collect();
    // A follow-up sent on or after a step's day has done that step.
    let sent = entry
        .history
        .iter()
        .filter(|c| c.event == Some(Event::Sent))
        .map(|c| c.day())
        .max();
    let dates: Vec<Due> = dates
        .into_iter()
        .filter(|d| sent.is_none_or(|s| d.on > s))
        .collect();
    dates
        .iter()
        .rev()
        .find(|d| d.on <= today)
        .or_else(|| dates.first())
        .cloned()
}
