//! The skim v2 score of a word in a text, as `fuzzy-matcher`'s `SkimMatcherV2` (matching case as
//! written) gives it to a text it scores first on a thread. That matcher keeps its score matrix
//! between calls and reads cells of it that the call did not write, so the same word in the same
//! text could score differently after other texts ("ooo" in "Too Good": 46 fresh, 50 after
//! others), and the ranking with it. This is its algorithm on a matrix made afresh each time,
//! kept in a buffer of the thread's own, checked against the crate by a property test.

use std::cell::RefCell;

const SCORE_MATCH: i32 = 16;
const GAP_START: i32 = -3;
const GAP_EXTENSION: i32 = -1;
const FIRST_CHAR_MULTIPLIER: i32 = 2;
const BONUS_HEAD: i32 = SCORE_MATCH / 2;
const BONUS_BREAK: i32 = SCORE_MATCH / 2 + GAP_EXTENSION;
const BONUS_CAMEL: i32 = SCORE_MATCH / 2 + 2 * GAP_EXTENSION;
const BONUS_CONSECUTIVE: i32 = -(GAP_START + GAP_EXTENSION);
/// The matrix's "no alignment".
const NONE: i32 = i16::MIN as i32;

/// One cell of the two rows of the matrix: the best score of an alignment ending in a match
/// here, of one ending in a gap here, and the bonus a match right after this one carries.
#[derive(Clone, Copy)]
struct Cell {
    matched: i32,
    skipped: i32,
    bonus: i32,
}

const FRESH: Cell = Cell {
    matched: NONE,
    skipped: NONE,
    bonus: 0,
};

#[derive(Default)]
struct Scratch {
    text: Vec<char>,
    word: Vec<char>,
    first: Vec<usize>,
    bonus: Vec<i32>,
    cells: Vec<Cell>,
}

thread_local! {
    static SCRATCH: RefCell<Scratch> = RefCell::new(Scratch::default());
}

#[derive(PartialEq, Eq, Clone, Copy)]
enum Kind {
    Empty,
    Upper,
    Lower,
    Number,
    HardSeparator,
    SoftSeparator,
}

fn kind(c: char) -> Kind {
    match c {
        '\0' => Kind::Empty,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}' => Kind::HardSeparator,
        '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~' => Kind::SoftSeparator,
        '0'..='9' => Kind::Number,
        'A'..='Z' => Kind::Upper,
        _ => Kind::Lower,
    }
}

/// The bonus of a character where the one before it is `prev`.
fn in_place(prev: char, c: char) -> i32 {
    match (kind(prev), kind(c)) {
        (Kind::Empty | Kind::HardSeparator, _) => BONUS_HEAD,
        (Kind::SoftSeparator, _) => BONUS_BREAK,
        (Kind::Lower | Kind::Number, Kind::Upper) => BONUS_CAMEL,
        _ => 0,
    }
}

