//! report.json: writing, reading back (for `render`, `diff`, `merge`) and the JSON Schema.

use super::Report;
use std::path::Path;

/// Serialize a report as pretty JSON with a trailing newline.
pub fn to_string(report: &Report) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}

/// Read a report.json written by this or a compatible version (the same `schema_version` major).
/// The version is checked before the structure, so a report of another major version is named as
/// such rather than as a missing field; every error names the file.
pub fn read(path: &Path) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let value: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("{}: not a ztmm report: not valid JSON: {e}", path.display()))?;
    let version = value.get("schema_version").and_then(serde_json::Value::as_str).ok_or_else(|| {
        format!("{}: not a ztmm report: no schema_version (expected {})", path.display(), super::SCHEMA_VERSION)
    })?;
    let major = |v: &str| v.split('.').next().map(str::to_string);
    if major(version) != major(super::SCHEMA_VERSION) {
        return Err(format!(
            "{}: schema_version {version} is not compatible with {}",
            path.display(),
            super::SCHEMA_VERSION
        ));
    }
    serde_path_to_error::deserialize(value).map_err(|e| {
        let at = e.path().to_string();
        format!("{}: not a ztmm report: {} (at {at})", path.display(), e.into_inner())
    })
}

/// The JSON Schema of report.json.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    serde_json::to_value(schema).unwrap_or_default()
}
