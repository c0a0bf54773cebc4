//! A fast reader for the usual shape of a `[[creator]]` table: the shape the program writes and
//! most people keep — `key = value` lines of known keys, comments, strings (multi-line too),
//! whole and decimal numbers, dates, one-line lists of strings, and `channels` as a list of
//! one-line inline tables.
//!
//! It reads the text once, without building a document, and gives a [`Piece`] only for a valid
//! table: anything it does not follow (a line-ending backslash, a dotted or quoted key, an
//! unknown key, a number written in hex) and anything the full reader would refuse or warn about
//! (a blank name, an unknown kind, a rate out of range) gives `None`, and the caller reads the
//! table with the `toml` crate and [`super::read`] as before. The two warnings a channel often
//! earns — a platform the program does not know, kept as written, and a url without `https://`
//! — it gives itself, in the full reader's words. So the messages stay the full reader's, and a
//! table this reader accepts gives the very same piece (property-tested against the full reader
//! in `scan/tests/properties.rs`).

use compact_str::CompactString;
use jiff::civil::Date;

use super::read::{CHANNEL_KEYS, CREATOR_KEYS, Piece, url_problem};
use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, currency_problem,
    email_problem, id_problem,
};
use crate::store::diagnostic::{Located, Severity};
use crate::store::fields::unknown_platform;

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
    let mut seen = 0u32;
    let mut id_at = None;
    let mut handles_at = Vec::new();
    let mut warnings = Vec::new();
    loop {
        s.blank_lines()?;
        if s.done() {
            break;
        }
        s.spaces();
        match s.entry(&CREATOR_KEYS, &mut seen)? {
            "id" => {
                id_at = Some(s.at(s.pos));
                let id = s.string()?;
                if id.trim().is_empty() || id_problem(&id).is_some() {
                    return None;
                }
                c.id = CompactString::from(id);
            }
            "name" => c.name = trimmed(&s.string()?)?,
            "aliases" => c.aliases = s.strings()?,
            "email" => c.email = email(&s.string()?)?,
            "niches" => c.niches = s.strings()?,
            "location" => c.location = trimmed(&s.string()?),
            "languages" => c.languages = s.strings()?,
            "kind" => c.kind = Some(Kind::parse(&s.string()?)?),
            "fake_followers" => c.fake_followers = Some(s.percent()?),
            "vetted_on" => c.vetted_on = Some(s.date()?),
            "rate" => c.rate = Some(s.whole(MAX_RATE)?),
            "currency" => {
                let code = s.string()?.trim().to_uppercase();
                if currency_problem(&code).is_some() {
                    return None;
                }
                c.currency = Some(CompactString::from(code));
            }
            "notes" => {
                let notes = s.string()?.trim_end().replace("\r\n", "\n");
                c.notes = (!notes.is_empty()).then_some(notes);
            }
            "channels" => c.channels = s.channels(&mut handles_at, &mut warnings)?,
            _ => return None,
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

/// A warning the full reader gives too, with its line and column, to be said of the creator.
type Warning = ((u32, u32), String);

/// Text without the spaces around it, or `None` when nothing else is left: a required field
/// that is blank is not for this reader, an optional one is absent.
fn trimmed(text: &str) -> Option<CompactString> {
    let trimmed = text.trim();
    (!trimmed.is_empty()).then(|| CompactString::from(trimmed))
}

/// A blank email is no email; a malformed one is not for this reader.
fn email(text: &str) -> Option<Option<CompactString>> {
    let address = text.trim();
    if address.is_empty() {
        return Some(None);
    }
    email_problem(address)
        .is_none()
        .then(|| Some(CompactString::from(address)))
}

impl Scan<'_> {
    /// The key of the next `key = ` of a table whose keys are `keys`, each once (`seen` has a
    /// bit for each read so far); `None` for any other key or one written twice.
    fn entry(&mut self, keys: &[&'static str], seen: &mut u32) -> Option<&'static str> {
        let key = self.key()?;
        let bit = keys.iter().position(|k| *k == key)?;
        if *seen & (1 << bit) != 0 {
            return None;
        }
        *seen |= 1 << bit;
        self.spaces();
        self.literal("=")?;
        self.spaces();
        Some(keys[bit])
    }

    /// A one-line list of strings, none of them blank, each trimmed.
    fn strings(&mut self) -> Option<Vec<CompactString>> {
        self.literal("[")?;
        let mut out = Vec::new();
        loop {
            self.spaces();
            if self.literal("]").is_some() {
                return Some(out);
            }
            out.push(trimmed(&self.string()?)?);
            self.spaces();
            if self.literal(",").is_none() {
                self.spaces();
                self.literal("]")?;
                return Some(out);
            }
        }
    }

    /// A whole number from 0 to `max`.
    fn whole(&mut self, max: u64) -> Option<u64> {
        let n = number(self.digits()?)?;
        (n <= max).then_some(n)
    }

    /// A percent: a whole number, or a decimal one with digits on both sides of the point.
    fn percent(&mut self) -> Option<f64> {
        let start = self.pos;
        let whole = self.digits()?;
        let n = if self.literal(".").is_some() {
            let after = self.pos;
            while matches!(self.peek(), Some(b'0'..=b'9')) {
                self.pos += 1;
            }
            if self.pos == after || whole.contains('_') {
                return None;
            }
            self.text[start..self.pos].parse::<f64>().ok()?
        } else {
            number(whole)? as f64
        };
        (n.is_finite() && (0.0..=100.0).contains(&n)).then_some(n)
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
        self.literal("[")?;
        let mut out = Vec::new();
        loop {
            self.blank()?;
            if self.literal("]").is_some() {
                return Some(out);
            }
            out.push(self.channel(handles_at, warnings)?);
            self.blank()?;
            if self.literal(",").is_none() {
                self.literal("]")?;
                return Some(out);
            }
        }
    }

    fn channel(
        &mut self,
        handles_at: &mut Vec<(u32, u32)>,
        warnings: &mut Vec<Warning>,
    ) -> Option<Channel> {
        // Said in the full reader's order: the platform's, then the url's.
        let (mut platform_warning, mut url_warning) = (None, None);
        self.literal("{")?;
        let mut seen = 0u32;
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
                "platform" => {
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
                "handle" => handle = Some((self.at(self.pos), trimmed(&self.string()?)?)),
                "followers" => ch.followers = Some(self.whole(MAX_FOLLOWERS)?),
                "engagement" => ch.engagement = Some(self.percent()?),
                "avg_views" => ch.avg_views = Some(self.whole(MAX_AVG_VIEWS)?),
                "url" => {
                    let at = self.at(self.pos);
                    let url = trimmed(&self.string()?);
                    url_warning = url.as_deref().and_then(url_problem).map(|m| (at, m));
                    ch.url = url.map(String::from);
                }
                _ => return None,
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
        Some(ch)
    }
}
