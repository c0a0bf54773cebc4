//! Filling a template in for each creator: the variables, the rendering, and every problem
//! found on the way, so that all of them can be shown before anything is written.

use std::collections::BTreeMap;

use jiff::civil::Date;
use minijinja::Value;

use super::address::Mailbox;
use super::filters::environment;
use super::template::{Part, Template};
pub use super::text::{body_text, one_line};
use crate::model::{Campaign, Channel, Creator, Entry, Value as Extra};

/// One invitation, rendered.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// The creator's id.
    pub creator: String,
    pub to_name: String,
    pub to_email: String,
    pub subject: String,
    pub body: String,
    pub cc: Vec<Mailbox>,
    pub bcc: Vec<Mailbox>,
    pub reply_to: Option<Mailbox>,
    /// The message ids it answers, oldest first (`<…>`): the last is its `In-Reply-To`, all
    /// are its `References`. Empty for a message that starts a thread.
    pub thread: Vec<String>,
}

impl Letter {
    /// The recipient.
    pub fn to(&self) -> Mailbox {
        Mailbox::new(&self.to_name, &self.to_email)
    }
}

/// A problem found while rendering or checking invitations.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    /// Stops the export (nothing is written) or only leaves these creators out.
    pub fatal: bool,
    /// `templates/invite-en.txt:12` or `campaigns/lumi.toml`, when the problem has a place.
    pub place: Option<String>,
    pub message: String,
    /// The creators it concerns.
    pub creators: Vec<String>,
}

impl Problem {
    /// A problem at `place` that stops the export.
    pub fn stop(place: impl Into<String>, message: impl Into<String>) -> Problem {
        Problem {
            fatal: true,
            place: Some(place.into()),
            message: message.into(),
            creators: Vec::new(),
        }
    }
}

impl From<crate::store::Diagnostic> for Problem {
    /// A problem of a file (a template's, a campaign's) stops the export, at its place.
    fn from(d: crate::store::Diagnostic) -> Problem {
        Problem::stop(d.place(), d.message)
    }
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(place) = &self.place {
            write!(f, "{place}: ")?;
        }
        f.write_str(if self.fatal { "error: " } else { "skipped: " })?;
        f.write_str(&self.message)?;
        if !self.creators.is_empty() {
            write!(f, " ({})", self.creators.join(", "))?;
        }
        Ok(())
    }
}

/// Someone to invite: the shortlist entry, and the creator from the database (if they are in
/// it).
pub struct Invitee<'a> {
    pub entry: &'a Entry,
    pub creator: Option<&'a Creator>,
}

