//! OpenSSH `sshd_config` → one tree, with sshd's own semantics applied so rules need not know
//! them: keywords are case-insensitive (keys are lowercase), the *first* value of a keyword wins,
//! `Match` blocks hold their own settings, and `Include`s are recorded but not followed.
//!
//! Tree: `{"settings": {key: "value"}, "match": [{"criteria", "settings"}], "includes": [path]}`.
//! Keywords that accumulate (`AllowUsers`, `Port`, `HostKey`…) are arrays of strings.
//!
//! Absent keywords are *not* filled in; rules apply the documented defaults. The ones rules care
//! about (OpenSSH 9.x): `PasswordAuthentication yes`, `KbdInteractiveAuthentication yes`,
//! `PermitRootLogin prohibit-password` (since 7.0), `PubkeyAuthentication yes`,
//! `PermitEmptyPasswords no`, `X11Forwarding no`, `MaxAuthTries 6`, `LogLevel INFO`,
//! `ClientAliveInterval 0`.
//!
//! This file also holds the few helpers the other line-oriented parsers share.

use super::line_format::{finish, statements, warn};
use super::ParseOutput;
use crate::document::{push_pointer, Pos, SpanIndex};
use serde_json::{Map, Value};
use std::collections::HashMap;

/// Keywords whose values accumulate over lines instead of first-wins.
const ACCUMULATE: &[&str] = &[
    "allowusers",
    "allowgroups",
    "denyusers",
    "denygroups",
    "hostkey",
    "listenaddress",
    "port",
    "acceptenv",
    "subsystem",
    "include",
    "hostcertificate",
    "setenv",
];
/// Accumulating keywords whose line holds several whitespace-separated values.
const SPLIT: &[&str] = &["allowusers", "allowgroups", "denyusers", "denygroups", "acceptenv", "setenv", "include"];
const KBD: &str = "kbdinteractiveauthentication";
const CHALLENGE: &str = "challengeresponseauthentication";

/// One settings scope: the global section or a `Match` block.
struct Section {
    ptr: String,
    settings: Map<String, Value>,
    /// Line of the value that won, per key, for duplicate warnings.
    lines: HashMap<String, u32>,
}

impl Section {
    fn new(ptr: String) -> Self {
        Self { ptr, settings: Map::new(), lines: HashMap::new() }
    }

    fn first_line(&self, key: &str) -> Option<u32> {
        self.lines.get(key).copied()
    }

    fn set(&mut self, key: &str, value: &str, at: Pos, spans: &mut SpanIndex) {
        self.settings.insert(key.to_string(), Value::String(value.to_string()));
        self.lines.insert(key.to_string(), at.line);
        spans.insert(push_pointer(&push_pointer(&self.ptr, "settings"), key), at);
    }

    fn append(&mut self, key: &str, values: Vec<String>, at: Pos, spans: &mut SpanIndex) {
        let key_ptr = push_pointer(&push_pointer(&self.ptr, "settings"), key);
        spans.insert(key_ptr.clone(), at);
        let entry = self.settings.entry(key.to_string()).or_insert_with(|| Value::Array(Vec::new()));
        if let Value::Array(items) = entry {
            for v in values {
                spans.insert(push_pointer(&key_ptr, &items.len().to_string()), at);
                items.push(Value::String(v));
            }
        }
    }
}

pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut spans = SpanIndex::new();
    let mut warnings = Vec::new();
    let mut global = Section::new(String::new());
    let mut blocks: Vec<(String, Section)> = Vec::new();
    let mut includes: Vec<Value> = Vec::new();
    let mut global_includes: Vec<Pos> = Vec::new();
    let mut last_global_line = 0u32;
    let mut understood = 0usize;

    for (at, body) in statements(text) {
        let kw_end = body.find(|c: char| c.is_whitespace() || c == '=').unwrap_or(body.len());
        let (kw, rest) = body.split_at(kw_end);
        let rest = rest.trim_start();
        let rest = rest.strip_prefix('=').unwrap_or(rest).trim_start();
        if kw.is_empty() || !kw.chars().all(|c| c.is_ascii_alphanumeric()) {
            warnings.push(warn(at, "line not understood: expected `Keyword value`"));
            continue;
        }
        let (words, end, open_quote) = words(rest);
        let value = match words.as_slice() {
            [single] => single.clone(),
            _ => rest.get(..end).unwrap_or(rest).trim_end().to_string(),
        };
        if open_quote {
            warnings.push(warn(at, format!("unterminated quote in {kw}: value kept as written")));
        }
        let key = kw.to_ascii_lowercase();
        if key == "match" {
            understood += 1;
            if value.is_empty() {
                warnings.push(warn(at, "Match without criteria: sshd would reject this file"));
            }
            let ptr = format!("/match/{}", blocks.len());
            spans.insert(ptr.clone(), at);
            spans.insert(format!("{ptr}/criteria"), at);
            blocks.push((value, Section::new(ptr)));
            continue;
        }
        if value.is_empty() {
            warnings.push(warn(at, format!("{kw} has no value: ignored")));
            continue;
        }
        understood += 1;
        let section = match blocks.last_mut() {
            Some((_, s)) => s,
            None => {
                if key != "include" {
                    last_global_line = at.line;
                }
                &mut global
            }
        };
        if key == "include" {
            for w in &words {
                spans.insert(format!("/includes/{}", includes.len()), at);
                includes.push(Value::String(w.clone()));
            }
            if section.ptr.is_empty() {
                global_includes.push(at);
            } else {
                warnings.push(warn(at, INCLUDE_NOTE));
            }
        }
        if ACCUMULATE.contains(&key.as_str()) {
            let values = if SPLIT.contains(&key.as_str()) { words } else { vec![value] };
            section.append(&key, values, at, &mut spans);
        } else if let Some(first) = section.first_line(&key) {
            warnings.push(warn(at, format!("duplicate {kw} ignored: sshd uses the first value (line {first})")));
        } else {
            section.set(&key, &value, at, &mut spans);
            if key == CHALLENGE {
                match section.first_line(KBD) {
                    None => section.set(KBD, &value, at, &mut spans),
                    Some(first) => warnings.push(warn(
                        at,
                        format!("{kw} ignored: it is an alias of KbdInteractiveAuthentication, set on line {first}"),
                    )),
                }
            }
        }
    }

    for at in global_includes {
        let note = if at.line < last_global_line {
            format!("{INCLUDE_NOTE}; it comes before settings of this file, and as sshd uses the first value, included files may override them")
        } else {
            INCLUDE_NOTE.to_string()
        };
        warnings.push(warn(at, note));
    }
    let matches = blocks
        .into_iter()
        .map(|(criteria, s)| {
            let mut m = Map::new();
            m.insert("criteria".into(), Value::String(criteria));
            m.insert("settings".into(), Value::Object(s.settings));
            Value::Object(m)
        })
        .collect();
    let mut tree = Map::new();
    tree.insert("settings".into(), Value::Object(global.settings));
    tree.insert("match".into(), Value::Array(matches));
    tree.insert("includes".into(), Value::Array(includes));
    finish("sshd_config", Value::Object(tree), spans, warnings, understood)
}

const INCLUDE_NOTE: &str = "Include not followed: values from included files are not part of this assessment";

/// sshd's argument splitting: whitespace-separated words, `"…"` groups, an unquoted word starting
/// with `#` ends the line. Returns the words, the byte offset where a comment began, and whether a
/// quote was left open.
fn words(s: &str) -> (Vec<String>, usize, bool) {
    let mut out = Vec::new();
    let mut cur: Option<String> = None;
    let mut in_quote = false;
    for (i, c) in s.char_indices() {
        match c {
            '"' => {
                in_quote = !in_quote;
                cur.get_or_insert_with(String::new);
            }
            '#' if !in_quote && cur.is_none() => return (out, i, false),
            c if c.is_whitespace() && !in_quote => out.extend(cur.take()),
            c => cur.get_or_insert_with(String::new).push(c),
        }
    }
    out.extend(cur);
    (out, s.len(), in_quote)
}

#[cfg(test)]
mod tests {
    use super::*;

    use super::super::line_format::{single_doc, snapshot_view};

    fn doc(text: &str) -> (Value, SpanIndex, Vec<super::super::ParseProblem>) {
        single_doc(parse(text))
    }

    const DEBIAN: &str = "Include /etc/ssh/sshd_config.d/*.conf\r\n\
        # comment\r\n\
        Port 22\r\n\
        PasswordAuthentication no   \r\n\
        passwordauthentication yes\r\n\
        KbdInteractiveAuthentication=no\r\n\
        AuthenticationMethods \"publickey,keyboard-interactive\"\r\n\
        AllowUsers alice bob # trailing comment\r\n\
        AllowUsers carol\r\n\
        Subsystem sftp /usr/lib/openssh/sftp-server\r\n\
        Match User backup\r\n\
        \tPasswordAuthentication yes\r\n\
        \tPermitRootLogin no\r\n\
        \tPasswordAuthentication no\r\n\
        Match all\r\n\
        X11Forwarding yes\r\n";

