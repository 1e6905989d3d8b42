//! One log event → who did what, in the principal names the inventory uses, and whether the action
//! was admin-level. Only actions that happened count: denied or failed requests are skipped (a
//! Kubernetes response code ≥ 400, a CloudTrail `errorCode`, a Vault `error`, a sudo line that
//! reports a refusal).
//!
//! - Kubernetes audit: `user.username` → `User:…` (`system:serviceaccount:ns:name` →
//!   `ServiceAccount:ns/name`), each of `user.groups` → `Group:…`; with impersonation the
//!   impersonated user and groups did the action and the caller did `impersonate`. Action:
//!   `verb resource[/subresource]`.
//! - CloudTrail: `IAMUser` → `iam-user:<userName>`, `AssumedRole` → `iam-role:<role>` (or
//!   `sso-permission-set:<name>` for an `AWSReservedSSO_<name>_<id>` role), `Root` → `aws-root`.
//!   Action: `<service>:<eventName>` (`iam:CreateAccessKey`), as IAM policies name it.
//! - auth.log: sudo's `USER : … COMMAND=…` → `user:<name>` on the event's host; action: the command;
//!   admin-level when it opens a root shell (`bash`, `su -`…), which is not tailored to any action.
//! - Vault audit: `auth.display_name` → `vault-user:<name>`, each of `auth.policies` →
//!   `policy:<name>`. Action: `<operation> <path>`.

use super::System;
use crate::kind::Kind;
use serde_json::Value;

/// One principal's action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Observation {
    pub system: System,
    pub principal: String,
    /// Group-like principals the action also counts for (k8s groups, Vault policies).
    pub via: Vec<String>,
    pub action: String,
    pub admin: bool,
    /// The host an auth.log line came from (sudo grants are per host).
    pub host: String,
}

fn s<'a>(ev: &'a Value, pointer: &str) -> Option<&'a str> {
    at(ev, pointer).and_then(Value::as_str).filter(|x| !x.is_empty())
}

/// `Value::pointer` without its per-token unescaping allocations (these pointers have no `~`):
/// this runs several times for every event of a large log.
fn at<'a>(ev: &'a Value, pointer: &str) -> Option<&'a Value> {
    pointer.split('/').skip(1).try_fold(ev, |v, token| match v {
        Value::Object(m) => m.get(token),
        Value::Array(items) => token.parse::<usize>().ok().and_then(|i| items.get(i)),
        _ => None,
    })
}

pub fn observe(kind: Kind, ev: &Value) -> Vec<Observation> {
    match kind {
        Kind::K8sAuditLog => kubernetes(ev),
        Kind::CloudtrailLog => cloudtrail(ev).into_iter().collect(),
        Kind::AuthLog => sudo(ev).into_iter().collect(),
        Kind::VaultAuditLog => vault(ev).into_iter().collect(),
        _ => Vec::new(),
    }
}

fn k8s_user(name: &str) -> String {
    match name.strip_prefix("system:serviceaccount:").and_then(|r| r.split_once(':')) {
        Some((ns, sa)) => format!("ServiceAccount:{ns}/{sa}"),
        None => format!("User:{name}"),
    }
}

fn groups(v: Option<&Value>) -> Vec<String> {
    super::strings(v).into_iter().map(|g| format!("Group:{g}")).collect()
}

