//! `shortlist export` through the real binary, every format read back with mail-parser: subject,
//! names, recipient, body and headers, in Chinese and English, from data that tries to break
//! headers; and exports that must write nothing.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::{Path, PathBuf};

use crate::common::Sandbox;
use mail_parser::{Message, MessageParser, MimeHeaders};

const NOW: &str = "2026-11-22T09:30:00+08:00";

const CREATORS: &str = r#"
[[creator]]
id = "mei"
name = "小梅 Mei"
email = "mei@example.com"
niches = ["skincare"]
channels = [
  { platform = "instagram", handle = "mei.skin", followers = 52_000, engagement = 4.5 },
  { platform = "youtube", handle = "MeiSkin", followers = 180_000 },
]

[[creator]]
id = "eve"
name = "Eve\r\nBcc: evil@attacker.example"
email = "eve@example.com"
channels = [{ platform = "ig", handle = "eve", followers = 9_000 }]

[[creator]]
id = "nomail"
name = "No Mail"
channels = [{ platform = "ig", handle = "nomail" }]

[[creator]]
id = "twin"
name = "Twin"
email = "MEI@example.com"
channels = [{ platform = "ig", handle = "twin" }]
"#;

const CAMPAIGN: &str = r#"[campaign]
name = "Spring launch"
brand = "Leaf & Co"
product = "Oolong 烏龍"
platforms = ["instagram"]
reply_by = 2026-12-05
sender = { name = "林雅雯 Amy Lin", email = "amy@leaf.example" }

[[entry]]
creator = "mei"
fee = 30_000

[[entry]]
creator = "eve"

[[entry]]
creator = "nomail"

[[entry]]
creator = "twin"
"#;

const EN: &str = "+++\nsubject = \"{{ campaign.brand }} × {{ creator.name }}\"\n+++\nHi {{ creator.name }},\n\nFrom the team at {{ campaign.brand }}: we love your {{ creator.platform | platform }} (@{{ creator.handle }}, {{ creator.followers | number }} followers).\n{% if entry.fee %}Fee: {{ entry.fee | number }}\n{% endif %}Reply by {{ campaign.reply_by }}.\n{{ sender.name }}\n";

const ZH: &str = "+++\nsubject = \"【{{ campaign.brand }}】{{ campaign.product }} 合作邀約 — {{ creator.name }}\"\n+++\n{{ creator.name }} 您好：\n\n您在 {{ creator.platform | platform }} 有 {{ creator.followers | wan }} 粉絲。\n請於 {{ campaign.reply_by }} 前回覆。\n";

fn workspace(sandbox: &Sandbox, template: &str) -> PathBuf {
    let ws = sandbox.workspace("ws", CREATORS.as_bytes());
    std::fs::create_dir_all(ws.join("campaigns")).unwrap();
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(ws.join("campaigns/spring.toml"), CAMPAIGN).unwrap();
    std::fs::write(ws.join("templates/en.txt"), EN).unwrap();
    std::fs::write(ws.join("templates/zh.txt"), ZH).unwrap();
    let _ = template;
    ws
}

fn export(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    crate::common::outcome(sandbox.on(ws, NOW).arg("export").arg("spring").args(args))
}

fn parse(bytes: &[u8]) -> Message<'_> {
    MessageParser::default().parse(bytes).expect("a message")
}

fn check_mei(m: &Message<'_>, subject: &str, body_has: &[&str]) {
    assert_eq!(m.subject(), Some(subject));
    let from = m.from().unwrap().first().unwrap();
    assert_eq!(from.name(), Some("林雅雯 Amy Lin"));
    assert_eq!(from.address(), Some("amy@leaf.example"));
    let to = m.to().unwrap().first().unwrap();
    assert_eq!(to.name(), Some("小梅 Mei"));
    assert_eq!(to.address(), Some("mei@example.com"));
    assert_eq!(
        m.reply_to().unwrap().first().unwrap().address(),
        Some("amy@leaf.example")
    );
    assert_eq!(m.header_raw("X-Unsent").map(str::trim), Some("1"));
    assert_eq!(
        m.message_id(),
        Some("spring.mei.20261122T013000Z@leaf.example")
    );
    let date = m.date().unwrap();
    assert_eq!(
        (date.year, date.month, date.day, date.hour),
        (2026, 11, 22, 9)
    );
    assert_eq!(
        (date.tz_hour, date.tz_minute, date.tz_before_gmt),
        (8, 0, false)
    );
    let body = m.body_text(0).unwrap();
    for part in body_has {
        assert!(body.contains(part), "{part:?} not in {body:?}");
    }
}

