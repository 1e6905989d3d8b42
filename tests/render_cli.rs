//! `ztmm scan` writing HTML and JSON, and `ztmm render` re-rendering a report.json: outputs,
//! exit codes and messages.

use assert_cmd::Command;
use predicates::prelude::*;
use std::fs;
use std::path::Path;

fn ztmm() -> Command {
    Command::cargo_bin("ztmm").expect("binary builds")
}

const HOSTILE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/estates/hostile");

fn scan(out: &Path, extra: &[&str]) {
    ztmm()
        .arg("scan")
        .arg(HOSTILE)
        .arg("-o")
        .arg(out)
        .args(["--quiet", "--no-progress"])
        .args(extra)
        .assert()
        .success();
}

#[test]
fn scan_writes_html_and_json_by_default() {
    let out = tempfile::tempdir().expect("tempdir");
    scan(out.path(), &[]);
    let html = fs::read_to_string(out.path().join("report.html")).expect("report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    assert!(html.contains("Content-Security-Policy"));
    assert!(out.path().join("report.json").is_file());
    let only_json = tempfile::tempdir().expect("tempdir");
    scan(only_json.path(), &["--format", "json"]);
    assert!(!only_json.path().join("report.html").exists());
}

#[test]
fn render_reproduces_the_scan_html_without_rescanning() {
    let out = tempfile::tempdir().expect("tempdir");
    scan(out.path(), &[]);
    let again = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("render")
        .arg(out.path().join("report.json"))
        .arg("-o")
        .arg(again.path())
        .args(["--format", "html,json"])
        .assert()
        .success();
    let a = fs::read_to_string(out.path().join("report.html")).expect("html");
    let b = fs::read_to_string(again.path().join("report.html")).expect("html");
    assert_eq!(a, b);
    let ja = fs::read_to_string(out.path().join("report.json")).expect("json");
    let jb = fs::read_to_string(again.path().join("report.json")).expect("json");
    assert_eq!(ja, jb);
    // Without -o it writes next to the report.
    fs::remove_file(out.path().join("report.html")).expect("rm");
    ztmm().arg("render").arg(out.path().join("report.json")).assert().success();
    assert!(out.path().join("report.html").is_file());
}

#[test]
fn render_errors_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("render")
        .arg(dir.path().join("missing.json"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("missing.json"));
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{\"schema_version\": \"1.0\"}").expect("write");
    ztmm().arg("render").arg(&bad).assert().code(2).stderr(predicate::str::contains("not a ztmm report"));
    fs::write(&bad, "not json at all").expect("write");
    ztmm().arg("render").arg(&bad).assert().code(2).stderr(predicate::str::contains("not a ztmm report"));

    let out = tempfile::tempdir().expect("tempdir");
    scan(out.path(), &["--format", "json"]);
    let report = out.path().join("report.json");
    ztmm()
        .arg("render")
        .arg(&report)
        .args(["--template", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--template"));
    ztmm()
        .arg("render")
        .arg(&report)
        .args(["--format", "pdf"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("pdf"));
    let tpl = tempfile::tempdir().expect("tempdir");
    fs::write(tpl.path().join("report.html"), "{{ view.no_such_thing }}").expect("write");
    ztmm()
        .arg("render")
        .arg(&report)
        .arg("--template")
        .arg(tpl.path())
        .assert()
        .code(2)
        .stderr(predicate::str::contains("template error"));
    assert!(!out.path().join("report.html").exists(), "nothing half-written on a template error");
}

#[test]
fn scan_rejects_unknown_formats_and_template_dirs() {
    let out = tempfile::tempdir().expect("tempdir");
    ztmm().arg("scan").arg(HOSTILE).arg("-o").arg(out.path()).args(["--format", "html,pdf"]).assert().code(2);
    ztmm()
        .arg("scan")
        .arg(HOSTILE)
        .arg("-o")
        .arg(out.path())
        .args(["--template", "/definitely/not/here"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("not a directory"));
}

#[test]
fn a_branded_template_applies_to_scan_and_render() {
    let tpl = tempfile::tempdir().expect("tempdir");
    fs::write(
        tpl.path().join("report.html"),
        "{% extends \"builtin/report.html\" %}{% block brand_styles %}:root { --accent: #6b21a8; }{% endblock %}",
    )
    .expect("write");
    let out = tempfile::tempdir().expect("tempdir");
    scan(out.path(), &["--template", tpl.path().to_str().expect("utf-8 path")]);
    let html = fs::read_to_string(out.path().join("report.html")).expect("html");
    assert!(html.contains("--accent: #6b21a8"));
    assert!(html.contains("id=\"methodology\""));
}

#[test]
fn no_redact_keeps_secrets_and_says_so() {
    let out = tempfile::tempdir().expect("tempdir");
    scan(out.path(), &["--no-redact"]);
    let json = fs::read_to_string(out.path().join("report.json")).expect("json");
    let html = fs::read_to_string(out.path().join("report.html")).expect("html");
    assert!(json.contains("hunter2-sshd-comment"));
    assert!(html.contains("hunter2-sshd-comment"));
    assert!(html.contains("Secret redaction was turned off"));
    // Re-rendering such a report redacts again unless told not to.
    let again = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("render")
        .arg(out.path().join("report.json"))
        .arg("-o")
        .arg(again.path())
        .args(["--format", "html,json"])
        .assert()
        .success();
    for f in ["report.html", "report.json"] {
        let text = fs::read_to_string(again.path().join(f)).expect("read");
        assert!(!text.contains("hunter2-sshd-comment"), "{f} keeps a secret");
    }
}
