use super::*;

#[test]
fn mboxrd_round_trips_from_lines() {
    let body = b"Hi\nFrom here on\n>From quoted\n>>From twice\nFromage\n".to_vec();
    let escaped = mboxrd_escape(&body);
    assert_eq!(
        escaped,
        b"Hi\n>From here on\n>>From quoted\n>>>From twice\nFromage\n".to_vec()
    );
    assert_eq!(mboxrd_unescape(&escaped), body);
}

#[test]
fn a_write_that_cannot_finish_leaves_nothing() {
    let dir = tempfile::tempdir().unwrap();
    // b.eml is in the way as a folder.
    std::fs::create_dir_all(dir.path().join("b.eml")).unwrap();
    let files = vec![
        (PathBuf::from("a.eml"), b"a".to_vec()),
        (PathBuf::from("b.eml"), b"b".to_vec()),
    ];
    assert!(write(dir.path(), Format::Eml, files).is_err());
    let left: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(left, ["b.eml"], "no a.eml, no staging folder");
}

#[test]
fn a_malformed_address_is_left_out_by_name() {
    let template = super::super::parse_template(
        "t",
        "t.txt",
        "+++\nsubject = \"Hi\"\n+++\nHello {{ creator.name }}\n",
    )
    .unwrap();
    let campaign = crate::store::parse_campaign(
        "c",
        "c.toml",
        b"[campaign]\nname = \"C\"\nsender = { name = \"S\", email = \"s@x.example\" }\n\n[[entry]]\ncreator = \"a\"\n\n[[entry]]\ncreator = \"b\"\n",
        None,
    )
    .campaign
    .unwrap();
    let creator = |id: &str, email: &str| crate::model::Creator {
        id: id.into(),
        name: id.to_uppercase().into(),
        email: Some(email.into()),
        ..Default::default()
    };
    let (a, b) = (creator("a", "not an address"), creator("b", "b@x.example"));
    let invitees = [
        Invitee {
            entry: &campaign.entries[0],
            creator: Some(&a),
        },
        Invitee {
            entry: &campaign.entries[1],
            creator: Some(&b),
        },
    ];
    let now = crate::clock::parse("2026-11-22T09:30:00+08:00").unwrap();
    let prepared = prepare(
        Path::new("."),
        "c.toml",
        &template,
        &campaign,
        &invitees,
        &now,
        "TWD",
    );
    assert!(!prepared.blocked());
    assert_eq!(prepared.letters.len(), 1);
    assert_eq!(prepared.problems.len(), 1);
    let problem = prepared.problems[0].to_string();
    assert!(
        problem.starts_with("skipped: malformed email \"not an address\""),
        "{problem}"
    );
    assert!(problem.ends_with("(a)"), "{problem}");
}

#[test]
fn file_names_cannot_climb_or_hide() {
    assert_eq!(file_stem("../../etc/passwd"), "______etc_passwd");
    assert_eq!(file_stem("a.b/c"), "a_b_c");
    assert_eq!(file_stem("sarsa"), "sarsa");
    assert_eq!(file_stem(""), "_");
    assert_eq!(Format::parse("MBOX"), Some(Format::Mbox));
    assert_eq!(Format::parse("pdf"), None);
}
