//! Sending, the conventional way: each message piped to the user's own mail submission command
//! (`[mail] sendmail = "msmtp -t"`, or `sendmail -t -i`), which reads the recipients from the
//! message. No built-in SMTP client and no stored passwords. Messages go one at a time and the
//! first failure stops the rest, so that what was sent is known exactly.

use std::io::Write;
use std::process::{Command, Stdio};

use super::{Planned, Session};

/// What became of one message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sent {
    /// The creator it was to.
    pub creator: String,
    /// `Ok` once the command took it; else why not.
    pub result: Result<(), String>,
}

impl Session {
    /// Pipes each message of `planned` to `command` (run by `sh -c`), stopping at the first
    /// failure: the ones after it are not tried and not in the answer. `sent` is told of each
    /// creator as soon as their message is taken (to record it at once).
    pub fn send(&self, planned: &Planned, command: &str, sent: &mut dyn FnMut(&str)) -> Vec<Sent> {
        let mut out = Vec::new();
        for (letter, message) in planned
            .prepared
            .letters
            .iter()
            .zip(&planned.prepared.messages)
        {
            let result = pipe(command, &as_sent(message));
            let failed = result.is_err();
            if !failed {
                sent(&letter.creator);
            }
            out.push(Sent {
                creator: letter.creator.clone(),
                result,
            });
            if failed {
                break;
            }
        }
        out
    }
}

/// The message as it is sent: not marked a draft, lines ending in LF as a local mailer takes
/// them.
fn as_sent(message: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(message).replace("\r\n", "\n");
    let mut out = String::with_capacity(text.len());
    let mut in_headers = true;
    for line in text.split_inclusive('\n') {
        if in_headers && line == "\n" {
            in_headers = false;
        }
        if in_headers && line.to_ascii_lowercase().starts_with("x-unsent:") {
            continue;
        }
        out.push_str(line);
    }
    out.into_bytes()
}

/// Runs `command` with `bytes` on its standard input.
fn pipe(command: &str, bytes: &[u8]) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("`{command}` could not be started: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A command that stops reading early fails below with its own words.
        let _ = stdin.write_all(bytes);
    }
    let output = child
        .wait_with_output()
        .map_err(|e| format!("`{command}`: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let said = String::from_utf8_lossy(&output.stderr);
    let said = said.lines().next().unwrap_or("").trim();
    Err(format!(
        "`{command}` failed ({}){}",
        output.status,
        if said.is_empty() {
            String::new()
        } else {
            format!(": {said}")
        }
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_sent_message_is_no_draft_and_ends_lines_in_lf() {
        let draft =
            b"From: a@x\r\nX-Unsent: 1\r\nSubject: s\r\n\r\nX-Unsent: in the body stays\r\n";
        assert_eq!(
            as_sent(draft),
            b"From: a@x\nSubject: s\n\nX-Unsent: in the body stays\n".to_vec()
        );
    }

    #[test]
    fn a_failing_command_says_how() {
        assert!(pipe("cat >/dev/null", b"x").is_ok());
        let err = pipe("echo refused >&2; exit 3", b"x").unwrap_err();
        assert!(
            err.contains("exit status: 3") && err.ends_with(": refused"),
            "{err}"
        );
    }
}
