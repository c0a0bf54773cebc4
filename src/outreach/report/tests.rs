//! Every figure on a hand-made campaign with known answers.

use jiff::civil::date;

use super::*;
use crate::model::{Channel, Payment, Results, Round, Shipment, Step, Verdict};

fn creator(id: &str, channels: &[(&str, u64)]) -> (String, Creator) {
    let mut c = Creator {
        id: id.into(),
        name: format!("Name of {id}").into(),
        ..Creator::default()
    };
    for (platform, followers) in channels {
        c.channels.push(Channel {
            platform: Platform::parse(platform),
            handle: id.into(),
            followers: Some(*followers),
            engagement: None,
            avg_views: None,
            url: None,
        });
    }
    (c.name.to_string(), c)
}

fn results(on: &str, views: u64, likes: u64, source: Option<Source>) -> Results {
    Results {
        on: Some(on.parse().unwrap()),
        views: Some(views),
        likes: Some(likes),
        source,
        ..Results::default()
    }
}

fn deliverable(id: &str, platform: &str, snapshots: Vec<Results>) -> Deliverable {
    let mut d = Deliverable::new(id, Platform::parse(platform));
    if !snapshots.is_empty() {
        d.posted = Some(date(2026, 12, 1));
        d.url = Some(format!("https://example.com/{id}"));
    }
    d.results = snapshots;
    d
}

fn paid(amount: u64) -> Payment {
    Payment {
        kind: None,
        amount,
        due: None,
        paid: Some(date(2026, 12, 1)),
        invoice: None,
        line: 0,
    }
}

/// Three creators with results, one contracted without, one only negotiating.
fn entries() -> Vec<Entry> {
    // a: 50,000 fee + 2,000 product; YouTube video, two snapshots (the later counts) and an IG
    // post; posted late; all measured.
    let mut a = Entry::new("a", Stage::Published);
    a.fee = Some(50_000);
    a.shipment = Some(Shipment {
        value: Some(2_000),
        ..Shipment::default()
    });
    let mut yt = deliverable(
        "yt",
        "youtube",
        vec![
            Results {
                clicks: Some(100),
                ..results("2026-12-08", 10_000, 500, Some(Source::Measured))
            },
            Results {
                clicks: Some(400),
                code_uses: Some(40),
                sales: Some(208_000),
                comments: Some(100),
                shares: Some(50),
                saves: Some(350),
                ..results("2026-12-15", 40_000, 1_500, Some(Source::Measured))
            },
        ],
    );
    yt.post_by = Some(date(2026, 11, 30));
    yt.rounds = vec![
        Round {
            at: None,
            step: Step::Script,
            verdict: Some(Verdict::Changes),
            note: None,
        },
        Round {
            at: None,
            step: Step::Script,
            verdict: Some(Verdict::Approved),
            note: None,
        },
    ];
    yt.live = Some(true);
    let mut ig = deliverable(
        "ig",
        "instagram",
        vec![results("2026-12-08", 2_000, 100, Some(Source::Measured))],
    );
    ig.live = Some(true);
    a.deliverables = vec![yt, ig];
    a.payments = vec![paid(25_000)];
    // b: 10,000 on Instagram, figures from the creator, posted on time; one post not checked.
    let mut b = Entry::new("b", Stage::Completed);
    b.fee = Some(10_000);
    let mut post = deliverable(
        "post",
        "ig",
        vec![results("2026-12-05", 5_000, 900, Some(Source::Creator))],
    );
    post.post_by = Some(date(2026, 12, 2));
    b.deliverables = vec![post];
    b.payments = vec![paid(10_000)];
    // c: 1,000 on Instagram, an estimate with no views at all: ratios on views are absent.
    let mut c = Entry::new("c", Stage::Published);
    c.fee = Some(1_000);
    let mut est = deliverable(
        "story",
        "instagram",
        vec![Results {
            likes: Some(0),
            source: Some(Source::Estimate),
            ..Results::default()
        }],
    );
    est.live = Some(false);
    c.deliverables = vec![est];
    // d: contracted, nothing posted yet; e: still talking (not in the report).
    let mut d = Entry::new("d", Stage::Contracted);
    d.fee = Some(20_000);
    d.deliverables = vec![deliverable("reel", "instagram", Vec::new())];
    let mut e = Entry::new("e", Stage::Negotiating);
    e.fee = Some(99_000);
    vec![a, b, c, d, e]
}

fn made() -> Report {
    let people = [
        creator("a", &[("youtube", 120_000), ("instagram", 8_000)]),
        creator("b", &[("instagram", 30_000)]),
        creator("c", &[("instagram", 3_000)]),
        creator("d", &[("tiktok", 1_500_000)]),
    ];
    report(
        &entries(),
        "TWD",
        Some(100_000),
        &TierBounds::default(),
        Benchmarks::for_currency("TWD"),
        &|id| people.iter().find(|(_, c)| c.id == id).cloned(),
    )
}