/// The score of `word` in `text`, compared as written; `None` when its characters do not occur
/// in `text` in order.
pub(crate) fn score(text: &str, word: &str) -> Option<i32> {
    if word.is_empty() {
        return Some(0);
    }
    SCRATCH.with_borrow_mut(|s| {
        let Scratch {
            text: t,
            word: w,
            first,
            bonus,
            cells,
        } = s;
        t.clear();
        t.extend(text.chars());
        w.clear();
        w.extend(word.chars());
        // Where each character of the word first matches, in order.
        first.clear();
        for (i, &c) in t.iter().enumerate() {
            if first.len() == w.len() {
                break;
            }
            if c == w[first.len()] {
                first.push(i);
            }
        }
        if first.len() < w.len() {
            return None;
        }
        let cols = t.len() + 1;
        bonus.clear();
        bonus.resize(cols, 0);
        let mut prev = '\0';
        for (j, &c) in t.iter().enumerate() {
            bonus[j + 1] = in_place(prev, c);
            prev = c;
        }
        if cols > 1 {
            bonus[1] *= FIRST_CHAR_MULTIPLIER;
        }
        // Two rows, used in turn: row 0 before the first character, then each character's.
        cells.clear();
        cells.resize(2 * cols, FRESH);
        for cell in &mut cells[..cols] {
            cell.skipped = GAP_EXTENSION;
        }
        for (i, &wc) in w.iter().enumerate() {
            let (row, above) = (((i + 1) & 1) * cols, (i & 1) * cols);
            for j in first[i]..t.len() {
                let (here, left, diagonal) = (row + j + 1, row + j, above + j);
                if t[j] == wc {
                    let carried = cells[left].bonus.max(bonus[j + 1].max(BONUS_CONSECUTIVE));
                    cells[left].bonus = carried;
                    let after_match = cells[diagonal].matched + carried;
                    let after_gap = cells[diagonal].skipped + bonus[j + 1];
                    cells[here].matched = after_match.max(after_gap) + SCORE_MATCH;
                } else {
                    cells[here].matched = NONE;
                    cells[here].bonus = 0;
                }
                let gap_opened = GAP_START + GAP_EXTENSION + cells[left].matched;
                let gap_extended = GAP_EXTENSION + cells[left].skipped;
                cells[here].skipped = gap_opened.max(gap_extended);
            }
        }
        let last = (w.len() & 1) * cols;
        cells[last + first[w.len() - 1]..last + cols]
            .iter()
            .map(|c| c.matched)
            .max()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use fuzzy_matcher::FuzzyMatcher;
    use fuzzy_matcher::skim::SkimMatcherV2;
    use proptest::prelude::*;

    /// The crate's score, from a matcher that has scored nothing before.
    fn fresh(text: &str, word: &str) -> Option<i32> {
        SkimMatcherV2::default()
            .respect_case()
            .fuzzy_match(text, word)
            .map(|s| s as i32)
    }

    #[test]
    fn the_same_word_in_the_same_text_scores_the_same_whatever_came_before() {
        let used = SkimMatcherV2::default().respect_case();
        let before = used.fuzzy_match("Too Good", "ooo");
        let others = [
            (
                "OOOOOOOOOOOOOOOOOOOOOOOOOOOOOO oooooooo AAAA aaaaa nnnnn iiii",
                "ooo",
            ),
            ("Ab Ab Ab Ab Ab Ab Ab Ab Ab Ab Ab", "AA"),
        ];
        for (text, word) in others {
            let _ = used.fuzzy_match(text, word);
        }
        let after = used.fuzzy_match("Too Good", "ooo");
        // The crate's own matcher, used before, does not.
        assert_eq!((before, after), (Some(46), Some(50)));
        assert_eq!(score("Too Good", "ooo"), Some(46));
        for (text, word) in others {
            let _ = score(text, word);
        }
        assert_eq!(score("Too Good", "ooo"), Some(46));
    }

    #[test]
    fn known_scores() {
        for (text, word) in [
            ("sarsa", "sarsa"),
            ("Sarsa Lin", "lin"),
            ("kelly.wang", "wang"),
            ("KellyWang", "Wang"),
            ("莎莎 Sarsa", "莎"),
            ("a-b_c d/e", "bce"),
            ("", "a"),
            ("abc", ""),
        ] {
            assert_eq!(score(text, word), fresh(text, word), "{word:?} in {text:?}");
        }
    }

    fn text() -> impl Strategy<Value = String> {
        prop::collection::vec(
            prop::sample::select(vec![
                'a', 'o', 'n', 't', 'O', 'A', 'T', '0', '7', ' ', '.', '-', '_', '/', '(', '@',
                '莎', '美',
            ]),
            0..40,
        )
        .prop_map(|c| c.into_iter().collect())
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

        /// Every text and word scores as the crate scores it on a fresh matcher, whatever this
        /// thread scored before.
        #[test]
        fn scores_as_the_crate_does_afresh(
            before in text(),
            text in text(),
            word in text().prop_map(|w| w.chars().take(6).collect::<String>()),
        ) {
            let _ = score(&before, &word);
            prop_assert_eq!(score(&text, &word), fresh(&text, &word), "{:?} in {:?}", word, text);
        }
    }
}
