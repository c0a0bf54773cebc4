//! `shortlist search [QUERY] [--campaign C] [--sort KEY] [--limit N] [--format table|json|csv|vcf]`.
//!
//! An unchanged database is searched from the cached index alone, and only the creators that
//! are printed are decoded: that is what keeps a search of 100,000 creators quick to start.

use std::borrow::Cow;
use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::Context;

use super::output::{self, Format};
use crate::model::{Creator, Stage};
use crate::search::{self, Options, Query, QueryError, Sort, Track};
use crate::workspace::Session;

/// The options of `search`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The query: words, "quoted phrases", field:value filters, -term to exclude
    #[arg(value_name = "QUERY")]
    query: Vec<String>,
    /// Show the stage in this campaign, and allow stage: filters
    #[arg(long, value_name = "C")]
    campaign: Option<String>,
    /// Order results by relevance, followers, engagement, name or cpe (cost per engagement)
    #[arg(long, value_name = "KEY", value_parser = parse_sort)]
    sort: Option<Sort>,
    /// Print at most N results
    #[arg(long, value_name = "N")]
    limit: Option<usize>,
    /// Output format
    #[arg(long, value_enum, default_value = "table")]
    format: Format,
    /// With --format csv: start with a UTF-8 byte-order mark, so that Excel shows Chinese
    #[arg(long)]
    bom: bool,
}

