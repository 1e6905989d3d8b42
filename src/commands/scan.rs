//! `ztmm scan`: run the assessment, write the outputs, print the summary, apply the gate.

use super::render::{write_outputs, Outputs};
use crate::assess::{assess, Progress, ScanOptions};
use crate::cli::ScanArgs;
use crate::config::{self, Config};
use crate::gate::Gate;
use crate::model::{Pillar, Severity, Stage};
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
    let mut gate_settings = Gate { strict: args.strict, min_coverage: args.fail_on_low_coverage, ..Gate::default() };
    for spec in &args.fail_below {
        match parse_fail_below(spec) {
            Ok((None, s)) => gate_settings.overall = Some(s),
            Ok((Some(p), s)) => gate_settings.pillars.push((p, s)),
            Err(e) => return usage(format!("--fail-below: {e}")),
        }
    }
    let baseline = match &args.baseline {
        Some(path) => match crate::report::json::read(path) {
            Ok(r) => Some(r),
            Err(e) => return usage(format!("--baseline: {e}")),
        },
        None => None,
    };
    if args.fail_on_regression {
        gate_settings.baseline = baseline.clone().map(Box::new);
    }
    if let Some(pct) = args.fail_on_low_coverage {
        if !(0.0..=100.0).contains(&pct) {
            return usage("--fail-on-low-coverage: a percentage between 0 and 100");
        }
    }
    let fail_on = match args.fail_on.as_deref().map(|s| Severity::parse(s).ok_or(s)) {
        Some(Err(s)) => return usage(format!("--fail-on: `{s}` is not info, low, medium, high or critical")),
        Some(Ok(s)) => Some(s),
        None => None,
    };
    gate_settings.fail_on = fail_on;
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
    let mut config = match &config_path {
        Some(p) => match config::load(p, &ruleset) {
            Ok(c) => c,
            Err(e) => return usage(e),
        },
        None => Config::default(),
    };
    config.gate.tighten(args.max_waiver_days, args.no_inline_waivers, args.accept_attestations);
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
        baseline: baseline.as_ref(),
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
    gate(&report, &gate_settings)
}

/// `advanced` or `identity=advanced`.
fn parse_fail_below(spec: &str) -> Result<(Option<Pillar>, Stage), String> {
    let stage_of =
        |s: &str| Stage::parse(s).ok_or_else(|| format!("`{s}` is not traditional, initial, advanced or optimal"));
    match spec.split_once('=') {
        None => Ok((None, stage_of(spec)?)),
        Some((p, s)) => {
            let pillar = Pillar::parse(p.trim()).ok_or_else(|| format!("`{p}` is not a pillar or capability id"))?;
            Ok((Some(pillar), stage_of(s.trim())?))
        }
    }
}

/// The exit code for a report under the gate settings; every reason is printed.
pub fn gate(report: &Report, g: &Gate) -> u8 {
    let failed = crate::gate::failures(report, g);
    for f in &failed {
        eprintln!("gate failed: {f}");
    }
    if failed.is_empty() {
        super::OK
    } else {
        super::GATE_FAILED
    }
}
