//! rsyslog configuration (legacy `selector action` lines, `$Directive`s and RainerScript) → one
//! tree whose `actions` list holds every output in one shape, legacy or not, so a rule can ask
//! "is anything forwarded over TLS" without knowing which syntax the host used. A legacy
//! `@@host:port` forward picks up the `$ActionSendStreamDriver*` values in effect at that line,
//! which is how legacy TLS forwarding is configured; it also takes the `$ActionQueue*` values
//! written since the previous action (as `queue.*`), which rsyslog resets after each action. Actions inside `if … then` blocks carry the
//! raw condition (not evaluated); actions inside `ruleset(…) { … }` carry the ruleset name.
//!
//! Tree: `{"modules": [{"load", ..}], "directives": {"$name": "value"}, "inputs": [..],
//! "actions": [{"type", .., "selector"?, "condition"?, "ruleset"?, "legacy"}], "global": {..},
//! "includes": [path]}`. Parameter and directive names are lowercase; the last directive wins.
//! An action with neither selector nor condition receives every message of its ruleset.

use super::line_format::{finish, warn};
use super::ParseOutput;
use crate::document::{escape_token, push_pointer, LineIndex, Pos, SpanIndex};
use serde_json::{json, Map, Value};
use std::collections::HashMap;

/// An open `{ … }` block.
struct Frame {
    condition: Option<String>,
    ruleset: Option<String>,
    /// For an `if` block: the condition an `else` after it gets.
    otherwise: Option<String>,
}

struct P<'a> {
    s: &'a str,
    i: usize,
    index: LineIndex,
    tree: Map<String, Value>,
    spans: SpanIndex,
    /// Spans of last-wins values (directives, global), inserted at the end.
    late: HashMap<String, Pos>,
    warnings: Vec<super::ParseProblem>,
    understood: usize,
    frames: Vec<Frame>,
    otherwise: Option<String>,
    /// The filter (selector, condition) of the last action, for `& action` lines.
    last_filter: (Option<String>, Option<String>),
    /// `$ActionSendStreamDriver*` values in effect, as omfwd parameter names.
    legacy_tls: Map<String, Value>,
    /// `$ActionQueue*` / `$ActionResume*` values waiting for the next legacy action, as action()
    /// parameter names. rsyslog applies them to that one action and then resets them.
    legacy_queue: Map<String, Value>,
    /// Nesting of `if … then if …` single statements (bounded: they recurse).
    depth: usize,
}

const MAX_DEPTH: usize = 64;

pub fn parse(text: &str) -> ParseOutput {
    let s = text.strip_prefix('\u{feff}').unwrap_or(text);
    let tree = json!({"modules": [], "directives": {}, "inputs": [], "actions": [], "global": {}, "includes": []});
    let mut p = P {
        s,
        i: 0,
        index: LineIndex::new(s),
        tree: match tree {
            Value::Object(m) => m,
            _ => Map::new(),
        },
        spans: SpanIndex::new(),
        late: HashMap::new(),
        warnings: Vec::new(),
        understood: 0,
        frames: Vec::new(),
        otherwise: None,
        last_filter: (None, None),
        legacy_tls: Map::new(),
        legacy_queue: Map::new(),
        depth: 0,
    };
    loop {
        p.skip_blank(true);
        let Some(c) = p.peek() else { break };
        let start = p.i;
        p.statement(None);
        if p.i == start {
            p.warn_here(start, format!("unexpected {c:?}"));
            p.i += c.len_utf8();
        }
    }
    if !p.frames.is_empty() {
        p.warn_here(s.len(), "block not closed with `}` before the end of the file");
    }
    for (ptr, at) in p.late {
        p.spans.insert(ptr, at);
    }
    finish("rsyslog", Value::Object(p.tree), p.spans, p.warnings, p.understood)
}

impl<'a> P<'a> {
    fn peek(&self) -> Option<char> {
        self.s.get(self.i..).and_then(|r| r.chars().next())
    }

