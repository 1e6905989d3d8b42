//! sudoers → one tree in which every user specification is expanded to one entry per command,
//! carrying the run-as list and tags in effect for that command exactly as sudo carries them over
//! (`(root) NOPASSWD: /a, /b` makes both passwordless), plus alias-resolved copies of the user and
//! command lists, so a rule can ask "is any command `ALL` without a password" without knowing the
//! grammar. `Defaults` lines keep their order (sudo applies the last match); `#include(dir)` and
//! `@include(dir)` are recorded, not followed.

use super::line_format::{finish, warn};
use super::ParseOutput;
use crate::document::{LineIndex, SpanIndex};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// One character of a logical line and its byte offset in the file.
type Ch = (char, usize);

/// Tag pairs; a tag stays in effect for the following commands of the same spec until its
/// opposite appears.
const TAGS: [(&str, &str); 8] = [
    ("NOPASSWD", "PASSWD"),
    ("NOEXEC", "EXEC"),
    ("SETENV", "NOSETENV"),
    ("LOG_INPUT", "NOLOG_INPUT"),
    ("LOG_OUTPUT", "NOLOG_OUTPUT"),
    ("MAIL", "NOMAIL"),
    ("FOLLOW", "NOFOLLOW"),
    ("INTERCEPT", "NOINTERCEPT"),
];
/// Per-command options (`CWD=/tmp`), parsed so they are not mistaken for commands.
const OPTIONS: &[&str] =
    &["ROLE", "TYPE", "CHROOT", "CWD", "NOTBEFORE", "NOTAFTER", "TIMEOUT", "APPARMOR_PROFILE", "PRIVS", "LIMITPRIVS"];
/// Alias keyword → key under `aliases`.
const ALIASES: [(&str, &str); 5] = [
    ("User_Alias", "user"),
    ("Runas_Alias", "runas"),
    ("Host_Alias", "host"),
    ("Cmnd_Alias", "command"),
    ("Cmd_Alias", "command"),
];

#[derive(Default)]
struct Out {
    defaults: Vec<Value>,
    aliases: Map<String, Value>,
    specs: Vec<Value>,
    includes: Vec<Value>,
    /// Pointer → byte offset; turned into positions at the end.
    spans: Vec<(String, usize)>,
}

pub fn parse(text: &str) -> ParseOutput {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let index = LineIndex::new(text);
    let at = |offset: usize| index.pos(offset);
    let mut out = Out::default();
    for kind in ["user", "runas", "host", "command"] {
        out.aliases.insert(kind.into(), Value::Object(Map::new()));
    }
    let mut warnings = Vec::new();
    let mut understood = 0usize;
    for line in logical_lines(text) {
        let start = skip_ws(&line, 0);
        let Some(&(first, offset)) = line.get(start) else {
            continue;
        };
        let rest: String = line.iter().skip(start).map(|c| c.0).collect();
        let word = rest.split(|c: char| c.is_whitespace()).next().unwrap_or("");
        let result = match word {
            "#include" | "@include" | "#includedir" | "@includedir" => {
                let path = rest.get(word.len()..).unwrap_or("").trim().trim_matches('"').to_string();
                let directive = word.trim_start_matches(['#', '@']);
                out.spans.push((format!("/includes/{}", out.includes.len()), offset));
                out.includes.push(json!({ "directive": directive, "path": path }));
                warnings.push(warn(at(offset), format!("{word} {path} not followed: the files it names are not part of this assessment unless scanned too")));
                Ok(())
            }
            _ if first == '#' && !line.get(start + 1).is_some_and(|c| c.0.is_ascii_digit()) => continue,
            _ => {
                let line = strip_comment(&line);
                if rest.starts_with("Defaults") {
                    defaults(&line, start, &mut out)
                } else if let Some((_, kind)) = ALIASES.iter().find(|(k, _)| *k == word) {
                    aliases(&line, start + word.len(), kind, &mut out)
                } else {
                    spec(&line, start, &mut out)
                }
            }
        };
        match result {
            Ok(()) => understood += 1,
            Err(message) => warnings.push(warn(at(offset), message)),
        }
    }

    let mut spans = SpanIndex::new();
    for (ptr, offset) in &out.spans {
        spans.insert(ptr.clone(), at(*offset));
    }
    let strings = |v: Option<&Value>| -> Vec<String> {
        let items = v.and_then(Value::as_array).into_iter().flatten();
        items.filter_map(Value::as_str).map(String::from).collect()
    };
    let table = |kind: &str| -> HashMap<String, Vec<String>> {
        let aliases = out.aliases.get(kind).and_then(Value::as_object).into_iter().flatten();
        aliases.map(|(k, v)| (k.clone(), strings(Some(v)))).collect()
    };
    let (user_aliases, command_aliases) = (table("user"), table("command"));
    for spec in &mut out.specs {
        let users = expand(&strings(spec.get("users")), &user_aliases, &mut Vec::new());
        let command = spec.get("command").and_then(Value::as_str).unwrap_or_default();
        let command = expand(&[command.to_string()], &command_aliases, &mut Vec::new());
        if let Some(m) = spec.as_object_mut() {
            m.insert("users_expanded".into(), json!(users));
            m.insert("command_expanded".into(), json!(command));
        }
    }
    let tree =
        json!({ "defaults": out.defaults, "aliases": out.aliases, "specs": out.specs, "includes": out.includes });
    finish("sudoers", tree, spans, warnings, understood)
}