#[test]
fn eml_in_english_and_chinese_reads_back() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, out, err) = export(&sandbox, &ws, &["--template", "en"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        out,
        "wrote 2 invitations to exports/spring/ (eml), from template en:\n  mei.eml\n  eve.eml\nspring: recorded 2 messages sent, for follow-ups to answer and replies to be found by\n"
    );
    assert_eq!(
        err,
        "shortlist: skipped: no email in creators.toml (nomail)\nshortlist: skipped: MEI@example.com is also mei's address: one invitation per address (twin)\n"
    );
    let mei = std::fs::read(ws.join("exports/spring/mei.eml")).unwrap();
    assert!(
        mei.windows(2).filter(|w| *w == b"\r\n").count() > 5,
        "CRLF line ends"
    );
    assert!(
        !mei.iter()
            .zip(mei.iter().skip(1))
            .any(|(a, b)| *b == b'\n' && *a != b'\r')
    );
    let m = parse(&mei);
    check_mei(
        &m,
        "Leaf & Co × 小梅 Mei",
        &[
            "Hi 小梅 Mei,",
            "your Instagram (@mei.skin, 52,000 followers)",
            "Fee: 30,000",
            "Reply by 2026-12-05.",
            "林雅雯 Amy Lin",
        ],
    );
    // Chinese.
    let (code, _, err) = export(&sandbox, &ws, &["--template", "zh"]);
    assert_eq!(code, 0, "{err}");
    let mei = std::fs::read(ws.join("exports/spring/mei.eml")).unwrap();
    let raw = String::from_utf8_lossy(&mei);
    assert!(raw.contains("Content-Transfer-Encoding: base64"), "{raw}");
    assert!(raw.contains("Subject: =?utf-8?"), "encoded words: {raw}");
    check_mei(
        &parse(&mei),
        "【Leaf & Co】Oolong 烏龍 合作邀約 — 小梅 Mei",
        &[
            "小梅 Mei 您好：",
            "您在 Instagram 有 5.2 萬 粉絲。",
            "請於 2026-12-05 前回覆。",
        ],
    );
}

#[test]
fn a_name_with_a_line_break_cannot_add_a_header() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, _, err) = export(&sandbox, &ws, &["--template", "en"]);
    assert_eq!(code, 0, "{err}");
    let eve = std::fs::read(ws.join("exports/spring/eve.eml")).unwrap();
    let m = parse(&eve);
    assert!(m.bcc().is_none(), "no Bcc header was made");
    let to = m.to().unwrap().first().unwrap();
    assert_eq!(to.name(), Some("Eve Bcc: evil@attacker.example"));
    assert_eq!(to.address(), Some("eve@example.com"));
    assert_eq!(
        m.subject(),
        Some("Leaf & Co × Eve Bcc: evil@attacker.example")
    );
    let raw = String::from_utf8_lossy(&eve);
    let headers = raw.split("\r\n\r\n").next().unwrap();
    assert!(!headers.contains("\r\nBcc:"), "{headers}");
}

/// The messages of an mboxrd file, unescaped.
fn mbox_messages(bytes: &[u8]) -> Vec<Vec<u8>> {
    let mut messages: Vec<Vec<u8>> = Vec::new();
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        if line.starts_with(b"From ") {
            messages.push(Vec::new());
            continue;
        }
        if let Some(current) = messages.last_mut() {
            current.extend_from_slice(line);
        }
    }
    messages
        .into_iter()
        .map(|m| shortlist::mail::export::mboxrd_unescape(&m))
        .collect()
}

#[test]
fn mbox_escapes_from_lines_reversibly() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, out, err) = export(&sandbox, &ws, &["--template", "en", "--format", "mbox"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("  spring.mbox\n"), "{out}");
    let mbox = std::fs::read(ws.join("exports/spring/spring.mbox")).unwrap();
    assert!(mbox.starts_with(b"From amy@leaf.example Sun Nov 22 01:30:00 2026\n"));
    let raw = String::from_utf8_lossy(&mbox);
    // The body line "From the team…" is quoted in the file…
    assert!(raw.contains("\n>From the team at Leaf & Co"), "{raw}");
    let messages = mbox_messages(&mbox);
    assert_eq!(messages.len(), 2);
    // …and read back as written.
    let m = parse(&messages[0]);
    check_mei(&m, "Leaf & Co × 小梅 Mei", &["From the team at Leaf & Co"]);
}

