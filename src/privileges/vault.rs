//! Vault ACL policies: a path rule is admin-level when it can write (`create`, `update`, `patch`,
//! `delete`) or `sudo` on a root-like path — everything (`*`, `+/*`), the system backend (`sys/*`,
//! `sys/+/*`, ACL policies) or auth-method configuration — or has `sudo` anywhere. These are the
//! paths rule ZT-ID-023 names, so the inventory and that rule agree. `deny` cancels a rule.
//! Principal: `policy:<name>` (the file name for policy files, `name` for Terraform `vault_policy`).
//!
//! Policies carry no expiry (the token that holds one does, by its auth method's TTL), so a rule is
//! standing — unless it sits behind a `control_group`, where each use waits for an approval: that
//! is a JIT path, not a standing grant.

use super::{line, strings, Grant, System};
use crate::document::{escape_token, Document};
use serde_json::Value;

const ROOT_LIKE: [&str; 13] = [
    "*",
    "+/*",
    "+*",
    "sys/*",
    "sys*",
    "sys/+",
    "sys/+/*",
    "sys/policy/*",
    "sys/policies/*",
    "sys/policies/acl/*",
    "auth/*",
    "auth*",
    "auth/+/*",
];
const WRITE: [&str; 5] = ["create", "update", "patch", "delete", "sudo"];

/// The admin-level rules of one parsed policy tree: (path, capabilities, control group).
fn admin_paths(tree: &Value) -> Vec<(String, Vec<String>, bool)> {
    let mut out = Vec::new();
    for (path, rule) in tree.get("path").and_then(Value::as_object).into_iter().flatten() {
        let mut caps = strings(rule.get("capabilities"));
        // Pre-0.9 syntax: `policy = "write" | "sudo" | "root"`.
        if let Some(p) = rule.get("policy").and_then(Value::as_str) {
            caps.push(if p == "read" || p == "deny" { p.to_string() } else { "sudo".to_string() });
        }
        if caps.iter().any(|c| c == "deny") {
            continue;
        }
        let writes = caps.iter().any(|c| WRITE.contains(&c.as_str()));
        let sudo = caps.iter().any(|c| c == "sudo");
        if sudo || (writes && ROOT_LIKE.contains(&path.as_str())) {
            let gated = rule.get("control_group").is_some();
            out.push((path.clone(), caps, gated));
        }
    }
    out
}

fn grant(name: &str, doc: &Document, path: &str, caps: &[String], gated: bool, line: Option<u32>) -> Grant {
    let mut g = Grant::standing(System::Vault, format!("policy:{name}"), doc, "");
    g.line = line;
    g.grant = format!("{} on {path}", caps.join(", "));
    g.scope = if path.starts_with("sys") {
        "Vault system backend (mounts, policies, audit devices)".into()
    } else if path.starts_with("auth") {
        "Vault auth methods (who gets which policy)".into()
    } else if path.contains('*') || path.contains('+') {
        format!("every path matching {path}")
    } else {
        format!("path {path}")
    };
    if gated {
        g.standing = false;
        g.jit_path = true;
        g.basis = "each request waits for control-group approval".into();
    } else {
        g.basis = "ACL policies do not expire; whoever holds the policy holds the grant".into();
    }
    g.items = caps.iter().filter(|c| *c != "deny").map(|c| format!("{c} {path}")).collect();
    g
}

/// A Vault policy file: the policy is named after the file.
pub fn extract_policy_file(doc: &Document, out: &mut Vec<Grant>) {
    let name = super::file_stem(&doc.path).to_string();
    for (path, caps, gated) in admin_paths(&doc.tree) {
        let line = line(doc, &format!("/path/{}", escape_token(&path)));
        out.push(grant(&name, doc, &path, &caps, gated, line));
    }
}

/// A Terraform `vault_policy` whose `policy` is literal HCL text (a heredoc, usually): parsed from
/// the string the document already holds; lines are those of the heredoc inside the `.tf` file.
pub fn extract_terraform(doc: &Document, label: &str, body: &Value, out: &mut Vec<Grant>) {
    let Some(text) = body.get("policy").and_then(Value::as_str) else { return };
    if !text.contains("path") {
        return;
    }
    let name = body.get("name").and_then(Value::as_str).unwrap_or(label);
    let parsed = crate::parse::hcl::parse(text);
    let attr = format!("/resource/vault_policy/{}/policy", escape_token(label));
    let base = line(doc, &attr);
    for d in parsed.documents {
        for (path, caps, gated) in admin_paths(&d.tree) {
            let inner = d.spans.lookup(&format!("/path/{}", escape_token(&path))).map(|p| p.line);
            // A heredoc's first line is the line after `policy = <<EOT`.
            let at = match (base, inner) {
                (Some(b), Some(i)) => Some(b.saturating_add(i)),
                (b, _) => b,
            };
            out.push(grant(name, doc, &path, &caps, gated, at));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(path: &str, text: &str) -> Document {
        let out = crate::parse::parse(crate::parse::Syntax::Hcl, text, crate::parse::YamlOptions::default());
        let d = out.documents.into_iter().next().expect("parses");
        let kind = if path.ends_with(".tf") { crate::kind::Kind::Terraform } else { crate::kind::Kind::VaultPolicy };
        Document { kind, path: path.into(), ordinal: 0, tree: d.tree, spans: d.spans }
    }

    #[test]
    fn root_like_writes_and_sudo_are_admin_and_control_groups_are_jit() {
        let d = doc(
            "vault/policies/admin.hcl",
            "path \"*\" {\n  capabilities = [\"create\", \"read\", \"sudo\"]\n}\npath \"secret/*\" {\n  capabilities = [\"create\", \"read\"]\n}\n\
             path \"sys/audit\" {\n  capabilities = [\"read\", \"sudo\"]\n  control_group {\n    max_ttl = \"15m\"\n  }\n}\n\
             path \"sys/*\" {\n  capabilities = [\"deny\"]\n}\npath \"sys/mounts\" {\n  capabilities = [\"read\", \"list\"]\n}\n",
        );
        let mut g = Vec::new();
        extract_policy_file(&d, &mut g);
        let got: Vec<(&str, &str, Option<u32>, bool, bool)> =
            g.iter().map(|g| (g.principal.as_str(), g.grant.as_str(), g.line, g.standing, g.jit_path)).collect();
        assert_eq!(
            got,
            vec![
                ("policy:admin", "create, read, sudo on *", Some(1), true, false),
                ("policy:admin", "read, sudo on sys/audit", Some(7), false, true),
            ]
        );
        assert_eq!(g[0].items, vec!["create *", "read *", "sudo *"]);
    }

    #[test]
    fn terraform_vault_policy_heredocs_are_read_at_their_lines() {
        let d = doc(
            "terraform/vault.tf",
            "resource \"vault_policy\" \"ops\" {\n  name   = \"ops-admin\"\n  policy = <<EOT\npath \"secret/*\" {\n  capabilities = [\"read\"]\n}\npath \"sys/policies/acl/*\" {\n  capabilities = [\"create\", \"update\"]\n}\nEOT\n}\n",
        );
        let body = d.tree.pointer("/resource/vault_policy/ops").cloned().expect("resource");
        let mut g = Vec::new();
        extract_terraform(&d, "ops", &body, &mut g);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].principal, "policy:ops-admin");
        assert_eq!(g[0].line, Some(7));
    }
}
