//! A query compiled against one index: tag filters become bit sets over the index's tables,
//! words become patterns with their scores against every distinct niche and location worked
//! out once, and channel terms become tests run on each channel.

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;

use super::{Options, Rates, Track};
use crate::model::{Kind, Stage, Tier, TierBounds};
use crate::search::index::{Index, NONE};
use crate::search::query::{Bounds, Filter, Query, QueryError};

mod filters;
mod pick;
pub(super) mod skim;
mod text;
mod why;
use filters::platform_set;
use text::{ascii_part_bound, found, has_flag, part_bound, parts, scored, scored_word};

/// A niche match ranks a little below the same match in a name or handle.
const NICHE_PENALTY: i32 = 8;
/// A location match ranks below a niche match.
const LOCATION_PENALTY: i32 = 16;
/// A word longer than this (in characters) is matched whole, as a phrase is: fuzzy scoring
/// costs the word's length times the text's, and nobody misspells a word that long.
pub(crate) const MAX_FUZZY_WORD: usize = 32;
/// Only this many characters of a name, alias or handle are scored (all of it is searched).
pub(crate) const MAX_SCORED_TEXT: usize = 128;

pub(super) struct Plan<'a> {
    index: &'a Index,
    words: Vec<Word>,
    excluded_words: Vec<Word>,
    /// (negated, allowed) for tag-like filters, by table id.
    niches: Vec<(bool, Vec<bool>)>,
    locations: Vec<(bool, Vec<bool>)>,
    languages: Vec<(bool, Vec<bool>)>,
    kinds: Vec<(bool, [bool; 5])>,
    has: Vec<(bool, u8)>,
    stages: Vec<(bool, Vec<Stage>)>,
    row_stages: Option<&'a [Option<Stage>]>,
    /// (negated, wanted) for `worked:` and `rebook:`.
    worked: Vec<(bool, bool)>,
    rebook: Vec<(bool, bool)>,
    pub(super) row_tracks: Option<&'a [Option<Track>]>,
    rates: Option<&'a Rates>,
    /// Platform codes of the open campaign's platforms.
    prefer: Vec<bool>,
    channel_all: Vec<ChannelTest>,
    channel_none: Vec<ChannelTest>,
}

/// A free word or phrase, ready to test.
struct Word {
    pattern: String,
    /// How many characters `pattern` has (counted once, not for every row).
    chars: usize,
    /// The word has capitals, so it is compared as written (smart case).
    sensitive: bool,
    /// Pieces of the pattern to find in order, for the quick check.
    pieces: Vec<Vec<u8>>,
    /// The best score the word can get in any text.
    ceiling: i32,
    /// For an ASCII word, its bytes as a set (for the one-pass upper bound).
    ascii_set: Option<[bool; 128]>,
    niche_scores: Vec<Option<i32>>,
    location_scores: Vec<Option<i32>>,
}

enum ChannelTest {
    Platform(Vec<bool>),
    Followers(Bounds<u64>),
    Tier(Vec<Tier>, TierBounds),
    Engagement(Bounds<f64>),
}

