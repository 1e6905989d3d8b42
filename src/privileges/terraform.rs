//! Terraform: AWS IAM identities, policies, attachments and memberships, IAM Identity Center
//! permission sets and assignments (into [`IamFacts`] for the join), plus grants that need no join:
//! `vault_policy` resources with literal HCL and `postgresql_role` with `superuser = true`.
//!
//! The HCL parser keeps references as their source text (`aws_iam_user.tom.name`) and turns
//! `jsonencode({...})` into objects, so inline policies are analysed directly. A reference names a
//! resource of the same directory (one Terraform module); `each.value` is resolved through the
//! resource's `for_each`, and a `for_each` over literal names gives one identity per name.

use super::iam_join::{Attachment, IdKind, Identity, PermissionSet, Policy, PolicyRef, PrincipalRef};
use super::iam_policy::{analyse, analyse_document_blocks, AdminPolicy};
use super::{line, strings, FileFacts, Grant, System};
use crate::document::{escape_token, Document};
use regex::Regex;
use serde_json::{Map, Value};
use std::sync::OnceLock;

fn reference_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"\b((?:data\.)?aws_(?:iam|ssoadmin)_[a-z_]+\.[A-Za-z0-9_-]+)").ok()).as_ref()
}

fn literal_re() -> Option<&'static Regex> {
    static RE: OnceLock<Option<Regex>> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r#""([^"\\]+)""#).ok()).as_ref()
}

struct Ctx<'a> {
    doc: &'a Document,
    dir: String,
}

impl Ctx<'_> {
    fn key(&self, address: &str) -> String {
        format!("{}::{address}", self.dir)
    }

    fn line(&self, ty: &str, label: &str, rest: &str) -> Option<u32> {
        line(self.doc, &format!("/resource/{ty}/{}{rest}", escape_token(label)))
    }

    /// References in an attribute (`each.value` follows `for_each`), or the literal name.
    fn principals(&self, body: &Value, attr: &str, kind: IdKind) -> Vec<PrincipalRef> {
        strings(body.get(attr)).iter().flat_map(|v| self.principal_refs(body, v, kind)).collect()
    }

    fn principal_refs(&self, body: &Value, value: &str, kind: IdKind) -> Vec<PrincipalRef> {
        let source =
            if value.starts_with("each.") { body.get("for_each").and_then(Value::as_str).unwrap_or("") } else { value };
        let refs: Vec<PrincipalRef> = reference_re()
            .into_iter()
            .flat_map(|re| re.captures_iter(source))
            .filter_map(|c| c.get(1))
            .map(|m| PrincipalRef::Key(self.key(m.as_str())))
            .collect();
        if !refs.is_empty() || value.starts_with("each.") || is_expression(value) {
            return refs;
        }
        vec![PrincipalRef::Name(kind, value.to_string())]
    }

    fn policy_ref(&self, v: Option<&Value>) -> Option<PolicyRef> {
        match v? {
            Value::Object(_) => Some(PolicyRef::Inline(analyse(v?))),
            Value::String(s) if s.starts_with("arn:") => Some(PolicyRef::Arn(s.clone())),
            Value::String(s) => match reference_re().and_then(|re| re.captures(s)).and_then(|c| c.get(1)) {
                Some(m) => Some(PolicyRef::Key(self.key(m.as_str()))),
                None => Some(PolicyRef::Unknown(s.clone())),
            },
            _ => None,
        }
    }
}

/// Source text of an expression rather than a literal name (`var.x`, `"${...}"`, a call).
fn is_expression(v: &str) -> bool {
    v.contains("${")
        || v.contains('(')
        || ["var.", "local.", "module.", "data.", "each.", "count."].iter().any(|p| v.starts_with(p))
}

/// Names an identity resource stands for: its literal `name`, the literal keys of its `for_each`
/// when the name is `each.value`/`each.key`, or the resource label.
fn identity_names(label: &str, body: &Value) -> Vec<String> {
    match body.get("name").and_then(Value::as_str) {
        Some(n) if n.starts_with("each.") => {
            let fe = body.get("for_each");
            let mut names: Vec<String> = match fe {
                Some(Value::Object(m)) => m.keys().cloned().collect(),
                Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                Some(Value::String(s)) => literal_re()
                    .into_iter()
                    .flat_map(|re| re.captures_iter(s))
                    .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
                    .collect(),
                _ => Vec::new(),
            };
            names.dedup();
            if names.is_empty() {
                vec![label.to_string()]
            } else {
                names
            }
        }
        Some(n) if !is_expression(n) => vec![n.to_string()],
        _ => vec![label.to_string()],
    }
}

