//! The query language, shared by the interface and `shortlist search`: free words matched
//! fuzzily, `"quoted phrases"` matched exactly, `field:value` filters, `-` to negate.
//!
//! ```text
//! skincare taipei platform:ig followers:10k..50k er:>3 -kind:celebrity has:email
//! ```

use std::ops::Range;

use crate::model::{Kind, Platform, Stage, Tier};
use crate::suggest::nearest;

mod values;
use values::{bounds, named, percent, size};

/// A parsed query: its terms, all of which must hold.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    pub terms: Vec<Term>,
}

/// One term, with where it is in the query text (bytes).
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    pub negated: bool,
    pub filter: Filter,
    pub span: Range<usize>,
}

/// What a term asks for. Lists are alternatives: `platform:ig,yt` is Instagram or YouTube.
#[derive(Clone, Debug, PartialEq)]
pub enum Filter {
    /// Matched fuzzily against name, aliases, handles, niches and location; smart case.
    Word(String),
    /// Matched as written (smart case) against the same text.
    Phrase(String),
    /// Niche tags, lower-cased; a creator matches on an equal tag.
    Niche(Vec<String>),
    Platform(Vec<Platform>),
    /// Followers of a channel.
    Followers(Bounds<u64>),
    /// The tier of a channel.
    Tier(Vec<Tier>),
    /// Engagement (percent) of a channel.
    Engagement(Bounds<f64>),
    /// Lower-cased text found anywhere in the location.
    Location(Vec<String>),
    /// Lower-cased language tags; `zh` also matches `zh-TW`.
    Language(Vec<String>),
    Kind(Vec<Kind>),
    /// The stage in the open campaign.
    Stage(Vec<Stage>),
    Has(Vec<Has>),
    /// Contracted (or later) in some campaign of the workspace, or never.
    Worked(bool),
    /// Worked and delivered well enough to book again, or worked and did not.
    Rebook(bool),
}

impl Filter {
    /// Terms about one channel must all hold on the same channel of a creator.
    pub fn is_channel_term(&self) -> bool {
        matches!(
            self,
            Filter::Platform(_) | Filter::Followers(_) | Filter::Tier(_) | Filter::Engagement(_)
        )
    }
}

/// A closed or open numeric range; `inclusive` tells whether each end itself matches.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Bounds<T> {
    pub min: Option<(T, bool)>,
    pub max: Option<(T, bool)>,
}

impl<T: PartialOrd + Copy> Bounds<T> {
    /// True when `value` is within the bounds.
    pub fn contains(&self, value: T) -> bool {
        let above = match self.min {
            Some((m, true)) => value >= m,
            Some((m, false)) => value > m,
            None => true,
        };
        let below = match self.max {
            Some((m, true)) => value <= m,
            Some((m, false)) => value < m,
            None => true,
        };
        above && below
    }
}

/// Something a creator may or may not have on file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Has {
    Email,
    Rate,
    Engagement,
    Vetting,
    Notes,
    Url,
}

impl Has {
    /// Every value `has:` takes.
    pub const ALL: [(&'static str, Has); 6] = [
        ("email", Has::Email),
        ("rate", Has::Rate),
        ("engagement", Has::Engagement),
        ("vetting", Has::Vetting),
        ("notes", Has::Notes),
        ("url", Has::Url),
    ];
}

/// A problem with a query, located in its text (bytes) so that it can be pointed at.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct QueryError {
    pub span: Range<usize>,
    pub message: String,
}

/// The field names and the names they may also be typed as.
const FIELDS: &[(&str, &[&str])] = &[
    ("niche", &["niches"]),
    ("platform", &["platforms"]),
    ("followers", &["follower"]),
    ("tier", &["tiers"]),
    ("er", &["engagement"]),
    ("loc", &["location"]),
    ("lang", &["language", "languages"]),
    ("kind", &[]),
    ("stage", &[]),
    ("has", &[]),
    ("worked", &[]),
    ("rebook", &[]),
];

/// The longest query read, in characters: enough for any search a person types, and a bound
/// on the work one keystroke can cause.
pub const MAX_QUERY: usize = 500;
/// The most free words and phrases in one query: each is scored against every creator.
pub const MAX_WORDS: usize = 12;

