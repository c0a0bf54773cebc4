//! The marketer's words for niches and places, in Traditional Chinese, Simplified Chinese and
//! English: which niche tags a word means (美妝 → beauty, makeup), and which place a word or a
//! written location is (台北市, 臺北, Taipei City → Taipei, TW). Plain data with lookups; reading
//! the vocabulary files is the store's work.

use std::collections::HashMap;

/// Niche tags that mean the same, with the words people use for them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct NicheEntry {
    /// Tags as creators are tagged, the first the one import writes.
    pub tags: Vec<String>,
    pub words: Vec<String>,
}

/// A city (with its country) or a country (with its code), with the words people use for it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PlaceEntry {
    /// The name import writes: "Taipei", "Taiwan".
    pub name: String,
    /// For a city: its country's code (`TW`).
    pub country: Option<String>,
    /// For a country: its code.
    pub code: Option<String>,
    pub words: Vec<String>,
}

impl PlaceEntry {
    /// How a location is written for this place: "Taipei, TW", or the country's name.
    pub fn written(&self) -> String {
        match &self.country {
            Some(c) => format!("{}, {c}", self.name),
            None => self.name.clone(),
        }
    }
}

/// Where a written location is: the city it names, and the country.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Whereabouts {
    /// The city's place in the vocabulary.
    pub city: Option<u32>,
    /// The country's place in the vocabulary.
    pub country: Option<u32>,
}

/// The vocabulary, with its words ready to look up.
#[derive(Clone, Debug, Default)]
pub struct Vocabulary {
    pub niches: Vec<NicheEntry>,
    pub places: Vec<PlaceEntry>,
    niche_words: HashMap<String, Vec<u32>>,
    place_words: HashMap<String, u32>,
    codes: HashMap<String, u32>,
}

/// A word as looked up: lower case, 臺 as 台, spaces, hyphens and underscores alike.
pub fn key(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.trim().chars() {
        match c {
            ' ' | '-' | '_' | '\u{3000}' | '\t' => space = true,
            '臺' => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.push('台');
            }
            c => {
                if space && !out.is_empty() {
                    out.push(' ');
                }
                space = false;
                out.extend(c.to_lowercase());
            }
        }
    }
    out
}

impl Vocabulary {
    /// A vocabulary of these entries.
    pub fn new(niches: Vec<NicheEntry>, places: Vec<PlaceEntry>) -> Vocabulary {
        let mut v = Vocabulary {
            niches,
            places,
            ..Vocabulary::default()
        };
        v.index();
        v
    }

    /// This vocabulary with `other`'s entries added: an entry sharing a tag with one of ours
    /// (a place with one of our places' names) adds its tags and words to it; others are new.
    pub fn extended(mut self, other: Vocabulary) -> Vocabulary {
        for n in other.niches {
            let same = self.niches.iter_mut().find(|own| {
                own.tags
                    .iter()
                    .any(|t| n.tags.iter().any(|o| key(o) == key(t)))
            });
            match same {
                Some(own) => {
                    for w in n.tags {
                        if !own.tags.iter().any(|t| key(t) == key(&w)) {
                            own.tags.push(w);
                        }
                    }
                    own.words.extend(n.words);
                }
                None => self.niches.push(n),
            }
        }
        for p in other.places {
            let same = self.places.iter_mut().find(|own| {
                key(&own.name) == key(&p.name) && own.code.is_some() == p.code.is_some()
            });
            match same {
                Some(own) => own.words.extend(p.words),
                None => self.places.push(p),
            }
        }
        self.index();
        self
    }

    fn index(&mut self) {
        self.niche_words.clear();
        self.place_words.clear();
        self.codes.clear();
        for (i, n) in self.niches.iter().enumerate() {
            for w in n.tags.iter().chain(&n.words) {
                let entries = self.niche_words.entry(key(w)).or_default();
                if !entries.contains(&(i as u32)) {
                    entries.push(i as u32);
                }
            }
        }
        // Cities first: "Hong Kong" is a city before it is a region.
        let mut order: Vec<usize> = (0..self.places.len()).collect();
        order.sort_by_key(|&i| self.places[i].code.is_some());
        for i in order {
            let p = &self.places[i];
            for w in std::iter::once(&p.name).chain(&p.words) {
                self.place_words.entry(key(w)).or_insert(i as u32);
            }
            if let Some(code) = &p.code {
                self.codes.entry(key(code)).or_insert(i as u32);
            }
        }
    }

    /// The niche entries a word means (by its words or its tags).
    pub fn niche(&self, word: &str) -> &[u32] {
        self.niche_words.get(&key(word)).map_or(&[], Vec::as_slice)
    }

    /// The tags a word means: every tag of each entry it names.
    pub fn niche_tags(&self, word: &str) -> Vec<&str> {
        let mut tags: Vec<&str> = Vec::new();
        for &i in self.niche(word) {
            for t in &self.niches[i as usize].tags {
                if !tags.contains(&t.as_str()) {
                    tags.push(t);
                }
            }
        }
        tags
    }

