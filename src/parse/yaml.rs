//! YAML streams (Kubernetes manifests, CloudFormation, CI files…) → one tree per document with a
//! position for every node. We build the tree from parser events so that *we* decide: scalars
//! are resolved from their raw text and quoting (YAML 1.2 core, or 1.1 booleans and octals for
//! Kubernetes); aliases expand under a node budget (billion laughs) and nesting is capped;
//! duplicate keys keep the first value with a warning; `<<` merges; CloudFormation short tags
//! (`!Ref x`) become their long form (`{"Ref": "x"}`). A broken document is reported at its
//! line:col and skipped, the documents around it are kept. A mapping member is cited at its key,
//! as in JSON and HCL; aliased and merged nodes at the place they were written.
//!
//! Events come from `granit-parser` (re-exported by `serde-saphyr`): `saphyr` 0.3 does not export
//! its parser, so its loader cannot run with `early_parse(false)`, and it gives up the whole
//! stream at the first error. `granit-parser` gives byte offsets and resumes at the next `---`.

use super::{ParseOutput, ParseProblem, ParsedDoc, YamlOptions};
use crate::document::{escape_token, LineIndex, Pos, SpanIndex};
use serde_json::{Map, Number, Value};
use serde_saphyr::granit_parser::{ErrorKind, Event, Marker, Options, Parser, ScalarStyle, Span, Tag, YamlVersion};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

/// Deepest collection nesting we accept (also through aliases).
pub const MAX_DEPTH: usize = 512;
const DEPTH: &str = "YAML nesting depth exceeds 512";
/// Aliases may produce at most `BUDGET_PER_NODE × source nodes + BUDGET_BASE` nodes per file.
const BUDGET_PER_NODE: usize = 10;
const BUDGET_BASE: usize = 100_000;
const BOMB: &str = "YAML alias expansion exceeds budget (possible alias bomb)";

/// Parse a YAML stream: one document per non-empty YAML document.
pub fn parse(text: &str, opts: YamlOptions) -> ParseOutput {
    let mut options = Options::default();
    options.emit_comments = false;
    options.flow_nesting_limit = MAX_DEPTH + 1;
    options.block_nesting_limit = MAX_DEPTH + 1;
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut b = Builder {
        lines: LineIndex::new(text),
        yaml11: opts.yaml_1_1_booleans,
        out: ParseOutput::default(),
        doc: Doc::default(),
        source_nodes: 0,
        produced: 0,
        abandoned: false,
    };
    while let Some(next) = parser.next() {
        match next {
            Ok((event, span)) => b.event(event, span),
            Err(e) if matches!(e.kind(), ErrorKind::RecursionLimitExceeded) => {
                b.fail(b.pos(*e.marker()), DEPTH);
            }
            Err(e) => b.fail(b.pos(*e.marker()), format!("YAML syntax error: {}", e.info())),
        }
        if std::mem::take(&mut b.abandoned) {
            b.doc = Doc::default();
            if !matches!(parser.proceed_next_document(), Ok(true)) {
                break;
            }
        }
    }
    b.out
}

struct Builder {
    lines: LineIndex,
    yaml11: bool,
    out: ParseOutput,
    doc: Doc,
    source_nodes: usize,
    produced: usize,
    /// The current document failed: skip to the next one.
    abandoned: bool,
}

/// The document being built.
#[derive(Default)]
struct Doc {
    stack: Vec<Frame>,
    /// (pointer, start) in source order: a node's spans are the tail from where it started, so
    /// anchors copy them and dropped values truncate them.
    spans: Vec<(String, Pos)>,
    anchors: HashMap<usize, Anchored>,
    /// The finished root node; stays `None` for an empty document.
    root: Option<Value>,
    /// `%YAML 1.1` declared.
    yaml11: bool,
}

struct Frame {
    /// Pointer of the children's parent: the node's pointer, plus `/Fn::X` under a short tag.
    ptr: String,
    wrap: Option<String>,
    node: Node,
    kind: Kind,
}

enum Kind {
    Seq(Vec<Value>),
    Map { map: Map<String, Value>, key: Option<Key>, merges: Vec<Merge> },
}

