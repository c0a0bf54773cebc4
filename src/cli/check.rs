//! `shortlist check`: validate the workspace's files, list every problem, and summarise what
//! the database holds.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::store::{Lookup, UserDirs};
use crate::term::report;
use crate::workspace::{Checked, Session, check_file};

pub fn run(lookup: &Lookup, path: Option<PathBuf>, dirs: &UserDirs) -> anyhow::Result<ExitCode> {
    // A path given to `check` wins over every other way of finding the workspace; a file is
    // checked on its own as a creator database, named as the user typed it.
    let checked = match path {
        Some(file) if file.is_file() => check_file(&file, &file.display().to_string(), dirs)?,
        other => {
            let lookup = Lookup {
                argument: other,
                ..lookup.clone()
            };
            let session = Session::open(&lookup, dirs.clone())?;
            if session.origin == crate::store::Origin::CreatedUserData {
                crate::errln!(
                    "shortlist: created a sample workspace in {} (invented creators to try things on; `shortlist init --empty DIR` starts your own)",
                    session.workspace.root().display()
                );
            }
            session.check()?
        }
    };
    report::diagnostics(&checked.config_problems);
    report::diagnostics(&checked.creators.diagnostics);
    report::diagnostics(&checked.campaign_problems);
    report::diagnostics(&checked.template_problems);
    report::diagnostics(&checked.vocabulary_problems);
    crate::out!("{}", summary(&checked));
    if checked.campaign_files > 0 {
        crate::outln!(
            "{:<10} {} · {}",
            "campaigns",
            checked.campaign_files,
            if checked.entries == 1 {
                "1 entry".to_string()
            } else {
                format!("{} entries", checked.entries)
            }
        );
    }
    if checked.templates > 0 {
        crate::outln!("{:<10} {}", "templates", checked.templates);
    }
    let errors = checked.errors();
    let warnings = checked.all().count() - errors;
    crate::outln!("{:<10} {}", "problems", problems(errors, warnings));
    Ok(if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
fn summary(checked: &Checked) -> String {
    let s = checked.summary();
    let mut out = String::new();
    let mut line = |label: &str, value: String| out.push_str(&format!("{label:<10} {value}\n"));
    line(checked.label, checked.place.clone());
    let mut count = format!("{} loaded", s.loaded);
    if s.rejected > 0 {
        count.push_str(&format!(", {} left out because of errors", s.rejected));
    }
    line(
        "creators",
        format!("{count} · {}", plural(s.channels, "channel")),
    );
    if s.loaded > 0 {
        line(
            "platforms",
            counts(s.platforms.iter().map(|(p, n)| (p.as_str(), *n))),
        );
        line("tiers", counts(s.tiers.iter().copied()));
        line("kinds", counts(s.kinds.iter().copied()));
        line("no email", plural(s.no_email, "creator"));
    }
    out
}
