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
    at: &At<'_>,
) -> Prepared {
    let (now, currency) = (at.now, at.currency);
    let (mut letters, mut problems) = render(
        template,
        campaign,
        invitees,
        now.date(),
        currency,
        at.progress,
    );
    if template.reply {
        // A follow-up answers what was sent before, in the same thread.
        for letter in &mut letters {
            let Some(invitee) = invitees.iter().find(|i| i.entry.creator == letter.creator) else {
                continue;
            };
            letter.thread = super::thread::of(invitee.entry);
            if !letter.thread.is_empty() {
                letter.subject = super::thread::re(&letter.subject);
            }
        }
    }
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

/// When and how invitations are made: the time they are dated, the currency of amounts that
/// name none, and where to count each one rendered.
pub struct At<'a> {
    pub now: &'a Zoned,
    pub currency: &'a str,
    pub progress: Option<&'a crate::store::progress::Progress>,
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

mod write;

pub use write::{Written, check, write};

#[cfg(test)]
mod tests;
