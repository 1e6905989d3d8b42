use super::*;
use crate::finding::Location;
use crate::kind::Kind;
use crate::model::Severity;
use crate::rules::load::{build, builtin_catalog_text, load_catalog, RuleFile};

const GATE: &str = r#"
id: T-CFG-001
name: cfg-no-passwords
title: SSH does not accept passwords
pillar: identity
function: identity.authentication
stage: initial
kind: gate
severity: high
applies_to: [sshd-config]
check:
  require: {path: settings.passwordauthentication, equals: "no", default: "yes"}
message: "passwords on"
pass_message: "passwords off"
rationale: r
remediation: r
references: [x]
"#;

const MATCH_GATE: &str = r#"
id: T-CFG-002
name: cfg-no-match-passwords
title: No Match block re-enables passwords
pillar: identity
function: identity.authentication
stage: initial
kind: gate
severity: high
applies_to: [sshd-config]
check:
  require: {every: "match[*].settings.passwordauthentication", require: {equals: "no"}}
message: "match on"
rationale: r
remediation: r
references: [x]
"#;

const INDICATOR: &str = r#"
id: T-LOG-001
name: log-password-logins
title: No password logins in the sample
pillar: identity
function: identity.authentication
stage: initial
kind: indicator
severity: high
applies_to: [auth-log]
contradicts: [T-CFG-001, T-CFG-002]
events:
  where: {path: sshd.method, equals: password}
  max: 0
message: "password login"
pass_message: "No password login in the sample"
rationale: r
remediation: r
references: [x]
"#;

fn rules() -> Vec<Rule> {
    let catalog = load_catalog("rules/functions.yaml", builtin_catalog_text()).expect("catalog");
    let files = [("a", GATE), ("b", MATCH_GATE), ("c", INDICATOR)]
        .into_iter()
        .map(|(n, t)| RuleFile { pack: "t".into(), file: format!("{n}/rule.yaml"), text: t.into() })
        .collect();
    build(files, catalog).unwrap_or_else(|e| panic!("{e}")).rules
}

fn finding(rule: &str, verdict: Verdict, path: &str, line: Option<u32>) -> Finding {
    Finding {
        rule_id: rule.into(),
        verdict,
        severity: Severity::High,
        message: format!("{rule} {}", verdict.id()),
        resource: String::new(),
        fingerprint: format!("{rule}{path}{line:?}"),
        location: Some(Location { path: path.into(), line, column: None, pointer: String::new() }),
        evidence: None,
        remediation: String::new(),
        waiver: None,
        waived_by: None,
        relation: None,
        related: Vec::new(),
    }
}

fn auth_log() -> Vec<InventoryEntry> {
    vec![InventoryEntry {
        path: "logs/auth.log".into(),
        kind: Some(Kind::AuthLog),
        status: FileStatus::Parsed,
        reason: None,
        documents: 0,
        events: 40,
        bytes: 4000,
        rules: Vec::new(),
    }]
}

/// Verdicts in rule-id order: T-CFG-001, T-CFG-002, T-LOG-001.
fn run(verdicts: [Verdict; 3], findings: &mut [Finding]) -> BTreeMap<String, RuleRelations> {
    let rules = rules();
    assert_eq!(rules.iter().map(|r| r.id.as_str()).collect::<Vec<_>>(), ["T-CFG-001", "T-CFG-002", "T-LOG-001"]);
    let rel = relate(&rules, &verdicts, findings, &auth_log());
    rules.iter().map(|r| r.id.clone()).zip(rel).collect()
}

#[test]
fn a_failing_indicator_contradicts_a_passing_claim_and_both_sides_cite_each_other() {
    let mut fs = vec![
        finding("T-CFG-001", Verdict::Pass, "etc/ssh/sshd_config", Some(24)),
        finding("T-CFG-002", Verdict::Pass, "etc/ssh/sshd_config", None),
        finding("T-LOG-001", Verdict::Fail, "logs/auth.log", Some(13)),
        finding("T-LOG-001", Verdict::Fail, "logs/auth.log", Some(29)),
    ];
    let rel = run([Verdict::Pass, Verdict::Pass, Verdict::Fail], &mut fs);
    assert_eq!(rel["T-LOG-001"].contradicts, ["T-CFG-001", "T-CFG-002"]);
    assert!(rel["T-LOG-001"].blocks());
    assert_eq!(rel["T-CFG-001"].contradicted_by, ["T-LOG-001"]);
    assert!(rel["T-CFG-001"].corroborated_by.is_empty());
    // The log finding cites the config lines that made the claim (a default has no line).
    let log = &fs[2];
    assert_eq!(log.relation, Some(Relation::Contradicted));
    let cited: Vec<(&str, Option<u32>, &str)> =
        log.related.iter().map(|r| (r.path.as_str(), r.line, r.rule_id.as_str())).collect();
    assert_eq!(cited, [("etc/ssh/sshd_config", Some(24), "T-CFG-001"), ("etc/ssh/sshd_config", None, "T-CFG-002")]);
    assert_eq!(log.related[0].message, "T-CFG-001 pass");
    // The config pass cites the log lines that contradict it.
    let cfg = &fs[0];
    assert_eq!(cfg.relation, Some(Relation::Contradicted));
    let lines: Vec<Option<u32>> = cfg.related.iter().map(|r| r.line).collect();
    assert_eq!(lines, [Some(13), Some(29)]);
}

