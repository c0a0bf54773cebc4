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
        &At {
            now: &now,
            currency: "TWD",
            progress: None,
        },
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

#[test]
fn a_failed_export_into_a_new_folder_leaves_no_folder() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("exports").join("launch");
    // A name no file system takes makes the write fail half way.
    let files = vec![
        (PathBuf::from("a.eml"), b"a".to_vec()),
        (
            PathBuf::from(format!("{}.eml", "b".repeat(300))),
            b"b".to_vec(),
        ),
    ];
    assert!(write(&out, Format::Eml, files).is_err());
    assert!(
        !dir.path().join("exports").exists(),
        "no empty folders left"
    );
}

#[test]
fn staging_left_by_a_killed_export_is_removed_and_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let left = dir.path().join(".export-shortlist-Ab12Cd34Ef");
    std::fs::create_dir_all(left.join("maildir/cur")).unwrap();
    std::fs::write(left.join("a.eml"), "half").unwrap();
    let users = dir.path().join(".export-notes");
    std::fs::create_dir_all(&users).unwrap();
    let written = write(
        dir.path(),
        Format::Eml,
        vec![(PathBuf::from("a.eml"), b"a".to_vec())],
    )
    .unwrap();
    assert_eq!(written.files.len(), 1);
    assert!(!left.exists());
    assert!(
        users.exists(),
        "a folder the program did not name is left alone"
    );
}

#[test]
fn two_ids_with_one_file_name_get_two_files() {
    let letter = |id: &str| Letter {
        creator: id.into(),
        to_name: id.into(),
        to_email: format!("{id}@x.example"),
        subject: "s".into(),
        body: "b".into(),
        cc: Vec::new(),
        bcc: Vec::new(),
        reply_to: None,
        thread: Vec::new(),
    };
    let prepared = Prepared {
        letters: vec![letter("a.b"), letter("a_b"), letter("a-b")],
        messages: vec![b"1".to_vec(), b"2".to_vec(), b"3".to_vec()],
        problems: Vec::new(),
    };
    let now: jiff::Zoned = "2026-11-22T09:30:00+08:00[Asia/Taipei]".parse().unwrap();
    let names: Vec<String> = files(Format::Eml, "c", &prepared, "s@x.example", &now)
        .into_iter()
        .map(|(p, _)| p.display().to_string())
        .collect();
    assert_eq!(names, ["a_b.eml", "a_b-2.eml", "a-b.eml"]);
}

#[test]
fn check_says_what_a_write_would_replace_or_why_it_cannot() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.eml"), "earlier").unwrap();
    let files = vec![
        (PathBuf::from("a.eml"), b"a".to_vec()),
        (PathBuf::from("b.eml"), b"b".to_vec()),
    ];
    assert_eq!(check(dir.path(), &files).unwrap(), 1);
    std::fs::create_dir(dir.path().join("b.eml")).unwrap();
    let error = check(dir.path(), &files).unwrap_err();
    assert_eq!(
        error.to_string(),
        "b.eml is in the way (a folder or a link, not a file an export wrote)"
    );
}