/// "assumable by …" from an `assume_role_policy` (an object once `jsonencode` is unwrapped).
fn trust(body: &Value) -> String {
    let mut who = Vec::new();
    let mut mfa = false;
    let doc = body.get("assume_role_policy");
    let statements = match doc.and_then(|d| d.get("Statement")) {
        Some(Value::Array(a)) => a.clone(),
        Some(s @ Value::Object(_)) => vec![s.clone()],
        _ => Vec::new(),
    };
    for s in &statements {
        let p = s.get("Principal");
        for (key, label) in
            [("Service", "AWS services"), ("Federated", "federated identities"), ("AWS", "AWS principals")]
        {
            if p.and_then(|p| p.get(key)).is_some() && !who.contains(&label) {
                who.push(label);
            }
        }
        mfa |= s.get("Condition").is_some_and(|c| c.to_string().contains("MultiFactorAuth"));
    }
    let max = body.get("max_session_duration").and_then(Value::as_u64).unwrap_or(3600);
    let who = if who.is_empty() {
        "principals its trust policy names (not readable here)".to_string()
    } else {
        who.join(" and ")
    };
    format!("IAM role assumable at will by {who}{}; sessions up to {max}s", if mfa { " with MFA" } else { "" })
}

fn resources(tree: &Value) -> impl Iterator<Item = (&str, &str, &Value)> {
    tree.get("resource").and_then(Value::as_object).into_iter().flat_map(|types: &Map<String, Value>| {
        types.iter().flat_map(|(ty, named)| {
            named
                .as_object()
                .into_iter()
                .flat_map(move |m| m.iter().map(move |(label, body)| (ty.as_str(), label.as_str(), body)))
        })
    })
}

