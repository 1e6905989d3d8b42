//! The compact summary printed on stdout after a scan: per-pillar stages, overall, counts.

use super::Report;
use crate::model::{Severity, Stage, Verdict};
use crate::scan::{FileStatus, Level};
use std::fmt::Write as _;

fn stage_text(s: Option<Stage>) -> String {
    s.map_or_else(|| "not assessed".to_string(), |s| s.label().to_string())
}

/// Render the summary table.
pub fn summary(report: &Report) -> String {
    let mut out = String::new();
    let inv = &report.inventory;
    let count = |st: FileStatus| inv.iter().filter(|e| e.status == st).count();
    let _ = writeln!(
        out,
        "ztmm {} · {} file(s) read ({} parsed, {} with errors), {} skipped · {} documents · {} events",
        report.tool.version,
        count(FileStatus::Parsed) + count(FileStatus::Error),
        count(FileStatus::Parsed),
        count(FileStatus::Error),
        count(FileStatus::Skipped),
        report.summary.documents,
        report.summary.events
    );
    let _ = writeln!(out);
    let _ = writeln!(out, "{:<28} {:<14} {:<14} {:>9}", "Pillar / capability", "Stage", "Up to", "Functions");
    let _ = writeln!(out, "{}", "-".repeat(68));
    for p in &report.pillars {
        let assessed = p.functions.iter().filter(|f| f.assessed).count();
        let up_to = match (p.stage, p.potential) {
            (Some(s), Some(u)) if u > s => u.label().to_string(),
            (None, Some(u)) => format!("({})", u.label()),
            _ => String::new(),
        };
        let mut stage = stage_text(p.stage);
        if p.insufficient_coverage {
            stage.push('*');
        }
        let _ = writeln!(out, "{:<28} {:<14} {:<14} {:>4}/{:<4}", p.name, stage, up_to, assessed, p.functions.len());
    }
    let _ = writeln!(out, "{}", "-".repeat(68));
    let overall = stage_text(report.summary.overall_stage);
    let _ = writeln!(
        out,
        "Overall: {overall} (the lowest assessed pillar or capability) · maturity index {:.1}/100",
        report.summary.maturity_index
    );
    if report.pillars.iter().any(|p| p.insufficient_coverage) {
        let _ = writeln!(out, "* fewer than half of the functions assessed: the stage is a partial minimum");
    }
    let sev = &report.summary.counts.by_severity;
    let get = |s: Severity| sev.get(&s).copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "Findings (unwaived): {} critical, {} high, {} medium, {} low, {} info",
        get(Severity::Critical),
        get(Severity::High),
        get(Severity::Medium),
        get(Severity::Low),
        get(Severity::Info)
    );
    let v = &report.summary.counts.by_verdict;
    let getv = |x: Verdict| v.get(&x).copied().unwrap_or(0);
    let _ = writeln!(
        out,
        "Rules: {} pass, {} fail, {} waived, {} no evidence, {} error, {} not applicable",
        getv(Verdict::Pass),
        getv(Verdict::Fail),
        getv(Verdict::Waived),
        getv(Verdict::NoEvidence),
        getv(Verdict::Error),
        getv(Verdict::NotApplicable)
    );
    let _ = writeln!(
        out,
        "Standing privilege: {}",
        crate::privileges::join::summary_line(&report.privileges, &report.privilege_usage)
    );
    if !report.waivers.is_empty() {
        let _ = writeln!(out, "{}", waiver_line(report));
    }
    if let Some(note) = crate::gate::attestation_note(report) {
        let _ = writeln!(out, "Attestations: {note}");
    }
    let s = &report.summary;
    if s.contradictions + s.corroborations > 0 {
        let which = super::relation::contradictions(report);
        let _ = write!(
            out,
            "Logs vs configs in this scan: {} contradiction(s), {} corroboration(s)",
            s.contradictions, s.corroborations
        );
        if which.is_empty() {
            let _ = writeln!(out);
        } else {
            let _ = writeln!(out, " — {} (each blocks its stage)", which.join("; "));
        }
    }
    let errors = report.diagnostics.iter().filter(|d| d.level == Level::Error).count();
    let warnings = report.diagnostics.iter().filter(|d| d.level == Level::Warning).count();
    if errors + warnings > 0 {
        let _ =
            writeln!(out, "Diagnostics: {errors} error(s), {warnings} warning(s) — listed on stderr and in the report");
    }
    out
}

/// `Waivers: 2 active, 1 rejected (3 inline; 4 findings waived)`: every status present, by count.
fn waiver_line(report: &Report) -> String {
    use super::{WaiverOrigin, WaiverState};
    let states = [
        WaiverState::Active,
        WaiverState::Expired,
        WaiverState::Rejected,
        WaiverState::Refused,
        WaiverState::Unmatched,
    ];
    let parts: Vec<String> = states
        .iter()
        .filter_map(|s| {
            let n = report.waivers.iter().filter(|w| w.status == *s).count();
            (n > 0).then(|| format!("{n} {}", s.id()))
        })
        .collect();
    let inline =
        report.waivers.iter().filter(|w| w.source.as_ref().is_some_and(|s| s.kind == WaiverOrigin::Inline)).count();
    let waived = report.findings.iter().filter(|f| f.verdict == Verdict::Waived).count();
    format!("Waivers: {} ({inline} inline; {waived} finding(s) waived)", parts.join(", "))
}
