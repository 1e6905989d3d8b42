//! AWS IAM across files: identities (users, groups, roles), policy documents, attachments,
//! group memberships and IAM Identity Center permission sets, collected per file by the
//! Terraform, CloudFormation and IAM-JSON extractors and joined once after the scan, so a policy
//! attached in one file and defined in another is still judged.
//!
//! Keys: Terraform addresses are qualified by their directory (a Terraform module), CloudFormation
//! logical ids by their template (`terraform::aws_iam_user.tom`, `cfn/stack.yaml::Admins`).
//!
//! Standing and JIT (the conservative rule): users and groups hold an attachment permanently.
//! A role is assumable at will by whoever its trust policy names, so its eligibility is standing
//! even though sessions expire; files cannot show an approval step in front of `sts:AssumeRole`.
//! A permission set is standing when an account assignment in the scan assigns it; without one it
//! counts as reached just in time only when its session lasts at most an hour *and* the scan shows
//! an approval flow (Teleport access requests with reviewers or automatic review); otherwise it is
//! assumed to be assigned permanently outside the scan.

use super::iam_policy::{customer_policy_name, managed, AdminPolicy};
use super::{line, Grant, System};
use crate::document::Document;
use std::collections::HashMap;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdKind {
    User,
    Group,
    Role,
}

