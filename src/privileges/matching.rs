//! Grants versus usage: each inventory entry is matched with the principals the logs of its own
//! system name, and gets `used` (what they did), `unused` (granted patterns nothing matched) and a
//! `window` note (which logs, what period, or why usage is unknown). Principals seen doing
//! admin-level things that no entry covers are listed apart.
//!
//! Matching rules: Kubernetes principals match by exact name (`User:`, `Group:`,
//! `ServiceAccount:ns/name`; a user also counts for every group its events carried); an IAM user
//! matches CloudTrail's `userName`, an IAM group matches its members (as resolved in the scan), a
//! role its session issuer, a permission set its `AWSReservedSSO_<name>_…` role; a sudo user matches
//! sudo lines by user name, on the host the sudoers file belongs to: a path segment equal to the
//! host auth.log names (`hosts/web01/etc/sudoers` ↔ `web01`). Only when no sudoers path in the scan
//! names any host seen in auth.log (a single-host layout) do events from every host count. Sudo
//! group grants
//! (`%wheel`) cannot be matched, as auth.log does not record group membership; a Vault policy
//! matches every token whose `auth.policies` holds it.

use super::usage::{PrincipalUsage, UsageAcc, UsageKey, MAX_ACTIONS};
use super::{Grant, System};
use crate::report::{LogSource, Privilege, PrivilegeUsage, SourceRef, UnlistedPrincipal};
use std::collections::BTreeSet;

/// `*` (any run of characters) and `?` (one character) wildcards, ASCII case-insensitive; linear
/// time for one `*` pattern, bounded by backtracking on the last `*` only.
pub fn glob(pattern: &str, text: &str) -> bool {
    let (p, t): (Vec<char>, Vec<char>) = (
        pattern.chars().map(|c| c.to_ascii_lowercase()).collect(),
        text.chars().map(|c| c.to_ascii_lowercase()).collect(),
    );
    let (mut pi, mut ti, mut star, mut mark) = (0usize, 0usize, None::<usize>, 0usize);
    while ti < t.len() {
        match p.get(pi) {
            Some('*') => {
                star = Some(pi);
                pi += 1;
                mark = ti;
            }
            Some(c) if *c == '?' || Some(c) == t.get(ti) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some(s) => {
                    pi = s + 1;
                    mark += 1;
                    ti = mark;
                }
                None => return false,
            },
        }
    }
    p.get(pi..).is_some_and(|rest| rest.iter().all(|c| *c == '*'))
}

/// Does an observed action fall under a granted pattern of `system`?
fn covers(system: System, pattern: &str, action: &str) -> bool {
    match system {
        // `verb resource` on both sides.
        System::Kubernetes => {
            let (pv, pr) = pattern.split_once(' ').unwrap_or((pattern, "*"));
            let (av, ar) = action.split_once(' ').unwrap_or((action, ""));
            (pv == "*" || pv == av) && (pr == "*" || pr == ar)
        }
        // A command without arguments allows any arguments (sudoers semantics).
        System::Sudo => {
            pattern == "ALL"
                || glob(pattern, action)
                || (!pattern.contains(' ') && action.split_whitespace().next().is_some_and(|prog| glob(pattern, prog)))
        }
        // `capability path` against `operation path`; sudo stands for any operation. Vault's `+`
        // is one segment, its `*` a suffix glob.
        System::Vault => {
            let (cap, path) = pattern.split_once(' ').unwrap_or(("", pattern));
            let (op, seen) = action.split_once(' ').unwrap_or(("", action));
            (cap == "sudo" || cap == op) && glob(&path.replace('+', "*"), seen)
        }
        _ => glob(pattern, action),
    }
}

/// The hosts a sudoers path belongs to: its segments that are hosts seen in auth.log.
fn hosts_of<'a>(path: &str, seen: &'a BTreeSet<String>) -> Vec<&'a str> {
    seen.iter().filter(|h| path.split('/').any(|seg| seg == h.as_str())).map(String::as_str).collect()
}