/// Renders `template` for each invitee of `campaign`, as of `today`; amounts are in
/// `currency` when the campaign names none. Every problem is returned, grouped.
pub fn render(
    template: &Template,
    campaign: &Campaign,
    invitees: &[Invitee<'_>],
    today: Date,
    currency: &str,
    progress: Option<&crate::store::progress::Progress>,
) -> (Vec<Letter>, Vec<Problem>) {
    if let Some(p) = progress {
        p.set_total(invitees.len() as u64);
    }
    let mut problems: Vec<Problem> = Vec::new();
    let mut add = |fatal: bool, place: Option<String>, message: String, creator: Option<&str>| {
        if let Some(p) = problems
            .iter_mut()
            .find(|p| p.fatal == fatal && p.place == place && p.message == message)
        {
            if let Some(c) = creator {
                p.creators.push(c.to_string());
            }
            return;
        }
        problems.push(Problem {
            fatal,
            place,
            message,
            creators: creator.map(|c| vec![c.to_string()]).unwrap_or_default(),
        });
    };
    // Keys of the campaign the template uses that this campaign does not have.
    for (key, line) in &template.campaign_keys {
        if !campaign.brief.extra.iter().any(|(k, _)| k == key) {
            let names: Vec<&str> = campaign
                .brief
                .extra
                .iter()
                .map(|(k, _)| k.as_str())
                .collect();
            let hint = crate::suggest::nearest(key, names.iter().copied())
                .map(|n| format!(" (did you mean campaign.{n}?)"))
                .unwrap_or_default();
            add(
                true,
                Some(format!("{}:{line}", template.file)),
                format!(
                    "unknown variable campaign.{key}: campaign {} has no \"{key}\"{hint}",
                    campaign.id
                ),
                None,
            );
        }
    }
    let env = environment();
    let campaign_value = campaign_value(campaign, currency);
    let sender = campaign.brief.sender.as_ref().map(|s| {
        let mut m = BTreeMap::new();
        m.insert("name", Value::from(s.name.clone()));
        m.insert("email", Value::from(s.email.clone()));
        if let Some(p) = &s.phone {
            m.insert("phone", Value::from(p.clone()));
        }
        Value::from(m)
    });
    let mut letters = Vec::new();
    let mut seen: BTreeMap<String, String> = BTreeMap::new();
    for invitee in invitees {
        if let Some(p) = progress {
            p.add(1);
            p.item();
        }
        let id = invitee.entry.creator.as_str();
        let Some(creator) = invitee.creator else {
            add(false, None, "not in creators.toml".into(), Some(id));
            continue;
        };
        // Who cannot be written to is left out before anything is rendered for them.
        let Some(email) = creator.email.as_ref() else {
            add(false, None, "no email in creators.toml".into(), Some(id));
            continue;
        };
        if let Some(problem) = crate::model::email_problem(email) {
            add(
                false,
                None,
                format!("malformed email \"{}\": {problem}", email.escape_debug()),
                Some(id),
            );
            continue;
        }
        if let Some(first) = seen.get(email.to_lowercase().as_str()) {
            add(
                false,
                None,
                format!("{email} is also {first}'s address: one invitation per address"),
                Some(id),
            );
            continue;
        }
        seen.insert(email.to_lowercase().to_string(), id.to_string());
        let mut context = BTreeMap::new();
        context.insert("creator", creator_value(creator, campaign));
        context.insert("campaign", campaign_value.clone());
        context.insert("entry", entry_value(invitee.entry));
        if let Some(s) = &sender {
            context.insert("sender", s.clone());
        }
        context.insert("today", Value::from(today.to_string()));
        let context = Value::from(context);
        // A part filled in for this creator, or where and why it could not be.
        let fill = |what: &str, part: &Part| -> Result<String, (String, String)> {
            let compiled = env
                .template_from_named_str(what, &part.source)
                .map_err(|e| (format!("{}:{}", template.file, part.line), e.to_string()))?;
            compiled.render(&context).map_err(|e| {
                let line = part.line + e.line().unwrap_or(1).saturating_sub(1) as u32;
                let message = match e.range().map(|r| enclosing(&part.source, r)) {
                    Some(expr) if e.kind() == minijinja::ErrorKind::UndefinedError => {
                        format!("no value for {}", expression(expr))
                    }
                    _ => e.detail().map_or_else(|| e.to_string(), str::to_string),
                };
                (format!("{}:{line}", template.file), message)
            })
        };
        // Every address the template gives passes the one validator, for each creator (a
        // variable in it may fill it in differently).
        let mailbox = |what: &str, part: &Part| -> Result<Option<Mailbox>, (String, String)> {
            let text = fill(what, part)?;
            if text.trim().is_empty() {
                return Ok(None);
            }
            Mailbox::parse(&text).map(Some).map_err(|m| {
                (
                    format!("{}:{}", template.file, part.line),
                    format!("{what}: {m}"),
                )
            })
        };
        let mut problems_here: Vec<(String, String)> = Vec::new();
        let mut keep =
            |r: Result<String, (String, String)>| r.map_err(|e| problems_here.push(e)).ok();
        let subject = keep(fill("subject", &template.subject));
        let body = keep(fill("body", &template.body));
        let mut addresses = |parts: &[&Part], what: &str| -> Vec<Mailbox> {
            parts
                .iter()
                .filter_map(|p| {
                    mailbox(what, p)
                        .map_err(|e| problems_here.push(e))
                        .ok()
                        .flatten()
                })
                .collect()
        };
        let cc = addresses(&template.cc.iter().collect::<Vec<_>>(), "cc");
        let bcc = addresses(&template.bcc.iter().collect::<Vec<_>>(), "bcc");
        let reply_to = addresses(&template.reply_to.iter().collect::<Vec<_>>(), "reply_to")
            .into_iter()
            .next();
        if !problems_here.is_empty() {
            for (place, message) in problems_here {
                add(true, Some(place), message, Some(id));
            }
            continue;
        }
        let (Some(subject), Some(body)) = (subject, body) else {
            continue;
        };
        letters.push(Letter {
            creator: id.to_string(),
            to_name: one_line(&creator.name),
            to_email: email.to_string(),
            subject: one_line(&subject),
            body: body_text(&body),
            cc,
            bcc,
            reply_to,
            thread: Vec::new(),
        });
    }
    (letters, problems)
}

/// The `{{ … }}` around `range` of `source` (or the range itself, outside one).
fn enclosing(source: &str, range: std::ops::Range<usize>) -> &str {
    let start = range.start.min(source.len());
    let end = range.end.clamp(start, source.len());
    let open = source[..start].rfind("{{");
    let close = source[end..].find("}}").map(|i| end + i + 2);
    match (open, close) {
        (Some(o), Some(c)) if !source[o..start].contains("}}") => &source[o..c],
        _ => &source[start..end],
    }
}

/// `{{ campaign.reply_by }}` → `campaign.reply_by`; `creator.followers | number` →
/// `creator.followers`.
fn expression(text: &str) -> String {
    let text = text.trim().trim_start_matches("{{").trim_end_matches("}}");
    text.split('|').next().unwrap_or(text).trim().to_string()
}

/// The channel to speak of: the largest on one of the campaign's platforms, else the largest.
pub fn best_channel<'c>(creator: &'c Creator, campaign: &Campaign) -> Option<&'c Channel> {
    let wanted = &campaign.brief.platforms;
    creator
        .channels
        .iter()
        .filter(|c| wanted.contains(&c.platform))
        .max_by_key(|c| c.followers.unwrap_or(0))
        .or_else(|| creator.main_channel())
}