impl<'a> Plan<'a> {
    pub fn new(
        index: &'a Index,
        query: &Query,
        options: &Options<'a>,
    ) -> Result<Plan<'a>, QueryError> {
        let mut plan = Plan {
            index,
            words: Vec::new(),
            excluded_words: Vec::new(),
            niches: Vec::new(),
            locations: Vec::new(),
            languages: Vec::new(),
            kinds: Vec::new(),
            has: Vec::new(),
            stages: Vec::new(),
            row_stages: options.stages,
            worked: Vec::new(),
            rebook: Vec::new(),
            row_tracks: options.tracks,
            rates: options.rates,
            prefer: pick::preferred(index, options.prefer),
            channel_all: Vec::new(),
            channel_none: Vec::new(),
        };
        for term in &query.terms {
            let neg = term.negated;
            match &term.filter {
                Filter::Word(w) => plan.add_word(w, false, neg),
                Filter::Phrase(p) => plan.add_word(p, true, neg),
                Filter::Niche(values) => {
                    let set = filters::niche_set(index, values, &term.span)?;
                    plan.niches.push((neg, set));
                }
                Filter::Location(values) => {
                    plan.locations
                        .push((neg, filters::location_set(index, values)));
                }
                Filter::Language(values) => {
                    let set = index
                        .languages
                        .iter()
                        .map(|l| {
                            values.iter().any(|v| {
                                l == v
                                    || (l.starts_with(v.as_str()) && l[v.len()..].starts_with('-'))
                            })
                        })
                        .collect();
                    plan.languages.push((neg, set));
                }
                Filter::Kind(kinds) => {
                    let mut set = [false; 5];
                    for k in kinds {
                        let i = Kind::ALL.iter().position(|x| x == k).unwrap_or(0);
                        set[i + 1] = true;
                    }
                    plan.kinds.push((neg, set));
                }
                Filter::Has(list) => {
                    let mask = list.iter().fold(0, |m, h| m | has_flag(*h));
                    plan.has.push((neg, mask));
                }
                Filter::Worked(_) | Filter::Rebook(_) if options.tracks.is_none() => {
                    return Err(QueryError {
                        span: term.span.clone(),
                        message: "worked: and rebook: need the campaigns read".into(),
                    });
                }
                Filter::Worked(yes) => plan.worked.push((neg, *yes)),
                Filter::Rebook(yes) => plan.rebook.push((neg, *yes)),
                Filter::Stage(stages) => {
                    if options.stages.is_none() {
                        return Err(QueryError {
                            span: term.span.clone(),
                            message: "stage: needs a campaign (open one, or pass --campaign)"
                                .into(),
                        });
                    }
                    plan.stages.push((neg, stages.clone()));
                }
                Filter::Platform(list) => {
                    filters::known_platforms(index, list, &term.span)?;
                    let test = ChannelTest::Platform(platform_set(index, list));
                    plan.push_channel(neg, test);
                }
                Filter::Followers(b) => plan.push_channel(neg, ChannelTest::Followers(*b)),
                Filter::Tier(t) => {
                    plan.push_channel(neg, ChannelTest::Tier(t.clone(), options.tiers))
                }
                Filter::Engagement(b) => plan.push_channel(neg, ChannelTest::Engagement(*b)),
            }
        }
        Ok(plan)
    }

    fn push_channel(&mut self, negated: bool, test: ChannelTest) {
        if negated {
            self.channel_none.push(test);
        } else {
            self.channel_all.push(test);
        }
    }

    fn add_word(&mut self, text: &str, phrase: bool, negated: bool) {
        let sensitive = text.chars().any(char::is_uppercase);
        let pattern = if sensitive {
            text.to_string()
        } else {
            text.to_lowercase()
        };
        // `-word` excludes what contains the word, as written; a long word is found whole.
        let whole = phrase || negated || pattern.chars().count() > MAX_FUZZY_WORD;
        let pieces = if whole {
            vec![pattern.as_bytes().to_vec()]
        } else {
            pattern
                .chars()
                .map(|c| c.to_string().into_bytes())
                .collect()
        };
        let ceiling = skim::score(scored_word(&pattern), scored_word(&pattern)).unwrap_or(i32::MAX);
        let ascii_set = pattern.is_ascii().then(|| {
            let mut set = [false; 128];
            for b in pattern.bytes() {
                set[b as usize] = true;
            }
            set
        });
        let mut word = Word {
            chars: pattern.chars().count(),
            pattern,
            sensitive,
            pieces,
            ceiling,
            ascii_set,
            niche_scores: Vec::new(),
            location_scores: Vec::new(),
        };
        let tables = (&self.index.niches, &self.index.locations);
        word.niche_scores = tables
            .0
            .iter()
            .map(|(o, l)| self.text_score(&word, if sensitive { o } else { l }))
            .collect();
        word.location_scores = tables
            .1
            .iter()
            .map(|(o, l)| self.text_score(&word, if sensitive { o } else { l }))
            .collect();
        // Through the vocabulary, 美妝 is as good a match for "beauty" as "beauty" is, and 台北
        // for "Taipei, TW".
        let lexicon = &self.index.lexicon;
        let best = Some(word.ceiling);
        if let Some(meant) = lexicon.niches_meant(&word.pattern) {
            for (score, yes) in word.niche_scores.iter_mut().zip(meant) {
                if yes {
                    *score = (*score).max(best);
                }
            }
        }
        if let Some(within) = lexicon.locations_named(self.index, &word.pattern) {
            for (score, yes) in word.location_scores.iter_mut().zip(within) {
                if yes {
                    *score = (*score).max(best);
                }
            }
        }
        if negated {
            self.excluded_words.push(word);
        } else {
            self.words.push(word);
        }
    }

    /// How well `word` matches `text`, if at all.
    fn text_score(&self, word: &Word, text: &str) -> Option<i32> {
        if !found(text.as_bytes(), &word.pieces) {
            return None;
        }
        Some(self.score(word, text))
    }

    /// The scorer's figure for a text the word was found in: of the first
    /// [`MAX_SCORED_TEXT`] characters of the text against the first [`MAX_FUZZY_WORD`] of the
    /// word, so that no text and no word make it slow; at least 1.
    fn score(&self, word: &Word, text: &str) -> i32 {
        skim::score(scored(text), scored_word(&word.pattern))
            .map_or(1, |s| s.max(1))
            .min(word.ceiling)
    }

    /// `None` when row `row` does not match; else an upper limit of its relevance, found in the
    /// same pass over its text.
    ///
    /// The limit lets rows that cannot enter the best few be passed over without scoring them.
    /// It follows the scorer's rules: each matched character earns 16 and a bonus of at most the largest bonus any position of
    /// the text holding one of the word's characters has (16 at the start, 8 after a space or
    /// bracket, 7 after punctuation, 6 at a camel hump, else 0), and never less than 4; the
    /// first character only its own position's bonus, less 1.
    pub fn check(&self, row: usize) -> Option<i32> {
        if !self.passes_filters(row) || self.excluded_words.iter().any(|w| self.word_found(w, row))
        {
            return None;
        }
        let mut total = 0i32;
        for word in &self.words {
            total = total.saturating_add(self.word_bound(word, row)?);
        }
        Some(total)
    }

    /// How well a matching row matches the words: the sum of each word's best score.
    pub fn relevance(&self, row: usize) -> i32 {
        self.words
            .iter()
            .map(|w| self.word_score(w, row).unwrap_or(0))
            .fold(0i32, i32::saturating_add)
    }

    /// The highest relevance any row could have. The skim v2 scorer gives each matched
    /// character 16 plus a bonus of at most 16 (the doubled bonus of a text's first character,
    /// carried along a consecutive run); gaps only subtract. So no text scores more than a text
    /// that starts with the word, such as the word itself.
    pub fn best_possible(&self) -> i32 {
        self.words
            .iter()
            .map(|w| w.ceiling)
            .fold(0i32, i32::saturating_add)
    }

    /// The upper limit of `word`'s score in row `row`, or `None` if it does not occur there.
    fn word_bound(&self, word: &Word, row: usize) -> Option<i32> {
        let hay = self.names(word, row);
        let mut best = None;
        if found(hay.as_bytes(), &word.pieces) {
            for part in parts(hay) {
                let bound = match &word.ascii_set {
                    Some(set) => ascii_part_bound(part.as_bytes(), word, set),
                    None => found(part.as_bytes(), &word.pieces).then(|| part_bound(part, word)),
                };
                best = best.max(bound);
            }
        }
        best.max(self.tag_score(word, row))
    }

    /// The row's name, aliases and handles, as `word` compares them (as written, or lower-cased).
    fn names(&self, word: &Word, row: usize) -> &'a str {
        if word.sensitive {
            self.index.ident.get(row)
        } else {
            self.index.ident_lower.get(row)
        }
    }

    /// True when the query has words to rank by.
    pub fn has_words(&self) -> bool {
        !self.words.is_empty()
    }

    /// True when `word` occurs in one of the row's name, aliases, handles, niches or location
    /// (in order, for a word; whole, for a phrase).
    fn word_found(&self, word: &Word, row: usize) -> bool {
        let hay = self.names(word, row);
        if found(hay.as_bytes(), &word.pieces)
            && parts(hay).any(|p| found(p.as_bytes(), &word.pieces))
        {
            return true;
        }
        let ix = self.index;
        if ix
            .row_niches
            .get(row)
            .iter()
            .any(|&n| word.niche_scores[n as usize].is_some())
        {
            return true;
        }
        let l = ix.location[row];
        l != NONE && word.location_scores[l as usize].is_some()
    }

    /// The best score of `word` in the row's niches or location, which rank below names.
    fn tag_score(&self, word: &Word, row: usize) -> Option<i32> {
        let ix = self.index;
        let niches = ix
            .row_niches
            .get(row)
            .iter()
            .filter_map(|&n| word.niche_scores[n as usize])
            .map(|s| s - NICHE_PENALTY)
            .max();
        let l = ix.location[row];
        let location = (l != NONE)
            .then(|| word.location_scores[l as usize])
            .flatten()
            .map(|s| s - LOCATION_PENALTY);
        niches.max(location)
    }

    /// The best score of `word` in the row's names and handles, niches or location. A phrase is
    /// a single piece for the quick check, so it only scores where it occurs whole.
    fn word_score(&self, word: &Word, row: usize) -> Option<i32> {
        let hay = self.names(word, row);
        let mut best = None;
        // The whole text first: most rows fail here. Then each of name, aliases and handles on
        // its own, since a word must match within one of them.
        if found(hay.as_bytes(), &word.pieces) {
            for part in parts(hay) {
                if found(part.as_bytes(), &word.pieces) {
                    best = best.max(Some(self.score(word, part)));
                }
            }
        }
        best.max(self.tag_score(word, row))
    }
}

