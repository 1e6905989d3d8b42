//! Log readers end to end: every sample under `fixtures/logs` is recognised and read by the real
//! binary, with the field coverage, window and timestamp precision its format carries; large logs
//! read in parallel batches count every event and cite the first matches in file order.

use assert_cmd::Command;
use serde_json::Value;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn scan(dir: &Path) -> Value {
    let out = tempfile::tempdir().expect("tempdir");
    Command::cargo_bin("ztmm")
        .expect("binary builds")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out.path())
        .args(["--no-progress", "--quiet", "--format", "json"])
        .assert()
        .success();
    let text = fs::read_to_string(out.path().join("report.json")).expect("report.json is written");
    serde_json::from_str(&text).expect("report.json is JSON")
}

fn source<'a>(report: &'a Value, path: &str) -> &'a Value {
    let all = report["log_sources"].as_array().expect("log_sources");
    all.iter().find(|l| l["path"] == path).unwrap_or_else(|| panic!("{path} is not a log source: {all:#?}"))
}

fn coverage(src: &Value, aspect: &str) -> f64 {
    src["coverage"][aspect].as_f64().unwrap_or(-1.0)
}

#[test]
fn every_fixture_log_is_read_with_its_kind() {
    let report = scan(Path::new("fixtures/logs"));
    let expected: &[(&str, &str, u64)] = &[
        ("auth/auth.log", "auth-log", 11),
        ("auth/auth-rfc5424.log", "auth-log", 6),
        ("ecs/app-audit-ecs.jsonl", "json-log", 4),
        ("ocsf/api-activity-ocsf.jsonl", "json-log", 3),
        ("okta/okta-system-log.json", "okta-system-log", 4),
        ("okta/okta-system-log.jsonl", "okta-system-log", 4),
        // 24 lines: the tab-indented continuations of two multi-line statements are no events.
        ("postgres/postgresql-16-main.log", "postgres-log", 20),
        ("postgres/postgresql-keyvalue-prefix.log", "postgres-log", 5),
        ("postgres/postgresql-2026-03-03_100000.csv", "postgres-log", 7),
        ("postgres/postgresql-2026-03-03_100000.json", "postgres-log", 5),
        ("teleport/teleport-audit.log", "teleport-audit-log", 10),
    ];
    for (path, kind, events) in expected {
        let src = source(&report, path);
        assert_eq!((src["kind"].as_str(), src["events"].as_u64()), (Some(*kind), Some(*events)), "{path}: {src:#}");
        assert_eq!(src["parse_rate"].as_f64(), Some(1.0), "{path}: {src:#}");
    }
    assert_eq!(report["log_sources"].as_array().map(Vec::len), Some(expected.len()));
    let diagnostics = report["diagnostics"].as_array().expect("diagnostics");
    assert!(diagnostics.is_empty(), "the samples are clean: {diagnostics:#?}");
}

