//! Sample sufficiency: a log rule that looks for something bad and finds nothing has shown
//! absence only if it looked at enough. Below [`MIN_EVENTS`] events of its kinds, or over less
//! than [`MIN_WINDOW_SECONDS`], such a rule ends `no_evidence` with the reason instead of
//! passing (ZTMM.md §2.6 "Volume and time window"). A rule's own `min_events` raises the event
//! floor. Failures stand on any sample: one root login is a finding however short the log.
//! Rules that pass on what they find (`min: N`, "access requests are used") are not affected.

use crate::model::Verdict;
use crate::report::LogSource;
use crate::rules::model::{EventExpect, Rule, RuleBody};

/// Fewest events of a rule's kinds for a pass by absence.
pub const MIN_EVENTS: u64 = 20;
/// Shortest time the events must span for a pass by absence (one hour).
pub const MIN_WINDOW_SECONDS: i64 = 3600;

/// `1,234 events over 3 h 12 min` (or `over an unknown time span`).
pub fn describe(events: u64, window_seconds: Option<i64>) -> String {
    let noun = if events == 1 { "event" } else { "events" };
    match window_seconds {
        Some(s) if s >= 86_400 => format!("{events} {noun} over {:.1} days", s as f64 / 86_400.0),
        Some(s) if s >= 3600 => format!("{events} {noun} over {} h {} min", s / 3600, s % 3600 / 60),
        Some(s) if s >= 60 => format!("{events} {noun} over {} min", s / 60),
        Some(s) => format!("{events} {noun} over {s} s"),
        None => format!("{events} {noun} over an unknown time span (no readable timestamps)"),
    }
}

/// The time the log sources of a rule's kinds span together: instants are merged across files
/// (five-minute CloudTrail files make a day); a source whose stamps have no year or zone counts
/// its own span.
pub fn span(sources: &[&LogSource]) -> Option<i64> {
    let mut first: Option<jiff::Timestamp> = None;
    let mut last: Option<jiff::Timestamp> = None;
    let mut longest: Option<i64> = None;
    for s in sources {
        let Some(w) = &s.window else { continue };
        let start = w.start.as_deref().and_then(instant);
        let end = w.end.as_deref().and_then(instant);
        match (start, end) {
            (Some(a), Some(b)) => {
                first = Some(first.map_or(a, |f| f.min(a)));
                last = Some(last.map_or(b, |l| l.max(b)));
            }
            _ => longest = longest.max(s.window_seconds),
        }
    }
    let merged = first.zip(last).map(|(a, b)| b.as_second() - a.as_second());
    merged.max(longest)
}

/// An RFC 3339 instant (also with a space for the `T`).
fn instant(text: &str) -> Option<jiff::Timestamp> {
    text.parse().ok().or_else(|| text.replacen(' ', "T", 1).parse().ok())
}

/// For a rule that decided `verdict` having seen `events` events of its kinds in `sources`: the
/// verdict to report, and why it is not a pass when the sample was too small.
pub fn judge(rule: &Rule, verdict: Verdict, events: u64, sources: &[&LogSource]) -> (Verdict, Option<String>) {
    let RuleBody::Events(check) = &rule.body else { return (verdict, None) };
    if verdict != Verdict::Pass || matches!(check.expect, EventExpect::Min(_)) {
        return (verdict, None);
    }
    let floor = MIN_EVENTS.max(check.min_events);
    let window = span(sources);
    let short = window.is_some_and(|w| w < MIN_WINDOW_SECONDS);
    if events >= floor && !short {
        return (verdict, None);
    }
    let why = format!(
        "nothing matched, but {} is too small a sample to show absence: a pass needs at least {floor} events over 1 hour",
        describe(events, window)
    );
    (Verdict::NoEvidence, Some(why))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_merge_instants_and_keep_yearless_spans_apart() {
        let src = |start: &str, end: &str, secs: i64| LogSource {
            path: "x".into(),
            kind: crate::kind::Kind::CloudtrailLog,
            events: 1,
            lines: 1,
            window: Some(crate::report::Window { start: Some(start.into()), end: Some(end.into()) }),
            parse_rate: 1.0,
            structured: true,
            coverage: None,
            timestamp_precision: None,
            unparsed: 0,
            window_seconds: Some(secs),
            schema: None,
            grade: None,
        };
        // Two five-minute CloudTrail files an hour apart span 65 minutes together.
        let a = src("2026-03-03T10:00:00Z", "2026-03-03T10:05:00Z", 300);
        let b = src("2026-03-03T11:00:00Z", "2026-03-03T11:05:00Z", 300);
        assert_eq!(span(&[&a, &b]), Some(3900));
        let syslog = src("Mar  3 10:15:01", "Mar  3 12:15:01", 7200);
        assert_eq!(span(&[&a, &syslog]), Some(7200), "a yearless span is not merged with instants");
        assert_eq!(span(&[]), None);
        assert_eq!(describe(25, Some(3900)), "25 events over 1 h 5 min");
        assert_eq!(describe(1, None), "1 event over an unknown time span (no readable timestamps)");
    }
}
