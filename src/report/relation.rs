//! Config versus behaviour as the readable reports show it: the badge and the places on a
//! finding, the badge on a rule, and the list of contradictions for the summaries. The relations
//! themselves are computed once, in `rules/relate.rs`, and carried by report.json.

use super::view::Index;
use super::Report;
use crate::finding::{Finding, Relation};
use crate::model::{RuleKind, Verdict};
use serde::Serialize;

/// A finding's relation between config and logs, ready to read.
#[derive(Debug, Clone, Serialize)]
pub struct RelationView {
    /// `contradicted` or `corroborated`, for styling.
    pub id: String,
    /// The badge: "contradicted by logs" / "corroborated by logs".
    pub badge: String,
    /// What the places below are, from this finding's side.
    pub note: String,
    pub related: Vec<RelatedView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RelatedView {
    pub location: String,
    pub rule_id: String,
    pub message: String,
}

/// "ZT-ID-029 contradicts ZT-ID-001, ZT-ID-010", one per indicator whose logs contradict a
/// config claim in this scan.
pub fn contradictions(report: &Report) -> Vec<String> {
    report
        .rules
        .iter()
        .filter(|r| !r.contradicts.is_empty())
        .map(|r| format!("{} contradicts {}", r.id, r.contradicts.join(", ")))
        .collect()
}

/// "contradicted by logs (ZT-ID-029)" for a config rule, "contradicts ZT-ID-001, ZT-ID-010" for
/// an indicator; none when unrelated.
pub(super) fn relation_text(by: &str, by_ids: &[String], verb: &str, ids: &[String]) -> Option<String> {
    if !by_ids.is_empty() {
        Some(format!("{by} ({})", by_ids.join(", ")))
    } else if !ids.is_empty() {
        Some(format!("{verb} {}", ids.join(", ")))
    } else {
        None
    }
}

pub(super) fn relation_view(ix: &Index<'_>, f: &Finding) -> Option<RelationView> {
    let relation = f.relation?;
    let from_logs = ix.rules.get(f.rule_id.as_str()).is_some_and(|r| r.kind == RuleKind::Indicator);
    let failing = f.verdict != Verdict::Pass;
    let (badge, note) = match (relation, from_logs, failing) {
        (Relation::Contradicted, true, _) => {
            ("contradicted by logs", "The configs in this scan claim this cannot happen:")
        }
        (Relation::Contradicted, false, _) => {
            ("contradicted by logs", "The configs claim it; the logs in this scan show otherwise:")
        }
        (Relation::Corroborated, true, _) => ("corroborated by logs", "As the configs in this scan allow:"),
        (Relation::Corroborated, false, true) => ("corroborated by logs", "The logs in this scan show it happening:"),
        (Relation::Corroborated, false, false) => ("corroborated by logs", "The logs in this scan bear it out:"),
    };
    let related = f
        .related
        .iter()
        .map(|r| RelatedView {
            location: match r.line {
                Some(line) => format!("{}:{line}", r.path),
                None => r.path.clone(),
            },
            rule_id: r.rule_id.clone(),
            message: ix.clean(&r.message),
        })
        .collect();
    Some(RelationView { id: relation.id().to_string(), badge: badge.to_string(), note: note.to_string(), related })
}
