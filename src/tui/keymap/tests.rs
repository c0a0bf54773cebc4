use super::*;
use rstest::rstest;

fn key(spec: &str) -> KeyEvent {
    Key::parse(spec).unwrap().to_event()
}

#[rstest]
#[case(Mode::Normal, "q", Some(Action::Quit))]
#[case(Mode::Normal, "?", Some(Action::Help))]
#[case(Mode::Normal, "/", Some(Action::Search))]
#[case(Mode::Normal, "j", Some(Action::Down))]
#[case(Mode::Normal, "down", Some(Action::Down))]
#[case(Mode::Normal, "k", Some(Action::Up))]
#[case(Mode::Normal, "g", Some(Action::Top))]
#[case(Mode::Normal, "G", Some(Action::Bottom))]
#[case(Mode::Normal, "pgdn", Some(Action::PageDown))]
#[case(Mode::Normal, "space", Some(Action::Mark))]
#[case(Mode::Normal, "f", Some(Action::Filter))]
#[case(Mode::Normal, "o", Some(Action::Sort))]
#[case(Mode::Normal, "e", Some(Action::Edit))]
#[case(Mode::Normal, "!", Some(Action::Problems))]
#[case(Mode::Normal, "esc", Some(Action::Back))]
#[case(Mode::Normal, "ctrl-c", Some(Action::Quit))]
#[case(Mode::Normal, "c", Some(Action::Campaign))]
#[case(Mode::Normal, "J", Some(Action::DetailDown))]
#[case(Mode::Normal, "K", Some(Action::DetailUp))]
#[case(Mode::Normal, "z", None)]
#[case(Mode::Normal, "ctrl-q", None)]
fn results(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(Keymap::default().resolve(mode, key(spec)), action, "{spec}");
}

#[rstest]
#[case(Mode::Typing, "q", Some(Action::Insert('q')))]
#[case(Mode::Typing, "?", Some(Action::Insert('?')))]
#[case(Mode::Typing, "/", Some(Action::Insert('/')))]
#[case(Mode::Typing, "G", Some(Action::Insert('G')))]
#[case(Mode::Typing, "space", Some(Action::Insert(' ')))]
#[case(Mode::Typing, "莎", Some(Action::Insert('莎')))]
#[case(Mode::Typing, "enter", Some(Action::Done))]
#[case(Mode::Typing, "esc", Some(Action::Done))]
#[case(Mode::Typing, "backspace", Some(Action::DeleteBack))]
#[case(Mode::Typing, "delete", Some(Action::DeleteForward))]
#[case(Mode::Typing, "left", Some(Action::Left))]
#[case(Mode::Typing, "ctrl-a", Some(Action::LineStart))]
#[case(Mode::Typing, "ctrl-w", Some(Action::DeleteWord))]
#[case(Mode::Typing, "ctrl-u", Some(Action::ClearLine))]
#[case(Mode::Typing, "down", Some(Action::Down))]
#[case(Mode::Typing, "ctrl-c", Some(Action::Quit))]
#[case(Mode::Typing, "alt-x", None)]
fn typing(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(Keymap::default().resolve(mode, key(spec)), action, "{spec}");
}

#[rstest]
#[case(Mode::Help, "esc", Some(Action::Back))]
#[case(Mode::Help, "q", Some(Action::Back))]
#[case(Mode::Help, "?", Some(Action::Back))]
#[case(Mode::Help, "j", Some(Action::Down))]
#[case(Mode::Help, "ctrl-c", Some(Action::Quit))]
#[case(Mode::Help, "x", None)]
#[case(Mode::Sort, "enter", Some(Action::Apply))]
#[case(Mode::Sort, "k", Some(Action::Up))]
#[case(Mode::Sort, "q", Some(Action::Back))]
#[case(Mode::Filter, "a", Some(Action::Insert('a')))]
#[case(Mode::Filter, "q", Some(Action::Insert('q')))]
#[case(Mode::Filter, "tab", Some(Action::NextField))]
#[case(Mode::Filter, "shift-tab", Some(Action::PreviousField))]
#[case(Mode::Filter, "space", Some(Action::Toggle))]
#[case(Mode::Filter, "enter", Some(Action::Apply))]
#[case(Mode::Filter, "esc", Some(Action::Back))]
#[case(Mode::Filter, "ctrl-c", Some(Action::Quit))]
#[case(Mode::Campaigns, "enter", Some(Action::Apply))]
#[case(Mode::Campaigns, "j", Some(Action::Down))]
#[case(Mode::Campaigns, "c", Some(Action::Back))]
#[case(Mode::Campaigns, "x", None)]
#[case(Mode::Problems, "!", Some(Action::Back))]
#[case(Mode::Problems, "q", Some(Action::Back))]
fn overlays(#[case] mode: Mode, #[case] spec: &str, #[case] action: Option<Action>) {
    assert_eq!(Keymap::default().resolve(mode, key(spec)), action, "{spec}");
}