fn close(a: Option<f64>, b: f64) {
    let a = a.expect("a figure");
    assert!((a - b).abs() < 1e-9, "{a} != {b}");
}

#[test]
fn money_is_committed_paid_and_owed() {
    let r = made();
    assert_eq!((r.committed, r.paid, r.owed), (81_000, 35_000, 46_000));
    assert_eq!(
        r.creators
            .iter()
            .map(|c| c.creator.as_str())
            .collect::<Vec<_>>(),
        ["a", "b", "c", "d"]
    );
}

#[test]
fn each_creator_counts_the_latest_snapshot_of_each_post() {
    let r = made();
    let a = &r.creators[0];
    let t = a.results.as_ref().unwrap();
    assert_eq!(a.cost, Some(52_000));
    assert_eq!(
        (t.views, t.engagements, t.clicks, t.code_uses, t.sales),
        (42_000, 2_100, 400, 40, 208_000)
    );
    close(t.cpm(), 52_000.0 * 1000.0 / 42_000.0);
    close(t.cpv(), 52_000.0 / 42_000.0);
    close(t.cpe(), 52_000.0 / 2_100.0);
    close(t.cpc(), 130.0);
    close(t.cpa(), 1_300.0);
    close(t.roas(), 4.0);
    assert_eq!(t.source(), "measured");
    assert!(t.measured());
    assert_eq!(
        a.platform.as_ref().map(|p| p.name()),
        Some("youtube"),
        "most views"
    );
    assert_eq!(
        a.tier,
        Some(Tier::Mid),
        "the YouTube channel's tier, not the larger of all"
    );
    assert_eq!(a.on_time, Some(false));
    assert_eq!(a.rounds, 2);
    assert_eq!(a.live, Live::Live);
    assert_eq!(a.posts.len(), 2);
}

#[test]
fn absent_divisors_give_absent_figures_never_zero() {
    let r = made();
    let c = r.creators[2].results.as_ref().unwrap();
    assert_eq!((c.views, c.engagements, c.clicks), (0, 0, 0));
    for figure in [c.cpm(), c.cpv(), c.cpe(), c.cpc(), c.cpa()] {
        assert_eq!(figure, None);
    }
    close(c.roas(), 0.0);
    assert_eq!(c.source(), "estimate");
    assert!(!c.measured());
    assert_eq!(r.creators[2].live, Live::Removed);
    let d = &r.creators[3];
    assert_eq!(d.results, None, "nothing posted: no figures at all");
    assert_eq!(
        d.platform.as_ref().map(|p| p.name()),
        Some("instagram"),
        "its deliverable's platform"
    );
    assert_eq!(
        d.tier,
        Some(Tier::Mega),
        "no Instagram channel: the largest one's tier"
    );
    assert_eq!((d.on_time, d.live), (None, Live::Unchecked));
    let zero = Totals::default();
    assert_eq!(zero.roas(), None, "no cost: no ROAS");
}

#[test]
fn totals_and_breakdowns_sum_the_entries_with_results() {
    let r = made();
    let t = &r.totals;
    assert_eq!(t.entries, 3);
    assert_eq!((t.cost, t.views, t.engagements), (63_000, 47_000, 3_000));
    close(t.cpm(), 63_000.0 * 1000.0 / 47_000.0);
    close(t.cpe(), 21.0);
    close(t.roas(), 208_000.0 / 63_000.0);
    assert_eq!(t.source(), "mixed");
    assert_eq!(
        r.by_platform.keys().collect::<Vec<_>>(),
        ["instagram", "youtube"]
    );
    let ig = &r.by_platform["instagram"];
    assert_eq!(
        (ig.entries, ig.cost, ig.views, ig.engagements),
        (2, 11_000, 5_000, 900)
    );
    assert_eq!(
        r.by_tier.keys().copied().collect::<Vec<_>>(),
        [Tier::Nano, Tier::Micro, Tier::Mid]
    );
    assert_eq!(r.by_tier[&Tier::Micro].cost, 10_000);
}

#[test]
fn figures_outside_the_benchmarks_are_flagged() {
    let r = made();
    let b = r.benchmarks;
    let a = r.creators[0].results.as_ref().unwrap();
    assert_eq!(
        flag(a.cpm(), b.cpm),
        Some("above"),
        "1,238 per thousand views"
    );
    assert_eq!(flag(a.cpe(), b.cpe), Some("above"), "24.76 per engagement");
    let bee = r.creators[1].results.as_ref().unwrap();
    assert_eq!(flag(bee.cpe(), b.cpe), None, "11.11 is within 5–15");
    assert_eq!(flag(Some(2.0), b.cpe), Some("below"));
    assert_eq!(flag(None, b.cpe), None);
    assert_eq!(Benchmarks::for_currency("USD"), Benchmarks::default());
}
