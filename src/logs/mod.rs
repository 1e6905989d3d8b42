//! Log samples, streamed as events. A log is cut into batches of records ([`frames`]); batches are
//! parsed on every core while the next ones are read, each into its own [`Sink`], and the sinks
//! are merged in file order, so results do not depend on scheduling and memory holds a few MB of
//! batches, never the log. A record that does not parse is counted and sampled into
//! diagnostics, never fatal.

pub mod fields;
pub mod frames;
pub mod grade;
pub mod lite;
pub mod pg_auth;
pub mod plan;
pub mod postgres;
pub mod prefilter;
pub mod quality;
pub mod sample;
pub mod sniff;
pub mod syslog;

use crate::kind::Kind;
use frames::{Batch, Framer, Framing};
use lite::{Lite, Shape, Tree};
use plan::FieldPlan;
use rayon::prelude::*;
use serde_json::Value;
use std::io::BufRead;

/// What reading one log produced besides its events.
#[derive(Debug, Default, Clone)]
pub struct LogStats {
    pub lines: u64,
    pub events: u64,
    pub unparsed: u64,
    /// Up to five `(line, reason)` samples of unparsed records, in line order.
    pub samples: Vec<(u64, String)>,
    /// Records skipped for their size (over [`frames::MAX_RECORD`]).
    pub overlong: u64,
    pub truncated_last_line: bool,
    /// The read failed after `lines` lines (a corrupt or truncated `.gz`, an I/O error): what was
    /// read before still counts.
    pub read_error: Option<String>,
    /// Line by line, or a JSON stream (a CloudTrail `Records` file, an `EventList`, an array).
    pub framing: Option<Framing>,
    /// Field coverage, time window and timestamp precision of the events read.
    pub quality: Option<quality::Quality>,
}

/// The parsed fields of an event.
#[derive(Debug, Clone, PartialEq)]
pub enum Fields<'a> {
    /// The whole event (syslog and PostgreSQL events, which are built, not parsed; JSON events
    /// read without a plan).
    Value(Value),
    /// The fields of a JSON event that the reader's [`FieldPlan`] keeps, borrowed from its text.
    Lite(Lite<'a>),
}

/// One event as read from a log.
#[derive(Debug, Clone, Copy)]
pub struct Event<'a> {
    pub kind: Kind,
    /// The 1-based line the event starts on.
    pub line: u64,
    /// The record's text as written.
    pub raw: &'a str,
    pub fields: &'a Fields<'a>,
}

impl Event<'_> {
    /// The event as a `serde_json::Value` of the fields `plan` keeps (`None`: all of them).
    /// Syslog and PostgreSQL events are whole already and are returned as they are.
    pub fn value(&self, plan: Option<&FieldPlan>) -> std::borrow::Cow<'_, Value> {
        match self.fields {
            Fields::Value(v) => std::borrow::Cow::Borrowed(v),
            Fields::Lite(_) => {
                let parsed = match plan {
                    Some(p) => p.parse(self.raw),
                    None => serde_json::from_str(self.raw),
                };
                // The record parsed once already: parsing it again cannot fail.
                std::borrow::Cow::Owned(parsed.unwrap_or_default())
            }
        }
    }

    /// The text of the field that answers `aspect` ([`fields::WHO`], [`fields::WHAT`],
    /// [`fields::RESOURCE`]…) by the kind's field map, when it is a string, number or boolean.
    /// A reader's plan always keeps these fields.
    pub fn aspect_text(&self, aspect: usize) -> Option<String> {
        let text = |shape: Shape<'_>| match shape {
            Shape::Str(s) => Some(s.to_string()),
            Shape::Num(n) => Some(n.to_string()),
            Shape::Bool(b) => Some(b.to_string()),
            _ => None,
        };
        match self.fields {
            Fields::Value(v) => fields::aspect(self.kind, v, aspect).map(Tree::shape).and_then(text),
            Fields::Lite(l) => fields::aspect(self.kind, l, aspect).map(Tree::shape).and_then(text),
        }
    }

    /// Who acted (user name, ARN, principal).
    pub fn who(&self) -> Option<String> {
        self.aspect_text(fields::WHO)
    }

    /// What was done (verb, event name, operation).
    pub fn what(&self) -> Option<String> {
        self.aspect_text(fields::WHAT)
    }

    /// What it was done to (object, path, resource ARN).
    pub fn resource(&self) -> Option<String> {
        self.aspect_text(fields::RESOURCE)
    }
}

