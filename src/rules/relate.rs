//! Config versus behaviour. Configs show intent, logs show behaviour: an indicator that declares
//! `contradicts: [ZT-ID-001]` checks ZT-ID-001's claim against its log sample once every file of
//! the scan is merged (and waivers applied), before scoring.
//!
//! The claim is the conjunction of the named config rules: they make it when each one that could
//! decide passes (`not_applicable` ones are ignored) and at least one does; they admit the weakness
//! when any of them fails (or is waived). Any other mix — a rule undecided for want of evidence or
//! a parse error — makes no claim, and nothing is related. Then:
//!
//! | indicator | claim made | weakness admitted |
//! |---|---|---|
//! | fails | **contradicted**: the indicator blocks its stage as if `blocks: true`; the config rules stay `pass` but are `contradicted_by` it | **corroborated**: behaviour confirms the config weakness |
//! | waived | — (the waiver explains what the logs show) | **corroborated** |
//! | passes | **corroborated**: the config rules are `corroborated_by` the logs | — |
//!
//! Scope: ztmm cannot always tell which host a log came from, or whether an sshd_config and an
//! auth.log belong to the same machine. It takes one scan to be one estate: the configs scanned
//! claim something of the estate, and the logs scanned show the estate's behaviour. The report
//! says "in this scan" for that reason.

use super::model::Rule;
use crate::finding::{Finding, Related, Relation};
use crate::model::{RuleKind, Verdict};
use crate::scan::{FileStatus, InventoryEntry};
use serde_json::Value;
use std::collections::BTreeMap;

/// Places cited on the other side of one relation, at most.
pub const MAX_RELATED: usize = 10;

/// What the logs said about one rule, index-aligned with the rule set.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RuleRelations {
    /// An indicator: the config rules whose claim its failures contradicted. Non-empty = it blocks.
    pub contradicts: Vec<String>,
    /// An indicator: the config rules it agreed with (a weakness confirmed, or a claim borne out).
    pub corroborates: Vec<String>,
    /// A config rule: the indicators whose log samples contradict its pass.
    pub contradicted_by: Vec<String>,
    /// A config rule: the indicators whose log samples agree with its verdict.
    pub corroborated_by: Vec<String>,
}

