//! What happens after the contract, as recorded in an entry: the contract's terms, the product
//! shipped, each deliverable with its review rounds and results, and the payments.

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

use super::Platform;
use super::named::named;

/// The terms signed with the creator: `contract = { … }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Contract {
    pub signed: Option<Date>,
    /// Where the brand may use the content: `organic`, `ads`, …
    pub usage: Vec<CompactString>,
    /// The last day the brand may use it.
    pub usage_until: Option<Date>,
    pub territory: Option<String>,
    /// Niches in which the creator may not work for another brand meanwhile.
    pub exclusivity: Vec<CompactString>,
    pub exclusive_until: Option<Date>,
    /// How the creator marks the content as paid (`#合作`, `#ad`).
    pub disclosure: Option<String>,
}

impl Contract {
    /// True when the contract binds the creator to exclusivity on `day`: from its signing (or
    /// always, when that is not recorded) to `exclusive_until`.
    pub fn exclusive_on(&self, day: Date) -> bool {
        !self.exclusivity.is_empty()
            && self.exclusive_until.is_some_and(|until| day <= until)
            && self.signed.is_none_or(|signed| signed <= day)
    }
}

/// The product sent to the creator: `shipment = { … }`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Shipment {
    pub sent: Option<Date>,
    pub carrier: Option<String>,
    pub tracking: Option<String>,
    pub item: Option<String>,
    /// What the product is worth, in the campaign's currency; part of the entry's cost.
    pub value: Option<u64>,
    pub received: Option<Date>,
}

named! {
    /// A step of review: the script, then a draft, then the final cut.
    pub enum Step {
        Script = "script",
        Draft = "draft",
        Final = "final",
    }
}

named! {
    /// The brand's answer to a submission.
    pub enum Verdict {
        Approved = "approved",
        Changes = "changes",
    }
}

named! {
    /// Where a results snapshot comes from.
    pub enum Source {
        /// Read from the platform's statistics by the brand.
        Measured = "measured",
        /// Reported by the creator (a screenshot of their insights).
        Creator = "creator",
        /// Worked out by the marketer.
        Estimate = "estimate",
    }
}

named! {
    /// What a payment is for.
    pub enum PaymentKind {
        Deposit = "deposit",
        Balance = "balance",
        Full = "full",
        Other = "other",
    }
}

/// One submission and the brand's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Round {
    /// When it was recorded, in the offset it was recorded in.
    pub at: Option<(Timestamp, Offset)>,
    pub step: Step,
    /// `None` while the submission awaits an answer.
    pub verdict: Option<Verdict>,
    pub note: Option<String>,
}

/// The figures of a post on one day.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Results {
    pub on: Option<Date>,
    pub views: Option<u64>,
    pub likes: Option<u64>,
    pub comments: Option<u64>,
    pub shares: Option<u64>,
    pub saves: Option<u64>,
    pub clicks: Option<u64>,
    pub code_uses: Option<u64>,
    /// Sales attributed to the post, in the campaign's currency.
    pub sales: Option<u64>,
    pub source: Option<Source>,
}

impl Results {
    /// The figures a snapshot may hold, by key, with a reader of each.
    pub const COUNTS: [(&'static str, Count); 8] = [
        ("views", |r| r.views),
        ("likes", |r| r.likes),
        ("comments", |r| r.comments),
        ("shares", |r| r.shares),
        ("saves", |r| r.saves),
        ("clicks", |r| r.clicks),
        ("code_uses", |r| r.code_uses),
        ("sales", |r| r.sales),
    ];

    /// True when the snapshot holds no figure.
    pub fn is_empty(&self) -> bool {
        Results::COUNTS.iter().all(|(_, read)| read(self).is_none())
    }

    /// Likes, comments, shares and saves together; `None` when none is recorded.
    pub fn engagements(&self) -> Option<u64> {
        let parts = [self.likes, self.comments, self.shares, self.saves];
        parts
            .iter()
            .any(Option::is_some)
            .then(|| parts.iter().flatten().sum())
    }

    /// Sets the count named `key`; false when no count has that name.
    pub fn set(&mut self, key: &str, value: u64) -> bool {
        let slot = match key {
            "views" => &mut self.views,
            "likes" => &mut self.likes,
            "comments" => &mut self.comments,
            "shares" => &mut self.shares,
            "saves" => &mut self.saves,
            "clicks" => &mut self.clicks,
            "code_uses" => &mut self.code_uses,
            "sales" => &mut self.sales,
            _ => return false,
        };
        *slot = Some(value);
        true
    }
}

/// Reads one figure of a snapshot.
pub type Count = fn(&Results) -> Option<u64>;

/// One piece of content the creator owes: `[[entry.deliverable]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deliverable {
    /// Unique within the entry.
    pub id: CompactString,
    pub platform: Platform,
    /// Free text: reel, story, post, video, short, live…
    pub format: Option<String>,
    pub script_due: Option<Date>,
    pub draft_due: Option<Date>,
    pub post_by: Option<Date>,
    /// Oldest first.
    pub rounds: Vec<Round>,
    pub posted: Option<Date>,
    pub url: Option<String>,
    /// The day the post was last seen, and whether it was still up then.
    pub checked: Option<Date>,
    pub live: Option<bool>,
    /// Snapshots of the post's figures, as written.
    pub results: Vec<Results>,
    /// 1-based line of its table (0 when not from a file).
    pub line: u32,
}

impl Deliverable {
    /// A deliverable with nothing but its id and platform.
    pub fn new(id: impl Into<CompactString>, platform: Platform) -> Deliverable {
        Deliverable {
            id: id.into(),
            platform,
            format: None,
            script_due: None,
            draft_due: None,
            post_by: None,
            rounds: Vec::new(),
            posted: None,
            url: None,
            checked: None,
            live: None,
            results: Vec::new(),
            line: 0,
        }
    }

    /// True when a round of `step` was approved.
    pub fn approved(&self, step: Step) -> bool {
        self.rounds
            .iter()
            .any(|r| r.step == step && r.verdict == Some(Verdict::Approved))
    }

    /// The latest answer of `step`'s rounds: approved, changes asked, or awaiting an answer.
    pub fn status(&self, step: Step) -> Option<Option<Verdict>> {
        self.rounds
            .iter()
            .rfind(|r| r.step == step)
            .map(|r| r.verdict)
    }

    /// The snapshot that counts: the one of the latest day (the later written on a tie).
    pub fn latest_results(&self) -> Option<&Results> {
        self.results
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| (r.on, *i))
            .map(|(_, r)| r)
    }

    /// True when it was posted on or before its `post_by` date; `None` while that cannot be
    /// told (not posted yet, or no date to keep).
    pub fn on_time(&self) -> Option<bool> {
        Some(self.posted? <= self.post_by?)
    }
}

/// One payment to the creator: `[[entry.payment]]`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Payment {
    pub kind: Option<PaymentKind>,
    /// In the campaign's currency.
    pub amount: u64,
    pub due: Option<Date>,
    pub paid: Option<Date>,
    pub invoice: Option<String>,
    /// 1-based line of its table (0 when not from a file).
    pub line: u32,
}

impl Payment {
    /// "deposit", or "payment" when the kind is not said.
    pub fn what(&self) -> &'static str {
        self.kind.map_or("payment", PaymentKind::name)
    }
}

named! {
    /// Something that happened to an entry without changing its stage.
    pub enum Event {
        /// The creator answered.
        Replied = "replied",
        /// An automatic answer (out of office): it is no answer.
        AutoReply = "auto-reply",
        /// A message was sent or written as a draft (a follow-up).
        Sent = "sent",
    }
}
