//! `shortlist check`: validate the workspace's files, list every problem, and summarise what
//! the database holds.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;

use super::{Session, report, user_config};
use crate::model::{Kind, Tier, TierBounds};
use crate::store::{self, LoadedCreators, Lookup, UserDirs};

pub fn run(lookup: &Lookup, path: Option<PathBuf>, dirs: &UserDirs) -> anyhow::Result<ExitCode> {
    // A path given to `check` wins over every other way of finding the workspace; a file is
    // checked on its own as a creator database, named as the user typed it.
    let (loaded, (label, place), config, config_problems, workspace) = match path {
        Some(file) if file.is_file() => {
            let (config, problems) = user_config(dirs);
            let shown = file.display().to_string();
            let loaded = store::load_creators_file(&file, &shown, dirs.cache.as_deref())?;
            (loaded, ("file", shown), config, problems, None)
        }
        other => {
            let lookup = Lookup {
                argument: other,
                ..lookup.clone()
            };
            let session = Session::from_lookup(&lookup, dirs)?;
            let loaded = store::load_creators(&session.workspace, dirs.cache.as_deref())?;
            let place = format!(
                "{} ({})",
                session.workspace.root().display(),
                session.origin
            );
            let place = ("workspace", place);
            (
                loaded,
                place,
                session.config,
                session.config_problems,
                Some(session.workspace),
            )
        }
    };

    let campaigns = match &workspace {
        Some(ws) => check_campaigns(ws, &loaded.database)?,
        None => Campaigns::default(),
    };
    let (templates, template_problems) = match &workspace {
        Some(ws) => check_templates(ws),
        None => (0, Vec::new()),
    };
    report::diagnostics(&config_problems);
    report::diagnostics(&loaded.diagnostics);
    report::diagnostics(&campaigns.diagnostics);
    report::diagnostics(&template_problems);
    crate::out!("{}", summary(label, &place, &loaded, &config.tiers));
    if campaigns.files > 0 {
        crate::outln!(
            "{:<10} {} · {}",
            "campaigns",
            campaigns.files,
            if campaigns.entries == 1 {
                "1 entry".to_string()
            } else {
                format!("{} entries", campaigns.entries)
            }
        );
    }
    if templates > 0 {
        crate::outln!("{:<10} {templates}", "templates");
    }
    let all = || {
        config_problems
            .iter()
            .chain(&loaded.diagnostics)
            .chain(&campaigns.diagnostics)
            .chain(&template_problems)
    };
    let errors = all().filter(|d| d.is_error()).count();
    let warnings = all().count() - errors;
    crate::outln!("{:<10} {}", "problems", problems(errors, warnings));
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// What checking the campaign files found.
#[derive(Default)]
struct Campaigns {
    files: usize,
    entries: usize,
    diagnostics: Vec<store::Diagnostic>,
}

fn check_campaigns(
    workspace: &store::Workspace,
    database: &store::Database,
) -> anyhow::Result<Campaigns> {
    let mut found = Campaigns::default();
    let templates = crate::mail::template_names(workspace);
    for id in workspace.campaign_ids() {
        let path = workspace.campaign_file(&id);
        let file = workspace.display_name(&path);
        found.files += 1;
        let loaded = match store::load_campaign(&path, &file, Some(database)) {
            Ok(loaded) => loaded,
            Err(e) => {
                found.diagnostics.push(store::Diagnostic {
                    severity: store::Severity::Error,
                    file,
                    line: 1,
                    column: 1,
                    message: format!("cannot read the campaign: {}", e.source),
                    subject: None,
                });
                continue;
            }
        };
        found.diagnostics.extend(loaded.diagnostics);
        let Some(campaign) = loaded.campaign else {
            continue;
        };
        found.entries += campaign.entries.len();
        if let Some(name) = &campaign.brief.template
            && !templates.contains(name)
        {
            found
                .diagnostics
                .push(missing_template(&path, &file, name, &templates));
        }
    }
    Ok(found)
}

/// A campaign's `template` that is not in `templates/`, placed at its value.
fn missing_template(
    path: &std::path::Path,
    file: &str,
    name: &str,
    templates: &[String],
) -> store::Diagnostic {
    let text = store::files::read_bounded(path, store::files::CAMPAIGN_LIMIT)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let rest = l.trim_start().strip_prefix("template")?;
            let value = rest.trim_start().strip_prefix('=')?;
            let at = l.len() - value.trim_start().len();
            Some((i as u32 + 1, l[..at].chars().count() as u32 + 1))
        })
        .unwrap_or((0, 0));
    let hint = crate::mail::template_hint(name, templates);
    store::Diagnostic {
        severity: store::Severity::Error,
        file: file.to_string(),
        line,
        column,
        message: format!("no template \"{name}\" in templates/{hint}"),
        subject: Some("campaign".into()),
    }
}

