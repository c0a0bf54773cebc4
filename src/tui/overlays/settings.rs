//! The campaign form: a new campaign (`n` in the campaign picker, or `C` with none open) or the
//! settings of one (`C`, or `e` in the picker) — name, brand, product, goal, budget, currency,
//! platforms, dates, reply-by, template, sender, and what invitations say of the brand and the
//! content. Saved through the same code as `campaign new` and `campaign edit`.

use ratatui::Frame;
use ratatui::layout::Rect;

use super::form::{Field, Kind};
use super::{boxed, lay_out};
use crate::display::escape;
use crate::model::{Goal, Platform, Sender, Settings, Val, suggest_id};
use crate::outreach::Edit;
use crate::tui::app::App;
use crate::tui::effect::Effect;
use crate::tui::keymap::Action;
use crate::tui::room::{Overlay, Reply};
use crate::tui::tasks::Task;

const GOALS: &[&str] = &["awareness", "engagement", "conversion"];

/// A campaign's settings being typed.
#[derive(Debug)]
pub struct SettingsForm {
    /// The campaign changed; `None` for a new one (its id is a field).
    pub campaign: Option<String>,
    /// The settings the form was opened on.
    pub was: Settings,
    pub fields: Vec<Field>,
    pub at: usize,
    pub error: Option<String>,
    /// The templates there are, for the hint and the check.
    pub templates: Vec<String>,
}

impl SettingsForm {
    /// The form for campaign `campaign` (or a new one), starting from `was`.
    pub fn new(campaign: Option<String>, was: Settings, templates: Vec<String>) -> SettingsForm {
        let s = &was;
        let date = |d: Option<jiff::civil::Date>| d.map(|d| d.to_string()).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let sender = s.sender.clone().unwrap_or_default();
        let mut fields = Vec::new();
        if campaign.is_none() {
            fields.push(Field::new("Id", "id", Kind::Text, ""));
        }
        fields.extend([
            Field::new("Name", "name", Kind::Text, s.name.clone()),
            Field::new("Brand", "brand", Kind::Text, text(&s.brand)),
            Field::new("Product", "product", Kind::Text, text(&s.product)),
            Field::new(
                "Goal",
                "goal",
                Kind::Choice(GOALS),
                s.goal.map(|g| g.name().to_string()).unwrap_or_default(),
            ),
            Field::new(
                "Budget",
                "budget",
                Kind::Amount,
                s.budget.map(|b| b.to_string()).unwrap_or_default(),
            ),
            Field::new("Currency", "currency", Kind::Text, text(&s.currency)),
            Field::new(
                "Platforms",
                "platforms",
                Kind::List,
                s.platforms
                    .iter()
                    .map(|p| p.name().to_string())
                    .collect::<Vec<_>>()
                    .join(", "),
            ),
            Field::new("Starts", "starts", Kind::Date, date(s.starts)),
            Field::new("Ends", "ends", Kind::Date, date(s.ends)),
            Field::new("Reply by", "reply_by", Kind::Date, date(s.reply_by)),
            Field::new("Template", "template", Kind::Text, text(&s.template)),
            Field::new("Sender name", "sender_name", Kind::Text, sender.name),
            Field::new("Sender email", "sender_email", Kind::Text, sender.email),
            Field::new("About the brand", "about", Kind::Text, text(&s.about)),
            Field::new("Brief", "brief", Kind::Text, text(&s.brief)),
            Field::new(
                "Deliverables",
                "deliverables",
                Kind::Text,
                text(&s.deliverables),
            ),
        ]);
        if let Some(first) = fields.first_mut() {
            first.input.select_all();
        }
        SettingsForm {
            campaign,
            was,
            fields,
            at: 0,
            error: None,
            templates,
        }
    }

    fn enter(&mut self, at: usize) {
        self.at = at;
        if let Some(f) = self.fields.get_mut(at) {
            f.input.select_all();
        }
    }

    /// The value of field `key` as typed (`None` when empty).
    fn value(&self, key: &str, today: jiff::civil::Date) -> Result<Option<Val>, String> {
        let Some(f) = self.fields.iter().find(|f| f.key == key) else {
            return Ok(None);
        };
        Ok(f.value(today)?.filter(|v| *v != Val::Clear))
    }

    fn text(&self, key: &str) -> Option<String> {
        self.fields
            .iter()
            .find(|f| f.key == key)
            .map(|f| f.input.text().trim().to_string())
            .filter(|t| !t.is_empty())
    }

