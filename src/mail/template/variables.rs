//! Checking a template without a creator: every part compiles, every address written out is
//! one address, and every variable used is one there is (or a key only some campaigns have),
//! placed at its line and column.

use std::collections::BTreeSet;

use super::super::filters::environment;
use super::{CREATOR_VARIABLES, ENTRY_VARIABLES, SENDER_VARIABLES, TOP_VARIABLES, Template};
use crate::store::{BRIEF_KEYS, Diagnostic};

/// Compiles every part and checks the variables they use; `lines` are the file's, to place
/// each problem at its column.
pub(super) fn check(template: &mut Template, lines: &[&str], problems: &mut Vec<Diagnostic>) {
    let env = environment();
    let mut campaign_keys: Vec<(String, u32)> = Vec::new();
    for (what, part) in template.parts() {
        let compiled = match env.template_from_named_str(what, &part.source) {
            Ok(t) => t,
            Err(e) => {
                problems.push(Diagnostic::error(
                    &template.file,
                    part.line + e.line().unwrap_or(1).saturating_sub(1) as u32,
                    1,
                    format!("in the {what}: {}", e.detail().unwrap_or(&e.to_string())),
                ));
                continue;
            }
        };
        // An address written as it is (no `{{ }}` in it) is judged now, as the export would.
        if what != "subject"
            && what != "body"
            && !part.source.contains("{{")
            && let Err(why) = super::super::address::Mailbox::parse(&part.source)
        {
            problems.push(Diagnostic::error(
                &template.file,
                part.line,
                1,
                format!("{what}: {why}"),
            ));
        }
        let used: BTreeSet<String> = compiled.undeclared_variables(true).into_iter().collect();
        for name in used {
            let line = part.line + line_in(&part.source, &name);
            match judge(&name) {
                Judgement::Known => {}
                Judgement::CampaignKey(key) => {
                    if !campaign_keys.iter().any(|(k, _)| *k == key) {
                        campaign_keys.push((key, line));
                    }
                }
                Judgement::Unknown(message) => problems.push(Diagnostic::error(
                    &template.file,
                    line,
                    column_in(lines, line, &name),
                    message,
                )),
            }
        }
    }
    template.campaign_keys = campaign_keys;
}

enum Judgement {
    Known,
    /// `campaign.X` for an X that only some campaigns have.
    CampaignKey(String),
    Unknown(String),
}

/// Whether a variable (`creator.name`, `campaign.brand.x`, `today`) can exist.
fn judge(name: &str) -> Judgement {
    let depth = name.split('.').count();
    if depth >= 3 {
        let (parent, child) = name.rsplit_once('.').unwrap_or((name, ""));
        let sender = ["campaign.sender", "sender"].contains(&parent);
        if depth == 3 && parent == "campaign.sender" && SENDER_VARIABLES.contains(&child) {
            return Judgement::Known;
        }
        if !sender {
            if let Judgement::Unknown(m) = judge(parent) {
                return Judgement::Unknown(m);
            }
            return Judgement::Unknown(format!(
                "unknown variable {name}: {parent} is a single value, it has no .{child}"
            ));
        }
        let hint = crate::suggest::nearest(child, SENDER_VARIABLES.iter().copied())
            .map(|n| format!(" (did you mean {parent}.{n}?)"))
            .unwrap_or_else(|| format!(" ({parent} has: {})", SENDER_VARIABLES.join(", ")));
        return Judgement::Unknown(format!("unknown variable {name}{hint}"));
    }
    let mut parts = name.split('.');
    let top = parts.next().unwrap_or_default();
    let Some(second) = parts.next() else {
        if TOP_VARIABLES.contains(&top) {
            return Judgement::Known;
        }
        let hint = crate::suggest::nearest(top, TOP_VARIABLES.iter().copied())
            .map(|n| format!(" (did you mean {n}?)"))
            .unwrap_or_else(|| format!(" (variables: {})", TOP_VARIABLES.join(", ")));
        return Judgement::Unknown(format!("unknown variable {top}{hint}"));
    };
    let known: &[&str] = match top {
        "creator" => CREATOR_VARIABLES,
        "entry" => ENTRY_VARIABLES,
        "sender" => SENDER_VARIABLES,
        "campaign" => {
            if second == "id" || BRIEF_KEYS.contains(&second) {
                return Judgement::Known;
            }
            if let Some(near) = crate::suggest::nearest(second, BRIEF_KEYS.iter().copied()) {
                return Judgement::Unknown(format!(
                    "unknown variable campaign.{second} (did you mean campaign.{near}?)"
                ));
            }
            return Judgement::CampaignKey(second.to_string());
        }
        "today" => {
            return Judgement::Unknown(format!(
                "unknown variable today.{second} (today is a date, like 2026-11-22)"
            ));
        }
        _ => return judge(top),
    };
    if known.contains(&second) {
        return Judgement::Known;
    }
    let hint = crate::suggest::nearest(second, known.iter().copied())
        .map(|n| format!(" (did you mean {top}.{n}?)"))
        .unwrap_or_else(|| format!(" ({top} has: {})", known.join(", ")));
    Judgement::Unknown(format!("unknown variable {top}.{second}{hint}"))
}

/// The line (from 0) of `source` where the variable `name` is first used.
/// The column (in characters, from 1) where `name` is on line `line` of the file, else 1.
fn column_in(lines: &[&str], line: u32, name: &str) -> u32 {
    let Some(text) = lines.get((line as usize).wrapping_sub(1)) else {
        return 1;
    };
    match find_word(text, name) {
        Some(at) => text[..at].chars().count() as u32 + 1,
        None => 1,
    }
}

/// How many lines into `source` the variable `name` is first used.
fn line_in(source: &str, name: &str) -> u32 {
    find_word(source, name).map_or(0, |at| source[..at].matches('\n').count() as u32)
}

/// Where `name` first stands as a whole variable in `text` (`creator.nam` is not in
/// `creator.name`).
fn find_word(text: &str, name: &str) -> Option<usize> {
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.');
    let mut from = 0;
    while let Some(at) = text[from..].find(name).map(|i| i + from) {
        let before = text[..at].chars().next_back();
        let after = text[at + name.len()..].chars().next();
        if !word(before) && !word(after) {
            return Some(at);
        }
        from = at + name.len();
    }
    None
}
