use super::*;
use crate::finding::Location;
use crate::model::Severity;

fn finding(rule: &str, path: &str, line: Option<u32>, resource: &str) -> Finding {
    Finding {
        rule_id: rule.into(),
        verdict: Verdict::Fail,
        severity: Severity::High,
        message: "m".into(),
        resource: resource.into(),
        fingerprint: format!("{rule}{path}{resource}"),
        location: Some(Location { path: path.into(), line, column: None, pointer: String::new() }),
        evidence: None,
        remediation: String::new(),
        waiver: None,
        waived_by: None,
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
        line: Some(12),
    }
}

fn inline(rule: &str, path: &str, line: u32, covers: Covers, expires: &str) -> Spec {
    Spec::from_inline(&InlineWaiver {
        rule_id: rule.into(),
        path: path.into(),
        line,
        covers,
        reason: "vendor appliance".into(),
        owner: None,
        expires: expires.into(),
    })
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

const TODAY: Date = jiff::civil::date(2026, 6, 1);

fn config_specs(w: &[Waiver], set: &RuleSet) -> Vec<Spec> {
    w.iter().map(|w| Spec::from_config(w, "ztmm.yaml", set)).collect()
}

#[test]
fn scope_by_path_glob_and_resource_and_waive_a_rule_only_when_every_finding_is_covered() {
    let set = rules();
    let mut v = verdicts_for(&set);
    let mut f = vec![
        finding("ZT-ID-001", "hosts/bastion/etc/ssh/sshd_config", Some(3), ""),
        finding("ZT-ID-001", "hosts/web/etc/ssh/sshd_config", Some(3), ""),
        finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), "ClusterRoleBinding/break-glass"),
    ];
    let w = [
        waiver("ZT-ID-001", Some("hosts/bastion/**"), None, "2027-01-01"),
        waiver("k8s-standing-cluster-admin", None, Some("ClusterRoleBinding/break-glass"), "2027-01-01"),
        waiver("ZT-ID-001", Some("hosts/nowhere/**"), None, "2027-01-01"),
    ];
    let out = apply(&config_specs(&w, &set), &GateSettings::default(), &set, &mut v, &mut f, TODAY);
    assert_eq!(f[0].verdict, Verdict::Waived);
    assert_eq!(f[1].verdict, Verdict::Fail, "outside the waiver's path glob");
    assert_eq!(f[2].verdict, Verdict::Waived, "matched by rule name and resource");
    assert_eq!(verdict_of(&set, &v, "ZT-ID-001"), Verdict::Fail, "one finding is still open");
    assert_eq!(verdict_of(&set, &v, "ZT-ID-002"), Verdict::Waived);
    let states: Vec<WaiverState> = out.ledger.iter().map(|l| l.status).collect();
    assert_eq!(states.iter().filter(|s| **s == WaiverState::Active).count(), 2);
    assert_eq!(states.iter().filter(|s| **s == WaiverState::Unmatched).count(), 1);
    assert!(out.ledger.iter().all(|l| l.rule_id.starts_with("ZT-")), "a rule name is listed by its id");
    let by = f[0].waived_by.as_ref().expect("structured waiver");
    assert_eq!((by.source.kind, by.source.at()), (WaiverOrigin::Config, "ztmm.yaml:12".to_string()));
    assert_eq!(out.diagnostics.len(), 1, "the unmatched one");
    assert_eq!((out.diagnostics[0].path.as_str(), out.diagnostics[0].line), ("ztmm.yaml", Some(12)));
}

#[test]
fn an_expired_waiver_leaves_the_failure_and_says_so() {
    let set = rules();
    let mut v = verdicts_for(&set);
    let mut f = vec![finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), "ClusterRoleBinding/break-glass")];
    let specs = config_specs(&[waiver("ZT-ID-002", None, None, "2026-05-31")], &set);
    let out = apply(&specs, &GateSettings::default(), &set, &mut v, &mut f, TODAY);
    assert_eq!(f[0].verdict, Verdict::Fail);
    assert!(f[0].message.contains("[expired waiver: secops until 2026-05-31]"), "{}", f[0].message);
    assert_eq!(verdict_of(&set, &v, "ZT-ID-002"), Verdict::Fail);
    assert_eq!(out.ledger[0].status, WaiverState::Expired);
    assert_eq!(out.ledger[0].findings, 1);
    assert!(out.diagnostics[0].message.contains("expired on 2026-05-31"));
}

#[test]
fn a_waiver_expiring_today_still_applies() {
    let set = rules();
    let mut v = verdicts_for(&set);
    let mut f = vec![finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), "")];
    let specs = config_specs(&[waiver("ZT-ID-002", None, None, "2026-06-01")], &set);
    let out = apply(&specs, &GateSettings::default(), &set, &mut v, &mut f, TODAY);
    assert_eq!((f[0].verdict, out.ledger[0].status), (Verdict::Waived, WaiverState::Active));
}

