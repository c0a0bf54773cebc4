//! Importing workbooks: xlsx written by an independent library (rust_xlsxwriter), and an
//! OpenDocument sheet as LibreOffice and Google Sheets save it, read with the same headers,
//! values and reports as CSV.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::io::Write;
use std::path::Path;

use crate::common::{Sandbox, outcome};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use shortlist::model::Platform;

fn import(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(
        sandbox
            .cmd()
            .arg("--workspace")
            .arg(ws)
            .arg("import")
            .args(args),
    )
}

/// A workbook of two sheets: notes first, then the list, as agencies send them.
fn agency_workbook(path: &Path) {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("說明").unwrap();
    notes
        .write_string(0, 0, "KOL 名單 2026 秋季 · 請勿外流")
        .unwrap();
    let list = book.add_worksheet();
    list.set_name("KOL名單").unwrap();
    let date = Format::new().set_num_format("yyyy-mm-dd");
    for (c, h) in [
        "名稱",
        "平台",
        "帳號",
        "粉絲數",
        "互動率",
        "信箱",
        "vetted_on",
    ]
    .iter()
    .enumerate()
    {
        list.write_string(0, c as u16, *h).unwrap();
    }
    let rows: [(&str, &str, &str, f64, f64, &str); 3] = [
        (
            "小安",
            "Instagram",
            "xiao.an",
            52000.0,
            0.045,
            "an@example.com",
        ),
        ("阿德", "YouTube", "ade_vlog", 128000.0, 0.031, "ade@"),
        (
            "Mia",
            "TikTok",
            "mia.dance",
            9800.0,
            0.12,
            "mia@example.com",
        ),
    ];
    for (r, (name, platform, handle, followers, er, email)) in rows.iter().enumerate() {
        let r = r as u32 + 1;
        list.write_string(r, 0, *name).unwrap();
        list.write_string(r, 1, *platform).unwrap();
        list.write_string(r, 2, *handle).unwrap();
        list.write_number(r, 3, *followers).unwrap();
        list.write_number(r, 4, *er).unwrap();
        list.write_string(r, 5, *email).unwrap();
        let day = ExcelDateTime::parse_from_str("2026-10-01").unwrap();
        list.write_datetime_with_format(r, 6, &day, &date).unwrap();
    }
    book.save(path).unwrap();
}

#[test]
fn an_xlsx_imports_its_list_sheet_with_cells_as_typed() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    agency_workbook(&sandbox.cwd().join("名單.xlsx"));
    let (code, out, err) = import(&sandbox, &ws, &["名單.xlsx"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    let lines: Vec<&str> = out.lines().collect();
    // The notes sheet is passed over for the one with headers.
    assert_eq!(
        lines[0],
        "名單.xlsx: 3 rows · xlsx workbook, sheet \"KOL名單\""
    );
    assert!(
        out.contains("名單.xlsx:2: new xiao.an (小安: instagram @xiao.an 52,000)"),
        "{out}"
    );
    // The bad address of row 3 is left out, the rest of the row imported.
    assert!(
        out.contains("名單.xlsx:3: new ade_vlog (阿德: youtube @ade_vlog 128,000)"),
        "{out}"
    );
    assert!(
        out.contains("名單.xlsx:3: left out: malformed email \"ade@\": nothing after the @ (cell F, \"信箱\")"),
        "{out}"
    );
    assert!(out.ends_with(&format!(
        "3 new · 0 updated · 0 unchanged · 0 duplicate · 0 to decide · 0 failed · 1 cell left out\nwrote {}: 3 new creators, 0 rows of updates\n",
        ws.join("creators.toml").display()
    )), "{out}");
    let text = std::fs::read_to_string(ws.join("creators.toml")).unwrap();
    let loaded = shortlist::store::parse_creators("creators.toml", text.as_bytes());
    let an = loaded
        .database
        .creators
        .iter()
        .find(|c| c.id == "xiao.an")
        .unwrap();
    let ig = an
        .channels
        .iter()
        .find(|c| c.platform == Platform::Instagram)
        .unwrap();
    // Fractions read as percents, dates as dates.
    assert_eq!((ig.followers, ig.engagement), (Some(52_000), Some(4.5)));
    assert_eq!(
        an.vetted_on.map(|d| d.to_string()).as_deref(),
        Some("2026-10-01")
    );
}

#[test]
fn a_sheet_is_chosen_by_name_and_a_wrong_name_is_helped() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    agency_workbook(&sandbox.cwd().join("list.xlsx"));
    let (code, out, _) = import(
        &sandbox,
        &ws,
        &["list.xlsx", "--sheet", "kol名單", "--dry-run"],
    );
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with("list.xlsx: 3 rows · xlsx workbook, sheet \"KOL名單\""),
        "{out}"
    );
    let (code, _, err) = import(
        &sandbox,
        &ws,
        &["list.xlsx", "--sheet", "KOL名单", "--dry-run"],
    );
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "--sheet: no sheet \"KOL名单\" (did you mean \"KOL名單\"? sheets: 說明, KOL名單)"
        ),
        "{err}"
    );
    // The sheet of notes alone has no list to import.
    let (code, out, err) = import(
        &sandbox,
        &ws,
        &["list.xlsx", "--sheet", "說明", "--dry-run"],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        err.contains("list.xlsx:1: no column says what it holds"),
        "{err}"
    );
    // A CSV has no sheets.
    std::fs::write(
        sandbox.cwd().join("a.csv"),
        "name,platform,handle\nA,ig,a\n",
    )
    .unwrap();
    let (code, _, err) = import(&sandbox, &ws, &["a.csv", "--sheet", "x"]);
    assert_eq!(code, 1);
    assert!(err.contains("not a workbook"), "{err}");
    // Nor is a broken workbook read as text.
    std::fs::write(sandbox.cwd().join("broken.xlsx"), b"PK\x03\x04garbage").unwrap();
    let (code, _, err) = import(&sandbox, &ws, &["broken.xlsx"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("broken.xlsx: not readable as a workbook"),
        "{err}"
    );
}

