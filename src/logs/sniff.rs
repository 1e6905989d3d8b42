//! Recognise a log format from a file's first bytes. Classification (`classify.rs`) asks this
//! for files named like logs, JSON, CSV or gzip; a wrong answer silently disables every rule for
//! the file, so each format is recognised by fields its records always carry.

use crate::classify::{first_line, valid_prefix};
use crate::kind::Kind;
use serde_json::Value;

/// Recognise a log format from its first record(s).
pub fn sniff_log(head: &[u8]) -> Option<Kind> {
    let line = first_line(head).trim_start_matches('\u{feff}');
    if line.starts_with('{') || line.starts_with('[') {
        return sniff_json(head, line);
    }
    if super::postgres::looks_like_csvlog(line) {
        return Some(Kind::PostgresLog);
    }
    if is_syslog_line(line) {
        return Some(Kind::AuthLog);
    }
    if is_postgres_stderr(head) {
        return Some(Kind::PostgresLog);
    }
    None
}

fn sniff_json(head: &[u8], line: &str) -> Option<Kind> {
    let text = valid_prefix(head);
    let t = text.trim_start_matches('\u{feff}').trim_start();
    // Whole-file JSON containers: CloudTrail `{"Records": [...]}`, Kubernetes `EventList`.
    if t.starts_with("{\"Records\"") || t.starts_with("{ \"Records\"") {
        return Some(Kind::CloudtrailLog);
    }
    // The first record: the first line when it holds a whole object (JSON lines), else the
    // head (a pretty-printed object, an array of events).
    let one_line = line.starts_with('{') && (line.ends_with('}') || !text.trim_start().contains('\n'));
    let region = if one_line { line } else { text };
    let has = |k: &str| region.contains(k);
    // A key with a string value, written compactly or with a space after the colon.
    let is = |k: &str, v: &str| has(&format!("\"{k}\":\"{v}")) || has(&format!("\"{k}\": \"{v}"));
    if has("\"audit.k8s.io/") && (has("\"auditID\"") || has("\"EventList\"") || has("\"verb\"")) {
        return Some(Kind::K8sAuditLog);
    }
    if has("\"eventVersion\"") && has("\"eventSource\"") {
        return Some(Kind::CloudtrailLog);
    }
    if (is("type", "request") || is("type", "response")) && has("\"request\"") {
        return Some(Kind::VaultAuditLog);
    }
    // Teleport events carry an event name and a code such as `T1000I` (`ei`/`cluster_name` on
    // most, not all).
    let teleport_code = ["\"code\":\"T", "\"code\": \"T"].iter().any(|c| has(c));
    if has("\"event\"")
        && (teleport_code || (has("\"ei\"") && has("\"uid\"")) || (has("\"code\"") && has("\"cluster_name\"")))
    {
        return Some(Kind::TeleportAuditLog);
    }
    if has("\"eventType\"")
        && has("\"actor\"")
        && (has("\"outcome\"") || has("\"published\"") || has("\"legacyEventType\""))
    {
        return Some(Kind::OktaSystemLog);
    }
    // PostgreSQL's jsonlog (PG ≥ 15).
    if has("\"error_severity\"") && (has("\"backend_type\"") || has("\"session_id\"") || has("\"dbname\"")) {
        return Some(Kind::PostgresLog);
    }
    if line.starts_with('[') {
        // An array of objects is events only when named like a log (classification decides).
        return t.strip_prefix('[').is_some_and(|r| r.trim_start().starts_with('{')).then_some(Kind::JsonLog);
    }
    // Only a line that really is a JSON object makes a JSON-lines log (a Jinja `{{ x }}` line
    // is not); a first line longer than the head cannot be seen to its end, so it is judged by
    // its start.
    let unterminated = !text.trim_start().contains('\n');
    let object = || serde_json::from_str::<Value>(line).is_ok_and(|v| v.is_object());
    if (unterminated && !line.starts_with("{{")) || (line.ends_with('}') && object()) || line == "{" {
        return Some(Kind::JsonLog);
    }
    None
}

/// `Mar  3 10:15:01 host sshd[123]: ...` (RFC 3164, with or without `<PRI>`), `<34>1
/// 2026-03-03T10:15:01Z host sshd 123 - - ...` (RFC 5424) or RFC 3339-stamped files (rsyslog,
/// journald exports) from the programs auth.log records.
fn is_syslog_line(line: &str) -> bool {
    const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let bare = match line.strip_prefix('<').and_then(|r| r.split_once('>')) {
        Some((pri, rest)) if !pri.is_empty() && pri.len() <= 3 && pri.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => line,
    };
    let rfc3164 = MONTHS.iter().any(|m| bare.starts_with(m)) && bare.get(15..16) == Some(" ");
    let rfc5424 = bare.starts_with("1 ") && bare.len() < line.len();
    let iso = bare.len() > 20 && bare.as_bytes().get(4) == Some(&b'-') && bare.as_bytes().get(10) == Some(&b'T');
    (rfc3164 || rfc5424 || iso)
        && ["sshd", "sudo", "su[", "pam_", "su:", "systemd-logind", "login["].iter().any(|p| line.contains(p))
}

