//! A fast reader for the usual shape of a `[[creator]]` table: the shape the program writes and
//! most people keep — `key = value` lines of known keys, comments, strings (multi-line too),
//! whole and decimal numbers, dates, lists of strings, and `channels` as a list of
//! one-line inline tables.
//!
//! It reads the text once, without building a document, and gives a [`Piece`] only for a valid
//! table: anything it does not follow (a line-ending backslash, a dotted or quoted key, a number
//! written in hex) and anything the full reader would refuse (a blank name, an unknown kind, a
//! rate out of range) gives `None`, and the caller reads the table with the `toml` crate and
//! [`super::read`] as before. The warnings a table often earns it gives itself, in the full
//! reader's words and order: a platform the program does not know (kept as written), a url
//! without `https://`, and a key of no meaning to the program (kept in the file; its value,
//! passed over, must be a string, a number, a date, `true`/`false` or a list of those). So the
//! messages stay the full reader's, and a table this reader accepts gives the very same piece
//! (property-tested against the full reader in `scan/tests/properties.rs`).

use std::cell::RefCell;

use compact_str::CompactString;
use jiff::civil::Date;

use super::read::{
    CHANNEL_KEYS, CREATOR_KEYS, Piece, email_address, not_of_a_channel, not_of_a_creator,
    url_problem,
};
use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, id_problem,
};
use crate::store::diagnostic::{Located, Severity};
use crate::store::fields::{currency_code, unknown_key, unknown_platform};

mod lex;
#[cfg(test)]
mod tests;

use lex::{Scan, number};

/// The piece of a valid creator table of the usual shape, or `None`.
pub(super) fn creator(text: &str) -> Option<Piece> {
    let mut s = Scan::new(text);
    s.spaces();
    s.literal("[[creator]]")?;
    let line = s.line;
    s.end_of_line()?;
    let mut c = Creator::default();
    let mut seen = Seen::default();
    let mut id_at = None;
    let mut handles_at = Vec::new();
    let mut warnings = Vec::new();
    // Said after the channels', as the full reader says them.
    let mut unknown = Vec::new();
    loop {
        s.blank_lines()?;
        if s.done() {
            break;
        }
        s.spaces();
        match s.entry(&CREATOR_KEYS, &mut seen)? {
            Entry::Other(key, at) => {
                s.other_value()?;
                unknown.push((at, said_of_key(Level::Creator, key)));
            }
            Entry::Known("id") => {
                id_at = Some(s.at(s.pos));
                let id = s.string()?;
                if id.trim().is_empty() || id_problem(&id).is_some() {
                    return None;
                }
                c.id = CompactString::from(id);
            }
            Entry::Known("name") => c.name = trimmed(&s.string()?)?,
            Entry::Known("aliases") => c.aliases = s.strings()?,
            Entry::Known("email") => {
                // A malformed address is not for this reader.
                c.email = email_address(&s.string()?).ok()?.map(CompactString::from);
            }
            Entry::Known("niches") => c.niches = s.strings()?,
            Entry::Known("location") => c.location = trimmed(&s.string()?),
            Entry::Known("languages") => c.languages = s.strings()?,
            Entry::Known("kind") => c.kind = Some(Kind::parse(&s.string()?)?),
            Entry::Known("fake_followers") => c.fake_followers = Some(s.percent()?),
            Entry::Known("vetted_on") => c.vetted_on = Some(s.date()?),
            Entry::Known("rate") => c.rate = Some(s.whole(MAX_RATE)?),
            Entry::Known("currency") => c.currency = Some(currency_code(&s.string()?).ok()?),
            Entry::Known("notes") => {
                let notes = s.string()?.trim_end().replace("\r\n", "\n");
                c.notes = (!notes.is_empty()).then_some(notes);
            }
            Entry::Known("channels") => c.channels = s.channels(&mut handles_at, &mut warnings)?,
            Entry::Known(_) => return None,
        }
        s.end_of_line()?;
    }
    // Every creator needs an id, a name and at least one channel.
    if c.id.is_empty() || c.name.is_empty() || c.channels.is_empty() {
        return None;
    }
    c.line = line;
    // Held for every creator of a large database: no room to spare.
    for list in [&mut c.aliases, &mut c.niches, &mut c.languages] {
        list.shrink_to_fit();
    }
    c.channels.shrink_to_fit();
    handles_at.shrink_to_fit();
    let subject = format!("creator {}", c.id.escape_debug());
    let problems = warnings
        .into_iter()
        .chain(unknown)
        .map(|((line, column), message)| Located {
            severity: Severity::Warning,
            line,
            column,
            message,
            subject: Some(subject.clone()),
        })
        .collect();
    Some(Piece {
        line,
        creator: Some(c),
        errors: false,
        problems,
        id_at,
        handles_at,
        loose: None,
    })
}

