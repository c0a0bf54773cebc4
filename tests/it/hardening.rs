//! The attacks that once got through, each repeated against the real binary: links and
//! lookalikes where the program keeps its own files, files that are not what they seem,
//! addresses that would add recipients, names that collide, and hand-written mistakes that a
//! change must not paper over.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::{Path, PathBuf};

use crate::common::{Sandbox, outcome};

const NOW: &str = "2026-11-22T09:30:00+08:00";

const CREATORS: &str = r#"[[creator]]
id = "mei"
name = "小梅 Mei"
email = "mei@example.com"
channels = [{ platform = "instagram", handle = "mei.skin", followers = 52_000 }]

[[creator]]
id = "a.b"
name = "A dot B"
email = "ab@example.com"
channels = [{ platform = "instagram", handle = "adotb", followers = 1_000 }]

[[creator]]
id = "a_b"
name = "A under B"
email = "a_b@example.com"
channels = [{ platform = "instagram", handle = "aunderb", followers = 1_000 }]
"#;

const CAMPAIGN: &str = r#"[campaign]
name = "Spring"
template = "invite"
reply_by = 2026-12-05
sender = { name = "Amy", email = "amy@leaf.example" }

[[entry]]
creator = "mei"

[[entry]]
creator = "a.b"

[[entry]]
creator = "a_b"
"#;

fn workspace(sandbox: &Sandbox, front: &str) -> PathBuf {
    let ws = sandbox.workspace("ws", CREATORS.as_bytes());
    std::fs::create_dir_all(ws.join("campaigns")).unwrap();
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(ws.join("campaigns/spring.toml"), CAMPAIGN).unwrap();
    std::fs::write(
        ws.join("templates/invite.txt"),
        format!("+++\nsubject = \"Hi {{{{ creator.name }}}}\"\n{front}+++\nHello\n"),
    )
    .unwrap();
    ws
}

fn run(sandbox: &Sandbox, ws: &Path, args: &[&str]) -> (i32, String, String) {
    outcome(sandbox.on(ws, NOW).args(args))
}

/// Runs the program and makes sure it answered within 10 seconds (`what` says which case).
fn at_once(sandbox: &Sandbox, ws: &Path, args: &[&str], what: &str) -> (i32, String, String) {
    let started = std::time::Instant::now();
    let outcome = run(sandbox, ws, args);
    assert!(started.elapsed().as_secs() < 10, "{what}: it did not hang");
    outcome
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[cfg(unix)]
#[test]
fn a_lock_file_linked_to_a_precious_file_is_not_followed() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let precious = sandbox.path().join("precious");
    std::fs::write(&precious, "years of notes").unwrap();
    std::os::unix::fs::symlink(&precious, ws.join("campaigns/.spring.toml.lock")).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["stage", "spring", "mei", "contacted"]);
    assert_eq!(code, 1);
    assert!(err.contains(".spring.toml.lock is a link"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "years of notes"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("campaigns/spring.toml")).unwrap(),
        CAMPAIGN
    );
    // The same for the database's lock on import.
    std::os::unix::fs::symlink(&precious, ws.join(".creators.toml.lock")).unwrap();
    let sheet = sandbox.path().join("new.csv");
    std::fs::write(&sheet, "name,platform,handle\nNew,ig,new.one\n").unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["import", sheet.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(err.contains(".creators.toml.lock is a link"), "{err}");
    assert_eq!(
        std::fs::read_to_string(&precious).unwrap(),
        "years of notes"
    );
}

#[test]
fn a_users_file_that_looks_like_a_temporary_is_kept() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let mine = ws.join("campaigns/.spring.toml.my backup.tmp");
    std::fs::write(&mine, "mine").unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["stage", "spring", "mei", "contacted"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&mine).unwrap(), "mine");
}