/// PostgreSQL stderr logs: a level keyword after the prefix (`LOG:  `, two spaces), or pgaudit
/// lines (`AUDIT: SESSION,` / `AUDIT: OBJECT,`) among the first lines.
fn is_postgres_stderr(head: &[u8]) -> bool {
    let mut lines = valid_prefix(head).lines().filter(|l| !l.trim().is_empty());
    let first = lines.next().unwrap_or("");
    let level = ["LOG:  ", "FATAL:  ", "ERROR:  ", "WARNING:  ", "AUDIT: SESSION,", "AUDIT: OBJECT,"];
    if level.iter().any(|l| first.contains(l)) {
        return true;
    }
    // A psql transcript or a log that starts with a statement: pgaudit lines further down.
    valid_prefix(head)
        .lines()
        .take(200)
        .filter(|l| l.contains("AUDIT: SESSION,") || l.contains("AUDIT: OBJECT,"))
        .count()
        >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_by_their_first_records() {
        let cases: &[(&str, Option<Kind>)] = &[
            (r#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"x"}"#, Some(Kind::K8sAuditLog)),
            ("{\n  \"kind\": \"EventList\",\n  \"apiVersion\": \"audit.k8s.io/v1\",\n  \"items\": [", Some(Kind::K8sAuditLog)),
            ("{\n  \"Records\": [\n    {\"eventVersion\": \"1.08\", \"eventSource\": \"s3.amazonaws.com\"}", Some(Kind::CloudtrailLog)),
            (r#"{"code": "T3007W", "event": "auth", "success": false, "time": "2020-08-13T18:39:42Z", "user": "panther"}"#, Some(Kind::TeleportAuditLog)),
            (r#"{"ei":0,"event":"user.login","uid":"b1","code":"T1000I","user":"alice","method":"saml","success":true}"#, Some(Kind::TeleportAuditLog)),
            ("[\n  {\n    \"actor\": {\"alternateId\": \"alice@example.com\"},\n    \"eventType\": \"user.session.start\",\n    \"outcome\": {\"result\": \"SUCCESS\"}", Some(Kind::OktaSystemLog)),
            (r#"{"actor":{"alternateId":"a"},"eventType":"user.session.start","published":"2026-03-03T10:00:00.000Z"}"#, Some(Kind::OktaSystemLog)),
            (r#"{"timestamp":"2026-03-03 10:00:01.201 UTC","pid":1187,"session_id":"65e43a61.4a3","error_severity":"LOG","message":"ready"}"#, Some(Kind::PostgresLog)),
            ("2026-03-03 10:00:01.201 UTC,,,1187,,65e43a61.4a3,1,,2026-03-03 09:58:11 UTC,,0,LOG,00000,\"ready\"", Some(Kind::PostgresLog)),
            ("2026-03-03 10:00:01.201 UTC [1187] LOG:  database system is ready to accept connections", Some(Kind::PostgresLog)),
            ("\\set VERBOSITY terse\nNOTICE:  AUDIT: SESSION,1,1,DDL,CREATE TABLE,,,x,<none>\nNOTICE:  AUDIT: SESSION,2,1,READ,SELECT,,,y,<none>\n", Some(Kind::PostgresLog)),
            ("<38>1 2026-03-03T10:15:01.204518+01:00 bastion sshd 812 - - Accepted publickey for deploy", Some(Kind::AuthLog)),
            ("<38>Mar  3 10:15:01 web1 sshd[812]: Accepted password for root", Some(Kind::AuthLog)),
            (r#"{"@timestamp":"2026-03-03T10:00:00Z","event":{"action":"login"}}"#, Some(Kind::JsonLog)),
            ("[{\"a\": 1}, {\"a\": 2}]", Some(Kind::JsonLog)),
            ("[1, 2, 3]", None),
            ("{{ .Values.x }}\n", None),
            ("just some text\n", None),
        ];
        for (head, want) in cases {
            assert_eq!(sniff_log(head.as_bytes()), *want, "{head}");
        }
    }

    #[test]
    fn names_that_are_sniffed_for_logs() {
        use crate::classify::{classify, Class};
        let transcript = "\\set VERBOSITY terse\nNOTICE:  AUDIT: SESSION,1,1,DDL,CREATE TABLE,,,x,<none>\nNOTICE:  AUDIT: SESSION,2,1,READ,SELECT,,,y,<none>\n";
        assert_eq!(
            classify("pgaudit/expected/pgaudit.out", transcript.as_bytes()),
            Class::Log { kind: Kind::PostgresLog, gzip: false }
        );
        let csv = "2026-03-03 10:00:01.201 UTC,,,1187,,65e43a61.4a3,1,,2026-03-03 09:58:11 UTC,,0,LOG,00000,\"ready\"";
        assert_eq!(
            classify("pg/postgresql-2026-03-03.csv", csv.as_bytes()),
            Class::Log { kind: Kind::PostgresLog, gzip: false }
        );
        assert!(
            matches!(classify("data/prices.csv", b"date,price\n2026-01-01,3\n"), Class::Unknown { .. }),
            "other CSV is not read"
        );
        assert!(matches!(classify("build/a.out", b"\x7fELF\x02\x01"), Class::Unknown { .. }));
    }
}
