//! Kubernetes RBAC: which subjects a (Cluster)RoleBinding makes admins. Per file, only roles that
//! could be admin-level (wildcards, escalation verbs, secrets read) and every binding's subjects
//! are kept; the join resolves bindings against roles defined anywhere in the scan, plus the
//! built-in `cluster-admin`, `admin` and (cluster-wide) `edit` roles.
//!
//! Admin-level, for this inventory: `cluster-admin` and `admin`; `edit` bound cluster-wide (it reads
//! every Secret); a role with `*` in verbs or resources, or with `escalate`, `bind` or
//! `impersonate`; a ClusterRole bound cluster-wide that can get/list/watch Secrets; and any
//! subject that is the group `system:masters` (which bypasses RBAC).

use super::{line, str_at, strings, Grant, System};
use crate::document::Document;
use serde_json::Value;
use std::collections::HashMap;

/// Granted `verb resource` patterns kept per role: enough to list what went unused, bounded.
const MAX_ITEMS: usize = 64;
const ESCALATION_VERBS: [&str; 3] = ["escalate", "bind", "impersonate"];

#[derive(Debug, Clone, Default)]
pub struct K8sFacts {
    pub roles: Vec<Role>,
    pub bindings: Vec<Binding>,
}

impl K8sFacts {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.bindings.is_empty()
    }

    pub fn merge(&mut self, other: K8sFacts) {
        self.roles.extend(other.roles);
        self.bindings.extend(other.bindings);
    }
}

/// A Role or ClusterRole with at least one admin-capable rule.
#[derive(Debug, Clone)]
pub struct Role {
    pub cluster: bool,
    pub namespace: String,
    pub name: String,
    pub wildcard: bool,
    pub escalation: Vec<String>,
    pub reads_secrets: bool,
    /// `verb resource` patterns (`*` stays a wildcard).
    pub items: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Binding {
    pub cluster_wide: bool,
    pub namespace: String,
    pub name: String,
    pub role_cluster: bool,
    pub role_name: String,
    pub path: String,
    pub subjects: Vec<Subject>,
}

#[derive(Debug, Clone)]
pub struct Subject {
    pub principal: String,
    /// The group name, for a Group subject (Teleport may grant it just in time).
    pub group: Option<String>,
    pub line: Option<u32>,
}

fn is_rbac(doc: &Document) -> bool {
    str_at(&doc.tree, "/apiVersion").is_none_or(|v| v.starts_with("rbac.authorization.k8s.io/"))
}

pub fn extract(doc: &Document, out: &mut K8sFacts) {
    if !is_rbac(doc) {
        return;
    }
    let t = &doc.tree;
    let namespace = str_at(t, "/metadata/namespace").unwrap_or("default").to_string();
    let name = str_at(t, "/metadata/name").unwrap_or("").to_string();
    match str_at(t, "/kind") {
        Some(kind @ ("Role" | "ClusterRole")) => {
            // An aggregated ClusterRole's rules are filled in by the controller: not judged here.
            if t.get("aggregationRule").is_some() {
                return;
            }
            if let Some(role) = role(kind == "ClusterRole", namespace, name, t) {
                out.roles.push(role);
            }
        }
        Some(kind @ ("RoleBinding" | "ClusterRoleBinding")) => {
            let cluster_wide = kind == "ClusterRoleBinding";
            let subjects = t.get("subjects").and_then(Value::as_array).map_or(Vec::new(), |subjects| {
                subjects
                    .iter()
                    .enumerate()
                    .filter_map(|(i, s)| subject(s, &namespace).map(|(p, g)| (i, p, g)))
                    .map(|(i, principal, group)| Subject {
                        principal,
                        group,
                        line: line(doc, &format!("/subjects/{i}")),
                    })
                    .collect()
            });
            out.bindings.push(Binding {
                cluster_wide,
                namespace,
                name,
                role_cluster: str_at(t, "/roleRef/kind") != Some("Role"),
                role_name: str_at(t, "/roleRef/name").unwrap_or("").to_string(),
                path: doc.path.clone(),
                subjects,
            });
        }
        _ => {}
    }
}

/// `User:alice`, `Group:ops`, `ServiceAccount:ns/name` (a RoleBinding's namespace by default).
fn subject(s: &Value, binding_ns: &str) -> Option<(String, Option<String>)> {
    let name = str_at(s, "/name")?;
    match str_at(s, "/kind")? {
        "User" => Some((format!("User:{name}"), None)),
        "Group" => Some((format!("Group:{name}"), Some(name.to_string()))),
        "ServiceAccount" => {
            let ns = str_at(s, "/namespace").unwrap_or(binding_ns);
            Some((format!("ServiceAccount:{ns}/{name}"), None))
        }
        _ => None,
    }
}

fn role(cluster: bool, namespace: String, name: String, t: &Value) -> Option<Role> {
    let mut r = Role {
        cluster,
        namespace,
        name,
        wildcard: false,
        escalation: Vec::new(),
        reads_secrets: false,
        items: Vec::new(),
    };
    for rule in t.get("rules").and_then(Value::as_array).into_iter().flatten() {
        let verbs = strings(rule.get("verbs"));
        let resources = strings(rule.get("resources"));
        if resources.is_empty() {
            continue; // nonResourceURLs only
        }
        let any_verb = verbs.iter().any(|v| v == "*");
        r.wildcard |= any_verb || resources.iter().any(|x| x == "*");
        // Named escalation verbs only: a `*` verb is already reported as a wildcard.
        for v in ESCALATION_VERBS {
            if verbs.iter().any(|x| x == v) && !r.escalation.iter().any(|x| x == v) {
                r.escalation.push(v.to_string());
            }
        }
        let reads = any_verb || verbs.iter().any(|v| matches!(v.as_str(), "get" | "list" | "watch"));
        r.reads_secrets |= reads && resources.iter().any(|x| x == "secrets" || x == "*");
        for v in &verbs {
            for res in &resources {
                let item = format!("{v} {res}");
                if r.items.len() < MAX_ITEMS && !r.items.contains(&item) {
                    r.items.push(item);
                }
            }
        }
    }
    (r.wildcard || !r.escalation.is_empty() || r.reads_secrets).then_some(r)
}

/// The scan's admin-capable roles by (cluster-scoped, namespace, name); the first definition wins.
pub struct Roles<'a>(HashMap<(bool, &'a str, &'a str), &'a Role>);

