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
        let stale = dir.path().join(".c.toml.shortlist-Ab12Cd34Ef.tmp");
        std::fs::write(&stale, "half").unwrap();
        let other = dir.path().join(".d.toml.shortlist-Ab12Cd34Ef.tmp");
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
    #[cfg(unix)]
    #[test]
    fn a_lock_file_that_is_a_link_is_never_followed() {
        let dir = tempfile::tempdir().unwrap();
        let precious = dir.path().join("precious");
        std::fs::write(&precious, "keep me").unwrap();
        let target = dir.path().join("c.toml");
        std::os::unix::fs::symlink(&precious, lock_path(&target)).unwrap();
        let error = Lock::acquire(&target, "campaigns/c.toml", LOCK_WAIT).unwrap_err();
        assert_eq!(
            error.to_string(),
            "campaigns/.c.toml.lock is a link; it is not a lock file this program made, so it was left alone and nothing was written to campaigns/c.toml (remove it if it is yours to remove)"
        );
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep me");
        // A link to nowhere is not followed either (it would create the file it names).
        std::fs::remove_file(lock_path(&target)).unwrap();
        let nowhere = dir.path().join("made-by-the-link");
        std::os::unix::fs::symlink(&nowhere, lock_path(&target)).unwrap();
        assert!(Lock::acquire(&target, "c.toml", LOCK_WAIT).is_err());
        assert!(!nowhere.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_lock_file_with_other_names_or_text_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let precious = dir.path().join("precious");
        std::fs::write(&precious, "12").unwrap();
        std::fs::hard_link(&precious, lock_path(&target)).unwrap();
        let error = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap_err();
        assert!(error.to_string().contains("has other names"), "{error}");
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "12");
        std::fs::remove_file(lock_path(&target)).unwrap();
        std::fs::write(lock_path(&target), "my notes\n").unwrap();
        let error = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap_err();
        assert!(
            error.to_string().contains("holds text of its own"),
            "{error}"
        );
        assert_eq!(
            std::fs::read_to_string(lock_path(&target)).unwrap(),
            "my notes\n"
        );
        std::fs::remove_file(lock_path(&target)).unwrap();
        std::fs::create_dir(lock_path(&target)).unwrap();
        let error = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap_err();
        assert!(
            error.to_string().contains("is not a regular file"),
            "{error}"
        );
    }

    #[test]
    fn a_lock_left_by_a_killed_writer_is_taken_over() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        std::fs::write(lock_path(&target), "4242").unwrap();
        drop(Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap());
        assert_eq!(
            std::fs::read_to_string(lock_path(&target)).unwrap(),
            std::process::id().to_string()
        );
    }

    #[test]
    fn only_temporaries_named_as_this_program_names_them_are_cleaned() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let mine = [
            ".c.toml.my backup.tmp",
            ".c.toml.abc123.tmp",
            ".c.toml.shortlist-short.tmp",
            ".c.toml.shortlist-Ab12Cd34E!.tmp",
        ];
        for name in mine {
            std::fs::write(dir.path().join(name), "the user's").unwrap();
        }
        let _lock = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap();
        for name in mine {
            assert!(dir.path().join(name).exists(), "{name} was removed");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_temporary_lookalike_that_is_a_link_or_a_folder_stays() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let precious = dir.path().join("precious");
        std::fs::write(&precious, "keep").unwrap();
        let link = dir.path().join(".c.toml.shortlist-Ab12Cd34Ef.tmp");
        std::os::unix::fs::symlink(&precious, &link).unwrap();
        let folder = dir.path().join(".c.toml.shortlist-Zz12Cd34Ef.tmp");
        std::fs::create_dir(&folder).unwrap();
        let _lock = Lock::acquire(&target, "c.toml", LOCK_WAIT).unwrap();
        assert!(std::fs::symlink_metadata(&link).is_ok());
        assert!(folder.is_dir());
        assert_eq!(std::fs::read_to_string(&precious).unwrap(), "keep");
    }

    #[cfg(unix)]
    #[test]
    fn a_read_only_file_is_refused_not_replaced() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        std::fs::write(&target, "old").unwrap();
        std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o444)).unwrap();
        let error = replace(&target, "campaigns/c.toml", b"new").unwrap_err();
        assert_eq!(
            error.to_string(),
            "campaigns/c.toml is read-only; nothing was written (make it writable to change it)"
        );
        assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 1, "no temporary left");
    }

    #[test]
    fn a_folder_in_the_place_of_the_file_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        std::fs::create_dir(&target).unwrap();
        let error = replace(&target, "c.toml", b"new").unwrap_err();
        assert!(matches!(error, WriteError::NotAFile { .. }), "{error}");
    }

    #[test]
    fn temporaries_carry_the_mark_and_a_random_part() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("c.toml");
        let t = temporary(&target, "c.toml", b"x").unwrap();
        let name = t.path().file_name().unwrap().to_string_lossy().into_owned();
        let random = name
            .strip_prefix(".c.toml.shortlist-")
            .and_then(|r| r.strip_suffix(".tmp"))
            .unwrap();
        assert_eq!(random.len(), TEMPORARY_RANDOM);
    }
}
