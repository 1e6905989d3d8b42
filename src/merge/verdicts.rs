//! The combined view's scores: one verdict per rule across all scopes, then the very scoring code a
//! scan runs (`score::score`), so function, pillar and overall stages and the maturity index mean
//! exactly what they mean for one scan — weakest link, recomputed, never averaged.
//!
//! How a rule's verdicts in the scopes combine (the first row that matches wins):
//!
//! | verdicts across the scopes                              | combined         |
//! |---------------------------------------------------------|------------------|
//! | any `fail`                                              | `fail`           |
//! | any `waived` (and no `fail`)                            | `waived`         |
//! | any `error` (and no `fail` or `waived`)                 | `error`          |
//! | any `pass` (the rest `no_evidence` / `not_applicable`)  | `pass`           |
//! | any `no_evidence` (the rest `not_applicable`)           | `no_evidence`    |
//! | all `not_applicable`, or the rule is in no scope's pack | `not_applicable` |
//!
//! A failure anywhere is a failure of the estate (weakest link), and a failure waived by its own
//! scope stays waived. An `error` outranks a `pass`: a scope whose inputs of the rule's kinds could
//! not be read may hide a failure, and a pass elsewhere must not turn that into a silent pass. A
//! `no_evidence` does not outrank a `pass`: that scope holds nothing to judge the rule by (an
//! identity-provider export usually lives with one team), and the scope that has it decided.
//! The table is a maximum over a fixed ranking, so the order of the inputs cannot change it.

use crate::model::{RuleKind, Stage, Verdict};
use crate::report::{Report, ReportCatalog, RuleSummary};
use crate::rules::model::{Catalog, CatalogPillar, Confidence, Function};
use crate::score::ScoredRule;
use std::collections::{BTreeMap, BTreeSet};

/// Rank in the table above: the highest rank among the scopes' verdicts is the combined one.
fn rank(v: Verdict) -> u8 {
    match v {
        Verdict::NotApplicable => 0,
        Verdict::NoEvidence => 1,
        Verdict::Pass => 2,
        Verdict::Error => 3,
        Verdict::Waived => 4,
        Verdict::Fail => 5,
    }
}

/// Combine one rule's verdicts in several scopes (see the module table).
pub fn combine(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
    verdicts.into_iter().max_by_key(|v| rank(*v)).unwrap_or(Verdict::NotApplicable)
}

/// One rule of the combined view: its summary (metadata from the first scope, by name, that has
/// the rule) with the combined verdict, and what scoring needs to know about it.
pub struct CombinedRule {
    pub summary: RuleSummary,
    pub scored: ScoredRule,
}

