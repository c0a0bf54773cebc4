//! What the vocabulary says of an index's own tags and places, worked out once when the index
//! is opened: which vocabulary entries each niche tag belongs to, and where each written
//! location is. With it a search understands 美妝 as beauty and makeup, and 台北 as Taipei (and
//! not New Taipei); and when a word finds nothing, it knows the near spellings worth trying.

use std::collections::HashMap;
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
    words: Arc<OnceLock<HashMap<String, u32>>>,
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
    pub fn warm(&self, index: &Index) -> &HashMap<String, u32> {
        self.words
            .get_or_init(|| known_words(index, &self.vocabulary))
    }

    /// The word most likely meant by `word`: a known word one edit or one swapped pair of
    /// letters away (the most frequent, then the first in order); `None` when none is.
    pub fn correction(&self, index: &Index, word: &str) -> Option<String> {
        let words = self.warm(index);
        let word = word.to_lowercase();
        if words.contains_key(&word) {
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
            .map(|(w, _)| w.clone())
    }
}

/// The words of names, aliases, handles, niche tags and places, and of the vocabulary, lower
/// case, with their counts.
fn known_words(index: &Index, vocabulary: &Vocabulary) -> HashMap<String, u32> {
    let mut words: HashMap<String, u32> = HashMap::new();
    let mut add = |text: &str| {
        for w in text
            .split(|c: char| !(c.is_alphanumeric() || c == '.' || c == '_' || c == '-'))
            .map(|w| w.trim_matches(['.', '_', '-']))
            .filter(|w| w.chars().count() >= 3)
        {
            *words.entry(w.to_lowercase()).or_insert(0) += 1;
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
    words
}
