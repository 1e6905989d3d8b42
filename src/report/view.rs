//! The view model of the HTML report: `Report` (report.json) regrouped for reading — stages as
//! words, findings grouped by pillar, function and rule, caps on long lists, chart geometry. All
//! logic lives here so templates only place values; every string a scan produced is redacted here
//! (again) unless the caller opts out, so a report.json written with `--no-redact` still renders
//! safely by default. Escaping is the template engine's job (autoescape for `.html`).

use super::chart::{chart, Chart};
use super::detail::{self, FindingPillar};
use super::inputs::{self, Inputs, Ledger, LogSourceView};
use super::privileges::{self as privilege_view, PrivilegeUsageView, PrivilegeView};
use super::summary::{roadmap, top_risks, Risk, Roadmap};
use super::{Report, RuleSummary};
use crate::model::{Severity, Stage, Verdict};
use crate::score::{FunctionScore, PillarScore};
use serde::Serialize;
use std::collections::BTreeMap;

/// How much of a large report the HTML shows; the rest stays in report.json.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Failing (and, separately, waived) findings shown per rule: the budget shared among the
    /// rules with failures, never fewer than the minimum nor more than the maximum per rule.
    pub failing_budget: usize,
    pub failing_per_rule_min: usize,
    pub failing_per_rule: usize,
    pub passing_per_rule: usize,
    pub files_per_status: usize,
    pub diagnostics: usize,
    pub privileges: usize,
    pub top_risks: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            failing_budget: 1000,
            failing_per_rule_min: 5,
            failing_per_rule: 25,
            passing_per_rule: 5,
            files_per_status: 500,
            diagnostics: 200,
            privileges: 500,
            top_risks: 5,
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: Meta,
    pub overall: Overall,
    pub chart: Chart,
    pub severities: Vec<Count>,
    pub verdicts: Vec<Count>,
    pub top_risks: Vec<Risk>,
    pub roadmap: Roadmap,
    pub pillars: Vec<PillarView>,
    pub findings: Vec<FindingPillar>,
    pub inputs: Inputs,
    pub ledger: Ledger,
    pub privileges: Vec<PrivilegeView>,
    pub privileges_more: usize,
    pub privilege_usage: PrivilegeUsageView,
    pub log_sources: Vec<LogSourceView>,
    pub stages: Vec<String>,
    /// The scans a merged report was made from; empty rows for a single scan.
    pub scopes: super::scopes::ScopesView,
}

