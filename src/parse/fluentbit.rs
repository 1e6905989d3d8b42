//! Fluent Bit classic configuration (`fluent-bit.conf`, INI-like `[SECTION]` + `Key Value`) → one
//! tree grouped by section kind, so a rule can ask "is every `[OUTPUT]` TLS-verified" directly.
//! Keys are case-insensitive (lowercase here); a key repeated within a section (several `Rule` or
//! `Add` in a filter) becomes an array in order. `@INCLUDE` is recorded, not followed; `@SET`
//! variables are recorded, not substituted. The YAML format is parsed as YAML, not here.
//!
//! Tree: `{"service": {..} | null, "inputs": [..], "filters": [..], "outputs": [..],
//! "parsers": [..], "other": [{"section": "UPSTREAM", ..}], "includes": [path], "set": {k: v}}`.

use super::line_format::{finish, statements, warn};
use super::ParseOutput;
use crate::document::{push_pointer, Pos, SpanIndex};
use serde_json::{json, Map, Value};

/// Section name → key of the list it goes to.
const LISTS: [(&str, &str); 4] =
    [("INPUT", "inputs"), ("FILTER", "filters"), ("OUTPUT", "outputs"), ("PARSER", "parsers")];

/// Where `Key Value` lines currently go.
enum Current {
    Nowhere,
    /// After a malformed header: entries are dropped (one warning was given for the header).
    Ignored,
    /// The section object at this pointer.
    At(String),
}

pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut tree = json!({
        "service": null, "inputs": [], "filters": [], "outputs": [], "parsers": [], "other": [], "includes": [], "set": {}
    });
    let mut spans = SpanIndex::new();
    let mut warnings = Vec::new();
    let mut understood = 0usize;
    let mut current = Current::Nowhere;

    for (at, body) in statements(text) {
        let (word, rest) = body.split_once(char::is_whitespace).unwrap_or((body, ""));
        let rest = rest.trim();
        if let Some(header) = body.strip_prefix('[') {
            let header = header.split('#').next().unwrap_or(header).trim_end();
            let Some(name) = header.strip_suffix(']').map(|h| h.trim().to_ascii_uppercase()) else {
                warnings.push(warn(at, "malformed section header: entries up to the next section are ignored"));
                current = Current::Ignored;
                continue;
            };
            understood += 1;
            current = Current::At(open_section(&mut tree, &name));
            if let Current::At(ptr) = &current {
                spans.insert(ptr.clone(), at);
                if ptr.starts_with("/other/") {
                    spans.insert(format!("{ptr}/section"), at);
                }
            }
        } else if word.eq_ignore_ascii_case("@include") {
            understood += 1;
            push(&mut tree, "includes", Value::String(rest.to_string()), at, &mut spans);
            warnings
                .push(warn(at, format!("@INCLUDE {rest} not followed: its sections are not part of this assessment")));
        } else if word.eq_ignore_ascii_case("@set") {
            match rest.split_once('=') {
                Some((k, v)) if !k.trim().is_empty() => {
                    understood += 1;
                    spans.insert(push_pointer("/set", k.trim()), at);
                    if let Some(set) = tree.get_mut("set").and_then(Value::as_object_mut) {
                        set.insert(k.trim().to_string(), Value::String(v.trim().to_string()));
                    }
                }
                _ => warnings.push(warn(at, "@SET without `name=value`: ignored")),
            }
        } else if word.starts_with('@') {
            warnings.push(warn(at, format!("unknown directive {word}: ignored")));
        } else if rest.is_empty() {
            warnings.push(warn(at, format!("{word} has no value: ignored")));
        } else {
            match &current {
                Current::At(ptr) => {
                    understood += 1;
                    add_entry(&mut tree, ptr, &word.to_ascii_lowercase(), rest, at, &mut spans);
                }
                Current::Nowhere => {
                    warnings.push(warn(at, "entry outside of any [SECTION]: ignored"));
                }
                Current::Ignored => {}
            }
        }
    }
    finish("Fluent Bit", tree, spans, warnings, understood)
}

/// Start (or for `[SERVICE]`, continue) a section; returns its pointer.
fn open_section(tree: &mut Value, name: &str) -> String {
    if name == "SERVICE" {
        if let Some(service) = tree.get_mut("service").filter(|s| s.is_null()) {
            *service = json!({});
        }
        return "/service".into();
    }
    let (list, section) = match LISTS.iter().find(|(s, _)| *s == name) {
        Some((_, list)) => (*list, Map::new()),
        None => ("other", Map::from_iter([("section".to_string(), Value::String(name.to_string()))])),
    };
    let items = tree.get_mut(list).and_then(Value::as_array_mut);
    let n = items.map_or(0, |items| {
        items.push(Value::Object(section));
        items.len() - 1
    });
    format!("/{list}/{n}")
}