/// The keys of a table read so far: a bit for each known one, and the others.
#[derive(Default)]
struct Seen<'t> {
    known: u32,
    other: Vec<&'t str>,
}

/// A `key = ` of a table.
enum Entry<'t> {
    /// One of the keys the program reads.
    Known(&'static str),
    /// Any other, and where it is.
    Other(&'t str, (u32, u32)),
}

/// The table a key of no meaning is found in.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Level {
    Creator,
    Channel,
}

/// What is said of a key of no meaning in a table of `level`. The same few keys (a column of the
/// user's own) come back in every table, and finding the nearest known key is the slow part, so
/// what was said of the last few is kept on each thread.
fn said_of_key(level: Level, key: &str) -> String {
    const KEPT: usize = 32;
    thread_local! {
        static SAID: RefCell<Vec<(Level, Box<str>, String)>> = const { RefCell::new(Vec::new()) };
    }
    SAID.with(|said| {
        if let Some((.., message)) = said
            .borrow()
            .iter()
            .find(|(l, k, _)| *l == level && **k == *key)
        {
            return message.clone();
        }
        let message = match level {
            Level::Creator => unknown_key(key, &CREATOR_KEYS, not_of_a_creator(key)),
            Level::Channel => unknown_key(key, &CHANNEL_KEYS, not_of_a_channel(key)),
        };
        let mut said = said.borrow_mut();
        if said.len() == KEPT {
            said.remove(0);
        }
        said.push((level, key.into(), message.clone()));
        message
    })
}

/// A warning the full reader gives too, with its line and column, to be said of the creator.
type Warning = ((u32, u32), String);

/// Text without the spaces around it, or `None` when nothing else is left: a required field
/// that is blank is not for this reader, an optional one is absent.
fn trimmed(text: &str) -> Option<CompactString> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| CompactString::from(trimmed))
}

impl<'t> Scan<'t> {
    /// The next `key = ` of a table whose keys are `keys`: which of them (`seen` has a bit for
    /// each read so far), or a key of no meaning here with where it is. `None` for a key
    /// written twice, which is not TOML.
    fn entry(&mut self, keys: &[&'static str], seen: &mut Seen<'t>) -> Option<Entry<'t>> {
        let at = self.at(self.pos);
        let key = self.key()?;
        let entry = match keys.iter().position(|k| *k == key) {
            Some(bit) if seen.known & (1 << bit) != 0 => return None,
            Some(bit) => {
                seen.known |= 1 << bit;
                Entry::Known(keys[bit])
            }
            None if seen.other.contains(&key) => return None,
            None => {
                seen.other.push(key);
                Entry::Other(key, at)
            }
        };
        self.spaces();
        self.literal("=")?;
        self.spaces();
        Some(entry)
    }

    /// A list (`[a, b]`, a comma after the last allowed), its items read by `item`, on one line
    /// or several, with comments between them.
    fn list<T>(&mut self, mut item: impl FnMut(&mut Self) -> Option<T>) -> Option<Vec<T>> {
        self.literal("[")?;
        let mut out = Vec::new();
        loop {
            self.blank()?;
            if self.literal("]").is_some() {
                return Some(out);
            }
            out.push(item(self)?);
            self.blank()?;
            if self.literal(",").is_none() {
                self.literal("]")?;
                return Some(out);
            }
        }
    }

    /// A list of strings, none of them blank, each trimmed.
    fn strings(&mut self) -> Option<Vec<CompactString>> {
        self.list(|s| trimmed(&s.string()?))
    }

    /// The value of a key the program does not read, passed over: a string, a number, a
    /// date, `true` or `false`, or a list of those. Anything else is left to the full reader.
    fn other_value(&mut self) -> Option<()> {
        if self.peek()? == b'[' {
            return self.list(Self::scalar).map(drop);
        }
        self.scalar()
    }

