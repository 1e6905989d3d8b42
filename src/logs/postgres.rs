//! PostgreSQL server logs in their three formats — stderr (with any `log_line_prefix`), csvlog
//! and jsonlog (PG ≥ 15) — into one event shape:
//!
//! `{format, timestamp, level, message, user, database, remote, application, session_id, pid,
//!   sqlstate, action, outcome, statement, audit, pgaudit: {type, statement_id, substatement_id,
//!   class, command, object_type, object_name, statement, parameter}, auth: {method, identity |
//!   user, hba_file, hba_line}}`
//!
//! Fields a line does not carry are absent. `timestamp` is RFC 3339 when the log's zone is UTC or
//! a numeric offset, else as written. `audit` is true for pgaudit lines (`AUDIT: SESSION,…` /
//! `AUDIT: OBJECT,…`), whose `action` is class and command (`READ SELECT`) and whose user and
//! database come from the prefix when `log_line_prefix` has `%u`/`%d`.

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

const LEVELS: &str =
    "LOG|ERROR|FATAL|PANIC|WARNING|NOTICE|INFO|DEBUG[1-5]?|STATEMENT|DETAIL|HINT|CONTEXT|QUERY|LOCATION";

struct Res {
    stderr: Regex,
    time: Regex,
    syslog_time: Regex,
    user_at_db: Regex,
    pid: Regex,
    session: Regex,
    remote: Regex,
    authorized: Regex,
    auth_failed: Regex,
    received: Regex,
}

fn res() -> Option<&'static Res> {
    static R: OnceLock<Option<Res>> = OnceLock::new();
    R.get_or_init(|| {
        Some(Res {
            // PostgreSQL writes two spaces after the level; the prefix before it is free-form.
            stderr: Regex::new(&format!(r"^(.*?)(?:^|\s)({LEVELS}):  ?(.*)$")).ok()?,
            time: Regex::new(
                r"^(\d{4}-\d\d-\d\d[ T]\d\d:\d\d:\d\d(?:\.\d+)?)(?: ?([A-Za-z]{1,5}|[+-]\d\d(?::?\d\d)?))?",
            )
            .ok()?,
            syslog_time: Regex::new(r"^[A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d").ok()?,
            user_at_db: Regex::new(r"(?:^|\s)([^\s@\[\]=,]+)@([^\s@\[\]=,]+)(?:\s|$)").ok()?,
            pid: Regex::new(r"\[(\d+)\]").ok()?,
            session: Regex::new(r"(?:^|[\s\[=])([0-9a-f]{6,8}\.[0-9a-f]{1,8})(?:[\s\]:,]|$)").ok()?,
            remote: Regex::new(r"(?:^|[\s=])(\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:]+:[0-9a-fA-F:]*|\[local\])\((\d+)\)")
                .ok()?,
            authorized: Regex::new(
                r"^connection authorized: user=(\S+)(?: database=(\S+))?(?: application_name=(\S+))?",
            )
            .ok()?,
            auth_failed: Regex::new(r#"authentication failed for user "([^"]*)""#).ok()?,
            // `connection received: host=… port=…` and `disconnection: … host=… port=…`.
            received: Regex::new(r"^(?:connection received|disconnection):.*?\bhost=(\S+)(?: port=(\d+))?").ok()?,
        })
    })
    .as_ref()
}

/// Parse one record of a PostgreSQL log. `Ok(None)` for the continuation lines of a multi-line
/// message (stderr indents them with a tab).
pub fn parse_line(text: &str) -> Result<Option<Value>, String> {
    let t = text.trim_start_matches('\u{feff}');
    if t.starts_with('\t') {
        return Ok(None);
    }
    if t.starts_with('{') {
        return jsonlog(t).map(Some);
    }
    if looks_like_csvlog(t) {
        return csvlog(t).map(Some);
    }
    stderr(t).map(Some).ok_or_else(|| "not a PostgreSQL log line (no `LOG:`, `ERROR:`… level)".to_string())
}

