//! What the vocabulary says of an index's own tags and places, worked out once when the index
//! is opened: which vocabulary entries each niche tag belongs to, and where each written
//! location is. With it a search understands 美妝 as beauty and makeup, and 台北 as Taipei (and
//! not New Taipei); and when a word finds nothing, it knows the near spellings worth trying.

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};

use super::index::Index;
use crate::model::{Vocabulary, Whereabouts};

/// The vocabulary as it applies to one index.
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    pub vocabulary: Arc<Vocabulary>,
    /// Per niche id of the index: the vocabulary entries its tag is a tag or word of.
    niche_entries: Vec<Vec<u32>>,
    /// Per location id of the index: where it is.
    whereabouts: Vec<Whereabouts>,
    /// Every word of the index (names, handles, tags, places) and the vocabulary, with how
    /// often it occurs: the spellings a mistyped word is corrected to. Made on first need.
    words: Arc<OnceLock<Words>>,
}

/// Known words, sorted, one after another in one text, each with how often it occurs: a
/// million creators' words take tens of megabytes less than a map of strings.
#[derive(Debug, Default)]
pub struct Words {
    text: String,
    /// Where each word ends in `text`.
    ends: Vec<u32>,
    counts: Vec<u32>,
}

impl Words {
    /// The words of `words`, which is given back a node at a time as they are copied.
    fn from(words: BTreeMap<compact_str::CompactString, u32>) -> Words {
        let mut out = Words {
            text: String::with_capacity(words.keys().map(|w| w.len()).sum()),
            ends: Vec::with_capacity(words.len()),
            counts: Vec::with_capacity(words.len()),
        };
        for (word, count) in words {
            out.text.push_str(&word);
            out.ends.push(out.text.len() as u32);
            out.counts.push(count);
        }
        out
    }

    /// Each word with its count, in order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, u32)> {
        let starts = std::iter::once(0).chain(self.ends.iter().copied());
        starts
            .zip(&self.ends)
            .zip(&self.counts)
            .map(|((a, &b), &n)| (self.text.get(a as usize..b as usize).unwrap_or_default(), n))
    }

    /// How many words there are.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// True when there are none.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    fn get(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        self.text
            .get(start..self.ends[i] as usize)
            .unwrap_or_default()
    }

    /// True when `word` is one of them.
    pub fn contains(&self, word: &str) -> bool {
        let (mut low, mut high) = (0, self.len());
        while low < high {
            let mid = (low + high) / 2;
            match self.get(mid).cmp(word) {
                std::cmp::Ordering::Less => low = mid + 1,
                std::cmp::Ordering::Greater => high = mid,
                std::cmp::Ordering::Equal => return true,
            }
        }
        false
    }
}

impl PartialEq for Lexicon {
    fn eq(&self, other: &Lexicon) -> bool {
        self.niche_entries == other.niche_entries && self.whereabouts == other.whereabouts
    }
}

impl Lexicon {
    /// The vocabulary as it applies to `index`.
    pub fn new(index: &Index, vocabulary: Arc<Vocabulary>) -> Lexicon {
        let niche_entries = index
            .niches
            .iter()
            .map(|(_, lower)| vocabulary.niche(lower).to_vec())
            .collect();
        let whereabouts = index
            .locations
            .iter()
            .map(|(written, _)| vocabulary.whereabouts(written))
            .collect();
        Lexicon {
            vocabulary,
            niche_entries,
            whereabouts,
            words: Arc::new(OnceLock::new()),
        }
    }

    /// Which niche ids of the index `word` means through the vocabulary (empty when the word
    /// names no vocabulary entry).
    pub fn niches_meant(&self, word: &str) -> Option<Vec<bool>> {
        let entries = self.vocabulary.niche(word);
        if entries.is_empty() {
            return None;
        }
        Some(
            self.niche_entries
                .iter()
                .map(|own| own.iter().any(|e| entries.contains(e)))
                .collect(),
        )
    }

    /// Which location ids of the index are in the place `word` names (a city, or anywhere in a
    /// country); `None` when the word names no place.
    pub fn locations_in(&self, word: &str) -> Option<Vec<bool>> {
        let place = self.vocabulary.place(word)?;
        Some(
            self.whereabouts
                .iter()
                .map(|w| self.vocabulary.located_in(w, place))
                .collect(),
        )
    }