#[test]
fn maildir_holds_drafts() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "zh");
    let (code, _, err) = export(&sandbox, &ws, &["--template", "zh", "--format", "maildir"]);
    assert_eq!(code, 0, "{err}");
    let dir = ws.join("exports/spring/maildir");
    for empty in ["new", "tmp"] {
        let held: Vec<_> = std::fs::read_dir(dir.join(empty)).unwrap().collect();
        assert!(
            held.is_empty(),
            "{empty}/ is there and holds nothing a reader could take for a message"
        );
    }
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir.join("cur"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert_eq!(files.len(), 2);
    for f in &files {
        let name = f.file_name().unwrap().to_string_lossy().into_owned();
        assert!(name.ends_with(":2,D"), "flagged as a draft: {name}");
    }
    let mei = files
        .iter()
        .find(|f| f.to_string_lossy().contains("_mei."))
        .unwrap();
    check_mei(
        &parse(&std::fs::read(mei).unwrap()),
        "【Leaf & Co】Oolong 烏龍 合作邀約 — 小梅 Mei",
        &["您在 Instagram 有 5.2 萬 粉絲。"],
    );
}

#[test]
fn txt_is_for_reading() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, _, err) = export(&sandbox, &ws, &["--template", "en", "--format", "txt"]);
    assert_eq!(code, 0, "{err}");
    let txt = std::fs::read_to_string(ws.join("exports/spring/spring.txt")).unwrap();
    assert!(
        txt.starts_with(
            "To: \"小梅 Mei\" <mei@example.com>\nSubject: Leaf & Co × 小梅 Mei\n\nHi 小梅 Mei,\n"
        ),
        "{txt}"
    );
    assert!(
        txt.contains("To: \"Eve Bcc: evil@attacker.example\" <eve@example.com>\n"),
        "{txt}"
    );
}

#[test]
fn dry_run_and_mark_contacted() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, out, _) = export(&sandbox, &ws, &["--template", "en", "--dry-run"]);
    assert_eq!(code, 0);
    assert_eq!(
        out,
        "would write 2 invitations to exports/spring/ (eml), from template en:\n  mei.eml\n  eve.eml\n"
    );
    assert!(!ws.join("exports").exists(), "a dry run writes nothing");
    let (code, out, _) = export(&sandbox, &ws, &["--template", "en"]);
    assert_eq!(code, 0);
    assert!(!out.contains("replaced"), "{out}");
    let (code, out, err) = export(&sandbox, &ws, &["--template", "en", "--mark-contacted"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.ends_with(
            "  mei.eml\n  eve.eml\n(2 files of an earlier export were replaced)\nspring: mei: shortlisted → contacted\nspring: eve: shortlisted → contacted\n"
        ),
        "{out}"
    );
    let campaign = std::fs::read_to_string(ws.join("campaigns/spring.toml")).unwrap();
    assert!(
        campaign.contains("{ at = 2026-11-22T09:30:00+08:00, stage = \"contacted\", note = \"invitation exported\" }"),
        "{campaign}"
    );
    // Exporting the invitation to those now contacted says they are invited again.
    let (code, _, err) = export(
        &sandbox,
        &ws,
        &["--template", "en", "--stage", "contacted", "--dry-run"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("warning: everyone contacted was already written to, and en is an invitation"),
        "{err}"
    );
    // Those skipped were not moved.
    let loaded = shortlist::store::parse_campaign("spring", "s", campaign.as_bytes(), None);
    let stages: Vec<(String, String)> = loaded
        .campaign
        .unwrap()
        .entries
        .iter()
        .map(|e| (e.creator.to_string(), e.stage.name().to_string()))
        .collect();
    assert_eq!(
        stages,
        [
            ("mei".to_string(), "contacted".to_string()),
            ("eve".to_string(), "contacted".to_string()),
            ("nomail".to_string(), "shortlisted".to_string()),
            ("twin".to_string(), "shortlisted".to_string()),
        ]
    );
    // Invited again, those left now include one with no followers to speak of.
    let (code, _, err) = export(&sandbox, &ws, &["--template", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.contains(
            "shortlist: templates/en.txt:6: error: no value for creator.followers (twin)\n"
        ),
        "{err}"
    );
}

#[test]
fn template_problems_stop_the_export_and_nothing_is_written() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    std::fs::write(
        ws.join("templates/bad.txt"),
        "+++\nsubject = \"Hi {{ creator.nmae }}\"\n+++\nDear {{ creator.name }},\n{{ campaign.ends }}\n",
    )
    .unwrap();
    let (code, out, err) = export(&sandbox, &ws, &["--template", "bad"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "templates/bad.txt:2:18: error: unknown variable creator.nmae (did you mean creator.name?)\nshortlist: error: the template has problems; nothing was written\n"
    );
    assert!(!ws.join("exports").exists());
    // A value missing for every creator (the campaign has no end date).
    std::fs::write(
        ws.join("templates/bad.txt"),
        "+++\nsubject = \"Hi {{ creator.name }}\"\n+++\nDear {{ creator.name }},\nuntil {{ campaign.ends }}\n",
    )
    .unwrap();
    let (code, _, err) = export(&sandbox, &ws, &["--template", "bad"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with(
            "shortlist: templates/bad.txt:5: error: no value for campaign.ends (mei, eve)\n"
        ),
        "{err}"
    );
    assert!(
        err.ends_with("shortlist: error: nothing was written\n"),
        "{err}"
    );
    assert!(!ws.join("exports").exists());
    // An unknown template names the ones there are.
    let (code, _, err) = export(&sandbox, &ws, &["--template", "inivte"]);
    assert_eq!(code, 1);
    assert!(err.contains("no template \"inivte\""), "{err}");
}

#[test]
fn a_missing_sender_or_attachment_stops_the_export() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let no_sender = CAMPAIGN.replace(
        "sender = { name = \"林雅雯 Amy Lin\", email = \"amy@leaf.example\" }\n",
        "",
    );
    std::fs::write(ws.join("campaigns/spring.toml"), no_sender).unwrap();
    let (code, _, err) = export(&sandbox, &ws, &["--template", "en"]);
    assert_eq!(code, 1);
    assert!(
        err.starts_with("shortlist: campaigns/spring.toml: error: the campaign has no sender"),
        "{err}"
    );
    assert!(!ws.join("exports").exists());
    std::fs::write(ws.join("campaigns/spring.toml"), CAMPAIGN).unwrap();
    std::fs::write(
        ws.join("templates/kit.txt"),
        "+++\nsubject = \"Kit\"\nattachments = [\"files/media-kit.pdf\"]\n+++\nAttached.\n",
    )
    .unwrap();
    let (code, _, err) = export(&sandbox, &ws, &["--template", "kit"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("templates/kit.txt:3: error: cannot read the attachment files/media-kit.pdf"),
        "{err}"
    );
    assert!(!ws.join("exports").exists());
    // With the file there, it goes with every message.
    std::fs::create_dir_all(ws.join("files")).unwrap();
    std::fs::write(ws.join("files/media-kit.pdf"), b"%PDF-1.4 kit").unwrap();
    let (code, _, err) = export(&sandbox, &ws, &["--template", "kit"]);
    assert_eq!(code, 0, "{err}");
    let mei = std::fs::read(ws.join("exports/spring/mei.eml")).unwrap();
    let m = parse(&mei);
    let attachment = m.attachment(0).expect("an attachment");
    assert_eq!(attachment.attachment_name(), Some("media-kit.pdf"));
    assert_eq!(attachment.contents(), b"%PDF-1.4 kit");
}

#[test]
fn unknown_stage_and_empty_stage() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "en");
    let (code, _, err) = export(&sandbox, &ws, &["--template", "en", "--stage", "signed"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown stage \"signed\""), "{err}");
    let (code, _, err) = export(
        &sandbox,
        &ws,
        &["--template", "en", "--stage", "contracted"],
    );
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: no one is contracted in spring; nothing to export\n"
    );
}