    #[test]
    fn first_value_wins_and_match_blocks_hold_their_settings() {
        let (t, spans, warnings) = doc(DEBIAN);
        assert_eq!(t["settings"]["passwordauthentication"], "no");
        assert_eq!(t["settings"]["kbdinteractiveauthentication"], "no");
        assert_eq!(t["settings"]["authenticationmethods"], "publickey,keyboard-interactive");
        assert_eq!(t["settings"]["allowusers"], serde_json::json!(["alice", "bob", "carol"]));
        assert_eq!(t["settings"]["port"], serde_json::json!(["22"]));
        assert_eq!(t["settings"]["subsystem"], serde_json::json!(["sftp /usr/lib/openssh/sftp-server"]));
        assert!(t["settings"].get("x11forwarding").is_none(), "belongs to Match all");
        assert_eq!(t["match"][0]["criteria"], "User backup");
        assert_eq!(t["match"][0]["settings"]["passwordauthentication"], "yes");
        assert_eq!(t["match"][1]["settings"]["x11forwarding"], "yes");
        assert_eq!(t["includes"], serde_json::json!(["/etc/ssh/sshd_config.d/*.conf"]));
        assert_eq!(spans.exact("/settings/passwordauthentication"), Some(Pos { line: 4, column: 1 }));
        assert_eq!(spans.exact("/match/0/settings/permitrootlogin"), Some(Pos { line: 13, column: 2 }));
        assert_eq!(spans.exact("/match/1").map(|p| p.line), Some(15));
        assert_eq!(spans.exact("/includes/0").map(|p| p.line), Some(1));
        let msgs: Vec<&str> = warnings.iter().map(|w| w.message.as_str()).collect();
        assert!(msgs[0].starts_with("Include not followed") && msgs[0].contains("may override"), "{msgs:?}");
        assert_eq!(msgs[1], "duplicate passwordauthentication ignored: sshd uses the first value (line 4)");
        assert_eq!(warnings[2].line, Some(14));
    }

    #[test]
    fn challenge_response_is_an_alias_first_value_wins() {
        let (t, spans, w) = doc("ChallengeResponseAuthentication yes\nKbdInteractiveAuthentication no\n");
        assert_eq!(t["settings"][CHALLENGE], "yes");
        assert_eq!(t["settings"][KBD], "yes");
        assert_eq!(spans.exact("/settings/kbdinteractiveauthentication").map(|p| p.line), Some(1));
        assert_eq!(w[0].line, Some(2));
        let (t, _, w) = doc("KbdInteractiveAuthentication no\nChallengeResponseAuthentication yes\n");
        assert_eq!(t["settings"][KBD], "no");
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn include_after_settings_is_only_not_followed() {
        let (_, _, w) = doc("PermitRootLogin no\nInclude a.conf b.conf\n");
        assert_eq!(w.len(), 1);
        assert_eq!(w[0].message, INCLUDE_NOTE);
    }

    #[test]
    fn garbage_gives_warnings_not_panics() {
        let long = format!("PasswordAuthentication {}\n", "x".repeat(100_000));
        let (t, _, _) = doc(&long);
        assert_eq!(t["settings"]["passwordauthentication"].as_str().map(str::len), Some(100_000));
        let (t, _, w) = doc("Banner \"/etc/issue\nPermitRootLogin yes\n\u{0}\u{1}\u{fffd}zz\nPort\n=\n");
        assert_eq!(t["settings"]["banner"], "/etc/issue");
        assert_eq!(t["settings"]["permitrootlogin"], "yes");
        assert_eq!(w.len(), 4, "{w:?}");
        let out = parse("\u{0}\u{1}\u{2}garbage\n\u{7f}ELF\u{0}\u{0}\n");
        assert!(out.documents.is_empty() && out.problems.len() == 1);
        let out = parse("");
        assert_eq!(out.documents.len(), 1);
    }

    #[test]
    fn fixture_snapshot() {
        let out = parse(include_str!("../../fixtures/parse/sshd/sshd_config"));
        insta::assert_yaml_snapshot!("sshd_fixture", snapshot_view(&out));
    }
}
