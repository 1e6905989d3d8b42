//! YAML files ztmm owns — rule packs, the function catalog, `ztmm.yaml` — parsed with positions.
//! Serde errors and validation errors alike are reported at file:line:col with the source line
//! and a caret, every problem of a file at once.

use crate::document::{push_pointer, SpanIndex};
use crate::parse::{yaml, YamlOptions};
use serde::de::DeserializeOwned;
use serde_json::Value;
use std::fmt;

/// One problem in a rule pack or the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub rule_id: Option<String>,
    pub message: String,
    pub source_line: Option<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}:{}", self.column.unwrap_or(1))?;
        }
        write!(f, ": ")?;
        if let Some(id) = &self.rule_id {
            write!(f, "[{id}] ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(src), Some(col)) = (&self.source_line, self.column) {
            let pad = " ".repeat(usize::try_from(col).unwrap_or(1).saturating_sub(1).min(src.len()));
            write!(f, "\n    | {src}\n    | {pad}^")?;
        }
        Ok(())
    }
}

/// All problems found while loading, in file order.
#[derive(Debug, Clone)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        write!(f, "{} problem(s) found", self.0.len())
    }
}

impl std::error::Error for LoadErrors {}

/// Parse a YAML file we own into a value with spans; errors located.
pub(crate) fn parse_owned_yaml(file: &str, text: &str, errors: &mut Vec<LoadError>) -> Option<(Value, SpanIndex)> {
    let out = yaml::parse(text, YamlOptions::default());
    let mut failed = false;
    for p in &out.problems {
        errors.push(located(file, text, p.line, p.column, None, format!("YAML: {}", p.message)));
        failed = true;
    }
    if failed {
        return None;
    }
    let mut docs = out.documents.into_iter();
    match (docs.next(), docs.next()) {
        (Some(d), None) => Some((d.tree, d.spans)),
        (None, _) => {
            errors.push(located(file, text, None, None, None, "file is empty".into()));
            None
        }
        (Some(_), Some(_)) => {
            errors.push(located(file, text, None, None, None, "expected one YAML document, found several".into()));
            None
        }
    }
}

pub(crate) fn located(
    file: &str,
    text: &str,
    line: Option<u32>,
    column: Option<u32>,
    rule_id: Option<&str>,
    message: String,
) -> LoadError {
    let source_line = line.and_then(|l| text.lines().nth(usize::try_from(l).ok()?.checked_sub(1)?)).map(str::to_string);
    LoadError { file: file.to_string(), line, column, rule_id: rule_id.map(str::to_string), message, source_line }
}

/// Deserialize with the failing field's location.
pub(crate) fn typed<T: DeserializeOwned>(
    file: &str,
    text: &str,
    tree: &Value,
    spans: &SpanIndex,
    id: Option<&str>,
    errors: &mut Vec<LoadError>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(tree.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut pointer = String::new();
            for seg in e.path().iter() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => pointer = push_pointer(&pointer, &index.to_string()),
                    serde_path_to_error::Segment::Map { key } => pointer = push_pointer(&pointer, key),
                    _ => {}
                }
            }
            let msg = e.inner().to_string();
            if let Some(field) = msg.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
                pointer = push_pointer(&pointer, field);
            }
            let pos = spans.lookup(&pointer);
            let at = if pointer.is_empty() { String::new() } else { format!(" (at {})", pointer_to_path(&pointer)) };
            errors.push(located(file, text, pos.map(|p| p.line), pos.map(|p| p.column), id, format!("{msg}{at}")));
            None
        }
    }
}

fn pointer_to_path(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}
