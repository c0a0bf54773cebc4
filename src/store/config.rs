//! The optional per-user `config.toml`: tier bounds and the default currency. A missing file
//! means defaults; a broken one is reported with its place and the defaults are used.

use std::path::Path;

use toml::de::{DeTable, DeValue};

use super::diagnostic::{Diagnostic, LineIndex, Report, Severity};
use super::fields::Fields;
use super::text::decode;
use crate::model::{MAX_FOLLOWERS, TierBounds};

mod follow_up;
use follow_up::{read_cadence, read_mail};

/// The currency assumed when a creator or campaign names none.
pub const DEFAULT_CURRENCY: &str = "TWD";

/// Settings that change how data is read and shown, not the data itself.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    pub tiers: TierBounds,
    /// The currency of rates and fees that name none, and the one costs are compared in.
    pub currency: String,
    /// What one unit of each other currency is worth in `currency` (`[currency] rates`).
    pub rates: Vec<(String, f64)>,
    /// The interface's theme by name (checked by the interface).
    pub theme: Option<Located<String>>,
    /// Keys rebound in the interface: action name → keys (checked by the interface).
    pub keys: Vec<Located<(String, Vec<String>)>>,
    /// Who invitations come from, unless a campaign says otherwise (`[sender]`): given to
    /// new campaigns.
    pub sender: Option<crate::model::Sender>,
    /// The command messages are piped to by `export --send` (`[mail] sendmail = "msmtp -t"`).
    pub sendmail: Option<String>,
    /// Where replies are read from when no mailbox is named (`[mail] mailboxes`), `~` expanded.
    pub mailboxes: Vec<std::path::PathBuf>,
    /// How often to follow up, per stage (`[follow_up]`).
    pub cadence: crate::outreach::Cadence,
    /// The file the configuration came from, as shown in messages.
    pub file: String,
}

/// A value with the place it was written, so that a later check can point at it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            tiers: TierBounds::default(),
            currency: DEFAULT_CURRENCY.to_string(),
            rates: Vec::new(),
            theme: None,
            keys: Vec::new(),
            sender: None,
            sendmail: None,
            mailboxes: Vec::new(),
            cadence: crate::outreach::Cadence::default(),
            file: String::new(),
        }
    }
}

/// The configuration in `path`, or the defaults when there is no such file; problems are
/// returned for the caller to show. When the file was named explicitly (`required`), its
/// absence is a problem too.
pub fn load_config(path: &Path, required: bool) -> (Config, Vec<Diagnostic>) {
    let file = path.display().to_string();
    let problem = |severity, message: String| Diagnostic {
        severity,
        ..Diagnostic::error(&file, 1, 1, message)
    };
    match super::files::read_bounded(path, super::files::CONFIG_LIMIT) {
        Ok(bytes) => parse_config(&file, &bytes),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => (
            Config {
                file: file.clone(),
                ..Config::default()
            },
            if required {
                vec![problem(
                    Severity::Warning,
                    "SHORTLIST_CONFIG names this file, which does not exist; the defaults are used"
                        .into(),
                )]
            } else {
                Vec::new()
            },
        ),
        Err(e) => (
            Config::default(),
            vec![problem(
                Severity::Error,
                format!("cannot read the configuration: {e}; the defaults are used"),
            )],
        ),
    }
}