/// A csvlog record starts with its timestamp and a comma.
pub fn looks_like_csvlog(t: &str) -> bool {
    let head = t.get(..40).unwrap_or(t);
    res().and_then(|r| r.time.find(head)).is_some_and(|m| head[m.end()..].starts_with(','))
}

fn stderr(t: &str) -> Option<Value> {
    let r = res()?;
    let c = r.stderr.captures(t)?;
    let prefix = c.get(1).map_or("", |m| m.as_str());
    let level = c.get(2).map_or("", |m| m.as_str());
    let message = c.get(3).map_or("", |m| m.as_str());
    let mut ev = Map::new();
    ev.insert("format".into(), json!("stderr"));
    let p = prefix.trim();
    if let Some(tc) = r.time.captures(p) {
        let date = tc.get(1).map_or("", |m| m.as_str());
        ev.insert("timestamp".into(), json!(normalise_time(date, tc.get(2).map(|m| m.as_str()))));
    } else if let Some(m) = r.syslog_time.find(p) {
        ev.insert("timestamp".into(), json!(m.as_str()));
    }
    if let Some(pc) = r.pid.captures(p) {
        ev.insert("pid".into(), number(pc.get(1).map_or("", |m| m.as_str())));
    }
    // `%u@%d` (the Debian default prefix), or `user=%u,db=%d,app=%a,client=%h` styles.
    if let Some(uc) = r.user_at_db.captures(p) {
        let known = |s: &str| !s.is_empty() && s != "[unknown]" && s != "unknown";
        let (u, d) = (uc.get(1).map_or("", |m| m.as_str()), uc.get(2).map_or("", |m| m.as_str()));
        if known(u) {
            ev.insert("user".into(), json!(u));
        }
        if known(d) {
            ev.insert("database".into(), json!(d));
        }
    }
    for (keys, field) in [
        (&["user", "usr", "u"][..], "user"),
        (&["db", "database", "d"][..], "database"),
        (&["app", "application", "application_name"][..], "application"),
        (&["client", "host", "remote", "r", "h"][..], "remote"),
        (&["session", "sid", "session_id", "c"][..], "session_id"),
    ] {
        if let Some(v) = keys.iter().find_map(|k| prefix_value(p, k)) {
            // `%r` is `host(port)`: written `host:port` like the other formats.
            let v = match v.strip_suffix(')').and_then(|x| x.split_once('(')) {
                Some((host, port)) if field == "remote" => format!("{host}:{port}"),
                _ => v.to_string(),
            };
            ev.insert(field.into(), json!(v));
        }
    }
    if !ev.contains_key("remote") {
        if let Some(rc) = r.remote.captures(p) {
            let host = rc.get(1).map_or("", |m| m.as_str());
            ev.insert("remote".into(), json!(format!("{host}:{}", rc.get(2).map_or("", |m| m.as_str()))));
        }
    }
    if !ev.contains_key("session_id") {
        if let Some(sc) = r.session.captures(p) {
            ev.insert("session_id".into(), json!(sc.get(1).map_or("", |m| m.as_str())));
        }
    }
    ev.insert("level".into(), json!(level));
    ev.insert("message".into(), json!(message));
    Some(finish(ev, r))
}

/// The value of `key=value` in a prefix (`user=alice,db=app` or `user=alice db=app`).
fn prefix_value<'a>(prefix: &'a str, key: &str) -> Option<&'a str> {
    prefix.split([',', ' ', ';']).find_map(|part| {
        let (k, v) = part.split_once('=')?;
        (k.trim_start_matches('[') == key && !v.is_empty() && v != "[unknown]").then_some(v.trim_end_matches(']'))
    })
}

fn number(s: &str) -> Value {
    s.parse::<u64>().map_or_else(|_| json!(s), |n| json!(n))
}

