//! What is due next for an entry, computed from its stage and history (never stored twice):
//! follow-ups 3 and 7 days after an invitation with no change, a `no_reply` suggestion at 14
//! days, and a "still live?" check 7 days after publication. A `follow_up` date written on the
//! entry wins over the rules.

use jiff::ToSpan;
use jiff::civil::Date;

use crate::model::{Campaign, Entry, Stage};

/// Days after contact with no change when the first follow-up is due.
pub const FIRST_FOLLOW_UP: i64 = 3;
/// … the second follow-up.
pub const SECOND_FOLLOW_UP: i64 = 7;
/// … when `no_reply` is suggested.
pub const GIVE_UP: i64 = 14;
/// Days after publication when the post is checked.
pub const STILL_LIVE: i64 = 7;

/// What to do.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// The date set by hand on the entry.
    FollowUp,
    /// The first or second follow-up after an invitation with no answer.
    Remind(u8),
    /// No answer for two weeks: mark `no_reply`?
    SuggestNoReply,
    /// Published a week ago: is the post still live?
    CheckLive,
}

impl Action {
    /// A short description for tables.
    pub fn describe(self) -> &'static str {
        match self {
            Action::FollowUp => "follow up (date set)",
            Action::Remind(1) => "follow up (no reply after 3 days)",
            Action::Remind(_) => "follow up again (no reply after 7 days)",
            Action::SuggestNoReply => "no reply after 14 days: mark no_reply?",
            Action::CheckLive => "check the post is still live",
        }
    }

    /// The name used in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Action::FollowUp => "follow-up",
            Action::Remind(1) => "first-reminder",
            Action::Remind(_) => "second-reminder",
            Action::SuggestNoReply => "suggest-no-reply",
            Action::CheckLive => "check-live",
        }
    }
}

/// The next thing to do for an entry and the day it is (or was) due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Due {
    pub action: Action,
    pub on: Date,
}

impl Due {
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

    /// What to do and when, in words: "check the post is still live — 2 days late", "… —
    /// today", "… on 2026-12-03".
    pub fn describe(&self, today: Date) -> String {
        let what = self.action.describe();
        match self.lateness(today) {
            Some(t) if t == "today" => format!("{what} — today"),
            Some(late) => format!("{what} — {late} late"),
            None => format!("{what} on {}", self.on),
        }
    }
}

/// A follow-up date as people type it, relative to `today`: `2026-11-30`, `+3` (days from
/// today) or `none`. `Ok(None)` clears the date.
pub fn read_date(text: &str, today: Date) -> Result<Option<Date>, String> {
    let text = text.trim();
    if matches!(text.to_lowercase().as_str(), "none" | "clear" | "-" | "") {
        return Ok(None);
    }
    let fail = || format!("{text:?} is not a date: write 2026-11-30, +3 (days from today) or none");
    if let Some(days) = text.strip_prefix('+') {
        let days: i64 = days
            .trim_end_matches(['d', 'D'])
            .parse()
            .map_err(|_| fail())?;
        let far = || format!("{text:?} is too far away");
        let span = jiff::Span::new().try_days(days).map_err(|_| far())?;
        return today.checked_add(span).map(Some).map_err(|_| far());
    }
    text.parse::<Date>().map(Some).map_err(|_| fail())
}

/// The day the entry entered its current stage, by its history (in the offset it was
/// recorded in).
pub fn since(entry: &Entry) -> Option<Date> {
    let last = entry.last_change()?;
    (last.stage == entry.stage).then(|| {
        last.at
            .to_zoned(jiff::tz::TimeZone::fixed(last.offset))
            .date()
    })
}

