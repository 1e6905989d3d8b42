//! Line parsers for syslog-family logs (auth.log/secure) in RFC 3164 (`Mar  3 10:15:01 host
//! sshd[812]: …`, with or without a `<PRI>`), RFC 5424 (`<38>1 2026-03-03T10:15:01.123Z host sshd
//! 812 - [sd] …`) and the RFC 3339 file format of rsyslog and journald (`2026-03-03T10:15:01+01:00
//! host sshd[812]: …`), into events with stable field names: `timestamp`, `host`, `program`,
//! `pid`, `message`, `syslog` (`rfc3164`, `rfc5424`, `rfc3339`), plus per-program fields
//! (`sshd.method`, `sshd.user`, `sshd.source_ip`, `sshd.port`, `sshd.outcome`,
//! `sshd.invalid_user`; `sudo.user`, `sudo.runas`, `sudo.command`, `sudo.outcome`).

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

struct Res {
    rfc3164: Regex,
    rfc5424: Regex,
    iso: Regex,
    sshd_login: Regex,
    sudo: Regex,
}

fn res() -> Option<&'static Res> {
    static R: OnceLock<Option<Res>> = OnceLock::new();
    R.get_or_init(|| {
        Some(Res {
            rfc3164: Regex::new(r"^(?:<\d{1,3}>)?([A-Z][a-z]{2} [ \d]\d \d\d:\d\d:\d\d) (\S+) ([^\[:\s]+)(?:\[(\d+)\])?: ?(.*)$")
                .ok()?,
            // HEADER SP STRUCTURED-DATA [SP MSG]; SD-PARAM values are quoted, with `\]` escapes.
            rfc5424: Regex::new(
                r#"^<\d{1,3}>1 (\S+) (\S+) (\S+) (\S+) (\S+) (-|(?:\[[^\s\]=]+(?: [^\s=\]]+="(?:[^"\\]|\\.)*")*\])+)(?: (.*))?$"#,
            )
            .ok()?,
            iso: Regex::new(r"^(?:<\d{1,3}>)?(\d{4}-\d\d-\d\dT\S+) (\S+) ([^\[:\s]+)(?:\[(\d+)\])?: ?(.*)$").ok()?,
            sshd_login: Regex::new(r"^(Accepted|Failed) (\S+) for (invalid user )?(\S+) from (\S+) port (\d+)").ok()?,
            sudo: Regex::new(r"^\s*(\S+) : (?:.*?;\s*)?(?:TTY=\S+ ; )?PWD=\S+ ; USER=(\S+) ;(?: .*?;)? COMMAND=(.*)$").ok()?,
        })
    })
    .as_ref()
}

