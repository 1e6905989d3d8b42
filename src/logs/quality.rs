//! Audit-log quality per source: which of who / what / when / where / resource / outcome /
//! correlation each event carries, the time window the sample covers, and how precise and
//! zone-qualified its timestamps are. Field maps follow each format's own schema (Kubernetes
//! audit, CloudTrail, Vault, Teleport, syslog) and common names (ECS, OCSF) for generic JSON lines.
//! Fed one event at a time while the log streams; holds counters, never events.

use crate::kind::Kind;
use serde_json::Value;
use std::collections::BTreeMap;

/// The audit questions an event should answer, in report order.
pub const ASPECTS: [&str; 7] = ["who", "what", "when", "where", "resource", "outcome", "correlation"];

/// JSON pointers that answer each aspect for a log kind (first present wins).
fn field_map(kind: Kind) -> [&'static [&'static str]; 7] {
    match kind {
        Kind::K8sAuditLog => [
            &["/user/username"],
            &["/verb"],
            &["/requestReceivedTimestamp", "/stageTimestamp"],
            &["/sourceIPs/0"],
            &["/objectRef/resource", "/requestURI"],
            &["/responseStatus/code"],
            &["/auditID"],
        ],
        Kind::CloudtrailLog => [
            &["/userIdentity/arn", "/userIdentity/principalId", "/userIdentity/userName"],
            &["/eventName"],
            &["/eventTime"],
            &["/sourceIPAddress"],
            &["/resources/0/ARN", "/requestParameters"],
            // Success is recorded by the absence of errorCode next to a responseElements key.
            &["/errorCode", "/responseElements"],
            &["/requestID", "/eventID"],
        ],
        Kind::VaultAuditLog => [
            &["/auth/display_name", "/auth/entity_id", "/auth/accessor"],
            &["/request/operation"],
            &["/time"],
            &["/request/remote_address"],
            &["/request/path"],
            &["/response", "/error"],
            &["/request/id"],
        ],
        Kind::TeleportAuditLog => [
            &["/user"],
            &["/event", "/code"],
            &["/time"],
            &["/addr.remote", "/addr.local"],
            &["/server_hostname", "/resource_name", "/login", "/db_service"],
            &["/success", "/code"],
            &["/uid", "/sid"],
        ],
        Kind::AuthLog => [
            &["/sshd/user", "/sudo/user"],
            &["/program"],
            &["/timestamp"],
            &["/sshd/source_ip"],
            &["/host"],
            &["/sshd/outcome"],
            &["/pid"],
        ],
        Kind::PostgresLog => [&[], &["/level"], &["/timestamp"], &[], &[], &[], &[]],
        _ => [
            &["/user/name", "/user.name", "/actor/user/name", "/user", "/username", "/principal", "/userIdentity/arn"],
            &["/event/action", "/event.action", "/action", "/activity_name", "/eventName", "/event"],
            &["/@timestamp", "/timestamp", "/time", "/ts", "/eventTime"],
            &["/source/ip", "/source.ip", "/src_endpoint/ip", "/client/ip", "/sourceIPAddress", "/remote_addr", "/ip"],
            &["/url/path", "/url.path", "/resource", "/object", "/target", "/objectRef"],
            &["/event/outcome", "/event.outcome", "/outcome", "/status", "/status_code", "/result"],
            &["/trace/id", "/trace.id", "/request_id", "/correlation_id", "/trace_id", "/requestID"],
        ],
    }
}

fn present(v: Option<&Value>) -> bool {
    match v {
        None | Some(Value::Null) => false,
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// Accumulates quality over a stream of events.
#[derive(Debug, Clone)]
pub struct QualityAcc {
    kind: Kind,
    events: u64,
    covered: [u64; 7],
    start: Option<(jiff::Timestamp, String)>,
    end: Option<(jiff::Timestamp, String)>,
    /// Events whose timestamp has 0, 1–3, 4–6 and 7–9 fractional digits, or no zone.
    precision: [u64; 4],
    zoneless: u64,
    /// Timestamps in no format ztmm reads (no window or precision can be drawn from them).
    unrecognised: u64,
}

/// What a log sample shows about its own quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub coverage: BTreeMap<String, f64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<String>,
}

impl QualityAcc {
    pub fn new(kind: Kind) -> Self {
        QualityAcc {
            kind,
            events: 0,
            covered: [0; 7],
            start: None,
            end: None,
            precision: [0; 4],
            zoneless: 0,
            unrecognised: 0,
        }
    }

    pub fn observe(&mut self, ev: &Value) {
        self.events += 1;
        let map = field_map(self.kind);
        let mut when = None;
        for (i, pointers) in map.iter().enumerate() {
            if let Some(v) = pointers.iter().map(|p| ev.pointer(p)).find(|v| present(*v)).flatten() {
                self.covered[i] += 1;
                if ASPECTS[i] == "when" {
                    when = Some(v);
                }
            }
        }
        match when {
            Some(Value::String(text)) => self.timestamp(text),
            // Epoch numbers: milliseconds when too large to be seconds.
            Some(Value::Number(n)) => {
                let ms = n.as_f64().is_some_and(|f| f > 1e11 || f.fract() != 0.0);
                self.precision[usize::from(ms)] += 1;
            }
            _ => {}
        }
    }

    fn timestamp(&mut self, text: &str) {
        // RFC 3339, also with a space between date and time (`2021-10-01 00:00:00.000Z`).
        let normalised =
            if text.as_bytes().get(10) == Some(&b' ') { text.replacen(' ', "T", 1) } else { text.to_string() };
        let Ok(ts) = normalised.parse::<jiff::Timestamp>() else {
            if self.kind == Kind::AuthLog || self.kind == Kind::PostgresLog {
                // Syslog's `Mar  3 10:15:01`: no year, no zone, whole seconds.
                self.zoneless += 1;
                self.precision[0] += 1;
            } else {
                self.unrecognised += 1;
            }
            return;
        };
        let fraction =
            text.split_once('.').map_or(0, |(_, rest)| rest.chars().take_while(char::is_ascii_digit).count());
        let bucket = match fraction {
            0 => 0,
            1..=3 => 1,
            4..=6 => 2,
            _ => 3,
        };
        self.precision[bucket] += 1;
        if self.start.as_ref().is_none_or(|(s, _)| ts < *s) {
            self.start = Some((ts, text.to_string()));
        }
        if self.end.as_ref().is_none_or(|(e, _)| ts > *e) {
            self.end = Some((ts, text.to_string()));
        }
    }

    pub fn finish(self) -> Quality {
        #[allow(clippy::cast_precision_loss)]
        let share =
            |n: u64| if self.events == 0 { 0.0 } else { ((n as f64 / self.events as f64) * 1000.0).round() / 1000.0 };
        let coverage = ASPECTS.iter().zip(self.covered).map(|(a, n)| ((*a).to_string(), share(n))).collect();
        let labels = ["seconds", "milliseconds", "microseconds", "nanoseconds"];
        // The coarsest precision any event has is what the source can be relied on for.
        let precision = match self.precision.iter().position(|n| *n > 0) {
            Some(i) if self.zoneless > 0 => Some(format!("{}, no time zone or year (syslog)", labels[i])),
            Some(i) => Some(labels[i].to_string()),
            None if self.unrecognised > 0 => Some("unrecognised timestamp format".to_string()),
            None => None,
        };
        Quality { coverage, start: self.start.map(|s| s.1), end: self.end.map(|e| e.1), precision }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

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
}