fn kubernetes(ev: &Value) -> Vec<Observation> {
    if s(ev, "/stage") == Some("RequestReceived") {
        return Vec::new();
    }
    if at(ev, "/responseStatus/code").and_then(Value::as_u64).is_some_and(|c| c >= 400) {
        return Vec::new();
    }
    let Some(user) = s(ev, "/user/username") else { return Vec::new() };
    let verb = s(ev, "/verb").unwrap_or("?");
    let resource = match (s(ev, "/objectRef/resource"), s(ev, "/objectRef/subresource")) {
        (Some(r), Some(sub)) => format!("{r}/{sub}"),
        (Some(r), None) => r.to_string(),
        (None, _) => s(ev, "/requestURI").map_or("?", |u| u.split('?').next().unwrap_or(u)).to_string(),
    };
    let masters = |g: &[String]| g.iter().any(|x| x == "Group:system:masters");
    let admin = |g: &[String]| masters(g) || k8s_admin(verb, &resource);
    let action = format!("{verb} {resource}");
    let mut out = Vec::new();
    let caller_groups = groups(at(ev, "/user/groups"));
    match s(ev, "/impersonatedUser/username") {
        Some(as_user) => {
            let as_groups = groups(at(ev, "/impersonatedUser/groups"));
            out.push(Observation {
                system: System::Kubernetes,
                principal: k8s_user(user),
                admin: true,
                action: "impersonate users".into(),
                via: caller_groups,
                host: String::new(),
            });
            out.push(Observation {
                system: System::Kubernetes,
                principal: k8s_user(as_user),
                admin: admin(&as_groups),
                action,
                via: as_groups,
                host: String::new(),
            });
        }
        None => out.push(Observation {
            system: System::Kubernetes,
            principal: k8s_user(user),
            admin: admin(&caller_groups),
            action,
            via: caller_groups,
            host: String::new(),
        }),
    }
    out
}

/// Admin-level Kubernetes actions: RBAC changes, escalation verbs, reading Secrets, exec/attach
/// into pods, node proxying and minting service-account tokens.
fn k8s_admin(verb: &str, resource: &str) -> bool {
    let rbac = ["roles", "clusterroles", "rolebindings", "clusterrolebindings"];
    let writes = ["create", "update", "patch", "delete", "deletecollection", "escalate", "bind"];
    (rbac.contains(&resource) && writes.contains(&verb))
        || matches!(verb, "impersonate" | "escalate" | "bind")
        || (resource == "secrets" && matches!(verb, "get" | "list" | "watch"))
        || matches!(resource, "pods/exec" | "pods/attach" | "pods/portforward" | "nodes/proxy")
        || (resource == "serviceaccounts/token" && verb == "create")
}

fn cloudtrail(ev: &Value) -> Option<Observation> {
    if ev.get("errorCode").is_some_and(|e| !e.is_null()) {
        return None;
    }
    let service = s(ev, "/eventSource")?.split('.').next()?;
    let name = s(ev, "/eventName")?;
    let arn_tail = |marker: &str| s(ev, "/userIdentity/arn").and_then(|a| a.split_once(marker)).map(|(_, t)| t);
    let principal = match s(ev, "/userIdentity/type")? {
        "IAMUser" => {
            let user =
                s(ev, "/userIdentity/userName").or_else(|| arn_tail(":user/").and_then(|t| t.rsplit('/').next()))?;
            format!("iam-user:{user}")
        }
        "AssumedRole" => {
            let role = s(ev, "/userIdentity/sessionContext/sessionIssuer/userName")
                .or_else(|| arn_tail(":assumed-role/").and_then(|t| t.split('/').next()))?;
            match sso_permission_set(role) {
                Some(set) => format!("sso-permission-set:{set}"),
                None => format!("iam-role:{role}"),
            }
        }
        "Root" => "aws-root".to_string(),
        "SAMLUser" | "WebIdentityUser" | "FederatedUser" => format!("federated:{}", s(ev, "/userIdentity/userName")?),
        _ => return None,
    };
    let admin = principal == "aws-root" || aws_admin(service, name);
    Some(Observation {
        system: System::Aws,
        principal,
        via: Vec::new(),
        action: format!("{service}:{name}"),
        admin,
        host: String::new(),
    })
}

