//! The program's own documentation for the shell: completion scripts and the manual page.

use std::process::ExitCode;

/// `completions SHELL`: the shell's script, as the program's dynamic completion writes it (the
/// shell then asks the program for each word).
pub fn completions(shell: &str) -> anyhow::Result<ExitCode> {
    let exe = std::env::current_exe()?;
    let out = std::process::Command::new(&exe)
        .env("COMPLETE", shell)
        .output()?;
    if !out.status.success() {
        anyhow::bail!("no completion script for {shell}");
    }
    crate::term::document(&out.stdout)?;
    Ok(ExitCode::SUCCESS)
}

/// `man`: the manual page, every subcommand in it.
pub fn man() -> anyhow::Result<ExitCode> {
    let mut page = Vec::new();
    clap_mangen::Man::new(super::command()).render(&mut page)?;
    // Each subcommand with its arguments and options, and its examples.
    for sub in super::command()
        .get_subcommands()
        .filter(|s| !s.is_hide_set())
    {
        let title = format!(".SH \"SHORTLIST {}\"\n", sub.get_name().to_uppercase());
        page.extend_from_slice(title.as_bytes());
        let man = clap_mangen::Man::new(sub.clone());
        man.render_synopsis_section(&mut page)?;
        man.render_description_section(&mut page)?;
        man.render_options_section(&mut page)?;
        if let Some(after) = sub.get_after_help() {
            page.extend_from_slice(b".PP\n.nf\n");
            page.extend_from_slice(roff_text(&after.to_string()).as_bytes());
            page.extend_from_slice(b"\n.fi\n");
        }
    }
    page.extend_from_slice(MAN_EXTRA.as_bytes());
    crate::term::document(&page)?;
    Ok(ExitCode::SUCCESS)
}

/// Text as roff reads it literally: backslashes doubled, a leading dot or quote escaped.
fn roff_text(text: &str) -> String {
    text.replace('\\', "\\e")
        .lines()
        .map(|l| {
            if l.starts_with('.') || l.starts_with('\'') {
                format!("\\&{l}")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The manual's sections beyond the commands: the query language, files, environment.
const MAN_EXTRA: &str = r#".SH "QUERY LANGUAGE"
Free words match names, aliases, handles, niches and places, fuzzily and in Traditional Chinese, Simplified Chinese or English (\fB美妝\fR finds \fIbeauty\fR). Terms filter: \fBniche:\fR, \fBplatform:\fR, \fBfollowers:10k..50k\fR, \fBfollowers:>=100k\fR, \fBtier:micro\fR, \fBer:>3\fR, \fBloc:\fR, \fBlang:\fR, \fBkind:\fR, \fBstage:\fR (with a campaign), \fBhas:email\fR, \fBworked:\fR, \fBrebook:\fR; \fB\-term\fR excludes; quotes group words. Quote a query with \fB>\fR or \fB<\fR for the shell: \fBshortlist search 'er:>3'\fR.
.SH FILES
.TP
\fBcreators.toml\fR
The creator database of a workspace.
.TP
\fBcampaigns/\fIID\fB.toml\fR
A campaign: its brief and its shortlist.
.TP
\fBtemplates/\fINAME\fB.txt\fR
Invitation templates.
.TP
\fBvocabulary.toml\fR
The workspace's own words for niches and places.
.TP
\fB~/.config/shortlist/config.toml\fR
Configuration: currency, tiers, theme, keys, sender, mail, follow_up.
.TP
\fB~/.local/state/shortlist/state.toml\fR
What the interface remembers per workspace.
.SH ENVIRONMENT
.TP
\fBSHORTLIST_WORKSPACE\fR
The workspace, when \fB\-\-workspace\fR is not given.
.TP
\fBSHORTLIST_CONFIG\fR
Another configuration file.
.TP
\fBSHORTLIST_NOW\fR
A fixed time (2026-11-22T09:30:00+08:00) for scripts.
.TP
\fBNO_COLOR\fR
No colour.
.TP
\fBVISUAL\fR, \fBEDITOR\fR
The editor \fBe\fR opens.
"#;
