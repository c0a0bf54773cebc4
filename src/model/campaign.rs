use std::fmt;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

use super::{Contract, Deliverable, Event, Payment, Platform, Shipment, Stage};

/// A campaign: the brief from the brand and the shortlist being worked through.
#[derive(Clone, Debug, PartialEq)]
pub struct Campaign {
    /// The file's name without `.toml`; how commands refer to the campaign.
    pub id: CompactString,
    pub brief: Brief,
    /// One entry per creator on the shortlist, in file order.
    pub entries: Vec<Entry>,
}

/// What the brand asked for, from the `[campaign]` table.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Brief {
    pub name: String,
    pub brand: Option<String>,
    pub product: Option<String>,
    pub goal: Option<Goal>,
    pub budget: Option<u64>,
    /// ISO 4217 code; absent means the configured default.
    pub currency: Option<CompactString>,
    /// Where the content should appear.
    pub platforms: Vec<Platform>,
    pub reply_by: Option<Date>,
    pub starts: Option<Date>,
    pub ends: Option<Date>,
    /// Name of the invitation template (a file in `templates/` without `.txt`).
    pub template: Option<String>,
    pub sender: Option<Sender>,
    /// A short introduction of the brand, for invitations.
    pub about: Option<String>,
    /// What content is wanted, for invitations.
    pub brief: Option<String>,
    /// The content format asked of each creator unless their entry says otherwise.
    pub deliverables: Option<String>,
    /// What the product is about, in the creators' niches (`skincare`): where an exclusivity
    /// signed elsewhere would clash.
    pub niches: Vec<CompactString>,
    /// The language of what is written for the brand (the report): `zh-TW` or `en`.
    pub lang: Option<Lang>,
    /// Other keys the user added for their templates, as written.
    pub extra: Vec<(String, Value)>,
}

/// Who invitations come from.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Sender {
    pub name: String,
    pub email: String,
    pub phone: Option<String>,
}

/// What a campaign is for: it changes what success looks like.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Goal {
    Awareness,
    Engagement,
    Conversion,
}

impl Goal {
    /// Every goal.
    pub const ALL: [Goal; 3] = [Goal::Awareness, Goal::Engagement, Goal::Conversion];

    /// The name used in files.
    pub fn name(self) -> &'static str {
        match self {
            Goal::Awareness => "awareness",
            Goal::Engagement => "engagement",
            Goal::Conversion => "conversion",
        }
    }

    /// Reads a goal name (any case).
    pub fn parse(text: &str) -> Option<Goal> {
        let text = text.trim().to_lowercase();
        Goal::ALL.into_iter().find(|g| g.name() == text)
    }
}

impl fmt::Display for Goal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A language the program writes reports in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Lang {
    /// Traditional Chinese, as written in Taiwan.
    ZhTw,
    English,
}

impl Lang {
    /// The tag used in files and in HTML.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::ZhTw => "zh-TW",
            Lang::English => "en",
        }
    }

    /// Reads `zh-TW` (also `zh`, `zh-Hant`, any case) or `en`.
    pub fn parse(text: &str) -> Option<Lang> {
        match text.trim().to_lowercase().as_str() {
            "zh-tw" | "zh" | "zh-hant" | "zh_tw" => Some(Lang::ZhTw),
            "en" | "en-us" | "en-gb" | "english" => Some(Lang::English),
            _ => None,
        }
    }
}

/// A value of a key the program does not interpret, kept for templates.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    Text(String),
    Integer(i64),
    Float(f64),
    Boolean(bool),
    Date(Date),
    List(Vec<Value>),
}

/// One creator on a campaign's shortlist.
#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    /// The creator's id in `creators.toml`.
    pub creator: CompactString,
    pub stage: Stage,
    /// The agreed or proposed fee, in the campaign's currency.
    pub fee: Option<u64>,
    /// A follow-up date set by hand; it wins over the automatic rules.
    pub follow_up: Option<Date>,
    /// The `deliverables` key: what was agreed, in words ("1 IG Reel + 2 stories").
    pub deliverables_note: Option<String>,
    pub notes: Option<String>,
    /// The terms signed.
    pub contract: Option<Contract>,
    /// The product sent.
    pub shipment: Option<Shipment>,
    /// The `[[entry.deliverable]]` tables: each piece of content owed, in file order.
    pub deliverables: Vec<Deliverable>,
    /// The `[[entry.payment]]` tables, in file order.
    pub payments: Vec<Payment>,
    /// Every change of stage and every event, oldest first.
    pub history: Vec<Change>,
    /// 1-based line of the `[[entry]]` table in its file (0 when not from a file).
    pub line: u32,
}

/// One record of history: a change of stage, or an event that changes no stage (a reply), with
/// when (local time with its offset) and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: Timestamp,
    /// The offset the time was recorded in, so that it is written back as it was.
    pub offset: Offset,
    /// The stage entered; `None` for an event.
    pub stage: Option<Stage>,
    pub event: Option<Event>,
    pub note: Option<String>,
    /// The `Message-ID` of the message this record is about (sent or received).
    pub message_id: Option<String>,
}

impl Change {
    /// The stage entered or the event, by name.
    pub fn what(&self) -> &'static str {
        match (self.stage, self.event) {
            (Some(stage), _) => stage.name(),
            (None, Some(event)) => event.name(),
            (None, None) => "",
        }
    }

    /// The day it happened, in the offset it was recorded in.
    pub fn day(&self) -> Date {
        self.at
            .to_zoned(jiff::tz::TimeZone::fixed(self.offset))
            .date()
    }
}

impl Entry {
    /// A creator at `stage` with nothing else known yet.
    pub fn new(creator: impl Into<CompactString>, stage: Stage) -> Entry {
        Entry {
            creator: creator.into(),
            stage,
            fee: None,
            follow_up: None,
            deliverables_note: None,
            notes: None,
            contract: None,
            shipment: None,
            deliverables: Vec::new(),
            payments: Vec::new(),
            history: Vec::new(),
            line: 0,
        }
    }

    /// When the entry last changed stage, if its history says.
    pub fn last_change(&self) -> Option<&Change> {
        self.history
            .iter()
            .filter(|c| c.stage.is_some())
            .max_by_key(|c| c.at)
    }

    /// When it was first recorded: the oldest record of its history.
    pub fn first_record(&self) -> Option<&Change> {
        self.history.iter().min_by_key(|c| c.at)
    }

    /// The deliverable with this id.
    pub fn deliverable(&self, id: &str) -> Option<&Deliverable> {
        self.deliverables.iter().find(|d| d.id == id)
    }

    /// The total of its payments made, and of those still owed.
    pub fn paid_and_owed(&self) -> (u64, u64) {
        self.payments.iter().fold((0, 0), |(paid, owed), p| {
            if p.paid.is_some() {
                (paid.saturating_add(p.amount), owed)
            } else {
                (paid, owed.saturating_add(p.amount))
            }
        })
    }

    /// What the entry costs the brand: the fee and the product's value.
    pub fn cost(&self) -> Option<u64> {
        let value = self.shipment.as_ref().and_then(|s| s.value);
        match (self.fee, value) {
            (None, None) => None,
            (fee, value) => Some(fee.unwrap_or(0).saturating_add(value.unwrap_or(0))),
        }
    }
}

impl Campaign {
    /// The entry for a creator, if they are on the shortlist.
    pub fn entry(&self, creator: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.creator == creator)
    }
}
