//! `shortlist export CAMPAIGN [--template T] [--stage S] [--format eml|mbox|maildir|txt]
//! [--out DIR] [--dry-run] [--mark-contacted]`: invitations as drafts for a mail client.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use super::campaign::{path_of, read_or_fail};
use super::{Session, report, search};
use crate::mail::export::{Format, file_stem, files, write};
use crate::mail::{Invitee, load_template, prepare};
use crate::model::Stage;
use crate::outreach::{Edit, Outcome};
use crate::search::IndexIds;
use crate::store::{self, UserDirs, stage_message};

/// The forms an export can take, on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatArg {
    Eml,
    Mbox,
    Maildir,
    Txt,
}

impl From<FormatArg> for Format {
    fn from(f: FormatArg) -> Format {
        match f {
            FormatArg::Eml => Format::Eml,
            FormatArg::Mbox => Format::Mbox,
            FormatArg::Maildir => Format::Maildir,
            FormatArg::Txt => Format::Txt,
        }
    }
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    campaign: String,
    /// The template (a file in templates/, without .txt); default: the campaign's template
    #[arg(long)]
    template: Option<String>,
    /// Invite everyone at this stage
    #[arg(long, default_value = "shortlisted")]
    stage: String,
    /// eml: a file per creator; mbox: one file for a mail client to import; maildir: drafts in
    /// a Maildir; txt: to read or paste
    #[arg(long, value_enum, default_value = "eml")]
    format: FormatArg,
    /// Where to write (default: exports/CAMPAIGN in the workspace)
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Render and check everything; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Then move the invited creators to contacted, noting "invitation exported"
    #[arg(long)]
    mark_contacted: bool,
}

pub fn run(session: &Session, dirs: &UserDirs, args: Args) -> anyhow::Result<ExitCode> {
    let Some(stage) = Stage::parse(&args.stage) else {
        bail!("{}", stage_message(&args.stage));
    };
    let path = path_of(session, &args.campaign)?;
    let campaign_file = session.workspace.display_name(&path);
    let db = search::open(session, dirs)?;
    let campaign = read_or_fail(session, &db.index, &args.campaign)?;
    let Some(name) = args
        .template
        .clone()
        .or_else(|| campaign.brief.template.clone())
    else {
        let names = crate::mail::template_names(&session.workspace);
        bail!(
            "{} names no template: give one with --template NAME (templates: {})",
            campaign_file,
            names.join(", ")
        );
    };
    let template = match load_template(&session.workspace, &name) {
        Ok(t) => t,
        Err(problems) => {
            report::diagnostics(&problems);
            bail!("the template has problems; nothing was written");
        }
    };
    let known = IndexIds::new(&db.index);
    let entries: Vec<_> = campaign
        .entries
        .iter()
        .filter(|e| e.stage == stage)
        .collect();
    if entries.is_empty() {
        bail!("no one is {stage} in {}; nothing to export", args.campaign);
    }
    let creators: Vec<Option<std::borrow::Cow<'_, crate::model::Creator>>> = entries
        .iter()
        .map(|e| {
            known
                .row(&e.creator)
                .and_then(|r| db.creators.get(r as usize))
        })
        .collect();
    let invitees: Vec<Invitee<'_>> = entries
        .iter()
        .zip(&creators)
        .map(|(entry, creator)| Invitee {
            entry,
            creator: creator.as_deref(),
        })
        .collect();
    let now = crate::clock::now()?;
    let prepared = prepare(
        session.workspace.root(),
        &campaign_file,
        &template,
        &campaign,
        &invitees,
        &now,
        &session.config.currency,
    );
    for problem in &prepared.problems {
        crate::errln!("shortlist: {problem}");
    }
    if prepared.blocked() {
        bail!("nothing was written");
    }
    if prepared.letters.is_empty() {
        bail!("no invitation can be written; nothing was written");
    }
    let format = Format::from(args.format);
    let sender = campaign
        .brief
        .sender
        .as_ref()
        .map_or("", |s| s.email.as_str());
    let files = files(format, &campaign.id, &prepared, sender, &now);
    let dir = args.out.clone().unwrap_or_else(|| {
        session
            .workspace
            .exports_dir()
            .join(file_stem(&campaign.id))
    });
    let shown_dir = session.workspace.display_name(&dir);
    let count = prepared.letters.len();
    let invitations = if count == 1 {
        "invitation"
    } else {
        "invitations"
    };
    if args.dry_run {
        let replaced = crate::mail::export::check(&dir, &files).map_err(|e| {
            anyhow::anyhow!("cannot write to {shown_dir}: {e}; a real run would write nothing")
        })?;
        crate::outln!(
            "would write {count} {invitations} to {shown_dir}/ ({}), from template {name}:",
            format.name()
        );
        for (file, _) in &files {
            crate::outln!("  {}", file.display());
        }
        if replaced > 0 {
            crate::outln!(
                "({} of an earlier export would be replaced)",
                files_word(replaced)
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let written = write(&dir, format, files)
        .map_err(|e| anyhow::anyhow!("cannot write to {shown_dir}: {e}; nothing was written"))?;
    crate::outln!(
        "wrote {count} {invitations} to {shown_dir}/ ({}), from template {name}:",
        format.name()
    );
    for file in &written.files {
        let shown = file.strip_prefix(&dir).unwrap_or(file);
        crate::outln!("  {}", shown.display());
    }
    if written.replaced > 0 {
        crate::outln!(
            "({} of an earlier export {} replaced)",
            files_word(written.replaced),
            if written.replaced == 1 { "was" } else { "were" }
        );
    }
    if args.mark_contacted {
        if stage == Stage::Shortlisted {
            mark_contacted(
                &args.campaign,
                &path,
                &campaign_file,
                &prepared,
                &known,
                &now,
            )?;
        } else {
            crate::errln!(
                "shortlist: the invited are {stage} already; --mark-contacted moved no one"
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn files_word(n: usize) -> String {
    if n == 1 {
        "1 file".to_string()
    } else {
        format!("{n} files")
    }
}

/// Moves the invited (shortlisted) creators to `contacted`.
fn mark_contacted(
    id: &str,
    path: &std::path::Path,
    file: &str,
    prepared: &crate::mail::Prepared,
    known: &IndexIds<'_>,
    now: &jiff::Zoned,
) -> anyhow::Result<()> {
    let edits = Edit::invited(prepared.letters.iter().map(|l| l.creator.clone()));
    let saved = store::update_campaign(path, file, &edits, now, Some(known))?;
    for outcome in &saved.outcomes {
        if let Outcome::Done(words) = outcome {
            crate::outln!("{id}: {words}");
        }
    }
    Ok(())
}