struct Key {
    name: String,
    pos: Pos,
    merge: bool,
    duplicate: bool,
}

/// The value of a `<<` key, with its spans (full pointers under `…/<<`).
struct Merge {
    value: Value,
    spans: Vec<(String, Pos)>,
    pos: Pos,
}

/// A finished (or started) node, as its parent needs to know it.
#[derive(Clone, Copy)]
struct Node {
    pos: Pos,
    mark: usize,
    anchor: usize,
    size: usize,
    height: usize,
    ptr_len: usize,
}

struct Anchored {
    value: Value,
    /// Pointer suffixes relative to the anchored node.
    spans: Vec<(String, Pos)>,
    size: usize,
    height: usize,
}

impl Builder {
    fn pos(&self, m: Marker) -> Pos {
        match m.byte_offset() {
            Some(offset) => self.lines.pos(offset),
            None => Pos {
                line: u32::try_from(m.line()).unwrap_or(u32::MAX),
                column: u32::try_from(m.col() + 1).unwrap_or(u32::MAX),
            },
        }
    }

    fn fail(&mut self, pos: Pos, msg: impl Into<String>) {
        self.out.problems.push(ParseProblem::at(pos.line, pos.column, msg));
        self.abandoned = true;
    }

    /// Count `n` more produced nodes; false once over budget.
    fn spend(&mut self, n: usize) -> bool {
        self.produced = self.produced.saturating_add(n);
        let budget = self.source_nodes.saturating_mul(BUDGET_PER_NODE);
        self.produced <= budget.saturating_add(BUDGET_BASE)
    }

    fn event(&mut self, event: Event<'_>, span: Span) {
        // A node starts at its tag when it has one (`!Ref x`).
        let start = span.tag_start.filter(|t| t.index() < span.start.index());
        let pos = self.pos(start.unwrap_or(span.start));
        match event {
            Event::DocumentStart(_, version) => {
                let yaml11 = version == Some(YamlVersion::new(1, 1));
                self.doc = Doc { yaml11, ..Doc::default() };
            }
            Event::DocumentEnd => {
                let doc = std::mem::take(&mut self.doc);
                if let Some(tree) = doc.root {
                    let mut spans = SpanIndex::new();
                    for (pointer, p) in doc.spans {
                        spans.insert(pointer, p);
                    }
                    self.out.documents.push(ParsedDoc { tree, spans });
                }
            }
            Event::Scalar(text, style, anchor, tag) => {
                // An empty node arrives as a zero-width `~`.
                let empty = span.is_empty() && style == ScalarStyle::Plain;
                self.scalar(if empty { "" } else { &text }, style, anchor, tag.as_deref(), pos);
            }
            Event::SequenceStart(_, anchor, tag) => {
                self.start(Kind::Seq(Vec::new()), anchor, tag.as_deref(), pos);
            }
            Event::MappingStart(_, anchor, tag) => {
                let kind = Kind::Map { map: Map::new(), key: None, merges: Vec::new() };
                self.start(kind, anchor, tag.as_deref(), pos);
            }
            Event::SequenceEnd | Event::MappingEnd => self.end(),
            Event::Alias(id) => self.alias(id, pos),
            _ => {}
        }
    }

    /// Where the next node is cited: a mapping member at its key.
    fn cite(&self, pos: Pos) -> Pos {
        match self.doc.stack.last().map(|f| &f.kind) {
            Some(Kind::Map { key: Some(k), .. }) => k.pos,
            _ => pos,
        }
    }

    /// Pointer of the next node, or `None` when it is a mapping key.
    fn next_ptr(&self) -> Option<String> {
        let Some(f) = self.doc.stack.last() else {
            return Some(String::new());
        };
        let mut p = f.ptr.clone();
        match &f.kind {
            Kind::Seq(items) => _ = write!(p, "/{}", items.len()),
            Kind::Map { key: Some(k), .. } => {
                p.push('/');
                p.push_str(&escape_token(&k.name));
            }
            Kind::Map { key: None, .. } => return None,
        }
        Some(p)
    }

