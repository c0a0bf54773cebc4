use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

mod syntax;
pub(crate) use syntax::syntax_message;

/// How bad a problem is: errors make `check` fail and keep the item out of the loaded data;
/// warnings are shown and the data is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in a file, located so that an editor can jump to it.
///
/// Displayed as `file:line:column: error: message (creator id)`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    pub severity: Severity,
    /// The file as the user should read it: workspace-relative for workspace files.
    pub file: String,
    /// 1-based.
    pub line: u32,
    /// 1-based, counted in characters (a Chinese character is one column), as editors count.
    pub column: u32,
    pub message: String,
    /// What the problem belongs to, such as `creator sarsa`.
    pub subject: Option<String>,
}

impl Diagnostic {
    /// An error at `line`:`column` of `file` (0 when the place is the file as a whole).
    pub fn error(file: &str, line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_string(),
            line,
            column,
            message: message.into(),
            subject: None,
        }
    }

    /// A warning at `line`:`column` of `file`.
    pub fn warning(file: &str, line: u32, column: u32, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, line, column, message)
        }
    }

    /// The same problem, said to belong to `subject` (`creator sarsa`, `campaign`).
    pub fn about(mut self, subject: impl Into<String>) -> Diagnostic {
        self.subject = Some(subject.into());
        self
    }

    /// True when the problem makes the file unusable as it stands.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem without its file, as the cache keeps it.
    pub(crate) fn to_located(&self) -> Located {
        Located {
            severity: self.severity,
            line: self.line,
            column: self.column,
            message: self.message.clone(),
            subject: self.subject.clone(),
        }
    }

    /// A diagnostic in `file` from a located problem whose line is counted from `line_offset`.
    pub(crate) fn from_located(file: &str, line_offset: u32, p: &Located) -> Diagnostic {
        Diagnostic {
            severity: p.severity,
            file: file.to_string(),
            line: p.line + line_offset,
            column: p.column,
            message: p.message.clone(),
            subject: p.subject.clone(),
        }
    }
}

impl Diagnostic {
    /// Where the problem is: `file:line:column`, or the file alone for a problem of the file
    /// as a whole (or a folder), which has line 0.
    pub fn place(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let severity = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{}: {}: {}", self.place(), severity, self.message)?;
        if let Some(subject) = &self.subject {
            write!(f, " ({subject})")?;
        }
        Ok(())
    }
}

/// A problem located within some text, before it is tied to a file: what a part of a file
/// read on its own (and cached) produces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Located {
    pub severity: Severity,
    pub line: u32,
    pub column: u32,
    pub message: String,
    pub subject: Option<String>,
}

/// Byte offsets to line and column, for one text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the line starts of `text`.
    pub fn new(text: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { starts }
    }

    /// The 1-based line and character column of a byte offset into the indexed text.
    pub fn locate(&self, text: &str, offset: usize) -> (u32, u32) {
        let offset = offset.min(text.len());
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count());
        (to_u32(line), to_u32(column + 1))
    }

    /// The byte offset where 1-based line `line` starts, if the text has it.
    pub fn start(&self, line: u32) -> Option<usize> {
        self.starts.get((line as usize).checked_sub(1)?).copied()
    }

    /// The 1-based line of a byte offset.
    pub fn line(&self, offset: usize) -> u32 {
        to_u32(self.starts.partition_point(|&s| s <= offset).max(1))
    }
}

pub(crate) fn to_u32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

/// Collects the problems found while reading some text, so that every problem is reported in
/// one run rather than only the first.
#[derive(Debug)]
pub(crate) struct Report<'t> {
    text: &'t str,
    index: &'t LineIndex,
    problems: Vec<Located>,
    errors: usize,
}