/// Character positions in `name` matched by the query's words and phrases.
pub(super) fn name_highlights(name: &str, query: &Query) -> Vec<usize> {
    let lower = name.to_lowercase();
    let same_length = lower.chars().count() == name.chars().count();
    let mut positions = Vec::new();
    for term in query.terms.iter().filter(|t| !t.negated) {
        let (text, phrase) = match &term.filter {
            Filter::Word(w) => (w, false),
            Filter::Phrase(p) => (p, true),
            _ => continue,
        };
        let sensitive = text.chars().any(char::is_uppercase);
        let (hay, pattern) = if sensitive {
            (name, text.clone())
        } else if same_length {
            (lower.as_str(), text.to_lowercase())
        } else {
            continue;
        };
        let phrase = phrase || pattern.chars().count() > MAX_FUZZY_WORD;
        let hay = if phrase { hay } else { scored(hay) };
        if phrase {
            if let Some(start) = hay.find(pattern.as_str()) {
                let first = hay[..start].chars().count();
                positions.extend(first..first + pattern.chars().count());
            }
        } else if let Some((_, found)) = SkimMatcherV2::default()
            .respect_case()
            // A matcher of its own for each word: the crate's keeps state between calls.
            .fuzzy_indices(hay, &pattern)
        {
            positions.extend(found);
        }
    }
    positions.sort_unstable();
    positions.dedup();
    positions
}