/// Lines with backslash continuations joined (the newline becomes a space), offsets kept.
fn logical_lines(text: &str) -> Vec<Vec<Ch>> {
    let mut lines = Vec::new();
    let mut cur: Vec<Ch> = Vec::new();
    let mut offset = 0;
    for piece in text.split('\n') {
        let start = offset;
        offset += piece.len() + 1;
        let piece = piece.trim_end();
        let (body, more) = piece.strip_suffix('\\').map_or((piece, false), |b| (b, true));
        cur.extend(body.char_indices().map(|(i, c)| (c, start + i)));
        if more {
            cur.push((' ', start + body.len()));
        } else {
            lines.push(std::mem::take(&mut cur));
        }
    }
    lines.push(cur);
    lines
}

/// Cut at a `#` outside quotes that is not a `#uid`.
fn strip_comment(line: &[Ch]) -> Vec<Ch> {
    let (mut quoted, mut escaped) = (false, false);
    for (i, &(c, _)) in line.iter().enumerate() {
        match c {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => quoted = !quoted,
            '#' if !quoted && !line.get(i + 1).is_some_and(|n| n.0.is_ascii_digit()) => {
                return line.iter().take(i).copied().collect()
            }
            _ => {}
        }
    }
    line.to_vec()
}

fn skip_ws(l: &[Ch], mut i: usize) -> usize {
    while l.get(i).is_some_and(|c| c.0.is_whitespace()) {
        i += 1;
    }
    i
}

fn char_at(l: &[Ch], i: usize) -> Option<char> {
    l.get(i).map(|c| c.0)
}

fn offset_at(l: &[Ch], i: usize) -> usize {
    l.get(i).or(l.last()).map_or(0, |c| c.1)
}

/// One word: up to whitespace, `,` or a stop char; `"…"` quotes and `\x` escapes honoured.
fn read_word(l: &[Ch], mut i: usize, stops: &[char]) -> (String, usize) {
    let (mut s, mut quoted) = (String::new(), false);
    while let Some(c) = char_at(l, i) {
        match (c, char_at(l, i + 1)) {
            ('"', _) => quoted = !quoted,
            ('\\', Some(n)) => {
                s.push(n);
                i += 1;
            }
            _ if !quoted && (c.is_whitespace() || c == ',' || stops.contains(&c)) => break,
            _ => s.push(c),
        }
        i += 1;
    }
    (s, i)
}

