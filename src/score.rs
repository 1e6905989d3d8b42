//! score: verdicts → function stages → pillar stages → overall, plus roadmap, coverage, confidence
//! and the maturity index (DESIGN.md §5, ZTMM.md Part 3). Pure and unit-tested on hand-made tables.
//!
//! A stage S is demonstrated when every applicable gate at or below S passes or is waived, no gate
//! or blocking indicator at or below S fails, and every stage from Initial up to S has a passing
//! evidence rule — absence of bad patterns alone never promotes. Where the pack has no applicable
//! evidence rule for a stage, passing evidence of a higher stage stands in for it (stages are
//! cumulative), so a gap in the catalog does not pin a function at Traditional. The potential stage is the same
//! computation with every unknown (`no_evidence`, `error`) counted as a pass.
//!
//! Config versus behaviour (`rules/relate.rs`): an indicator whose failures contradict a passing
//! config rule arrives here with `blocks` set, so it blocks its stage like a `blocks: true` one.
//! Confidence — the weighted share of decided gate and evidence rules — counts a config rule the
//! logs **corroborate** at full weight (1.0, whatever its static `confidence`: behaviour was seen
//! to match the file), and a config rule the logs **contradict** at no weight (its pass is in
//! doubt; the verdict itself stands, and the contradicting indicator blocks instead). A failing
//! indicator that blocks nothing lowers confidence by 0.1 — the configs may not tell the whole
//! story — unless it corroborates a failing config rule: then the logs confirm what the configs
//! already say, and cost nothing.

use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use crate::rules::model::{Catalog, Confidence};
use serde::{Deserialize, Serialize};

/// What scoring needs to know about one rule and its verdict.
#[derive(Debug, Clone)]
pub struct ScoredRule {
    pub id: String,
    pub function: String,
    pub stage: Stage,
    pub kind: RuleKind,
    pub severity: Severity,
    pub verdict: Verdict,
    pub blocks: bool,
    pub confidence: Confidence,
    /// A config rule: indicators in the scan's logs agree with its verdict. An indicator: it
    /// agrees with the config rules it checks.
    pub corroborated: bool,
    /// An indicator in the scan's logs contradicts this config rule's pass.
    pub contradicted: bool,
}

impl ScoredRule {
    /// This rule's weight in the confidence of its function, once decided.
    fn confidence_weight(&self) -> f64 {
        if self.contradicted {
            0.0
        } else if self.corroborated {
            1.0
        } else {
            self.confidence.weight()
        }
    }

