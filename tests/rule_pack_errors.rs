//! A broken rule pack is a hard error (exit 2) that names every problem with file:line:col.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;

fn write(dir: &std::path::Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().expect("parent")).expect("mkdir");
    fs::write(p, text).expect("write");
}

const GOOD: &str = "id: ZT-X-001\nname: x-rule\ntitle: T\npillar: identity\nfunction: identity.authentication\nstage: initial\nkind: gate\nseverity: low\napplies_to: [sshd-config]\ncheck:\n  require: {path: settings.x, exists: true}\nmessage: m\nrationale: r\nremediation: f\nreferences: [CISA]\n";

#[test]
fn every_problem_is_reported_with_its_position() {
    let dir = tempfile::tempdir().expect("tempdir");
    let bad = GOOD
        .replace("ZT-X-001", "ZT-X-002")
        .replace("x-rule", "y-rule")
        .replace("function: identity.authentication", "function: identity.nonsense")
        .replace("exists: true", "exist: true")
        .replace("severity: low", "severity: urgent\ncolour: red");
    write(dir.path(), "identity/ZT-X-002/rule.yaml", &bad);
    write(dir.path(), "identity/ZT-X-001/rule.yaml", GOOD);
    Command::cargo_bin("ztmm")
        .expect("binary")
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("ZT-X-002/rule.yaml:9:1: [ZT-X-002] unknown field `colour`"));
    // Once the unknown key is gone, the semantic problems are all reported together.
    let bad = bad.replace("colour: red\n", "");
    write(dir.path(), "identity/ZT-X-002/rule.yaml", &bad);
    let out =
        Command::cargo_bin("ztmm").expect("binary").args(["rules", "list", "--rules"]).arg(dir.path()).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains(":5:1: [ZT-X-002] unknown function `identity.nonsense`"), "{err}");
    assert!(err.contains(":8:1: [ZT-X-002] `urgent` is not info"), "{err}");
    assert!(err.contains("unknown operator or key `exist` (did you mean `exists`?)"), "{err}");
    assert!(err.contains("3 problem(s)"), "{err}");
}

#[test]
fn duplicate_ids_are_rejected() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "identity/A/rule.yaml", GOOD);
    write(dir.path(), "identity/B/rule.yaml", &GOOD.replace("x-rule", "z-rule"));
    Command::cargo_bin("ztmm")
        .expect("binary")
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("rule id `ZT-X-001` is also used by"));
}

const INDICATOR: &str = "id: ZT-X-010\nname: x-password-logins\ntitle: T\npillar: identity\nfunction: identity.authentication\nstage: initial\nkind: indicator\nseverity: high\napplies_to: [auth-log]\ncontradicts: [ZT-ID-001, ZT-X-404]\nevents:\n  where: {path: sshd.method, equals: password}\n  max: 0\nmessage: m\nrationale: r\nremediation: f\nreferences: [CISA]\n";

#[test]
fn a_claim_naming_no_rule_is_located_and_a_builtin_one_resolves() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "identity/ZT-X-010/rule.yaml", INDICATOR);
    let out =
        Command::cargo_bin("ztmm").expect("binary").args(["rules", "list", "--rules"]).arg(dir.path()).assert().code(2);
    let err = String::from_utf8_lossy(&out.get_output().stderr).into_owned();
    assert!(err.contains("ZT-X-010/rule.yaml:10:26: [ZT-X-010] `contradicts` names `ZT-X-404`"), "{err}");
    assert!(err.contains("| contradicts: [ZT-ID-001, ZT-X-404]"), "the offending line is shown: {err}");
    assert!(err.contains("1 problem(s)"), "ZT-ID-001 is a built-in gate and resolves: {err}");
    // A pack tested on its own may still check a built-in rule's claim.
    write(dir.path(), "identity/ZT-X-010/rule.yaml", &INDICATOR.replace(", ZT-X-404", ""));
    let log = "Mar  3 10:11:09 bastion-1 sshd[2301]: Accepted publickey for deploy from 10.0.9.14 port 60122 ssh2: ED25519 SHA256:x\n";
    write(dir.path(), "identity/ZT-X-010/tests/pass/var/log/auth.log", log);
    write(dir.path(), "identity/ZT-X-010/tests/fail/var/log/auth.log", &log.replace("publickey", "password"));
    write(
        dir.path(),
        "identity/ZT-X-010/tests/fail/var/log/expected.yaml",
        "- {file: auth.log, rule: ZT-X-010, line: 1}\n",
    );
    Command::cargo_bin("ztmm")
        .expect("binary")
        .args(["rules", "test"])
        .arg(dir.path())
        .assert()
        .success()
        .stdout(predicate::str::contains("1 rules, 2 fixtures: 2 passed"));
}

#[test]
fn only_config_gates_and_evidence_can_be_contradicted() {
    let dir = tempfile::tempdir().expect("tempdir");
    // ZT-ID-030 is itself an indicator (root logins in auth.log).
    write(dir.path(), "identity/ZT-X-010/rule.yaml", &INDICATOR.replace("ZT-X-404", "ZT-ID-030"));
    Command::cargo_bin("ztmm")
        .expect("binary")
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`ZT-ID-030` is an indicator"));
    write(
        dir.path(),
        "identity/ZT-X-010/rule.yaml",
        &GOOD.replace("references: [CISA]", "references: [CISA]\ncontradicts: [ZT-ID-001]"),
    );
    Command::cargo_bin("ztmm")
        .expect("binary")
        .args(["rules", "list", "--rules"])
        .arg(dir.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("`contradicts` only applies to indicator rules"));
}
