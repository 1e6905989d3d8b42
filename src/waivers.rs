//! Waivers: an expired waiver turns back into a failure and is reported as expired; one that
//! matches nothing is reported as unmatched. A rule whose every failing finding is covered by an
//! active waiver is `waived`, which scoring counts as met.

use crate::config::Waiver;
use crate::finding::Finding;
use crate::model::Verdict;
use crate::report::{WaiverState, WaiverStatus};
use crate::rules::RuleSet;
use std::collections::BTreeMap;

/// What a waiver covers: one rule, optionally narrowed to a path glob and a resource. The glob is
/// compiled once per waiver (config validation has already rejected invalid ones).
struct Scope<'a> {
    rule_id: Option<&'a str>,
    /// `None`: every path. `Some(None)`: a glob that did not compile, which matches nothing.
    path: Option<Option<globset::GlobMatcher>>,
    resource: Option<&'a str>,
}

impl<'a> Scope<'a> {
    fn new(w: &'a Waiver, rules: &'a RuleSet) -> Self {
        Scope {
            // A waiver may name a rule by id, name or old alias.
            rule_id: rules.rule(&w.rule).map(|r| r.id.as_str()),
            path: w.path.as_deref().map(|g| {
                globset::GlobBuilder::new(g).literal_separator(true).build().ok().map(|g| g.compile_matcher())
            }),
            resource: w.resource.as_deref(),
        }
    }

    fn covers(&self, f: &Finding) -> bool {
        let path = f.location.as_ref().map_or("", |l| l.path.as_str());
        self.rule_id == Some(f.rule_id.as_str())
            && self.path.as_ref().is_none_or(|m| m.as_ref().is_some_and(|m| m.is_match(path)))
            && self.resource.is_none_or(|r| r == f.resource)
    }
}

