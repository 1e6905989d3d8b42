//! Light events: the fields the quality scorecard and the quick rejections read, parsed by a
//! [`FieldPlan`] into a small tree whose strings are borrowed from the record's text. Most audit
//! events match no rule: for them no `serde_json::Value` is ever built (maps of owned keys,
//! hashed), which is most of the cost of reading a log. [`Tree`] lets the scorecard and the
//! rejections read a light tree and a `Value` alike.

use super::plan::{same_key, FieldPlan, KeySeed};
use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::borrow::Cow;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
pub enum Lite<'a> {
    Null,
    Bool(bool),
    Num(Number),
    Str(Cow<'a, str>),
    List(Vec<Lite<'a>>),
    Map(Vec<(Cow<'a, str>, Lite<'a>)>),
}

/// What a node is, for readers that do not care which tree it is in.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Shape<'a> {
    Null,
    Bool(bool),
    Num(f64),
    Str(&'a str),
    List,
    Map,
}

/// Read access shared by [`Lite`] and `serde_json::Value`.
pub trait Tree {
    fn get(&self, key: &str) -> Option<&Self>;
    fn index(&self, i: usize) -> Option<&Self>;
    fn shape(&self) -> Shape<'_>;
    /// True when `f` holds for some element of a list (`lists`) or value of a map (`maps`).
    fn any_child(&self, lists: bool, maps: bool, f: &mut dyn FnMut(&Self) -> bool) -> bool;
}

impl Tree for Lite<'_> {
    fn get(&self, key: &str) -> Option<&Self> {
        match self {
            // The last of duplicate keys wins, as in serde_json.
            Lite::Map(m) => m.iter().rev().find(|(k, _)| same_key(k, key)).map(|(_, v)| v),
            _ => None,
        }
    }

    fn index(&self, i: usize) -> Option<&Self> {
        match self {
            Lite::List(items) => items.get(i),
            _ => None,
        }
    }

    fn shape(&self) -> Shape<'_> {
        match self {
            Lite::Null => Shape::Null,
            Lite::Bool(b) => Shape::Bool(*b),
            Lite::Num(n) => Shape::Num(n.as_f64().unwrap_or(f64::NAN)),
            Lite::Str(s) => Shape::Str(s),
            Lite::List(_) => Shape::List,
            Lite::Map(_) => Shape::Map,
        }
    }

    fn any_child(&self, lists: bool, maps: bool, f: &mut dyn FnMut(&Self) -> bool) -> bool {
        match self {
            Lite::List(items) if lists => items.iter().any(f),
            Lite::Map(m) if maps => m.iter().any(|(_, v)| f(v)),
            _ => false,
        }
    }
}

impl Tree for Value {
    fn get(&self, key: &str) -> Option<&Self> {
        self.as_object().and_then(|m| m.get(key))
    }

    fn index(&self, i: usize) -> Option<&Self> {
        self.as_array().and_then(|a| a.get(i))
    }

    fn shape(&self) -> Shape<'_> {
        match self {
            Value::Null => Shape::Null,
            Value::Bool(b) => Shape::Bool(*b),
            Value::Number(n) => Shape::Num(n.as_f64().unwrap_or(f64::NAN)),
            Value::String(s) => Shape::Str(s),
            Value::Array(_) => Shape::List,
            Value::Object(_) => Shape::Map,
        }
    }

    fn any_child(&self, lists: bool, maps: bool, f: &mut dyn FnMut(&Self) -> bool) -> bool {
        match self {
            Value::Array(items) if lists => items.iter().any(f),
            Value::Object(m) if maps => m.values().any(f),
            _ => false,
        }
    }
}

impl FieldPlan {
    /// Parse one JSON text into a light tree of the parts this plan keeps.
    pub fn parse_lite<'a>(&self, text: &'a str) -> serde_json::Result<Lite<'a>> {
        let mut de = serde_json::Deserializer::from_str(text);
        let v = KeepLite(if self.keeps_everything() { None } else { Some(self) }).deserialize(&mut de)?;
        de.end()?;
        Ok(v)
    }
}

impl Lite<'_> {
    /// The `Value` of what `plan` keeps of this tree, which must have been parsed by a plan that
    /// keeps at least as much: the same `Value` as parsing the text by `plan` (`None`: all).
    pub fn to_value(&self, plan: Option<&FieldPlan>) -> Value {
        let plan = plan.filter(|p| !p.keeps_everything());
        match self {
            Lite::Null => Value::Null,
            Lite::Bool(b) => Value::Bool(*b),
            Lite::Num(n) => Value::Number(n.clone()),
            Lite::Str(s) => Value::String(s.to_string()),
            Lite::List(items) => {
                let each = match plan {
                    None => Some(None),
                    Some(p) => p.each().map(Some),
                };
                match each {
                    Some(each) => Value::Array(items.iter().map(|i| i.to_value(each)).collect()),
                    None => Value::Array(Vec::new()),
                }
            }
            Lite::Map(entries) => {
                let mut out = Map::with_capacity(plan.map_or(entries.len(), FieldPlan::key_count));
                for (k, v) in entries {
                    let child = match plan {
                        None => Some(None),
                        Some(p) => p.child(k).map(Some),
                    };
                    if let Some(child) = child {
                        out.insert(k.to_string(), v.to_value(child));
                    }
                }
                Value::Object(out)
            }
        }
    }
}

/// Deserialise a node by a plan (`None`: all of it).
struct KeepLite<'p>(Option<&'p FieldPlan>);