    /// The place a word names: a city's or a country's word, or a country's code.
    pub fn place(&self, word: &str) -> Option<u32> {
        let k = key(word);
        if let Some(&p) = self.place_words.get(&k) {
            return Some(p);
        }
        // 台北市 and 新竹縣 as 台北 and 新竹.
        let bare = k.trim_end_matches(['市', '縣', '县']);
        if bare != k
            && let Some(&p) = self.place_words.get(bare)
        {
            return Some(p);
        }
        self.codes.get(&k).copied()
    }

    /// Where a written location is: "Taipei, TW", "台北市", "New Taipei City, Taiwan".
    pub fn whereabouts(&self, location: &str) -> Whereabouts {
        let parts: Vec<&str> = location
            .split([',', '，', '、'])
            .map(str::trim)
            .filter(|p| !p.is_empty())
            .collect();
        let mut w = Whereabouts::default();
        for (i, part) in parts.iter().enumerate() {
            let Some(p) = self.place(part) else { continue };
            let place = &self.places[p as usize];
            match (&place.code, i) {
                (Some(_), _) => {
                    w.country.get_or_insert(p);
                }
                (None, _) if w.city.is_none() => {
                    w.city = Some(p);
                    if let Some(c) = place
                        .country
                        .as_deref()
                        .and_then(|c| self.codes.get(&key(c)))
                    {
                        w.country.get_or_insert(*c);
                    }
                }
                _ => {}
            }
        }
        w
    }

    /// True when a location written as `location` is in place `p` (the city, or in the
    /// country).
    pub fn located_in(&self, location: &Whereabouts, p: u32) -> bool {
        location.city == Some(p) || location.country == Some(p)
    }

    /// The known words nearest to `word` (for "did you mean"): niche tags and place names.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.niches
            .iter()
            .flat_map(|n| n.tags.iter().chain(&n.words))
            .chain(
                self.places
                    .iter()
                    .flat_map(|p| std::iter::once(&p.name).chain(&p.words)),
            )
            .map(String::as_str)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Vocabulary {
        Vocabulary::new(
            vec![NicheEntry {
                tags: vec!["beauty".into(), "makeup".into()],
                words: vec!["美妝".into(), "美妆".into()],
            }],
            vec![
                PlaceEntry {
                    name: "Taipei".into(),
                    country: Some("TW".into()),
                    code: None,
                    words: vec!["台北".into()],
                },
                PlaceEntry {
                    name: "New Taipei".into(),
                    country: Some("TW".into()),
                    code: None,
                    words: vec!["新北".into()],
                },
                PlaceEntry {
                    name: "Taiwan".into(),
                    country: None,
                    code: Some("TW".into()),
                    words: vec!["台灣".into()],
                },
            ],
        )
    }

    #[test]
    fn words_are_compared_without_case_or_form() {
        assert_eq!(key("  Board_Games "), "board games");
        assert_eq!(key("臺北"), "台北");
        assert_eq!(key("New-Taipei   City"), "new taipei city");
    }

    #[test]
    fn a_workspace_adds_words_to_the_entries_it_names() {
        let own = Vocabulary::new(
            vec![
                NicheEntry {
                    tags: vec!["Makeup".into(), "cosmetics".into()],
                    words: vec!["彩妝".into()],
                },
                NicheEntry {
                    tags: vec!["knitting".into()],
                    words: vec!["編織".into()],
                },
            ],
            vec![PlaceEntry {
                name: "taipei".into(),
                country: Some("TW".into()),
                code: None,
                words: vec!["北市".into()],
            }],
        );
        let v = sample().extended(own);
        // One entry for beauty, with the new tag and word; knitting is new.
        assert_eq!(v.niches.len(), 2);
        assert_eq!(v.niche_tags("彩妝"), ["beauty", "makeup", "cosmetics"]);
        assert_eq!(v.niche_tags("美妝"), v.niche_tags("cosmetics"));
        assert_eq!(v.niche_tags("編織"), ["knitting"]);
        // The new word names the same place, so it finds what Taipei finds.
        assert_eq!(v.places.len(), 3);
        assert_eq!(v.place("北市"), v.place("Taipei"));
        assert_eq!(v.whereabouts("Taipei, TW").city, v.place("北市"));
    }

    #[test]
    fn a_word_means_every_tag_of_its_entry() {
        let v = sample();
        assert_eq!(v.niche_tags("美妝"), ["beauty", "makeup"]);
        assert_eq!(v.niche_tags("MAKEUP"), ["beauty", "makeup"]);
        assert!(v.niche_tags("skincare").is_empty());
    }

    #[test]
    fn locations_resolve_to_city_and_country() {
        let v = sample();
        let taipei = v.whereabouts("Taipei, TW");
        assert_eq!(
            taipei,
            Whereabouts {
                city: Some(0),
                country: Some(2)
            }
        );
        assert_eq!(v.whereabouts("臺北市").city, Some(0));
        assert_eq!(v.whereabouts("New Taipei, TW").city, Some(1));
        assert_eq!(v.whereabouts("台灣").country, Some(2));
        assert!(v.located_in(&taipei, 2), "Taipei is in Taiwan");
        assert!(
            !v.located_in(&v.whereabouts("New Taipei, TW"), 0),
            "New Taipei is not Taipei"
        );
        assert_eq!(v.whereabouts("Atlantis"), Whereabouts::default());
        assert_eq!(v.places[0].written(), "Taipei, TW");
    }
}
