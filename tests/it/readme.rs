//! The README as a newcomer uses it: the walkthrough of a first campaign is run to the letter in
//! a real shell, and every shell example is checked to paste safely (no query operator `>` or
//! `<` a shell would take for a redirection).
#![allow(clippy::unwrap_used, clippy::expect_used)] // tests: a failure should panic

use std::process::Command;

use crate::common::{Sandbox, repo};

fn readme() -> String {
    std::fs::read_to_string(repo().join("README.md")).unwrap()
}

/// The shell blocks of the README, each with the line it starts on.
fn shell_blocks(text: &str) -> Vec<(usize, String)> {
    let mut blocks = Vec::new();
    let mut current: Option<(usize, String)> = None;
    for (i, line) in text.lines().enumerate() {
        match &mut current {
            None if line.trim_start() == "```sh" => current = Some((i + 2, String::new())),
            Some(_) if line.trim_start() == "```" => blocks.extend(current.take()),
            Some((_, block)) => {
                block.push_str(line);
                block.push('\n');
            }
            None => {}
        }
    }
    blocks
}

#[test]
fn the_walkthrough_runs_as_written_from_an_empty_workspace_to_drafts() {
    let text = readme();
    let start = text
        .find("<!-- walkthrough")
        .expect("the README has the walkthrough");
    let block = &text[start..];
    let block = &block[block.find("```sh\n").unwrap() + 6..];
    let block = &block[..block.find("```\n").unwrap()];
    let sandbox = Sandbox::new();
    // `shortlist` on the PATH, as the README asks.
    let bin = sandbox.path().join("bin");
    std::fs::create_dir_all(&bin).unwrap();
    std::os::unix::fs::symlink(env!("CARGO_BIN_EXE_shortlist"), bin.join("shortlist")).unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let out = Command::new("sh")
        .arg("-e")
        .arg("-c")
        .arg(block)
        .env_clear()
        .envs(sandbox.env())
        .env("PATH", path)
        .env("SHORTLIST_NOW", "2026-12-01T10:00:00+08:00")
        .current_dir(sandbox.cwd())
        .output()
        .unwrap();
    let (stdout, stderr) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert!(out.status.success(), "{stdout}\n{stderr}");
    let kol = sandbox.path().join("home/kol");
    // The drafts: one mbox with both invitations, in Chinese, to the two creators.
    let mbox = std::fs::read_to_string(kol.join("exports/vitc-launch/vitc-launch.mbox")).unwrap();
    assert_eq!(
        mbox.matches("\nFrom ").count() + usize::from(mbox.starts_with("From ")),
        2
    );
    assert!(mbox.contains("annie@example.com") && mbox.contains("mei@example.com"));
    // Both moved to contacted, and the follow-up is what comes next.
    let campaign = std::fs::read_to_string(kol.join("campaigns/vitc-launch.toml")).unwrap();
    assert_eq!(
        campaign.matches("\nstage = \"contacted\"").count(),
        2,
        "{campaign}"
    );
    assert!(
        stdout.contains("follow up (no reply after 3 days) on 2026-12-04"),
        "{stdout}"
    );
    // Nothing the walkthrough did went wrong quietly.
    assert!(!stderr.contains("error"), "{stderr}");
    assert!(!stderr.contains("warning"), "{stderr}");
}

/// The `<` and `>` of a line that a shell reads as redirections where a query meant them: one
/// outside quotes that follows a word character (`er:>3`, `followers:<10k`). A redirection is
/// written after a space (`cat > file`), or as `2>`, `&>`, or a here-document `<<`.
fn unquoted_operators(line: &str) -> Vec<usize> {
    let mut found = Vec::new();
    let (mut single, mut double) = (false, false);
    let chars: Vec<char> = line.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        match c {
            '\'' if !double => single = !single,
            '"' if !single => double = !double,
            '#' if !single && !double && (i == 0 || chars[i - 1] == ' ') => break,
            '<' | '>' if !single && !double => {
                let before = if i == 0 { ' ' } else { chars[i - 1] };
                let redirect = before == ' '
                    || before == '2'
                    || before == '&'
                    || before == c
                    || chars.get(i + 1) == Some(&c);
                if !redirect {
                    found.push(i);
                }
            }
            _ => {}
        }
    }
    found
}

#[test]
fn every_shell_example_pastes_safely() {
    let text = readme();
    let blocks = shell_blocks(&text);
    assert!(blocks.len() > 5, "the README's shell blocks are found");
    let mut bad = Vec::new();
    for (start, block) in &blocks {
        let mut heredoc: Option<String> = None;
        for (n, line) in block.lines().enumerate() {
            if let Some(end) = &heredoc {
                if line.trim() == end {
                    heredoc = None;
                }
                continue;
            }
            if let Some(at) = line.find("<<") {
                let tag = line[at + 2..].trim().trim_matches(['\'', '"']).to_string();
                heredoc = Some(tag);
            }
            if !unquoted_operators(line).is_empty() {
                bad.push(format!("README.md:{}: {line}", start + n));
            }
        }
    }
    assert!(
        bad.is_empty(),
        "unquoted query operators:\n{}",
        bad.join("\n")
    );
    // The checker itself catches what it is for.
    assert_eq!(unquoted_operators("shortlist search coffee er:>3"), [27]);
    assert!(unquoted_operators("shortlist search 'coffee er:>3'").is_empty());
    assert!(unquoted_operators("cat > creators.csv <<'EOF'").is_empty());
    assert!(unquoted_operators("shortlist due 2>/dev/null").is_empty());
}