/// Per-batch consumer of events. Each batch gets a fresh sink; sinks are merged in file order.
pub trait Sink: Send {
    fn event(&mut self, ev: &Event<'_>);
    /// Fold in the sink of the batches that came after this one's.
    fn merge(&mut self, later: Self);
}

/// How the events of one log are parsed.
#[derive(Debug, Clone)]
pub struct Parser {
    pub kind: Kind,
    /// For JSON logs: the fields to read into a light tree (`None`: the whole event, as a
    /// `Value`).
    pub plan: Option<FieldPlan>,
}

impl Parser {
    pub fn new(kind: Kind) -> Self {
        Parser { kind, plan: None }
    }

    /// Parse one record. `Ok(None)` for records that carry no event (headers, continuations).
    pub fn parse<'a>(&self, text: &'a str) -> Result<Option<Fields<'a>>, String> {
        match self.kind {
            Kind::AuthLog => syslog::parse_auth_line(text)
                .map(|v| Some(Fields::Value(v)))
                .ok_or_else(|| "not a syslog line".to_string()),
            Kind::PostgresLog => postgres::parse_line(text).map(|v| v.map(Fields::Value)),
            _ => {
                let t = text.trim_start_matches('\u{feff}').trim_start();
                if !t.starts_with('{') {
                    return Err("not a JSON object".into());
                }
                let parsed = match &self.plan {
                    Some(plan) => plan.parse_lite(t).map(Fields::Lite),
                    None => serde_json::from_str::<Value>(t).map(Fields::Value),
                };
                parsed.map(Some).map_err(|e| format!("JSON: {e}"))
            }
        }
    }
}

/// Counts of one batch (or, merged, of a whole log).
#[derive(Debug, Default)]
struct Counts {
    events: u64,
    unparsed: u64,
    samples: Vec<(u64, String)>,
    last_unparsed: Option<u64>,
}

impl Counts {
    fn unparsed(&mut self, line: u64, why: String) {
        self.unparsed += 1;
        self.last_unparsed = Some(line);
        if self.samples.len() < 5 {
            self.samples.push((line, why));
        }
    }

    fn merge(&mut self, later: Counts) {
        self.events += later.events;
        self.unparsed += later.unparsed;
        let room = 5usize.saturating_sub(self.samples.len());
        self.samples.extend(later.samples.into_iter().take(room));
        self.last_unparsed = later.last_unparsed.or(self.last_unparsed);
    }
}

