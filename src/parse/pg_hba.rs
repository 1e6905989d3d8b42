//! PostgreSQL `pg_hba.conf` → one tree of rows in file order, because PostgreSQL uses the *first*
//! row that matches a connection: a rule asking "can anyone reach this database without a
//! password" has to see the order. Addresses given as `IP mask` are turned into CIDR so rules
//! compare one form; `@file` lists and `include*` directives are recorded, not followed.
//!
//! Tree: `{"rows": [{"type", "database": [..], "user": [..], "address", "method", "options": {..},
//! "line"}], "includes": [{"directive", "path"}]}`; `address` is `null` for `local` rows.

use super::line_format::{finish, pos, warn};
use super::ParseOutput;
use crate::document::{escape_token, Pos, SpanIndex};
use crate::rules::values::Cidr;
use serde_json::{json, Map, Value};
use std::net::IpAddr;

const TYPES: &[&str] = &["local", "host", "hostssl", "hostnossl", "hostgssenc", "hostnogssenc"];
const METHODS: &[&str] = &[
    "trust",
    "reject",
    "scram-sha-256",
    "md5",
    "password",
    "gss",
    "sspi",
    "ident",
    "peer",
    "ldap",
    "radius",
    "cert",
    "pam",
    "bsd",
    "oauth",
];

/// One field: its comma-separated parts (quotes removed) and where it starts.
struct Field {
    parts: Vec<String>,
    at: Pos,
    quoted: bool,
}

pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut spans = SpanIndex::new();
    let mut warnings = Vec::new();
    let mut rows = Vec::new();
    let mut includes = Vec::new();
    let mut understood = 0usize;
    let mut fields: Vec<Field> = Vec::new();
    let mut start: Option<Pos> = None;
    let mut joining = false;

    for (n, raw) in text.lines().enumerate() {
        let (more, open_quote) = split_fields(raw, n, &mut fields, &mut joining);
        if open_quote {
            warnings.push(warn(pos(n, 0), "unterminated quote: field kept as written"));
        }
        if start.is_none() {
            start = fields.first().map(|f| f.at);
        }
        if more {
            continue;
        }
        joining = false;
        let (Some(at), line) = (start.take(), std::mem::take(&mut fields)) else {
            continue;
        };
        let mut f = line.into_iter();
        let Some(kind) = f.next().and_then(|k| k.parts.into_iter().next()) else {
            continue;
        };
        let kind = kind.to_ascii_lowercase();
        if ["include", "include_if_exists", "include_dir"].contains(&kind.as_str()) {
            let path = f.next().map(|p| p.parts.join(",")).unwrap_or_default();
            spans.insert(format!("/includes/{}", includes.len()), at);
            warnings.push(warn(at, format!("{kind} {path} not followed: its rows are not part of this assessment")));
            includes.push(json!({ "directive": kind, "path": path }));
            understood += 1;
            continue;
        }
        if !TYPES.contains(&kind.as_str()) {
            warnings.push(warn(at, format!("unknown connection type {kind:?}: line ignored")));
            continue;
        }
        let n_row = rows.len();
        let p = format!("/rows/{n_row}");
        let mut row = Map::new();
        row.insert("type".into(), Value::String(kind.clone()));
        for name in ["database", "user"] {
            let Some(field) = f.next() else { break };
            for part in field.parts.iter().filter_map(|s| s.strip_prefix('@')).filter(|_| !field.quoted) {
                spans.insert(format!("/includes/{}", includes.len()), field.at);
                warnings.push(warn(
                    field.at,
                    format!("@{part} not followed: the {name} names it lists are not part of this assessment"),
                ));
                includes.push(json!({ "directive": "@", "path": part }));
            }
            spans.insert(format!("{p}/{name}"), field.at);
            row.insert(name.into(), json!(field.parts));
        }
        if kind == "local" {
            row.insert("address".into(), Value::Null);
        } else if let Some(addr) = f.next() {
            let mut address = addr.parts.join(",");
            let mut rest: Vec<Field> = f.collect();
            if !address.contains('/') && address.parse::<IpAddr>().is_ok() {
                if let Some(mask) = rest.first().and_then(|m| m.parts.first()).filter(|m| m.parse::<IpAddr>().is_ok()) {
                    address = prefix_len(mask).map_or(format!("{address} {mask}"), |len| format!("{address}/{len}"));
                    rest.remove(0);
                }
            }
            spans.insert(format!("{p}/address"), addr.at);
            row.insert("address".into(), Value::String(address));
            f = rest.into_iter();
        }
        let Some(method) = f.next() else {
            warnings.push(warn(at, "row without an authentication method: PostgreSQL would reject this file"));
            continue;
        };
        let method_name = method.parts.join(",").to_ascii_lowercase();
        if !METHODS.contains(&method_name.as_str()) {
            warnings.push(warn(method.at, format!("unknown authentication method {method_name:?}")));
        }
        spans.insert(format!("{p}/method"), method.at);
        row.insert("method".into(), Value::String(method_name));
        let mut options = Map::new();
        for opt in f {
            let text = opt.parts.join(",");
            match text.split_once('=') {
                Some((k, v)) => {
                    spans.insert(format!("{p}/options/{}", escape_token(k)), opt.at);
                    options.insert(k.to_string(), Value::String(v.to_string()));
                }
                None => warnings.push(warn(opt.at, format!("option {text:?} is not `name=value`: ignored"))),
            }
        }
        row.insert("options".into(), Value::Object(options));
        row.insert("line".into(), Value::from(at.line));
        spans.insert(format!("{p}/type"), at);
        spans.insert(format!("{p}/line"), at);
        spans.insert(p, at);
        rows.push(Value::Object(row));
        understood += 1;
    }
    mark_plaintext_rejected(&mut rows);
    finish("pg_hba.conf", json!({ "rows": rows, "includes": includes }), spans, warnings, understood)
}

