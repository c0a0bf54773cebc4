//! Parts of the screen drawn in more than one place: the result table, and the creator's
//! details (a pane beside the results, or a whole screen over them).

pub mod columns;
pub mod detail;
pub mod results;
