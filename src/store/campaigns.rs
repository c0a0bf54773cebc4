//! Reading `campaigns/<id>.toml`: the brief and the shortlist, with every problem located like
//! the creator database's. An entry for a creator the database does not have is reported and
//! kept, so that nothing on a shortlist silently disappears.

use std::path::Path;

use compact_str::CompactString;
use toml::de::{DeArray, DeTable, DeValue};

use super::diagnostic::{Diagnostic, LineIndex, Report, sorted};
use super::fields::{Fields, describe, nearest};
use super::text::decode;
use crate::model::{
    Brief, Campaign, Change, Entry, Goal, MAX_RATE, Platform, Sender, Stage, Value, email_problem,
    id_problem,
};

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
];

/// The keys an `[[entry]]` may hold.
pub const ENTRY_KEYS: &[&str] = &[
    "creator",
    "stage",
    "fee",
    "follow_up",
    "deliverables",
    "notes",
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
        diagnostics: sorted(
            report
                .into_problems()
                .iter()
                .map(|p| Diagnostic::from_located(file, 0, p))
                .collect(),
        ),
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

fn read_brief(table: &DeTable<'_>, at: std::ops::Range<usize>, report: &mut Report<'_>) -> Brief {
    let mut f = Fields::new(table, at, report);
    f.set_subject(Some("campaign".into()));
    let text = |f: &mut Fields<'_, '_, '_, '_>, key| f.optional_text(key).map(|t| t.to_string());
    let name = f
        .non_blank("name", true)
        .map(|n| n.get_ref().trim().to_string())
        .unwrap_or_default();
    let goal = f.text("goal", false).and_then(|g| {
        let goal = Goal::parse(g.get_ref());
        if goal.is_none() {
            let names = Goal::ALL.map(Goal::name);
            let message = match nearest(g.get_ref(), names) {
                Some(near) => format!(
                    "unknown goal \"{}\" (did you mean \"{near}\"?)",
                    g.get_ref()
                ),
                None => format!(
                    "unknown goal \"{}\" (expected awareness, engagement or conversion)",
                    g.get_ref()
                ),
            };
            f.error(&g.span(), message);
        }
        goal
    });
    let budget = f.whole("budget", false, MAX_RATE * 1_000);
    let currency = f.currency("currency");
    let platforms = platforms(&mut f);
    let reply_by = f.date("reply_by");
    let starts = f.date("starts");
    let ends = f.date("ends");
    if let (Some(s), Some(e), Some(v)) = (starts, ends, f.get("ends"))
        && e < s
    {
        let span = v.span();
        f.error(&span, format!("\"ends\" ({e}) is before \"starts\" ({s})"));
    }
    let template = text(&mut f, "template");
    let sender = f.table("sender", false).and_then(|(t, at)| {
        let subject = f.subject().map(str::to_string);
        let mut s = Fields::new(t, at, f.report());
        s.set_subject(subject);
        let name = s
            .non_blank("name", true)
            .map(|n| n.get_ref().trim().to_string());
        let email = s.non_blank("email", true).and_then(|e| {
            let address = e.get_ref().trim();
            match email_problem(address) {
                Some(problem) => {
                    let message = format!(
                        "malformed sender email \"{}\": {problem}",
                        address.escape_debug()
                    );
                    s.error(&e.span(), message);
                    None
                }
                None => Some(address.to_string()),
            }
        });
        let phone = s.optional_text("phone").map(|p| p.to_string());
        s.unknown_keys(&["name", "email", "phone"], |_| None);
        Some(Sender {
            name: name?,
            email: email?,
            phone,
        })
    });
    let about = text(&mut f, "about");
    let brief = text(&mut f, "brief");
    let deliverables = text(&mut f, "deliverables");
    // Other keys are the user's own, for templates; only likely typos of known keys are flagged.
    let in_entry = |key: &str| {
        crate::store::creators::elsewhere(key, BRIEF_KEYS, ENTRY_KEYS, "in an [[entry]]")
    };
    f.unknown_keys_where(BRIEF_KEYS, in_entry, |key| {
        nearest(key, BRIEF_KEYS.iter().copied()).is_some() || in_entry(key).is_some()
    });
    let extra = f
        .entries()
        .filter(|(k, _)| !BRIEF_KEYS.contains(k))
        .filter_map(|(k, v)| Some((k.to_string(), value(v.get_ref())?)))
        .collect();
    Brief {
        name,
        brand: text(&mut f, "brand"),
        product: text(&mut f, "product"),
        goal,
        budget,
        currency,
        platforms,
        reply_by,
        starts,
        ends,
        template,
        sender,
        about,
        brief,
        deliverables,
        extra,
    }
}

fn platforms(f: &mut Fields<'_, '_, '_, '_>) -> Vec<Platform> {
    let Some(list) = f.get("platforms") else {
        return Vec::new();
    };
    let DeValue::Array(items) = list.get_ref() else {
        let message = format!(
            "\"platforms\" must be a list of strings, found {}",
            describe(list.get_ref())
        );
        f.error(&list.span(), message);
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => {
                let p = Platform::parse(s);
                if !p.is_known() {
                    f.warning(
                        &item.span(),
                        format!("unknown platform \"{}\", kept as written", s.trim()),
                    );
                }
                out.push(p);
            }
            other => {
                let message = format!(
                    "\"platforms\" must hold only strings, found {}",
                    describe(other)
                );
                f.error(&item.span(), message);
            }
        }
    }
    out
}

