//! Terraform (`.tf`, `.tfvars`) and Vault policy (`.hcl`) files → a JSON tree that rules query
//! like YAML, with a position for every attribute, block and element (`hcl-edit` byte spans).
//!
//! Shape: top-level `resource "t" "n" { … }` nests by type and label (`/resource/t/n/…`); a
//! repeated label path gets `"n (2)"` and a warning. Top-level blocks without labels
//! (`terraform`, `locals`) and every nested block become lists of bodies; a nested block's labels
//! go in `"__labels"`. Literals become JSON; anything only known at plan time (references,
//! interpolations, calls, conditionals, `for`) becomes its source text, except `jsonencode(x)`,
//! which becomes `x` so inline IAM policies are real objects.

use super::{ParseOutput, ParseProblem, ParsedDoc};
use crate::document::{escape_token, LineIndex, Pos, SpanIndex};
use hcl_edit::expr::{Expression, FuncCall, ObjectKey};
use hcl_edit::structure::{Attribute, Block, BlockLabel, Body, Structure};
use hcl_edit::template::{Element, Template};
use hcl_edit::{Number, Span};
use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::ops::Range;

/// Deepest bracket/brace/parenthesis nesting we hand to the (recursive) parser.
pub const MAX_DEPTH: usize = 512;

/// Parse one HCL file.
pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(text);
    if let Some(offset) = depth_exceeded(text.as_bytes(), MAX_DEPTH) {
        let p = lines.pos(offset);
        let msg = format!("HCL nesting depth exceeds {MAX_DEPTH}");
        return ParseOutput::failed(ParseProblem::at(p.line, p.column, msg));
    }
    let body = match hcl_edit::parser::parse_body(text) {
        Ok(body) => body,
        Err(e) => {
            let p = lines.pos(e.location().offset());
            let msg = format!("HCL syntax error: {}", e.message());
            return ParseOutput::failed(ParseProblem::at(p.line, p.column, msg));
        }
    };
    let mut b = Builder {
        text,
        lines: &lines,
        spans: SpanIndex::new(),
        ptr: String::new(),
        warnings: Vec::new(),
        next_suffix: HashMap::new(),
    };
    b.spans.insert(String::new(), Pos { line: 1, column: 1 });
    let tree = b.top(&body);
    ParseOutput { documents: vec![ParsedDoc { tree, spans: b.spans }], problems: Vec::new(), warnings: b.warnings }
}

