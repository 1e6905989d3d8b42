use super::*;
use std::collections::BTreeMap;

/// Snapshot form shared by the YAML/JSON/HCL tests: each document's tree, the position of
/// every node sorted by pointer (`?` when missing), then problems and warnings.
pub(crate) fn view(out: &ParseOutput) -> Value {
    let docs: Vec<Value> = out
        .documents
        .iter()
        .map(|d| {
            let mut spans = BTreeMap::new();
            walk(&d.tree, &mut String::new(), &d.spans, &mut spans);
            serde_json::json!({ "tree": d.tree, "spans": spans })
        })
        .collect();
    let text = |ps: &[ParseProblem]| -> Vec<String> {
        ps.iter().map(|p| format!("{}:{}: {}", p.line.unwrap_or(0), p.column.unwrap_or(0), p.message)).collect()
    };
    serde_json::json!({ "documents": docs, "problems": text(&out.problems), "warnings": text(&out.warnings) })
}

/// Pointers of nodes without a recorded position.
pub(crate) fn missing(out: &ParseOutput) -> Vec<String> {
    let mut spans = BTreeMap::new();
    for d in &out.documents {
        walk(&d.tree, &mut String::new(), &d.spans, &mut spans);
    }
    spans.into_iter().filter(|(_, pos)| pos == "?").map(|(p, _)| p).collect()
}

fn walk(v: &Value, ptr: &mut String, spans: &SpanIndex, out: &mut BTreeMap<String, String>) {
    let pos = spans.exact(ptr).map_or_else(|| "?".to_owned(), |p| format!("{}:{}", p.line, p.column));
    out.insert(ptr.clone(), pos);
    let len = ptr.len();
    match v {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                let _ = write!(ptr, "/{i}");
                walk(item, ptr, spans, out);
                ptr.truncate(len);
            }
        }
        Value::Object(map) => {
            for (k, item) in map {
                ptr.push('/');
                ptr.push_str(&escape_token(k));
                walk(item, ptr, spans, out);
                ptr.truncate(len);
            }
        }
        _ => {}
    }
}

pub(crate) fn line(out: &ParseOutput, doc: usize, pointer: &str) -> Option<u32> {
    out.documents.get(doc)?.spans.exact(pointer).map(|p| p.line)
}

/// Assert that each pointer of document `doc` starts on the given line.
pub(crate) fn assert_lines(out: &ParseOutput, doc: usize, expected: &[(&str, u32)]) {
    let actual: Vec<_> = expected.iter().map(|(p, _)| (*p, line(out, doc, p))).collect();
    let want: Vec<_> = expected.iter().map(|(p, l)| (*p, Some(*l))).collect();
    assert_eq!(actual, want);
}

#[test]
fn iam_policy_tree_and_positions() {
    let out = parse(include_str!("../../fixtures/parse/json/iam-policy.json"));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let tree = &out.documents[0].tree;
    assert_eq!(tree["Statement"][0]["Action"], "*");
    assert_eq!(tree["Statement"][1]["Condition"]["Bool"]["aws:MultiFactorAuthPresent"], true);
    assert_eq!(tree["Statement"][1]["Condition"]["NumericLessThan"]["big"], "18446744073709551616");
    assert_eq!(tree["Sid"], "last wins");
    let keys: Vec<&String> = tree.as_object().map(|m| m.keys().collect()).unwrap_or_default();
    assert_eq!(keys, ["Version", "Statement", "Sid", "nothing"], "key order is kept");
    assert_eq!(line(&out, 0, ""), Some(1));
    assert_eq!(line(&out, 0, "/Statement/0/Action"), Some(7));
    assert_eq!(line(&out, 0, "/Statement/1/Action/1"), Some(13));
    assert_eq!(line(&out, 0, "/Statement/1/Resource"), Some(14));
    assert_eq!(line(&out, 0, "/Sid"), Some(22), "the surviving duplicate");
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].line, Some(21));
    assert!(missing(&out).is_empty());
    insta::assert_yaml_snapshot!("iam_policy", view(&out));
}

#[test]
fn malformed_json_reports_position() {
    let out = parse(include_str!("../../fixtures/parse/json/malformed.json"));
    assert!(out.documents.is_empty());
    assert_eq!(out.problems.len(), 1);
    assert_eq!((out.problems[0].line, out.problems[0].column), (Some(4), Some(38)));
    assert!(out.problems[0].message.contains("Trailing comma"), "{}", out.problems[0].message);
    for bad in ["{\"a\": 1} // c", "{'a': 1}", "[1,]", "{a: 1}", "[NaN]", "[0x10]", "[1 2]", "[1] [2]"] {
        let out = parse(bad);
        assert!(out.documents.is_empty() && out.problems.len() == 1, "accepted {bad}");
        assert!(out.problems[0].line.is_some());
    }
}

#[test]
fn bom_and_empty() {
    let out = parse(include_str!("../../fixtures/parse/json/bom.json"));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.documents[0].tree["Version"], "2012-10-17");
    assert_eq!(out.documents[0].spans.exact(""), Some(Pos { line: 1, column: 1 }));
    assert_eq!(line(&out, 0, "/Statement"), Some(3));
    for empty in ["", "  \n\t", "\u{feff}"] {
        let out = parse(empty);
        assert_eq!(out.problems, vec![ParseProblem::whole("empty file")]);
    }
}

#[test]
fn deep_nesting_is_rejected_without_recursion() {
    let deep = "[".repeat(200_000) + &"]".repeat(200_000);
    let out = parse(&deep);
    assert!(out.documents.is_empty());
    assert_eq!(out.problems, vec![ParseProblem::at(1, 513, "JSON nesting depth exceeds 512")]);
    // Brackets inside strings do not count; 512 levels are fine.
    let ok = format!("{}\"[[[{{\\\"\"{}", "[".repeat(512), "]".repeat(512));
    let out = parse(&ok);
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn numbers_and_scalars() {
    let out = parse(r#"[0, -1, 1.5, 1e2, 18446744073709551615, -9223372036854775809, 1e400, "\u00e9\n", true, null]"#);
    let tree = &out.documents[0].tree;
    assert_eq!(tree[4], serde_json::json!(18_446_744_073_709_551_615u64));
    assert_eq!(tree[5], "-9223372036854775809");
    assert_eq!(tree[6], "1e400");
    assert_eq!(tree[3], serde_json::json!(100.0));
    assert_eq!(tree[7], "é\n");
    assert_eq!(line(&out, 0, "/9"), Some(1));
}
