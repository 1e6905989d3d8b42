//! `ztmm render`: re-render a report.json without rescanning, and the output writer `scan` shares.
//! Every format comes from the same `Report` value; secrets are redacted in all of them unless
//! `--no-redact` is given.

use crate::cli::RenderArgs;
use crate::report::html::{self, HtmlOptions};
use crate::report::{json, Report};
use std::path::{Path, PathBuf};

/// Formats `scan` and `render` can write.
pub const FORMATS: &[&str] = &["html", "json", "markdown", "junit", "sarif"];

/// Reject unknown formats before any work is done.
pub fn check_formats(formats: &[String]) -> Result<(), String> {
    for f in formats {
        if !FORMATS.contains(&f.as_str()) {
            return Err(format!("--format: `{f}` is not supported (supported: {})", FORMATS.join(", ")));
        }
    }
    if formats.is_empty() {
        return Err("--format: give at least one format".into());
    }
    Ok(())
}

/// What to write and where.
pub struct Outputs<'a> {
    pub dir: &'a Path,
    pub formats: &'a [String],
    pub template: Option<&'a Path>,
    pub no_redact: bool,
    /// For the Markdown summary's change column.
    pub baseline: Option<&'a Report>,
}

/// Write each requested format into `out.dir`; returns the files written.
pub fn write_outputs(report: &Report, out: &Outputs<'_>) -> Result<Vec<PathBuf>, String> {
    let wants = |f: &str| out.formats.iter().any(|x| x == f);
    // Render before touching the file system, so a template error leaves nothing half-written.
    let html = if wants("html") {
        let opts = HtmlOptions {
            template_dir: out.template.map(Path::to_path_buf),
            no_redact: out.no_redact,
            ..HtmlOptions::default()
        };
        Some(html::render(report, &opts).map_err(|e| e.to_string())?)
    } else {
        None
    };
    std::fs::create_dir_all(out.dir).map_err(|e| format!("cannot create {}: {e}", out.dir.display()))?;
    let mut written = Vec::new();
    // Every machine format comes from the same redacted value unless redaction was opted out.
    let clean;
    let source = if out.no_redact || report.assessment.redacted {
        report
    } else {
        let mut c = report.clone();
        c.redact_secrets(false);
        clean = c;
        &clean
    };
    let mut write = |name: &str, body: String| -> Result<(), String> {
        let path = out.dir.join(name);
        std::fs::write(&path, body).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
        Ok(())
    };
    if wants("json") {
        write("report.json", json::to_string(source).map_err(|e| e.to_string())?)?;
    }
    if wants("markdown") {
        write("report.md", crate::report::markdown::render(source, out.baseline))?;
    }
    if wants("sarif") {
        let sarif = crate::report::sarif::render(source);
        write("report.sarif", serde_json::to_string_pretty(&sarif).map_err(|e| e.to_string())? + "\n")?;
    }
    if wants("junit") {
        write("junit.xml", crate::report::junit::render(source))?;
    }
    if let Some(html) = html {
        let path = out.dir.join("report.html");
        std::fs::write(&path, html).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

pub fn run(args: &RenderArgs) -> u8 {
    let fail = |msg: String| {
        eprintln!("error: {msg}");
        super::USAGE
    };
    if let Err(e) = check_formats(&args.format) {
        return fail(e);
    }
    if let Some(t) = &args.template {
        if !t.is_dir() {
            return fail(format!("--template: `{}` is not a directory", t.display()));
        }
    }
    let report = match json::read(&args.report) {
        Ok(r) => r,
        Err(e) => return fail(e),
    };
    let dir = args.output.clone().unwrap_or_else(|| {
        args.report.parent().filter(|p| !p.as_os_str().is_empty()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    });
    let out = Outputs {
        dir: &dir,
        formats: &args.format,
        template: args.template.as_deref(),
        no_redact: args.no_redact,
        baseline: None,
    };
    match write_outputs(&report, &out) {
        Ok(files) => {
            for f in files {
                eprintln!("wrote {}", f.display());
            }
            super::OK
        }
        Err(e) => fail(e),
    }
}
