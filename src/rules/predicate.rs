//! The predicate language: leaf operators over the nodes a path selects, and combinators.
//! Compiled once from the rule's YAML (every error carries the JSON pointer of the offending key,
//! which the loader turns into file:line:col), evaluated per instance with a *blame* pointer: the
//! node that decided the outcome, so a finding cites the exact line (`PasswordAuthentication yes`,
//! not the top of the file).
//!
//! Leaf semantics: a leaf is true when *any* selected node satisfies the operator (use `every` for
//! all). Null counts as absent. When nothing is selected and the leaf has a `default`, the operator
//! runs on the default — that is how documented defaults (sshd passwords on, Vault 768h leases) are
//! encoded. Without a default, only `absent` is true on nothing.

use super::path::{Hit, Node, Path};
use super::values::{as_number, duration_of, loose_eq, parse_duration, scalar_text, truthiness, Cidr};
use crate::document::push_pointer;
use regex::Regex;
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub enum Cmp {
    Gt,
    Gte,
    Lt,
    Lte,
}

#[derive(Debug, Clone)]
pub enum Op {
    Exists(bool),
    Absent(bool),
    Equals(Value),
    In(Vec<Value>),
    Matches(Regex),
    Contains(Value),
    Number(Cmp, f64),
    Duration(Cmp, f64),
    Truthy(bool),
    OpenToWorld(bool),
    CidrWithin(Cidr),
}

#[derive(Debug, Clone)]
pub enum Predicate {
    All(Vec<Predicate>),
    Any(Vec<Predicate>),
    None(Vec<Predicate>),
    Not(Box<Predicate>),
    Every { path: Path, require: Box<Predicate> },
    Some { path: Path, require: Box<Predicate> },
    Count { path: Path, filter: Option<Box<Predicate>>, cmp: Cmp, n: f64 },
    Leaf { path: Path, default: Option<Value>, ignore_case: bool, op: Op },
}

/// A compile error at a JSON pointer inside the rule document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompileError {
    pub pointer: String,
    pub message: String,
}

/// The outcome of evaluating a predicate on one node.
#[derive(Debug, Clone)]
pub struct Outcome {
    pub ok: bool,
    /// The node that decided the outcome, as a pointer from the document root.
    pub blame: Option<String>,
}

const OPERATORS: &[&str] = &[
    "exists",
    "absent",
    "equals",
    "in",
    "matches",
    "contains",
    "gt",
    "gte",
    "lt",
    "lte",
    "longer_than",
    "at_most",
    "truthy",
    "open_to_world",
    "cidr_within",
];
const COMBINATORS: &[&str] = &["all", "any", "none", "not", "every", "some", "count"];
const LEAF_MODIFIERS: &[&str] = &["path", "default", "ignore_case"];

struct Compiler<'e> {
    errors: &'e mut Vec<CompileError>,
}

