//! Finding the workspace and `shortlist init`, through the real binary.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use crate::common::{Sandbox, text};

#[test]
fn a_fresh_machine_gets_the_sample_workspace_once() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ws = sandbox.user_workspace();
    assert_eq!(
        text(&out.stderr),
        format!(
            "shortlist: created a sample workspace in {} (invented creators to try things on; `shortlist init --empty DIR` starts your own)\n",
            ws.display()
        )
    );
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(&format!(
        "workspace  {} (the per-user data folder, new from the sample)\n",
        ws.display()
    )));
    assert!(stdout.contains("problems   none"), "{stdout}");
    for (rel, content) in shortlist::store::sample::FILES {
        assert_eq!(std::fs::read_to_string(ws.join(rel)).unwrap(), *content);
    }
    // The second run uses it quietly.
    let out = sandbox.cmd().arg("check").output().unwrap();
    assert_eq!(text(&out.stderr), "");
    assert!(text(&out.stdout).contains("(the per-user data folder)"));
}

#[test]
fn the_current_folder_is_used_when_it_holds_a_database() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.cwd().join("creators.toml"), "").unwrap();
    let out = sandbox.cmd().arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(text(&out.stdout).contains("(the current folder)"));
    assert!(!sandbox.user_workspace().exists());
}

#[test]
fn the_environment_variable_comes_before_the_current_folder() {
    let sandbox = Sandbox::new();
    std::fs::write(sandbox.cwd().join("creators.toml"), "").unwrap();
    let ws = sandbox.workspace("elsewhere", b"");
    let out = sandbox
        .cmd()
        .env("SHORTLIST_WORKSPACE", &ws)
        .arg("check")
        .output()
        .unwrap();
    assert!(text(&out.stdout).starts_with(&format!(
        "workspace  {} (from $SHORTLIST_WORKSPACE)",
        ws.display()
    )));
    // An empty variable is as good as none.
    let out = sandbox
        .cmd()
        .env("SHORTLIST_WORKSPACE", "")
        .arg("check")
        .output()
        .unwrap();
    assert!(text(&out.stdout).contains("(the current folder)"));
}

#[test]
fn the_flag_comes_first_and_works_after_the_subcommand() {
    let sandbox = Sandbox::new();
    let from_env = sandbox.workspace("env", b"");
    let ws = sandbox.workspace("flag", b"");
    let out = sandbox
        .cmd()
        .env("SHORTLIST_WORKSPACE", &from_env)
        .arg("check")
        .arg("--workspace")
        .arg(&ws)
        .output()
        .unwrap();
    assert!(
        text(&out.stdout).starts_with(&format!("workspace  {} (from --workspace)", ws.display()))
    );
}

#[test]
fn a_workspace_that_is_not_there_is_a_clear_error() {
    let sandbox = Sandbox::new();
    let missing = sandbox.path().join("nope");
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&missing)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "shortlist: error: workspace {0} (from --workspace) does not exist; `shortlist init {0}` makes one there\n",
            missing.display()
        )
    );
    let empty = sandbox.path().join("home");
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&empty)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        text(&out.stderr),
        format!(
            "shortlist: error: {0} (from --workspace) is not a workspace: it has no creators.toml; run `shortlist init {0}` to create one\n",
            empty.display()
        )
    );
}

#[test]
fn init_writes_the_sample_and_then_refuses_to_overwrite_it() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("new-ws");
    let out = sandbox.cmd().arg("init").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    assert!(stdout.contains("  creators.toml\n"), "{stdout}");
    assert!(
        stdout.contains("  templates/invite-zh-TW.txt\n"),
        "{stdout}"
    );
    let check = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&dir)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(check.status.code(), Some(0));

    std::fs::write(dir.join("creators.toml"), "# mine now\n").unwrap();
    let out = sandbox.cmd().arg("init").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.starts_with(&format!(
            "shortlist: error: cannot create the sample workspace in {0}: refusing to overwrite {0}/SAMPLE.md, {0}/creators.toml, ",
            dir.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("creators.toml")).unwrap(),
        "# mine now\n"
    );
}

#[test]
fn init_writes_nothing_when_any_file_is_in_the_way() {
    let sandbox = Sandbox::new();
    let dir = sandbox.path().join("partial");
    std::fs::create_dir_all(dir.join("templates")).unwrap();
    std::fs::write(dir.join("templates/invite-en.txt"), "mine").unwrap();
    let out = sandbox.cmd().arg("init").arg(&dir).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(!dir.join("creators.toml").exists());
    assert!(!dir.join("campaigns").exists());
}

#[test]
fn misuse_of_the_command_line_exits_2() {
    let sandbox = Sandbox::new();
    for args in [
        &["frobnicate"][..],
        &["check", "--bogus"],
        &["init"],
        &["--workspace"],
    ] {
        let out = sandbox.cmd().args(args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            text(&out.stderr)
        );
    }
}

#[test]
fn init_empty_writes_a_workspace_of_ones_own() {
    let sandbox = Sandbox::new();
    let dir = sandbox.cwd().join("my kol");
    let out = sandbox
        .cmd()
        .arg("init")
        .arg("--empty")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    // The command to open it is quoted as a shell needs.
    assert!(
        stdout.contains(&format!(
            "open it with: shortlist --workspace '{}'",
            dir.display()
        )),
        "{stdout}"
    );
    assert!(dir.join("campaigns").is_dir());
    assert!(!dir.join("SAMPLE.md").exists(), "not the sample");
    assert!(dir.join("templates/invite-zh-TW.txt").is_file());
    // No one in it, and nothing wrong with it.
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&dir)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(
        text(&out.stdout).contains("creators   0 loaded"),
        "{}",
        text(&out.stdout)
    );
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&dir)
        .args(["due"])
        .output()
        .unwrap();
    assert!(
        !text(&out.stderr).contains("sample"),
        "{}",
        text(&out.stderr)
    );
    // Never over anything.
    let out = sandbox
        .cmd()
        .arg("init")
        .arg("--empty")
        .arg(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("refusing to overwrite"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn the_sample_says_it_is_one() {
    let sandbox = Sandbox::new();
    let ws = sandbox.cwd().join("s");
    sandbox.cmd().arg("init").arg(&ws).output().unwrap();
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .arg("due")
        .output()
        .unwrap();
    assert!(
        text(&out.stderr).contains("this is the sample workspace"),
        "{}",
        text(&out.stderr)
    );
    // Once SAMPLE.md is gone, it is one's own.
    std::fs::remove_file(ws.join("SAMPLE.md")).unwrap();
    let out = sandbox
        .cmd()
        .arg("--workspace")
        .arg(&ws)
        .arg("due")
        .output()
        .unwrap();
    assert!(
        !text(&out.stderr).contains("sample"),
        "{}",
        text(&out.stderr)
    );
}
