//! Audit-log quality per source: which of who / what / when / where / resource / outcome /
//! correlation each event carries, the time window the sample covers, and how precise and
//! zone-qualified its timestamps are. Field maps follow each format's own schema (Kubernetes
//! audit, CloudTrail, Vault, Teleport, Okta, syslog, PostgreSQL) and common names (ECS, OCSF) for
//! generic JSON lines. Fed one event at a time while the log streams; holds counters, never
//! events; accumulators of consecutive batches merge.

use super::lite::{Shape, Tree};
use super::plan::Seg;
use crate::kind::Kind;
use std::collections::BTreeMap;

/// The audit questions an event should answer, in report order.
pub const ASPECTS: [&str; 7] = ["who", "what", "when", "where", "resource", "outcome", "correlation"];
pub const WHO: usize = 0;
pub const WHAT: usize = 1;
pub const WHEN: usize = 2;
pub const RESOURCE: usize = 4;

/// One step of a field path: a key, or an index into a list.
#[derive(Debug, Clone, Copy)]
pub enum F {
    K(&'static str),
    I(usize),
}
use F::{I, K};

type Fields = &'static [&'static [F]];

/// The field paths that answer each aspect for a log kind (first present wins).
pub fn field_map(kind: Kind) -> [Fields; 7] {
    match kind {
        Kind::K8sAuditLog => [
            &[&[K("user"), K("username")], &[K("impersonatedUser"), K("username")]],
            &[&[K("verb")]],
            &[&[K("requestReceivedTimestamp")], &[K("stageTimestamp")]],
            &[&[K("sourceIPs"), I(0)]],
            &[&[K("objectRef"), K("resource")], &[K("requestURI")]],
            &[&[K("responseStatus"), K("code")], &[K("annotations"), K("authorization.k8s.io/decision")]],
            &[&[K("auditID")]],
        ],
        Kind::CloudtrailLog => [
            &[
                &[K("userIdentity"), K("arn")],
                &[K("userIdentity"), K("principalId")],
                &[K("userIdentity"), K("userName")],
            ],
            &[&[K("eventName")]],
            &[&[K("eventTime")]],
            &[&[K("sourceIPAddress")]],
            &[&[K("resources"), I(0), K("ARN")], &[K("requestParameters")]],
            // Success is recorded by the absence of errorCode next to a responseElements key.
            &[&[K("errorCode")], &[K("responseElements")]],
            &[&[K("requestID")], &[K("eventID")]],
        ],
        Kind::VaultAuditLog => [
            &[&[K("auth"), K("display_name")], &[K("auth"), K("entity_id")], &[K("auth"), K("accessor")]],
            &[&[K("request"), K("operation")]],
            &[&[K("time")]],
            &[&[K("request"), K("remote_address")]],
            &[&[K("request"), K("path")]],
            &[&[K("response")], &[K("error")]],
            &[&[K("request"), K("id")]],
        ],
        Kind::TeleportAuditLog => [
            &[&[K("user")]],
            &[&[K("event")], &[K("code")]],
            &[&[K("time")]],
            &[&[K("addr.remote")], &[K("addr.local")]],
            &[&[K("server_hostname")], &[K("resource_name")], &[K("login")], &[K("db_service")]],
            &[&[K("success")], &[K("code")]],
            &[&[K("uid")], &[K("sid")]],
        ],
        Kind::AuthLog => [
            &[&[K("sshd"), K("user")], &[K("sudo"), K("user")]],
            &[&[K("program")]],
            &[&[K("timestamp")]],
            &[&[K("sshd"), K("source_ip")]],
            &[&[K("host")]],
            &[&[K("sshd"), K("outcome")]],
            &[&[K("pid")]],
        ],
        Kind::PostgresLog => [&[], &[&[K("level")]], &[&[K("timestamp")]], &[], &[], &[], &[]],
        _ => [
            &[
                &[K("user"), K("name")],
                &[K("user.name")],
                &[K("actor"), K("user"), K("name")],
                &[K("user")],
                &[K("username")],
                &[K("principal")],
                &[K("userIdentity"), K("arn")],
            ],
            &[
                &[K("event"), K("action")],
                &[K("event.action")],
                &[K("action")],
                &[K("activity_name")],
                &[K("eventName")],
                &[K("event")],
            ],
            &[&[K("@timestamp")], &[K("timestamp")], &[K("time")], &[K("ts")], &[K("eventTime")]],
            &[
                &[K("source"), K("ip")],
                &[K("source.ip")],
                &[K("src_endpoint"), K("ip")],
                &[K("client"), K("ip")],
                &[K("sourceIPAddress")],
                &[K("remote_addr")],
                &[K("ip")],
            ],
            &[
                &[K("url"), K("path")],
                &[K("url.path")],
                &[K("resource")],
                &[K("object")],
                &[K("target")],
                &[K("objectRef")],
            ],
            &[
                &[K("event"), K("outcome")],
                &[K("event.outcome")],
                &[K("outcome")],
                &[K("status")],
                &[K("status_code")],
                &[K("result")],
            ],
            &[
                &[K("trace"), K("id")],
                &[K("trace.id")],
                &[K("request_id")],
                &[K("correlation_id")],
                &[K("trace_id")],
                &[K("requestID")],
            ],
        ],
    }
}