impl<'t> Report<'t> {
    /// Starts a report for `text`, whose lines `index` knows.
    pub fn new(text: &'t str, index: &'t LineIndex) -> Report<'t> {
        Report {
            text,
            index,
            problems: Vec::new(),
            errors: 0,
        }
    }

    /// The whole text being reported on.
    pub fn text(&self) -> &'t str {
        self.text
    }

    /// The text of the document in `span`, as written.
    pub fn source(&self, span: &Range<usize>) -> &'t str {
        self.text.get(span.clone()).unwrap_or("")
    }

    /// Records an error at the start of `span`.
    pub fn error(&mut self, span: &Range<usize>, subject: Option<&str>, message: String) {
        self.push(Severity::Error, span, subject, message);
    }

    /// Records a warning at the start of `span`.
    pub fn warning(&mut self, span: &Range<usize>, subject: Option<&str>, message: String) {
        self.push(Severity::Warning, span, subject, message);
    }

    fn push(
        &mut self,
        severity: Severity,
        span: &Range<usize>,
        subject: Option<&str>,
        message: String,
    ) {
        let (line, column) = self.index.locate(self.text, span.start);
        if severity == Severity::Error {
            self.errors += 1;
        }
        self.problems.push(Located {
            severity,
            line,
            column,
            message,
            subject: subject.map(str::to_string),
        });
    }

    /// The 1-based line and column of a byte offset in this text.
    pub fn locate(&self, offset: usize) -> (u32, u32) {
        self.index.locate(self.text, offset)
    }

    /// The 1-based line of a byte offset in this text.
    pub fn line(&self, offset: usize) -> u32 {
        self.index.line(offset)
    }

    /// How many errors have been recorded so far.
    pub fn error_count(&self) -> usize {
        self.errors
    }

    /// The problems recorded, in the order they were found.
    pub fn into_problems(self) -> Vec<Located> {
        self.problems
    }

    /// The problems recorded, as diagnostics of `file` in file order.
    pub fn into_diagnostics(self, file: &str) -> Vec<Diagnostic> {
        sorted(
            self.problems
                .iter()
                .map(|p| Diagnostic::from_located(file, 0, p))
                .collect(),
        )
    }

    /// `text` as a TOML document, or `None` with its first syntax error recorded.
    pub fn parse_toml<'d>(
        &mut self,
        text: &'d str,
    ) -> Option<toml::Spanned<toml::de::DeTable<'d>>> {
        match toml::de::DeTable::parse(text) {
            Ok(root) => Some(root),
            Err(e) => {
                let span = e.span().unwrap_or(0..0);
                self.error(&span, None, format!("invalid TOML: {}", e.message()));
                None
            }
        }
    }
}

/// Problems as diagnostics of `file`, in file order (errors before warnings at one place).
pub(crate) fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    diagnostics
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let text = "a = 1\nname = \"莎莎\" x\n";
        let index = LineIndex::new(text);
        let x = text.find('x').unwrap();
        assert_eq!(index.locate(text, x), (2, 13));
        assert_eq!(index.locate(text, 0), (1, 1));
        assert_eq!(index.locate(text, 6), (2, 1));
    }

    #[test]
    fn crlf_lines_count_like_lf() {
        let text = "a = 1\r\nb = 2\r\n";
        let index = LineIndex::new(text);
        assert_eq!(index.locate(text, text.find('b').unwrap()), (2, 1));
    }

    #[test]
    fn offsets_past_the_end_stay_in_range() {
        let text = "ab";
        assert_eq!(LineIndex::new(text).locate(text, 99), (1, 3));
    }

    #[test]
    fn display_is_file_line_column_message_subject() {
        let d = Diagnostic {
            severity: Severity::Error,
            file: "creators.toml".into(),
            line: 3,
            column: 9,
            message: "duplicate id \"a\"".into(),
            subject: Some("creator a".into()),
        };
        assert_eq!(
            d.to_string(),
            "creators.toml:3:9: error: duplicate id \"a\" (creator a)"
        );
    }

    #[test]
    fn a_problem_of_a_whole_file_names_no_line_0() {
        let d = Diagnostic::error("templates/x.txt", 0, 0, "it is a link");
        assert_eq!(d.to_string(), "templates/x.txt: error: it is a link");
    }
}