impl<'a> Roles<'a> {
    pub fn new(roles: &'a [Role]) -> Self {
        let mut map = HashMap::new();
        for r in roles {
            let ns = if r.cluster { "" } else { r.namespace.as_str() };
            map.entry((r.cluster, ns, r.name.as_str())).or_insert(r);
        }
        Roles(map)
    }
}

/// What makes a role bound by `b` admin-level, with the granted patterns; `None` when it is not
/// (or the role is defined nowhere in the scan and is not a built-in).
pub fn admin_reason(b: &Binding, roles: &Roles<'_>) -> Option<(String, Vec<String>)> {
    let ns = if b.role_cluster { "" } else { b.namespace.as_str() };
    let defined = roles.0.get(&(b.role_cluster, ns, b.role_name.as_str()));
    let kind = if b.role_cluster { "ClusterRole" } else { "Role" };
    if let Some(r) = defined {
        let mut why = Vec::new();
        if r.wildcard {
            why.push("wildcard verbs or resources".to_string());
        }
        if !r.escalation.is_empty() {
            why.push(format!("{} verbs", r.escalation.join("/")));
        }
        if r.reads_secrets && r.cluster && b.cluster_wide && !r.wildcard {
            why.push("reads Secrets cluster-wide".to_string());
        }
        return (!why.is_empty()).then(|| (format!("{kind} {} ({})", r.name, why.join(", ")), r.items.clone()));
    }
    if !b.role_cluster {
        return None;
    }
    match b.role_name.as_str() {
        "cluster-admin" => {
            Some(("ClusterRole cluster-admin (every verb on every resource)".into(), vec!["* *".into()]))
        }
        "admin" => {
            Some(("ClusterRole admin (full control of namespaces, incl. Secrets and RoleBindings)".into(), Vec::new()))
        }
        "edit" if b.cluster_wide => {
            Some(("ClusterRole edit bound cluster-wide (reads and writes every Secret)".into(), Vec::new()))
        }
        _ => None,
    }
}

