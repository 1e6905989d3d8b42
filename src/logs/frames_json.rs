//! The JSON-stream half of framing: a resumable scan of top-level values that tracks strings
//! and brackets only, opening `{"Records": [...]}` / `{"items": [...]}` containers and top-level
//! arrays so that each element is a record.

use super::{Framer, Record, MAX_RECORD};
use std::io::BufRead;

/// Bytes that end a run of string content: a quote, an escape, a newline (invalid in JSON, but
/// lines are counted).
const STRING_STOP: [bool; 256] = byte_set(b"\"\\\n");
/// Bytes that matter inside a record: strings, brackets and newlines.
const STRUCTURE: [bool; 256] = byte_set(b"\"{}[]\n");

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < bytes.len() {
        set[bytes[i] as usize] = true;
        i += 1;
    }
    set
}

/// The end of the array or object starting at `data[start]`, if it lies whole in `data`: the
/// element fast path of [`Framer::scan_json`], with no state kept between calls.
fn element_end(data: &[u8], start: usize) -> Option<usize> {
    let mut depth = 0u32;
    let mut i = start;
    loop {
        // Outside strings: brackets and the next string.
        loop {
            match data.get(i)? {
                b'"' => break,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth = depth.saturating_sub(1);
                    if depth == 0 {
                        return Some(i + 1);
                    }
                }
                _ => {}
            }
            i += 1;
        }
        // Inside a string: to its closing quote, over escapes.
        i += 1;
        loop {
            match data.get(i)? {
                b'"' => break,
                b'\\' => i += 2,
                _ => i += 1,
            }
        }
        i += 1;
    }
}

/// Where the JSON scanner is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Top {
    /// Between top-level values.
    Idle,
    /// Inside a top-level value that is captured whole unless it turns out to be a container.
    Object,
    /// Inside a top-level array or container array whose elements at `depth` are records.
    Elements { depth: u32 },
    /// Inside a top-level value whose records were already read (a container's tail) or which
    /// is skipped: scanned to its end, not captured.
    Tail,
    /// A line of text at the top level: skipped to its newline.
    Stray,
}

impl<R: BufRead> Framer<R> {
    pub(super) fn begin(&mut self, at: usize) {
        self.open = Some((at, self.line));
    }

    /// The record (or skipped record) ends before `data[after]`. Returns how many bytes were
    /// dropped before `after` (those of a skipped record).
    pub(super) fn end(&mut self, after: usize, skip_from: usize) -> usize {
        if let Some((start, line)) = self.open.take() {
            if after - start > MAX_RECORD {
                self.skipped_whole(start, after, line, after - start);
                return after - start;
            }
            self.records.push(Record { start, end: after, line });
            0
        } else if self.skipping.is_some() {
            self.skip_done(after - skip_from);
            self.data.drain(skip_from..after);
            after - skip_from
        } else {
            0
        }
    }

