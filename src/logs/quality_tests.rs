//! Tests of the audit-log quality scorecard.

use super::*;
use crate::logs::fields::{aspect, RESOURCE, WHAT, WHO};
use serde_json::{json, Value};

#[test]
fn kubernetes_audit_events_answer_every_question() {
    let mut q = QualityAcc::new(Kind::K8sAuditLog);
    for t in ["2026-03-03T10:15:02.123456Z", "2026-03-03T10:15:01.000001Z"] {
        q.observe(&json!({
            "auditID": "a", "verb": "get", "user": {"username": "alice"}, "sourceIPs": ["10.0.0.5"],
            "objectRef": {"resource": "secrets"}, "responseStatus": {"code": 200},
            "requestReceivedTimestamp": t
        }));
    }
    let r = q.finish();
    assert!(r.coverage.values().all(|v| (*v - 1.0).abs() < f64::EPSILON), "{:?}", r.coverage);
    assert_eq!(r.start.as_deref(), Some("2026-03-03T10:15:01.000001Z"));
    assert_eq!(r.end.as_deref(), Some("2026-03-03T10:15:02.123456Z"));
    assert_eq!(r.precision.as_deref(), Some("microseconds"));
}

#[test]
fn gaps_and_coarse_timestamps_show() {
    let mut q = QualityAcc::new(Kind::CloudtrailLog);
    q.observe(&json!({"eventName": "ConsoleLogin", "eventTime": "2026-03-03T10:15:01Z", "userIdentity": {"arn": "arn:aws:iam::1:user/a"}}));
    q.observe(
        &json!({"eventName": "GetObject", "eventTime": "2026-03-03T11:00:00Z", "sourceIPAddress": "203.0.113.9"}),
    );
    let r = q.finish();
    assert!((r.coverage["who"] - 0.5).abs() < 1e-9);
    assert!((r.coverage["where"] - 0.5).abs() < 1e-9);
    assert!(r.coverage["correlation"].abs() < 1e-9);
    assert_eq!(r.precision.as_deref(), Some("seconds"));
    let mut s = QualityAcc::new(Kind::AuthLog);
    s.observe(&json!({"timestamp": "Mar  3 10:15:01", "program": "sshd", "host": "web1"}));
    assert_eq!(s.finish().precision.as_deref(), Some("seconds, no time zone or year (syslog)"));
    let mut j = QualityAcc::new(Kind::JsonLog);
    j.observe(&json!({"timestamp": "2021-10-01 00:00:00.000Z"}));
    j.observe(&json!({"ts": 1_700_000_000_123_u64}));
    let r = j.finish();
    assert_eq!(r.precision.as_deref(), Some("milliseconds"));
    assert_eq!(r.start.as_deref(), Some("2021-10-01 00:00:00.000Z"));
    let mut u = QualityAcc::new(Kind::JsonLog);
    u.observe(&json!({"time": "yesterday at noon"}));
    assert_eq!(u.finish().precision.as_deref(), Some("unrecognised timestamp format"));
}

#[test]
fn generic_json_lines_use_common_field_names() {
    let mut q = QualityAcc::new(Kind::JsonLog);
    q.observe(&json!({"@timestamp": "2026-03-03T10:15:01.5+01:00", "user": {"name": "a"}, "event": {"action": "login", "outcome": "success"}, "source": {"ip": "10.1.1.1"}, "trace": {"id": "t"}}));
    let r = q.finish();
    for a in ["who", "what", "when", "where", "outcome", "correlation"] {
        assert!((r.coverage[a] - 1.0).abs() < 1e-9, "{a}");
    }
    assert!(r.coverage["resource"].abs() < 1e-9);
    assert_eq!(r.precision.as_deref(), Some("milliseconds"));
}

#[test]
fn accumulators_of_consecutive_batches_merge_into_the_whole() {
    let events: Vec<Value> = (0..6)
        .map(|i| {
            json!({"eventName": "GetObject", "eventTime": format!("2026-03-03T10:0{i}:00Z"),
                   "sourceIPAddress": if i % 2 == 0 { "203.0.113.9" } else { "" }})
        })
        .collect();
    let mut whole = QualityAcc::new(Kind::CloudtrailLog);
    events.iter().for_each(|e| whole.observe(e));
    let (mut first, mut second) = (QualityAcc::new(Kind::CloudtrailLog), QualityAcc::new(Kind::CloudtrailLog));
    events[..4].iter().for_each(|e| first.observe(e));
    events[4..].iter().for_each(|e| second.observe(e));
    // Batches can be merged out of time order: the window is still the earliest and latest.
    second.merge(first);
    assert_eq!(second.finish(), whole.finish());
}

#[test]
fn aspects_name_the_principal_action_and_resource() {
    let ev = json!({"user": {"username": "alice"}, "verb": "get", "objectRef": {"resource": "secrets"}});
    assert_eq!(aspect(Kind::K8sAuditLog, &ev, WHO), Some(&json!("alice")));
    assert_eq!(aspect(Kind::K8sAuditLog, &ev, WHAT), Some(&json!("get")));
    assert_eq!(aspect(Kind::K8sAuditLog, &ev, RESOURCE), Some(&json!("secrets")));
    assert_eq!(aspect(Kind::K8sAuditLog, &ev, WHEN), None);
}