    fn scalar(&mut self, text: &str, style: ScalarStyle, anchor: usize, tag: Option<&Tag>, pos: Pos) {
        self.source_nodes += 1;
        let plain = style == ScalarStyle::Plain && tag.is_none();
        if self.doc.stack.is_empty() && plain && text.is_empty() && anchor == 0 {
            return; // an empty document
        }
        let mut n = self.node(pos, anchor, 1, 0);
        let Some(ptr) = self.next_ptr() else {
            let value = if anchor == 0 { Value::Null } else { self.resolve(text, style, tag) };
            return self.attach(value, n, Some((text, plain)));
        };
        let mut value = self.resolve(text, style, tag);
        if let Some(w) = cfn_key(tag) {
            self.doc.spans.push((format!("{ptr}/{}", escape_token(&w)), pos));
            value = Value::Object(Map::from_iter([(w, value)]));
            n.size += 1;
        }
        n.ptr_len = ptr.len();
        self.doc.spans.push((ptr, self.cite(pos)));
        self.attach(value, n, None);
    }

    /// A node starting now; `ptr_len` is set once its pointer is known.
    fn node(&self, pos: Pos, anchor: usize, size: usize, height: usize) -> Node {
        let mark = self.doc.spans.len();
        Node { pos, mark, anchor, size, height, ptr_len: 0 }
    }

    fn resolve(&self, text: &str, style: ScalarStyle, tag: Option<&Tag>) -> Value {
        resolve(text, style, tag, self.yaml11 || self.doc.yaml11)
    }

    fn start(&mut self, kind: Kind, anchor: usize, tag: Option<&Tag>, pos: Pos) {
        self.source_nodes += 1;
        if self.doc.stack.len() >= MAX_DEPTH {
            return self.fail(pos, DEPTH);
        }
        // A collection used as a mapping key gets a throwaway pointer: its spans are dropped.
        let mut ptr = self.next_ptr().unwrap_or_default();
        let ptr_len = ptr.len();
        self.doc.spans.push((ptr.clone(), self.cite(pos)));
        let wrap = cfn_key(tag);
        if let Some(w) = &wrap {
            ptr.push('/');
            ptr.push_str(&escape_token(w));
            self.doc.spans.push((ptr.clone(), pos));
        }
        let node = Node { ptr_len, ..self.node(pos, anchor, 1, 1) };
        self.doc.stack.push(Frame { ptr, wrap, node, kind });
    }

    fn end(&mut self) {
        let Some(f) = self.doc.stack.pop() else {
            return;
        };
        let mut node = f.node;
        let mut value = match f.kind {
            Kind::Seq(items) => Value::Array(items),
            Kind::Map { map, merges, .. } => Value::Object(self.merge(map, merges, &f.ptr)),
        };
        if let Some(w) = f.wrap {
            value = Value::Object(Map::from_iter([(w, value)]));
            node.size += 1;
        }
        self.attach(value, node, None);
    }

    fn alias(&mut self, id: usize, pos: Pos) {
        let Some((size, height)) = self.doc.anchors.get(&id).map(|a| (a.size, a.height)) else {
            return self.fail(pos, "YAML alias refers to an anchor that is not complete");
        };
        if self.doc.stack.len() + height > MAX_DEPTH {
            return self.fail(pos, DEPTH);
        }
        if !self.spend(size) {
            return self.fail(pos, BOMB);
        }
        let n = self.node(pos, 0, size, height);
        let (ptr, cited) = (self.next_ptr(), self.cite(pos));
        let Some(a) = self.doc.anchors.get(&id) else {
            return;
        };
        let value = a.value.clone();
        if let Some(ptr) = ptr {
            let copies = a.spans.iter().filter(|(s, _)| !s.is_empty());
            self.doc.spans.extend(copies.map(|(s, p)| (format!("{ptr}{s}"), *p)));
            self.doc.spans.push((ptr, cited));
        }
        self.attach(value, n, None);
    }

