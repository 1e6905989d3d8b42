//! Quick rejection: most log rules look for rare events (`eventName` is `StopLogging`, the
//! resource is `pods/exec`), and most events fail their `where` on its first string comparison.
//! A [`Need`] is a necessary condition drawn from a rule's `where` — the string equalities it
//! requires — checked on the event without allocating. When it fails, the rule cannot match and
//! the event only counts as seen; when it holds, the rule's full predicate decides. A condition is
//! only ever drawn where it is implied by the predicate, so rejection never changes a verdict.

use super::lite::{Shape, Tree};
use super::plan::{join, Seg};
use crate::rules::predicate::{Op, Predicate};
use serde_json::Value;

#[derive(Debug, Clone, PartialEq)]
pub enum Need {
    /// Nothing cheap to check: evaluate the rule.
    Always,
    /// Some node at `path` is a string equal to one of `any_of` (or a number or boolean, which
    /// loose equality might still match).
    Equal {
        path: Vec<Seg>,
        any_of: Vec<String>,
        ignore_case: bool,
    },
    /// Some node at `path` contains `needle`: a list element equal to it, a string holding it,
    /// a map with it as a key (or a number or boolean, which loose equality might still match).
    Contains {
        path: Vec<Seg>,
        needle: String,
        ignore_case: bool,
    },
    All(Vec<Need>),
    Any(Vec<Need>),
}

impl Need {
    /// The condition implied by `p` evaluated at `base`.
    pub fn of(p: &Predicate) -> Need {
        need(&[], p)
    }

    /// False only when the predicate it came from cannot hold on `event`.
    pub fn may_hold<T: Tree>(&self, event: &T) -> bool {
        match self {
            Need::Always => true,
            Need::Equal { path, any_of, ignore_case } => any_node(event, path, &mut |v| match v.shape() {
                Shape::Str(s) => any_of.iter().any(|x| if *ignore_case { x.eq_ignore_ascii_case(s) } else { x == s }),
                Shape::Num(_) | Shape::Bool(_) => true,
                // Null is absent; a list or map never equals a string.
                Shape::Null | Shape::List | Shape::Map => false,
            }),
            Need::Contains { path, needle, ignore_case } => any_node(event, path, &mut |v| {
                let same = |s: &str| if *ignore_case { s.eq_ignore_ascii_case(needle) } else { s == needle };
                match v.shape() {
                    Shape::List => v.any_child(true, false, &mut |it| match it.shape() {
                        Shape::Num(_) | Shape::Bool(_) => true,
                        Shape::Str(s) => same(s),
                        _ => false,
                    }),
                    Shape::Str(s) if *ignore_case => s.to_ascii_lowercase().contains(&needle.to_ascii_lowercase()),
                    Shape::Str(s) => s.contains(needle.as_str()),
                    Shape::Map => v.get(needle).is_some(),
                    Shape::Num(_) | Shape::Bool(_) => true,
                    Shape::Null => false,
                }
            }),
            Need::All(ns) => ns.iter().all(|n| n.may_hold(event)),
            Need::Any(ns) => ns.iter().any(|n| n.may_hold(event)),
        }
    }

    /// Every path this need reads, for the plan of light events.
    pub fn paths(&self, out: &mut Vec<Vec<Seg>>) {
        match self {
            Need::Always => {}
            Need::Equal { path, .. } | Need::Contains { path, .. } => out.push(path.clone()),
            Need::All(ns) | Need::Any(ns) => ns.iter().for_each(|n| n.paths(out)),
        }
    }
}

fn need(base: &[Seg], p: &Predicate) -> Need {
    match p {
        Predicate::All(ps) => {
            let ns: Vec<Need> = ps.iter().map(|q| need(base, q)).filter(|n| *n != Need::Always).collect();
            if ns.is_empty() {
                Need::Always
            } else {
                Need::All(ns)
            }
        }
        Predicate::Any(ps) => {
            let ns: Vec<Need> = ps.iter().map(|q| need(base, q)).collect();
            if ns.is_empty() || ns.contains(&Need::Always) {
                Need::Always
            } else {
                Need::Any(ns)
            }
        }
        // Some node at the path satisfies `require`, so some node below it satisfies its needs.
        Predicate::Some { path, require } => need(&join(base, path), require),
        // `not`/`none` hold on absence; `every` holds on no node; `count` can ask for zero.
        Predicate::Not(_) | Predicate::None(_) | Predicate::Every { .. } | Predicate::Count { .. } => Need::Always,
        // A default applies when the path selects nothing: absence could satisfy the leaf.
        Predicate::Leaf { default: Some(_), .. } => Need::Always,
        Predicate::Leaf { path, default: None, ignore_case, op } => {
            let strings = |vals: &[Value]| -> Option<Vec<String>> {
                vals.iter().map(|v| v.as_str().map(str::to_string)).collect()
            };
            let any_of = match op {
                Op::Equals(v) => strings(std::slice::from_ref(v)),
                Op::In(vs) if !vs.is_empty() => strings(vs),
                _ => None,
            };
            match (any_of, op) {
                (Some(any_of), _) => Need::Equal { path: join(base, path), any_of, ignore_case: *ignore_case },
                (None, Op::Contains(Value::String(needle))) => {
                    Need::Contains { path: join(base, path), needle: needle.clone(), ignore_case: *ignore_case }
                }
                _ => Need::Always,
            }
        }
    }
}

