//! Every rule of the agenda pinned on fixed dates: the first day an item is due, the day
//! before (still ahead), and when it stops being due.

use jiff::civil::{Date, date};
use rstest::rstest;

use super::*;
use crate::model::Event;
use crate::model::{
    Change, Contract, Payment, PaymentKind, Platform, Results, Round, Shipment, Verdict,
};

fn at(day: &str) -> jiff::Zoned {
    format!("{day}T18:00:00+08:00[Asia/Taipei]")
        .parse()
        .unwrap()
}

fn change(stage: Option<Stage>, event: Option<Event>, day: &str) -> Change {
    let at = at(day);
    Change {
        at: at.timestamp(),
        offset: at.offset(),
        stage,
        event,
        note: None,
        message_id: None,
    }
}

fn entry(stage: Stage, changed: &str) -> Entry {
    Entry {
        history: vec![change(Some(stage), None, changed)],
        line: 1,
        ..Entry::new("sarsa", stage)
    }
}

fn d(text: &str) -> Date {
    text.parse().unwrap()
}

/// The items due on `today` (not those still ahead), as (action, on, about).
fn due_on(e: &Entry, today: &str) -> Vec<(Action, Date, String)> {
    let today = d(today);
    items(e, today)
        .into_iter()
        .filter(|i| i.on <= today)
        .map(|i| (i.action, i.on, i.about.words().to_string()))
        .collect()
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
    let got = next_action(&e, d(today)).map(|due| (due.action, due.on));
    assert_eq!(got, expected.map(|(action, on)| (action, d(on))));
}

