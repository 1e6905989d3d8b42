//! Tests of the PostgreSQL log readers, on lines from the fixtures in `fixtures/logs/postgres`.

use super::*;

fn parse(line: &str) -> Value {
    match parse_line(line) {
        Ok(Some(v)) => v,
        other => panic!("{line}: {other:?}"),
    }
}

#[test]
fn stderr_with_the_debian_prefix_names_user_database_and_pid() {
    let ev = parse(
        r#"2026-03-03 10:02:44.512 UTC [2231] app_ledger@ledger LOG:  AUDIT: OBJECT,1,1,READ,SELECT,TABLE,public.accounts,"SELECT id, balance FROM accounts WHERE owner_id = $1",<not logged>"#,
    );
    assert_eq!(ev["format"], "stderr");
    assert_eq!(ev["timestamp"], "2026-03-03T10:02:44.512Z");
    assert_eq!(
        (ev["user"].as_str(), ev["database"].as_str(), ev["pid"].as_u64()),
        (Some("app_ledger"), Some("ledger"), Some(2231))
    );
    assert_eq!(ev["level"], "LOG");
    assert_eq!(ev["audit"], true);
    assert_eq!(ev["action"], "READ SELECT");
    let a = &ev["pgaudit"];
    assert_eq!(
        (a["type"].as_str(), a["class"].as_str(), a["command"].as_str()),
        (Some("OBJECT"), Some("READ"), Some("SELECT"))
    );
    assert_eq!((a["object_type"].as_str(), a["object_name"].as_str()), (Some("TABLE"), Some("public.accounts")));
    assert_eq!(
        a["statement"], "SELECT id, balance FROM accounts WHERE owner_id = $1",
        "a quoted statement keeps its commas"
    );
    assert_eq!(a["parameter"], "<not logged>");
    // A session-audit line of a statement with no object: the empty fields are left out.
    let ev = parse("2026-03-03 10:11:02.640 UTC [2298] dba_maria@ledger LOG:  AUDIT: SESSION,1,1,ROLE,GRANT,,,GRANT SELECT ON accounts TO reporting,<not logged>");
    assert!(ev["pgaudit"].get("object_name").is_none());
    assert_eq!(ev["action"], "ROLE GRANT");
}

#[test]
fn unknown_users_continuations_and_failures() {
    let ev = parse(
        "2026-03-03 10:02:44.318 UTC [2231] [unknown]@[unknown] LOG:  connection received: host=10.20.4.17 port=51544",
    );
    assert!(ev.get("user").is_none() && ev.get("database").is_none(), "{ev}");
    assert_eq!(ev["remote"], "10.20.4.17:51544", "the client is named in the message");
    let ev = parse(
        r#"2026-03-03 10:03:10.914 UTC [2240] postgres@postgres FATAL:  password authentication failed for user "postgres""#,
    );
    assert_eq!(
        (ev["outcome"].as_str(), ev["action"].as_str(), ev["user"].as_str()),
        (Some("failure"), Some("authentication"), Some("postgres"))
    );
    let ev = parse("2026-03-03 10:02:44.327 UTC [2231] app_ledger@ledger LOG:  connection authorized: user=app_ledger database=ledger application_name=ledger-api SSL enabled");
    assert_eq!((ev["outcome"].as_str(), ev["action"].as_str()), (Some("success"), Some("connection authorized")));
    assert_eq!(
        parse_line("\t   SET balance = balance - 250.00"),
        Ok(None),
        "stderr continues a message on tab-indented lines"
    );
    assert!(parse_line("SELECT 1;").is_err_and(|e| e.contains("not a PostgreSQL log line")));
    let ev =
        parse("2026-03-03 10:12:07.993 UTC [2298] dba_maria@ledger ERROR:  permission denied for table audit_trail");
    assert_eq!(ev["outcome"], "failure");
}

#[test]
fn key_value_prefixes_give_client_application_and_session() {
    let ev = parse("2026-03-03 10:02:46.011 CET [2233] user=mallory,db=ledger,app=[unknown],client=198.51.100.7(60412),session=65e43b26.8b9 FATAL:  password authentication failed for user \"mallory\"");
    assert_eq!(ev["user"], "mallory");
    assert_eq!(ev["database"], "ledger");
    assert_eq!(ev["remote"], "198.51.100.7:60412");
    assert_eq!(ev["session_id"], "65e43b26.8b9");
    assert!(ev.get("application").is_none(), "[unknown] is no application");
    assert_eq!(ev["timestamp"], "2026-03-03 10:02:46.011 CET", "an abbreviation is kept as written");
    // `%r` without a key, and `%c` in brackets.
    let ev = parse("2026-03-03 10:02:46.011+01 [2233] 10.1.2.3(5544) [65e43b26.8b9] LOG:  statement: SELECT 1");
    assert_eq!((ev["remote"].as_str(), ev["session_id"].as_str()), (Some("10.1.2.3:5544"), Some("65e43b26.8b9")));
    assert_eq!(ev["timestamp"], "2026-03-03T10:02:46.011+01:00");
    assert_eq!(ev["statement"], "SELECT 1");
}

