//! The screens under the overlays, one room each: the search (the query line, the results and
//! the creator's details), the pipeline board of the open campaign, the agenda, and the open
//! campaign's report.

pub mod board;
pub mod due;
pub mod report;
pub mod search;