/// `a, b ,c`: words joined by commas; whitespace not next to a comma ends the list.
fn read_list(l: &[Ch], mut i: usize, stops: &[char]) -> (Vec<String>, usize, usize) {
    let mut items = Vec::new();
    i = skip_ws(l, i);
    let start = offset_at(l, i);
    loop {
        i = skip_ws(l, i);
        let (word, j) = read_word(l, i, stops);
        if j == i {
            break;
        }
        items.push(word);
        i = skip_ws(l, j);
        if char_at(l, i) != Some(',') {
            break;
        }
        i += 1;
    }
    (items, i, start)
}

/// A command or alias item: up to an unescaped `,` or `:`, whitespace collapsed, `\,` `\:` `\=`
/// unescaped, a leading `!` kept tight and a leading `shaNNN:` digest dropped.
fn read_item(l: &[Ch], mut i: usize, colon_ends: impl Fn(usize) -> bool) -> (String, usize) {
    let mut s = String::new();
    i = skip_ws(l, i);
    while char_at(l, i) == Some('!') {
        s.push('!');
        i = skip_ws(l, i + 1);
    }
    let digest: String = l.iter().skip(i).take(7).map(|c| c.0).collect();
    if ["sha224:", "sha256:", "sha384:", "sha512:"].contains(&digest.as_str()) {
        while char_at(l, i).is_some_and(|c| !c.is_whitespace()) {
            i += 1;
        }
        i = skip_ws(l, i);
    }
    while let Some(c) = char_at(l, i) {
        match (c, char_at(l, i + 1)) {
            ('\\', Some(n @ (',' | ':' | '=' | '\\'))) => {
                s.push(n);
                i += 1;
            }
            (',', _) => break,
            (':', _) if colon_ends(i) => break,
            _ if c.is_whitespace() => {
                if !s.is_empty() && !s.ends_with(' ') {
                    s.push(' ');
                }
            }
            _ => s.push(c),
        }
        i += 1;
    }
    (s.trim_end().to_string(), i)
}

/// `Defaults[:@>!target] setting, !flag, key=value, key+="quoted"`.
fn defaults(l: &[Ch], start: usize, out: &mut Out) -> Result<(), String> {
    let mut i = start + "Defaults".len();
    let (scope, target) = match char_at(l, i) {
        None => ("global", None),
        Some(c) if c.is_whitespace() => ("global", None),
        Some(c @ (':' | '@' | '>' | '!')) => {
            let (items, j, _) = read_list(l, i + 1, &[]);
            i = j;
            let scope = match c {
                ':' => "user",
                '@' => "host",
                '>' => "runas",
                _ => "command",
            };
            (scope, Some(items.join(",")))
        }
        Some(_) => return Err("line not understood: expected a user specification".into()),
    };
    let n = out.defaults.len();
    let mut settings = Map::new();
    let mut item = String::new();
    let mut item_at = i;
    let (mut quoted, mut escaped) = (false, false);
    for j in i..=l.len() {
        let c = char_at(l, j);
        if c.is_none() || (c == Some(',') && !quoted && !escaped) {
            for (key, value) in setting(&item) {
                out.spans.push((format!("/defaults/{n}/settings/{key}"), offset_at(l, skip_ws(l, item_at))));
                let joined = match (settings.get(&key), &value) {
                    (Some(Value::String(old)), Value::String(new)) if key.ends_with(['+', '-']) => {
                        Value::String(format!("{old} {new}"))
                    }
                    _ => value,
                };
                settings.insert(key, joined);
            }
            item.clear();
            item_at = j + 1;
            continue;
        }
        let c = c.unwrap_or(' ');
        quoted ^= c == '"' && !escaped;
        escaped = !escaped && c == '\\';
        item.push(c);
    }
    if settings.is_empty() {
        return Err("Defaults without settings".into());
    }
    let unterminated = quoted;
    let p = format!("/defaults/{n}");
    for f in ["", "/scope", "/target"] {
        out.spans.push((format!("{p}{f}"), offset_at(l, start)));
    }
    out.defaults.push(json!({ "scope": scope, "target": target, "settings": settings }));
    if unterminated {
        return Err("unterminated quote in Defaults: value kept as written".into());
    }
    Ok(())
}