#[test]
fn coverage_and_timestamps_follow_each_format() {
    let report = scan(Path::new("fixtures/logs"));
    // RFC 3164 has no year or zone; RFC 5424 has both, to the microsecond.
    let bsd = source(&report, "auth/auth.log");
    assert_eq!(bsd["timestamp_precision"], "seconds, no time zone or year (syslog)");
    let ietf = source(&report, "auth/auth-rfc5424.log");
    assert_eq!(ietf["timestamp_precision"], "microseconds");
    assert_eq!(ietf["window"]["start"], "2026-03-03T10:15:01.204518+01:00");
    // Okta: every event names its actor, action, outcome and client; two of four name a target.
    for path in ["okta/okta-system-log.json", "okta/okta-system-log.jsonl"] {
        let okta = source(&report, path);
        for aspect in ["who", "what", "when", "where", "outcome", "correlation"] {
            assert!((coverage(okta, aspect) - 1.0).abs() < 1e-9, "{path} {aspect}: {okta:#}");
        }
        assert!((coverage(okta, "resource") - 0.5).abs() < 1e-9, "{okta:#}");
        assert_eq!(okta["window"]["end"], "2026-03-03T10:12:31.006Z");
    }
    // ECS (nested and dotted names) and OCSF (epoch-millisecond times) answer every question.
    let ecs = source(&report, "ecs/app-audit-ecs.jsonl");
    assert!(
        ["who", "what", "when", "where", "resource", "outcome", "correlation"]
            .iter()
            .all(|a| (coverage(ecs, a) - 1.0).abs() < 1e-9),
        "{ecs:#}"
    );
    let ocsf = source(&report, "ocsf/api-activity-ocsf.jsonl");
    assert_eq!(ocsf["timestamp_precision"], "milliseconds");
    assert!(ocsf["window"]["start"].as_str().is_some_and(|s| s.starts_with("2026-03-03T")), "{ocsf:#}");
    assert!((coverage(ocsf, "resource") - 2.0 / 3.0).abs() < 1e-3, "the logon event names no resource");
    // PostgreSQL: the Debian prefix (%m [%p] %q%u@%d) has no client or session id; csvlog has all.
    let stderr = source(&report, "postgres/postgresql-16-main.log");
    assert_eq!(stderr["timestamp_precision"], "milliseconds");
    assert!(coverage(stderr, "correlation").abs() < 1e-9);
    let csv = source(&report, "postgres/postgresql-2026-03-03_100000.csv");
    assert!((coverage(csv, "correlation") - 1.0).abs() < 1e-9 && (coverage(csv, "outcome") - 1.0).abs() < 1e-9);
    let cet = source(&report, "postgres/postgresql-keyvalue-prefix.log");
    assert_eq!(cet["timestamp_precision"], "milliseconds, no time zone", "CET names no offset");
    assert_eq!(cet["window"]["start"], "2026-03-03 10:02:44.327 CET");
    let teleport = source(&report, "teleport/teleport-audit.log");
    assert!((coverage(teleport, "correlation") - 1.0).abs() < 1e-9);
    assert!((coverage(teleport, "who") - 0.8).abs() < 1e-9, "approvals and certificates name no user");
}

/// A CloudTrail log of `n` records, one in every `every` by the root user, as JSON lines.
fn cloudtrail(n: usize, every: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        let (kind, arn) = if i % every == 0 {
            ("Root", "arn:aws:iam::111122223333:root".to_string())
        } else {
            ("AssumedRole", format!("arn:aws:sts::111122223333:assumed-role/ci/{i}"))
        };
        let _ = writeln!(
            s,
            r#"{{"eventVersion":"1.09","userIdentity":{{"type":"{kind}","principalId":"P{i}","arn":"{arn}","accountId":"111122223333"}},"eventTime":"2026-03-03T{:02}:{:02}:{:02}Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","awsRegion":"eu-west-1","sourceIPAddress":"198.51.100.{}","userAgent":"aws-cli/2.15.30","requestParameters":{{"bucketName":"ledger-exports","key":"part-{i}.parquet"}},"responseElements":null,"requestID":"R{i}","eventID":"E{i}","readOnly":true,"eventType":"AwsApiCall","recipientAccountId":"111122223333"}}"#,
            8 + i / 3600 % 12,
            i / 60 % 60,
            i % 60,
            i % 250
        );
    }
    s
}

#[test]
fn large_logs_count_every_event_and_cite_the_first_matches_in_order() {
    // ~4 MB: several batches, read in parallel and merged in file order.
    let (n, every) = (8_000, 97);
    let dir = tempfile::tempdir().expect("tempdir");
    let text = cloudtrail(n, every);
    assert!(text.len() > 3 << 20, "{}", text.len());
    fs::create_dir_all(dir.path().join("lines")).expect("mkdir");
    fs::write(dir.path().join("lines/cloudtrail.jsonl"), &text).expect("write");
    // The same records as a delivered CloudTrail file (one line).
    let records: Vec<&str> = text.lines().collect();
    fs::create_dir_all(dir.path().join("files")).expect("mkdir");
    fs::write(dir.path().join("files/trail.json"), format!("{{\"Records\":[{}]}}", records.join(","))).expect("write");
    for (sub, path) in [("lines", "cloudtrail.jsonl"), ("files", "trail.json")] {
        let report = scan(&dir.path().join(sub));
        let src = source(&report, path);
        assert_eq!(src["events"].as_u64(), Some(n as u64), "{sub}");
        let rules = report["rules"].as_array().expect("rules");
        let root = rules.iter().find(|r| r["id"] == "ZT-ID-041").expect("ZT-ID-041");
        assert_eq!(root["verdict"], "fail", "{sub}");
        let findings: Vec<&Value> =
            report["findings"].as_array().expect("findings").iter().filter(|f| f["rule_id"] == "ZT-ID-041").collect();
        assert_eq!(findings.len(), 20, "{sub}: samples are capped at 20");
        // The first 20 root calls in the file, each written up from its own record (the report
        // orders findings of one line by message, so the container's are compared as a set).
        let mut cited: Vec<usize> = findings
            .iter()
            .map(|f| {
                let evidence = f["evidence"].as_str().unwrap_or("");
                let id = evidence.split("\"principalId\":\"P").nth(1).and_then(|r| r.split('"').next());
                let i: usize = id.and_then(|i| i.parse().ok()).unwrap_or_else(|| panic!("{sub}: {evidence}"));
                let line = f["location"]["line"].as_u64();
                assert_eq!(line, Some(if sub == "lines" { i as u64 + 1 } else { 1 }), "{sub}: {evidence}");
                let msg = f["message"].as_str().unwrap_or("");
                assert!(msg.contains("111122223333") && msg.contains("GetObject") && !msg.contains('?'), "{msg}");
                i
            })
            .collect();
        cited.sort_unstable();
        assert_eq!(cited, (0..20).map(|k| k * every).collect::<Vec<_>>(), "{sub}");
        // IAM users and root against everyone else: 83 of 8,000 calls are root.
        let local = rules.iter().find(|r| r["id"] == "ZT-ID-043").expect("ZT-ID-043");
        assert_eq!(local["verdict"], "fail", "{sub}");
    }
}