#[cfg(unix)]
#[test]
fn a_read_only_campaign_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let file = ws.join("campaigns/spring.toml");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["stage", "spring", "mei", "contacted"]);
    assert_eq!(code, 1);
    assert!(err.contains("campaigns/spring.toml is read-only"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), CAMPAIGN);
    let mode = std::fs::metadata(&file).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o444);
}

#[test]
fn an_add_after_a_stage_typo_is_refused_and_check_names_the_duplicate() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let typo = CAMPAIGN.replacen(
        "creator = \"mei\"",
        "creator = \"mei\"\nstage = \"contactd\"",
        1,
    );
    std::fs::write(ws.join("campaigns/spring.toml"), &typo).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["add", "spring", "mei"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.matches("unknown stage \"contactd\"").count(),
        1,
        "{err}"
    );
    // A command that prints the file's problems as it reads it says them once too.
    let (code, _, err) = run(&sandbox, &ws, &["payment", "spring", "mei", "5000"]);
    assert_eq!(code, 1, "{err}");
    assert_eq!(
        err.matches("unknown stage \"contactd\"").count(),
        1,
        "{err}"
    );
    assert!(
        err.contains("has problems to fix before it can be changed (listed above)"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(ws.join("campaigns/spring.toml")).unwrap(),
        typo
    );
    let twice = format!("{typo}\n[[entry]]\ncreator = \"mei\"\n");
    std::fs::write(ws.join("campaigns/spring.toml"), &twice).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("\"mei\" is already on this shortlist (line 7)"),
        "{err}"
    );
}

#[test]
fn a_shortlist_written_inside_campaign_is_refused_by_check_and_add() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let misplaced =
        "[campaign]\nname = \"Spring\"\nentry = [{ creator = \"mei\", stage = \"contacted\" }]\n";
    std::fs::write(ws.join("campaigns/spring.toml"), misplaced).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("campaigns/spring.toml:3:9: error: the shortlist is not part of [campaign]"),
        "{err}"
    );
    let (code, _, err) = run(&sandbox, &ws, &["add", "spring", "mei"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("has problems to fix"), "{err}");
    assert_eq!(
        std::fs::read_to_string(ws.join("campaigns/spring.toml")).unwrap(),
        misplaced
    );
}

#[test]
fn ids_that_clean_to_one_file_name_are_exported_twice_and_the_dry_run_says_so() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    let (code, dry, err) = run(&sandbox, &ws, &["export", "spring", "--dry-run"]);
    assert_eq!(code, 0, "{err}");
    assert!(dry.contains("  a_b.eml\n  a_b-2.eml\n"), "{dry}");
    let (code, real, err) = run(&sandbox, &ws, &["export", "spring"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        listing(&ws.join("exports/spring")),
        ["a_b-2.eml", "a_b.eml", "mei.eml"]
    );
    let listed = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| l.starts_with("  "))
            .map(str::to_string)
            .collect()
    };
    assert_eq!(listed(&dry), listed(&real));
    // A second dry run says what the real run would replace.
    let (_, dry, _) = run(&sandbox, &ws, &["export", "spring", "--dry-run"]);
    assert!(
        dry.contains("(3 files of an earlier export would be replaced)"),
        "{dry}"
    );
}

#[test]
fn an_export_that_fails_leaves_no_empty_folder() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "attachments = [\"missing.pdf\"]\n");
    let (code, _, err) = run(&sandbox, &ws, &["export", "spring"]);
    assert_eq!(code, 1);
    assert!(err.contains("missing.pdf"), "{err}");
    assert!(!ws.join("exports").exists());
}

#[test]
fn attachments_are_read_only_from_inside_the_workspace() {
    for (path, expected) in [
        ("/etc/passwd", "is outside the workspace"),
        ("../secret.txt", "is outside the workspace"),
        ("campaigns/../../secret.txt", "is outside the workspace"),
    ] {
        let sandbox = Sandbox::new();
        let ws = workspace(&sandbox, &format!("attachments = [\"{path}\"]\n"));
        std::fs::write(sandbox.path().join("secret.txt"), "secret").unwrap();
        let (code, _, err) = run(&sandbox, &ws, &["export", "spring", "--dry-run"]);
        assert_eq!(code, 1, "{path}");
        assert!(err.contains(expected), "{path}: {err}");
    }
}

