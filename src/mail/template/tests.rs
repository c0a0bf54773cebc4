use super::*;
use crate::mail::filters::environment;

fn problems(text: &str) -> Vec<String> {
    match parse_template("t", "templates/t.txt", text) {
        Ok(_) => Vec::new(),
        Err(list) => list.iter().map(|d| d.to_string()).collect(),
    }
}

#[test]
fn the_sample_templates_read_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/templates");
    for (name, kind) in [
        ("invite-en", Kind::Invite),
        ("invite-zh-TW", Kind::Invite),
        ("followup-zh-TW", Kind::FollowUp),
    ] {
        let text = std::fs::read_to_string(dir.join(format!("{name}.txt"))).unwrap();
        let t = parse_template(name, name, &text).unwrap_or_else(|e| panic!("{name}: {e:?}"));
        assert_eq!(t.kind, Some(kind));
        assert_eq!(t.subject.line, 3);
        assert_eq!(t.body.line, 5);
        assert!(t.campaign_keys.is_empty(), "{:?}", t.campaign_keys);
    }
}

#[test]
fn a_kind_is_one_of_the_known_ones() {
    assert_eq!(Kind::parse("Follow up"), Some(Kind::FollowUp));
    assert_eq!(Kind::parse("followup"), Some(Kind::FollowUp));
    assert_eq!(
        problems("+++\nkind = \"invte\"\nsubject = \"x\"\n+++\nbody\n"),
        ["templates/t.txt:2:1: error: unknown kind \"invte\" (did you mean \"invite\"?)"]
    );
    assert_eq!(
        problems("+++\nkind = 3\nsubject = \"x\"\n+++\nbody\n"),
        ["templates/t.txt:2:1: error: \"kind\" must be a string"]
    );
    assert_eq!(
        problems("+++\nkind = \"newsletter\"\nsubject = \"x\"\n+++\nbody\n"),
        [
            "templates/t.txt:2:1: error: unknown kind \"newsletter\" (kinds: invite, follow-up, reminder, thank-you)"
        ]
    );
}

#[test]
fn an_unknown_variable_is_named_with_its_line_and_the_nearest_name() {
    let text = "+++\nsubject = \"Hi {{ creator.name }}\"\n+++\nHello,\n\n{{ creator.nmae }} and {{ camapign.brand }}\n{{ entry.fees }} {{ sender.mail }} {{ campaign.brnad }}\n";
    assert_eq!(
        problems(text),
        [
            "templates/t.txt:6:4: error: unknown variable creator.nmae (did you mean creator.name?)",
            "templates/t.txt:6:27: error: unknown variable camapign (did you mean campaign?)",
            "templates/t.txt:7:4: error: unknown variable entry.fees (did you mean entry.fee?)",
            "templates/t.txt:7:21: error: unknown variable sender.mail (did you mean sender.email?)",
            "templates/t.txt:7:39: error: unknown variable campaign.brnad (did you mean campaign.brand?)",
        ]
    );
}

#[test]
fn variables_in_the_subject_are_checked_on_its_line() {
    let text =
        "+++\n# the subject\nsubject = \"{{ creator.nam }}\"\n+++\nbody {{ creator.name }}\n";
    assert_eq!(
        problems(text),
        ["templates/t.txt:3:15: error: unknown variable creator.nam (did you mean creator.name?)"]
    );
}

#[test]
fn syntax_errors_are_placed() {
    let text = "+++\nsubject = \"x\"\n+++\nline one\n{% if entry.fee %}\nno end\n";
    let found = problems(text);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].starts_with("templates/t.txt:"), "{found:?}");
    assert!(found[0].contains("in the body"), "{found:?}");
    let text = "+++\nsubject = \"{{ creator.name \"\n+++\nbody\n";
    let found = problems(text);
    assert!(
        found[0].starts_with("templates/t.txt:2:1: error: in the subject"),
        "{found:?}"
    );
}

