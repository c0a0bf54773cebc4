use super::build::main_engagement;
use super::*;

#[test]
fn columns_describe_the_creators() {
    let creators = crate::synth::creators(500, 3);
    let ix = Index::build(&creators);
    assert_eq!(ix.len(), 500);
    for (i, c) in creators.iter().enumerate() {
        assert_eq!(ix.ids.get(i), c.id.as_str());
        assert_eq!(ix.name(i), c.name.as_str());
        assert!(ix.ident.get(i).starts_with(c.name.as_str()));
        assert_eq!(ix.followers[i], c.followers());
        let channels = ix.row_channels.get(i);
        assert_eq!(channels.len(), c.channels.len());
        for (&ch, real) in channels.iter().zip(&c.channels) {
            assert_eq!(ix.platform_of(ix.platform[ch as usize]), real.platform);
            assert_eq!(ix.handles.get(ch as usize), real.handle.as_str());
        }
        let niches: Vec<&str> = ix
            .row_niches
            .get(i)
            .iter()
            .map(|&n| ix.niches[n as usize].1.as_str())
            .collect();
        let expected: Vec<String> = c
            .niches
            .iter()
            .map(|n| n.to_lowercase().to_string())
            .collect();
        assert_eq!(niches, expected);
    }
    let roundtrip = Index::decode(&ix.encode()).unwrap();
    assert!(roundtrip.ids == ix.ids && roundtrip.name_rank == ix.name_rank);
    assert!(roundtrip.niches == ix.niches && roundtrip.channel_followers == ix.channel_followers);
}

#[test]
fn engagement_comes_from_the_main_channel_else_the_largest_known_and_rates_are_kept() {
    let mut c = crate::synth::creators(1, 1).remove(0);
    c.rate = Some(10_000);
    c.channels.truncate(1);
    c.channels[0].followers = Some(100_000);
    c.channels[0].engagement = None;
    let mut second = c.channels[0].clone();
    second.platform = Platform::Threads;
    second.followers = Some(20_000);
    second.engagement = Some(5.0);
    c.channels.push(second);
    assert_eq!(main_engagement(&c), 5.0);
    c.channels[0].engagement = Some(2.0);
    assert_eq!(main_engagement(&c), 2.0);
    c.channels.iter_mut().for_each(|ch| ch.engagement = None);
    assert!(main_engagement(&c).is_nan());
    // The rate and its currency are kept as they are; costs are worked out when searching.
    c.currency = Some("usd".into());
    let ix = Index::build(&[c.clone()]);
    assert_eq!(ix.rate, [10_000]);
    assert_eq!(ix.currencies[ix.currency[0] as usize], "USD");
    c.rate = None;
    assert_eq!(Index::build(&[c]).rate, [UNKNOWN]);
}

/// The name comes from the first line of the names and handles: also an empty one, and one
/// written with a line break (shown with a space), whatever the aliases.
#[test]
fn the_name_is_the_first_line_of_the_names_and_handles() {
    let mut creators = crate::synth::creators(3, 4);
    creators[0].name = "".into();
    creators[0].aliases = vec!["Alias".into()];
    creators[1].name = "Two\nLines".into();
    let ix = Index::build(&creators);
    assert_eq!(ix.name(0), "");
    assert_eq!(ix.name(1), "Two Lines");
    assert_eq!(ix.name(2), creators[2].name.as_str());
    let back = Index::decode(&ix.encode()).unwrap();
    assert_eq!(back.name(0), "");
    assert_eq!(back.name(1), "Two Lines");
}

/// Making room early, however wrong the guess, changes nothing in the index built.
#[test]
fn room_made_early_changes_nothing() {
    let creators = crate::synth::creators(300, 6);
    let plain = Index::build(&creators);
    for guess in [0, 1, 150, 300, 100_000] {
        let mut builder = IndexBuilder::default();
        for (i, c) in creators.iter().enumerate() {
            if i == 20 {
                builder.reserve(guess);
            }
            builder.add(c);
        }
        assert!(builder.finish().encode() == plain.encode(), "guess {guess}");
    }
}
