//! Field plans: which parts of a JSON event anyone will read, so that only those are built.
//!
//! A Kubernetes audit event or CloudTrail record is mostly bodies no rule looks at
//! (`requestObject`, `responseElements`, `tlsDetails`, annotations). Building all of it as a
//! `serde_json::Value` is most of the cost of reading a log; a plan lists the paths the applicable
//! rules (predicates and message templates) and the quality scorecard read, and the event is
//! deserialised into a `Value` holding those paths and nothing else. Everything a path reaches is
//! kept whole, so any operator sees exactly what it would see in the full event.

use crate::rules::model::{Rule, RuleBody};
use crate::rules::path::{Path, Step};
use crate::rules::predicate::Predicate;
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

/// A step of a path, owned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Seg {
    Key(String),
    AnyValue,
    Element,
}

impl From<Step<'_>> for Seg {
    fn from(s: Step<'_>) -> Self {
        match s {
            Step::Key(k) => Seg::Key(k.to_string()),
            Step::AnyValue => Seg::AnyValue,
            Step::Element => Seg::Element,
        }
    }
}

/// What to keep of one node.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldPlan {
    /// Keep the node whole.
    all: bool,
    keys: Vec<(String, FieldPlan)>,
    /// Keep every value of a map (and element of a list), each by this plan (`*`).
    any: Option<Box<FieldPlan>>,
    /// Keep every element of a list, each by this plan (`[*]`, `[N]`).
    elements: Option<Box<FieldPlan>>,
}

impl FieldPlan {
    /// A plan that keeps everything (the full event).
    pub fn everything() -> Self {
        FieldPlan { all: true, ..FieldPlan::default() }
    }

    pub fn keeps_everything(&self) -> bool {
        self.all
    }

    /// Keep whatever `path` reaches, whole.
    pub fn add(&mut self, path: &[Seg]) {
        let mut node = self;
        for seg in path {
            if node.all {
                return;
            }
            node = node.child_mut(seg);
        }
        *node = FieldPlan::everything();
    }

    /// Keep the nodes `path` reaches, but only as far as other additions say: a `count` or
    /// `every` over them still sees each one, and a presence check (the quality scorecard asks
    /// whether a CloudTrail record has `requestParameters`) sees a map without building it. A
    /// scalar is always kept whole.
    pub fn reach(&mut self, path: &[Seg]) {
        let mut node = self;
        for seg in path {
            if node.all {
                return;
            }
            node = node.child_mut(seg);
        }
    }

    fn child_mut(&mut self, seg: &Seg) -> &mut FieldPlan {
        match seg {
            Seg::Key(k) => {
                let i = match self.keys.iter().position(|(key, _)| key == k) {
                    Some(i) => i,
                    None => {
                        self.keys.push((k.clone(), FieldPlan::default()));
                        self.keys.len() - 1
                    }
                };
                &mut self.keys[i].1
            }
            Seg::AnyValue => self.any.get_or_insert_with(Box::default),
            Seg::Element => self.elements.get_or_insert_with(Box::default),
        }
    }

    /// Add what an event rule reads: its predicates and its message and resource templates.
    pub fn add_rule(&mut self, rule: &Rule) {
        self.add_rule_predicates(rule);
        self.add_rule_templates(rule);
    }

    /// Add what an event rule's predicates read: enough to count the event, not to write it up.
    pub fn add_rule_predicates(&mut self, rule: &Rule) {
        let RuleBody::Events(check) = &rule.body else { return };
        for p in check.filter.iter().chain(check.require.iter()) {
            self.add_predicate(&[], p);
        }
    }

    /// Add what an event rule's message and resource templates read.
    pub fn add_rule_templates(&mut self, rule: &Rule) {
        let RuleBody::Events(check) = &rule.body else { return };
        let templates = [Some(&rule.message), rule.pass_message.as_ref(), check.resource.as_ref()];
        for t in templates.into_iter().flatten() {
            for path in t.paths() {
                self.add(&join(&[], path));
            }
        }
    }

    fn add_predicate(&mut self, base: &[Seg], p: &Predicate) {
        match p {
            Predicate::All(ps) | Predicate::Any(ps) | Predicate::None(ps) => {
                for q in ps {
                    self.add_predicate(base, q);
                }
            }
            Predicate::Not(q) => self.add_predicate(base, q),
            Predicate::Every { path, require } | Predicate::Some { path, require } => {
                let at = join(base, path);
                self.reach(&at);
                self.add_predicate(&at, require);
            }
            Predicate::Count { path, filter, .. } => {
                let at = join(base, path);
                self.reach(&at);
                if let Some(f) = filter {
                    self.add_predicate(&at, f);
                }
            }
            Predicate::Leaf { path, .. } => self.add(&join(base, path)),
        }
    }