/// Parse every record of `batch`, handing events to `on_event`.
fn read_batch(parser: &Parser, batch: &Batch, counts: &mut Counts, mut on_event: impl FnMut(&Event<'_>)) {
    for r in &batch.records {
        let raw = batch.bytes(r);
        if raw.iter().all(|b| b.is_ascii_whitespace() || *b == 0) {
            if raw.contains(&0) {
                counts.unparsed(r.line, "NUL bytes".into());
            }
            continue;
        }
        let text = match std::str::from_utf8(raw) {
            Ok(t) => t,
            Err(e) => {
                counts.unparsed(r.line, format!("invalid UTF-8 at byte {}", e.valid_up_to()));
                continue;
            }
        };
        match parser.parse(text) {
            Ok(Some(fields)) => {
                counts.events += 1;
                on_event(&Event { kind: parser.kind, line: r.line, raw: text, fields: &fields });
            }
            Ok(None) => {}
            Err(why) => counts.unparsed(r.line, why),
        }
    }
}

/// The framing for a reader, from the bytes it has buffered (at least the first 64 KB when the
/// scan hands over its chained head).
fn framing_of<R: BufRead>(kind: Kind, reader: &mut R) -> Framing {
    match kind {
        Kind::AuthLog => Framing::Lines,
        Kind::PostgresLog => {
            let head = reader.fill_buf().unwrap_or(&[]);
            let first = head.split(|b| *b == b'\n').next().unwrap_or(&[]);
            let first = String::from_utf8_lossy(first.get(..first.len().min(64)).unwrap_or(&[]));
            if postgres::looks_like_csvlog(&first) {
                Framing::Csv
            } else {
                Framing::Lines
            }
        }
        _ => reader.fill_buf().map(frames::framing_for).unwrap_or(Framing::Lines),
    }
}

/// Stream the events of a log in order on this thread, calling `on_event(line, raw, event)`.
/// A read error ends the stream and is recorded in [`LogStats::read_error`].
pub fn stream<R: BufRead>(kind: Kind, mut reader: R, mut on_event: impl FnMut(u64, &str, &Value)) -> LogStats {
    let parser = Parser::new(kind);
    let framing = framing_of(kind, &mut reader);
    let mut framer = Framer::new(reader, framing);
    let mut counts = Counts::default();
    while let Some(batch) = framer.next_batch() {
        read_batch(&parser, &batch, &mut counts, |ev| on_event(ev.line, ev.raw, &ev.value(None)));
    }
    finish(counts, framer.stats, framing)
}

/// Stream the events of a log through per-batch sinks made by `make`, batches parsed in parallel
/// on the current rayon pool while the next ones are read; returns the stats and the merged sink.
pub fn stream_parallel<R, S>(parser: &Parser, mut reader: R, make: &(dyn Fn() -> S + Sync)) -> (LogStats, S)
where
    R: BufRead + Send,
    S: Sink,
{
    let framing = framing_of(parser.kind, &mut reader);
    let mut framer = Framer::new(reader, framing);
    // A few batches per thread in flight: enough to keep every core busy, a few MB in all.
    let window = 2 * rayon::current_num_threads().max(1);
    let read_window =
        |framer: &mut Framer<R>| -> Vec<Batch> { std::iter::from_fn(|| framer.next_batch()).take(window).collect() };
    let (mut counts, mut sink) = (Counts::default(), make());
    let mut current = read_window(&mut framer);
    while !current.is_empty() {
        let (next, done) = rayon::join(
            || read_window(&mut framer),
            || {
                current
                    .par_iter()
                    .map(|batch| {
                        let (mut c, mut s) = (Counts::default(), make());
                        read_batch(parser, batch, &mut c, |ev| s.event(ev));
                        (c, s)
                    })
                    .collect::<Vec<_>>()
            },
        );
        for (c, s) in done {
            counts.merge(c);
            sink.merge(s);
        }
        for batch in std::mem::replace(&mut current, next) {
            framer.recycle(batch);
        }
    }
    (finish(counts, framer.stats, framing), sink)
}

fn finish(counts: Counts, frame: frames::FrameStats, framing: Framing) -> LogStats {
    let mut stats = LogStats {
        lines: frame.lines,
        events: counts.events,
        unparsed: counts.unparsed + frame.skipped + frame.stray_count,
        samples: counts.samples,
        overlong: frame.skipped,
        truncated_last_line: false,
        read_error: frame.read_error,
        framing: Some(framing),
        quality: None,
    };
    if let Some(line) = frame.unterminated {
        if counts.last_unparsed == Some(line) {
            // Cut off mid-write (log rotation, a copy taken while the writer was busy).
            stats.truncated_last_line = true;
            let what = match framing {
                Framing::Lines | Framing::Csv => "truncated last line (no final newline)",
                Framing::JsonStream => "truncated at the end of the file",
            };
            if let Some((_, why)) = stats.samples.iter_mut().find(|(l, _)| *l == line) {
                *why = format!("{what}: {why}");
            }
        } else if framing == Framing::JsonStream {
            // Every record read was whole, but the container around them never closed.
            stats.truncated_last_line = true;
            stats.samples.push((line, "the file ends inside an unclosed JSON array or object (truncated)".into()));
        }
    }
    let unit = if framing == Framing::Lines { "line" } else { "record" };
    for (i, s) in frame.skipped_samples.iter().enumerate() {
        let why = if s.nul {
            format!("NUL-filled region of {} bytes skipped (a preallocated or crash-damaged file)", s.bytes)
        } else if i == 0 {
            format!(
                "{} {unit}(s) longer than {} bytes skipped, the first here ({} bytes)",
                frame.skipped,
                frames::MAX_RECORD,
                s.bytes
            )
        } else {
            format!("{unit} of {} bytes skipped (longer than {} bytes)", s.bytes, frames::MAX_RECORD)
        };
        stats.samples.push((s.line, why));
    }
    for line in &frame.stray {
        stats.samples.push((*line, "not JSON: text between JSON values, skipped to the end of its line".into()));
    }
    stats.samples.sort_by_key(|(l, _)| *l);
    stats.samples.truncate(5);
    stats
}
