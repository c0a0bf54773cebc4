//! From spreadsheet rows to changes to the database: each row is read into a creator (one
//! channel per row, or channel groups), then joined to the creator it is — the same id, one of
//! their channels, their email, or their handle on another platform — or added as a new one.
//! Exact repeats collapse; a row that only shares a name with someone is left for the user to
//! decide.

use std::collections::HashMap;

use super::sheet::{ChannelField, Field, Sheet};
use super::values;
use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, email_problem,
    id_problem, suggest_id,
};

/// What became of one row.
#[derive(Clone, Debug, PartialEq)]
pub enum Outcome {
    /// A new creator with this id; `about` says who, as the row gave them.
    New {
        id: String,
        about: String,
    },
    /// Joined this creator, changing what is listed; `notes` are values of the sheet that
    /// differ from what the database says and were not taken.
    Updated {
        id: String,
        changes: Vec<String>,
        notes: Vec<String>,
    },
    /// Joined this creator and changed nothing.
    Unchanged {
        id: String,
        notes: Vec<String>,
    },
    /// The same cells as an earlier row.
    Duplicate {
        line: u64,
    },
    /// Maybe someone already there: not imported, for the user to decide.
    Decide {
        message: String,
    },
    Failed {
        reason: String,
    },
}

/// A row's line and what became of it.
#[derive(Clone, Debug, PartialEq)]
pub struct RowReport {
    pub line: u64,
    pub outcome: Outcome,
}

/// The creators as they will be, and what each row did.
#[derive(Debug)]
pub struct Plan {
    /// The database's creators with the rows joined, then the new ones.
    pub creators: Vec<Creator>,
    /// How many of `creators` were in the database before.
    pub existing: usize,
    /// Those of them that rows changed, as they were before.
    pub originals: std::collections::BTreeMap<usize, Creator>,
    pub rows: Vec<RowReport>,
}

impl Plan {
    /// How many rows had each outcome: new, updated, unchanged, duplicate, to decide, failed.
    pub fn counts(&self) -> [usize; 6] {
        let mut counts = [0; 6];
        for r in &self.rows {
            counts[match r.outcome {
                Outcome::New { .. } => 0,
                Outcome::Updated { .. } => 1,
                Outcome::Unchanged { .. } => 2,
                Outcome::Duplicate { .. } => 3,
                Outcome::Decide { .. } => 4,
                Outcome::Failed { .. } => 5,
            }] += 1;
        }
        counts
    }
}

/// One row, read.
#[derive(Debug, Default)]
struct Incoming {
    id: Option<String>,
    creator: Creator,
    /// The currency a fee was written with.
    currency: Option<String>,
}

/// Which columns hold engagement as fractions (`0.045` for 4.5 %): those whose every number
/// written without `%` is below 1. A column with any larger number holds percents.
fn fraction_columns(sheet: &Sheet) -> Vec<bool> {
    sheet
        .columns
        .iter()
        .enumerate()
        .map(|(i, field)| {
            let engagement = matches!(
                field,
                Field::Engagement
                    | Field::Channel {
                        field: ChannelField::Engagement,
                        ..
                    }
            );
            if !engagement {
                return false;
            }
            let numbers: Vec<f64> = sheet
                .rows
                .iter()
                .filter_map(|(_, cells)| cells.get(i))
                .map(|c| c.trim())
                .filter(|c| !c.is_empty() && !c.ends_with(['%', '％']))
                .filter_map(|c| c.replace(',', ".").parse::<f64>().ok())
                .collect();
            numbers.iter().any(|n| *n > 0.0) && numbers.iter().all(|n| *n < 1.0)
        })
        .collect()
}

