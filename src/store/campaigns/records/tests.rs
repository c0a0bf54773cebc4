use jiff::Zoned;
use jiff::civil::date;

use super::*;
use crate::model::{PaymentKind, Source, Step, Verdict};

fn now() -> Zoned {
    "2026-12-02T10:00:00+08:00[Asia/Taipei]".parse().unwrap()
}

const FILE: &str = r#"[campaign]
name = "Lumi"

# The YouTube one.
[[entry]]
creator = "mei-skinlab"
stage = "producing"   # since the contract
fee = 85_000
contract = { signed = 2026-11-20, usage = ["organic"] }  # scanned in Drive
history = [
  { at = 2026-11-13T10:05:00+08:00, stage = "shortlisted" },
]

[[entry.deliverable]]
id = "yt-1"   # the long video
platform = "youtube"
script_due = 2026-12-01
rounds = [
  { at = 2026-11-30T18:00:00+08:00, step = "script", verdict = "changes" },  # INCI order
]

[[entry.payment]]
kind = "deposit"
amount = 42_500
due = 2026-11-25

# Next one.
[[entry]]
creator = "sarsa"
stage = "contacted"
history = [{ at = 2026-11-13T10:02:00+08:00, stage = "shortlisted" }]
"#;

fn doc() -> Document {
    Document::parse(FILE).unwrap()
}

fn text(v: &str) -> Val {
    Val::Text(v.into())
}

#[test]
fn setting_contract_terms_keeps_the_inline_table_and_its_comment() {
    let mut d = doc();
    d.set_record(
        "mei-skinlab",
        &Record::Contract,
        &[
            ("usage_until".into(), Val::Date(date(2027, 2, 20))),
            (
                "usage".into(),
                Val::List(vec!["organic".into(), "ads".into()]),
            ),
        ],
    )
    .unwrap();
    assert_eq!(
        d.text(),
        FILE.replace(
            "contract = { signed = 2026-11-20, usage = [\"organic\"] }  # scanned in Drive",
            "contract = { signed = 2026-11-20, usage = [\"organic\", \"ads\"], usage_until = 2027-02-20 }  # scanned in Drive"
        )
    );
}

#[test]
fn a_new_shipment_goes_before_the_history() {
    let mut d = doc();
    d.set_record(
        "sarsa",
        &Record::Shipment,
        &[
            ("sent".into(), Val::Date(date(2026, 11, 22))),
            ("carrier".into(), text("黑貓")),
            ("value".into(), Val::Count(2_400)),
        ],
    )
    .unwrap();
    assert_eq!(
        d.text(),
        FILE.replace(
            "stage = \"contacted\"\nhistory",
            "stage = \"contacted\"\nshipment = { sent = 2026-11-22, carrier = \"黑貓\", value = 2400 }\nhistory"
        )
    );
}

#[test]
fn a_deliverable_changes_in_place_and_a_new_one_follows_its_entry() {
    let mut d = doc();
    d.set_record(
        "mei-skinlab",
        &Record::Deliverable("yt-1".into()),
        &[("post_by".into(), Val::Date(date(2026, 12, 15)))],
    )
    .unwrap();
    d.set_record(
        "mei-skinlab",
        &Record::Deliverable("ig-1".into()),
        &[
            ("platform".into(), text("instagram")),
            ("format".into(), text("reel")),
        ],
    )
    .unwrap();
    let expected = FILE
        .replace(
            "script_due = 2026-12-01\nrounds",
            "script_due = 2026-12-01\npost_by = 2026-12-15\nrounds",
        )
        .replace(
            "# INCI order\n]\n",
            "# INCI order\n]\n\n[[entry.deliverable]]\nid = \"ig-1\"\nplatform = \"instagram\"\nformat = \"reel\"\n",
        );
    assert_eq!(d.text(), expected);
    // Read back, the new deliverable belongs to mei-skinlab, not to the entry after it.
    let loaded = crate::store::parse_campaign("c", "c.toml", d.text().as_bytes(), None);
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    let c = loaded.campaign.unwrap();
    let ids: Vec<&str> = c.entries[0]
        .deliverables
        .iter()
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(ids, ["yt-1", "ig-1"]);
    assert!(c.entries[1].deliverables.is_empty());
}

