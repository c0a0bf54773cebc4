//! Exporting invitations from the interface, on copies of the sample workspace: the preview
//! shows what will be written and every problem, nothing is written until the user says so,
//! and the invited move to `contacted` only when they are asked and agree.

use std::path::Path;

use super::outreach::{copy_of_sample, lumi, notice, on_disk};
use crate::mail::Format;
use crate::model::Stage;
use crate::tui::overlays::export::ExportView;
use crate::tui::tasks::ExportPreview;
use crate::tui::testing::modes;

const EXPORTS: &str = "exports/lumi-vitc-launch";

fn preview(h: &crate::tui::testing::Harness) -> &ExportPreview {
    match h.app.overlay::<ExportView>() {
        Some(view) => view.preview.as_ref().expect("the rendering is back"),
        None => panic!("no export preview: {:?}", h.app.overlays),
    }
}

fn exported_files(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir.join(EXPORTS))
        .map(|d| {
            d.flatten()
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn x_previews_the_selected_then_writes_and_asks_before_marking() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "stage:shortlisted");
    h.keys("space space space x");
    assert_eq!(h.mode(), modes::EXPORT);
    let p = preview(&h);
    assert_eq!(p.template.as_deref(), Some("invite-zh-TW"));
    let to: Vec<&str> = p
        .prepared
        .letters
        .iter()
        .map(|l| l.to_email.as_str())
        .collect();
    assert_eq!(to, ["hello@clarachen.example", "team@hanawu.example"]);
    let problems: Vec<String> = p.prepared.problems.iter().map(|p| p.to_string()).collect();
    assert_eq!(problems, ["skipped: no email in creators.toml (dewy-dana)"]);
    assert!(
        exported_files(dir.path()).is_empty(),
        "nothing is written by the preview"
    );

    // The second invitation, in mbox.
    h.keys("l f");
    assert_eq!(h.app.export_format, Format::Mbox);
    let screen = h.screen();
    assert!(screen.contains("2 of 2"), "{screen}");
    assert!(screen.contains("team@hanawu.example"), "{screen}");
    assert!(screen.contains("• skipped: no email in creators.toml (dewy-dana)"));

    h.keys("enter");
    assert_eq!(exported_files(dir.path()), ["lumi-vitc-launch.mbox"]);
    assert_eq!(
        notice(&h),
        "wrote 2 invitations to exports/lumi-vitc-launch/ (mbox), from template invite-zh-TW"
    );
    assert_eq!(h.mode(), modes::EXPORTED);
    assert_eq!(on_disk(dir.path(), "clara-chen"), Some(Stage::Shortlisted));

    h.keys("y");
    assert_eq!(on_disk(dir.path(), "clara-chen"), Some(Stage::Contacted));
    assert_eq!(on_disk(dir.path(), "hana-wu"), Some(Stage::Contacted));
    assert_eq!(
        on_disk(dir.path(), "dewy-dana"),
        Some(Stage::Shortlisted),
        "the skipped were not invited"
    );
    let text = std::fs::read_to_string(dir.path().join("campaigns/lumi-vitc-launch.toml")).unwrap();
    assert_eq!(text.matches("note = \"invitation exported\"").count(), 8);
    assert!(notice(&h).starts_with("saved · "), "{}", notice(&h));
}

#[test]
fn n_leaves_the_stages_and_the_bar_keeps_what_was_written() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x enter");
    assert_eq!(exported_files(dir.path()), ["clara-chen.eml"]);
    h.keys("n");
    assert_eq!(h.mode(), modes::NORMAL);
    assert_eq!(
        notice(&h),
        "wrote 1 invitation to exports/lumi-vitc-launch/ (eml), from template invite-zh-TW"
    );
    assert_eq!(on_disk(dir.path(), "clara-chen"), Some(Stage::Shortlisted));
}

#[test]
fn esc_writes_nothing() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x esc");
    assert_eq!(h.mode(), modes::NORMAL);
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn a_follow_up_export_asks_nothing_of_those_already_contacted() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "jess");
    h.keys("x");
    assert!(preview(&h).prepared.problems.is_empty());
    h.keys("enter");
    assert_eq!(exported_files(dir.path()), ["jess-glow.eml"]);
    assert_eq!(h.mode(), modes::NORMAL, "jess-glow is contacted already");
}

