//! JSON files (IAM policies, Okta exports, Kubernetes manifests written as JSON) → one tree with
//! a position for every node. `jsonc-parser` runs with every JSON5/JSONC extension switched off,
//! so what we accept is what `JSON.parse` accepts (plus a leading UTF-8 BOM). Its AST carries byte
//! ranges; we turn those into line:column with one [`LineIndex`]. The parser recurses, so a
//! byte pre-scan rejects anything nested deeper than [`MAX_DEPTH`] before it runs.
//! Duplicate object keys: the last value wins (as in `JSON.parse`, Go and serde), with a warning.

use super::{ParseOutput, ParseProblem, ParsedDoc};
use crate::document::{escape_token, LineIndex, Pos, SpanIndex};
use jsonc_parser::ast::{self, ObjectPropName};
use jsonc_parser::common::Ranged;
use jsonc_parser::{parse_to_ast, CollectOptions, ParseOptions};
use serde_json::{Map, Number, Value};
use std::collections::HashMap;
use std::fmt::Write as _;

/// Deepest array/object nesting we accept.
pub const MAX_DEPTH: usize = 512;

/// Parse one JSON text.
pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_matches([' ', '\t', '\r', '\n']).is_empty() {
        return ParseOutput::failed(ParseProblem::whole("empty file"));
    }
    let lines = LineIndex::new(text);
    if let Some(offset) = depth_exceeded(text.as_bytes(), MAX_DEPTH) {
        let p = lines.pos(offset);
        return ParseOutput::failed(ParseProblem::at(
            p.line,
            p.column,
            format!("JSON nesting depth exceeds {MAX_DEPTH}"),
        ));
    }
    let value = match parse_to_ast(text, &CollectOptions::default(), &strict()) {
        Ok(result) => result.value,
        Err(e) => {
            let p = lines.pos(e.range().start);
            let msg = format!("JSON syntax error: {}", e.kind());
            return ParseOutput::failed(ParseProblem::at(p.line, p.column, msg));
        }
    };
    let Some(value) = value else {
        return ParseOutput::failed(ParseProblem::whole("empty file"));
    };
    let mut b = Builder { lines: &lines, spans: SpanIndex::new(), ptr: String::new(), warnings: Vec::new() };
    let tree = b.value(value);
    ParseOutput { documents: vec![ParsedDoc { tree, spans: b.spans }], problems: Vec::new(), warnings: b.warnings }
}

/// Strict RFC 8259: every extension off. Listed field by field so a new option fails to compile.
fn strict() -> ParseOptions {
    ParseOptions {
        allow_comments: false,
        allow_loose_object_property_names: false,
        allow_trailing_commas: false,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

/// Byte offset of the first `[`/`{` that opens level `max + 1`, ignoring brackets inside strings.
fn depth_exceeded(bytes: &[u8], max: usize) -> Option<usize> {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for (i, &b) in bytes.iter().enumerate() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Some(i);
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

struct Builder<'a> {
    lines: &'a LineIndex,
    spans: SpanIndex,
    /// Pointer of the node being converted; children push a token and truncate it back.
    ptr: String,
    warnings: Vec<ParseProblem>,
}

impl Builder<'_> {
    fn pos(&self, offset: usize) -> Pos {
        self.lines.pos(offset)
    }

    fn value(&mut self, v: ast::Value<'_>) -> Value {
        self.spans.insert(self.ptr.clone(), self.pos(v.start()));
        match v {
            ast::Value::StringLit(s) => Value::String(s.value.into_owned()),
            ast::Value::NumberLit(n) => number(n.value),
            ast::Value::BooleanLit(b) => Value::Bool(b.value),
            ast::Value::NullKeyword(_) => Value::Null,
            ast::Value::Array(a) => {
                let mut out = Vec::with_capacity(a.elements.len());
                for (i, el) in a.elements.into_iter().enumerate() {
                    let len = self.ptr.len();
                    let _ = write!(self.ptr, "/{i}");
                    out.push(self.value(el));
                    self.ptr.truncate(len);
                }
                Value::Array(out)
            }
            ast::Value::Object(o) => self.object(o),
        }
    }

    fn object(&mut self, o: ast::Object<'_>) -> Value {
        let shadowed = self.shadowed(&o.properties);
        let mut out = Map::with_capacity(o.properties.len());
        for (i, prop) in o.properties.into_iter().enumerate() {
            let name = match prop.name {
                ObjectPropName::String(s) => s.value.into_owned(),
                ObjectPropName::Word(w) => w.value.to_owned(),
            };
            if let Some(&later) = shadowed.get(&i) {
                let p = self.pos(prop.range.start);
                let again = self.pos(later).line;
                let msg = format!("duplicate key \"{name}\" (again at line {again}): the last value is used");
                self.warnings.push(ParseProblem::at(p.line, p.column, msg));
                continue;
            }
            let len = self.ptr.len();
            self.ptr.push('/');
            self.ptr.push_str(&escape_token(&name));
            self.spans.insert(self.ptr.clone(), self.pos(prop.range.start));
            let v = self.value(prop.value);
            self.ptr.truncate(len);
            out.insert(name, v);
        }
        Value::Object(out)
    }

    /// Indices of properties overridden by a later property with the same name → that one's start.
    fn shadowed(&self, props: &[ast::ObjectProp<'_>]) -> HashMap<usize, usize> {
        let mut shadowed = HashMap::new();
        if props.len() < 2 {
            return shadowed;
        }
        let mut last: HashMap<&str, usize> = HashMap::with_capacity(props.len());
        for (i, prop) in props.iter().enumerate() {
            let name = match &prop.name {
                ObjectPropName::String(s) => s.value.as_ref(),
                ObjectPropName::Word(w) => w.value,
            };
            if let Some(prev) = last.insert(name, i) {
                shadowed.insert(prev, prop.range.start);
            }
        }
        shadowed
    }
}

/// A JSON number: i64, then u64, then f64. Integers too large for 64 bits and floats out of
/// f64 range stay strings rather than silently losing precision.
fn number(text: &str) -> Value {
    if let Ok(i) = text.parse::<i64>() {
        return Value::from(i);
    }
    if let Ok(u) = text.parse::<u64>() {
        return Value::from(u);
    }
    let is_integer = !text.contains(['.', 'e', 'E']);
    match text.parse::<f64>().ok().and_then(Number::from_f64) {
        Some(n) if !is_integer => Value::Number(n),
        _ => Value::String(text.to_owned()),
    }
}

#[cfg(test)]
#[path = "json_tests.rs"]
pub(crate) mod tests;
