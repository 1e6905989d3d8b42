//! `postgresql.conf` → one tree of settings with PostgreSQL's own semantics: names are
//! case-insensitive (keys are lowercase), the *last* value of a name wins, quoted values are
//! unquoted (`''` and backslash escapes), and `include*` directives are recorded, not followed.
//! Values stay strings exactly as written, so `on`, `10MB` and `'ddl,role'` reach rules unchanged.
//!
//! Tree: `{"settings": {"log_connections": "on", "pgaudit.log": "ddl,role"}, "includes":
//! [{"directive", "path"}]}`. Note that `postgresql.auto.conf` (written by `ALTER SYSTEM`) is read
//! after this file and overrides it; scan it too.

use super::line_format::{finish, statements, warn};
use super::ParseOutput;
use crate::document::{push_pointer, Pos, SpanIndex};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

const INCLUDE_NOTE: &str = "not followed: settings from included files are not part of this assessment";

pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut warnings = Vec::new();
    let mut settings = Map::new();
    let mut where_set: HashMap<String, Pos> = HashMap::new();
    let mut includes = Vec::new();
    let mut include_at = Vec::new();
    let mut first_setting_line = None;
    let mut understood = 0usize;

    for (at, body) in statements(text) {
        let name_end = body.find(|c: char| !(c.is_alphanumeric() || "_$.".contains(c))).unwrap_or(body.len());
        let (name, rest) = body.split_at(name_end);
        if !name.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            warnings.push(warn(at, "line not understood: expected `name = value`"));
            continue;
        }
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
        let (value, after) = match value(rest) {
            Ok(v) => v,
            Err(why) => {
                warnings.push(warn(at, format!("{name}: {why}; PostgreSQL would reject this file")));
                continue;
            }
        };
        if !(after.is_empty() || after.starts_with('#')) {
            warnings
                .push(warn(at, format!("{name}: unexpected text after the value; PostgreSQL would reject this file")));
            continue;
        }
        understood += 1;
        let name = name.to_lowercase();
        if ["include", "include_if_exists", "include_dir"].contains(&name.as_str()) {
            include_at.push((at, format!("{name} {value}")));
            includes.push(json!({ "directive": name, "path": value }));
            continue;
        }
        first_setting_line = first_setting_line.or(Some(at.line));
        if let Some(earlier) = where_set.insert(name.clone(), at) {
            warnings.push(warn(
                earlier,
                format!("{name} is set again on line {}: PostgreSQL uses the last value", at.line),
            ));
        }
        settings.insert(name, Value::String(value));
    }

    let mut spans = SpanIndex::new();
    for (name, at) in where_set {
        spans.insert(push_pointer("/settings", &name), at);
    }
    for (i, (at, what)) in include_at.into_iter().enumerate() {
        spans.insert(format!("/includes/{i}"), at);
        let note = if first_setting_line.is_some_and(|first| first < at.line) {
            format!("{what} {INCLUDE_NOTE}; it comes after settings of this file, and as PostgreSQL uses the last value, included files may override them")
        } else {
            format!("{what} {INCLUDE_NOTE}")
        };
        warnings.push(warn(at, note));
    }
    finish("postgresql.conf", json!({ "settings": settings, "includes": includes }), spans, warnings, understood)
}

/// One value: `'quoted'` (with `''` and backslash escapes) or a bare word up to whitespace or `#`.
/// Returns the value and what follows it.
fn value(s: &str) -> Result<(String, &str), &'static str> {
    let Some(quoted) = s.strip_prefix('\'') else {
        let end = s.find(|c: char| c.is_whitespace() || c == '#').unwrap_or(s.len());
        let (word, after) = s.split_at(end);
        if word.is_empty() {
            return Err("missing value");
        }
        return Ok((word.to_string(), after.trim_start()));
    };
    let mut out = String::new();
    let mut chars = quoted.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '\'' if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                out.push('\'');
            }
            '\'' => return Ok((out, quoted.get(i + 1..).unwrap_or("").trim_start())),
            '\\' => match chars.next().map(|(_, n)| n) {
                Some('b') => out.push('\u{8}'),
                Some('f') => out.push('\u{c}'),
                Some('n') => out.push('\n'),
                Some('r') => out.push('\r'),
                Some('t') => out.push('\t'),
                Some(n) => out.push(n),
                None => {}
            },
            c => out.push(c),
        }
    }
    Err("unterminated quoted value")
}

#[cfg(test)]
mod tests {
    use super::super::line_format::snapshot_view;
    use super::*;

    fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
        super::super::line_format::single_doc(parse(text))
    }

    #[test]
    fn last_value_wins_and_values_are_unquoted() {
        let text = "log_connections = off\r\n\
            shared_preload_libraries = 'pgaudit,pg_stat_statements'  # trailing\r\n\
            pgaudit.log 'ddl,role'\r\n\
            log_line_prefix = '%m [%p] it''s \\'quoted\\' # not a comment'   \r\n\
            LOG_CONNECTIONS=on\r\n";
        let (t, spans, w) = doc(text);
        assert_eq!(t["settings"]["log_connections"], "on");
        assert_eq!(t["settings"]["shared_preload_libraries"], "pgaudit,pg_stat_statements");
        assert_eq!(t["settings"]["pgaudit.log"], "ddl,role");
        assert_eq!(t["settings"]["log_line_prefix"], "%m [%p] it's 'quoted' # not a comment");
        assert_eq!(spans.exact("/settings/log_connections").map(|p| p.line), Some(5));
        assert_eq!(spans.exact("/settings/pgaudit.log").map(|p| p.line), Some(3));
        assert_eq!(w.len(), 1);
        assert_eq!(
            (w[0].line, w[0].message.as_str()),
            (Some(1), "log_connections is set again on line 5: PostgreSQL uses the last value")
        );
    }

    #[test]
    fn includes_are_recorded_with_a_note_when_they_override() {
        let (t, spans, w) = doc("include 'first.conf'\nssl = on\ninclude_dir = 'conf.d'\n");
        assert_eq!(t["includes"][1], json!({"directive": "include_dir", "path": "conf.d"}));
        assert_eq!(spans.exact("/includes/1").map(|p| p.line), Some(3));
        assert!(!w[0].message.contains("override") && w[1].message.contains("may override"), "{w:?}");
    }

    #[test]
    fn garbage_gives_warnings_not_panics() {
        let long = format!("work_mem = '{}'\n", "x".repeat(100_000));
        let (t, _, _) = doc(&long);
        assert_eq!(t["settings"]["work_mem"].as_str().map(str::len), Some(100_000));
        let text = "ssl = 'on\nport = 5432 6543\n\u{0}\u{1}\u{fffd}\nwork_mem =\nmax_connections = 10\nx = '\\";
        let (t, _, w) = doc(text);
        assert_eq!(t["settings"], json!({"max_connections": "10"}));
        assert_eq!(w.iter().filter_map(|w| w.line).collect::<Vec<_>>(), vec![1, 2, 3, 4, 6], "{w:?}");
        assert!(parse("\u{7f}ELF\u{0}\u{0}\u{2}\n").documents.is_empty());
    }

    #[test]
    fn fixture_snapshot() {
        let out = parse(include_str!("../../fixtures/parse/postgresql-conf/postgresql.conf"));
        insta::assert_yaml_snapshot!("pgconf_fixture", snapshot_view(&out));
    }
}
