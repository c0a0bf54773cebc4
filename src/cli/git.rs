//! Git as the team's engine: `shortlist merge-file BASE OURS THEIRS [PATH]`, the merge driver
//! git runs for `creators.toml` and `campaigns/*.toml` (record by record, histories unioned,
//! only real conflicts marked), and registering it in a repository (`init --git`).

use std::path::Path;
use std::process::{Command, ExitCode};

use anyhow::{Context, bail};

use crate::store::merge::merge;

/// `merge-file`: merges OURS and THEIRS from BASE into OURS, as git asks of a driver (`%O %A
/// %B %P`); exit 1 when records are left in conflict (between git's markers).
pub fn merge_file(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    shown: Option<&str>,
) -> anyhow::Result<ExitCode> {
    let read = |p: &Path| -> anyhow::Result<String> {
        let bytes = crate::store::files::read_bounded(p, crate::store::files::DATABASE_LIMIT)
            .with_context(|| format!("cannot read {}", p.display()))?;
        String::from_utf8(bytes).with_context(|| format!("{} is not UTF-8 text", p.display()))
    };
    let (b, o, t) = (read(base)?, read(ours)?, read(theirs)?);
    let merged = merge(&b, &o, &t);
    let name = shown.map_or_else(|| ours.display().to_string(), str::to_string);
    crate::store::write::replace(ours, &name, merged.text.as_bytes())?;
    if merged.conflicts > 0 {
        crate::errln!(
            "shortlist: {name}: {} record{} changed differently on both sides, left between conflict markers",
            merged.conflicts,
            if merged.conflicts == 1 { "" } else { "s" }
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// The lines `.gitattributes` needs.
const ATTRIBUTES: &[&str] = &[
    "creators.toml merge=shortlist",
    "campaigns/*.toml merge=shortlist",
];

/// The lines `.gitignore` needs: the lock files that let two programs take turns, and the
/// temporary files of a write under way, are no one's work.
const IGNORED: &[&str] = &[".*.lock", ".*.shortlist-*.tmp"];

/// Adds the `lines` a file lacks (creating it), saying so.
fn ensure_lines(dir: &Path, name: &str, lines: &[&str]) -> anyhow::Result<()> {
    let path = dir.join(name);
    // A file that is there but cannot be read as text is left as it is: taking it for empty
    // would write over the user's own lines.
    let mut text = match crate::store::files::read_bounded(&path, crate::store::files::CONFIG_LIMIT)
    {
        Ok(bytes) => String::from_utf8(bytes)
            .map_err(|_| anyhow::anyhow!("{name} is not UTF-8 text; it was left as it is"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => anyhow::bail!("cannot read {name}: {e}; it was left as it is"),
    };
    let mut added = Vec::new();
    for line in lines {
        if !text.lines().any(|l| l.trim() == *line) {
            if !text.is_empty() && !text.ends_with('\n') {
                text.push('\n');
            }
            text.push_str(line);
            text.push('\n');
            added.push(*line);
        }
    }
    if !added.is_empty() {
        crate::store::write::replace(&path, name, text.as_bytes())?;
        crate::outln!("wrote {name}: {}", added.join(", "));
    }
    Ok(())
}

/// Makes `dir` (a workspace) a git repository if it is not in one, and registers the merge
/// driver: `.gitattributes` in the workspace, the driver in the repository's config.
pub fn register(dir: &Path) -> anyhow::Result<()> {
    let git = |args: &[&str]| -> anyhow::Result<std::process::Output> {
        Command::new("git")
            .arg("-C")
            .arg(dir)
            .args(args)
            .output()
            .context("git could not be run (is it installed?)")
    };
    if !git(&["rev-parse", "--git-dir"])?.status.success() {
        let out = git(&["init", "--quiet"])?;
        if !out.status.success() {
            bail!(
                "git init failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
        crate::outln!("started a git repository in {}", dir.display());
    }
    ensure_lines(dir, ".gitattributes", ATTRIBUTES)?;
    ensure_lines(dir, ".gitignore", IGNORED)?;
    let exe = std::env::current_exe().context("cannot tell where this program is")?;
    let driver = format!(
        "{} merge-file %O %A %B %P",
        crate::display::shell_quote(&exe.display().to_string())
    );
    for (key, value) in [
        (
            "merge.shortlist.name",
            "shortlist: creators and campaigns, record by record",
        ),
        ("merge.shortlist.driver", driver.as_str()),
    ] {
        let out = git(&["config", key, value])?;
        if !out.status.success() {
            bail!(
                "git config {key} failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            );
        }
    }
    crate::outln!("registered the merge driver in this repository's git config: {driver}");
    crate::outln!(
        "in each clone, run once: shortlist init --git {}",
        crate::display::shell_quote(&dir.display().to_string())
    );
    Ok(())
}
