//! Opening and reading the files a workspace names, safely: only regular files are read (a FIFO
//! would hang the program, a device such as `/dev/zero` would fill memory), never more than a
//! stated size, and the error says which of these stood in the way.

use std::fs::{File, OpenOptions};
use std::io::{self, Read};
use std::path::Path;

/// Why a file could not be read at all (as opposed to read with problems).
#[derive(Debug, thiserror::Error)]
#[error("{file}: {source}")]
pub struct ReadError {
    pub file: String,
    pub source: std::io::Error,
}

/// The most a template may hold.
pub const TEMPLATE_LIMIT: u64 = 1 << 20;
/// The most the configuration may hold.
pub const CONFIG_LIMIT: u64 = 1 << 20;
/// The most an attachment may hold: mail servers refuse larger messages anyway.
pub const ATTACHMENT_LIMIT: u64 = 25 << 20;
/// The most a campaign file may hold.
pub const CAMPAIGN_LIMIT: u64 = 64 << 20;
/// The most a file of mail (an mbox, one message) may hold.
pub const MAIL_LIMIT: u64 = 1 << 30;
/// The most a creator database is read whole (for an import); searching streams it.
pub const DATABASE_LIMIT: u64 = 4 << 30;
/// The most a spreadsheet to import may hold.
pub const SHEET_LIMIT: u64 = 1 << 30;

/// Opens `path` for reading only if it is a regular file. Opening does not wait on a FIFO and
/// the check is made on what was opened, so nothing can be swapped in between.
pub fn open_regular(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_CLOEXEC);
    }
    let file = options.open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            if meta.is_dir() {
                "it is a folder, not a file".to_string()
            } else {
                "it is not a regular file (a device, a pipe or a socket); only files are read"
                    .to_string()
            },
        ));
    }
    Ok(file)
}

/// The bytes of the regular file at `path`, refused when it holds more than `limit` bytes.
pub fn read_bounded(path: &Path, limit: u64) -> io::Result<Vec<u8>> {
    let file = open_regular(path)?;
    let len = file.metadata()?.len();
    if len > limit {
        return Err(too_large(len, limit));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    // A file that grows while it is read is still cut at the limit.
    file.take(limit + 1).read_to_end(&mut bytes)?;
    if bytes.len() as u64 > limit {
        return Err(too_large(bytes.len() as u64, limit));
    }
    Ok(bytes)
}

fn too_large(len: u64, limit: u64) -> io::Error {
    io::Error::new(
        io::ErrorKind::InvalidData,
        format!(
            "it is too large ({}; at most {} is read)",
            size(len),
            size(limit)
        ),
    )
}

/// A size as people read it: `1 MB`, `25 MB`, `640 kB`.
fn size(bytes: u64) -> String {
    if bytes >= 1 << 20 {
        format!("{} MB", bytes.div_ceil(1 << 20))
    } else if bytes >= 1 << 10 {
        format!("{} kB", bytes.div_ceil(1 << 10))
    } else {
        format!("{bytes} bytes")
    }
}

/// True when `path`, once resolved, lies inside `root` (also resolved). Both must exist.
pub fn inside(root: &Path, path: &Path) -> io::Result<bool> {
    let root = root.canonicalize()?;
    let path = path.canonicalize()?;
    Ok(path.starts_with(root))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_regular_file_is_read_and_a_large_one_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.txt");
        std::fs::write(&path, "hello").unwrap();
        assert_eq!(read_bounded(&path, 5).unwrap(), b"hello");
        let error = read_bounded(&path, 4).unwrap_err();
        assert_eq!(
            error.to_string(),
            "it is too large (5 bytes; at most 4 bytes is read)"
        );
    }

    #[test]
    fn a_folder_is_not_a_file() {
        let dir = tempfile::tempdir().unwrap();
        let error = read_bounded(dir.path(), 10).unwrap_err();
        assert_eq!(error.to_string(), "it is a folder, not a file");
    }

    #[cfg(unix)]
    #[test]
    fn devices_and_fifos_are_refused_without_waiting() {
        let error = read_bounded(Path::new("/dev/zero"), 10).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let error = read_bounded(&fifo, 10).unwrap_err();
        assert!(error.to_string().contains("not a regular file"), "{error}");
    }

    #[cfg(unix)]
    #[test]
    fn inside_resolves_links_and_dots() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("ws");
        std::fs::create_dir_all(root.join("templates")).unwrap();
        std::fs::write(dir.path().join("outside.txt"), "x").unwrap();
        std::fs::write(root.join("templates/in.txt"), "x").unwrap();
        assert!(inside(&root, &root.join("templates/in.txt")).unwrap());
        assert!(!inside(&root, &root.join("templates/../../outside.txt")).unwrap());
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), root.join("link.txt")).unwrap();
        assert!(!inside(&root, &root.join("link.txt")).unwrap());
    }
}