/// The log principal names a grant's principal can appear as.
fn candidates(g: &Grant) -> Vec<String> {
    if g.system == System::Aws && g.principal.starts_with("iam-group:") {
        g.members.iter().map(|m| format!("iam-user:{m}")).collect()
    } else {
        vec![g.principal.clone()]
    }
}

/// Every usage entry of `principal` in `system` (one per host for sudo): a range of the map,
/// which is ordered by system, principal, host.
fn of_principal(usage: &UsageAcc, system: System, principal: String) -> Vec<(&UsageKey, &PrincipalUsage)> {
    let from = UsageKey { system, principal, host: String::new() };
    usage
        .principals
        .range(&from..)
        .take_while(|(k, _)| k.system == from.system && k.principal == from.principal)
        .collect()
}

/// Hosts seen in auth.log, and whether the scan's sudoers paths name any of them.
struct SudoHosts {
    seen: BTreeSet<String>,
    layout_names_hosts: bool,
}

/// Does usage key `k` belong to grant `g`?
fn matches(g: &Grant, k: &UsageKey, sudo_hosts: &SudoHosts) -> bool {
    if k.system != g.system {
        return false;
    }
    match g.system {
        System::Aws if g.principal.starts_with("iam-group:") => {
            g.members.iter().any(|m| k.principal == format!("iam-user:{m}"))
        }
        System::Sudo => {
            let hosts = hosts_of(&g.path, &sudo_hosts.seen);
            let on_host =
                if hosts.is_empty() { !sudo_hosts.layout_names_hosts } else { hosts.contains(&k.host.as_str()) };
            k.principal == g.principal && on_host
        }
        _ => k.principal == g.principal,
    }
}

/// Why the logs can never show `g`'s principal at work, if they cannot.
fn unmatchable(g: &Grant) -> Option<&'static str> {
    match g.system {
        System::Sudo if !g.principal.starts_with("user:") => {
            Some("a group grant: auth.log does not record group membership, so its use cannot be matched")
        }
        System::Aws if g.principal.starts_with("iam-policy:") => {
            Some("who holds this policy is not in the scan, so its use cannot be matched")
        }
        System::Aws if g.principal.starts_with("iam-group:") && g.members.is_empty() => {
            Some("no members of this group are in the scan, so its use cannot be matched")
        }
        _ => None,
    }
}

fn window(system: System, logs: &[&LogSource]) -> String {
    let Some(kind) = system.usage_log() else {
        return format!("no usage source: ztmm reads no log that shows {} grants in use", system.label());
    };
    if logs.is_empty() {
        return format!("no {} in the scan: usage not assessed", kind.describe());
    }
    let starts: Vec<&str> = logs.iter().filter_map(|l| l.window.as_ref()?.start.as_deref()).collect();
    let ends: Vec<&str> = logs.iter().filter_map(|l| l.window.as_ref()?.end.as_deref()).collect();
    let events: u64 = logs.iter().map(|l| l.events).sum();
    let period = match (starts.iter().min(), ends.iter().max()) {
        (Some(s), Some(e)) => format!("{s} – {e}"),
        _ => "period unknown".to_string(),
    };
    format!("{} ({} log(s), {events} events): {period}", kind.describe(), logs.len())
}

