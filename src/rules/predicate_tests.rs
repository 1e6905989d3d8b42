use super::*;
use serde_json::json;

fn compile_ok(v: Value) -> Predicate {
    let mut errs = Vec::new();
    let p = compile(&v, "", &mut errs);
    assert!(errs.is_empty(), "{errs:?}");
    p.expect("compiles")
}

fn holds(pred: Value, doc: &Value) -> bool {
    let root = Node { value: doc, pointer: "" };
    compile_ok(pred).eval(root, root).ok
}

#[test]
fn defaults_apply_only_when_absent() {
    let p = json!({"path": "settings.passwordauthentication", "equals": "no", "default": "yes"});
    assert!(!holds(p.clone(), &json!({"settings": {}})), "absent → default yes → fails");
    assert!(holds(p.clone(), &json!({"settings": {"passwordauthentication": "no"}})));
    assert!(!holds(p, &json!({"settings": {"passwordauthentication": "yes"}})));
}

#[test]
fn leaves_are_existential_and_every_is_universal() {
    let doc = json!({"subjects": [{"kind": "ServiceAccount"}, {"kind": "User"}]});
    assert!(holds(json!({"path": "subjects[*].kind", "equals": "User"}), &doc));
    assert!(!holds(json!({"every": "subjects[*]", "require": {"path": "kind", "equals": "User"}}), &doc));
    assert!(holds(json!({"some": "subjects[*]", "require": {"path": "kind", "equals": "User"}}), &doc));
    assert!(holds(json!({"every": "nothing[*]", "require": {"path": "kind", "equals": "User"}}), &doc), "vacuous");
    assert!(holds(json!({"count": "subjects[*]", "where": {"path": "kind", "equals": "User"}, "gte": 1}), &doc));
    assert!(!holds(json!({"count": "subjects[*]", "gt": 2}), &doc));
}

#[test]
fn absence_and_null() {
    let doc = json!({"a": null, "b": 1});
    assert!(holds(json!({"path": "a", "absent": true}), &doc), "null counts as absent");
    assert!(holds(json!({"path": "zzz", "absent": true}), &doc));
    assert!(!holds(json!({"path": "b", "absent": true}), &doc));
    assert!(!holds(json!({"path": "zzz", "equals": 1}), &doc), "no default: a missing node satisfies nothing");
    assert!(holds(json!({"not": {"path": "zzz", "equals": 1}}), &doc));
}

#[test]
fn durations_numbers_and_cidrs() {
    assert!(holds(json!({"path": "ttl", "lte": "8h"}), &json!({"ttl": "30m"})));
    assert!(!holds(json!({"path": "ttl", "lte": "8h"}), &json!({"ttl": "768h"})));
    assert!(holds(json!({"path": "ttl", "gt": "1h", "default": "768h"}), &json!({})), "Vault's default lease");
    assert!(holds(json!({"path": "max", "lte": 3600}), &json!({"max": "3600"})));
    assert!(holds(
        json!({"path": "cidr_blocks", "open_to_world": true}),
        &json!({"cidr_blocks": ["10.0.0.0/8", "0.0.0.0/0"]})
    ));
    assert!(holds(json!({"path": "cidr", "open_to_world": true}), &json!({"cidr": "::/0"})));
    assert!(!holds(json!({"path": "cidr_blocks", "open_to_world": true}), &json!({"cidr_blocks": ["10.0.0.0/8"]})));
    assert!(holds(json!({"path": "a", "cidr_within": "10.0.0.0/8"}), &json!({"a": "10.2.0.0/16"})));
}

#[test]
fn strings_lists_regex_truthiness() {
    let doc = json!({"tags": ["NOPASSWD"], "cmd": "/usr/bin/systemctl restart app", "flag": "On"});
    assert!(holds(json!({"path": "tags", "contains": "NOPASSWD"}), &doc));
    assert!(holds(json!({"path": "cmd", "contains": "systemctl"}), &doc));
    assert!(holds(json!({"path": "cmd", "matches": "^/usr/bin/"}), &doc));
    assert!(holds(json!({"path": "flag", "truthy": true}), &doc));
    assert!(holds(json!({"path": "flag", "equals": "on", "ignore_case": true}), &doc));
    assert!(!holds(json!({"path": "flag", "equals": "on"}), &doc));
    assert!(holds(json!({"path": "tags[*]", "in": ["PASSWD", "NOPASSWD"]}), &doc));
    assert!(holds(json!({"none": [{"path": "cmd", "equals": "ALL"}, {"path": "tags", "contains": "SETENV"}]}), &doc));
}

#[test]
fn blame_points_at_the_deciding_node() {
    let doc = json!({"subjects": [{"kind": "ServiceAccount"}, {"kind": "User"}]});
    let root = Node { value: &doc, pointer: "" };
    let p = compile_ok(json!({"every": "subjects[*]", "require": {"not": {"path": "kind", "equals": "User"}}}));
    let o = p.eval(root, root);
    assert!(!o.ok);
    assert_eq!(o.blame.as_deref(), Some("/subjects/1/kind"));
}

#[test]
fn compile_errors_are_located_and_helpful() {
    let mut errs = Vec::new();
    let bad = json!({"all": [{"path": "a", "equal": 1}, {"path": "b", "exists": true, "matches": "x"}, {"path": "c", "matches": "("}, {"path": "d", "lte": "soon"}, "text"]});
    assert!(compile(&bad, "/check/require", &mut errs).is_some() || !errs.is_empty());
    let msgs: Vec<String> = errs.iter().map(|e| format!("{} {}", e.pointer, e.message)).collect();
    assert!(
        msgs.iter().any(|m| m.starts_with("/check/require/all/0/equal ") && m.contains("did you mean `equals`")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.starts_with("/check/require/all/1 ") && m.contains("one operator")), "{msgs:?}");
    assert!(
        msgs.iter().any(|m| m.starts_with("/check/require/all/2/matches") && m.contains("regular expression")),
        "{msgs:?}"
    );
    assert!(msgs.iter().any(|m| m.starts_with("/check/require/all/3/lte") && m.contains("duration")), "{msgs:?}");
    assert!(msgs.iter().any(|m| m.starts_with("/check/require/all/4 ") && m.contains("mapping")), "{msgs:?}");
}
