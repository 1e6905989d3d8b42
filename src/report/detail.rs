//! The detailed parts of the view model: findings grouped by pillar, function and rule (capped per
//! rule, with the remainder counted), the input inventory, the waiver and attestation ledger, the
//! privilege inventory and the audit-log sources.

use super::view::{pct, stage_label, verdict_label, Index, Limits, RuleRef};
use super::{Report, RuleSummary, WaiverState};
use crate::finding::{Finding, Location};
use crate::model::Verdict;
use crate::scan::{FileStatus, Level};
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FindingPillar {
    pub id: String,
    pub name: String,
    pub functions: Vec<FindingFunction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingFunction {
    pub id: String,
    pub name: String,
    pub rules: Vec<RuleFindings>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleFindings {
    pub rule: RuleRef,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
    pub failing: Vec<FindingView>,
    pub failing_more: usize,
    pub waived: Vec<FindingView>,
    pub waived_more: usize,
    pub passing: Vec<FindingView>,
    pub passing_more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub severity: String,
    pub verdict: String,
    pub message: String,
    /// `path:line`, or the path and JSON pointer when no line is known; none for rule-level findings.
    pub location: Option<String>,
    pub pointer: String,
    pub resource: String,
    pub evidence: Vec<EvidenceLine>,
    pub waiver: Option<String>,
    pub fingerprint: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLine {
    pub number: String,
    pub text: String,
    /// The offending (or, for a pass, the evidencing) line.
    pub marked: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct Inputs {
    pub parsed: u64,
    pub skipped: u64,
    pub errors: u64,
    pub groups: Vec<FileGroup>,
    /// Missing inputs that hold back a function some rule already applies to.
    pub missing_capping: Vec<MissingView>,
    /// Missing inputs that would let a wholly unassessed function be assessed.
    pub missing_unassessed: Vec<MissingView>,
    pub diagnostics: Vec<DiagnosticView>,
    pub diagnostics_more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileGroup {
    pub status: String,
    pub title: String,
    pub files: Vec<FileView>,
    pub more: usize,
    /// Errors and skips are shown open; parsed files are collapsed.
    pub open: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileView {
    pub path: String,
    pub kind: String,
    pub kind_description: String,
    pub status: String,
    pub reason: String,
    pub documents: u64,
    pub events: u64,
    pub rules: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct MissingView {
    pub kind: String,
    pub why: String,
    pub functions: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct DiagnosticView {
    pub level: String,
    pub at: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Ledger {
    pub waivers: Vec<WaiverView>,
    pub expired: usize,
    pub attestations: Vec<AttestationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct WaiverView {
    pub rule_id: String,
    pub rule_title: String,
    pub scope: String,
    pub reason: String,
    pub owner: String,
    pub expires: String,
    pub status: String,
    pub expired: bool,
    pub findings: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct AttestationView {
    pub target: String,
    pub target_name: String,
    pub stage: String,
    pub statement: String,
    pub evidence: String,
    pub attested_by: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrivilegeView {
    pub principal: String,
    pub source: String,
    pub grant: String,
    pub scope: String,
    pub standing: String,
    pub jit_path: String,
    pub used: String,
    pub unused: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct LogSourceView {
    pub path: String,
    pub kind: String,
    pub events: u64,
    pub lines: u64,
    pub window: String,
    pub parse_rate: String,
    pub structured: String,
    pub coverage: Vec<(String, String)>,
    pub timestamp_precision: String,
}

pub(super) fn location_text(l: &Location) -> String {
    match l.line {
        Some(line) => format!("{}:{line}", l.path),
        None if l.pointer.is_empty() => l.path.clone(),
        None => format!("{} ({})", l.path, l.pointer),
    }
}

fn evidence_lines(text: &str) -> Vec<EvidenceLine> {
    text.lines()
        .map(|line| {
            let marked = line.starts_with('>');
            match line.get(1..).and_then(|rest| rest.split_once(" | ")) {
                Some((n, t)) if n.trim().bytes().all(|b| b.is_ascii_digit()) && !n.trim().is_empty() => {
                    EvidenceLine { number: n.trim().to_string(), text: t.to_string(), marked }
                }
                _ => EvidenceLine { number: String::new(), text: line.to_string(), marked: false },
            }
        })
        .collect()
}

fn finding_view(ix: &Index<'_>, f: &Finding) -> FindingView {
    let mut evidence = f.evidence.as_deref().map(|e| evidence_lines(&ix.clean(e))).unwrap_or_default();
    // A log sample is one raw line: it is the evidence itself.
    if evidence.len() == 1 && evidence[0].number.is_empty() {
        evidence[0].marked = true;
        evidence[0].number = f.location.as_ref().and_then(|l| l.line).map(|l| l.to_string()).unwrap_or_default();
    }
    FindingView {
        severity: f.severity.id().to_string(),
        verdict: verdict_label(f.verdict).to_string(),
        message: ix.clean(&f.message),
        location: f.location.as_ref().map(location_text),
        pointer: f.location.as_ref().map(|l| l.pointer.clone()).unwrap_or_default(),
        resource: ix.clean(&f.resource),
        evidence,
        waiver: f.waiver.clone(),
        fingerprint: f.fingerprint.chars().take(12).collect(),
    }
}

fn capped(ix: &Index<'_>, all: &[&Finding], verdict: Verdict, cap: usize) -> (Vec<FindingView>, usize) {
    let mine: Vec<&&Finding> = all.iter().filter(|f| f.verdict == verdict).collect();
    let shown = mine.iter().take(cap).map(|f| finding_view(ix, f)).collect();
    (shown, mine.len().saturating_sub(cap))
}

fn rule_findings(ix: &Index<'_>, r: &RuleSummary, fs: &[&Finding], limits: &Limits) -> RuleFindings {
    let (failing, failing_more) = capped(ix, fs, Verdict::Fail, limits.failing_per_rule);
    let (waived, waived_more) = capped(ix, fs, Verdict::Waived, limits.failing_per_rule);
    let (passing, passing_more) = capped(ix, fs, Verdict::Pass, limits.passing_per_rule);
    RuleFindings {
        rule: ix.rule_ref(&r.id),
        rationale: r.rationale.clone(),
        remediation: r.remediation.clone(),
        references: r.references.clone(),
        failing,
        failing_more,
        waived,
        waived_more,
        passing,
        passing_more,
    }
}

/// Findings grouped by pillar → function → rule, in catalog order; within a function failing
/// rules first (by severity), then waived, then passing. Groups without findings are left out.
pub(super) fn findings(ix: &Index<'_>, limits: &Limits) -> Vec<FindingPillar> {
    let mut by_rule: std::collections::BTreeMap<&str, Vec<&Finding>> = std::collections::BTreeMap::new();
    for f in &ix.report.findings {
        by_rule.entry(f.rule_id.as_str()).or_default().push(f);
    }
    let rank = |v: Verdict| match v {
        Verdict::Fail => 0,
        Verdict::Waived => 1,
        _ => 2,
    };
    let mut out = Vec::new();
    for p in &ix.report.pillars {
        let mut functions = Vec::new();
        for func in &p.functions {
            let mut rules: Vec<&RuleSummary> = ix
                .report
                .rules
                .iter()
                .filter(|r| r.function == func.id && by_rule.contains_key(r.id.as_str()))
                .collect();
            rules.sort_by(|a, b| {
                rank(a.verdict).cmp(&rank(b.verdict)).then(b.severity.cmp(&a.severity)).then(a.id.cmp(&b.id))
            });
            let rules: Vec<RuleFindings> = rules
                .into_iter()
                .map(|r| rule_findings(ix, r, by_rule.get(r.id.as_str()).map_or(&[], Vec::as_slice), limits))
                .collect();
            if !rules.is_empty() {
                functions.push(FindingFunction { id: func.id.clone(), name: func.name.clone(), rules });
            }
        }
        if !functions.is_empty() {
            out.push(FindingPillar { id: p.id.id().to_string(), name: p.name.clone(), functions });
        }
    }
    out
}

pub(super) fn inputs(ix: &Index<'_>, limits: &Limits) -> Inputs {
    let inv = &ix.report.inventory;
    let count = |s: FileStatus| inv.iter().filter(|e| e.status == s).count() as u64;
    let group = |s: FileStatus, title: &str, open: bool| {
        let all: Vec<_> = inv.iter().filter(|e| e.status == s).collect();
        FileGroup {
            status: match s {
                FileStatus::Parsed => "parsed",
                FileStatus::Skipped => "skipped",
                FileStatus::Error => "error",
            }
            .to_string(),
            title: title.to_string(),
            more: all.len().saturating_sub(limits.files_per_status),
            files: all
                .into_iter()
                .take(limits.files_per_status)
                .map(|e| FileView {
                    path: e.path.clone(),
                    kind: e.kind.map(|k| k.id().to_string()).unwrap_or_default(),
                    kind_description: e.kind.map(|k| k.describe().to_string()).unwrap_or_default(),
                    status: e.status_text(),
                    reason: e.reason.as_deref().map(|r| ix.clean(r)).unwrap_or_default(),
                    documents: e.documents,
                    events: e.events,
                    rules: e.rules.len(),
                })
                .collect(),
            open,
        }
    };
    let diags: Vec<DiagnosticView> = ix
        .report
        .diagnostics
        .iter()
        .take(limits.diagnostics)
        .map(|d| DiagnosticView {
            level: match d.level {
                Level::Error => "error",
                Level::Warning => "warning",
                Level::Info => "info",
            }
            .to_string(),
            at: d.line.map_or_else(|| d.path.clone(), |l| format!("{}:{l}", d.path)),
            message: ix.clean(&d.message),
        })
        .collect();
    Inputs {
        parsed: count(FileStatus::Parsed),
        skipped: count(FileStatus::Skipped),
        errors: count(FileStatus::Error),
        groups: [
            group(FileStatus::Error, "Could not be read or parsed", true),
            group(FileStatus::Skipped, "Skipped", true),
            group(FileStatus::Parsed, "Parsed", false),
        ]
        .into_iter()
        .filter(|g| !g.files.is_empty())
        .collect(),
        missing_capping: missing(ix, true),
        missing_unassessed: missing(ix, false),
        diagnostics_more: ix.report.diagnostics.len().saturating_sub(limits.diagnostics),
        diagnostics: diags,
    }
}

fn missing(ix: &Index<'_>, capping: bool) -> Vec<MissingView> {
    let touches_scored = |m: &super::MissingInput| {
        m.functions.iter().any(|f| ix.functions.get(f.as_str()).is_some_and(|(_, f)| f.potential.is_some()))
    };
    ix.report
        .missing_inputs
        .iter()
        .filter(|m| touches_scored(m) == capping)
        .map(|m| MissingView {
            kind: m.kind.clone(),
            why: m.why.clone(),
            functions: m.functions.iter().map(|f| ix.function_name(f)).collect(),
        })
        .collect()
}

pub(super) fn ledger(ix: &Index<'_>) -> Ledger {
    let waivers: Vec<WaiverView> = ix
        .report
        .waivers
        .iter()
        .map(|w| WaiverView {
            rule_id: w.rule_id.clone(),
            rule_title: ix.rules.get(w.rule_id.as_str()).map(|r| r.title.clone()).unwrap_or_default(),
            scope: w.scope.clone(),
            reason: w.reason.clone(),
            owner: w.owner.clone(),
            expires: w.expires.clone(),
            status: match w.status {
                WaiverState::Active => "active",
                WaiverState::Expired => "expired",
                WaiverState::Unmatched => "unmatched",
            }
            .to_string(),
            expired: w.status == WaiverState::Expired,
            findings: w.findings,
        })
        .collect();
    Ledger {
        expired: waivers.iter().filter(|w| w.expired).count(),
        waivers,
        attestations: ix
            .report
            .attestations
            .iter()
            .map(|a| AttestationView {
                target: a.target.clone(),
                target_name: if ix.functions.contains_key(a.target.as_str()) {
                    ix.function_name(&a.target)
                } else {
                    ix.rules.get(a.target.as_str()).map(|r| r.title.clone()).unwrap_or_default()
                },
                stage: stage_label(Some(a.stage)),
                statement: a.statement.clone(),
                evidence: a.evidence.clone(),
                attested_by: a.attested_by.clone(),
            })
            .collect(),
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

pub(super) fn privileges(ix: &Index<'_>, limits: &Limits) -> (Vec<PrivilegeView>, usize) {
    let all = &ix.report.privileges;
    let shown = all
        .iter()
        .take(limits.privileges)
        .map(|p| PrivilegeView {
            principal: ix.clean(&p.principal),
            source: p.source.line.map_or_else(|| p.source.path.clone(), |l| format!("{}:{l}", p.source.path)),
            grant: ix.clean(&p.grant),
            scope: ix.clean(&p.scope),
            standing: yes_no(p.standing),
            jit_path: yes_no(p.jit_path),
            used: p.used.join(", "),
            unused: p.unused.join(", "),
        })
        .collect();
    (shown, all.len().saturating_sub(limits.privileges))
}

pub(super) fn log_sources(report: &Report) -> Vec<LogSourceView> {
    report
        .log_sources
        .iter()
        .map(|l| LogSourceView {
            path: l.path.clone(),
            kind: l.kind.id().to_string(),
            events: l.events,
            lines: l.lines,
            window: l
                .window
                .as_ref()
                .map(|w| format!("{} – {}", w.start.as_deref().unwrap_or("?"), w.end.as_deref().unwrap_or("?")))
                .unwrap_or_default(),
            parse_rate: pct(l.parse_rate),
            structured: yes_no(l.structured),
            coverage: l
                .coverage
                .as_ref()
                .map(|c| c.iter().map(|(k, v)| (k.clone(), pct(*v))).collect())
                .unwrap_or_default(),
            timestamp_precision: l.timestamp_precision.clone().unwrap_or_default(),
        })
        .collect()
}