#[derive(Debug, Clone, Serialize)]
pub struct Meta {
    pub title: String,
    pub client: Option<String>,
    pub assessor: Option<String>,
    pub date: String,
    pub started_at: String,
    pub roots: Vec<String>,
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub logo: Option<String>,
    pub tool: String,
    pub version: String,
    pub rules_digest: String,
    pub catalog_source: String,
    pub redacted: bool,
    pub files: u64,
    pub documents: u64,
    pub events: u64,
    pub rules: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct Overall {
    /// Stage id for styling, `not_assessed` when none.
    pub stage_id: String,
    pub stage: String,
    pub potential: Option<String>,
    pub explanation: String,
    pub maturity_index: String,
    pub coverage: String,
    pub functions_assessed: usize,
    pub functions_total: usize,
    /// Indicators whose logs contradict a config claim in this scan: "ZT-ID-029 contradicts
    /// ZT-ID-001, ZT-ID-010".
    pub contradictions: Vec<String>,
    /// How many indicators agree with the configs they check.
    pub corroborations: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Count {
    pub id: String,
    pub label: String,
    pub count: u64,
}

/// A rule as the report mentions it.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRef {
    pub id: String,
    pub title: String,
    pub severity: String,
    pub stage: String,
    pub kind: String,
    pub verdict: String,
    pub verdict_label: String,
    /// What to do about it on a roadmap: fix, implement, supply evidence.
    pub action: String,
    pub findings: u64,
    /// The rule has a section under Findings to link to.
    pub anchor: bool,
    /// "contradicted by logs (ZT-ID-029)" on a config rule, "contradicts ZT-ID-001" on an
    /// indicator: logs and configs disagree in this scan.
    pub contradiction: Option<String>,
    /// The same when they agree.
    pub corroboration: Option<String>,
    /// Why the verdict is what it is, when the findings do not say (a sample too small).
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PillarView {
    pub id: String,
    pub name: String,
    pub cross_cutting: bool,
    pub description: String,
    pub stage_id: String,
    pub stage: String,
    pub potential: Option<String>,
    pub coverage: String,
    pub insufficient_coverage: bool,
    pub functions: Vec<FunctionView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FunctionView {
    pub id: String,
    pub name: String,
    pub assessed: bool,
    pub stage_id: String,
    pub demonstrated: String,
    pub potential: Option<String>,
    /// What the potential depends on: the missing inputs naming this function.
    pub needs: Vec<String>,
    pub confidence: String,
    pub indicative: bool,
    pub coverage: String,
    pub current_text: Option<String>,
    pub next_stage: Option<String>,
    pub next_text: Option<String>,
    /// Failing gates and blocking indicators not already on the roadmap (they block later stages).
    pub blocking: Vec<RuleRef>,
    pub lifted_by: Vec<RuleRef>,
    pub unknown: Vec<RuleRef>,
    pub roadmap: Vec<RuleRef>,
    pub rules: Vec<RuleRef>,
    pub attested: Vec<String>,
}

pub(super) fn stage_label(s: Option<Stage>) -> String {
    s.map_or_else(|| "Not assessed".to_string(), |s| s.label().to_string())
}

fn stage_id(s: Option<Stage>) -> String {
    s.map_or_else(|| "not_assessed".to_string(), |s| s.id().to_string())
}

pub(super) fn verdict_label(v: Verdict) -> &'static str {
    match v {
        Verdict::Pass => "Pass",
        Verdict::Fail => "Fail",
        Verdict::Waived => "Waived",
        Verdict::NotApplicable => "Not applicable",
        Verdict::NoEvidence => "No evidence",
        Verdict::Error => "Error",
    }
}

pub(super) fn pct(x: f64) -> String {
    format!("{:.0}%", (x * 100.0).clamp(0.0, 100.0))
}

/// Lookups shared by the builders.
pub(super) struct Index<'a> {
    pub report: &'a Report,
    pub rules: BTreeMap<&'a str, &'a RuleSummary>,
    pub functions: BTreeMap<&'a str, (&'a PillarScore, &'a FunctionScore)>,
    pub with_findings: std::collections::BTreeSet<&'a str>,
    pub redact: bool,
}

impl<'a> Index<'a> {
    fn new(report: &'a Report, redact: bool) -> Self {
        let rules = report.rules.iter().map(|r| (r.id.as_str(), r)).collect();
        let functions =
            report.pillars.iter().flat_map(|p| p.functions.iter().map(move |f| (f.id.as_str(), (p, f)))).collect();
        let with_findings = report.findings.iter().map(|f| f.rule_id.as_str()).collect();
        Index { report, rules, functions, with_findings, redact }
    }

    /// Redact a scanned string (idempotent; a no-op with `--no-redact`).
    pub fn clean(&self, s: &str) -> String {
        if self.redact {
            crate::redact::redact(s)
        } else {
            s.to_string()
        }
    }

    pub fn function_name(&self, id: &str) -> String {
        self.functions.get(id).map_or_else(|| id.to_string(), |(p, f)| format!("{} · {}", p.name, f.name))
    }

    pub fn rule_ref(&self, id: &str) -> RuleRef {
        let Some(r) = self.rules.get(id) else {
            return RuleRef {
                id: id.to_string(),
                title: String::new(),
                severity: String::new(),
                stage: String::new(),
                kind: String::new(),
                verdict: String::new(),
                verdict_label: String::new(),
                action: String::new(),
                findings: 0,
                anchor: false,
                contradiction: None,
                corroboration: None,
                reason: String::new(),
            };
        };
        let action = match (r.verdict, r.kind) {
            (Verdict::Fail, crate::model::RuleKind::Evidence) => "Implement",
            (Verdict::Fail, _) => "Fix",
            (Verdict::NoEvidence | Verdict::Error, _) => "Supply evidence",
            (Verdict::Pass | Verdict::Waived, _) => "Keep",
            (Verdict::NotApplicable, _) => "Add inputs",
        };
        RuleRef {
            id: r.id.clone(),
            title: r.title.clone(),
            severity: r.severity.id().to_string(),
            stage: r.stage.label().to_string(),
            kind: r.kind.id().to_string(),
            verdict: r.verdict.id().to_string(),
            verdict_label: verdict_label(r.verdict).to_string(),
            action: action.to_string(),
            findings: r.findings,
            anchor: self.with_findings.contains(r.id.as_str()),
            contradiction: super::relation::relation_text(
                "contradicted by logs",
                &r.contradicted_by,
                "contradicts",
                &r.contradicts,
            ),
            corroboration: super::relation::relation_text(
                "corroborated by logs",
                &r.corroborated_by,
                "corroborates",
                &r.corroborates,
            ),
            reason: r.reason.clone().unwrap_or_default(),
        }
    }

