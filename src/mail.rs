//! Invitations: templates with TOML front matter and a minijinja body, filled in for each
//! creator on a shortlist, built as email messages and written as drafts any mail client opens.

pub mod export;
pub mod filters;
pub mod message;
pub mod render;
pub mod template;

pub use export::{Format, Prepared, prepare};
pub use render::{Invitee, Letter, Problem};
pub use template::{Template, parse_template};

/// Reads template `name` from `templates/<name>.txt` of the workspace.
pub fn load_template(
    workspace: &crate::store::Workspace,
    name: &str,
) -> Result<Template, Vec<crate::store::Diagnostic>> {
    let path = workspace.templates_dir().join(format!("{name}.txt"));
    let file = workspace.display_name(&path);
    let fail = |message: String| {
        vec![crate::store::Diagnostic {
            severity: crate::store::Severity::Error,
            file: file.clone(),
            line: 0,
            column: 0,
            message,
            subject: None,
        }]
    };
    let bytes = match std::fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            let hint = template_hint(name, &template_names(workspace));
            return Err(fail(format!("no template \"{name}\"{hint}")));
        }
        Err(e) => return Err(fail(e.to_string())),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => return Err(fail("not UTF-8 text".into())),
    };
    parse_template(name, &file, &text)
}

/// Renders and checks the invitations of `invitees` from the workspace's template `name`, as
/// [`prepare`] does; a template that cannot be read or has errors comes back as problems that
/// stop the export.
pub fn prepare_named(
    workspace: &crate::store::Workspace,
    campaign_file: &str,
    name: &str,
    campaign: &crate::model::Campaign,
    invitees: &[Invitee<'_>],
    now: &jiff::Zoned,
    currency: &str,
) -> Prepared {
    match load_template(workspace, name) {
        Ok(template) => prepare(
            workspace.root(),
            campaign_file,
            &template,
            campaign,
            invitees,
            now,
            currency,
        ),
        Err(diagnostics) => Prepared {
            letters: Vec::new(),
            messages: Vec::new(),
            problems: diagnostics
                .into_iter()
                .map(|d| Problem {
                    fatal: true,
                    place: Some(if d.line == 0 {
                        d.file
                    } else {
                        format!("{}:{}:{}", d.file, d.line, d.column)
                    }),
                    message: d.message,
                    creators: Vec::new(),
                })
                .collect(),
        },
    }
}

/// What to say after "no template NAME": the nearest of `names`, or what there is.
pub fn template_hint(name: &str, names: &[String]) -> String {
    match crate::suggest::nearest(name, names.iter().map(String::as_str)) {
        Some(n) => format!(" (did you mean \"{n}\"?)"),
        None if names.is_empty() => " (templates/ has no .txt templates)".into(),
        None => format!(" (templates: {})", names.join(", ")),
    }
}

/// The names of the workspace's templates, sorted.
pub fn template_names(workspace: &crate::store::Workspace) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(workspace.templates_dir())
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}
