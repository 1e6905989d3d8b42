//! `ztmm merge`: two real scans of the example estates rolled into one report — combined stages
//! recomputed (weakest link), per-scope stages as each scan reported them, paths and fingerprints
//! prefixed by scope, the same HTML/JSON contract as a scan (schema, render, diff), deterministic
//! output, and every input problem a usage error that names the file.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

fn ztmm() -> Command {
    Command::cargo_bin("ztmm").expect("binary builds")
}

fn estate(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/estates").join(name)
}

fn scan_into(name: &str, out: &Path, extra: &[&str]) {
    ztmm()
        .arg("scan")
        .arg(estate(name))
        .arg("-o")
        .arg(out)
        .args(["--format", "json", "--quiet", "--no-progress"])
        .args(extra)
        .assert()
        .success();
}

/// The scans the tests share: each estate is scanned once per test run, through the binary.
struct Scans {
    dir: tempfile::TempDir,
}

impl Scans {
    fn report(&self, name: &str) -> PathBuf {
        self.dir.path().join(name).join("report.json")
    }
}

fn scans() -> &'static Scans {
    static SCANS: OnceLock<Scans> = OnceLock::new();
    SCANS.get_or_init(|| {
        let dir = tempfile::tempdir().expect("tempdir");
        for name in ["legacy-shop", "platform-team", "getting-started"] {
            scan_into(name, &dir.path().join(name), &[]);
        }
        Scans { dir }
    })
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).expect("readable")).expect("JSON")
}

/// `ztmm merge` with `--name` for each (file, name); returns the output directory.
fn merge(inputs: &[(&Path, &str)], extra: &[&str]) -> tempfile::TempDir {
    let out = tempfile::tempdir().expect("tempdir");
    let mut cmd = ztmm();
    cmd.arg("merge");
    for (file, name) in inputs {
        cmd.arg(file).arg("--name").arg(format!("{}={name}", file.display()));
    }
    cmd.arg("-o").arg(out.path()).args(["--quiet"]).args(extra).assert().success();
    out
}

fn rank(stage: &Value) -> Option<usize> {
    ["traditional", "initial", "advanced", "optimal"].iter().position(|s| stage.as_str() == Some(s))
}

fn strings<'a>(v: &'a Value, pointer: &str) -> Vec<&'a str> {
    v.as_array().into_iter().flatten().filter_map(|x| x.pointer(pointer).and_then(Value::as_str)).collect()
}

