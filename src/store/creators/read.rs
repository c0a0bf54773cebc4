//! Reading one `[[creator]]` table into a [`Piece`]: the creator (when it is usable), its own
//! problems, and what the cross-creator checks need. A piece depends only on its own text, so
//! pieces can be read in parallel and cached by content.

use std::ops::Range;

use compact_str::{CompactString, ToCompactString};
use serde::{Deserialize, Serialize};
use toml::de::{DeTable, DeValue};

use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, email_problem,
    id_problem,
};
use crate::store::diagnostic::{LineIndex, Located, Report};
use crate::store::fields::{Fields, describe, nearest};

pub use crate::model::fields::{CHANNEL_KEYS, CREATOR_KEYS};

/// What reading one creator table gives, with lines counted within the text it was read from.
/// Kept small, since a cache holds one per creator.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Piece {
    /// Line of the table's header.
    pub line: u32,
    /// The creator, when every required field could be read (it may still have errors).
    pub creator: Option<Creator>,
    pub errors: bool,
    pub problems: Vec<Located>,
    /// Line and column of the id.
    pub id_at: Option<(u32, u32)>,
    /// Line and column of each handle, in channel order.
    pub handles_at: Vec<(u32, u32)>,
    /// What the cross-creator checks need when no creator could be built (otherwise it comes
    /// from the creator).
    pub loose: Option<Box<Loose>>,
}

/// The id and handles of a table that did not make a creator, and its place in the file.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub(crate) struct Loose {
    pub ordinal: u32,
    pub id: Option<CompactString>,
    pub handles: Vec<(Platform, CompactString)>,
}

impl Piece {
    /// The creator's id, if one was written.
    pub fn id(&self) -> Option<&str> {
        match (&self.creator, &self.loose) {
            (Some(c), _) => Some(&c.id),
            (None, Some(l)) => l.id.as_deref(),
            (None, None) => None,
        }
    }

    /// What messages say this creator is: `creator sarsa`, or `creator #3` without an id.
    pub fn subject(&self) -> String {
        match (self.id(), &self.loose) {
            (Some(id), _) => format!("creator {}", id.escape_debug()),
            (None, Some(l)) => format!("creator #{}", l.ordinal),
            (None, None) => "creator".to_string(),
        }
    }

    /// Each channel's platform and handle as written, with where the handle is.
    pub fn handles(&self) -> Vec<(&Platform, &str, (u32, u32))> {
        let pairs: Vec<(&Platform, &str)> = match (&self.creator, &self.loose) {
            (Some(c), _) => c
                .channels
                .iter()
                .map(|ch| (&ch.platform, ch.handle.as_str()))
                .collect(),
            (None, Some(l)) => l.handles.iter().map(|(p, h)| (p, h.as_str())).collect(),
            (None, None) => Vec::new(),
        };
        pairs
            .into_iter()
            .zip(self.handles_at.iter().copied())
            .map(|((p, h), at)| (p, h, at))
            .collect()
    }
}

/// Reads the creator table `table`, whose header is at `at` in `text`; `ordinal` names it when
/// it has no id.
pub(crate) fn read_creator(
    table: &DeTable<'_>,
    at: Range<usize>,
    ordinal: usize,
    text: &str,
    index: &LineIndex,
) -> Piece {
    let mut report = Report::new(text, index);
    let mut piece = read(table, at, ordinal, &mut report);
    piece.errors = report.error_count() > 0;
    piece.problems = report.into_problems();
    piece
}

