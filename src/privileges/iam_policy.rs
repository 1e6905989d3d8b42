//! IAM policy documents and managed policy ARNs: is this policy admin-level, and which action
//! patterns does it grant? Admin-level: an `Allow` statement with `Action` `*`, `*:*` or `iam:*`
//! (or any `NotAction`) on `Resource` `*` (or any `NotResource`) — identity policies only, so a
//! statement with a `Principal` (a resource policy) is skipped; and the AWS managed
//! `AdministratorAccess`, `PowerUserAccess` and `*FullAccess` policies.

use super::strings;
use serde_json::Value;

/// What makes a policy admin-level.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AdminPolicy {
    /// Human text: `Allow * on *`, `AWS managed AdministratorAccess`.
    pub grant: String,
    /// Granted action patterns (`*`, `iam:*`, `s3:*`), for matching CloudTrail events.
    pub items: Vec<String>,
    /// Index of the first admin statement (`None` for a managed ARN or a single statement object).
    pub statement: Option<usize>,
}

fn is_admin_action(a: &str) -> bool {
    let a = a.to_ascii_lowercase();
    a == "*" || a == "*:*" || a == "iam:*"
}

/// An admin-level statement: its description and action patterns.
fn statement(s: &Value) -> Option<(String, Vec<String>)> {
    let effect = s.get("Effect").and_then(Value::as_str)?;
    if !effect.eq_ignore_ascii_case("allow") || s.get("Principal").is_some() || s.get("NotPrincipal").is_some() {
        return None;
    }
    let every_resource = strings(s.get("Resource")).iter().any(|r| r == "*") || s.get("NotResource").is_some();
    if !every_resource {
        return None;
    }
    let conditional = if s.get("Condition").is_some() { " (with conditions)" } else { "" };
    if let Some(not) = s.get("NotAction") {
        let except = strings(Some(not)).join(", ");
        return Some((format!("Allow every action except {except} on *{conditional}"), vec!["*".into()]));
    }
    let actions = strings(s.get("Action"));
    if !actions.iter().any(|a| is_admin_action(a)) {
        return None;
    }
    Some((format!("Allow {} on *{conditional}", actions.join(", ")), actions))
}

/// Analyse a policy document (`{"Statement": […]}` or a single statement object).
pub fn analyse(doc: &Value) -> Option<AdminPolicy> {
    let statements = doc.get("Statement")?;
    let list: Vec<(Option<usize>, &Value)> = match statements {
        Value::Array(items) => items.iter().enumerate().map(|(i, s)| (Some(i), s)).collect(),
        single @ Value::Object(_) => vec![(None, single)],
        _ => return None,
    };
    let mut grants = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut first = None;
    for (i, s) in list {
        if let Some((text, actions)) = statement(s) {
            if grants.is_empty() {
                first = i;
            }
            grants.push(text);
            for a in actions {
                if !items.contains(&a) {
                    items.push(a);
                }
            }
        }
    }
    (!grants.is_empty()).then(|| AdminPolicy { grant: grants.join("; "), items, statement: first })
}

/// Analyse a Terraform `aws_iam_policy_document` data source (`statement` blocks, lowercase keys;
/// `effect` defaults to Allow).
pub fn analyse_document_blocks(body: &Value) -> Option<AdminPolicy> {
    let mut statements = Vec::new();
    for s in body.get("statement").and_then(Value::as_array).into_iter().flatten() {
        let mut st = serde_json::Map::new();
        st.insert("Effect".into(), s.get("effect").cloned().unwrap_or_else(|| Value::String("Allow".into())));
        for (from, to) in [
            ("actions", "Action"),
            ("not_actions", "NotAction"),
            ("resources", "Resource"),
            ("not_resources", "NotResource"),
        ] {
            if let Some(v) = s.get(from) {
                st.insert(to.into(), v.clone());
            }
        }
        if s.get("principals").is_some() {
            st.insert("Principal".into(), Value::Bool(true));
        }
        if s.get("condition").is_some() {
            st.insert("Condition".into(), Value::Bool(true));
        }
        statements.push(Value::Object(st));
    }
    analyse(&serde_json::json!({ "Statement": statements }))
}

