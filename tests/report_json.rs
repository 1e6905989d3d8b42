//! report.json: validates against `ztmm schema`, and is deterministic — two scans of the same input
//! differ only in timestamps and durations.

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn scan(dir: &Path) -> (String, Value) {
    let out = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out.path())
        .args(["--no-progress", "--quiet"])
        .assert()
        .success();
    let text = std::fs::read_to_string(out.path().join("report.json")).expect("report.json written");
    let value = serde_json::from_str(&text).expect("valid JSON");
    (text, value)
}

/// Every directory the suite scans: the example estates and a mixed fixture tree.
fn inputs() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root.join("fixtures/estates"))
        .map(|rd| rd.flatten().map(|e| e.path()).filter(|p| p.is_dir()).collect())
        .unwrap_or_default();
    dirs.sort();
    dirs.push(root.join("rules/identity"));
    dirs
}

fn without_timing(mut v: Value) -> Value {
    if let Some(a) = v.get_mut("assessment").and_then(Value::as_object_mut) {
        a.remove("started_at");
        a.remove("duration_ms");
    }
    v
}

#[test]
fn reports_validate_against_the_published_schema() {
    let out = Command::cargo_bin("ztmm").expect("binary").arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&out.get_output().stdout).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for dir in inputs() {
        let (_, report) = scan(&dir);
        let errors: Vec<String> =
            validator.iter_errors(&report).map(|e| format!("{} at {}", e, e.instance_path())).take(10).collect();
        assert!(errors.is_empty(), "{}: report does not match its schema:\n{}", dir.display(), errors.join("\n"));
        assert_eq!(report["schema_version"], "1.0");
    }
}

#[test]
fn two_scans_differ_only_in_timing() {
    for dir in inputs() {
        let (a_text, a) = scan(&dir);
        let (b_text, b) = scan(&dir);
        assert_eq!(without_timing(a), without_timing(b), "{}", dir.display());
        // Byte-identical once the two timing fields are blanked.
        let blank = |t: &str| -> String {
            t.lines()
                .filter(|l| {
                    !l.trim_start().starts_with("\"started_at\"") && !l.trim_start().starts_with("\"duration_ms\"")
                })
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(blank(&a_text), blank(&b_text), "{}", dir.display());
    }
}
