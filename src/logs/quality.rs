//! Audit-log quality per source: which of who / what / when / where / resource / outcome /
//! correlation each event carries, the time window the sample covers, and how precise and
//! zone-qualified its timestamps are. Field maps follow each format's own schema (Kubernetes
//! audit, CloudTrail, Vault, Teleport, Okta, syslog, PostgreSQL) and common names (ECS, OCSF) for
//! generic JSON lines. Fed one event at a time while the log streams; holds counters, never
//! events; accumulators of consecutive batches merge.

use super::fields::{field_map, is_generic, lookup, present, schema, Fields, Schema, ASPECTS, WHEN};
use super::lite::{Shape, Tree};
use crate::kind::Kind;
use std::collections::BTreeMap;

/// Accumulates quality over a stream of events.
#[derive(Debug, Clone)]
pub struct QualityAcc {
    kind: Kind,
    map: [Fields; 7],
    events: u64,
    covered: [u64; 7],
    /// The earliest and latest instants (zoned timestamps and epoch numbers).
    start: Option<(jiff::Timestamp, String)>,
    end: Option<(jiff::Timestamp, String)>,
    /// The earliest and latest wall-clock times of timestamps without a zone.
    civil_start: Option<(jiff::civil::DateTime, String)>,
    civil_end: Option<(jiff::civil::DateTime, String)>,
    /// Events whose timestamp has 0, 1–3, 4–6 and 7–9 fractional digits.
    precision: [u64; 4],
    /// Timestamps without a zone (`2026-03-03 10:15:01 CET`, syslog's `Mar  3 10:15:01`).
    zoneless: u64,
    /// Timestamps without a year either (RFC 3164 syslog).
    yearless: u64,
    /// Timestamps in no format ztmm reads (no window or precision can be drawn from them).
    unrecognised: u64,
    /// Generic JSON events that follow ECS, and OCSF.
    ecs: u64,
    ocsf: u64,
    /// PostgreSQL events from csvlog or jsonlog (the rest is stderr text).
    pg_structured: u64,
}

