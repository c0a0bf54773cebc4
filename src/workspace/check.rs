//! Checking every file of a workspace (or one creator database on its own): every problem of
//! the configuration, the database, the campaigns and the templates, and what the database
//! holds.

use std::collections::BTreeMap;
use std::path::Path;

use super::Session;
use crate::model::{Kind, Tier, TierBounds};
use crate::store::{self, Diagnostic, LoadedCreators, ReadError, UserDirs};

/// What checking found.
#[derive(Debug)]
pub struct Checked {
    /// "workspace" or "file": what was checked.
    pub label: &'static str,
    /// Where it is, as shown.
    pub place: String,
    /// Problems of the user's configuration.
    pub config_problems: Vec<Diagnostic>,
    /// The creator database as read, with its problems.
    pub creators: LoadedCreators,
    /// Problems of the campaign files.
    pub campaign_problems: Vec<Diagnostic>,
    /// How many campaign files there are.
    pub campaign_files: usize,
    /// How many entries they hold.
    pub entries: usize,
    /// How many templates there are.
    pub templates: usize,
    /// Problems of the templates.
    pub template_problems: Vec<Diagnostic>,
    /// Problems of the workspace's vocabulary.toml, and niche tags that split a niche in two.
    pub vocabulary_problems: Vec<Diagnostic>,
    /// Tier bounds, for the summary.
    pub tiers: TierBounds,
}