fn push(tree: &mut Value, list: &str, value: Value, at: Pos, spans: &mut SpanIndex) {
    if let Some(items) = tree.get_mut(list).and_then(Value::as_array_mut) {
        spans.insert(format!("/{list}/{}", items.len()), at);
        items.push(value);
    }
}

/// Add `key value` to the section at `ptr`; a repeated key turns into an array.
fn add_entry(tree: &mut Value, ptr: &str, key: &str, value: &str, at: Pos, spans: &mut SpanIndex) {
    let Some(section) = tree.pointer_mut(ptr).and_then(Value::as_object_mut) else {
        return;
    };
    let key_ptr = push_pointer(ptr, key);
    let value = Value::String(value.to_string());
    match section.get_mut(key) {
        None => {
            spans.insert(key_ptr, at);
            section.insert(key.to_string(), value);
        }
        Some(Value::Array(items)) => {
            spans.insert(format!("{key_ptr}/{}", items.len()), at);
            items.push(value);
        }
        Some(first) => {
            if let Some(first_at) = spans.exact(&key_ptr) {
                spans.insert(format!("{key_ptr}/0"), first_at);
            }
            spans.insert(format!("{key_ptr}/1"), at);
            *first = Value::Array(vec![first.take(), value]);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::line_format::snapshot_view;
    use super::*;

    fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
        super::super::line_format::single_doc(parse(text))
    }

    #[test]
    fn sections_group_by_kind_and_repeated_keys_become_arrays() {
        let text = "[SERVICE]\r\n    Flush 1\r\n[input]\r\n    Name tail\r\n    Path /var/log/auth.log  \r\n\
            [FILTER]\r\n    Name modify\r\n    Add a 1\r\n    ADD b 2\r\n    add c 3\r\n\
            [OUTPUT]\r\n    Name  forward\r\n    Match *\r\n    tls   on\r\n    tls.verify on\r\n[Upstream]\r\n    name up\r\n";
        let (t, spans, w) = doc(text);
        assert!(w.is_empty(), "{w:?}");
        assert_eq!(t["service"], json!({"flush": "1"}));
        assert_eq!(t["inputs"][0], json!({"name": "tail", "path": "/var/log/auth.log"}));
        assert_eq!(t["filters"][0]["add"], json!(["a 1", "b 2", "c 3"]));
        assert_eq!(t["outputs"][0], json!({"name": "forward", "match": "*", "tls": "on", "tls.verify": "on"}));
        assert_eq!(t["other"][0], json!({"section": "UPSTREAM", "name": "up"}));
        assert_eq!(spans.exact("/outputs/0"), Some(Pos { line: 11, column: 1 }));
        assert_eq!(spans.exact("/outputs/0/tls.verify"), Some(Pos { line: 15, column: 5 }));
        assert_eq!(spans.exact("/filters/0/add/0").map(|p| p.line), Some(8));
        assert_eq!(spans.exact("/filters/0/add/2").map(|p| p.line), Some(10));
    }

    #[test]
    fn garbage_gives_warnings_not_panics() {
        let long = format!("[OUTPUT]\n  Name {}\n", "x".repeat(100_000));
        let (t, _, _) = doc(&long);
        assert_eq!(t["outputs"][0]["name"].as_str().map(str::len), Some(100_000));
        let text = "Name orphan\n[OUTPUT\n  Name dropped\n[INPUT]\n  Name \"unterminated\n  Tag\n\u{0}\u{1}\u{fffd}\n@SET novalue\n@BOGUS x\n";
        let (t, _, w) = doc(text);
        assert_eq!(t["outputs"], json!([]));
        assert_eq!(t["inputs"][0], json!({"name": "\"unterminated"}));
        assert_eq!(w.iter().filter_map(|w| w.line).collect::<Vec<_>>(), vec![1, 2, 6, 7, 8, 9], "{w:?}");
        assert!(parse("\u{7f}ELF\u{0}\u{0}\u{2}\n").documents.is_empty());
    }

    #[test]
    fn fixture_snapshot() {
        let out = parse(include_str!("../../fixtures/parse/fluent-bit/fluent-bit.conf"));
        insta::assert_yaml_snapshot!("fluentbit_fixture", snapshot_view(&out));
    }
}