impl Compiler<'_> {
    fn err(&mut self, pointer: &str, message: impl Into<String>) {
        self.errors.push(CompileError { pointer: pointer.to_string(), message: message.into() });
    }

    fn path(&mut self, v: &Value, ptr: &str) -> Option<Path> {
        match v.as_str() {
            Some(s) => match Path::parse(s) {
                Ok(p) => Some(p),
                Err(e) => {
                    self.err(ptr, e);
                    None
                }
            },
            None => {
                self.err(ptr, "a path must be a string");
                None
            }
        }
    }

    fn list(&mut self, v: &Value, ptr: &str) -> Vec<Predicate> {
        match v {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .filter_map(|(i, it)| self.predicate(it, &push_pointer(ptr, &i.to_string())))
                .collect(),
            _ => {
                self.err(ptr, "expected a list of predicates");
                Vec::new()
            }
        }
    }

    fn predicate(&mut self, v: &Value, ptr: &str) -> Option<Predicate> {
        let Value::Object(map) = v else {
            self.err(ptr, "a predicate must be a mapping such as `{path: x, equals: y}` or `{all: [...]}`");
            return None;
        };
        let combinators: Vec<&str> = map.keys().map(String::as_str).filter(|k| COMBINATORS.contains(k)).collect();
        if let [comb] = combinators[..] {
            return self.combinator(comb, map, ptr);
        }
        if combinators.len() > 1 {
            self.err(ptr, format!("one combinator per predicate, found {}", combinators.join(", ")));
            return None;
        }
        self.leaf(map, ptr)
    }

    fn combinator(&mut self, comb: &str, map: &Map<String, Value>, ptr: &str) -> Option<Predicate> {
        let arg = &map[comb];
        let arg_ptr = push_pointer(ptr, comb);
        let allowed: &[&str] = match comb {
            "every" | "some" => &["require"],
            "count" => &["where", "gt", "gte", "lt", "lte"],
            _ => &[],
        };
        for k in map.keys().filter(|k| k.as_str() != comb && !allowed.contains(&k.as_str())) {
            self.err(&push_pointer(ptr, k), format!("unexpected key `{k}` next to `{comb}`"));
        }
        match comb {
            "all" => Some(Predicate::All(self.list(arg, &arg_ptr))),
            "any" => Some(Predicate::Any(self.list(arg, &arg_ptr))),
            "none" => Some(Predicate::None(self.list(arg, &arg_ptr))),
            "not" => self.predicate(arg, &arg_ptr).map(|p| Predicate::Not(Box::new(p))),
            "every" | "some" => {
                let path = self.path(arg, &arg_ptr);
                let require = match map.get("require") {
                    Some(r) => self.predicate(r, &push_pointer(ptr, "require")),
                    None => {
                        self.err(ptr, format!("`{comb}` needs `require`"));
                        None
                    }
                };
                let (path, require) = (path?, Box::new(require?));
                Some(if comb == "every" {
                    Predicate::Every { path, require }
                } else {
                    Predicate::Some { path, require }
                })
            }
            _ => {
                let path = self.path(arg, &arg_ptr);
                let filter = match map.get("where") {
                    Some(w) => Some(Box::new(self.predicate(w, &push_pointer(ptr, "where"))?)),
                    None => None,
                };
                let mut cmp = None;
                for (k, c) in [("gt", Cmp::Gt), ("gte", Cmp::Gte), ("lt", Cmp::Lt), ("lte", Cmp::Lte)] {
                    if let Some(v) = map.get(k) {
                        match as_number(v) {
                            Some(n) => cmp = Some((c, n)),
                            None => self.err(&push_pointer(ptr, k), "expected a number"),
                        }
                    }
                }
                let Some((cmp, n)) = cmp else {
                    self.err(ptr, "`count` needs one of gt, gte, lt, lte");
                    return None;
                };
                Some(Predicate::Count { path: path?, filter, cmp, n })
            }
        }
    }

    fn leaf(&mut self, map: &Map<String, Value>, ptr: &str) -> Option<Predicate> {
        let ops: Vec<&str> = map.keys().map(String::as_str).filter(|k| OPERATORS.contains(k)).collect();
        let mut unknown = false;
        for k in map.keys() {
            if !OPERATORS.contains(&k.as_str()) && !LEAF_MODIFIERS.contains(&k.as_str()) {
                let hint = closest(k);
                self.err(&push_pointer(ptr, k), format!("unknown operator or key `{k}`{hint}"));
                unknown = true;
            }
        }
        let op_name = match ops[..] {
            [one] => one,
            // The unknown key was most likely the operator: one message is enough.
            [] if unknown => return None,
            [] => {
                self.err(
                    ptr,
                    "a predicate needs one operator (e.g. `equals`, `exists`) or a combinator (`all`, `any`…)",
                );
                return None;
            }
            _ => {
                self.err(ptr, format!("one operator per predicate, found {}; combine with `all`", ops.join(", ")));
                return None;
            }
        };
        let path = match map.get("path") {
            Some(p) => self.path(p, &push_pointer(ptr, "path"))?,
            None => Path::parse("@").ok()?,
        };
        let ignore_case = map.get("ignore_case").and_then(Value::as_bool).unwrap_or(false);
        let arg = &map[op_name];
        let arg_ptr = push_pointer(ptr, op_name);
        let op = self.op(op_name, arg, &arg_ptr)?;
        let default = map.get("default").cloned();
        Some(Predicate::Leaf { path, default, ignore_case, op })
    }

    fn op(&mut self, name: &str, arg: &Value, ptr: &str) -> Option<Op> {
        let flag = |c: &mut Self| match arg.as_bool() {
            Some(b) => Some(b),
            None => {
                c.err(ptr, format!("`{name}` takes true or false"));
                None
            }
        };
        let cmp = |n: &str| match n {
            "gt" | "longer_than" => Cmp::Gt,
            "gte" => Cmp::Gte,
            "lt" => Cmp::Lt,
            _ => Cmp::Lte,
        };
        Some(match name {
            "exists" => Op::Exists(flag(self)?),
            "absent" => Op::Absent(flag(self)?),
            "truthy" => Op::Truthy(flag(self)?),
            "open_to_world" => Op::OpenToWorld(flag(self)?),
            "equals" => Op::Equals(arg.clone()),
            "contains" => Op::Contains(arg.clone()),
            "in" => match arg {
                Value::Array(items) => Op::In(items.clone()),
                _ => {
                    self.err(ptr, "`in` takes a list");
                    return None;
                }
            },
            "matches" => {
                let Some(src) = arg.as_str() else {
                    self.err(ptr, "`matches` takes a regular expression string");
                    return None;
                };
                match regex::RegexBuilder::new(src).size_limit(1 << 20).build() {
                    Ok(re) => Op::Matches(re),
                    Err(e) => {
                        self.err(ptr, format!("invalid regular expression: {e}"));
                        return None;
                    }
                }
            }
            "cidr_within" => match arg.as_str().and_then(Cidr::parse) {
                Some(c) => Op::CidrWithin(c),
                None => {
                    self.err(ptr, "`cidr_within` takes a CIDR such as `10.0.0.0/8`");
                    return None;
                }
            },
            // Numbers compare as numbers; a string operand (`"1h"`, `"PT12H"`) makes it a duration.
            _ => match arg {
                Value::Number(n) => Op::Number(cmp(name), n.as_f64().unwrap_or(0.0)),
                Value::String(s) => match parse_duration(s) {
                    Some(secs) => Op::Duration(cmp(name), secs),
                    None => {
                        self.err(ptr, format!("`{s}` is not a number or a duration (`3600`, `1h`, `PT1H`)"));
                        return None;
                    }
                },
                _ => {
                    self.err(ptr, format!("`{name}` takes a number or a duration"));
                    return None;
                }
            },
        })
    }
}

