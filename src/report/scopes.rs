//! The per-scope breakdown of a merged report (`ztmm merge`): each scan's own stages as it
//! reported them, beside the combined view that was rescored from all of them. This file holds the
//! report.json part (`scopes[]`) and what the HTML, Markdown and terminal summaries show of it: a
//! table of scopes × pillars and, for each pillar, the scope holding its weakest link.

use super::markdown::escape;
use super::view::stage_label;
use super::Report;
use crate::model::{Pillar, Stage};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// One scan merged into the report, as that scan scored itself.
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Scope {
    /// Unique within the report; prefixes every path, root and fingerprint of the scope
    /// (`payments:terraform/iam.tf`).
    pub name: String,
    /// The report.json it was read from, as given to `ztmm merge`.
    pub source: String,
    pub title: Option<String>,
    pub client: Option<String>,
    pub roots: Vec<String>,
    pub overall_stage: Option<Stage>,
    pub overall_potential: Option<Stage>,
    pub maturity_index: f64,
    /// Stage of each pillar and cross-cutting capability in this scope (null: not assessed).
    pub pillars: BTreeMap<Pillar, Option<Stage>>,
    /// Functions assessed / functions in the catalog.
    pub coverage: f64,
    pub files: u64,
    /// Unwaived failing findings.
    pub findings: u64,
    pub rules_digest: String,
    /// When the scan started (RFC 3339).
    pub started_at: String,
}

/// The Scopes section of the HTML report; empty `rows` for a single scan.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ScopesView {
    pub pillars: Vec<PillarColumn>,
    pub rows: Vec<ScopeRow>,
    /// The merged estate, rescored from every scope's rule verdicts.
    pub combined: Option<ScopeRow>,
    /// The scopes were scanned with different rule packs.
    pub mixed_rules: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct PillarColumn {
    pub id: String,
    pub name: String,
    /// The lowest stage any scope shows for the pillar, and the scopes showing it.
    pub weakest_stage: Option<String>,
    pub weakest: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeRow {
    pub name: String,
    pub source: String,
    pub overall_id: String,
    pub overall: String,
    pub maturity_index: String,
    pub files: u64,
    pub findings: u64,
    pub cells: Vec<ScopeCell>,
}

#[derive(Debug, Clone, Serialize)]
pub struct ScopeCell {
    pub stage_id: String,
    pub stage: String,
    /// This scope holds the pillar's weakest link.
    pub weakest: bool,
}

fn stage_id(s: Option<Stage>) -> String {
    s.map_or_else(|| "not_assessed".to_string(), |s| s.id().to_string())
}

fn cell(stage: Option<Stage>, weakest: bool) -> ScopeCell {
    ScopeCell { stage_id: stage_id(stage), stage: stage_label(stage), weakest }
}

fn stage_in(scope: &Scope, pillar: Pillar) -> Option<Stage> {
    scope.pillars.get(&pillar).copied().flatten()
}

/// For each pillar of the report (in report order): the lowest stage among the scopes that
/// assessed it, and the scopes at that stage. Scopes that did not assess a pillar hold no link.
pub fn weakest_links(report: &Report) -> Vec<(Pillar, Option<Stage>, Vec<&str>)> {
    report
        .pillars
        .iter()
        .map(|p| {
            let lowest = report.scopes.iter().filter_map(|s| stage_in(s, p.id)).min();
            let holders = report
                .scopes
                .iter()
                .filter(|s| lowest.is_some() && stage_in(s, p.id) == lowest)
                .map(|s| s.name.as_str())
                .collect();
            (p.id, lowest, holders)
        })
        .collect()
}

/// Build the Scopes section of the HTML view.
pub fn view(report: &Report) -> ScopesView {
    if report.scopes.is_empty() {
        return ScopesView::default();
    }
    let links = weakest_links(report);
    let pillars = report
        .pillars
        .iter()
        .zip(&links)
        .map(|(p, (_, lowest, holders))| PillarColumn {
            id: p.id.id().to_string(),
            name: p.name.clone(),
            weakest_stage: lowest.map(|s| s.label().to_string()),
            weakest: holders.iter().map(|h| (*h).to_string()).collect(),
        })
        .collect();
    let rows = report
        .scopes
        .iter()
        .map(|s| ScopeRow {
            name: s.name.clone(),
            source: s.source.clone(),
            overall_id: stage_id(s.overall_stage),
            overall: stage_label(s.overall_stage),
            maturity_index: format!("{:.1}", s.maturity_index),
            files: s.files,
            findings: s.findings,
            cells: links
                .iter()
                .map(|(p, _, holders)| cell(stage_in(s, *p), holders.contains(&s.name.as_str())))
                .collect(),
        })
        .collect();
    let combined = ScopeRow {
        name: "Combined".to_string(),
        source: String::new(),
        overall_id: stage_id(report.summary.overall_stage),
        overall: stage_label(report.summary.overall_stage),
        maturity_index: format!("{:.1}", report.summary.maturity_index),
        files: report.summary.files,
        findings: report.summary.counts.by_severity.values().sum(),
        cells: report.pillars.iter().map(|p| cell(p.stage, false)).collect(),
    };
    let first = report.scopes.first().map(|s| s.rules_digest.as_str());
    ScopesView {
        pillars,
        rows,
        combined: Some(combined),
        mixed_rules: report.scopes.iter().any(|s| Some(s.rules_digest.as_str()) != first),
    }
}

fn label(s: Option<Stage>) -> &'static str {
    s.map_or("—", Stage::label)
}

