//! The export preview's text: a summary of what will be written and where, every problem, then
//! one creator's invitation (headers and body) at a time.

use ratatui::text::{Line, Span};

use super::ExportView;
use crate::display::escape;
use crate::tui::app::App;
use crate::tui::wrap::wrap;

fn plural(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The preview's lines, wrapped to `width` columns.
pub fn lines(app: &App, view: &ExportView, width: usize) -> Vec<Line<'static>> {
    let theme = &app.theme;
    let mut out: Vec<Line<'static>> = Vec::new();
    let Some(preview) = &view.preview else {
        out.push(Line::styled(
            format!(
                "rendering {} for {}…",
                plural(view.entries.len(), "invitation", "invitations"),
                view.campaign
            ),
            theme.muted,
        ));
        return out;
    };
    let prepared = &preview.prepared;
    let errors = prepared.problems.iter().filter(|p| p.fatal).count();
    let skipped: usize = prepared
        .problems
        .iter()
        .filter(|p| !p.fatal)
        .map(|p| p.creators.len().max(1))
        .sum();
    let format = app.export_format.name();
    let summary = if errors > 0 {
        Line::styled(
            format!(
                "cannot export: {} to fix first; nothing will be written",
                plural(errors, "error", "errors")
            ),
            theme.error,
        )
    } else if prepared.letters.is_empty() {
        Line::styled("no invitation can be written", theme.error)
    } else {
        let mut spans = vec![Span::styled(
            format!(
                "{} to write to {}/ as {format}",
                plural(prepared.letters.len(), "invitation", "invitations"),
                escape(&preview.dir)
            ),
            theme.ok,
        )];
        if skipped > 0 {
            spans.push(Span::styled(
                format!(" · {} skipped", plural(skipped, "creator", "creators")),
                theme.warning,
            ));
        }
        Line::from(spans)
    };
    out.push(summary);
    // What the write takes away, said before it happens.
    let format_now = app.export_format;
    if let Some((_, files)) = preview.replaces.iter().find(|(f, _)| *f == format_now) {
        let text = match (format_now, files.as_slice()) {
            (crate::mail::Format::Mbox, [one]) => format!(
                "replaces {}: the messages of the earlier export in it are not kept (f for another format)",
                escape(one)
            ),
            (_, [one]) => format!("replaces {} from an earlier export", escape(one)),
            (_, many) => format!(
                "replaces {} files of an earlier export ({}…)",
                many.len(),
                escape(&many[0])
            ),
        };
        out.push(Line::styled(text, theme.warning));
    }
    if !preview.again.is_empty() {
        out.push(Line::styled(
            format!(
                "already written to, invited again by this: {}",
                escape(&preview.again.join(", "))
            ),
            theme.warning,
        ));
    }
    if let Some(note) = &preview.note {
        out.push(Line::styled(escape(note).into_owned(), theme.warning));
    }
    for problem in &prepared.problems {
        let style = if problem.fatal {
            theme.error
        } else {
            theme.warning
        };
        out.push(Line::styled(
            format!("• {}", escape(&problem.to_string())),
            style,
        ));
    }
    if let Some(letter) = prepared.letters.get(view.cursor) {
        let count = prepared.letters.len();
        let label = format!(" {} of {count} ", view.cursor + 1);
        let rule = width.saturating_sub(label.len() + 2);
        out.push(Line::from(vec![
            Span::styled("──", theme.border),
            Span::styled(label, theme.title),
            Span::styled("─".repeat(rule), theme.border),
        ]));
        let header = |name: &str, value: String| {
            Line::from(vec![
                Span::styled(format!("{name:<9}"), theme.header),
                Span::styled(value, theme.text),
            ])
        };
        let to = if letter.to_name.is_empty() {
            escape(&letter.to_email).into_owned()
        } else {
            format!("{} <{}>", escape(&letter.to_name), escape(&letter.to_email))
        };
        out.push(header("To:", to));
        if !letter.cc.is_empty() {
            out.push(header("Cc:", escape(&mailboxes(&letter.cc)).into_owned()));
        }
        if !letter.bcc.is_empty() {
            out.push(header("Bcc:", escape(&mailboxes(&letter.bcc)).into_owned()));
        }
        if let Some(reply_to) = &letter.reply_to {
            out.push(header(
                "Reply-To:",
                escape(&reply_to.to_string()).into_owned(),
            ));
        }
        out.push(header("Subject:", escape(&letter.subject).into_owned()));
        out.push(Line::raw(""));
        // Problems and headers hang under their first word; the body is shown as it will
        // read, without indents of its own.
        let mut wrapped: Vec<Line<'static>> = out.iter().flat_map(|l| wrap(l, width, 2)).collect();
        for line in letter.body.trim_end_matches('\n').split('\n') {
            let line = Line::styled(escape(line).into_owned(), theme.text);
            wrapped.extend(wrap(&line, width, 0));
        }
        return wrapped;
    }
    out.iter().flat_map(|l| wrap(l, width, 2)).collect()
}

fn mailboxes(list: &[crate::mail::Mailbox]) -> String {
    list.iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}
