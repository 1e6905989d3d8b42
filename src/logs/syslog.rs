//! Line parsers for syslog-family logs (auth.log/secure) and PostgreSQL stderr logs, into events
//! with stable field names: `timestamp`, `host`, `program`, `pid`, `message`, plus per-program
//! fields (`sshd.method`, `sshd.user`, `sshd.source_ip`, `sshd.outcome`; `sudo.user`,
//! `sudo.runas`, `sudo.command`; PostgreSQL `auth.method`… from `pg_auth.rs`).

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

struct Res {
    rfc3164: Regex,
    rfc5424: Regex,
    iso: Regex,
    sshd_login: Regex,
    sudo: Regex,
    pg: Regex,
}

fn res() -> Option<&'static Res> {
    static R: OnceLock<Option<Res>> = OnceLock::new();
    R.get_or_init(|| {
        Some(Res {
            rfc3164: Regex::new(r"^([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (\S+) ([^\[:\s]+)(?:\[(\d+)\])?: ?(.*)$").ok()?,
            rfc5424: Regex::new(r"^<\d+>1 (\S+) (\S+) (\S+) (\S+) \S+ (?:-|\[.*?\]) ?(.*)$").ok()?,
            iso: Regex::new(r"^(\d{4}-\d\d-\d\dT\S+) (\S+) ([^\[:\s]+)(?:\[(\d+)\])?: ?(.*)$").ok()?,
            sshd_login: Regex::new(r"^(Accepted|Failed) (\S+) for (invalid user )?(\S+) from (\S+) port (\d+)").ok()?,
            sudo: Regex::new(r"^\s*(\S+) : (?:.*?;\s*)?(?:TTY=\S+ ; )?PWD=\S+ ; USER=(\S+) ;(?: .*?;)? COMMAND=(.*)$").ok()?,
            pg: Regex::new(r"^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(?:\.\d+)?(?: [A-Z]+)?)?.*?\b(LOG|ERROR|FATAL|WARNING|NOTICE|STATEMENT|DETAIL|PANIC):\s+(.*)$").ok()?,
        })
    })
    .as_ref()
}

/// Parse an auth.log line; `None` if it is not syslog.
pub fn parse_auth_line(line: &str) -> Option<Value> {
    let r = res()?;
    let (ts, host, program, pid, message) = if let Some(c) = r.rfc3164.captures(line) {
        (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str(), c.get(4).map(|m| m.as_str()), c.get(5)?.as_str())
    } else if let Some(c) = r.rfc5424.captures(line) {
        let pid = c.get(4).map(|m| m.as_str()).filter(|p| *p != "-");
        (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str(), pid, c.get(5)?.as_str())
    } else if let Some(c) = r.iso.captures(line) {
        (c.get(1)?.as_str(), c.get(2)?.as_str(), c.get(3)?.as_str(), c.get(4).map(|m| m.as_str()), c.get(5)?.as_str())
    } else {
        return None;
    };
    let mut ev = Map::new();
    ev.insert("timestamp".into(), json!(ts));
    ev.insert("host".into(), json!(host));
    ev.insert("program".into(), json!(program));
    ev.insert("pid".into(), pid.map_or(Value::Null, |p| json!(p)));
    ev.insert("message".into(), json!(message));
    if program == "sshd" {
        if let Some(c) = r.sshd_login.captures(message) {
            let cap = |i: usize| c.get(i).map_or("", |m| m.as_str());
            ev.insert(
                "sshd".into(),
                json!({
                    "outcome": if cap(1) == "Accepted" { "success" } else { "failure" },
                    "method": cap(2),
                    "invalid_user": c.get(3).is_some(),
                    "user": cap(4),
                    "source_ip": cap(5),
                    "port": cap(6),
                }),
            );
        }
    }
    if program == "sudo" {
        if let Some(c) = r.sudo.captures(message) {
            let cap = |i: usize| c.get(i).map_or("", |m| m.as_str());
            ev.insert("sudo".into(), json!({"user": cap(1), "runas": cap(2), "command": cap(3)}));
        }
    }
    Some(Value::Object(ev))
}

/// Parse a PostgreSQL stderr log line into `{timestamp, level, message, audit}`.
pub fn parse_postgres_line(line: &str) -> Value {
    let Some(c) = res().and_then(|r| r.pg.captures(line)) else {
        return json!({"message": line});
    };
    let message = c.get(3).map_or("", |m| m.as_str());
    let mut ev = json!({
        "timestamp": c.get(1).map(|m| m.as_str()),
        "level": c.get(2).map(|m| m.as_str()),
        "message": message,
        "audit": message.starts_with("AUDIT:"),
    });
    if let (Some(auth), Some(obj)) = (super::pg_auth::auth_fields(message), ev.as_object_mut()) {
        obj.insert("auth".into(), auth);
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sshd_accepted_password() {
        let ev = parse_auth_line(
            "Mar  3 10:15:01 web1 sshd[812]: Accepted password for root from 203.0.113.9 port 52144 ssh2",
        )
        .expect("parses");
        assert_eq!(ev["program"], "sshd");
        assert_eq!(ev["sshd"]["method"], "password");
        assert_eq!(ev["sshd"]["user"], "root");
        assert_eq!(ev["sshd"]["source_ip"], "203.0.113.9");
        assert_eq!(ev["sshd"]["outcome"], "success");
    }

    #[test]
    fn sudo_command_and_rfc5424() {
        let ev = parse_auth_line("<86>1 2026-03-03T10:15:01.123Z web1 sudo - - - alice : TTY=pts/0 ; PWD=/home/alice ; USER=root ; COMMAND=/bin/bash").expect("parses");
        assert_eq!(ev["sudo"]["user"], "alice");
        assert_eq!(ev["sudo"]["command"], "/bin/bash");
        assert!(parse_auth_line("not syslog at all").is_none());
    }
}
