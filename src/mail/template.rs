//! Invitation templates: `templates/<name>.txt`, TOML front matter between `+++` lines
//! (`subject`, and optionally `cc`, `bcc`, `reply_to`, `attachments`), then a minijinja body.
//! Reading one checks everything that does not depend on a creator: the front matter, the
//! template syntax, and every variable used against the variables there are — with the line,
//! counted from the top of the file, and the nearest known name.

use toml::de::{DeTable, DeValue};

use crate::store::{Diagnostic, strings};

mod variables;
use variables::check;

/// What `creator` holds (the channel fields are those of the channel that best fits the
/// campaign's platforms).
pub const CREATOR_VARIABLES: &[&str] = &[
    "id",
    "name",
    "email",
    "aliases",
    "niches",
    "location",
    "languages",
    "kind",
    "handle",
    "platform",
    "followers",
    "engagement",
    "url",
];
/// What `entry` holds.
pub const ENTRY_VARIABLES: &[&str] = &["fee", "deliverables", "notes", "stage", "follow_up"];
/// What `sender` holds.
pub const SENDER_VARIABLES: &[&str] = &["name", "email", "phone"];
/// The variables at the top.
pub const TOP_VARIABLES: &[&str] = &["creator", "campaign", "entry", "sender", "today"];

/// A template, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct Template {
    pub name: String,
    /// The file as named in messages: `templates/invite-en.txt`.
    pub file: String,
    pub subject: Part,
    pub body: Part,
    pub cc: Vec<Part>,
    pub bcc: Vec<Part>,
    pub reply_to: Option<Part>,
    /// Paths relative to the workspace, with the line each was given on.
    pub attachments: Vec<(String, u32)>,
    /// What the template is for (`kind = "invite"` in the front matter), when it says.
    pub kind: Option<Kind>,
    /// A message in the thread of those sent before (`reply = true`, or a follow-up kind): it
    /// answers the last one (`In-Reply-To`, `References`) and its subject starts `Re:` once.
    pub reply: bool,
    /// `campaign.X` for keys that are not part of every brief: they must be in the campaign's
    /// own keys (checked when a campaign is known), with the line of their first use.
    pub campaign_keys: Vec<(String, u32)>,
}

/// What a template is for: an export picks the template of the kind its stage calls for when
/// the campaign names none (an invitation for the shortlisted, a follow-up for the contacted).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Invite,
    FollowUp,
    Reminder,
    ThankYou,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Invite, Kind::FollowUp, Kind::Reminder, Kind::ThankYou];

    pub fn name(self) -> &'static str {
        match self {
            Kind::Invite => "invite",
            Kind::FollowUp => "follow-up",
            Kind::Reminder => "reminder",
            Kind::ThankYou => "thank-you",
        }
    }

    pub fn parse(text: &str) -> Option<Kind> {
        let text = text.trim().to_lowercase().replace(['_', ' '], "-");
        Kind::ALL
            .into_iter()
            .find(|k| k.name() == text || (text == "followup" && *k == Kind::FollowUp))
    }

    /// The kind of message an export of creators at `stage` sends.
    pub fn for_stage(stage: crate::model::Stage) -> Kind {
        use crate::model::Stage;
        match stage {
            Stage::Shortlisted => Kind::Invite,
            Stage::Contacted | Stage::Negotiating => Kind::FollowUp,
            Stage::Completed => Kind::ThankYou,
            _ => Kind::Reminder,
        }
    }
}

/// One piece of template source, with the line of the file it starts on.
#[derive(Clone, Debug, PartialEq)]
pub struct Part {
    pub source: String,
    pub line: u32,
}

/// Reads template `name` from the text of its file (named `file` in messages).
pub fn parse_template(name: &str, file: &str, text: &str) -> Result<Template, Vec<Diagnostic>> {
    let problem = |line: u32, message: String| Diagnostic::error(file, line, 1, message);
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let is_fence = |l: &str| l.trim_end() == "+++";
    if !lines.first().is_some_and(|l| is_fence(l)) {
        return Err(vec![problem(
            1,
            "a template starts with a line of +++, then subject = \"…\", another +++, and the body"
                .into(),
        )]);
    }
    let Some(close) = lines
        .iter()
        .skip(1)
        .position(|l| is_fence(l))
        .map(|i| i + 1)
    else {
        return Err(vec![problem(
            1,
            "the front matter opened here is never closed with a line of +++".into(),
        )]);
    };
    let front: String = lines[1..close].concat();
    let body = Part {
        source: lines[close + 1..].concat(),
        line: close as u32 + 2,
    };
    let mut problems = Vec::new();
    let mut template = front_matter(name, file, &front, body)?;
    check(&mut template, &lines, &mut problems);
    if problems.is_empty() {
        Ok(template)
    } else {
        problems.sort_by_key(|p| (p.line, p.column));
        Err(problems)
    }
}

