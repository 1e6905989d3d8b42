//! Paths select nodes in a document tree: `spec.template.spec.containers[*].image`,
//! `metadata.labels."pod-security.kubernetes.io/enforce"`, `resource.aws_iam_user.*`, `$.kind`.
//!
//! Grammar: segments separated by `.`; a segment is a bare key, a quoted key (`"a.b"` or `'a.b'`),
//! `*` (every value of a map or element of a list), `[*]` (every element of a list), or `[N]`
//! (one list element). A leading `$` anchors at the document root instead of the current node;
//! `@` alone is the current node. Paths are compiled once at load time and resolved per node.

use crate::document::push_pointer;
use serde_json::Value;
use std::fmt;

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Key(String),
    AnyValue,
    AnyElement,
    Index(usize),
}

/// A compiled path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    source: String,
    from_root: bool,
    segments: Vec<Segment>,
}

/// One step of a path, for code that plans which parts of a tree will be read (the log reader
/// parses only the fields its rules look at).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'a> {
    /// A key of a map.
    Key(&'a str),
    /// Every value of a map or element of a list (`*`).
    AnyValue,
    /// Every element of a list (`[*]`), or one (`[N]`).
    Element,
}

/// A node reached by a path: the value and its JSON pointer from the document root.
#[derive(Debug, Clone, Copy)]
pub struct Node<'a> {
    pub value: &'a Value,
    pub pointer: &'a str,
}

/// An owned pointer with a borrowed value; what resolution yields.
#[derive(Debug, Clone)]
pub struct Hit<'a> {
    pub value: &'a Value,
    pub pointer: String,
}

impl Path {
    pub fn parse(source: &str) -> Result<Path, String> {
        let mut s = source.trim();
        let mut from_root = false;
        if let Some(rest) = s.strip_prefix('$') {
            from_root = true;
            s = rest.strip_prefix('.').unwrap_or(rest);
        }
        if s == "@" || s.is_empty() {
            return Ok(Path { source: source.to_string(), from_root, segments: Vec::new() });
        }
        let mut segments = Vec::new();
        let chars: Vec<char> = s.chars().collect();
        let mut i = 0;
        let mut expect_segment = true;
        while i < chars.len() {
            let c = chars[i];
            match c {
                '.' => {
                    if expect_segment {
                        return Err(format!("empty segment at position {i} in path `{source}`"));
                    }
                    expect_segment = true;
                    i += 1;
                }
                '[' => {
                    let end = chars[i..]
                        .iter()
                        .position(|&c| c == ']')
                        .map(|p| p + i)
                        .ok_or_else(|| format!("unclosed `[` in path `{source}`"))?;
                    let inner: String = chars[i + 1..end].iter().collect();
                    let inner = inner.trim();
                    if inner == "*" {
                        segments.push(Segment::AnyElement);
                    } else if let Some(q) = unquote(inner) {
                        segments.push(Segment::Key(q));
                    } else {
                        let n: usize = inner.parse().map_err(|_| {
                            format!("`[{inner}]` is not `[*]`, an index or a quoted key in path `{source}`")
                        })?;
                        segments.push(Segment::Index(n));
                    }
                    expect_segment = false;
                    i = end + 1;
                }
                '"' | '\'' => {
                    let end = chars[i + 1..]
                        .iter()
                        .position(|&ch| ch == c)
                        .map(|p| p + i + 1)
                        .ok_or_else(|| format!("unterminated quote in path `{source}`"))?;
                    segments.push(Segment::Key(chars[i + 1..end].iter().collect()));
                    expect_segment = false;
                    i = end + 1;
                }
                _ => {
                    let start = i;
                    while i < chars.len() && !matches!(chars[i], '.' | '[') {
                        i += 1;
                    }
                    let key: String = chars[start..i].iter().collect();
                    if key == "*" {
                        segments.push(Segment::AnyValue);
                    } else {
                        segments.push(Segment::Key(key));
                    }
                    expect_segment = false;
                }
            }
        }
        if expect_segment {
            return Err(format!("path `{source}` ends with `.`"));
        }
        Ok(Path { source: source.to_string(), from_root, segments })
    }

    pub fn source(&self) -> &str {
        &self.source
    }

    /// True when the path starts at the document root (`$.`) rather than the current node.
    pub fn is_rooted(&self) -> bool {
        self.from_root
    }

