//! The mail loop through the real binary: exports record what they wrote, replies built with
//! an independent library (mail-builder) are read from a Maildir, an mbox and .eml files, and
//! follow-ups answer the thread (read back with mail-parser).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::Path;

use crate::common::{Sandbox, outcome};
use mail_builder::MessageBuilder;
use mail_parser::{HeaderValue, MessageParser};

const INVITED: &str = "2026-11-22T09:30:00+08:00";

fn run(sandbox: &Sandbox, ws: &Path, now: &str, args: &[&str]) -> (i32, String, String) {
    outcome(sandbox.on(ws, now).args(args))
}

/// The message id of an exported file.
fn id_of(bytes: &[u8]) -> String {
    let m = MessageParser::default().parse(bytes).unwrap();
    format!("<{}>", m.message_id().unwrap())
}

/// A reply as a mail program writes it.
fn reply(
    from: &str,
    subject: &str,
    id: &str,
    answers: Option<&str>,
    date: i64,
    auto: bool,
) -> Vec<u8> {
    let mut m = MessageBuilder::new()
        .from(from)
        .to("amy@lumi.example")
        .subject(subject)
        .message_id(id)
        .date(date)
        .text_body("Hi Amy,\r\nsounds great, send the brief.\r\n");
    if let Some(a) = answers {
        m = m
            .in_reply_to(a.trim_matches(['<', '>']))
            .references(a.trim_matches(['<', '>']));
    }
    if auto {
        m = m.header(
            "Auto-Submitted",
            mail_builder::headers::raw::Raw::new("auto-replied"),
        );
    }
    m.write_to_vec().unwrap()
}

fn campaign(ws: &Path) -> String {
    std::fs::read_to_string(ws.join("campaigns/lumi-vitc-launch.toml")).unwrap()
}