#[test]
fn a_failing_indicator_corroborates_a_failing_config() {
    let mut fs = vec![
        finding("T-CFG-001", Verdict::Fail, "etc/ssh/sshd_config", Some(14)),
        finding("T-CFG-002", Verdict::Pass, "etc/ssh/sshd_config", None),
        finding("T-LOG-001", Verdict::Fail, "logs/auth.log", Some(13)),
    ];
    let rel = run([Verdict::Fail, Verdict::Pass, Verdict::Fail], &mut fs);
    assert!(!rel["T-LOG-001"].blocks(), "a confirmed weakness is already a failing gate");
    assert_eq!(rel["T-LOG-001"].corroborates, ["T-CFG-001"], "only the config rule that admits the weakness");
    assert_eq!(rel["T-CFG-001"].corroborated_by, ["T-LOG-001"]);
    assert!(rel["T-CFG-002"].corroborated_by.is_empty() && rel["T-CFG-002"].contradicted_by.is_empty());
    assert_eq!(fs[2].relation, Some(Relation::Corroborated));
    assert_eq!(fs[2].related.iter().map(|r| r.line).collect::<Vec<_>>(), [Some(14)]);
    assert_eq!(fs[0].relation, Some(Relation::Corroborated));
    assert_eq!(fs[1].relation, None, "the passing Match gate is not part of the weakness");
}

#[test]
fn a_passing_indicator_bears_out_a_claim_citing_the_logs_read() {
    let mut fs = vec![finding("T-CFG-001", Verdict::Pass, "etc/ssh/sshd_config", Some(24))];
    let rel = run([Verdict::Pass, Verdict::Pass, Verdict::Pass], &mut fs);
    assert_eq!(rel["T-CFG-001"].corroborated_by, ["T-LOG-001"]);
    assert_eq!(rel["T-LOG-001"].corroborates, ["T-CFG-001", "T-CFG-002"]);
    assert!(!rel["T-LOG-001"].blocks());
    assert_eq!(fs[0].relation, Some(Relation::Corroborated));
    assert_eq!(fs[0].related.len(), 1);
    let r = &fs[0].related[0];
    assert_eq!(
        (r.path.as_str(), r.line, r.message.as_str()),
        ("logs/auth.log", None, "No password login in the sample")
    );
}

#[test]
fn no_claim_no_relation() {
    for verdicts in [
        // A passing indicator says nothing of a config that admits the weakness.
        [Verdict::Fail, Verdict::Pass, Verdict::Pass],
        // A config rule that could not decide (parse error) makes no claim.
        [Verdict::Pass, Verdict::Error, Verdict::Fail],
        // No config in scope.
        [Verdict::NotApplicable, Verdict::NotApplicable, Verdict::Fail],
        // Too few log events.
        [Verdict::Pass, Verdict::Pass, Verdict::NoEvidence],
    ] {
        let mut fs = vec![
            finding("T-CFG-001", verdicts[0], "etc/ssh/sshd_config", Some(24)),
            finding("T-LOG-001", verdicts[2], "logs/auth.log", Some(13)),
        ];
        let rel = run(verdicts, &mut fs);
        assert!(rel.values().all(|r| *r == RuleRelations::default()), "{verdicts:?}: {rel:?}");
        assert!(fs.iter().all(|f| f.relation.is_none() && f.related.is_empty()), "{verdicts:?}");
    }
}

#[test]
fn a_not_applicable_part_of_the_claim_is_ignored_and_a_waived_one_admits_the_weakness() {
    let mut fs = vec![finding("T-LOG-001", Verdict::Fail, "logs/auth.log", Some(13))];
    let rel = run([Verdict::Pass, Verdict::NotApplicable, Verdict::Fail], &mut fs);
    assert_eq!(rel["T-LOG-001"].contradicts, ["T-CFG-001"]);
    let mut fs = vec![finding("T-LOG-001", Verdict::Fail, "logs/auth.log", Some(13))];
    let rel = run([Verdict::Waived, Verdict::Pass, Verdict::Fail], &mut fs);
    assert!(!rel["T-LOG-001"].blocks());
    assert_eq!(rel["T-LOG-001"].corroborates, ["T-CFG-001"]);
}

#[test]
fn a_waived_indicator_lifts_the_contradiction() {
    // The assessor explained what the logs show (a password as the second factor after a key).
    let mut fs = vec![
        finding("T-CFG-001", Verdict::Pass, "etc/ssh/sshd_config", Some(24)),
        finding("T-LOG-001", Verdict::Waived, "logs/auth.log", Some(13)),
    ];
    let rel = run([Verdict::Pass, Verdict::Pass, Verdict::Waived], &mut fs);
    assert!(rel.values().all(|r| *r == RuleRelations::default()), "{rel:?}");
    assert!(fs.iter().all(|f| f.relation.is_none()));
}

#[test]
fn a_contradiction_outweighs_a_corroboration_on_the_same_finding() {
    let mut f = finding("T-CFG-001", Verdict::Pass, "etc/ssh/sshd_config", Some(24));
    let log = Related { path: "logs/auth.log".into(), line: None, rule_id: "A".into(), message: "m".into() };
    let hit = Related { path: "logs/auth.log".into(), line: Some(13), rule_id: "B".into(), message: "m".into() };
    annotate(&mut f, Relation::Corroborated, std::slice::from_ref(&log));
    annotate(&mut f, Relation::Contradicted, std::slice::from_ref(&hit));
    annotate(&mut f, Relation::Corroborated, std::slice::from_ref(&log));
    assert_eq!(f.relation, Some(Relation::Contradicted));
    assert_eq!(f.related, vec![hit]);
}
