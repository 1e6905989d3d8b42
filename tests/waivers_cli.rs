//! Waivers through the CLI: assessment-file and inline `ztmm:ignore` waivers, `--max-waiver-days`,
//! `--no-inline-waivers` and their ztmm.yaml `gate:` settings, exit codes, and the ledger in every
//! output. The estate is `tests/data/waivers` (see its ztmm.yaml); `@SOON@` becomes a date 30 days
//! after the test runs, so the fixtures never expire.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn copy_tree(from: &Path, to: &Path, soon: &str) {
    fs::create_dir_all(to).expect("mkdir");
    for entry in fs::read_dir(from).expect("read fixture dir").flatten() {
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        if src.is_dir() {
            copy_tree(&src, &dst, soon);
        } else {
            let text = fs::read_to_string(&src).expect("fixture is text");
            fs::write(&dst, text.replace("@SOON@", soon)).expect("write");
        }
    }
}

/// A copy of `tests/data/waivers` with real dates.
fn estate() -> tempfile::TempDir {
    let soon = jiff::ZonedDateTime::now().date().checked_add(jiff::Span::new().days(30)).expect("a date");
    let dir = tempfile::tempdir().expect("tempdir");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/waivers"), dir.path(), &soon.to_string());
    dir
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
    report: Value,
    out: tempfile::TempDir,
}

fn scan(dir: &Path, args: &[&str]) -> Run {
    let out = tempfile::tempdir().expect("tempdir");
    let assert = Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out.path())
        .args(["--no-progress", "--format", "json,html,markdown,sarif,junit"])
        .args(args)
        .assert();
    let o = assert.get_output();
    let report = fs::read_to_string(out.path().join("report.json"))
        .map(|t| serde_json::from_str(&t).expect("report.json is JSON"))
        .unwrap_or(Value::Null);
    Run {
        code: o.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&o.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&o.stderr).into_owned(),
        report,
        out,
    }
}

/// The ledger entry for `rule` whose source is at `at` (`ztmm.yaml:7`, `k8s/rbac.yaml:12`).
fn ledger<'a>(r: &'a Value, rule: &str, at: &str) -> &'a Value {
    r["waivers"]
        .as_array()
        .expect("waivers")
        .iter()
        .find(|w| {
            let src = format!("{}:{}", w["source"]["path"].as_str().unwrap_or(""), w["source"]["line"]);
            w["rule_id"] == rule && src.ends_with(at)
        })
        .unwrap_or_else(|| panic!("no waiver for {rule} at {at}: {:#}", r["waivers"]))
}

fn status(r: &Value, rule: &str, at: &str) -> String {
    ledger(r, rule, at)["status"].as_str().unwrap_or("").to_string()
}

fn failing(r: &Value, rule: &str) -> usize {
    r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .filter(|f| f["rule_id"] == rule && f["verdict"] == "fail")
        .count()
}

