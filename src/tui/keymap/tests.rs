use super::*;
use crate::tui::testing::modes;
use rstest::rstest;

fn key(spec: &str) -> KeyEvent {
    Key::parse(spec).unwrap().to_event()
}

#[rstest]
#[case(modes::NORMAL, "q", Some(Action::Quit))]
#[case(modes::NORMAL, "?", Some(Action::Help))]
#[case(modes::NORMAL, "/", Some(Action::Search))]
#[case(modes::NORMAL, "j", Some(Action::Down))]
#[case(modes::NORMAL, "down", Some(Action::Down))]
#[case(modes::NORMAL, "k", Some(Action::Up))]
#[case(modes::NORMAL, "g", Some(Action::Top))]
#[case(modes::NORMAL, "G", Some(Action::Bottom))]
#[case(modes::NORMAL, "pgdn", Some(Action::PageDown))]
#[case(modes::NORMAL, "space", Some(Action::Mark))]
#[case(modes::NORMAL, "f", Some(Action::Filter))]
#[case(modes::NORMAL, "o", Some(Action::Sort))]
#[case(modes::NORMAL, "e", Some(Action::Edit))]
#[case(modes::NORMAL, "!", Some(Action::Problems))]
#[case(modes::NORMAL, "esc", Some(Action::Back))]
#[case(modes::NORMAL, "ctrl-c", Some(Action::Quit))]
#[case(modes::NORMAL, "c", Some(Action::Campaign))]
#[case(modes::NORMAL, "J", Some(Action::DetailDown))]
#[case(modes::NORMAL, "K", Some(Action::DetailUp))]
#[case(modes::NORMAL, "z", Some(Action::Undo))]
#[case(modes::NORMAL, "Z", None)]
#[case(modes::NORMAL, "ctrl-q", None)]
fn results(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(
        crate::tui::rooms::keymap().resolve(mode, key(spec)),
        action,
        "{spec}"
    );
}

#[rstest]
#[case(modes::TYPING, "q", Some(Action::Insert('q')))]
#[case(modes::TYPING, "?", Some(Action::Insert('?')))]
#[case(modes::TYPING, "/", Some(Action::Insert('/')))]
#[case(modes::TYPING, "G", Some(Action::Insert('G')))]
#[case(modes::TYPING, "space", Some(Action::Insert(' ')))]
#[case(modes::TYPING, "莎", Some(Action::Insert('莎')))]
#[case(modes::TYPING, "enter", Some(Action::Done))]
#[case(modes::TYPING, "esc", Some(Action::Done))]
#[case(modes::TYPING, "backspace", Some(Action::DeleteBack))]
#[case(modes::TYPING, "delete", Some(Action::DeleteForward))]
#[case(modes::TYPING, "left", Some(Action::Left))]
#[case(modes::TYPING, "ctrl-a", Some(Action::LineStart))]
#[case(modes::TYPING, "ctrl-w", Some(Action::DeleteWord))]
#[case(modes::TYPING, "ctrl-u", Some(Action::ClearLine))]
#[case(modes::TYPING, "down", Some(Action::Down))]
#[case(modes::TYPING, "ctrl-c", Some(Action::Quit))]
#[case(modes::TYPING, "alt-x", None)]
fn typing(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(
        crate::tui::rooms::keymap().resolve(mode, key(spec)),
        action,
        "{spec}"
    );
}