/// Reads a configuration from the bytes of a file shown to the user as `file`.
pub fn parse_config(file: &str, bytes: &[u8]) -> (Config, Vec<Diagnostic>) {
    let text = match decode(file, bytes) {
        Ok(text) => text,
        Err(d) => return (Config::default(), vec![d]),
    };
    let index = LineIndex::new(text);
    let mut report = Report::new(text, &index);
    let Some(root) = report.parse_toml(text) else {
        return (Config::default(), report.into_diagnostics(file));
    };
    let span = root.span();
    let root = root.into_inner();
    let mut config = Config {
        file: file.to_string(),
        ..Config::default()
    };
    let mut f = Fields::new(&root, span.start..span.start, &mut report);
    if let Some(theme) = f.text("theme", false) {
        let (line, column) = f.report().locate(theme.span().start);
        config.theme = Some(Located {
            value: theme.get_ref().trim().to_string(),
            line,
            column,
        });
    }
    if let Some(value) = f.get("keys") {
        match value.get_ref() {
            DeValue::Table(table) => config.keys = read_keys(table, f.report()),
            _ => {
                let message = "\"keys\" must be a table: write [keys] with lines like quit = \"q\""
                    .to_string();
                f.error(&value.span(), message);
            }
        }
    }
    match f.get("currency").map(|v| v.get_ref()) {
        Some(DeValue::Table(_)) => {
            if let Some((table, at)) = f.table("currency", false) {
                let mut c = super::fields::Fields::new(table, at, f.report());
                c.set_subject(Some("currency".into()));
                if let Some(code) = c.currency("base") {
                    config.currency = code.to_string();
                }
                config.rates = read_rates(&mut c);
                c.unknown_keys_are_errors(&["base", "rates"]);
            }
        }
        _ => {
            if let Some(code) = f.currency("currency") {
                config.currency = code.to_string();
            }
        }
    }
    if let Some(value) = f.get("tiers") {
        match value.get_ref() {
            DeValue::Table(table) => {
                if let Some(tiers) = read_tiers(table, value.span(), f.report()) {
                    config.tiers = tiers;
                }
            }
            _ => {
                let message = "\"tiers\" must be a table: write [tiers] with nano, micro, mid, macro and mega".to_string();
                f.error(&value.span(), message);
            }
        }
    }
    config.sender = super::campaigns::read_sender(&mut f);
    read_mail(&mut f, &mut config);
    if let Some(value) = f.get("follow_up") {
        match value.get_ref() {
            DeValue::Table(table) => read_cadence(table, &mut config.cadence, f.report()),
            _ => f.error(
                &value.span(),
                "\"follow_up\" must be a table: write [follow_up] with lines like contacted = [3, 7, 14]"
                    .into(),
            ),
        }
    }
    f.unknown_keys(
        &[
            "currency",
            "tiers",
            "theme",
            "keys",
            "sender",
            "mail",
            "follow_up",
        ],
        |_| None,
    );
    (config, report.into_diagnostics(file))
}

/// `rates = { USD = 32.0, … }`: what one unit of each currency is worth in the base one.
fn read_rates(c: &mut super::fields::Fields<'_, '_, '_, '_>) -> Vec<(String, f64)> {
    let Some((table, _)) = c.table("rates", false) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let code = key.get_ref().trim().to_uppercase();
        if let Some(problem) = crate::model::currency_problem(&code) {
            c.error(&key.span(), problem);
            continue;
        }
        let rate = match value.get_ref() {
            DeValue::Float(f) => f.as_str().parse::<f64>().ok(),
            DeValue::Integer(i) => i.as_str().parse::<f64>().ok(),
            _ => None,
        };
        match rate {
            Some(r) if r.is_finite() && r > 0.0 => out.push((code, r)),
            _ => {
                let message = format!(
                    "the rate of {code} must be a number above 0 (what 1 {code} is worth in the base currency), found {}",
                    super::fields::describe(value.get_ref())
                );
                c.error(&value.span(), message);
            }
        }
    }
    out
}

/// `[keys]`: each action with a key or a list of keys, kept with its place.
fn read_keys(table: &DeTable<'_>, report: &mut Report<'_>) -> Vec<Located<(String, Vec<String>)>> {
    let mut out = Vec::new();
    for (key, value) in table.iter() {
        let (line, column) = report.locate(key.span().start);
        let keys = super::fields::strings(value.get_ref());
        match keys {
            Some(keys) => out.push(Located {
                value: (key.get_ref().to_string(), keys),
                line,
                column,
            }),
            None => report.error(
                &value.span(),
                Some("keys"),
                format!(
                    "\"{}\" must be a key or a list of keys, like \"q\" or [\"q\", \"ctrl-q\"]",
                    key.get_ref()
                ),
            ),
        }
    }
    out
}

fn read_tiers(
    table: &DeTable<'_>,
    at: std::ops::Range<usize>,
    report: &mut Report<'_>,
) -> Option<TierBounds> {
    let mut f = Fields::new(table, at, report);
    f.set_subject(Some("tiers".to_string()));
    let defaults = TierBounds::default();
    let errors = f.report().error_count();
    let mut read = |key: &str, default: u64| f_whole(&mut f, key, default);
    let bounds = TierBounds {
        nano: read("nano", defaults.nano),
        micro: read("micro", defaults.micro),
        mid: read("mid", defaults.mid),
        macro_: read("macro", defaults.macro_),
        mega: read("mega", defaults.mega),
    };
    let lower = bounds.lower_bounds();
    for pair in lower.windows(2) {
        let ((low_tier, low), (high_tier, high)) = (pair[0], pair[1]);
        if high <= low {
            let span = f.get(high_tier.name()).map_or(f.at(), |v| v.span());
            f.error(
                &span,
                format!("{high_tier} ({high}) must start above {low_tier} ({low})"),
            );
        }
    }
    f.unknown_keys(&["nano", "micro", "mid", "macro", "mega"], |_| None);
    (f.report().error_count() == errors).then_some(bounds)
}

