//! `ztmm merge`: many scans (teams, accounts, clusters) rolled into one report (DESIGN.md §10).
//!
//! The merged report is an ordinary report.json — the same contract, rendered by the same HTML,
//! Markdown and JUnit code — plus `scopes[]`, each scan's own result. Its combined view is not an
//! average: every rule's verdicts are combined across scopes (`verdicts.rs`) and scored by the
//! code a scan uses; findings and the other lists are concatenated with paths prefixed by scope
//! (`prefix.rs`). Scopes are ordered by name, so the order of the inputs changes nothing, and
//! nothing in the output depends on the clock: merging the same reports twice gives the same bytes.

pub mod names;
pub mod prefix;
pub mod verdicts;

use crate::model::{Severity, Verdict};
use crate::report::scopes::Scope;
use crate::report::{
    Assessment, Counts, GateRecord, MissingInput, Report, ReportCatalog, Summary, Tool, SCHEMA_VERSION,
};
use crate::scan::{Diagnostic, FileStatus, Level};
use crate::score::{score, ScoredRule};
use std::collections::{BTreeMap, BTreeSet};

/// One scan to merge, already named (names need not be unique yet).
pub struct Input {
    pub name: String,
    /// Where it was read from, for the report's `scopes[].source`.
    pub source: String,
    pub report: Report,
}

/// Cover fields given on the command line; otherwise the value all scopes share, if any.
#[derive(Debug, Clone, Default)]
pub struct Options {
    pub title: Option<String>,
    pub client: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    #[error("nothing to merge: give at least one report.json")]
    NoInputs,
    #[error("no input carries a function catalog and the built-in rules did not load: {0}")]
    Catalog(String),
}

/// The merged report, and the notes about the merge itself (also among its diagnostics) for the
/// caller to print.
pub struct Merged {
    pub report: Report,
    pub notes: Vec<Diagnostic>,
}

/// The value every scope shares, if they all share one.
fn shared<T: PartialEq + Clone>(inputs: &[Input], get: impl Fn(&Report) -> Option<T>) -> Option<T> {
    let first = inputs.first().and_then(|i| get(&i.report))?;
    inputs.iter().all(|i| get(&i.report).as_ref() == Some(&first)).then_some(first)
}

fn scope_entry(i: &Input) -> Scope {
    let r = &i.report;
    Scope {
        name: i.name.clone(),
        source: i.source.replace('\\', "/"),
        title: r.assessment.title.clone(),
        client: r.assessment.client.clone(),
        roots: r.assessment.roots.clone(),
        overall_stage: r.summary.overall_stage,
        overall_potential: r.summary.overall_potential,
        maturity_index: r.summary.maturity_index,
        pillars: r.pillars.iter().map(|p| (p.id, p.stage)).collect(),
        coverage: r.summary.coverage,
        files: r.summary.files,
        findings: r.findings.iter().filter(|f| f.verdict == Verdict::Fail).count() as u64,
        rules_digest: r.tool.rules_digest.clone(),
        started_at: r.assessment.started_at.clone(),
    }
}

/// Missing inputs of all scopes, one entry per input kind; its reason names the scopes that miss
/// it (scopes giving the same reason share it).
fn missing_inputs(inputs: &[Input]) -> Vec<MissingInput> {
    type Entry<'a> = (BTreeSet<&'a str>, BTreeMap<&'a str, Vec<&'a str>>);
    let mut by_kind: BTreeMap<&str, Entry<'_>> = BTreeMap::new();
    for i in inputs {
        for m in &i.report.missing_inputs {
            let (functions, why) = by_kind.entry(m.kind.as_str()).or_default();
            functions.extend(m.functions.iter().map(String::as_str));
            why.entry(m.why.as_str()).or_default().push(i.name.as_str());
        }
    }
    by_kind
        .into_iter()
        .map(|(kind, (functions, why))| MissingInput {
            kind: kind.to_string(),
            why: why
                .into_iter()
                .map(|(why, scopes)| format!("{}: {why}", scopes.join(", ")))
                .collect::<Vec<_>>()
                .join("; "),
            functions: functions.into_iter().map(str::to_string).collect(),
        })
        .collect()
}