    fn rest(&self) -> &'a str {
        self.s.get(self.i..).unwrap_or("")
    }

    fn at(&self, offset: usize) -> Pos {
        self.index.pos(offset)
    }

    fn warn_here(&mut self, offset: usize, message: impl Into<String>) {
        self.warnings.push(warn(self.at(offset), message));
    }

    fn eol(&self) -> usize {
        self.rest().find('\n').map_or(self.s.len(), |n| self.i + n)
    }

    /// Skip whitespace (newlines too if `newlines`), `# …` and `/* … */` comments.
    fn skip_blank(&mut self, newlines: bool) {
        loop {
            let r = self.rest();
            let t = if newlines { r.trim_start() } else { r.trim_start_matches([' ', '\t', '\r']) };
            self.i += r.len() - t.len();
            if t.starts_with('#') {
                self.i = self.eol();
            } else if t.starts_with("/*") {
                self.i = t.find("*/").map_or(self.s.len(), |n| self.i + n + 2);
            } else {
                return;
            }
        }
    }

    /// The text up to the end of the line, without a trailing ` # comment`, trimmed.
    fn line_text(&mut self) -> String {
        let end = self.eol();
        let text = self.s.get(self.i..end).unwrap_or("");
        self.i = end;
        let text = text.find(" #").or_else(|| text.find("\t#")).map_or(text, |n| text.get(..n).unwrap_or(text));
        text.trim().to_string()
    }

    fn word(&mut self) -> &'a str {
        let r = self.rest();
        let n = r.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).unwrap_or(r.len());
        self.i += n;
        r.get(..n).unwrap_or("")
    }

    /// The condition an action at this point is under: open blocks' conditions plus `extra`.
    fn condition(&self, extra: Option<&str>) -> Option<String> {
        let all: Vec<&str> = self.frames.iter().filter_map(|f| f.condition.as_deref()).chain(extra).collect();
        match all.as_slice() {
            [] => None,
            [one] => Some((*one).to_string()),
            many => Some(many.iter().map(|c| format!("({c})")).collect::<Vec<_>>().join(" and ")),
        }
    }

    fn statement(&mut self, extra: Option<String>) {
        let start = self.i;
        let otherwise = self.otherwise.take();
        match self.peek() {
            Some('}') => {
                self.i += 1;
                match self.frames.pop() {
                    Some(f) => self.otherwise = f.otherwise,
                    None => self.warn_here(start, "`}` without an open block"),
                }
                return;
            }
            Some('$') => return self.directive(),
            Some(':') => return self.property_filter(extra),
            Some('&') => {
                self.i += 1;
                self.skip_blank(false);
                let (selector, condition) = self.last_filter.clone();
                return self.action_or_legacy(start, selector, condition.or(extra));
            }
            _ => {}
        }
        let line_end = self.eol();
        let token_end = self.rest().find(char::is_whitespace).map_or(self.s.len(), |n| self.i + n);
        let token = self.s.get(self.i..token_end).unwrap_or("");
        let is_selector = token.contains('.') && !token.contains('(') && !token.starts_with(['/', '-', '@']);
        let word = self.word().to_ascii_lowercase();
        self.skip_blank(false);
        match word.as_str() {
            "if" => self.if_statement(start, extra),
            "else" => match otherwise {
                Some(cond) => self.body(start, Some(cond), None),
                None => self.warn_here(start, "`else` without a preceding `if`"),
            },
            _ if !word.is_empty() && self.peek() == Some('(') && !is_selector => self.object(start, &word, None, extra),
            "set" | "unset" | "reset" | "call_indirect" => self.skip_past(';'),
            "call" => drop(self.word()),
            "stop" | "continue" => {}
            "foreach" => {
                self.i = self.rest().find('{').map_or(self.s.len(), |n| self.i + n + 1);
                self.frames.push(Frame { condition: extra, ruleset: None, otherwise: None });
            }
            _ if is_selector || token.starts_with('*') => {
                self.i = token_end;
                self.skip_blank(false);
                self.action_or_legacy(start, Some(token.to_string()), extra);
            }
            _ => {
                self.i = line_end;
                self.warn_here(start, "statement not understood: ignored up to the end of the line");
            }
        }
    }

    /// `if <expr> then <body>`; `extra` is a condition the whole `if` is already under.
    fn if_statement(&mut self, start: usize, extra: Option<String>) {
        let (from, r) = (self.i, self.rest());
        let then = find_unquoted(r, |n, _| {
            let before = r.get(..n).and_then(|b| b.chars().last());
            let after = r.get(n + 4..).and_then(|a| a.chars().next());
            r.get(n..n + 4) == Some("then")
                && before.is_none_or(|b| b.is_whitespace() || b == ')')
                && after.is_none_or(|a| !a.is_alphanumeric())
        });
        let Some(then) = then else {
            self.i = self.s.len();
            return self.warn_here(start, "`if` without `then`: the rest of the file is ignored");
        };
        let own = self.s.get(from..from + then).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
        self.i = from + then + 4;
        let join = |c: &str| match &extra {
            Some(e) => format!("({e}) and ({c})"),
            None => c.to_string(),
        };
        let otherwise = join(&format!("not ({own})"));
        self.understood += 1;
        self.body(start, Some(join(&own)), Some(otherwise));
    }

    /// What follows `then`/`else`: a block, a legacy action, or one statement.
    fn body(&mut self, start: usize, condition: Option<String>, otherwise: Option<String>) {
        self.skip_blank(true);
        let r = self.rest();
        if r.starts_with('{') {
            self.i += 1;
            self.frames.push(Frame { condition, ruleset: None, otherwise });
            return;
        }
        if self.depth > MAX_DEPTH {
            self.i = self.eol();
            self.warn_here(start, "statements nested too deeply: ignored up to the end of the line");
        } else if r.starts_with(['/', '-', '@', '|', '~', '^', '?']) || r.starts_with(":om") {
            self.action_or_legacy(start, None, condition);
        } else {
            self.depth += 1;
            self.statement(condition);
            self.depth -= 1;
        }
        self.otherwise = otherwise;
    }

    /// `$Directive value`.
    fn directive(&mut self) {
        let start = self.i;
        let text = self.line_text();
        let (name, value) = text.split_once(char::is_whitespace).unwrap_or((&text, ""));
        let (name, value) = (name.to_ascii_lowercase(), value.trim().to_string());
        self.understood += 1;
        match name.as_str() {
            "$modload" => {
                let n = self.len("modules");
                self.spans.insert(format!("/modules/{n}/load"), self.at(start));
                self.push("modules", start, json!({ "load": value }));
            }
            "$includeconfig" => self.include(start, value),
            _ => {
                if let Some(field) = name.strip_prefix("$actionsend").filter(|f| f.starts_with("streamdriver")) {
                    self.legacy_tls.insert(field.to_string(), Value::String(value.clone()));
                }
                if let Some(param) = legacy_queue_param(&name) {
                    self.legacy_queue.insert(param, Value::String(value.clone()));
                }
                self.late.insert(push_pointer("/directives", &name), self.at(start));
                if let Some(d) = self.tree.get_mut("directives").and_then(Value::as_object_mut) {
                    d.insert(name, Value::String(value));
                }
            }
        }
    }

    /// `:property, [!]operator, "value" action`.
    fn property_filter(&mut self, extra: Option<String>) {
        let start = self.i;
        let line = self.s.get(self.i..self.eol()).unwrap_or("");
        let value_end = line.match_indices(',').nth(1).and_then(|(c, _)| {
            let open = c + 1 + line.get(c + 1..)?.find('"')?;
            let mut escaped = false;
            line.get(open + 1..)?.char_indices().find_map(|(n, ch)| {
                let close = ch == '"' && !escaped;
                escaped = ch == '\\' && !escaped;
                close.then_some(open + n + 2)
            })
        });
        match value_end {
            Some(end) => {
                let selector = line.get(..end).unwrap_or("").to_string();
                self.i += end;
                self.skip_blank(false);
                self.action_or_legacy(start, Some(selector), extra);
            }
            None => {
                self.i = self.eol();
                self.warn_here(
                    start,
                    "property filter not understood: expected `:property, operator, \"value\" action`",
                );
            }
        }
    }

    /// After a selector: `action(…)` or a legacy action up to the end of the line.
    fn action_or_legacy(&mut self, start: usize, selector: Option<String>, extra: Option<String>) {
        self.last_filter = (selector.clone(), extra.clone());
        if self.rest().get(..6).is_some_and(|w| w.eq_ignore_ascii_case("action")) {
            self.i += 6;
            self.skip_blank(true);
            if self.peek() == Some('(') {
                return self.object(start, "action", selector, extra);
            }
        }
        let text = self.line_text();
        let (body, template) = text.split_once(';').map_or((text.as_str(), None), |(b, t)| (b, Some(t.trim())));
        let mut a = Map::new();
        let mut put = |k: &str, v: &str| a.insert(k.to_string(), Value::String(v.to_string()));
        if let Some(fwd) = body.strip_prefix('@') {
            let (protocol, fwd) = fwd.strip_prefix('@').map_or(("udp", fwd), |f| ("tcp", f));
            let (options, fwd) = match fwd.strip_prefix('(').and_then(|f| f.split_once(')')) {
                Some((o, f)) => (Some(o), f),
                None => (None, fwd),
            };
            let (host, port) = match fwd.strip_prefix('[').and_then(|f| f.split_once(']')) {
                Some((h, p)) => (h, p.strip_prefix(':')),
                None => fwd.split_once(':').map_or((fwd, None), |(h, p)| (h, Some(p))),
            };
            put("type", "omfwd");
            put("target", host);
            if let Some(port) = port.filter(|p| !p.is_empty()) {
                put("port", port);
            }
            put("protocol", protocol);
            if let Some(options) = options {
                put("options", options);
            }
            for (k, v) in &self.legacy_tls {
                put(k, v.as_str().unwrap_or_default());
            }
        } else if let Some(file) =
            body.strip_prefix('-').filter(|f| f.starts_with('/')).or(body.strip_prefix('/').map(|_| body))
        {
            put("type", "omfile");
            put("file", file);
        } else if let Some((kind, key, value)) =
            [('?', "omfile", "dynafile"), ('|', "ompipe", "pipe"), ('^', "omprog", "binary")]
                .iter()
                .find_map(|(c, k, f)| body.strip_prefix(*c).map(|v| (k, f, v)))
        {
            put("type", kind);
            put(key, value);
        } else if let Some((module, params)) = body.strip_prefix(':').and_then(|b| b.split_once(':')) {
            put("type", module);
            put("params", params);
        } else if body == "~" || body == "stop" {
            self.understood += 1;
            return;
        } else if !body.is_empty() && body.chars().all(|c| c.is_alphanumeric() || "*,_-.".contains(c)) {
            put("type", "omusrmsg");
            put("users", body);
        } else {
            return self
                .warn_here(start, format!("action not understood: {:?}", body.chars().take(80).collect::<String>()));
        }
        if let Some(template) = template {
            put("template", template);
        }
        // The queue settings written before this line belong to it alone.
        for (k, v) in std::mem::take(&mut self.legacy_queue) {
            a.insert(k, v);
        }
        self.finish_action(start, a, selector, extra, true);
    }

    fn finish_action(
        &mut self,
        start: usize,
        mut a: Map<String, Value>,
        selector: Option<String>,
        extra: Option<String>,
        legacy: bool,
    ) {
        let optional =
            [("selector", selector), ("condition", self.condition(extra.as_deref())), ("ruleset", self.ruleset())];
        for (k, v) in optional {
            if let Some(v) = v {
                a.insert(k.into(), Value::String(v));
            }
        }
        a.insert("legacy".into(), Value::Bool(legacy));
        let n = self.len("actions");
        for k in a.keys() {
            self.spans.insert(format!("/actions/{n}/{}", escape_token(k)), self.at(start));
        }
        self.push("actions", start, Value::Object(a));
    }

    /// `name(param="value" …)`, and the block that may follow `ruleset(…)` or `template(…)`.
    fn object(&mut self, start: usize, name: &str, selector: Option<String>, extra: Option<String>) {
        let params = match self.params() {
            Ok(p) => p,
            Err(why) => return self.warn_here(start, format!("{name}(…) not understood: {why}")),
        };
        self.understood += 1;
        let list = match name {
            "action" => "actions",
            "module" => "modules",
            "input" => "inputs",
            _ => "",
        };
        let n = self.len(list);
        let mut map = Map::new();
        for (key, value, at) in params {
            match (name, list) {
                ("global", _) => drop(self.late.insert(push_pointer("/global", &key), at)),
                (_, "") => {}
                _ => self.spans.insert(push_pointer(&format!("/{list}/{n}"), &key), at),
            }
            map.insert(key, value);
        }
        let text = |k: &str| map.get(k).and_then(Value::as_str).map(String::from);
        match name {
            "action" => self.finish_action(start, map, selector, extra, false),
            "module" | "input" => self.push(list, start, Value::Object(map)),
            "global" => {
                if let Some(g) = self.tree.get_mut("global").and_then(Value::as_object_mut) {
                    g.extend(map);
                }
            }
            "include" => match text("file") {
                Some(file) => self.include(start, file),
                None => self.warn_here(start, "include(…) without file=: not followed"),
            },
            "ruleset" | "template" => {
                self.skip_blank(true);
                if self.peek() != Some('{') {
                } else if name == "ruleset" {
                    self.i += 1;
                    self.frames.push(Frame { condition: extra, ruleset: text("name"), otherwise: None });
                } else {
                    self.skip_past('}');
                }
            }
            _ => {}
        }
    }

    /// `(name="value" name=[ "a", "b" ] name=bare …)` → lowercase names, values, positions.
    fn params(&mut self) -> Result<Vec<(String, Value, Pos)>, String> {
        self.i += 1;
        let mut out = Vec::new();
        loop {
            self.skip_blank(true);
            let at = self.at(self.i);
            match self.peek() {
                None => return Err("unterminated parameter list".into()),
                Some(')') => {
                    self.i += 1;
                    return Ok(out);
                }
                _ => {}
            }
            let r = self.rest();
            let n = r.find(|c: char| !(c.is_alphanumeric() || "_.-".contains(c))).unwrap_or(r.len());
            self.i += n;
            self.skip_blank(true);
            if n == 0 || self.peek() != Some('=') {
                self.skip_past(')');
                return Err(format!("expected `name=\"value\"` at line {}", at.line));
            }
            self.i += 1;
            self.skip_blank(true);
            let value = self.value()?;
            out.push((r.get(..n).unwrap_or("").to_ascii_lowercase(), value, at));
        }
    }

    fn value(&mut self) -> Result<Value, String> {
        match self.peek() {
            Some(q @ ('"' | '\'')) => self.string(q).map(Value::String),
            Some('[') => {
                self.i += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_blank(true);
                    match self.peek() {
                        Some(']') => {
                            self.i += 1;
                            return Ok(Value::Array(items));
                        }
                        Some(',') => self.i += 1,
                        Some(q @ ('"' | '\'')) => items.push(Value::String(self.string(q)?)),
                        _ => {
                            self.skip_past(')');
                            return Err("malformed [ … ] list".into());
                        }
                    }
                }
            }
            _ => {
                let r = self.rest();
                let n = r.find(|c: char| c.is_whitespace() || c == ')').unwrap_or(r.len());
                self.i += n;
                if n == 0 {
                    self.skip_past(')');
                    return Err("missing value".into());
                }
                Ok(Value::String(r.get(..n).unwrap_or("").to_string()))
            }
        }
    }

    /// A quoted string; `\"`, `\'` and `\\` unescaped, other escapes kept as written.
    fn string(&mut self, quote: char) -> Result<String, String> {
        self.i += 1;
        let mut out = String::new();
        let mut chars = self.rest().char_indices();
        while let Some((n, c)) = chars.next() {
            match c {
                _ if c == quote => {
                    self.i += n + 1;
                    return Ok(out);
                }
                '\\' => match chars.next() {
                    Some((_, e @ ('"' | '\'' | '\\'))) => out.push(e),
                    Some((_, e)) => out.extend(['\\', e]),
                    None => {}
                },
                c => out.push(c),
            }
        }
        self.i = self.eol();
        Err("unterminated string".into())
    }

    fn ruleset(&self) -> Option<String> {
        self.frames.iter().rev().find_map(|f| f.ruleset.clone())
    }

    fn push(&mut self, list: &str, start: usize, value: Value) {
        let at = self.at(start);
        if let Some(items) = self.tree.get_mut(list).and_then(Value::as_array_mut) {
            self.spans.insert(format!("/{list}/{}", items.len()), at);
            items.push(value);
        }
    }

    fn include(&mut self, start: usize, path: String) {
        self.warn_here(start, format!("include {path} not followed: its statements are not part of this assessment"));
        self.push("includes", start, Value::String(path));
    }

    fn skip_past(&mut self, end: char) {
        self.i = find_unquoted(self.rest(), |_, c| c == end).map_or(self.s.len(), |n| self.i + n + 1);
    }

    fn len(&self, list: &str) -> usize {
        self.tree.get(list).and_then(Value::as_array).map_or(0, Vec::len)
    }
}

/// The offset of the first char outside `"…"`/`'…'` for which `hit(offset, char)` holds.
/// `$ActionQueueFileName` → `queue.filename`, `$ActionResumeRetryCount` → `action.resumeretrycount`:
/// the legacy per-action directives under their RainerScript `action()` names.
fn legacy_queue_param(directive: &str) -> Option<String> {
    if let Some(rest) = directive.strip_prefix("$actionqueue") {
        return (!rest.is_empty()).then(|| format!("queue.{rest}"));
    }
    directive.strip_prefix("$actionresume").filter(|r| !r.is_empty()).map(|rest| format!("action.resume{rest}"))
}

fn find_unquoted(s: &str, mut hit: impl FnMut(usize, char) -> bool) -> Option<usize> {
    let mut quote = None;
    for (n, c) in s.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (None, '"' | '\'') => quote = Some(c),
            (None, c) if hit(n, c) => return Some(n),
            _ => {}
        }
    }
    None
}

#[cfg(test)]
#[path = "rsyslog_tests.rs"]
mod tests;