/// Reads every template of the workspace: how many there are, and their problems.
fn check_templates(workspace: &store::Workspace) -> (usize, Vec<store::Diagnostic>) {
    let names = crate::mail::template_names(workspace);
    let problems = names
        .iter()
        .flat_map(|name| crate::mail::template_problems(workspace, name))
        .collect();
    (names.len(), problems)
}

fn problems(errors: usize, warnings: usize) -> String {
    match (errors, warnings) {
        (0, 0) => "none".to_string(),
        (_, 0) => format!("{} (listed above)", plural(errors, "error")),
        (0, _) => format!("{} (listed above)", plural(warnings, "warning")),
        _ => format!(
            "{} and {} (listed above)",
            plural(errors, "error"),
            plural(warnings, "warning")
        ),
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "name count" pairs joined for one summary line.
fn counts<'a>(pairs: impl IntoIterator<Item = (&'a str, usize)>) -> String {
    pairs
        .into_iter()
        .map(|(name, n)| format!("{name} {n}"))
        .collect::<Vec<_>>()
        .join(" · ")
}

/// The lines of the summary, aligned in two columns.
fn summary(label: &str, place: &str, loaded: &LoadedCreators, tiers: &TierBounds) -> String {
    let creators = &loaded.database.creators;
    let channels: usize = creators.iter().map(|c| c.channels.len()).sum();
    let mut by_platform: BTreeMap<&str, usize> = BTreeMap::new();
    for ch in creators.iter().flat_map(|c| &c.channels) {
        *by_platform.entry(ch.platform.name()).or_default() += 1;
    }
    let mut platforms: Vec<(&str, usize)> = by_platform.into_iter().collect();
    platforms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let mut tier_counts: Vec<(&str, usize)> = Tier::ALL
        .iter()
        .map(|t| {
            (
                t.name(),
                creators
                    .iter()
                    .filter(|c| c.tier(tiers) == Some(*t))
                    .count(),
            )
        })
        .collect();
    let unknown = creators.iter().filter(|c| c.tier(tiers).is_none()).count();
    if unknown > 0 {
        tier_counts.push(("unknown", unknown));
    }
    let mut kinds: Vec<(&str, usize)> = Kind::ALL
        .iter()
        .map(|k| {
            (
                k.name(),
                creators.iter().filter(|c| c.kind == Some(*k)).count(),
            )
        })
        .collect();
    let unset = creators.iter().filter(|c| c.kind.is_none()).count();
    if unset > 0 {
        kinds.push(("unset", unset));
    }
    let no_email = creators.iter().filter(|c| c.email.is_none()).count();

    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<10} {value}\n"));
    line(label, place.to_string());
    let mut count = format!("{} loaded", creators.len());
    if loaded.rejected > 0 {
        count.push_str(&format!(", {} left out because of errors", loaded.rejected));
    }
    line(
        "creators",
        format!("{count} · {}", plural(channels, "channel")),
    );
    if !creators.is_empty() {
        line("platforms", counts(platforms));
        line("tiers", counts(tier_counts));
        line("kinds", counts(kinds));
        line("no email", plural(no_email, "creator"));
    }
    out
}
