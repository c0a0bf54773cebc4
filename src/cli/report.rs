//! `shortlist report CAMPAIGN [--format table|json|csv|md|html|xlsx] [--out FILE]`: the
//! close-out report — what each creator delivered and what it cost, per platform and tier, and
//! for the campaign against its budget.

mod html;
mod json;
mod labels;
mod text;
mod xlsx;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{anyhow, bail};

use crate::model::Lang;
use crate::workspace::Session;
pub use json::json_of;

/// How the report is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// For the terminal
    Table,
    Json,
    /// One row per creator
    Csv,
    /// Markdown, for notes
    Md,
    /// One self-contained page for the brand (prints to PDF)
    Html,
    /// An Excel workbook
    Xlsx,
}

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The campaign's id
    #[arg(add = clap_complete::ArgValueCompleter::new(super::complete::campaigns))]
    pub(super) campaign: String,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// Write to FILE instead of standard output (replacing it)
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// The language of md, html and xlsx: zh-TW or en (default: the campaign's)
    #[arg(long, value_name = "LANG")]
    lang: Option<String>,
    /// With --format csv: start with a UTF-8 byte-order mark, so that Excel shows Chinese
    #[arg(long)]
    bom: bool,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let lang = match &args.lang {
        Some(text) => Some(
            Lang::parse(text)
                .ok_or_else(|| anyhow!("--lang {text:?} is not a language: zh-TW or en"))?,
        ),
        None => None,
    };
    session.find_campaign(&args.campaign)?;
    let roster = super::roster(session)?;
    let r = session.report(&roster, &args.campaign)?;
    crate::term::report::diagnostics(&r.problems);
    let lang = lang.unwrap_or(r.lang);
    let today = crate::clock::now()?.date();
    let bytes: Vec<u8> = match args.format {
        Format::Table => {
            let width = if args.out.is_some() {
                None
            } else {
                super::output::terminal_width()
            };
            text::table(&r, width).into_bytes()
        }
        Format::Json => {
            let mut text = serde_json::to_string_pretty(&json_of(&r))?;
            text.push('\n');
            text.into_bytes()
        }
        Format::Csv => {
            let mut out = Vec::new();
            super::output::bom(&mut out, args.bom)?;
            text::csv(&mut out, &r)?;
            out
        }
        Format::Md => text::markdown(&r, lang).into_bytes(),
        Format::Html => html::html(&r, lang, today)?.into_bytes(),
        Format::Xlsx => xlsx::xlsx(&r, lang)?,
    };
    match &args.out {
        Some(path) => {
            let file = path.display().to_string();
            if path.exists() {
                crate::store::write::replace(path, &file, &bytes)?;
            } else {
                crate::store::write::create(path, &file, &bytes)?;
            }
            crate::errln!("shortlist: wrote {file}");
        }
        None if args.format == Format::Xlsx => {
            if crate::term::stdout_is_terminal() {
                bail!(
                    "a workbook is not for the terminal: give --out FILE.xlsx (or redirect it to a file)"
                );
            }
            crate::term::document(&bytes)?;
        }
        None if args.format == Format::Json => {
            let text = String::from_utf8_lossy(&bytes);
            crate::term::out().write_all(crate::term::json_safe(&text).as_bytes())?;
        }
        None => crate::term::out().write_all(&bytes)?,
    }
    Ok(ExitCode::SUCCESS)
}