fn creator_value(creator: &Creator, campaign: &Campaign) -> Value {
    let mut m: BTreeMap<&str, Value> = BTreeMap::new();
    m.insert("id", Value::from(creator.id.as_str()));
    m.insert("name", Value::from(creator.name.as_str()));
    if let Some(e) = &creator.email {
        m.insert("email", Value::from(e.as_str()));
    }
    let list = |items: &[compact_str::CompactString]| {
        Value::from(items.iter().map(|i| i.to_string()).collect::<Vec<_>>())
    };
    m.insert("aliases", list(&creator.aliases));
    m.insert("niches", list(&creator.niches));
    m.insert("languages", list(&creator.languages));
    if let Some(l) = &creator.location {
        m.insert("location", Value::from(l.as_str()));
    }
    if let Some(k) = creator.kind {
        m.insert("kind", Value::from(k.name()));
    }
    if let Some(c) = best_channel(creator, campaign) {
        m.insert("handle", Value::from(c.handle.as_str()));
        m.insert("platform", Value::from(c.platform.name()));
        if let Some(f) = c.followers {
            m.insert("followers", Value::from(f));
        }
        if let Some(e) = c.engagement {
            m.insert("engagement", Value::from(e));
        }
        if let Some(u) = &c.url {
            m.insert("url", Value::from(u.as_str()));
        }
    }
    Value::from(m)
}

fn entry_value(entry: &Entry) -> Value {
    let mut m: BTreeMap<&str, Value> = BTreeMap::new();
    if let Some(f) = entry.fee {
        m.insert("fee", Value::from(f));
    }
    if let Some(d) = &entry.deliverables_note {
        m.insert("deliverables", Value::from(d.as_str()));
    }
    if let Some(n) = &entry.notes {
        m.insert("notes", Value::from(n.as_str()));
    }
    m.insert("stage", Value::from(entry.stage.name()));
    if let Some(d) = entry.follow_up {
        m.insert("follow_up", Value::from(d.to_string()));
    }
    Value::from(m)
}

fn campaign_value(campaign: &Campaign, currency: &str) -> Value {
    let b = &campaign.brief;
    let mut m: BTreeMap<String, Value> = BTreeMap::new();
    let mut put = |k: &str, v: Option<Value>| {
        if let Some(v) = v {
            m.insert(k.to_string(), v);
        }
    };
    put("id", Some(Value::from(campaign.id.as_str())));
    put("name", Some(Value::from(b.name.as_str())));
    put("brand", b.brand.as_deref().map(Value::from));
    put("product", b.product.as_deref().map(Value::from));
    put("goal", b.goal.map(|g| Value::from(g.name())));
    put("budget", b.budget.map(Value::from));
    put(
        "currency",
        Some(Value::from(b.currency.as_deref().unwrap_or(currency))),
    );
    put(
        "platforms",
        Some(Value::from(
            b.platforms
                .iter()
                .map(|p| p.name().to_string())
                .collect::<Vec<_>>(),
        )),
    );
    put("reply_by", b.reply_by.map(|d| Value::from(d.to_string())));
    put("starts", b.starts.map(|d| Value::from(d.to_string())));
    put("ends", b.ends.map(|d| Value::from(d.to_string())));
    put("template", b.template.as_deref().map(Value::from));
    put("about", b.about.as_deref().map(Value::from));
    put("brief", b.brief.as_deref().map(Value::from));
    put("deliverables", b.deliverables.as_deref().map(Value::from));
    put("lang", b.lang.map(|l| Value::from(l.tag())));
    if !b.niches.is_empty() {
        let niches: Vec<String> = b.niches.iter().map(|n| n.to_string()).collect();
        put("niches", Some(Value::from(niches)));
    }
    if let Some(s) = &b.sender {
        let mut sender = BTreeMap::new();
        sender.insert("name", Value::from(s.name.as_str()));
        sender.insert("email", Value::from(s.email.as_str()));
        if let Some(p) = &s.phone {
            sender.insert("phone", Value::from(p.as_str()));
        }
        put("sender", Some(Value::from(sender)));
    }
    for (key, value) in &b.extra {
        m.insert(key.clone(), extra(value));
    }
    Value::from(m)
}

fn extra(value: &Extra) -> Value {
    match value {
        Extra::Text(t) => Value::from(t.as_str()),
        Extra::Integer(i) => Value::from(*i),
        Extra::Float(x) => Value::from(*x),
        Extra::Boolean(b) => Value::from(*b),
        Extra::Date(d) => Value::from(d.to_string()),
        Extra::List(items) => Value::from(items.iter().map(extra).collect::<Vec<_>>()),
    }
}