pub fn extract(doc: &Document, facts: &mut FileFacts) {
    let cx = Ctx { doc, dir: super::dir_of(&doc.path).to_string() };
    let out = &mut facts.iam;
    for (ty, label, body) in resources(&doc.tree) {
        let address = format!("{ty}.{label}");
        let at = |rest: &str| cx.line(ty, label, rest);
        let attach = |principal: PrincipalRef, policy: PolicyRef, line: Option<u32>| Attachment {
            principal,
            policy,
            path: doc.path.clone(),
            line,
        };
        match ty {
            "aws_iam_user" | "aws_iam_group" | "aws_iam_role" => {
                let kind = match ty {
                    "aws_iam_user" => IdKind::User,
                    "aws_iam_group" => IdKind::Group,
                    _ => IdKind::Role,
                };
                let key = cx.key(&address);
                out.identities.push(Identity {
                    key: key.clone(),
                    kind,
                    names: identity_names(label, body),
                    trust: (kind == IdKind::Role).then(|| trust(body)),
                });
                for (i, p) in body.get("inline_policy").and_then(Value::as_array).into_iter().flatten().enumerate() {
                    if let Some(policy) = cx.policy_ref(p.get("policy")) {
                        out.attachments.push(attach(
                            PrincipalRef::Key(key.clone()),
                            policy,
                            at(&format!("/inline_policy/{i}")),
                        ));
                    }
                }
                for (i, arn) in strings(body.get("managed_policy_arns")).into_iter().enumerate() {
                    if let Some(policy) = cx.policy_ref(Some(&Value::String(arn))) {
                        out.attachments.push(attach(
                            PrincipalRef::Key(key.clone()),
                            policy,
                            at(&format!("/managed_policy_arns/{i}")),
                        ));
                    }
                }
            }
            "aws_iam_user_policy_attachment"
            | "aws_iam_group_policy_attachment"
            | "aws_iam_role_policy_attachment"
            | "aws_iam_user_policy"
            | "aws_iam_group_policy"
            | "aws_iam_role_policy"
            | "aws_iam_policy_attachment" => {
                let (policy_attr, inline) =
                    if ty.ends_with("_attachment") { ("policy_arn", false) } else { ("policy", true) };
                let Some(policy) = cx.policy_ref(body.get(policy_attr)) else { continue };
                let line = match (&policy, inline) {
                    (PolicyRef::Inline(Some(AdminPolicy { statement: Some(i), .. })), true) => {
                        at(&format!("/policy/Statement/{i}/Action"))
                    }
                    _ => at(&format!("/{policy_attr}")),
                };
                let mut principals = Vec::new();
                for (attr, kind) in [
                    ("user", IdKind::User),
                    ("users", IdKind::User),
                    ("group", IdKind::Group),
                    ("groups", IdKind::Group),
                    ("role", IdKind::Role),
                    ("roles", IdKind::Role),
                ] {
                    principals.extend(cx.principals(body, attr, kind));
                }
                for p in principals {
                    out.attachments.push(attach(p, policy.clone(), line));
                }
            }
            "aws_iam_policy" => out.policies.push(Policy {
                key: cx.key(&address),
                name: body
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|n| !is_expression(n))
                    .unwrap_or(label)
                    .to_string(),
                path: doc.path.clone(),
                line: match body.get("policy").and_then(analyse).and_then(|a| a.statement) {
                    Some(i) => at(&format!("/policy/Statement/{i}/Action")),
                    None => at(""),
                },
                admin: body.get("policy").and_then(analyse),
            }),
            "aws_iam_user_group_membership" => {
                for group in cx.principals(body, "groups", IdKind::Group) {
                    for user in cx.principals(body, "user", IdKind::User) {
                        out.memberships.push((group.clone(), user));
                    }
                }
            }
            "aws_iam_group_membership" => {
                for group in cx.principals(body, "group", IdKind::Group) {
                    for user in cx.principals(body, "users", IdKind::User) {
                        out.memberships.push((group.clone(), user));
                    }
                }
            }
            "aws_ssoadmin_permission_set" => out.permission_sets.push(PermissionSet {
                key: cx.key(&address),
                name: body
                    .get("name")
                    .and_then(Value::as_str)
                    .filter(|n| !is_expression(n))
                    .unwrap_or(label)
                    .to_string(),
                session: body.get("session_duration").and_then(Value::as_str).map(str::to_string),
            }),
            "aws_ssoadmin_managed_policy_attachment"
            | "aws_ssoadmin_permission_set_inline_policy"
            | "aws_ssoadmin_customer_managed_policy_attachment" => {
                let set = strings(body.get("permission_set_arn"))
                    .first()
                    .and_then(|s| reference_re()?.captures(s)?.get(1).map(|m| cx.key(m.as_str())));
                let (attr, policy) = match ty {
                    "aws_ssoadmin_managed_policy_attachment" => {
                        ("managed_policy_arn", cx.policy_ref(body.get("managed_policy_arn")))
                    }
                    "aws_ssoadmin_permission_set_inline_policy" => {
                        ("inline_policy", cx.policy_ref(body.get("inline_policy")))
                    }
                    _ => {
                        let name = body
                            .pointer("/customer_managed_policy_reference/0/name")
                            .and_then(Value::as_str)
                            .unwrap_or("");
                        (
                            "customer_managed_policy_reference",
                            Some(PolicyRef::Arn(format!("arn:aws:iam::customer:policy/{name}"))),
                        )
                    }
                };
                if let (Some(set), Some(policy)) = (set, policy) {
                    let line = match &policy {
                        PolicyRef::Inline(Some(AdminPolicy { statement: Some(i), .. })) => {
                            at(&format!("/{attr}/Statement/{i}/Action"))
                        }
                        _ => at(&format!("/{attr}")),
                    };
                    out.set_policies.push((set.clone(), attach(PrincipalRef::Key(set), policy, line)));
                }
            }
            "aws_ssoadmin_account_assignment" => {
                if let Some(m) = strings(body.get("permission_set_arn"))
                    .first()
                    .and_then(|s| reference_re()?.captures(s)?.get(1).map(|m| m.as_str().to_string()))
                {
                    out.assigned.push(cx.key(&m));
                }
            }
            "vault_policy" => super::vault::extract_terraform(doc, label, body, &mut facts.grants),
            "postgresql_role" if body.get("superuser") == Some(&Value::Bool(true)) => {
                let name = body.get("name").and_then(Value::as_str).unwrap_or(label);
                let mut g = Grant::standing(System::Postgresql, format!("postgres-role:{name}"), doc, "");
                g.line = at("/superuser");
                g.grant = "SUPERUSER".into();
                g.scope = "the whole database cluster".into();
                g.basis = "a role attribute; it does not expire".into();
                facts.grants.push(g);
            }
            _ => {}
        }
    }
    for (label, body) in
        doc.tree.pointer("/data/aws_iam_policy_document").and_then(Value::as_object).into_iter().flatten()
    {
        let admin = analyse_document_blocks(body);
        let pointer = format!("/data/aws_iam_policy_document/{}", escape_token(label));
        let statement =
            admin.as_ref().and_then(|a| a.statement).map_or_else(String::new, |i| format!("/statement/{i}"));
        facts.iam.policies.push(Policy {
            key: cx.key(&format!("data.aws_iam_policy_document.{label}")),
            name: label.clone(),
            path: doc.path.clone(),
            line: line(doc, &format!("{pointer}{statement}")),
            admin,
        });
    }
}
