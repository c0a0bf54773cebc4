//! Reading `campaigns/<id>.toml`: the brief and the shortlist, with every problem located like
//! the creator database's. An entry for a creator the database does not have is reported and
//! kept, so that nothing on a shortlist silently disappears.

use std::path::Path;

use compact_str::CompactString;

use super::diagnostic::{Diagnostic, LineIndex, Report};
use super::fields::{Fields, nearest};
use super::text::decode;
use crate::model::{Brief, Campaign, id_problem};

mod brief;
use brief::read_brief;
pub(crate) use brief::sender as read_sender;
pub(crate) use edit::{is_multiline, push_record};

mod entries;
mod production;
use entries::read_entries;
pub use entries::{entry_subject, stage_message};

/// The keys of `[campaign]` the program interprets; any other is kept for templates.
pub const BRIEF_KEYS: &[&str] = &[
    "name",
    "brand",
    "product",
    "goal",
    "budget",
    "currency",
    "platforms",
    "reply_by",
    "starts",
    "ends",
    "template",
    "sender",
    "about",
    "brief",
    "deliverables",
    "niches",
    "lang",
];

/// The keys an `[[entry]]` may hold.
/// What a problem of the shortlist as a whole is about, in messages: `(shortlist)`.
pub(crate) const SHORTLIST_SUBJECT: &str = "shortlist";

pub const ENTRY_KEYS: &[&str] = &[
    "creator",
    "stage",
    "fee",
    "follow_up",
    "deliverables",
    "notes",
    "contract",
    "shipment",
    "deliverable",
    "payment",
    "history",
];

/// What the campaign's entries must refer to: the creators that exist.
pub trait KnownCreators {
    /// True when a creator has this id.
    fn contains(&self, id: &str) -> bool;
    /// The id closest to `id`, for "did you mean".
    fn nearest(&self, id: &str) -> Option<String>;
}

impl KnownCreators for super::Database {
    fn contains(&self, id: &str) -> bool {
        self.get(id).is_some()
    }

    fn nearest(&self, id: &str) -> Option<String> {
        nearest(id, self.ids()).map(str::to_string)
    }
}

/// What reading a campaign file produced: the campaign (unless the file is not TOML) and every
/// problem.
#[derive(Debug)]
pub struct LoadedCampaign {
    pub campaign: Option<Campaign>,
    pub diagnostics: Vec<Diagnostic>,
    /// Every `[[entry]]` table as written, those with errors included: the creator it names
    /// (if it names one) and the line it starts on. What a change must not overlook.
    pub written: Vec<WrittenEntry>,
}

/// One `[[entry]]` table as written in the file, whether or not it could be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WrittenEntry {
    pub creator: Option<String>,
    /// The line of its header (or opening brace).
    pub line: u32,
}

impl LoadedCampaign {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// The errors of the shortlist as a whole (entries written where no entry is looked for),
    /// which keep a creator from being added: they may be on it already.
    pub fn errors_in_shortlist(&self) -> Vec<&Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.is_error() && d.subject.as_deref() == Some(SHORTLIST_SUBJECT))
            .collect()
    }

    /// The errors within the entries of `creator` as written (lines from the header of each to
    /// the next entry's), what a change to that entry must not write over.
    pub fn errors_in_entry(&self, creator: &str) -> Vec<&Diagnostic> {
        let mut ranges = Vec::new();
        for (i, w) in self.written.iter().enumerate() {
            if w.creator.as_deref() == Some(creator) {
                let end = self.written.get(i + 1).map_or(u32::MAX, |n| n.line);
                ranges.push(w.line..end);
            }
        }
        self.diagnostics
            .iter()
            .filter(|d| d.is_error() && ranges.iter().any(|r| r.contains(&d.line)))
            .collect()
    }
}

/// Reads the campaign `id` from the bytes of a file shown to the user as `file`, checking
/// entries against `creators` when given.
pub fn parse_campaign(
    id: &str,
    file: &str,
    bytes: &[u8],
    creators: Option<&dyn KnownCreators>,
) -> LoadedCampaign {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => {
            return LoadedCampaign {
                campaign: None,
                diagnostics: vec![d],
                written: Vec::new(),
            };
        }
    };
    let index = LineIndex::new(text);
    let mut report = Report::new(text, &index);
    let finish = |report: Report<'_>, campaign, written| LoadedCampaign {
        campaign,
        written,
        diagnostics: report.into_diagnostics(file),
    };
    let root = match toml::de::DeTable::parse(text) {
        Ok(root) => root,
        Err(first) => {
            let (_, mut errors) = toml::de::DeTable::parse_recoverable(text);
            if errors.is_empty() {
                errors.push(first);
            }
            let mut last = 0;
            for error in &errors {
                let span = error.span().unwrap_or(0..0);
                let line = report.line(span.start);
                if line != last {
                    let message = super::diagnostic::syntax_message(text, &span, error.message());
                    report.error(&span, None, message);
                    last = line;
                }
            }
            return finish(report, None, Vec::new());
        }
    };
    if let Some(problem) = id_problem(id) {
        report.error(
            &(0..0),
            None,
            format!("the campaign's file name makes a bad {problem}"),
        );
    }
    let span = root.span();
    let root = root.into_inner();
    let mut top = Fields::new(&root, span.start..span.start, &mut report);
    top.unknown_keys(&["campaign", "entry"], |_| None);
    let brief = match top.table("campaign", true) {
        Some((table, at)) => read_brief(table, at, top.report()),
        None => Brief::default(),
    };
    let list = top.tables("entry", false);
    let mut written = Vec::new();
    let entries = list.map_or_else(Vec::new, |list| {
        read_entries(list, top.report(), creators, &mut written)
    });
    let campaign = Campaign {
        id: CompactString::from(id),
        brief,
        entries,
    };
    finish(report, Some(campaign), written)
}

/// Reads `campaigns/<id>.toml`.
pub fn load_campaign(
    path: &Path,
    file: &str,
    creators: Option<&dyn KnownCreators>,
) -> Result<LoadedCampaign, super::ReadError> {
    let bytes =
        super::files::read_bounded(path, super::files::CAMPAIGN_LIMIT).map_err(|source| {
            super::ReadError {
                file: file.to_string(),
                source,
            }
        })?;
    let id = path
        .file_stem()
        .map(|s| s.to_string_lossy())
        .unwrap_or_default();
    Ok(parse_campaign(&id, file, &bytes, creators))
}

mod edit;
mod records;
mod settings;
mod update;

pub use edit::EditError;
pub use update::{SaveError, Saved, create_campaign, restore_campaign, update_campaign};

#[cfg(test)]
mod tests;
