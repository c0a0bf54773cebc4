//! Niche tags that split what should be one: a tag outside the vocabulary that is one of its
//! words (`美妝` for `beauty`), or spelt near a known tag (`skin-care` beside `skincare`).
//! Search finds both, but reports, exports and filters on a tag as written count them apart.

use std::collections::BTreeMap;

use crate::model::{Creator, Vocabulary};
use crate::store::{Diagnostic, LineIndex};
use crate::suggest::nearest;

/// A warning for each niche tag that likely splits one niche in two, at its first use in
/// `text` (the database `file`, whose creators are `creators`).
pub fn tag_problems(
    text: &str,
    file: &str,
    creators: &[Creator],
    vocabulary: &Vocabulary,
) -> Vec<Diagnostic> {
    // Each tag (without case): how many creators carry it, and the first of them.
    let mut uses: BTreeMap<String, (usize, &Creator, &str)> = BTreeMap::new();
    for c in creators {
        let mut own: Vec<String> = Vec::new();
        for tag in &c.niches {
            let lower = tag.to_lowercase().to_string();
            if own.contains(&lower) {
                continue;
            }
            own.push(lower.clone());
            uses.entry(lower).or_insert((0, c, tag)).0 += 1;
        }
    }
    let is_tag = |t: &str| {
        vocabulary.niche(t).iter().any(|&e| {
            vocabulary.niches[e as usize]
                .tags
                .iter()
                .any(|x| x.eq_ignore_ascii_case(t))
        })
    };
    let lines = LineIndex::new(text);
    let mut problems = Vec::new();
    for (tag, &(count, first, written)) in &uses {
        if is_tag(tag) {
            continue;
        }
        let message = match vocabulary.niche(tag).first() {
            // A word of the vocabulary, written as a tag.
            Some(&e) => {
                let Some(meant) = vocabulary.niches[e as usize].tags.first() else {
                    continue;
                };
                format!(
                    "niche \"{written}\" ({}) is the vocabulary's word for \"{meant}\"{}: tag {} \"{meant}\" so that reports and exports count them together",
                    creators_n(count),
                    also(&uses, meant),
                    if count == 1 { "it" } else { "them" },
                )
            }
            None => {
                // Near a tag of the vocabulary, or one more creators carry.
                let known = vocabulary
                    .niches
                    .iter()
                    .flat_map(|n| n.tags.iter().map(String::as_str))
                    .chain(
                        uses.iter()
                            .filter(|(t, u)| u.0 > count && *t != tag)
                            .map(|(t, _)| t.as_str()),
                    )
                    .filter(|k| k.chars().count().abs_diff(tag.chars().count()) <= 2)
                    .filter(|k| *k != tag);
                let Some(near) = nearest(tag, known) else {
                    continue;
                };
                format!(
                    "niche \"{written}\" ({}) is spelt near \"{near}\"{}: likely one niche split in two; write them one way",
                    creators_n(count),
                    also(&uses, near),
                )
            }
        };
        let (line, column) = place(text, &lines, first, written);
        problems.push(Diagnostic::warning(file, line, column, message));
    }
    problems
}

fn creators_n(n: usize) -> String {
    if n == 1 {
        "1 creator".into()
    } else {
        format!("{n} creators")
    }
}

/// ", on 8 creators" when `tag` is in use.
fn also(uses: &BTreeMap<String, (usize, &Creator, &str)>, tag: &str) -> String {
    match uses.get(&tag.to_lowercase()) {
        Some((n, ..)) => format!(" (on {})", creators_n(*n)),
        None => String::new(),
    }
}

/// Where `tag` is written in creator `c`'s table: the quoted tag at or after the creator's
/// line; the creator's line when it cannot be found (written with escapes).
fn place(text: &str, lines: &LineIndex, c: &Creator, tag: &str) -> (u32, u32) {
    let start = lines.start(c.line).unwrap_or(0);
    let quoted = format!("\"{tag}\"");
    match text.get(start..).and_then(|rest| rest.find(&quoted)) {
        Some(at) => lines.locate(text, start + at),
        None => (c.line.max(1), 1),
    }
}
