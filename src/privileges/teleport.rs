//! Teleport roles: which grant admin-level access (`logins: [root]`, `kubernetes_groups:
//! [system:masters]`, `'*': '*'` labels, `db_users: ['*']`, `rules` with `*` on `*`), and how a role
//! is reached — directly (mapped by an SSO connector or a user resource) or only through an access
//! request (listed in another role's `allow.request.roles` / `search_as_roles`).
//!
//! Rule used by the join: a role is **standing** unless it is requestable and no connector or user
//! in the scan maps it directly (a role nobody can request is assumed to be held directly, since
//! that is the only way it can be used); it has a **JIT path** when some other role may request
//! it. A `deny` entry for the same value cancels the grant, as Teleport applies deny first.

use super::{line, str_at, strings, Grant, System};
use crate::document::Document;
use serde_json::Value;

#[derive(Debug, Clone, Default)]
pub struct TeleportFacts {
    pub roles: Vec<TeleportRole>,
    /// Roles mapped directly to people by an OIDC/SAML/GitHub connector or a user resource.
    pub mapped: Vec<String>,
    /// Evidence of an approval flow: a reviewer role, request thresholds or automatic review.
    pub approval: Vec<String>,
}

impl TeleportFacts {
    pub fn is_empty(&self) -> bool {
        self.roles.is_empty() && self.mapped.is_empty() && self.approval.is_empty()
    }

    pub fn merge(&mut self, other: TeleportFacts) {
        self.roles.extend(other.roles);
        self.mapped.extend(other.mapped);
        self.approval.extend(other.approval);
    }
}

#[derive(Debug, Clone)]
pub struct TeleportRole {
    pub name: String,
    pub path: String,
    /// Admin-level grants: (what, line, scope).
    pub admin: Vec<(String, Option<u32>, String)>,
    /// Roles (names or `*` globs) this role may request.
    pub requests: Vec<String>,
    pub kubernetes_groups: Vec<String>,
    pub max_session_ttl: Option<String>,
}

fn allowed(spec: &Value, key: &str) -> Vec<String> {
    let denied = strings(spec.pointer(&format!("/deny/{key}")));
    strings(spec.pointer(&format!("/allow/{key}"))).into_iter().filter(|v| !denied.contains(v)).collect()
}

fn wildcard_labels(labels: &Value) -> bool {
    labels.get("*").is_some_and(|v| strings(Some(v)).iter().any(|s| s == "*"))
}

pub fn extract(doc: &Document, out: &mut TeleportFacts) {
    let t = &doc.tree;
    let name = str_at(t, "/metadata/name").unwrap_or("").to_string();
    match str_at(t, "/kind") {
        Some("role") => role(doc, name, out),
        Some("oidc") => mapped(t, "/spec/claims_to_roles", out),
        Some("saml") => mapped(t, "/spec/attributes_to_roles", out),
        Some("github") => mapped(t, "/spec/teams_to_roles", out),
        Some("user" | "bot") => out.mapped.extend(strings(t.pointer("/spec/roles"))),
        Some("access_monitoring_rule") if t.pointer("/spec/automatic_review").is_some() => {
            out.approval.push(format!("automatic review rule {name}"));
        }
        _ => {}
    }
}

fn mapped(t: &Value, pointer: &str, out: &mut TeleportFacts) {
    for m in t.pointer(pointer).and_then(Value::as_array).into_iter().flatten() {
        out.mapped.extend(strings(m.get("roles")));
    }
}

/// "servers labelled env: prod" from a role's `allow.<key>` label map.
fn scope(spec: &Value, key: &str, what: &str) -> String {
    let labels = match spec.pointer(&format!("/allow/{key}")).and_then(Value::as_object) {
        None => return format!("no {what} (no {key}: the grant reaches nothing until labels are added)"),
        Some(m) => m.iter().map(|(k, v)| format!("{k}: {}", strings(Some(v)).join("|"))).collect::<Vec<_>>(),
    };
    if labels.iter().any(|l| l == "*: *") {
        format!("all {what}")
    } else {
        format!("{what} labelled {}", labels.join(", "))
    }
}