#[test]
fn a_configured_cadence_follows_up_when_it_says_with_the_template_it_names() {
    use crate::outreach::cadence::{Cadence, Step};
    let mut cadence = Cadence::default();
    let step = |days, template: Option<&str>| Step {
        days,
        template: template.map(String::from),
    };
    cadence.set(
        Stage::Contacted,
        vec![step(2, None), step(5, Some("nudge-en")), step(10, None)],
    );
    cadence.set(Stage::Negotiating, vec![step(4, Some("terms-en"))]);
    let e = entry(Stage::Contacted, "2026-11-10");
    let due = next_action_by(&e, d("2026-11-16"), &cadence).unwrap();
    assert_eq!((due.action, due.on), (Action::Remind(2), d("2026-11-15")));
    assert_eq!(due.template.as_deref(), Some("nudge-en"));
    assert_eq!(due.what(), "follow up again (no reply after 5 days)");
    let due = next_action_by(&e, d("2026-11-20"), &cadence).unwrap();
    assert_eq!(due.what(), "no reply after 10 days: mark no_reply?");
    // A stage with a cadence of its own is followed up too; without one, it is not.
    let n = entry(Stage::Negotiating, "2026-11-10");
    let due = next_action_by(&n, d("2026-11-14"), &cadence).unwrap();
    assert_eq!((due.action, due.on), (Action::Remind(1), d("2026-11-14")));
    assert_eq!(due.what(), "follow up (no reply after 4 days)");
    assert_eq!(next_action(&n, d("2026-11-14")), None);
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
fn published_entries_without_deliverables_are_checked_a_week_later() {
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
        Some(Due::new(Action::FollowUp, date(2026, 12, 2)))
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
fn a_reply_after_contact_replaces_the_reminders_until_the_stage_moves() {
    let mut e = entry(Stage::Contacted, "2026-11-10");
    // A reply before the contact (to something older) does not count.
    e.history
        .insert(0, change(None, Some(Event::Replied), "2026-11-01"));
    assert_eq!(
        due_on(&e, "2026-11-13"),
        [(Action::Remind(1), d("2026-11-13"), String::new())]
    );
    e.history
        .push(change(None, Some(Event::AutoReply), "2026-11-11"));
    assert_eq!(
        due_on(&e, "2026-11-13")[0].0,
        Action::Remind(1),
        "an auto-reply is no answer"
    );
    e.history
        .push(change(None, Some(Event::Replied), "2026-11-12"));
    assert_eq!(due_on(&e, "2026-11-11"), []);
    assert_eq!(
        due_on(&e, "2026-11-12"),
        [(Action::ReplyReceived, d("2026-11-12"), String::new())]
    );
    assert_eq!(due_on(&e, "2026-11-30")[0].0, Action::ReplyReceived);
    // Moved on: nothing left.
    e.history
        .push(change(Some(Stage::Negotiating), None, "2026-11-13"));
    e.stage = Stage::Negotiating;
    assert_eq!(due_on(&e, "2026-11-30"), []);
}

fn producing() -> Entry {
    let mut e = entry(Stage::Producing, "2026-11-20");
    let mut yt = Deliverable::new("yt-1", Platform::parse("youtube"));
    yt.script_due = Some(d("2026-12-01"));
    yt.draft_due = Some(d("2026-12-08"));
    yt.post_by = Some(d("2026-12-15"));
    e.deliverables.push(yt);
    e
}

fn approve(e: &mut Entry, step: Step, verdict: Option<Verdict>) {
    e.deliverables[0].rounds.push(Round {
        at: None,
        step,
        verdict,
        note: None,
    });
}

#[test]
fn script_due_from_its_day_until_a_script_is_approved() {
    let mut e = producing();
    assert_eq!(due_on(&e, "2026-11-30"), []);
    assert_eq!(
        due_on(&e, "2026-12-01"),
        [(Action::ScriptDue, d("2026-12-01"), "yt-1".into())]
    );
    approve(&mut e, Step::Script, Some(Verdict::Changes));
    approve(&mut e, Step::Script, None);
    assert_eq!(
        due_on(&e, "2026-12-03")[0].0,
        Action::ScriptDue,
        "changes or waiting: still due"
    );
    approve(&mut e, Step::Script, Some(Verdict::Approved));
    assert_eq!(due_on(&e, "2026-12-03"), []);
}

#[test]
fn draft_due_until_approved_and_post_by_until_posted() {
    let mut e = producing();
    approve(&mut e, Step::Script, Some(Verdict::Approved));
    assert_eq!(due_on(&e, "2026-12-07"), []);
    assert_eq!(
        due_on(&e, "2026-12-08"),
        [(Action::DraftDue, d("2026-12-08"), "yt-1".into())]
    );
    approve(&mut e, Step::Draft, Some(Verdict::Approved));
    assert_eq!(due_on(&e, "2026-12-14"), []);
    assert_eq!(
        due_on(&e, "2026-12-15"),
        [(Action::PostBy, d("2026-12-15"), "yt-1".into())]
    );
    e.deliverables[0].posted = Some(d("2026-12-16"));
    e.deliverables[0].url = Some("https://youtu.be/x".into());
    assert_eq!(
        due_on(&e, "2026-12-16"),
        [],
        "posted: the deadlines are over"
    );
}

#[test]
fn a_post_is_checked_and_its_results_asked_for_a_week_later() {
    let mut e = producing();
    e.stage = Stage::Published;
    e.deliverables[0].posted = Some(d("2026-12-14"));
    e.deliverables[0].url = Some("https://youtu.be/x".into());
    assert_eq!(due_on(&e, "2026-12-20"), []);
    assert_eq!(
        due_on(&e, "2026-12-21"),
        [
            (Action::CheckLive, d("2026-12-21"), "yt-1".into()),
            (Action::ResultsDue, d("2026-12-21"), "yt-1".into()),
        ]
    );
    e.deliverables[0].checked = Some(d("2026-12-22"));
    e.deliverables[0].live = Some(true);
    assert_eq!(due_on(&e, "2026-12-22")[0].0, Action::ResultsDue);
    e.deliverables[0].results.push(Results {
        views: Some(48_000),
        ..Results::default()
    });
    assert_eq!(due_on(&e, "2026-12-22"), []);
}

#[test]
fn results_are_still_asked_for_once_the_entry_is_completed() {
    let mut e = producing();
    e.stage = Stage::Completed;
    e.deliverables[0].posted = Some(d("2026-12-14"));
    assert_eq!(
        due_on(&e, "2026-12-21"),
        [(Action::ResultsDue, d("2026-12-21"), "yt-1".into())]
    );
    e.stage = Stage::Dropped;
    assert_eq!(due_on(&e, "2026-12-21"), []);
}

#[test]
fn a_payment_is_due_from_its_day_until_paid() {
    let mut e = entry(Stage::Completed, "2026-11-01");
    e.payments.push(Payment {
        kind: Some(PaymentKind::Deposit),
        amount: 42_500,
        due: Some(d("2026-11-25")),
        paid: None,
        invoice: None,
        line: 0,
    });
    assert_eq!(due_on(&e, "2026-11-24"), []);
    assert_eq!(
        due_on(&e, "2026-11-25"),
        [(Action::PaymentDue, d("2026-11-25"), "deposit 42,500".into())]
    );
    e.payments[0].paid = Some(d("2026-11-26"));
    assert_eq!(due_on(&e, "2026-11-30"), []);
}

#[test]
fn a_shipment_is_checked_five_days_after_sending_until_received() {
    let mut e = entry(Stage::Producing, "2026-11-01");
    e.shipment = Some(Shipment {
        sent: Some(d("2026-11-22")),
        ..Shipment::default()
    });
    assert_eq!(due_on(&e, "2026-11-26"), []);
    assert_eq!(
        due_on(&e, "2026-11-27"),
        [(Action::ShipmentCheck, d("2026-11-27"), String::new())]
    );
    e.shipment.as_mut().unwrap().received = Some(d("2026-11-28"));
    assert_eq!(due_on(&e, "2026-11-28"), []);
}

#[test]
fn usage_rights_are_raised_two_weeks_before_they_end_until_they_do() {
    let mut e = entry(Stage::Completed, "2026-11-01");
    e.contract = Some(Contract {
        usage_until: Some(d("2027-02-20")),
        ..Contract::default()
    });
    assert_eq!(due_on(&e, "2027-02-05"), []);
    assert_eq!(
        due_on(&e, "2027-02-06"),
        [(
            Action::UsageExpires,
            d("2027-02-06"),
            "until 2027-02-20".into()
        )]
    );
    assert_eq!(due_on(&e, "2027-02-20")[0].0, Action::UsageExpires);
    assert_eq!(due_on(&e, "2027-02-21"), [], "over: nothing left to renew");
}

#[test]
fn the_next_action_is_the_oldest_due_else_the_soonest_ahead() {
    let mut e = producing();
    e.payments.push(Payment {
        kind: None,
        amount: 1,
        due: Some(d("2026-11-28")),
        paid: None,
        invoice: None,
        line: 0,
    });
    assert_eq!(
        next_action(&e, d("2026-11-20")).unwrap().action,
        Action::PaymentDue
    );
    assert_eq!(
        next_action(&e, d("2026-12-02")).unwrap().action,
        Action::PaymentDue
    );
    e.payments[0].paid = Some(d("2026-11-29"));
    assert_eq!(
        next_action(&e, d("2026-11-20")).unwrap().action,
        Action::ScriptDue
    );
}

#[test]
fn the_campaign_agenda_is_oldest_first_and_looks_ahead_on_request() {
    let mut campaign = Campaign {
        id: "c".into(),
        brief: Default::default(),
        entries: vec![
            entry(Stage::Contacted, "2026-11-15"),
            entry(Stage::Contacted, "2026-11-01"),
            entry(Stage::Negotiating, "2026-11-01"),
            producing(),
        ],
    };
    for (i, e) in campaign.entries.iter_mut().enumerate() {
        e.creator = format!("c{i}").into();
        e.line = i as u32;
    }
    campaign.entries[2].follow_up = Some(date(2026, 11, 21));
    let today = date(2026, 11, 22);
    let list = |until: Date| -> Vec<(String, Action, Date)> {
        due(&campaign, today, until)
            .into_iter()
            .map(|(e, d)| (e.creator.to_string(), d.action, d.on))
            .collect()
    };
    assert_eq!(
        list(today),
        [
            ("c1".into(), Action::SuggestNoReply, date(2026, 11, 15)),
            ("c2".into(), Action::FollowUp, date(2026, 11, 21)),
            ("c0".into(), Action::Remind(2), date(2026, 11, 22)),
        ]
    );
    let ahead = list(date(2026, 12, 8));
    assert_eq!(ahead.len(), 5);
    assert_eq!(
        ahead[3],
        ("c3".into(), Action::ScriptDue, date(2026, 12, 1))
    );
    assert_eq!(ahead[4], ("c3".into(), Action::DraftDue, date(2026, 12, 8)));
}

#[test]
fn every_action_has_its_own_name_and_a_kind() {
    let names: std::collections::HashSet<&str> = Action::ALL.iter().map(|a| a.name()).collect();
    assert_eq!(names.len(), Action::ALL.len());
    for a in Action::ALL {
        assert!(["outreach", "production", "payment", "shipment", "rights"].contains(&a.kind()));
    }
}
