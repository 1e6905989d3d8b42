//! Framing: cut a log's byte stream into batches of records, with bounded memory, so batches can
//! be parsed on several cores while the next ones are read. Two framings:
//! - **lines**: one record per line (JSON lines, syslog, PostgreSQL);
//! - **JSON stream**: top-level JSON values, each one record, except that a `{"Records": [...]}`
//!   (CloudTrail) or `{"items": [...]}` (Kubernetes `EventList`) container and a top-level array
//!   (an Okta System Log export, `jq -s` output) are opened and each element is a record. This
//!   reads a 50 MB single-line CloudTrail file one record at a time.
//!
//! A record longer than [`MAX_RECORD`] (a 10 MB line, a NUL-filled region) is skipped without
//! being buffered, and noted. The JSON scanner only tracks strings and brackets; records are
//! validated when they are parsed, so a corrupt record costs that record.

use json::Top;
use std::io::{BufRead, Read};

/// Longest record kept, in bytes. Kubernetes audit events at `RequestResponse` level carry whole
/// list responses and can reach a few MB.
pub const MAX_RECORD: usize = 4 << 20;
/// Bytes of records per batch: large enough to amortise scheduling, small enough that a few
/// batches in flight per core stay a few MB.
pub const BATCH_BYTES: usize = 1 << 20;
/// Bytes asked of the reader at a time.
const READ_BYTES: usize = 256 << 10;

/// One record: a byte range of [`Batch::data`] and the line it starts on (1-based).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Record {
    pub start: usize,
    pub end: usize,
    pub line: u64,
}

#[derive(Debug, Default)]
pub struct Batch {
    pub data: Vec<u8>,
    pub records: Vec<Record>,
}

impl Batch {
    pub fn bytes(&self, r: &Record) -> &[u8] {
        self.data.get(r.start..r.end).unwrap_or(&[])
    }
}

/// A record skipped for its size.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Skipped {
    pub line: u64,
    pub bytes: u64,
    /// It began with NUL bytes: a preallocated or crash-truncated file, not a long event.
    pub nul: bool,
}

/// What framing saw besides records.
#[derive(Debug, Default, Clone)]
pub struct FrameStats {
    /// Lines read (newlines, plus an unterminated last line).
    pub lines: u64,
    pub skipped: u64,
    /// The first few skipped records.
    pub skipped_samples: Vec<Skipped>,
    /// The line of a last record cut off by the end of the input (no newline, or an unclosed
    /// JSON value).
    pub unterminated: Option<u64>,
    /// Bytes at the top level of a JSON stream that are not a JSON value (lines of other text).
    pub stray: Vec<u64>,
    pub stray_count: u64,
    pub read_error: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Framing {
    Lines,
    /// Lines, except that a newline inside double quotes continues the record (PostgreSQL
    /// csvlog writes multi-line statements that way).
    Csv,
    JsonStream,
}

/// Choose the framing from the first bytes: a top-level array, a pretty-printed object or a
/// CloudTrail/EventList container is a JSON stream; anything else is read line by line.
pub fn framing_for(head: &[u8]) -> Framing {
    let text = head.strip_prefix("\u{feff}".as_bytes()).unwrap_or(head);
    let start = text.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(text.len());
    let t = &text[start..];
    let first_line = t.split(|b| *b == b'\n').next().unwrap_or(&[]);
    let first_line = first_line.trim_ascii();
    let compact: Vec<u8> = t.iter().take(256).copied().filter(|b| !b.is_ascii_whitespace()).collect();
    if t.starts_with(b"[")
        || first_line == b"{"
        || compact.starts_with(b"{\"Records\":")
        || (compact.starts_with(b"{\"kind\":\"EventList\"") || compact.starts_with(b"{\"apiVersion\":"))
            && first_line.windows(11).any(|w| w == b"\"EventList\"")
    {
        Framing::JsonStream
    } else {
        Framing::Lines
    }
}

pub struct Framer<R> {
    reader: R,
    framing: Framing,
    pub stats: FrameStats,
    data: Vec<u8>,
    /// Next byte of `data` to scan.
    pos: usize,
    /// Current line (1-based) at `pos`.
    line: u64,
    /// The record being captured: its start in `data` and its line.
    open: Option<(usize, u64)>,
    /// The record being skipped for its size; its bytes are dropped as they are scanned.
    skipping: Option<Skipped>,
    records: Vec<Record>,
    eof: bool,
    /// The last byte read was a newline (or nothing was read).
    ends_with_newline: bool,
    /// Buffers of batches already read, for reuse.
    pool: Vec<Vec<u8>>,
    read_bytes: usize,
    // JSON scanner state.
    depth: u32,
    in_str: bool,
    esc: bool,
    top: Top,
}

impl<R: BufRead> Framer<R> {
    pub fn new(reader: R, framing: Framing) -> Self {
        Framer {
            reader,
            framing,
            stats: FrameStats::default(),
            data: Vec::with_capacity(BATCH_BYTES + 2 * READ_BYTES),
            pos: 0,
            line: 1,
            open: None,
            skipping: None,
            records: Vec::new(),
            eof: false,
            ends_with_newline: true,
            pool: Vec::new(),
            read_bytes: READ_BYTES,
            depth: 0,
            in_str: false,
            esc: false,
            top: Top::Idle,
        }
    }

