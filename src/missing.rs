//! Missing inputs: what the scan could not see, and which functions that leaves unassessed or
//! capped — "no identity-provider export: Identity authentication capped".

use crate::model::Verdict;
use crate::report::MissingInput;
use crate::rules::RuleSet;
use crate::score::Score;
use std::collections::{BTreeMap, BTreeSet};

pub fn missing_inputs(rules: &RuleSet, verdicts: &[Verdict], score: &Score) -> Vec<MissingInput> {
    let mut by_input: BTreeMap<String, (BTreeSet<String>, usize)> = BTreeMap::new();
    for (r, v) in rules.rules.iter().zip(verdicts) {
        if *v == Verdict::NoEvidence {
            if let Some(needs) = &r.needs {
                let e = by_input.entry(needs.clone()).or_default();
                e.0.insert(r.function.clone());
                e.1 += 1;
            }
        }
    }
    let mut out: Vec<MissingInput> = by_input
        .into_iter()
        .map(|(kind, (functions, n))| MissingInput {
            why: format!(
                "{n} rule(s) could not decide without it; {} stay(s) unassessed or capped",
                functions.iter().cloned().collect::<Vec<_>>().join(", ")
            ),
            kind,
            functions: functions.into_iter().collect(),
        })
        .collect();
    // Functions no file can evidence: the catalog names the export that would.
    let mut by_export: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for p in &score.pillars {
        for f in p.functions.iter().filter(|f| !f.assessed) {
            if let Some(func) = rules.catalog.function(&f.id) {
                for need in &func.needs {
                    by_export.entry(need.clone()).or_default().insert(f.id.clone());
                }
            }
        }
    }
    for (kind, functions) in by_export {
        if out.iter().any(|m| m.kind == kind) {
            continue;
        }
        out.push(MissingInput {
            why: format!("would let {} be assessed", functions.iter().cloned().collect::<Vec<_>>().join(", ")),
            kind,
            functions: functions.into_iter().collect(),
        });
    }
    out
}