/// A value kept for templates, if it is of a kind templates can use.
fn value(v: &DeValue<'_>) -> Option<Value> {
    Some(match v {
        DeValue::String(s) => Value::Text(s.to_string()),
        DeValue::Integer(i) => Value::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(x) => Value::Float(x.as_str().parse().ok()?),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => {
            let date = d.date?;
            Value::Date(
                jiff::civil::Date::new(
                    i16::try_from(date.year).ok()?,
                    i8::try_from(date.month).ok()?,
                    i8::try_from(date.day).ok()?,
                )
                .ok()?,
            )
        }
        DeValue::Array(items) => {
            Value::List(items.iter().filter_map(|i| value(i.get_ref())).collect())
        }
        DeValue::Table(_) => return None,
    })
}

fn read_entries(
    list: &DeArray<'_>,
    report: &mut Report<'_>,
    creators: Option<&dyn KnownCreators>,
    written: &mut Vec<WrittenEntry>,
) -> Vec<Entry> {
    let mut entries: Vec<Entry> = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let line = report.line(item.span().start);
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each entry must be a table, found {}",
                describe(item.get_ref())
            );
            report.error(&item.span(), None, message);
            written.push(WrittenEntry {
                creator: None,
                line,
            });
            continue;
        };
        let raw_creator = match table.get("creator").map(|c| c.get_ref()) {
            Some(DeValue::String(id)) if !id.trim().is_empty() => Some(id.trim().to_string()),
            _ => None,
        };
        // The entry written before under the same creator, whether or not it could be read.
        let first = raw_creator.as_deref().and_then(|id| {
            written
                .iter()
                .find(|w| w.creator.as_deref() == Some(id))
                .map(|w| w.line)
        });
        written.push(WrittenEntry {
            creator: raw_creator,
            line,
        });
        if report.source(&item.span()).trim_start().starts_with('{') {
            report.error(
                &item.span(),
                None,
                "write each entry as an [[entry]] table, not inline in entry = [...]: entries are changed only in that form".into(),
            );
        }
        let mut f = Fields::new(table, item.span(), report);
        f.set_subject(Some(format!("entry #{}", i + 1)));
        let creator = f.non_blank("creator", true).map(|c| {
            let id = c.get_ref().trim();
            f.set_subject(Some(format!("entry {id}")));
            if let Some(problem) = id_problem(id) {
                f.error(&c.span(), problem);
            } else if let Some(known) = creators
                && !known.contains(id)
            {
                let message = match known.nearest(id) {
                    Some(near) => {
                        format!("no creator \"{id}\" in creators.toml (did you mean \"{near}\"?)")
                    }
                    None => format!("no creator \"{id}\" in creators.toml"),
                };
                f.error(&c.span(), message);
            }
            if let Some(first) = first {
                let message = format!("\"{id}\" is already on this shortlist (line {first})");
                f.error(&c.span(), message);
            }
            CompactString::from(id)
        });
        let stage = match f.text("stage", false) {
            None => Some(Stage::Shortlisted),
            Some(s) => {
                let stage = Stage::parse(s.get_ref());
                if stage.is_none() {
                    let message = stage_message(s.get_ref());
                    f.error(&s.span(), message);
                }
                stage
            }
        };
        let fee = f.whole("fee", false, MAX_RATE);
        let follow_up = f.date("follow_up");
        let deliverables = f.optional_text("deliverables").map(|t| t.to_string());
        let notes = f
            .text("notes", false)
            .map(|n| n.get_ref().trim_end().replace("\r\n", "\n"))
            .filter(|n| !n.is_empty());
        let history = history(&mut f);
        f.unknown_keys(ENTRY_KEYS, |key| {
            crate::store::creators::elsewhere(key, ENTRY_KEYS, BRIEF_KEYS, "under [campaign]")
        });
        if let (Some(creator), Some(stage)) = (creator, stage) {
            entries.push(Entry {
                creator,
                stage,
                fee,
                follow_up,
                deliverables,
                notes,
                history,
                line,
            });
        }
    }
    entries
}

/// The message for a stage name that is not one, listing the stages.
pub fn stage_message(text: &str) -> String {
    let names = Stage::ALL.map(Stage::name);
    match nearest(text, names) {
        Some(near) => format!(
            "unknown stage \"{}\" (did you mean \"{near}\"?)",
            text.escape_debug()
        ),
        None => format!(
            "unknown stage \"{}\" (stages: {})",
            text.escape_debug(),
            names.join(", ")
        ),
    }
}

fn history(f: &mut Fields<'_, '_, '_, '_>) -> Vec<Change> {
    let Some(list) = f.tables("history", false) else {
        return Vec::new();
    };
    let subject = f.subject().map(str::to_string);
    let mut out = Vec::with_capacity(list.len());
    for item in list.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each history record must be a table like {{ at = 2026-11-20T10:02:00+08:00, stage = \"contacted\" }}, found {}",
                describe(item.get_ref())
            );
            f.error(&item.span(), message);
            continue;
        };
        let mut h = Fields::new(table, item.span(), f.report());
        h.set_subject(subject.clone());
        let at = h.moment("at", true);
        let stage = h.non_blank("stage", true).and_then(|s| {
            let stage = Stage::parse(s.get_ref());
            if stage.is_none() {
                h.error(&s.span(), stage_message(s.get_ref()));
            }
            stage
        });
        let note = h.optional_text("note").map(|n| n.to_string());
        h.unknown_keys(&["at", "stage", "note"], |_| None);
        if let (Some((at, offset)), Some(stage)) = (at, stage) {
            out.push(Change {
                at,
                offset,
                stage,
                note,
            });
        }
    }
    out
}

mod edit;
mod update;

pub use edit::EditError;
pub use update::{SaveError, Saved, create_campaign, update_campaign};

#[cfg(test)]
mod tests;