    fn blocks_stage(&self) -> bool {
        self.kind == RuleKind::Gate || (self.kind == RuleKind::Indicator && self.blocks)
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FunctionScore {
    pub id: String,
    pub name: String,
    pub assessed: bool,
    pub demonstrated: Option<Stage>,
    pub potential: Option<Stage>,
    /// Optimal demonstrated only from partial (static-file) evidence.
    pub indicative: bool,
    pub confidence: f64,
    /// Failing gates and blocking indicators, by stage then severity.
    pub blocking: Vec<String>,
    /// Rules between the demonstrated stage and the next one.
    pub roadmap: Vec<String>,
    /// Passing evidence rules that lifted the function.
    pub lifted_by: Vec<String>,
    /// Rules that could not decide (no evidence or error).
    pub unknown: Vec<String>,
    pub next_stage: Option<Stage>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PillarScore {
    pub id: Pillar,
    pub name: String,
    pub kind: String,
    pub assessed: bool,
    pub stage: Option<Stage>,
    pub potential: Option<Stage>,
    /// Assessed functions / all functions of the pillar.
    pub coverage: f64,
    /// Fewer than half the functions assessed: the stage is a partial minimum.
    pub insufficient_coverage: bool,
    pub functions: Vec<FunctionScore>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Score {
    pub pillars: Vec<PillarScore>,
    pub overall: Option<Stage>,
    pub overall_potential: Option<Stage>,
    pub maturity_index: f64,
}

fn passes(v: Verdict, optimistic: bool) -> bool {
    matches!(v, Verdict::Pass | Verdict::Waived) || (optimistic && v.is_unknown())
}

/// The highest stage demonstrated by `rules` (all of one function), `Traditional` at least.
pub fn stage_of(rules: &[&ScoredRule], optimistic: bool) -> Stage {
    let mut reached = Stage::Traditional;
    for s in [Stage::Initial, Stage::Advanced, Stage::Optimal] {
        let gates_ok = rules.iter().filter(|r| r.stage <= s && r.blocks_stage()).all(|r| match r.kind {
            RuleKind::Gate => passes(r.verdict, optimistic),
            _ => r.verdict != Verdict::Fail,
        });
        let evidence_ok = [Stage::Initial, Stage::Advanced, Stage::Optimal].into_iter().filter(|t| *t <= s).all(|t| {
            let shown = |r: &ScoredRule| r.verdict == Verdict::Pass || (optimistic && r.verdict.is_unknown());
            let evidence_at =
                |stage: Stage| rules.iter().filter(move |r| r.kind == RuleKind::Evidence && r.stage == stage);
            if evidence_at(t).any(|r| shown(r)) {
                return true;
            }
            // No evidence rule for this stage could decide (none applies, or its input was not
            // supplied): a capability shown at a higher stage is evidence that this one was passed
            // (stages are cumulative). One that looked and did not find stays a requirement.
            !evidence_at(t).any(|r| r.verdict.is_decided())
                && rules.iter().any(|r| r.kind == RuleKind::Evidence && r.stage > t && shown(r))
        });
        if gates_ok && evidence_ok {
            reached = s;
        } else {
            break;
        }
    }
    reached
}

fn by_stage_then_severity(rules: &mut [&ScoredRule]) {
    rules.sort_by(|a, b| a.stage.cmp(&b.stage).then(b.severity.cmp(&a.severity)).then(a.id.cmp(&b.id)));
}

/// Score one function from its applicable rules.
pub fn score_function(id: &str, name: &str, all: &[&ScoredRule]) -> FunctionScore {
    let rules: Vec<&ScoredRule> = all.iter().copied().filter(|r| r.verdict != Verdict::NotApplicable).collect();
    let decided = rules.iter().any(|r| r.verdict.is_decided());
    let mut f = FunctionScore {
        id: id.to_string(),
        name: name.to_string(),
        assessed: decided,
        demonstrated: None,
        potential: None,
        indicative: false,
        confidence: 0.0,
        blocking: Vec::new(),
        roadmap: Vec::new(),
        lifted_by: Vec::new(),
        unknown: rules.iter().filter(|r| r.verdict.is_unknown()).map(|r| r.id.clone()).collect(),
        next_stage: None,
    };
    if rules.is_empty() {
        return f;
    }
    let potential = stage_of(&rules, true);
    f.potential = Some(potential);
    if !decided {
        return f;
    }
    let demonstrated = stage_of(&rules, false);
    f.demonstrated = Some(demonstrated);
    f.next_stage = demonstrated.next();
    f.indicative = demonstrated == Stage::Optimal
        && rules
            .iter()
            .filter(|r| r.kind == RuleKind::Evidence && r.stage == Stage::Optimal && r.verdict == Verdict::Pass)
            .all(|r| r.confidence == Confidence::Partial);
    let mut blocking: Vec<&ScoredRule> =
        rules.iter().copied().filter(|r| r.blocks_stage() && r.verdict == Verdict::Fail).collect();
    by_stage_then_severity(&mut blocking);
    f.blocking = blocking.iter().map(|r| r.id.clone()).collect();
    f.lifted_by = rules
        .iter()
        .filter(|r| r.kind == RuleKind::Evidence && r.verdict == Verdict::Pass && r.stage <= demonstrated)
        .map(|r| r.id.clone())
        .collect();
    if let Some(next) = f.next_stage {
        let mut road: Vec<&ScoredRule> = rules
            .iter()
            .copied()
            .filter(|r| {
                r.stage <= next
                    && r.blocks_stage()
                    && !passes(r.verdict, false)
                    && !(r.kind == RuleKind::Indicator && r.verdict != Verdict::Fail)
            })
            .collect();
        for t in [Stage::Initial, Stage::Advanced, Stage::Optimal].into_iter().filter(|t| *t <= next) {
            let defined = rules.iter().any(|r| r.kind == RuleKind::Evidence && r.stage == t && r.verdict.is_decided());
            let counts = |r: &ScoredRule| r.kind == RuleKind::Evidence && (r.stage == t || (!defined && r.stage > t));
            if !rules.iter().any(|r| counts(r) && r.verdict == Verdict::Pass) {
                road.extend(rules.iter().copied().filter(|r| counts(r)));
            }
        }
        by_stage_then_severity(&mut road);
        road.dedup_by(|a, b| a.id == b.id);
        f.roadmap = road.iter().map(|r| r.id.clone()).collect();
    }
    let scored: Vec<&ScoredRule> = rules.iter().copied().filter(|r| r.kind != RuleKind::Indicator).collect();
    let weight: f64 = scored.iter().filter(|r| r.verdict.is_decided()).map(|r| r.confidence_weight()).sum();
    #[allow(clippy::cast_precision_loss)]
    let mut confidence = if scored.is_empty() { 1.0 } else { weight / scored.len() as f64 };
    // A failing indicator that does not block still says the configs may not tell the whole story.
    #[allow(clippy::cast_precision_loss)]
    let noisy = rules
        .iter()
        .filter(|r| r.kind == RuleKind::Indicator && !r.blocks && !r.corroborated && r.verdict == Verdict::Fail)
        .count() as f64;
    confidence = (confidence - 0.1 * noisy).max(0.0);
    f.confidence = (confidence * 100.0).round() / 100.0;
    f
}

fn stage_weight(s: Stage) -> f64 {
    f64::from(s.rank())
}

/// Score everything.
pub fn score(catalog: &Catalog, rules: &[ScoredRule]) -> Score {
    let mut pillars = Vec::new();
    for p in &catalog.pillars {
        let functions: Vec<FunctionScore> = p
            .functions
            .iter()
            .map(|func| {
                let mine: Vec<&ScoredRule> = rules.iter().filter(|r| r.function == func.id).collect();
                score_function(&func.id, &func.name, &mine)
            })
            .collect();
        let assessed: Vec<&FunctionScore> = functions.iter().filter(|f| f.assessed).collect();
        #[allow(clippy::cast_precision_loss)]
        let coverage = if functions.is_empty() { 0.0 } else { assessed.len() as f64 / functions.len() as f64 };
        pillars.push(PillarScore {
            id: p.id,
            name: p.name.clone(),
            kind: if p.cross_cutting { "cross-cutting".into() } else { "pillar".into() },
            assessed: !assessed.is_empty(),
            stage: assessed.iter().filter_map(|f| f.demonstrated).min(),
            potential: functions.iter().filter_map(|f| f.potential).min(),
            coverage: (coverage * 1000.0).round() / 1000.0,
            insufficient_coverage: !assessed.is_empty() && coverage < 0.5,
            functions,
        });
    }
    let overall = pillars.iter().filter_map(|p| p.stage).min();
    let overall_potential = pillars.iter().filter_map(|p| p.potential).min();
    let mut met = 0.0;
    let mut total = 0.0;
    for r in rules.iter().filter(|r| r.kind != RuleKind::Indicator && r.verdict != Verdict::NotApplicable) {
        total += stage_weight(r.stage);
        if matches!(r.verdict, Verdict::Pass | Verdict::Waived) {
            met += stage_weight(r.stage);
        }
    }
    let maturity_index = if total == 0.0 { 0.0 } else { (met / total * 1000.0).round() / 10.0 };
    Score { pillars, overall, overall_potential, maturity_index }
}

#[cfg(test)]
#[path = "score_tests.rs"]
mod tests;