/// Parse an auth.log line; `None` if it is not syslog.
pub fn parse_auth_line(line: &str) -> Option<Value> {
    let r = res()?;
    let (format, ts, host, program, pid, message) = if let Some(c) = r.rfc3164.captures(line) {
        let pid = c.get(4).map(|m| m.as_str());
        ("rfc3164", c.get(1).map(|m| m.as_str()), c.get(2)?.as_str(), c.get(3)?.as_str(), pid, c.get(5)?.as_str())
    } else if let Some(c) = r.rfc5424.captures(line) {
        // `-` is the NILVALUE of every header field; MSG may start with a byte-order mark.
        let msg = c.get(7).map_or("", |m| m.as_str()).trim_start_matches('\u{feff}');
        let field = |i: usize| c.get(i).map(|m| m.as_str()).filter(|v| *v != "-");
        ("rfc5424", field(1), field(2).unwrap_or(""), c.get(3)?.as_str(), field(4), msg)
    } else if let Some(c) = r.iso.captures(line) {
        let pid = c.get(4).map(|m| m.as_str());
        ("rfc3339", c.get(1).map(|m| m.as_str()), c.get(2)?.as_str(), c.get(3)?.as_str(), pid, c.get(5)?.as_str())
    } else {
        return None;
    };
    let mut ev = Map::new();
    ev.insert("syslog".into(), json!(format));
    ev.insert("timestamp".into(), ts.map_or(Value::Null, |t| json!(t)));
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
            // sudo logs refusals on the same line shape, with the reason before TTY=.
            let refused =
                ["incorrect password attempt", "NOT in sudoers", "command not allowed", "a password is required"]
                    .iter()
                    .any(|r| message.contains(r));
            let outcome = if refused { "failure" } else { "success" };
            ev.insert("sudo".into(), json!({"user": cap(1), "runas": cap(2), "command": cap(3), "outcome": outcome}));
        }
    }
    Some(Value::Object(ev))
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
        assert_eq!(ev["sudo"]["outcome"], "success");
        assert!(parse_auth_line("not syslog at all").is_none());
    }

    /// Every line of the RFC 5424 fixture, whose structured data holds quoted `]`, several
    /// elements, a BOM before the message and NILVALUEs.
    #[test]
    fn rfc5424_fixture_lines() {
        let text = include_str!("../../fixtures/logs/auth/auth-rfc5424.log");
        let evs: Vec<Value> = text.lines().map(|l| parse_auth_line(l).unwrap_or_else(|| panic!("{l}"))).collect();
        assert!(evs.iter().all(|e| e["syslog"] == "rfc5424"));
        assert_eq!(evs[0]["timestamp"], "2026-03-03T10:15:01.204518+01:00");
        assert_eq!(
            (evs[0]["host"].as_str(), evs[0]["pid"].as_str()),
            (Some("bastion-2.prod.example.net"), Some("812"))
        );
        assert_eq!(evs[0]["sshd"]["method"], "publickey");
        assert_eq!(
            (evs[1]["sshd"]["outcome"].as_str(), evs[1]["sshd"]["invalid_user"].as_bool()),
            (Some("failure"), Some(true))
        );
        assert_eq!(evs[1]["message"], "Failed password for invalid user admin from 198.51.100.23 port 40112 ssh2");
        assert_eq!(
            (evs[2]["sshd"]["user"].as_str(), evs[2]["sshd"]["outcome"].as_str()),
            (Some("root"), Some("success"))
        );
        assert_eq!(evs[3]["sudo"]["user"], "deploy", "the BOM before MSG is dropped");
        assert_eq!(
            (evs[4]["sudo"]["user"].as_str(), evs[4]["sudo"]["outcome"].as_str()),
            (Some("intern"), Some("failure"))
        );
        assert!(evs[5]["timestamp"].is_null() && evs[5]["host"] == "" && evs[5]["pid"].is_null());
    }

    #[test]
    fn rfc3164_fixture_lines_and_variants() {
        let text = include_str!("../../fixtures/logs/auth/auth.log");
        let evs: Vec<Value> = text.lines().map(|l| parse_auth_line(l).unwrap_or_else(|| panic!("{l}"))).collect();
        assert!(evs
            .iter()
            .all(|e| e["syslog"] == "rfc3164" && e["timestamp"].as_str().is_some_and(|t| t.starts_with("Mar  3"))));
        assert_eq!(evs[3]["sshd"]["user"], "admin");
        assert_eq!(evs[8]["sudo"]["outcome"], "failure");
        assert_eq!(evs[9]["program"], "systemd-logind");
        let pri = parse_auth_line(
            "<38>Mar  3 10:15:01 web1 sshd[812]: Accepted password for root from 203.0.113.9 port 52144 ssh2",
        );
        assert_eq!(
            pri.map(|e| e["sshd"]["user"].clone()),
            Some(serde_json::json!("root")),
            "a forwarded line keeps its PRI"
        );
        let iso = parse_auth_line(
            "2026-03-03T10:15:01.204518+01:00 web1 sshd[812]: Failed password for root from 203.0.113.9 port 1 ssh2",
        )
        .expect("rsyslog file format");
        assert_eq!((iso["syslog"].as_str(), iso["sshd"]["outcome"].as_str()), (Some("rfc3339"), Some("failure")));
    }
}