/// The front matter, which starts on line 2 of the file.
fn front_matter(
    name: &str,
    file: &str,
    front: &str,
    body: Part,
) -> Result<Template, Vec<Diagnostic>> {
    let index = crate::store::LineIndex::new(front);
    let line_of = |offset: usize| index.line(offset) + 1;
    let problem = |line: u32, message: String| Diagnostic::error(file, line, 1, message);
    let table = match DeTable::parse(front) {
        Ok(t) => t.into_inner(),
        Err(e) => {
            let line = e.span().map_or(2, |s| line_of(s.start));
            return Err(vec![problem(
                line,
                format!("invalid TOML in the front matter: {}", e.message()),
            )]);
        }
    };
    let mut problems = Vec::new();
    let mut subject = None;
    let mut cc = Vec::new();
    let mut bcc = Vec::new();
    let mut reply_to = None;
    let mut attachments = Vec::new();
    let mut kind = None;
    let mut reply = None;
    const KEYS: [&str; 7] = [
        "subject",
        "kind",
        "reply",
        "cc",
        "bcc",
        "reply_to",
        "attachments",
    ];
    for (key, value) in table.iter() {
        let line = line_of(key.span().start);
        match key.get_ref().as_ref() {
            "subject" => match value.get_ref() {
                DeValue::String(s) => {
                    subject = Some(Part {
                        source: s.to_string(),
                        line,
                    })
                }
                _ => problems.push(problem(line, "\"subject\" must be a string".into())),
            },
            k @ ("cc" | "bcc" | "attachments") => match strings(value.get_ref()) {
                Some(list) => {
                    for item in list {
                        match k {
                            "cc" => cc.push(Part { source: item, line }),
                            "bcc" => bcc.push(Part { source: item, line }),
                            _ => attachments.push((item, line)),
                        }
                    }
                }
                None => problems.push(problem(
                    line,
                    format!("\"{k}\" must be a string or a list of strings"),
                )),
            },
            "kind" => match value.get_ref() {
                DeValue::String(s) => match Kind::parse(s) {
                    Some(k) => kind = Some(k),
                    None => {
                        let names = Kind::ALL.map(Kind::name);
                        let hint = match crate::suggest::nearest(s, names) {
                            Some(n) => format!("did you mean \"{n}\"?"),
                            None => format!("kinds: {}", names.join(", ")),
                        };
                        problems.push(problem(line, format!("unknown kind \"{s}\" ({hint})")));
                    }
                },
                _ => problems.push(problem(line, "\"kind\" must be a string".into())),
            },
            "reply" => match value.get_ref() {
                DeValue::Boolean(b) => reply = Some(*b),
                _ => problems.push(problem(line, "\"reply\" must be true or false".into())),
            },
            "reply_to" => match value.get_ref() {
                DeValue::String(s) => {
                    reply_to = Some(Part {
                        source: s.to_string(),
                        line,
                    })
                }
                _ => problems.push(problem(line, "\"reply_to\" must be a string".into())),
            },
            other => {
                let hint = crate::suggest::nearest(other, KEYS)
                    .map(|n| format!(" (did you mean \"{n}\"?)"))
                    .unwrap_or_else(|| format!(" (keys: {})", KEYS.join(", ")));
                problems.push(problem(line, format!("unknown key \"{other}\"{hint}")));
            }
        }
    }
    let Some(subject) = subject else {
        problems.push(problem(1, "the front matter has no subject = \"…\"".into()));
        return Err(problems);
    };
    if !problems.is_empty() {
        problems.sort_by_key(|p| (p.line, p.column));
        return Err(problems);
    }
    Ok(Template {
        name: name.to_string(),
        file: file.to_string(),
        subject,
        body,
        cc,
        bcc,
        reply_to,
        attachments,
        kind,
        // A follow-up, a reminder or a thank-you answers what was sent before, unless it says
        // otherwise.
        reply: reply.unwrap_or(matches!(
            kind,
            Some(Kind::FollowUp | Kind::Reminder | Kind::ThankYou)
        )),
        campaign_keys: Vec::new(),
    })
}

impl Template {
    /// Every piece of template source, with what it is.
    pub fn parts(&self) -> Vec<(&'static str, &Part)> {
        let mut parts = vec![("subject", &self.subject), ("body", &self.body)];
        parts.extend(self.cc.iter().map(|p| ("cc", p)));
        parts.extend(self.bcc.iter().map(|p| ("bcc", p)));
        parts.extend(self.reply_to.iter().map(|p| ("reply_to", p)));
        parts
    }
}

#[cfg(test)]
mod tests;