    /// Put a finished node in its place: register its anchor, then root, element, key or value.
    /// `key` is a scalar's text and whether it is plain, for when the node is a mapping key.
    fn attach(&mut self, value: Value, n: Node, key: Option<(&str, bool)>) {
        if n.anchor != 0 {
            if !self.spend(n.size) {
                return self.fail(n.pos, BOMB);
            }
            let tail = self.doc.spans.get(n.mark..).unwrap_or_default().iter();
            let spans = tail.map(|(p, pos)| (p.get(n.ptr_len..).unwrap_or("").to_owned(), *pos));
            let (size, height) = (n.size, n.height);
            let anchored = Anchored { value: value.clone(), spans: spans.collect(), size, height };
            self.doc.anchors.insert(n.anchor, anchored);
        }
        let doc = &mut self.doc;
        let Some(f) = doc.stack.last_mut() else {
            doc.root = Some(value);
            return;
        };
        f.node.size += n.size;
        f.node.height = f.node.height.max(n.height + 1);
        let (map, pending, merges) = match &mut f.kind {
            Kind::Seq(items) => return items.push(value),
            Kind::Map { map, key, merges } => (map, key, merges),
        };
        match pending.take() {
            None => {
                doc.spans.truncate(n.mark);
                let (name, plain) = key.map_or_else(|| (key_string(&value), false), |(t, p)| (t.to_owned(), p));
                let merge = plain && name == "<<";
                let duplicate = !merge && map.contains_key(&name);
                if duplicate {
                    let msg = format!("duplicate key \"{name}\": the first value is kept");
                    self.out.warnings.push(ParseProblem::at(n.pos.line, n.pos.column, msg));
                }
                *pending = Some(Key { name, pos: n.pos, merge, duplicate });
            }
            Some(k) if k.merge => {
                let spans = doc.spans.split_off(n.mark.min(doc.spans.len()));
                merges.push(Merge { value, spans, pos: n.pos });
            }
            Some(k) if k.duplicate => doc.spans.truncate(n.mark),
            Some(k) => _ = map.insert(k.name, value),
        }
    }

    /// Apply `<<` merges: keys of the merged mappings that the mapping does not set itself,
    /// earlier sources first, cited where they were written.
    fn merge(&mut self, mut map: Map<String, Value>, merges: Vec<Merge>, base: &str) -> Map<String, Value> {
        let skip = base.len() + "/<<".len();
        for Merge { value, spans, pos } in merges {
            let seq = value.is_array();
            let sources = match value {
                Value::Array(items) => items,
                other => vec![other],
            };
            // Taken keys as `/k`, or `/i/k` for the i-th mapping of a list.
            let mut taken = HashSet::new();
            for (i, source) in sources.into_iter().enumerate() {
                let Value::Object(source) = source else {
                    let msg = "YAML merge key `<<` needs a mapping or a list of mappings";
                    self.out.warnings.push(ParseProblem::at(pos.line, pos.column, msg));
                    continue;
                };
                for (k, v) in source {
                    if !map.contains_key(&k) {
                        let k_esc = escape_token(&k);
                        taken.insert(if seq { format!("/{i}/{k_esc}") } else { format!("/{k_esc}") });
                        map.insert(k, v);
                    }
                }
            }
            for (ptr, p) in spans {
                let rel = ptr.get(skip..).unwrap_or("");
                let after = |from: usize| rel.get(from + 1..).and_then(|r| r.find('/')).map(|j| from + 1 + j);
                let key_at = if seq { after(0).unwrap_or(rel.len()) } else { 0 };
                let key_end = after(key_at).unwrap_or(rel.len());
                if rel.get(..key_end).is_some_and(|r| taken.contains(r)) {
                    let rest = rel.get(key_at..).unwrap_or("");
                    self.doc.spans.push((format!("{base}{rest}"), p));
                }
            }
        }
        map
    }
}

