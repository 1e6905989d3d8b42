//! `ztmm rules list|explain|test` and `ztmm schema`/`init` helpers.

use crate::cli::RulesCommand;
use crate::kind::Kind;
use crate::model::{Pillar, Stage};
use crate::rules::{self, selftest};
use std::io::Write;
use std::path::PathBuf;

pub fn run(cmd: &RulesCommand) -> u8 {
    match cmd {
        RulesCommand::List { pillar, kind, stage, format, rules } => {
            list(pillar.as_deref(), kind.as_deref(), stage.as_deref(), format, rules)
        }
        RulesCommand::Explain { id, rules } => explain(id, rules),
        RulesCommand::Test { dir } => test(dir.clone()),
    }
}

fn usage(msg: impl std::fmt::Display) -> u8 {
    eprintln!("error: {msg}");
    super::USAGE
}

fn list(pillar: Option<&str>, kind: Option<&str>, stage: Option<&str>, format: &str, extra: &[PathBuf]) -> u8 {
    let set = match rules::load(extra) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let pillar = match pillar.map(|p| Pillar::parse(p).ok_or(p)) {
        Some(Err(p)) => return usage(format!("unknown pillar `{p}`")),
        Some(Ok(p)) => Some(p),
        None => None,
    };
    let kind = match kind.map(|k| Kind::parse(k).ok_or(k)) {
        Some(Err(k)) => return usage(format!("unknown input kind `{k}`")),
        Some(Ok(k)) => Some(k),
        None => None,
    };
    let stage = match stage.map(|s| Stage::parse(s).ok_or(s)) {
        Some(Err(s)) => return usage(format!("unknown stage `{s}`")),
        Some(Ok(s)) => Some(s),
        None => None,
    };
    let selected: Vec<_> = set
        .rules
        .iter()
        .filter(|r| {
            pillar.is_none_or(|p| r.pillar == p)
                && kind.is_none_or(|k| r.applies_to.contains(&k))
                && stage.is_none_or(|s| r.stage == s)
        })
        .collect();
    let mut out = std::io::stdout().lock();
    if format == "json" {
        let rows: Vec<serde_json::Value> = selected
            .iter()
            .map(|r| serde_json::json!({"id": r.id, "name": r.name, "title": r.title, "pillar": r.pillar, "function": r.function, "stage": r.stage, "kind": r.kind, "severity": r.severity, "applies_to": r.applies_to}))
            .collect();
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&rows).unwrap_or_default());
        return super::OK;
    }
    if format == "markdown" {
        let _ = write!(out, "{}", rules::docs::reference(&set));
        return super::OK;
    }
    if format != "text" {
        return usage(format!("--format: `{format}` is not text, json or markdown"));
    }
    for r in &selected {
        let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.id()).collect();
        let _ = writeln!(
            out,
            "{:<11} {:<9} {:<9} {:<8} {:<32} {:<18} {}",
            r.id,
            r.stage.id(),
            r.kind.id(),
            r.severity.id(),
            r.function,
            kinds.join(","),
            r.title
        );
    }
    let _ = writeln!(out, "{} rule(s)", selected.len());
    super::OK
}

fn explain(id: &str, extra: &[PathBuf]) -> u8 {
    let set = match rules::load(extra) {
        Ok(s) => s,
        Err(e) => return usage(e),
    };
    let Some(r) = set.rule(id) else {
        return usage(format!("no rule `{id}` (try `ztmm rules list`)"));
    };
    let func = set.catalog.function(&r.function);
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{} {} — {}\n", r.id, r.name, r.title);
    let _ = writeln!(out, "Pillar:    {}", r.pillar.name());
    let _ = writeln!(out, "Function:  {} ({})", r.function, func.map_or("", |f| f.name.as_str()));
    let _ = writeln!(out, "Stage:     {} {} · severity {}", r.stage.label(), r.kind.id(), r.severity.id());
    let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.id()).collect();
    let _ = writeln!(out, "Applies to: {}", kinds.join(", "));
    if let Some(f) = func {
        let _ = writeln!(out, "\nWhat {} means here: {}", r.stage.label(), f.stage_text(r.stage));
    }
    let _ = writeln!(
        out,
        "\nWhy it matters\n  {}\n\nRemediation\n  {}\n\nReferences",
        r.rationale.trim(),
        r.remediation.trim()
    );
    for re in &r.references {
        let _ = writeln!(out, "  - {re}");
    }
    let _ = writeln!(out, "\nDefinition ({})\n{}", r.source.file, r.text);
    super::OK
}

fn test(dir: Option<PathBuf>) -> u8 {
    let dir = dir.unwrap_or_else(|| PathBuf::from("rules"));
    if !dir.is_dir() {
        return usage(format!("`{}` is not a directory; give the rule pack to test", dir.display()));
    }
    let catalog = match rules::load::load_catalog("rules/functions.yaml", rules::load::builtin_catalog_text()) {
        Ok(c) => c,
        Err(e) => return usage(rules::LoadErrors(e)),
    };
    match selftest::run_pack(&dir, &catalog) {
        Err(e) => usage(e),
        Ok(report) => {
            for f in &report.failures {
                eprintln!("FAIL {f}");
            }
            let passed = report.cases.saturating_sub(report.failures.len());
            println!(
                "{} rules, {} fixtures: {} passed, {} failed",
                report.rules,
                report.cases,
                passed,
                report.failures.len()
            );
            if report.ok() {
                super::OK
            } else {
                super::GATE_FAILED
            }
        }
    }
}