    /// The next batch of records, or `None` at the end of the input (or after a read error,
    /// recorded in [`FrameStats::read_error`]). A batch may hold no records (a long stretch of
    /// text that is not JSON).
    pub fn next_batch(&mut self) -> Option<Batch> {
        if self.eof && self.data.is_empty() && self.records.is_empty() {
            return None;
        }
        loop {
            // Bytes before the open record: records, and separators or text that is not JSON.
            let settled = self.open.map_or(self.data.len(), |o| o.0);
            if self.eof || self.records.last().map_or(0, |r| r.end) >= BATCH_BYTES || settled >= 2 * BATCH_BYTES {
                break;
            }
            // Read straight into the batch (no copy through the reader's buffer).
            self.data.reserve(self.read_bytes);
            let before = self.data.len();
            let read = (&mut self.reader).take(self.read_bytes as u64).read_to_end(&mut self.data);
            if let Err(e) = read {
                // What came before the error is still scanned.
                self.stats.read_error = Some(e.to_string());
                self.eof = true;
            } else if self.data.len() == before {
                self.eof = true;
                break;
            }
            if self.data.len() > before {
                self.ends_with_newline = self.data.last() == Some(&b'\n');
            }
            match self.framing {
                Framing::Lines | Framing::Csv => self.scan_lines(),
                Framing::JsonStream => self.scan_json(),
            }
            self.cap_open_record();
        }
        if self.eof {
            self.finish();
        }
        // Cut after the last complete record; an open record moves to the next batch.
        let keep_from = self.open.map_or(self.data.len(), |o| o.0);
        let mut next = self.pool.pop().unwrap_or_else(|| Vec::with_capacity(BATCH_BYTES + 2 * READ_BYTES));
        next.clear();
        next.extend_from_slice(&self.data[keep_from..]);
        self.data.truncate(keep_from);
        let data = std::mem::replace(&mut self.data, next);
        self.pos = self.pos.saturating_sub(keep_from);
        if let Some(o) = self.open.as_mut() {
            o.0 = 0;
        }
        Some(Batch { data, records: std::mem::take(&mut self.records) })
    }

    /// Read `n` bytes at a time (tests use a few bytes, to cross every boundary).
    pub fn with_read_size(mut self, n: usize) -> Self {
        self.read_bytes = n.max(1);
        self
    }

    /// Hand back the buffer of a batch that has been read, to be filled again.
    pub fn recycle(&mut self, batch: Batch) {
        if self.pool.len() < 16 {
            self.pool.push(batch.data);
        }
    }

    /// The open record grew past the cap: forget its bytes and skip the rest of it.
    fn cap_open_record(&mut self) {
        if let Some((start, line)) = self.open {
            let len = self.data.len() - start;
            if len > MAX_RECORD {
                let head = &self.data[start..start + 16];
                let nul = head.iter().all(|b| *b == 0);
                self.skipping = Some(Skipped { line, bytes: len as u64, nul });
                self.open = None;
                self.data.truncate(start);
                self.pos = start;
            }
        }
    }

