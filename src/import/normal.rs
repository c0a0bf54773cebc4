//! Niches and places as the vocabulary writes them: a sheet's 美妝 is stored as `beauty` and
//! its 台北市 as `Taipei, TW`, so that the database speaks one language and search, reports and
//! exports agree. What was written is kept in the report of the row.

use crate::model::{Creator, Vocabulary};

/// Writes `creator`'s niches and location as the vocabulary does; returns what was changed,
/// as `niches: 美妝 → beauty`, for the report.
pub(super) fn normalise(creator: &mut Creator, vocabulary: &Vocabulary) -> Vec<String> {
    let mut changed = Vec::new();
    let mut niches: Vec<compact_str::CompactString> = Vec::new();
    for tag in &creator.niches {
        let normal = tag_for(tag, vocabulary).unwrap_or(tag.as_str());
        if normal != tag.as_str() {
            changed.push(format!("niches: {tag} → {normal}"));
        }
        if !niches.iter().any(|n| n == normal) {
            niches.push(normal.into());
        }
    }
    creator.niches = niches;
    if let Some(location) = &creator.location
        && let Some(normal) = place_for(location, vocabulary)
        && normal != location.as_str()
    {
        changed.push(format!("location: {location} → {normal}"));
        creator.location = Some(normal.into());
    }
    changed
}

/// The tag a niche word stands for: itself when it is a tag of the vocabulary (or of no
/// entry), else the first tag of the first entry it is a word of.
fn tag_for<'v>(tag: &str, vocabulary: &'v Vocabulary) -> Option<&'v str> {
    let entries = vocabulary.niche(tag);
    let is_tag = entries.iter().any(|&e| {
        vocabulary.niches[e as usize]
            .tags
            .iter()
            .any(|t| t.eq_ignore_ascii_case(tag))
    });
    if is_tag {
        return None;
    }
    let first = *entries.first()?;
    vocabulary.niches[first as usize]
        .tags
        .first()
        .map(String::as_str)
}

/// A location as the vocabulary writes it, when every part of it names a known place
/// (`台北市`, `台北市, 台灣`, `taipei city`): the city, else the country. A location with
/// any part the vocabulary does not know (a district, a street) is left as written.
fn place_for(location: &str, vocabulary: &Vocabulary) -> Option<String> {
    let parts: Vec<&str> = location
        .split([',', '，', '、'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    if parts.is_empty() || parts.iter().any(|p| vocabulary.place(p).is_none()) {
        return None;
    }
    let at = vocabulary.whereabouts(location);
    let place = at.city.or(at.country)?;
    Some(vocabulary.places[place as usize].written())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{BUILT_IN_VOCABULARY, parse_vocabulary};

    fn built_in() -> Vocabulary {
        parse_vocabulary("vocabulary", BUILT_IN_VOCABULARY.as_bytes()).0
    }

    #[rstest::rstest]
    #[case(&["美妝", "保養"], &["beauty", "skincare"])]
    #[case(&["美妆", "beauty", "彩妝"], &["beauty"])]
    #[case(&["makeup", "skin-care"], &["makeup", "skincare"])]
    #[case(&["knitting", "親子"], &["knitting", "parenting"])]
    fn niches(#[case] written: &[&str], #[case] stored: &[&str]) {
        let mut c = Creator {
            niches: written.iter().map(|&w| w.into()).collect(),
            ..Creator::default()
        };
        normalise(&mut c, &built_in());
        assert_eq!(c.niches, stored);
    }

    #[rstest::rstest]
    #[case("台北市", Some("Taipei, TW"))]
    #[case("臺北", Some("Taipei, TW"))]
    #[case("台北市, 台灣", Some("Taipei, TW"))]
    #[case("新北市", Some("New Taipei, TW"))]
    #[case("香港", Some("Hong Kong"))]
    #[case("Taipei, TW", None)]
    #[case("台北市信義區", None)]
    #[case("Atlantis", None)]
    fn places(#[case] written: &str, #[case] stored: Option<&str>) {
        let mut c = Creator {
            location: Some(written.into()),
            ..Creator::default()
        };
        let changed = normalise(&mut c, &built_in());
        assert_eq!(c.location.as_deref(), Some(stored.unwrap_or(written)));
        assert_eq!(changed.len(), usize::from(stored.is_some()));
    }
}