    pub(super) fn child(&self, key: &str) -> Option<&FieldPlan> {
        self.keys.iter().find(|(k, _)| same_key(k, key)).map(|(_, p)| p).or(self.any.as_deref())
    }

    /// The plan for the elements of a list (`[*]`, or `*`).
    pub(super) fn each(&self) -> Option<&FieldPlan> {
        self.elements.as_deref().or(self.any.as_deref())
    }

    pub(super) fn key_count(&self) -> usize {
        self.keys.len()
    }

    /// Parse one JSON text into the parts of it this plan keeps.
    pub fn parse(&self, text: &str) -> serde_json::Result<Value> {
        let mut de = serde_json::Deserializer::from_str(text);
        let v = Keep(self).deserialize(&mut de)?;
        de.end()?;
        Ok(v)
    }
}

/// Key equality, cheapest checks first: event keys are compared with every planned key, and
/// many share a length (`eventName`, `eventTime`, `awsRegion`, `userAgent`…).
pub(super) fn same_key(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    a.len() == b.len() && a.first() == b.first() && a.last() == b.last() && a == b
}

/// `base` followed by `path` (or `path` alone when it is anchored at the root).
pub fn join(base: &[Seg], path: &Path) -> Vec<Seg> {
    let mut out = if path.is_rooted() { Vec::new() } else { base.to_vec() };
    out.extend(path.steps().map(Seg::from));
    out
}

/// Deserialise a node by a plan.
struct Keep<'p>(&'p FieldPlan);

impl<'de> DeserializeSeed<'de> for Keep<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.0.all {
            Value::deserialize(d)
        } else {
            d.deserialize_any(self)
        }
    }
}

impl<'de> Visitor<'de> for Keep<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut out = Vec::new();
        match self.0.each() {
            Some(each) => {
                while let Some(v) = seq.next_element_seed(Keep(each))? {
                    out.push(v);
                }
            }
            // No path steps into this list: a key step on a list selects nothing anyway.
            None => while seq.next_element::<IgnoredAny>()?.is_some() {},
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::with_capacity(self.0.keys.len().min(map.size_hint().unwrap_or(usize::MAX)));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            match self.0.child(&key) {
                Some(plan) => {
                    let v = map.next_value_seed(Keep(plan))?;
                    out.insert(key.into_owned(), v);
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Value::Object(out))
    }
}

/// A map key, borrowed from the input when it has no escapes.
pub(super) struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        d.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed {
    type Value = Cow<'de, str>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a string key")
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Self::Value, E> {
        Ok(Cow::Borrowed(v))
    }

    fn visit_str<E>(self, v: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(v))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn seg(path: &str) -> Vec<Seg> {
        join(&[], &Path::parse(path).expect("path"))
    }

    #[test]
    fn keeps_only_planned_paths_whole() {
        let mut plan = FieldPlan::default();
        plan.add(&seg("user.username"));
        plan.add(&seg("sourceIPs"));
        plan.add(&seg("responseObject.items[*].data"));
        let text = r#"{"user":{"username":"alice","groups":["g"]},"sourceIPs":["10.0.0.1","10.0.0.2"],
            "requestObject":{"big":[1,2,3]},"responseObject":{"kind":"SecretList","items":[{"metadata":{},"data":{"k":"v"}},{"data":null},3]},
            "user2":"x\u0041"}"#;
        let v = plan.parse(text).expect("parses");
        assert_eq!(
            v,
            json!({"user":{"username":"alice"},"sourceIPs":["10.0.0.1","10.0.0.2"],
                   "responseObject":{"items":[{"data":{"k":"v"}},{"data":null},3]}})
        );
        assert!(FieldPlan::everything().parse(text).is_ok_and(|v| v["requestObject"]["big"][2] == 3));
        assert!(plan.parse(r#"{"user": {"username": "a"}} trailing"#).is_err(), "trailing text is an error");
        assert!(plan.parse(r#"{"user": {"username": "a"}"#).is_err(), "a cut-off event is an error");
    }

    #[test]
    fn map_wildcards_keep_every_key_and_escaped_keys_match() {
        let mut plan = FieldPlan::default();
        plan.add(&seg("annotations.*"));
        plan.add(&seg("\"addr.remote\""));
        let v = plan.parse(r#"{"annotations":{"a":1,"b":{"c":2}},"addr.remote":"1.2.3.4:5","a\u0064dr.local":"x","\u0061nnotations2":1,"source\u0049Ps":["9.9.9.9"]}"#).expect("parses");
        assert_eq!(v, json!({"annotations":{"a":1,"b":{"c":2}},"addr.remote":"1.2.3.4:5"}));
        plan.add(&seg("sourceIPs"));
        let v = plan.parse(r#"{"source\u0049Ps":["9.9.9.9"],"other":1}"#).expect("parses");
        assert_eq!(v, json!({"sourceIPs":["9.9.9.9"]}), "an escaped key is compared unescaped");
    }
}