#[rstest]
#[case(modes::HELP, "esc", Some(Action::Back))]
#[case(modes::HELP, "q", Some(Action::Back))]
#[case(modes::HELP, "?", Some(Action::Back))]
#[case(modes::HELP, "j", Some(Action::Down))]
#[case(modes::HELP, "ctrl-c", Some(Action::Quit))]
#[case(modes::HELP, "x", None)]
#[case(modes::SORT, "enter", Some(Action::Apply))]
#[case(modes::SORT, "k", Some(Action::Up))]
#[case(modes::SORT, "q", Some(Action::Back))]
#[case(modes::FILTER, "a", Some(Action::Insert('a')))]
#[case(modes::FILTER, "q", Some(Action::Insert('q')))]
#[case(modes::FILTER, "tab", Some(Action::NextField))]
#[case(modes::FILTER, "shift-tab", Some(Action::PreviousField))]
#[case(modes::FILTER, "space", Some(Action::Toggle))]
#[case(modes::FILTER, "enter", Some(Action::Apply))]
#[case(modes::FILTER, "esc", Some(Action::Back))]
#[case(modes::FILTER, "ctrl-c", Some(Action::Quit))]
#[case(modes::CAMPAIGNS, "enter", Some(Action::Apply))]
#[case(modes::CAMPAIGNS, "j", Some(Action::Down))]
#[case(modes::CAMPAIGNS, "c", Some(Action::Back))]
#[case(modes::CAMPAIGNS, "x", None)]
#[case(modes::PROBLEMS, "!", Some(Action::Back))]
#[case(modes::PROBLEMS, "q", Some(Action::Back))]
fn overlays(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(
        crate::tui::rooms::keymap().resolve(mode, key(spec)),
        action,
        "{spec}"
    );
}

#[test]
fn every_key_in_the_table_parses_and_prints_back() {
    for (keys, _, _, _) in crate::tui::rooms::MODES.iter().flat_map(|m| m.0.keys) {
        for k in *keys {
            let parsed = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(Key::parse(&parsed.to_string()).unwrap(), parsed, "{k}");
        }
    }
}

