//! From a shortlist to files a mail client opens: every invitation rendered and checked first
//! (all problems at once), then written in one of four forms — `eml` (a file per creator),
//! `mbox` (one mboxrd file), `maildir` (drafts in a Maildir) or `txt` (to read or paste) —
//! through a staging folder, so that a failed export leaves no files behind.

use std::path::{Path, PathBuf};

use jiff::Zoned;

use super::message::{Attachment, build};
use super::render::{Invitee, Letter, Problem, render};
use super::template::Template;
use crate::model::Campaign;

/// The forms an export can take.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Format {
    Eml,
    Mbox,
    Maildir,
    Txt,
}

impl Format {
    pub const ALL: [Format; 4] = [Format::Eml, Format::Mbox, Format::Maildir, Format::Txt];

    pub fn name(self) -> &'static str {
        match self {
            Format::Eml => "eml",
            Format::Mbox => "mbox",
            Format::Maildir => "maildir",
            Format::Txt => "txt",
        }
    }

    pub fn parse(text: &str) -> Option<Format> {
        Format::ALL
            .into_iter()
            .find(|f| f.name().eq_ignore_ascii_case(text.trim()))
    }
}

/// Invitations ready to be written, and what stood in the way of others.
#[derive(Clone, Debug, PartialEq)]
pub struct Prepared {
    pub letters: Vec<Letter>,
    /// Each letter's message, in the same order.
    pub messages: Vec<Vec<u8>>,
    pub problems: Vec<Problem>,
}

impl Prepared {
    /// True when a problem stops the export.
    pub fn blocked(&self) -> bool {
        self.problems.iter().any(|p| p.fatal)
    }
}

