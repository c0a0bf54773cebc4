//! The changes people make to a shortlist, as values: what a person asked for ([`Edit`]), what
//! became of it ([`Outcome`], [`Refusal`]) and what a file must change for it ([`FileChange`]).

use jiff::civil::Date;

use crate::model::{Change, Entry, Payment, Record, Results, Round, Settings, Stage, Val};

/// One change to a campaign. The `was` fields hold what the user saw before the change, when it
/// was made from a view that may be out of date; the change is refused if the campaign no
/// longer says so.
#[derive(Clone, Debug, PartialEq)]
pub enum Edit {
    /// Put creators on the shortlist (those already on it are left as they are).
    Add { creators: Vec<String> },
    /// Move a creator to a stage, noting why.
    Stage {
        creator: String,
        to: Stage,
        note: Option<String>,
        was: Option<Stage>,
    },
    /// Set or clear the follow-up date.
    FollowUp {
        creator: String,
        date: Option<Date>,
        was: Option<Option<Date>>,
    },
    /// Set or clear the entry's notes.
    Notes {
        creator: String,
        text: Option<String>,
        was: Option<Option<String>>,
    },
    /// Set or clear the fee.
    Fee {
        creator: String,
        fee: Option<u64>,
        was: Option<Option<u64>>,
    },
    /// Set fields of one of the entry's records, creating it when needed (a deliverable needs
    /// its platform for that).
    Set {
        creator: String,
        record: Record,
        values: Vec<(String, Val)>,
    },
    /// Record a review round of a deliverable.
    Round {
        creator: String,
        deliverable: String,
        round: Round,
    },
    /// Record a results snapshot of a deliverable.
    Results {
        creator: String,
        deliverable: String,
        results: Results,
    },
    /// Add a payment.
    AddPayment { creator: String, payment: Payment },
    /// Take creators off the shortlist; past `contacted` only when `force` is set, since their
    /// history goes with them.
    Remove { creators: Vec<String>, force: bool },
    /// Change the campaign's settings (the form's fields of the brief); `was` is what the form
    /// was opened on.
    Settings {
        settings: Box<Settings>,
        was: Option<Box<Settings>>,
    },
    /// Record an event that changes no stage — a message sent, a reply read — once: a record
    /// with the same message id already in the entry's history is not added again.
    Event {
        creator: String,
        change: Box<Change>,
    },
}

/// The note recorded when an invitation was exported.
pub const INVITATION_EXPORTED: &str = "invitation exported";

impl Edit {
    /// Moves shortlisted creators who were sent an invitation to `contacted`, noting it.
    pub fn invited(creators: impl IntoIterator<Item = String>) -> Vec<Edit> {
        creators
            .into_iter()
            .map(|creator| Edit::Stage {
                creator,
                to: Stage::Contacted,
                note: Some(INVITATION_EXPORTED.into()),
                was: Some(Stage::Shortlisted),
            })
            .collect()
    }

    /// Moving `entry` (of `creator`) to `to`, as seen on screen: the stage, and the follow-up
    /// date set by hand cleared with it, since it belonged to the stage being left.
    pub fn moves(entry: &Entry, to: Stage, note: Option<String>) -> Vec<Edit> {
        let creator = entry.creator.to_string();
        let mut edits = vec![Edit::Stage {
            creator: creator.clone(),
            to,
            note,
            was: Some(entry.stage),
        }];
        if entry.follow_up.is_some() && entry.stage != to {
            edits.push(Edit::FollowUp {
                creator,
                date: None,
                was: Some(entry.follow_up),
            });
        }
        edits
    }

    /// The change in a few words: "sarsa → contracted".
    pub fn describe(&self) -> String {
        match self {
            Edit::Add { creators } => format!("add {}", creators.join(", ")),
            Edit::Stage { creator, to, .. } => format!("{creator} → {to}"),
            Edit::FollowUp {
                creator,
                date: Some(d),
                ..
            } => format!("{creator}: follow up on {d}"),
            Edit::FollowUp { creator, .. } => format!("{creator}: clear the follow-up date"),
            Edit::Notes { creator, .. } => format!("{creator}: new notes"),
            Edit::Fee { creator, .. } => format!("{creator}: fee"),
            Edit::Set {
                creator, record, ..
            } => format!("{creator}: {record}"),
            Edit::Round {
                creator,
                deliverable,
                round,
            } => format!("{creator}: {} round of {deliverable}", round.step),
            Edit::Results {
                creator,
                deliverable,
                ..
            } => format!("{creator}: results of {deliverable}"),
            Edit::AddPayment { creator, .. } => format!("{creator}: new payment"),
            Edit::Remove { creators, .. } => format!("remove {}", creators.join(", ")),
            Edit::Settings { .. } => "the campaign's settings".to_string(),
            Edit::Event { creator, change } => format!("{creator}: {}", change.what()),
        }
    }
}

/// What became of one edit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Done, in these words: "sarsa: contacted → negotiating".
    Done(String),
    /// Nothing to do, in these words: "sarsa is already contacted".
    Unchanged(String),
}

impl Outcome {
    pub fn words(&self) -> &str {
        match self {
            Outcome::Done(w) | Outcome::Unchanged(w) => w,
        }
    }
}

/// Why an edit was not made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refusal {
    /// The campaign says something else than the user saw.
    #[error("{0}")]
    Conflict(String),
    #[error("{0} is not on the shortlist")]
    NotListed(String),
    /// The change breaks a rule of the pipeline or of the record.
    #[error("{0}")]
    Rule(String),
}

/// What a file must change for an edit, once applied.
#[derive(Clone, Debug, PartialEq)]
pub enum FileChange {
    AddEntry(String),
    SetStage {
        creator: String,
        to: Stage,
        note: Option<String>,
    },
    SetFollowUp {
        creator: String,
        date: Option<Date>,
    },
    SetNotes {
        creator: String,
        text: Option<String>,
    },
    SetFee {
        creator: String,
        fee: Option<u64>,
    },
    SetRecord {
        creator: String,
        record: Record,
        values: Vec<(String, Val)>,
    },
    AddRound {
        creator: String,
        deliverable: String,
        round: Round,
    },
    AddResults {
        creator: String,
        deliverable: String,
        results: Results,
    },
    AddPayment {
        creator: String,
        payment: Payment,
    },
    RemoveEntry(String),
    SetSettings(Box<Settings>),
    /// Append this record (an event) to the entry's history.
    AddEvent {
        creator: String,
        change: Box<Change>,
    },
}

impl FileChange {
    /// The creator whose entry it changes; none for the brief.
    pub fn creator(&self) -> Option<&str> {
        Some(match self {
            FileChange::SetSettings(_) => return None,
            FileChange::AddEntry(creator)
            | FileChange::RemoveEntry(creator)
            | FileChange::SetStage { creator, .. }
            | FileChange::SetFollowUp { creator, .. }
            | FileChange::SetNotes { creator, .. }
            | FileChange::SetFee { creator, .. }
            | FileChange::SetRecord { creator, .. }
            | FileChange::AddRound { creator, .. }
            | FileChange::AddResults { creator, .. }
            | FileChange::AddPayment { creator, .. }
            | FileChange::AddEvent { creator, .. } => creator,
        })
    }
}