#[test]
fn exports_record_ids_replies_are_read_once_and_follow_ups_answer_the_thread() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // Clara and Hana are shortlisted: the invitation goes to both, as an mbox.
    let (code, out, err) = run(
        &sandbox,
        &ws,
        INVITED,
        &[
            "export",
            "lumi-vitc-launch",
            "--format",
            "mbox",
            "--mark-contacted",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("recorded 2 messages sent"), "{out}");
    let mbox = std::fs::read(ws.join("exports/lumi-vitc-launch/lumi-vitc-launch.mbox")).unwrap();
    let clara_invite = "<lumi-vitc-launch.clara-chen.20261122T013000Z@lumi.example>".to_string();
    let text = campaign(&ws);
    assert!(
        text.contains(&format!(
            "event = \"sent\", note = \"invite-zh-TW exported\", message_id = \"{clara_invite}\""
        )),
        "{text}"
    );
    assert!(String::from_utf8_lossy(&mbox).contains(clara_invite.trim_matches(['<', '>'])));

    // Replies: Clara in the thread (a Maildir), an out-of-office from Hana and then Hana's real
    // answer without thread headers (an mbox), a stranger, and Clara's reply again as a file.
    let maildir = sandbox.path().join("Mail/INBOX");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    let nov24 = 1_795_485_600; // 2026-11-24T10:00:00+08:00
    let clara = reply(
        "hello@clarachen.example",
        "Re: 合作邀約",
        "clara-1@clarachen.example",
        Some(&clara_invite),
        nov24,
        false,
    );
    std::fs::write(maildir.join("new/1.eml"), &clara).unwrap();
    std::fs::write(
        maildir.join("cur/2.eml:2,S"),
        reply(
            "who@nowhere.example",
            "Hello",
            "x@nowhere.example",
            None,
            nov24,
            false,
        ),
    )
    .unwrap();
    let mut mbox = Vec::new();
    for m in [
        reply(
            "team@hanawu.example",
            "自動回覆：休假中",
            "ooo@hanawu.example",
            None,
            nov24,
            true,
        ),
        reply(
            "team@hanawu.example",
            "Re: invitation",
            "hana-1@hanawu.example",
            None,
            nov24 + 86_400,
            false,
        ),
    ] {
        mbox.extend_from_slice(b"From team@hanawu.example Tue Nov 24 10:00:00 2026\n");
        mbox.extend_from_slice(
            &m.iter()
                .copied()
                .filter(|b| *b != b'\r')
                .collect::<Vec<_>>(),
        );
        mbox.push(b'\n');
    }
    let mbox_path = sandbox.path().join("hana.mbox");
    std::fs::write(&mbox_path, mbox).unwrap();
    let emls = sandbox.path().join("saved");
    std::fs::create_dir_all(&emls).unwrap();
    std::fs::write(emls.join("clara-again.eml"), &clara).unwrap();

    let later = "2026-11-26T09:30:00+08:00";
    let mailboxes = [
        maildir.to_str().unwrap(),
        mbox_path.to_str().unwrap(),
        emls.to_str().unwrap(),
    ];
    let mut args = vec!["replies"];
    args.extend(mailboxes);
    let (code, out, err) = run(&sandbox, &ws, later, &args);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("clara-chen: replied 2026-11-24 (in the thread): Re: 合作邀約"),
        "{out}"
    );
    assert!(
        out.contains("hana-wu: auto-reply 2026-11-24 (from their address)"),
        "{out}"
    );
    assert!(
        out.contains("hana-wu: replied 2026-11-25 (from their address): Re: invitation"),
        "{out}"
    );
    assert!(out.contains("1 from no one written to"), "{out}");
    let text = campaign(&ws);
    // Clara's reply, read twice in one run, is recorded once.
    assert_eq!(
        text.matches("message_id = \"<clara-1@clarachen.example>\"")
            .count(),
        1,
        "{text}"
    );
    assert!(
        text.contains("event = \"auto-reply\", note = \"自動回覆：休假中\""),
        "{text}"
    );
    // A second run records nothing again.
    let (code, out, _) = run(&sandbox, &ws, later, &args);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 replies · 0 automatic · 3 recorded before"),
        "{out}"
    );
    assert_eq!(campaign(&ws), text);

    // Those who replied are asked about, not chased.
    let (_, due, _) = run(
        &sandbox,
        &ws,
        later,
        &["due", "--campaign", "lumi-vitc-launch", "--format", "json"],
    );
    let items: serde_json::Value = serde_json::from_str(&due).unwrap();
    let action = |who: &str| -> Vec<String> {
        items
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i["creator"] == who)
            .map(|i| i["action"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(action("clara-chen"), ["reply-received"]);
    assert_eq!(action("hana-wu"), ["reply-received"]);

    // A follow-up to Clara answers her reply, in the thread of the invitation.
    let (code, _, err) = run(
        &sandbox,
        &ws,
        later,
        &[
            "export",
            "lumi-vitc-launch",
            "--stage",
            "contacted",
            "--format",
            "maildir",
            "--out",
            "drafts",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let drafts = sandbox.cwd().join("drafts/maildir");
    let mut found = false;
    for sub in ["cur", "new"] {
        for file in std::fs::read_dir(drafts.join(sub))
            .into_iter()
            .flatten()
            .flatten()
        {
            let bytes = std::fs::read(file.path()).unwrap();
            let m = MessageParser::default().parse(&bytes[..]).unwrap();
            if m.to().and_then(|t| t.first()).and_then(|a| a.address())
                != Some("hello@clarachen.example")
            {
                continue;
            }
            found = true;
            assert_eq!(m.in_reply_to().as_text(), Some("clara-1@clarachen.example"));
            let refs: Vec<String> = match m.references() {
                HeaderValue::TextList(l) => l.iter().map(|s| s.to_string()).collect(),
                HeaderValue::Text(t) => vec![t.to_string()],
                _ => Vec::new(),
            };
            assert_eq!(
                refs,
                [
                    clara_invite.trim_matches(['<', '>']).to_string(),
                    "clara-1@clarachen.example".to_string()
                ]
            );
            let subject = m.subject().unwrap();
            assert!(
                subject.starts_with("Re: ") && !subject[4..].starts_with("Re:"),
                "{subject}"
            );
            // And it is recorded, for the next one to answer.
            assert!(campaign(&ws).contains(&id_of(&bytes)));
        }
    }
    assert!(found, "Clara's follow-up is among the drafts");
}

#[test]
fn the_workspaces_own_export_read_back_is_no_reply() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    run(
        &sandbox,
        &ws,
        INVITED,
        &["export", "lumi-vitc-launch", "--format", "mbox"],
    );
    let before = campaign(&ws);
    let mbox = ws.join("exports/lumi-vitc-launch/lumi-vitc-launch.mbox");
    let (code, out, _) = run(&sandbox, &ws, INVITED, &["replies", mbox.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(
        out.contains("0 replies · 0 automatic · 0 recorded before · 2 of the workspace's own"),
        "{out}"
    );
    assert_eq!(campaign(&ws), before);
    // A mailbox that is not there is an error naming it.
    let (code, _, err) = run(&sandbox, &ws, INVITED, &["replies", "no-such-folder"]);
    assert_eq!(code, 1);
    assert!(err.contains("no-such-folder"), "{err}");
}

/// A stand-in for msmtp: stores each message it is given in `dir`, numbered; fails on the
/// message to `fail_on` (an address), as a mailer refusing it would.
fn stand_in(sandbox: &Sandbox, fail_on: &str) -> std::path::PathBuf {
    let dir = sandbox.path().join("outbox");
    std::fs::create_dir_all(&dir).unwrap();
    let script = sandbox.path().join("fake-msmtp");
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nmsg=$(cat)\ncase \"$msg\" in *'{fail_on}'*) echo 'recipient refused' >&2; exit 75;; esac\nn=$(ls '{0}' | wc -l)\nprintf '%s\\n' \"$msg\" > '{0}'/$n.eml\n",
            dir.display()
        ),
    )
    .unwrap();
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).unwrap();
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        format!("[mail]\nsendmail = \"{} -t\"\n", script.display()),
    )
    .unwrap();
    dir
}

