//! Reading one spreadsheet row into a creator: each cell as its column says, values as
//! people type them, the channel from a platform and handle or from a profile link.

use super::sheet::{ChannelField, Field, Sheet};
use super::values;
use crate::model::{
    Channel, Creator, Kind, MAX_AVG_VIEWS, MAX_FOLLOWERS, MAX_RATE, Platform, email_problem,
    id_problem,
};

/// One row, read.
#[derive(Debug, Default)]
pub(super) struct Incoming {
    pub id: Option<String>,
    pub creator: Creator,
    /// The currency a fee was written with.
    pub currency: Option<String>,
    /// Cells that could not be read, left out of the creator (the rest of the row is
    /// imported): where and why.
    pub left_out: Vec<String>,
}

/// A column by its letter, as a spreadsheet names it: 0 → `A`, 27 → `AB`.
pub(super) fn column_letter(mut i: usize) -> String {
    let mut out = Vec::new();
    loop {
        out.push(b'A' + (i % 26) as u8);
        if i < 26 {
            break;
        }
        i = i / 26 - 1;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// Which columns hold engagement as fractions (`0.045` for 4.5 %): those whose every number
/// written without `%` is below 1. A column with any larger number holds percents.
pub(super) fn fraction_columns(sheet: &Sheet) -> Vec<bool> {
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
pub(super) fn read_row(
    sheet: &Sheet,
    cells: super::rows::Cells<'_>,
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
    let mut email_at = 0;
    for (at, ((field, raw), fraction)) in sheet
        .columns
        .iter()
        .zip(cells.iter())
        .zip(fractions)
        .enumerate()
    {
        let text = values::cell(raw);
        let percent = |t: &str| values::percent(t, *fraction);
        if text.is_empty() {
            continue;
        }
        // A cell that does not read is left out; the rest of the row is imported.
        let header = sheet.headers.get(at).map(String::as_str).unwrap_or("");
        let left_out = &mut row.left_out;
        let mut check = |result: Result<(), String>| {
            if let Err(e) = result {
                left_out.push(format!("{e} (cell {}, \"{header}\")", column_letter(at)));
            }
        };
        match field {
            Field::Ignored(_) => {}
            Field::Id => row.id = Some(text.to_string()),
            Field::Name => row.creator.name = text.into(),
            Field::Aliases => {
                row.creator.aliases = values::list(text).into_iter().map(Into::into).collect()
            }
            Field::Email => {
                email_at = at;
                row.creator.email = Some(text.into());
            }
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
        let header = sheet
            .headers
            .get(email_at)
            .map(String::as_str)
            .unwrap_or("");
        row.left_out.push(format!(
            "malformed email \"{email}\": {problem} (cell {}, \"{header}\")",
            column_letter(email_at)
        ));
        row.creator.email = None;
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
