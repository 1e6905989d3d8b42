//! `ztmm scan`: run the assessment, write the outputs, print the summary, apply the gate.

use super::render::{write_outputs, Outputs};
use crate::assess::{assess, Progress, ScanOptions};
use crate::cli::ScanArgs;
use crate::config::{self, Config};
use crate::model::{Severity, Stage, Verdict};
use crate::report::{text, Report};
use crate::rules;
use crate::scan::Level;
use std::io::{IsTerminal, Write};

struct Bar(indicatif::ProgressBar);

impl Progress for Bar {
    fn start(&self, files: u64) {
        self.0.set_length(files);
    }
    fn advance(&self) {
        self.0.inc(1);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}

fn usage(msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    super::USAGE
}

pub fn run(args: &ScanArgs) -> u8 {
    for p in &args.paths {
        if !p.exists() {
            return usage(format!("path `{}` does not exist", p.display()));
        }
    }
    let fail_below = match args.fail_below.as_deref().map(|s| Stage::parse(s).ok_or(s)) {
        Some(Err(s)) => return usage(format!("--fail-below: `{s}` is not traditional, initial, advanced or optimal")),
        Some(Ok(s)) => Some(s),
        None => None,
    };
    let fail_on = match args.fail_on.as_deref().map(|s| Severity::parse(s).ok_or(s)) {
        Some(Err(s)) => return usage(format!("--fail-on: `{s}` is not info, low, medium, high or critical")),
        Some(Ok(s)) => Some(s),
        None => None,
    };
    if let Err(e) = super::render::check_formats(&args.format) {
        return usage(e);
    }
    if let Some(t) = &args.template {
        if !t.is_dir() {
            return usage(format!("--template: `{}` is not a directory", t.display()));
        }
    }
    let ruleset = match rules::load(&args.rules) {
        Ok(r) => r,
        Err(e) => return usage(e),
    };
    let config_path =
        args.config.clone().or_else(|| args.paths.first().map(|p| p.join("ztmm.yaml")).filter(|p| p.is_file()));
    let config = match &config_path {
        Some(p) => match config::load(p, &|id| ruleset.rule(id).is_some()) {
            Ok(c) => c,
            Err(e) => return usage(e),
        },
        None => Config::default(),
    };
    let opts = ScanOptions {
        roots: args.paths.clone(),
        config,
        jobs: args.jobs,
        redact: !args.no_redact,
        max_config_bytes: args.max_file_size,
        today: jiff::ZonedDateTime::now().date(),
    };
    let bar = if std::io::stderr().is_terminal() && !args.no_progress && !args.quiet {
        indicatif::ProgressBar::new(0).with_style(
            indicatif::ProgressStyle::with_template("{spinner} scanning {pos}/{len} files {wide_bar} {elapsed}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar()),
        )
    } else {
        indicatif::ProgressBar::hidden()
    };
    let report = match assess(&opts, &ruleset, &Bar(bar)) {
        Ok(r) => r,
        Err(e) => return usage(e),
    };
    for d in &report.diagnostics {
        let level = match d.level {
            Level::Error => "error",
            Level::Warning => "warning",
            Level::Info => "info",
        };
        let at = d.line.map_or_else(|| d.path.clone(), |l| format!("{}:{l}", d.path));
        eprintln!("{level}: {at}: {}", d.message);
    }
    let outputs = Outputs {
        dir: &args.output,
        formats: &args.format,
        template: args.template.as_deref(),
        no_redact: args.no_redact,
    };
    let written = match write_outputs(&report, &outputs) {
        Ok(w) => w,
        Err(e) => return usage(e),
    };
    if !args.quiet {
        let mut out = std::io::stdout().lock();
        let _ = write!(out, "{}", text::summary(&report));
        for w in &written {
            let _ = writeln!(out, "Report: {}", w.display());
        }
    }
    gate(&report, fail_below, fail_on, args.strict)
}

/// The exit code for a report under the gate settings.
pub fn gate(report: &Report, fail_below: Option<Stage>, fail_on: Option<Severity>, strict: bool) -> u8 {
    let mut failed = Vec::new();
    if let Some(min) = fail_below {
        match report.summary.overall_stage {
            Some(s) if s >= min => {}
            Some(s) => failed.push(format!("overall stage {} is below {}", s.label(), min.label())),
            None => {
                failed.push(format!("nothing could be assessed, so the overall stage cannot reach {}", min.label()))
            }
        }
    }
    if let Some(sev) = fail_on {
        let n = report.findings.iter().filter(|f| f.verdict == Verdict::Fail && f.severity >= sev).count();
        if n > 0 {
            failed.push(format!("{n} unwaived finding(s) at {} or above", sev.id()));
        }
    }
    if strict {
        let n = report.inventory.iter().filter(|e| e.status == crate::scan::FileStatus::Error).count();
        if n > 0 {
            failed.push(format!("{n} file(s) could not be read or parsed (--strict)"));
        }
    }
    for f in &failed {
        eprintln!("gate failed: {f}");
    }
    if failed.is_empty() {
        super::OK
    } else {
        super::GATE_FAILED
    }
}
