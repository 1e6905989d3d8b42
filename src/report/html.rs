//! The self-contained HTML report: the view model rendered through minijinja templates that are
//! compiled into the binary. One loader serves them: a user's `--template DIR` first, file by file,
//! then the built-ins, which stay reachable as `builtin/<name>` so a custom `report.html` can
//! `{% extends "builtin/report.html" %}` and change a single block. Autoescape is on for
//! everything but `.css`, undefined variables are errors, loader names cannot leave the template
//! directory, and `trim_blocks`/`lstrip_blocks` are on (a block tag's line leaves no blank line).

use super::view::{self, Limits};
use super::Report;
use minijinja::syntax::SyntaxConfig;
use minijinja::{context, AutoEscape, Environment, UndefinedBehavior};
use std::path::{Path, PathBuf};

/// The built-in templates, by loader name.
pub const BUILTINS: &[(&str, &str)] = &[
    ("report.html", include_str!("../../templates/report.html")),
    ("report.css", include_str!("../../templates/report.css")),
    ("partials/macros.html", include_str!("../../templates/partials/macros.html")),
    ("partials/chart.html", include_str!("../../templates/partials/chart.html")),
    ("partials/finding.html", include_str!("../../templates/partials/finding.html")),
];

/// Instructions one render may execute: generous for the largest capped report, finite for a
/// template that loops forever.
const FUEL: u64 = 200_000_000;

#[derive(Debug, Clone, Default)]
pub struct HtmlOptions {
    /// A directory whose files override the built-in templates of the same name.
    pub template_dir: Option<PathBuf>,
    /// Keep secrets in scanned strings (mirrors `--no-redact`); off by default.
    pub no_redact: bool,
    pub limits: Limits,
}

#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    #[error("template directory {}: {reason}", .dir.display())]
    TemplateDir { dir: PathBuf, reason: String },
    // The short form names the template, line and problem; the alternate form would dump the whole
    // view model on stderr.
    #[error("template error: {0}")]
    Template(#[from] minijinja::Error),
}

fn builtin(name: &str) -> Option<&'static str> {
    BUILTINS.iter().find(|(n, _)| *n == name).map(|(_, t)| *t)
}

/// A loader name is relative, `/`-separated and never climbs out (`..`) of its directory.
fn safe_name(name: &str) -> bool {
    !name.is_empty()
        && !name.starts_with('/')
        && !name.contains('\\')
        && !name.contains(':')
        && name.split('/').all(|seg| !seg.is_empty() && seg != "." && seg != "..")
}

fn load_user(dir: &Path, name: &str) -> Result<Option<String>, minijinja::Error> {
    let path = dir.join(name);
    if !path.is_file() {
        return Ok(None);
    }
    let err = |e: std::io::Error| {
        minijinja::Error::new(minijinja::ErrorKind::InvalidOperation, format!("{}: {e}", path.display()))
    };
    // A symlink may not lead out of the template directory.
    let real = path.canonicalize().map_err(err)?;
    let root = dir.canonicalize().map_err(err)?;
    if !real.starts_with(&root) {
        return Err(minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("{}: resolves outside the template directory", path.display()),
        ));
    }
    std::fs::read_to_string(&real).map(Some).map_err(err)
}

/// The template environment: user directory first, built-ins as fallback and as `builtin/…`.
pub fn environment(template_dir: Option<&Path>) -> Result<Environment<'static>, HtmlError> {
    let dir = match template_dir {
        Some(d) if !d.is_dir() => {
            let reason = if d.exists() { "not a directory" } else { "does not exist" };
            return Err(HtmlError::TemplateDir { dir: d.to_path_buf(), reason: reason.into() });
        }
        Some(d) => Some(d.to_path_buf()),
        None => None,
    };
    let mut env = Environment::new();
    // Block tags on their own lines leave no blank lines behind (Jinja's trim/lstrip blocks).
    let syntax = SyntaxConfig::builder().trim_blocks(true).lstrip_blocks(true).build()?;
    env.set_syntax(syntax);
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_auto_escape_callback(|name| {
        let base = name.trim_end_matches(".j2").trim_end_matches(".jinja");
        if base.ends_with(".css") {
            AutoEscape::None
        } else {
            AutoEscape::Html
        }
    });
    env.set_fuel(Some(FUEL));
    env.set_loader(move |name| {
        if !safe_name(name) {
            return Ok(None);
        }
        if let Some(rest) = name.strip_prefix("builtin/") {
            return Ok(builtin(rest).map(str::to_string));
        }
        if let Some(dir) = &dir {
            if let Some(text) = load_user(dir, name)? {
                return Ok(Some(text));
            }
        }
        Ok(builtin(name).map(str::to_string))
    });
    Ok(env)
}

/// Render `report` as one self-contained HTML document.
pub fn render(report: &Report, opts: &HtmlOptions) -> Result<String, HtmlError> {
    let env = environment(opts.template_dir.as_deref())?;
    // A report redacted at scan time is not redacted again: its messages were redacted value by
    // value, and a second, context-blind pass would mask the rule author's own words.
    let view = view::build(report, &opts.limits, !opts.no_redact && !report.assessment.redacted);
    let template = env.get_template("report.html")?;
    let mut html = template.render(context! { view => minijinja::Value::from(minijinja::value::Serde(&view)) })?;
    if !html.ends_with('\n') {
        html.push('\n');
    }
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::safe_name;

    #[test]
    fn loader_names_stay_inside() {
        assert!(safe_name("report.html"));
        assert!(safe_name("partials/finding.html"));
        for bad in ["", "/etc/passwd", "../x.html", "a/../../x", "a//b", "./x", "c:\\x", "a\\b"] {
            assert!(!safe_name(bad), "{bad}");
        }
    }
}
