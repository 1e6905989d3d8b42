//! The findings part of the view model: findings grouped by pillar, function and rule, capped
//! per rule with the remainder counted, each with its evidence lines split for marking.

use super::view::{verdict_label, Index, Limits, RuleRef};
use super::RuleSummary;
use crate::finding::{Finding, Location};
use crate::model::Verdict;
use serde::Serialize;

#[derive(Debug, Clone, Serialize)]
pub struct FindingPillar {
    pub id: String,
    pub name: String,
    pub functions: Vec<FindingFunction>,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingFunction {
    pub id: String,
    pub name: String,
    pub rules: Vec<RuleFindings>,
}

#[derive(Debug, Clone, Serialize)]
pub struct RuleFindings {
    pub rule: RuleRef,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
    pub failing: Vec<FindingView>,
    pub failing_more: usize,
    pub waived: Vec<FindingView>,
    pub waived_more: usize,
    pub passing: Vec<FindingView>,
    pub passing_more: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct FindingView {
    pub severity: String,
    pub verdict: String,
    pub message: String,
    /// `path:line`, or the path and JSON pointer when no line is known; none for rule-level findings.
    pub location: Option<String>,
    pub pointer: String,
    pub resource: String,
    pub evidence: Vec<EvidenceLine>,
    pub waiver: Option<String>,
    pub fingerprint: String,
    /// What the logs say about the config claim this finding is part of.
    pub relation: Option<super::relation::RelationView>,
}

#[derive(Debug, Clone, Serialize)]
pub struct EvidenceLine {
    pub number: String,
    pub text: String,
    /// The offending (or, for a pass, the evidencing) line.
    pub marked: bool,
}

pub(super) fn location_text(l: &Location) -> String {
    match l.line {
        Some(line) => format!("{}:{line}", l.path),
        None if l.pointer.is_empty() => l.path.clone(),
        None => format!("{} ({})", l.path, l.pointer),
    }
}

fn evidence_lines(text: &str) -> Vec<EvidenceLine> {
    text.lines()
        .map(|line| {
            let marked = line.starts_with('>');
            match line.get(1..).and_then(|rest| rest.split_once(" | ")) {
                Some((n, t)) if n.trim().bytes().all(|b| b.is_ascii_digit()) && !n.trim().is_empty() => {
                    EvidenceLine { number: n.trim().to_string(), text: t.to_string(), marked }
                }
                _ => EvidenceLine { number: String::new(), text: line.to_string(), marked: false },
            }
        })
        .collect()
}

fn finding_view(ix: &Index<'_>, f: &Finding) -> FindingView {
    let mut evidence = f.evidence.as_deref().map(|e| evidence_lines(&ix.clean(e))).unwrap_or_default();
    // A log sample is one raw line: it is the evidence itself.
    if evidence.len() == 1 && evidence[0].number.is_empty() {
        evidence[0].marked = true;
        evidence[0].number = f.location.as_ref().and_then(|l| l.line).map(|l| l.to_string()).unwrap_or_default();
    }
    FindingView {
        severity: f.severity.id().to_string(),
        verdict: verdict_label(f.verdict).to_string(),
        message: ix.clean(&f.message),
        location: f.location.as_ref().map(location_text),
        pointer: f.location.as_ref().map(|l| l.pointer.clone()).unwrap_or_default(),
        resource: ix.clean(&f.resource),
        evidence,
        waiver: f.waiver.clone(),
        fingerprint: f.fingerprint.chars().take(12).collect(),
        relation: super::relation::relation_view(ix, f),
    }
}

fn capped(ix: &Index<'_>, all: &[&Finding], verdict: Verdict, cap: usize) -> (Vec<FindingView>, usize) {
    let mine: Vec<&&Finding> = all.iter().filter(|f| f.verdict == verdict).collect();
    let shown = mine.iter().take(cap).map(|f| finding_view(ix, f)).collect();
    (shown, mine.len().saturating_sub(cap))
}

fn rule_findings(ix: &Index<'_>, r: &RuleSummary, fs: &[&Finding], limits: &Limits, cap: usize) -> RuleFindings {
    let (failing, failing_more) = capped(ix, fs, Verdict::Fail, cap);
    let (waived, waived_more) = capped(ix, fs, Verdict::Waived, cap);
    let (passing, passing_more) = capped(ix, fs, Verdict::Pass, limits.passing_per_rule);
    RuleFindings {
        rule: ix.rule_ref(&r.id),
        rationale: r.rationale.clone(),
        remediation: r.remediation.clone(),
        references: r.references.clone(),
        failing,
        failing_more,
        waived,
        waived_more,
        passing,
        passing_more,
    }
}

/// Findings grouped by pillar → function → rule, in catalog order; within a function failing
/// rules first (by severity), then waived, then passing. Groups without findings are left out.
pub(super) fn findings(ix: &Index<'_>, limits: &Limits) -> Vec<FindingPillar> {
    let mut by_rule: std::collections::BTreeMap<&str, Vec<&Finding>> = std::collections::BTreeMap::new();
    for f in &ix.report.findings {
        by_rule.entry(f.rule_id.as_str()).or_default().push(f);
    }
    let rank = |v: Verdict| match v {
        Verdict::Fail => 0,
        Verdict::Waived => 1,
        _ => 2,
    };
    // Share the budget of shown failures among the rules that have any, within the per-rule bounds.
    let failing_rules = by_rule.values().filter(|fs| fs.iter().any(|f| f.verdict != Verdict::Pass)).count().max(1);
    let cap = (limits.failing_budget / failing_rules).clamp(limits.failing_per_rule_min, limits.failing_per_rule);
    let mut out = Vec::new();
    for p in &ix.report.pillars {
        let mut functions = Vec::new();
        for func in &p.functions {
            let mut rules: Vec<&RuleSummary> = ix
                .report
                .rules
                .iter()
                .filter(|r| r.function == func.id && by_rule.contains_key(r.id.as_str()))
                .collect();
            rules.sort_by(|a, b| {
                rank(a.verdict).cmp(&rank(b.verdict)).then(b.severity.cmp(&a.severity)).then(a.id.cmp(&b.id))
            });
            let rules: Vec<RuleFindings> = rules
                .into_iter()
                .map(|r| rule_findings(ix, r, by_rule.get(r.id.as_str()).map_or(&[], Vec::as_slice), limits, cap))
                .collect();
            if !rules.is_empty() {
                functions.push(FindingFunction { id: func.id.clone(), name: func.name.clone(), rules });
            }
        }
        if !functions.is_empty() {
            out.push(FindingPillar { id: p.id.id().to_string(), name: p.name.clone(), functions });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::evidence_lines;

    #[test]
    fn evidence_lines_keep_numbers_and_the_mark() {
        let lines = evidence_lines("    3 | # a | b\n>    4 | PasswordAuthentication yes\n     5 | x");
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[0].number.as_str(), lines[0].text.as_str(), lines[0].marked), ("3", "# a | b", false));
        assert_eq!(
            (lines[1].number.as_str(), lines[1].text.as_str(), lines[1].marked),
            ("4", "PasswordAuthentication yes", true)
        );
        // A raw log line is kept whole.
        let raw = evidence_lines("Nov 23 sshd: Failed password for x | y");
        assert_eq!((raw[0].number.as_str(), raw[0].text.as_str()), ("", "Nov 23 sshd: Failed password for x | y"));
    }
}
