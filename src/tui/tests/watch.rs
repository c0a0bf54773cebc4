//! Files changed behind the interface's back are read again, keeping the selection.

use super::outreach::{LUMI, file, lumi, notice};
use crate::model::Stage;
use crate::tui::testing::copy_of_sample;
use crate::tui::watch::Changed;

#[test]
fn a_hand_edit_of_the_open_campaign_is_shown() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    let edited = file(dir.path()).replacen(
        "creator = \"clara-chen\"\nstage = \"shortlisted\"",
        "creator = \"clara-chen\"\nstage = \"contacted\"",
        1,
    );
    std::fs::write(dir.path().join(LUMI), edited).unwrap();
    let effects = h.app.on_changed(Changed {
        campaigns: vec!["lumi-vitc-launch".into()],
        ..Changed::default()
    });
    h.run(effects);
    let open = h.app.campaign.as_ref().unwrap();
    assert_eq!(
        open.campaign.entry("clara-chen").unwrap().stage,
        Stage::Contacted
    );
    assert!(h.screen().contains("contacted"));
}

#[test]
fn a_reloaded_database_keeps_the_selection_and_the_cursor_by_id() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "niche:coffee");
    h.keys("space space j");
    let chosen = h.app.keep();
    assert_eq!(chosen.marked.len(), 2);
    // A creator is put first in the file: every row moves by one.
    let path = dir.path().join("creators.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let new = "[[creator]]\nid = \"aaa-new\"\nname = \"A New One\"\nniches = [\"coffee\"]\nchannels = [{ platform = \"ig\", handle = \"aaa\", followers = 1000 }]\n\n";
    std::fs::write(&path, format!("{new}{text}")).unwrap();
    let effects = h.app.on_changed(Changed {
        creators: true,
        ..Changed::default()
    });
    h.run(effects);
    assert_eq!(
        h.app.keep(),
        chosen,
        "the same creators, the cursor on the same one"
    );
    assert!(h.screen().contains("A New One"));
    // Templates listed again.
    std::fs::write(
        dir.path().join("templates/thanks.txt"),
        "kind = \"thank-you\"\n---\nThanks {{ creator.name }}\n",
    )
    .unwrap();
    let effects = h.app.on_changed(Changed {
        templates: true,
        ..Changed::default()
    });
    h.run(effects);
    assert!(
        h.app.templates.iter().any(|t| t == "thanks"),
        "{:?}",
        h.app.templates
    );
}

#[test]
fn m_reads_the_mailboxes_and_records_replies_to_what_was_exported() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    // Without mailboxes, the key says how to set them.
    h.keys("M");
    assert!(notice(&h).contains("[mail] mailboxes"), "{}", notice(&h));
    // The invitation exported records its id; Clara answers it.
    h.keys("x enter n");
    let text = file(dir.path());
    let id = text
        .split("message_id = \"<")
        .nth(1)
        .and_then(|rest| rest.split('>').next())
        .expect("the export recorded its message id")
        .to_string();
    let inbox = dir.path().join("Mail");
    std::fs::create_dir_all(inbox.join("new")).unwrap();
    std::fs::create_dir_all(inbox.join("cur")).unwrap();
    std::fs::write(
        inbox.join("new/1.eml"),
        format!(
            "From: Clara <hello@clarachen.example>\r\nTo: amy@lumi.example\r\nSubject: Re: invitation\r\nMessage-ID: <c1@clarachen.example>\r\nIn-Reply-To: <{id}>\r\nDate: Tue, 24 Nov 2026 10:00:00 +0800\r\n\r\nYes! Send me the brief please.\r\n"
        ),
    )
    .unwrap();
    h.with_mailboxes(vec![inbox]);
    h.keys("M");
    assert_eq!(
        notice(&h),
        "1 new reply · lumi-vitc-launch: clara-chen: replied: Re: invitation"
    );
    let text = file(dir.path());
    assert!(
        text.contains("event = \"replied\", note = \"Re: invitation — Yes! Send me the brief please.\", message_id = \"<c1@clarachen.example>\""),
        "{text}"
    );
    // Read again, nothing new.
    h.keys("M");
    assert_eq!(notice(&h), "no new replies");
}