#[cfg(unix)]
#[test]
fn attachments_that_are_links_out_devices_or_fifos_are_refused_at_once() {
    let sandbox = Sandbox::new();
    let ws = workspace(
        &sandbox,
        "attachments = [\"files/zero\", \"files/fifo\", \"files/out\"]\n",
    );
    std::fs::create_dir_all(ws.join("files")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", ws.join("files/zero")).unwrap();
    std::os::unix::fs::symlink("/etc/passwd", ws.join("files/out")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(ws.join("files/fifo"))
        .status()
        .unwrap();
    assert!(made.success());
    let (code, _, err) = at_once(&sandbox, &ws, &["export", "spring", "--dry-run"], "export");
    assert_eq!(code, 1);
    assert!(
        err.contains("attachment files/zero is a link to a file outside the workspace"),
        "{err}"
    );
    assert!(
        err.contains("files/fifo: it is not a regular file"),
        "{err}"
    );
    assert!(err.contains("attachment files/out is a link"), "{err}");
}

#[test]
fn a_template_named_outside_templates_is_not_read() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    std::fs::write(
        sandbox.path().join("x.txt"),
        "+++\nsubject = \"stolen\"\n+++\nbody\n",
    )
    .unwrap();
    let campaign = CAMPAIGN.replace("template = \"invite\"", "template = \"../../x\"");
    std::fs::write(ws.join("campaigns/spring.toml"), campaign).unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["export", "spring", "--dry-run"]);
    assert_eq!(code, 1);
    assert!(err.contains("no template \"../../x\""), "{err}");
    let (code, _, err) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 1);
    assert!(err.contains("../../x"), "{err}");
}

#[test]
fn cc_bcc_and_reply_to_are_one_address_each() {
    for front in [
        "cc = \"<x@y.example, evil@q.example>\"\n",
        "bcc = [\"x@y.example, evil@q.example\"]\n",
        "reply_to = \"A <x@y.example> <evil@q.example>\"\n",
        "cc = \"{{ creator.email }}, evil@q.example\"\n",
    ] {
        let sandbox = Sandbox::new();
        let ws = workspace(&sandbox, front);
        let (code, _, err) = run(&sandbox, &ws, &["export", "spring"]);
        assert_eq!(code, 1, "{front}");
        assert!(err.contains("is not one address"), "{front}: {err}");
        assert!(!ws.join("exports").exists(), "{front}");
    }
}

#[test]
fn a_damaged_cache_is_rebuilt_by_the_command_that_meets_it() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let search = |args: &[&str]| outcome(sandbox.on(&ws, NOW).arg("search").args(args));
    let (code, first, err) = search(&["--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let cache_dir = sandbox.path().join("cache/shortlist");
    let file = std::fs::read_dir(&cache_dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "bin"))
        .expect("a cache file");
    // Damage every creator's entry (the middle of the file), keeping the index intact.
    let mut bytes = std::fs::read(&file).unwrap();
    let third = bytes.len() / 3;
    for b in bytes[64..third].iter_mut() {
        *b ^= 0x5A;
    }
    std::fs::write(&file, &bytes).unwrap();
    for _ in 0..2 {
        let (code, again, err) = search(&["--format", "json"]);
        assert_eq!(code, 0, "{err}");
        assert_eq!(again, first);
    }
    assert_ne!(std::fs::read(&file).unwrap(), bytes, "rewritten");
    // A cache that is something else entirely, or cut short.
    std::fs::write(&file, b"garbage").unwrap();
    assert_eq!(search(&["--format", "json"]).1, first);
    let good = std::fs::read(&file).unwrap();
    std::fs::write(&file, &good[..good.len() / 2]).unwrap();
    assert_eq!(search(&["--format", "json"]).1, first);
}

