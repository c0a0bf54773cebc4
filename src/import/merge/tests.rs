use super::*;
use crate::model::Vocabulary;

fn sheet(text: &str) -> Sheet {
    crate::import::read("t.csv", text.as_bytes(), &[], None).unwrap()
}

fn db() -> Vec<Creator> {
    let text = "[[creator]]\nid = \"amy\"\nname = \"Amy\"\nemail = \"amy@x.example\"\nchannels = [{ platform = \"ig\", handle = \"amy.ig\" }]\n\n[[creator]]\nid = \"bo\"\nname = \"Bo\"\nchannels = [{ platform = \"yt\", handle = \"BoTV\", followers = 10 }]\n";
    crate::store::parse_creators("creators.toml", text.as_bytes())
        .database
        .creators
}

#[test]
fn a_row_matching_two_creators_is_left_to_decide() {
    let p = plan(
        sheet("name,platform,handle,email\nX,youtube,BoTV,amy@x.example\n"),
        db(),
        false,
        &Vocabulary::default(),
    );
    assert_eq!(
        p.rows[0].outcome,
        Outcome::Decide {
            message: "matches two creators: bo (its channel) and amy (its email); not imported"
                .into()
        }
    );
    assert_eq!(p.creators.len(), 2);
}

#[test]
fn ids_from_handles_never_collide() {
    let p = plan(
        sheet("name,platform,handle\nAmy 2,threads,amy\nAmy 3,tiktok,amy\nRed,xhs,小紅\n"),
        db(),
        false,
        &Vocabulary::default(),
    );
    let ids: Vec<&str> = p.creators[2..].iter().map(|c| c.id.as_str()).collect();
    // The second "amy" is the first one's handle on another platform: it joins her.
    assert_eq!(ids.len(), 2, "{:?}", p.rows);
    assert_eq!(ids[0], "amy-threads");
    assert!(ids[1].starts_with("xiaohongshu-"), "{ids:?}");
    assert!(crate::model::id_problem(ids[1]).is_none());
}

#[test]
fn text_that_is_not_what_it_says_is_refused_with_its_line() {
    let fail = |bytes: &[u8]| {
        crate::import::read("t.csv", bytes, &[], None)
            .unwrap_err()
            .to_string()
    };
    assert_eq!(
        fail(b"\xEF\xBB\xBFname,handle\na,b\n\xff\n"),
        "t.csv:3: not UTF-8 text after its UTF-8 mark"
    );
    assert_eq!(fail(b"\xFF\xFEa\x00\x00\xd8"), "t.csv: broken UTF-16 text");
    assert_eq!(fail(b"\n\n"), "t.csv: the file is empty");
}