    /// The path's steps, in order.
    pub fn steps(&self) -> impl Iterator<Item = Step<'_>> {
        self.segments.iter().map(|s| match s {
            Segment::Key(k) => Step::Key(k),
            Segment::AnyValue => Step::AnyValue,
            Segment::AnyElement | Segment::Index(_) => Step::Element,
        })
    }

    pub fn is_current(&self) -> bool {
        self.segments.is_empty()
    }

    /// Resolve from `node` (or from `root` when the path starts with `$`). Null values are
    /// returned like any other; callers decide whether null counts as present.
    pub fn resolve<'a>(&self, root: Node<'a>, node: Node<'a>) -> Vec<Hit<'a>> {
        let start = if self.from_root { root } else { node };
        let mut current = vec![Hit { value: start.value, pointer: start.pointer.to_string() }];
        for seg in &self.segments {
            let mut next = Vec::new();
            for hit in current {
                match (seg, hit.value) {
                    (Segment::Key(k), Value::Object(map)) => {
                        if let Some(v) = map.get(k) {
                            next.push(Hit { value: v, pointer: push_pointer(&hit.pointer, k) });
                        }
                    }
                    (Segment::Index(n), Value::Array(items)) => {
                        if let Some(v) = items.get(*n) {
                            next.push(Hit { value: v, pointer: push_pointer(&hit.pointer, &n.to_string()) });
                        }
                    }
                    (Segment::AnyElement | Segment::AnyValue, Value::Array(items)) => {
                        for (n, v) in items.iter().enumerate() {
                            next.push(Hit { value: v, pointer: push_pointer(&hit.pointer, &n.to_string()) });
                        }
                    }
                    (Segment::AnyValue, Value::Object(map)) => {
                        for (k, v) in map {
                            next.push(Hit { value: v, pointer: push_pointer(&hit.pointer, k) });
                        }
                    }
                    _ => {}
                }
            }
            current = next;
            if current.is_empty() {
                break;
            }
        }
        current
    }
}

fn unquote(s: &str) -> Option<String> {
    let first = s.chars().next()?;
    if (first == '"' || first == '\'') && s.len() >= 2 && s.ends_with(first) {
        Some(s[1..s.len() - 1].to_string())
    } else {
        None
    }
}

impl fmt::Display for Path {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.source)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn resolve(path: &str, v: &Value) -> Vec<(String, Value)> {
        let p = Path::parse(path).expect("path parses");
        let root = Node { value: v, pointer: "" };
        p.resolve(root, root).into_iter().map(|h| (h.pointer, h.value.clone())).collect()
    }

    #[test]
    fn keys_lists_and_wildcards() {
        let v = json!({"subjects": [{"kind": "User", "name": "a"}, {"kind": "Group", "name": "b"}]});
        assert_eq!(
            resolve("subjects[*].kind", &v),
            vec![("/subjects/0/kind".into(), json!("User")), ("/subjects/1/kind".into(), json!("Group"))]
        );
        assert_eq!(resolve("subjects[1].name", &v), vec![("/subjects/1/name".into(), json!("b"))]);
        assert!(resolve("subjects[5].name", &v).is_empty());
        assert!(resolve("nope.deeper", &v).is_empty());
    }

    #[test]
    fn quoted_keys_with_dots_and_slashes() {
        let v = json!({"metadata": {"labels": {"pod-security.kubernetes.io/enforce": "restricted"}}});
        let hits = resolve("metadata.labels.\"pod-security.kubernetes.io/enforce\"", &v);
        assert_eq!(hits, vec![("/metadata/labels/pod-security.kubernetes.io~1enforce".into(), json!("restricted"))]);
        assert_eq!(resolve("metadata.labels['pod-security.kubernetes.io/enforce']", &v).len(), 1);
    }

    #[test]
    fn map_wildcard_and_root_anchor() {
        let v = json!({"kind": "X", "resource": {"aws_iam_user": {"a": {"name": "alice"}, "b": {"name": "bob"}}}});
        assert_eq!(resolve("resource.aws_iam_user.*.name", &v).len(), 2);
        let p = Path::parse("$.kind").expect("parses");
        let root = Node { value: &v, pointer: "" };
        let inner = Node { value: &v["resource"], pointer: "/resource" };
        assert_eq!(p.resolve(root, inner)[0].value, &json!("X"));
        assert!(Path::parse("@").expect("parses").is_current());
    }

    #[test]
    fn malformed_paths_are_errors() {
        assert!(Path::parse("a..b").is_err());
        assert!(Path::parse("a.").is_err());
        assert!(Path::parse("a[").is_err());
        assert!(Path::parse("a[x]").is_err());
        assert!(Path::parse("'abc").is_err());
    }
}