/// Combine the rules of `scopes` (sorted by name). Rules appear in the order of the first scope
/// that has them; a rule missing from a scope's pack counts as `not_applicable` there.
pub fn combine_rules(scopes: &[(&str, &Report)]) -> Vec<CombinedRule> {
    let mut order: Vec<&RuleSummary> = Vec::new();
    let mut verdicts: BTreeMap<&str, Vec<Verdict>> = BTreeMap::new();
    let mut blocks: BTreeSet<&str> = BTreeSet::new();
    // Config-versus-log relations hold within one scan (one estate); the combined view keeps
    // every scope's, so a contradiction in one team's scan still shows and still blocks.
    let mut relations: BTreeMap<&str, [BTreeSet<String>; 4]> = BTreeMap::new();
    for (_, report) in scopes {
        for r in &report.rules {
            let seen = verdicts.entry(r.id.as_str()).or_default();
            if seen.is_empty() {
                order.push(r);
            }
            seen.push(r.verdict);
            let rel = relations.entry(r.id.as_str()).or_default();
            for (set, ids) in
                rel.iter_mut().zip([&r.contradicted_by, &r.corroborated_by, &r.contradicts, &r.corroborates])
            {
                set.extend(ids.iter().cloned());
            }
            if r.blocks {
                blocks.insert(r.id.as_str());
            }
        }
        // Reports written before rules carried `blocks` still list a failing blocking indicator
        // under its function's `blocking`; only a failing one ever needs the flag.
        let by_id: BTreeMap<&str, &RuleSummary> = report.rules.iter().map(|r| (r.id.as_str(), r)).collect();
        for id in report.pillars.iter().flat_map(|p| &p.functions).flat_map(|f| &f.blocking) {
            if by_id.get(id.as_str()).is_some_and(|r| r.kind == RuleKind::Indicator) {
                blocks.insert(id.as_str());
            }
        }
    }
    order
        .into_iter()
        .map(|r| {
            let verdict = combine(verdicts.get(r.id.as_str()).into_iter().flatten().copied());
            let mut summary = r.clone();
            summary.verdict = verdict;
            summary.blocks = blocks.contains(r.id.as_str());
            let confidence = r.confidence.unwrap_or_else(|| Confidence::default_for(r.stage));
            summary.confidence = Some(confidence);
            if let Some([contradicted_by, corroborated_by, contradicts, corroborates]) = relations.remove(r.id.as_str())
            {
                summary.contradicted_by = contradicted_by.into_iter().collect();
                summary.corroborated_by = corroborated_by.into_iter().collect();
                summary.contradicts = contradicts.into_iter().collect();
                summary.corroborates = corroborates.into_iter().collect();
            }
            let scored = ScoredRule {
                id: r.id.clone(),
                function: r.function.clone(),
                stage: r.stage,
                kind: r.kind,
                severity: r.severity,
                verdict,
                blocks: summary.blocks,
                confidence,
                corroborated: !summary.corroborated_by.is_empty() || !summary.corroborates.is_empty(),
                contradicted: !summary.contradicted_by.is_empty(),
            };
            CombinedRule { summary, scored }
        })
        .collect()
}

/// The scoring catalog carried by a report (function ids, names and stage texts), so the merge
/// scores with the catalog the scans were scored with. `None` when the report carries none.
pub fn catalog_of(report: &Report) -> Option<Catalog> {
    let c: &ReportCatalog = &report.catalog;
    if c.pillars.is_empty() {
        return None;
    }
    let pillars = c
        .pillars
        .iter()
        .map(|p| CatalogPillar {
            id: p.id,
            name: p.name.clone(),
            cross_cutting: p.id.is_cross_cutting(),
            description: p.description.clone(),
            functions: p
                .functions
                .iter()
                .map(|f| Function {
                    id: f.id.clone(),
                    name: f.name.clone(),
                    pillar: p.id,
                    cisa_row: f.cisa_row.clone(),
                    note: None,
                    stages: Stage::ALL.map(|s| f.stages.get(&s).cloned().unwrap_or_default()),
                    evidence_from_files: f.evidence_from_files.clone(),
                    needs: f.needs.clone(),
                })
                .collect(),
        })
        .collect();
    Some(Catalog { source: c.source.clone(), pillars })
}

#[cfg(test)]
mod tests {
    use super::*;
    use Verdict::*;

    #[test]
    fn the_table_rows_in_order() {
        assert_eq!(combine([Pass, Fail, Waived, Error]), Fail);
        assert_eq!(combine([Pass, Waived, NoEvidence]), Waived);
        assert_eq!(combine([Pass, Error]), Error);
        assert_eq!(combine([Pass, NoEvidence, NotApplicable]), Pass);
        assert_eq!(combine([NoEvidence, NotApplicable]), NoEvidence);
        assert_eq!(combine([NotApplicable, NotApplicable]), NotApplicable);
        assert_eq!(combine([]), NotApplicable);
    }

    #[test]
    fn the_order_of_the_scopes_does_not_matter() {
        let all = [Pass, Fail, Waived, NotApplicable, NoEvidence, Error];
        for a in all {
            for b in all {
                for c in all {
                    let v = combine([a, b, c]);
                    assert_eq!(v, combine([c, a, b]));
                    assert_eq!(v, combine([b, c, a]));
                    assert_eq!(v, combine([c, b, a]));
                }
            }
        }
    }
}
