//! Writing a file so that nothing is ever half-written or lost: the new text goes to a
//! temporary file in the same folder, is flushed to disk, and is renamed over the old one (then
//! the folder is flushed too), so a crash leaves the old file or the new one. Writers of the
//! same file take turns through a lock held by the operating system, which lets go of it when
//! its holder dies: a killed writer never blocks the next one.

use std::fs::{File, OpenOptions, TryLockError};
use std::io::{self, Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// How long a writer waits for another to finish before giving up.
pub const LOCK_WAIT: Duration = Duration::from_secs(10);

/// Why a file could not be written.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("{file}: {source}")]
    Io { file: String, source: io::Error },
    #[error(
        "{file} is being changed by another shortlist (process {holder}) and was not free after {}s; nothing was written, try again",
        LOCK_WAIT.as_secs()
    )]
    Busy { file: String, holder: String },
    #[error("{file} already exists; nothing was written")]
    Exists { file: String },
    #[error("{file} is read-only; nothing was written (make it writable to change it)")]
    ReadOnly { file: String },
    #[error("{file} is not a regular file; nothing was written")]
    NotAFile { file: String },
    #[error(
        "{file} is {real}, which belongs to another user: saving would make a copy of your own in its place; nothing was written"
    )]
    NotYours { file: String, real: String },
    #[error(
        "{lock} {why}; it is not a lock file this program made, so it was left alone and nothing was written to {file} (remove it if it is yours to remove)"
    )]
    ForeignLock {
        file: String,
        lock: String,
        why: &'static str,
    },
}

/// What the name of every temporary file this program writes carries between the name of the
/// file it is for and its random part: only files named so are ever cleaned up.
const TEMPORARY_MARK: &str = "shortlist-";
/// How many random letters and digits a temporary file's name carries.
const TEMPORARY_RANDOM: usize = 10;

/// The right to write one file, until dropped.
#[derive(Debug)]
pub struct Lock {
    file: File,
}

/// The lock file that guards `target`: `.NAME.lock` beside it.
pub fn lock_path(target: &Path) -> PathBuf {
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    target.with_file_name(format!(".{name}.lock"))
}

