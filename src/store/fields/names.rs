//! Reading names: platforms, choices among fixed names, and keys — the readers that say which
//! name was meant when the one written is not known.

use super::{Fields, nearest};

impl Fields<'_, '_, '_, '_> {
    /// A platform by name or alias (`ig`, `yt`, `小紅書`); an unknown one is kept as written
    /// with a warning naming the nearest known platform.
    pub fn platform(&mut self, key: &str, required: bool) -> Option<crate::model::Platform> {
        use crate::model::Platform;
        let p = self.non_blank(key, required)?;
        let platform = Platform::parse(p.get_ref());
        if let Platform::Other(name) = &platform {
            self.warning(&p.span(), unknown_platform(name));
        }
        Some(platform)
    }

    /// One of a fixed set of names (`what` says of what, for messages: "step"); anything else
    /// is an error naming the nearest or listing them all.
    pub fn choice<T>(
        &mut self,
        key: &str,
        required: bool,
        what: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
    ) -> Option<T> {
        let text = self.non_blank(key, required)?;
        let value = parse(text.get_ref());
        if value.is_none() {
            let shown = text.get_ref().trim().escape_debug().to_string();
            let message = match nearest(&shown, names.iter().copied()) {
                Some(near) => format!("unknown {what} \"{shown}\" (did you mean \"{near}\"?)"),
                None => format!("unknown {what} \"{shown}\" ({what}s: {})", names.join(", ")),
            };
            self.error(&text.span(), message);
        }
        value
    }

    /// Reports every key not in `known` as an error, with the nearest known key: for tables of
    /// a fixed shape, where a misspelt key would silently lose a date or a figure.
    pub fn unknown_keys_are_errors(&mut self, known: &[&str]) {
        self.unknown_keys_are_errors_or(known, |_| None);
    }

    /// Like [`Fields::unknown_keys_are_errors`], saying what `elsewhere` says of a key that
    /// belongs in another table.
    pub fn unknown_keys_are_errors_or(
        &mut self,
        known: &[&str],
        elsewhere: impl Fn(&str) -> Option<String>,
    ) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) {
                continue;
            }
            let message = match (elsewhere(name), nearest(name, known.iter().copied())) {
                (Some(hint), _) => format!("unknown key \"{name}\" ({hint})"),
                (None, Some(near)) => format!("unknown key \"{name}\" (did you mean \"{near}\"?)"),
                (None, None) => format!("unknown key \"{name}\" (keys: {})", known.join(", ")),
            };
            self.error(&key.span(), message);
        }
    }

    /// Warns about every key not in `known`, suggesting the nearest known key, or what `elsewhere`
    /// says about keys that belong in another table.
    pub fn unknown_keys(&mut self, known: &[&str], elsewhere: impl Fn(&str) -> Option<String>) {
        self.unknown_keys_where(known, elsewhere, |_| true);
    }

    /// Like [`Fields::unknown_keys`], warning only about the keys `worth` picks.
    pub fn unknown_keys_where(
        &mut self,
        known: &[&str],
        elsewhere: impl Fn(&str) -> Option<String>,
        worth: impl Fn(&str) -> bool,
    ) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref().as_ref();
            if known.contains(&name) || !worth(name) {
                continue;
            }
            let message = unknown_key(name, known, elsewhere(name));
            self.warning(&key.span(), message);
        }
    }
}

/// What is said of a key not in `known`: what `elsewhere` says of it (it belongs in another
/// table), or else the nearest known key.
pub(crate) fn unknown_key(name: &str, known: &[&str], elsewhere: Option<String>) -> String {
    match elsewhere
        .or_else(|| nearest(name, known.iter().copied()).map(|n| format!("did you mean \"{n}\"?")))
    {
        Some(hint) => format!("unknown key \"{name}\" ({hint})"),
        None => format!("unknown key \"{name}\""),
    }
}

/// What is said of a platform the program does not know, kept as written.
pub(crate) fn unknown_platform(name: &str) -> String {
    use crate::model::Platform;
    let known = Platform::KNOWN.each_ref().map(|k| k.name());
    match nearest(name, known) {
        Some(near) => {
            format!("unknown platform \"{name}\" (did you mean \"{near}\"?); kept as written")
        }
        None => format!(
            "unknown platform \"{name}\", kept as written (known: {})",
            known.join(", ")
        ),
    }
}