/// What a managed policy ARN is: `Some(Ok(admin))` for an admin-level AWS managed policy,
/// `Some(Err(()))` for any other AWS managed policy (known not to be admin), `None` for a
/// customer-managed policy (to be found in the scan by name, or unresolved).
pub fn managed(arn: &str) -> Option<Result<AdminPolicy, ()>> {
    let rest = arn.strip_prefix("arn:")?;
    let (_partition, rest) = rest.split_once(":iam::")?;
    let (account, policy) = rest.split_once(":policy/")?;
    if account != "aws" {
        return None;
    }
    let name = policy.rsplit('/').next().unwrap_or(policy);
    let admin = |grant: String, item: String| Some(Ok(AdminPolicy { grant, items: vec![item], statement: None }));
    match name {
        "AdministratorAccess" => admin("AWS managed AdministratorAccess (Allow * on *)".into(), "*".into()),
        "PowerUserAccess" => {
            admin("AWS managed PowerUserAccess (every action but IAM and Organizations)".into(), "*".into())
        }
        _ if name.ends_with("FullAccess") => {
            let service: String = name
                .trim_end_matches("FullAccess")
                .trim_end_matches('_')
                .trim_start_matches("Amazon")
                .trim_start_matches("AWS")
                .chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase();
            let item = if service.is_empty() { "*".to_string() } else { format!("{service}:*") };
            admin(format!("AWS managed {name} (full control of {item})"), item)
        }
        _ => Some(Err(())),
    }
}

/// The policy name of a customer-managed policy ARN (`arn:aws:iam::123:policy/path/Name` → `Name`).
pub fn customer_policy_name(arn: &str) -> Option<&str> {
    let (_, policy) = arn.split_once(":policy/")?;
    policy.rsplit('/').next().filter(|n| !n.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn wildcard_and_iam_star_on_every_resource_are_admin() {
        let p = json!({"Statement": [
            {"Effect": "Deny", "Action": "*", "Resource": "*"},
            {"Effect": "Allow", "Action": ["s3:*"], "Resource": "*"},
            {"Effect": "Allow", "Action": ["iam:*", "ec2:Describe*"], "Resource": ["*"]}
        ]});
        let a = analyse(&p).expect("iam:* on * is admin");
        assert_eq!(a.grant, "Allow iam:*, ec2:Describe* on *");
        assert_eq!(a.items, vec!["iam:*", "ec2:Describe*"]);
        assert_eq!(a.statement, Some(2));
        assert!(analyse(&json!({"Statement": {"Effect": "Allow", "Action": "*", "Resource": "arn:aws:s3:::b/*"}}))
            .is_none());
        assert!(
            analyse(&json!({"Statement": [{"Effect": "Allow", "Principal": "*", "Action": "*", "Resource": "*"}]}))
                .is_none(),
            "a resource policy grants nothing to an identity"
        );
        let not = analyse(&json!({"Statement": {"Effect": "Allow", "NotAction": ["iam:*"], "Resource": "*"}}));
        assert_eq!(not.map(|a| a.grant), Some("Allow every action except iam:* on *".to_string()));
    }

    #[test]
    fn managed_arns_are_classified() {
        let admin = managed("arn:aws:iam::aws:policy/AdministratorAccess").and_then(Result::ok).expect("admin");
        assert_eq!(admin.items, vec!["*"]);
        let s3 = managed("arn:aws:iam::aws:policy/AmazonS3FullAccess").and_then(Result::ok).expect("s3 full");
        assert_eq!(s3.items, vec!["s3:*"]);
        let lambda = managed("arn:aws-us-gov:iam::aws:policy/AWSLambda_FullAccess").and_then(Result::ok);
        assert_eq!(lambda.map(|a| a.items), Some(vec!["lambda:*".to_string()]));
        assert_eq!(managed("arn:aws:iam::aws:policy/ReadOnlyAccess"), Some(Err(())));
        assert_eq!(managed("arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"), Some(Err(())));
        assert_eq!(managed("arn:aws:iam::123456789012:policy/ops/Deploy"), None);
        assert_eq!(customer_policy_name("arn:aws:iam::123456789012:policy/ops/Deploy"), Some("Deploy"));
    }

    #[test]
    fn policy_document_blocks_default_to_allow() {
        let body = json!({"statement": [{"actions": ["*"], "resources": ["*"]}]});
        assert_eq!(analyse_document_blocks(&body).map(|a| a.grant), Some("Allow * on *".to_string()));
    }
}
