//! Invitations: templates with TOML front matter and a minijinja body, filled in for each
//! creator on a shortlist, built as email messages and written as drafts any mail client opens.

pub mod address;
pub mod export;
pub mod filters;
pub mod inbox;
pub mod message;
pub mod render;
pub mod template;
pub mod text;
pub mod thread;

pub use address::Mailbox;
pub use export::{Format, Prepared, prepare};
pub use render::{Invitee, Letter, Problem};
pub use template::{Template, parse_template};

/// Reads template `name` from `templates/<name>.txt` of the workspace. A name is a file name
/// in `templates/` and nothing else: no folders, no `..`, no link out of the workspace; the
/// file must be a regular file of at most [`crate::store::files::TEMPLATE_LIMIT`] bytes.
pub fn load_template(
    workspace: &crate::store::Workspace,
    name: &str,
) -> Result<Template, Vec<crate::store::Diagnostic>> {
    let dir = workspace.templates_dir();
    let path = dir.join(format!("{name}.txt"));
    let file = workspace.display_name(&path);
    let fail =
        |file: &str, message: String| vec![crate::store::Diagnostic::error(file, 0, 0, message)];
    if !is_plain_name(name) {
        return Err(fail(
            "templates/",
            format!(
                "no template \"{}\": a template is named by its file in templates/, without .txt (templates: {})",
                name.escape_debug(),
                template_names(workspace).join(", ")
            ),
        ));
    }
    if !path.exists() {
        let hint = template_hint(name, &template_names(workspace));
        return Err(fail(&file, format!("no template \"{name}\"{hint}")));
    }
    if !crate::store::files::inside(workspace.root(), &path).unwrap_or(false) {
        return Err(fail(
            &file,
            "it is a link to a file outside the workspace; templates are read only from the workspace".into(),
        ));
    }
    let bytes = match crate::store::files::read_bounded(&path, crate::store::files::TEMPLATE_LIMIT)
    {
        Ok(b) => b,
        Err(e) => return Err(fail(&file, format!("cannot read the template: {e}"))),
    };
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(_) => return Err(fail(&file, "not UTF-8 text".into())),
    };
    parse_template(name, &file, &text)
}

/// Every problem of template `name` that can be found without a campaign: its own (front
/// matter, syntax, variables) and those of the files it attaches.
pub fn template_problems(
    workspace: &crate::store::Workspace,
    name: &str,
) -> Vec<crate::store::Diagnostic> {
    match load_template(workspace, name) {
        Err(problems) => problems,
        Ok(template) => template
            .attachments
            .iter()
            .filter_map(|(path, line)| {
                let message = read_attachment(workspace.root(), path).err()?;
                Some(crate::store::Diagnostic::error(
                    &template.file,
                    *line,
                    1,
                    message,
                ))
            })
            .collect(),
    }
}

/// True for a name that is only a file name: no separators, no `..`, not hidden, not empty.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && !name.chars().any(char::is_control)
}

/// The attachment at `path` (as a template names it, relative to the workspace `root`): read
/// only from inside the workspace, only a regular file, at most
/// [`crate::store::files::ATTACHMENT_LIMIT`] bytes.
pub fn read_attachment(root: &std::path::Path, path: &str) -> Result<Vec<u8>, String> {
    let relative = std::path::Path::new(path);
    if relative.is_absolute()
        || relative
            .components()
            .any(|c| matches!(c, std::path::Component::ParentDir))
    {
        return Err(format!(
            "attachment {} is outside the workspace: name a file in the workspace, like files/brief.pdf",
            path.escape_debug()
        ));
    }
    let full = root.join(relative);
    if !full.exists() {
        return Err(format!(
            "cannot read the attachment {}: there is no such file",
            path.escape_debug()
        ));
    }
    if !crate::store::files::inside(root, &full).unwrap_or(false) {
        return Err(format!(
            "attachment {} is a link to a file outside the workspace; attachments are read only from the workspace",
            path.escape_debug()
        ));
    }
    crate::store::files::read_bounded(&full, crate::store::files::ATTACHMENT_LIMIT)
        .map_err(|e| format!("cannot read the attachment {}: {e}", path.escape_debug()))
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
    at: &export::At<'_>,
) -> Prepared {
    match load_template(workspace, name) {
        Ok(template) => prepare(
            workspace.root(),
            campaign_file,
            &template,
            campaign,
            invitees,
            at,
        ),
        Err(diagnostics) => Prepared {
            letters: Vec::new(),
            messages: Vec::new(),
            problems: diagnostics.into_iter().map(Problem::from).collect(),
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
        .filter(|p| p.extension().is_some_and(|e| e == "txt") && !p.is_dir())
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    names
}
