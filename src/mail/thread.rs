//! Threads: the message ids a creator's entry has recorded (invitations and follow-ups sent,
//! replies read), what a follow-up answers, and its `Re:` subject.

use crate::model::Entry;

/// A message id without its angle brackets, as headers hold it between them.
pub fn bare(id: &str) -> &str {
    id.trim().trim_start_matches('<').trim_end_matches('>')
}

/// A message id as the history writes it: `<…>`.
pub fn bracketed(id: &str) -> String {
    format!("<{}>", bare(id))
}

/// The message ids of the entry's history, oldest first, each once.
pub fn of(entry: &Entry) -> Vec<String> {
    let mut records: Vec<&crate::model::Change> = entry.history.iter().collect();
    records.sort_by_key(|c| c.at);
    let mut ids: Vec<String> = Vec::new();
    for id in records.iter().filter_map(|c| c.message_id.as_deref()) {
        let id = bracketed(id);
        if !ids.contains(&id) {
            ids.push(id);
        }
    }
    ids
}

/// The subject of an answer: `Re: ` once before the subject, whatever prefixes it had
/// (`Re:`, `RE:`, `Fwd:` kept as they are, `回覆：`).
pub fn re(subject: &str) -> String {
    let mut rest = subject.trim();
    loop {
        let lower = rest.to_lowercase();
        let cut = ["re:", "re：", "回覆:", "回覆：", "回复:", "回复："]
            .iter()
            .find(|p| lower.starts_with(*p))
            .map(|p| p.len());
        match cut {
            Some(n) => rest = rest[n..].trim_start(),
            None => break,
        }
    }
    format!("Re: {rest}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn re_is_said_once() {
        assert_eq!(re("Hello"), "Re: Hello");
        assert_eq!(re("Re: Hello"), "Re: Hello");
        assert_eq!(re("RE: re: Hello"), "Re: Hello");
        assert_eq!(re("回覆：【Lumi】合作邀約"), "Re: 【Lumi】合作邀約");
        assert_eq!(bare("<a@b>"), "a@b");
        assert_eq!(bracketed("a@b"), "<a@b>");
    }
}