    /// Scan `data[pos..]` as a stream of JSON values, tracking strings and brackets.
    pub(super) fn scan_json(&mut self) {
        // While a record is being skipped, its bytes from here on are dropped as it ends.
        let skip_from = self.pos;
        let mut i = self.pos;
        while i < self.data.len() {
            if self.in_str {
                if self.esc {
                    self.esc = false;
                    i += 1;
                    continue;
                }
                // Strings are short: a plain loop beats a vectorised search's setup.
                let Some(k) = self.data[i..].iter().position(|b| STRING_STOP[usize::from(*b)]) else {
                    i = self.data.len();
                    continue;
                };
                let at = i + k;
                i = at + 1;
                match self.data[at] {
                    b'\\' => self.esc = true,
                    b'\n' => self.line += 1,
                    _ => {
                        self.in_str = false;
                        if self.depth == self.record_depth() {
                            // A string element of an array is a record of its own.
                            i -= self.end(at + 1, skip_from);
                        }
                    }
                }
                continue;
            }
            if self.inside_record() {
                // Inside a record only strings, brackets and newlines matter.
                match self.data[i..].iter().position(|b| STRUCTURE[usize::from(*b)]) {
                    Some(k) => i += k,
                    None => {
                        i = self.data.len();
                        continue;
                    }
                }
            }
            let b = self.data[i];
            i += 1;
            if self.top == Top::Stray {
                if b == b'\n' {
                    self.line += 1;
                    self.top = Top::Idle;
                }
                continue;
            }
            match b {
                b'\n' => self.line += 1,
                b' ' | b'\t' | b'\r' => {}
                _ if self.top == Top::Idle => match b {
                    b'{' => {
                        self.top = Top::Object;
                        self.begin(i - 1);
                        self.depth = 1;
                    }
                    b'[' => {
                        self.top = Top::Elements { depth: 1 };
                        self.depth = 1;
                    }
                    _ => self.stray(),
                },
                b'"' => {
                    if self.depth == self.record_depth() && self.open.is_none() && self.skipping.is_none() {
                        self.begin(i - 1);
                    }
                    self.in_str = true;
                }
                b'{' | b'[' => {
                    if self.depth == self.record_depth() && self.open.is_none() && self.skipping.is_none() {
                        if let Some(end) = self.whole_element(i - 1) {
                            i = end;
                            continue;
                        }
                        self.begin(i - 1);
                    } else if b == b'[' && self.top == Top::Object && self.depth == 1 && self.container_key(i - 1) {
                        // `{"Records": [` — the envelope is dropped, its elements are records.
                        self.open = None;
                        self.top = Top::Elements { depth: 2 };
                    }
                    self.depth += 1;
                }
                b'}' | b']' => {
                    if self.depth == self.record_depth() {
                        self.end_scalar(i - 1);
                    }
                    self.depth = self.depth.saturating_sub(1);
                    if self.depth == self.record_depth() || (self.depth == 0 && self.top == Top::Object) {
                        i -= self.end(i, skip_from);
                    }
                    if let Top::Elements { depth } = self.top {
                        if self.depth < depth {
                            self.top = Top::Tail;
                        }
                    }
                    if self.depth == 0 {
                        self.top = Top::Idle;
                    }
                }
                b',' => {
                    if self.depth == self.record_depth() {
                        self.end_scalar(i - 1);
                    }
                }
                _ => {
                    if self.depth == self.record_depth() && self.open.is_none() && self.skipping.is_none() {
                        self.begin(i - 1);
                    }
                }
            }
        }
        if let Some(s) = self.skipping.as_mut() {
            s.bytes += (self.data.len() - skip_from) as u64;
            self.data.truncate(skip_from);
        }
        self.pos = self.data.len();
    }

    /// An element starting at `start` that lies whole in the buffer, found by a tight bracket
    /// and string scan: recorded, and the offset after it returned. `None` when it runs past the
    /// buffer: the resumable scanner follows it instead.
    fn whole_element(&mut self, start: usize) -> Option<usize> {
        let end = element_end(&self.data, start)?;
        let line = self.line;
        self.line += memchr::memchr_iter(b'\n', &self.data[start..end]).count() as u64;
        if end - start > MAX_RECORD {
            self.skipped_whole(start, end, line, end - start);
            return Some(start);
        }
        self.records.push(Record { start, end, line });
        Some(end)
    }

    /// Inside a record (or a value read whole or skipped), past the depth where records start.
    fn inside_record(&self) -> bool {
        match self.top {
            Top::Object | Top::Tail => true,
            Top::Elements { depth } => self.depth > depth,
            Top::Idle | Top::Stray => false,
        }
    }

    /// Records are the elements at this depth (none while reading a top-level object whole).
    fn record_depth(&self) -> u32 {
        match self.top {
            Top::Elements { depth } => depth,
            _ => u32::MAX,
        }
    }

    /// The end of a scalar element (`1,` `true]`), if one is open.
    fn end_scalar(&mut self, at: usize) {
        if let Some((start, line)) = self.open.take() {
            let end = start + self.data[start..at].trim_ascii_end().len();
            self.records.push(Record { start, end, line });
        }
    }

    /// Text that is not JSON between top-level values: noted, skipped to the end of its line.
    fn stray(&mut self) {
        self.stats.stray_count += 1;
        if self.stats.stray.len() < 5 {
            self.stats.stray.push(self.line);
        }
        self.top = Top::Stray;
    }

    /// Is the `[` at `at` the value of a `"Records"` or `"items"` key of the top-level object?
    fn container_key(&self, at: usize) -> bool {
        let Some((start, _)) = self.open else { return false };
        let before = self.data[start..at].trim_ascii_end();
        let Some(before) = before.strip_suffix(b":") else { return false };
        let before = before.trim_ascii_end();
        before.ends_with(b"\"Records\"") || before.ends_with(b"\"items\"")
    }
}