#[test]
fn a_waiver_beyond_max_waiver_days_is_rejected_and_waives_nothing() {
    let set = rules();
    let mut v = verdicts_for(&set);
    let mut f = vec![
        finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), ""),
        finding("ZT-ID-001", "etc/ssh/sshd_config", Some(3), ""),
    ];
    // 90 days after 2026-06-01 is 2026-08-30: that one is allowed, the day after is not.
    let mut specs = config_specs(
        &[waiver("ZT-ID-002", None, None, "2026-08-31"), waiver("ZT-ID-001", None, None, "2026-08-30")],
        &set,
    );
    specs.push(inline("ZT-ID-002", "k8s/other.yaml", 1, Covers::File, "2099-12-31"));
    let settings = GateSettings { max_waiver_days: Some(90), ..GateSettings::default() };
    let out = apply(&specs, &settings, &set, &mut v, &mut f, TODAY);
    assert_eq!(f[0].verdict, Verdict::Fail);
    assert!(f[0].message.contains("[rejected waiver: secops until 2026-08-31, over the 90-day limit]"));
    assert_eq!(f[1].verdict, Verdict::Waived);
    assert_eq!(verdict_of(&set, &v, "ZT-ID-002"), Verdict::Fail);
    let rejected: Vec<&WaiverStatus> = out.ledger.iter().filter(|l| l.status == WaiverState::Rejected).collect();
    assert_eq!(rejected.len(), 2, "rejected even when it matches nothing: {:?}", out.ledger);
    let reason = rejected[0].status_reason.as_deref().unwrap_or("");
    assert!(
        reason.starts_with("expires 2026-08-31, 91 days after the scan date 2026-06-01, over the 90-day limit"),
        "{reason}"
    );
    assert!(out
        .diagnostics
        .iter()
        .any(|d| d.path == "ztmm.yaml" && d.line == Some(12) && d.message.contains("rejected")));
    assert!(out.diagnostics.iter().any(|d| d.path == "k8s/other.yaml" && d.message.starts_with("inline waiver")));
}

#[test]
fn inline_waivers_cover_their_line_or_file_and_are_refused_when_not_accepted() {
    let set = rules();
    let f0 = vec![
        finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), ""),
        finding("ZT-ID-002", "k8s/rbac.yaml", Some(14), ""),
        finding("ZT-ID-001", "etc/ssh/sshd_config", None, ""),
        finding("ZT-ID-001", "other/sshd_config", None, ""),
    ];
    let specs = [
        inline("ZT-ID-002", "k8s/rbac.yaml", 8, Covers::Line(9), "2027-01-31"),
        inline("ZT-ID-001", "etc/ssh/sshd_config", 1, Covers::File, "2027-01-31"),
    ];
    let (mut v, mut f) = (verdicts_for(&set), f0.clone());
    let out = apply(&specs, &GateSettings::default(), &set, &mut v, &mut f, TODAY);
    let verdicts: Vec<Verdict> = f.iter().map(|f| f.verdict).collect();
    assert_eq!(verdicts, [Verdict::Waived, Verdict::Fail, Verdict::Waived, Verdict::Fail]);
    assert_eq!(f[0].waiver.as_deref(), Some("inline at k8s/rbac.yaml:8 until 2027-01-31: vendor appliance"));
    assert_eq!(
        out.ledger.iter().map(|l| l.scope.as_str()).collect::<Vec<_>>(),
        ["etc/ssh/sshd_config (whole file)", "k8s/rbac.yaml:9"]
    );

    let (mut v, mut f) = (verdicts_for(&set), f0);
    let settings = GateSettings { inline_waivers: false, ..GateSettings::default() };
    let out = apply(&specs, &settings, &set, &mut v, &mut f, TODAY);
    assert!(f.iter().all(|f| f.verdict == Verdict::Fail));
    assert!(f[0].message.contains("[refused inline waiver at k8s/rbac.yaml:8]"));
    assert!(out.ledger.iter().all(|l| l.status == WaiverState::Refused && l.findings == 1));
    assert_eq!(out.diagnostics.len(), 2);
}

#[test]
fn a_finding_covered_by_an_assessment_file_waiver_is_not_claimed_again_inline() {
    let set = rules();
    let mut v = verdicts_for(&set);
    let mut f = vec![finding("ZT-ID-002", "k8s/rbac.yaml", Some(9), "")];
    let mut specs = config_specs(&[waiver("ZT-ID-002", Some("k8s/**"), None, "2027-01-01")], &set);
    specs.push(inline("ZT-ID-002", "k8s/rbac.yaml", 8, Covers::Line(9), "2027-01-31"));
    let out = apply(&specs, &GateSettings::default(), &set, &mut v, &mut f, TODAY);
    assert_eq!(f[0].waived_by.as_ref().map(|w| w.source.kind), Some(WaiverOrigin::Config));
    let inline = out.ledger.iter().find(|l| l.source.as_ref().is_some_and(|s| s.kind == WaiverOrigin::Inline));
    assert_eq!(inline.map(|l| l.status), Some(WaiverState::Unmatched));
}