#[cfg(unix)]
#[test]
fn devices_and_fifos_where_files_are_expected_are_refused_at_once() {
    let mkfifo = |path: &Path| {
        assert!(
            std::process::Command::new("mkfifo")
                .arg(path)
                .status()
                .unwrap()
                .success()
        );
    };
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    // A campaign that is a FIFO, a template that is a link to a device, a config that is one.
    mkfifo(&ws.join("campaigns/fifo.toml"));
    std::os::unix::fs::symlink("/dev/zero", ws.join("templates/zero.txt")).unwrap();
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &config).unwrap();
    let (code, _, err) = at_once(&sandbox, &ws, &["check"], "check");
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("campaigns/fifo.toml"), "{err}");
    assert!(err.contains("templates/zero.txt"), "{err}");
    assert!(err.contains("config.toml"), "{err}");
    // A mailbox that is a FIFO, and one among the messages of a Maildir with a link to a
    // device: refused at once, the others said, nothing waited on.
    let fifo = sandbox.path().join("inbox.mbox");
    mkfifo(&fifo);
    let (code, _, err) = at_once(
        &sandbox,
        &ws,
        &["replies", fifo.to_str().unwrap()],
        "a FIFO mailbox",
    );
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("inbox.mbox: it is not a regular file"),
        "{err}"
    );
    let maildir = sandbox.path().join("Maildir");
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(maildir.join(sub)).unwrap();
    }
    mkfifo(&maildir.join("cur/1.pipe:2,S"));
    mkfifo(&maildir.join("tmp/pipe"));
    std::os::unix::fs::symlink("../tmp/pipe", maildir.join("new/2.pipe")).unwrap();
    std::os::unix::fs::symlink("/dev/zero", maildir.join("new/3.zero")).unwrap();
    // A link to a file outside the mailbox is not read, whatever it holds: a reply's first lines
    // would go into the campaign file the team shares.
    let secret = sandbox.path().join("secret.txt");
    std::fs::write(
        &secret,
        "From: hello@clarachen.example\r\nSubject: Re: x\r\n\r\nkey\r\n",
    )
    .unwrap();
    std::os::unix::fs::symlink(&secret, maildir.join("new/4.eml")).unwrap();
    let (code, _, err) = at_once(
        &sandbox,
        &ws,
        &["replies", maildir.to_str().unwrap()],
        "a Maildir",
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("1.pipe:2,S: it is not a regular file"),
        "{err}"
    );
    // A link within the mailbox is followed (and this one leads to a pipe, which is said).
    assert!(err.contains("2.pipe: it is not a regular file"), "{err}");
    assert!(
        err.contains("3.zero: a link to /dev/zero, outside the mailbox; not read"),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "4.eml: a link to {}, outside the mailbox; not read",
            std::fs::canonicalize(&secret).unwrap().display()
        )),
        "{err}"
    );
    // The database itself.
    for db in ["fifo", "zero"] {
        let sandbox = Sandbox::new();
        let ws = sandbox.path().join("db");
        std::fs::create_dir_all(&ws).unwrap();
        if db == "fifo" {
            mkfifo(&ws.join("creators.toml"));
        } else {
            std::os::unix::fs::symlink("/dev/zero", ws.join("creators.toml")).unwrap();
        }
        let (code, _, err) = at_once(&sandbox, &ws, &["search", "x"], db);
        assert_eq!(code, 1, "{db}: {err}");
        assert!(err.contains("not a regular file"), "{db}: {err}");
    }
}

/// Text a file can hold that a terminal would obey: colour, clipboard (OSC 52), title, cursor,
/// C1 controls, and the bidirectional overrides that make text read backwards.
const HOSTILE: &str =
    "\u{1b}[31m\u{1b}]52;c;aGk=\u{7}\u{1b}]0;title\u{7}\u{9b}2J\u{202e}\u{2066}\u{8}\r\u{0}";

