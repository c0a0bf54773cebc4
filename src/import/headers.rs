//! What a spreadsheet's columns hold: headers in English, Traditional or Simplified Chinese
//! and their common synonyms, channel groups (`instagram_followers`), a platform and a field
//! in one header (`IG粉絲數`), or a field named with `--map`.

use crate::model::Platform;
use crate::model::fields::{CHANNEL_FIELDS, CREATOR_FIELDS};

/// What a column holds.
#[derive(Clone, Debug, PartialEq)]
pub enum Field {
    Id,
    Name,
    Aliases,
    Email,
    Niches,
    Location,
    Languages,
    Kind,
    Rate,
    Currency,
    Notes,
    FakeFollowers,
    VettedOn,
    /// One channel per row.
    Platform,
    Handle,
    Followers,
    Engagement,
    AvgViews,
    Url,
    /// A column of a channel group (`instagram_followers`, `youtube_2_handle`), as
    /// `shortlist search --format csv` writes them.
    Channel {
        platform: Platform,
        nth: usize,
        field: ChannelField,
    },
    /// Not imported, and why.
    Ignored(String),
}

/// The fields of a channel group.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChannelField {
    Handle,
    Followers,
    Engagement,
    AvgViews,
    Url,
}

/// The names `--map` takes: every field of the vocabulary but the channel list, `skip`, and
/// each channel field after a platform (`<platform>_handle`, …).
pub static FIELD_NAMES: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    use crate::model::fields::{CHANNEL_FIELDS, CREATOR_FIELDS, Holds};
    let creator = CREATOR_FIELDS
        .iter()
        .filter(|f| f.holds != Holds::Channels)
        .map(|f| f.key.to_string());
    let channel = CHANNEL_FIELDS.iter().map(|f| f.key.to_string());
    let per_platform = CHANNEL_FIELDS
        .iter()
        .filter(|f| f.key != "platform")
        .map(|f| format!("<platform>_{}", f.key));
    creator
        .chain(channel)
        .chain(["skip".to_string()])
        .chain(per_platform)
        .collect()
});

pub(super) fn field_named(name: &str) -> Option<Field> {
    Some(match name {
        "id" => Field::Id,
        "name" => Field::Name,
        "aliases" | "alias" => Field::Aliases,
        "email" => Field::Email,
        "niches" | "niche" => Field::Niches,
        "location" => Field::Location,
        "languages" | "language" => Field::Languages,
        "kind" => Field::Kind,
        "rate" => Field::Rate,
        "currency" => Field::Currency,
        "notes" | "note" => Field::Notes,
        "fake_followers" => Field::FakeFollowers,
        "vetted_on" => Field::VettedOn,
        "platform" => Field::Platform,
        "handle" => Field::Handle,
        "followers" => Field::Followers,
        "engagement" => Field::Engagement,
        "avg_views" => Field::AvgViews,
        "url" => Field::Url,
        "skip" => Field::Ignored("skipped with --map".into()),
        _ => return None,
    })
}

/// Every field's key with the headers that mean it: the vocabulary's, and `creator_id` for an
/// id column that is the creator's own.
fn synonyms() -> impl Iterator<Item = (&'static str, &'static [&'static str])> {
    CREATOR_FIELDS
        .iter()
        .chain(CHANNEL_FIELDS)
        .filter(|f| !f.headers.is_empty() && f.key != "id")
        .map(|f| (f.key, f.headers))
        .chain(std::iter::once((
            "creator_id",
            &["creatorid", "kolid"] as &'static [&'static str],
        )))
}

/// Columns that `shortlist` works out itself and does not take back.
const DERIVED: &[&str] = &["tier", "stage", "等級", "等级", "階段", "阶段"];

