//! Finding the creator a row is: by id, channel, email, handle or name, in constant time.

use std::collections::HashMap;

use xxhash_rust::xxh3::xxh3_128;

use crate::model::Creator;

/// Where each id, channel, email, handle and name is first found among the creators, so that
/// a row is joined in constant time however large the database. Each is found by the 128-bit
/// hash of its text (see [`key`]) rather than the text itself: a database of 100,000 creators
/// is then a few megabytes of keys, not tens.
#[derive(Default)]
pub(super) struct Lookup {
    pub id: HashMap<u128, usize>,
    pub channel: HashMap<u128, usize>,
    pub email: HashMap<u128, usize>,
    pub handle: HashMap<u128, usize>,
    pub name: HashMap<u128, usize>,
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
        self.id.entry(exact(&c.id)).or_insert(i);
        for ch in &c.channels {
            self.channel
                .entry(channel(ch.platform.name(), &ch.handle))
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
pub(super) fn key(text: &str) -> u128 {
    xxh3_128(text.trim().to_lowercase().as_bytes())
}

/// Text compared as it is (ids).
pub(super) fn exact(text: &str) -> u128 {
    xxh3_128(text.as_bytes())
}

/// A platform and a handle, the handle compared as [`key`] does.
pub(super) fn channel(platform: &str, handle: &str) -> u128 {
    let mut text = String::with_capacity(platform.len() + handle.len() + 1);
    text.push_str(platform);
    text.push('\0');
    text.push_str(&handle.trim().to_lowercase());
    xxh3_128(text.as_bytes())
}