/// The Scopes section of the Markdown summary; empty for a single scan.
pub fn markdown(report: &Report) -> String {
    if report.scopes.is_empty() {
        return String::new();
    }
    let mut out = String::from("\n### Scopes\n\n| Scope | Overall | Index |");
    for p in &report.pillars {
        let _ = write!(out, " {} |", escape(&p.name));
    }
    out.push_str(" Files | Failing |\n|---|---|---|");
    out.push_str(&"---|".repeat(report.pillars.len()));
    out.push_str("---|---|\n");
    for s in &report.scopes {
        let _ = write!(out, "| {} | {} | {:.1} |", escape(&s.name), label(s.overall_stage), s.maturity_index);
        for p in &report.pillars {
            let _ = write!(out, " {} |", label(stage_in(s, p.id)));
        }
        let _ = writeln!(out, " {} | {} |", s.files, s.findings);
    }
    let _ = write!(
        out,
        "| **Combined** | **{}** | {:.1} |",
        label(report.summary.overall_stage),
        report.summary.maturity_index
    );
    for p in &report.pillars {
        let _ = write!(out, " {} |", label(p.stage));
    }
    let failing: u64 = report.summary.counts.by_severity.values().sum();
    let _ = writeln!(out, " {} | {failing} |", report.summary.files);
    let weakest: Vec<String> = weakest_links(report)
        .into_iter()
        .zip(&report.pillars)
        .filter_map(|((_, lowest, holders), p)| {
            let names: Vec<String> = holders.iter().map(|h| escape(h)).collect();
            lowest.map(|s| format!("{} {} ({})", escape(&p.name), s.label(), names.join(", ")))
        })
        .collect();
    if !weakest.is_empty() {
        let _ = writeln!(out, "\nWeakest link per pillar: {}.", weakest.join(" · "));
    }
    out
}

/// The per-scope lines of the terminal summary after `ztmm merge`.
pub fn text(report: &Report) -> String {
    let mut out = String::new();
    if report.scopes.is_empty() {
        return out;
    }
    let width = report.scopes.iter().map(|s| s.name.chars().count()).max().unwrap_or(0).max(8);
    let _ = writeln!(out, "\n{:<width$}  {:<14} {:>7} {:>7} {:>8}", "Scope", "Overall", "Index", "Files", "Failing");
    for s in &report.scopes {
        let _ = writeln!(
            out,
            "{:<width$}  {:<14} {:>7.1} {:>7} {:>8}",
            s.name,
            stage_label(s.overall_stage),
            s.maturity_index,
            s.files,
            s.findings
        );
    }
    for (p, lowest, holders) in weakest_links(report) {
        if let Some(stage) = lowest {
            let _ = writeln!(out, "weakest link in {}: {} ({})", p.name(), holders.join(", "), stage.label());
        }
    }
    out
}
