//! The standing-privilege part of the HTML view model: one row per admin-level grant (redacted,
//! long lists capped), the one-line summary, and the principals the logs showed using admin
//! actions that no grant covers.

use super::view::{Index, Limits};
use serde::Serialize;

/// Actions shown per list in a row; the rest are counted (all are in report.json).
const SHOWN_ACTIONS: usize = 12;

#[derive(Debug, Clone, Serialize)]
pub struct PrivilegeView {
    pub principal: String,
    pub system: String,
    pub source: String,
    pub grant: String,
    pub scope: String,
    /// `yes` / `no`.
    pub standing: String,
    pub jit_path: String,
    pub basis: String,
    /// Joined for display, capped at a dozen with a count of the rest.
    pub used: String,
    pub unused: String,
    pub members: String,
    pub window: String,
    /// The grant's content is defined outside the scan.
    pub unresolved: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct UnlistedView {
    pub principal: String,
    pub system: String,
    pub host: String,
    pub events: u64,
    pub actions: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct PrivilegeUsageView {
    /// "N standing admin grant(s), M with a JIT path…".
    pub summary: String,
    pub logs: Vec<String>,
    pub capped: Option<String>,
    pub unlisted: Vec<UnlistedView>,
}

fn yes_no(b: bool) -> String {
    if b { "yes" } else { "no" }.to_string()
}

fn capped_list(ix: &Index<'_>, items: &[String]) -> String {
    let mut s: Vec<String> = items.iter().take(SHOWN_ACTIONS).map(|i| ix.clean(i)).collect();
    if items.len() > SHOWN_ACTIONS {
        s.push(format!("+{} more", items.len() - SHOWN_ACTIONS));
    }
    s.join(", ")
}

pub(super) fn privileges(ix: &Index<'_>, limits: &Limits) -> (Vec<PrivilegeView>, usize) {
    let all = &ix.report.privileges;
    let shown = all
        .iter()
        .take(limits.privileges)
        .map(|p| PrivilegeView {
            principal: ix.clean(&p.principal),
            system: p.system.label().to_string(),
            source: p.source.line.map_or_else(|| p.source.path.clone(), |l| format!("{}:{l}", p.source.path)),
            grant: ix.clean(&p.grant),
            scope: ix.clean(&p.scope),
            standing: yes_no(p.standing),
            jit_path: yes_no(p.jit_path),
            basis: ix.clean(&p.basis),
            used: capped_list(ix, &p.used),
            unused: capped_list(ix, &p.unused),
            members: capped_list(ix, &p.members),
            window: ix.clean(p.window.as_deref().unwrap_or("")),
            unresolved: !p.resolved,
        })
        .collect();
    (shown, all.len().saturating_sub(limits.privileges))
}

pub(super) fn usage(ix: &Index<'_>) -> PrivilegeUsageView {
    let u = &ix.report.privilege_usage;
    PrivilegeUsageView {
        summary: crate::privileges::join::summary_line(&ix.report.privileges, u),
        logs: u.logs.clone(),
        capped: u.capped.clone(),
        unlisted: u
            .unlisted
            .iter()
            .map(|x| UnlistedView {
                principal: ix.clean(&x.principal),
                system: x.system.label().to_string(),
                host: ix.clean(x.host.as_deref().unwrap_or("")),
                events: x.events,
                actions: capped_list(ix, &x.admin_actions),
                note: ix.clean(&x.note),
            })
            .collect(),
    }
}
