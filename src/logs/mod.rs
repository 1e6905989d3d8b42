//! Log samples, streamed as events. Every reader turns lines (or records of a JSON container)
//! into `serde_json::Value` events that log rules evaluate one at a time; nothing holds a whole log.
//! A line that does not parse is counted and sampled into diagnostics, never fatal.

pub mod lines;
pub mod pg_auth;
pub mod quality;
pub mod syslog;

use crate::kind::Kind;
use lines::Lines;
use serde_json::Value;
use std::io::BufRead;

/// Largest whole-file JSON container (`{"Records": [...]}`, `EventList`) read as one value.
pub const MAX_CONTAINER_BYTES: usize = 256 << 20;

/// What reading one log produced besides its events.
#[derive(Debug, Default, Clone)]
pub struct LogStats {
    pub lines: u64,
    pub events: u64,
    pub unparsed: u64,
    /// Up to five `(line, reason)` samples of unparsed lines.
    pub samples: Vec<(u64, String)>,
    pub overlong: u64,
    pub truncated_last_line: bool,
    /// The read failed after `lines` lines (a corrupt or truncated `.gz`, an I/O error): what was
    /// read before still counts.
    pub read_error: Option<String>,
    /// Field coverage, time window and timestamp precision of the events read.
    pub quality: Option<quality::Quality>,
}

impl LogStats {
    fn unparsed(&mut self, line: u64, why: String) {
        self.unparsed += 1;
        if self.samples.len() < 5 {
            self.samples.push((line, why));
        }
    }
}

/// Stream the events of a log of `kind` from `reader`, calling `on_event(line, raw, event)`.
/// A read error ends the stream and is recorded in [`LogStats::read_error`].
pub fn stream<R: BufRead>(kind: Kind, reader: R, mut on_event: impl FnMut(u64, &str, &Value)) -> LogStats {
    let mut stats = LogStats::default();
    let mut lines = Lines::new(reader);
    let mut container: Option<Vec<u8>> = None;
    let mut last_unparsed = None;
    loop {
        let (line_no, raw) = match lines.next_line() {
            Ok(Some(line)) => line,
            Ok(None) => break,
            Err(e) => {
                stats.read_error = Some(e.to_string());
                break;
            }
        };
        stats.lines += 1;
        if let Some(buf) = container.as_mut() {
            if buf.len() + raw.len() < MAX_CONTAINER_BYTES {
                buf.extend_from_slice(raw);
                buf.push(b'\n');
            }
            continue;
        }
        if raw.is_empty() || raw.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
            if raw.contains(&0) {
                stats.unparsed(line_no, "NUL bytes".into());
            }
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                stats.unparsed(line_no, format!("invalid UTF-8 at byte {}", e.valid_up_to()));
                continue;
            }
        };
        if line_no == 1 && is_container_start(text) {
            let mut buf = raw.to_vec();
            buf.push(b'\n');
            container = Some(buf);
            continue;
        }
        match parse_line(kind, text) {
            Ok(Some(ev)) => {
                stats.events += 1;
                on_event(line_no, text, &ev);
            }
            Ok(None) => {}
            Err(why) => {
                stats.unparsed(line_no, why);
                last_unparsed = Some(line_no);
            }
        }
    }
    if lines.unterminated.is_some() && lines.unterminated == last_unparsed {
        // Cut off mid-write (log rotation, a copy taken while the writer was busy).
        stats.truncated_last_line = true;
        if let Some((_, why)) = stats.samples.iter_mut().find(|(l, _)| Some(*l) == last_unparsed) {
            *why = format!("truncated last line (no final newline): {why}");
        }
    }
    stats.overlong = lines.overlong;
    if let Some(l) = lines.first_overlong_line {
        let n = lines.overlong;
        stats.unparsed(l, format!("{n} line(s) longer than {} bytes skipped, the first here", lines::MAX_LINE));
        stats.unparsed += n - 1;
    }
    if let Some(buf) = container {
        read_container(&buf, &mut stats, &mut on_event);
    }
    stats
}

fn is_container_start(text: &str) -> bool {
    let t = text.trim_start_matches('\u{feff}').trim_start();
    // A single-line JSON object is an event; a container spans lines or holds an event array.
    t.starts_with("{\"Records\"")
        || t.starts_with("{ \"Records\"")
        || (t == "{"
            || t.starts_with("{\"kind\":\"EventList\"")
            || t.starts_with("{\"apiVersion\":\"audit.k8s.io/v1\",\"kind\":\"EventList\""))
}

fn read_container(buf: &[u8], stats: &mut LogStats, on_event: &mut impl FnMut(u64, &str, &Value)) {
    let value: Value = match serde_json::from_slice(buf) {
        Ok(v) => v,
        Err(e) => {
            stats.unparsed(u64::try_from(e.line()).unwrap_or(0), format!("JSON container does not parse: {e}"));
            return;
        }
    };
    let items = value.get("Records").or_else(|| value.get("items")).and_then(Value::as_array);
    match items {
        Some(items) => {
            for ev in items {
                stats.events += 1;
                // Records in a container have no line of their own; line 0 = "in the container".
                let raw = ev.to_string();
                on_event(0, &raw, ev);
            }
        }
        None => {
            stats.events += 1;
            let raw = value.to_string();
            on_event(1, &raw, &value);
        }
    }
}

/// Parse one line of a log of `kind`. `Ok(None)` for lines that carry no event (headers).
fn parse_line(kind: Kind, text: &str) -> Result<Option<Value>, String> {
    match kind {
        Kind::AuthLog => syslog::parse_auth_line(text).map(Some).ok_or_else(|| "not a syslog line".to_string()),
        Kind::PostgresLog => Ok(Some(syslog::parse_postgres_line(text))),
        _ => {
            let t = text.trim_start_matches('\u{feff}');
            if !t.trim_start().starts_with('{') {
                return Err("not a JSON object".into());
            }
            serde_json::from_str::<Value>(t).map(Some).map_err(|e| format!("JSON: {e}"))
        }
    }
}