/// Reads the cells of one row into a creator, or says what is wrong with it; `fractions`
/// marks the engagement columns written as fractions.
fn read_row(
    sheet: &Sheet,
    cells: &csv::StringRecord,
    fractions: &[bool],
) -> Result<Incoming, String> {
    let mut problems: Vec<String> = Vec::new();
    let mut row = Incoming::default();
    let mut platform: Option<Platform> = None;
    let mut platform_text = String::new();
    let mut single = Channel {
        platform: Platform::Other(String::new()),
        handle: "".into(),
        followers: None,
        engagement: None,
        avg_views: None,
        url: None,
    };
    let mut handle = String::new();
    let mut groups: Vec<((Platform, usize), Channel)> = Vec::new();
    for ((field, raw), fraction) in sheet.columns.iter().zip(cells).zip(fractions) {
        let text = values::cell(raw);
        let percent = |t: &str| values::percent(t, *fraction);
        if text.is_empty() {
            continue;
        }
        let mut check = |result: Result<(), String>| {
            if let Err(e) = result {
                problems.push(e);
            }
        };
        match field {
            Field::Ignored(_) => {}
            Field::Id => row.id = Some(text.to_string()),
            Field::Name => row.creator.name = text.into(),
            Field::Aliases => {
                row.creator.aliases = values::list(text).into_iter().map(Into::into).collect()
            }
            Field::Email => row.creator.email = Some(text.into()),
            Field::Niches => {
                row.creator.niches = values::list(text)
                    .into_iter()
                    .map(|n| n.to_lowercase().into())
                    .collect()
            }
            Field::Location => row.creator.location = Some(text.into()),
            Field::Languages => {
                row.creator.languages = values::list(text).into_iter().map(Into::into).collect()
            }
            Field::Kind => check(match Kind::parse(text) {
                Some(k) => {
                    row.creator.kind = Some(k);
                    Ok(())
                }
                None => Err(format!(
                    "unknown kind \"{text}\" (kinds: {})",
                    Kind::ALL.map(Kind::name).join(", ")
                )),
            }),
            Field::Rate => check(values::money(text).and_then(|(v, c)| {
                if v > MAX_RATE {
                    return Err(format!("rate \"{text}\" is implausibly large"));
                }
                row.creator.rate = Some(v);
                row.currency = c.map(str::to_string);
                Ok(())
            })),
            Field::Currency => row.creator.currency = Some(text.to_uppercase().into()),
            Field::Notes => row.creator.notes = Some(text.to_string()),
            Field::FakeFollowers => check(values::percent(text, false).map(|p| {
                row.creator.fake_followers = Some(p);
            })),
            Field::VettedOn => check(match text.parse::<jiff::civil::Date>() {
                Ok(d) => {
                    row.creator.vetted_on = Some(d);
                    Ok(())
                }
                Err(_) => Err(format!(
                    "vetted_on \"{text}\" is not a date like 2026-10-01"
                )),
            }),
            Field::Platform => {
                platform_text = text.to_string();
                platform = Platform::known(text);
            }
            Field::Handle => handle = text.to_string(),
            Field::Followers => check(count(text, "followers", MAX_FOLLOWERS).map(|v| {
                single.followers = Some(v);
            })),
            Field::Engagement => check(percent(text).map(|v| {
                single.engagement = Some(v);
            })),
            Field::AvgViews => check(count(text, "avg_views", MAX_AVG_VIEWS).map(|v| {
                single.avg_views = Some(v);
            })),
            Field::Url => single.url = Some(text.to_string()),
            Field::Channel {
                platform,
                nth,
                field,
            } => {
                let key = (platform.clone(), *nth);
                let at = match groups.iter().position(|(k, _)| *k == key) {
                    Some(at) => at,
                    None => {
                        groups.push((
                            key,
                            Channel {
                                platform: platform.clone(),
                                handle: "".into(),
                                followers: None,
                                engagement: None,
                                avg_views: None,
                                url: None,
                            },
                        ));
                        groups.len() - 1
                    }
                };
                let channel = &mut groups[at].1;
                match field {
                    ChannelField::Handle => channel.handle = text.into(),
                    ChannelField::Followers => {
                        check(count(text, "followers", MAX_FOLLOWERS).map(|v| {
                            channel.followers = Some(v);
                        }))
                    }
                    ChannelField::Engagement => check(percent(text).map(|v| {
                        channel.engagement = Some(v);
                    })),
                    ChannelField::AvgViews => {
                        check(count(text, "avg_views", MAX_AVG_VIEWS).map(|v| {
                            channel.avg_views = Some(v);
                        }))
                    }
                    ChannelField::Url => channel.url = Some(text.to_string()),
                }
            }
        }
    }
    if let Some(email) = &row.creator.email
        && let Some(problem) = email_problem(email)
    {
        problems.push(format!("malformed email \"{email}\": {problem}"));
    }
    if let Some(id) = &row.id
        && let Some(problem) = id_problem(id)
    {
        problems.push(format!("id \"{id}\": {problem}"));
    }
    if sheet.wide() {
        for (_, mut channel) in groups {
            handle_from_link(&mut channel);
            if channel.handle.is_empty()
                && let Some((p, h)) = channel.url.as_deref().and_then(values::from_url)
                && p == channel.platform
            {
                channel.handle = h.into();
            }
            channel.handle = bare_handle(&channel.handle, &channel.platform).into();
            if !channel.handle.is_empty() {
                row.creator.channels.push(channel);
            } else if channel.followers.is_some() || channel.url.is_some() {
                problems.push(format!(
                    "{} numbers with no handle",
                    channel.platform.name()
                ));
            }
        }
        // Followers or engagement in columns of their own belong to the one platform column.
        let loose =
            single.followers.is_some() || single.engagement.is_some() || single.avg_views.is_some();
        match row.creator.channels.as_mut_slice() {
            [only] if loose => {
                only.followers = only.followers.or(single.followers);
                only.engagement = only.engagement.or(single.engagement);
                only.avg_views = only.avg_views.or(single.avg_views);
            }
            [_, _, ..] if loose => problems.push(
                "followers or engagement without a platform, and several platform columns: --map the column to one of them (like --map 粉絲數=instagram_followers)".into(),
            ),
            _ => {}
        }
        if single.url.is_some()
            && row.creator.channels.len() == 1
            && row.creator.channels[0].url.is_none()
        {
            row.creator.channels[0].url = single.url.clone();
        }
        if row.creator.channels.is_empty() && problems.is_empty() {
            problems.push("no channel: every <platform>_handle cell is empty".into());
        }
    } else {
        let from_url = single.url.as_deref().and_then(values::from_url);
        if platform.is_none() && platform_text.is_empty() {
            platform = from_url.as_ref().map(|(p, _)| p.clone());
        }
        if handle.is_empty() {
            handle = from_url.map(|(_, h)| h).unwrap_or_default();
        }
        match platform {
            Some(p) => single.platform = p,
            None if platform_text.is_empty() => problems.push("no platform".into()),
            None => problems.push(
                match crate::suggest::nearest(
                    &platform_text.to_lowercase(),
                    Platform::KNOWN.iter().map(|p| p.name()),
                ) {
                    Some(near) => {
                        format!("unknown platform \"{platform_text}\" (did you mean {near}?)")
                    }
                    None => format!(
                        "unknown platform \"{platform_text}\" (platforms: {})",
                        Platform::KNOWN
                            .iter()
                            .map(|p| p.name())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ),
                },
            ),
        }
        if handle.is_empty() {
            problems.push("no handle".into());
        }
        single.handle = handle.as_str().into();
        handle_from_link(&mut single);
        single.handle = bare_handle(&single.handle, &single.platform).into();
        row.creator.channels.push(single);
    }
    if !problems.is_empty() {
        return Err(problems.join("; "));
    }
    if row.creator.name.is_empty() {
        // A creator needs a name: the handle stands in until someone writes one.
        row.creator.name = row.creator.channels[0].handle.clone();
    }
    Ok(row)
}

