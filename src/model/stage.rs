use std::fmt;

use serde::{Deserialize, Serialize};

/// Where a creator is in a campaign's outreach pipeline. The open stages run in order from
/// `Shortlisted` to `Completed`; `Declined`, `NoReply` and `Dropped` close an entry from any
/// open stage (and can be reopened).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Stage {
    Shortlisted,
    Contacted,
    Negotiating,
    Contracted,
    Producing,
    Published,
    Completed,
    Declined,
    NoReply,
    Dropped,
}

impl Stage {
    /// Every stage: the pipeline in order, then the closed exits.
    pub const ALL: [Stage; 10] = [
        Stage::Shortlisted,
        Stage::Contacted,
        Stage::Negotiating,
        Stage::Contracted,
        Stage::Producing,
        Stage::Published,
        Stage::Completed,
        Stage::Declined,
        Stage::NoReply,
        Stage::Dropped,
    ];

    /// The name used in files, queries and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Stage::Shortlisted => "shortlisted",
            Stage::Contacted => "contacted",
            Stage::Negotiating => "negotiating",
            Stage::Contracted => "contracted",
            Stage::Producing => "producing",
            Stage::Published => "published",
            Stage::Completed => "completed",
            Stage::Declined => "declined",
            Stage::NoReply => "no_reply",
            Stage::Dropped => "dropped",
        }
    }

    /// The Traditional Chinese label marketers in Taiwan use.
    pub fn label_zh(self) -> &'static str {
        match self {
            Stage::Shortlisted => "候選",
            Stage::Contacted => "已邀約",
            Stage::Negotiating => "洽談中",
            Stage::Contracted => "已簽約",
            Stage::Producing => "製作中",
            Stage::Published => "已上線",
            Stage::Completed => "已結案",
            Stage::Declined => "婉拒",
            Stage::NoReply => "未回覆",
            Stage::Dropped => "取消",
        }
    }

    /// Reads a stage name as people type it: any case, `-` or space for `_`, or the Chinese
    /// label.
    pub fn parse(text: &str) -> Option<Stage> {
        let key: String = text
            .trim()
            .chars()
            .map(|c| if c == '-' || c == ' ' { '_' } else { c })
            .flat_map(char::to_lowercase)
            .collect();
        let key = if key == "noreply" {
            "no_reply".to_string()
        } else {
            key
        };
        Stage::ALL
            .into_iter()
            .find(|s| s.name() == key || s.label_zh() == key)
    }

    /// True for the exits that end an entry without completing it.
    pub fn is_closed(self) -> bool {
        matches!(self, Stage::Declined | Stage::NoReply | Stage::Dropped)
    }

    /// True while talks or work are under way: negotiating up to published.
    pub fn is_active(self) -> bool {
        matches!(
            self,
            Stage::Negotiating | Stage::Contracted | Stage::Producing | Stage::Published
        )
    }

    /// The next stage of the pipeline, if any (none after `Completed` or from a closed stage).
    pub fn next(self) -> Option<Stage> {
        let i = Stage::ALL.iter().position(|s| *s == self)?;
        (i < 6).then(|| Stage::ALL[i + 1])
    }

    /// The previous stage of the pipeline, if any.
    pub fn previous(self) -> Option<Stage> {
        let i = Stage::ALL.iter().position(|s| *s == self)?;
        (1..=6).contains(&i).then(|| Stage::ALL[i - 1])
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rstest::rstest;

    #[rstest]
    #[case("shortlisted", Stage::Shortlisted)]
    #[case("Contacted", Stage::Contacted)]
    #[case("no_reply", Stage::NoReply)]
    #[case("no-reply", Stage::NoReply)]
    #[case("No Reply", Stage::NoReply)]
    #[case("noreply", Stage::NoReply)]
    #[case("洽談中", Stage::Negotiating)]
    #[case("已結案", Stage::Completed)]
    fn names_and_labels_parse(#[case] text: &str, #[case] stage: Stage) {
        assert_eq!(Stage::parse(text), Some(stage));
    }

    #[test]
    fn every_stage_round_trips_and_unknown_is_none() {
        for s in Stage::ALL {
            assert_eq!(Stage::parse(s.name()), Some(s));
            assert_eq!(Stage::parse(s.label_zh()), Some(s));
        }
        assert_eq!(Stage::parse("signed"), None);
    }

    #[test]
    fn next_and_previous_walk_the_open_pipeline_only() {
        assert_eq!(Stage::Shortlisted.next(), Some(Stage::Contacted));
        assert_eq!(Stage::Published.next(), Some(Stage::Completed));
        assert_eq!(Stage::Completed.next(), None);
        assert_eq!(Stage::Shortlisted.previous(), None);
        assert_eq!(Stage::Contacted.previous(), Some(Stage::Shortlisted));
        assert_eq!(Stage::Completed.previous(), Some(Stage::Published));
        assert_eq!(Stage::Declined.next(), None);
        assert_eq!(Stage::Declined.previous(), None);
        assert!(Stage::NoReply.is_closed() && !Stage::Completed.is_closed());
    }
}
