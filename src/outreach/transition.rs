//! Changing an entry's stage. Any stage can follow any other — forward, back a step, out to a
//! closed stage, or reopened from one — and every change is appended to the entry's history with
//! the local time and its offset. Only "no change at all" is refused.

use jiff::Zoned;

use crate::model::{Change, Entry, Stage};

/// What kind of move a change of stage is, for messages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// Further along the pipeline.
    Forward,
    /// Back to an earlier stage of the pipeline.
    Back,
    /// Out to declined, no_reply or dropped.
    Close,
    /// From a closed stage back into the pipeline.
    Reopen,
    /// From one closed stage to another.
    Reclose,
}

impl Move {
    /// The words for it in messages: "moved back", "reopened"…
    pub fn verb(self) -> &'static str {
        match self {
            Move::Forward => "moved",
            Move::Back => "moved back",
            Move::Close => "closed",
            Move::Reopen => "reopened",
            Move::Reclose => "closed",
        }
    }
}

/// Why a change of stage was not made.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum TransitionError {
    #[error("{creator} is already {stage}")]
    Unchanged { creator: String, stage: Stage },
}

/// The kind of move from `from` to `to`, or why there is none.
pub fn transition(creator: &str, from: Stage, to: Stage) -> Result<Move, TransitionError> {
    if from == to {
        return Err(TransitionError::Unchanged {
            creator: creator.to_string(),
            stage: to,
        });
    }
    Ok(match (from.is_closed(), to.is_closed()) {
        (false, true) => Move::Close,
        (true, false) => Move::Reopen,
        (true, true) => Move::Reclose,
        (false, false) if order(to) > order(from) => Move::Forward,
        (false, false) => Move::Back,
    })
}

fn order(stage: Stage) -> usize {
    Stage::ALL.iter().position(|s| *s == stage).unwrap_or(0)
}

/// Moves `entry` to `to` at `now`, recording the change with `note`. Returns the kind of move.
pub fn apply(
    entry: &mut Entry,
    to: Stage,
    note: Option<&str>,
    now: &Zoned,
) -> Result<Move, TransitionError> {
    let kind = transition(&entry.creator, entry.stage, to)?;
    entry.stage = to;
    entry.history.push(change(to, note, now));
    Ok(kind)
}

/// A history record of moving to `stage` at `now`.
pub fn change(stage: Stage, note: Option<&str>, now: &Zoned) -> Change {
    Change {
        at: now.timestamp(),
        offset: now.offset(),
        stage: Some(stage),
        event: None,
        note: note
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string),
        message_id: None,
    }
}

/// A step along the pipeline, as `>` and `<` ask for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Step {
    Next,
    Previous,
}

/// Where a step from the entry's stage leads: the next or previous open stage. A step back from
/// a closed stage reopens the entry at the stage it was closed from (per its history, else
/// `contacted`); a step forward from a closed stage, or past either end, leads nowhere.
pub fn step(entry: &Entry, step: Step) -> Option<Stage> {
    match (step, entry.stage.is_closed()) {
        (Step::Next, false) => entry.stage.next(),
        (Step::Previous, false) => entry.stage.previous(),
        (Step::Next, true) => None,
        (Step::Previous, true) => Some(
            entry
                .history
                .iter()
                .rev()
                .filter_map(|c| c.stage)
                .find(|s| !s.is_closed())
                .unwrap_or(Stage::Contacted),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    fn now() -> Zoned {
        "2026-11-22T09:30:00+08:00[Asia/Taipei]".parse().unwrap()
    }

    fn entry(stage: Stage) -> Entry {
        Entry::new("sarsa", stage)
    }

    #[rstest]
    #[case(Stage::Shortlisted, Stage::Contacted, Move::Forward)]
    #[case(Stage::Shortlisted, Stage::Contracted, Move::Forward)]
    #[case(Stage::Contracted, Stage::Negotiating, Move::Back)]
    #[case(Stage::Completed, Stage::Published, Move::Back)]
    #[case(Stage::Contacted, Stage::NoReply, Move::Close)]
    #[case(Stage::Shortlisted, Stage::Dropped, Move::Close)]
    #[case(Stage::Declined, Stage::Negotiating, Move::Reopen)]
    #[case(Stage::NoReply, Stage::Declined, Move::Reclose)]
    fn every_change_is_allowed_and_named(
        #[case] from: Stage,
        #[case] to: Stage,
        #[case] kind: Move,
    ) {
        assert_eq!(transition("sarsa", from, to), Ok(kind));
    }

    #[test]
    fn no_change_is_refused() {
        let error = transition("sarsa", Stage::Contacted, Stage::Contacted).unwrap_err();
        assert_eq!(error.to_string(), "sarsa is already contacted");
    }

    #[test]
    fn applying_records_the_time_offset_and_note() {
        let mut e = entry(Stage::Contacted);
        let kind = apply(&mut e, Stage::Negotiating, Some("  replied  "), &now()).unwrap();
        assert_eq!(kind, Move::Forward);
        assert_eq!(e.stage, Stage::Negotiating);
        let change = &e.history[0];
        assert_eq!(change.stage, Some(Stage::Negotiating));
        assert_eq!(change.note.as_deref(), Some("replied"));
        assert_eq!(change.offset, jiff::tz::Offset::constant(8));
        assert_eq!(change.at, now().timestamp());
        // Back a stage is recorded too; a blank note is none.
        apply(&mut e, Stage::Contacted, Some(" "), &now()).unwrap();
        assert_eq!(e.history.len(), 2);
        assert_eq!(e.history[1].note, None);
        // Nothing is recorded when nothing changes.
        assert!(apply(&mut e, Stage::Contacted, None, &now()).is_err());
        assert_eq!(e.history.len(), 2);
    }

    #[test]
    fn steps_walk_the_pipeline_and_reopen_closed_entries() {
        assert_eq!(
            step(&entry(Stage::Contacted), Step::Next),
            Some(Stage::Negotiating)
        );
        assert_eq!(
            step(&entry(Stage::Contacted), Step::Previous),
            Some(Stage::Shortlisted)
        );
        assert_eq!(step(&entry(Stage::Completed), Step::Next), None);
        assert_eq!(step(&entry(Stage::Shortlisted), Step::Previous), None);
        assert_eq!(step(&entry(Stage::Declined), Step::Next), None);
        let mut closed = entry(Stage::Negotiating);
        apply(&mut closed, Stage::Declined, None, &now()).unwrap();
        closed
            .history
            .insert(0, change(Stage::Negotiating, None, &now()));
        assert_eq!(step(&closed, Step::Previous), Some(Stage::Negotiating));
        assert_eq!(
            step(&entry(Stage::NoReply), Step::Previous),
            Some(Stage::Contacted),
            "without history, back to contacted"
        );
    }
}
