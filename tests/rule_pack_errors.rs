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