fn closest(k: &str) -> String {
    let all = OPERATORS.iter().chain(COMBINATORS).chain(LEAF_MODIFIERS);
    let best = all.min_by_key(|cand| strsim(k, cand));
    match best {
        Some(b) if strsim(k, b) <= 2 => format!(" (did you mean `{b}`?)"),
        _ => String::new(),
    }
}

/// Levenshtein distance, for "did you mean" hints.
fn strsim(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut cur = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != *cb);
            cur.push((prev[j] + cost).min(prev[j + 1] + 1).min(cur[j] + 1));
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Compile a predicate, collecting every error.
pub fn compile(v: &Value, pointer: &str, errors: &mut Vec<CompileError>) -> Option<Predicate> {
    Compiler { errors }.predicate(v, pointer)
}

fn compare(cmp: &Cmp, a: f64, b: f64) -> bool {
    match cmp {
        Cmp::Gt => a > b,
        Cmp::Gte => a >= b,
        Cmp::Lt => a < b,
        Cmp::Lte => a <= b,
    }
}

fn op_holds(op: &Op, v: &Value, ignore_case: bool) -> bool {
    match op {
        Op::Exists(want) => v.is_null() != *want,
        Op::Absent(want) => v.is_null() == *want,
        Op::Equals(x) => loose_eq(v, x, ignore_case),
        Op::In(xs) => xs.iter().any(|x| loose_eq(v, x, ignore_case)),
        Op::Matches(re) => scalar_text(v).is_some_and(|t| re.is_match(&t)),
        Op::Contains(x) => match v {
            Value::Array(items) => items.iter().any(|it| loose_eq(it, x, ignore_case)),
            Value::String(s) => match scalar_text(x) {
                Some(needle) if ignore_case => s.to_ascii_lowercase().contains(&needle.to_ascii_lowercase()),
                Some(needle) => s.contains(needle.as_ref()),
                None => false,
            },
            Value::Object(m) => x.as_str().is_some_and(|k| m.contains_key(k)),
            _ => false,
        },
        Op::Number(c, n) => as_number(v).is_some_and(|a| compare(c, a, *n)),
        Op::Duration(c, n) => duration_of(v).is_some_and(|a| compare(c, a, *n)),
        Op::Truthy(want) => truthiness(v) == Some(*want),
        Op::OpenToWorld(want) => cidr_values(v).any(|c| c.is_world()) == *want,
        Op::CidrWithin(outer) => {
            let mut cidrs = cidr_values(v).peekable();
            cidrs.peek().is_some() && cidrs.all(|c| c.within(outer))
        }
    }
}