#[test]
fn two_estates_merge_into_one_report_with_a_breakdown_per_scope() {
    let s = scans();
    let (legacy_file, platform_file) = (s.report("legacy-shop"), s.report("platform-team"));
    let out = merge(&[(&legacy_file, "shop"), (&platform_file, "platform")], &["--format", "html,json,markdown"]);
    let (legacy, platform) = (read_json(&legacy_file), read_json(&platform_file));
    let merged = read_json(&out.path().join("report.json"));

    // Combined overall: the weakest of the two scans.
    let overall = |r: &Value| rank(&r["summary"]["overall_stage"]);
    assert!(overall(&legacy).is_some() && overall(&platform).is_some());
    assert_eq!(overall(&merged), overall(&legacy).min(overall(&platform)));

    // The breakdown: scopes by name, each with its own scan's stages, index and counts.
    let scopes = merged["scopes"].as_array().expect("scopes[]");
    assert_eq!(strings(&merged["scopes"], "/name"), ["platform", "shop"]);
    for (scope, scan, file) in [(&scopes[0], &platform, &platform_file), (&scopes[1], &legacy, &legacy_file)] {
        assert_eq!(scope["source"], file.display().to_string().replace('\\', "/"));
        assert_eq!(scope["overall_stage"], scan["summary"]["overall_stage"]);
        assert_eq!(scope["maturity_index"], scan["summary"]["maturity_index"]);
        assert_eq!(scope["rules_digest"], scan["tool"]["rules_digest"]);
        assert_eq!(scope["started_at"], scan["assessment"]["started_at"]);
        for p in scan["pillars"].as_array().expect("pillars") {
            let id = p["id"].as_str().expect("id");
            assert_eq!(scope["pillars"][id], p["stage"], "{} {id}", scope["name"]);
        }
    }
    // Each combined pillar is no better than its weakest scope: a failure anywhere holds it back.
    for p in merged["pillars"].as_array().expect("pillars") {
        let id = p["id"].as_str().expect("id");
        let weakest = scopes.iter().filter_map(|s| rank(&s["pillars"][id])).min();
        if let Some(w) = weakest {
            assert!(rank(&p["stage"]).is_some_and(|c| c <= w), "{id}: combined {} vs weakest scope {w}", p["stage"]);
        }
    }

    // Rules: a rule failing in either scan fails in the combined view.
    let failing = |r: &Value| -> BTreeSet<String> {
        r["rules"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|x| x["verdict"] == "fail")
            .filter_map(|x| x["id"].as_str().map(str::to_string))
            .collect()
    };
    let either: BTreeSet<String> = failing(&legacy).union(&failing(&platform)).cloned().collect();
    assert_eq!(failing(&merged), either);

    // Findings concatenated with paths and fingerprints prefixed by scope; counts recomputed.
    let findings = merged["findings"].as_array().expect("findings");
    let total = |r: &Value| r["findings"].as_array().map_or(0, Vec::len);
    assert_eq!(findings.len(), total(&legacy) + total(&platform));
    for f in findings {
        let path = f["location"]["path"].as_str().expect("every merged finding has a location");
        assert!(path.starts_with("shop:") || path.starts_with("platform:"), "{path}");
    }
    assert!(strings(&merged["findings"], "/location/path").contains(&"shop:terraform/data.tf"));
    let prints = |r: &Value, scope: &str| -> BTreeSet<String> {
        strings(&r["findings"], "/fingerprint").into_iter().map(|f| format!("{scope}{f}")).collect()
    };
    let mut expected = prints(&legacy, "shop:");
    expected.extend(prints(&platform, "platform:"));
    assert_eq!(prints(&merged, ""), expected);
    for list in ["inventory", "log_sources"] {
        let paths = strings(&merged[list], "/path");
        assert!(!paths.is_empty(), "{list}");
        assert!(paths.iter().all(|p| p.starts_with("shop:") || p.starts_with("platform:")), "{list}");
    }
    let sum = |p: &str| {
        legacy.pointer(p).and_then(Value::as_u64).unwrap_or(0)
            + platform.pointer(p).and_then(Value::as_u64).unwrap_or(0)
    };
    assert_eq!(merged["summary"]["files"].as_u64(), Some(sum("/summary/files")));
    for sev in ["critical", "high", "medium", "low", "info"] {
        let p = format!("/summary/counts/by_severity/{sev}");
        assert_eq!(merged.pointer(&p).and_then(Value::as_u64), Some(sum(&p)), "{sev}");
    }

    // HTML: the Scopes section with the table of scopes × pillars and the weakest links.
    let html = fs::read_to_string(out.path().join("report.html")).expect("report.html");
    assert!(html.contains(r#"<section id="scopes""#));
    assert!(html.contains(r#"<table class="data scopes">"#));
    assert!(html.contains("<td><strong>shop</strong><br>") && html.contains("<td><strong>platform</strong><br>"));
    assert!(html.contains("<td><strong>Combined</strong></td>"));
    assert!(html.contains("Weakest link per pillar"));
    assert!(html.contains(r#"<td class="weakest" title="weakest link">"#));
    // Autoescape writes `/` as `&#x2f;`.
    assert!(html.contains("shop:terraform&#x2f;data.tf:24"));
    let md = fs::read_to_string(out.path().join("report.md")).expect("report.md");
    assert!(md.contains("### Scopes") && md.contains("| shop |") && md.contains("| **Combined** |"), "{md}");
    assert!(md.contains("Weakest link per pillar"));
}

#[test]
fn the_merged_report_validates_against_the_schema_and_single_scans_have_no_scopes() {
    let s = scans();
    let out = merge(&[(&s.report("legacy-shop"), "shop"), (&s.report("platform-team"), "platform")], &[]);
    let schema = ztmm().arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&schema.get_output().stdout).expect("schema JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let merged = read_json(&out.path().join("report.json"));
    let errors: Vec<String> = validator.iter_errors(&merged).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    assert_eq!(merged["schema_version"], "1.0");
    let single = read_json(&s.report("legacy-shop"));
    assert!(single.get("scopes").is_none(), "a single scan's report.json has no scopes");
}

#[test]
fn output_is_deterministic_and_independent_of_input_order() {
    let s = scans();
    let (a, b) = (s.report("legacy-shop"), s.report("platform-team"));
    let one = merge(&[(&a, "shop"), (&b, "platform")], &["--format", "html,json,markdown"]);
    let two = merge(&[(&b, "platform"), (&a, "shop")], &["--format", "html,json,markdown"]);
    for file in ["report.json", "report.html", "report.md"] {
        let x = fs::read(one.path().join(file)).expect("written");
        let y = fs::read(two.path().join(file)).expect("written");
        assert!(x == y, "{file} differs with the input order");
    }
}

#[test]
fn render_re_renders_a_merged_report() {
    let s = scans();
    let out = merge(&[(&s.report("legacy-shop"), "shop"), (&s.report("platform-team"), "platform")], &[]);
    let again = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("render")
        .arg(out.path().join("report.json"))
        .arg("-o")
        .arg(again.path())
        .args(["--format", "html,json"])
        .assert()
        .success();
    for file in ["report.html", "report.json"] {
        let x = fs::read_to_string(out.path().join(file)).expect("merged");
        let y = fs::read_to_string(again.path().join(file)).expect("rendered");
        assert_eq!(x, y, "{file}");
    }
}

#[test]
fn diff_compares_merged_reports_scope_by_scope() {
    let s = scans();
    let platform = s.report("platform-team");
    // The shop team goes from the getting-started estate to the legacy one; platform is unchanged.
    let before = merge(&[(&platform, "platform"), (&s.report("getting-started"), "shop")], &["--format", "json"]);
    let after = merge(&[(&platform, "platform"), (&s.report("legacy-shop"), "shop")], &["--format", "json"]);
    let (old, new) = (before.path().join("report.json"), after.path().join("report.json"));
    ztmm().arg("diff").arg(&old).arg(&old).assert().code(0).stdout(predicate::str::contains("New findings: 0"));
    let run = ztmm().arg("diff").arg(&old).arg(&new).args(["--format", "json"]).assert().code(1);
    let d: Value = serde_json::from_slice(&run.get_output().stdout).expect("diff JSON");
    assert_eq!(d["regressed"], true);
    let new_locations = strings(&d["new_findings"], "/location");
    assert!(!new_locations.is_empty());
    // Unchanged scope, unchanged fingerprints: nothing of platform's is new or fixed.
    assert!(new_locations.iter().all(|l| l.starts_with("shop:")), "{new_locations:?}");
    assert!(strings(&d["fixed_findings"], "/location").iter().all(|l| l.starts_with("shop:")));
    // Scope by scope: the shop's Networks dropped from Initial; platform's stages did not move.
    let changes = d["scopes"].as_array().expect("scope changes");
    assert!(changes.iter().all(|c| c["id"].as_str().is_some_and(|id| id.starts_with("shop"))), "{changes:?}");
    assert!(changes
        .iter()
        .any(|c| c["id"] == "shop:networks" && c["before"] == "initial" && c["after"] == "traditional"));
    ztmm().arg("diff").arg(&old).arg(&new).assert().code(1).stdout(predicate::str::contains("shop · Networks"));
}

#[test]
fn different_rule_packs_are_a_warning_not_an_error() {
    let s = scans();
    let dir = tempfile::tempdir().expect("tempdir");
    let pack = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/packs/hostile-logs");
    scan_into("getting-started", dir.path(), &["--rules", pack.to_str().expect("utf-8 path")]);
    let out = tempfile::tempdir().expect("tempdir");
    ztmm()
        .arg("merge")
        .arg(s.report("legacy-shop"))
        .arg(dir.path())
        .arg("-o")
        .arg(out.path())
        .args(["--format", "json", "--quiet"])
        .assert()
        .success()
        .stderr(predicate::str::contains("warning").and(predicate::str::contains("different rule packs")));
    let merged = read_json(&out.path().join("report.json"));
    let warned =
        merged["diagnostics"].as_array().into_iter().flatten().any(|d| {
            d["level"] == "warning" && d["message"].as_str().is_some_and(|m| m.contains("different rule packs"))
        });
    assert!(warned);
    let digests = strings(&merged["scopes"], "/rules_digest");
    assert_eq!(digests.len(), 2);
    assert_ne!(digests[0], digests[1]);
}

#[test]
fn scope_names_come_from_the_scans_and_duplicates_are_told_apart_by_path() {
    let s = scans();
    let copies = tempfile::tempdir().expect("tempdir");
    let (a, b) = (copies.path().join("a"), copies.path().join("b"));
    for d in [&a, &b] {
        fs::create_dir_all(d).expect("mkdir");
        fs::copy(s.report("legacy-shop"), d.join("report.json")).expect("copy");
    }
    let names_for = |first: &Path, second: &Path| -> Vec<(String, String)> {
        let out = tempfile::tempdir().expect("tempdir");
        ztmm()
            .arg("merge")
            .arg(first)
            .arg(second)
            .arg("-o")
            .arg(out.path())
            .args(["--format", "json", "--quiet"])
            .assert()
            .success();
        let merged = read_json(&out.path().join("report.json"));
        let names = strings(&merged["scopes"], "/name");
        let sources = strings(&merged["scopes"], "/source");
        names.into_iter().zip(sources).map(|(n, s)| (n.to_string(), s.to_string())).collect()
    };
    let forward = names_for(&a, &b);
    assert_eq!(forward, names_for(&b, &a), "the input order does not decide which copy is renamed");
    // Both copies are titled "Zero Trust Maturity Baseline, Q1": the one under a/ keeps the name.
    assert_eq!(forward[0].0, "zero-trust-maturity-baseline-q1");
    assert!(forward[0].1.ends_with("a/report.json"), "{forward:?}");
    assert_eq!(forward[1].0, "zero-trust-maturity-baseline-q1-2");
}

#[test]
fn input_problems_are_usage_errors_naming_the_file() {
    let s = scans();
    let good = s.report("legacy-shop");
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let fails = |args: &[&std::ffi::OsStr], needle: &str| {
        ztmm().arg("merge").args(args).arg("-o").arg(&out).assert().code(2).stderr(predicate::str::contains(needle));
        assert!(!out.exists(), "nothing is written when an input is bad");
    };
    let missing = dir.path().join("missing.json");
    fails(&[good.as_os_str(), missing.as_os_str()], "missing.json");
    let bad = dir.path().join("bad.json");
    fs::write(&bad, "{ not json").expect("write");
    fails(&[good.as_os_str(), bad.as_os_str()], "bad.json: not a ztmm report");
    let mut future = read_json(&good);
    future["schema_version"] = Value::from("2.0");
    let v2 = dir.path().join("v2.json");
    fs::write(&v2, future.to_string()).expect("write");
    fails(&[good.as_os_str(), v2.as_os_str()], "v2.json: schema_version 2.0 is not compatible");
    let empty = dir.path().join("empty");
    fs::create_dir_all(&empty).expect("mkdir");
    fails(&[empty.as_os_str()], "without a report.json");
    fails(&[], "nothing to merge");
    fails(&[good.as_os_str(), good.as_os_str()], "same report");
    let unknown = format!("{}=x", missing.display());
    fails(&[good.as_os_str(), "--name".as_ref(), unknown.as_ref()], "is not one of the reports");
    let colon = format!("{}=a:b", good.display());
    fails(&[good.as_os_str(), "--name".as_ref(), colon.as_ref()], "scope name");
    fails(&[good.as_os_str(), "--format".as_ref(), "sarif".as_ref()], "sarif");
}

#[test]
fn merging_one_scan_rescores_it_exactly_as_the_scan_scored_itself() {
    // The combined view runs the scan's scoring on the verdicts the report carries: with a single
    // scope every function's stages, confidence, blocking and roadmap must come out unchanged.
    let s = scans();
    for name in ["legacy-shop", "platform-team", "getting-started"] {
        let file = s.report(name);
        let out = merge(&[(&file, "only")], &["--format", "json"]);
        let (scan, merged) = (read_json(&file), read_json(&out.path().join("report.json")));
        assert_eq!(merged["pillars"], scan["pillars"], "{name}");
        for key in [
            "overall_stage",
            "overall_potential",
            "maturity_index",
            "coverage",
            "counts",
            "files",
            "documents",
            "events",
        ] {
            assert_eq!(merged["summary"][key], scan["summary"][key], "{name}: summary.{key}");
        }
        let verdicts = |r: &Value| strings(&r["rules"], "/verdict").join(",");
        assert_eq!(verdicts(&merged), verdicts(&scan), "{name}");
    }
}