/// Rows are matched first to last. A plaintext connection that reaches a `host` row has first
/// passed every earlier `hostnossl` row; if one of those rejects every database, user and address
/// the `host` row could match, the `host` row only ever sees TLS connections. Record that as
/// `plaintext_rejected_at: <line>` so rules can follow the first-match order instead of judging
/// each row alone.
fn mark_plaintext_rejected(rows: &mut [Value]) {
    let mut rejecting: Vec<(Value, u64)> = Vec::new();
    for row in rows.iter_mut() {
        let kind = row.get("type").and_then(Value::as_str).unwrap_or("");
        let method = row.get("method").and_then(Value::as_str).unwrap_or("");
        if kind == "hostnossl" && method == "reject" {
            let line = row.get("line").and_then(Value::as_u64).unwrap_or(0);
            rejecting.push((row.clone(), line));
        } else if kind == "host" {
            if let Some((_, line)) = rejecting.iter().find(|(r, _)| covers(r, row)) {
                if let Value::Object(map) = row {
                    map.insert("plaintext_rejected_at".into(), Value::from(*line));
                }
            }
        }
    }
}

/// Does the reject row `outer` match every connection the row `inner` could match?
fn covers(outer: &Value, inner: &Value) -> bool {
    let list = |v: &Value, k: &str| -> Vec<String> {
        v.get(k)
            .and_then(Value::as_array)
            .map_or_else(Vec::new, |a| a.iter().filter_map(Value::as_str).map(str::to_string).collect())
    };
    let superset = |k: &str| {
        let (o, i) = (list(outer, k), list(inner, k));
        o.iter().any(|x| x == "all") || (!i.is_empty() && i.iter().all(|x| o.contains(x)))
    };
    let address = || {
        let o = outer.get("address").and_then(Value::as_str).unwrap_or("");
        let i = inner.get("address").and_then(Value::as_str).unwrap_or("");
        if o == "all" || o == i {
            return true;
        }
        match (Cidr::parse(o), Cidr::parse(i)) {
            (Some(o), Some(i)) => i.within(&o),
            _ => false,
        }
    };
    superset("database") && superset("user") && address()
}

/// Split one physical line into fields (whitespace-separated; `"…"` quoted; a comma continues
/// the field's list, even across whitespace or a line break; `#` starts a comment). Returns whether
/// a trailing `\` continues the line, and whether a quote was left open.
fn split_fields(raw: &str, line: usize, fields: &mut Vec<Field>, joining: &mut bool) -> (bool, bool) {
    let body = raw.trim_end();
    let (body, more) = body.strip_suffix('\\').map_or((body, false), |b| (b, true));
    let mut quoted = false;
    let mut cur: Option<(String, usize, bool)> = None;
    let mut end = |cur: &mut Option<(String, usize, bool)>, joining: &mut bool| {
        let Some((part, col, q)) = cur.take() else {
            return;
        };
        match fields.last_mut().filter(|_| *joining) {
            Some(f) => {
                f.parts.push(part);
                f.quoted |= q;
            }
            None => fields.push(Field { parts: vec![part], at: pos(line, col), quoted: q }),
        }
        *joining = false;
    };
    for (i, c) in body.char_indices() {
        match c {
            '"' => {
                quoted = !quoted;
                cur.get_or_insert_with(|| (String::new(), i, true)).2 = true;
            }
            '#' if !quoted => break,
            ',' if !quoted => {
                end(&mut cur, joining);
                *joining = true;
            }
            c if c.is_whitespace() && !quoted => end(&mut cur, joining),
            c => cur.get_or_insert_with(|| (String::new(), i, false)).0.push(c),
        }
    }
    end(&mut cur, joining);
    (more, quoted)
}

