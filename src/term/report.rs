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

/// The diagnostics printed so far in this run, as [`Diagnostic`]'s text: a failure that lists
/// them again says "listed above" instead.
static SAID: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Prints diagnostics to stderr, one a line, in the `file:line:col: severity: message` form
/// (`file: severity: message` for a problem of the whole file).
pub fn diagnostics(list: &[Diagnostic]) {
    let colour = term::colour();
    let mut err = term::err();
    let mut said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    for d in list {
        said.push(d.to_string());
        let subject = d
            .subject
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        // A closed stderr leaves nothing better to do.
        let _ = write!(err, "{}: ", d.place());
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
    let _ = writeln!(err, ": {}", not_again(&chain(error)));
}

/// A failure's text without the problems it lists when every one of them was printed already
/// (a file's problems, printed as it was read, then given as the reason nothing was changed).
fn not_again(text: &str) -> String {
    let mut lines = text.lines();
    let first = lines.next().unwrap_or_default();
    let listed: Vec<&str> = lines.map(str::trim).collect();
    let said = SAID.lock().unwrap_or_else(|e| e.into_inner());
    if !listed.is_empty()
        && first.ends_with(':')
        && listed.iter().all(|l| said.iter().any(|s| s == l))
    {
        format!("{} (listed above)", first.trim_end_matches(':'))
    } else {
        text.to_string()
    }
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

    #[test]
    fn problems_printed_already_are_listed_above_not_again() {
        let d = Diagnostic::error("campaigns/y.toml", 4, 7, "\"fee\" must be a whole number");
        let listed =
            format!("campaigns/y.toml has problems to fix before it can be changed:\n  {d}");
        // Not printed yet: the failure lists it.
        assert_eq!(not_again(&listed), listed);
        diagnostics(std::slice::from_ref(&d));
        assert_eq!(
            not_again(&listed),
            "campaigns/y.toml has problems to fix before it can be changed (listed above)"
        );
        // One of several not printed: all are listed.
        let other = Diagnostic::error("campaigns/y.toml", 9, 1, "unknown stage");
        let both = format!("{listed}\n  {other}");
        assert_eq!(not_again(&both), both);
    }
}