/// Every field path the map of `kind` reads, for the parse plan.
pub fn plan_paths(kind: Kind) -> Vec<Vec<Seg>> {
    field_map(kind)
        .iter()
        .flat_map(|fields| fields.iter())
        .map(|path| {
            path.iter()
                .map(|f| match f {
                    K(k) => Seg::Key((*k).to_string()),
                    I(_) => Seg::Element,
                })
                .collect()
        })
        .collect()
}

fn lookup<'v, T: Tree>(ev: &'v T, path: &[F]) -> Option<&'v T> {
    let mut v = ev;
    for f in path {
        v = match f {
            K(k) => v.get(k)?,
            I(i) => v.index(*i)?,
        };
    }
    Some(v)
}

fn present<T: Tree>(v: &T) -> bool {
    match v.shape() {
        Shape::Null => false,
        Shape::Str(s) => !s.is_empty(),
        _ => true,
    }
}

/// The node that answers `aspect` (an index into [`ASPECTS`]) for an event of `kind`.
pub fn aspect<T: Tree>(kind: Kind, ev: &T, aspect: usize) -> Option<&T> {
    let fields = field_map(kind);
    fields.get(aspect)?.iter().filter_map(|p| lookup(ev, p)).find(|v| present(*v))
}

/// Accumulates quality over a stream of events.
#[derive(Debug, Clone)]
pub struct QualityAcc {
    kind: Kind,
    map: [Fields; 7],
    events: u64,
    covered: [u64; 7],
    start: Option<(jiff::Timestamp, String)>,
    end: Option<(jiff::Timestamp, String)>,
    /// Events whose timestamp has 0, 1–3, 4–6 and 7–9 fractional digits.
    precision: [u64; 4],
    /// Timestamps without a zone (syslog's `Mar  3 10:15:01`).
    zoneless: u64,
    /// Timestamps in no format ztmm reads (no window or precision can be drawn from them).
    unrecognised: u64,
}

/// What a log sample shows about its own quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub events: u64,
    pub coverage: BTreeMap<String, f64>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub precision: Option<String>,
    /// The coarsest timestamp precision seen: 0 seconds … 3 nanoseconds.
    pub precision_rank: Option<usize>,
    pub zoneless: u64,
    pub unrecognised: u64,
}

impl QualityAcc {
    pub fn new(kind: Kind) -> Self {
        QualityAcc {
            kind,
            map: field_map(kind),
            events: 0,
            covered: [0; 7],
            start: None,
            end: None,
            precision: [0; 4],
            zoneless: 0,
            unrecognised: 0,
        }
    }

    pub fn observe<T: Tree>(&mut self, ev: &T) {
        self.events += 1;
        let mut when = None;
        for (i, fields) in self.map.iter().enumerate() {
            if let Some(v) = fields.iter().filter_map(|p| lookup(ev, p)).find(|v| present(*v)) {
                self.covered[i] += 1;
                if i == WHEN {
                    when = Some(v);
                }
            }
        }
        match when.map(Tree::shape) {
            Some(Shape::Str(text)) => self.timestamp(text),
            // Epoch numbers: milliseconds when too large to be seconds.
            Some(Shape::Num(f)) => {
                let ms = f > 1e11 || f.fract() != 0.0;
                self.precision[usize::from(ms)] += 1;
            }
            _ => {}
        }
    }

