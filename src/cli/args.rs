//! `search` takes negated terms such as `-kind:kol`, which look like options. Before parsing,
//! its arguments are put in order: its options stay options wherever they are, and every other
//! word goes after a `--`, so `shortlist search coffee -kind:kol --limit 5` means what it says.

use std::ffi::OsString;

/// Options of `search` that take a value.
const VALUE_OPTIONS: &[&str] = &["--campaign", "--sort", "--limit", "--format", "--workspace"];

/// The process's arguments with `search`'s query words after a `--`.
pub fn normalize(args: Vec<OsString>) -> Vec<OsString> {
    let text = |i: usize| args.get(i).map(|a| a.to_string_lossy().into_owned());
    let mut i = 1;
    while let Some(a) = text(i) {
        if a == "--workspace" {
            i += 2;
        } else if a.starts_with("--workspace=") {
            i += 1;
        } else {
            break;
        }
    }
    if text(i).as_deref() != Some("search") {
        return args;
    }
    let mut out: Vec<OsString> = args[..=i].to_vec();
    let mut words = Vec::new();
    let mut j = i + 1;
    while let Some(a) = text(j) {
        if a == "--" {
            words.extend(args[j + 1..].iter().cloned());
            break;
        }
        if VALUE_OPTIONS.contains(&a.as_str()) {
            out.extend(args[j..(j + 2).min(args.len())].iter().cloned());
            j += 2;
            continue;
        }
        if a.starts_with("--") || a == "-h" {
            // Options, known or not: an unknown one is misuse and clap says so.
            out.push(args[j].clone());
        } else {
            words.push(args[j].clone());
        }
        j += 1;
    }
    out.push("--".into());
    out.extend(words);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(args: &str) -> String {
        let args = args.split(' ').map(OsString::from).collect();
        normalize(args)
            .iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn query_words_go_after_a_double_dash() {
        assert_eq!(
            run("sl search coffee -kind:kol --limit 5 -has:email"),
            "sl search --limit 5 -- coffee -kind:kol -has:email"
        );
        assert_eq!(
            run("sl --workspace w search -x --format=json"),
            "sl --workspace w search --format=json -- -x"
        );
        assert_eq!(run("sl search -- --literal"), "sl search -- --literal");
        assert_eq!(run("sl search --bogus x"), "sl search --bogus -- x");
        assert_eq!(run("sl search"), "sl search --");
    }

    #[test]
    fn other_commands_are_left_alone() {
        assert_eq!(run("sl check -x"), "sl check -x");
        assert_eq!(run("sl"), "sl");
    }
}