/// Offset of the first `{`/`[`/`(` that opens level `max + 1`, outside strings and comments.
/// A guard only: `hcl-edit` enforces its own, lower limit while parsing.
fn depth_exceeded(bytes: &[u8], max: usize) -> Option<usize> {
    let (mut depth, mut i, mut in_string) = (0usize, 0usize, false);
    while let Some(&b) = bytes.get(i) {
        let next = bytes.get(i + 1).copied();
        if in_string {
            match b {
                b'\\' => i += 1,
                b'"' | b'\n' => in_string = false,
                _ => {}
            }
        } else {
            match (b, next) {
                (b'"', _) => in_string = true,
                (b'#', _) | (b'/', Some(b'/')) => {
                    i = memchr::memchr(b'\n', &bytes[i..]).map_or(bytes.len(), |n| i + n);
                }
                (b'/', Some(b'*')) => {
                    let rest = bytes.get(i + 2..).unwrap_or_default();
                    i = memchr::memmem::find(rest, b"*/").map_or(bytes.len(), |n| i + 2 + n + 1);
                }
                (b'{' | b'[' | b'(', _) => {
                    depth += 1;
                    if depth > max {
                        return Some(i);
                    }
                }
                (b'}' | b']' | b')', _) => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
        i += 1;
    }
    None
}

struct Builder<'a> {
    text: &'a str,
    lines: &'a LineIndex,
    spans: SpanIndex,
    /// Pointer of the node being converted; children push a token and truncate it back.
    ptr: String,
    warnings: Vec<ParseProblem>,
    /// Next `" (n)"` suffix to try per pointer of a repeated label path (no quadratic probing).
    next_suffix: HashMap<String, usize>,
}

impl Builder<'_> {
    fn pos(&self, span: Option<Range<usize>>) -> Option<Pos> {
        span.map(|r| self.lines.pos(r.start))
    }

    /// Record where the node at the current pointer starts (the first record wins).
    fn mark(&mut self, pos: Option<Pos>) {
        if let Some(pos) = pos {
            self.spans.insert(self.ptr.clone(), pos);
        }
    }

    /// Append a key token to the pointer; returns the length to truncate back to.
    fn push(&mut self, token: &str) -> usize {
        let len = self.ptr.len();
        self.ptr.push('/');
        self.ptr.push_str(&escape_token(token));
        len
    }

    fn push_index(&mut self, i: usize) -> usize {
        let len = self.ptr.len();
        let _ = write!(self.ptr, "/{i}");
        len
    }

    fn warn(&mut self, pos: Option<Pos>, msg: String) {
        let p = pos.unwrap_or(Pos { line: 1, column: 1 });
        self.warnings.push(ParseProblem::at(p.line, p.column, msg));
    }

    fn top(&mut self, body: &Body) -> Value {
        let mut root = Map::new();
        for structure in body.iter() {
            match structure {
                Structure::Attribute(a) => self.attribute(&mut root, a),
                Structure::Block(b) if b.labels.is_empty() => self.block_list(&mut root, b),
                Structure::Block(b) => self.labeled(&mut root, b),
            }
        }
        Value::Object(root)
    }

    fn body(&mut self, body: &Body, labels: &[BlockLabel]) -> Value {
        let mut map = Map::new();
        if !labels.is_empty() {
            let len = self.push("__labels");
            self.mark(self.pos(labels.first().and_then(Span::span)));
            let mut out = Vec::with_capacity(labels.len());
            for (i, label) in labels.iter().enumerate() {
                let l = self.push_index(i);
                self.mark(self.pos(label.span()));
                self.ptr.truncate(l);
                out.push(Value::String(label.as_str().to_owned()));
            }
            self.ptr.truncate(len);
            map.insert("__labels".to_owned(), Value::Array(out));
        }
        for structure in body.iter() {
            match structure {
                Structure::Attribute(a) => self.attribute(&mut map, a),
                Structure::Block(b) => self.block_list(&mut map, b),
            }
        }
        Value::Object(map)
    }

    fn attribute(&mut self, map: &mut Map<String, Value>, a: &Attribute) {
        let key = a.key.as_str();
        let pos = self.pos(a.span());
        if map.contains_key(key) {
            self.warn(pos, format!("duplicate attribute \"{key}\": the first is kept"));
            return;
        }
        let len = self.push(key);
        self.mark(pos);
        let value = embedded_json(key, self.expr(&a.value));
        self.ptr.truncate(len);
        map.insert(key.to_owned(), value);
    }

    /// A block whose bodies collect in a list under its type: `ingress { … }` → `ingress: [{…}]`.
    fn block_list(&mut self, map: &mut Map<String, Value>, b: &Block) {
        let pos = self.pos(b.span());
        let key = self.free_key(map, b.ident.as_str(), Value::is_array);
        if key != b.ident.as_str() {
            self.warn(pos, format!("block \"{}\" clashes with an attribute: stored as \"{key}\"", b.ident.as_str()));
        }
        let index = map.get(&key).and_then(Value::as_array).map_or(0, Vec::len);
        let len = self.push(&key);
        self.mark(pos);
        self.push_index(index);
        self.mark(pos);
        let body = self.body(&b.body, &b.labels);
        self.ptr.truncate(len);
        if let Value::Array(list) = map.entry(key).or_insert_with(|| Value::Array(Vec::new())) {
            list.push(body);
        }
    }

    /// A top-level labelled block, nested by type then each label.
    fn labeled(&mut self, root: &mut Map<String, Value>, b: &Block) {
        let pos = self.pos(b.span());
        let len = self.ptr.len();
        let Some((last, parents)) = b.labels.split_last() else {
            return;
        };
        let (mut cur, mut renamed) = (root, false);
        let ident = b.ident.as_str();
        for name in std::iter::once(ident).chain(parents.iter().map(BlockLabel::as_str)) {
            let key = self.free_key(cur, name, Value::is_object);
            renamed |= key != name;
            self.push(&key);
            self.mark(pos);
            cur = match cur.entry(key).or_insert_with(|| Value::Object(Map::new())) {
                Value::Object(m) => m,
                _ => return,
            };
        }
        let key = self.free_key(cur, last.as_str(), |_| false);
        self.push(&key);
        // Repeated `provider "aws"` blocks are how Terraform declares aliases: normal, not news.
        if (renamed || key != last.as_str()) && ident != "provider" {
            let labels: Vec<String> = b.labels.iter().map(|l| format!("\"{}\"", l.as_str())).collect();
            let (labels, at) = (labels.join(" "), &self.ptr);
            self.warn(pos, format!("block {ident} {labels} is already defined: stored at {at}"));
        }
        self.mark(pos);
        let body = self.body(&b.body, &[]);
        self.ptr.truncate(len);
        cur.insert(key, body);
    }

    /// `base` if it is free in `map` (or holds a value that `fits`), else `"base (n)"`.
    fn free_key(&mut self, map: &Map<String, Value>, base: &str, fits: fn(&Value) -> bool) -> String {
        if map.get(base).is_none_or(fits) {
            return base.to_owned();
        }
        let len = self.push(base);
        let id = self.ptr.clone();
        self.ptr.truncate(len);
        let n = self.next_suffix.entry(id).or_insert(2);
        loop {
            let key = format!("{base} ({n})");
            *n += 1;
            if map.get(&key).is_none_or(fits) {
                return key;
            }
        }
    }

    fn expr(&mut self, e: &Expression) -> Value {
        self.mark(self.pos(e.span()));
        match e {
            Expression::Null(_) => Value::Null,
            Expression::Bool(b) => Value::Bool(*b.value()),
            Expression::Number(n) => number(n.value()),
            Expression::String(s) => Value::String(s.value().clone()),
            Expression::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, el) in a.iter().enumerate() {
                    let len = self.push_index(i);
                    out.push(self.expr(el));
                    self.ptr.truncate(len);
                }
                Value::Array(out)
            }
            Expression::Object(o) => {
                let mut map = Map::with_capacity(o.len());
                for (k, v) in o.iter() {
                    let key = self.object_key(k);
                    let pos = self.pos(k.span());
                    if map.contains_key(&key) {
                        self.warn(pos, format!("duplicate object key \"{key}\": the first is kept"));
                        continue;
                    }
                    let len = self.push(&key);
                    self.mark(pos);
                    let value = self.expr(v.expr());
                    self.ptr.truncate(len);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            Expression::StringTemplate(t) => Value::String(self.template(t, e)),
            Expression::HeredocTemplate(h) => Value::String(self.template(&h.template, e)),
            Expression::Parenthesis(p) => self.expr(p.inner()),
            Expression::FuncCall(f) if is_jsonencode(f) => match f.args.iter().next() {
                Some(arg) if f.args.len() == 1 => self.expr(arg),
                _ => Value::String(self.source(e)),
            },
            _ => Value::String(self.source(e)),
        }
    }

    fn object_key(&self, k: &ObjectKey) -> String {
        match k {
            ObjectKey::Ident(id) => id.as_str().to_owned(),
            ObjectKey::Expression(Expression::String(s)) => s.value().clone(),
            ObjectKey::Expression(e) => self.source(e),
        }
    }

    /// A template's text: literals as written (unescaped), interpolations and directives as
    /// their source (`${var.env}-bucket`).
    fn template(&self, t: &Template, whole: &Expression) -> String {
        let mut out = String::new();
        for el in t.iter() {
            match el {
                Element::Literal(s) => out.push_str(s),
                other => match other.span().and_then(|r| self.text.get(r)) {
                    Some(src) => out.push_str(src),
                    None => return self.source(whole),
                },
            }
        }
        out
    }

    /// The trimmed source text of an expression (its canonical rendering if the span is missing).
    fn source(&self, e: &Expression) -> String {
        match e.span().and_then(|r| self.text.get(r)) {
            Some(src) => src.trim().to_owned(),
            None => e.to_string().trim().to_owned(),
        }
    }
}

