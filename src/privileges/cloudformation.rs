//! CloudFormation `AWS::IAM::*` and `AWS::SSO::*` resources into [`IamFacts`], so they join with
//! everything else: users, groups and roles with their inline `Policies` and `ManagedPolicyArns`,
//! `AWS::IAM::Policy`/`ManagedPolicy` with their `Users`/`Groups`/`Roles`, group additions,
//! permission sets and assignments. `!Ref X` / `!GetAtt X.Arn` name a resource of the same
//! template (key `<template path>::X`); anything else computed is an unknown reference.

use super::iam_join::{Attachment, IamFacts, IdKind, Identity, PermissionSet, Policy, PolicyRef, PrincipalRef};
use super::iam_policy::analyse;
use super::{line, str_at};
use crate::document::{escape_token, Document};
use serde_json::Value;

/// The logical id a `{"Ref": X}` or `{"Fn::GetAtt": "X.Arn" | [X, "Arn"]}` names.
fn logical_id(v: &Value) -> Option<String> {
    if let Some(r) = v.get("Ref").and_then(Value::as_str) {
        return Some(r.to_string());
    }
    match v.get("Fn::GetAtt")? {
        Value::String(s) => s.split('.').next().map(str::to_string),
        Value::Array(a) => a.first().and_then(Value::as_str).map(str::to_string),
        _ => None,
    }
}

fn items(v: Option<&Value>) -> Vec<&Value> {
    match v {
        Some(Value::Array(a)) => a.iter().collect(),
        Some(other) => vec![other],
        None => Vec::new(),
    }
}

