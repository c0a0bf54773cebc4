use super::*;
use crate::model::Platform;

fn channel(platform: Platform, handle: &str, followers: Option<u64>) -> Channel {
    Channel {
        platform,
        handle: handle.into(),
        followers,
        engagement: None,
        avg_views: None,
        url: None,
    }
}

const FILE: &str = "# My creators\n\n[[creator]]\nid = \"sarsa\"   # the id campaigns use\nname = \"Sarsa\"\nchannels = [\n  { platform = \"ig\", handle = \"Sarsa.Beauty\", followers = 52_000 },  # main\n]\n\n[[creator]]\nid = \"ken\"\nname = \"Ken\"\n\n[[creator.channels]]\nplatform = \"youtube\"\nhandle = \"KenTV\"\nfollowers = 1000 # old\n";

#[test]
fn numbers_change_in_place_and_everything_else_stays() {
    let text = apply(
        FILE,
        vec![
            CreatorChange::Channel {
                id: "sarsa".into(),
                channel: channel(Platform::Instagram, "sarsa.beauty", Some(55_000)),
            },
            CreatorChange::Channel {
                id: "ken".into(),
                channel: channel(Platform::YouTube, "kentv", Some(2_500)),
            },
        ],
        Vec::new(),
    )
    .unwrap();
    assert_eq!(
        text,
        FILE.replace("followers = 52_000 }", "followers = 55_000 }")
            .replace("followers = 1000 # old", "followers = 2_500 # old")
    );
}

#[test]
fn new_channels_fields_and_creators_are_written_as_a_person_would() {
    let mut new = Creator {
        id: "mei".into(),
        name: "小美".into(),
        ..Creator::default()
    };
    new.channels
        .push(channel(Platform::TikTok, "mei_tt", Some(12_300)));
    let text = apply(
        FILE,
        vec![
            CreatorChange::Channel {
                id: "sarsa".into(),
                channel: channel(Platform::Threads, "sarsa", None),
            },
            CreatorChange::Fill {
                id: "sarsa".into(),
                key: "email",
                value: FillValue::Text("hello@sarsa.example".into()),
            },
            CreatorChange::Channel {
                id: "ken".into(),
                channel: channel(Platform::Instagram, "ken.tv", Some(900)),
            },
        ],
        vec![new],
    )
    .unwrap();
    assert_eq!(
        text,
        "# My creators\n\n[[creator]]\nid = \"sarsa\"   # the id campaigns use\nname = \"Sarsa\"\nemail = \"hello@sarsa.example\"\nchannels = [\n  { platform = \"ig\", handle = \"Sarsa.Beauty\", followers = 52_000 },  # main\n  { platform = \"threads\", handle = \"sarsa\" },\n]\n\n[[creator]]\nid = \"ken\"\nname = \"Ken\"\n\n[[creator.channels]]\nplatform = \"youtube\"\nhandle = \"KenTV\"\nfollowers = 1000 # old\n\n[[creator.channels]]\nplatform = \"instagram\"\nhandle = \"ken.tv\"\nfollowers = 900\n\n[[creator]]\nid = \"mei\"\nname = \"小美\"\nchannels = [\n  { platform = \"tiktok\", handle = \"mei_tt\", followers = 12_300 },\n]\n"
    );
    let loaded = crate::store::parse_creators("creators.toml", text.as_bytes());
    assert!(loaded.diagnostics.is_empty(), "{:?}", loaded.diagnostics);
    assert_eq!(loaded.database.creators.len(), 3);
}

#[test]
fn new_channels_follow_the_layout_of_each_list() {
    let add = |file: &str| {
        apply(
            file,
            vec![CreatorChange::Channel {
                id: "a".into(),
                channel: channel(Platform::Threads, "a", None),
            }],
            Vec::new(),
        )
        .unwrap()
    };
    let head = "[[creator]]\nid = \"a\"\nname = \"A\"\n";
    assert_eq!(
        add(&format!(
            "{head}channels = [{{ platform = \"ig\", handle = \"a\" }}]\n"
        )),
        format!(
            "{head}channels = [{{ platform = \"ig\", handle = \"a\" }}, {{ platform = \"threads\", handle = \"a\" }}]\n"
        )
    );
    assert_eq!(
        add(&format!(
            "{head}channels = [\n    {{ platform = \"ig\", handle = \"a\" }}\n]\n"
        )),
        format!(
            "{head}channels = [\n    {{ platform = \"ig\", handle = \"a\" }},\n    {{ platform = \"threads\", handle = \"a\" }},\n]\n"
        )
    );
}

#[test]
fn a_creator_not_in_the_file_is_refused() {
    let err = apply(
        FILE,
        vec![CreatorChange::Fill {
            id: "nobody".into(),
            key: "email",
            value: FillValue::Text("a@b.example".into()),
        }],
        Vec::new(),
    )
    .unwrap_err();
    assert_eq!(err, "no creator \"nobody\" in the file");
}

#[test]
fn a_file_changed_meanwhile_is_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("creators.toml");
    std::fs::write(&path, FILE).unwrap();
    let err = update_creators(
        &path,
        "creators.toml",
        "something else",
        Vec::new(),
        Vec::new(),
    )
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "creators.toml changed while the import was being prepared; nothing was written — run it again"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

#[test]
fn channels_this_program_cannot_change_are_refused() {
    let err = apply(
        "[[creator]]\nid = \"a\"\nname = \"A\"\nchannels = \"ig: a\"\n",
        vec![CreatorChange::Channel {
            id: "a".into(),
            channel: channel(Platform::Instagram, "a", Some(1)),
        }],
        Vec::new(),
    )
    .unwrap_err();
    assert_eq!(
        err,
        "creator a: its channels are not a list this program can change"
    );
}

#[test]
fn changes_that_would_not_read_back_are_not_written() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("creators.toml");
    std::fs::write(&path, FILE).unwrap();
    let err = update_creators(
        &path,
        "creators.toml",
        FILE,
        vec![CreatorChange::Fill {
            id: "ken".into(),
            key: "email",
            value: FillValue::Text("ken@".into()),
        }],
        Vec::new(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("creators.toml: the changes would not read back cleanly (creators.toml:"),
        "{err}"
    );
    assert!(err.to_string().ends_with("; nothing was written"), "{err}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), FILE);
}

#[test]
fn a_windows_file_keeps_its_byte_order_mark_and_line_endings() {
    let windows = format!("\u{feff}{}", FILE.replace('\n', "\r\n"));
    let mut new = Creator {
        id: "mei".into(),
        name: "小美".into(),
        ..Creator::default()
    };
    new.channels
        .push(channel(Platform::TikTok, "mei_tt", Some(12_300)));
    let text = apply(
        &windows,
        vec![
            CreatorChange::Channel {
                id: "sarsa".into(),
                channel: channel(Platform::Threads, "sarsa", Some(900)),
            },
            CreatorChange::Channel {
                id: "ken".into(),
                channel: channel(Platform::YouTube, "kentv", Some(2_500)),
            },
        ],
        vec![new],
    )
    .unwrap();
    assert!(text.starts_with('\u{feff}'), "the byte-order mark stays");
    let lone = text.replace("\r\n", "").matches('\n').count();
    assert_eq!(lone, 0, "every line ends in \\r\\n:\n{text:?}");
    // The lines nobody touched are byte for byte as they were.
    assert!(text.starts_with(&windows[..windows.find("channels = [").unwrap()]));
    assert!(text.contains("followers = 2_500 # old\r\n"));
    assert!(text.contains("id = \"mei\"\r\n"));
}
