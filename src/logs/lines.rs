//! A line reader with bounded memory: lines longer than the cap are skipped (and counted) rather
//! than buffered, so a 10 MB single-line log or a NUL-filled region cannot balloon memory.

use std::io::{BufRead, ErrorKind};

/// Longest line kept, in bytes.
pub const MAX_LINE: usize = 1 << 20;

pub struct Lines<R> {
    reader: R,
    buf: Vec<u8>,
    pub line_no: u64,
    pub overlong: u64,
    pub first_overlong_line: Option<u64>,
    /// The number of a line that ended without a newline (only ever the last one).
    pub unterminated: Option<u64>,
}

impl<R: BufRead> Lines<R> {
    pub fn new(reader: R) -> Self {
        Lines {
            reader,
            buf: Vec::with_capacity(4096),
            line_no: 0,
            overlong: 0,
            first_overlong_line: None,
            unterminated: None,
        }
    }

    /// The next line (without its newline), or `None` at end of input.
    pub fn next_line(&mut self) -> std::io::Result<Option<(u64, &[u8])>> {
        self.buf.clear();
        let mut too_long = false;
        let mut any = false;
        let mut terminated = false;
        loop {
            let chunk = match self.reader.fill_buf() {
                Ok(c) => c,
                Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                Err(e) => return Err(e),
            };
            if chunk.is_empty() {
                break;
            }
            any = true;
            let (take, done) = match memchr::memchr(b'\n', chunk) {
                Some(i) => (i + 1, true),
                None => (chunk.len(), false),
            };
            if !too_long {
                if self.buf.len() + take > MAX_LINE {
                    too_long = true;
                    self.buf.clear();
                } else {
                    self.buf.extend_from_slice(&chunk[..take]);
                }
            }
            self.reader.consume(take);
            if done {
                terminated = true;
                break;
            }
        }
        if !any {
            return Ok(None);
        }
        self.line_no += 1;
        if !terminated {
            self.unterminated = Some(self.line_no);
        }
        if too_long {
            self.overlong += 1;
            self.first_overlong_line.get_or_insert(self.line_no);
            return Ok(Some((self.line_no, &[])));
        }
        while matches!(self.buf.last(), Some(b'\n' | b'\r')) {
            self.buf.pop();
        }
        Ok(Some((self.line_no, &self.buf)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_lines_and_skips_overlong_ones() {
        let long = "x".repeat(MAX_LINE + 10);
        let input = format!("a\r\nb\n{long}\nlast");
        let mut lines = Lines::new(std::io::BufReader::with_capacity(1024, input.as_bytes()));
        let mut seen = Vec::new();
        while let Some((_, l)) = lines.next_line().expect("reads") {
            seen.push(String::from_utf8_lossy(l).into_owned());
        }
        assert_eq!(seen, vec!["a", "b", "", "last"]);
        assert_eq!(lines.overlong, 1);
        assert_eq!(lines.first_overlong_line, Some(3));
        assert_eq!(lines.unterminated, Some(4), "`last` has no newline");
    }
}
