//! `ztmm diff OLD.json NEW.json`: stages improved and regressed, findings new and fixed; exit 1 on
//! a regression, like `scan --fail-on-regression`.

use crate::report::{diff, json};
use std::io::Write;
use std::path::Path;

pub fn run(old: &Path, new: &Path, format: &str) -> u8 {
    if format != "text" && format != "json" {
        eprintln!("error: --format: `{format}` is not text or json");
        return super::USAGE;
    }
    let (old, new) = match (json::read(old), json::read(new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(e), _) | (_, Err(e)) => {
            eprintln!("error: {e}");
            return super::USAGE;
        }
    };
    let d = diff::diff(&old, &new);
    let mut out = std::io::stdout().lock();
    if format == "json" {
        let mut v = serde_json::to_value(&d).unwrap_or_default();
        if let Some(m) = v.as_object_mut() {
            m.insert("regressed".into(), serde_json::Value::Bool(d.regressed()));
        }
        let _ = writeln!(out, "{}", serde_json::to_string_pretty(&v).unwrap_or_default());
    } else {
        let _ = write!(out, "{}", d.text());
    }
    if d.regressed() {
        super::GATE_FAILED
    } else {
        super::OK
    }
}