impl Query {
    /// Parses `text`; the first problem found is the error.
    pub fn parse(text: &str) -> Result<Query, QueryError> {
        if let Some((at, _)) = text.char_indices().nth(MAX_QUERY) {
            return Err(QueryError {
                span: at..text.len(),
                message: format!(
                    "the query is too long ({} characters; at most {MAX_QUERY})",
                    text.chars().count()
                ),
            });
        }
        let mut terms = Vec::new();
        let mut words = 0;
        for token in tokenize(text) {
            if let Some(term) = term(text, token)? {
                if matches!(term.filter, Filter::Word(_) | Filter::Phrase(_)) {
                    words += 1;
                    if words > MAX_WORDS {
                        return Err(QueryError {
                            span: term.span.clone(),
                            message: format!(
                                "too many words ({MAX_WORDS} words and phrases at most): quote a phrase, \"like this\", to search for it whole"
                            ),
                        });
                    }
                }
                terms.push(term);
            }
        }
        Ok(Query { terms })
    }

    /// True when the query has no terms: everything matches.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// True when the query has free words or phrases to rank by.
    pub fn has_text(&self) -> bool {
        self.terms
            .iter()
            .any(|t| !t.negated && matches!(t.filter, Filter::Word(_) | Filter::Phrase(_)))
    }

    /// True when it needs the creators' records in past campaigns (`worked:`, `rebook:`).
    pub fn needs_history(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.filter, Filter::Worked(_) | Filter::Rebook(_)))
    }

    /// True when it needs a campaign (it filters on stage).
    pub fn needs_campaign(&self) -> bool {
        self.terms
            .iter()
            .any(|t| matches!(t.filter, Filter::Stage(_)))
    }

    /// True when every creator this query matches is sure to have matched `previous`, so that
    /// searching only within the previous results gives the same answer. That is the case while
    /// typing: terms added at the end, or the last word (or phrase) made longer.
    pub fn narrows(&self, previous: &Query) -> bool {
        let old = &previous.terms;
        if self.terms.len() < old.len() {
            return false;
        }
        old.iter().zip(&self.terms).enumerate().all(|(i, (o, n))| {
            if o.negated != n.negated || (o.negated && o.filter != n.filter) {
                return false;
            }
            match (&o.filter, &n.filter) {
                (Filter::Word(a), Filter::Word(b)) | (Filter::Phrase(a), Filter::Phrase(b))
                    if i + 1 == old.len() =>
                {
                    b.starts_with(a.as_str())
                }
                (a, b) => a == b,
            }
        })
    }
}

/// A token: optional `-`, then either a word/phrase or `field:value`, with byte offsets.
struct Token {
    span: Range<usize>,
    negated: bool,
    field: Option<Range<usize>>,
    value: Range<usize>,
    quoted: bool,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some(&(start, c)) = chars.peek() {
        if c.is_whitespace() {
            chars.next();
            continue;
        }
        let mut negated = false;
        if c == '-' {
            negated = true;
            chars.next();
        }
        let mut field = None;
        let mut value_start = chars.peek().map_or(text.len(), |&(i, _)| i);
        let mut quoted = false;
        let mut end = value_start;
        let mut in_quote = false;
        while let Some(&(i, c)) = chars.peek() {
            if c == '"' {
                if !in_quote && i == value_start {
                    quoted = true;
                }
                in_quote = !in_quote;
            } else if c.is_whitespace() && !in_quote {
                break;
            } else if c == ':' && field.is_none() && !in_quote && !quoted {
                let name = &text[value_start..i];
                if !name.is_empty() && name.chars().all(|c| c.is_alphabetic()) {
                    field = Some(value_start..i);
                    value_start = i + 1;
                }
            }
            chars.next();
            end = i + c.len_utf8();
        }
        tokens.push(Token {
            span: start..end,
            negated,
            field,
            value: value_start..end.max(value_start),
            quoted,
        });
    }
    tokens
}

/// The value of a token without its quotes (an unclosed quote runs to the end).
fn unquote(text: &str) -> &str {
    let text = text.strip_prefix('"').unwrap_or(text);
    text.strip_suffix('"').unwrap_or(text)
}

