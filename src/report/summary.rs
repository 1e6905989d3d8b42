//! The executive summary's lists: the top risks (failing rules by severity, blocking first) and
//! the roadmap (per pillar, the rules between its stage and the next one).

use super::detail::location_text;
use super::view::{Index, RuleRef};
use super::RuleSummary;
use crate::model::{Severity, Stage, Verdict};
use crate::score::FunctionScore;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct Risk {
    pub rule: RuleRef,
    pub pillar: String,
    pub function: String,
    pub example: Option<String>,
    pub blocks: Option<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RoadmapStep {
    pub pillar: String,
    pub current: String,
    pub next: String,
    pub functions: Vec<String>,
    pub rules: Vec<RuleRef>,
    /// All rules on this step, and how many of them are not listed.
    pub total: usize,
    pub more: usize,
}

pub(super) fn top_risks(ix: &Index<'_>, n: usize) -> Vec<Risk> {
    let mut failing: Vec<&RuleSummary> = ix.report.rules.iter().filter(|r| r.verdict == Verdict::Fail).collect();
    let blocks_any = |id: &str| ix.functions.values().any(|(_, f)| f.blocking.iter().any(|b| b == id));
    failing.sort_by(|a, b| {
        b.severity
            .cmp(&a.severity)
            .then(blocks_any(&b.id).cmp(&blocks_any(&a.id)))
            .then(a.stage.cmp(&b.stage))
            .then(b.findings.cmp(&a.findings))
            .then(a.id.cmp(&b.id))
    });
    failing
        .into_iter()
        .take(n)
        .map(|r| {
            let example = ix
                .report
                .findings
                .iter()
                .find(|f| f.rule_id == r.id && f.verdict == Verdict::Fail)
                .map(|f| {
                    let at = f.location.as_ref().map(location_text).unwrap_or_default();
                    let what =
                        if f.resource.is_empty() { String::new() } else { format!(" ({})", ix.clean(&f.resource)) };
                    format!("{at}{what}").trim().to_string()
                })
                .filter(|e| !e.is_empty());
            Risk {
                rule: ix.rule_ref(&r.id),
                pillar: ix
                    .functions
                    .get(r.function.as_str())
                    .map_or_else(|| r.pillar.name().into(), |(p, _)| p.name.clone()),
                function: ix.function_name(&r.function),
                example,
                blocks: blocks_any(&r.id)
                    .then(|| format!("blocks {} and above in {}", r.stage.label(), ix.function_name(&r.function))),
            }
        })
        .collect()
}

/// Rules listed per roadmap step on the first screen; the rest are under Pillars and functions.
const STEP_RULES: usize = 5;

/// The summary's roadmap: steps with rules, and the next stages no loaded rule can evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Roadmap {
    pub steps: Vec<RoadmapStep>,
    /// "Advanced in Identity", … : pillars whose weakest functions have no rule for the next stage.
    pub uncovered: Vec<String>,
}

/// Per pillar: the rules that stand between its stage and the next one, taken from the
/// functions holding it at its current stage (the weakest links).
pub(super) fn roadmap(ix: &Index<'_>) -> Roadmap {
    let mut out = Vec::new();
    let mut uncovered = Vec::new();
    for p in ix.report.pillars.iter().filter(|p| p.assessed) {
        let Some(stage) = p.stage else { continue };
        let Some(next) = stage.next() else { continue };
        let holding: Vec<&FunctionScore> =
            p.functions.iter().filter(|f| f.assessed && f.demonstrated == Some(stage)).collect();
        let mut ids: Vec<String> = Vec::new();
        for f in &holding {
            for id in &f.roadmap {
                if !ids.contains(id) {
                    ids.push(id.clone());
                }
            }
        }
        let mut rules = ix.refs(&ids);
        let order = |r: &RuleRef| {
            let stage = Stage::parse(&r.stage).map_or(4, Stage::rank);
            let sev = Severity::parse(&r.severity).map_or(0, |s| 5 - s as u8);
            (stage, sev)
        };
        rules.sort_by_key(order);
        if rules.is_empty() {
            uncovered.push(format!("{} in {}", next.label(), p.name));
            continue;
        }
        let total = rules.len();
        rules.truncate(STEP_RULES);
        out.push(RoadmapStep {
            pillar: p.name.clone(),
            current: stage.label().to_string(),
            next: next.label().to_string(),
            functions: holding.iter().map(|f| f.name.clone()).collect(),
            total,
            more: total - rules.len(),
            rules,
        });
    }
    Roadmap { steps: out, uncovered }
}
