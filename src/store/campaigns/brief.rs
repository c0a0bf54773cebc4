//! Reading `[campaign]`: the brief, every key checked, and the keys of the user's own kept for
//! templates.

use toml::de::{DeTable, DeValue};

use super::BRIEF_KEYS;
use super::ENTRY_KEYS;
use crate::model::{Brief, Goal, Lang, MAX_RATE, Platform, Sender, Value, email_problem};
use crate::store::diagnostic::Report;
use crate::store::fields::{Fields, describe, nearest};

pub(super) fn read_brief(
    table: &DeTable<'_>,
    at: std::ops::Range<usize>,
    report: &mut Report<'_>,
) -> Brief {
    let mut f = Fields::new(table, at, report);
    f.set_subject(Some("campaign".into()));
    let text = |f: &mut Fields<'_, '_, '_, '_>, key| f.optional_text(key).map(|t| t.to_string());
    let name = f
        .non_blank("name", true)
        .map(|n| n.get_ref().trim().to_string())
        .unwrap_or_default();
    let goal = f.text("goal", false).and_then(|g| {
        let goal = Goal::parse(g.get_ref());
        if goal.is_none() {
            let names = Goal::ALL.map(Goal::name);
            let message = match nearest(g.get_ref(), names) {
                Some(near) => format!(
                    "unknown goal \"{}\" (did you mean \"{near}\"?)",
                    g.get_ref()
                ),
                None => format!(
                    "unknown goal \"{}\" (expected awareness, engagement or conversion)",
                    g.get_ref()
                ),
            };
            f.error(&g.span(), message);
        }
        goal
    });
    let budget = f.whole("budget", false, MAX_RATE * 1_000);
    let currency = f.currency("currency");
    let platforms = platforms(&mut f);
    let reply_by = f.date("reply_by");
    let starts = f.date("starts");
    let ends = f.date("ends");
    if let (Some(s), Some(e), Some(v)) = (starts, ends, f.get("ends"))
        && e < s
    {
        let span = v.span();
        f.error(&span, format!("\"ends\" ({e}) is before \"starts\" ({s})"));
    }
    let template = text(&mut f, "template");
    let sender = sender(&mut f);
    let about = text(&mut f, "about");
    let brief = text(&mut f, "brief");
    let deliverables = text(&mut f, "deliverables");
    let niches = f.texts("niches");
    let lang = f.choice("lang", false, "language", &["zh-TW", "en"], Lang::parse);
    // The shortlist under [campaign] (`entry = [...]` or `[[campaign.entry]]`) would be taken
    // for a value of the user's own and the creators in it for nobody's: it is an error.
    if let Some(list) = f.get("entry") {
        f.report().error(
            &list.span(),
            Some(super::SHORTLIST_SUBJECT),
            "the shortlist is not part of [campaign]: write each entry as an [[entry]] table after it"
                .to_string(),
        );
    }
    // Other keys are the user's own, for templates; only likely typos of known keys are flagged.
    let in_entry = |key: &str| {
        crate::store::creators::elsewhere(key, BRIEF_KEYS, ENTRY_KEYS, "in an [[entry]]")
    };
    f.unknown_keys_where(BRIEF_KEYS, in_entry, |key| {
        nearest(key, BRIEF_KEYS.iter().copied()).is_some() || in_entry(key).is_some()
    });
    let extra = f
        .entries()
        .filter(|(k, _)| !BRIEF_KEYS.contains(k))
        .filter_map(|(k, v)| Some((k.to_string(), value(v.get_ref())?)))
        .collect();
    Brief {
        name,
        brand: text(&mut f, "brand"),
        product: text(&mut f, "product"),
        goal,
        budget,
        currency,
        platforms,
        reply_by,
        starts,
        ends,
        template,
        sender,
        about,
        brief,
        deliverables,
        niches,
        lang,
        extra,
    }
}

/// `sender = { name, email, phone }`: who invitations come from (in a brief, and as the
/// default of new campaigns in the configuration).
pub(crate) fn sender(f: &mut Fields<'_, '_, '_, '_>) -> Option<Sender> {
    f.table("sender", false).and_then(|(t, at)| {
        let subject = f.subject().map(str::to_string);
        let mut s = Fields::new(t, at, f.report());
        s.set_subject(subject);
        let name = s
            .non_blank("name", true)
            .map(|n| n.get_ref().trim().to_string());
        let email = s.non_blank("email", true).and_then(|e| {
            let address = e.get_ref().trim();
            match email_problem(address) {
                Some(problem) => {
                    let message = format!(
                        "malformed sender email \"{}\": {problem}",
                        address.escape_debug()
                    );
                    s.error(&e.span(), message);
                    None
                }
                None => Some(address.to_string()),
            }
        });
        let phone = s.optional_text("phone").map(|p| p.to_string());
        s.unknown_keys(&["name", "email", "phone"], |_| None);
        Some(Sender {
            name: name?,
            email: email?,
            phone,
        })
    })
}

pub(super) fn platforms(f: &mut Fields<'_, '_, '_, '_>) -> Vec<Platform> {
    let Some(list) = f.get("platforms") else {
        return Vec::new();
    };
    let DeValue::Array(items) = list.get_ref() else {
        let message = format!(
            "\"platforms\" must be a list of strings, found {}",
            describe(list.get_ref())
        );
        f.error(&list.span(), message);
        return Vec::new();
    };
    let mut out = Vec::new();
    for item in items.iter() {
        match item.get_ref() {
            DeValue::String(s) => {
                let p = Platform::parse(s);
                if !p.is_known() {
                    f.warning(
                        &item.span(),
                        format!("unknown platform \"{}\", kept as written", s.trim()),
                    );
                }
                out.push(p);
            }
            other => {
                let message = format!(
                    "\"platforms\" must hold only strings, found {}",
                    describe(other)
                );
                f.error(&item.span(), message);
            }
        }
    }
    out
}

/// A value kept for templates, if it is of a kind templates can use.
pub(super) fn value(v: &DeValue<'_>) -> Option<Value> {
    Some(match v {
        DeValue::String(s) => Value::Text(s.to_string()),
        DeValue::Integer(i) => Value::Integer(i64::from_str_radix(i.as_str(), i.radix()).ok()?),
        DeValue::Float(x) => Value::Float(x.as_str().parse().ok()?),
        DeValue::Boolean(b) => Value::Boolean(*b),
        DeValue::Datetime(d) => {
            let date = d.date?;
            Value::Date(
                jiff::civil::Date::new(
                    i16::try_from(date.year).ok()?,
                    i8::try_from(date.month).ok()?,
                    i8::try_from(date.day).ok()?,
                )
                .ok()?,
            )
        }
        DeValue::Array(items) => {
            Value::List(items.iter().filter_map(|i| value(i.get_ref())).collect())
        }
        DeValue::Table(_) => return None,
    })
}