/// The grant one binding makes to one of its subjects (standing; the join may find a JIT path).
pub fn grant(b: &Binding, s: &Subject, reason: &str, items: &[String]) -> Grant {
    let scope = if b.cluster_wide {
        format!("cluster-wide (ClusterRoleBinding {})", b.name)
    } else {
        format!("namespace {} (RoleBinding {})", b.namespace, b.name)
    };
    Grant {
        system: System::Kubernetes,
        principal: s.principal.clone(),
        path: b.path.clone(),
        line: s.line,
        grant: reason.to_string(),
        scope,
        standing: true,
        jit_path: false,
        basis: "RBAC bindings do not expire".into(),
        items: items.to_vec(),
        members: Vec::new(),
        resolved: true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kind::Kind;
    use crate::parse::Syntax;

    fn facts(yaml: &str) -> K8sFacts {
        let mut f = K8sFacts::default();
        for d in super::super::test_docs(Syntax::Yaml, Kind::K8s, "k8s/rbac.yaml", yaml) {
            extract(&d, &mut f);
        }
        f
    }

    const RBAC: &str = r#"apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ops-cluster-admin
subjects:
  - kind: Group
    name: ops
  - kind: ServiceAccount
    name: default
    namespace: jobs
roleRef:
  kind: ClusterRole
  name: cluster-admin
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: secret-reader
rules:
  - apiGroups: [""]
    resources: ["secrets"]
    verbs: ["get", "list"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: readers
  namespace: payments
subjects:
  - kind: User
    name: alice
roleRef:
  kind: ClusterRole
  name: secret-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: readers-everywhere
subjects:
  - kind: User
    name: bob
roleRef:
  kind: ClusterRole
  name: secret-reader
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRole
metadata:
  name: viewer
rules:
  - apiGroups: [""]
    resources: ["pods"]
    verbs: ["get"]
"#;

    #[test]
    fn cluster_admin_subjects_are_admins_at_their_lines() {
        let f = facts(RBAC);
        let b = &f.bindings[0];
        let (reason, items) = admin_reason(b, &Roles::new(&f.roles)).expect("cluster-admin is admin");
        assert!(reason.starts_with("ClusterRole cluster-admin"));
        assert_eq!(items, vec!["* *"]);
        let principals: Vec<(&str, Option<u32>)> = b.subjects.iter().map(|s| (s.principal.as_str(), s.line)).collect();
        assert_eq!(principals, vec![("Group:ops", Some(6)), ("ServiceAccount:jobs/default", Some(8))]);
        let g = grant(b, &b.subjects[0], &reason, &items);
        assert_eq!(g.scope, "cluster-wide (ClusterRoleBinding ops-cluster-admin)");
        assert!(g.standing && !g.jit_path);
    }

    #[test]
    fn secrets_read_is_admin_only_when_bound_cluster_wide() {
        let f = facts(RBAC);
        assert_eq!(f.roles.len(), 1, "the viewer role is not admin-capable and is not kept");
        assert!(
            admin_reason(&f.bindings[1], &Roles::new(&f.roles)).is_none(),
            "a RoleBinding reads one namespace's Secrets"
        );
        let (reason, items) = admin_reason(&f.bindings[2], &Roles::new(&f.roles)).expect("cluster-wide Secrets read");
        assert_eq!(reason, "ClusterRole secret-reader (reads Secrets cluster-wide)");
        assert_eq!(items, vec!["get secrets", "list secrets"]);
    }

    #[test]
    fn wildcards_and_escalation_verbs_make_a_role_admin_and_unknown_roles_are_not_judged() {
        let f = facts(
            r#"apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: binder, namespace: team-a}
rules:
  - apiGroups: ["rbac.authorization.k8s.io"]
    resources: ["rolebindings"]
    verbs: ["create", "bind"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: binders, namespace: team-a}
subjects: [{kind: User, name: carol}]
roleRef: {kind: Role, name: binder}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: elsewhere, namespace: team-b}
subjects: [{kind: User, name: dave}]
roleRef: {kind: Role, name: binder}
"#,
        );
        let (reason, _) = admin_reason(&f.bindings[0], &Roles::new(&f.roles)).expect("bind verb");
        assert_eq!(reason, "Role binder (bind verbs)");
        assert!(admin_reason(&f.bindings[1], &Roles::new(&f.roles)).is_none(), "team-b has no Role binder");
    }
}
