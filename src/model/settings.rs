//! The part of a brief a campaign form sets: who and what the campaign is for, the money, where
//! and when, how invitations go out and what they say of the brand and the content. The rest of
//! `[campaign]` (niches, lang, the user's own keys) is written by hand and left as it is.

use jiff::civil::Date;

use super::{Brief, Goal, Platform, Sender};

/// The settings of a campaign, as a form or `campaign new` gives them: each one given is
/// written, each one absent is taken out of the file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Settings {
    pub name: String,
    pub brand: Option<String>,
    pub product: Option<String>,
    pub goal: Option<Goal>,
    pub budget: Option<u64>,
    /// ISO 4217 code; absent means the configured default.
    pub currency: Option<String>,
    pub platforms: Vec<Platform>,
    pub starts: Option<Date>,
    pub ends: Option<Date>,
    pub reply_by: Option<Date>,
    /// The invitation template.
    pub template: Option<String>,
    pub sender: Option<Sender>,
    /// A short introduction of the brand, for invitations.
    pub about: Option<String>,
    /// What content is wanted, for invitations.
    pub brief: Option<String>,
    /// The content format asked of each creator.
    pub deliverables: Option<String>,
}

impl Settings {
    /// The settings a brief has now.
    pub fn of(brief: &Brief) -> Settings {
        Settings {
            name: brief.name.clone(),
            brand: brief.brand.clone(),
            product: brief.product.clone(),
            goal: brief.goal,
            budget: brief.budget,
            currency: brief.currency.as_ref().map(|c| c.to_string()),
            platforms: brief.platforms.clone(),
            starts: brief.starts,
            ends: brief.ends,
            reply_by: brief.reply_by,
            template: brief.template.clone(),
            sender: brief.sender.clone(),
            about: brief.about.clone(),
            brief: brief.brief.clone(),
            deliverables: brief.deliverables.clone(),
        }
    }

    /// The settings as they are written: text trimmed, blank text absent, the currency in
    /// capitals.
    pub fn normalized(&self) -> Settings {
        let text = |t: &Option<String>| {
            t.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
        };
        Settings {
            name: self.name.trim().to_string(),
            brand: text(&self.brand),
            product: text(&self.product),
            currency: text(&self.currency).map(|c| c.to_uppercase()),
            template: text(&self.template),
            about: text(&self.about),
            brief: text(&self.brief),
            deliverables: text(&self.deliverables),
            sender: self.sender.as_ref().map(|s| Sender {
                name: s.name.trim().to_string(),
                email: s.email.trim().to_string(),
                phone: text(&s.phone),
            }),
            ..self.clone()
        }
    }

    /// Gives `brief` these settings.
    pub fn apply(&self, brief: &mut Brief) {
        brief.name = self.name.clone();
        brief.brand = self.brand.clone();
        brief.product = self.product.clone();
        brief.goal = self.goal;
        brief.budget = self.budget;
        brief.currency = self.currency.as_deref().map(Into::into);
        brief.platforms = self.platforms.clone();
        brief.starts = self.starts;
        brief.ends = self.ends;
        brief.reply_by = self.reply_by;
        brief.template = self.template.clone();
        brief.sender = self.sender.clone();
        brief.about = self.about.clone();
        brief.brief = self.brief.clone();
        brief.deliverables = self.deliverables.clone();
    }

    /// What is wrong with these settings, in the words of the field: a blank name, an end
    /// before the start, a reply date after the start.
    pub fn problems(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push("name: give the campaign a name".to_string());
        }
        if let (Some(s), Some(e)) = (self.starts, self.ends)
            && e < s
        {
            problems.push(format!("ends: {e} is before the start, {s}"));
        }
        if let Some(sender) = &self.sender {
            if sender.name.trim().is_empty() {
                problems.push("sender name: who the invitations come from".to_string());
            }
            if let Some(problem) = super::email_problem(sender.email.trim()) {
                problems.push(format!(
                    "malformed sender email \"{}\": {problem}",
                    sender.email
                ));
            }
        }
        if let Some(code) = &self.currency
            && let Some(problem) = super::currency_problem(code)
        {
            problems.push(format!("currency: {problem}"));
        }
        problems
    }
}
