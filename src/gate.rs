//! The CI gate: what makes `ztmm scan` exit 1, decided from the report alone.
//!
//! Attestations are people's claims: they never change a demonstrated stage, and the gate ignores
//! them unless the scan ran with `--accept-attestations` (recorded in `report.gate`). Then a
//! function attested at stage S counts as max(demonstrated, S) for `--fail-below` — a function
//! files could not assess counts at S — and a rule-targeted attestation keeps that rule's findings
//! out of `--fail-on`. Waivers need no special case here: a rejected, refused or expired waiver
//! leaves its findings failing, and the gate sees them like any other.

use crate::model::{Pillar, Severity, Stage, Verdict};
use crate::report::Report;
use crate::scan::FileStatus;
use std::collections::{BTreeMap, BTreeSet};

/// What makes a scan fail in CI.
#[derive(Debug, Default, Clone)]
pub struct Gate {
    pub overall: Option<Stage>,
    pub pillars: Vec<(Pillar, Stage)>,
    pub fail_on: Option<Severity>,
    /// Minimum share of catalog functions assessed, in percent.
    pub min_coverage: Option<f64>,
    pub strict: bool,
    /// With `--fail-on-regression`: the baseline to compare with.
    pub baseline: Option<Box<Report>>,
}

/// Stages as the gate counts them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GateStages {
    pub overall: Option<Stage>,
    pub pillars: BTreeMap<Pillar, Option<Stage>>,
    /// Function attestations the gate counted (0 unless accepted).
    pub attested_functions: usize,
}

/// The highest stage attested for each function.
fn attested_functions(report: &Report) -> BTreeMap<&str, Stage> {
    let functions: BTreeSet<&str> = report.pillars.iter().flat_map(|p| &p.functions).map(|f| f.id.as_str()).collect();
    let mut claims: BTreeMap<&str, Stage> = BTreeMap::new();
    for a in report.attestations.iter().filter(|a| functions.contains(a.target.as_str())) {
        let s = claims.entry(a.target.as_str()).or_insert(a.stage);
        *s = (*s).max(a.stage);
    }
    claims
}

/// Rules whose findings an accepted attestation keeps out of `--fail-on`.
fn attested_rules(report: &Report) -> BTreeSet<&str> {
    if !report.gate.attestations_accepted {
        return BTreeSet::new();
    }
    let rules: BTreeSet<&str> = report.rules.iter().map(|r| r.id.as_str()).collect();
    report.attestations.iter().map(|a| a.target.as_str()).filter(|t| rules.contains(t)).collect()
}

/// The overall and per-pillar stages the gate compares with: the demonstrated ones, or with
/// accepted attestations counted.
pub fn stages(report: &Report) -> GateStages {
    if !report.gate.attestations_accepted {
        return GateStages {
            overall: report.summary.overall_stage,
            pillars: report.pillars.iter().map(|p| (p.id, p.stage)).collect(),
            attested_functions: 0,
        };
    }
    let claims = attested_functions(report);
    let pillars: BTreeMap<Pillar, Option<Stage>> = report
        .pillars
        .iter()
        .map(|p| {
            let effective = p.functions.iter().filter_map(|f| {
                let shown = f.demonstrated.filter(|_| f.assessed);
                match (shown, claims.get(f.id.as_str())) {
                    (Some(d), Some(c)) => Some(d.max(*c)),
                    (d, c) => d.or(c.copied()),
                }
            });
            (p.id, effective.min())
        })
        .collect();
    GateStages { overall: pillars.values().filter_map(|s| *s).min(), pillars, attested_functions: claims.len() }
}

/// Every reason the gate fails; empty when it passes.
pub fn failures(report: &Report, g: &Gate) -> Vec<String> {
    let mut failed = Vec::new();
    let stages = stages(report);
    let with = if stages.attested_functions > 0 {
        format!(" (counting {} accepted attestation(s))", stages.attested_functions)
    } else {
        String::new()
    };
    let below = |what: &str, stage: Option<Stage>, min: Stage| match stage {
        Some(s) if s >= min => None,
        Some(s) => Some(format!("{what} stage {} is below {}{with}", s.label(), min.label())),
        None => Some(format!("{what}: nothing could be assessed, so it cannot reach {}{with}", min.label())),
    };
    if let Some(min) = g.overall {
        failed.extend(below("overall", stages.overall, min));
    }
    for (pillar, min) in &g.pillars {
        failed.extend(below(pillar.name(), stages.pillars.get(pillar).copied().flatten(), *min));
    }
    if let Some(sev) = g.fail_on {
        let attested = attested_rules(report);
        let n = report
            .findings
            .iter()
            .filter(|f| f.verdict == Verdict::Fail && f.severity >= sev && !attested.contains(f.rule_id.as_str()))
            .count();
        if n > 0 {
            failed.push(format!("{n} unwaived finding(s) at {} or above", sev.id()));
        }
    }
    if let Some(pct) = g.min_coverage {
        let have = report.summary.coverage * 100.0;
        if have < pct {
            failed.push(format!("only {have:.1}% of the ZTMM functions could be assessed (minimum {pct}%): check the scanned paths and scope"));
        }
    }
    if let Some(base) = &g.baseline {
        let d = crate::report::diff::diff(base, report);
        failed.extend(d.regressions().into_iter().map(|r| format!("regression against the baseline: {r}")));
    }
    if g.strict {
        let n = report.inventory.iter().filter(|e| e.status == FileStatus::Error).count();
        if n > 0 {
            failed.push(format!("{n} file(s) could not be read or parsed (--strict)"));
        }
    }
    failed
}

/// One line about attestations for the text summary, or `None` when there are none.
pub fn attestation_note(report: &Report) -> Option<String> {
    let n = report.attestations.len();
    if n == 0 {
        return None;
    }
    if !report.gate.attestations_accepted {
        return Some(format!("{n} attestation(s) ignored by the gate (use --accept-attestations)"));
    }
    let s = stages(report);
    let overall = s.overall.map_or("not assessed", Stage::label);
    Some(format!(
        "{n} attestation(s) accepted by the gate (--accept-attestations): it counts overall {overall}; the demonstrated stages above are unchanged"
    ))
}

#[cfg(test)]
#[path = "gate_tests.rs"]
mod tests;