/// A link written where a handle goes: the handle it names, and the link kept as the url.
fn handle_from_link(channel: &mut Channel) {
    let text = channel.handle.trim();
    if !(text.contains("://") || text.starts_with("www.")) {
        return;
    }
    let link = text.to_string();
    let handle = match values::from_url(&link) {
        Some((p, h)) if p == channel.platform => h,
        // A blog or a site this program does not know: the address is the handle.
        _ => link
            .split_once("://")
            .map_or(link.as_str(), |(_, rest)| rest)
            .trim_start_matches("www.")
            .trim_end_matches('/')
            .to_string(),
    };
    channel.handle = handle.into();
    if channel.url.is_none() {
        channel.url = Some(link);
    }
}

/// A handle without the `@` people write before it — except on LINE, where `@` begins the
/// ID of an official account.
fn bare_handle(text: &str, platform: &Platform) -> String {
    if *platform == Platform::Line {
        text.trim().to_string()
    } else {
        text.trim().trim_start_matches('@').trim().to_string()
    }
}

fn count(text: &str, what: &str, most: u64) -> Result<u64, String> {
    let value = values::count(text).map_err(|e| format!("{what}: {e}"))?;
    if value > most {
        return Err(format!("{what} \"{text}\" is implausibly large"));
    }
    Ok(value)
}

