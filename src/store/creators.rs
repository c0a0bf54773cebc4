//! Loading `creators.toml`: every problem in the file is found in one pass and located, and the
//! creators without errors are loaded so that the rest of the program can still work.

use std::collections::HashMap;
use std::ops::Range;

use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, Report};
use super::fields::{Fields, Value, nearest};
use super::text::decode;
use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, currency_problem,
    email_problem, id_problem,
};

/// The keys a `[[creator]]` table may hold.
pub const CREATOR_KEYS: &[&str] = &[
    "id",
    "name",
    "aliases",
    "email",
    "niches",
    "location",
    "languages",
    "kind",
    "fake_followers",
    "vetted_on",
    "rate",
    "currency",
    "notes",
    "channels",
];

/// The keys a channel table may hold.
pub const CHANNEL_KEYS: &[&str] = &[
    "platform",
    "handle",
    "followers",
    "engagement",
    "avg_views",
    "url",
];

/// The creators that loaded, in file order, with a lookup by id.
#[derive(Clone, Debug, Default)]
pub struct Database {
    pub creators: Vec<Creator>,
    by_id: HashMap<String, usize>,
}

impl Database {
    /// Builds the lookup for creators whose ids are already known to be unique.
    pub fn new(creators: Vec<Creator>) -> Database {
        let by_id = creators
            .iter()
            .enumerate()
            .map(|(i, c)| (c.id.clone(), i))
            .collect();
        Database { creators, by_id }
    }

    /// The creator with this id.
    pub fn get(&self, id: &str) -> Option<&Creator> {
        self.by_id.get(id).map(|&i| &self.creators[i])
    }

    /// Every id, for "did you mean" suggestions.
    pub fn ids(&self) -> impl Iterator<Item = &str> {
        self.creators.iter().map(|c| c.id.as_str())
    }
}

/// What reading the database produced: the creators without errors, every problem found, and
/// how many creators were left out because of errors.
#[derive(Debug, Default)]
pub struct LoadedCreators {
    pub database: Database,
    pub diagnostics: Vec<Diagnostic>,
    pub rejected: usize,
}

impl LoadedCreators {
    /// True when any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// Reads a creator database from the bytes of a file shown to the user as `file`.
pub fn parse_creators(file: &str, bytes: &[u8]) -> LoadedCreators {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(diagnostic) => {
            return LoadedCreators {
                diagnostics: vec![diagnostic],
                ..LoadedCreators::default()
            };
        }
    };
    let mut report = Report::new(file, text);
    let (root, syntax_errors) = DeTable::parse_recoverable(text);
    let mut broken = Vec::new();
    let mut last_line = 0;
    for error in &syntax_errors {
        let span = error.span().unwrap_or(0..0);
        broken.push(span.start);
        // One message a line: the parser's follow-on complaints about the same line add nothing.
        let line = report.line(span.start);
        if line != last_line {
            report.error(&span, None, format!("invalid TOML: {}", error.message()));
            last_line = line;
        }
    }

    let root_span = root.span();
    let root = root.into_inner();
    let mut fields = Fields::new(&root, root_span.start..root_span.start, &mut report);
    fields.unknown_keys(&["creator"], |_| None);
    let mut loader = Loader::default();
    if let Some(list) = root.get("creator") {
        read_list(list, text.len(), &broken, &mut report, &mut loader);
    }
    let rejected = loader.rejected;
    LoadedCreators {
        database: Database::new(loader.creators),
        diagnostics: report.finish(),
        rejected,
    }
}

#[derive(Default)]
struct Loader {
    creators: Vec<Creator>,
    rejected: usize,
    /// Line of the first creator with each id.
    ids: HashMap<String, u32>,
    /// (platform, handle) → (creator id, line), handles compared without `@` and case.
    handles: HashMap<(String, String), (String, u32)>,
}

fn read_list(
    list: &Value<'_>,
    text_len: usize,
    broken: &[usize],
    report: &mut Report<'_>,
    loader: &mut Loader,
) {
    let DeValue::Array(items) = list.get_ref() else {
        report.error(
            &list.span(),
            None,
            "\"creator\" must be a list of tables: write each creator under [[creator]]".into(),
        );
        return;
    };
    for (i, item) in items.iter().enumerate() {
        let start = item.span().start;
        let end = items.get(i + 1).map_or(text_len, |next| next.span().start);
        if broken.iter().any(|&b| b >= start && b < end) {
            // Already reported as a syntax error; what the parser recovered is not trustworthy.
            loader.rejected += 1;
            continue;
        }
        let DeValue::Table(table) = item.get_ref() else {
            report.error(
                &item.span(),
                None,
                format!(
                    "each creator must be a table, found {}",
                    super::fields::describe(item.get_ref())
                ),
            );
            loader.rejected += 1;
            continue;
        };
        let errors_before = report.error_count();
        let creator = read_creator(table, item.span(), i + 1, report, loader);
        match creator {
            Some(c) if report.error_count() == errors_before => loader.creators.push(c),
            _ => loader.rejected += 1,
        }
    }
}