#[test]
fn template_errors_stop_the_export_and_t_tries_another() {
    let dir = copy_of_sample();
    std::fs::write(
        dir.path().join("templates/bad.txt"),
        "+++\nsubject = \"Hi\"\n+++\nDear {{ creator.nmae }},\n",
    )
    .unwrap();
    let path = dir.path().join("campaigns/lumi-vitc-launch.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(
        &path,
        text.replace("template = \"invite-zh-TW\"", "template = \"bad\""),
    )
    .unwrap();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x");
    let problems: Vec<String> = preview(&h)
        .prepared
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "templates/bad.txt:4:9: error: unknown variable creator.nmae (did you mean creator.name?)"
        ]
    );
    assert!(h.screen().contains("cannot export: 1 error to fix first"));
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "nothing was written: fix the error listed first"
    );
    assert_eq!(h.mode(), modes::EXPORT, "the preview stays open");
    assert!(!dir.path().join("exports").exists());

    h.keys("t");
    assert_eq!(preview(&h).template.as_deref(), Some("followup-zh-TW"));
    assert!(!preview(&h).prepared.blocked());
    h.keys("enter");
    assert_eq!(exported_files(dir.path()), ["clara-chen.eml"]);
}

#[test]
fn a_failed_write_says_so_and_leaves_nothing() {
    let dir = copy_of_sample();
    // A file where the exports folder should be.
    std::fs::write(dir.path().join("exports"), "not a folder").unwrap();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x enter");
    let said = notice(&h);
    assert!(
        said.starts_with("could not write to exports/lumi-vitc-launch/: ")
            && said.ends_with("; nothing was written"),
        "{said}"
    );
    assert!(h.app.notice.as_ref().unwrap().error);
    assert_eq!(h.mode(), modes::NORMAL, "no question about stages");
    assert_eq!(on_disk(dir.path(), "clara-chen"), Some(Stage::Shortlisted));
    assert_eq!(h.app.exporting, 0);
}

#[test]
fn x_needs_a_campaign_and_someone_on_its_shortlist() {
    let dir = copy_of_sample();
    let mut h = crate::tui::testing::Harness::open(dir.path(), 120, 30);
    h.keys("x");
    assert_eq!(notice(&h), "open a campaign first: c");
    let mut h = lumi(dir.path(), "coffee daily");
    h.keys("x");
    assert_eq!(
        notice(&h),
        "coffee-daily is not on the shortlist of lumi-vitc-launch (a adds)"
    );
    assert_eq!(h.mode(), modes::NORMAL);
}

#[test]
fn x_on_the_board_exports_the_chosen_creator() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "");
    h.keys("p x");
    let p = preview(&h);
    assert_eq!(p.prepared.letters.len(), 1);
    assert_eq!(p.prepared.letters[0].creator, "clara-chen");
    h.keys("esc");
    assert_eq!(h.mode(), modes::BOARD);
}

#[test]
fn the_preview_scrolls_and_stops_at_the_end() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.resize(100, 16);
    h.keys("x");
    for _ in 0..200 {
        h.keys("j");
    }
    let Some(view) = h.app.overlay::<ExportView>() else {
        panic!("no preview");
    };
    let end = view.scroll;
    assert!(end > 0 && end < 200, "{end}");
    h.keys("j");
    assert_eq!(h.app.overlay::<ExportView>().map(|v| v.scroll), Some(end));
    h.keys("k");
    let Some(view) = h.app.overlay::<ExportView>() else {
        panic!("no preview");
    };
    assert_eq!(view.scroll, end - 1);
}

#[test]
fn the_question_after_an_export_names_who_moves() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x enter");
    let screen = h.screen();
    assert!(
        screen.contains("wrote 1 invitation to exports/lumi-vitc-launch/ (eml)"),
        "{screen}"
    );
    assert!(
        screen.contains("Move clara-chen from shortlisted to contacted, noting"),
        "{screen}"
    );
    assert!(screen.contains("y move"), "the bar has the keys: {screen}");
    // Several are each named.
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "stage:shortlisted");
    h.keys("* x enter");
    let screen = h.screen().replace(['│', '\n'], "");
    let screen = screen.split_whitespace().collect::<Vec<_>>().join(" ");
    // Dana has no address: not invited, not moved, not named.
    assert!(
        screen.contains("Move clara-chen, hana-wu from shortlisted to contacted"),
        "{screen}"
    );
}