fn term(text: &str, token: Token) -> Result<Option<Term>, QueryError> {
    let raw = &text[token.value.clone()];
    let value = unquote(raw);
    let filter = match token.field.clone() {
        None if value.trim().is_empty() => return Ok(None),
        None if token.quoted || value.contains('"') => Filter::Phrase(value.replace('"', "")),
        None => Filter::Word(value.to_string()),
        Some(field) => {
            let name = text[field.clone()].to_lowercase();
            let Some(canonical) = FIELDS
                .iter()
                .find(|(f, aliases)| *f == name || aliases.contains(&name.as_str()))
                .map(|(f, _)| *f)
            else {
                let names = FIELDS.iter().map(|(f, _)| *f);
                let message = match nearest(&name, names) {
                    Some(near) => format!("unknown field \"{name}\"; did you mean \"{near}\"?"),
                    None => format!(
                        "unknown field \"{name}\"; fields are {}",
                        FIELDS
                            .iter()
                            .map(|(f, _)| *f)
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                };
                return Err(QueryError {
                    span: field,
                    message,
                });
            };
            let at = token.value.clone();
            if value.trim().is_empty() {
                return Err(QueryError {
                    span: token.span.clone(),
                    message: format!("{canonical}: needs a value, like {}", example(canonical)),
                });
            }
            field_filter(canonical, value, at)?
        }
    };
    Ok(Some(Term {
        negated: token.negated,
        filter,
        span: token.span,
    }))
}

fn example(field: &str) -> &'static str {
    match field {
        "niche" => "niche:skincare",
        "platform" => "platform:instagram",
        "followers" => "followers:10k..50k",
        "tier" => "tier:micro",
        "er" => "er:>3",
        "loc" => "loc:taipei",
        "lang" => "lang:zh-TW",
        "kind" => "kind:kol",
        "stage" => "stage:contacted",
        "worked" => "worked:yes",
        "rebook" => "rebook:yes",
        _ => "has:email",
    }
}

/// The comma-separated alternatives of a value, trimmed, without empty ones.
fn alternatives(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|v| !v.is_empty())
}

fn field_filter(field: &str, value: &str, at: Range<usize>) -> Result<Filter, QueryError> {
    let fail = |message: String| QueryError {
        span: at.clone(),
        message,
    };
    let lists = [
        "niche", "loc", "lang", "platform", "tier", "kind", "has", "stage",
    ];
    if lists.contains(&field) && alternatives(value).next().is_none() {
        return Err(fail(format!(
            "{field}: \"{value}\" names nothing; give a value, like {}",
            example(field)
        )));
    }
    let lower = |v: &str| v.to_lowercase();
    Ok(match field {
        "niche" => Filter::Niche(alternatives(value).map(lower).collect()),
        "loc" => Filter::Location(alternatives(value).map(lower).collect()),
        "lang" => Filter::Language(alternatives(value).map(lower).collect()),
        "platform" => Filter::Platform(alternatives(value).map(Platform::parse).collect()),
        "tier" => {
            Filter::Tier(named(value, &Tier::ALL.map(|t| (t.name(), t)), "tier").map_err(fail)?)
        }
        "kind" => {
            Filter::Kind(named(value, &Kind::ALL.map(|k| (k.name(), k)), "kind").map_err(fail)?)
        }
        "has" => Filter::Has(named(value, &Has::ALL, "has").map_err(fail)?),
        "stage" => {
            let mut stages = Vec::new();
            for v in alternatives(value) {
                match Stage::parse(v) {
                    Some(s) => stages.push(s),
                    None => {
                        let names = Stage::ALL.map(Stage::name);
                        return Err(fail(match nearest(v, names) {
                            Some(near) => {
                                format!("stage: \"{v}\" is not a stage; did you mean \"{near}\"?")
                            }
                            None => format!("stage: \"{v}\" is not a stage ({})", names.join(", ")),
                        }));
                    }
                }
            }
            Filter::Stage(stages)
        }
        "followers" => {
            Filter::Followers(bounds(value, size).map_err(|m| fail(format!("followers: {m}")))?)
        }
        "worked" | "rebook" => {
            let yes = match value.trim().to_lowercase().as_str() {
                "yes" | "y" | "true" | "1" => true,
                "no" | "n" | "false" | "0" => false,
                other => {
                    return Err(fail(format!("{field}: \"{other}\" is not yes or no")));
                }
            };
            if field == "worked" {
                Filter::Worked(yes)
            } else {
                Filter::Rebook(yes)
            }
        }
        _ => Filter::Engagement(bounds(value, percent).map_err(|m| fail(format!("er: {m}")))?),
    })
}

mod text;

#[cfg(test)]
mod tests;