#[test]
fn front_matter_mistakes() {
    assert_eq!(
        problems("subject = \"x\"\nbody\n"),
        [
            "templates/t.txt:1:1: error: a template starts with a line of +++, then subject = \"…\", another +++, and the body"
        ]
    );
    assert_eq!(
        problems("+++\nsubject = \"x\"\nbody\n"),
        [
            "templates/t.txt:1:1: error: the front matter opened here is never closed with a line of +++"
        ]
    );
    assert_eq!(
        problems("+++\ncc = \"a@b.example\"\n+++\nbody\n"),
        ["templates/t.txt:1:1: error: the front matter has no subject = \"…\""]
    );
    assert_eq!(
        problems("+++\nsubject = \"x\"\nsubjet = \"y\"\ncc = 5\n+++\nbody\n"),
        [
            "templates/t.txt:3:1: error: unknown key \"subjet\" (did you mean \"subject\"?)",
            "templates/t.txt:4:1: error: \"cc\" must be a string or a list of strings",
        ]
    );
    let found = problems("+++\nsubject = \"x\" \"y\"\n+++\nbody\n");
    assert!(
        found[0].starts_with("templates/t.txt:2:1: error: invalid TOML in the front matter"),
        "{found:?}"
    );
}

#[test]
fn extras_of_the_campaign_are_left_for_the_campaign_to_answer() {
    let text = "+++\nsubject = \"x\"\ncc = [\"{{ campaign.agency_email }}\"]\nattachments = [\"files/kit.pdf\"]\n+++\nCode: {{ campaign.discount_code }}\n";
    let t = parse_template("t", "t.txt", text).unwrap();
    assert_eq!(
        t.campaign_keys,
        [
            ("discount_code".to_string(), 6),
            ("agency_email".to_string(), 3)
        ]
    );
    assert_eq!(t.attachments, [("files/kit.pdf".to_string(), 4)]);
    assert_eq!(t.cc.len(), 1);
}

#[test]
fn filters_write_numbers_for_people() {
    let env = environment();
    let render = |src: &str| {
        env.render_str(
            src,
            minijinja::context! { n => 52_000, x => 4.5, p => "ptt" },
        )
        .unwrap()
    };
    assert_eq!(render("{{ n | number }}"), "52,000");
    assert_eq!(render("{{ n | wan }}"), "5.2 萬");
    assert_eq!(render("{{ x | percent }}"), "4.5%");
    assert_eq!(render("{{ x | number }}"), "4.5");
    assert_eq!(render("{{ p | platform }}"), "PTT");
    assert!(
        env.render_str("{{ p | number }}", minijinja::context! { p => "x" })
            .is_err()
    );
    // Undefined values may be tested but never printed.
    assert_eq!(
        env.render_str("{% if missing %}x{% endif %}y", ()).unwrap(),
        "y"
    );
    assert!(env.render_str("{{ missing }}", ()).is_err());
}

#[test]
fn a_field_of_a_single_value_is_unknown() {
    let text = "+++\nsubject = \"Hi\"\n+++\n{{ creator.name.zzz }}\n{{ campaign.sender.name }} {{ campaign.sender.mail }}\n{{ sender.name.x }}\n";
    assert_eq!(
        problems(text),
        [
            "templates/t.txt:4:4: error: unknown variable creator.name.zzz: creator.name is a single value, it has no .zzz",
            "templates/t.txt:5:31: error: unknown variable campaign.sender.mail (did you mean campaign.sender.email?)",
            "templates/t.txt:6:4: error: unknown variable sender.name.x: sender.name is a single value, it has no .x",
        ]
    );
}

#[test]
fn an_address_written_out_is_judged_as_the_export_would() {
    assert_eq!(
        problems("+++\nsubject = \"x\"\ncc = \"x@y.example, evil@q.example\"\n+++\nbody\n"),
        [
            "templates/t.txt:3:1: error: cc: \"x@y.example, evil@q.example\" is not one address: an address cannot contain spaces"
        ]
    );
    assert_eq!(
        problems(
            "+++\nsubject = \"x\"\nbcc = [\"a@b.example\", \"<x@y.example,e@q.example>\"]\nreply_to = \"Amy <amy@leaf.example>\"\n+++\nbody\n"
        ),
        [
            "templates/t.txt:3:1: error: bcc: \"<x@y.example,e@q.example>\" is not one address: an address has exactly one @"
        ]
    );
    // One filled in per creator is judged when it is: its value is not known yet.
    assert_eq!(
        problems("+++\nsubject = \"x\"\ncc = \"{{ campaign.agency_email }}\"\n+++\nbody\n"),
        Vec::<String>::new()
    );
}
