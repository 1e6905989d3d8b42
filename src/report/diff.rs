//! Comparing two reports: what improved, what regressed, which findings are new and which were
//! fixed. Findings are matched by their content-based fingerprint (rule, path, resource, node —
//! not line numbers), so moving or reformatting a file does not make "new" findings. Used by
//! `ztmm diff` and by `scan --baseline … --fail-on-regression`.

use super::Report;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use serde::Serialize;
use std::collections::BTreeSet;
use std::fmt::Write as _;

/// A stage before and after; `None` is "not assessed".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct StageChange {
    pub id: String,
    pub name: String,
    pub before: Option<Stage>,
    pub after: Option<Stage>,
}

impl StageChange {
    /// Lower, or no longer assessed at all (a scan that lost its inputs must not look fine).
    pub fn regressed(&self) -> bool {
        match (self.before, self.after) {
            (Some(b), Some(a)) => a < b,
            (Some(_), None) => true,
            _ => false,
        }
    }

    pub fn improved(&self) -> bool {
        match (self.before, self.after) {
            (Some(b), Some(a)) => a > b,
            (None, Some(_)) => true,
            _ => false,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingRef {
    pub fingerprint: String,
    pub rule_id: String,
    pub severity: Severity,
    pub message: String,
    pub location: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    pub overall: StageChange,
    pub maturity_index: (f64, f64),
    /// Pillars and capabilities whose stage changed.
    pub pillars: Vec<StageChange>,
    /// Functions whose demonstrated stage changed.
    pub functions: Vec<StageChange>,
    /// Merged reports: per scope (by name), its overall stage (id `shop`) and its pillars' stages
    /// (id `shop:identity`) that changed; a scope no longer in the merge is no longer assessed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<StageChange>,
    /// Unwaived failing findings of gates and indicators in the new report whose fingerprint the
    /// old one lacks.
    pub new_findings: Vec<FindingRef>,
    /// Failing findings of the old report that are gone.
    pub fixed_findings: Vec<FindingRef>,
}

/// Failing findings of gates and indicators: violations. An evidence rule's failure means "not
/// shown"; its effect on the stage is what a baseline compares, not its finding.
fn failing(r: &Report) -> impl Iterator<Item = FindingRef> + '_ {
    let evidence: BTreeSet<&str> =
        r.rules.iter().filter(|x| x.kind == RuleKind::Evidence).map(|x| x.id.as_str()).collect();
    r.findings.iter().filter(move |f| f.verdict == Verdict::Fail && !evidence.contains(f.rule_id.as_str())).map(|f| {
        FindingRef {
            fingerprint: f.fingerprint.clone(),
            rule_id: f.rule_id.clone(),
            severity: f.severity,
            message: f.message.clone(),
            location: f.location.as_ref().map(|l| match l.line {
                Some(line) => format!("{}:{line}", l.path),
                None => l.path.clone(),
            }),
        }
    })
}

/// Stage changes of the scopes of two merged reports, scope by scope (empty for single scans).
fn scope_changes(old: &Report, new: &Report) -> Vec<StageChange> {
    let names: BTreeSet<&str> = old.scopes.iter().chain(&new.scopes).map(|s| s.name.as_str()).collect();
    let find = |r: &'_ Report, name: &str| r.scopes.iter().find(|s| s.name == name).cloned();
    let mut out = Vec::new();
    for name in names {
        let (before, after) = (find(old, name), find(new, name));
        out.push(StageChange {
            id: name.to_string(),
            name: format!("scope {name}"),
            before: before.as_ref().and_then(|s| s.overall_stage),
            after: after.as_ref().and_then(|s| s.overall_stage),
        });
        let pillars: BTreeSet<Pillar> = before.iter().chain(&after).flat_map(|s| s.pillars.keys().copied()).collect();
        for p in pillars {
            let stage =
                |s: &Option<super::scopes::Scope>| s.as_ref().and_then(|s| s.pillars.get(&p).copied().flatten());
            out.push(StageChange {
                id: format!("{name}:{}", p.id()),
                name: format!("{name} · {}", p.name()),
                before: stage(&before),
                after: stage(&after),
            });
        }
    }
    out.retain(|c| c.before != c.after);
    out
}

/// Compare `old` with `new`.
pub fn diff(old: &Report, new: &Report) -> Diff {
    let overall = StageChange {
        id: "overall".into(),
        name: "Overall".into(),
        before: old.summary.overall_stage,
        after: new.summary.overall_stage,
    };
    let mut pillars = Vec::new();
    let mut functions = Vec::new();
    for np in &new.pillars {
        let op = old.pillars.iter().find(|p| p.id == np.id);
        let change = StageChange {
            id: np.id.id().into(),
            name: np.name.clone(),
            before: op.and_then(|p| p.stage),
            after: np.stage,
        };
        if change.before != change.after {
            pillars.push(change);
        }
        for nf in &np.functions {
            let before = op.and_then(|p| p.functions.iter().find(|f| f.id == nf.id)).and_then(|f| f.demonstrated);
            let change = StageChange { id: nf.id.clone(), name: nf.name.clone(), before, after: nf.demonstrated };
            if change.before != change.after {
                functions.push(change);
            }
        }
    }
    let scopes = scope_changes(old, new);
    let old_prints: BTreeSet<&str> = old.findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let new_prints: BTreeSet<&str> = new.findings.iter().map(|f| f.fingerprint.as_str()).collect();
    let new_findings = failing(new).filter(|f| !old_prints.contains(f.fingerprint.as_str())).collect();
    let fixed_findings = failing(old).filter(|f| !new_prints.contains(f.fingerprint.as_str())).collect();
    Diff {
        overall,
        maturity_index: (old.summary.maturity_index, new.summary.maturity_index),
        pillars,
        functions,
        scopes,
        new_findings,
        fixed_findings,
    }
}

impl Diff {
    /// Any stage dropped, or any new unwaived failing finding.
    pub fn regressed(&self) -> bool {
        self.overall.regressed()
            || self.pillars.iter().any(StageChange::regressed)
            || self.functions.iter().any(StageChange::regressed)
            || self.scopes.iter().any(StageChange::regressed)
            || !self.new_findings.is_empty()
    }

    /// One line per reason the diff counts as a regression.
    pub fn regressions(&self) -> Vec<String> {
        let mut out = Vec::new();
        for c in std::iter::once(&self.overall).chain(&self.pillars).chain(&self.functions).chain(&self.scopes) {
            if c.regressed() {
                out.push(format!("{} dropped from {} to {}", c.name, label(c.before), label(c.after)));
            }
        }
        if !self.new_findings.is_empty() {
            out.push(format!("{} new failing finding(s) not in the baseline", self.new_findings.len()));
        }
        out
    }

    /// Human-readable summary.
    pub fn text(&self) -> String {
        let mut out = String::new();
        let (a, b) = self.maturity_index;
        let _ = writeln!(
            out,
            "Overall: {} → {} · maturity index {a:.1} → {b:.1}",
            label(self.overall.before),
            label(self.overall.after)
        );
        for (title, changes) in
            [("Pillars and capabilities", &self.pillars), ("Functions", &self.functions), ("Scopes", &self.scopes)]
        {
            if changes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n{title}:");
            for c in changes {
                let mark = if c.regressed() {
                    "regressed"
                } else if c.improved() {
                    "improved "
                } else {
                    "changed  "
                };
                let _ = writeln!(out, "  {mark} {:<40} {} → {}", c.name, label(c.before), label(c.after));
            }
        }
        for (title, list) in [("New findings", &self.new_findings), ("Fixed findings", &self.fixed_findings)] {
            let _ = writeln!(out, "\n{title}: {}", list.len());
            for f in list.iter().take(50) {
                let at = f.location.as_deref().unwrap_or("-");
                let _ = writeln!(out, "  [{}] {} {} — {at}", f.severity.id(), f.rule_id, f.message);
            }
            if list.len() > 50 {
                let _ = writeln!(out, "  … {} more (use --format json)", list.len() - 50);
            }
        }
        let verdict = if self.regressed() { "REGRESSED" } else { "no regression" };
        let _ = writeln!(out, "\n{verdict}");
        out
    }
}

fn label(s: Option<Stage>) -> &'static str {
    s.map_or("not assessed", Stage::label)
}
