//! Writing an export's files safely: checked first (what a dry run says), staged in a hidden
//! folder and moved into place all at once, exports into one folder taking turns, and nothing
//! left behind by one that fails or is killed.

use std::path::{Path, PathBuf};

use super::Format;

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub files: Vec<PathBuf>,
    /// Those that replaced a file of the same name (an earlier export's).
    pub replaced: usize,
}

/// What writing `files` under `dir` would do, found without writing: how many files of an
/// earlier export it would replace, or why it cannot be done. A dry run says this, and the
/// real run checks the same before it writes anything.
pub fn check(dir: &Path, files: &[(PathBuf, Vec<u8>)]) -> Result<usize, std::io::Error> {
    let mut replaced = 0;
    for (path, _) in files {
        let target = dir.join(path);
        match std::fs::symlink_metadata(&target) {
            Ok(meta) if meta.is_file() => replaced += 1,
            Ok(_) => {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::AlreadyExists,
                    format!(
                        "{} is in the way (a folder or a link, not a file an export wrote)",
                        path.display()
                    ),
                ));
            }
            Err(_) => {}
        }
    }
    Ok(replaced)
}

/// What the name of an export's staging folder starts with; only folders named so (with a
/// random part of [`STAGING_RANDOM`] letters) are ever removed as left over.
const STAGING_PREFIX: &str = ".export-shortlist-";
const STAGING_RANDOM: usize = 10;

/// Exports into one folder take turns: the folder itself is locked (no lock file is left in
/// it), until the returned handle is dropped.
fn lock_folder(dir: &Path) -> std::io::Result<Option<std::fs::File>> {
    #[cfg(unix)]
    {
        let folder = std::fs::File::open(dir)?;
        let start = std::time::Instant::now();
        loop {
            match folder.try_lock() {
                Ok(()) => return Ok(Some(folder)),
                Err(std::fs::TryLockError::WouldBlock)
                    if start.elapsed() < crate::store::write::LOCK_WAIT =>
                {
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                Err(std::fs::TryLockError::WouldBlock) => {
                    return Err(std::io::Error::other(
                        "another export into this folder did not finish in time; try again",
                    ));
                }
                Err(std::fs::TryLockError::Error(e)) => return Err(e),
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(None)
    }
}

/// Writes `files` under `dir`: all into a staging folder first, then each moved into place, so
/// that a failure part-way leaves nothing behind — neither files nor the folders made for them.
/// Exports into one folder take turns; a staging folder left by an export that was killed is
/// removed by the next.
pub fn write(
    dir: &Path,
    format: Format,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> std::io::Result<Written> {
    let made = make_folders(dir)?;
    let result = write_in(dir, format, files);
    if result.is_err() {
        // The folders this export made are taken back (only if they stayed empty).
        for folder in made.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
    result
}

/// Creates `dir` and the folders above it that are missing; the ones made, outermost first.
fn make_folders(dir: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut missing = Vec::new();
    let mut at = Some(dir);
    while let Some(p) = at {
        if p.as_os_str().is_empty() || p.exists() {
            break;
        }
        missing.push(p.to_path_buf());
        at = p.parent();
    }
    missing.reverse();
    std::fs::create_dir_all(dir)?;
    Ok(missing)
}

fn write_in(
    dir: &Path,
    format: Format,
    files: Vec<(PathBuf, Vec<u8>)>,
) -> std::io::Result<Written> {
    let _lock = lock_folder(dir)?;
    remove_left_over_staging(dir);
    check(dir, &files)?;
    let staging = tempfile::Builder::new()
        .prefix(STAGING_PREFIX)
        .rand_bytes(STAGING_RANDOM)
        .tempdir_in(dir)
        .map_err(crate::store::write::without_temporary_name)?;
    for (path, bytes) in &files {
        let staged = staging.path().join(path);
        if let Some(parent) = staged.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut file = std::fs::File::create_new(&staged)?;
        std::io::Write::write_all(&mut file, bytes)?;
        file.sync_all()?;
    }
    let mut written: Vec<PathBuf> = Vec::new();
    let mut new: Vec<PathBuf> = Vec::new();
    let mut made: Vec<PathBuf> = Vec::new();
    for (path, _) in files {
        let target = dir.join(&path);
        let moved = (|| {
            if let Some(parent) = target.parent() {
                made.extend(make_folders(parent)?);
            }
            let existed = target.exists();
            std::fs::rename(staging.path().join(&path), &target)?;
            Ok::<bool, std::io::Error>(existed)
        })();
        match moved {
            Ok(existed) => {
                if !existed {
                    new.push(target.clone());
                }
                written.push(target);
            }
            Err(e) => {
                // Take back what this export added.
                for path in &new {
                    let _ = std::fs::remove_file(path);
                }
                for folder in made.iter().rev() {
                    let _ = std::fs::remove_dir(folder);
                }
                return Err(e);
            }
        }
    }
    // A Maildir has all three folders, even when some are empty (and no other files, which
    // some readers would take for messages).
    if format == Format::Maildir {
        for sub in ["cur", "new", "tmp"] {
            std::fs::create_dir_all(dir.join("maildir").join(sub))?;
        }
    }
    if let Ok(handle) = std::fs::File::open(dir) {
        let _ = handle.sync_all();
    }
    let replaced = written.len() - new.len();
    Ok(Written {
        files: written,
        replaced,
    })
}

/// Staging folders of exports into `dir` that were killed before they finished. Called with
/// the folder's lock held, when no other export into it is at work.
fn remove_left_over_staging(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        let ours = name.strip_prefix(STAGING_PREFIX).is_some_and(|random| {
            random.len() == STAGING_RANDOM && random.chars().all(|c| c.is_ascii_alphanumeric())
        });
        let folder = std::fs::symlink_metadata(entry.path()).is_ok_and(|m| m.is_dir());
        if ours && folder {
            // Never follows a link inside it.
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}