/// One `Defaults` item → (key, value): `flag` → true, `!flag` → false, `k=v`, `k+=v` → `k+`.
fn setting(item: &str) -> Vec<(String, Value)> {
    let item = item.trim();
    let unquote = |v: &str| {
        let v = v.trim();
        let inner = v.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(v);
        inner.replace("\\\"", "\"").replace("\\\\", "\\")
    };
    if let Some(eq) = item.find('=') {
        let (key, value) = item.split_at(eq);
        let key = key.trim();
        let (name, op) = match (key.strip_suffix('+'), key.strip_suffix('-')) {
            (Some(k), _) => (k, "+"),
            (_, Some(k)) => (k, "-"),
            _ => (key, ""),
        };
        let key = format!("{}{op}", name.trim_end().to_ascii_lowercase());
        return vec![(key, Value::String(unquote(value.get(1..).unwrap_or(""))))];
    }
    item.split_whitespace()
        .map(|w| {
            let bangs = w.len() - w.trim_start_matches('!').len();
            (w.trim_start_matches('!').to_ascii_lowercase(), Value::Bool(bangs % 2 == 0))
        })
        .filter(|(k, _)| !k.is_empty())
        .collect()
}

/// `Cmnd_Alias NAME = a, b : NAME2 = c`.
/// A definition of an existing name is ignored (and reported once the line is read).
fn aliases(l: &[Ch], mut i: usize, kind: &str, out: &mut Out) -> Result<(), String> {
    // A `:` separates definitions only when `NAME =` follows (IPv6 hosts and digests hold colons).
    let next_def = |j: usize| {
        let (name, k) = read_word(l, skip_ws(l, j + 1), &['=']);
        is_alias_name(&name) && char_at(l, skip_ws(l, k)) == Some('=')
    };
    let mut again = Vec::new();
    loop {
        i = skip_ws(l, i);
        let name_at = offset_at(l, i);
        let (name, j) = read_word(l, i, &['=']);
        i = skip_ws(l, j);
        if !is_alias_name(&name) || char_at(l, i) != Some('=') {
            return Err(format!("alias definition not understood: expected `NAME = item, …` after {name:?}"));
        }
        let mut items = Vec::new();
        loop {
            let (item, j) = read_item(l, i + 1, next_def);
            items.push(Value::String(item));
            i = j;
            if char_at(l, i) != Some(',') {
                break;
            }
        }
        let table = out.aliases.get_mut(kind).and_then(Value::as_object_mut);
        match table {
            Some(t) if t.contains_key(&name) => again.push(name),
            Some(t) => {
                out.spans.push((format!("/aliases/{kind}/{name}"), name_at));
                t.insert(name, Value::Array(items));
            }
            None => {}
        }
        if char_at(l, i) != Some(':') {
            return match again.as_slice() {
                [] => Ok(()),
                names => Err(format!("alias {} defined again: ignored", names.join(", "))),
            };
        }
        i += 1;
    }
}

fn is_alias_name(s: &str) -> bool {
    s != "ALL"
        && s.starts_with(|c: char| c.is_ascii_uppercase())
        && s.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
}

