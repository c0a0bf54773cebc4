//! Finding the creator a row is: by id, channel, email, handle or name, in constant time.

use std::collections::HashMap;

use crate::model::Creator;

/// Where each id, channel, email, handle and name is first found among the creators, so that
/// a row is joined in constant time however large the database.
#[derive(Default)]
pub(super) struct Lookup {
    pub id: HashMap<String, usize>,
    pub channel: HashMap<(String, String), usize>,
    pub email: HashMap<String, usize>,
    pub handle: HashMap<String, usize>,
    pub name: HashMap<String, usize>,
}

impl Lookup {
    pub fn new(creators: &[Creator]) -> Lookup {
        let mut lookup = Lookup::default();
        for (i, c) in creators.iter().enumerate() {
            lookup.add(i, c);
        }
        lookup
    }

    /// Records what creator `i` has (earlier creators keep what they had).
    pub fn add(&mut self, i: usize, c: &Creator) {
        self.id.entry(c.id.to_string()).or_insert(i);
        for ch in &c.channels {
            self.channel
                .entry((ch.platform.name().to_string(), key(&ch.handle)))
                .or_insert(i);
            self.handle.entry(key(&ch.handle)).or_insert(i);
        }
        if let Some(e) = &c.email {
            self.email.entry(key(e)).or_insert(i);
        }
        if !c.name.is_empty() {
            self.name.entry(key(&c.name)).or_insert(i);
        }
    }
}

/// Text compared without regard to case or surrounding spaces.
pub(super) fn key(text: &str) -> String {
    text.trim().to_lowercase()
}