/// Does any node `path` selects from `v` satisfy `f`? Follows the path semantics of
/// `rules::path` (`*` over maps and lists, `[*]`/`[N]` over lists) without building pointers;
/// an index selects every element, which only widens the check.
fn any_node<T: Tree>(v: &T, path: &[Seg], f: &mut dyn FnMut(&T) -> bool) -> bool {
    let Some((seg, rest)) = path.split_first() else {
        return f(v);
    };
    match seg {
        Seg::Key(k) => v.get(k).is_some_and(|c| any_node(c, rest, f)),
        Seg::Element => v.any_child(true, false, &mut |c| any_node(c, rest, f)),
        Seg::AnyValue => v.any_child(true, true, &mut |c| any_node(c, rest, f)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::path::Node;
    use serde_json::json;

    fn compile(yaml_json: Value) -> Predicate {
        let mut errors = Vec::new();
        let p = crate::rules::predicate::compile(&yaml_json, "", &mut errors);
        assert!(errors.is_empty(), "{errors:?}");
        p.expect("compiles")
    }

    /// The need never rejects an event the predicate accepts.
    fn check(p: &Predicate, events: &[Value]) -> Vec<bool> {
        let n = Need::of(p);
        events
            .iter()
            .map(|e| {
                let root = Node { value: e, pointer: "" };
                let holds = p.eval(root, root).ok;
                let may = n.may_hold(e);
                assert!(may || !holds, "rejected an event the predicate accepts: {e}");
                // A light tree parsed by the need's own paths answers the same.
                let mut paths = Vec::new();
                n.paths(&mut paths);
                let mut plan = crate::logs::plan::FieldPlan::default();
                paths.iter().for_each(|p| plan.add(p));
                let text = e.to_string();
                let lite = plan.parse_lite(&text).expect("parses");
                assert_eq!(n.may_hold(&lite), may, "light tree of {e}");
                may
            })
            .collect()
    }

    #[test]
    fn rejects_on_string_equalities_only() {
        let p = compile(json!({"all": [
            {"path": "eventName", "in": ["StopLogging", "DeleteTrail"]},
            {"not": {"path": "errorCode", "exists": true}},
            {"path": "userIdentity.type", "equals": "root", "ignore_case": true},
        ]}));
        let events = [
            json!({"eventName": "StopLogging", "userIdentity": {"type": "Root"}}),
            json!({"eventName": "GetObject", "userIdentity": {"type": "Root"}}),
            json!({"eventName": "DeleteTrail", "userIdentity": {"type": "IAMUser"}}),
            json!({"eventName": ["StopLogging"], "userIdentity": {"type": "Root"}}),
            json!({"userIdentity": {"type": "Root"}}),
        ];
        assert_eq!(check(&p, &events), vec![true, false, false, false, false]);
    }

    #[test]
    fn wildcards_some_numbers_and_defaults_stay_sound() {
        let p = compile(json!({"any": [
            {"path": "subjects[*].kind", "equals": "User"},
            {"some": "items[*]", "require": {"path": "name", "equals": "x"}},
        ]}));
        let events = [
            json!({"subjects": [{"kind": "Group"}, {"kind": "User"}]}),
            json!({"items": [{"name": "y"}, {"name": "x"}]}),
            json!({"subjects": [{"kind": "Group"}], "items": [{"name": "y"}]}),
        ];
        assert_eq!(check(&p, &events), vec![true, true, false]);
        // "200" equals the number 200 loosely: numbers are never rejected.
        let p = compile(json!({"path": "code", "equals": "200"}));
        assert_eq!(check(&p, &[json!({"code": 200}), json!({"code": "404"})]), vec![true, false]);
        // With a default, absence can satisfy the leaf: nothing is rejected.
        let p = compile(json!({"path": "mode", "equals": "on", "default": "on"}));
        assert_eq!(Need::of(&p), Need::Always);
        let p = compile(json!({"not": {"path": "a", "equals": "b"}}));
        assert_eq!(Need::of(&p), Need::Always);
    }

    #[test]
    fn contains_covers_lists_strings_and_maps() {
        let p = compile(json!({"path": "user.groups", "contains": "system:masters"}));
        let events = [
            json!({"user": {"groups": ["system:authenticated", "system:masters"]}}),
            json!({"user": {"groups": ["system:authenticated"]}}),
            json!({"user": {"groups": "oidc:x,system:masters"}}),
            json!({"user": {"groups": {"system:masters": true}}}),
            json!({"user": {"groups": [1]}}),
            json!({"user": {}}),
        ];
        assert_eq!(check(&p, &events), vec![true, false, true, true, true, false]);
        let p = compile(json!({"path": "msg", "contains": "ROOT", "ignore_case": true}));
        assert_eq!(check(&p, &[json!({"msg": "as root"}), json!({"msg": "as admin"})]), vec![true, false]);
    }
}