    pub fn refs(&self, ids: &[String]) -> Vec<RuleRef> {
        ids.iter().map(|id| self.rule_ref(id)).collect()
    }
}

/// Build the view model of `report`.
pub fn build(report: &Report, limits: &Limits, redact: bool) -> View {
    let ix = Index::new(report, redact);
    let (privileges, privileges_more) = privilege_view::privileges(&ix, limits);
    View {
        meta: meta(report, redact),
        overall: overall(report),
        chart: chart(&report.pillars),
        severities: Severity::ALL
            .into_iter()
            .rev()
            .map(|s| Count {
                id: s.id().to_string(),
                label: s.id().to_string(),
                count: report.summary.counts.by_severity.get(&s).copied().unwrap_or(0),
            })
            .collect(),
        verdicts: Verdict::ALL
            .into_iter()
            .map(|v| Count {
                id: v.id().to_string(),
                label: verdict_label(v).to_string(),
                count: report.summary.counts.by_verdict.get(&v).copied().unwrap_or(0),
            })
            .collect(),
        top_risks: top_risks(&ix, limits.top_risks),
        roadmap: roadmap(&ix),
        pillars: report.pillars.iter().map(|p| pillar(&ix, p)).collect(),
        findings: detail::findings(&ix, limits),
        inputs: inputs::inputs(&ix, limits),
        ledger: inputs::ledger(&ix),
        privileges,
        privileges_more,
        privilege_usage: privilege_view::usage(&ix),
        log_sources: inputs::log_sources(report),
        stages: Stage::ALL.iter().map(|s| s.label().to_string()).collect(),
        scopes: super::scopes::view(report),
    }
}

fn meta(report: &Report, redact: bool) -> Meta {
    let a = &report.assessment;
    let started = a.started_at.parse::<jiff::Timestamp>().ok();
    let date = started.map_or_else(|| a.started_at.clone(), |t| t.strftime("%Y-%m-%d").to_string());
    let started_at = started.map_or_else(|| a.started_at.clone(), |t| t.strftime("%Y-%m-%d %H:%M UTC").to_string());
    // Only an embedded image: never a URL, never anything a browser would execute.
    let logo = a.logo.clone().filter(|l| {
        ["data:image/png;base64,", "data:image/jpeg;base64,", "data:image/svg+xml;base64,"]
            .iter()
            .any(|p| l.starts_with(p) && l[p.len()..].bytes().all(|b| b.is_ascii_alphanumeric() || b"+/=".contains(&b)))
    });
    Meta {
        title: a.title.clone().unwrap_or_else(|| "Zero Trust Maturity Assessment".to_string()),
        client: a.client.clone(),
        assessor: a.assessor.clone(),
        date,
        started_at,
        roots: a.roots.clone(),
        include: a.include.clone(),
        exclude: a.exclude.clone(),
        logo,
        tool: report.tool.name.clone(),
        version: report.tool.version.clone(),
        rules_digest: report.tool.rules_digest.chars().take(12).collect(),
        catalog_source: report.catalog.source.clone(),
        redacted: a.redacted || redact,
        files: report.summary.files,
        documents: report.summary.documents,
        events: report.summary.events,
        rules: report.rules.len(),
    }
}

fn overall(report: &Report) -> Overall {
    let s = &report.summary;
    let assessed: Vec<&PillarScore> = report.pillars.iter().filter(|p| p.assessed).collect();
    let explanation = match s.overall_stage {
        None => "Not assessed: no input let any pillar or capability be scored.".to_string(),
        Some(stage) => {
            let weakest: Vec<&str> =
                assessed.iter().filter(|p| p.stage == Some(stage)).map(|p| p.name.as_str()).collect();
            let mut e = format!(
                "The lowest stage among the {} assessed pillars and capabilities (weakest link: {}).",
                assessed.len(),
                weakest.join(", ")
            );
            if let Some(u) = s.overall_potential.filter(|u| *u > stage) {
                e.push_str(&format!(" Up to {} if every undecided check passed.", u.label()));
            }
            e
        }
    };
    let total: usize = report.pillars.iter().map(|p| p.functions.len()).sum();
    let done = report.pillars.iter().flat_map(|p| &p.functions).filter(|f| f.assessed).count();
    Overall {
        stage_id: stage_id(s.overall_stage),
        stage: stage_label(s.overall_stage),
        potential: s.overall_potential.filter(|u| s.overall_stage.is_none_or(|o| *u > o)).map(|u| u.label().into()),
        explanation,
        maturity_index: format!("{:.1}", s.maturity_index),
        coverage: format!("{done} of {total} functions assessed"),
        functions_assessed: done,
        functions_total: total,
        contradictions: super::relation::contradictions(report),
        corroborations: s.corroborations,
    }
}

fn pillar(ix: &Index<'_>, p: &PillarScore) -> PillarView {
    let text = ix.report.catalog.pillars.iter().find(|c| c.id == p.id);
    PillarView {
        id: p.id.id().to_string(),
        name: p.name.clone(),
        cross_cutting: p.kind == "cross-cutting",
        description: text.map(|t| t.description.clone()).unwrap_or_default(),
        stage_id: stage_id(p.stage),
        stage: stage_label(p.stage),
        potential: p.potential.filter(|u| p.stage.is_none_or(|s| *u > s)).map(|u| u.label().to_string()),
        coverage: format!(
            "{} of {} functions assessed",
            p.functions.iter().filter(|f| f.assessed).count(),
            p.functions.len()
        ),
        insufficient_coverage: p.insufficient_coverage,
        functions: p.functions.iter().map(|f| function(ix, f)).collect(),
    }
}

fn function(ix: &Index<'_>, f: &FunctionScore) -> FunctionView {
    let text = ix.report.catalog.function(&f.id);
    let stage_text = |s: Option<Stage>| s.and_then(|s| text.and_then(|t| t.stages.get(&s)).cloned());
    let mine: Vec<&RuleSummary> = ix.report.rules.iter().filter(|r| r.function == f.id).collect();
    let applicable = mine.iter().filter(|r| r.verdict != Verdict::NotApplicable).count();
    let decided = mine.iter().filter(|r| r.verdict.is_decided()).count();
    let na = mine.len() - applicable;
    let mut coverage = format!("{decided} of {applicable} applicable rules decided");
    if na > 0 {
        coverage.push_str(&format!("; {na} not applicable (no input of their kinds)"));
    }
    let needs =
        ix.report.missing_inputs.iter().filter(|m| m.functions.contains(&f.id)).map(|m| m.kind.clone()).collect();
    let rule_ids: Vec<&str> = mine.iter().map(|r| r.id.as_str()).collect();
    let attested = ix
        .report
        .attestations
        .iter()
        .filter(|a| a.target == f.id || rule_ids.contains(&a.target.as_str()))
        .map(|a| format!("{} attested by {}: {}", a.stage.label(), a.attested_by, a.statement))
        .collect();
    FunctionView {
        id: f.id.clone(),
        name: f.name.clone(),
        assessed: f.assessed,
        stage_id: stage_id(f.demonstrated),
        demonstrated: stage_label(f.demonstrated),
        potential: f.potential.filter(|u| f.demonstrated.is_none_or(|s| *u > s)).map(|u| u.label().to_string()),
        needs,
        confidence: pct(f.confidence),
        indicative: f.indicative,
        coverage,
        current_text: stage_text(f.demonstrated),
        next_stage: f.next_stage.map(|s| s.label().to_string()),
        next_text: stage_text(f.next_stage),
        // Blocking rules already on the roadmap to the next stage are listed there once.
        blocking: ix.refs(&f.blocking.iter().filter(|b| !f.roadmap.contains(b)).cloned().collect::<Vec<_>>()),
        lifted_by: ix.refs(&f.lifted_by),
        unknown: ix.refs(&f.unknown),
        roadmap: ix.refs(&f.roadmap),
        rules: mine.iter().map(|r| ix.rule_ref(&r.id)).collect(),
        attested,
    }
}