    fn timestamp(&mut self, text: &str) {
        // RFC 3339, also with a space between date and time (`2021-10-01 00:00:00.000Z`).
        let mut buf = [0u8; 64];
        let parsed = match text.as_bytes().get(10) {
            Some(b' ') if text.len() <= buf.len() => {
                buf[..text.len()].copy_from_slice(text.as_bytes());
                buf[10] = b'T';
                std::str::from_utf8(&buf[..text.len()]).ok().and_then(|t| t.parse::<jiff::Timestamp>().ok())
            }
            _ => text.parse::<jiff::Timestamp>().ok(),
        };
        let Some(ts) = parsed else {
            if self.kind == Kind::AuthLog || self.kind == Kind::PostgresLog {
                // Syslog's `Mar  3 10:15:01`: no year, no zone, whole seconds.
                self.zoneless += 1;
                self.precision[0] += 1;
            } else {
                self.unrecognised += 1;
            }
            return;
        };
        let fraction = text.split_once('.').map_or(0, |(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).count());
        let bucket = match fraction {
            0 => 0,
            1..=3 => 1,
            4..=6 => 2,
            _ => 3,
        };
        self.precision[bucket] += 1;
        keep(&mut self.start, ts, text, |new, old| new < old);
        keep(&mut self.end, ts, text, |new, old| new > old);
    }

    /// Fold in the accumulator of the events that came after this one's.
    pub fn merge(&mut self, later: QualityAcc) {
        self.events += later.events;
        for (a, b) in self.covered.iter_mut().zip(later.covered) {
            *a += b;
        }
        for (a, b) in self.precision.iter_mut().zip(later.precision) {
            *a += b;
        }
        self.zoneless += later.zoneless;
        self.unrecognised += later.unrecognised;
        if let Some((ts, text)) = later.start {
            keep(&mut self.start, ts, &text, |new, old| new < old);
        }
        if let Some((ts, text)) = later.end {
            keep(&mut self.end, ts, &text, |new, old| new > old);
        }
    }

    pub fn finish(self) -> Quality {
        #[allow(clippy::cast_precision_loss)]
        let share =
            |n: u64| if self.events == 0 { 0.0 } else { ((n as f64 / self.events as f64) * 1000.0).round() / 1000.0 };
        let coverage = ASPECTS.iter().zip(self.covered).map(|(a, n)| ((*a).to_string(), share(n))).collect();
        let labels = ["seconds", "milliseconds", "microseconds", "nanoseconds"];
        // The coarsest precision any event has is what the source can be relied on for.
        let rank = self.precision.iter().position(|n| *n > 0);
        let precision = match rank {
            Some(i) if self.zoneless > 0 => Some(format!("{}, no time zone or year (syslog)", labels[i])),
            Some(i) => Some(labels[i].to_string()),
            None if self.unrecognised > 0 => Some("unrecognised timestamp format".to_string()),
            None => None,
        };
        Quality {
            events: self.events,
            coverage,
            start: self.start.map(|s| s.1),
            end: self.end.map(|e| e.1),
            precision,
            precision_rank: rank,
            zoneless: self.zoneless,
            unrecognised: self.unrecognised,
        }
    }
}

/// Replace `slot` with `(ts, text)` when it is empty or `better(ts, current)`, reusing its text
/// buffer: a log in time order moves its end on every event.
fn keep(
    slot: &mut Option<(jiff::Timestamp, String)>,
    ts: jiff::Timestamp,
    text: &str,
    better: impl Fn(jiff::Timestamp, jiff::Timestamp) -> bool,
) {
    match slot {
        Some((cur, s)) if better(ts, *cur) => {
            *cur = ts;
            s.clear();
            s.push_str(text);
        }
        Some(_) => {}
        None => *slot = Some((ts, text.to_string())),
    }
}

#[cfg(test)]
#[path = "quality_tests.rs"]
mod tests;