#[test]
fn q_never_quits_while_typing_and_ctrl_c_always_does() {
    let map = crate::tui::rooms::keymap();
    for &mode in crate::tui::rooms::MODES {
        assert_eq!(
            map.resolve(mode, key("ctrl-c")),
            Some(Action::Quit),
            "{mode:?}"
        );
        let q = map.resolve(mode, key("q"));
        assert_eq!(
            q == Some(Action::Quit),
            [modes::NORMAL, modes::BOARD, modes::DUE, modes::REPORT].contains(&mode),
            "{mode:?}: {q:?}"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    let map = crate::tui::rooms::keymap();
    for &mode in crate::tui::rooms::MODES {
        let keys: Vec<Key> = map
            .bindings()
            .iter()
            .filter(|b| b.mode == mode)
            .flat_map(|b| b.keys.clone())
            .collect();
        let mut unique = keys.clone();
        unique.sort_by_key(|k| k.to_string());
        unique.dedup();
        assert_eq!(unique.len(), keys.len(), "{mode:?}");
    }
}

#[test]
fn keys_can_be_rebound_and_mistakes_are_reported() {
    let changes = vec![
        ("quit".to_string(), vec!["Q".to_string()]),
        ("help".to_string(), vec!["f1".to_string(), "h".to_string()]),
        ("qiut".to_string(), vec!["x".to_string()]),
        ("sort".to_string(), vec!["ctrl-".to_string()]),
    ];
    let (map, problems) = crate::tui::rooms::keymap().with_changes(&changes);
    assert_eq!(map.resolve(modes::NORMAL, key("Q")), Some(Action::Quit));
    assert_eq!(map.resolve(modes::NORMAL, key("q")), None);
    assert_eq!(map.resolve(modes::NORMAL, key("h")), Some(Action::Help));
    assert_eq!(
        map.resolve(modes::NORMAL, key("o")),
        Some(Action::Sort),
        "a bad change is left out"
    );
    assert_eq!(
        problems,
        [
            (
                1,
                "help: h is already \"left\" in pipeline board, so it is not bound there"
                    .to_string()
            ),
            (2, "no action \"qiut\" to bind (did you mean \"quit\"?)".to_string()),
            (3, "sort: \"ctrl-\" is not a key (write keys like q, G, ?, ctrl-d, alt-x, shift-tab, pgdn, space, f1); its keys are unchanged".to_string())
        ]
    );
    // Ctrl-C still quits whatever the configuration says.
    assert_eq!(map.resolve(modes::HELP, key("ctrl-c")), Some(Action::Quit));
}

#[test]
fn rebinding_never_takes_letters_from_typing_or_keys_from_other_actions() {
    let changes = vec![
        ("help".to_string(), vec!["j".to_string(), "f1".to_string()]),
        ("down".to_string(), vec!["m".to_string()]),
        (
            "up".to_string(),
            vec!["i".to_string(), "ctrl-k".to_string()],
        ),
    ];
    let (map, problems) = crate::tui::rooms::keymap().with_changes(&changes);
    // j was still "down" when help asked for it, so help only got f1.
    assert_eq!(map.resolve(modes::NORMAL, key("f1")), Some(Action::Help));
    assert_eq!(map.resolve(modes::NORMAL, key("?")), None);
    assert_eq!(
        map.resolve(modes::NORMAL, key("j")),
        None,
        "down moved to m"
    );
    assert_eq!(map.resolve(modes::NORMAL, key("m")), Some(Action::Down));
    // Help is in three places where j was "down" then.
    let mut expected: Vec<(usize, String)> = ["results", "pipeline board", "agenda", "report"]
        .map(|place| {
            (
                0,
                format!("help: j is already \"down\" in {place}, so it is not bound there"),
            )
        })
        .to_vec();
    // Where m marks a payment paid, down does not take it either.
    expected.extend(
        [
            ("paid", "agenda"),
            ("metric", "report"),
            ("paid", "entry view"),
        ]
        .map(|(action, place)| {
            (
                1,
                format!("down: m is already \"{action}\" in {place}, so it is not bound there"),
            )
        }),
    );
    assert_eq!(problems, expected);
    // While typing, m stays a letter and down keeps its own keys; ctrl-k is taken up.
    assert_eq!(
        map.resolve(modes::TYPING, key("m")),
        Some(Action::Insert('m'))
    );
    assert_eq!(map.resolve(modes::TYPING, key("down")), Some(Action::Down));
    assert_eq!(
        map.resolve(modes::TYPING, key("i")),
        Some(Action::Insert('i'))
    );
    assert_eq!(map.resolve(modes::TYPING, key("ctrl-k")), Some(Action::Up));
    // In the overlays, down and up move to m and i too.
    assert_eq!(map.resolve(modes::SORT, key("m")), Some(Action::Down));
}

#[test]
fn hints_come_from_the_table() {
    let hints = crate::tui::rooms::keymap().hints(modes::NORMAL);
    let shown: Vec<(&str, &str)> = hints.iter().map(|h| (h.key.as_str(), h.word)).collect();
    assert!(shown.contains(&("/", "search")));
    assert!(shown.contains(&("q", "quit")));
    assert!(!shown.iter().any(|(k, _)| *k == "j"));
    // Rebinding moves the hint to the new key.
    let changes = [("help".to_string(), vec!["f1".to_string()])];
    let (rebound, _) = crate::tui::rooms::keymap().with_changes(&changes);
    assert!(
        rebound
            .hints(modes::NORMAL)
            .iter()
            .any(|h| h.key == "f1" && h.word == "help")
    );
}

/// The README's key map is this table's: `BLESS=1 cargo test readme` writes it there.
#[test]
fn readme_lists_the_key_map() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let readme = std::fs::read_to_string(&path).unwrap();
    let (start, end) = (
        "<!-- keys: generated from the key tables in src/tui/screens and src/tui/overlays -->\n",
        "<!-- /keys -->",
    );
    let from = readme
        .find(start)
        .expect("the README has the key map markers")
        + start.len();
    let to = from + readme[from..].find(end).expect("the end marker");
    let table = format!("\n{}", crate::tui::rooms::keymap().markdown());
    if std::env::var_os("BLESS").is_some() {
        let updated = format!("{}{table}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[from..to] == table,
        "the README's key map differs from the table: run BLESS=1 cargo test readme"
    );
    for binding in crate::tui::rooms::keymap().bindings() {
        assert!(readme[from..to].contains(binding.help));
    }
}