fn key(text: &str) -> String {
    text.trim().to_lowercase()
}

fn same_channel(a: &Channel, b: &Channel) -> bool {
    a.platform == b.platform && a.handle.eq_ignore_ascii_case(&b.handle)
}

/// A new creator's id, from their handle: `sarsa.beauty`, else with the platform, else
/// numbered; a handle with no letters a-z (`小紅書` names) gives the platform and a hash.
fn new_id(channel: &Channel, taken: &dyn Fn(&str) -> bool) -> String {
    let mut base = suggest_id(&channel.handle);
    if base.is_empty() || id_problem(&base).is_some() {
        let hash = xxhash_rust::xxh3::xxh3_64(channel.handle.as_bytes());
        base = format!("{}-{:08x}", channel.platform.name(), hash as u32);
    }
    if !taken(&base) {
        return base;
    }
    let with_platform = format!("{base}-{}", channel.platform.name());
    if !taken(&with_platform) {
        return with_platform;
    }
    (2..)
        .map(|n| format!("{base}-{n}"))
        .find(|id| !taken(id))
        .unwrap_or(base)
}

/// Joins the rows of `sheet` to `database`. With `as_new`, a row that only shares a name with
/// someone becomes a new creator instead of waiting for a decision.
pub fn plan(sheet: &Sheet, database: Vec<Creator>, as_new: bool) -> Plan {
    let mut creators = database;
    let existing = creators.len();
    let mut originals = std::collections::BTreeMap::new();
    // Rows already read, by a hash of their trimmed cells.
    let mut seen: HashMap<u128, u64> = HashMap::new();
    let fractions = fraction_columns(sheet);
    let mut lookup = Lookup::new(&creators);
    let mut rows = Vec::new();
    for (line, cells) in &sheet.rows {
        let line = *line;
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        for c in cells {
            hasher.update(c.trim().as_bytes());
            hasher.update(&[0]);
        }
        let normal = hasher.digest128();
        if let Some(first) = seen.get(&normal) {
            rows.push(RowReport {
                line,
                outcome: Outcome::Duplicate { line: *first },
            });
            continue;
        }
        seen.insert(normal, line);
        let outcome = match read_row(sheet, cells, &fractions) {
            Err(reason) => Outcome::Failed { reason },
            Ok(row) => join(
                &mut creators,
                &mut lookup,
                &mut originals,
                existing,
                row,
                as_new,
            ),
        };
        rows.push(RowReport { line, outcome });
    }
    Plan {
        creators,
        existing,
        originals,
        rows,
    }
}

/// Where each id, channel, email, handle and name is first found among the creators, so that
/// a row is joined in constant time however large the database.
#[derive(Default)]
struct Lookup {
    id: HashMap<String, usize>,
    channel: HashMap<(String, String), usize>,
    email: HashMap<String, usize>,
    handle: HashMap<String, usize>,
    name: HashMap<String, usize>,
}

impl Lookup {
    fn new(creators: &[Creator]) -> Lookup {
        let mut lookup = Lookup::default();
        for (i, c) in creators.iter().enumerate() {
            lookup.add(i, c);
        }
        lookup
    }

    /// Records what creator `i` has (earlier creators keep what they had).
    fn add(&mut self, i: usize, c: &Creator) {
        self.id.entry(c.id.to_string()).or_insert(i);
        for ch in &c.channels {
            self.channel
                .entry((ch.platform.name().to_string(), key(&ch.handle)))
                .or_insert(i);
            self.handle.entry(key(&ch.handle)).or_insert(i);
        }
        if let Some(e) = &c.email {
            self.email.entry(key(e)).or_insert(i);
        }
        if !c.name.is_empty() {
            self.name.entry(key(&c.name)).or_insert(i);
        }
    }
}