/// What a log sample shows about its own quality.
#[derive(Debug, Clone, PartialEq)]
pub struct Quality {
    pub events: u64,
    pub coverage: BTreeMap<String, f64>,
    pub start: Option<String>,
    pub end: Option<String>,
    /// Seconds between the earliest and latest timestamp.
    pub window_seconds: Option<i64>,
    pub precision: Option<String>,
    /// The coarsest timestamp precision seen: 0 seconds … 3 nanoseconds.
    pub precision_rank: Option<usize>,
    pub zoneless: u64,
    pub yearless: u64,
    pub unrecognised: u64,
    /// `ecs` or `ocsf` when most events of a generic JSON log follow that schema.
    pub schema: Option<String>,
    /// Fields are written as such (JSON, csvlog), not recovered from text by patterns.
    pub structured: bool,
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
            civil_start: None,
            civil_end: None,
            precision: [0; 4],
            zoneless: 0,
            yearless: 0,
            unrecognised: 0,
            ecs: 0,
            ocsf: 0,
            pg_structured: 0,
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
            Some(Shape::Num(f)) => self.epoch(f),
            _ => {}
        }
        if self.kind == Kind::PostgresLog
            && matches!(ev.get("format").map(Tree::shape), Some(Shape::Str("csvlog" | "jsonlog")))
        {
            self.pg_structured += 1;
        }
        if is_generic(self.kind) {
            match schema(ev) {
                Some(Schema::Ecs) => self.ecs += 1,
                Some(Schema::Ocsf) => self.ocsf += 1,
                None => {}
            }
        }
    }

    /// Epoch numbers: milliseconds when too large to be seconds.
    #[allow(clippy::cast_possible_truncation)]
    fn epoch(&mut self, f: f64) {
        let ms = f > 1e11 || f.fract() != 0.0;
        self.precision[usize::from(ms)] += 1;
        let millis = if f > 1e11 { f } else { f * 1000.0 };
        if let Ok(ts) = jiff::Timestamp::from_millisecond(millis as i64) {
            let text = ts.to_string();
            keep(&mut self.start, ts, &text, |new, old| new < old);
            keep(&mut self.end, ts, &text, |new, old| new > old);
        }
    }

    fn timestamp(&mut self, text: &str) {
        let fraction = text.split_once('.').map_or(0, |(_, rest)| rest.bytes().take_while(u8::is_ascii_digit).count());
        let bucket = match fraction {
            0 => 0,
            1..=3 => 1,
            4..=6 => 2,
            _ => 3,
        };
        // RFC 3339, also with a space between date and time (`2021-10-01 00:00:00.000Z`).
        let mut buf = [0u8; 64];
        let t = match text.as_bytes().get(10) {
            Some(b' ') if text.len() <= buf.len() => {
                buf[..text.len()].copy_from_slice(text.as_bytes());
                buf[10] = b'T';
                std::str::from_utf8(&buf[..text.len()]).unwrap_or(text)
            }
            _ => text,
        };
        if let Ok(ts) = t.parse::<jiff::Timestamp>() {
            self.precision[bucket] += 1;
            keep(&mut self.start, ts, text, |new, old| new < old);
            keep(&mut self.end, ts, text, |new, old| new > old);
            return;
        }
        // A wall-clock time with no zone, or a zone abbreviation no offset can be read from
        // (`2026-03-03 10:15:01.123 CET`): the order of events holds, the instant does not.
        let civil = t.trim_end_matches(|c: char| c.is_ascii_alphabetic()).trim_end();
        if let Ok(dt) = civil.parse::<jiff::civil::DateTime>() {
            self.precision[bucket] += 1;
            self.zoneless += 1;
            keep(&mut self.civil_start, dt, text, |new, old| new < old);
            keep(&mut self.civil_end, dt, text, |new, old| new > old);
            return;
        }
        if let Some(dt) = syslog_stamp(text) {
            // RFC 3164's `Mar  3 10:15:01`: no year, no zone, whole seconds. The window is read
            // within one (leap) year, which is all such a stamp can say.
            self.precision[0] += 1;
            self.zoneless += 1;
            self.yearless += 1;
            keep(&mut self.civil_start, dt, text, |new, old| new < old);
            keep(&mut self.civil_end, dt, text, |new, old| new > old);
        } else {
            self.unrecognised += 1;
        }
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
        self.yearless += later.yearless;
        self.unrecognised += later.unrecognised;
        self.ecs += later.ecs;
        self.ocsf += later.ocsf;
        self.pg_structured += later.pg_structured;
        if let Some((ts, text)) = later.start {
            keep(&mut self.start, ts, &text, |new, old| new < old);
        }
        if let Some((ts, text)) = later.end {
            keep(&mut self.end, ts, &text, |new, old| new > old);
        }
        if let Some((dt, text)) = later.civil_start {
            keep(&mut self.civil_start, dt, &text, |new, old| new < old);
        }
        if let Some((dt, text)) = later.civil_end {
            keep(&mut self.civil_end, dt, &text, |new, old| new > old);
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
            Some(i) if self.yearless > 0 => Some(format!("{}, no time zone or year (syslog)", labels[i])),
            Some(i) if self.zoneless > 0 => Some(format!("{}, no time zone", labels[i])),
            Some(i) => Some(labels[i].to_string()),
            None if self.unrecognised > 0 => Some("unrecognised timestamp format".to_string()),
            None => None,
        };
        // The window: instants when there are any, else wall-clock times.
        let (start, end, window_seconds) = match (self.start, self.end) {
            (Some((s, st)), Some((e, et))) => (Some(st), Some(et), Some(e.as_second() - s.as_second())),
            _ => match (self.civil_start, self.civil_end) {
                (Some((s, st)), Some((e, et))) => {
                    let secs = s.duration_until(e).as_secs();
                    (Some(st), Some(et), Some(secs))
                }
                _ => (None, None, None),
            },
        };
        let half = self.events / 2;
        let schema = if self.ecs > half {
            Some(Schema::Ecs.id().to_string())
        } else if self.ocsf > half {
            Some(Schema::Ocsf.id().to_string())
        } else {
            None
        };
        Quality {
            events: self.events,
            coverage,
            start,
            end,
            window_seconds,
            precision,
            precision_rank: rank,
            zoneless: self.zoneless,
            yearless: self.yearless,
            unrecognised: self.unrecognised,
            schema,
            structured: match self.kind {
                Kind::AuthLog => false,
                Kind::PostgresLog => self.pg_structured * 2 > self.events,
                _ => true,
            },
        }
    }
}

/// Syslog's RFC 3164 stamp `Mmm dd HH:MM:SS`, as a wall-clock time in a placeholder leap year.
fn syslog_stamp(text: &str) -> Option<jiff::civil::DateTime> {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let b = text.as_bytes();
    if b.len() != 15 || b.get(9) != Some(&b':') || b.get(12) != Some(&b':') {
        return None;
    }
    let month = MONTHS.iter().position(|m| text.starts_with(m))?;
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|t| t.trim().parse::<i8>().ok());
    let (day, h, m, sec) = (num(4..6)?, num(7..9)?, num(10..12)?, num(13..15)?);
    let month = i8::try_from(month + 1).ok()?;
    jiff::civil::DateTime::new(2000, month, day, h, m, sec, 0).ok()
}

/// Replace `slot` with `(ts, text)` when it is empty or `better(ts, current)`, reusing its text
/// buffer: a log in time order moves its end on every event.
fn keep<T: Copy>(slot: &mut Option<(T, String)>, ts: T, text: &str, better: impl Fn(T, T) -> bool) {
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
