//! Mail already on disk, read for replies: Maildir folders (`cur/` and `new/`), mbox files,
//! and `.eml` files or folders of them, parsed with `mail-parser`. Each message is reduced to
//! what matching needs: its id, the ids it answers, its sender, date and subject, whether it
//! is automatic (out of office), and its first lines.

use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::tz::Offset;
use mail_parser::{HeaderValue, MessageParser};

use super::thread::bracketed;

/// The most a single message file is read to (a larger one is passed over, and said).
const MESSAGE_LIMIT: u64 = 64 << 20;

/// One message, as replies are found by.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Mail {
    /// Its `Message-ID` as `<…>`; one made from its contents when it has none, so that it is
    /// still recorded once.
    pub id: String,
    /// The ids it answers (`In-Reply-To`, then `References`), as `<…>`.
    pub answers: Vec<String>,
    /// The sender's address, in lower case.
    pub from: Option<String>,
    /// When it was sent, with the sender's offset.
    pub at: Option<(Timestamp, Offset)>,
    pub subject: String,
    /// An automatic answer: `Auto-Submitted`, `X-Autoreply` and the like, or an out-of-office
    /// subject in English or Chinese.
    pub auto: bool,
    /// The first lines of its text, to show.
    pub first_lines: String,
    /// Where it was read: a file, or an mbox with the message's number in it.
    pub place: String,
}

/// Reads every message of `path`: a Maildir, a folder of `.eml` files, an mbox file or one
/// `.eml` file. Messages that cannot be parsed are counted in the second part, with where.
pub fn read(path: &Path) -> Result<(Vec<Mail>, Vec<String>), String> {
    let shown = path.display().to_string();
    let meta = std::fs::metadata(path).map_err(|e| format!("{shown}: {e}"))?;
    let mut mails = Vec::new();
    let mut skipped = Vec::new();
    if meta.is_dir() {
        let maildir = path.join("cur").is_dir() || path.join("new").is_dir();
        let folders: Vec<PathBuf> = if maildir {
            vec![path.join("cur"), path.join("new")]
        } else {
            vec![path.to_path_buf()]
        };
        // A link to a file outside the mailbox is not followed: what it holds is not mail, and
        // a reply's first lines go into the campaign file, which a team shares.
        let inside = std::fs::canonicalize(path).map_err(|e| format!("{shown}: {e}"))?;
        for folder in folders.iter().filter(|f| f.is_dir()) {
            // Every entry but a folder is read as a message, or said why not: a pipe or a
            // device among the messages is named, never waited on or passed over in silence.
            let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
                .map_err(|e| format!("{}: {e}", folder.display()))?
                .flatten()
                .map(|e| e.path())
                .filter(|p| !p.is_dir())
                .filter(|p| maildir || p.extension().is_some_and(|e| e == "eml"))
                .collect();
            files.sort();
            for file in files {
                if let Some(outside) = outside(&file, &inside) {
                    skipped.push(format!(
                        "{}: a link to {}, outside the mailbox; not read",
                        file.display(),
                        outside.display()
                    ));
                    continue;
                }
                one_file(&file, &mut mails, &mut skipped);
            }
        }
    } else {
        // Only a file: a pipe given as a mailbox would otherwise be waited on for ever.
        let file = crate::store::files::open_regular(path).map_err(|e| format!("{shown}: {e}"))?;
        let mut start = [0u8; 5];
        let is_mbox = {
            use std::io::Read;
            (&file)
                .read(&mut start)
                .map(|n| n == 5 && &start == b"From ")
                .unwrap_or(false)
        };
        if is_mbox {
            let file =
                crate::store::files::open_regular(path).map_err(|e| format!("{shown}: {e}"))?;
            let messages =
                mail_parser::mailbox::mbox::MessageIterator::new(std::io::BufReader::new(file));
            for (n, message) in messages.enumerate() {
                let place = format!("{shown} (message {})", n + 1);
                match message {
                    Ok(m) => match parse(m.contents(), &place) {
                        Some(mail) => mails.push(mail),
                        None => skipped.push(format!("{place}: not a message")),
                    },
                    Err(e) => return Err(format!("{shown}: {e}")),
                }
            }
        } else {
            one_file(path, &mut mails, &mut skipped);
        }
    }
    Ok((mails, skipped))
}