#[test]
fn csvlog_records_including_multi_line_statements() {
    let line = "2026-03-03 10:05:31.077 UTC,\"app_ledger\",\"ledger\",2231,\"10.20.4.17:51544\",65e43b24.8b7,4,\"UPDATE\",2026-03-03 10:02:44 UTC,3/43,90211,LOG,00000,\"AUDIT: SESSION,2,1,WRITE,UPDATE,TABLE,public.accounts,\"\"UPDATE accounts\n   SET balance = balance - 250.00\n WHERE id = 88123\"\",<not logged>\",,,,,,,,,\"ledger-api\",\"client backend\",,1729380511937455271";
    let ev = parse(line);
    assert_eq!(ev["format"], "csvlog");
    assert_eq!(ev["timestamp"], "2026-03-03T10:05:31.077Z");
    assert_eq!(
        (ev["user"].as_str(), ev["database"].as_str(), ev["remote"].as_str()),
        (Some("app_ledger"), Some("ledger"), Some("10.20.4.17:51544"))
    );
    assert_eq!(
        (ev["session_id"].as_str(), ev["sqlstate"].as_str(), ev["application"].as_str()),
        (Some("65e43b24.8b7"), Some("00000"), Some("ledger-api"))
    );
    assert_eq!(ev["action"], "WRITE UPDATE");
    assert_eq!(ev["pgaudit"]["statement"], "UPDATE accounts\n   SET balance = balance - 250.00\n WHERE id = 88123");
    let failed = parse("2026-03-03 10:03:10.914 UTC,\"postgres\",\"postgres\",2240,\"203.0.113.45:40022\",65e43b3e.8c0,2,\"authentication\",2026-03-03 10:03:10 UTC,4/7,0,FATAL,28P01,\"password authentication failed for user \"\"postgres\"\"\",,,,,,,,,\"\",\"client backend\",,0");
    assert_eq!(
        (failed["sqlstate"].as_str(), failed["outcome"].as_str(), failed["user"].as_str()),
        (Some("28P01"), Some("failure"), Some("postgres"))
    );
    assert!(parse_line("2026-03-03 10:03:10.914 UTC,too,few").is_err_and(|e| e.contains("23 or more fields")));
}

#[test]
fn jsonlog_records() {
    let ev = parse(
        r#"{"timestamp":"2026-03-03 10:02:44.511 UTC","user":"app_ledger","dbname":"ledger","pid":2231,"remote_host":"10.20.4.17","remote_port":51544,"session_id":"65e43b24.8b7","line_num":3,"ps":"SELECT","error_severity":"LOG","message":"AUDIT: SESSION,1,1,READ,SELECT,TABLE,public.accounts,\"SELECT 1\",<not logged>","application_name":"ledger-api","backend_type":"client backend","query_id":-4021339713384616513}"#,
    );
    assert_eq!(ev["format"], "jsonlog");
    assert_eq!(ev["timestamp"], "2026-03-03T10:02:44.511Z");
    assert_eq!((ev["remote"].as_str(), ev["pid"].as_u64()), (Some("10.20.4.17:51544"), Some(2231)));
    assert_eq!(ev["pgaudit"]["object_name"], "public.accounts");
    assert!(
        parse_line(r#"{"level":"info","msg":"not postgres"}"#).is_err_and(|e| e.contains("not a PostgreSQL jsonlog"))
    );
}

#[test]
fn csv_splitting_and_time_zones() {
    assert_eq!(split_csv(r#"a,"b,c",,"d ""q""""#), vec!["a", "b,c", "", "d \"q\""]);
    assert_eq!(split_csv(r#"x,"unclosed, rest"#), vec!["x", "unclosed, rest"]);
    assert_eq!(normalise_time("2026-03-03 10:00:00.5", Some("-0530")), "2026-03-03T10:00:00.5-05:30");
    assert_eq!(normalise_time("2026-03-03 10:00:00", Some("GMT")), "2026-03-03T10:00:00Z");
    assert_eq!(normalise_time("2026-03-03 10:00:00", None), "2026-03-03 10:00:00");
}
