use super::super::line_format::snapshot_view;
use super::*;
use crate::document::Pos;

fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
    super::super::line_format::single_doc(parse(text))
}

#[test]
fn specs_expand_per_command_with_runas_and_tags_carried_over() {
    let text = "Defaults requiretty, !authenticate, timestamp_timeout=0\r\n\
        %sudo ALL=(ALL:ALL) ALL\r\n\
        deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app, /bin/bash\r\n\
        ops web1, web2 = NOPASSWD: /a, PASSWD: /b, (www) /c \\\n  : db = /d\n";
    let (t, spans, w) = doc(text);
    assert!(w.is_empty(), "{w:?}");
    let d = &t["defaults"][0];
    assert_eq!(d["scope"], "global");
    assert_eq!(d["settings"], json!({"requiretty": true, "authenticate": false, "timestamp_timeout": "0"}));
    let s = &t["specs"];
    assert_eq!(s[0]["runas_users"], json!(["ALL"]));
    assert_eq!(s[0]["runas_groups"], json!(["ALL"]));
    assert_eq!(s[0]["command_expanded"], json!(["ALL"]));
    assert_eq!(s[1]["command"], "/usr/bin/systemctl restart app");
    assert_eq!(s[2]["command"], "/bin/bash");
    assert_eq!(s[2]["tags"], json!(["NOPASSWD"]));
    assert_eq!(s[2]["runas_users"], json!(["root"]));
    assert_eq!(s[3]["hosts"], json!(["web1", "web2"]));
    assert_eq!(s[3]["tags"], json!(["NOPASSWD"]));
    assert_eq!(s[3]["runas_users"], json!(["root"]));
    assert_eq!(s[3]["runas_given"], false);
    assert_eq!(s[4]["tags"], json!(["PASSWD"]));
    assert_eq!(s[5]["tags"], json!(["PASSWD"]));
    assert_eq!(s[5]["runas_users"], json!(["www"]));
    assert_eq!(s[6]["hosts"], json!(["db"]));
    assert_eq!(s[6]["tags"], json!([]), "tags do not cross a host list");
    assert_eq!(s[6]["runas_given"], false);
    assert_eq!(spans.exact("/specs/2").map(|p| p.line), Some(3));
    assert_eq!(spans.exact("/specs/2/tags"), Some(Pos { line: 3, column: 19 }));
    assert_eq!(spans.exact("/specs/6/command").map(|p| p.line), Some(5));
}

#[test]
fn aliases_resolve_recursively_and_cycle_safely() {
    let text = "User_Alias A = alice, B : B = bob, A, !C\nUser_Alias C = carol\n\
        Cmnd_Alias ALLCMDS = ROOTCMDS\nCmnd_Alias ROOTCMDS = ALL\nA ALL = NOPASSWD: ALLCMDS, !ROOTCMDS\n";
    let (t, spans, w) = doc(text);
    assert!(w.is_empty(), "{w:?}");
    assert_eq!(t["aliases"]["user"]["B"], json!(["bob", "A", "!C"]));
    assert_eq!(
        t["specs"][0]["users_expanded"],
        json!(["alice", "bob", "A", "!carol"]),
        "a cycle stops at the alias name"
    );
    assert_eq!(t["specs"][0]["command_expanded"], json!(["ALL"]));
    assert_eq!(t["specs"][1]["negated"], true);
    assert_eq!(t["specs"][1]["command"], "ROOTCMDS");
    assert_eq!(spans.exact("/aliases/user/B"), Some(Pos { line: 1, column: 27 }));
    assert_eq!(spans.exact("/aliases/command/ROOTCMDS").map(|p| p.line), Some(4));
}

#[test]
fn include_directives_are_not_comments() {
    let (t, spans, w) = doc("#include /etc/sudoers.local\n# includedir is a comment\n@includedir \"/etc/sudoers.d\"\n");
    assert_eq!(
        t["includes"],
        json!([{"directive": "include", "path": "/etc/sudoers.local"}, {"directive": "includedir", "path": "/etc/sudoers.d"}])
    );
    assert_eq!(spans.exact("/includes/1").map(|p| p.line), Some(3));
    assert_eq!(w.len(), 2);
}

#[test]
fn garbage_gives_warnings_not_panics() {
    let long = format!("alice ALL = /bin/{}\n", "x".repeat(100_000));
    let (t, _, _) = doc(&long);
    assert_eq!(t["specs"][0]["command"].as_str().map(str::len), Some(100_005));
    let text = "Defaults passprompt=\"unterminated\nbob ALL = (root\n\u{0}\u{1}\u{fffd}\ncarol ALL =\nUser_Alias lower = x\nalice ALL = ALL\n\\";
    let (t, _, w) = doc(text);
    assert_eq!(t["defaults"][0]["settings"]["passprompt"], "\"unterminated");
    assert_eq!(t["specs"].as_array().map(Vec::len), Some(1));
    assert_eq!(w.iter().filter_map(|w| w.line).collect::<Vec<_>>(), vec![1, 2, 3, 4, 5], "{w:?}");
    assert!(parse("\u{7f}ELF\u{0}\u{0}\u{2}\n").documents.is_empty());
    let chain: String = (0..10_000).map(|i| format!("Cmnd_Alias C{i} = C{}\n", i + 1)).collect();
    let (t, _, _) = doc(&format!("{chain}alice ALL = C0\n"));
    assert_eq!(t["specs"][0]["command_expanded"], json!(["C64"]), "deep alias chains stop expanding");
}

#[test]
fn fixture_snapshot() {
    let out = parse(include_str!("../../fixtures/parse/sudoers/sudoers"));
    insta::assert_yaml_snapshot!("sudoers_fixture", snapshot_view(&out));
}
