//! How problems reach the user on the command line: located diagnostics one per line on
//! stderr, with `error`/`warning` coloured when stderr is a terminal and `NO_COLOR` is unset.

use std::io::{IsTerminal, Write};

use crate::store::{Diagnostic, Severity};

fn colour() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stderr().is_terminal()
}

/// Prints diagnostics to stderr, one a line, in the `file:line:col: severity: message` form.
pub fn diagnostics(list: &[Diagnostic]) {
    let colour = colour();
    let mut err = std::io::stderr().lock();
    for d in list {
        let severity = match (d.severity, colour) {
            (Severity::Error, false) => "error",
            (Severity::Warning, false) => "warning",
            (Severity::Error, true) => "\x1b[1;31merror\x1b[0m",
            (Severity::Warning, true) => "\x1b[1;33mwarning\x1b[0m",
        };
        let subject = d
            .subject
            .as_ref()
            .map(|s| format!(" ({s})"))
            .unwrap_or_default();
        // A closed stderr leaves nothing better to do.
        let _ = writeln!(
            err,
            "{}:{}:{}: {severity}: {}{subject}",
            d.file, d.line, d.column, d.message
        );
    }
}

/// Prints a failure that ends the command.
pub fn fail(error: &anyhow::Error) {
    let prefix = if colour() {
        "shortlist: \x1b[1;31merror\x1b[0m"
    } else {
        "shortlist: error"
    };
    eprintln!("{prefix}: {error:#}");
}
