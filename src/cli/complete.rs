//! Tab completion that knows the workspace: campaign ids, creator ids (typed as an id, a name,
//! an alias or a handle: `shortlist stage lumi 莎<TAB>` gives `sarsa`), stage and template
//! names. Scripts for bash, zsh, fish, elvish and PowerShell come from clap_complete's dynamic
//! completion: the shell asks the program itself, which reads the database's cache, not the
//! TOML, so that it stays fast at 100,000 creators.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap_complete::engine::CompletionCandidate;

use crate::model::Stage;
use crate::store::UserDirs;
use crate::workspace::{Roster, Session};

/// The most candidates offered for one word.
const MOST: usize = 200;

/// The words of the command line being completed (after the program's name), as the shell
/// gave them.
fn words() -> Vec<String> {
    let args: Vec<String> = std::env::args().collect();
    args.iter()
        .position(|a| a == "--")
        .and_then(|at| args.get(at + 2..))
        .map(<[String]>::to_vec)
        .unwrap_or_default()
}

/// The workspace the command line names (or would find), without making one: completion
/// never writes the sample.
fn session() -> Option<Session> {
    let words = words();
    let flag = words
        .iter()
        .position(|w| w == "--workspace")
        .and_then(|i| words.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| {
            words
                .iter()
                .find_map(|w| w.strip_prefix("--workspace=").map(PathBuf::from))
        });
    let dirs = UserDirs::from_env();
    let lookup = Session::lookup(flag, &dirs);
    let exists = |dir: &Option<PathBuf>| {
        dir.as_ref()
            .is_some_and(|d| d.join(crate::store::CREATORS_FILE).is_file())
    };
    let found = lookup.flag.is_some()
        || lookup.env.is_some()
        || exists(&lookup.cwd)
        || exists(&lookup.data_dir);
    if !found {
        return None;
    }
    Session::open(&lookup, dirs).ok()
}

/// The words after the subcommand that are not options: `stage lumi sar` → `[lumi, sar]`.
fn positional() -> Vec<String> {
    let words = words();
    let mut out = Vec::new();
    let mut skip = false;
    for w in words.iter().skip(1) {
        if skip {
            skip = false;
            continue;
        }
        if w == "--workspace" {
            skip = true;
            continue;
        }
        if !w.starts_with('-') {
            out.push(w.clone());
        }
    }
    out
}

/// Campaign ids beginning with the word.
pub fn campaigns(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(session) = session() else {
        return Vec::new();
    };
    let word = current.to_string_lossy().to_lowercase();
    session
        .campaign_ids()
        .into_iter()
        .filter(|id| id.to_lowercase().starts_with(&word))
        .map(CompletionCandidate::new)
        .collect()
}

/// Creators whose id, name, alias or handle begins with the word: every creator.
pub fn creators(current: &OsStr) -> Vec<CompletionCandidate> {
    creators_among(current, None)
}

/// Creators on the shortlist of the campaign named before the word (every creator when it
/// names none).
pub fn entries(current: &OsStr) -> Vec<CompletionCandidate> {
    let words = positional();
    // The subcommand's first positional word is the campaign; the word being completed is
    // the last.
    let campaign = if words.len() >= 2 {
        words.first().cloned()
    } else {
        None
    };
    creators_among(current, campaign)
}

fn creators_among(current: &OsStr, campaign: Option<String>) -> Vec<CompletionCandidate> {
    let Some(session) = session() else {
        return Vec::new();
    };
    let Ok(roster) = Roster::open(&session) else {
        return Vec::new();
    };
    let listed: Option<Vec<String>> = campaign.and_then(|typed| {
        let id = session.resolve_campaign(&typed).ok()?.id;
        let read = session.read_campaign(&id, None).ok()?;
        Some(
            read.campaign?
                .entries
                .iter()
                .map(|e| e.creator.to_string())
                .collect(),
        )
    });
    let word = current
        .to_string_lossy()
        .trim_start_matches('@')
        .to_lowercase();
    let index = &roster.index;
    let ids = roster.ids();
    let rows: Vec<u32> = match &listed {
        Some(list) => list.iter().filter_map(|id| ids.row(id)).collect(),
        None => (0..index.len() as u32).collect(),
    };
    rows.into_iter()
        .filter(|&r| {
            let r = r as usize;
            index.ids.get(r).to_lowercase().starts_with(&word)
                || index
                    .ident_lower
                    .get(r)
                    .lines()
                    .any(|l| l.trim_start_matches('@').starts_with(&word))
        })
        .take(MOST)
        .map(|r| {
            let r = r as usize;
            CompletionCandidate::new(index.ids.get(r)).help(Some(index.name(r).to_string().into()))
        })
        .collect()
}

/// Stage names (and their Chinese labels) beginning with the word.
pub fn stages(current: &OsStr) -> Vec<CompletionCandidate> {
    let word = current.to_string_lossy().to_lowercase();
    Stage::ALL
        .iter()
        .filter(|s| s.name().starts_with(&word) || s.label_zh().starts_with(word.as_str()))
        .map(|s| CompletionCandidate::new(s.name()).help(Some(s.label_zh().into())))
        .collect()
}

/// Template names beginning with the word.
pub fn templates(current: &OsStr) -> Vec<CompletionCandidate> {
    let Some(session) = session() else {
        return Vec::new();
    };
    let word = current.to_string_lossy().to_lowercase();
    session
        .template_names()
        .into_iter()
        .filter(|t| t.to_lowercase().starts_with(&word))
        .map(CompletionCandidate::new)
        .collect()
}
