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

#[test]
fn sarif_validates_against_the_official_schema_and_carries_waivers_and_fingerprints() {
    let out = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(root().join("fixtures/estates/platform-team"))
        .arg("-o")
        .arg(out.path())
        .args(["--quiet", "--no-progress", "--format", "json,sarif"])
        .assert()
        .success();
    let sarif: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("report.sarif")).expect("report.sarif"))
            .expect("json");
    let schema: Value =
        serde_json::from_str(&fs::read_to_string(root().join("tests/data/sarif-2.1.0-rtm.5.json")).expect("schema"))
            .expect("json");
    // The published schema's `language` patterns have a stray `]` that fails meta-schema
    // validation; replace it with its evident intent (a language tag like `en` or `en-US`). The
    // rest of the schema is used as published.
    let schema: Value = serde_json::from_str(
        &schema
            .to_string()
            .replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#),
    )
    .expect("json");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).take(10).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let report: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("report.json")).expect("json")).expect("json");
    let run = &sarif["runs"][0];
    assert_eq!(
        run["tool"]["driver"]["rules"].as_array().expect("rules").len(),
        report["rules"].as_array().expect("rules").len()
    );
    let results = run["results"].as_array().expect("results");
    assert!(!results.is_empty());
    for r in results {
        assert!(r["partialFingerprints"]["ztmmFingerprint/v1"].as_str().is_some_and(|f| f.len() == 32));
        let uri = r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"].as_str().expect("uri");
        assert!(!uri.starts_with('/'), "URIs are relative to the scan root: {uri}");
    }
    // platform-team waives its break-glass binding: it is a suppressed result, not a live one.
    let waived = results.iter().filter(|r| r["suppressions"][0]["kind"] == "external").count();
    let waived_in_json = report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["verdict"] == "waived" && !f["location"].is_null())
        .count();
    assert!(waived >= 1);
    assert_eq!(waived, waived_in_json);
}