/// `2024-03-03 10:15:01.123` + zone → RFC 3339 when the zone is UTC/GMT or numeric; else the
/// text as written (an abbreviation such as CET names no offset ztmm can trust).
pub fn normalise_time(datetime: &str, zone: Option<&str>) -> String {
    let dt = datetime.replacen(' ', "T", 1);
    match zone {
        Some("UTC" | "GMT" | "Z" | "utc") => format!("{dt}Z"),
        Some(z) if z.starts_with(['+', '-']) => {
            let digits: String = z[1..].chars().filter(char::is_ascii_digit).collect();
            let (h, m) = (digits.get(..2).unwrap_or("00"), digits.get(2..4).unwrap_or("00"));
            format!("{dt}{}{h}:{m}", &z[..1])
        }
        Some(z) => format!("{datetime} {z}"),
        None => datetime.to_string(),
    }
}

fn csvlog(t: &str) -> Result<Value, String> {
    let f = split_csv(t);
    if f.len() < 23 {
        return Err(format!("a csvlog record has 23 or more fields, this has {}", f.len()));
    }
    let get = |i: usize| f.get(i).map(String::as_str).filter(|s| !s.is_empty());
    let mut ev = Map::new();
    ev.insert("format".into(), json!("csvlog"));
    if let Some(ts) = get(0) {
        let time = res().and_then(|r| r.time.captures(ts));
        let norm = time.map_or_else(
            || ts.to_string(),
            |c| normalise_time(c.get(1).map_or("", |m| m.as_str()), c.get(2).map(|m| m.as_str())),
        );
        ev.insert("timestamp".into(), json!(norm));
    }
    let fields = [
        (1, "user"),
        (2, "database"),
        (4, "remote"),
        (5, "session_id"),
        (7, "command_tag"),
        (11, "level"),
        (12, "sqlstate"),
        (13, "message"),
        (14, "detail"),
        (19, "statement"),
        (22, "application"),
        (23, "backend_type"),
    ];
    for (i, name) in fields {
        if let Some(v) = get(i) {
            ev.insert(name.into(), json!(v));
        }
    }
    if let Some(pid) = get(3) {
        ev.insert("pid".into(), number(pid));
    }
    let r = res().ok_or("regex")?;
    Ok(finish(ev, r))
}