pub fn extract(doc: &Document, out: &mut IamFacts) {
    let Some(resources) = doc.tree.get("Resources").and_then(Value::as_object) else { return };
    let key = |id: &str| format!("{}::{id}", doc.path);
    let principal = |v: &Value, kind: IdKind| match (v, logical_id(v)) {
        (_, Some(id)) => Some(PrincipalRef::Key(key(&id))),
        (Value::String(s), None) => Some(PrincipalRef::Name(kind, s.clone())),
        _ => None,
    };
    let policy = |v: &Value| match (v, logical_id(v)) {
        (_, Some(id)) => PolicyRef::Key(key(&id)),
        (Value::String(s), None) => PolicyRef::Arn(s.clone()),
        (other, None) => PolicyRef::Unknown(other.to_string()),
    };
    for (id, res) in resources {
        let base = format!("/Resources/{}/Properties", escape_token(id));
        let at = |rest: &str| line(doc, &format!("{base}{rest}"));
        let props = res.get("Properties").cloned().unwrap_or(Value::Null);
        let attach = |p: PrincipalRef, policy: PolicyRef, line: Option<u32>| Attachment {
            principal: p,
            policy,
            path: doc.path.clone(),
            line,
        };
        let ty = str_at(res, "/Type").unwrap_or("");
        let kind = match ty {
            "AWS::IAM::User" => Some((IdKind::User, "UserName")),
            "AWS::IAM::Group" => Some((IdKind::Group, "GroupName")),
            "AWS::IAM::Role" => Some((IdKind::Role, "RoleName")),
            _ => None,
        };
        if let Some((kind, name_prop)) = kind {
            let name = props.get(name_prop).and_then(Value::as_str).unwrap_or(id).to_string();
            let trust = (kind == IdKind::Role).then(|| {
                let max = props.get("MaxSessionDuration").and_then(Value::as_u64).unwrap_or(3600);
                format!(
                    "IAM role assumable at will by the principals of its AssumeRolePolicyDocument; \
                     sessions up to {max}s"
                )
            });
            out.identities.push(Identity { key: key(id), kind, names: vec![name], trust });
            let me = PrincipalRef::Key(key(id));
            for (i, p) in items(props.get("Policies")).into_iter().enumerate() {
                let admin = p.get("PolicyDocument").and_then(analyse);
                let line = match admin.as_ref().and_then(|a| a.statement) {
                    Some(s) => at(&format!("/Policies/{i}/PolicyDocument/Statement/{s}/Action")),
                    None => at(&format!("/Policies/{i}")),
                };
                out.attachments.push(attach(me.clone(), PolicyRef::Inline(admin), line));
            }
            for (i, arn) in items(props.get("ManagedPolicyArns")).into_iter().enumerate() {
                out.attachments.push(attach(me.clone(), policy(arn), at(&format!("/ManagedPolicyArns/{i}"))));
            }
            for g in items(props.get("Groups")) {
                if let Some(g) = principal(g, IdKind::Group) {
                    out.memberships.push((g, me.clone()));
                }
            }
            continue;
        }
        match ty {
            "AWS::IAM::Policy" | "AWS::IAM::ManagedPolicy" => {
                let admin = props.get("PolicyDocument").and_then(analyse);
                let line = match admin.as_ref().and_then(|a| a.statement) {
                    Some(s) => at(&format!("/PolicyDocument/Statement/{s}/Action")),
                    None => at("/PolicyDocument"),
                };
                let name_prop = if ty == "AWS::IAM::Policy" { "PolicyName" } else { "ManagedPolicyName" };
                let name = props.get(name_prop).and_then(Value::as_str).unwrap_or(id).to_string();
                out.policies.push(Policy { key: key(id), name, path: doc.path.clone(), line, admin });
                for (prop, kind) in [("Users", IdKind::User), ("Groups", IdKind::Group), ("Roles", IdKind::Role)] {
                    for p in items(props.get(prop)).into_iter().filter_map(|v| principal(v, kind)) {
                        out.attachments.push(attach(p, PolicyRef::Key(key(id)), line));
                    }
                }
            }
            "AWS::IAM::UserToGroupAddition" => {
                if let Some(g) = props.get("GroupName").and_then(|g| principal(g, IdKind::Group)) {
                    for u in items(props.get("Users")).into_iter().filter_map(|u| principal(u, IdKind::User)) {
                        out.memberships.push((g.clone(), u));
                    }
                }
            }
            "AWS::SSO::PermissionSet" => {
                out.permission_sets.push(PermissionSet {
                    key: key(id),
                    name: props.get("Name").and_then(Value::as_str).unwrap_or(id).to_string(),
                    session: props.get("SessionDuration").and_then(Value::as_str).map(str::to_string),
                });
                let me = PrincipalRef::Key(key(id));
                for (i, arn) in items(props.get("ManagedPolicies")).into_iter().enumerate() {
                    let a = attach(me.clone(), policy(arn), at(&format!("/ManagedPolicies/{i}")));
                    out.set_policies.push((key(id), a));
                }
                if let Some(inline) = props.get("InlinePolicy") {
                    let doc_value = match inline {
                        Value::String(s) => serde_json::from_str(s).unwrap_or(Value::Null),
                        other => other.clone(),
                    };
                    let a = attach(me, PolicyRef::Inline(analyse(&doc_value)), at("/InlinePolicy"));
                    out.set_policies.push((key(id), a));
                }
            }
            "AWS::SSO::Assignment" => {
                if let Some(set) = props.get("PermissionSetArn").and_then(logical_id) {
                    out.assigned.push(key(&set));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cloudformation_users_policies_and_groups_join() {
        let yaml = r#"AWSTemplateFormatVersion: "2010-09-09"
Resources:
  Ops:
    Type: AWS::IAM::Group
    Properties:
      GroupName: ops
  Alice:
    Type: AWS::IAM::User
    Properties:
      UserName: alice
      Groups: [!Ref Ops]
  OpsAdmin:
    Type: AWS::IAM::ManagedPolicy
    Properties:
      Groups: [!Ref Ops]
      PolicyDocument:
        Statement:
          - Effect: Allow
            Action: "*"
            Resource: "*"
  Ci:
    Type: AWS::IAM::User
    Properties:
      ManagedPolicyArns: [arn:aws:iam::aws:policy/AdministratorAccess]
"#;
        let out = crate::parse::parse(crate::parse::Syntax::Yaml, yaml, crate::parse::YamlOptions::default());
        let d = out.documents.into_iter().next().expect("parses");
        let doc = Document {
            kind: crate::kind::Kind::Cloudformation,
            path: "cfn/iam.yaml".into(),
            ordinal: 0,
            tree: d.tree,
            spans: d.spans,
        };
        let mut f = IamFacts::default();
        extract(&doc, &mut f);
        let g = super::super::iam_join::grants(&f, &[]);
        let got: Vec<(&str, Option<u32>, &str)> =
            g.iter().map(|g| (g.principal.as_str(), g.line, g.grant.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("iam-group:ops", Some(19), "Allow * on *"),
                ("iam-user:Ci", Some(24), "AWS managed AdministratorAccess (Allow * on *)"),
            ]
        );
        assert_eq!(g[0].members, vec!["alice"]);
    }
}