fn read_creator(
    table: &DeTable<'_>,
    at: Range<usize>,
    ordinal: usize,
    report: &mut Report<'_>,
    loader: &mut Loader,
) -> Option<Creator> {
    let line = report.line(at.start);
    let mut f = Fields::new(table, at, report);
    f.set_subject(Some(format!("creator #{ordinal}")));
    let id = f.non_blank("id", true);
    if let Some(id) = &id {
        f.set_subject(Some(format!("creator {}", id.get_ref().escape_debug())));
    }
    let id = id.and_then(|id| {
        if let Some(problem) = id_problem(id.get_ref()) {
            f.error(&id.span(), problem);
        }
        match loader.ids.get(*id.get_ref()) {
            Some(first) => {
                let message = format!(
                    "duplicate id \"{}\" (first used at line {first})",
                    id.get_ref()
                );
                f.error(&id.span(), message);
                None
            }
            None => {
                loader.ids.insert(id.get_ref().to_string(), line);
                Some(id.get_ref().to_string())
            }
        }
    });
    let name = f
        .non_blank("name", true)
        .map(|n| n.get_ref().trim().to_string());
    let aliases = f.texts("aliases");
    let email = f.text("email", false).and_then(|e| {
        let address = e.get_ref().trim();
        if address.is_empty() {
            return None;
        }
        match email_problem(address) {
            Some(problem) => {
                let message = format!("malformed email \"{}\": {problem}", address.escape_debug());
                f.error(&e.span(), message);
                None
            }
            None => Some(address.to_string()),
        }
    });
    let niches = f.texts("niches");
    let location = f.optional_text("location");
    let languages = f.texts("languages");
    let kind = read_kind(&mut f);
    let fake_followers = f.percent("fake_followers");
    let vetted_on = f.date("vetted_on");
    let rate = f.whole("rate", false, MAX_RATE);
    let currency = f.text("currency", false).and_then(|c| {
        let code = c.get_ref().trim().to_uppercase();
        match currency_problem(&code) {
            Some(problem) => {
                f.error(&c.span(), problem);
                None
            }
            None => Some(code),
        }
    });
    // A file saved on Windows has CRLF inside multi-line strings too.
    let notes = f
        .text("notes", false)
        .map(|n| n.get_ref().trim_end().replace("\r\n", "\n"))
        .filter(|n| !n.is_empty());
    let channels = read_channels(&mut f, id.as_deref(), line, loader);
    f.unknown_keys(CREATOR_KEYS, |key| {
        (CHANNEL_KEYS.contains(&key) || nearest(key, CHANNEL_KEYS.iter().copied()).is_some())
            .then(|| "channel fields go inside channels = [{ platform = …, … }]".to_string())
    });
    Some(Creator {
        id: id?,
        name: name?,
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
        channels: channels?,
        line,
    })
}

fn read_kind(f: &mut Fields<'_, '_, '_, '_>) -> Option<Kind> {
    let text = f.text("kind", false)?;
    let kind = Kind::parse(text.get_ref());
    if kind.is_none() {
        let names = Kind::ALL.map(Kind::name);
        let mut message = format!(
            "unknown kind \"{}\" (expected kol, koc, kos or celebrity)",
            text.get_ref().escape_debug()
        );
        if let Some(near) = nearest(text.get_ref(), names) {
            message = format!(
                "unknown kind \"{}\" (did you mean \"{near}\"?)",
                text.get_ref()
            );
        }
        f.error(&text.span(), message);
    }
    kind
}

fn read_channels(
    f: &mut Fields<'_, '_, '_, '_>,
    id: Option<&str>,
    line: u32,
    loader: &mut Loader,
) -> Option<Vec<Channel>> {
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
                super::fields::describe(item.get_ref())
            );
            f.error(&item.span(), message);
            complete = false;
            continue;
        };
        let mut c = Fields::new(table, item.span(), f.report());
        c.set_subject(subject.clone());
        match read_channel(&mut c, id, line, loader) {
            Some(channel) => channels.push(channel),
            None => complete = false,
        }
    }
    complete.then_some(channels)
}

fn read_channel(
    c: &mut Fields<'_, '_, '_, '_>,
    id: Option<&str>,
    line: u32,
    loader: &mut Loader,
) -> Option<Channel> {
    let platform = c.non_blank("platform", true).map(|p| {
        let platform = Platform::parse(p.get_ref());
        if let Platform::Other(name) = &platform {
            let known = Platform::KNOWN.each_ref().map(|k| k.name());
            let message = match nearest(name, known) {
                Some(near) => format!(
                    "unknown platform \"{name}\" (did you mean \"{near}\"?); kept as written"
                ),
                None => format!(
                    "unknown platform \"{name}\", kept as written (known: {})",
                    known.join(", ")
                ),
            };
            c.warning(&p.span(), message);
        }
        platform
    });
    let handle = c.non_blank("handle", true);
    let followers = c.whole("followers", false, MAX_FOLLOWERS);
    let engagement = c.percent("engagement");
    let avg_views = c.whole("avg_views", false, MAX_AVG_VIEWS);
    let url = c.optional_text("url");
    if let (Some(url), Some(span)) = (&url, c.get("url").map(|v| v.span()))
        && !url.starts_with("https://")
        && !url.starts_with("http://")
    {
        c.warning(
            &span,
            format!("url \"{}\" should start with https://", url.escape_debug()),
        );
    }
    c.unknown_keys(CHANNEL_KEYS, |_| None);
    let (platform, handle) = (platform?, handle?);
    let key = (
        platform.name().to_lowercase(),
        handle
            .get_ref()
            .trim()
            .trim_start_matches('@')
            .to_lowercase(),
    );
    if let Some((owner, owner_line)) = loader.handles.get(&key) {
        let message = if Some(owner.as_str()) == id && *owner_line == line {
            format!(
                "{} handle \"{}\" is listed twice",
                platform,
                handle.get_ref()
            )
        } else {
            format!(
                "{} handle \"{}\" is already on creator {owner} (line {owner_line})",
                platform,
                handle.get_ref()
            )
        };
        c.error(&handle.span(), message);
        return None;
    }
    if let Some(id) = id {
        loader.handles.insert(key, (id.to_string(), line));
    }
    Some(Channel {
        platform,
        handle: handle.get_ref().trim().to_string(),
        followers,
        engagement,
        avg_views,
        url,
    })
}