#[test]
fn without_a_template_the_kind_the_stage_calls_for_is_used_or_asked_for() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    // Two templates that say nothing of their kind: nothing is guessed.
    let (code, _, err) = export(&sandbox, &ws, &["--dry-run"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("names no template, and no single template says kind = \"invite\": give one with --template NAME (templates: en, zh)"),
        "{err}"
    );
    // One says it is the invitation, another the follow-up.
    let kinded =
        |kind: &str, text: &str| text.replacen("+++\n", &format!("+++\nkind = \"{kind}\"\n"), 1);
    std::fs::write(ws.join("templates/zh.txt"), kinded("invite", ZH)).unwrap();
    std::fs::write(ws.join("templates/again.txt"), kinded("follow-up", EN)).unwrap();
    let (code, out, err) = export(&sandbox, &ws, &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from template zh"), "{out}");
    let m = std::fs::read(ws.join("exports/spring/mei.eml")).unwrap();
    assert!(parse(&m).subject().unwrap().contains("合作邀約"));
    // The contacted are followed up with the follow-up, even though the campaign names the
    // invitation as its template.
    let text = std::fs::read_to_string(ws.join("campaigns/spring.toml")).unwrap();
    let text = text
        .replace("platforms = [", "template = \"zh\"\nplatforms = [")
        .replace(
            "creator = \"mei\"\n",
            "creator = \"mei\"\nstage = \"contacted\"\n",
        );
    std::fs::write(ws.join("campaigns/spring.toml"), text).unwrap();
    let (code, out, err) = export(&sandbox, &ws, &["--stage", "contacted", "--format", "txt"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("from template again"), "{out}");
}