fn read(table: &DeTable<'_>, at: Range<usize>, ordinal: usize, report: &mut Report<'_>) -> Piece {
    let line = report.line(at.start);
    let mut keys = Keys::default();
    let mut id_at = None;
    let mut f = Fields::new(table, at, report);
    f.set_subject(Some(format!("creator #{ordinal}")));
    let id = f.non_blank("id", true);
    if let Some(id) = &id {
        f.set_subject(Some(format!("creator {}", id.get_ref().escape_debug())));
        if let Some(problem) = id_problem(id.get_ref()) {
            f.error(&id.span(), problem);
        }
        id_at = Some(f.report().locate(id.span().start));
    }
    let name = f
        .non_blank("name", true)
        .map(|n| n.get_ref().trim().to_compact_string());
    let aliases = f.texts("aliases");
    let email = read_email(&mut f);
    let niches = f.texts("niches");
    let location = f.optional_text("location");
    let languages = f.texts("languages");
    let kind = read_kind(&mut f);
    let fake_followers = f.percent("fake_followers");
    let vetted_on = f.date("vetted_on");
    let rate = f.whole("rate", false, MAX_RATE);
    let currency = f.currency("currency");
    // A file saved on Windows has CRLF inside multi-line strings too.
    let notes = f
        .text("notes", false)
        .map(|n| n.get_ref().trim_end().replace("\r\n", "\n"))
        .filter(|n| !n.is_empty());
    let channels = read_channels(&mut f, &mut keys);
    f.unknown_keys(&CREATOR_KEYS, not_of_a_creator);
    let id_text = id.as_ref().map(|id| id.get_ref().to_compact_string());
    let creator = match (id, name, channels) {
        (Some(id), Some(name), Some(channels)) => Some(Creator {
            id: id.get_ref().to_compact_string(),
            name,
            aliases,
            email,
            niches,
            location,
            languages,
            kind,
            fake_followers,
            vetted_on,
            rate,
            currency,
            notes,
            channels,
            line,
        }),
        _ => None,
    };
    let loose = creator.is_none().then(|| {
        Box::new(Loose {
            ordinal: u32::try_from(ordinal).unwrap_or(u32::MAX),
            id: id_text,
            handles: keys.handles,
        })
    });
    Piece {
        line,
        creator,
        errors: false,
        problems: Vec::new(),
        id_at,
        handles_at: keys.at,
        loose,
    }
}

/// The channels' keys as they are read, kept for a table that does not make a creator.
#[derive(Default)]
struct Keys {
    handles: Vec<(Platform, CompactString)>,
    at: Vec<(u32, u32)>,
}

fn read_email(f: &mut Fields<'_, '_, '_, '_>) -> Option<CompactString> {
    let e = f.text("email", false)?;
    match email_address(e.get_ref()) {
        Ok(address) => address.map(CompactString::from),
        Err(message) => {
            f.error(&e.span(), message);
            None
        }
    }
}

/// The address an `email` field holds (`None` when it is blank), or what is wrong with it.
pub(super) fn email_address(text: &str) -> Result<Option<&str>, String> {
    let address = text.trim();
    if address.is_empty() {
        return Ok(None);
    }
    match email_problem(address) {
        Some(problem) => Err(format!(
            "malformed email \"{}\": {problem}",
            address.escape_debug()
        )),
        None => Ok(Some(address)),
    }
}

fn read_kind(f: &mut Fields<'_, '_, '_, '_>) -> Option<Kind> {
    let text = f.text("kind", false)?;
    let kind = Kind::parse(text.get_ref());
    if kind.is_none() {
        let names = Kind::ALL.map(Kind::name);
        let message = match nearest(text.get_ref(), names) {
            Some(near) => format!(
                "unknown kind \"{}\" (did you mean \"{near}\"?)",
                text.get_ref().escape_debug()
            ),
            None => format!(
                "unknown kind \"{}\" (expected kol, koc, kos or celebrity)",
                text.get_ref().escape_debug()
            ),
        };
        f.error(&text.span(), message);
    }
    kind
}