impl Lock {
    /// Takes the lock on `target` (named `file` in messages), waiting up to `wait` for another
    /// writer to finish. The lock file is never followed through a link, and a file at its
    /// place that this program did not make (a link, a folder, a file with other names or with
    /// other text in it) is left alone: nothing is written.
    pub fn acquire(target: &Path, file: &str, wait: Duration) -> Result<Lock, WriteError> {
        let path = lock_path(target);
        let lock_name = {
            let name = path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            match file.rsplit_once('/') {
                Some((dir, _)) => format!("{dir}/{name}"),
                None => name,
            }
        };
        let foreign = |why| WriteError::ForeignLock {
            file: file.to_string(),
            lock: lock_name.clone(),
            why,
        };
        let io = |source| WriteError::Io {
            file: file.to_string(),
            source,
        };
        let mut lock = match open_lock(&path) {
            Ok(lock) => lock,
            Err(e) if is_link_error(&e) => return Err(foreign("is a link")),
            Err(e) if e.kind() == io::ErrorKind::IsADirectory => {
                return Err(foreign("is not a regular file"));
            }
            Err(e) => return Err(io(e)),
        };
        let meta = lock.metadata().map_err(io)?;
        if !meta.is_file() {
            return Err(foreign("is not a regular file"));
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            if meta.nlink() > 1 {
                return Err(foreign("has other names (hard links)"));
            }
        }
        let holder = read_holder(&mut lock).ok_or_else(|| foreign("holds text of its own"))?;
        let start = Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    // Read again: the holder may have changed while this one waited.
                    let holder = read_holder(&mut lock).unwrap_or(holder);
                    return Err(WriteError::Busy {
                        file: file.to_string(),
                        holder: if holder.is_empty() {
                            "unknown".into()
                        } else {
                            holder
                        },
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        // Who holds it, for the message another writer shows. Only a file that holds nothing
        // or a process number gets here.
        let _ = lock.set_len(0);
        let _ = lock.rewind();
        let _ = write!(lock, "{}", std::process::id());
        let _ = lock.flush();
        remove_stale_temporaries(target);
        Ok(Lock { file: lock })
    }
}

/// Opens (or creates) a lock file without following a link at its place, and without waiting
/// if something other than a file is there.
fn open_lock(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(io::Error::other("a link"));
    }
    options.open(path)
}

fn is_link_error(error: &io::Error) -> bool {
    #[cfg(unix)]
    {
        error.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        error.to_string() == "a link"
    }
}

/// The process number a lock file holds ("" when empty), or `None` when it holds anything
/// else: then it is not a lock file of this program.
fn read_holder(lock: &mut File) -> Option<String> {
    let _ = lock.rewind();
    let mut bytes = Vec::new();
    Read::by_ref(lock).take(64).read_to_end(&mut bytes).ok()?;
    let text = std::str::from_utf8(&bytes).ok()?.trim();
    (bytes.len() < 64 && text.chars().all(|c| c.is_ascii_digit())).then(|| text.to_string())
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Temporary files left by a writer that was killed before it could rename them. Only called
/// with the lock held, when no other writer of `target` can be at work; only files named
/// exactly as this program names its temporaries, and only regular files with no other name,
/// are removed.
fn remove_stale_temporaries(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let dir = if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    };
    let prefix = format!(".{}.{TEMPORARY_MARK}", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        let is_ours = n
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| {
                random.len() == TEMPORARY_RANDOM
                    && random.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if !is_ours {
            continue;
        }
        let Ok(meta) = std::fs::symlink_metadata(entry.path()) else {
            continue;
        };
        #[cfg(unix)]
        let single = {
            use std::os::unix::fs::MetadataExt;
            meta.nlink() == 1
        };
        #[cfg(not(unix))]
        let single = true;
        if meta.file_type().is_file() && single {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `target` (named `file` in messages) all at once: a reader sees the old
/// text or the new, never a mix, whatever happens meanwhile. A read-only file is refused, not
/// replaced.
pub fn replace(target: &Path, file: &str, bytes: &[u8]) -> Result<(), WriteError> {
    // A link is followed: the file it points to is replaced, and the link stays a link.
    let real = std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let target = real.as_path();
    let existing = std::fs::metadata(target).ok();
    if let Some(meta) = &existing {
        if !meta.is_file() {
            return Err(WriteError::NotAFile {
                file: file.to_string(),
            });
        }
        if meta.permissions().readonly() {
            return Err(WriteError::ReadOnly {
                file: file.to_string(),
            });
        }
    }
    let temporary = temporary(target, file, bytes)?;
    // A replaced file belongs to whoever writes it: one of another user's (reached through a
    // link, or in a shared folder) is left alone rather than taken over.
    #[cfg(unix)]
    if let Some(meta) = &existing {
        use std::os::unix::fs::MetadataExt;
        let mine = temporary.as_file().metadata().map(|m| m.uid()).ok();
        if mine.is_some_and(|uid| uid != meta.uid()) {
            return Err(WriteError::NotYours {
                file: file.to_string(),
                real: target.display().to_string(),
            });
        }
    }
    // The file keeps who may read and write it.
    if let Some(meta) = existing {
        std::fs::set_permissions(temporary.path(), meta.permissions()).map_err(|source| {
            WriteError::Io {
                file: file.to_string(),
                source,
            }
        })?;
    }
    temporary.persist(target).map_err(|e| WriteError::Io {
        file: file.to_string(),
        source: e.error,
    })?;
    sync_folder(target);
    Ok(())
}

/// Like [`replace`], but only when `target` does not exist yet.
pub fn create(target: &Path, file: &str, bytes: &[u8]) -> Result<(), WriteError> {
    let temporary = temporary(target, file, bytes)?;
    // A new file is readable by others, as files the user makes usually are (temporary files
    // are made private).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = std::fs::set_permissions(temporary.path(), std::fs::Permissions::from_mode(0o644));
    }
    temporary.persist_noclobber(target).map_err(|e| {
        if e.error.kind() == io::ErrorKind::AlreadyExists {
            WriteError::Exists {
                file: file.to_string(),
            }
        } else {
            WriteError::Io {
                file: file.to_string(),
                source: e.error,
            }
        }
    })?;
    sync_folder(target);
    Ok(())
}

/// The new text in a temporary file beside `target`, flushed to disk. Its name is
/// `.NAME.shortlist-RANDOM.tmp`, created exclusively (never through a link).
fn temporary(
    target: &Path,
    file: &str,
    bytes: &[u8],
) -> Result<tempfile::NamedTempFile, WriteError> {
    let io = |source| WriteError::Io {
        file: file.to_string(),
        source,
    };
    let dir = match target.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = target
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let mut temporary = tempfile::Builder::new()
        .prefix(&format!(".{name}.{TEMPORARY_MARK}"))
        .rand_bytes(TEMPORARY_RANDOM)
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(|e| io(without_temporary_name(e)))?;
    temporary.write_all(bytes).map_err(io)?;
    temporary.as_file().sync_all().map_err(io)?;
    Ok(temporary)
}

/// The system's error without the random name of the temporary file it was about (which the
/// temporary-file crate adds as "at path …"): the message names the file being written already.
pub(crate) fn without_temporary_name(error: std::io::Error) -> std::io::Error {
    let text = error.to_string();
    match text.find(" at path \"") {
        Some(at) => std::io::Error::new(error.kind(), text[..at].to_string()),
        None => error,
    }
}

/// Flushes the folder, so that the rename itself survives a crash. Not every system can open a
/// folder; where it cannot, the rename is as safe as the system makes it.
fn sync_folder(target: &Path) {
    if let Some(dir) = target.parent()
        && let Ok(handle) = File::open(if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        })
    {
        let _ = handle.sync_all();
    }
}

#[cfg(test)]
mod tests;
