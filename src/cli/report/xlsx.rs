//! The report as an Excel workbook: a summary sheet, then one sheet per breakdown (creators,
//! platforms, tiers). Numbers are numbers, with formats; a figure that does not exist is an
//! empty cell, never 0.

use rust_xlsxwriter::{Format, Workbook, Worksheet, XlsxError};

use super::labels::{source, word};
use crate::model::Lang;
use crate::outreach::report::{Figure, Totals};
use crate::workspace::CampaignReport;

struct Formats {
    bold: Format,
    whole: Format,
    ratio: Format,
}

fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    value: Option<f64>,
    format: &Format,
) -> Result<(), XlsxError> {
    if let Some(v) = value {
        sheet.write_number_with_format(row, col, v, format)?;
    }
    Ok(())
}

fn headers(sheet: &mut Worksheet, lang: Lang, keys: &[&str], f: &Formats) -> Result<(), XlsxError> {
    for (i, k) in keys.iter().enumerate() {
        sheet.write_string_with_format(0, i as u16, word(lang, k), &f.bold)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    Ok(())
}

/// The figures of `t` from column `col` on: cost, views, engagements, clicks, code uses, sales,
/// then the ratios.
fn figures(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    t: &Totals,
    f: &Formats,
) -> Result<(), XlsxError> {
    for (i, (_, figure)) in t.figures().into_iter().enumerate() {
        figure_cell(sheet, row, col + i as u16, figure, f)?;
    }
    Ok(())
}

/// One figure in its cell: a count as a whole number, a ratio with two decimals.
fn figure_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    figure: Figure,
    f: &Formats,
) -> Result<(), XlsxError> {
    match figure {
        Figure::Count(n) => number(sheet, row, col, Some(n as f64), &f.whole),
        Figure::Ratio(v) => number(sheet, row, col, v, &f.ratio),
    }
}

/// The keys of the figures, in their order.
fn figure_keys() -> [&'static str; 12] {
    Totals::default().figures().map(|(key, _)| key)
}

/// The workbook's bytes.
pub fn xlsx(r: &CampaignReport, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let f = Formats {
        bold: Format::new().set_bold(),
        whole: Format::new().set_num_format("#,##0"),
        ratio: Format::new().set_num_format("#,##0.00"),
    };
    let report = &r.report;
    let mut book = Workbook::new();
    let summary = book.add_worksheet();
    summary.set_name(word(lang, "report"))?;
    let b = &r.campaign.brief;
    let mut row = 0u32;
    let mut lines: Vec<(&str, String)> =
        vec![("campaign", format!("{} ({})", b.name, r.campaign.id))];
    lines.extend(b.brand.clone().map(|v| ("brand", v)));
    lines.extend(b.product.clone().map(|v| ("product", v)));
    lines.push(("currency", report.currency.clone()));
    for (key, value) in lines {
        summary.write_string_with_format(row, 0, word(lang, key), &f.bold)?;
        summary.write_string(row, 1, value)?;
        row += 1;
    }
    for (key, value) in [
        ("budget", report.budget),
        ("committed", Some(report.committed)),
        ("paid", Some(report.paid)),
        ("owed", Some(report.owed)),
        ("entries", Some(report.totals.entries as u64)),
    ] {
        summary.write_string_with_format(row, 0, word(lang, key), &f.bold)?;
        number(summary, row, 1, value.map(|v| v as f64), &f.whole)?;
        row += 1;
    }
    let t = &report.totals;
    for (key, figure) in t.figures() {
        summary.write_string_with_format(row, 0, word(lang, key), &f.bold)?;
        figure_cell(summary, row, 1, figure, &f)?;
        row += 1;
    }
    summary.write_string_with_format(row, 0, word(lang, "source"), &f.bold)?;
    summary.write_string(row, 1, source(lang, t.source()))?;
    summary.set_column_width(0, 22)?;
    summary.set_column_width(1, 36)?;

    let sheet = book.add_worksheet();
    sheet.set_name(word(lang, "creators"))?;
    let mut keys = vec![
        "creator", "name", "stage", "platform", "tier", "fee", "paid",
    ];
    keys.extend(figure_keys());
    keys.extend(["on_time", "rounds", "live", "source", "posts"]);
    headers(sheet, lang, &keys, &f)?;
    for (i, c) in report.creators.iter().enumerate() {
        let row = i as u32 + 1;
        sheet.write_string(row, 0, &c.creator)?;
        sheet.write_string(row, 1, c.name.as_deref().unwrap_or(""))?;
        sheet.write_string(row, 2, c.stage.name())?;
        sheet.write_string(row, 3, c.platform.as_ref().map_or("", |p| p.name()))?;
        sheet.write_string(row, 4, c.tier.map_or("", |t| t.name()))?;
        number(sheet, row, 5, c.fee.map(|v| v as f64), &f.whole)?;
        number(sheet, row, 6, Some(c.paid as f64), &f.whole)?;
        match &c.results {
            Some(t) => figures(sheet, row, 7, t, &f)?,
            None => number(sheet, row, 7, c.cost.map(|v| v as f64), &f.whole)?,
        }
        let on_time = match c.on_time {
            Some(true) => word(lang, "yes"),
            Some(false) => word(lang, "no"),
            None => "",
        };
        sheet.write_string(row, 19, on_time)?;
        number(sheet, row, 20, Some(c.rounds as f64), &f.whole)?;
        sheet.write_string(row, 21, word(lang, &format!("live-{}", c.live.name())))?;
        sheet.write_string(
            row,
            22,
            c.results.as_ref().map_or("", |t| source(lang, t.source())),
        )?;
        let posts: Vec<&str> = c.posts.iter().filter_map(|p| p.url.as_deref()).collect();
        sheet.write_string(row, 23, posts.join(" "))?;
    }
    sheet.autofit();

    for (key, first, list) in [
        (
            "platforms",
            "platform",
            report
                .by_platform
                .iter()
                .map(|(k, t)| (k.clone(), t))
                .collect::<Vec<_>>(),
        ),
        (
            "tiers",
            "tier",
            report
                .by_tier
                .iter()
                .map(|(k, t)| (k.name().to_string(), t))
                .collect(),
        ),
    ] {
        let sheet = book.add_worksheet();
        sheet.set_name(word(lang, key))?;
        let mut keys = vec![first, "entries"];
        keys.extend(figure_keys());
        headers(sheet, lang, &keys, &f)?;
        for (i, (group, t)) in list.iter().enumerate() {
            let row = i as u32 + 1;
            sheet.write_string(row, 0, group)?;
            number(sheet, row, 1, Some(t.entries as f64), &f.whole)?;
            figures(sheet, row, 2, t, &f)?;
        }
        sheet.autofit();
    }
    book.save_to_buffer()
}