fn hostile_workspace(sandbox: &Sandbox) -> PathBuf {
    let h = HOSTILE
        .escape_unicode()
        .to_string()
        .replace("\\u{", "\\U")
        .replace('}', "");
    // TOML escapes: \UXXXXXXXX needs eight digits.
    let toml = |text: &str| -> String {
        text.chars()
            .map(|c| {
                if c.is_control() || !c.is_ascii() {
                    format!("\\U{:08X}", c as u32)
                } else if c == '"' || c == '\\' {
                    format!("\\{c}")
                } else {
                    c.to_string()
                }
            })
            .collect()
    };
    let _ = h;
    let x = toml(HOSTILE);
    let creators = format!(
        "[[creator]]\nid = \"evil\"\nname = \"Evil {x}\"\naliases = [\"{x}\"]\nemail = \"evil@example.com\"\nniches = [\"{x}\"]\nlocation = \"{x}\"\nnotes = \"{x}\"\n\"unknown{x}\" = 1\nchannels = [{{ platform = \"{x}\", handle = \"{x}\", followers = 5_000, url = \"{x}\" }}]\n\n[[creator]]\nid = \"good\"\nname = \"Good\"\nemail = \"good@example.com\"\nchannels = [{{ platform = \"ig\", handle = \"good\", followers = 9_000 }}]\n"
    );
    let ws = sandbox.workspace("hostile", creators.as_bytes());
    std::fs::create_dir_all(ws.join("campaigns")).unwrap();
    std::fs::create_dir_all(ws.join("templates")).unwrap();
    std::fs::write(
        ws.join("campaigns/c.toml"),
        format!(
            "[campaign]\nname = \"Camp {x}\"\nbrand = \"{x}\"\ntemplate = \"t\"\nreply_by = 2026-12-01\nsender = {{ name = \"S {x}\", email = \"s@example.com\" }}\n\"extra{x}\" = 1\n\n[[entry]]\ncreator = \"evil\"\nstage = \"contacted\"\nnotes = \"{x}\"\ncontract = {{ signed = 2026-11-01, usage = [\"organic\"], usage_until = 2026-12-01, territory = \"{x}\", exclusivity = [\"{x}\"], exclusive_until = 2026-12-20, disclosure = \"{x}\" }}\nshipment = {{ sent = 2026-11-02, carrier = \"{x}\", tracking = \"{x}\", item = \"{x}\" }}\nhistory = [{{ at = 2026-11-01T10:00:00+08:00, stage = \"contacted\", note = \"{x}\" }}, {{ at = 2026-11-03T10:00:00+08:00, event = \"replied\", note = \"{x}\" }}]\n\n[[entry.deliverable]]\nid = \"d1\"\nplatform = \"ig\"\nformat = \"{x}\"\npost_by = 2026-11-20\nposted = 2026-11-19\nurl = \"https://example.com/{x}\"\nrounds = [{{ at = 2026-11-05T10:00:00+08:00, step = \"draft\", verdict = \"changes\", note = \"{x}\" }}]\nresults = [{{ on = 2026-11-21, views = 1_000, likes = 50, source = \"creator\" }}]\n\n[[entry.payment]]\nkind = \"full\"\namount = 5_000\ndue = 2026-11-15\ninvoice = \"{x}\"\n\n[[entry]]\ncreator = \"good\"\n\n[[entry]]\ncreator = \"gone{x}\"\n"
        ),
    )
    .unwrap();
    std::fs::write(
        ws.join("templates/t.txt"),
        format!(
            "+++\nsubject = \"Hi {x} {{{{ creator.name }}}}\"\n+++\nBody {HOSTILE} {{{{ creator.location }}}}\n"
        ),
    )
    .unwrap();
    std::fs::write(
        ws.join(format!("templates/bad{}.txt", "\u{1b}]0;t\u{7}")),
        format!("+++\nsubject = \"{x}\"\n+++\n{{{{ creator.{x} }}}}\n"),
    )
    .unwrap();
    ws
}

