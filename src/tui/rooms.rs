//! The registry of rooms: every mode of the key map, in the order help lists them. A new screen
//! or overlay is added here, once, beside its own file.

use super::keymap::{Keymap, Mode};
use super::overlays::{
    ask, campaigns, compare, confirm, date, detail, entry, export, exported, filter, form, help,
    note, problems, sort, stages, welcome,
};
use super::screens::{board, due, report, search};

/// Every mode, in the order help and the README list them.
pub const MODES: &[Mode] = &[
    search::NORMAL,
    search::TYPING,
    board::MODE,
    due::MODE,
    report::MODE,
    entry::MODE,
    form::MODE,
    stages::MODE,
    stages::NOTE,
    note::MODE,
    date::MODE,
    export::MODE,
    exported::MODE,
    confirm::MODE,
    ask::MODE,
    detail::MODE,
    compare::MODE,
    filter::MODE,
    sort::MODE,
    campaigns::MODE,
    welcome::MODE,
    help::MODE,
    problems::MODE,
];

/// The default key map: every room's bindings.
pub fn keymap() -> Keymap {
    Keymap::new(MODES)
}
