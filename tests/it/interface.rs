//! The interface run for real: the binary in a pseudo-terminal, keys typed into it, the screen
//! read back through a terminal emulator (vt100), and the terminal checked once it quits.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::common::{Sandbox, repo};
use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The binary running in a pseudo-terminal, its screen kept up to date by a reader thread.
struct Session {
    master: Box<dyn MasterPty + Send>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn Child + Send + Sync>,
    screen: Arc<Mutex<vt100::Parser>>,
    /// Set once the program's output has all been read.
    ended: Arc<std::sync::atomic::AtomicBool>,
    _sandbox: Sandbox,
}

impl Session {
    fn start(args: &[&str], extra_env: &[(&str, &str)], rows: u16, cols: u16) -> Session {
        Session::start_in(Sandbox::new(), args, extra_env, rows, cols)
    }

    fn start_in(
        sandbox: Sandbox,
        args: &[&str],
        extra_env: &[(&str, &str)],
        rows: u16,
        cols: u16,
    ) -> Session {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_shortlist"));
        cmd.args(args);
        cmd.cwd(sandbox.cwd());
        cmd.env_clear();
        cmd.env("PATH", std::env::var_os("PATH").unwrap_or_default());
        cmd.env("TERM", "xterm-256color");
        for (key, value) in sandbox.env() {
            cmd.env(key, value);
        }
        for (key, value) in extra_env {
            cmd.env(key, value);
        }
        let child = pair.slave.spawn_command(cmd).unwrap();
        drop(pair.slave);
        let screen = Arc::new(Mutex::new(vt100::Parser::new(
            nonzero(rows),
            nonzero(cols),
            0,
        )));
        let mut reader = pair.master.try_clone_reader().unwrap();
        let shared = Arc::clone(&screen);
        let ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let end = Arc::clone(&ended);
        std::thread::spawn(move || {
            let mut buffer = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buffer) {
                if n == 0 {
                    break;
                }
                shared.lock().unwrap().process(&buffer[..n]);
            }
            end.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let writer = pair.master.take_writer().unwrap();
        Session {
            master: pair.master,
            writer,
            child,
            screen,
            ended,
            _sandbox: sandbox,
        }
    }

    fn contents(&self) -> String {
        self.screen.lock().unwrap().screen().contents()
    }

    /// Waits until the screen shows `text`; fails with the screen as it is after a while.
    fn wait_for(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} never showed; the screen:\n{}", self.contents());
    }

    /// Waits until the screen no longer shows `text`.
    fn wait_gone(&self, text: &str) {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if !self.contents().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        panic!("{text:?} stayed; the screen:\n{}", self.contents());
    }

