use std::fmt;

use compact_str::CompactString;
use jiff::Timestamp;
use jiff::civil::Date;
use jiff::tz::Offset;

use super::{Platform, Stage};

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
    pub deliverables: Option<String>,
    pub notes: Option<String>,
    /// Every change of stage, oldest first.
    pub history: Vec<Change>,
    /// 1-based line of the `[[entry]]` table in its file (0 when not from a file).
    pub line: u32,
}

/// One change of stage: when (local time with its offset), to what, and why.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub at: Timestamp,
    /// The offset the time was recorded in, so that it is written back as it was.
    pub offset: Offset,
    pub stage: Stage,
    pub note: Option<String>,
}

impl Entry {
    /// A creator at `stage` with nothing else known yet.
    pub fn new(creator: impl Into<CompactString>, stage: Stage) -> Entry {
        Entry {
            creator: creator.into(),
            stage,
            fee: None,
            follow_up: None,
            deliverables: None,
            notes: None,
            history: Vec::new(),
            line: 0,
        }
    }

    /// When the entry last changed stage, if its history says.
    pub fn last_change(&self) -> Option<&Change> {
        self.history.iter().max_by_key(|c| c.at)
    }
}

impl Campaign {
    /// The entry for a creator, if they are on the shortlist.
    pub fn entry(&self, creator: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.creator == creator)
    }
}
