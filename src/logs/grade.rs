//! Grading a log source against what its format can emit (ZTMM.md §2.6): CloudTrail records whole
//! seconds and records success as the absence of `errorCode` by design, so neither is a defect;
//! RFC 3164 syslog has no year or zone, which is; a PostgreSQL prefix without `%u` is a setting
//! to change. Each audit question, the timestamps, the structure and the sample's size get a
//! grade with the reason; the overall grade is the worst of them, and a sample too small to judge
//! is `no_evidence`, never good.

use super::fields::ASPECTS;
use super::quality::Quality;
use super::sample::{describe, MIN_EVENTS, MIN_WINDOW_SECONDS};
use super::LogStats;
use crate::kind::Kind;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Grade {
    /// The source emits it as well as it can.
    Good,
    /// Present, but short of what the source can do (a gap, coarse timestamps, text).
    Fair,
    /// Missing or unreliable.
    Poor,
    /// The source cannot emit it by design.
    NotApplicable,
    /// The sample is too small to judge.
    NoEvidence,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct DimensionGrade {
    pub grade: Grade,
    pub why: String,
}

/// A log source's grades: per audit question (`who` … `correlation`), `timestamps`, `structure`
/// and `volume`, and overall.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LogGrades {
    pub overall: Grade,
    pub dimensions: BTreeMap<String, DimensionGrade>,
}