/// Where `file` leads when it is a link (or a chain of links) to something outside `inside`.
fn outside(file: &Path, inside: &Path) -> Option<PathBuf> {
    let link = std::fs::symlink_metadata(file)
        .ok()?
        .file_type()
        .is_symlink();
    if !link {
        return None;
    }
    match std::fs::canonicalize(file) {
        Ok(target) if target.starts_with(inside) => None,
        Ok(target) => Some(target),
        // A broken link is said by the reading, as any file that cannot be read.
        Err(_) => None,
    }
}

fn one_file(path: &Path, mails: &mut Vec<Mail>, skipped: &mut Vec<String>) {
    let place = path.display().to_string();
    match crate::store::files::read_bounded(path, MESSAGE_LIMIT) {
        Ok(bytes) => match parse(&bytes, &place) {
            Some(mail) => mails.push(mail),
            None => skipped.push(format!("{place}: not a message")),
        },
        Err(e) => skipped.push(format!("{place}: {e}")),
    }
}

/// The ids a header lists, as `<…>`.
fn ids(value: &HeaderValue<'_>) -> Vec<String> {
    match value {
        HeaderValue::Text(t) => vec![bracketed(t)],
        HeaderValue::TextList(list) => list.iter().map(|t| bracketed(t)).collect(),
        _ => Vec::new(),
    }
}

/// Subjects that say the answer is automatic.
const AUTOMATIC: &[&str] = &[
    "out of office",
    "out of the office",
    "automatic reply",
    "auto reply",
    "autoreply",
    "auto-reply",
    "away from",
    "on vacation",
    "自動回覆",
    "自动回复",
    "休假",
    "不在辦公室",
    "不在办公室",
    "外出",
];

/// Reads one message; `None` when the bytes are no message at all.
pub fn parse(bytes: &[u8], place: &str) -> Option<Mail> {
    let message = MessageParser::default().parse(bytes)?;
    let from = message
        .from()
        .and_then(|a| a.first())
        .and_then(|a| a.address())
        .map(|a| a.trim().to_lowercase());
    let subject = message.subject().unwrap_or("").trim().to_string();
    if from.is_none() && subject.is_empty() && message.message_id().is_none() {
        return None;
    }
    let id = match message.message_id() {
        Some(id) if !id.trim().is_empty() => bracketed(id),
        _ => format!(
            "<{:032x}@no-message-id.shortlist>",
            xxhash_rust::xxh3::xxh3_128(bytes)
        ),
    };
    let mut answers = ids(message.in_reply_to());
    for id in ids(message.references()) {
        if !answers.contains(&id) {
            answers.push(id);
        }
    }
    let at = message.date().and_then(|d| {
        let at = Timestamp::from_second(d.to_timestamp()).ok()?;
        let seconds = (i32::from(d.tz_hour) * 3600 + i32::from(d.tz_minute) * 60)
            * if d.tz_before_gmt { -1 } else { 1 };
        Some((at, Offset::from_seconds(seconds).ok()?))
    });
    let header = |name: &str| message.header_raw(name).map(|v| v.trim().to_lowercase());
    let lower = subject.to_lowercase();
    let auto = header("Auto-Submitted").is_some_and(|v| v != "no")
        || header("X-Autoreply").is_some()
        || header("X-Autorespond").is_some()
        || header("X-Auto-Response-Suppress").is_some_and(|v| v.contains("all"))
        || header("Precedence").is_some_and(|v| v == "auto_reply")
        || AUTOMATIC.iter().any(|w| lower.contains(w));
    let first_lines = message
        .body_text(0)
        .map(|t| {
            t.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('>'))
                .take(3)
                .collect::<Vec<_>>()
                .join(" / ")
        })
        .unwrap_or_default();
    Some(Mail {
        id,
        answers,
        from,
        at,
        subject,
        auto,
        first_lines,
        place: place.to_string(),
    })
}