fn join(
    creators: &mut Vec<Creator>,
    lookup: &mut Lookup,
    originals: &mut std::collections::BTreeMap<usize, Creator>,
    existing: usize,
    row: Incoming,
    as_new: bool,
) -> Outcome {
    let incoming = &row.creator;
    let by_id = row.id.as_deref().and_then(|id| lookup.id.get(id).copied());
    let by_channel = incoming
        .channels
        .iter()
        .filter_map(|ch| {
            lookup
                .channel
                .get(&(ch.platform.name().to_string(), key(&ch.handle)))
                .copied()
        })
        .min();
    let by_email = incoming
        .email
        .as_deref()
        .and_then(|e| lookup.email.get(&key(e)).copied());
    let by_handle = incoming
        .channels
        .iter()
        .filter_map(|ch| lookup.handle.get(&key(&ch.handle)).copied())
        .min();
    let found = [by_id, by_channel, by_email, by_handle];
    let chosen = found.iter().flatten().next().copied();
    if let Some(at) = chosen {
        // Two ways of matching that point at two creators: not for the program to settle.
        if let Some(other) = found.iter().flatten().find(|&&i| i != at) {
            let (a, b) = (&creators[at].id, &creators[*other].id);
            return Outcome::Decide {
                message: format!(
                    "matches two creators: {a} ({}) and {b} ({}); not imported",
                    why(&found, at),
                    why(&found, *other)
                ),
            };
        }
        if at < existing {
            originals.entry(at).or_insert_with(|| creators[at].clone());
        }
        let (changes, notes) = merge_into(&mut creators[at], &row);
        lookup.add(at, &creators[at]);
        let id = creators[at].id.to_string();
        return if changes.is_empty() {
            Outcome::Unchanged { id, notes }
        } else {
            Outcome::Updated { id, changes, notes }
        };
    }
    // A row with an id of its own says who it is: a shared name is no doubt then.
    if !as_new
        && row.id.is_none()
        && let Some(same) = lookup.name.get(&key(&incoming.name)).map(|&i| &creators[i])
    {
        let theirs: Vec<String> = same
            .channels
            .iter()
            .map(|c| format!("{} @{}", c.platform.name(), c.handle))
            .collect();
        let ours: Vec<String> = incoming
            .channels
            .iter()
            .map(|c| format!("{} @{}", c.platform.name(), c.handle))
            .collect();
        return Outcome::Decide {
            message: format!(
                "\"{}\" is also the name of {} ({}), and {} is not among their channels; not imported — add it to {} by hand, or import it as a new creator with --as-new",
                incoming.name,
                same.id,
                theirs.join(", "),
                ours.join(", "),
                same.id
            ),
        };
    }
    let taken = |id: &str| lookup.id.contains_key(id);
    let id = match &row.id {
        Some(id) if !taken(id) => id.clone(),
        _ => new_id(&incoming.channels[0], &taken),
    };
    let mut creator = incoming.clone();
    creator.id = id.as_str().into();
    creator.line = 0;
    if creator.currency.is_none() {
        creator.currency = row.currency.as_deref().map(Into::into);
    }
    let channels: Vec<String> = creator
        .channels
        .iter()
        .map(|ch| {
            let mut s = format!("{} @{}", ch.platform.name(), ch.handle);
            if let Some(f) = ch.followers {
                s.push_str(&format!(" {}", crate::display::grouped(f)));
            }
            s
        })
        .collect();
    let about = format!("{}: {}", creator.name, channels.join(", "));
    lookup.add(creators.len(), &creator);
    creators.push(creator);
    Outcome::New { id, about }
}

fn why(found: &[Option<usize>; 4], at: usize) -> &'static str {
    let reasons = ["its id", "its channel", "its email", "its handle"];
    found
        .iter()
        .position(|f| *f == Some(at))
        .map_or("", |i| reasons[i])
}