/// Renders and checks the invitations of `invitees` from `template`. Attachments are read
/// relative to `workspace`. Nothing is written.
pub fn prepare(
    workspace: &Path,
    campaign_file: &str,
    template: &Template,
    campaign: &Campaign,
    invitees: &[Invitee<'_>],
    now: &Zoned,
    currency: &str,
) -> Prepared {
    let (letters, mut problems) = render(template, campaign, invitees, now.date(), currency);
    let Some(sender) = &campaign.brief.sender else {
        problems.insert(
            0,
            Problem::stop(
                campaign_file,
                "the campaign has no sender: add sender = { name = \"…\", email = \"…\" } under [campaign]; invitations come from them",
            ),
        );
        return Prepared {
            letters: Vec::new(),
            messages: Vec::new(),
            problems,
        };
    };
    let mut attachments = Vec::new();
    for (path, line) in &template.attachments {
        match super::read_attachment(workspace, path) {
            Ok(bytes) => attachments.push(Attachment {
                name: std::path::Path::new(path)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_else(|| path.clone()),
                bytes,
            }),
            Err(message) => {
                problems.push(Problem::stop(format!("{}:{line}", template.file), message))
            }
        }
    }
    let kept = letters;
    let messages = kept
        .iter()
        .map(|l| build(l, sender, &campaign.id, now, &attachments))
        .collect();
    Prepared {
        letters: kept,
        messages,
        problems,
    }
}

/// A name safe for a file: letters, digits, `-` and `_`; nothing that climbs folders.
pub fn file_stem(text: &str) -> String {
    let cleaned: String = text
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if cleaned.is_empty() {
        "_".into()
    } else {
        cleaned
    }
}

/// The files an export writes, relative to its folder, with their bytes.
pub fn files(
    format: Format,
    campaign: &str,
    prepared: &Prepared,
    sender_email: &str,
    now: &Zoned,
) -> Vec<(PathBuf, Vec<u8>)> {
    let pairs = prepared.letters.iter().zip(&prepared.messages);
    match format {
        Format::Eml => {
            // Two ids can make one file name (`a.b`, `a_b`): the second gets `-2`, and so on,
            // compared without case as some file systems do.
            let mut taken = std::collections::HashSet::new();
            pairs
                .map(|(l, m)| {
                    let stem = file_stem(&l.creator);
                    let mut name = format!("{stem}.eml");
                    let mut n = 1;
                    while !taken.insert(name.to_lowercase()) {
                        n += 1;
                        name = format!("{stem}-{n}.eml");
                    }
                    (PathBuf::from(name), m.clone())
                })
                .collect()
        }
        Format::Mbox => {
            let mut out = Vec::new();
            let when = now
                .timestamp()
                .to_zoned(jiff::tz::TimeZone::UTC)
                .strftime("%a %b %e %H:%M:%S %Y")
                .to_string();
            for (_, m) in pairs {
                out.extend_from_slice(format!("From {sender_email} {when}\n").as_bytes());
                out.extend_from_slice(&mboxrd_escape(&unix_lines(m)));
                if !out.ends_with(b"\n") {
                    out.push(b'\n');
                }
                out.push(b'\n');
            }
            vec![(PathBuf::from(format!("{}.mbox", file_stem(campaign))), out)]
        }
        Format::Maildir => {
            let stamp = now.timestamp().as_second();
            pairs
                .enumerate()
                .map(|(i, (l, m))| {
                    let name = format!("{stamp}.{i}_{}.shortlist:2,D", file_stem(&l.creator));
                    (
                        PathBuf::from("maildir").join("cur").join(name),
                        unix_lines(m),
                    )
                })
                .collect()
        }
        Format::Txt => {
            let mut out = String::new();
            for l in &prepared.letters {
                out.push_str(&format!("To: {}\n", l.to()));
                let list = |m: &[super::address::Mailbox]| {
                    m.iter()
                        .map(ToString::to_string)
                        .collect::<Vec<_>>()
                        .join(", ")
                };
                if !l.cc.is_empty() {
                    out.push_str(&format!("Cc: {}\n", list(&l.cc)));
                }
                if !l.bcc.is_empty() {
                    out.push_str(&format!("Bcc: {}\n", list(&l.bcc)));
                }
                if let Some(r) = &l.reply_to {
                    out.push_str(&format!("Reply-To: {r}\n"));
                }
                out.push_str(&format!("Subject: {}\n\n", l.subject));
                out.push_str(l.body.trim_end());
                out.push_str("\n\n");
                out.push_str(&"─".repeat(60));
                out.push_str("\n\n");
            }
            vec![(
                PathBuf::from(format!("{}.txt", file_stem(campaign))),
                out.into_bytes(),
            )]
        }
    }
}

/// CRLF line endings as LF, as mbox files and Maildirs keep them.
fn unix_lines(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len());
    let mut i = 0;
    while i < message.len() {
        if message[i] == b'\r' && message.get(i + 1) == Some(&b'\n') {
            i += 1;
            continue;
        }
        out.push(message[i]);
        i += 1;
    }
    out
}

/// mboxrd: a line that starts with `From ` after any number of `>` gets one `>` more, so that
/// it can never be read as the start of a message, and reading can take it off again.
pub fn mboxrd_escape(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len() + 16);
    for line in message.split_inclusive(|b| *b == b'\n') {
        let quotes = line.iter().take_while(|b| **b == b'>').count();
        if line[quotes..].starts_with(b"From ") {
            out.push(b'>');
        }
        out.extend_from_slice(line);
    }
    out
}

/// The reverse of [`mboxrd_escape`].
pub fn mboxrd_unescape(message: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(message.len());
    for line in message.split_inclusive(|b| *b == b'\n') {
        let quotes = line.iter().take_while(|b| **b == b'>').count();
        if quotes > 0 && line[quotes..].starts_with(b"From ") {
            out.extend_from_slice(&line[1..]);
        } else {
            out.extend_from_slice(line);
        }
    }
    out
}

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
        .tempdir_in(dir)?;
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

#[cfg(test)]
mod tests;