/// `users hosts = (runas:groups) TAG: cmd, cmd : hosts2 = cmd`.
fn spec(l: &[Ch], start: usize, out: &mut Out) -> Result<(), String> {
    let not_spec = || "line not understood: expected `users hosts = commands`".to_string();
    let (users, mut i, _) = read_list(l, start, &['=']);
    loop {
        let (hosts, j, hosts_at) = read_list(l, i, &['=']);
        if users.is_empty() || hosts.is_empty() || char_at(l, j) != Some('=') {
            return Err(not_spec());
        }
        i = j + 1;
        let mut runas: Option<(Vec<String>, Vec<String>, usize)> = None;
        let mut tags = ([None::<bool>; 8], None);
        loop {
            i = skip_ws(l, i);
            if char_at(l, i) == Some('(') {
                let (u, j, _) = read_list(l, i + 1, &[':', ')']);
                let (g, j, _) =
                    if char_at(l, j) == Some(':') { read_list(l, j + 1, &[')']) } else { (Vec::new(), j, 0) };
                if char_at(l, j) != Some(')') {
                    return Err("unterminated run-as list `(`".into());
                }
                runas = Some((u, g, offset_at(l, i)));
                i = skip_ws(l, j + 1);
            }
            loop {
                let (word, j) = read_word(l, i, &[':', '=']);
                let pair = TAGS.iter().enumerate().find_map(|(n, (on, off))| {
                    (word == *on).then_some((n, true)).or((word == *off).then_some((n, false)))
                });
                match (pair, char_at(l, skip_ws(l, j))) {
                    (Some((n, on)), Some(':')) => {
                        if let Some(slot) = tags.0.get_mut(n) {
                            *slot = Some(on);
                        }
                        tags.1 = Some(offset_at(l, i));
                        i = skip_ws(l, skip_ws(l, j) + 1);
                    }
                    (None, Some('=')) if OPTIONS.contains(&word.as_str()) => {
                        i = skip_ws(l, read_word(l, skip_ws(l, skip_ws(l, j) + 1), &[]).1);
                    }
                    _ => break,
                }
            }
            let command_at = offset_at(l, i);
            let (command, j) = read_item(l, i, |_| true);
            let negated = (command.len() - command.trim_start_matches('!').len()) % 2 == 1;
            let bare = command.trim_start_matches('!').to_string();
            if bare.is_empty() {
                return Err("missing command in user specification".into());
            }
            let p = format!("/specs/{}", out.specs.len());
            let spec_at = offset_at(l, start);
            let mut fields = vec![("", spec_at), ("/users", spec_at), ("/users_expanded", spec_at)];
            fields.extend([("/hosts", hosts_at), ("/command", command_at), ("/command_expanded", command_at)]);
            fields.push(("/negated", command_at));
            if let Some((_, _, r)) = runas {
                fields.extend([("/runas_users", r), ("/runas_groups", r), ("/runas_given", r)]);
            }
            fields.extend(tags.1.map(|t| ("/tags", t)));
            out.spans.extend(fields.into_iter().map(|(f, o)| (format!("{p}{f}"), o)));
            let tag_names: Vec<&str> =
                TAGS.iter().zip(tags.0).filter_map(|((on, off), t)| t.map(|t| if t { *on } else { *off })).collect();
            let (runas_users, runas_groups) = match &runas {
                Some((u, g, _)) => (u.clone(), g.clone()),
                None => (vec!["root".to_string()], Vec::new()),
            };
            out.specs.push(json!({
                "users": users, "hosts": hosts, "runas_users": runas_users, "runas_groups": runas_groups,
                "runas_given": runas.is_some(), "tags": tag_names, "command": bare, "negated": negated,
            }));
            i = j + 1;
            match char_at(l, j) {
                Some(',') => {}
                Some(_) => break,
                None => return Ok(()),
            }
        }
    }
}

/// Aliases nested deeper than this are left unexpanded (expansion recurses).
const MAX_DEPTH: usize = 64;

/// Resolve aliases recursively; `!` on an alias negates its members; cycles stop expanding.
fn expand(items: &[String], table: &HashMap<String, Vec<String>>, seen: &mut Vec<String>) -> Vec<String> {
    let mut out = Vec::new();
    for item in items {
        let name = item.trim_start_matches('!');
        let negated = (item.len() - name.len()) % 2 == 1;
        match table.get(name) {
            Some(members) if seen.len() < MAX_DEPTH && !seen.iter().any(|s| s == name) => {
                seen.push(name.to_string());
                for m in expand(members, table, seen) {
                    out.push(if !negated {
                        m
                    } else if let Some(plain) = m.strip_prefix('!') {
                        plain.to_string()
                    } else {
                        format!("!{m}")
                    });
                }
                seen.pop();
            }
            _ => out.push(item.clone()),
        }
    }
    out
}

#[cfg(test)]
#[path = "sudoers_tests.rs"]
mod tests;