impl IdKind {
    fn prefix(self) -> &'static str {
        match self {
            IdKind::User => "iam-user",
            IdKind::Group => "iam-group",
            IdKind::Role => "iam-role",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Identity {
    pub key: String,
    pub kind: IdKind,
    /// Resolved names (several for a `for_each` over literal names).
    pub names: Vec<String>,
    /// For roles: who may assume it and for how long.
    pub trust: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Policy {
    pub key: String,
    pub name: String,
    pub path: String,
    pub line: Option<u32>,
    pub admin: Option<AdminPolicy>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PolicyRef {
    /// A policy defined in the scan (by key).
    Key(String),
    Arn(String),
    /// A policy document written in place (inline policy): already analysed.
    Inline(Option<AdminPolicy>),
    /// An expression only known at plan time (`var.policy_arn`).
    Unknown(String),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrincipalRef {
    Key(String),
    Name(IdKind, String),
}

#[derive(Debug, Clone)]
pub struct Attachment {
    pub principal: PrincipalRef,
    pub policy: PolicyRef,
    pub path: String,
    pub line: Option<u32>,
}

#[derive(Debug, Clone)]
pub struct PermissionSet {
    pub key: String,
    pub name: String,
    /// ISO 8601 duration (`PT1H`); AWS's default is one hour.
    pub session: Option<String>,
}

#[derive(Debug, Clone, Default)]
pub struct IamFacts {
    pub identities: Vec<Identity>,
    pub policies: Vec<Policy>,
    pub attachments: Vec<Attachment>,
    /// (group, user) pairs.
    pub memberships: Vec<(PrincipalRef, PrincipalRef)>,
    pub permission_sets: Vec<PermissionSet>,
    /// (permission set key, policy) pairs.
    pub set_policies: Vec<(String, Attachment)>,
    /// Keys of permission sets an account assignment in the scan assigns permanently.
    pub assigned: Vec<String>,
}

impl IamFacts {
    pub fn is_empty(&self) -> bool {
        self.identities.is_empty()
            && self.policies.is_empty()
            && self.attachments.is_empty()
            && self.memberships.is_empty()
            && self.permission_sets.is_empty()
    }

    pub fn merge(&mut self, other: IamFacts) {
        self.identities.extend(other.identities);
        self.policies.extend(other.policies);
        self.attachments.extend(other.attachments);
        self.memberships.extend(other.memberships);
        self.permission_sets.extend(other.permission_sets);
        self.set_policies.extend(other.set_policies);
        self.assigned.extend(other.assigned);
    }
}

/// An IAM policy JSON file: a policy named after the file (as `aws iam get-policy-version` exports).
pub fn extract_policy_file(doc: &Document, out: &mut IamFacts) {
    let admin = super::iam_policy::analyse(&doc.tree);
    let pointer = match admin.as_ref().and_then(|a| a.statement) {
        Some(i) => format!("/Statement/{i}/Action"),
        None => "/Statement".to_string(),
    };
    out.policies.push(Policy {
        key: format!("{}::", doc.path),
        name: super::file_stem(&doc.path).to_string(),
        path: doc.path.clone(),
        line: line(doc, &pointer),
        admin,
    });
}

/// Session length in seconds of an ISO 8601 duration such as `PT1H30M`.
fn seconds(iso: &str) -> Option<u64> {
    let t = iso.strip_prefix("PT")?;
    let (mut total, mut num) = (0u64, String::new());
    for c in t.chars() {
        if c.is_ascii_digit() {
            num.push(c);
            continue;
        }
        let n: u64 = num.parse().ok()?;
        num.clear();
        total += n * match c {
            'H' => 3600,
            'M' => 60,
            'S' => 1,
            _ => return None,
        };
    }
    num.is_empty().then_some(total)
}

struct Resolved {
    admin: Option<AdminPolicy>,
    /// Set when the policy is not in the scan: what it is called.
    unresolved: Option<String>,
}

/// Lookups for the join, built once (the facts of a large estate hold thousands of each).
struct Ix<'a> {
    f: &'a IamFacts,
    identities: HashMap<&'a str, &'a Identity>,
    policy_keys: HashMap<&'a str, usize>,
    policy_names: HashMap<&'a str, usize>,
    /// Group name → member names.
    members: HashMap<String, Vec<String>>,
}

impl<'a> Ix<'a> {
    fn new(f: &'a IamFacts) -> Self {
        let mut ix = Ix {
            f,
            identities: HashMap::new(),
            policy_keys: HashMap::new(),
            policy_names: HashMap::new(),
            members: HashMap::new(),
        };
        for i in &f.identities {
            ix.identities.entry(i.key.as_str()).or_insert(i);
        }
        for (n, p) in f.policies.iter().enumerate() {
            ix.policy_keys.entry(p.key.as_str()).or_insert(n);
            ix.policy_names.entry(p.name.as_str()).or_insert(n);
        }
        let mut members: HashMap<String, Vec<String>> = HashMap::new();
        for (g, u) in &f.memberships {
            let users: Vec<String> = ix.names(u).into_iter().map(|(_, n, _)| n).collect();
            for (_, group, _) in ix.names(g).into_iter().filter(|(k, _, _)| *k == IdKind::Group) {
                members.entry(group).or_default().extend(users.iter().cloned());
            }
        }
        for list in members.values_mut() {
            list.sort();
            list.dedup();
        }
        ix.members = members;
        ix
    }

    fn resolve(&self, p: &PolicyRef, used: &mut [bool]) -> Option<Resolved> {
        let mut by = |found: Option<&usize>, what: &str| match found {
            Some(&i) => {
                if let Some(u) = used.get_mut(i) {
                    *u = true;
                }
                let admin = self.f.policies.get(i).and_then(|p| p.admin.clone());
                admin.map(|a| Resolved { admin: Some(a), unresolved: None })
            }
            None => Some(Resolved { admin: None, unresolved: Some(what.to_string()) }),
        };
        match p {
            PolicyRef::Inline(a) => a.clone().map(|a| Resolved { admin: Some(a), unresolved: None }),
            PolicyRef::Key(k) => by(self.policy_keys.get(k.as_str()), k.rsplit("::").next().unwrap_or(k)),
            PolicyRef::Unknown(expr) => Some(Resolved { admin: None, unresolved: Some(expr.clone()) }),
            PolicyRef::Arn(arn) => match managed(arn) {
                Some(Ok(a)) => Some(Resolved { admin: Some(a), unresolved: None }),
                Some(Err(())) => None,
                None => by(self.policy_names.get(customer_policy_name(arn).unwrap_or(arn)), arn),
            },
        }
    }

    /// Names (with kinds and, for roles, who may assume them) a principal reference stands for.
    fn names(&self, p: &PrincipalRef) -> Vec<(IdKind, String, Option<String>)> {
        match p {
            PrincipalRef::Name(kind, n) => vec![(*kind, n.clone(), None)],
            PrincipalRef::Key(k) => match self.identities.get(k.as_str()) {
                Some(i) => i.names.iter().map(|n| (i.kind, n.clone(), i.trust.clone())).collect(),
                None => {
                    let address = k.rsplit("::").next().unwrap_or(k).to_string();
                    let kind = if address.starts_with("aws_iam_group") {
                        IdKind::Group
                    } else if address.starts_with("aws_iam_role") {
                        IdKind::Role
                    } else {
                        IdKind::User
                    };
                    vec![(kind, address, None)]
                }
            },
        }
    }
}

fn grant_for(principal: String, a: &Attachment, r: &Resolved) -> Grant {
    let (grant, scope, items) = match (&r.admin, &r.unresolved) {
        (Some(admin), _) => {
            (admin.grant.clone(), "every resource in the account (Resource *)".to_string(), admin.items.clone())
        }
        (None, Some(what)) => (format!("policy {what}"), "policy defined elsewhere".to_string(), Vec::new()),
        (None, None) => (String::new(), String::new(), Vec::new()),
    };
    Grant {
        system: System::Aws,
        principal,
        path: a.path.clone(),
        line: a.line,
        grant,
        scope,
        standing: true,
        jit_path: false,
        basis: String::new(),
        items,
        members: Vec::new(),
        resolved: r.admin.is_some(),
    }
}

/// The admin-level IAM grants of the scan. `approval` is the evidence of an approval flow.
pub fn grants(f: &IamFacts, approval: &[String]) -> Vec<Grant> {
    let ix = Ix::new(f);
    let mut out = Vec::new();
    let mut attached = vec![false; f.policies.len()];
    for a in &f.attachments {
        let Some(r) = ix.resolve(&a.policy, &mut attached) else { continue };
        for (kind, name, trust) in ix.names(&a.principal) {
            let mut g = grant_for(format!("{}:{name}", kind.prefix()), a, &r);
            g.basis = match (kind, trust) {
                (IdKind::Role, Some(t)) => format!(
                    "{t}; no approval step in front of sts:AssumeRole can be shown in files, \
                     so the eligibility is standing"
                ),
                (IdKind::Role, None) => "IAM role defined outside the scan: who may assume it is unknown".into(),
                (IdKind::Group, _) => "attached to the group permanently; every member holds it".into(),
                (IdKind::User, _) => "attached to the IAM user permanently (no expiry)".into(),
            };
            if kind == IdKind::Group {
                g.members = ix.members.get(&name).cloned().unwrap_or_default();
            }
            out.push(g);
        }
    }
    let approval_flow = {
        let mut a = approval.to_vec();
        a.sort();
        a.dedup();
        a
    };
    for (set_key, a) in &f.set_policies {
        let Some(r) = ix.resolve(&a.policy, &mut attached) else { continue };
        let set = f.permission_sets.iter().find(|p| &p.key == set_key);
        let name = set.map_or_else(|| set_key.rsplit("::").next().unwrap_or(set_key).to_string(), |s| s.name.clone());
        let session = set.and_then(|s| s.session.clone()).unwrap_or_else(|| "PT1H".into());
        let short = seconds(&session).is_some_and(|s| s <= 3600);
        let assigned = f.assigned.contains(set_key);
        let mut g = grant_for(format!("sso-permission-set:{name}"), a, &r);
        g.scope = format!("{} (sessions {session})", g.scope);
        (g.standing, g.jit_path, g.basis) = match (assigned, short && !approval_flow.is_empty()) {
            (true, jit) => (true, jit, "assigned permanently by an account assignment in the scan".into()),
            (false, true) => (
                false,
                true,
                format!(
                    "no account assignment in the scan, sessions {session}, and an approval flow exists \
                     ({}): taken as assigned just in time",
                    approval_flow.join(", ")
                ),
            ),
            (false, false) => (
                true,
                false,
                format!(
                    "no account assignment in the scan, but no approval flow or a session over 1h \
                     ({session}): taken as assigned permanently elsewhere"
                ),
            ),
        };
        out.push(g);
    }
    for (p, used) in f.policies.iter().zip(&attached) {
        if let (Some(admin), false) = (&p.admin, used) {
            out.push(Grant {
                system: System::Aws,
                principal: format!("iam-policy:{}", p.name),
                path: p.path.clone(),
                line: p.line,
                grant: admin.grant.clone(),
                scope: "holders not in the scan".into(),
                standing: true,
                jit_path: false,
                basis: "a managed policy does not expire; who it is attached to is not in the scan".into(),
                items: admin.items.clone(),
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

    #[test]
    fn iso_durations() {
        assert_eq!(seconds("PT1H"), Some(3600));
        assert_eq!(seconds("PT1H30M"), Some(5400));
        assert_eq!(seconds("PT15M"), Some(900));
        assert_eq!(seconds("1h"), None);
        assert_eq!(seconds("PT12"), None);
    }
}