/// Joins a row to a creator: channel numbers are updated, new channels added, blank fields
/// filled; a value that differs from one already written is kept as written and said.
fn merge_into(creator: &mut Creator, row: &Incoming) -> (Vec<String>, Vec<String>) {
    let mut changes = Vec::new();
    let mut notes = Vec::new();
    let grouped = |n: u64| crate::display::grouped(n);
    for ch in &row.creator.channels {
        match creator.channels.iter_mut().find(|c| same_channel(c, ch)) {
            Some(have) => {
                let label = format!("{} @{}", have.platform.name(), have.handle);
                if let Some(f) = ch.followers
                    && have.followers != Some(f)
                {
                    changes.push(match have.followers {
                        Some(old) => format!("{label} followers {} → {}", grouped(old), grouped(f)),
                        None => format!("{label} followers {}", grouped(f)),
                    });
                    have.followers = Some(f);
                }
                if let Some(e) = ch.engagement
                    && have.engagement != Some(e)
                {
                    changes.push(match have.engagement {
                        Some(old) => format!("{label} engagement {old}% → {e}%"),
                        None => format!("{label} engagement {e}%"),
                    });
                    have.engagement = Some(e);
                }
                if let Some(v) = ch.avg_views
                    && have.avg_views != Some(v)
                {
                    changes.push(format!("{label} avg_views {}", grouped(v)));
                    have.avg_views = Some(v);
                }
                if have.url.is_none()
                    && let Some(u) = &ch.url
                {
                    changes.push(format!("{label} url"));
                    have.url = Some(u.clone());
                }
            }
            None => {
                changes.push(format!(
                    "new channel {} @{}{}",
                    ch.platform.name(),
                    ch.handle,
                    ch.followers
                        .map(|f| format!(" ({} followers)", grouped(f)))
                        .unwrap_or_default()
                ));
                creator.channels.push(ch.clone());
            }
        }
    }
    let new = &row.creator;
    let mut fill = |name: &str,
                    have: &mut Option<compact_str::CompactString>,
                    given: &Option<compact_str::CompactString>| {
        match (have.as_ref(), given) {
            (None, Some(g)) => {
                changes.push(format!("{name} {g}"));
                *have = Some(g.clone());
            }
            (Some(h), Some(g)) if !h.eq_ignore_ascii_case(g) => {
                notes.push(format!("{name} in the sheet is {g}: kept {h}"));
            }
            _ => {}
        }
    };
    fill("email", &mut creator.email, &new.email);
    fill("location", &mut creator.location, &new.location);
    if creator.niches.is_empty() && !new.niches.is_empty() {
        changes.push(format!("niches {}", new.niches.join(", ")));
        creator.niches = new.niches.clone();
    }
    if creator.languages.is_empty() && !new.languages.is_empty() {
        changes.push(format!("languages {}", new.languages.join(", ")));
        creator.languages = new.languages.clone();
    }
    if creator.kind.is_none() && new.kind.is_some() {
        changes.push(format!(
            "kind {}",
            new.kind.map(Kind::name).unwrap_or_default()
        ));
        creator.kind = new.kind;
    }
    match (creator.rate, new.rate) {
        (None, Some(r)) => {
            changes.push(format!("rate {}", grouped(r)));
            creator.rate = Some(r);
            if creator.currency.is_none() {
                creator.currency = row.currency.as_deref().map(Into::into);
            }
        }
        (Some(h), Some(r)) if h != r => {
            notes.push(format!(
                "rate in the sheet is {}: kept {}",
                grouped(r),
                grouped(h)
            ));
        }
        _ => {}
    }
    (changes, notes)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(text: &str) -> Sheet {
        crate::import::read("t.csv", text.as_bytes(), &[]).unwrap()
    }

    fn db() -> Vec<Creator> {
        let text = "[[creator]]\nid = \"amy\"\nname = \"Amy\"\nemail = \"amy@x.example\"\nchannels = [{ platform = \"ig\", handle = \"amy.ig\" }]\n\n[[creator]]\nid = \"bo\"\nname = \"Bo\"\nchannels = [{ platform = \"yt\", handle = \"BoTV\", followers = 10 }]\n";
        crate::store::parse_creators("creators.toml", text.as_bytes())
            .database
            .creators
    }

    #[test]
    fn a_row_matching_two_creators_is_left_to_decide() {
        let p = plan(
            &sheet("name,platform,handle,email\nX,youtube,BoTV,amy@x.example\n"),
            db(),
            false,
        );
        assert_eq!(
            p.rows[0].outcome,
            Outcome::Decide {
                message: "matches two creators: bo (its channel) and amy (its email); not imported"
                    .into()
            }
        );
        assert_eq!(p.creators.len(), 2);
    }

    #[test]
    fn ids_from_handles_never_collide() {
        let p = plan(
            &sheet("name,platform,handle\nAmy 2,threads,amy\nAmy 3,tiktok,amy\nRed,xhs,小紅\n"),
            db(),
            false,
        );
        let ids: Vec<&str> = p.creators[2..].iter().map(|c| c.id.as_str()).collect();
        // The second "amy" is the first one's handle on another platform: it joins her.
        assert_eq!(ids.len(), 2, "{:?}", p.rows);
        assert_eq!(ids[0], "amy-threads");
        assert!(ids[1].starts_with("xiaohongshu-"), "{ids:?}");
        assert!(crate::model::id_problem(ids[1]).is_none());
    }
}
