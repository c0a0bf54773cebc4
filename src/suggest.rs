//! "Did you mean": the nearest known word to a likely typo, used for keys, fields, ids and
//! values alike so that every suggestion follows the same rule.

/// The candidate closest to `word` (compared without case), if it is close enough to be a
/// likely typo: at most two edits, and at most a third of the longer word.
pub fn nearest<'c>(word: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(d, c)| {
            let longest = word.chars().count().max(c.chars().count());
            *d <= 2 && *d * 3 <= longest
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_finds_typos_only() {
        let known = ["followers", "engagement", "handle", "platform"];
        assert_eq!(nearest("folowers", known), Some("followers"));
        assert_eq!(nearest("Platfrom", known), Some("platform"));
        assert_eq!(nearest("colour", known), None);
        assert_eq!(nearest("x", known), None);
    }
}
