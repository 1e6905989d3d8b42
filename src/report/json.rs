//! report.json: writing, reading back (for `render`, `diff`, `merge`) and the JSON Schema.

use super::Report;
use std::path::Path;

/// Serialize a report as pretty JSON with a trailing newline.
pub fn to_string(report: &Report) -> serde_json::Result<String> {
    let mut s = serde_json::to_string_pretty(report)?;
    s.push('\n');
    Ok(s)
}

/// Read a report.json written by this or a compatible version.
pub fn read(path: &Path) -> Result<Report, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let report: Report =
        serde_json::from_str(&text).map_err(|e| format!("{}: not a ztmm report: {e}", path.display()))?;
    let major = |v: &str| v.split('.').next().map(str::to_string);
    if major(&report.schema_version) != major(super::SCHEMA_VERSION) {
        return Err(format!(
            "{}: schema_version {} is not compatible with {}",
            path.display(),
            report.schema_version,
            super::SCHEMA_VERSION
        ));
    }
    Ok(report)
}

/// The JSON Schema of report.json.
pub fn schema() -> serde_json::Value {
    let schema = schemars::schema_for!(Report);
    serde_json::to_value(schema).unwrap_or_default()
}
