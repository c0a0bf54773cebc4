//! The parts of the configuration about mail and following up: `[follow_up]`'s cadence per
//! stage, and the paths `[mail]` names.

use toml::de::DeTable;
use toml::de::DeValue;

use crate::store::diagnostic::Report;

/// `[follow_up]`: per stage, the days of each follow-up (`contacted = [3, 7, 14]`), a step
/// naming its template as `{ days = 7, template = "reminder-en" }`. A stage or step that does
/// not read is a warning, and that stage keeps the default.
pub(super) fn read_cadence(
    table: &DeTable<'_>,
    cadence: &mut crate::outreach::Cadence,
    report: &mut Report<'_>,
) {
    use crate::outreach::cadence::Step;
    for (key, value) in table.iter() {
        let name = key.get_ref().as_ref();
        let span = key.span();
        let Some(stage) = crate::model::Stage::parse(name) else {
            let names = crate::model::Stage::ALL.map(|s| s.name());
            let hint = crate::suggest::nearest(name, names)
                .map(|n| format!(" (did you mean \"{n}\"?)"))
                .unwrap_or_else(|| format!(" (stages: {})", names.join(", ")));
            report.warning(
                &span,
                Some("follow_up"),
                format!("no stage \"{name}\"{hint}"),
            );
            continue;
        };
        let DeValue::Array(items) = value.get_ref() else {
            let message = format!("{name} must be a list of days, like [3, 7, 14]");
            report.warning(&value.span(), Some("follow_up"), message);
            continue;
        };
        let mut steps = Vec::new();
        let mut good = true;
        for item in items.iter() {
            let step = match item.get_ref() {
                DeValue::Integer(n) => n.as_str().parse::<i64>().ok().map(|days| Step {
                    days,
                    template: None,
                }),
                DeValue::Table(t) => {
                    let days = t.get("days").and_then(|d| match d.get_ref() {
                        DeValue::Integer(n) => n.as_str().parse::<i64>().ok(),
                        _ => None,
                    });
                    let template = t.get("template").and_then(|v| match v.get_ref() {
                        DeValue::String(s) => Some(s.to_string()),
                        _ => None,
                    });
                    days.map(|days| Step { days, template })
                }
                _ => None,
            };
            match step {
                Some(step) if (1..=365).contains(&step.days) => steps.push(step),
                _ => {
                    good = false;
                    report.warning(
                        &item.span(),
                        Some("follow_up"),
                        format!("{name}: a step is a number of days from 1 to 365, or {{ days = 7, template = \"…\" }}"),
                    );
                }
            }
        }
        if good {
            cadence.set(stage, steps);
        }
    }
}

/// A path as written in the configuration, `~/` meaning the home folder.
pub(super) fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if !home.is_empty() => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}
