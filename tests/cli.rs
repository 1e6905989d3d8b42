//! User-visible behaviour of the binary: exit codes, outputs, messages.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;

fn ztmm() -> Command {
    Command::cargo_bin("ztmm").expect("binary builds")
}

fn scan_to(dir: &std::path::Path, out: &std::path::Path) -> (i32, Value, String) {
    let assert = ztmm().arg("scan").arg(dir).arg("-o").arg(out).arg("--no-progress").assert();
    let code = assert.get_output().status.code().unwrap_or(-1);
    let stderr = String::from_utf8_lossy(&assert.get_output().stderr).into_owned();
    let report = fs::read_to_string(out.join("report.json"))
        .map(|t| serde_json::from_str(&t).expect("report.json is JSON"))
        .unwrap_or(Value::Null);
    (code, report, stderr)
}

#[test]
fn a_missing_path_is_a_usage_error() {
    ztmm().args(["scan", "/definitely/not/here"]).assert().code(2).stderr(predicate::str::contains("does not exist"));
}

#[test]
fn bad_flags_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("scan")
        .arg(dir.path())
        .args(["--fail-below", "excellent"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--fail-below"));
    ztmm().arg("scan").arg(dir.path()).args(["--fail-on", "urgent"]).assert().code(2);
    ztmm().args(["scan", "--no-such-flag"]).assert().code(2);
}

#[test]
fn a_scan_that_understands_nothing_says_so_and_assesses_nothing() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("notes.txt"), "nothing to see").expect("write");
    fs::write(dir.path().join("photo.png"), [0x89u8, 0x50, 0x4e, 0x47, 0, 0, 0, 0]).expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let (code, report, stderr) = scan_to(dir.path(), out.path());
    assert_eq!(code, 0);
    assert!(stderr.contains("no input ztmm understands was found"), "{stderr}");
    assert_eq!(report["summary"]["overall_stage"], Value::Null);
    for p in report["pillars"].as_array().expect("pillars") {
        assert_eq!(p["assessed"], false, "{}", p["id"]);
        assert_eq!(p["stage"], Value::Null);
    }
    let inv = report["inventory"].as_array().expect("inventory");
    assert_eq!(inv.len(), 2, "both files are listed, not dropped");
    assert!(inv.iter().any(|e| e["path"] == "photo.png"
        && e["status"] == "skipped"
        && e["reason"].as_str().is_some_and(|r| r.contains("binary"))));
    // And a gate on it fails rather than passing silently.
    ztmm()
        .arg("scan")
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .args(["--fail-below", "initial", "--quiet"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nothing could be assessed"));
}

#[test]
fn schema_is_json_schema_for_the_report() {
    let out = ztmm().arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).expect("schema is JSON");
    assert_eq!(schema["title"], "Report");
    for field in [
        "schema_version",
        "tool",
        "summary",
        "pillars",
        "findings",
        "inventory",
        "diagnostics",
        "privileges",
        "log_sources",
        "waivers",
    ] {
        assert!(schema["properties"].get(field).is_some(), "schema lacks {field}");
    }
}

#[test]
fn init_writes_a_config_that_loads() {
    let dir = tempfile::tempdir().expect("tempdir");
    let cfg = dir.path().join("ztmm.yaml");
    ztmm().arg("init").arg(&cfg).assert().success();
    ztmm().arg("init").arg(&cfg).assert().code(2).stderr(predicate::str::contains("exists"));
    let out = tempfile::tempdir().expect("tempdir");
    ztmm().arg("scan").arg(dir.path()).arg("-o").arg(out.path()).arg("--quiet").assert().success();
}

