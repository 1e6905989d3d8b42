//! The inventory parts of the view model: input files by status, missing inputs, diagnostics,
//! the waiver and attestation ledger and the audit-log sources.

use super::view::{pct, stage_label, Index, Limits};
use super::{Report, WaiverState};
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