    fn scalar(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' | b'\'' => self.string().map(drop),
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            _ if self.ahead(4) == Some(b'-') => self.date().map(drop),
            _ => self.decimal().map(drop),
        }
    }

    /// A whole number from 0 to `max`.
    fn whole(&mut self, max: u64) -> Option<u64> {
        let n = number(self.digits()?)?;
        (n <= max).then_some(n)
    }

    /// A percent from 0 to 100.
    fn percent(&mut self) -> Option<f64> {
        let n = self.decimal()?;
        (n.is_finite() && (0.0..=100.0).contains(&n)).then_some(n)
    }

    /// A whole number, or a decimal one with digits on both sides of the point.
    fn decimal(&mut self) -> Option<f64> {
        let start = self.pos;
        let whole = self.digits()?;
        if self.literal(".").is_none() {
            return Some(number(whole)? as f64);
        }
        let after = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        if self.pos == after || whole.contains('_') {
            return None;
        }
        self.text[start..self.pos].parse::<f64>().ok()
    }

    /// A date written `2026-10-01`, with nothing after it on the line.
    fn date(&mut self) -> Option<Date> {
        let text = self.text.get(self.pos..self.pos + 10)?;
        let b = text.as_bytes();
        let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
        if !(digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10)) {
            return None;
        }
        self.pos += 10;
        Date::new(
            text[0..4].parse().ok()?,
            text[5..7].parse().ok()?,
            text[8..10].parse().ok()?,
        )
        .ok()
    }

    /// `channels`: a list of one-line inline tables, each a valid channel.
    fn channels(
        &mut self,
        handles_at: &mut Vec<(u32, u32)>,
        warnings: &mut Vec<Warning>,
    ) -> Option<Vec<Channel>> {
        self.list(|s| s.channel(handles_at, warnings))
    }

    fn channel(
        &mut self,
        handles_at: &mut Vec<(u32, u32)>,
        warnings: &mut Vec<Warning>,
    ) -> Option<Channel> {
        // Said in the full reader's order: the platform's, then the url's.
        let (mut platform_warning, mut url_warning) = (None, None);
        self.literal("{")?;
        let mut seen = Seen::default();
        let mut unknown = Vec::new();
        let (mut platform, mut handle) = (None, None);
        let mut ch = Channel {
            platform: Platform::Instagram,
            handle: CompactString::default(),
            followers: None,
            engagement: None,
            avg_views: None,
            url: None,
        };
        loop {
            self.spaces();
            match self.entry(&CHANNEL_KEYS, &mut seen)? {
                Entry::Other(key, at) => {
                    self.other_value()?;
                    unknown.push((at, said_of_key(Level::Channel, key)));
                }
                Entry::Known("platform") => {
                    let at = self.at(self.pos);
                    let name = self.string()?;
                    if name.trim().is_empty() {
                        return None;
                    }
                    let parsed = Platform::parse(&name);
                    if let Platform::Other(name) = &parsed {
                        platform_warning = Some((at, unknown_platform(name)));
                    }
                    platform = Some(parsed);
                }
                Entry::Known("handle") => {
                    handle = Some((self.at(self.pos), trimmed(&self.string()?)?))
                }
                Entry::Known("followers") => ch.followers = Some(self.whole(MAX_FOLLOWERS)?),
                Entry::Known("engagement") => ch.engagement = Some(self.percent()?),
                Entry::Known("avg_views") => ch.avg_views = Some(self.whole(MAX_AVG_VIEWS)?),
                Entry::Known("url") => {
                    let at = self.at(self.pos);
                    let url = trimmed(&self.string()?);
                    url_warning = url.as_deref().and_then(url_problem).map(|m| (at, m));
                    ch.url = url.map(String::from);
                }
                Entry::Known(_) => return None,
            }
            self.spaces();
            if self.literal(",").is_none() {
                self.literal("}")?;
                break;
            }
        }
        let (at, handle) = handle?;
        ch.platform = platform?;
        ch.handle = handle;
        handles_at.push(at);
        warnings.extend(platform_warning);
        warnings.extend(url_warning);
        warnings.extend(unknown);
        Some(ch)
    }
}
