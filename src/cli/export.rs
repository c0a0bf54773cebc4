//! `shortlist export CAMPAIGN [--template T] [--stage S] [--format eml|mbox|maildir|txt]
//! [--out DIR] [--dry-run] [--mark-contacted]`: invitations as drafts for a mail client.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::mail::export::Format;
use crate::mail::load_template;
use crate::model::{Entry, Stage};
use crate::outreach::Outcome;
use crate::store::stage_message;
use crate::workspace::Session;

mod follow_ups;
mod send;

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
    /// The campaign's id (with --due: only this campaign's follow-ups)
    #[arg(required_unless_present = "due", default_value = "")]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// The template (a file in templates/, without .txt); default: the campaign's template
    #[arg(long)]
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::templates))]
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
    /// The follow-ups due today, in every campaign (or the one named), each in the thread of
    /// what was sent before and from the template its step names (else the campaign's
    /// follow-up template)
    #[arg(long, conflicts_with_all = ["stage", "mark_contacted"])]
    due: bool,
    /// Send the messages instead of writing drafts: each is piped to the command of
    /// [mail] sendmail in config.toml ("msmtp -t", "sendmail -t -i"); the first failure stops
    /// the rest
    #[arg(long)]
    send: bool,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    if args.due {
        return follow_ups::due(session, &args);
    }
    let Some(stage) = Stage::parse(&args.stage) else {
        bail!("{}", stage_message(&args.stage));
    };
    let (_, campaign_file) = session.find_campaign(&args.campaign)?;
    let roster = super::roster(session)?;
    let campaign = super::campaign_or_fail(session, &roster, &args.campaign)?;
    let Some(name) = session.export_template(&campaign, args.template.as_deref(), stage) else {
        let kind = crate::mail::template::Kind::for_stage(stage);
        bail!(
            "{} names no template, and no single template says kind = \"{}\": give one with --template NAME (templates: {})",
            campaign_file,
            kind.name(),
            session.template_names().join(", ")
        );
    };
    if let Err(problems) = load_template(&session.workspace, &name) {
        crate::term::report::diagnostics(&problems);
        bail!("the template has problems; nothing was written");
    }
    let entries: Vec<&Entry> = campaign
        .entries
        .iter()
        .filter(|e| e.stage == stage)
        .collect();
    if entries.is_empty() {
        bail!("no one is {stage} in {}; nothing to export", args.campaign);
    }
    if !session.invited_again(&name, &entries).is_empty() {
        crate::errln!(
            "shortlist: warning: everyone {stage} was already written to, and {name} is an invitation: they are invited again (a follow-up template is chosen with --template)"
        );
    }
    let now = crate::clock::now()?;
    // Many invitations take a while to render: the bar shows how many are done.
    let progress = crate::store::progress::Progress::new();
    crate::term::progress::step("rendering the invitations: nothing was written");
    let bar = crate::term::progress::show(&progress, "rendering invitations", "invitations");
    let planned = session.prepare_export_counted(
        &roster,
        (&campaign_file, &campaign),
        &name,
        &entries,
        &now,
        Some(&progress),
    );
    progress.finish();
    if let Some(bar) = bar {
        let _ = bar.join();
    }
    for problem in &planned.prepared.problems {
        crate::errln!("shortlist: {problem}");
    }
    if planned.prepared.blocked() {
        bail!("nothing was written");
    }
    if planned.prepared.letters.is_empty() {
        bail!("no invitation can be written; nothing was written");
    }
    let invited: Vec<String> = planned
        .prepared
        .letters
        .iter()
        .map(|l| l.creator.clone())
        .collect();
    if args.send {
        return send::send(session, &args, &campaign, &planned, &now, stage);
    }
    let format = Format::from(args.format);
    let mark = args.mark_contacted && stage == Stage::Shortlisted;
    let records = session.sent_edits(&campaign, &planned, &now, mark, format);
    let plan = session.plan_export(&campaign.id, planned, format, &now, args.out.clone());
    let count = invited.len();
    let invitations = if count == 1 {
        "invitation"
    } else {
        "invitations"
    };
    let shown_dir = plan.shown_dir.clone();
    if args.dry_run {
        let replaced = plan.check().map_err(|e| {
            anyhow::anyhow!("cannot write to {shown_dir}: {e}; a real run would write nothing")
        })?;
        crate::outln!(
            "would write {count} {invitations} to {shown_dir}/ ({}), from template {name}:",
            format.name()
        );
        for (file, _) in &plan.files {
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
    let dir = plan.dir.clone();
    crate::term::progress::step(format!(
        "writing invitations to {shown_dir}/: they are moved into place together, so none was written"
    ));
    let written = plan
        .write()
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
    // What was written is recorded: each message's id (for follow-ups to answer and replies to
    // be found by), and with --mark-contacted the move to contacted.
    if args.mark_contacted && stage != Stage::Shortlisted {
        crate::errln!("shortlist: the invited are {stage} already; --mark-contacted moved no one");
    }
    let saved = session.save_campaign(&args.campaign, &records, &now, Some(&roster.ids()))?;
    let mut sent = 0;
    for outcome in &saved.outcomes {
        match outcome {
            Outcome::Done(words) if words.ends_with(": sent recorded") => sent += 1,
            Outcome::Done(words) => crate::outln!("{}: {words}", args.campaign),
            _ => {}
        }
    }
    if sent > 0 {
        crate::outln!(
            "{}: recorded {sent} message{} sent, for follow-ups to answer and replies to be found by",
            args.campaign,
            if sent == 1 { "" } else { "s" }
        );
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
