//! PostgreSQL: `trust` rows of pg_hba.conf let a connection in as the named database role with no
//! authentication at all, so each is a standing grant of that role to whoever matches the row. A
//! row naming `all` users (or `postgres`) includes the superuser. A row shadowed by an earlier row
//! matching the same connections is still listed: it is what the file says, and reordering the
//! file would activate it.

use super::{line, str_at, strings, Grant, System};
use crate::document::Document;
use serde_json::Value;

pub fn extract(doc: &Document, out: &mut Vec<Grant>) {
    for (i, row) in doc.tree.get("rows").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if str_at(row, "/method") != Some("trust") {
            continue;
        }
        let users = strings(row.get("user"));
        let databases = strings(row.get("database"));
        let (users, databases) = (users.join(","), databases.join(","));
        let kind = str_at(row, "/type").unwrap_or("host");
        let from = match row.get("address").and_then(Value::as_str) {
            Some(addr) => format!("{kind} from {addr}"),
            None => "local socket".to_string(),
        };
        let superuser = users.split(',').any(|u| u == "all" || u == "postgres");
        let mut grant = format!("trust: connect to database {databases} as role {users} without authentication");
        if superuser {
            grant.push_str(" (includes the superuser postgres)");
        }
        let mut g = Grant::standing(System::Postgresql, format!("postgres:{users}@{databases} ({from})"), doc, "");
        g.line = line(doc, &format!("/rows/{i}"));
        g.grant = grant;
        g.scope = from;
        g.basis = "pg_hba rows do not expire; nothing asks for a password, let alone approval".into();
        out.push(g);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trust_rows_are_grants_at_their_lines() {
        let text = "# TYPE DATABASE USER ADDRESS METHOD\nlocal all all trust\nhost orders shop 10.0.0.0/16 trust\n\
                    hostssl all all 0.0.0.0/0 scram-sha-256\nhost all all 192.168.1.0 255.255.255.0 trust\n";
        let out = crate::parse::parse(crate::parse::Syntax::PgHba, text, crate::parse::YamlOptions::default());
        let mut g = Vec::new();
        for d in out.documents {
            let doc = Document {
                kind: crate::kind::Kind::PgHba,
                path: "db/pg_hba.conf".into(),
                ordinal: 0,
                tree: d.tree,
                spans: d.spans,
            };
            extract(&doc, &mut g);
        }
        let got: Vec<(&str, Option<u32>)> = g.iter().map(|g| (g.principal.as_str(), g.line)).collect();
        assert_eq!(
            got,
            vec![
                ("postgres:all@all (local socket)", Some(2)),
                ("postgres:shop@orders (host from 10.0.0.0/16)", Some(3)),
                ("postgres:all@all (host from 192.168.1.0/24)", Some(5)),
            ]
        );
        assert!(g[0].grant.contains("superuser"));
        assert!(!g[1].grant.contains("superuser"));
    }
}