fn jsonlog(t: &str) -> Result<Value, String> {
    let v: Value = serde_json::from_str(t).map_err(|e| format!("JSON: {e}"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    if !obj.contains_key("error_severity") && !obj.contains_key("message") {
        return Err("a JSON object without `error_severity` or `message`: not a PostgreSQL jsonlog record".into());
    }
    let mut ev = Map::new();
    ev.insert("format".into(), json!("jsonlog"));
    let s = |k: &str| obj.get(k).filter(|v| !v.is_null() && v.as_str() != Some(""));
    if let Some(ts) = s("timestamp").and_then(Value::as_str) {
        let c = res().and_then(|r| r.time.captures(ts));
        let norm = c.map_or_else(
            || ts.to_string(),
            |c| normalise_time(c.get(1).map_or("", |m| m.as_str()), c.get(2).map(|m| m.as_str())),
        );
        ev.insert("timestamp".into(), json!(norm));
    }
    for (from, to) in [
        ("user", "user"),
        ("dbname", "database"),
        ("pid", "pid"),
        ("session_id", "session_id"),
        ("error_severity", "level"),
        ("state_code", "sqlstate"),
        ("message", "message"),
        ("detail", "detail"),
        ("statement", "statement"),
        ("application_name", "application"),
        ("backend_type", "backend_type"),
        ("ps", "command_tag"),
    ] {
        if let Some(v) = s(from) {
            ev.insert(to.into(), v.clone());
        }
    }
    if let Some(host) = s("remote_host").and_then(Value::as_str) {
        let remote = match s("remote_port") {
            Some(port) => format!("{host}:{}", port.as_str().map_or_else(|| port.to_string(), str::to_string)),
            None => host.to_string(),
        };
        ev.insert("remote".into(), json!(remote));
    }
    let r = res().ok_or("regex")?;
    Ok(finish(ev, r))
}

/// Fields drawn from the message: pgaudit, connection and authentication outcomes.
fn finish(mut ev: Map<String, Value>, r: &Res) -> Value {
    let message = ev.get("message").and_then(Value::as_str).unwrap_or("").to_string();
    let level = ev.get("level").and_then(Value::as_str).unwrap_or("").to_string();
    // `connection authenticated: identity="…" method=…`: which pg_hba method let it in.
    if let Some(auth) = super::pg_auth::auth_fields(&message) {
        ev.insert("auth".into(), auth);
    }
    let audit = message.strip_prefix("AUDIT: ").and_then(pgaudit);
    ev.insert("audit".into(), json!(audit.is_some()));
    if let Some(a) = audit {
        let action = [a.get("class"), a.get("command")].iter().flatten().filter_map(|v| v.as_str()).collect::<Vec<_>>();
        ev.insert("action".into(), json!(action.join(" ")));
        ev.insert("pgaudit".into(), Value::Object(a));
    } else if let Some(c) = r.authorized.captures(&message) {
        ev.insert("action".into(), json!("connection authorized"));
        ev.insert("outcome".into(), json!("success"));
        ev.entry("user").or_insert_with(|| json!(c.get(1).map_or("", |m| m.as_str())));
        if let Some(d) = c.get(2) {
            ev.entry("database").or_insert_with(|| json!(d.as_str()));
        }
    } else if let Some(c) = r.auth_failed.captures(&message) {
        ev.insert("action".into(), json!("authentication"));
        ev.insert("outcome".into(), json!("failure"));
        ev.entry("user").or_insert_with(|| json!(c.get(1).map_or("", |m| m.as_str())));
    } else if let Some(stmt) = message.strip_prefix("statement: ") {
        ev.entry("statement").or_insert_with(|| json!(stmt));
    } else if let Some(tag) = ev.get("command_tag").cloned() {
        ev.insert("action".into(), tag);
    }
    if let Some(c) = r.received.captures(&message) {
        let host = c.get(1).map_or("", |m| m.as_str());
        let remote = c.get(2).map_or_else(|| host.to_string(), |p| format!("{host}:{}", p.as_str()));
        ev.entry("remote").or_insert_with(|| json!(remote));
    }
    if !ev.contains_key("outcome") && matches!(level.as_str(), "ERROR" | "FATAL" | "PANIC") {
        ev.insert("outcome".into(), json!("failure"));
    }
    Value::Object(ev)
}

/// `SESSION,1,1,READ,SELECT,TABLE,public.accounts,"select …",<not logged>` → its fields.
fn pgaudit(rest: &str) -> Option<Map<String, Value>> {
    let f = split_csv(rest);
    let kind = f.first()?.as_str();
    if !matches!(kind, "SESSION" | "OBJECT") || f.len() < 5 {
        return None;
    }
    let names = [
        "type",
        "statement_id",
        "substatement_id",
        "class",
        "command",
        "object_type",
        "object_name",
        "statement",
        "parameter",
    ];
    let mut m = Map::new();
    for (name, value) in names.iter().zip(&f) {
        if !value.is_empty() {
            m.insert((*name).into(), json!(value));
        }
    }
    Some(m)
}

/// Split one CSV record (RFC 4180 quoting, `""` for a quote). An unclosed quote takes the rest
/// of the text (a statement cut at the end of its line).
pub fn split_csv(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut field = String::new();
    let mut chars = s.chars().peekable();
    let mut quoted = false;
    let mut at_start = true;
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            '"' if quoted => quoted = false,
            '"' if at_start => quoted = true,
            ',' if !quoted => {
                out.push(std::mem::take(&mut field));
                at_start = true;
                continue;
            }
            _ => field.push(c),
        }
        at_start = false;
    }
    out.push(field);
    out
}

#[cfg(test)]
#[path = "postgres_tests.rs"]
mod tests;