/// Every byte a command wrote that a terminal would obey (all but line breaks and tabs).
fn raw_controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| shortlist::display::is_unsafe(c) && c != '\n' && c != '\t')
        .collect()
}

#[test]
fn no_command_writes_a_control_character_from_a_file() {
    let sandbox = Sandbox::new();
    let ws = hostile_workspace(&sandbox);
    let sheet = sandbox.path().join("in.csv");
    std::fs::write(
        &sheet,
        format!(
            "name,platform,handle,notes\nNew {HOSTILE},ig,new.one,{HOSTILE}\nBad,{HOSTILE},x,y\n"
        ),
    )
    .unwrap();
    let sheet = sheet.to_str().unwrap().to_string();
    let hostile_arg = format!("x{HOSTILE}").replace('\0', "");
    let commands: Vec<Vec<String>> = [
        vec!["check"],
        vec!["search"],
        vec!["search", "--format", "json"],
        vec!["search", "--format", "csv"],
        vec!["search", "--campaign", "c", "--format", "csv"],
        vec!["search", "evil", "--campaign", "c"],
        vec!["pipeline", "c"],
        vec!["pipeline", "c", "--format", "json"],
        vec!["pipeline", "c", "--format", "csv"],
        vec!["due"],
        vec!["due", "--format", "json"],
        vec!["campaign", "list"],
        vec!["export", "c", "--stage", "contacted", "--dry-run"],
        vec!["export", "c", "--stage", "contacted", "--format", "txt"],
        vec![
            "export",
            "c",
            "--stage",
            "contacted",
            "--template",
            "bad\u{1b}]0;t\u{7}",
        ],
        vec!["import", &sheet, "--dry-run"],
        vec!["stage", "c", "evil", "negotiating", "--note", &hostile_arg],
        vec!["stage", "c", &hostile_arg, "negotiating"],
        vec!["stage", &hostile_arg, "evil", "negotiating"],
        vec!["add", "c", &hostile_arg],
        vec!["search", &hostile_arg],
        vec!["campaign", "new", "n2", "--name", &hostile_arg],
        vec!["campaign", "edit", "c", "--brand", &hostile_arg],
        vec!["search", "--format", "vcf"],
        vec!["pipeline", "c", "--format", "vcf"],
        vec!["due", "--ahead", "60"],
        vec!["due", "--format", "ics", "--ahead", "60"],
        vec!["creator", "evil"],
        vec!["creator", &hostile_arg],
        vec!["report", "c"],
        vec!["report", "c", "--format", "md"],
        vec!["report", "c", "--format", "csv"],
        vec!["report", "c", "--format", "json"],
        vec!["report", "c", "--format", "html"],
        vec!["contract", "c", "evil", "--territory", &hostile_arg],
        vec!["ship", "c", "evil", "--carrier", &hostile_arg],
        vec!["deliverable", "c", "evil", "d2", "--platform", &hostile_arg],
        vec![
            "deliverable",
            "c",
            "evil",
            "d3",
            "--platform",
            "ig",
            "--format",
            &hostile_arg,
        ],
        vec![
            "review",
            "c",
            "evil",
            "d1",
            "final",
            "approved",
            "--note",
            &hostile_arg,
        ],
        vec!["posted", "c", "evil", &hostile_arg, "https://example.com/x"],
        vec!["live", "c", "evil", "d1"],
        vec!["results", "c", "evil", "d1", "--views", &hostile_arg],
        vec!["payment", "c", "evil", &hostile_arg],
        vec!["paid", "c", "evil"],
        vec!["remove", "c", &hostile_arg],
        vec!["replies", &sheet, "--dry-run"],
        vec!["completions", "bash"],
    ]
    .iter()
    .map(|c| c.iter().map(|s| s.to_string()).collect())
    .collect();
    for args in commands {
        let (code, out, err) = run(
            &sandbox,
            &ws,
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        );
        assert!(code == 0 || code == 1, "{args:?} exited {code}: {err}");
        // iCalendar and vCard lines end in CR LF by their standards.
        let out = out.replace("\r\n", "\n");
        for (stream, text) in [("stdout", &out), ("stderr", &err)] {
            let found = raw_controls(text);
            assert!(
                found.is_empty(),
                "{args:?} wrote {found:?} to {stream}:\n{text}"
            );
        }
    }
    // The exported text file is for reading in a terminal too.
    let (_, _, err) = run(
        &sandbox,
        &ws,
        &["export", "c", "--stage", "contacted", "--format", "txt"],
    );
    let txt = std::fs::read_to_string(ws.join("exports/c/c.txt")).expect(&err);
    assert!(txt.contains("To: \"Evil"), "{txt}");
    assert_eq!(raw_controls(&txt), Vec::<char>::new(), "{txt}");
}