fn read_channels(f: &mut Fields<'_, '_, '_, '_>, keys: &mut Keys) -> Option<Vec<Channel>> {
    let list = f.tables("channels", true)?;
    if list.is_empty() {
        let span = f.get("channels").map_or(f.at(), |v| v.span());
        f.error(
            &span,
            "no channels: add at least one, like { platform = \"instagram\", handle = \"…\", followers = 12_000 }".into(),
        );
        return None;
    }
    let subject = f.subject().map(str::to_string);
    let mut channels = Vec::with_capacity(list.len());
    let mut complete = true;
    for item in list.iter() {
        let DeValue::Table(table) = item.get_ref() else {
            let message = format!(
                "each channel must be a table like {{ platform = \"instagram\", handle = \"…\" }}, found {}",
                describe(item.get_ref())
            );
            f.error(&item.span(), message);
            complete = false;
            continue;
        };
        let mut c = Fields::new(table, item.span(), f.report());
        c.set_subject(subject.clone());
        match read_channel(&mut c, keys) {
            Some(channel) => channels.push(channel),
            None => complete = false,
        }
    }
    complete.then_some(channels)
}

fn read_channel(c: &mut Fields<'_, '_, '_, '_>, keys: &mut Keys) -> Option<Channel> {
    let platform = c.platform("platform", true);
    let handle = c.non_blank("handle", true);
    let followers = c.whole("followers", false, MAX_FOLLOWERS);
    let engagement = c.percent("engagement");
    let avg_views = c.whole("avg_views", false, MAX_AVG_VIEWS);
    let url = c.optional_text("url").map(String::from);
    if let (Some(message), Some(span)) = (
        url.as_deref().and_then(url_problem),
        c.get("url").map(|v| v.span()),
    ) {
        c.warning(&span, message);
    }
    c.unknown_keys(&CHANNEL_KEYS, not_of_a_channel);
    let (platform, handle) = (platform?, handle?);
    let written = handle.get_ref().trim();
    keys.at.push(c.report().locate(handle.span().start));
    keys.handles
        .push((platform.clone(), written.to_compact_string()));
    Some(Channel {
        platform,
        handle: written.to_compact_string(),
        followers,
        engagement,
        avg_views,
        url,
    })
}

/// Where an unknown key of a creator table belongs, when it is (or is a typo of) a channel's.
pub(super) fn not_of_a_creator(key: &str) -> Option<String> {
    elsewhere(
        key,
        &CREATOR_KEYS,
        &CHANNEL_KEYS,
        "inside a channel: channels = [{ platform = …, … }]",
    )
}

/// Where an unknown key of a channel belongs, when it is (or is a typo of) a creator's.
pub(super) fn not_of_a_channel(key: &str) -> Option<String> {
    elsewhere(
        key,
        &CHANNEL_KEYS,
        &CREATOR_KEYS,
        "to the creator, not to a channel",
    )
}

/// What is said of a channel's url (written, trimmed) that is not a web address.
pub(super) fn url_problem(url: &str) -> Option<String> {
    (!url.starts_with("https://") && !url.starts_with("http://"))
        .then(|| format!("url \"{}\" should start with https://", url.escape_debug()))
}

/// What to say of an unknown `key` of a table whose keys are `here` when it is (or is a typo
/// of) a key of another level, `there`: "did you mean \"followers\"? it belongs inside a
/// channel".
pub(crate) fn elsewhere(key: &str, here: &[&str], there: &[&str], place: &str) -> Option<String> {
    elsewhere_among(key, here, &[(there, place)])
}

/// Like [`elsewhere`], with several other levels, each with its keys and where it is: a key
/// that is exactly one of theirs is placed first (the first level that has it), then a typo of
/// one (unless it is nearer a key of `here`, which the caller suggests).
pub(crate) fn elsewhere_among(
    key: &str,
    here: &[&str],
    others: &[(&[&str], &str)],
) -> Option<String> {
    if let Some((_, place)) = others.iter().find(|(keys, _)| keys.contains(&key)) {
        return Some(format!("it belongs {place}"));
    }
    if nearest(key, here.iter().copied()).is_some() {
        return None;
    }
    let near = nearest(
        key,
        others.iter().flat_map(|(keys, _)| keys.iter().copied()),
    )?;
    let (_, place) = others.iter().find(|(keys, _)| keys.contains(&near))?;
    Some(format!("did you mean \"{near}\"? it belongs {place}"))
}
