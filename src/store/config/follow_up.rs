//! The parts of the configuration about mail and following up: `[follow_up]`'s cadence per
//! stage, and the paths `[mail]` names.

use toml::de::DeTable;
use toml::de::DeValue;

use crate::store::diagnostic::Report;
use crate::store::fields::Fields;

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

/// `[mail]`: the command `export --send` pipes to, and the mailboxes replies are read from.
pub(super) fn read_mail(f: &mut Fields<'_, '_, '_, '_>, config: &mut super::Config) {
    let Some((table, at)) = f.table("mail", false) else {
        return;
    };
    let mut m = Fields::new(table, at, f.report());
    m.set_subject(Some("mail".into()));
    config.sendmail = m
        .text("sendmail", false)
        .map(|t| t.get_ref().trim().to_string())
        .filter(|t| !t.is_empty());
    if let Some(value) = m.get("mailboxes") {
        match crate::store::fields::strings(value.get_ref()) {
            Some(list) => config.mailboxes = list.iter().map(|p| expand_home(p)).collect(),
            None => {
                let message =
                    "\"mailboxes\" must be a folder or file, or a list of them".to_string();
                m.error(&value.span(), message);
            }
        }
    }
    m.unknown_keys(&["sendmail", "mailboxes"], |_| None);
}

/// A path as written in the configuration, `~/` meaning the home folder.
fn expand_home(path: &str) -> std::path::PathBuf {
    match (path.strip_prefix("~/"), std::env::var_os("HOME")) {
        (Some(rest), Some(home)) if !home.is_empty() => std::path::PathBuf::from(home).join(rest),
        _ => std::path::PathBuf::from(path),
    }
}

#[cfg(test)]
mod tests {
    use crate::store::config::parse_config;

    #[test]
    fn mail_settings_read_and_their_mistakes_are_located() {
        let (config, problems) = parse_config(
            "config.toml",
            b"[mail]\nsendmail = \"msmtp -t\"\nmailboxes = 3\nsendmial = \"x\"\n",
        );
        assert_eq!(config.sendmail.as_deref(), Some("msmtp -t"));
        assert!(config.mailboxes.is_empty());
        let said: Vec<String> = problems.iter().map(|p| p.to_string()).collect();
        assert!(
            said.iter()
                .any(|p| p.starts_with("config.toml:3:") && p.contains("mailboxes")),
            "{said:?}"
        );
        assert!(
            said.iter()
                .any(|p| p.starts_with("config.toml:4:") && p.contains("sendmail")),
            "{said:?}"
        );
        let (config, _) = parse_config("config.toml", b"[mail]\nmailboxes = \"~/Mail\"\n");
        assert_eq!(config.mailboxes.len(), 1);
        assert!(
            !config.mailboxes[0].starts_with("~"),
            "the home folder is expanded"
        );
    }
}