/// The next action for `entry` as of `today`: the latest one already due, else the next one
/// coming; `None` when there is nothing to do.
pub fn next_action(entry: &Entry, today: Date) -> Option<Due> {
    if let Some(on) = entry.follow_up {
        return Some(Due {
            action: Action::FollowUp,
            on,
        });
    }
    let start = since(entry)?;
    let rules: &[(i64, Action)] = match entry.stage {
        Stage::Contacted => &[
            (FIRST_FOLLOW_UP, Action::Remind(1)),
            (SECOND_FOLLOW_UP, Action::Remind(2)),
            (GIVE_UP, Action::SuggestNoReply),
        ],
        Stage::Published => &[(STILL_LIVE, Action::CheckLive)],
        _ => &[],
    };
    let dates = rules
        .iter()
        .filter_map(|(days, action)| {
            Some(Due {
                action: *action,
                on: start.checked_add(days.days()).ok()?,
            })
        })
        .collect::<Vec<_>>();
    dates
        .iter()
        .rev()
        .find(|d| d.on <= today)
        .or_else(|| dates.first())
        .copied()
}

/// Every entry of `campaign` with an action due on `today` or earlier, oldest first.
pub fn due(campaign: &Campaign, today: Date) -> Vec<(&Entry, Due)> {
    let mut out: Vec<(&Entry, Due)> = campaign
        .entries
        .iter()
        .filter_map(|e| Some((e, next_action(e, today)?)))
        .filter(|(_, d)| d.on <= today)
        .collect();
    out.sort_by_key(|(e, d)| (d.on, e.line));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Change;
    use jiff::civil::date;
    use rstest::rstest;

    fn entry(stage: Stage, changed: &str) -> Entry {
        let at: jiff::Zoned = format!("{changed}T18:00:00+08:00[Asia/Taipei]")
            .parse()
            .unwrap();
        Entry {
            history: vec![Change {
                at: at.timestamp(),
                offset: at.offset(),
                stage,
                note: None,
            }],
            line: 1,
            ..Entry::new("sarsa", stage)
        }
    }

    #[rstest]
    #[case("2026-11-11", Some((Action::Remind(1), "2026-11-13")))]
    #[case("2026-11-12", Some((Action::Remind(1), "2026-11-13")))]
    #[case("2026-11-13", Some((Action::Remind(1), "2026-11-13")))]
    #[case("2026-11-16", Some((Action::Remind(1), "2026-11-13")))]
    #[case("2026-11-17", Some((Action::Remind(2), "2026-11-17")))]
    #[case("2026-11-23", Some((Action::Remind(2), "2026-11-17")))]
    #[case("2026-11-24", Some((Action::SuggestNoReply, "2026-11-24")))]
    #[case("2027-03-01", Some((Action::SuggestNoReply, "2026-11-24")))]
    fn contacted_entries_are_followed_up_at_3_7_and_14_days(
        #[case] today: &str,
        #[case] expected: Option<(Action, &str)>,
    ) {
        // Contacted on the evening of 10 November, Taipei time.
        let e = entry(Stage::Contacted, "2026-11-10");
        let expected = expected.map(|(action, on)| Due {
            action,
            on: on.parse().unwrap(),
        });
        assert_eq!(next_action(&e, today.parse().unwrap()), expected);
    }

    #[test]
    fn the_day_counts_in_the_offset_the_change_was_recorded_in() {
        // 23:30 in Taipei is still 10 November there, though it is 11 November nowhere near.
        let at: jiff::Zoned = "2026-11-10T23:30:00+08:00[Asia/Taipei]".parse().unwrap();
        let mut e = entry(Stage::Contacted, "2026-11-01");
        e.history[0].at = at.timestamp();
        assert_eq!(since(&e), Some(date(2026, 11, 10)));
        assert_eq!(
            next_action(&e, date(2026, 11, 12)).unwrap().on,
            date(2026, 11, 13)
        );
    }

    #[test]
    fn dates_absolute_relative_and_none() {
        let today = date(2026, 11, 22);
        assert_eq!(read_date("2026-11-30", today), Ok(Some(date(2026, 11, 30))));
        assert_eq!(read_date("+3", today), Ok(Some(date(2026, 11, 25))));
        assert_eq!(read_date(" +10d ", today), Ok(Some(date(2026, 12, 2))));
        assert_eq!(read_date("none", today), Ok(None));
        assert_eq!(read_date("", today), Ok(None));
        assert_eq!(
            read_date("next week", today),
            Err(
                "\"next week\" is not a date: write 2026-11-30, +3 (days from today) or none"
                    .into()
            )
        );
        assert!(read_date("+x", today).is_err());
        assert!(read_date("+99999999", today).is_err());
    }

    #[test]
    fn published_entries_are_checked_a_week_later() {
        let e = entry(Stage::Published, "2026-11-10");
        let due = next_action(&e, date(2026, 11, 12)).unwrap();
        assert_eq!(due.action, Action::CheckLive);
        assert_eq!(due.on, date(2026, 11, 17));
        assert_eq!(due.overdue(date(2026, 11, 12)), -5);
        assert_eq!(due.overdue(date(2026, 11, 20)), 3);
    }

    #[rstest]
    #[case(Stage::Shortlisted)]
    #[case(Stage::Negotiating)]
    #[case(Stage::Contracted)]
    #[case(Stage::Completed)]
    #[case(Stage::Declined)]
    #[case(Stage::NoReply)]
    fn other_stages_have_nothing_due_unless_a_date_is_set(#[case] stage: Stage) {
        let mut e = entry(stage, "2026-11-01");
        assert_eq!(next_action(&e, date(2026, 12, 31)), None);
        e.follow_up = Some(date(2026, 12, 2));
        assert_eq!(
            next_action(&e, date(2026, 12, 31)),
            Some(Due {
                action: Action::FollowUp,
                on: date(2026, 12, 2)
            })
        );
    }

    #[test]
    fn a_date_set_by_hand_wins_over_the_rules() {
        let mut e = entry(Stage::Contacted, "2026-11-10");
        e.follow_up = Some(date(2026, 11, 30));
        let due = next_action(&e, date(2026, 11, 25)).unwrap();
        assert_eq!(due.action, Action::FollowUp);
        assert_eq!(due.on, date(2026, 11, 30));
    }

    #[test]
    fn without_history_for_the_stage_the_rules_cannot_run() {
        let mut e = entry(Stage::Contacted, "2026-11-10");
        e.history.clear();
        assert_eq!(next_action(&e, date(2026, 12, 31)), None);
        // History that ends in another stage (the file was edited by hand) says nothing either.
        let mut e = entry(Stage::Shortlisted, "2026-11-10");
        e.stage = Stage::Contacted;
        assert_eq!(next_action(&e, date(2026, 12, 31)), None);
    }

    #[test]
    fn due_lists_what_is_due_oldest_first() {
        let mut campaign = Campaign {
            id: "c".into(),
            brief: Default::default(),
            entries: vec![
                entry(Stage::Contacted, "2026-11-15"),
                entry(Stage::Contacted, "2026-11-01"),
                entry(Stage::Negotiating, "2026-11-01"),
                entry(Stage::Published, "2026-11-20"),
            ],
        };
        for (i, e) in campaign.entries.iter_mut().enumerate() {
            e.creator = format!("c{i}").into();
            e.line = i as u32;
        }
        campaign.entries[2].follow_up = Some(date(2026, 11, 21));
        let today = date(2026, 11, 22);
        let due: Vec<(&str, Action, Date)> = due(&campaign, today)
            .into_iter()
            .map(|(e, d)| (e.creator.as_str(), d.action, d.on))
            .collect();
        assert_eq!(
            due,
            [
                ("c1", Action::SuggestNoReply, date(2026, 11, 15)),
                ("c2", Action::FollowUp, date(2026, 11, 21)),
                ("c0", Action::Remind(2), date(2026, 11, 22)),
            ]
        );
    }
}
