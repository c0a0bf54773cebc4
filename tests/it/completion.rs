//! At home in the shell: completion scripts every shell accepts, bash completing campaign ids,
//! creator ids (by id, name or alias, among the campaign's shortlist), stages and templates
//! through the program itself, the manual page, and examples at the end of each `--help`.
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::path::Path;
use std::process::Command;

use crate::common::Sandbox;

fn installed(shell: &str) -> bool {
    Command::new(shell)
        .arg("-c")
        .arg("true")
        .output()
        .is_ok_and(|o| o.status.success())
}

fn script(sandbox: &Sandbox, shell: &str) -> String {
    let out = sandbox.cmd().args(["completions", shell]).output().unwrap();
    assert!(
        out.status.success(),
        "{shell}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn every_shell_gets_a_script_it_accepts() {
    let sandbox = Sandbox::new();
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let text = script(&sandbox, shell);
        assert!(text.contains("shortlist"), "{shell}: {text}");
        // Checked by the shell itself where it is installed.
        let check = match shell {
            "bash" | "zsh" => Some((shell, "-n")),
            "fish" => Some(("fish", "--no-execute")),
            _ => None,
        };
        if let Some((program, flag)) = check.filter(|(p, _)| installed(p)) {
            let path = sandbox.path().join(format!("completion.{shell}"));
            std::fs::write(&path, &text).unwrap();
            let out = Command::new(program).arg(flag).arg(&path).output().unwrap();
            assert!(
                out.status.success(),
                "{shell}: {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    let out = sandbox
        .cmd()
        .args(["completions", "tcsh"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "an unknown shell is misuse");
}

/// What bash completes for `words`, the last being completed.
fn complete(sandbox: &Sandbox, ws: &Path, words: &[&str]) -> Vec<String> {
    let script_path = sandbox.path().join("completion.bash");
    std::fs::write(&script_path, script(sandbox, "bash")).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let driver = format!(
        "source '{}'\nCOMP_WORDS=(shortlist {})\nCOMP_CWORD={}\nCOMP_TYPE=9\n_clap_complete_shortlist shortlist '{}' x\nprintf '%s\\n' \"${{COMPREPLY[@]}}\"\n",
        script_path.display(),
        quoted.join(" "),
        words.len(),
        words.last().unwrap()
    );
    let out = Command::new("bash")
        .arg("-c")
        .arg(driver)
        .envs(sandbox.env())
        .env("SHORTLIST_WORKSPACE", ws)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn bash_completes_ids_by_prefix_name_and_alias_stages_and_templates() {
    let sandbox = Sandbox::new();
    let ws = sandbox.sample("ws");
    assert_eq!(
        complete(&sandbox, &ws, &["stage", "lu"]),
        ["lumi-vitc-launch"]
    );
    assert_eq!(
        complete(&sandbox, &ws, &["stage", "lumi-vitc-launch", "sar"]),
        ["sarsa"]
    );
    // By a name in Chinese, among the shortlist.
    assert_eq!(
        complete(&sandbox, &ws, &["stage", "lumi-vitc-launch", "莎"]),
        ["sarsa"]
    );
    assert_eq!(
        complete(&sandbox, &ws, &["stage", "lumi", "mei"]),
        ["mei-skinlab"]
    );
    // Only the campaign's shortlist for stage; every creator for add.
    assert!(complete(&sandbox, &ws, &["stage", "lumi-vitc-launch", "coffee"]).is_empty());
    assert_eq!(
        complete(&sandbox, &ws, &["add", "lumi-vitc-launch", "coffee-d"]),
        ["coffee-daily"]
    );
    assert_eq!(
        complete(
            &sandbox,
            &ws,
            &["stage", "lumi-vitc-launch", "sarsa", "con"]
        ),
        ["contacted", "contracted"]
    );
    assert_eq!(
        complete(
            &sandbox,
            &ws,
            &["export", "lumi-vitc-launch", "--template", "follow"]
        ),
        ["followup-zh-TW"]
    );
    assert_eq!(
        complete(&sandbox, &ws, &["due", "--campaign", "trail"]),
        ["trailhead-ul-pack"]
    );
}

#[test]
fn the_manual_page_renders_and_every_command_has_examples() {
    let sandbox = Sandbox::new();
    let out = sandbox.cmd().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    for section in [
        "SHORTLIST STAGE",
        "SHORTLIST REPLIES",
        "QUERY LANGUAGE",
        "ENVIRONMENT",
        "SHORTLIST_WORKSPACE",
    ] {
        assert!(page.contains(section), "{section}");
    }
    if installed("man") || Command::new("man").arg("--version").output().is_ok() {
        let path = sandbox.path().join("shortlist.1");
        std::fs::write(&path, &page).unwrap();
        let out = Command::new("man")
            .args(["--warnings", "-l"])
            .arg(&path)
            .env("MANWIDTH", "100")
            .output()
            .unwrap();
        assert!(out.status.success());
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "",
            "man renders without warnings"
        );
    }
    let help = sandbox.cmd().arg("--help").output().unwrap();
    let help = String::from_utf8(help.stdout).unwrap();
    let commands: Vec<&str> = help
        .lines()
        .skip_while(|l| !l.starts_with("Commands:"))
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // A command's line, not the wrapped rest of a description.
        .filter(|l| !l[2..].starts_with(' '))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help" && *c != "man")
        .collect();
    assert!(commands.len() > 20, "{commands:?}");
    for c in commands {
        let out = sandbox.cmd().args([c, "--help"]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("Examples:\n  shortlist "),
            "{c} --help has examples:\n{text}"
        );
    }
}
