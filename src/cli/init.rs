//! `shortlist init DIR`: write the sample workspace, never over anything.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context;

use crate::store::sample;

pub fn run(dir: &Path) -> anyhow::Result<ExitCode> {
    let written = sample::write_all(dir)
        .with_context(|| format!("cannot create the sample workspace in {}", dir.display()))?;
    crate::outln!("wrote the sample workspace to {}:", dir.display());
    for path in &written {
        crate::outln!("  {}", path.strip_prefix(dir).unwrap_or(path).display());
    }
    crate::outln!("open it with: shortlist --workspace {}", dir.display());
    Ok(ExitCode::SUCCESS)
}