#[test]
fn send_pipes_each_message_to_the_users_mailer_and_stops_at_the_first_failure() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // Without a mailer configured, nothing is sent and the way to set one is said.
    let (code, _, err) = run(
        &sandbox,
        &ws,
        INVITED,
        &["export", "lumi-vitc-launch", "--send"],
    );
    assert_eq!(code, 1);
    assert!(err.contains("[mail] sendmail = \"msmtp -t\""), "{err}");

    // The contacted: Lin, Jess and Amber (in that order); Jess's address is refused.
    let outbox = stand_in(&sandbox, "jess@glowstudio.example");
    let (code, out, _) = run(
        &sandbox,
        &ws,
        INVITED,
        &[
            "export",
            "lumi-vitc-launch",
            "--stage",
            "contacted",
            "--send",
            "--dry-run",
        ],
    );
    assert_eq!(code, 0);
    assert!(out.starts_with("would send 3 messages with `"), "{out}");
    assert_eq!(
        std::fs::read_dir(&outbox).unwrap().count(),
        0,
        "a dry run sends nothing"
    );
    let before = campaign(&ws);
    let (code, out, err) = run(
        &sandbox,
        &ws,
        INVITED,
        &[
            "export",
            "lumi-vitc-launch",
            "--stage",
            "contacted",
            "--send",
        ],
    );
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("sent to lin-yuting <yuting@yutinglin.example>"),
        "{out}"
    );
    assert!(
        err.contains("not sent to jess-glow <jess@glowstudio.example>"),
        "{err}"
    );
    assert!(err.contains("recipient refused"), "{err}");
    assert!(
        err.contains("sent 1 of 3; stopped at jess-glow; not sent: amber-koc"),
        "{err}"
    );
    // What the mailer took: one message, a real one (no draft mark), recorded as sent.
    let stored: Vec<_> = std::fs::read_dir(&outbox).unwrap().flatten().collect();
    assert_eq!(stored.len(), 1);
    let bytes = std::fs::read(stored[0].path()).unwrap();
    let m = MessageParser::default().parse(&bytes[..]).unwrap();
    assert_eq!(
        m.to().and_then(|t| t.first()).and_then(|a| a.address()),
        Some("yuting@yutinglin.example")
    );
    assert!(m.header("X-Unsent").is_none());
    let after = campaign(&ws);
    assert_ne!(after, before);
    let id = format!("<{}>", m.message_id().unwrap());
    assert!(
        after.contains(&format!(
            "event = \"sent\", note = \"followup-zh-TW sent\", message_id = \"{id}\""
        )),
        "{after}"
    );
    assert_eq!(
        after.matches("followup-zh-TW sent").count(),
        1,
        "only what was sent is recorded"
    );
}