fn is_jsonencode(f: &FuncCall) -> bool {
    !f.name.is_namespaced() && f.name.name.as_str() == "jsonencode"
}

fn number(n: &Number) -> Value {
    if n.is_f64() {
        return n.as_f64().and_then(serde_json::Number::from_f64).map_or(Value::Null, Value::Number);
    }
    match (n.as_i64(), n.as_u64()) {
        (Some(i), _) => Value::from(i),
        (None, Some(u)) => Value::from(u),
        (None, None) => Value::Null,
    }
}

/// Policies written as heredocs or plain JSON strings (`policy = <<EOF {...} EOF`) are parsed, so
/// rules see the same object as for `jsonencode({...})`. Only for attributes that hold JSON
/// documents by convention; anything that does not parse stays the string it was.
fn embedded_json(key: &str, value: Value) -> Value {
    let holds_json =
        key.contains("policy") || key == "event_pattern" || key.ends_with("_document") || key == "definition";
    match &value {
        Value::String(s) if holds_json && s.trim_start().starts_with('{') && s.trim_end().ends_with('}') => {
            match serde_json::from_str::<Value>(s.trim()) {
                Ok(v @ Value::Object(_)) => v,
                _ => value,
            }
        }
        _ => value,
    }
}

#[cfg(test)]
#[path = "hcl_tests.rs"]
mod tests;