/// What the database holds, counted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Creators loaded.
    pub loaded: usize,
    /// Creators left out because of errors.
    pub rejected: usize,
    /// Channels of the loaded creators.
    pub channels: usize,
    /// Channels per platform, most first.
    pub platforms: Vec<(String, usize)>,
    /// Creators per tier (then "unknown").
    pub tiers: Vec<(&'static str, usize)>,
    /// Creators per kind (then "unset").
    pub kinds: Vec<(&'static str, usize)>,
    /// Creators with no email.
    pub no_email: usize,
}

impl Checked {
    /// Every problem, in the order they are listed: configuration, database, campaigns,
    /// templates.
    pub fn all(&self) -> impl Iterator<Item = &Diagnostic> {
        self.config_problems
            .iter()
            .chain(&self.creators.diagnostics)
            .chain(&self.campaign_problems)
            .chain(&self.template_problems)
            .chain(&self.vocabulary_problems)
    }

    /// How many problems are errors.
    pub fn errors(&self) -> usize {
        self.all().filter(|d| d.is_error()).count()
    }

    /// What the database holds.
    pub fn summary(&self) -> Summary {
        let creators = &self.creators.database.creators;
        let mut by_platform: BTreeMap<&str, usize> = BTreeMap::new();
        for ch in creators.iter().flat_map(|c| &c.channels) {
            *by_platform.entry(ch.platform.name()).or_default() += 1;
        }
        let mut platforms: Vec<(String, usize)> = by_platform
            .into_iter()
            .map(|(p, n)| (p.to_string(), n))
            .collect();
        platforms.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        let tier_of = |c: &crate::model::Creator| c.tier(&self.tiers);
        let mut tiers: Vec<(&'static str, usize)> = Tier::ALL
            .iter()
            .map(|t| {
                let n = creators.iter().filter(|c| tier_of(c) == Some(*t)).count();
                (t.name(), n)
            })
            .collect();
        let unknown = creators.iter().filter(|c| tier_of(c).is_none()).count();
        if unknown > 0 {
            tiers.push(("unknown", unknown));
        }
        let mut kinds: Vec<(&'static str, usize)> = Kind::ALL
            .iter()
            .map(|k| {
                (
                    k.name(),
                    creators.iter().filter(|c| c.kind == Some(*k)).count(),
                )
            })
            .collect();
        let unset = creators.iter().filter(|c| c.kind.is_none()).count();
        if unset > 0 {
            kinds.push(("unset", unset));
        }
        Summary {
            loaded: creators.len(),
            rejected: self.creators.rejected,
            channels: creators.iter().map(|c| c.channels.len()).sum(),
            platforms,
            tiers,
            kinds,
            no_email: creators.iter().filter(|c| c.email.is_none()).count(),
        }
    }
}

impl Session {
    /// Checks every file of the workspace.
    pub fn check(&self) -> Result<Checked, ReadError> {
        let creators = store::load_creators(&self.workspace, self.dirs.cache.as_deref())?;
        let mut checked = Checked {
            label: "workspace",
            place: format!("{} ({})", self.workspace.root().display(), self.origin),
            config_problems: self.config_problems.clone(),
            campaign_problems: Vec::new(),
            campaign_files: 0,
            entries: 0,
            templates: 0,
            template_problems: Vec::new(),
            vocabulary_problems: Vec::new(),
            tiers: self.config.tiers,
            creators,
        };
        let (vocabulary, problems) = self.vocabulary();
        checked.vocabulary_problems = problems;
        let path = self.workspace.creators_file();
        checked.vocabulary_problems.extend(tag_problems_of(
            &path,
            &self.shown(&path),
            &checked.creators,
            &vocabulary,
        ));
        let templates = self.template_names();
        for id in self.campaign_ids() {
            let path = self.workspace.campaign_file(&id);
            let file = self.shown(&path);
            checked.campaign_files += 1;
            let loaded = match store::load_campaign(&path, &file, Some(&checked.creators.database))
            {
                Ok(loaded) => loaded,
                Err(e) => {
                    let message = format!("cannot read the campaign: {}", e.source);
                    checked
                        .campaign_problems
                        .push(Diagnostic::error(&file, 1, 1, message));
                    continue;
                }
            };
            checked.campaign_problems.extend(loaded.diagnostics);
            let Some(campaign) = loaded.campaign else {
                continue;
            };
            checked.entries += campaign.entries.len();
            if let Some(name) = &campaign.brief.template
                && !templates.contains(name)
            {
                checked
                    .campaign_problems
                    .push(missing_template(&path, &file, name, &templates));
            }
        }
        checked.templates = templates.len();
        checked.template_problems = templates
            .iter()
            .flat_map(|name| crate::mail::template_problems(&self.workspace, name))
            .collect();
        Ok(checked)
    }
}

/// Checks one creator database on its own, named `shown` as the user typed it.
pub fn check_file(path: &Path, shown: &str, dirs: &UserDirs) -> Result<Checked, ReadError> {
    let (config, config_problems) = Session::user_config(dirs);
    let creators = store::load_creators_file(path, shown, dirs.cache.as_deref())?;
    let (vocabulary, _) =
        store::parse_vocabulary("vocabulary", store::BUILT_IN_VOCABULARY.as_bytes());
    let vocabulary_problems = tag_problems_of(path, shown, &creators, &vocabulary);
    Ok(Checked {
        vocabulary_problems,
        label: "file",
        place: shown.to_string(),
        config_problems,
        creators,
        campaign_problems: Vec::new(),
        campaign_files: 0,
        entries: 0,
        templates: 0,
        template_problems: Vec::new(),
        tiers: config.tiers,
    })
}

/// The niche tags of the database at `path` that split a niche in two.
fn tag_problems_of(
    path: &Path,
    file: &str,
    creators: &LoadedCreators,
    vocabulary: &crate::model::Vocabulary,
) -> Vec<Diagnostic> {
    let text = store::files::read_bounded(path, store::files::DATABASE_LIMIT)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    super::tags::tag_problems(&text, file, &creators.database.creators, vocabulary)
}

/// A campaign's `template` that is not in `templates/`, placed at its value.
fn missing_template(path: &Path, file: &str, name: &str, templates: &[String]) -> Diagnostic {
    let text = store::files::read_bounded(path, store::files::CAMPAIGN_LIMIT)
        .ok()
        .and_then(|b| String::from_utf8(b).ok())
        .unwrap_or_default();
    let (line, column) = text
        .lines()
        .enumerate()
        .find_map(|(i, l)| {
            let rest = l.trim_start().strip_prefix("template")?;
            let value = rest.trim_start().strip_prefix('=')?;
            let at = l.len() - value.trim_start().len();
            Some((i as u32 + 1, l[..at].chars().count() as u32 + 1))
        })
        .unwrap_or((0, 0));
    let hint = crate::mail::template_hint(name, templates);
    Diagnostic::error(
        file,
        line,
        column,
        format!("no template \"{name}\" in templates/{hint}"),
    )
    .about("campaign")
}
