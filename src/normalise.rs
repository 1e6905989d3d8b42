//! Normalisation of a format's alternative spellings onto the one tree rules are written for, so a
//! rule cannot silently pass because a config used the other syntax. Today: Fluent Bit's YAML form
//! (`pipeline: {inputs, filters, outputs}`) onto the classic tree (`inputs`, `filters`, `outputs`,
//! `service`) with lowercase keys, as the classic parser produces.

use crate::document::SpanIndex;
use crate::kind::Kind;
use serde_json::{Map, Value};

fn lowercase_keys(v: &Value) -> Value {
    match v {
        Value::Object(m) => Value::Object(m.iter().map(|(k, v)| (k.to_ascii_lowercase(), lowercase_keys(v))).collect()),
        Value::Array(items) => Value::Array(items.iter().map(lowercase_keys).collect()),
        other => other.clone(),
    }
}

/// Rewrite `tree` (and alias `spans`) for `kind` when it uses an alternative form.
pub fn normalise(kind: Kind, tree: &mut Value, spans: &mut SpanIndex) {
    if kind != Kind::FluentBit {
        return;
    }
    let Some(pipeline) = tree.get("pipeline").and_then(Value::as_object).cloned() else { return };
    let Value::Object(root) = tree else { return };
    let mut out = Map::new();
    for section in ["inputs", "filters", "outputs"] {
        let items = pipeline.get(section).map(lowercase_keys).unwrap_or(Value::Array(Vec::new()));
        out.insert(section.to_string(), items);
        spans.alias_prefix(&format!("/pipeline/{section}"), &format!("/{section}"));
    }
    out.insert("service".into(), root.get("service").map(lowercase_keys).unwrap_or(Value::Null));
    out.insert("parsers".into(), root.get("parsers").map(lowercase_keys).unwrap_or(Value::Array(Vec::new())));
    out.insert("includes".into(), root.get("includes").cloned().unwrap_or(Value::Array(Vec::new())));
    // Keep the YAML form reachable too, for rules that want it.
    out.insert("pipeline".into(), Value::Object(pipeline));
    *root = out;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Pos;
    use serde_json::json;

    #[test]
    fn fluent_bit_yaml_becomes_the_classic_tree() {
        let mut tree = json!({"service": {"Flush": 1}, "pipeline": {"outputs": [{"name": "forward", "Host": "logs", "tls": "on", "tls.verify": "off"}]}});
        let mut spans = SpanIndex::new();
        spans.insert("/pipeline/outputs/0".into(), Pos { line: 4, column: 7 });
        spans.insert("/pipeline/outputs/0/tls.verify".into(), Pos { line: 8, column: 9 });
        normalise(Kind::FluentBit, &mut tree, &mut spans);
        assert_eq!(tree["outputs"][0]["host"], "logs");
        assert_eq!(tree["outputs"][0]["tls.verify"], "off");
        assert_eq!(tree["service"]["flush"], 1);
        assert_eq!(spans.exact("/outputs/0/tls.verify").map(|p| p.line), Some(8));
    }
}