#[test]
fn inline_and_assessment_file_waivers_apply_and_the_ledger_says_where_each_was_written() {
    let dir = estate();
    let run = scan(dir.path(), &["--fail-on", "high"]);
    assert_eq!(run.code, 0, "every high finding is waived: {}", run.stderr);
    let r = &run.report;
    assert_eq!(status(r, "ZT-AW-001", "ztmm.yaml:7"), "active");
    assert_eq!(status(r, "ZT-AW-040", "ztmm.yaml:12"), "expired");
    assert_eq!(status(r, "ZT-ID-001", "ztmm.yaml:17"), "unmatched");
    assert_eq!(ledger(r, "ZT-AW-001", "ztmm.yaml:7")["source"]["kind"], "config");
    // Above the subject it covers (the comment line between is skipped), trailing, file-wide.
    let rbac = ledger(r, "ZT-ID-002", "k8s/rbac.yaml:12");
    assert_eq!((rbac["status"].as_str(), rbac["scope"].as_str()), (Some("active"), Some("k8s/rbac.yaml:13")));
    assert_eq!(rbac["source"]["kind"], "inline");
    assert_eq!(rbac["owner"], "platform-security@example.com");
    let bastion = ledger(r, "ZT-ID-001", "hosts/bastion/sshd_config:5");
    assert_eq!((bastion["scope"].as_str(), bastion["owner"].as_str()), (Some("hosts/bastion/sshd_config:5"), Some("")));
    assert_eq!(ledger(r, "ZT-ID-001", "hosts/legacy/sshd_config:2")["scope"], "hosts/legacy/sshd_config (whole file)");
    assert_eq!(r["waivers"].as_array().map(Vec::len), Some(6), "the directive in auth.log is not a waiver");
    for rule in ["ZT-ID-002", "ZT-ID-001", "ZT-AW-001"] {
        assert_eq!(failing(r, rule), 0, "{rule}");
    }
    assert_eq!(failing(r, "ZT-AW-040"), 1, "covered only by an expired waiver and a malformed directive");
    let legacy = r["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["location"]["path"] == "hosts/legacy/sshd_config" && f["rule_id"] == "ZT-ID-001")
        .expect("the legacy host's default PasswordAuthentication");
    assert!(legacy["location"]["line"].is_null(), "a setting left at its default has no line");
    assert_eq!(
        legacy["waived_by"]["source"],
        serde_json::json!({"kind": "inline", "path": "hosts/legacy/sshd_config", "line": 2})
    );
    assert_eq!(legacy["waived_by"]["reason"], "host retired with OPS-881");
    assert_eq!(
        r["gate"],
        serde_json::json!({"attestations_accepted": false, "inline_waivers": true, "max_waiver_days": null})
    );
    // Malformed directives are located warnings; nothing else about them changes.
    for line in [
        "warning: k8s/workloads.yaml:16: ztmm:ignore not applied: needs expires=YYYY-MM-DD",
        "warning: k8s/workloads.yaml:18: ztmm:ignore not applied: unknown rule `ZT-AW-999`",
        "warning: k8s/workloads.yaml:20: ztmm:ignore not applied: `2027-02-30` is not a date (YYYY-MM-DD)",
    ] {
        assert!(run.stderr.contains(line), "{line}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("ztmm.yaml:12: waiver for ZT-AW-040 (k8s/**) expired on 2025-01-31"), "{}", run.stderr);
    assert!(
        run.stdout.contains("Waivers: 4 active, 1 expired, 1 unmatched (3 inline; 4 finding(s) waived)"),
        "{}",
        run.stdout
    );
}

#[test]
fn max_waiver_days_rejects_long_waivers_and_their_findings_drive_the_gate() {
    let dir = estate();
    let run = scan(dir.path(), &["--max-waiver-days", "365", "--fail-on", "high"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("gate failed: 2 unwaived finding(s) at high or above"), "{}", run.stderr);
    let r = &run.report;
    let config = ledger(r, "ZT-AW-001", "ztmm.yaml:7");
    assert_eq!(config["status"], "rejected");
    assert!(config["status_reason"].as_str().is_some_and(|s| s.contains("over the 365-day limit")), "{config}");
    assert_eq!(status(r, "ZT-ID-001", "hosts/legacy/sshd_config:2"), "rejected", "inline waivers too");
    assert_eq!(status(r, "ZT-ID-002", "k8s/rbac.yaml:12"), "active", "30 days is within the limit");
    assert_eq!((failing(r, "ZT-AW-001"), failing(r, "ZT-ID-001")), (1, 1));
    assert!(
        run.stderr.contains("ztmm.yaml:7: waiver for ZT-AW-001 (k8s/workloads.yaml) rejected: expires 2099-12-31"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("warning: hosts/legacy/sshd_config:2: inline waiver for ZT-ID-001"), "{}", run.stderr);
    assert_eq!(r["gate"]["max_waiver_days"], 365);

    // Rejection alone does not fail a scan: without a gate on the findings, exit 0.
    let run = scan(dir.path(), &["--max-waiver-days", "365"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stdout.contains("2 rejected"), "{}", run.stdout);
}

#[test]
fn the_gate_section_of_ztmm_yaml_sets_the_same_limits_and_the_stricter_one_wins() {
    let dir = estate();
    let cfg = dir.path().join("ztmm.yaml");
    let original = fs::read_to_string(&cfg).expect("ztmm.yaml");
    fs::write(&cfg, format!("{original}\ngate:\n  max_waiver_days: 365\n")).expect("write");
    let run = scan(dir.path(), &["--fail-on", "high"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(status(&run.report, "ZT-AW-001", "ztmm.yaml:7"), "rejected");

    // The file says 10 days, the flag 365: 10 applies, so the 30-day waivers are rejected too.
    fs::write(&cfg, format!("{original}\ngate:\n  max_waiver_days: 10\n")).expect("write");
    let run = scan(dir.path(), &["--max-waiver-days", "365", "--fail-on", "critical"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(status(&run.report, "ZT-ID-002", "k8s/rbac.yaml:12"), "rejected");
    assert_eq!(run.report["gate"]["max_waiver_days"], 10);

    fs::write(&cfg, format!("{original}\ngate:\n  inline_waivers: false\n")).expect("write");
    let run = scan(dir.path(), &["--fail-on", "critical"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(status(&run.report, "ZT-ID-002", "k8s/rbac.yaml:12"), "refused");
    assert_eq!(run.report["gate"]["inline_waivers"], false);

    fs::write(&cfg, format!("{original}\ngate:\n  max_waiver_days: soon\n")).expect("write");
    let run = scan(dir.path(), &[]);
    assert_eq!(run.code, 2, "a bad gate setting is a config error: {}", run.stderr);
    assert!(run.stderr.contains("ztmm.yaml:24:"), "{}", run.stderr);
}

#[test]
fn no_inline_waivers_lists_directives_as_refused_and_waives_nothing_with_them() {
    let dir = estate();
    let run = scan(dir.path(), &["--no-inline-waivers", "--fail-on", "critical"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(run.stderr.contains("gate failed: 1 unwaived finding(s) at critical or above"), "{}", run.stderr);
    let r = &run.report;
    for (rule, at) in [
        ("ZT-ID-002", "k8s/rbac.yaml:12"),
        ("ZT-ID-001", "hosts/bastion/sshd_config:5"),
        ("ZT-ID-001", "hosts/legacy/sshd_config:2"),
    ] {
        assert_eq!(status(r, rule, at), "refused", "{rule} at {at}");
        assert_eq!(ledger(r, rule, at)["findings"], 1);
    }
    assert_eq!(status(r, "ZT-AW-001", "ztmm.yaml:7"), "active", "the assessment file's waivers still apply");
    assert_eq!(failing(r, "ZT-ID-002"), 1);
    assert!(
        run.stderr.contains("warning: k8s/rbac.yaml:12: inline waiver for ZT-ID-002 (k8s/rbac.yaml:13) refused"),
        "{}",
        run.stderr
    );
}

fn sarif_validator() -> jsonschema::Validator {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/sarif-2.1.0-rtm.5.json");
    // The published schema's `language` pattern has a stray `]` (see tests/formats.rs).
    let text = fs::read_to_string(path)
        .expect("schema")
        .replace(r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#, r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#);
    jsonschema::validator_for(&serde_json::from_str(&text).expect("json")).expect("schema compiles")
}

#[test]
fn sarif_suppresses_waived_results_in_source_or_externally_and_junit_lists_them() {
    let dir = estate();
    let run = scan(dir.path(), &[]);
    let sarif: Value =
        serde_json::from_str(&fs::read_to_string(run.out.path().join("report.sarif")).expect("sarif")).expect("json");
    let errors: Vec<String> =
        sarif_validator().iter_errors(&sarif).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let suppression = |rule: &str, path: &str| {
        results
            .iter()
            .find(|r| r["ruleId"] == rule && r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == path)
            .map(|r| r["suppressions"][0].clone())
            .unwrap_or(Value::Null)
    };
    let inline = suppression("ZT-ID-002", "k8s/rbac.yaml");
    assert_eq!(inline["kind"], "inSource");
    assert_eq!(inline["justification"], "Break-glass group, empty outside incidents (RB-014)");
    assert_eq!(inline["location"]["physicalLocation"]["region"]["startLine"], 12, "at the directive");
    let config = suppression("ZT-AW-001", "k8s/workloads.yaml");
    assert_eq!(config["kind"], "external");
    assert_eq!(config["justification"], "Tokenizer needs /dev/hsm until the HSM device plugin ships (PAY-301)");
    assert!(suppression("ZT-AW-040", "k8s/workloads.yaml").is_null(), "an expired waiver suppresses nothing");
    assert_eq!(sarif["runs"][0]["properties"]["waivers"].as_array().map(Vec::len), Some(6));

    let junit = fs::read_to_string(run.out.path().join("junit.xml")).expect("junit");
    assert!(junit.contains("<testsuite name=\"Waivers\" tests=\"6\" failures=\"0\" skipped=\"2\">"), "{junit}");
    assert!(junit.contains("waived: k8s/rbac.yaml:13: "), "waived findings in the rule's system-out");
    assert!(junit.contains("(k8s/rbac.yaml:12)"), "with the directive's place");
}

#[test]
fn every_output_shows_rejected_refused_expired_and_unmatched_waivers() {
    let dir = estate();
    let run = scan(dir.path(), &["--max-waiver-days", "365", "--no-inline-waivers"]);
    assert_eq!(run.code, 0, "no gate set: {}", run.stderr);
    assert!(
        run.stdout.contains("Waivers: 1 expired, 1 rejected, 3 refused, 1 unmatched (3 inline; 0 finding(s) waived)"),
        "{}",
        run.stdout
    );
    let read = |f: &str| fs::read_to_string(run.out.path().join(f)).expect(f);
    let html = read("report.html");
    for needle in [
        "wstatus-rejected",
        "wstatus-refused",
        "EXPIRED",
        "wstatus-unmatched",
        "ztmm.yaml:7</span>",
        "k8s&#x2f;rbac.yaml:12</span>",
        "over the 365-day limit",
        "1 rejected (expiring beyond the scan's limit) and 3 refused",
        "waivers may run at most 365 days",
    ] {
        assert!(html.contains(needle), "HTML lacks {needle}");
    }
    let md = read("report.md");
    assert!(md.contains("### Waivers (6)"), "{md}");
    for needle in [
        "**rejected**: expires 2099-12-31",
        "**refused**: this scan does not accept",
        "**expired**: expired on 2025-01-31",
        "**unmatched**",
        "inline `k8s/rbac.yaml:12`",
        "config `",
    ] {
        assert!(md.contains(needle), "Markdown lacks {needle}\n{md}");
    }
    let junit = read("junit.xml");
    for needle in [
        "[rejected]\"",
        "<skipped message=\"refused: ",
        "<skipped message=\"expired: ",
        "<skipped message=\"unmatched: ",
    ] {
        assert!(junit.contains(needle), "JUnit lacks {needle}");
    }
    let sarif: Value = serde_json::from_str(&read("report.sarif")).expect("json");
    let statuses: Vec<&str> = sarif["runs"][0]["properties"]["waivers"]
        .as_array()
        .expect("ledger")
        .iter()
        .filter_map(|w| w["status"].as_str())
        .collect();
    assert_eq!(statuses.iter().filter(|s| **s == "refused").count(), 3);
    assert!(sarif["runs"][0]["results"].as_array().expect("results").iter().all(|r| r["suppressions"].is_null()));
}

#[test]
fn inline_waiver_text_is_scanned_content_redacted_and_escaped_in_every_output() {
    let dir = tempfile::tempdir().expect("tempdir");
    let soon = jiff::ZonedDateTime::now().date().checked_add(jiff::Span::new().days(30)).expect("a date");
    fs::write(
        dir.path().join("sshd_config"),
        format!(
            "Port 22\nPasswordAuthentication yes # ztmm:ignore ZT-ID-001 reason=\"<script>document.title='pwned-inline'</script> token ghp_0123456789abcdefghijABCDEFGHIJklmnop\" expires={soon} owner=\"<img src=x onerror=alert(1)>\"\n"
        ),
    )
    .expect("write");
    let run = scan(dir.path(), &["--fail-on", "high"]);
    assert_eq!(run.code, 0, "the directive applies: {}", run.stderr);
    for file in ["report.json", "report.html", "report.md", "junit.xml", "report.sarif"] {
        let text = fs::read_to_string(run.out.path().join(file)).expect(file);
        assert!(!text.contains("ghp_0123456789abcdefghij"), "{file} leaks the token");
        if !file.ends_with("json") && !file.ends_with("sarif") {
            assert!(!text.contains("<script>document") && !text.contains("<img src=x"), "{file} carries raw HTML");
        }
    }
    assert!(run.report["waivers"][0]["reason"].as_str().is_some_and(|r| r.ends_with("token [REDACTED]")));
}

#[test]
fn merged_scans_keep_each_waiver_source_under_its_scope_and_record_what_held_for_all() {
    let dir = estate();
    let strict = scan(dir.path(), &["--no-inline-waivers", "--max-waiver-days", "365"]);
    let lenient = scan(dir.path(), &["--max-waiver-days", "400"]);
    let out = tempfile::tempdir().expect("tempdir");
    let (a, b) = (strict.out.path().join("report.json"), lenient.out.path().join("report.json"));
    Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("merge")
        .arg(&a)
        .arg("--name")
        .arg(format!("{}=payments-ci", a.display()))
        .arg(&b)
        .arg("--name")
        .arg(format!("{}=payments-dev", b.display()))
        .arg("-o")
        .arg(out.path())
        .args(["--quiet", "--format", "json"])
        .assert()
        .success();
    let merged: Value =
        serde_json::from_str(&fs::read_to_string(out.path().join("report.json")).expect("merged")).expect("json");
    // Inline waivers were refused in one scope only, and the loosest limit held everywhere.
    assert_eq!(
        merged["gate"],
        serde_json::json!({"attestations_accepted": false, "inline_waivers": true, "max_waiver_days": 400})
    );
    assert_eq!(status(&merged, "ZT-ID-002", "payments-ci:k8s/rbac.yaml:12"), "refused");
    assert_eq!(status(&merged, "ZT-ID-002", "payments-dev:k8s/rbac.yaml:12"), "active");
    let waived = merged["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .find(|f| f["rule_id"] == "ZT-ID-002" && f["verdict"] == "waived")
        .expect("waived in the lenient scope");
    assert_eq!(waived["waived_by"]["source"]["path"], "payments-dev:k8s/rbac.yaml");
}