fn role(doc: &Document, name: String, out: &mut TeleportFacts) {
    let Some(spec) = doc.tree.get("spec") else { return };
    let mut admin = Vec::new();
    let at = |key: &str| line(doc, &format!("/spec/allow/{key}"));
    if allowed(spec, "logins").iter().any(|l| l == "root") {
        admin.push(("logins: root".to_string(), at("logins"), scope(spec, "node_labels", "servers")));
    }
    if allowed(spec, "kubernetes_groups").iter().any(|g| g == "system:masters") {
        let s = scope(spec, "kubernetes_labels", "Kubernetes clusters");
        admin.push(("kubernetes_groups: system:masters".to_string(), at("kubernetes_groups"), s));
    }
    if allowed(spec, "db_users").iter().any(|u| u == "*") {
        admin.push(("db_users: '*'".to_string(), at("db_users"), scope(spec, "db_labels", "databases")));
    }
    if let Some(allow) = spec.get("allow").and_then(Value::as_object) {
        for (key, labels) in allow.iter().filter(|(k, _)| k.ends_with("_labels")) {
            if wildcard_labels(labels) {
                let what = key.trim_end_matches("_labels").replace('_', " ");
                admin.push((format!("{key}: '*': '*'"), at(key), format!("every {what} resource")));
            }
        }
    }
    let rules = spec.pointer("/allow/rules").and_then(Value::as_array);
    if rules.into_iter().flatten().any(|r| {
        strings(r.get("resources")).iter().any(|x| x == "*") && strings(r.get("verbs")).iter().any(|x| x == "*")
    }) {
        let s = "the Teleport cluster's own configuration (roles, users, connectors)".to_string();
        admin.push(("rules: every verb on every resource".to_string(), at("rules"), s));
    }
    let mut requests = strings(spec.pointer("/allow/request/roles"));
    requests.extend(strings(spec.pointer("/allow/request/search_as_roles")));
    if !strings(spec.pointer("/allow/review_requests/roles")).is_empty() {
        out.approval.push(format!("reviewer role {name}"));
    }
    if spec.pointer("/allow/request/thresholds").is_some() {
        out.approval.push(format!("request thresholds in role {name}"));
    }
    out.roles.push(TeleportRole {
        name,
        path: doc.path.clone(),
        admin,
        requests,
        kubernetes_groups: allowed(spec, "kubernetes_groups"),
        max_session_ttl: str_at(spec, "/options/max_session_ttl").map(str::to_string),
    });
}

/// Does a `request.roles` entry (a name, a `*` glob or a `^…$` regex) name `role`?
fn names(pattern: &str, role: &str) -> bool {
    if pattern.starts_with('^') && pattern.ends_with('$') {
        return regex::RegexBuilder::new(pattern).size_limit(1 << 16).build().is_ok_and(|r| r.is_match(role));
    }
    super::matching::glob(pattern, role)
}

/// How a role is reached: (standing, jit_path, basis).
pub fn reach(facts: &TeleportFacts, role: &TeleportRole) -> (bool, bool, String) {
    let requesters: Vec<&str> = facts
        .roles
        .iter()
        .filter(|r| r.name != role.name && r.requests.iter().any(|p| names(p, &role.name)))
        .map(|r| r.name.as_str())
        .collect();
    let direct = facts.mapped.iter().any(|m| names(m, &role.name));
    let ttl = role.max_session_ttl.as_deref().map_or_else(
        || "max_session_ttl unset (Teleport's 30h maximum)".to_string(),
        |t| format!("max_session_ttl {t}"),
    );
    let mut approval = facts.approval.clone();
    approval.sort();
    approval.dedup();
    let approval = if approval.is_empty() { "no reviewer in the scan".to_string() } else { approval.join(", ") };
    match (requesters.is_empty(), direct) {
        (true, _) => (true, false, format!("not requestable by any role in the scan, so held directly; {ttl}")),
        (false, false) => (
            false,
            true,
            format!("reachable only by access request from role {} ({approval}); {ttl}", requesters.join(", ")),
        ),
        (false, true) => (
            true,
            true,
            format!(
                "mapped directly by a connector or user, and requestable from role {}; {ttl}",
                requesters.join(", ")
            ),
        ),
    }
}

