//! Searching on what creators did in past campaigns: `worked:`, `rebook:` and the sort on
//! achieved cost per engagement.

use super::*;

#[test]
fn past_campaigns_filter_and_sort() {
    let (creators, index) = database();
    let n = creators.len();
    let mut tracks: Vec<Option<Track>> = vec![None; n];
    let track = |rebook, cpe| {
        Some(Track {
            worked: true,
            rebook,
            cpe,
        })
    };
    tracks[3] = track(Some(true), Some(12.0));
    tracks[5] = track(Some(false), Some(4.0));
    tracks[8] = track(None, None);
    let options = Options {
        tracks: Some(&tracks),
        ..Options::default()
    };
    let rows = |q: &str, options: &Options<'_>| -> Vec<u32> {
        let mut r = search(&index, &Query::parse(q).unwrap(), options, None, &|| false)
            .unwrap()
            .unwrap()
            .matched;
        r.sort_unstable();
        r
    };
    assert_eq!(rows("worked:yes", &options), [3, 5, 8]);
    assert_eq!(rows("rebook:yes", &options), [3]);
    assert_eq!(
        rows("rebook:no", &options),
        [5],
        "only those who delivered and would not be"
    );
    assert_eq!(rows("-worked:yes", &options).len(), n - 3);
    assert_eq!(rows("worked:no", &options).len(), n - 3);
    let sorted = Options {
        sort: Some(Sort::AchievedCpe),
        ..options.clone()
    };
    let ranked = search(
        &index,
        &Query::parse("worked:yes").unwrap(),
        &sorted,
        None,
        &|| false,
    )
    .unwrap()
    .unwrap()
    .ranked;
    assert_eq!(ranked, [5, 3, 8], "cheapest first, no figure last");
    // Without the records, the terms say what they need.
    let e = search(
        &index,
        &Query::parse("rebook:yes").unwrap(),
        &Options::default(),
        None,
        &|| false,
    )
    .unwrap_err();
    assert_eq!(e.message, "worked: and rebook: need the campaigns read");
    assert_eq!(
        Query::parse("worked:maybe").unwrap_err().message,
        "worked: \"maybe\" is not yes or no"
    );
    assert_eq!(
        Query::parse("rebook:yes").unwrap().terms[0].to_string(),
        "rebook:yes"
    );
}