/// Fill usage into the inventory and list unlisted admin activity.
pub fn apply(grants: Vec<Grant>, usage: &UsageAcc, log_sources: &[LogSource]) -> (Vec<Privilege>, PrivilegeUsage) {
    let seen: BTreeSet<String> =
        usage.principals.keys().filter(|k| k.system == System::Sudo).map(|k| k.host.clone()).collect();
    let layout_names_hosts = grants.iter().any(|g| g.system == System::Sudo && !hosts_of(&g.path, &seen).is_empty());
    let sudo_hosts = SudoHosts { seen, layout_names_hosts };
    let mut matched: BTreeSet<&UsageKey> = BTreeSet::new();
    let mut out = Vec::with_capacity(grants.len());
    for g in grants {
        let logs: Vec<&LogSource> = log_sources.iter().filter(|l| Some(l.kind) == g.system.usage_log()).collect();
        let mut note = window(g.system, &logs);
        let cannot = unmatchable(&g);
        if let (Some(why), false) = (cannot, logs.is_empty()) {
            note.push_str(&format!("; {why}"));
        }
        let mine: Vec<(&UsageKey, &PrincipalUsage)> = candidates(&g)
            .into_iter()
            .flat_map(|name| of_principal(usage, g.system, name))
            .filter(|(k, _)| matches(&g, k, &sudo_hosts))
            .collect();
        let group = g.principal.starts_with("iam-group:");
        let mut used: BTreeSet<String> = BTreeSet::new();
        let mut seen: BTreeSet<&str> = BTreeSet::new();
        for (k, u) in &mine {
            matched.insert(k);
            for a in &u.actions {
                seen.insert(a);
                if used.len() < MAX_ACTIONS {
                    let member = k.principal.strip_prefix("iam-user:").unwrap_or(&k.principal);
                    used.insert(if group { format!("{member}: {a}") } else { a.clone() });
                }
            }
        }
        let unused: Vec<String> = if logs.is_empty() || g.items.is_empty() || cannot.is_some() {
            Vec::new()
        } else {
            g.items.iter().filter(|p| !seen.iter().any(|a| covers(g.system, p, a))).cloned().collect()
        };
        if !logs.is_empty() && mine.is_empty() && cannot.is_none() {
            note.push_str("; no activity by this principal");
        }
        if mine.iter().any(|(_, u)| u.capped()) {
            note.push_str(&format!("; over {MAX_ACTIONS} distinct actions: lists capped, `unused` may hold used ones"));
        }
        out.push(Privilege {
            principal: g.principal,
            source: SourceRef { path: g.path, line: g.line },
            grant: g.grant,
            scope: g.scope,
            standing: g.standing,
            jit_path: g.jit_path,
            used: used.into_iter().collect(),
            unused,
            system: g.system,
            basis: g.basis,
            resolved: g.resolved,
            members: g.members,
            window: Some(note),
        });
    }
    let unlisted = unlisted(usage, &matched, &out);
    let logs = log_sources.iter().filter(|l| UsageAcc::for_kind(l.kind).is_some()).map(|l| l.path.clone()).collect();
    let capped = (usage.principals_dropped > 0).then(|| {
        format!(
            "{} principal(s) beyond the cap of {} were not tracked",
            usage.principals_dropped,
            super::usage::MAX_PRINCIPALS
        )
    });
    let principals = usage.principals.values().filter(|u| u.actor).count() as u64;
    (out, PrivilegeUsage { logs, principals, capped, unlisted })
}

/// Kubernetes control-plane identities (`system:kube-controller-manager`, service accounts of
/// `kube-system`) act through the built-in `system:` bindings that manifests rarely carry: not
/// worth flagging.
fn control_plane(k: &UsageKey) -> bool {
    k.system == System::Kubernetes
        && (k.principal.starts_with("User:system:") || k.principal.starts_with("ServiceAccount:kube-system/"))
}

