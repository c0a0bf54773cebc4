//! The integration tests, compiled as one binary so that the suite builds and links once: the
//! real program run in sandboxes, on real files.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use shortlist::model;

#[path = "../support/synth.rs"]
mod synth;
mod team;

mod campaigns;
mod check;
mod common;
mod completion;
mod export;
mod fuzz;
mod golden;
mod hardening;
mod import;
mod interface;
mod load;
mod mail_loop;
mod merging;
mod production;
mod readme;
mod report;
mod search;
mod vocabulary;
mod workbooks;
mod workspace;
mod writers;
