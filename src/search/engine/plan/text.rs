//! The text side of a plan: the quick upper bound of a word's score in a text, the quick check
//! that a word occurs at all, and the parts of a row's text that are scored.

use super::{MAX_FUZZY_WORD, MAX_SCORED_TEXT, Word};
use crate::search::index::flag;
use crate::search::query::Has;

/// The most `word` can score in `part` (see [`Plan::check`]). The first character is
/// scored on its own position's bonus only (the scorer reaches it through a gap from nothing:
/// 16 + bonus − 1); later ones on at most the largest bonus of any position holding one of the
/// word's characters, carried along or their own, and never less than 4.
pub(super) fn part_bound(part: &str, word: &Word) -> i32 {
    let first = word.pattern.chars().next();
    let (mut first_bonus, mut any_bonus): (i32, i32) = (0, 4);
    let mut prev: Option<char> = None;
    for c in part.chars() {
        if word.pattern.contains(c) {
            let here = match prev {
                None => 16,
                Some(p) if is_hard_separator(p) => 8,
                Some(p) if is_soft_separator(p) => 7,
                Some(p) if (p.is_ascii_digit() || !is_special(p)) && c.is_ascii_uppercase() => 6,
                Some(_) => 0,
            };
            any_bonus = any_bonus.max(here);
            if Some(c) == first {
                first_bonus = first_bonus.max(here);
            }
        }
        prev = Some(c);
    }
    let rest = word.chars.saturating_sub(1) as i32;
    (15 + first_bonus)
        .saturating_add(rest.saturating_mul(16 + any_bonus))
        .min(word.ceiling)
}

/// [`part_bound`] for an ASCII word in one pass over the bytes, which also checks that the word
/// occurs in the part at all (a phrase as a whole, a word in order); `None` if it does not.
pub(super) fn ascii_part_bound(part: &[u8], word: &Word, set: &[bool; 128]) -> Option<i32> {
    let pattern = word.pattern.as_bytes();
    let phrase = word.pieces.len() == 1 && pattern.len() > 1;
    if phrase && memchr::memmem::find(part, pattern).is_none() {
        return None;
    }
    let (mut first_bonus, mut any_bonus): (i32, i32) = (0, 4);
    let mut next = 0;
    let mut prev: Option<u8> = None;
    for &b in part {
        if b < 128 && set[b as usize] {
            let here = match prev {
                None => 16,
                Some(p) if p < 128 && is_hard_separator(p as char) => 8,
                Some(p) if p < 128 && is_soft_separator(p as char) => 7,
                Some(p)
                    if (p >= 128 || p.is_ascii_digit() || !is_special(p as char))
                        && b.is_ascii_uppercase() =>
                {
                    6
                }
                Some(_) => 0,
            };
            any_bonus = any_bonus.max(here);
            if b == pattern[0] {
                first_bonus = first_bonus.max(here);
            }
        }
        if next < pattern.len() && b == pattern[next] {
            next += 1;
        }
        prev = Some(b);
    }
    if !phrase && next < pattern.len() {
        return None;
    }
    let rest = pattern.len().saturating_sub(1) as i32;
    Some(
        (15 + first_bonus)
            .saturating_add(rest.saturating_mul(16 + any_bonus))
            .min(word.ceiling),
    )
}

pub(super) fn is_hard_separator(c: char) -> bool {
    matches!(
        c,
        ' ' | '/' | '\\' | '|' | '(' | ')' | '[' | ']' | '{' | '}'
    )
}

pub(super) fn is_soft_separator(c: char) -> bool {
    matches!(c, '!'..='\'' | '*'..='.' | ':'..='@' | '^'..='`' | '~')
}

/// Characters the scorer does not treat as lower-case letters.
pub(super) fn is_special(c: char) -> bool {
    c.is_ascii_uppercase() || c.is_ascii_digit() || is_hard_separator(c) || is_soft_separator(c)
}

/// The part of a text that is scored.
pub(super) fn scored(text: &str) -> &str {
    match text.char_indices().nth(MAX_SCORED_TEXT) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}

/// The part of a word that is scored.
pub(super) fn scored_word(word: &str) -> &str {
    match word.char_indices().nth(MAX_FUZZY_WORD) {
        Some((at, _)) => &word[..at],
        None => word,
    }
}

/// The name, aliases and handles in an index's `ident` text (one a line).
pub(super) fn parts(hay: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(hay);
    std::iter::from_fn(move || {
        let text = rest?;
        match memchr::memchr(b'\n', text.as_bytes()) {
            Some(i) => {
                rest = Some(&text[i + 1..]);
                Some(&text[..i])
            }
            None => {
                rest = None;
                Some(text)
            }
        }
    })
}

/// True when `pieces` occur in `hay` in order: the quick check before scoring. A phrase is one
/// piece, so it must occur whole; a word is one piece per character.
pub(super) fn found(hay: &[u8], pieces: &[Vec<u8>]) -> bool {
    let mut at = 0;
    for piece in pieces {
        let rest = &hay[at..];
        let hit = match piece.as_slice() {
            [b] => memchr::memchr(*b, rest),
            bytes => memchr::memmem::find(rest, bytes),
        };
        match hit {
            Some(i) => at += i + piece.len(),
            None => return false,
        }
    }
    true
}

pub(super) fn has_flag(h: Has) -> u8 {
    match h {
        Has::Email => flag::EMAIL,
        Has::Rate => flag::RATE,
        Has::Engagement => flag::ENGAGEMENT,
        Has::Vetting => flag::VETTING,
        Has::Notes => flag::NOTES,
        Has::Url => flag::URL,
    }
}