/// CIDRs in a node: a string, or a list of strings (Terraform `cidr_blocks`).
fn cidr_values(v: &Value) -> Box<dyn Iterator<Item = Cidr> + '_> {
    match v {
        Value::String(s) => Box::new(Cidr::parse(s).into_iter()),
        Value::Array(items) => Box::new(items.iter().filter_map(Value::as_str).filter_map(Cidr::parse)),
        _ => Box::new(std::iter::empty()),
    }
}

impl Predicate {
    /// Evaluate on `node`; `root` is the document root for `$` paths.
    pub fn eval(&self, root: Node<'_>, node: Node<'_>) -> Outcome {
        match self {
            Predicate::All(ps) => {
                for p in ps {
                    let o = p.eval(root, node);
                    if !o.ok {
                        return o;
                    }
                }
                Outcome { ok: true, blame: None }
            }
            Predicate::Any(ps) => {
                let mut first_blame = None;
                for p in ps {
                    let o = p.eval(root, node);
                    if o.ok {
                        return o;
                    }
                    first_blame = first_blame.or(o.blame);
                }
                Outcome { ok: false, blame: first_blame }
            }
            Predicate::None(ps) => {
                for p in ps {
                    let o = p.eval(root, node);
                    if o.ok {
                        return Outcome { ok: false, blame: o.blame };
                    }
                }
                Outcome { ok: true, blame: None }
            }
            Predicate::Not(p) => {
                let o = p.eval(root, node);
                Outcome { ok: !o.ok, blame: o.blame }
            }
            Predicate::Every { path, require } => {
                for hit in path.resolve(root, node) {
                    let o = require.eval(root, Node { value: hit.value, pointer: &hit.pointer });
                    if !o.ok {
                        return Outcome { ok: false, blame: o.blame.or(Some(hit.pointer)) };
                    }
                }
                Outcome { ok: true, blame: None }
            }
            Predicate::Some { path, require } => {
                let hits = path.resolve(root, node);
                for hit in &hits {
                    let o = require.eval(root, Node { value: hit.value, pointer: &hit.pointer });
                    if o.ok {
                        return Outcome { ok: true, blame: o.blame.or(Some(hit.pointer.clone())) };
                    }
                }
                Outcome { ok: false, blame: hits.first().map(|h| h.pointer.clone()) }
            }
            Predicate::Count { path, filter, cmp, n } => {
                let hits = path.resolve(root, node);
                let count = hits
                    .iter()
                    .filter(|h| {
                        filter.as_ref().is_none_or(|f| f.eval(root, Node { value: h.value, pointer: &h.pointer }).ok)
                    })
                    .count();
                #[allow(clippy::cast_precision_loss)]
                let ok = compare(cmp, count as f64, *n);
                Outcome { ok, blame: hits.first().map(|h| h.pointer.clone()) }
            }
            Predicate::Leaf { path, default, ignore_case, op } => {
                let hits: Vec<Hit<'_>> = path.resolve(root, node).into_iter().filter(|h| !h.value.is_null()).collect();
                if hits.is_empty() {
                    return match default {
                        Some(d) => Outcome { ok: op_holds(op, d, *ignore_case), blame: Some(node.pointer.to_string()) },
                        None => Outcome {
                            ok: matches!(op, Op::Absent(true) | Op::Exists(false)),
                            blame: Some(node.pointer.to_string()),
                        },
                    };
                }
                if let Op::Absent(want) = op {
                    return Outcome { ok: !*want, blame: hits.first().map(|h| h.pointer.clone()) };
                }
                for hit in &hits {
                    if op_holds(op, hit.value, *ignore_case) {
                        return Outcome { ok: true, blame: Some(hit.pointer.clone()) };
                    }
                }
                Outcome { ok: false, blame: hits.first().map(|h| h.pointer.clone()) }
            }
        }
    }
}

#[cfg(test)]
#[path = "predicate_tests.rs"]
mod tests;