    /// The settings typed, or what is wrong with a field.
    pub fn settings(&self, today: jiff::civil::Date) -> Result<Settings, String> {
        let date = |key: &str| -> Result<Option<jiff::civil::Date>, String> {
            Ok(match self.value(key, today)? {
                Some(Val::Date(d)) => Some(d),
                _ => None,
            })
        };
        let mut s = Settings {
            name: self.text("name").unwrap_or_default(),
            brand: self.text("brand"),
            product: self.text("product"),
            currency: self.text("currency"),
            template: self.text("template"),
            about: self.text("about"),
            brief: self.text("brief"),
            deliverables: self.text("deliverables"),
            starts: date("starts")?,
            ends: date("ends")?,
            reply_by: date("reply_by")?,
            ..self.was.clone()
        };
        s.goal = match self.value("goal", today)? {
            Some(Val::Text(g)) => Goal::parse(&g),
            _ => None,
        };
        s.budget = match self.value("budget", today)? {
            Some(Val::Count(n)) => Some(n),
            _ => None,
        };
        s.platforms.clear();
        if let Some(Val::List(names)) = self.value("platforms", today)? {
            for name in names.iter().filter(|n| !n.is_empty()) {
                let p = Platform::parse(name);
                if !p.is_known() {
                    let known = Platform::KNOWN.each_ref().map(|k| k.name());
                    let hint = crate::suggest::nearest(name, known)
                        .map_or_else(|| known.join(", "), |n| format!("did you mean {n}?"));
                    return Err(format!("Platforms: \"{name}\" is not a platform ({hint})"));
                }
                if !s.platforms.contains(&p) {
                    s.platforms.push(p);
                }
            }
        }
        if let Some(t) = &s.template
            && !self.templates.contains(t)
        {
            let hint = crate::suggest::nearest(t, self.templates.iter().map(String::as_str))
                .map_or_else(
                    || self.templates.join(", "),
                    |n| format!("did you mean {n}?"),
                );
            return Err(format!("Template: no template \"{t}\" ({hint})"));
        }
        s.sender = match (self.text("sender_name"), self.text("sender_email")) {
            (None, None) => None,
            (Some(name), Some(email)) => Some(Sender {
                name,
                email,
                phone: self.was.sender.as_ref().and_then(|s| s.phone.clone()),
            }),
            _ => return Err("Sender: give both the name and the email (or neither)".into()),
        };
        let problems = s.normalized().problems();
        if let Some(first) = problems.first() {
            return Err(first.clone());
        }
        Ok(s)
    }

    /// The id a new campaign gets: the one typed, else one made from the name.
    fn id(&self) -> Result<String, String> {
        match self.text("id") {
            Some(id) => match crate::model::id_problem(&id) {
                Some(problem) => Err(format!("Id: \"{id}\" {problem}")),
                None => Ok(id),
            },
            None => {
                let made = suggest_id(&self.text("name").unwrap_or_default());
                if made.is_empty() {
                    return Err("Id: give the campaign an id (a-z 0-9 - _ .)".into());
                }
                Ok(made)
            }
        }
    }

    /// Saving: the new campaign to create, or the edit of this one.
    fn save(&self, app: &mut App) -> Result<Vec<Effect>, String> {
        let settings = self.settings(app.now.date())?;
        match &self.campaign {
            None => {
                let id = self.id()?;
                Ok(vec![Effect::Task(Task::CreateCampaign {
                    id,
                    settings: Box::new(settings),
                })])
            }
            Some(id) => {
                let edit = Edit::Settings {
                    settings: Box::new(settings),
                    was: Some(Box::new(self.was.clone())),
                };
                Ok(app.save_each(vec![(id.clone(), edit)]))
            }
        }
    }

    fn hint(&self) -> String {
        let Some(f) = self.fields.get(self.at) else {
            return String::new();
        };
        match f.key {
            "id" => "Id: the file's name (a-z 0-9 - _ .); empty: made from the name".into(),
            "template" if self.templates.is_empty() => "Template: templates/ has none yet".into(),
            "template" => format!("Template: {}", self.templates.join(", ")),
            "platforms" => "Platforms: instagram, threads, youtube… (comma-separated)".into(),
            "currency" => "Currency: TWD, USD, HKD… (empty: the configured one)".into(),
            _ => f.hint(),
        }
    }
}

impl Overlay<App> for SettingsForm {
    fn mode(&self) -> crate::tui::keymap::Mode {
        super::form::MODE
    }

    fn update(&mut self, app: &mut App, action: Action) -> Reply {
        match action {
            Action::NextField => self.enter((self.at + 1) % self.fields.len().max(1)),
            Action::PreviousField => self.enter(
                self.at
                    .checked_sub(1)
                    .unwrap_or(self.fields.len().saturating_sub(1)),
            ),
            Action::Apply => {
                return match self.save(app) {
                    Ok(effects) => Reply::close_with(effects),
                    Err(e) => {
                        self.error = Some(e);
                        Reply::stay()
                    }
                };
            }
            Action::Back => return Reply::close(),
            other => {
                let Some(input) = self.fields.get_mut(self.at).map(|f| &mut f.input) else {
                    return Reply::stay();
                };
                if !input.edit(other) {
                    return Reply::stay();
                }
            }
        }
        self.error = None;
        Reply::stay()
    }

    fn draw(&self, app: &App, frame: &mut Frame<'_>, area: Rect) {
        let fields: Vec<(&str, &crate::tui::input::TextInput)> =
            self.fields.iter().map(|f| (f.label, &f.input)).collect();
        let (mut lines, label_width) = super::field_lines(app, &fields, self.at);
        lines.extend(super::form_footer(app, &self.hint(), self.error.as_deref()));
        let title = match &self.campaign {
            None => "New campaign".to_string(),
            Some(id) => format!("Settings of {id}"),
        };
        let laid = lay_out(area, 76, &lines, label_width + 1);
        // The field being typed in stays in view; the lines under the fields come with the
        // last one.
        let visible = usize::from(laid.rect.height.saturating_sub(2));
        let wanted = if self.at + 1 == self.fields.len() {
            lines.len()
        } else {
            self.at + 1
        };
        let scroll = wanted.saturating_sub(visible);
        boxed(frame, app, &escape(&title), laid, scroll);
    }

    crate::any_overlay!();
}
