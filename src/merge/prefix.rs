//! Concatenating the scans' lists into the combined report with every location made unique by its
//! scope: a path `terraform/iam.tf` of scope `payments` becomes `payments:terraform/iam.tf`.
//!
//! - findings: `location.path` is prefixed; a rule-level finding (no location) gets the scope
//!   itself as its location (`payments:`), so every finding of a merged report says where it is.
//!   The fingerprint becomes `payments:<the scan's fingerprint>`: the same finding in two scopes
//!   (a rule-level one always has the same content fingerprint) stays two findings for `ztmm diff`
//!   and SARIF, the fingerprint is stable as long as the scope's name is, and stripping the prefix
//!   gives back the fingerprint in that scope's own report.
//! - inventory, log sources, privilege sources, diagnostics: the path is prefixed.
//! - waivers: the covered scope (`*`, a glob, a resource) and the place the waiver was written
//!   (`source.path`, also in findings' `waived_by`) are prefixed: a waiver only ever covers
//!   findings of its own scan.
//! - attestations: the evidence reference is prefixed (it points into that scope's world).
//!
//! Each scope's items keep their order, and scopes come in name order.

use crate::config::Attestation;
use crate::finding::{Finding, Location};
use crate::report::{LogSource, Privilege, PrivilegeUsage, Report, UnlistedPrincipal, WaiverStatus};
use crate::scan::{Diagnostic, InventoryEntry};

/// `scope:path`.
pub fn scoped(scope: &str, path: &str) -> String {
    format!("{scope}:{path}")
}

/// Everything the combined report concatenates from its scopes.
#[derive(Default)]
pub struct Lists {
    pub findings: Vec<Finding>,
    pub inventory: Vec<InventoryEntry>,
    pub log_sources: Vec<LogSource>,
    pub privileges: Vec<Privilege>,
    pub privilege_usage: PrivilegeUsage,
    pub waivers: Vec<WaiverStatus>,
    pub attestations: Vec<Attestation>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Lists {
    /// Append `report`'s lists, prefixed with `scope`.
    pub fn add(&mut self, scope: &str, report: &Report) {
        self.findings.extend(report.findings.iter().map(|f| {
            let mut f = f.clone();
            f.location = Some(match f.location.take() {
                Some(l) => Location { path: scoped(scope, &l.path), ..l },
                None => Location { path: scoped(scope, ""), line: None, column: None, pointer: String::new() },
            });
            f.fingerprint = scoped(scope, &f.fingerprint);
            if let Some(w) = f.waived_by.as_mut() {
                w.source.path = scoped(scope, &w.source.path);
            }
            f
        }));
        self.inventory
            .extend(report.inventory.iter().map(|e| InventoryEntry { path: scoped(scope, &e.path), ..e.clone() }));
        self.log_sources
            .extend(report.log_sources.iter().map(|l| LogSource { path: scoped(scope, &l.path), ..l.clone() }));
        self.privileges.extend(report.privileges.iter().map(|p| {
            let mut p = p.clone();
            p.source.path = scoped(scope, &p.source.path);
            p
        }));
        // Principals seen without a grant are named per scope: `aws-root` of two accounts is two.
        let usage = &report.privilege_usage;
        let pu = &mut self.privilege_usage;
        pu.logs.extend(usage.logs.iter().map(|l| scoped(scope, l)));
        pu.principals += usage.principals;
        if let Some(c) = &usage.capped {
            let note = format!("{scope}: {c}");
            pu.capped = Some(pu.capped.take().map_or_else(|| note.clone(), |prev| format!("{prev}; {note}")));
        }
        pu.unlisted.extend(
            usage.unlisted.iter().map(|u| UnlistedPrincipal { principal: scoped(scope, &u.principal), ..u.clone() }),
        );
        self.waivers.extend(report.waivers.iter().map(|w| {
            let mut w = WaiverStatus { scope: scoped(scope, &w.scope), ..w.clone() };
            if let Some(s) = w.source.as_mut() {
                s.path = scoped(scope, &s.path);
            }
            w
        }));
        self.attestations.extend(
            report.attestations.iter().map(|a| Attestation { evidence: scoped(scope, &a.evidence), ..a.clone() }),
        );
        self.diagnostics
            .extend(report.diagnostics.iter().map(|d| Diagnostic { path: scoped(scope, &d.path), ..d.clone() }));
    }
}
