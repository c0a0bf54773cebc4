//! `shortlist import FILE.csv|FILE.xlsx|FILE.ods [--sheet NAME] [--dry-run] [--map COLUMN=FIELD…] [--as-new]`: creators from a
//! spreadsheet, joined to those already in the database; a report of every row, then the
//! write (comments and layout of `creators.toml` kept).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::bail;

use crate::import::{self, Outcome};
use crate::store;
use crate::workspace::Session;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// The spreadsheet: a workbook (xlsx, xls, ods) or a CSV file (comma, semicolon or tab
    /// separated; UTF-8, UTF-16, Big5 or GB18030)
    file: PathBuf,
    /// Which sheet of a workbook (default: the first with anything in it)
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// Print the report; write nothing
    #[arg(long)]
    dry_run: bool,
    /// Read column COLUMN as FIELD (name, platform, handle, followers, engagement, email,
    /// niches, location, rate, url, …, or skip); may be given several times
    #[arg(long, value_name = "COLUMN=FIELD")]
    map: Vec<String>,
    /// Import a row that only shares its name with a creator as a new creator
    #[arg(long)]
    as_new: bool,
    /// The file's encoding, when it cannot be told from the file (utf-8, utf-16le, utf-16be,
    /// utf-32le, utf-32be, big5, gb18030)
    #[arg(long, value_name = "NAME")]
    encoding: Option<String>,
}

pub fn run(session: &Session, args: Args) -> anyhow::Result<ExitCode> {
    let shown = args.file.display().to_string();
    let bytes = store::files::read_bounded(&args.file, store::files::SHEET_LIMIT)
        .map_err(|e| anyhow::anyhow!("cannot read {shown}: {e}"))?;
    let mut sheet = import::read_sheet(
        &shown,
        &bytes,
        &args.map,
        args.encoding.as_deref(),
        args.sheet.as_deref(),
    )?;
    // The rows are read: the file's bytes are not needed any more.
    drop(bytes);

    let path = session.workspace.creators_file();
    let file = session.workspace.display_name(&path);
    let before = match store::files::read_bounded(&path, store::files::DATABASE_LIMIT) {
        Ok(b) => String::from_utf8(b)
            .map_err(|_| anyhow::anyhow!("{file} is not UTF-8 text (run `shortlist check`)"))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => bail!("cannot read {file}: {e}"),
    };
    let loaded = store::parse_creators(&file, before.as_bytes());
    let errors = loaded.diagnostics.iter().filter(|d| d.is_error()).count();
    if errors > 0 {
        bail!(
            "{file} has {errors} error{}: fix {} first (`shortlist check` lists them); nothing was imported",
            if errors == 1 { "" } else { "s" },
            if errors == 1 { "it" } else { "them" }
        );
    }
    // Niches and places are stored as the vocabulary writes them; its problems are said.
    let (vocabulary, problems) = session.vocabulary();
    crate::term::report::diagnostics(&problems);
    let separator = match sheet.separator {
        _ if sheet.workbook => "",
        b';' => "semicolon-separated · ",
        b'\t' => "tab-separated · ",
        _ => "comma-separated · ",
    };
    let row_count = sheet.rows.len();
    crate::outln!(
        "{shown}: {} row{} · {separator}{}",
        row_count,
        if row_count == 1 { "" } else { "s" },
        sheet.encoding
    );
    let columns: Vec<String> = sheet
        .headers
        .iter()
        .zip(&sheet.columns)
        .map(|(h, f)| match f {
            import::Field::Ignored(why) if why.is_empty() => format!("{h} → not imported"),
            import::Field::Ignored(why) => format!("{h} → not imported: {why}"),
            other => format!("{h} → {}", import::sheet::describe(other)),
        })
        .collect();
    match sheet.preamble.as_slice() {
        [] => {}
        [one] => crate::outln!("{shown}:{one}: above the header row: not imported"),
        [first, .., last] => {
            crate::outln!("{shown}:{first}-{last}: above the header row: not imported")
        }
    }
    crate::outln!("columns: {}", columns.join(" · "));
    let progress = crate::store::progress::Progress::new();
    crate::term::progress::step(format!(
        "matching the rows of {shown}: nothing was imported (creators.toml is written only at the end, whole)"
    ));
    let bar = crate::term::progress::show(&progress, "matching rows", "rows");
    // Each row's report is counted and written out as soon as it is made; kept as text until
    // the end while a progress bar is drawn.
    let streaming = bar.is_none();
    let mut lines = String::new();
    let mut counts = [0usize; 6];
    let mut left_out = 0;
    let mut plan = import::plan_with(
        &mut sheet,
        loaded.database.creators,
        args.as_new,
        &vocabulary,
        &progress,
        &mut |row| {
            counts[row.outcome.place()] += 1;
            left_out += row.left_out.len();
            report_row(&mut lines, &shown, &row);
            if streaming && lines.len() >= 1 << 16 {
                crate::out!("{lines}");
                lines.clear();
            }
        },
    );
    progress.finish();
    if let Some(bar) = bar {
        let _ = bar.join();
    }
    crate::out!("{lines}");
    drop(lines);
    let [new, updated, unchanged, duplicate, decide, failed] = counts;
    let cells = match left_out {
        0 => String::new(),
        1 => " · 1 cell left out".into(),
        n => format!(" · {n} cells left out"),
    };
    crate::outln!(
        "{} new · {updated} updated · {unchanged} unchanged · {duplicate} duplicate · {decide} to decide · {failed} failed{cells}",
        new
    );
    let code = if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    };
    if args.dry_run {
        crate::outln!("dry run: nothing was written");
        return Ok(code);
    }
    let changes = import::changes(&plan);
    let new_creators = import::new_creators(&mut plan);
    drop(plan);
    if changes.is_empty() && new_creators.is_empty() {
        crate::outln!("nothing to write: {file} is unchanged");
        return Ok(code);
    }
    match store::update_creators(&path, &file, &before, changes, new_creators) {
        Ok(_) => {
            let touched = updated;
            // The file by its whole path: the one to open, wherever the command was run.
            let file = path.display();
            crate::outln!(
                "wrote {file}: {new} new creator{}, {touched} row{} of updates",
                if new == 1 { "" } else { "s" },
                if touched == 1 { "" } else { "s" }
            );
            Ok(code)
        }
        Err(e) => bail!("{e}"),
    }
}

