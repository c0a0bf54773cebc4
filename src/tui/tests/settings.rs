//! The campaign form: a new campaign from the picker, the settings of the open one, and what
//! is refused, on copies of the sample workspace.

use super::outreach::{file_of, notice};
use crate::tui::overlays::settings::SettingsForm;
use crate::tui::testing::{Harness, copy_of_sample};

/// Moves to field `label` of the open campaign form.
fn to_field(h: &mut Harness, label: &str) {
    for _ in 0..30 {
        let Some(form) = h.app.overlay::<SettingsForm>() else {
            panic!("the form is open")
        };
        if form.fields[form.at].label == label {
            return;
        }
        h.keys("tab");
    }
    panic!("no field {label}");
}

fn fill(h: &mut Harness, label: &str, text: &str) {
    to_field(h, label);
    h.type_text(text);
}

#[test]
fn a_campaign_is_started_from_the_picker_and_its_settings_changed_with_c() {
    let dir = copy_of_sample();
    let mut h = Harness::open(dir.path(), 120, 35);
    h.keys("c n");
    let form = h.app.overlay::<SettingsForm>().expect("the form");
    assert!(form.campaign.is_none());
    // The configured currency is there already.
    assert_eq!(
        form.fields
            .iter()
            .find(|f| f.key == "currency")
            .unwrap()
            .input
            .text(),
        "TWD"
    );
    fill(&mut h, "Name", "Glow 春季");
    fill(&mut h, "Brand", "Glow");
    fill(&mut h, "Product", "精華");
    fill(&mut h, "Goal", "awareness");
    fill(&mut h, "Budget", "30萬");
    fill(&mut h, "Platforms", "ig, threads");
    fill(&mut h, "Starts", "2026-12-10");
    fill(&mut h, "Ends", "2027-01-10");
    fill(&mut h, "Reply by", "+3");
    fill(&mut h, "Template", "invite-zh-TW");
    fill(&mut h, "Sender name", "Amy");
    fill(&mut h, "Sender email", "amy@glow.example");
    h.keys("enter");
    // The id was made from the name; the new campaign is open.
    assert_eq!(notice(&h), "created campaigns/glow.toml");
    assert_eq!(h.app.campaign.as_ref().unwrap().campaign.id, "glow");
    let text = file_of(dir.path(), "campaigns/glow.toml");
    assert!(
        text.contains("name = \"Glow 春季\"\nbrand = \"Glow\"\nproduct = \"精華\"\ngoal = \"awareness\"\nbudget = 300_000\ncurrency = \"TWD\"\nplatforms = [\"instagram\", \"threads\"]\nreply_by = 2026-11-25\nstarts = 2026-12-10\nends = 2027-01-10\ntemplate = \"invite-zh-TW\"\nsender = { name = \"Amy\", email = \"amy@glow.example\" }\n"),
        "{text}"
    );

    // C opens the settings of the open campaign, as they are.
    h.keys("C");
    let form = h.app.overlay::<SettingsForm>().expect("the form");
    assert_eq!(form.campaign.as_deref(), Some("glow"));
    fill(&mut h, "Budget", "400000");
    fill(&mut h, "Goal", "");
    h.keys("ctrl-u enter");
    assert_eq!(notice(&h), "saved · saved the settings of Glow 春季");
    let text = file_of(dir.path(), "campaigns/glow.toml");
    assert!(text.contains("budget = 400_000\n"), "{text}");
    assert!(!text.contains("goal"), "{text}");
    assert_eq!(
        h.app.campaign.as_ref().unwrap().campaign.brief.budget,
        Some(400_000)
    );
}

#[test]
fn what_does_not_read_stays_in_the_form_and_nothing_is_written() {
    let dir = copy_of_sample();
    let mut h = Harness::open(dir.path(), 120, 35);
    h.keys("c n");
    fill(&mut h, "Name", "Glow");
    for (label, text, said) in [
        (
            "Platforms",
            "instagarm",
            "Platforms: \"instagarm\" is not a platform (did you mean instagram?)",
        ),
        ("Template", "invite", "Template: no template \"invite\""),
        ("Ends", "soon", "is not a date"),
        (
            "Sender name",
            "Amy",
            "Sender: give both the name and the email (or neither)",
        ),
    ] {
        fill(&mut h, label, text);
        h.keys("enter");
        let form = h.app.overlay::<SettingsForm>().expect("the form stays");
        let error = form.error.clone().unwrap_or_default();
        assert!(error.contains(said), "{label}: {error}");
        to_field(&mut h, label);
        h.keys("ctrl-u");
    }
    // The id of a campaign that exists is refused by the store, and said.
    fill(&mut h, "Id", "lumi-vitc-launch");
    h.keys("enter");
    assert_eq!(
        notice(&h),
        "campaigns/lumi-vitc-launch.toml already exists; nothing was written"
    );
    assert!(!dir.path().join("campaigns/glow.toml").exists());
}
