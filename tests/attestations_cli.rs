//! Attestations through the CLI: shown as attested, never changing a demonstrated stage, ignored by
//! the CI gate unless `--accept-attestations`, and validated (unknown targets are config errors).
//! The estate is `tests/data/attested`: a standing cluster-admin binding (critical, ZT-ID-002)
//! whose just-in-time use only Teleport's audit can show, and laptops only an MDM export can.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn estate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/attested")
}

fn scan(dir: &Path, args: &[&str]) -> (i32, String, String, Value) {
    let out = tempfile::tempdir().expect("tempdir");
    let assert = Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out.path())
        .args(["--no-progress", "--format", "json,html,markdown"])
        .args(args)
        .assert();
    let o = assert.get_output();
    let report = fs::read_to_string(out.path().join("report.json"))
        .map(|t| serde_json::from_str(&t).expect("report.json is JSON"))
        .unwrap_or(Value::Null);
    let stdout = String::from_utf8_lossy(&o.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&o.stderr).into_owned();
    (o.status.code().unwrap_or(-1), stdout, stderr, report)
}

fn pillar_stage(r: &Value, id: &str) -> Value {
    r["pillars"].as_array().expect("pillars").iter().find(|p| p["id"] == id).map_or(Value::Null, |p| p["stage"].clone())
}

#[test]
fn the_gate_ignores_attestations_unless_told_to_accept_them() {
    let gate = ["--fail-on", "critical", "--fail-below", "devices=initial"];
    let (code, stdout, stderr, r) = scan(&estate(), &gate);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("gate failed: 1 unwaived finding(s) at critical or above"), "{stderr}");
    assert!(stderr.contains("gate failed: Devices: nothing could be assessed, so it cannot reach Initial"), "{stderr}");
    assert!(stdout.contains("2 attestation(s) ignored by the gate (use --accept-attestations)"), "{stdout}");
    assert_eq!(r["gate"]["attestations_accepted"], false);
    // A rule may be named by its name; the report lists it by id.
    assert!(r["attestations"].as_array().expect("attestations").iter().any(|a| a["target"] == "ZT-ID-002"));

    let mut accepted = gate.to_vec();
    accepted.push("--accept-attestations");
    let (code, stdout, stderr, accepted_report) = scan(&estate(), &accepted);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 attestation(s) accepted by the gate (--accept-attestations)"), "{stdout}");
    assert_eq!(accepted_report["gate"]["attestations_accepted"], true);
    // Accepting changes the gate, never the report's demonstrated stages or verdicts.
    for key in ["pillars", "rules", "summary"] {
        assert_eq!(accepted_report[key], r[key], "{key}");
    }
    assert_eq!(pillar_stage(&accepted_report, "devices"), Value::Null);
    let findings = accepted_report["findings"].as_array().expect("findings");
    assert!(findings.iter().any(|f| f["rule_id"] == "ZT-ID-002" && f["verdict"] == "fail"));
}

#[test]
fn an_accepted_attestation_counts_as_the_higher_of_claim_and_demonstration() {
    // Identity is demonstrated at Traditional (the standing binding); the claim lifts the gate's
    // view of access management to Advanced only when accepted, and only for the gate.
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(dir.path().join("k8s")).expect("mkdir");
    fs::copy(estate().join("k8s/rbac.yaml"), dir.path().join("k8s/rbac.yaml")).expect("copy");
    fs::write(
        dir.path().join("ztmm.yaml"),
        "attestations:\n  - target: identity.access-management\n    stage: advanced\n    statement: JIT via Teleport\n    evidence: audit export\n    attested_by: secops\n",
    )
    .expect("write");
    let (code, _, stderr, r) = scan(dir.path(), &["--fail-below", "identity=initial"]);
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(pillar_stage(&r, "identity"), "traditional");
    let (code, _, stderr, r) = scan(dir.path(), &["--fail-below", "identity=initial", "--accept-attestations"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(pillar_stage(&r, "identity"), "traditional", "the report still shows what files demonstrate");
    let (code, _, stderr, _) = scan(dir.path(), &["--fail-below", "identity=optimal", "--accept-attestations"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("Identity stage Advanced is below Optimal (counting 1 accepted attestation(s))"),
        "{stderr}"
    );
}

#[test]
fn an_attestation_naming_an_unknown_target_is_a_located_config_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("ztmm.yaml"),
        "attestations:\n  - target: identity.authentication\n    stage: initial\n    statement: s\n    evidence: e\n    attested_by: a\n  - target: devices.laptops\n    stage: initial\n    statement: s\n    evidence: e\n    attested_by: a\n",
    )
    .expect("write");
    let (code, _, stderr, _) = scan(dir.path(), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("ztmm.yaml:7:5: unknown target `devices.laptops`"), "{stderr}");
}

#[test]
fn the_html_report_says_whether_the_gate_accepted_attestations() {
    let out = tempfile::tempdir().expect("tempdir");
    for (flag, needle) in [
        (None, "This scan's CI gate ignored them"),
        (Some("--accept-attestations"), "CI gate <strong>accepted</strong> them"),
    ] {
        let mut cmd = Command::cargo_bin("ztmm").expect("binary");
        cmd.arg("scan").arg(estate()).arg("-o").arg(out.path()).args([
            "--quiet",
            "--no-progress",
            "--format",
            "html,markdown",
        ]);
        cmd.args(flag);
        cmd.assert().success();
        let html = fs::read_to_string(out.path().join("report.html")).expect("html");
        assert!(html.contains(needle), "{needle}");
        let md = fs::read_to_string(out.path().join("report.md")).expect("md");
        assert!(md.contains("**Attestations:** 2 attestation(s)"), "{md}");
    }
}