impl<'de> DeserializeSeed<'de> for KeepLite<'_> {
    type Value = Lite<'de>;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Lite<'de>, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for KeepLite<'_> {
    type Value = Lite<'de>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Lite<'de>, E> {
        Ok(Lite::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Lite<'de>, E> {
        Ok(Lite::Num(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Lite<'de>, E> {
        Ok(Lite::Num(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Lite<'de>, E> {
        Ok(Number::from_f64(v).map_or(Lite::Null, Lite::Num))
    }

    fn visit_borrowed_str<E>(self, v: &'de str) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Borrowed(v)))
    }

    fn visit_str<E>(self, v: &str) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Owned(v.to_string())))
    }

    fn visit_string<E>(self, v: String) -> Result<Lite<'de>, E> {
        Ok(Lite::Str(Cow::Owned(v)))
    }

    fn visit_unit<E>(self) -> Result<Lite<'de>, E> {
        Ok(Lite::Null)
    }

    fn visit_none<E>(self) -> Result<Lite<'de>, E> {
        Ok(Lite::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Lite<'de>, D::Error> {
        self.deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Lite<'de>, A::Error> {
        let mut out = Vec::new();
        let each = match self.0 {
            None => Some(None),
            Some(plan) => plan.each().map(|p| if p.keeps_everything() { None } else { Some(p) }),
        };
        match each {
            Some(each) => {
                while let Some(v) = seq.next_element_seed(KeepLite(each))? {
                    out.push(v);
                }
            }
            None => while seq.next_element::<IgnoredAny>()?.is_some() {},
        }
        Ok(Lite::List(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Lite<'de>, A::Error> {
        let mut out = Vec::with_capacity(self.0.map_or(8, FieldPlan::key_count));
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let child = match self.0 {
                None => Some(None),
                Some(plan) => plan.child(&key).map(|p| if p.keeps_everything() { None } else { Some(p) }),
            };
            match child {
                Some(plan) => {
                    let v = map.next_value_seed(KeepLite(plan))?;
                    out.push((key, v));
                }
                None => {
                    map.next_value::<IgnoredAny>()?;
                }
            }
        }
        Ok(Lite::Map(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::logs::plan::{join, Seg};
    use crate::rules::path::Path;

    fn seg(path: &str) -> Vec<Seg> {
        join(&[], &Path::parse(path).expect("path"))
    }

    #[test]
    fn light_trees_borrow_and_read_like_values() {
        let mut plan = FieldPlan::default();
        plan.add(&seg("user.groups"));
        plan.reach(&seg("requestParameters"));
        plan.add(&seg("sourceIPs[*]"));
        let text = r#"{"user":{"username":"a","groups":["x","y\u0041"]},"requestParameters":{"big":[1,2]},
            "sourceIPs":["10.0.0.1"],"verb":"get","n":1.5}"#;
        let lite = plan.parse_lite(text).expect("parses");
        let value = plan.parse(text).expect("parses");
        for (l, v) in
            [(lite.get("user"), value.get("user")), (lite.get("requestParameters"), value.get("requestParameters"))]
        {
            assert_eq!(l.map(Tree::shape), v.map(Tree::shape));
        }
        let groups = lite.get("user").and_then(|u| u.get("groups")).expect("groups");
        assert_eq!(groups.index(1).map(Tree::shape), Some(Shape::Str("yA")));
        assert!(matches!(groups.index(0), Some(Lite::Str(Cow::Borrowed("x")))), "no escapes: borrowed");
        assert_eq!(lite.get("requestParameters"), Some(&Lite::Map(Vec::new())), "only its presence was asked for");
        assert!(lite.get("verb").is_none() && lite.get("n").is_none());
        let mut seen = Vec::new();
        lite.get("sourceIPs").expect("ips").any_child(true, false, &mut |c| {
            seen.push(format!("{:?}", c.shape()));
            false
        });
        assert_eq!(seen, vec![format!("{:?}", Shape::Str("10.0.0.1"))]);
        let all = FieldPlan::everything().parse_lite(text).expect("parses");
        assert_eq!(all.get("n").map(Tree::shape), Some(Shape::Num(1.5)));
        assert_eq!(all.to_value(None), serde_json::from_str::<Value>(text).expect("parses"));
        assert!(plan.parse_lite(r#"{"user": "#).is_err());
    }

    #[test]
    fn values_from_light_trees_equal_values_parsed_by_the_smaller_plan() {
        let text = r#"{"userIdentity":{"type":"IAMUser","arn":"a","n":200,"f":1.5,"neg":-3},"eventName":"X",
            "eventName":"Y","requestParameters":{"items":[{"k":1,"v":[true,null]},{"k":2}]},"other":{"deep":1}}"#;
        let (mut small, mut big) = (FieldPlan::default(), FieldPlan::default());
        small.add(&seg("userIdentity"));
        small.add(&seg("eventName"));
        small.add(&seg("requestParameters.items[*].k"));
        big.add(&seg("userIdentity"));
        big.add(&seg("eventName"));
        big.add(&seg("requestParameters"));
        big.reach(&seg("other"));
        let lite = big.parse_lite(text).expect("parses");
        let want = small.parse(text).expect("parses");
        assert_eq!(lite.to_value(Some(&small)), want);
        assert_eq!(want["userIdentity"]["n"], serde_json::json!(200), "integers stay integers");
        assert_eq!(want["eventName"], "Y", "the last duplicate key wins");
        assert_eq!(lite.to_value(Some(&big)), big.parse(text).expect("parses"));
    }
}
