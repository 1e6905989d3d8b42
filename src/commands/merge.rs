//! `ztmm merge A.json B.json … -o DIR`: read each scan's report.json, name its scope, merge them
//! (`crate::merge`) and write the same outputs a scan writes. Every input problem is a usage error
//! (exit 2) that names the file; nothing is written until every input has been read.

use super::render::{check_formats, write_outputs, Outputs};
use crate::cli::MergeArgs;
use crate::merge::{self, names, Input, Options};
use crate::report::{json, scopes, text};
use crate::scan::Level;
use std::io::Write;
use std::path::{Path, PathBuf};

fn usage(msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    super::USAGE
}

/// The report.json an argument names: the file itself, or the one inside a directory.
fn report_file(arg: &Path) -> Result<PathBuf, String> {
    if arg.is_dir() {
        let file = arg.join("report.json");
        if file.is_file() {
            Ok(file)
        } else {
            Err(format!("{}: a directory without a report.json", arg.display()))
        }
    } else if arg.exists() {
        Ok(arg.to_path_buf())
    } else {
        Err(format!("{}: no such file", arg.display()))
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// `--name FILE=NAME` → (index of the input, name).
fn name_override(spec: &str, args: &[PathBuf], files: &[PathBuf]) -> Result<(usize, String), String> {
    let (file, name) = spec
        .rsplit_once('=')
        .ok_or_else(|| format!("--name `{spec}`: expected FILE=NAME, e.g. out/pay/report.json=payments"))?;
    names::validate(name).map_err(|e| format!("--name {e}"))?;
    let file = Path::new(file);
    args.iter()
        .zip(files)
        .position(|(arg, f)| arg == file || same_file(arg, file) || same_file(f, file))
        .map(|i| (i, name.to_string()))
        .ok_or_else(|| format!("--name `{spec}`: {} is not one of the reports to merge", file.display()))
}

pub fn run(args: &MergeArgs) -> u8 {
    if args.reports.is_empty() {
        return usage(
            "nothing to merge: give each scan's report.json (`ztmm merge a/report.json b/report.json -o DIR`)",
        );
    }
    if let Err(e) = check_formats(&args.format) {
        return usage(e);
    }
    if args.format.iter().any(|f| f == "sarif") {
        return usage("--format: sarif is for one repository's code scanning; upload each scan's own report.sarif");
    }
    if let Some(t) = &args.template {
        if !t.is_dir() {
            return usage(format!("--template: `{}` is not a directory", t.display()));
        }
    }
    let mut files = Vec::with_capacity(args.reports.len());
    for arg in &args.reports {
        match report_file(arg) {
            Ok(f) => files.push(f),
            Err(e) => return usage(e),
        }
    }
    for (i, f) in files.iter().enumerate() {
        if let Some(g) = files.iter().skip(i + 1).find(|g| same_file(f, g)) {
            return usage(format!("{} and {} are the same report: give each scan once", f.display(), g.display()));
        }
    }
    let mut chosen: Vec<Option<String>> = vec![None; files.len()];
    for spec in &args.names {
        match name_override(spec, &args.reports, &files) {
            Ok((i, name)) => match chosen.get_mut(i) {
                Some(Some(earlier)) => {
                    return usage(format!("--name `{spec}`: that report is already named `{earlier}`"));
                }
                Some(slot) => *slot = Some(name),
                None => {}
            },
            Err(e) => return usage(e),
        }
    }
    let mut inputs = Vec::with_capacity(files.len());
    for (file, name) in files.iter().zip(chosen) {
        let report = match json::read(file) {
            Ok(r) => r,
            Err(e) => return usage(e),
        };
        let name = name.unwrap_or_else(|| names::derive(&report, file));
        inputs.push(Input { name, source: file.display().to_string(), report });
    }
    let opts = Options { title: args.title.clone(), client: args.client.clone() };
    let merged = match merge::merge(inputs, &opts) {
        Ok(m) => m,
        Err(e) => return usage(e),
    };
    for d in &merged.notes {
        let level = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        eprintln!("{level}: {}: {}", d.path, d.message);
    }
    let outputs = Outputs {
        dir: &args.output,
        formats: &args.format,
        template: args.template.as_deref(),
        no_redact: false,
        baseline: None,
    };
    let written = match write_outputs(&merged.report, &outputs) {
        Ok(w) => w,
        Err(e) => return usage(e),
    };
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{}{}", text::summary(&merged.report), scopes::text(&merged.report));
        for w in &written {
            let _ = writeln!(out, "Report: {}", w.display());
        }
    }
    super::OK
}