#[test]
fn export_due_writes_the_follow_ups_due_in_the_thread_with_the_step_template() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    // Clara and Hana invited on 22 November…
    run(
        &sandbox,
        &ws,
        INVITED,
        &["export", "lumi-vitc-launch", "--mark-contacted"],
    );
    // …followed up after 2 days with a template of the workspace's own, then after 6.
    std::fs::write(
        ws.join("templates/nudge-en.txt"),
        "+++\nkind = \"follow-up\"\nsubject = \"Checking in — {{ campaign.product }}\"\n+++\nHi {{ creator.name }}, did you see our note?\n",
    )
    .unwrap();
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "[follow_up]\ncontacted = [{ days = 2, template = \"nudge-en\" }, 6, 14]\nnegotiating = [4]\n",
    )
    .unwrap();
    let day = "2026-11-24T09:30:00+08:00";
    let (_, due, _) = run(
        &sandbox,
        &ws,
        day,
        &["due", "--campaign", "lumi-vitc-launch"],
    );
    assert!(due.contains("follow up (no reply after 2 days)"), "{due}");
    let (code, out, err) = run(&sandbox, &ws, day, &["export", "--due"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("lumi-vitc-launch: wrote 3 follow-ups to exports/lumi-vitc-launch/ (eml), from template nudge-en"), "{out}");
    let bytes = std::fs::read(ws.join("exports/lumi-vitc-launch/clara-chen.eml")).unwrap();
    let m = MessageParser::default().parse(&bytes[..]).unwrap();
    assert_eq!(
        m.subject(),
        Some("Re: Checking in — Vitamin C Serum 維他命C亮白精華")
    );
    assert_eq!(
        m.in_reply_to().as_text(),
        Some("lumi-vitc-launch.clara-chen.20261122T013000Z@lumi.example")
    );
    // Done for today: a second run writes nothing, and the step is no longer due.
    let (code, _, err) = run(&sandbox, &ws, day, &["export", "--due"]);
    assert_eq!(code, 0);
    assert!(err.contains("no follow-up is due today"), "{err}");
    let (_, due, _) = run(
        &sandbox,
        &ws,
        day,
        &["due", "--campaign", "lumi-vitc-launch"],
    );
    assert!(!due.contains("clara-chen"), "{due}");
    // A step that does not read is a located warning.
    std::fs::write(
        &config,
        "[follow_up]\ncontacted = [3, \"soon\"]\nnegotiatng = [4]\n",
    )
    .unwrap();
    let (_, _, err) = run(&sandbox, &ws, day, &["due"]);
    assert!(err.contains("config.toml:2:"), "{err}");
    assert!(err.contains("did you mean \"negotiating\""), "{err}");
}

#[test]
fn a_txt_export_is_text_to_paste_and_records_no_message() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let before = campaign(&ws);
    let (code, out, err) = run(
        &sandbox,
        &ws,
        INVITED,
        &["export", "lumi-vitc-launch", "--format", "txt"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(!out.contains("recorded"), "{out}");
    assert_eq!(campaign(&ws), before, "no message id that reaches no one");
}