fn unlisted(usage: &UsageAcc, matched: &BTreeSet<&UsageKey>, inventory: &[Privilege]) -> Vec<UnlistedPrincipal> {
    let names: BTreeSet<(System, &str)> = matched.iter().map(|m| (m.system, m.principal.as_str())).collect();
    let covered = |k: &UsageKey, u: &PrincipalUsage| {
        matched.contains(k) || u.via.iter().any(|v| names.contains(&(k.system, v.as_str())))
    };
    let mut out = Vec::new();
    for (k, u) in &usage.principals {
        if !u.actor || u.admin_events == 0 || covered(k, u) || control_plane(k) {
            continue;
        }
        let note = match k.system {
            System::Sudo => {
                let groups: Vec<&str> = inventory
                    .iter()
                    .filter(|p| p.system == System::Sudo && p.principal.starts_with("group:"))
                    .filter(|p| p.source.path.split('/').any(|seg| seg == k.host))
                    .map(|p| p.principal.trim_start_matches("group:"))
                    .collect();
                if groups.is_empty() {
                    "ran commands as root; no sudoers rule in the scan names this user".to_string()
                } else {
                    format!(
                        "ran commands as root; probably through {} (auth.log does not record group membership)",
                        groups.join(", ")
                    )
                }
            }
            _ if k.principal == "aws-root" => {
                "the account root user: it cannot be scoped and should not be used".to_string()
            }
            _ => "did admin-level things that no admin grant in the scan covers for this principal or its \
                  groups (a narrower grant, or one outside the scan, allowed it)"
                .to_string(),
        };
        out.push(UnlistedPrincipal {
            system: k.system,
            principal: k.principal.clone(),
            host: (!k.host.is_empty()).then(|| k.host.clone()),
            events: u.admin_events,
            admin_actions: u.admin_actions.iter().cloned().collect(),
            note,
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        assert!(glob("*", "anything"));
        assert!(glob("iam:*", "IAM:CreateUser"));
        assert!(glob("ec2:Describe*", "ec2:DescribeInstances"));
        assert!(!glob("ec2:Describe*", "ec2:RunInstances"));
        assert!(glob("/usr/bin/journalctl -u app *", "/usr/bin/journalctl -u app --since -1h"));
        assert!(glob("a*b*c", "aXbYbZc"));
        assert!(!glob("a*b", "aXbYc"));
    }

    fn sudo_grant(path: &str) -> Grant {
        Grant {
            system: System::Sudo,
            principal: "user:deploy".into(),
            path: path.into(),
            line: Some(1),
            grant: "ALL".into(),
            scope: String::new(),
            standing: true,
            jit_path: false,
            basis: String::new(),
            items: vec!["ALL".into()],
            members: Vec::new(),
            resolved: true,
        }
    }

    #[test]
    fn a_single_host_layout_counts_every_host_and_a_per_host_layout_only_its_own() {
        let mut usage = UsageAcc::default();
        let line = "Nov 17 08:42:30 srv1 sudo:   deploy : TTY=pts/0 ; PWD=/ ; USER=root ; COMMAND=/bin/true";
        let ev = crate::logs::syslog::parse_auth_line(line).expect("parses");
        usage.observe(crate::kind::Kind::AuthLog, &ev);
        let (flat, _) = apply(vec![sudo_grant("etc/sudoers")], &usage, &[]);
        assert_eq!(flat[0].used, vec!["/bin/true"], "no path names a host: every host counts");
        let (per_host, _) =
            apply(vec![sudo_grant("hosts/srv1/sudoers"), sudo_grant("hosts/srv2/sudoers")], &usage, &[]);
        assert_eq!(per_host[0].used, vec!["/bin/true"]);
        assert!(per_host[1].used.is_empty(), "srv2's grant is not srv1's");
    }

    #[test]
    fn coverage_per_system() {
        assert!(covers(System::Kubernetes, "* *", "create clusterrolebindings"));
        assert!(covers(System::Kubernetes, "get secrets", "get secrets"));
        assert!(!covers(System::Kubernetes, "get secrets", "list secrets"));
        assert!(covers(System::Sudo, "/usr/bin/systemctl", "/usr/bin/systemctl restart app"));
        assert!(!covers(System::Sudo, "/usr/bin/systemctl status app", "/usr/bin/systemctl restart app"));
        assert!(covers(System::Vault, "update sys/*", "update sys/policies/acl/x"));
        assert!(covers(System::Vault, "sudo sys/+/tune", "read sys/mounts/tune"));
        assert!(!covers(System::Vault, "read sys/*", "update sys/x"));
    }
}
