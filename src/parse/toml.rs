//! TOML files (Vector's `vector.toml`) → one tree with a position for every node. `toml_edit`'s
//! immutable `Document` keeps byte spans for keys and values; we cite the key's line for a
//! `key = value` entry (where a reader looks) and the header line for a `[table]`.
//! Datetimes become strings in their TOML spelling; integers and floats become JSON numbers
//! (non-finite floats, which JSON cannot hold, become their TOML spelling as a string).

use super::{ParseOutput, ParseProblem, ParsedDoc};
use crate::document::{escape_token, LineIndex, SpanIndex};
use serde_json::{Map, Number, Value};
use toml_edit::{Document, Item, Key, Table};

/// Parse one TOML text.
pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return ParseOutput::failed(ParseProblem::whole("empty file"));
    }
    let lines = LineIndex::new(text);
    let doc = match Document::parse(text) {
        Ok(doc) => doc,
        Err(e) => {
            let message = format!("TOML syntax error: {}", e.message().trim_end());
            return ParseOutput::failed(match e.span() {
                Some(span) => {
                    let p = lines.pos(span.start);
                    ParseProblem::at(p.line, p.column, message)
                }
                None => ParseProblem::whole(message),
            });
        }
    };
    let mut b = Builder { lines: &lines, spans: SpanIndex::new(), ptr: String::new() };
    let tree = b.table(doc.as_table());
    ParseOutput::single(ParsedDoc { tree, spans: b.spans })
}

struct Builder<'a> {
    lines: &'a LineIndex,
    spans: SpanIndex,
    /// Pointer of the node being converted; children push a token and truncate it back.
    ptr: String,
}

impl Builder<'_> {
    fn mark(&mut self, span: Option<std::ops::Range<usize>>) {
        if let Some(span) = span {
            let pos = self.lines.pos(span.start);
            self.spans.insert(self.ptr.clone(), pos);
        }
    }

    fn child<T>(&mut self, token: &str, f: impl FnOnce(&mut Self) -> T) -> T {
        let len = self.ptr.len();
        self.ptr.push('/');
        self.ptr.push_str(&escape_token(token));
        let out = f(self);
        self.ptr.truncate(len);
        out
    }

    fn table(&mut self, t: &Table) -> Value {
        self.mark(t.span());
        let mut out = Map::with_capacity(t.len());
        for (name, item) in t.iter() {
            let key = t.key(name);
            let value = self.child(name, |b| {
                // A key's own span is where `name = …` or `[parent.name]` is written. Implicit
                // tables (`[a.b]` creates `a`) have none; their children's positions stand in.
                b.mark(key.and_then(Key::span));
                b.item(item)
            });
            out.insert(name.to_string(), value);
        }
        Value::Object(out)
    }

    fn item(&mut self, item: &Item) -> Value {
        match item {
            Item::None => Value::Null,
            Item::Value(v) => self.value(v),
            Item::Table(t) => self.table(t),
            Item::ArrayOfTables(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, t) in a.iter().enumerate() {
                    out.push(self.child(&i.to_string(), |b| b.table(t)));
                }
                Value::Array(out)
            }
        }
    }

    fn value(&mut self, v: &toml_edit::Value) -> Value {
        use toml_edit::Value as V;
        self.mark(v.span());
        match v {
            V::String(s) => Value::String(s.value().clone()),
            V::Integer(i) => Value::Number((*i.value()).into()),
            V::Float(f) => {
                Number::from_f64(*f.value()).map_or_else(|| Value::String(f.value().to_string()), Value::Number)
            }
            V::Boolean(b) => Value::Bool(*b.value()),
            V::Datetime(d) => Value::String(d.value().to_string()),
            V::Array(a) => {
                let mut out = Vec::with_capacity(a.len());
                for (i, el) in a.iter().enumerate() {
                    out.push(self.child(&i.to_string(), |b| b.value(el)));
                }
                Value::Array(out)
            }
            V::InlineTable(t) => {
                let mut out = Map::with_capacity(t.len());
                for (name, el) in t.iter() {
                    let key = t.key(name);
                    let value = self.child(name, |b| {
                        b.mark(key.and_then(Key::span));
                        b.value(el)
                    });
                    out.insert(name.to_string(), value);
                }
                Value::Object(out)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line_of(out: &ParseOutput, pointer: &str) -> Option<u32> {
        out.documents[0].spans.exact(pointer).map(|p| p.line)
    }

    #[test]
    fn vector_config_becomes_a_tree_with_key_lines() {
        let text = "\
# Vector ships auth logs to the SIEM
[sources.auth]
type = \"file\"
include = [\"/var/log/auth.log\"]

[sinks.siem]
type = \"http\"
inputs = [\"auth\"]
uri = \"https://siem.example.com/ingest\"
tls.verify_certificate = true
buffer = { type = \"disk\", max_size = 268435488, when_full = \"block\" }
";
        let out = parse(text);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let tree = &out.documents[0].tree;
        assert_eq!(tree["sources"]["auth"]["include"][0], "/var/log/auth.log");
        assert_eq!(tree["sinks"]["siem"]["tls"]["verify_certificate"], true);
        assert_eq!(tree["sinks"]["siem"]["buffer"]["max_size"], 268_435_488);
        assert_eq!(line_of(&out, "/sources/auth"), Some(2));
        assert_eq!(line_of(&out, "/sinks/siem/uri"), Some(9));
        assert_eq!(line_of(&out, "/sinks/siem/tls/verify_certificate"), Some(10));
        assert_eq!(line_of(&out, "/sinks/siem/buffer/when_full"), Some(11));
    }

    #[test]
    fn arrays_of_tables_and_datetimes() {
        let out = parse("[[rule]]\nname = \"a\"\nat = 2026-01-02T03:04:05Z\n\n[[rule]]\nname = \"b\"\n");
        let tree = &out.documents[0].tree;
        assert_eq!(tree["rule"][1]["name"], "b");
        assert_eq!(tree["rule"][0]["at"], "2026-01-02T03:04:05Z");
        assert_eq!(line_of(&out, "/rule/1/name"), Some(6));
    }

    #[test]
    fn syntax_errors_are_located() {
        let out = parse("[sinks.out]\ntype = \"http\"\nuri = \n");
        assert!(out.documents.is_empty());
        let p = &out.problems[0];
        assert_eq!(p.line, Some(3), "{p:?}");
        assert!(p.message.starts_with("TOML syntax error"), "{}", p.message);
    }

    #[test]
    fn duplicate_keys_are_errors_not_silent_overrides() {
        let out = parse("a = 1\na = 2\n");
        assert!(out.documents.is_empty());
        assert_eq!(out.problems[0].line, Some(2), "{:?}", out.problems);
    }

    #[test]
    fn empty_and_non_finite() {
        assert_eq!(parse("  \n").problems[0].message, "empty file");
        let out = parse("x = nan\ny = inf\n");
        assert_eq!(out.documents[0].tree["x"], "NaN");
        assert_eq!(out.documents[0].tree["y"], "inf");
    }
}