#[test]
fn the_preview_warns_before_an_export_replaces_or_invites_again() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    // An mbox written once…
    h.keys("x f");
    assert_eq!(h.app.export_format, crate::mail::Format::Mbox);
    h.keys("enter n");
    // …is replaced whole by the next, and the preview says so before anything is written.
    h.keys("x");
    let screen = h.screen();
    assert!(
        screen.contains("replaces exports/lumi-vitc-launch/lumi-vitc-launch.mbox"),
        "{screen}"
    );
    assert!(screen.contains("not kept"), "{screen}");
    h.keys("esc");
    // Jess was contacted: the follow-up is offered, and nothing is said…
    h.keys("/ ctrl-u");
    h.type_text("jess");
    h.keys("enter x");
    assert!(!h.screen().contains("invited again"), "{}", h.screen());
    // …but the invitation would go to her again.
    h.keys("t");
    let template = crate::tui::tests::export::preview(&h)
        .template
        .clone()
        .unwrap();
    assert!(template.starts_with("invite"), "{template}");
    let screen = h.screen();
    assert!(
        screen.contains("already written to, invited again by this: jess-glow (contacted)"),
        "{screen}"
    );
}

#[test]
fn a_second_export_says_it_replaced_the_first() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x enter n x enter");
    assert_eq!(
        notice(&h),
        "wrote 1 invitation to exports/lumi-vitc-launch/ (eml), from template invite-zh-TW · replaced 1 from an earlier export"
    );
}

#[test]
fn no_one_with_an_address_means_nothing_to_write() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "dewy");
    h.keys("x");
    let p = preview(&h);
    assert!(p.prepared.letters.is_empty() && !p.prepared.blocked());
    assert!(h.screen().contains("no invitation can be written"));
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "no invitation can be written; nothing was written"
    );
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn without_templates_the_preview_says_so() {
    let dir = copy_of_sample();
    std::fs::remove_dir_all(dir.path().join("templates")).unwrap();
    let mut h = lumi(dir.path(), "clara");
    h.keys("x");
    let problems: Vec<String> = preview(&h)
        .prepared
        .problems
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "templates/invite-zh-TW.txt: error: no template \"invite-zh-TW\" (templates/ has no .txt templates)"
        ]
    );
    h.keys("t");
    assert_eq!(notice(&h), "templates/ has no .txt templates");
    h.keys("enter");
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn a_campaign_file_broken_since_it_was_opened_stops_the_export() {
    let dir = copy_of_sample();
    let mut h = lumi(dir.path(), "clara");
    std::fs::write(
        dir.path().join("campaigns/lumi-vitc-launch.toml"),
        "[campaign]\nname = \n",
    )
    .unwrap();
    h.keys("x");
    let p = preview(&h);
    assert!(p.prepared.blocked());
    assert!(
        p.prepared.problems[0]
            .to_string()
            .starts_with("campaigns/lumi-vitc-launch.toml:2:"),
        "{:?}",
        p.prepared.problems
    );
    h.keys("enter");
    assert!(!dir.path().join("exports").exists());
}

#[test]
fn a_campaign_with_no_template_asks_for_one_instead_of_taking_the_first() {
    let dir = copy_of_sample();
    let file = dir.path().join("campaigns/lumi-vitc-launch.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace("template = \"invite-zh-TW\"\n", "")).unwrap();
    let mut h = lumi(dir.path(), "stage:shortlisted");
    h.keys("space x");
    let p = preview(&h);
    assert_eq!(p.template, None);
    assert!(p.prepared.letters.is_empty(), "nothing rendered by guess");
    assert_eq!(
        p.note.as_deref(),
        Some("campaigns/lumi-vitc-launch.toml names no template: press t to choose one")
    );
    h.keys("enter");
    assert!(exported_files(dir.path()).is_empty());
    // Two templates are invitations: t offers them first, then the follow-up.
    h.keys("t");
    assert_eq!(preview(&h).template.as_deref(), Some("invite-en"));
    assert!(!preview(&h).prepared.letters.is_empty());
    h.keys("t");
    assert_eq!(preview(&h).template.as_deref(), Some("invite-zh-TW"));
    h.keys("t");
    assert_eq!(preview(&h).template.as_deref(), Some("followup-zh-TW"));
}

#[test]
fn without_a_template_the_one_of_the_kind_and_language_wanted_is_used() {
    let dir = copy_of_sample();
    let file = dir.path().join("campaigns/lumi-vitc-launch.toml");
    let text = std::fs::read_to_string(&file).unwrap();
    let text = text.replace("template = \"invite-zh-TW\"\n", "lang = \"zh-TW\"\n");
    std::fs::write(&file, text).unwrap();
    // The shortlisted are invited in the campaign's language…
    let mut h = lumi(dir.path(), "stage:shortlisted");
    h.keys("space x");
    assert_eq!(preview(&h).template.as_deref(), Some("invite-zh-TW"));
    // …and the contacted followed up, with the one follow-up there is.
    let mut h = lumi(dir.path(), "stage:contacted");
    h.keys("space x");
    assert_eq!(preview(&h).template.as_deref(), Some("followup-zh-TW"));
}