/// Merge `inputs` into one report.
pub fn merge(mut inputs: Vec<Input>, opts: &Options) -> Result<Merged, MergeError> {
    if inputs.is_empty() {
        return Err(MergeError::NoInputs);
    }
    let mut notes = Vec::new();
    let pairs: Vec<(String, String)> = inputs.iter().map(|i| (i.name.clone(), i.source.clone())).collect();
    for (input, name) in inputs.iter_mut().zip(names::disambiguate(&pairs)) {
        if name != input.name {
            notes.push(Diagnostic {
                level: Level::Info,
                path: input.source.clone(),
                line: None,
                message: format!("scope name `{}` is taken by another input: this one is `{name}`", input.name),
            });
            input.name = name;
        }
    }
    inputs.sort_by(|a, b| a.name.cmp(&b.name));
    let digests: BTreeSet<&str> = inputs.iter().map(|i| i.report.tool.rules_digest.as_str()).collect();
    if digests.len() > 1 {
        let each: Vec<String> = inputs
            .iter()
            .map(|i| format!("{} {}", i.name, i.report.tool.rules_digest.chars().take(12).collect::<String>()))
            .collect();
        notes.push(Diagnostic {
            level: Level::Warning,
            path: inputs.iter().map(|i| i.source.as_str()).collect::<Vec<_>>().join(", "),
            line: None,
            message: format!(
                "the scopes were scanned with different rule packs ({}): their stages are not strictly comparable",
                each.join(", ")
            ),
        });
    }
    let catalog = match inputs.iter().find_map(|i| verdicts::catalog_of(&i.report)) {
        Some(c) => c,
        None => crate::rules::load(&[]).map_err(|e| MergeError::Catalog(e.to_string()))?.catalog,
    };
    let scoped_reports: Vec<(&str, &Report)> = inputs.iter().map(|i| (i.name.as_str(), &i.report)).collect();
    let combined = verdicts::combine_rules(&scoped_reports);
    let scored: Vec<ScoredRule> = combined.iter().map(|c| c.scored.clone()).collect();
    let score = score(&catalog, &scored);

    let mut lists = prefix::Lists::default();
    for i in &inputs {
        lists.add(&i.name, &i.report);
    }
    let mut findings = lists.findings;
    findings.sort_by(|a, b| {
        let rank = |v: Verdict| match v {
            Verdict::Fail => 0,
            Verdict::Waived => 1,
            _ => 2,
        };
        rank(a.verdict)
            .cmp(&rank(b.verdict))
            .then(b.severity.cmp(&a.severity))
            .then_with(|| a.sort_key().cmp(&b.sort_key()))
            .then_with(|| a.fingerprint.cmp(&b.fingerprint))
    });
    let mut failing_per_rule: BTreeMap<&str, u64> = BTreeMap::new();
    let mut counts = Counts::default();
    for s in Severity::ALL {
        counts.by_severity.insert(s, 0);
    }
    for v in Verdict::ALL {
        counts.by_verdict.insert(v, 0);
    }
    for f in findings.iter().filter(|f| f.verdict == Verdict::Fail) {
        *counts.by_severity.entry(f.severity).or_default() += 1;
        *failing_per_rule.entry(f.rule_id.as_str()).or_default() += 1;
    }
    let rules: Vec<_> = combined
        .into_iter()
        .map(|c| {
            let mut r = c.summary;
            *counts.by_verdict.entry(r.verdict).or_default() += 1;
            r.findings = failing_per_rule.get(r.id.as_str()).copied().unwrap_or(0);
            r
        })
        .collect();

    let total_functions = catalog.functions().count();
    let assessed = score.pillars.iter().flat_map(|p| &p.functions).filter(|f| f.assessed).count();
    #[allow(clippy::cast_precision_loss)]
    let coverage =
        if total_functions == 0 { 0.0 } else { ((assessed as f64 / total_functions as f64) * 1000.0).round() / 1000.0 };
    let inventory = lists.inventory;
    let summary = Summary {
        overall_stage: score.overall,
        overall_potential: score.overall_potential,
        maturity_index: score.maturity_index,
        counts,
        files: inventory.iter().filter(|e| e.status != FileStatus::Skipped).count() as u64,
        documents: inventory.iter().map(|e| e.documents).sum(),
        events: inventory.iter().map(|e| e.events).sum(),
        coverage,
        contradictions: inputs.iter().map(|i| i.report.summary.contradictions).sum(),
        corroborations: inputs.iter().map(|i| i.report.summary.corroborations).sum(),
    };
    let mut diagnostics = lists.diagnostics;
    diagnostics.extend(notes.iter().cloned());
    diagnostics.sort();
    diagnostics.dedup();
    let earliest = inputs
        .iter()
        .map(|i| i.report.assessment.started_at.as_str())
        .min_by_key(|s| {
            let t = s.parse::<jiff::Timestamp>().ok();
            (t.is_none(), t, *s)
        })
        .unwrap_or_default()
        .to_string();
    let assessment = Assessment {
        client: opts.client.clone().or_else(|| shared(&inputs, |r| r.assessment.client.clone())),
        assessor: shared(&inputs, |r| r.assessment.assessor.clone()),
        title: opts.title.clone().or_else(|| shared(&inputs, |r| r.assessment.title.clone())),
        roots: inputs
            .iter()
            .flat_map(|i| i.report.assessment.roots.iter().map(|r| prefix::scoped(&i.name, r)))
            .collect(),
        started_at: earliest,
        duration_ms: inputs.iter().map(|i| i.report.assessment.duration_ms).fold(0, u64::saturating_add),
        include: inputs
            .iter()
            .flat_map(|i| i.report.assessment.include.iter().map(|g| prefix::scoped(&i.name, g)))
            .collect(),
        exclude: inputs
            .iter()
            .flat_map(|i| i.report.assessment.exclude.iter().map(|g| prefix::scoped(&i.name, g)))
            .collect(),
        logo: shared(&inputs, |r| r.assessment.logo.clone()),
        redacted: inputs.iter().all(|i| i.report.assessment.redacted),
    };
    let report = Report {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "ztmm".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: digests.into_iter().collect::<Vec<_>>().join("+"),
        },
        assessment,
        summary,
        pillars: score.pillars,
        rules,
        findings,
        inventory,
        missing_inputs: missing_inputs(&inputs),
        privileges: lists.privileges,
        privilege_usage: lists.privilege_usage,
        log_sources: lists.log_sources,
        waivers: lists.waivers,
        attestations: lists.attestations,
        diagnostics,
        catalog: inputs
            .iter()
            .map(|i| &i.report.catalog)
            .find(|c| !c.pillars.is_empty())
            .cloned()
            .unwrap_or_else(|| ReportCatalog::from_catalog(&catalog)),
        scopes: inputs.iter().map(scope_entry).collect(),
        gate: gate_record(&inputs),
    };
    Ok(Merged { report, notes })
}

/// What held for every scope's scan: attestations count as accepted only when every scan accepted
/// them; inline waivers are recorded as refused only when every scan refused them; the waiver
/// limit is the loosest one (none when a scan had none).
fn gate_record(inputs: &[Input]) -> GateRecord {
    let gates: Vec<&GateRecord> = inputs.iter().map(|i| &i.report.gate).collect();
    GateRecord {
        attestations_accepted: !gates.is_empty() && gates.iter().all(|g| g.attestations_accepted),
        inline_waivers: gates.iter().any(|g| g.inline_waivers),
        max_waiver_days: gates
            .iter()
            .map(|g| g.max_waiver_days)
            .collect::<Option<Vec<u32>>>()
            .and_then(|d| d.into_iter().max()),
    }
}
