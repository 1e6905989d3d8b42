//! Markdown and JUnit outputs: written on request, escaped, bounded, consistent with report.json.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn scan(dir: &Path, out: &Path, extra: &[&str]) {
    Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(["--quiet", "--no-progress", "--format", "json,markdown,junit"])
        .args(extra)
        .assert()
        .success();
}

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

#[test]
fn markdown_and_junit_summarise_the_same_report() {
    let out = tempfile::tempdir().expect("tempdir");
    scan(&root().join("fixtures/estates/legacy-shop"), out.path(), &[]);
    let report: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("report.json")).expect("json")).expect("json");
    let md = fs::read_to_string(out.path().join("report.md")).expect("report.md written");
    assert!(md.contains("**Overall: Traditional**"), "{md}");
    assert!(md.contains("| Identity | Traditional |"), "{md}");
    assert!(md.len() < 100_000, "markdown stays far below GitHub's 1 MB summary limit: {}", md.len());
    let failing = report["findings"].as_array().expect("findings").iter().filter(|f| f["verdict"] == "fail").count();
    assert!(md.contains(&format!("### Findings ({failing} failing)")));

    let junit = fs::read_to_string(out.path().join("junit.xml")).expect("junit.xml written");
    let rules = report["rules"].as_array().expect("rules");
    assert_eq!(junit.matches("<testcase ").count(), rules.len());
    let failed_rules = rules.iter().filter(|r| r["verdict"] == "fail").count();
    assert_eq!(junit.matches("<failure ").count(), failed_rules);
    assert!(
        junit.contains(&format!("<testsuites name=\"ztmm\" tests=\"{}\" failures=\"{failed_rules}\">", rules.len()))
    );
    assert_eq!(junit.matches("<testsuite ").count(), junit.matches("</testsuite>").count());
}

#[test]
fn hostile_strings_are_escaped_in_markdown_and_junit() {
    let out = tempfile::tempdir().expect("tempdir");
    scan(&root().join("fixtures/estates/hostile"), out.path(), &[]);
    for file in ["report.md", "junit.xml"] {
        let text = fs::read_to_string(out.path().join(file)).expect("written");
        for raw in ["<script", "<svg", "<img"] {
            assert!(!text.contains(raw), "{file} contains raw {raw}");
        }
        assert!(!text.contains("IOSFODNN7EXAMPLE"), "{file} leaks a planted secret");
    }
}

#[test]
fn the_markdown_shows_the_change_against_a_baseline() {
    let base = tempfile::tempdir().expect("tempdir");
    scan(&root().join("fixtures/estates/getting-started"), base.path(), &[]);
    let out = tempfile::tempdir().expect("tempdir");
    let baseline = base.path().join("report.json");
    scan(
        &root().join("fixtures/estates/platform-team"),
        out.path(),
        &["--baseline", baseline.to_str().expect("utf-8 path")],
    );
    let md = fs::read_to_string(out.path().join("report.md")).expect("report.md");
    assert!(md.contains("| Change |"), "{md}");
    assert!(md.contains("Against the baseline:"), "{md}");
    assert!(md.contains("⬆ from Initial"), "{md}");
}

#[test]
fn unknown_formats_are_usage_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("ztmm").expect("binary").arg("scan").arg(dir.path()).args(["--format", "pdf"]).assert().code(2);
}