/// The admin grants of every Teleport role, with standing and JIT decided across the scan.
pub fn grants(facts: &TeleportFacts) -> Vec<Grant> {
    let mut out = Vec::new();
    for role in &facts.roles {
        let (standing, jit_path, basis) = reach(facts, role);
        for (what, line, scope) in &role.admin {
            out.push(Grant {
                system: System::Teleport,
                principal: format!("teleport-role:{}", role.name),
                path: role.path.clone(),
                line: *line,
                grant: what.clone(),
                scope: scope.clone(),
                standing,
                jit_path,
                basis: basis.clone(),
                items: Vec::new(),
                members: Vec::new(),
                resolved: true,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(yaml: &str) -> TeleportFacts {
        let mut f = TeleportFacts::default();
        let docs = super::super::test_docs(
            crate::parse::Syntax::Yaml,
            crate::kind::Kind::Teleport,
            "teleport/roles.yaml",
            yaml,
        );
        for d in docs {
            extract(&d, &mut f);
        }
        f
    }

    const ROLES: &str = r#"kind: role
version: v7
metadata: {name: member}
spec:
  allow:
    request:
      roles: ["prod-*"]
      thresholds: [{approve: 2, deny: 1}]
  deny:
    logins: [root]
---
kind: role
version: v7
metadata: {name: prod-break-glass}
spec:
  options: {max_session_ttl: 30m}
  allow:
    kubernetes_groups: ["system:masters"]
    node_labels: {"*": "*"}
---
kind: role
version: v7
metadata: {name: ops}
spec:
  allow:
    logins: [root, ubuntu]
"#;

    #[test]
    fn requestable_roles_are_jit_and_others_standing() {
        let f = facts(ROLES);
        let g = grants(&f);
        let summary: Vec<(&str, &str, Option<u32>, bool, bool)> =
            g.iter().map(|g| (g.principal.as_str(), g.grant.as_str(), g.line, g.standing, g.jit_path)).collect();
        assert_eq!(
            summary,
            vec![
                ("teleport-role:prod-break-glass", "kubernetes_groups: system:masters", Some(18), false, true),
                ("teleport-role:prod-break-glass", "node_labels: '*': '*'", Some(19), false, true),
                ("teleport-role:ops", "logins: root", Some(26), true, false),
            ]
        );
        assert!(g[0].basis.contains("only by access request from role member"), "{}", g[0].basis);
        assert!(g[0].basis.contains("max_session_ttl 30m"));
        assert!(g[2].basis.contains("30h maximum"));
        assert!(g[0].scope.starts_with("no Kubernetes clusters"), "{}", g[0].scope);
        assert_eq!(g[1].scope, "every node resource");
        assert!(g[2].scope.starts_with("no servers"), "{}", g[2].scope);
    }

    #[test]
    fn a_connector_mapping_keeps_a_requestable_role_standing_and_deny_cancels_allow() {
        let mut yaml = ROLES.to_string();
        yaml.push_str(
            "---\nkind: oidc\nversion: v3\nmetadata: {name: okta}\nspec:\n  claims_to_roles:\n    - {claim: groups, value: sre, roles: [prod-break-glass]}\n---\nkind: role\nversion: v7\nmetadata: {name: nobody-root}\nspec:\n  allow: {logins: [root]}\n  deny: {logins: [root]}\n",
        );
        let g = grants(&facts(&yaml));
        assert!(g.iter().filter(|g| g.principal.ends_with("prod-break-glass")).all(|g| g.standing && g.jit_path));
        assert!(!g.iter().any(|g| g.principal.ends_with("nobody-root")));
    }
}
