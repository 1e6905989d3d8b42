//! Helpers shared by the line-oriented parsers (sshd, sudoers, pg_hba, postgresql.conf, Fluent Bit,
//! rsyslog): positions, warnings, and wrapping the one tree each builds.

use super::{ParseOutput, ParseProblem, ParsedDoc};
#[cfg(test)]
use crate::document::push_pointer;
use crate::document::{Pos, SpanIndex};
use serde_json::Value;

/// Warnings kept per file; the rest are counted in one last warning.
const MAX_WARNINGS: usize = 100;

/// The 1-based position of a 0-based line index and byte column.
pub(super) fn pos(line: usize, column: usize) -> Pos {
    let one_based = |n: usize| u32::try_from(n.saturating_add(1)).unwrap_or(u32::MAX);
    Pos { line: one_based(line), column: one_based(column) }
}

/// The statements of a line-oriented config: every line that is neither blank nor a `#` comment,
/// trimmed, with the position where its text starts.
pub(super) fn statements(text: &str) -> impl Iterator<Item = (Pos, &str)> {
    text.lines().enumerate().filter_map(|(n, raw)| {
        let line = raw.trim_end();
        let body = line.trim_start();
        (!body.is_empty() && !body.starts_with('#')).then(|| (pos(n, line.len() - body.len()), body))
    })
}

pub(super) fn warn(at: Pos, message: impl Into<String>) -> ParseProblem {
    ParseProblem::at(at.line, at.column, message)
}

/// Wrap the one tree a line-oriented parser builds. Warnings are sorted by position and capped.
/// A file with content of which no statement was understood is not this format at all: it gets a
/// problem and no document.
pub(super) fn finish(
    format: &str,
    tree: Value,
    spans: SpanIndex,
    mut warnings: Vec<ParseProblem>,
    understood: usize,
) -> ParseOutput {
    warnings.sort_by_key(|w| (w.line, w.column));
    let total = warnings.len();
    if total > MAX_WARNINGS {
        warnings.truncate(MAX_WARNINGS);
        warnings.push(ParseProblem::whole(format!("{} more warnings not shown", total - MAX_WARNINGS)));
    }
    if understood == 0 && total > 0 {
        let problem = ParseProblem::whole(format!("not a {format} file: none of its {total} statements could be read"));
        return ParseOutput { documents: Vec::new(), problems: vec![problem], warnings };
    }
    ParseOutput { documents: vec![ParsedDoc { tree, spans }], problems: Vec::new(), warnings }
}

/// Test helper for the snapshot tests of every line-oriented parser: the tree, each node's span
/// (sorted by pointer, `line:column`), the warnings and problems.
#[cfg(test)]
pub(super) fn snapshot_view(out: &ParseOutput) -> Value {
    fn walk(v: &Value, ptr: &str, spans: &SpanIndex, acc: &mut std::collections::BTreeMap<String, String>) {
        if let Some(p) = spans.exact(ptr) {
            acc.insert(if ptr.is_empty() { "/".into() } else { ptr.to_string() }, format!("{}:{}", p.line, p.column));
        }
        match v {
            Value::Object(m) => m.iter().for_each(|(k, c)| walk(c, &push_pointer(ptr, k), spans, acc)),
            Value::Array(a) => a.iter().enumerate().for_each(|(i, c)| walk(c, &format!("{ptr}/{i}"), spans, acc)),
            _ => {}
        }
    }
    let show = |ps: &[ParseProblem]| -> Vec<String> {
        ps.iter().map(|p| format!("{}:{} {}", p.line.unwrap_or(0), p.column.unwrap_or(0), p.message)).collect()
    };
    let docs: Vec<Value> = out
        .documents
        .iter()
        .map(|d| {
            let mut spans = std::collections::BTreeMap::new();
            walk(&d.tree, "", &d.spans, &mut spans);
            serde_json::json!({ "tree": d.tree, "spans": spans })
        })
        .collect();
    serde_json::json!({ "documents": docs, "warnings": show(&out.warnings), "problems": show(&out.problems) })
}

/// Test helper: the one document of a parse that must have no problems, with its warnings.
#[cfg(test)]
pub(super) fn single_doc(out: ParseOutput) -> (Value, SpanIndex, Vec<ParseProblem>) {
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let warnings = out.warnings;
    let d = out.documents.into_iter().next().expect("one document");
    (d.tree, d.spans, warnings)
}
