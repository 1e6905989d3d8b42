use super::*;
use serde_json::{json, Value};

fn function(id: &str, demonstrated: Option<&str>) -> Value {
    json!({"id": id, "name": id, "assessed": demonstrated.is_some(), "demonstrated": demonstrated,
           "potential": demonstrated, "indicative": false, "confidence": 1.0, "blocking": [], "roadmap": [],
           "lifted_by": [], "unknown": [], "next_stage": null})
}

fn pillar(id: &str, stage: Option<&str>, functions: Vec<Value>) -> Value {
    json!({"id": id, "name": id, "kind": "pillar", "assessed": stage.is_some(), "stage": stage,
           "potential": stage, "coverage": 0.5, "insufficient_coverage": false, "functions": functions})
}

/// Identity: authentication Advanced, access-management Initial → Initial. Devices: nothing
/// assessed. One critical finding of ZT-ID-002.
fn report(attestations: &Value, accepted: bool) -> Report {
    let v = json!({
        "schema_version": "1.0",
        "tool": {"name": "ztmm", "version": "0", "rules_digest": ""},
        "assessment": {"roots": [], "started_at": "", "duration_ms": 0},
        "summary": {"overall_stage": "initial", "overall_potential": "initial", "maturity_index": 50.0,
                    "counts": {"by_severity": {}, "by_verdict": {}}, "files": 1, "documents": 1, "events": 0,
                    "coverage": 0.2},
        "pillars": [
            pillar("identity", Some("initial"), vec![
                function("identity.authentication", Some("advanced")),
                function("identity.access-management", Some("initial")),
            ]),
            pillar("devices", None, vec![function("devices.policy-enforcement", None)]),
        ],
        "rules": [{"id": "ZT-ID-002", "name": "n", "title": "t", "pillar": "identity",
                   "function": "identity.access-management", "stage": "initial", "kind": "gate",
                   "severity": "critical", "verdict": "fail", "findings": 1, "applies_to": [],
                   "rationale": "", "remediation": "", "references": []}],
        "findings": [{"rule_id": "ZT-ID-002", "verdict": "fail", "severity": "critical", "message": "m",
                      "resource": "", "fingerprint": "f", "location": null, "evidence": null, "remediation": ""}],
        "inventory": [], "missing_inputs": [], "privileges": [], "log_sources": [], "waivers": [],
        "attestations": attestations,
        "diagnostics": [],
        "gate": {"attestations_accepted": accepted, "inline_waivers": true, "max_waiver_days": null},
    });
    serde_json::from_value(v).expect("a valid report")
}

fn attest(target: &str, stage: &str) -> Value {
    json!({"target": target, "stage": stage, "statement": "s", "evidence": "e", "attested_by": "a"})
}

#[test]
fn without_acceptance_attestations_change_nothing() {
    let r = report(&json!([attest("identity.access-management", "advanced"), attest("ZT-ID-002", "initial")]), false);
    let s = stages(&r);
    assert_eq!((s.overall, s.attested_functions), (Some(Stage::Initial), 0));
    let g = Gate { overall: Some(Stage::Advanced), fail_on: Some(Severity::Critical), ..Gate::default() };
    let f = failures(&r, &g);
    assert_eq!(f, ["overall stage Initial is below Advanced", "1 unwaived finding(s) at critical or above"]);
    assert_eq!(
        attestation_note(&r).as_deref(),
        Some("2 attestation(s) ignored by the gate (use --accept-attestations)")
    );
}

#[test]
fn accepted_function_attestations_count_as_the_higher_stage_and_rule_attestations_leave_fail_on() {
    let list = json!([
        attest("identity.access-management", "advanced"),
        attest("identity.access-management", "initial"),
        attest("ZT-ID-002", "initial"),
    ]);
    let r = report(&list, true);
    let s = stages(&r);
    assert_eq!(s.pillars.get(&Pillar::Identity), Some(&Some(Stage::Advanced)), "max(initial, advanced)");
    assert_eq!(s.overall, Some(Stage::Advanced));
    let g = Gate { overall: Some(Stage::Advanced), fail_on: Some(Severity::Critical), ..Gate::default() };
    assert!(failures(&r, &g).is_empty(), "{:?}", failures(&r, &g));
    // The claim never lowers what was demonstrated: Authentication stays Advanced, not Initial.
    let r = report(&json!([attest("identity.authentication", "initial")]), true);
    assert_eq!(stages(&r).pillars.get(&Pillar::Identity), Some(&Some(Stage::Initial)));
    let g = Gate { overall: Some(Stage::Advanced), ..Gate::default() };
    assert_eq!(failures(&r, &g), ["overall stage Initial is below Advanced (counting 1 accepted attestation(s))"]);
}

#[test]
fn an_attested_function_files_could_not_assess_counts_at_its_claim() {
    let r = report(&json!([attest("devices.policy-enforcement", "traditional")]), true);
    let s = stages(&r);
    assert_eq!(s.pillars.get(&Pillar::Devices), Some(&Some(Stage::Traditional)));
    assert_eq!(s.overall, Some(Stage::Traditional), "the weakest link includes the claim");
    let g = Gate { pillars: vec![(Pillar::Devices, Stage::Initial)], ..Gate::default() };
    assert_eq!(failures(&r, &g), ["Devices stage Traditional is below Initial (counting 1 accepted attestation(s))"]);
    let not_accepted = report(&json!([attest("devices.policy-enforcement", "advanced")]), false);
    assert_eq!(failures(&not_accepted, &g), ["Devices: nothing could be assessed, so it cannot reach Initial"]);
}