#[test]
fn config_errors_are_located_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("ztmm.yaml"), "client: Acme\nwaivers:\n  - rule: ZT-ID-001\n    reason: legacy\n    owner: ops\n    expires: soon\nflavour: x\n").expect("write");
    ztmm()
        .arg("scan")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ztmm.yaml:7:1: unknown field `flavour`"));
    fs::write(
        dir.path().join("ztmm.yaml"),
        "client: Acme\nwaivers:\n  - rule: ZT-ID-001\n    reason: legacy\n    owner: ops\n    expires: soon\n",
    )
    .expect("write");
    ztmm()
        .arg("scan")
        .arg(dir.path())
        .arg("--quiet")
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ztmm.yaml:6:5: `soon` is not a date"));
}

#[test]
fn rules_list_explain_and_test() {
    ztmm().args(["rules", "list"]).assert().success().stdout(predicate::str::contains("ZT-ID-001"));
    let out = ztmm().args(["rules", "list", "--format", "json", "--kind", "sshd-config"]).assert().success();
    let rows: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert!(rows.as_array().expect("array").iter().all(|r| r["applies_to"]
        .as_array()
        .expect("kinds")
        .iter()
        .any(|k| k == "sshd-config")));
    ztmm()
        .args(["rules", "explain", "ZT-ID-001"])
        .assert()
        .success()
        .stdout(predicate::str::contains("PasswordAuthentication"));
    ztmm().args(["rules", "explain", "ZT-NOPE-999"]).assert().code(2);
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    ztmm().args(["rules", "test"]).arg(&rules).assert().success().stdout(predicate::str::contains("0 failed"));
}

#[test]
fn gates_on_pillars_severity_and_coverage() {
    let dir = tempfile::tempdir().expect("tempdir");
    let ssh = dir.path().join("etc/ssh");
    fs::create_dir_all(&ssh).expect("mkdir");
    // Passwords are on by default: the Identity authentication gate fails.
    fs::write(ssh.join("sshd_config"), "Port 22\nPubkeyAuthentication yes\n").expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    let run = |args: &[&str]| {
        let mut cmd = ztmm();
        cmd.arg("scan").arg(dir.path()).arg("-o").arg(out.path()).arg("--quiet").args(args);
        cmd.assert()
    };
    run(&[]).code(0);
    run(&["--fail-below", "identity=initial"])
        .code(1)
        .stderr(predicate::str::contains("Identity stage Traditional is below Initial"));
    run(&["--fail-below", "traditional"]).code(0);
    // Networks has nothing to assess here: a gate on it fails instead of passing silently.
    run(&["--fail-below", "networks=initial"])
        .code(1)
        .stderr(predicate::str::contains("Networks: nothing could be assessed"));
    run(&["--fail-below", "identiti=initial"]).code(2).stderr(predicate::str::contains("not a pillar"));
    run(&["--fail-on", "high"]).code(1).stderr(predicate::str::contains("unwaived finding(s) at high"));
    run(&["--fail-on-low-coverage", "50"])
        .code(1)
        .stderr(predicate::str::contains("of the ZTMM functions could be assessed"));
    run(&["--fail-on-low-coverage", "1"]).code(0);
    run(&["--fail-on-low-coverage", "120"]).code(2);
}

#[test]
fn inspect_shows_the_tree_rules_see() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("fluent-bit.yaml");
    // Fluent Bit's YAML form is normalised onto the classic tree; inspect must show that tree.
    fs::write(&path, "service:\n  flush: 1\npipeline:\n  outputs:\n    - name: forward\n      Host: logs.example.com\n      tls.verify: off\n").expect("write");
    let out = ztmm().arg("inspect").arg(&path).assert().success();
    let text = String::from_utf8_lossy(&out.get_output().stdout).into_owned();
    assert!(text.contains("document 0: kind fluent-bit"), "{text}");
    let json_start = text.find('{').expect("a tree");
    let json_end = text.rfind('}').expect("a tree");
    let tree: Value = serde_json::from_str(&text[json_start..=json_end]).expect("tree is JSON");
    assert_eq!(tree["outputs"][0]["host"], "logs.example.com");
    assert_eq!(tree["outputs"][0]["tls.verify"], "off");
}
