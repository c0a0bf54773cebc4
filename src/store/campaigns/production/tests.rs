//! The messages of every problem an entry's records can have, each at its place.

use crate::model::{PaymentKind, Source, Step, Verdict};
use crate::store::parse_campaign;

const HEAD: &str = "[campaign]\nname = \"C\"\n\n[[entry]]\ncreator = \"sarsa\"\nstage = \"producing\"\nhistory = [{ at = 2026-11-20T10:00:00+08:00, stage = \"contracted\" }]\n";

fn messages(records: &str) -> Vec<String> {
    let text = format!("{HEAD}{records}");
    parse_campaign("c", "c.toml", text.as_bytes(), None)
        .diagnostics
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn every_record_reads_completely() {
    let text = format!(
        "{HEAD}contract = {{ signed = 2026-11-20, usage = [\"organic\", \"ads\"], usage_until = 2027-02-20, territory = \"TW\", exclusivity = [\"skincare\"], exclusive_until = 2027-01-20, disclosure = \"#合作\" }}
shipment = {{ sent = 2026-11-22, carrier = \"黑貓\", tracking = \"1\", item = \"Serum\", value = 2_400, received = 2026-11-24 }}

[[entry.deliverable]]
id = \"yt-1\"
platform = \"yt\"
format = \"video\"
script_due = 2026-12-01
draft_due = 2026-12-08
post_by = 2026-12-15
rounds = [
  {{ at = 2026-11-30T18:00:00+08:00, step = \"script\", verdict = \"changes\", note = \"INCI\" }},
  {{ step = \"script\", verdict = \"approved\" }},
  {{ step = \"draft\" }},
]
posted = 2026-12-14
url = \"https://youtu.be/abc\"
checked = 2026-12-21
live = true
results = [{{ on = 2026-12-21, views = 48_000, likes = 3_100, comments = 210, shares = 45, saves = 380, clicks = 900, code_uses = 64, sales = 96_000, source = \"creator\" }}]

[[entry.payment]]
kind = \"deposit\"
amount = 42_500
due = 2026-11-25
paid = 2026-11-24
invoice = \"AB-1\"
"
    );
    let loaded = parse_campaign("c", "c.toml", text.as_bytes(), None);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let c = loaded.campaign.unwrap();
    let e = &c.entries[0];
    let contract = e.contract.as_ref().unwrap();
    assert_eq!(contract.usage, ["organic", "ads"]);
    assert_eq!(contract.exclusive_until.unwrap().to_string(), "2027-01-20");
    assert_eq!(e.shipment.as_ref().unwrap().value, Some(2_400));
    let d = &e.deliverables[0];
    assert_eq!(d.platform.name(), "youtube");
    assert_eq!(d.line, 11);
    assert_eq!(d.rounds.len(), 3);
    assert_eq!(d.rounds[0].verdict, Some(Verdict::Changes));
    assert_eq!(d.rounds[2].step, Step::Draft);
    assert_eq!(d.rounds[2].verdict, None);
    assert!(d.approved(Step::Script));
    assert_eq!(d.live, Some(true));
    let r = d.latest_results().unwrap();
    assert_eq!(
        (r.views, r.engagements(), r.source),
        (Some(48_000), Some(3_735), Some(Source::Creator))
    );
    assert_eq!(d.on_time(), Some(true));
    let p = &e.payments[0];
    assert_eq!(
        (p.kind, p.amount, p.line),
        (Some(PaymentKind::Deposit), 42_500, 29)
    );
    assert_eq!(e.paid_and_owed(), (42_500, 0));
    assert_eq!(e.cost(), Some(2_400));
}

#[test]
fn typos_and_impossible_values_are_located() {
    let got = messages(
        "contract = { signed = 2026-11-20, usage_untill = 2027-02-20, exclusivity = [\"skincare\"] }
shipment = { sent = 2026-11-22, received = 2026-11-20, value = -3 }

[[entry.deliverable]]
id = \"yt-1\"
platform = \"youtub\"
script_due = 2026-12-08
draft_due = 2026-12-01
rounds = [{ at = 2026-11-01T10:00:00+08:00, step = \"scirpt\", verdict = \"ok\" }]
posted = 2026-12-14
results = [{ on = 2026-12-10, views = 1, sorce = \"creator\" }]

[[entry.deliverable]]
id = \"yt-1\"

[[entry.payment]]
kind = \"advance\"
due = \"soon\"
",
    );
    assert_eq!(
        got,
        [
            "c.toml:8:35: error: unknown key \"usage_untill\" (did you mean \"usage_until\"?) (entry sarsa)",
            "c.toml:8:76: warning: \"exclusivity\" without \"exclusive_until\": no date to hold it to (entry sarsa)",
            "c.toml:9:44: error: \"received\" (2026-11-20) is before \"sent\" (2026-11-22) (entry sarsa)",
            "c.toml:9:64: error: \"value\" cannot be negative (-3) (entry sarsa)",
            "c.toml:13:12: warning: unknown platform \"youtub\" (did you mean \"youtube\"?); kept as written (entry sarsa)",
            "c.toml:15:13: error: \"draft_due\" (2026-12-01) is before \"script_due\" (2026-12-08) (entry sarsa)",
            "c.toml:16:18: error: a review round before the entry was put on the shortlist (entry sarsa)",
            "c.toml:16:52: error: unknown step \"scirpt\" (did you mean \"script\"?) (entry sarsa)",
            "c.toml:16:72: error: unknown verdict \"ok\" (verdicts: approved, changes) (entry sarsa)",
            "c.toml:17:10: error: \"posted\" without \"url\": add the post's address (url = \"https://…\") (entry sarsa)",
            "c.toml:18:19: error: \"on\" (2026-12-10) is before \"posted\" (2026-12-14) (entry sarsa)",
            "c.toml:18:42: error: unknown key \"sorce\" (did you mean \"source\"?) (entry sarsa)",
            "c.toml:20:1: error: missing required field \"platform\" (entry sarsa)",
            "c.toml:21:6: error: duplicate deliverable id \"yt-1\" (first at line 11) (entry sarsa)",
            "c.toml:23:1: error: missing required field \"amount\" (entry sarsa)",
            "c.toml:24:8: error: unknown payment kind \"advance\" (payment kinds: deposit, balance, full, other) (entry sarsa)",
            "c.toml:25:7: error: \"due\" must be a date like 2026-10-01, found string \"soon\" (entry sarsa)",
        ]
    );
}

#[test]
fn history_records_are_stages_or_events() {
    let text = "[campaign]\nname = \"C\"\n\n[[entry]]\ncreator = \"sarsa\"\nstage = \"contacted\"\nhistory = [
  { at = 2026-11-20T10:00:00+08:00, stage = \"contacted\", message_id = \"<x@y>\" },
  { at = 2026-11-21T10:00:00+08:00, event = \"replied\", note = \"Re: invitation\", message_id = \"<a@b>\" },
  { at = 2026-11-22T10:00:00+08:00, event = \"repleid\" },
  { at = 2026-11-23T10:00:00+08:00, stage = \"producing\", event = \"sent\" },
  { at = 2026-11-24T10:00:00+08:00, note = \"nothing\" },
]
";
    let loaded = parse_campaign("c", "c.toml", text.as_bytes(), None);
    let got: Vec<String> = loaded.diagnostics.iter().map(ToString::to_string).collect();
    assert_eq!(
        got,
        [
            "c.toml:10:45: error: unknown event \"repleid\" (did you mean \"replied\"?) (entry sarsa)",
            "c.toml:11:66: error: a history record is a change of stage or an event, not both (entry sarsa)",
            "c.toml:12:3: error: a history record needs a \"stage\" (the stage entered) or an \"event\" (replied, auto-reply, sent) (entry sarsa)",
        ]
    );
    let e = &loaded.campaign.unwrap().entries[0];
    assert_eq!(e.history.len(), 2, "the records that read are kept");
    assert_eq!(e.history[0].message_id.as_deref(), Some("<x@y>"));
    assert_eq!(e.history[1].event, Some(crate::model::Event::Replied));
    assert_eq!(e.history[1].what(), "replied");
    assert_eq!(
        e.last_change().unwrap().stage,
        Some(crate::model::Stage::Contacted)
    );
}

#[test]
fn a_key_of_another_table_is_said_where_it_belongs() {
    let found = messages(
        "url = \"https://x.example\"\namount = 5\nsigned = 2026-11-01\ntracking = \"1\"\nviews = 5\nfolowers = 3\nfollow_ups = 2026-12-01\n\n[[entry.deliverable]]\nid = \"d\"\nplatform = \"ig\"\nviews = 5\nfee = 3\nverdict = \"approved\"\npostd = 2026-12-01\n\n[[entry.payment]]\namount = 5\nposted = 2026-12-01\n",
    );
    let want = [
        "c.toml:8:1: warning: unknown key \"url\" (it belongs in a deliverable: [[entry.deliverable]]) (entry sarsa)",
        "c.toml:9:1: warning: unknown key \"amount\" (it belongs in a payment: [[entry.payment]]) (entry sarsa)",
        "c.toml:10:1: warning: unknown key \"signed\" (it belongs in the contract: contract = { signed = …, … }) (entry sarsa)",
        "c.toml:11:1: warning: unknown key \"tracking\" (it belongs in the shipment: shipment = { sent = …, … }) (entry sarsa)",
        "c.toml:12:1: warning: unknown key \"views\" (it belongs in a deliverable's results: results = [{ on = …, … }]) (entry sarsa)",
        "c.toml:13:1: warning: unknown key \"folowers\" (did you mean \"followers\"? it belongs to a creator's channel, in creators.toml) (entry sarsa)",
        "c.toml:14:1: warning: unknown key \"follow_ups\" (did you mean \"follow_up\"?) (entry sarsa)",
        "c.toml:19:1: error: unknown key \"views\" (it belongs in a results snapshot: results = [{ on = …, … }]) (entry sarsa)",
        "c.toml:20:1: error: unknown key \"fee\" (it belongs to the [[entry]] itself) (entry sarsa)",
        "c.toml:21:1: error: unknown key \"verdict\" (it belongs in a review round: rounds = [{ at = …, … }]) (entry sarsa)",
        "c.toml:22:1: error: unknown key \"postd\" (did you mean \"posted\"?) (entry sarsa)",
        "c.toml:26:1: error: unknown key \"posted\" (it belongs in a deliverable: [[entry.deliverable]]) (entry sarsa)",
    ];
    for line in want {
        assert!(
            found.iter().any(|f| f == line),
            "{line}\nnot in\n{found:#?}"
        );
    }
}