#[test]
fn every_key_in_the_table_parses_and_prints_back() {
    for (_, keys, _, _, _) in DEFAULT {
        for k in *keys {
            let parsed = Key::parse(k).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(Key::parse(&parsed.to_string()).unwrap(), parsed, "{k}");
        }
    }
}

#[test]
fn q_never_quits_while_typing_and_ctrl_c_always_does() {
    let map = Keymap::default();
    for mode in Mode::ALL {
        assert_eq!(
            map.resolve(mode, key("ctrl-c")),
            Some(Action::Quit),
            "{mode:?}"
        );
        let q = map.resolve(mode, key("q"));
        assert_eq!(
            q == Some(Action::Quit),
            matches!(mode, Mode::Normal | Mode::Board | Mode::Due),
            "{mode:?}: {q:?}"
        );
    }
}

#[test]
fn no_key_is_bound_twice_in_one_mode() {
    let map = Keymap::default();
    for mode in Mode::ALL {
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
    let (map, problems) = Keymap::default().with_changes(&changes);
    assert_eq!(map.resolve(Mode::Normal, key("Q")), Some(Action::Quit));
    assert_eq!(map.resolve(Mode::Normal, key("q")), None);
    assert_eq!(map.resolve(Mode::Normal, key("h")), Some(Action::Help));
    assert_eq!(
        map.resolve(Mode::Normal, key("o")),
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
    assert_eq!(map.resolve(Mode::Help, key("ctrl-c")), Some(Action::Quit));
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
    let (map, problems) = Keymap::default().with_changes(&changes);
    // j was still "down" when help asked for it, so help only got f1.
    assert_eq!(map.resolve(Mode::Normal, key("f1")), Some(Action::Help));
    assert_eq!(map.resolve(Mode::Normal, key("?")), None);
    assert_eq!(map.resolve(Mode::Normal, key("j")), None, "down moved to m");
    assert_eq!(map.resolve(Mode::Normal, key("m")), Some(Action::Down));
    // Help is in three places where j was "down" then.
    assert_eq!(
        problems,
        ["results", "pipeline board", "follow-ups due"].map(|place| (
            0,
            format!("help: j is already \"down\" in {place}, so it is not bound there")
        ))
    );
    // While typing, m stays a letter and down keeps its own keys; ctrl-k is taken up.
    assert_eq!(
        map.resolve(Mode::Typing, key("m")),
        Some(Action::Insert('m'))
    );
    assert_eq!(map.resolve(Mode::Typing, key("down")), Some(Action::Down));
    assert_eq!(
        map.resolve(Mode::Typing, key("i")),
        Some(Action::Insert('i'))
    );
    assert_eq!(map.resolve(Mode::Typing, key("ctrl-k")), Some(Action::Up));
    // In the overlays, down and up move to m and i too.
    assert_eq!(map.resolve(Mode::Sort, key("m")), Some(Action::Down));
}

#[test]
fn hints_come_from_the_table() {
    let hints = Keymap::default().hints(Mode::Normal);
    let shown: Vec<(&str, &str)> = hints.iter().map(|h| (h.key.as_str(), h.word)).collect();
    assert!(shown.contains(&("/", "search")));
    assert!(shown.contains(&("q", "quit")));
    assert!(!shown.iter().any(|(k, _)| *k == "j"));
    // Rebinding moves the hint to the new key.
    let changes = [("help".to_string(), vec!["f1".to_string()])];
    let (rebound, _) = Keymap::default().with_changes(&changes);
    assert!(
        rebound
            .hints(Mode::Normal)
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
        "<!-- keys: generated from src/tui/keymap/table.rs -->\n",
        "<!-- /keys -->",
    );
    let from = readme
        .find(start)
        .expect("the README has the key map markers")
        + start.len();
    let to = from + readme[from..].find(end).expect("the end marker");
    let table = format!("\n{}", Keymap::default().markdown());
    if std::env::var_os("BLESS").is_some() {
        let updated = format!("{}{table}{}", &readme[..from], &readme[to..]);
        std::fs::write(&path, updated).unwrap();
        return;
    }
    assert!(
        readme[from..to] == table,
        "the README's key map differs from the table: run BLESS=1 cargo test readme"
    );
    for binding in Keymap::default().bindings() {
        assert!(readme[from..to].contains(binding.help));
    }
}