    /// Which location ids a free word naming a place finds: those in the place, and those whose
    /// text holds the place's name or one of its words — as the English name typed would
    /// (台北 finds what "taipei" finds, New Taipei included); `None` when the word names no
    /// place.
    pub fn locations_named(&self, index: &Index, word: &str) -> Option<Vec<bool>> {
        let place = self.vocabulary.place(word)?;
        let entry = &self.vocabulary.places[place as usize];
        let names: Vec<String> = std::iter::once(&entry.name)
            .chain(&entry.words)
            .map(|w| crate::model::vocabulary::key(w))
            .filter(|w| w.chars().count() >= 2)
            .collect();
        Some(
            self.whereabouts
                .iter()
                .zip(&index.locations)
                .map(|(w, (_, lower))| {
                    let lower = crate::model::vocabulary::key(lower);
                    self.vocabulary.located_in(w, place)
                        || names.iter().any(|n| lower.contains(n.as_str()))
                })
                .collect(),
        )
    }

    /// The known words, gathered on first need (from `index`, which must be the index this
    /// lexicon was made for).
    pub fn warm(&self, index: &Index) -> &Words {
        self.words
            .get_or_init(|| known_words(index, &self.vocabulary))
    }

    /// The word most likely meant by `word`: a known word one edit or one swapped pair of
    /// letters away (the most frequent, then the first in order); `None` when none is.
    pub fn correction(&self, index: &Index, word: &str) -> Option<String> {
        let words = self.warm(index);
        let word = word.to_lowercase();
        if words.contains(&word) {
            return None;
        }
        let length = word.chars().count();
        if length < 3 {
            return None;
        }
        words
            .iter()
            .filter(|(w, _)| w.chars().count().abs_diff(length) <= 1)
            .filter(|(w, _)| strsim::osa_distance(w, &word) == 1)
            .max_by(|(a, n), (b, m)| n.cmp(m).then_with(|| b.cmp(a)))
            .map(|(w, _)| w.to_string())
    }
}

/// The words of names, aliases, handles, niche tags and places, and of the vocabulary, lower
/// case, with their counts.
fn known_words(index: &Index, vocabulary: &Vocabulary) -> Words {
    // Words of up to 24 bytes (nearly all) are kept inside the map, not each on its own; the
    // map is in order, so that it becomes the final list without a sorted copy.
    let mut words: BTreeMap<compact_str::CompactString, u32> = BTreeMap::new();
    let mut add = |text: &str| {
        for w in text
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '-'))
            .map(|w| w.trim_matches(['.', '_', '-']))
            .filter(|w| w.chars().count() >= 3)
        {
            *words
                .entry(compact_str::CompactString::from(w.to_lowercase()))
                .or_insert(0) += 1;
        }
    };
    for row in 0..index.len() {
        add(index.ident_lower.get(row));
    }
    for (_, lower) in index.niches.iter().chain(index.locations.iter()) {
        add(lower);
    }
    for name in vocabulary.names() {
        add(name);
    }
    Words::from(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_are_found_and_listed_in_order_with_their_counts() {
        let mut map = BTreeMap::new();
        for (w, n) in [
            ("sarsa", 3),
            ("beauty", 7),
            ("日記本", 1),
            ("a-very-long-handle-name.2026", 2),
        ] {
            map.insert(compact_str::CompactString::from(w), n);
        }
        let words = Words::from(map);
        assert_eq!(words.len(), 4);
        let listed: Vec<(&str, u32)> = words.iter().collect();
        assert_eq!(
            listed,
            [
                ("a-very-long-handle-name.2026", 2),
                ("beauty", 7),
                ("sarsa", 3),
                ("日記本", 1)
            ]
        );
        for (w, _) in &listed {
            assert!(words.contains(w), "{w}");
        }
        for absent in ["", "sars", "sarsaa", "beautyx", "日記", "zzz"] {
            assert!(!words.contains(absent), "{absent}");
        }
        assert!(!Words::default().contains("x") && Words::default().is_empty());
    }
}
