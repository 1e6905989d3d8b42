//! The authentication line PostgreSQL writes with `log_connections` on, as event fields, so a log
//! rule can see which pg_hba method let a connection in (and check pg_hba.conf's claim):
//!
//! ```text
//! LOG:  connection authenticated: identity="alice" method=scram-sha-256 (/etc/postgresql/16/main/pg_hba.conf:98)
//! LOG:  connection authenticated: user="postgres" method=trust (/var/lib/postgresql/data/pg_hba.conf:119)
//! ```
//!
//! PostgreSQL 14 added the first form, for methods that establish an identity (passwords, cert,
//! gss, ldap, peer…). `trust` establishes none, so 14–16 write no such line for it; newer
//! releases write the second form. A sample from an older server cannot show trust logins.

use regex::Regex;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

fn pattern() -> Option<&'static Regex> {
    static R: OnceLock<Option<Regex>> = OnceLock::new();
    R.get_or_init(|| {
        Regex::new(r#"^connection authenticated: (identity|user)="(.*)" method=(\S+)(?: \((.+):(\d+)\))?"#).ok()
    })
    .as_ref()
}

/// `{method, identity or user, hba_file, hba_line}` from a `connection authenticated:` message:
/// `identity` when the method established one, `user` (the role asked for) when it did not. Keys
/// the line does not carry are left out, so rule templates can fall back on them.
pub fn auth_fields(message: &str) -> Option<Value> {
    let c = pattern()?.captures(message)?;
    let mut out = Map::new();
    let text = |i: usize| c.get(i).map(|m| json!(m.as_str()));
    if let Some(method) = text(3) {
        out.insert("method".into(), method);
    }
    if let (Some(kind), Some(who)) = (c.get(1), text(2)) {
        out.insert(kind.as_str().into(), who);
    }
    if let Some(file) = text(4) {
        out.insert("hba_file".into(), file);
    }
    if let Some(line) = c.get(5).and_then(|m| m.as_str().parse::<u64>().ok()) {
        out.insert("hba_line".into(), json!(line));
    }
    Some(Value::Object(out))
}

#[cfg(test)]
mod tests {
    use super::auth_fields;

    #[test]
    fn identity_and_trust_forms() {
        let a = auth_fields(r#"connection authenticated: identity="CN=alice,OU=dba" method=cert (/etc/postgresql/16/main/pg_hba.conf:98)"#)
            .expect("identity form");
        assert_eq!(a["method"], "cert");
        assert_eq!(a["identity"], "CN=alice,OU=dba");
        assert!(a.get("user").is_none());
        assert_eq!(a["hba_file"], "/etc/postgresql/16/main/pg_hba.conf");
        assert_eq!(a["hba_line"], 98);
        let t = auth_fields(
            r#"connection authenticated: user="postgres" method=trust (/var/lib/postgresql/data/pg_hba.conf:119)"#,
        )
        .expect("trust form");
        assert_eq!((t["method"].as_str(), t["user"].as_str()), (Some("trust"), Some("postgres")));
        assert!(t.get("identity").is_none());
        assert!(auth_fields("connection authorized: user=app database=shop").is_none());
        assert!(auth_fields(r#"password authentication failed for user "app""#).is_none());
    }
}