impl RuleRelations {
    /// A failing indicator that contradicts a config claim blocks its stage.
    pub fn blocks(&self) -> bool {
        !self.contradicts.is_empty()
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Claim {
    Made,
    WeaknessAdmitted,
}

fn claim(verdicts: &[Verdict]) -> Option<Claim> {
    if verdicts.iter().any(|v| matches!(v, Verdict::Fail | Verdict::Waived)) {
        return Some(Claim::WeaknessAdmitted);
    }
    let all_pass = verdicts.iter().all(|v| matches!(v, Verdict::Pass | Verdict::NotApplicable));
    (all_pass && verdicts.contains(&Verdict::Pass)).then_some(Claim::Made)
}

/// Which of a rule's findings a relation concerns: the failures (and waived failures), or the
/// passing observations.
fn side(failing: bool) -> &'static [Verdict] {
    if failing {
        &[Verdict::Fail, Verdict::Waived]
    } else {
        &[Verdict::Pass]
    }
}

/// One annotation to make on a rule's findings.
struct Note {
    rule_id: String,
    verdicts: &'static [Verdict],
    relation: Relation,
    related: Vec<Related>,
}

fn cite(findings: &[Finding], rule_id: &str, verdicts: &[Verdict], out: &mut Vec<Related>) {
    for f in findings.iter().filter(|f| f.rule_id == rule_id && verdicts.contains(&f.verdict)) {
        let Some(loc) = &f.location else { continue };
        let r =
            Related { path: loc.path.clone(), line: loc.line, rule_id: f.rule_id.clone(), message: f.message.clone() };
        // One place once, under the first rule that cites it (ZT-ID-014 and ZT-ID-015 pass on the
        // same pg_hba rows).
        if out.len() < MAX_RELATED && !out.iter().any(|o| o.path == r.path && o.line == r.line) {
            out.push(r);
        }
    }
}

/// The log files an indicator read, for a claim its sample bears out (it has no line to cite).
fn log_files(rule: &Rule, inventory: &[InventoryEntry], out: &mut Vec<Related>) {
    let empty = Value::Null;
    let root = super::path::Node { value: &empty, pointer: "" };
    let message = rule.pass_message.as_ref().map_or_else(|| rule.title.clone(), |t| t.render(root, root));
    let read = inventory
        .iter()
        .filter(|e| e.status != FileStatus::Skipped && e.events > 0 && e.kind.is_some_and(|k| rule.applies_to_kind(k)));
    for e in read.take(MAX_RELATED) {
        out.push(Related { path: e.path.clone(), line: None, rule_id: rule.id.clone(), message: message.clone() });
    }
}

/// Relate every indicator with `contradicts:` to the config rules it names, annotating both
/// sides' findings. `verdicts` is index-aligned with `rules` (after waivers).
pub fn relate(
    rules: &[Rule],
    verdicts: &[Verdict],
    findings: &mut [Finding],
    inventory: &[InventoryEntry],
) -> Vec<RuleRelations> {
    let index: BTreeMap<&str, usize> = rules.iter().enumerate().map(|(i, r)| (r.id.as_str(), i)).collect();
    let mut out = vec![RuleRelations::default(); rules.len()];
    let mut notes: Vec<Note> = Vec::new();
    for (i, ind) in rules.iter().enumerate().filter(|(_, r)| r.kind == RuleKind::Indicator) {
        // A named rule that is disabled in this assessment makes no claim.
        let targets: Vec<usize> = ind.contradicts.iter().filter_map(|c| index.get(c.id.as_str()).copied()).collect();
        let target_verdicts: Vec<Verdict> = targets.iter().filter_map(|t| verdicts.get(*t).copied()).collect();
        let (Some(made), Some(&seen)) = (claim(&target_verdicts), verdicts.get(i)) else { continue };
        let failed = matches!(seen, Verdict::Fail | Verdict::Waived);
        let relation = match (made, seen) {
            (Claim::Made, Verdict::Fail) => Relation::Contradicted,
            (Claim::WeaknessAdmitted, Verdict::Fail | Verdict::Waived) | (Claim::Made, Verdict::Pass) => {
                Relation::Corroborated
            }
            // A waiver on the indicator is an assessor's explanation of what the logs show (a
            // password that is a second factor after a key, say): it lifts the contradiction.
            _ => continue,
        };
        // The config rules on the other side: those that passed (a claim) or failed (a weakness).
        let config_failing = made == Claim::WeaknessAdmitted;
        let involved: Vec<usize> = targets
            .iter()
            .copied()
            .filter(|t| verdicts.get(*t).is_some_and(|v| side(config_failing).contains(v)))
            .collect();
        let mut config_places = Vec::new();
        for t in &involved {
            let id = &rules[*t].id;
            cite(findings, id, side(config_failing), &mut config_places);
            match relation {
                Relation::Contradicted => {
                    out[i].contradicts.push(id.clone());
                    out[*t].contradicted_by.push(ind.id.clone());
                }
                Relation::Corroborated => {
                    out[i].corroborates.push(id.clone());
                    out[*t].corroborated_by.push(ind.id.clone());
                }
            }
        }
        let mut log_places = Vec::new();
        if failed {
            cite(findings, &ind.id, side(true), &mut log_places);
        } else {
            log_files(ind, inventory, &mut log_places);
        }
        notes.push(Note { rule_id: ind.id.clone(), verdicts: side(failed), relation, related: config_places });
        for t in involved {
            notes.push(Note {
                rule_id: rules[t].id.clone(),
                verdicts: side(config_failing),
                relation,
                related: log_places.clone(),
            });
        }
    }
    for note in notes {
        for f in findings.iter_mut().filter(|f| f.rule_id == note.rule_id && note.verdicts.contains(&f.verdict)) {
            annotate(f, note.relation, &note.related);
        }
    }
    out
}

/// A contradiction outweighs a corroboration of the same finding (another indicator agreeing does
/// not undo what one showed): it replaces what was cited; the same relation adds to it.
fn annotate(f: &mut Finding, relation: Relation, related: &[Related]) {
    match (f.relation, relation) {
        (Some(Relation::Contradicted), Relation::Corroborated) => return,
        (Some(Relation::Corroborated), Relation::Contradicted) => f.related.clear(),
        _ => {}
    }
    f.relation = Some(relation);
    for r in related {
        if f.related.len() < MAX_RELATED && !f.related.contains(r) {
            f.related.push(r.clone());
        }
    }
}

#[cfg(test)]
#[path = "relate_tests.rs"]
mod tests;
