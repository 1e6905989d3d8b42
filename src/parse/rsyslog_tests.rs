use super::super::line_format::snapshot_view;
use super::*;

fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
    super::super::line_format::single_doc(parse(text))
}

#[test]
fn legacy_and_rainerscript_forwards_share_one_shape() {
    let text = "$DefaultNetstreamDriver gtls\r\n*.* @logs.example.com\r\n\
        $ActionSendStreamDriver gtls\r\n$ActionSendStreamDriverMode 1  \r\n\
        authpriv.* @@(o)[::1]:6514;RSYSLOG_SyslogProtocol23Format\r\n\
        *.* action(type=\"omfwd\" Target=\"siem\" port=\"6514\"\r\n   protocol=\"tcp\" StreamDriverMode=\"1\")\r\n";
    let (t, spans, w) = doc(text);
    assert!(w.is_empty(), "{w:?}");
    let a = &t["actions"];
    assert_eq!(
        a[0],
        json!({"type": "omfwd", "target": "logs.example.com", "protocol": "udp", "selector": "*.*", "legacy": true})
    );
    assert_eq!(a[1]["target"], "::1");
    assert_eq!(a[1]["port"], "6514");
    assert_eq!(a[1]["protocol"], "tcp");
    assert_eq!(a[1]["streamdriver"], "gtls");
    assert_eq!(a[1]["streamdrivermode"], "1");
    assert_eq!(a[1]["template"], "RSYSLOG_SyslogProtocol23Format");
    assert_eq!(
        a[2],
        json!({"type": "omfwd", "target": "siem", "port": "6514", "protocol": "tcp", "streamdrivermode": "1", "selector": "*.*", "legacy": false})
    );
    assert_eq!(t["directives"]["$defaultnetstreamdriver"], "gtls");
    assert_eq!(spans.exact("/actions/2"), Some(Pos { line: 6, column: 1 }));
    assert_eq!(spans.exact("/actions/2/protocol"), Some(Pos { line: 7, column: 4 }));
    assert_eq!(spans.exact("/directives/$actionsendstreamdrivermode").map(|p| p.line), Some(4));
}

#[test]
fn actions_in_blocks_carry_condition_and_ruleset() {
    let text = "ruleset(name=\"r\") {\n  if $a == 1 then {\n    if $b then /var/log/b\n    action(type=\"omfile\" file=\"/x\")\n  } else action(type=\"omfile\" file=\"/y\")\n}\n\
        if $c then stop\nelse {\n /* c */ *.* :omusrmsg:root\n}\nif $d then /d\n& /e\n";
    let (t, _, w) = doc(text);
    assert!(w.is_empty(), "{w:?}");
    let a = &t["actions"];
    assert_eq!(a[0]["condition"], "($a == 1) and ($b)");
    assert_eq!(a[0]["ruleset"], "r");
    assert_eq!(a[1]["condition"], "$a == 1");
    assert_eq!(a[2]["condition"], "not ($a == 1)");
    assert_eq!(a[2]["ruleset"], "r");
    assert_eq!(
        a[3],
        json!({"type": "omusrmsg", "params": "root", "selector": "*.*", "condition": "not ($c)", "legacy": true})
    );
    assert_eq!(a[5], json!({"type": "omfile", "file": "/e", "condition": "$d", "legacy": true}));
}

#[test]
fn garbage_gives_warnings_not_panics() {
    let long = format!("*.* /var/log/{}\n", "x".repeat(100_000));
    let (t, _, _) = doc(&long);
    assert_eq!(t["actions"][0]["file"].as_str().map(str::len), Some(100_009));
    let text = "module(load=\"imfile)\n*.* /ok\n\u{0}\u{1}\u{fffd}\naction(type=)\n}\n:msg, contains /x\nmail.* %%%\nif $x then {\n";
    let (t, _, w) = doc(text);
    assert_eq!(t["actions"][0]["file"], "/ok");
    assert_eq!(w.iter().filter_map(|w| w.line).collect::<Vec<_>>(), vec![1, 3, 4, 5, 6, 7, 9], "{w:?}");
    assert!(parse("\u{7f}ELF\u{0}\u{0}\u{2}\n").documents.is_empty());
    assert!(!parse("if $x then").warnings.is_empty());
    let deep = format!("{}action(type=\"omfile\" file=\"/x\")\n*.* /ok\n", "if $x then ".repeat(10_000));
    let (t, _, w) = doc(&deep);
    assert_eq!((t["actions"][0]["file"].as_str(), w.len()), (Some("/ok"), 1));
}

#[test]
fn fixture_snapshot() {
    let out = parse(include_str!("../../fixtures/parse/rsyslog/rsyslog.conf"));
    insta::assert_yaml_snapshot!("rsyslog_fixture", snapshot_view(&out));
}

#[test]
fn legacy_queue_directives_belong_to_the_next_action_only() {
    let (tree, _, _) = doc("$ActionQueueType LinkedList\n\
         $ActionQueueFileName fwd-siem\n\
         $ActionResumeRetryCount -1\n\
         *.* @@siem.example.net:6514\n\
         auth.* @@backup.example.net:6514\n");
    let actions = tree["actions"].as_array().cloned().unwrap_or_default();
    assert_eq!(actions[0]["queue.type"], "LinkedList");
    assert_eq!(actions[0]["queue.filename"], "fwd-siem");
    assert_eq!(actions[0]["action.resumeretrycount"], "-1");
    // rsyslog resets the queue settings after each action: the second forward runs Direct.
    assert!(actions[1].get("queue.type").is_none(), "{:?}", actions[1]);
    assert!(actions[1].get("queue.filename").is_none());
}