fn parse_sort(text: &str) -> Result<Sort, String> {
    Sort::parse(text).ok_or_else(|| {
        let names: Vec<&str> = Sort::ALL.iter().map(|(n, _)| *n).collect();
        format!("expected one of {}", names.join(", "))
    })
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let text = args.query.join(" ");
    let query = match Query::parse(&text) {
        Ok(q) => q,
        Err(e) => return Ok(query_error(&text, &e)),
    };
    let db = super::roster(session)?;
    if db.errors() > 0 {
        crate::errln!(
            "shortlist: warning: {} has {} (run `shortlist check`); {} left out",
            session.shown(&session.workspace.creators_file()),
            plural(db.errors(), "error"),
            plural(db.rejected, "creator")
        );
    }
    // A broken vocabulary.toml leaves search with the built-in words: said, not fatal.
    crate::term::report::diagnostics(&db.vocabulary_problems);
    // In a campaign: each creator's stage, and its platforms to show creators by.
    let (stages, prefer): (Option<Arc<[Option<Stage>]>>, Vec<_>) = match &args.campaign {
        Some(id) => {
            let campaign = super::campaign_or_fail(session, &db, id)?;
            let stages = db.ids().stages(&campaign, db.index.len());
            (Some(stages), campaign.brief.platforms.clone())
        }
        None => (None, Vec::new()),
    };
    // The creators' records in the campaigns are read only when the search needs them.
    let tracks = if query.needs_history() || args.sort == Some(Sort::AchievedCpe) {
        Some(session.tracks(&db)?)
    } else {
        None
    };
    let rates = session.rates();
    let options = Options {
        sort: args.sort,
        limit: args.limit,
        tiers: session.config.tiers,
        stages: stages.as_deref(),
        tracks: tracks.as_deref(),
        rates: Some(&rates),
        prefer: &prefer,
    };
    let hits = match search::search(&db.index, &query, &options, None, &|| false) {
        Ok(Some(hits)) => hits,
        Ok(None) => anyhow::bail!("the search was interrupted"),
        Err(e) => return Ok(query_error(&text, &e)),
    };
    if let Some(corrected) = &hits.corrected {
        crate::errln!("shortlist: nothing matches {text:?}; showing results for \"{corrected}\"");
    }
    if args.sort == Some(Sort::CostPerEngagement) {
        missing_rates(&db.index, &hits, &rates);
    }
    let rows: Vec<(usize, Cow<'_, Creator>)> = hits
        .ranked
        .iter()
        .map(|&row| {
            let creator = db
                .creators
                .get(row as usize)
                .context("the cached database is damaged; run the search again")?;
            Ok((row as usize, creator))
        })
        .collect::<anyhow::Result<_>>()?;
    let stage_of = |row: usize| stages.as_ref().and_then(|s| s[row]);
    let track_of = |row: usize| tracks.as_ref().and_then(|t| t.get(row).copied().flatten());
    let shown = output::Shown {
        index: &db.index,
        tiers: &session.config.tiers,
        picked: &hits.picked,
        stage: stages
            .is_some()
            .then_some(&stage_of as &dyn Fn(usize) -> Option<Stage>),
        track: tracks
            .is_some()
            .then_some(&track_of as &dyn Fn(usize) -> Option<Track>),
        sort: args.sort,
        base: &rates.base,
    };
    let mut out = crate::term::out();
    let written = match args.format {
        Format::Json => output::json(&mut out, &rows, &shown),
        // The cards escape their own text; their CR LF line ends go out as they are.
        Format::Vcf => {
            let mut cards = Vec::new();
            super::vcard::write(
                &mut cards,
                rows.iter().map(|(_, c)| c.as_ref()),
                &session.config.currency,
            )
            .and_then(|()| crate::term::document(&cards))
        }
        Format::Csv => {
            output::bom(&mut out, args.bom).and_then(|()| output::csv(&mut out, &rows, &shown))
        }
        Format::Table => {
            let table = output::table(&rows, &shown, output::terminal_width());
            out.write_all(table.as_bytes())
        }
    };
    match written {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other?,
    }
    if args.format == Format::Table {
        if hits.total() == 0 {
            crate::errln!("no creators match");
        } else if rows.len() < hits.total() {
            crate::errln!("{} of {} matching creators shown", rows.len(), hits.total());
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Prints a query's problem with the query and a caret under the place, and exits 1.
fn query_error(text: &str, error: &QueryError) -> ExitCode {
    let column = crate::display::width(&text[..floor_char(text, error.span.start)]) + 1;
    crate::errln!(
        "shortlist: error: in the query at column {column}: {}",
        error.message
    );
    let (shown, before, marked) = excerpt(text, &error.span);
    crate::errln!("  {shown}");
    crate::errln!("  {}{}", " ".repeat(before), "^".repeat(marked));
    // `er:>3` unquoted reaches the program as `er:`: the shell took `>3` as a redirection.
    let term = text.get(error.span.clone()).unwrap_or("");
    if let Some(field) = ["er:", "followers:"]
        .into_iter()
        .find(|f| term.trim_start_matches('-').eq_ignore_ascii_case(f))
        && error.message.contains("needs a value")
    {
        let example = if field == "er:" {
            "er:>3"
        } else {
            "followers:>=10k"
        };
        crate::errln!(
            "  the shell reads > and < itself (a file may have been written): quote the query, '{example}'"
        );
    }
    ExitCode::from(1)
}

/// The part of a long query around `span`, escaped, to print above the carets: at most
/// [`AROUND`] characters before the place and after its start, cut ends marked `…`; with the
/// width before the place and the width of the place as shown.
fn excerpt(text: &str, span: &std::ops::Range<usize>) -> (String, usize, usize) {
    let start = floor_char(text, span.start);
    let end = floor_char(text, span.end.max(start));
    let from = text[..start]
        .char_indices()
        .rev()
        .nth(AROUND - 1)
        .map_or(0, |(i, _)| i);
    let to = text[start..]
        .char_indices()
        .nth(AROUND)
        .map_or(text.len(), |(i, _)| start + i);
    let cut_end = end.min(to);
    let mut shown = String::new();
    if from > 0 {
        shown.push('…');
    }
    shown.push_str(&crate::display::escape(&text[from..start]));
    let before = crate::display::width(&shown);
    let place = crate::display::escape(&text[start..cut_end]);
    let marked = crate::display::width(&place).max(1);
    shown.push_str(&place);
    shown.push_str(&crate::display::escape(&text[cut_end..to]));
    if to < text.len() {
        shown.push('…');
    }
    (shown, before, marked)
}

/// Characters of a long query shown either side of a problem's place.
const AROUND: usize = 60;

fn floor_char(text: &str, at: usize) -> usize {
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Says which exchange rates are missing for creators whose rate is in another currency:
/// they sort last, and the user should know why.
fn missing_rates(
    index: &crate::search::Index,
    hits: &crate::search::Hits,
    rates: &crate::search::Rates,
) {
    for (code, n) in search::missing_rates(index, &hits.matched, rates) {
        crate::errln!(
            "shortlist: note: no rate for {code} in config.toml ([currency] rates = {{ {code} = … }}): {n} creator{} with rates in {code} sort last",
            if n == 1 { "" } else { "s" }
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_query_is_shown_whole_with_the_place_marked() {
        let (shown, before, marked) = excerpt("莎莎 er:>3x", &(10..14));
        assert_eq!(shown, "莎莎 er:>3x");
        assert_eq!((before, marked), (8, 3));
    }

    #[test]
    fn a_long_query_is_cut_around_the_place() {
        let text = format!("{}niche:zzz{}", "ab ".repeat(100), " cd".repeat(100));
        let (shown, before, marked) = excerpt(&text, &(300..309));
        assert!(shown.starts_with('…') && shown.ends_with('…'), "{shown}");
        assert_eq!(
            &shown[shown.char_indices().nth(before).unwrap().0..][..9],
            "niche:zzz"
        );
        assert_eq!(marked, 9);
        assert_eq!(shown.chars().count(), 2 + 2 * AROUND);
        // A place longer than what is shown is marked only as far as it is shown.
        let (shown, before, marked) = excerpt(&"a".repeat(5000), &(500..5000));
        assert_eq!((before, marked), (1 + AROUND, AROUND));
        assert_eq!(shown.chars().count(), 2 + 2 * AROUND);
        // Controls are escaped and counted as shown.
        let (shown, before, _) = excerpt("\u{1b}[31m x:", &(6..8));
        assert_eq!(shown, "^[[31m x:");
        assert_eq!(before, 7);
    }
}