/// `n` CloudTrail records `step` seconds apart from 08:00, the root user making the `root`-th.
fn trail(n: usize, step: usize, root: Option<usize>) -> String {
    let mut s = String::new();
    for i in 0..n {
        let t = i * step;
        let kind = if Some(i) == root { "Root" } else { "AssumedRole" };
        let _ = writeln!(
            s,
            r#"{{"eventVersion":"1.09","userIdentity":{{"type":"{kind}","arn":"arn:aws:sts::111122223333:assumed-role/ci/{i}","accountId":"111122223333"}},"eventTime":"2026-03-03T{:02}:{:02}:{:02}Z","eventSource":"s3.amazonaws.com","eventName":"GetObject","sourceIPAddress":"198.51.100.7","eventID":"E{i}"}}"#,
            8 + t / 3600,
            t / 60 % 60,
            t % 60
        );
    }
    s
}

fn rule<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["rules"].as_array().expect("rules").iter().find(|r| r["id"] == id).unwrap_or_else(|| panic!("no {id}"))
}

#[test]
fn absence_needs_a_sample_large_and_long_enough_but_a_finding_needs_none() {
    let dir = tempfile::tempdir().expect("tempdir");
    let case = |name: &str, text: String| {
        let d = dir.path().join(name);
        fs::create_dir_all(&d).expect("mkdir");
        fs::write(d.join("cloudtrail.jsonl"), text).expect("write");
        scan(&d)
    };
    // 10 clean events over 45 minutes: nothing found, and nothing shown.
    let small = case("small", trail(10, 300, None));
    let r = rule(&small, "ZT-ID-041");
    assert_eq!(r["verdict"], "no_evidence", "{r:#}");
    let why = r["reason"].as_str().unwrap_or("");
    assert!(why.contains("10 events over 45 min") && why.contains("at least 20 events over 1 hour"), "{why}");
    let src = source(&small, "cloudtrail.jsonl");
    assert_eq!(src["grade"]["overall"], "no_evidence", "{src:#}");
    assert_eq!(src["grade"]["dimensions"]["timestamps"]["grade"], "good", "CloudTrail's whole seconds are by design");
    assert_eq!(src["window_seconds"], 2700);
    // 30 events, but all within five minutes: too short a window.
    let short = case("short", trail(30, 10, None));
    assert_eq!(rule(&short, "ZT-ID-041")["verdict"], "no_evidence");
    // 30 clean events over 2 h 25 min: absence is shown.
    let enough = case("enough", trail(30, 300, None));
    let r = rule(&enough, "ZT-ID-041");
    assert_eq!(r["verdict"], "pass", "{r:#}");
    assert!(r.get("reason").is_none(), "{r:#}");
    assert_ne!(source(&enough, "cloudtrail.jsonl")["grade"]["overall"], "no_evidence");
    // Three events, one of them root: a finding stands on any sample.
    let one = case("one", trail(3, 60, Some(1)));
    assert_eq!(rule(&one, "ZT-ID-041")["verdict"], "fail");
}