    fn send(&mut self, bytes: &str) {
        self.writer.write_all(bytes.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    fn resize(&mut self, rows: u16, cols: u16) {
        self.screen
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(nonzero(rows), nonzero(cols));
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .unwrap();
    }

    /// Waits for the program to end and its last output to be read; its exit code.
    fn wait_exit(&mut self) -> u32 {
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(30) {
            if let Some(status) = self.child.try_wait().unwrap() {
                while !self.ended.load(std::sync::atomic::Ordering::SeqCst)
                    && start.elapsed() < Duration::from_secs(30)
                {
                    std::thread::sleep(Duration::from_millis(10));
                }
                return status.exit_code();
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        self.child.kill().unwrap();
        panic!("the program did not quit; the screen:\n{}", self.contents());
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a size above zero")
}

fn sample() -> String {
    repo().join("data").display().to_string()
}

#[test]
fn type_a_query_read_the_results_and_quit() {
    let workspace = sample();
    let mut s = Session::start(&["--workspace", &workspace], &[("NO_COLOR", "1")], 30, 110);
    s.wait_for("97 of 97 creators");
    s.send("/");
    s.send("barista");
    s.wait_for("1 of 97 creators");
    let screen = s.contents();
    assert!(screen.contains("Ken the Barista"), "{screen}");
    assert!(screen.contains("KenTheBarista"), "{screen}");
    assert!(!screen.contains("林杰 Jay Lin"), "{screen}");
    // q is text while typing: "baristaq" is one letter off "barista", which is shown instead,
    // saying so; one more letter and nothing is near.
    s.send("q");
    s.wait_for("showing results for \"barista\"");
    s.send("z");
    s.wait_for("0 of 97 creators");
    s.send("\x7f\x7f");
    s.wait_for("1 of 97 creators");
    s.wait_gone("showing results for");
    // Esc leaves the query line (sent alone, so it is not read as alt-q); then q quits.
    s.send("\x1b");
    s.wait_for("? help");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let parser = s.screen.lock().unwrap();
    let screen = parser.screen();
    assert!(!screen.alternate_screen(), "the main screen is back");
    assert_eq!(
        screen.mouse_protocol_mode(),
        vt100::MouseProtocolMode::None,
        "the mouse is given back"
    );
    assert!(!screen.hide_cursor(), "the cursor is shown again");
}

#[test]
fn help_resize_and_ctrl_c() {
    let workspace = sample();
    let mut s = Session::start(&["--workspace", &workspace], &[], 30, 100);
    s.wait_for("97 of 97 creators");
    s.send("?");
    s.wait_for("search: type a query");
    s.resize(6, 30);
    s.wait_for("Window too small");
    s.resize(2, 3);
    std::thread::sleep(Duration::from_millis(200));
    s.resize(30, 100);
    s.wait_for("Help");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 0);
    assert!(!s.screen.lock().unwrap().screen().alternate_screen());
}

#[test]
fn a_broken_database_opens_with_its_problems() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace(
        "ws",
        b"[[creator]]\nid = \"ok\"\nname = \"Okay\"\nchannels = [{ platform = \"ig\", handle = \"ok\" }]\n\n[[creator]]\nid = \"bad\"\nname = \"Bad\"\nfollowers = 12\nchannels = [{ platform = \"ig\", handle = \"bad\", followers = -4 }]\n",
    );
    let ws = ws.display().to_string();
    let mut s = Session::start(&["--workspace", &ws], &[("NO_COLOR", "1")], 24, 100);
    s.wait_for("creators.toml:10:");
    let screen = s.contents();
    assert!(screen.contains("1 error"), "{screen}");
    assert!(
        screen.contains("creators with errors are left out"),
        "{screen}"
    );
    s.send("\x1b");
    s.wait_gone("esc closes");
    s.wait_for("1 of 1 creator");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn a_bad_config_is_reported_and_the_rest_of_it_applies() {
    let sandbox = Sandbox::new();
    let config = sandbox.config_file();
    std::fs::create_dir_all(config.parent().unwrap()).unwrap();
    std::fs::write(
        &config,
        "theme = \"neon\"\n\n[keys]\nquit = \"Q\"\nhelp = \"ctrl-\"\n",
    )
    .unwrap();
    let workspace = sample();
    let mut s = Session::start_in(sandbox, &["--workspace", &workspace], &[], 30, 120);
    s.wait_for("config.toml:1:9: warning: unknown theme \"neon\"");
    s.wait_for("config.toml:5:1: warning: help: \"ctrl-\" is not a key");
    // Problems of the configuration leave no creator out, and the panel does not say they do.
    assert!(!s.contents().contains("left out"), "{}", s.contents());
    s.send("\x1b");
    s.wait_gone("esc closes");
    s.wait_for("97 of 97 creators");
    // q was rebound to Q: q now does nothing, Q quits.
    s.send("q");
    std::thread::sleep(Duration::from_millis(300));
    assert!(s.child.try_wait().unwrap().is_none(), "q no longer quits");
    s.send("Q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_campaign_query_and_sort_are_there_again_on_the_next_start() {
    let state = tempfile::tempdir().unwrap();
    let state_home = state.path().display().to_string();
    let env = [("NO_COLOR", "1"), ("XDG_STATE_HOME", state_home.as_str())];
    let workspace = sample();
    let mut s = Session::start(&["--workspace", &workspace], &env, 30, 120);
    s.wait_for("97 of 97 creators");
    s.send("c");
    s.wait_for("Lumi");
    s.send("\r");
    s.wait_for("stages in lumi-vitc-launch");
    s.send("o");
    s.wait_for("Sort by");
    // The sort menu: automatic, relevance, followers, engagement, name.
    s.send("jjjj\r");
    s.wait_for("by name");
    s.send("/");
    s.send("niche:coffee");
    s.wait_for("6 of 97 creators");
    s.wait_for("enter results");
    // Esc alone (not read with the next key as alt-q), then q.
    s.send("\x1b");
    s.wait_for("? help");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
    let file = state.path().join("shortlist/state.toml");
    let saved = std::fs::read_to_string(&file).unwrap();
    assert!(saved.contains("campaign = \"lumi-vitc-launch\""), "{saved}");

    let mut s = Session::start(&["--workspace", &workspace], &env, 30, 120);
    s.wait_for("stages in lumi-vitc-launch");
    s.wait_for("niche:coffee");
    s.wait_for("by name");
    s.wait_for("6 of 97 creators");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn the_first_run_says_inside_the_interface_that_it_is_the_sample() {
    let mut s = Session::start(&[], &[("NO_COLOR", "1")], 30, 120);
    s.wait_for("Welcome to shortlist");
    s.wait_for("shortlist init --empty ~/kol");
    s.send("\r");
    s.wait_gone("Welcome to shortlist");
    s.wait_for("97 of 97 creators · sample");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn files_changed_behind_its_back_are_shown_as_they_are_now() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    let shown = ws.display().to_string();
    let mut s = Session::start_in(
        sandbox,
        &["--workspace", &shown],
        &[("NO_COLOR", "1")],
        30,
        120,
    );
    s.wait_for("97 of 97 creators");
    // Another terminal imports a creator: the interface counts them.
    let creators = ws.join("creators.toml");
    let mut text = std::fs::read_to_string(&creators).unwrap();
    text.push_str("\n[[creator]]\nid = \"zz-late\"\nname = \"Late Arrival\"\nchannels = [{ platform = \"ig\", handle = \"late\", followers = 900 }]\n");
    std::fs::write(&creators, text).unwrap();
    s.wait_for("98 of 98 creators");
    // A campaign edited by hand: its problem is listed without reopening.
    s.send("c");
    s.wait_for("Lumi");
    s.send("\r");
    s.wait_for("stages in lumi-vitc-launch");
    let campaign = ws.join("campaigns/lumi-vitc-launch.toml");
    let text = std::fs::read_to_string(&campaign).unwrap();
    std::fs::write(
        &campaign,
        text.replacen("stage = \"shortlisted\"", "stage = \"shortlistd\"", 1),
    )
    .unwrap();
    s.wait_for("1 error (!)");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

/// A database of `n` generated creators in a new workspace.
fn large(sandbox: &Sandbox, n: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for c in crate::synth::Generator::new(7).take(n) {
        text.push_str(&shortlist::store::render_creator(&c));
        text.push('\n');
    }
    sandbox.workspace("large", text.as_bytes())
}

#[test]
fn a_large_database_shows_how_far_its_first_read_has_come() {
    let sandbox = Sandbox::new();
    let ws = large(&sandbox, 40_000);
    let ws = ws.display().to_string();
    // No cache yet: the whole file is read.
    let mut s = Session::start_in(
        sandbox,
        &["--workspace", &ws],
        &[("NO_COLOR", "1")],
        24,
        120,
    );
    s.wait_for("reading creators.toml · ");
    let screen = s.contents();
    assert!(screen.contains("% · "), "a percentage: {screen}");
    assert!(
        screen.contains("reading the creators: "),
        "the table says what it waits for: {screen}"
    );
    s.wait_for("of 40,000 creators");
    s.send("q");
    assert_eq!(s.wait_exit(), 0);
}

#[test]
fn an_import_on_a_terminal_shows_a_progress_bar_and_piped_shows_none() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace("ws", b"");
    let mut csv = String::from("name,platform,handle,followers\n");
    for i in 0..60_000 {
        csv.push_str(&format!(
            "Creator {i},instagram,creator_{i},{}\n",
            1_000 + i
        ));
    }
    let sheet = sandbox.cwd().join("big.csv");
    std::fs::write(&sheet, csv).unwrap();
    let ws = ws.display().to_string();
    let sheet = sheet.display().to_string();
    let args = [
        "--workspace",
        ws.as_str(),
        "import",
        sheet.as_str(),
        "--dry-run",
    ];
    let mut s = Session::start(&args, &[("NO_COLOR", "1")], 24, 120);
    s.wait_for("matching rows [");
    assert!(s.contents().contains(" rows"), "{}", s.contents());
    assert_eq!(s.wait_exit(), 0);
    // Piped, or with --quiet: nothing but the report.
    let piped = Sandbox::new();
    let out = piped.cmd().args(args).output().unwrap();
    assert!(out.status.success());
    assert!(!String::from_utf8_lossy(&out.stderr).contains("matching rows"));
}

#[test]
fn ctrl_c_stops_a_long_import_saying_that_nothing_was_imported() {
    let sandbox = Sandbox::new();
    let ws = sandbox.workspace("ws", b"");
    let before = std::fs::read(ws.join("creators.toml")).unwrap();
    let mut csv = String::from("name,platform,handle,followers\n");
    for i in 0..80_000 {
        csv.push_str(&format!(
            "Creator {i},instagram,creator_{i},{}\n",
            1_000 + i
        ));
    }
    let sheet = sandbox.cwd().join("big.csv");
    std::fs::write(&sheet, csv).unwrap();
    let (ws_s, sheet_s) = (ws.display().to_string(), sheet.display().to_string());
    let mut s = Session::start(
        &["--workspace", &ws_s, "import", &sheet_s],
        &[("NO_COLOR", "1")],
        24,
        120,
    );
    s.wait_for("matching rows [");
    s.send("\x03");
    assert_eq!(s.wait_exit(), 130);
    let screen = s.contents();
    assert!(
        screen.contains("stopped (ctrl-c) while matching the rows"),
        "{screen}"
    );
    assert!(screen.contains("nothing was imported"), "{screen}");
    assert_eq!(
        std::fs::read(ws.join("creators.toml")).unwrap(),
        before,
        "nothing half-written"
    );
}