#[test]
fn rounds_and_results_are_appended_one_per_line() {
    let mut d = doc();
    let round = Round {
        at: None,
        step: Step::Script,
        verdict: Some(Verdict::Approved),
        note: Some("looks  good".into()),
    };
    d.add_round("mei-skinlab", "yt-1", &round, &now()).unwrap();
    let expected = FILE.replace(
        "verdict = \"changes\" },  # INCI order\n]",
        "verdict = \"changes\" },  # INCI order\n  { at = 2026-12-02T10:00:00+08:00, step = \"script\", verdict = \"approved\", note = \"looks good\" },\n]",
    );
    assert_eq!(d.text(), expected);
    let results = Results {
        on: Some(date(2026, 12, 21)),
        views: Some(48_000),
        likes: Some(3_100),
        source: Some(Source::Creator),
        ..Results::default()
    };
    d.add_results("mei-skinlab", "yt-1", &results).unwrap();
    assert!(
        d.text().contains(
            "]\nresults = [\n  { on = 2026-12-21, views = 48_000, likes = 3100, source = \"creator\" },\n]\n"
        ),
        "{}",
        d.text()
    );
}

#[test]
fn payments_are_added_and_marked_paid_by_number() {
    let mut d = doc();
    let payment = Payment {
        kind: Some(PaymentKind::Balance),
        amount: 42_500,
        due: Some(date(2026, 12, 31)),
        paid: None,
        invoice: None,
        line: 0,
    };
    d.add_payment("mei-skinlab", &payment).unwrap();
    d.set_record(
        "mei-skinlab",
        &Record::Payment(1),
        &[
            ("paid".into(), Val::Date(date(2026, 11, 24))),
            ("invoice".into(), text("AB-12345678")),
        ],
    )
    .unwrap();
    let expected = FILE.replace(
        "due = 2026-11-25\n",
        "due = 2026-11-25\npaid = 2026-11-24\ninvoice = \"AB-12345678\"\n\n[[entry.payment]]\nkind = \"balance\"\namount = 42_500\ndue = 2026-12-31\n",
    );
    assert_eq!(d.text(), expected);
    assert!(matches!(
        d.set_record("mei-skinlab", &Record::Payment(3), &[]),
        Err(EditError::Shape(_))
    ));
}

#[test]
fn the_fee_is_written_as_people_write_it() {
    let mut d = doc();
    d.set_fee("sarsa", Some(30_000)).unwrap();
    assert!(
        d.text()
            .contains("stage = \"contacted\"\nfee = 30_000\nhistory")
    );
    d.set_fee("mei-skinlab", None).unwrap();
    assert!(!d.text().contains("fee = 85_000"));
}

#[test]
fn removing_an_entry_takes_its_records_and_keeps_the_comments_above_it() {
    let mut d = doc();
    d.remove_entry("mei-skinlab").unwrap();
    assert_eq!(
        d.text(),
        "[campaign]\nname = \"Lumi\"\n\n# The YouTube one.\n# Next one.\n[[entry]]\ncreator = \"sarsa\"\nstage = \"contacted\"\nhistory = [{ at = 2026-11-13T10:02:00+08:00, stage = \"shortlisted\" }]\n"
    );
    d.remove_entry("sarsa").unwrap();
    assert!(d.text().contains("# Next one."), "{}", d.text());
    assert!(matches!(
        d.remove_entry("sarsa"),
        Err(EditError::NotListed(_))
    ));
}

#[test]
fn records_written_inline_stay_inline() {
    let file = "[[entry]]\ncreator = \"a\"\nstage = \"producing\"\ndeliverable = [{ id = \"x\", platform = \"ig\" }]\npayment = [{ amount = 100 }]\n";
    let mut d = Document::parse(file).unwrap();
    d.set_record(
        "a",
        &Record::Deliverable("x".into()),
        &[("format".into(), text("story"))],
    )
    .unwrap();
    d.add_payment(
        "a",
        &Payment {
            kind: None,
            amount: 200,
            due: None,
            paid: None,
            invoice: None,
            line: 0,
        },
    )
    .unwrap();
    assert_eq!(
        d.text(),
        "[[entry]]\ncreator = \"a\"\nstage = \"producing\"\ndeliverable = [{ id = \"x\", platform = \"ig\", format = \"story\" }]\npayment = [{ amount = 100 }, { amount = 200 }]\n"
    );
}