/// `AWSReservedSSO_<PermissionSet>_<16 hex>` → the permission set name.
fn sso_permission_set(role: &str) -> Option<&str> {
    let rest = role.strip_prefix("AWSReservedSSO_")?;
    let (name, id) = rest.rsplit_once('_')?;
    id.chars().all(|c| c.is_ascii_hexdigit()).then_some(name)
}

/// Admin-level AWS API calls: any change to identities and organisations, and switching off
/// audit, detection or keys.
fn aws_admin(service: &str, name: &str) -> bool {
    let read = ["Get", "List", "Describe", "Lookup", "Search", "BatchGet", "Simulate", "Generate"];
    match service {
        "iam" | "organizations" | "sso" | "identitystore" | "sso-directory" => {
            !read.iter().any(|p| name.starts_with(p))
        }
        "cloudtrail" => matches!(name, "StopLogging" | "DeleteTrail" | "UpdateTrail" | "PutEventSelectors"),
        "kms" => matches!(name, "DisableKey" | "ScheduleKeyDeletion" | "PutKeyPolicy"),
        "guardduty" => matches!(name, "DeleteDetector" | "UpdateDetector" | "DisassociateFromMasterAccount"),
        _ => false,
    }
}

fn sudo(ev: &Value) -> Option<Observation> {
    let user = s(ev, "/sudo/user")?;
    // A refusal (`user NOT in sudoers ; TTY=…`, `3 incorrect password attempts ; …`) parses too:
    // only `user : TTY=… ; PWD=…` is a command that ran.
    let message = s(ev, "/message").unwrap_or("");
    let ran = message.split_once(" : ").is_some_and(|(_, rest)| rest.starts_with("TTY=") || rest.starts_with("PWD="));
    if !ran {
        return None;
    }
    let runas = s(ev, "/sudo/runas").unwrap_or("root");
    let command = s(ev, "/sudo/command")?;
    Some(Observation {
        system: System::Sudo,
        principal: format!("user:{user}"),
        via: Vec::new(),
        action: command.to_string(),
        admin: (runas == "root" || runas == "#0") && super::sudo::is_shell(command),
        host: s(ev, "/host").unwrap_or("").to_string(),
    })
}

