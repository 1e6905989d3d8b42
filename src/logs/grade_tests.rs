//! Tests of grading against what each format can emit.

use super::*;
use crate::logs::quality::QualityAcc;
use serde_json::{json, Value};

fn graded(kind: Kind, events: &[Value]) -> LogGrades {
    let mut acc = QualityAcc::new(kind);
    events.iter().for_each(|e| acc.observe(e));
    let q = acc.finish();
    let stats = LogStats { events: q.events, lines: q.events, ..LogStats::default() };
    grade(kind, &stats, &q, 1.0)
}

fn dim(g: &LogGrades, name: &str) -> Grade {
    g.dimensions[name].grade
}

/// `n` events a minute apart, from 10:00.
fn cloudtrail(n: usize) -> Vec<Value> {
    (0..n)
        .map(|i| {
            json!({"eventVersion": "1.09", "eventName": "GetObject", "eventTime": format!("2026-03-03T{:02}:{:02}:00Z", 10 + i / 60, i % 60),
                   "userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::1:assumed-role/r/a"}, "sourceIPAddress": "198.51.100.9",
                   "eventID": format!("E{i}"), "requestParameters": null})
        })
        .collect()
}

#[test]
fn cloudtrail_is_judged_by_what_cloudtrail_can_emit() {
    let g = graded(Kind::CloudtrailLog, &cloudtrail(90));
    // Whole seconds and success-by-absence are how CloudTrail records: not defects.
    assert_eq!(dim(&g, "timestamps"), Grade::Good, "{g:#?}");
    assert!(g.dimensions["timestamps"].why.contains("by design"));
    assert_eq!(dim(&g, "outcome"), Grade::Good);
    // GetObject without requestParameters names no resource: only some calls do.
    assert_eq!(dim(&g, "resource"), Grade::Fair);
    assert_eq!((dim(&g, "volume"), g.overall), (Grade::Good, Grade::Fair), "{g:#?}");
}

#[test]
fn small_samples_are_no_evidence_never_good() {
    let g = graded(Kind::CloudtrailLog, &cloudtrail(12));
    assert_eq!((dim(&g, "volume"), g.overall), (Grade::NoEvidence, Grade::NoEvidence));
    assert!(g.dimensions["volume"].why.contains("12 events over 11 min"), "{}", g.dimensions["volume"].why);
    // 30 events within half an hour: enough events, too short a window.
    let g = graded(Kind::CloudtrailLog, &cloudtrail(30));
    assert_eq!(g.overall, Grade::NoEvidence);
}

#[test]
fn syslog_stamps_are_a_defect_and_postgres_prefixes_a_setting() {
    let lines: Vec<Value> = (0..40)
        .map(|i| json!({"syslog": "rfc3164", "timestamp": format!("Mar  3 {:02}:{:02}:01", 8 + i / 10, i % 10 * 5), "host": "web1", "program": "sshd", "pid": "1",
                        "sshd": {"user": "a", "outcome": "success", "source_ip": "10.0.0.1"}}))
        .collect();
    let g = graded(Kind::AuthLog, &lines);
    assert_eq!(dim(&g, "timestamps"), Grade::Poor, "{g:#?}");
    assert!(g.dimensions["timestamps"].why.contains("no year"));
    assert_eq!(dim(&g, "structure"), Grade::Fair, "syslog is text");
    assert_eq!(dim(&g, "volume"), Grade::Good, "a yearless window is still a span: {g:#?}");
    assert_eq!(g.overall, Grade::Poor);
    let pg: Vec<Value> = (0..40)
        .map(|i| json!({"format": "stderr", "timestamp": format!("2026-03-03T{:02}:00:00.000Z", i % 24), "level": "LOG", "message": "x", "user": if i % 2 == 0 { json!("app") } else { Value::Null }}))
        .collect();
    let g = graded(Kind::PostgresLog, &pg);
    assert_eq!(dim(&g, "who"), Grade::Poor);
    assert!(g.dimensions["who"].why.contains("%u in log_line_prefix"), "{}", g.dimensions["who"].why);
    assert_eq!(dim(&g, "structure"), Grade::Fair);
    assert!(g.dimensions["structure"].why.contains("csvlog or jsonlog"));
}
