//! The agenda as an iCalendar file (RFC 5545) that calendar programs import: one all-day event
//! per item, with a UID that stays the same for the same piece of work from one export to the
//! next (the campaign, the creator, the thread of work and what it is about — never the date),
//! so that importing a newer file moves an event instead of adding a second one.

use icalendar::{Calendar, Component, EventLike, Property};
use jiff::Zoned;
use jiff::civil::Date;

use super::{Agenda, AgendaItem};
use crate::display::escape;
use crate::outreach::About;

/// The agenda as the text of an `.ics` file, stamped with `now`.
pub fn calendar(agenda: &Agenda, now: &Zoned) -> String {
    let mut cal = Calendar::empty();
    for (key, value) in [
        ("VERSION", "2.0"),
        ("PRODID", "-//shortlist//agenda//EN"),
        ("CALSCALE", "GREGORIAN"),
        ("METHOD", "PUBLISH"),
        ("X-WR-CALNAME", "shortlist"),
    ] {
        cal.append_property(Property::new(key, value));
    }
    let stamp =
        chrono::DateTime::from_timestamp(now.timestamp().as_second(), 0).unwrap_or_default();
    let today = now.date();
    for item in &agenda.items {
        let (Some(start), Some(end)) = (
            naive(item.due.on),
            item.due.on.tomorrow().ok().and_then(naive),
        ) else {
            continue;
        };
        let mut event = icalendar::Event::new();
        event
            .uid(&uid(item))
            .timestamp(stamp)
            .summary(&summary(item))
            .description(&description(item, today))
            .starts(start)
            .ends(end)
            .add_property("CATEGORIES", item.due.action.kind())
            .add_property("TRANSP", "TRANSPARENT");
        cal.push(event.done());
    }
    cal.to_string()
}

fn naive(date: Date) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// The item's identity across exports: `campaign/creator/thread[/about]@shortlist`, with any
/// character outside letters, digits, `-`, `_` and `.` written as `%XX`.
pub fn uid(item: &AgendaItem) -> String {
    let about = match &item.due.about {
        About::Entry | About::Rights(_) => String::new(),
        About::Deliverable(id) => format!("/deliverable-{id}"),
        About::Payment { number, .. } => format!("/payment-{number}"),
    };
    let raw = format!(
        "{}/{}/{}{about}",
        item.campaign,
        item.entry.creator,
        item.due.action.family()
    );
    let mut out = String::with_capacity(raw.len() + 10);
    for b in raw.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out.push_str("@shortlist");
    out
}

/// "script due (yt-1) · 美美 Mei · Lumi launch"
fn summary(item: &AgendaItem) -> String {
    let who = item.name.as_deref().unwrap_or(&item.entry.creator);
    escape(&format!(
        "{} · {who} · {}",
        item.due.what(),
        item.campaign_name
    ))
    .into_owned()
}

fn description(item: &AgendaItem, today: Date) -> String {
    let mut lines = vec![
        item.due.describe(today),
        format!("campaign: {} ({})", item.campaign_name, item.campaign),
        format!("creator: {}", item.entry.creator),
        format!("stage: {}", item.entry.stage),
    ];
    if let About::Deliverable(id) = &item.due.about
        && let Some(url) = item.entry.deliverable(id).and_then(|d| d.url.as_ref())
    {
        lines.push(format!("post: {url}"));
    }
    if let Some(email) = &item.email {
        lines.push(format!("email: {email}"));
    }
    lines
        .iter()
        .map(|l| escape(l).into_owned())
        .collect::<Vec<_>>()
        .join("\n")
}