/// Apply `waivers` to failing findings, updating rule verdicts; returns the waiver ledger.
pub fn apply(
    waivers: &[Waiver],
    rules: &RuleSet,
    verdicts: &mut [Verdict],
    findings: &mut [Finding],
    today: jiff::civil::Date,
) -> Vec<WaiverStatus> {
    let mut ledger = Vec::new();
    for w in waivers {
        let scope = Scope::new(w, rules);
        let expired = jiff::civil::Date::strptime("%Y-%m-%d", &w.expires).map_or(true, |d| d < today);
        let mut matched = 0u64;
        for f in findings.iter_mut().filter(|f| f.verdict == Verdict::Fail && f.waiver.is_none()) {
            if scope.covers(f) {
                matched += 1;
                if expired {
                    f.message = format!("{} [expired waiver: {} until {}]", f.message, w.owner, w.expires);
                } else {
                    f.verdict = Verdict::Waived;
                    f.waiver = Some(format!("{} until {}: {}", w.owner, w.expires, w.reason));
                }
            }
        }
        let status = match (matched, expired) {
            (0, _) => WaiverState::Unmatched,
            (_, true) => WaiverState::Expired,
            (_, false) => WaiverState::Active,
        };
        ledger.push(WaiverStatus::from_waiver(w, status, matched));
    }
    // A failing rule all of whose failing findings are waived is `waived`.
    let mut open: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for f in findings.iter() {
        let e = open.entry(f.rule_id.as_str()).or_default();
        match f.verdict {
            Verdict::Fail => e.0 += 1,
            Verdict::Waived => e.1 += 1,
            _ => {}
        }
    }
    for (verdict, rule) in verdicts.iter_mut().zip(&rules.rules) {
        if *verdict == Verdict::Fail
            && open.get(rule.id.as_str()).is_some_and(|(fails, waived)| *fails == 0 && *waived > 0)
        {
            *verdict = Verdict::Waived;
        }
    }
    ledger.sort_by(|a, b| a.rule_id.cmp(&b.rule_id).then(a.scope.cmp(&b.scope)));
    ledger
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Location;
    use crate::model::Severity;

    fn finding(rule: &str, path: &str, resource: &str) -> Finding {
        Finding {
            rule_id: rule.into(),
            verdict: Verdict::Fail,
            severity: Severity::High,
            message: "m".into(),
            resource: resource.into(),
            fingerprint: format!("{rule}{path}{resource}"),
            location: Some(Location { path: path.into(), line: Some(1), column: None, pointer: String::new() }),
            evidence: None,
            remediation: String::new(),
            waiver: None,
            relation: None,
            related: Vec::new(),
        }
    }

    fn waiver(rule: &str, path: Option<&str>, resource: Option<&str>, expires: &str) -> Waiver {
        Waiver {
            rule: rule.into(),
            path: path.map(str::to_string),
            resource: resource.map(str::to_string),
            reason: "break-glass".into(),
            owner: "secops".into(),
            expires: expires.into(),
        }
    }

    fn rules() -> RuleSet {
        let set = crate::rules::load(&[]).expect("builtin rules load");
        assert!(set.rule("ZT-ID-001").is_some() && set.rule("ZT-ID-002").is_some());
        set
    }

    fn verdicts_for(set: &RuleSet) -> Vec<Verdict> {
        set.rules
            .iter()
            .map(|r| if r.id == "ZT-ID-001" || r.id == "ZT-ID-002" { Verdict::Fail } else { Verdict::Pass })
            .collect()
    }

    fn verdict_of(set: &RuleSet, v: &[Verdict], id: &str) -> Verdict {
        set.rules.iter().zip(v).find(|(r, _)| r.id == id).map(|(_, v)| *v).expect("rule")
    }

    #[test]
    fn scope_by_path_glob_and_resource_and_waive_a_rule_only_when_every_finding_is_covered() {
        let set = rules();
        let mut v = verdicts_for(&set);
        let mut f = vec![
            finding("ZT-ID-001", "hosts/bastion/etc/ssh/sshd_config", ""),
            finding("ZT-ID-001", "hosts/web/etc/ssh/sshd_config", ""),
            finding("ZT-ID-002", "k8s/rbac.yaml", "ClusterRoleBinding/break-glass"),
        ];
        let today = jiff::civil::date(2026, 6, 1);
        let w = [
            waiver("ZT-ID-001", Some("hosts/bastion/**"), None, "2027-01-01"),
            waiver("k8s-standing-cluster-admin", None, Some("ClusterRoleBinding/break-glass"), "2027-01-01"),
            waiver("ZT-ID-001", Some("hosts/nowhere/**"), None, "2027-01-01"),
        ];
        let ledger = apply(&w, &set, &mut v, &mut f, today);
        assert_eq!(f[0].verdict, Verdict::Waived);
        assert_eq!(f[1].verdict, Verdict::Fail, "outside the waiver's path glob");
        assert_eq!(f[2].verdict, Verdict::Waived, "matched by rule name and resource");
        assert_eq!(verdict_of(&set, &v, "ZT-ID-001"), Verdict::Fail, "one finding is still open");
        assert_eq!(verdict_of(&set, &v, "ZT-ID-002"), Verdict::Waived);
        let states: Vec<WaiverState> = ledger.iter().map(|l| l.status).collect();
        assert_eq!(states.iter().filter(|s| **s == WaiverState::Active).count(), 2);
        assert_eq!(states.iter().filter(|s| **s == WaiverState::Unmatched).count(), 1);
    }

    #[test]
    fn an_expired_waiver_leaves_the_failure_and_says_so() {
        let set = rules();
        let mut v = verdicts_for(&set);
        let mut f = vec![finding("ZT-ID-002", "k8s/rbac.yaml", "ClusterRoleBinding/break-glass")];
        let ledger = apply(
            &[waiver("ZT-ID-002", None, None, "2026-05-31")],
            &set,
            &mut v,
            &mut f,
            jiff::civil::date(2026, 6, 1),
        );
        assert_eq!(f[0].verdict, Verdict::Fail);
        assert!(f[0].message.contains("[expired waiver: secops until 2026-05-31]"));
        assert_eq!(verdict_of(&set, &v, "ZT-ID-002"), Verdict::Fail);
        assert_eq!(ledger[0].status, WaiverState::Expired);
        assert_eq!(ledger[0].findings, 1);
    }
}