/// A mapping key that is not a scalar's text: `80`, `true`, or JSON for a collection.
fn key_string(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

/// `!Ref x` → `Ref`, `!Condition c` → `Condition`, `!GetAtt a.b` → `Fn::GetAtt`: CloudFormation
/// short forms are local tags starting with an uppercase letter.
fn cfn_key(tag: Option<&Tag>) -> Option<String> {
    let tag = tag?;
    let suffix = tag.suffix();
    if tag.handle() != "!" || !suffix.starts_with(|c: char| c.is_ascii_uppercase()) {
        return None;
    }
    Some(if matches!(suffix, "Ref" | "Condition") { suffix.to_owned() } else { format!("Fn::{suffix}") })
}

/// Resolve a scalar from its text, style and tag. Quoted and block scalars, local tags (`!x`),
/// the non-specific `!` and `!!str` give strings; other tags are ignored.
fn resolve(text: &str, style: ScalarStyle, tag: Option<&Tag>, yaml11: bool) -> Value {
    let forced = tag.is_some_and(|t| {
        t.handle() == "!"
            || (t.handle().is_empty() && t.suffix() == "!")
            || matches!(t.core_suffix(), Some("str" | "binary"))
    });
    if style != ScalarStyle::Plain || forced {
        return Value::String(text.to_owned());
    }
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "true" | "True" | "TRUE" => return Value::Bool(true),
        "false" | "False" | "FALSE" => return Value::Bool(false),
        "yes" | "Yes" | "YES" | "on" | "On" | "ON" | "y" | "Y" if yaml11 => return Value::Bool(true),
        "no" | "No" | "NO" | "off" | "Off" | "OFF" | "n" | "N" if yaml11 => return Value::Bool(false),
        _ => {}
    }
    if let Some(v) = int(text, yaml11) {
        return v;
    }
    let float = Some(text).filter(|t| is_float(t)).and_then(|t| t.parse::<f64>().ok());
    match float.and_then(Number::from_f64) {
        Some(n) => Value::Number(n),
        None => Value::String(text.to_owned()),
    }
}

/// Core-schema integers (`12`, `-3`, `0x1F`, `0o17`); with YAML 1.1 also `0b101`, `0755`
/// (octal) and `1_000`. Integers that overflow 64 bits stay strings.
fn int(text: &str, yaml11: bool) -> Option<Value> {
    let unsigned = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (neg, signed) = (text.starts_with('-'), unsigned.len() != text.len());
    let cleaned =
        if yaml11 && unsigned.contains('_') { Cow::Owned(unsigned.replace('_', "")) } else { Cow::Borrowed(unsigned) };
    let (radix, digits) = match cleaned.as_bytes() {
        [b'0', b'x', ..] => (16, &cleaned[2..]),
        [b'0', b'o', ..] => (8, &cleaned[2..]),
        [b'0', b'b', ..] if yaml11 => (2, &cleaned[2..]),
        [b'0', _, ..] if yaml11 => (8, &cleaned[1..]),
        _ => (10, &cleaned[..]),
    };
    let valid = !digits.is_empty() && digits.chars().all(|c| c.is_digit(radix));
    if !valid || (signed && radix != 10 && !yaml11) {
        return None;
    }
    let Ok(magnitude) = u64::from_str_radix(digits, radix) else {
        return Some(Value::String(text.to_owned()));
    };
    Some(match (neg, i64::try_from(-i128::from(magnitude))) {
        (false, _) => Value::from(magnitude),
        (true, Ok(i)) => Value::from(i),
        (true, Err(_)) => Value::String(text.to_owned()),
    })
}

/// Core-schema float syntax: `[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?`.
fn is_float(text: &str) -> bool {
    let digits = |t: &str| t.bytes().all(|c| c.is_ascii_digit());
    let body = text.strip_prefix(['-', '+']).unwrap_or(text);
    let (mantissa, exp) = match body.split_once(['e', 'E']) {
        Some((m, e)) => (m, Some(e.strip_prefix(['-', '+']).unwrap_or(e))),
        None => (body, None),
    };
    let (whole, frac) = mantissa.split_once('.').map_or((mantissa, None), |(w, f)| (w, Some(f)));
    let some_digit = !whole.is_empty() || frac.is_some_and(|f| !f.is_empty());
    let exp_ok = exp.is_none_or(|e| !e.is_empty() && digits(e));
    digits(whole) && frac.is_none_or(digits) && some_digit && exp_ok
}

#[cfg(test)]
#[path = "yaml_tests.rs"]
mod tests;