    /// A record that ended before it was seen to be too long: dropped whole.
    fn skipped_whole(&mut self, start: usize, after: usize, line: u64, bytes: usize) {
        let nul = self.data[start..start + 16].iter().all(|b| *b == 0);
        self.skipping = Some(Skipped { line, bytes: 0, nul });
        self.skip_done(bytes);
        self.data.drain(start..after);
    }

    /// The skipped record ended after `more` further bytes.
    fn skip_done(&mut self, more: usize) {
        if let Some(mut s) = self.skipping.take() {
            s.bytes += more as u64;
            self.stats.skipped += 1;
            if self.stats.skipped_samples.len() < 5 {
                self.stats.skipped_samples.push(s);
            }
        }
    }

    fn scan_lines(&mut self) {
        loop {
            let found = memchr::memchr(b'\n', &self.data[self.pos..]);
            if self.skipping.is_some() {
                // Bytes from `pos` belong to the skipped line: dropped, up to its newline.
                match found {
                    Some(i) => {
                        self.skip_done(i);
                        self.data.drain(self.pos..=self.pos + i);
                        self.line += 1;
                        self.stats.lines += 1;
                        continue;
                    }
                    None => {
                        let more = (self.data.len() - self.pos) as u64;
                        if let Some(s) = self.skipping.as_mut() {
                            s.bytes += more;
                        }
                        self.data.truncate(self.pos);
                        return;
                    }
                }
            }
            let Some(i) = found else {
                if self.pos < self.data.len() && self.open.is_none() {
                    self.open = Some((self.pos, self.line));
                }
                // The rest of the line is scanned when its newline arrives (quotes included: only
                // the bytes from `pos` are counted then, so `pos` stays at the line's start).
                if self.framing != Framing::Csv {
                    self.pos = self.data.len();
                }
                return;
            };
            let nl = self.pos + i;
            if self.framing == Framing::Csv {
                let quotes = memchr::memchr_iter(b'"', &self.data[self.pos..nl]).count();
                self.in_str ^= quotes % 2 == 1;
                if self.in_str {
                    // A quoted field goes on: the record continues on the next line.
                    self.open.get_or_insert((self.pos, self.line));
                    self.pos = nl + 1;
                    self.line += 1;
                    self.stats.lines += 1;
                    continue;
                }
            }
            let (start, line) = self.open.take().unwrap_or((self.pos, self.line));
            let mut end = nl;
            if end > start && self.data[end - 1] == b'\r' {
                end -= 1;
            }
            if end - start > MAX_RECORD {
                self.skipped_whole(start, nl + 1, line, nl - start);
                self.pos = start;
            } else {
                self.records.push(Record { start, end, line });
                self.pos = nl + 1;
            }
            self.line += 1;
            self.stats.lines += 1;
        }
    }

    /// End of input: an unterminated last line, an unclosed JSON value or container.
    fn finish(&mut self) {
        let cut_line = self.open.map(|o| o.1).or(self.skipping.as_ref().map(|s| s.line));
        if let Some((start, line)) = self.open.take() {
            let mut end = self.data.len();
            if self.framing != Framing::JsonStream && end > start && self.data[end - 1] == b'\r' {
                end -= 1;
            }
            self.records.push(Record { start, end, line });
            self.pos = self.data.len();
        }
        self.skip_done(0);
        match self.framing {
            Framing::Lines | Framing::Csv => {
                if let Some(line) = cut_line {
                    self.stats.unterminated = Some(line);
                    self.stats.lines += 1;
                }
            }
            Framing::JsonStream => {
                if cut_line.is_some() || !matches!(self.top, Top::Idle | Top::Stray) {
                    self.stats.unterminated = Some(cut_line.unwrap_or(self.line));
                }
                self.stats.lines = self.line - u64::from(self.ends_with_newline);
            }
        }
        self.top = Top::Idle;
        self.depth = 0;
    }
}

#[path = "frames_json.rs"]
mod json;

#[cfg(test)]
#[path = "frames_tests.rs"]
mod tests;