fn f_whole(f: &mut Fields<'_, '_, '_, '_>, key: &str, default: u64) -> u64 {
    f.whole(key, false, MAX_FOLLOWERS).unwrap_or(default)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(text: &str) -> (Config, Vec<String>) {
        let (config, diags) = parse_config("config.toml", text.as_bytes());
        (config, diags.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn empty_config_is_the_defaults() {
        let (config, problems) = messages("");
        assert_eq!(config.tiers, TierBounds::default());
        assert_eq!(config.currency, "TWD");
        assert!(problems.is_empty());
    }

    #[test]
    fn theme_and_keys_are_kept_with_their_places_for_the_interface() {
        let (config, problems) =
            messages("theme = \"light\"\n[keys]\nquit = \"Q\"\nhelp = [\"?\", \"f1\"]\nsort = 5\n");
        assert_eq!(
            config
                .theme
                .as_ref()
                .map(|t| (t.value.as_str(), t.line, t.column)),
            Some(("light", 1, 9))
        );
        let keys: Vec<_> = config
            .keys
            .iter()
            .map(|k| (k.value.0.as_str(), k.value.1.clone(), k.line))
            .collect();
        assert_eq!(
            keys,
            [
                ("help", vec!["?".to_string(), "f1".to_string()], 4),
                ("quit", vec!["Q".to_string()], 3)
            ]
        );
        assert_eq!(
            problems,
            [
                "config.toml:5:8: error: \"sort\" must be a key or a list of keys, like \"q\" or [\"q\", \"ctrl-q\"] (keys)"
            ]
        );
    }

    #[test]
    fn tiers_and_currency_are_read() {
        let (config, problems) =
            messages("currency = \"usd\"\n[tiers]\nnano = 2_000\nmega = 2_000_000\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.currency, "USD");
        assert_eq!(config.tiers.nano, 2_000);
        assert_eq!(config.tiers.micro, 10_000);
        assert_eq!(config.tiers.mega, 2_000_000);
    }

    #[test]
    fn falling_tiers_are_an_error_and_defaults_are_kept() {
        let (config, problems) = messages("[tiers]\nmicro = 500\n");
        assert_eq!(config.tiers, TierBounds::default());
        assert_eq!(
            problems,
            ["config.toml:2:9: error: micro (500) must start above nano (1000) (tiers)"]
        );
    }

    #[test]
    fn syntax_errors_and_unknown_keys_are_located() {
        let (_, problems) = messages("currency = \n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].starts_with("config.toml:1:"), "{problems:?}");
        let (_, problems) = messages("curency = \"TWD\"\n");
        assert_eq!(
            problems,
            ["config.toml:1:1: warning: unknown key \"curency\" (did you mean \"currency\"?)"]
        );
    }

    #[test]
    fn exchange_rates_are_read_and_their_mistakes_placed() {
        let (config, problems) = messages(
            "[currency]
base = \"twd\"
rates = { usd = 32.0, SGD = 24 }
",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(config.currency, "TWD");
        assert_eq!(
            config.rates,
            [("SGD".to_string(), 24.0), ("USD".to_string(), 32.0)]
        );
        let (config, problems) = messages(
            "[currency]\nbase = \"TWD\"\nrates = { USD = 0, SGD = \"24\", \"N T\" = 1.0, HKD = 4.1 }\nrate = 1\n",
        );
        // The good rate is kept; each bad one is said where it is.
        assert_eq!(config.rates, [("HKD".to_string(), 4.1)]);
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems[0]
                .starts_with("config.toml:3:17: error: the rate of USD must be a number above 0"),
            "{problems:?}"
        );
        assert!(problems[1].contains("3:26: error: the rate of SGD must be a number above 0 (what 1 SGD is worth in the base currency), found string \"24\""), "{problems:?}");
        assert!(
            problems[2].starts_with("config.toml:3:32: error:"),
            "{problems:?}"
        );
        assert!(
            problems[3].starts_with(
                "config.toml:4:1: error: unknown key \"rate\" (did you mean \"rates\"?)"
            ),
            "{problems:?}"
        );
    }
}