/// The lines that say what became of one row, added to `out`.
fn report_row(out: &mut String, shown: &str, row: &import::RowReport) {
    use std::fmt::Write;
    let at = format!("{shown}:{}", row.line);
    // Writing to a String cannot fail.
    let _ = match &row.outcome {
        Outcome::New { id, about } => writeln!(out, "{at}: new {id} ({about})"),
        Outcome::Updated { id, changes, notes } => {
            let _ = writeln!(out, "{at}: updated {id}: {}", changes.join("; "));
            notes
                .iter()
                .try_for_each(|note| writeln!(out, "{at}: note: {note}"))
        }
        Outcome::Unchanged { id, notes } => {
            let _ = writeln!(out, "{at}: unchanged {id}");
            notes
                .iter()
                .try_for_each(|note| writeln!(out, "{at}: note: {note}"))
        }
        Outcome::Duplicate { line } => writeln!(out, "{at}: duplicate of line {line}"),
        Outcome::Decide { message } => writeln!(out, "{at}: to decide: {message}"),
        Outcome::Failed { reason } => writeln!(out, "{at}: failed: {reason}"),
    };
    for cell in &row.left_out {
        let _ = writeln!(out, "{at}: left out: {cell}");
    }
    if !row.normalised.is_empty() {
        let _ = writeln!(
            out,
            "{at}: written as the vocabulary does: {}",
            row.normalised.join("; ")
        );
    }
}
