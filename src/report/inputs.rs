//! The inventory parts of the view model: input files by status, missing inputs, diagnostics,
//! the waiver and attestation ledger and the audit-log sources.

use super::view::{pct, stage_label, Index, Limits};
use super::{Report, WaiverOrigin, WaiverSource, WaiverState};
use crate::scan::{FileStatus, Level};
use serde::Serialize;

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
    /// Waivers that waive nothing because the scan's policy refused them.
    pub rejected: usize,
    pub refused: usize,
    pub inline: usize,
    /// The scan's waiver policy, in words (empty when none was set).
    pub policy: Vec<String>,
    pub attestations: Vec<AttestationView>,
    /// Whether the CI gate counted the attestations (`--accept-attestations`).
    pub attestations_accepted: bool,
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
    /// `config` or `inline`, and where: `ztmm.yaml:12`, `k8s/rbac.yaml:8`.
    pub source_kind: String,
    pub source: String,
    /// Why it is not active.
    pub status_reason: String,
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
    /// The overall grade, and the reasons of the dimensions that set it.
    pub grade: String,
    pub grade_why: String,
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
            scope: ix.clean(&w.scope),
            reason: ix.clean(&w.reason),
            owner: if w.owner.is_empty() { "—".to_string() } else { ix.clean(&w.owner) },
            expires: w.expires.clone(),
            status: w.status.id().to_string(),
            expired: w.status == WaiverState::Expired,
            findings: w.findings,
            source_kind: w
                .source
                .as_ref()
                .map_or("config", |s| match s.kind {
                    WaiverOrigin::Config => "config",
                    WaiverOrigin::Inline => "inline",
                })
                .to_string(),
            source: w.source.as_ref().map(WaiverSource::at).unwrap_or_default(),
            status_reason: w.status_reason.clone().unwrap_or_default(),
        })
        .collect();
    let gate = &ix.report.gate;
    let mut policy = Vec::new();
    if let Some(days) = gate.max_waiver_days {
        policy.push(format!("waivers may run at most {days} days past the scan date"));
    }
    if !gate.inline_waivers {
        policy.push("inline ztmm:ignore directives are listed but waive nothing".to_string());
    }
    let count = |s: WaiverState| ix.report.waivers.iter().filter(|w| w.status == s).count();
    Ledger {
        expired: count(WaiverState::Expired),
        rejected: count(WaiverState::Rejected),
        refused: count(WaiverState::Refused),
        inline: waivers.iter().filter(|w| w.source_kind == "inline").count(),
        policy,
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
        attestations_accepted: gate.attestations_accepted,
    }
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
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
            grade: l.grade.as_ref().map(|g| grade_text(g.overall)).unwrap_or_default(),
            grade_why: l.grade.as_ref().map(grade_why).unwrap_or_default(),
        })
        .collect()
}

fn grade_text(g: crate::logs::grade::Grade) -> String {
    use crate::logs::grade::Grade;
    match g {
        Grade::Good => "good",
        Grade::Fair => "fair",
        Grade::Poor => "poor",
        Grade::NotApplicable => "not applicable",
        Grade::NoEvidence => "no evidence",
    }
    .to_string()
}

/// The dimensions that set the overall grade, with their reasons.
fn grade_why(g: &crate::logs::grade::LogGrades) -> String {
    g.dimensions
        .iter()
        .filter(|(_, d)| d.grade == g.overall)
        .map(|(name, d)| format!("{name}: {}", d.why))
        .collect::<Vec<_>>()
        .join("; ")
}
