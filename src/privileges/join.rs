//! The cross-file step, run once after every file's facts are merged: Kubernetes bindings meet the
//! roles they name, IAM attachments the policies and identities they reference, Teleport roles the
//! roles that may request them. A Kubernetes group that only Teleport roles reachable by access
//! request put people in is a JIT path, not a standing grant (assuming no other authenticator —
//! an IdP, client certificates — adds people to it). The result is sorted by path, line and
//! principal.

use super::kubernetes::{admin_reason, grant as k8s_grant, Roles};
use super::teleport::{self, TeleportFacts};
use super::{iam_join, matching, FileFacts, Grant, UsageAcc};
use crate::report::{LogSource, Privilege, PrivilegeUsage};

/// How Teleport hands out Kubernetes group `group`: (standing, jit_path, basis), or `None` when no
/// Teleport role in the scan grants it.
fn teleport_group(t: &TeleportFacts, group: &str) -> Option<(bool, bool, String)> {
    let granting: Vec<&teleport::TeleportRole> =
        t.roles.iter().filter(|r| r.kubernetes_groups.iter().any(|g| g == group)).collect();
    if granting.is_empty() {
        return None;
    }
    let reach: Vec<(bool, bool, String)> = granting.iter().map(|r| teleport::reach(t, r)).collect();
    let standing = reach.iter().any(|r| r.0);
    let jit = reach.iter().any(|r| r.1);
    let how: Vec<String> =
        granting.iter().zip(&reach).map(|(r, (_, _, b))| format!("Teleport role {} ({b})", r.name)).collect();
    let basis = if standing {
        format!("the binding does not expire, and group {group} is also held directly: {}", how.join("; "))
    } else {
        format!("the binding does not expire, but only {} puts people in group {group}", how.join("; "))
    };
    Some((standing, jit, basis))
}

/// Every admin-level grant of the scan, before usage. Consumes the facts: a large estate holds
/// tens of thousands of grants, and they are moved, not copied, into the report.
pub fn inventory(facts: FileFacts) -> Vec<Grant> {
    let FileFacts { grants: mut out, k8s, iam, teleport } = facts;
    let roles = Roles::new(&k8s.roles);
    for b in &k8s.bindings {
        let reason = admin_reason(b, &roles);
        for s in &b.subjects {
            let masters = s.group.as_deref() == Some("system:masters");
            let (what, items) = match (&reason, masters) {
                (Some((what, items)), _) => (what.clone(), items.clone()),
                (None, true) => (
                    format!(
                        "{} {} to system:masters, which bypasses RBAC",
                        if b.role_cluster { "ClusterRole" } else { "Role" },
                        b.role_name
                    ),
                    vec!["* *".to_string()],
                ),
                (None, false) => continue,
            };
            let mut g = k8s_grant(b, s, &what, &items);
            if let Some((standing, jit, basis)) = s.group.as_deref().and_then(|grp| teleport_group(&teleport, grp)) {
                (g.standing, g.jit_path, g.basis) = (standing, jit, basis);
            }
            out.push(g);
        }
    }
    out.extend(teleport::grants(&teleport));
    out.extend(iam_join::grants(&iam, &teleport.approval));
    out.sort_by(|a, b| {
        (a.path.as_str(), a.line, a.principal.as_str(), a.grant.as_str()).cmp(&(
            b.path.as_str(),
            b.line,
            b.principal.as_str(),
            b.grant.as_str(),
        ))
    });
    out.dedup();
    out
}

/// The report's `privileges[]` and `privilege_usage`.
pub fn build(facts: FileFacts, usage: &UsageAcc, log_sources: &[LogSource]) -> (Vec<Privilege>, PrivilegeUsage) {
    matching::apply(inventory(facts), usage, log_sources)
}

/// "N standing admin grants, M with a JIT path": the one-line summary the text and Markdown
/// outputs print. Grants whose content is outside the scan are counted apart.
pub fn summary_line(privileges: &[Privilege], usage: &PrivilegeUsage) -> String {
    let resolved: Vec<&Privilege> = privileges.iter().filter(|p| p.resolved).collect();
    let standing = resolved.iter().filter(|p| p.standing).count();
    let jit = resolved.iter().filter(|p| p.jit_path).count();
    let s = |n: usize| if n == 1 { "" } else { "s" };
    let mut line = format!("{standing} standing admin grant{}, {jit} with a JIT path", s(standing));
    let unresolved = privileges.len() - resolved.len();
    if unresolved > 0 {
        line.push_str(&format!("; {unresolved} attachment{} of policies defined outside the scan", s(unresolved)));
    }
    let unlisted = usage.unlisted.len();
    if unlisted > 0 {
        line.push_str(&format!("; {unlisted} principal{} in the logs used admin actions no grant covers", s(unlisted)));
    }
    line
}