pub(super) fn normalise(header: &str) -> String {
    header
        .trim()
        .trim_start_matches('\u{feff}')
        .chars()
        .filter(|c| {
            !c.is_whitespace()
                && !matches!(
                    c,
                    '_' | '-' | '.' | '(' | ')' | '（' | '）' | '%' | '％' | '#' | ':' | '：' | '/'
                )
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// A channel-group column: `instagram_handle`, `youtube_2_followers`.
pub(super) fn channel_column(header: &str) -> Option<Field> {
    let lower = header.trim().to_lowercase();
    let (rest, field) = [
        ("_handle", ChannelField::Handle),
        ("_followers", ChannelField::Followers),
        ("_engagement", ChannelField::Engagement),
        ("_avg_views", ChannelField::AvgViews),
        ("_url", ChannelField::Url),
    ]
    .into_iter()
    .find_map(|(suffix, f)| lower.strip_suffix(suffix).map(|r| (r, f)))?;
    let (name, nth) = match rest.rsplit_once('_') {
        Some((name, n)) if n.parse::<usize>().is_ok_and(|n| n >= 2) => {
            (name, n.parse::<usize>().ok()?)
        }
        _ => (rest, 1),
    };
    let platform = Platform::known(name)?;
    Some(Field::Channel {
        platform,
        nth,
        field,
    })
}

/// A header naming a platform and a channel field together, as sheets with a column per
/// platform do: `IG帳號`, `IG粉絲數`, `YouTube subscribers`, `抖音 followers`.
fn platform_and_field(key: &str) -> Option<Field> {
    let channel_field = |text: &str| -> Option<ChannelField> {
        let named = synonyms()
            .find(|(_, names)| names.iter().any(|n| normalise(n) == text))?
            .0;
        Some(match named {
            "handle" => ChannelField::Handle,
            "followers" => ChannelField::Followers,
            "engagement" => ChannelField::Engagement,
            "avg_views" => ChannelField::AvgViews,
            "url" => ChannelField::Url,
            _ => return None,
        })
    };
    let cuts = key.char_indices().map(|(i, _)| i).skip(1);
    for at in cuts {
        let (left, right) = key.split_at(at);
        for (platform, rest) in [(left, right), (right, left)] {
            if let (Some(p), Some(field)) = (Platform::known(platform), channel_field(rest)) {
                return Some(Field::Channel {
                    platform: p,
                    nth: 1,
                    field,
                });
            }
        }
    }
    None
}

/// What a header stands for, without `--map`.
pub(super) fn recognise(header: &str, id_is_creator: bool) -> Field {
    if let Some(channel) = channel_column(header) {
        return channel;
    }
    let key = normalise(header);
    if let Some(channel) = platform_and_field(&key) {
        return channel;
    }
    // A column named for a platform holds the handles (or links) there.
    if key.chars().count() >= 2
        && let Some(platform) = Platform::known(&key)
    {
        return Field::Channel {
            platform,
            nth: 1,
            field: ChannelField::Handle,
        };
    }
    if key == "id" {
        return if id_is_creator {
            Field::Id
        } else {
            Field::Handle
        };
    }
    if DERIVED.contains(&key.as_str()) {
        return Field::Ignored("worked out by shortlist, not imported".into());
    }
    for (field, names) in synonyms() {
        if names.iter().any(|n| normalise(n) == key) {
            if field == "creator_id" {
                return Field::Id;
            }
            return field_named(field).unwrap_or(Field::Ignored(String::new()));
        }
    }
    Field::Ignored("no field matches (--map COLUMN=FIELD to import it)".into())
}

/// A field as the report names it.
pub fn describe(field: &Field) -> String {
    match field {
        Field::Channel {
            platform,
            nth,
            field,
        } => {
            let f = match field {
                ChannelField::Handle => "handle",
                ChannelField::Followers => "followers",
                ChannelField::Engagement => "engagement",
                ChannelField::AvgViews => "avg_views",
                ChannelField::Url => "url",
            };
            if *nth == 1 {
                format!("{} {f}", platform.name())
            } else {
                format!("{} #{nth} {f}", platform.name())
            }
        }
        Field::Ignored(_) => "(not imported)".into(),
        other => FIELD_NAMES
            .iter()
            .find(|n| field_named(n).as_ref() == Some(other))
            .map_or_else(|| format!("{other:?}"), String::clone),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every name `--map` offers is one it takes: the list and the matcher cannot drift apart.
    #[test]
    fn every_offered_name_is_taken() {
        for name in FIELD_NAMES.iter() {
            let taken = match name.strip_prefix("<platform>_") {
                Some(rest) => field_named(rest).is_some(),
                None => field_named(name).is_some(),
            };
            assert!(taken, "--map offers {name} but does not take it");
        }
        assert!(FIELD_NAMES.iter().any(|n| n == "vetted_on"));
        assert!(!FIELD_NAMES.iter().any(|n| n == "channels"));
    }
}