#[test]
fn small_findings_each_said_once_and_clearly() {
    let sandbox = Sandbox::new();
    let ws = workspace(&sandbox, "");
    // Without a terminal the interface says why it cannot start.
    let (code, _, err) = outcome(sandbox.on(&ws, NOW).write_stdin(""));
    assert_eq!(code, 1);
    assert!(err.contains("the interface needs a terminal"), "{err}");
    // SHORTLIST_CONFIG naming a file that is not there is said.
    let (code, _, err) = outcome(
        sandbox
            .on(&ws, NOW)
            .env("SHORTLIST_CONFIG", sandbox.path().join("nope.toml"))
            .args(["search", "mei"]),
    );
    assert_eq!(code, 0);
    assert!(
        err.contains(
            "nope.toml:1:1: warning: SHORTLIST_CONFIG names this file, which does not exist"
        ),
        "{err}"
    );
    // `check DIR` on a folder that is not there says so, not "from --workspace".
    let (code, _, err) = outcome(sandbox.cmd().args(["check", "/no/such/folder"]));
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "shortlist: error: workspace /no/such/folder (named on the command line) does not exist; `shortlist init /no/such/folder` makes one there\n"
    );
    // An OS error is said once.
    let (_, _, err) = run(&sandbox, &ws, &["import", "missing.csv"]);
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    // Entries written inline are an error for check, as they are for a change.
    std::fs::write(
        ws.join("campaigns/spring.toml"),
        "entry = [{ creator = \"mei\" }]\n[campaign]\nname = \"S\"\n",
    )
    .unwrap();
    let (code, _, err) = run(&sandbox, &ws, &["check"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("write each entry as an [[entry]] table"),
        "{err}"
    );
    let (code, _, err) = run(&sandbox, &ws, &["stage", "spring", "mei", "contacted"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("write each entry as an [[entry]] table"),
        "{err}"
    );
}

#[test]
fn an_unknown_follower_count_is_shown_as_unknown() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        b"[[creator]]\nid = \"quiet\"\nname = \"Quiet\"\nchannels = [{ platform = \"ig\", handle = \"q\" }]\n",
    );
    let (_, table, _) = run(&sandbox, &ws, &["search"]);
    let row = table.lines().find(|l| l.contains("Quiet")).unwrap();
    assert!(!row.contains(" 0 "), "{row}");
    assert!(row.contains(" - "), "{row}");
    let (_, json, _) = run(&sandbox, &ws, &["search", "--format", "json"]);
    let rows: serde_json::Value = serde_json::from_str(&json).unwrap();
    // No total, and the channel shown says it does not know.
    assert!(rows[0].get("followers").is_none(), "{json}");
    assert!(rows[0]["matched_channel"]["followers"].is_null(), "{json}");
    let (_, csv, _) = run(&sandbox, &ws, &["search", "--format", "csv"]);
    let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
    let values: Vec<&str> = csv.lines().nth(1).unwrap().split(',').collect();
    let at = header.iter().position(|h| *h == "followers").unwrap();
    assert_eq!(values[at], "");
}
