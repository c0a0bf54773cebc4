//! The forms themselves: which fields each record has, filled with what the entry says now.

use jiff::civil::Date;

use super::{Field, Form, Kind, Purpose};
use crate::model::{Deliverable, Payment, Record, Stage, Step};
use crate::outreach::records::payment;
use crate::tui::app::Target;

fn date(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

fn text(t: &Option<String>) -> String {
    t.clone().unwrap_or_default()
}

fn amount(n: Option<u64>) -> String {
    n.map(|n| n.to_string()).unwrap_or_default()
}

const STEPS: &[&str] = &["script", "draft", "final"];
const VERDICTS: &[&str] = &["approved", "changes", "submitted"];
const KINDS: &[&str] = &["deposit", "balance", "full", "other"];
const SOURCES: &[&str] = &["measured", "creator", "estimate"];

fn title(what: &str, t: &Target) -> String {
    format!("{what} · {} in {}", t.entry.creator, t.campaign)
}

impl Form {
    /// The contract's terms.
    pub fn contract(t: Target) -> Form {
        let c = t.entry.contract.clone().unwrap_or_default();
        let list = |l: &[compact_str::CompactString]| {
            l.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        };
        let fields = vec![
            Field::new("signed", "signed", Kind::Date, date(c.signed)),
            Field::new("usage", "usage", Kind::List, list(&c.usage)),
            Field::new(
                "usage until",
                "usage_until",
                Kind::Date,
                date(c.usage_until),
            ),
            Field::new("territory", "territory", Kind::Text, text(&c.territory)),
            Field::new(
                "exclusivity",
                "exclusivity",
                Kind::List,
                list(&c.exclusivity),
            ),
            Field::new(
                "exclusive until",
                "exclusive_until",
                Kind::Date,
                date(c.exclusive_until),
            ),
            Field::new("disclosure", "disclosure", Kind::Text, text(&c.disclosure)),
        ];
        Form::new(
            title("Contract", &t),
            vec![t],
            Purpose::Set(Record::Contract),
            fields,
        )
    }

    /// The product sent.
    pub fn shipment(t: Target) -> Form {
        let s = t.entry.shipment.clone().unwrap_or_default();
        let fields = vec![
            Field::new("sent", "sent", Kind::Date, date(s.sent)),
            Field::new("carrier", "carrier", Kind::Text, text(&s.carrier)),
            Field::new("tracking", "tracking", Kind::Text, text(&s.tracking)),
            Field::new("item", "item", Kind::Text, text(&s.item)),
            Field::new("value", "value", Kind::Amount, amount(s.value)),
            Field::new("received", "received", Kind::Date, date(s.received)),
        ];
        Form::new(
            title("Shipment", &t),
            vec![t],
            Purpose::Set(Record::Shipment),
            fields,
        )
    }

    /// A deliverable: a new one (with its id and platform), or one to change.
    pub fn deliverable(t: Target, d: Option<&Deliverable>) -> Form {
        let mut fields = Vec::new();
        let purpose = match d {
            Some(d) => Purpose::Set(Record::Deliverable(d.id.to_string())),
            None => {
                fields.push(Field::new("id", "id", Kind::Text, ""));
                Purpose::NewDeliverable
            }
        };
        let blank = Deliverable::new("", crate::model::Platform::parse(""));
        let d = d.unwrap_or(&blank);
        let platform = if d.id.is_empty() {
            String::new()
        } else {
            d.platform.name().to_string()
        };
        let live = d
            .live
            .map(|l| if l { "yes" } else { "no" })
            .unwrap_or_default();
        fields.extend([
            Field::new("platform", "platform", Kind::Text, platform),
            Field::new("format", "format", Kind::Text, text(&d.format)),
            Field::new("script due", "script_due", Kind::Date, date(d.script_due)),
            Field::new("draft due", "draft_due", Kind::Date, date(d.draft_due)),
            Field::new("post by", "post_by", Kind::Date, date(d.post_by)),
            Field::new("posted", "posted", Kind::Date, date(d.posted)),
            Field::new("url", "url", Kind::Text, text(&d.url)),
            Field::new("checked live", "checked", Kind::Date, date(d.checked)),
            Field::new("still live", "live", Kind::YesNo, live),
        ]);
        let what = match &purpose {
            Purpose::Set(_) => format!("Deliverable {}", d.id),
            _ => "New deliverable".to_string(),
        };
        Form::new(title(&what, &t), vec![t], purpose, fields)
    }

    /// Marking a deliverable posted: the day (today unless said) and the address.
    pub fn posted(t: Target, id: &str, today: Date) -> Form {
        let d = t.entry.deliverable(id);
        let mut fields = vec![
            Field::new("posted", "posted", Kind::Date, ""),
            Field::new(
                "url",
                "url",
                Kind::Text,
                d.and_then(|d| d.url.clone()).unwrap_or_default(),
            ),
        ];
        fields[0].input.set(&today.to_string());
        Form::new(
            title(&format!("Posted {id}"), &t),
            vec![t],
            Purpose::Set(Record::Deliverable(id.to_string())),
            fields,
        )
    }

    /// A payment: a new one, or payment `n` (from 1) to change.
    pub fn payment(t: Target, existing: Option<(u32, &Payment)>) -> Form {
        let blank = payment(0);
        let (purpose, p) = match existing {
            Some((n, p)) => (Purpose::Set(Record::Payment(n)), p),
            None => (Purpose::AddPayment, &blank),
        };
        let fields = vec![
            Field::new(
                "kind",
                "kind",
                Kind::Choice(KINDS),
                p.kind.map(|k| k.name()).unwrap_or_default(),
            ),
            Field::new(
                "amount",
                "amount",
                Kind::Amount,
                if p.amount > 0 {
                    p.amount.to_string()
                } else {
                    String::new()
                },
            ),
            Field::new("due", "due", Kind::Date, date(p.due)),
            Field::new("paid", "paid", Kind::Date, date(p.paid)),
            Field::new("invoice", "invoice", Kind::Text, text(&p.invoice)),
        ];
        let what = match existing {
            Some((n, _)) => format!("Payment #{n}"),
            None => "New payment".into(),
        };
        Form::new(title(&what, &t), vec![t], purpose, fields)
    }

    /// A review round of deliverable `id`, the step its next review is likely to be.
    pub fn round(t: Target, id: &str) -> Form {
        let step = t.entry.deliverable(id).map_or(Step::Script, next_step);
        let mut fields = vec![
            Field::new("step", "step", Kind::Choice(STEPS), ""),
            Field::new("verdict", "verdict", Kind::Choice(VERDICTS), ""),
            Field::new("note", "note", Kind::Text, ""),
        ];
        fields[0].input.set(step.name());
        fields[1].input.set("approved");
        let mut form = Form::new(
            title(&format!("Review of {id}"), &t),
            vec![t],
            Purpose::Round(id.to_string()),
            fields,
        );
        form.at = 1;
        form
    }

    /// A results snapshot of deliverable `id`, dated today unless said.
    pub fn results(t: Target, id: &str, today: Date) -> Form {
        let mut fields = vec![Field::new("on", "on", Kind::Date, "")];
        fields[0].input.set(&today.to_string());
        for (key, label) in [
            ("views", "views"),
            ("likes", "likes"),
            ("comments", "comments"),
            ("shares", "shares"),
            ("saves", "saves"),
            ("clicks", "clicks"),
            ("code_uses", "code uses"),
            ("sales", "sales"),
        ] {
            fields.push(Field::new(label, key, Kind::Amount, ""));
        }
        fields.push(Field::new("source", "source", Kind::Choice(SOURCES), ""));
        let mut form = Form::new(
            title(&format!("Results of {id}"), &t),
            vec![t],
            Purpose::Results(id.to_string()),
            fields,
        );
        form.at = 1;
        form
    }

    /// The fee of `targets`; with `then`, the stage they move to once it is set.
    pub fn fee(targets: Vec<Target>, then: Option<Stage>) -> Form {
        let first = targets.first().and_then(|t| t.entry.fee);
        let who = match targets.as_slice() {
            [one] => format!("{} in {}", one.entry.creator, one.campaign),
            many => format!("{} creators", many.len()),
        };
        let title = match then {
            Some(stage) => format!("Fee agreed · {who} → {stage}"),
            None => format!("Fee · {who}"),
        };
        let fields = vec![Field::new("fee", "fee", Kind::Amount, amount(first))];
        Form::new(title, targets, Purpose::Fee(then, None), fields)
    }

    /// The same form, the stage change it ends in carrying `note`.
    pub fn with_note(mut self, note: Option<String>) -> Form {
        if let Purpose::Fee(_, was) = &mut self.purpose {
            *was = note;
        }
        self
    }
}

/// The step a deliverable's next review is: the first not approved yet.
fn next_step(d: &Deliverable) -> Step {
    Step::ALL
        .iter()
        .copied()
        .find(|s| !d.approved(*s))
        .unwrap_or(Step::Final)
}
