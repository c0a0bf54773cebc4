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
}

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
    /// writer to finish.
    pub fn acquire(target: &Path, file: &str, wait: Duration) -> Result<Lock, WriteError> {
        let path = lock_path(target);
        let io = |source| WriteError::Io {
            file: file.to_string(),
            source,
        };
        let mut lock = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .map_err(io)?;
        let start = Instant::now();
        loop {
            match lock.try_lock() {
                Ok(()) => break,
                Err(TryLockError::WouldBlock) if start.elapsed() < wait => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(TryLockError::WouldBlock) => {
                    let mut holder = String::new();
                    let _ = lock.read_to_string(&mut holder);
                    let holder = holder.trim();
                    return Err(WriteError::Busy {
                        file: file.to_string(),
                        holder: if holder.is_empty() {
                            "unknown".into()
                        } else {
                            holder.to_string()
                        },
                    });
                }
                Err(TryLockError::Error(e)) => return Err(io(e)),
            }
        }
        // Who holds it, for the message another writer shows.
        let _ = lock.set_len(0);
        let _ = lock.rewind();
        let _ = write!(lock, "{}", std::process::id());
        let _ = lock.flush();
        remove_stale_temporaries(target);
        Ok(Lock { file: lock })
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = self.file.unlock();
    }
}

/// Temporary files left by a writer that was killed before it could rename them. Only called
/// with the lock held, when no other writer of `target` can be at work.
fn remove_stale_temporaries(target: &Path) {
    let (Some(dir), Some(name)) = (target.parent(), target.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let n = entry.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix) && n.ends_with(".tmp") {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Writes `bytes` to `target` (named `file` in messages) all at once: a reader sees the old
/// text or the new, never a mix, whatever happens meanwhile.
pub fn replace(target: &Path, file: &str, bytes: &[u8]) -> Result<(), WriteError> {
    // A link is followed: the file it points to is replaced, and the link stays a link.
    let real = std::fs::canonicalize(target).unwrap_or_else(|_| target.to_path_buf());
    let target = real.as_path();
    let temporary = temporary(target, file, bytes)?;
    // The file keeps who may read and write it.
    if let Ok(meta) = std::fs::metadata(target) {
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

/// The new text in a temporary file beside `target`, flushed to disk.
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
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .tempfile_in(dir)
        .map_err(io)?;
    temporary.write_all(bytes).map_err(io)?;
    temporary.as_file().sync_all().map_err(io)?;
    Ok(temporary)
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
mod tests {
    use super::*;

    #[test]
    fn replace_writes_all_and_leaves_no_temporary() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        std::fs::write(&target, "old").unwrap();
        replace(&target, "c.toml", b"new text").unwrap();
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "new text");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["c.toml"]);
    }

    #[cfg(unix)]
    #[test]
    fn the_file_keeps_its_permissions() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o640)).unwrap();
        replace(&target, "c.toml", b"new").unwrap();
        let mode = std::fs::metadata(&target).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let fresh = dir.path().join("d.toml");
        create(&fresh, "d.toml", b"x").unwrap();
        let mode = std::fs::metadata(&fresh).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o644);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("c.toml");
        std::fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        replace(&link, "c.toml", b"new").unwrap();
        assert!(
            std::fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(std::fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn create_refuses_to_overwrite() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        create(&target, "c.toml", b"first").unwrap();
        let error = create(&target, "c.toml", b"second").unwrap_err();
        assert_eq!(
            error.to_string(),
            "c.toml already exists; nothing was written"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "first");
    }

    #[test]
    fn a_second_writer_waits_then_gives_up_naming_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let first = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap();
        let error = Lock::acquire(&target, "c.toml", Duration::from_millis(60)).unwrap_err();
        let message = error.to_string();
        assert!(
            message.contains(&format!("process {}", std::process::id())),
            "{message}"
        );
        drop(first);
        Lock::acquire(&target, "c.toml", Duration::from_millis(60)).unwrap();
    }

    #[test]
    fn temporaries_of_a_killed_writer_are_cleared_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let stale = dir.path().join(".c.toml.abc123.tmp");
        std::fs::write(&stale, "half").unwrap();
        let other = dir.path().join(".d.toml.abc123.tmp");
        std::fs::write(&other, "someone else's").unwrap();
        let _lock = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap();
        assert!(!stale.exists());
        assert!(other.exists(), "only this file's temporaries");
    }

    #[test]
    fn a_missing_folder_is_reported_with_the_file() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("nowhere").join("c.toml");
        let error = replace(&target, "campaigns/c.toml", b"x").unwrap_err();
        assert!(
            error.to_string().starts_with("campaigns/c.toml: "),
            "{error}"
        );
    }
}
