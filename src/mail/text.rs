//! Text from data files made fit for a message: one line for a header (nothing can start a
//! header of its own), lines kept for a body, and nothing a terminal or a mail reader would
//! obey.

/// Text for a header: control characters (line breaks included) become spaces, runs of spaces
/// one, so that nothing from a data file can start a header of its own.
pub fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if crate::display::is_unsafe(c) { ' ' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Text for a body: line breaks kept (as `\n`), other control characters and the
/// bidirectional overrides (which make text read in another order than it is) dropped.
pub fn body_text(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| !crate::display::is_unsafe(c) || c == '\n' || c == '\t')
        .collect()
}