fn vault(ev: &Value) -> Option<Observation> {
    if s(ev, "/type") == Some("request") || ev.get("error").is_some_and(|e| !e.is_null() && e != "") {
        return None;
    }
    let who = s(ev, "/auth/display_name").or_else(|| s(ev, "/auth/entity_id"))?;
    let op = s(ev, "/request/operation").unwrap_or("?");
    let path = s(ev, "/request/path").unwrap_or("?");
    let policies = super::strings(at(ev, "/auth/policies"));
    let admin = policies.iter().any(|p| p == "root")
        || ((path.starts_with("sys/") || path.starts_with("auth/")) && !matches!(op, "read" | "list"));
    Some(Observation {
        system: System::Vault,
        principal: format!("vault-user:{who}"),
        via: policies.into_iter().map(|p| format!("policy:{p}")).collect(),
        action: format!("{op} {path}"),
        admin,
        host: String::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn kubernetes_impersonation_and_denials() {
        let ev = json!({"stage": "ResponseComplete", "verb": "patch", "user": {"username": "system:serviceaccount:teleport:kube-agent", "groups": ["system:serviceaccounts"]},
            "impersonatedUser": {"username": "priya", "groups": ["teleport:jit-debug"]},
            "objectRef": {"resource": "pods", "subresource": "ephemeralcontainers"}, "responseStatus": {"code": 200}});
        let o = observe(Kind::K8sAuditLog, &ev);
        assert_eq!(o.len(), 2);
        assert_eq!(
            (o[0].principal.as_str(), o[0].action.as_str()),
            ("ServiceAccount:teleport/kube-agent", "impersonate users")
        );
        assert_eq!((o[1].principal.as_str(), o[1].action.as_str()), ("User:priya", "patch pods/ephemeralcontainers"));
        assert_eq!(o[1].via, vec!["Group:teleport:jit-debug"]);
        let denied = json!({"verb": "create", "user": {"username": "ben"}, "objectRef": {"resource": "clusterrolebindings"}, "responseStatus": {"code": 403}});
        assert!(observe(Kind::K8sAuditLog, &denied).is_empty());
        let secrets = json!({"verb": "list", "user": {"username": "tomas", "groups": ["okta:eng"]}, "objectRef": {"resource": "secrets"}});
        assert!(observe(Kind::K8sAuditLog, &secrets)[0].admin);
    }

    #[test]
    fn cloudtrail_identities() {
        let user = json!({"userIdentity": {"type": "IAMUser", "userName": "tom.hale"}, "eventSource": "iam.amazonaws.com", "eventName": "CreateAccessKey"});
        let o = observe(Kind::CloudtrailLog, &user);
        assert_eq!(
            (o[0].principal.as_str(), o[0].action.as_str(), o[0].admin),
            ("iam-user:tom.hale", "iam:CreateAccessKey", true)
        );
        let sso = json!({"userIdentity": {"type": "AssumedRole", "arn": "arn:aws:sts::1:assumed-role/AWSReservedSSO_PlatformOperator_8e7d6c5b4a3f2e1d/alice"}, "eventSource": "rds.amazonaws.com", "eventName": "RebootDBInstance"});
        let o = observe(Kind::CloudtrailLog, &sso);
        assert_eq!((o[0].principal.as_str(), o[0].admin), ("sso-permission-set:PlatformOperator", false));
        let denied = json!({"userIdentity": {"type": "IAMUser", "userName": "x"}, "eventSource": "iam.amazonaws.com", "eventName": "CreateUser", "errorCode": "AccessDenied"});
        assert!(observe(Kind::CloudtrailLog, &denied).is_empty());
        let root = json!({"userIdentity": {"type": "Root"}, "eventSource": "signin.amazonaws.com", "eventName": "ConsoleLogin"});
        assert!(observe(Kind::CloudtrailLog, &root)[0].admin);
    }

    #[test]
    fn sudo_lines_that_ran_and_that_were_refused() {
        let ran = crate::logs::syslog::parse_auth_line(
            "Nov 17 08:42:30 web01 sudo:      tom : TTY=pts/0 ; PWD=/home/tom ; USER=root ; COMMAND=/bin/bash",
        )
        .expect("parses");
        let o = observe(Kind::AuthLog, &ran);
        assert_eq!(
            (o[0].principal.as_str(), o[0].action.as_str(), o[0].host.as_str(), o[0].admin),
            ("user:tom", "/bin/bash", "web01", true)
        );
        let scoped = crate::logs::syslog::parse_auth_line("Nov 17 08:43:00 web01 sudo:   deploy : TTY=unknown ; PWD=/ ; USER=root ; COMMAND=/usr/bin/systemctl restart app").expect("parses");
        assert!(!observe(Kind::AuthLog, &scoped)[0].admin, "a scoped command is not a root shell");
        let refused = crate::logs::syslog::parse_auth_line("Nov 17 08:42:30 web01 sudo:      eve : user NOT in sudoers ; TTY=pts/0 ; PWD=/home/eve ; USER=root ; COMMAND=/bin/bash").expect("parses");
        assert!(observe(Kind::AuthLog, &refused).is_empty());
    }

    #[test]
    fn vault_responses_count_once() {
        let ev = json!({"type": "response", "auth": {"display_name": "oidc-ann", "policies": ["default", "admin"]}, "request": {"operation": "update", "path": "sys/policies/acl/x"}});
        let o = observe(Kind::VaultAuditLog, &ev);
        assert_eq!(o[0].via, vec!["policy:default", "policy:admin"]);
        assert!(o[0].admin);
        assert!(observe(Kind::VaultAuditLog, &json!({"type": "request", "auth": {"display_name": "x"}})).is_empty());
    }
}
