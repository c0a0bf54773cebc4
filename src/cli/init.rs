//! `shortlist init DIR [--empty]`: write the sample workspace, or an empty one, never over
//! anything.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::store::sample;

pub fn run(dir: &Path, empty: bool, git: bool) -> anyhow::Result<ExitCode> {
    // A workspace already there is shared as it is.
    if git && dir.join(crate::store::CREATORS_FILE).is_file() {
        super::git::register(dir)?;
        return Ok(ExitCode::SUCCESS);
    }
    let (what, written) = if empty {
        ("an empty workspace", sample::write_empty(dir))
    } else {
        ("the sample workspace", sample::write_all(dir))
    };
    let written = written.with_context(|| format!("cannot create {what} in {}", dir.display()))?;
    crate::outln!("wrote {what} to {}:", dir.display());
    for path in &written {
        crate::outln!("  {}", path.strip_prefix(dir).unwrap_or(path).display());
    }
    let shown = crate::display::shell_quote(&dir.display().to_string());
    crate::outln!("open it with: shortlist --workspace {shown}");
    if empty {
        crate::outln!("add creators with: shortlist --workspace {shown} import SHEET.csv");
        crate::outln!(
            "start a campaign with: shortlist --workspace {shown} campaign new ID --name NAME"
        );
    }
    if git {
        super::git::register(dir)?;
    }
    Ok(ExitCode::SUCCESS)
}
