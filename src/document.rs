//! The parsed form every rule sees: one normalised JSON tree per document, plus a span index from
//! JSON pointer to source position so evidence can cite `file:line`. Positions are only recorded
//! where the parser truly knows them; a finding without one cites the pointer alone.

use crate::kind::Kind;
use serde::Serialize;
use serde_json::Value;
use std::collections::HashMap;

/// A 1-based line and column in the source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

/// JSON pointer (RFC 6901, e.g. `/spec/containers/0/image`) → where that node starts.
/// The empty pointer `""` is the document root.
#[derive(Debug, Clone, Default)]
pub struct SpanIndex {
    map: HashMap<String, Pos>,
}

impl SpanIndex {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn insert(&mut self, pointer: String, pos: Pos) {
        self.map.entry(pointer).or_insert(pos);
    }

    /// The position of `pointer`, or of its nearest ancestor that has one.
    pub fn lookup(&self, pointer: &str) -> Option<Pos> {
        let mut p = pointer;
        loop {
            if let Some(pos) = self.map.get(p) {
                return Some(*pos);
            }
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => return None,
            }
        }
    }

    /// Make every position under `from` also reachable under `to` (for re-rooted subtrees).
    pub fn alias_prefix(&mut self, from: &str, to: &str) {
        let copies: Vec<(String, Pos)> = self
            .map
            .iter()
            .filter(|(k, _)| k.as_str() == from || k.starts_with(&format!("{from}/")))
            .map(|(k, p)| (format!("{to}{}", &k[from.len()..]), *p))
            .collect();
        for (k, p) in copies {
            self.map.entry(k).or_insert(p);
        }
    }

    /// The position of exactly `pointer`, without falling back to an ancestor.
    pub fn exact(&self, pointer: &str) -> Option<Pos> {
        self.map.get(pointer).copied()
    }

    pub fn len(&self) -> usize {
        self.map.len()
    }

    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }
}

/// One parsed document: a YAML document of a stream, a JSON file, a Terraform file, an sshd_config…
#[derive(Debug, Clone)]
pub struct Document {
    /// Path relative to the scan root, `/`-separated.
    pub path: String,
    /// 0-based index of this document within its file (YAML streams hold several).
    pub ordinal: usize,
    pub kind: Kind,
    pub tree: Value,
    pub spans: SpanIndex,
}

/// Escape one reference token of a JSON pointer (RFC 6901).
pub fn escape_token(token: &str) -> std::borrow::Cow<'_, str> {
    if token.contains(['~', '/']) {
        std::borrow::Cow::Owned(token.replace('~', "~0").replace('/', "~1"))
    } else {
        std::borrow::Cow::Borrowed(token)
    }
}

/// Append one token to a pointer.
pub fn push_pointer(base: &str, token: &str) -> String {
    let mut s = String::with_capacity(base.len() + token.len() + 1);
    s.push_str(base);
    s.push('/');
    s.push_str(&escape_token(token));
    s
}

/// Maps byte offsets to 1-based line/column. Built once per file.
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut starts = vec![0];
        starts.extend(memchr::memchr_iter(b'\n', text.as_bytes()).map(|i| i + 1));
        Self { starts }
    }

    /// The text of 1-based line `n`, without its newline.
    pub fn line_text<'t>(&self, text: &'t str, n: usize) -> Option<&'t str> {
        let start = *self.starts.get(n.checked_sub(1)?)?;
        let end = self.starts.get(n).map_or(text.len(), |e| e.saturating_sub(1));
        text.get(start..end.max(start))
    }

    pub fn pos(&self, offset: usize) -> Pos {
        let line = match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i.saturating_sub(1),
        };
        let col = offset - self.starts.get(line).copied().unwrap_or(0);
        Pos { line: u32::try_from(line + 1).unwrap_or(u32::MAX), column: u32::try_from(col + 1).unwrap_or(u32::MAX) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_index_maps_offsets() {
        let idx = LineIndex::new("ab\ncd\n\nx");
        assert_eq!(idx.pos(0), Pos { line: 1, column: 1 });
        assert_eq!(idx.pos(4), Pos { line: 2, column: 2 });
        assert_eq!(idx.pos(7), Pos { line: 4, column: 1 });
    }

    #[test]
    fn lookup_falls_back_to_ancestor() {
        let mut s = SpanIndex::new();
        s.insert("/spec".into(), Pos { line: 3, column: 1 });
        assert_eq!(s.lookup("/spec/containers/0").map(|p| p.line), Some(3));
        assert_eq!(s.exact("/spec/containers/0"), None);
        assert_eq!(s.lookup("/metadata"), None);
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(push_pointer("/a", "x/y~z"), "/a/x~1y~0z");
    }
}