/// What a format can say about one audit question.
enum Emits {
    /// Every event carries it.
    Always,
    /// Some event types carry it, others cannot (a sign-in names no target).
    Some,
    /// Every event carries it when the source is configured to (the setting named).
    Config(&'static str),
    /// Every event answers it without a field of its own (the reason).
    Implied(&'static str),
}

fn emits(kind: Kind, aspect: &str) -> Emits {
    use Emits::{Always, Config, Implied, Some};
    match (kind, aspect) {
        (Kind::CloudtrailLog, "resource") => Some,
        (Kind::CloudtrailLog, "outcome") => {
            Implied("CloudTrail records a failure as errorCode; a record without one succeeded")
        }
        (Kind::VaultAuditLog, "who" | "outcome") => Some,
        (Kind::TeleportAuditLog, "who" | "where" | "resource") => Some,
        (Kind::OktaSystemLog, "where" | "resource") => Some,
        (Kind::AuthLog, "who" | "where" | "outcome") => Some,
        (Kind::PostgresLog, "who") => Config("%u in log_line_prefix, or csvlog/jsonlog"),
        (Kind::PostgresLog, "where") => Config("%r (or %h) in log_line_prefix, or csvlog/jsonlog"),
        (Kind::PostgresLog, "resource") => Config("%d in log_line_prefix, or csvlog/jsonlog"),
        (Kind::PostgresLog, "outcome") => Config("%e in log_line_prefix, or csvlog/jsonlog"),
        (Kind::PostgresLog, "correlation") => Config("%c in log_line_prefix, or csvlog/jsonlog"),
        (k, "resource") if super::fields::is_generic(k) => Some,
        _ => Always,
    }
}

fn pct(share: f64) -> String {
    format!("{:.0}%", share * 100.0)
}

fn aspect_grade(kind: Kind, aspect: &str, share: f64) -> DimensionGrade {
    let carried = format!("{} of events carry it", pct(share));
    let (grade, why) = match emits(kind, aspect) {
        Emits::Implied(why) => (Grade::Good, why.to_string()),
        Emits::Some if share > 0.0 => (Grade::Good, format!("{carried}; only some event types can")),
        Emits::Some => (Grade::Fair, "no event in the sample carries it (only some event types can)".to_string()),
        Emits::Always | Emits::Config(_) if share >= 0.99 => (Grade::Good, carried),
        Emits::Config(setting) => {
            let grade = if share >= 0.8 { Grade::Fair } else { Grade::Poor };
            (grade, format!("{carried}: set {setting}"))
        }
        Emits::Always if share >= 0.8 => (Grade::Fair, format!("{carried}; the format has it on every event")),
        Emits::Always => (Grade::Poor, format!("{carried}; the format has it on every event")),
    };
    DimensionGrade { grade, why }
}

fn timestamps(kind: Kind, q: &Quality) -> DimensionGrade {
    let dim = |grade, why: &str| DimensionGrade { grade, why: why.to_string() };
    let Some(rank) = q.precision_rank else {
        return dim(Grade::Poor, "no event carries a timestamp ztmm can read");
    };
    if q.unrecognised > 0 {
        return dim(Grade::Poor, "some timestamps are in no format ztmm can read");
    }
    if q.yearless > 0 {
        return dim(
            Grade::Poor,
            "RFC 3164 syslog stamps have no year, no time zone and whole seconds: write RFC 5424 or \
             RFC 3339 stamps (rsyslog RSYSLOG_FileFormat)",
        );
    }
    if q.zoneless > 0 {
        return dim(Grade::Fair, "timestamps carry no time zone (or only an abbreviation such as CET)");
    }
    match (rank, kind) {
        (0, Kind::CloudtrailLog) => dim(Grade::Good, "whole seconds, as CloudTrail records them by design"),
        (0, Kind::PostgresLog) => dim(Grade::Fair, "whole seconds: use %m (milliseconds) in log_line_prefix"),
        (0, _) => dim(Grade::Fair, "whole seconds: events within a second cannot be ordered"),
        _ => dim(Grade::Good, "zoned, sub-second timestamps"),
    }
}

fn structure(kind: Kind, stats: &LogStats, q: &Quality, parse_rate: f64) -> DimensionGrade {
    let (grade, why) = if parse_rate < 0.8 {
        (Grade::Poor, format!("only {} of records parse", pct(parse_rate)))
    } else if parse_rate < 0.99 {
        (Grade::Fair, format!("{} of records parse", pct(parse_rate)))
    } else if !q.structured {
        let how = match kind {
            Kind::PostgresLog => "use csvlog or jsonlog",
            _ => "ship it as JSON (or RFC 5424 structured data)",
        };
        (Grade::Fair, format!("text whose fields are recovered by patterns: {how}"))
    } else if stats.truncated_last_line {
        (Grade::Fair, "structured, but the file is cut off at the end".to_string())
    } else {
        (Grade::Good, "structured records that all parse".to_string())
    };
    DimensionGrade { grade, why }
}

fn volume(q: &Quality) -> DimensionGrade {
    let small = q.events < MIN_EVENTS || q.window_seconds.is_some_and(|w| w < MIN_WINDOW_SECONDS);
    let what = describe(q.events, q.window_seconds);
    if small {
        DimensionGrade {
            grade: Grade::NoEvidence,
            why: format!("{what}: too small a sample to judge (at least {MIN_EVENTS} events over 1 hour)"),
        }
    } else {
        DimensionGrade { grade: Grade::Good, why: what }
    }
}

/// Grade a log source from what reading it showed.
pub fn grade(kind: Kind, stats: &LogStats, q: &Quality, parse_rate: f64) -> LogGrades {
    let mut dimensions = BTreeMap::new();
    for aspect in ASPECTS {
        let share = q.coverage.get(aspect).copied().unwrap_or(0.0);
        dimensions.insert(aspect.to_string(), aspect_grade(kind, aspect, share));
    }
    dimensions.insert("timestamps".into(), timestamps(kind, q));
    dimensions.insert("structure".into(), structure(kind, stats, q, parse_rate));
    let volume = volume(q);
    let overall = if volume.grade == Grade::NoEvidence {
        Grade::NoEvidence
    } else {
        dimensions.values().map(|d| d.grade).filter(|g| *g != Grade::NotApplicable).max().unwrap_or(Grade::Good)
    };
    dimensions.insert("volume".into(), volume);
    LogGrades { overall, dimensions }
}

/// The `log_sources[]` entry of a log read at `path`.
pub fn log_source(path: &str, kind: Kind, stats: &LogStats) -> crate::report::LogSource {
    let nonempty = stats.events + stats.unparsed;
    #[allow(clippy::cast_precision_loss)]
    let parse_rate =
        if nonempty == 0 { 0.0 } else { ((stats.events as f64 / nonempty as f64) * 1000.0).round() / 1000.0 };
    let q = stats.quality.as_ref();
    crate::report::LogSource {
        path: path.to_string(),
        kind,
        events: stats.events,
        lines: stats.lines,
        window: q.map(|q| crate::report::Window { start: q.start.clone(), end: q.end.clone() }),
        parse_rate,
        structured: q.map_or(!matches!(kind, Kind::AuthLog | Kind::PostgresLog), |q| q.structured),
        coverage: q.map(|q| q.coverage.clone()),
        timestamp_precision: q.and_then(|q| q.precision.clone()),
        unparsed: stats.unparsed,
        window_seconds: q.and_then(|q| q.window_seconds),
        schema: q.and_then(|q| q.schema.clone()),
        grade: q.map(|q| grade(kind, stats, q, parse_rate)),
    }
}

#[cfg(test)]
#[path = "grade_tests.rs"]
mod tests;