/// An OpenDocument spreadsheet with one table, `rows` of cells (numbers typed as floats).
fn ods(path: &Path, rows: &[&[&str]]) {
    let mut table = String::new();
    for row in rows {
        table.push_str("<table:table-row>");
        for cell in *row {
            if let Ok(n) = cell.parse::<f64>() {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"float\" office:value=\"{n}\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            } else {
                table.push_str(&format!(
                    "<table:table-cell office:value-type=\"string\"><text:p>{cell}</text:p></table:table-cell>"
                ));
            }
        }
        table.push_str("</table:table-row>");
    }
    let content = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet><table:table table:name="Creators">{table}</table:table></office:spreadsheet></office:body></office:document-content>"#
    );
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let file = std::fs::File::create(path).unwrap();
    let mut zip = zip::ZipWriter::new(file);
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).unwrap();
    zip.write_all(b"application/vnd.oasis.opendocument.spreadsheet")
        .unwrap();
    let deflated = zip::write::SimpleFileOptions::default();
    zip.start_file("content.xml", deflated).unwrap();
    zip.write_all(content.as_bytes()).unwrap();
    zip.start_file("META-INF/manifest.xml", deflated).unwrap();
    zip.write_all(manifest.as_bytes()).unwrap();
    zip.finish().unwrap();
}

#[test]
fn an_ods_from_google_sheets_imports_like_csv() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    ods(
        &sandbox.cwd().join("sheet.ods"),
        &[
            &["Name", "Platform", "Handle", "Followers", "Email"],
            &["Ola", "instagram", "ola.eats", "23400", "ola@example.com"],
            &["Pim", "tiktok", "pim.tt", "many", "pim@example.com"],
        ],
    );
    let (code, out, err) = import(&sandbox, &ws, &["sheet.ods"]);
    assert_eq!((code, err.as_str()), (0, ""), "{out}");
    assert!(
        out.starts_with("sheet.ods: 2 rows · ods workbook, sheet \"Creators\""),
        "{out}"
    );
    assert!(
        out.contains("sheet.ods:2: new ola.eats (Ola: instagram @ola.eats 23,400)"),
        "{out}"
    );
    assert!(
        out.contains("sheet.ods:3: left out: followers: \"many\" is not a number"),
        "{out}"
    );
    assert!(out.contains("(cell D, \"Followers\")"), "{out}");
}

#[test]
fn a_workbook_refuses_an_encoding() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    agency_workbook(&sandbox.cwd().join("list.xlsx"));
    let (code, _, err) = import(&sandbox, &ws, &["list.xlsx", "--encoding", "big5"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("a workbook says its own encoding; leave it out"),
        "{err}"
    );
}
