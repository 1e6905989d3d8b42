use super::*;

fn r(id: &str, stage: Stage, kind: RuleKind, verdict: Verdict) -> ScoredRule {
    ScoredRule {
        id: id.into(),
        function: "identity.access-management".into(),
        stage,
        kind,
        severity: Severity::High,
        verdict,
        blocks: false,
        confidence: Confidence::High,
        corroborated: false,
        contradicted: false,
    }
}

fn f(rules: &[ScoredRule]) -> FunctionScore {
    let refs: Vec<&ScoredRule> = rules.iter().collect();
    score_function("identity.access-management", "Access Management", &refs)
}

use RuleKind::{Evidence as E, Gate as G, Indicator as Ind};
use Stage::{Advanced as A, Initial as I, Optimal as O};

#[test]
fn absence_of_bad_patterns_alone_never_promotes() {
    let s = f(&[r("g1", I, G, Verdict::Pass), r("g2", A, G, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert!(s.assessed);
    // No evidence rule exists for Initial here, so there is nothing to put on the roadmap.
    assert!(s.roadmap.is_empty());
}

#[test]
fn evidence_at_each_stage_lifts_step_by_step() {
    let rules = [
        r("g1", I, G, Verdict::Pass),
        r("e1", I, E, Verdict::Pass),
        r("e2", A, E, Verdict::Pass),
        r("e3", O, E, Verdict::Fail),
    ];
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(A));
    assert_eq!(s.roadmap, vec!["e3".to_string()]);
    assert_eq!(s.lifted_by, vec!["e1".to_string(), "e2".to_string()]);
    // Advanced evidence does not skip a stage whose own evidence rule did not pass…
    let s = f(&[r("e1", I, E, Verdict::Fail), r("e2", A, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.roadmap, vec!["e1".to_string()]);
    // …but stands in for a stage the pack has no evidence rule for (stages are cumulative).
    let s = f(&[r("g1", I, G, Verdict::Pass), r("e2", A, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(A));
    // An Initial evidence rule that could not decide (its export was not supplied) does not stop
    // observed Advanced evidence from standing in.
    let s = f(&[r("e1", I, E, Verdict::NoEvidence), r("e2", A, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(A));
    // A gate still caps it.
    let s = f(&[r("g1", I, G, Verdict::Fail), r("e2", A, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    // And with no evidence shown nothing promotes; the roadmap names what would.
    let s = f(&[r("g1", I, G, Verdict::Pass), r("e3", O, E, Verdict::Fail)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.roadmap, vec!["e3".to_string()]);
}

#[test]
fn a_failing_gate_caps_below_its_stage_whatever_the_evidence() {
    let s = f(&[r("g1", I, G, Verdict::Fail), r("e1", I, E, Verdict::Pass), r("e2", A, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.potential, Some(Stage::Traditional));
    assert_eq!(s.blocking, vec!["g1".to_string()]);
    assert_eq!(s.roadmap, vec!["g1".to_string()]);
}

#[test]
fn a_waived_gate_counts_as_met() {
    let s = f(&[r("g1", I, G, Verdict::Waived), r("e1", I, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(I));
    assert!(s.blocking.is_empty());
}

#[test]
fn missing_input_gives_unknown_not_pass_and_widens_the_range() {
    let s = f(&[
        r("g1", I, G, Verdict::NoEvidence),
        r("e1", I, E, Verdict::Pass),
        r("g2", A, G, Verdict::Pass),
        r("e2", A, E, Verdict::Pass),
    ]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.potential, Some(A));
    assert_eq!(s.unknown, vec!["g1".to_string()]);
    assert!(s.confidence < 1.0);
}

#[test]
fn errors_count_as_unknown_never_as_pass() {
    let s = f(&[r("g1", I, G, Verdict::Error), r("e1", I, E, Verdict::Pass)]);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.potential, Some(I));
}

#[test]
fn no_applicable_rule_is_not_assessed_never_traditional() {
    let s = f(&[r("g1", I, G, Verdict::NotApplicable)]);
    assert!(!s.assessed);
    assert_eq!(s.demonstrated, None);
    let s = f(&[r("g1", I, G, Verdict::NoEvidence)]);
    assert!(!s.assessed);
    assert_eq!(s.demonstrated, None);
    assert_eq!(s.potential, Some(Stage::Traditional));
}

#[test]
fn indicators_block_only_when_told() {
    let base = [r("g1", I, G, Verdict::Pass), r("e1", I, E, Verdict::Pass)];
    let mut rules = base.to_vec();
    rules.push(r("i1", I, Ind, Verdict::Fail));
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(I));
    assert!(s.confidence < 1.0, "a failing indicator lowers confidence");
    rules.last_mut().expect("pushed").blocks = true;
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.blocking, vec!["i1".to_string()]);
}

#[test]
fn a_contradicting_indicator_blocks_and_the_contradicted_pass_loses_its_weight() {
    // The config gate claims it (pass); the indicator's log sample shows the opposite. The
    // relation stage hands the indicator over with `blocks` set and marks the gate contradicted.
    let mut rules = vec![r("g1", I, G, Verdict::Pass), r("e1", I, E, Verdict::Pass), r("i1", I, Ind, Verdict::Fail)];
    let before = f(&rules);
    assert_eq!(before.demonstrated, Some(I), "a non-blocking indicator alone does not cap");
    rules[2].blocks = true;
    rules[0].contradicted = true;
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(Stage::Traditional), "the contradiction blocks Initial");
    assert_eq!(s.potential, Some(Stage::Traditional));
    assert_eq!(s.blocking, vec!["i1".to_string()]);
    assert_eq!(s.roadmap.first().map(String::as_str), Some("i1"));
    // The gate's pass is in doubt: it counts as undecided (1 of 2 decided gate/evidence rules).
    assert!((s.confidence - 0.5).abs() < 1e-9, "{}", s.confidence);
}

#[test]
fn a_contradiction_blocks_only_the_indicators_own_stage_and_above() {
    let rules = [
        r("g1", I, G, Verdict::Pass),
        r("e1", I, E, Verdict::Pass),
        r("e2", A, E, Verdict::Pass),
        ScoredRule { blocks: true, ..r("i2", A, Ind, Verdict::Fail) },
    ];
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(I));
    assert_eq!(s.blocking, vec!["i2".to_string()]);
}

#[test]
fn corroborated_config_rules_count_at_full_weight() {
    let mut rules = vec![r("g1", I, G, Verdict::Pass), r("e1", I, E, Verdict::Pass), r("i1", I, Ind, Verdict::Pass)];
    rules[0].confidence = Confidence::Medium;
    let s = f(&rules);
    assert!((s.confidence - 0.85).abs() < 1e-9, "(0.7 + 1.0) / 2, got {}", s.confidence);
    rules[0].corroborated = true;
    let s = f(&rules);
    assert!((s.confidence - 1.0).abs() < 1e-9, "the logs bear the gate out, got {}", s.confidence);
    assert_eq!(s.demonstrated, Some(I), "corroboration never changes a stage");
}

#[test]
fn an_indicator_confirming_a_config_weakness_costs_no_confidence() {
    let mut rules = vec![r("g1", I, G, Verdict::Fail), r("e1", I, E, Verdict::Pass), r("i1", I, Ind, Verdict::Fail)];
    let s = f(&rules);
    assert!((s.confidence - 0.9).abs() < 1e-9, "an unexplained failing indicator costs 0.1, got {}", s.confidence);
    rules[0].corroborated = true;
    rules[2].corroborated = true;
    let s = f(&rules);
    assert!((s.confidence - 1.0).abs() < 1e-9, "the logs confirm the failing gate, got {}", s.confidence);
    assert_eq!(s.demonstrated, Some(Stage::Traditional));
    assert_eq!(s.blocking, vec!["g1".to_string()], "the gate blocks, the indicator does not block twice");
}

#[test]
fn optimal_from_partial_evidence_is_indicative() {
    let mut rules = vec![r("e1", I, E, Verdict::Pass), r("e2", A, E, Verdict::Pass), r("e3", O, E, Verdict::Pass)];
    rules[2].confidence = Confidence::Partial;
    let s = f(&rules);
    assert_eq!(s.demonstrated, Some(O));
    assert!(s.indicative);
    assert!(s.roadmap.is_empty());
    assert!(s.confidence < 1.0);
}

#[test]
fn pillar_is_weakest_function_and_overall_is_weakest_pillar() {
    let cat = crate::rules::load::load_catalog("functions.yaml", crate::rules::load::builtin_catalog_text())
        .expect("catalog loads");
    let mut rules = vec![r("a1", I, E, Verdict::Pass), r("a2", A, E, Verdict::Pass)];
    let mut auth = r("b1", I, E, Verdict::Pass);
    auth.function = "identity.authentication".into();
    rules.push(auth);
    let mut net = r("n1", I, G, Verdict::Fail);
    net.function = "networks.segmentation".into();
    rules.push(net);
    let s = score(&cat, &rules);
    let identity = s.pillars.iter().find(|p| p.id == Pillar::Identity).expect("identity");
    assert_eq!(identity.stage, Some(I), "min(Advanced, Initial)");
    assert!(identity.coverage > 0.0 && identity.coverage < 0.5);
    assert!(identity.insufficient_coverage);
    let devices = s.pillars.iter().find(|p| p.id == Pillar::Devices).expect("devices");
    assert!(!devices.assessed);
    assert_eq!(devices.stage, None);
    assert_eq!(s.overall, Some(Stage::Traditional), "networks caps the overall");
    // index: met = a1(1) + a2(2) + b1(1) = 4 of 5.
    assert!((s.maturity_index - 80.0).abs() < 1e-9, "{}", s.maturity_index);
}

#[test]
fn empty_scan_is_not_assessed_everywhere() {
    let cat = crate::rules::load::load_catalog("functions.yaml", crate::rules::load::builtin_catalog_text())
        .expect("catalog loads");
    let s = score(&cat, &[]);
    assert!(s.pillars.iter().all(|p| !p.assessed && p.stage.is_none()));
    assert_eq!(s.overall, None);
    assert!(s.maturity_index.abs() < f64::EPSILON);
}