/// `255.255.255.0` → 24; `None` for a mask that is not a run of ones.
fn prefix_len(mask: &str) -> Option<u32> {
    let bits = match mask.parse::<IpAddr>().ok()? {
        IpAddr::V4(m) => u128::from(u32::from(m)) << 96,
        IpAddr::V6(m) => u128::from(m),
    };
    (bits.leading_ones() + bits.trailing_zeros() == 128).then_some(bits.leading_ones())
}

#[cfg(test)]
mod tests {
    use super::super::line_format::snapshot_view;
    use super::*;

    fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
        super::super::line_format::single_doc(parse(text))
    }

    #[test]
    fn rows_keep_order_and_normalise_addresses() {
        let text = "local all postgres peer\r\n\
            host all all 0.0.0.0/0 trust   \r\n\
            hostssl db1, db2 \"Bob\" 10.1.0.0 255.255.0.0 Cert clientcert=verify-full # cert\r\n\
            host all all fe80::1 ffff:ffff:ffff:ffff:: scram-sha-256\r\n\
            host \\\n  all all samehost md5\r\n";
        let (t, spans, w) = doc(text);
        assert!(w.is_empty(), "{w:?}");
        let rows = &t["rows"];
        assert_eq!(
            rows[0],
            json!({"type": "local", "database": ["all"], "user": ["postgres"], "address": null, "method": "peer", "options": {}, "line": 1})
        );
        assert_eq!(rows[1]["method"], "trust");
        assert_eq!(rows[1]["address"], "0.0.0.0/0");
        assert_eq!(rows[2]["database"], json!(["db1", "db2"]));
        assert_eq!(rows[2]["user"], json!(["Bob"]));
        assert_eq!(rows[2]["address"], "10.1.0.0/16");
        assert_eq!(rows[2]["method"], "cert");
        assert_eq!(rows[2]["options"], json!({"clientcert": "verify-full"}));
        assert_eq!(rows[3]["address"], "fe80::1/64");
        assert_eq!(rows[4]["address"], "samehost");
        assert_eq!(rows[4]["line"], 5);
        assert_eq!(spans.exact("/rows/1"), Some(Pos { line: 2, column: 1 }));
        assert_eq!(spans.exact("/rows/1/method"), Some(Pos { line: 2, column: 24 }));
        assert_eq!(spans.exact("/rows/4/method").map(|p| p.line), Some(6));
    }

    #[test]
    fn odd_masks_includes_and_garbage_give_warnings_not_panics() {
        let long = format!("host all all 10.0.0.1/32 {}\n", "x".repeat(100_000));
        let (t, _, w) = doc(&long);
        assert_eq!(t["rows"][0]["method"].as_str().map(str::len), Some(100_000));
        assert_eq!(w.len(), 1, "unknown method");
        let text = "host all all 10.0.0.1 255.0.255.0 md5\nhost all @staff 10.0.0.0/8\n\
            host \"unterminated all all md5\n\u{0}\u{1}\u{fffd}\nlocal all all peer oops\ninclude_if_exists extra.conf\n";
        let (t, spans, w) = doc(text);
        assert_eq!(t["rows"][0]["address"], "10.0.0.1 255.0.255.0");
        assert_eq!(
            t["includes"],
            json!([{"directive": "@", "path": "staff"}, {"directive": "include_if_exists", "path": "extra.conf"}])
        );
        assert_eq!(spans.exact("/includes/1").map(|p| p.line), Some(6));
        assert_eq!(w.iter().filter_map(|w| w.line).collect::<Vec<_>>(), vec![2, 2, 3, 3, 4, 5, 6], "{w:?}");
        assert!(parse("\u{7f}ELF\u{0}\u{0}\u{2}\nzzz\n").documents.is_empty());
    }

    #[test]
    fn host_rows_behind_a_covering_plaintext_reject_are_marked() {
        let (tree, _, _) = doc("hostnossl all all 10.0.0.0/8 reject\n\
             host app app_rw 10.20.0.0/16 scram-sha-256\n\
             host app app_rw 192.168.0.0/16 scram-sha-256\n\
             hostnossl reporting all all reject\n\
             host reporting,app bi 0.0.0.0/0 md5\n");
        let rows = tree["rows"].as_array().cloned().unwrap_or_default();
        assert_eq!(rows[1]["plaintext_rejected_at"], json!(1), "10.20/16 lies inside 10/8");
        assert!(rows[2].get("plaintext_rejected_at").is_none(), "192.168/16 is outside 10/8");
        assert!(rows[4].get("plaintext_rejected_at").is_none(), "the reject covers reporting only, not app");
    }

    #[test]
    fn fixture_snapshot() {
        let out = parse(include_str!("../../fixtures/parse/pg-hba/pg_hba.conf"));
        insta::assert_yaml_snapshot!("pg_hba_fixture", snapshot_view(&out));
    }
}
