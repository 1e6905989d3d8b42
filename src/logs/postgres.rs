//! PostgreSQL server logs.

use serde_json::Value;

/// Parse one line of a PostgreSQL log. `Ok(None)` for lines that carry no event.
pub fn parse_line(text: &str) -> Result<Option<Value>, String> {
    Ok(Some(super::syslog::parse_postgres_line(text)))
}
