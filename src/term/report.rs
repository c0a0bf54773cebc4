//! How problems reach the user on the command line: located diagnostics one per line on
//! stderr, with `error`/`warning` coloured when stderr is a terminal and `NO_COLOR` is unset.
//! Everything goes through [`super::term`], so a file's text in a message is shown escaped.

use std::io::Write;

use crate::store::{Diagnostic, Severity};
use crate::term;

/// Writes `word` in `colour` (an SGR code) when colours are on.
fn severity(err: &mut term::Safe<impl Write>, colour: bool, word: &str, code: &str) {
    if colour {
        let _ = err.raw(format!("\x1b[{code}m").as_bytes());
        let _ = err.write_all(word.as_bytes());
        let _ = err.raw(b"\x1b[0m");
    } else {
        let _ = err.write_all(word.as_bytes());
    }
}

/// Prints diagnostics to stderr, one a line, in the `file:line:col: severity: message` form.
pub fn diagnostics(list: &[Diagnostic]) {
    let colour = term::colour();
    let mut err = term::err();
    for d in list {
        let subject = d
            .subject
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        // A closed stderr leaves nothing better to do.
        let _ = write!(err, "{}:{}:{}: ", d.file, d.line, d.column);
        match d.severity {
            Severity::Error => severity(&mut err, colour, "error", "1;31"),
            Severity::Warning => severity(&mut err, colour, "warning", "1;33"),
        }
        let _ = writeln!(err, ": {}{subject}", d.message);
    }
}

/// Prints a failure that ends the command: each cause once (an error that already quotes its
/// cause, as `file: No such file` does, is not followed by the cause again).
pub fn fail(error: &anyhow::Error) {
    let mut err = term::err();
    let _ = err.write_all(b"shortlist: ");
    severity(&mut err, term::colour(), "error", "1;31");
    let _ = writeln!(err, ": {}", chain(error));
}

/// The causes of `error`, outermost first, joined with `: `, none repeated.
pub fn chain(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause.to_string();
        if parts.iter().any(|p| p.contains(&text)) {
            continue;
        }
        parts.push(text);
    }
    parts.join(": ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cause_already_quoted_is_not_said_again() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let read = crate::store::ReadError {
            file: "campaigns/x.toml".into(),
            source: io,
        };
        let error = anyhow::Error::new(read).context("cannot open the campaign");
        assert_eq!(
            chain(&error),
            "cannot open the campaign: campaigns/x.toml: No such file or directory"
        );
    }
}
