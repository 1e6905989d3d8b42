//! The pipeline in one screen: discover → classify/parse/evaluate per file (parallel) → merge in
//! path order → verdicts → waivers → score → report. Only discovery and the per-file stage touch
//! the file system.

use crate::config::Config;
use crate::discover::{discover, Candidate, Filters};
use crate::finding::Finding;
use crate::model::{Severity, Verdict};
use crate::report::{
    Assessment, Counts, GateRecord, LogSource, Report, ReportCatalog, RuleSummary, Summary, Tool, SCHEMA_VERSION,
};
use crate::rules::eval::{decide, Partial, PASS_SAMPLES};
use crate::rules::RuleSet;
use crate::scan::{process, Diagnostic, FileOptions, FileStatus, InventoryEntry, Level};
use crate::score::{score, ScoredRule};
use rayon::ThreadPool;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::Arc;

/// Everything a scan needs besides the rules.
#[derive(Debug, Clone)]
pub struct ScanOptions {
    pub roots: Vec<PathBuf>,
    pub config: Config,
    pub jobs: Option<usize>,
    pub redact: bool,
    pub max_config_bytes: u64,
    /// Waivers expire relative to this date.
    pub today: jiff::civil::Date,
}

/// Progress reporting; the CLI draws a bar, tests and libraries pass `NoProgress`.
pub trait Progress: Sync {
    fn start(&self, _files: u64) {}
    fn advance(&self) {}
    fn finish(&self) {}
}

pub struct NoProgress;
impl Progress for NoProgress {}

#[derive(Debug, thiserror::Error)]
pub enum AssessError {
    #[error("invalid scope glob: {0}")]
    Glob(#[from] globset::Error),
    #[error("cannot start worker threads: {0}")]
    Threads(#[from] rayon::ThreadPoolBuildError),
}

/// Apply `disable` and `severity` settings to a rule set.
pub fn configure_rules(rules: &RuleSet, config: &Config) -> RuleSet {
    let mut set = rules.clone();
    set.rules.retain(|r| !config.disabled.iter().any(|d| *d == r.id || *d == r.name || r.aliases.contains(d)));
    for r in &mut set.rules {
        if let Some(s) = config.severity.get(&r.id) {
            r.severity = *s;
        }
    }
    set
}

/// Run `work` over `items` on `pool` and hand each result to `sink` in item order, as soon as it
/// and every result before it are ready. Workers take items in order from a shared counter, so
/// only results that finished ahead of a slower one wait in the reorder buffer.
fn in_order<T: Sync, R: Send>(pool: &ThreadPool, items: &[T], work: impl Fn(&T) -> R + Sync, mut sink: impl FnMut(R)) {
    let next = AtomicUsize::new(0);
    let (next, work) = (&next, &work);
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    pool.in_place_scope(|scope| {
        for _ in 0..pool.current_num_threads().min(items.len()) {
            let tx = tx.clone();
            scope.spawn(move |_| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(item) = items.get(i) else { break };
                if tx.send((i, work(item))).is_err() {
                    break;
                }
            });
        }
        drop(tx);
        let mut waiting = BTreeMap::new();
        let mut due = 0;
        for (i, r) in rx {
            waiting.insert(i, r);
            while let Some(r) = waiting.remove(&due) {
                sink(r);
                due += 1;
            }
        }
    });
}

/// Run an assessment.
pub fn assess(opts: &ScanOptions, rules: &RuleSet, progress: &dyn Progress) -> Result<Report, AssessError> {
    let started = jiff::Timestamp::now();
    let clock = std::time::Instant::now();
    let rules = configure_rules(rules, &opts.config);
    let filters = Filters::new(&opts.config.include, &opts.config.exclude)?;
    let found = discover(&opts.roots, &filters);
    let mut overrides = Vec::new();
    for (glob, kind) in &opts.config.kind_overrides {
        let set = globset::GlobSetBuilder::new()
            .add(globset::GlobBuilder::new(glob).literal_separator(true).build()?)
            .build()?;
        overrides.push((set, *kind));
    }
    let passes_full: Arc<[AtomicBool]> = rules.rules.iter().map(|_| AtomicBool::new(false)).collect();
    let file_opts = FileOptions {
        max_config_bytes: opts.max_config_bytes,
        redact: opts.redact,
        kind_overrides: overrides,
        passes_full: Arc::clone(&passes_full),
    };
    progress.start(found.candidates.len() as u64);
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs.unwrap_or(0)).build()?;
    let mut partials: Vec<Partial> = vec![Partial::default(); rules.rules.len()];
    let mut inventory: Vec<InventoryEntry> = Vec::with_capacity(found.candidates.len() + found.skipped.len());
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let mut log_sources = Vec::new();
    let mut privilege_facts = crate::privileges::FileFacts::default();
    let mut usage = crate::privileges::UsageAcc::default();
    let mut inline_waivers = Vec::new();
    let work = |c: &Candidate| {
        let o = process(c, &rules, &file_opts);
        progress.advance();
        o
    };
    // Each outcome is merged as soon as those before it are, then dropped: memory holds findings
    // and the inventory, not every file's partial results.
    in_order(&pool, &found.candidates, work, |o| {
        for (i, p) in o.partials {
            partials[i].merge(p);
            if partials[i].passes.len() >= PASS_SAMPLES {
                passes_full[i].store(true, Ordering::Release);
            }
        }
        if let (Some(stats), Some(kind)) = (&o.log, o.entry.kind) {
            log_sources.push(crate::logs::grade::log_source(&o.entry.path, kind, stats));
        }
        privilege_facts.merge(o.privileges);
        if let Some(u) = o.usage {
            usage.merge(u);
        }
        diagnostics.extend(o.diagnostics);
        inline_waivers.extend(o.inline_waivers);
        inventory.push(o.entry);
    });
    let (privileges, privilege_usage) = crate::privileges::join::build(privilege_facts, &usage, &log_sources);
    drop(usage);
    progress.finish();
    for s in found.skipped {
        if let Some(level) = s.level.clone() {
            diagnostics.push(Diagnostic { level, path: s.rel.clone(), line: None, message: s.reason.clone() });
        }
        let status = if s.level == Some(Level::Error) { FileStatus::Error } else { FileStatus::Skipped };
        inventory.push(InventoryEntry {
            path: s.rel,
            kind: None,
            status,
            reason: Some(s.reason),
            documents: 0,
            events: 0,
            bytes: 0,
            rules: Vec::new(),
        });
    }
    inventory.sort_by(|a, b| a.path.cmp(&b.path));
    let understood = inventory.iter().filter(|e| e.status != FileStatus::Skipped && e.kind.is_some()).count();
    if understood == 0 {
        let roots: Vec<String> = opts.roots.iter().map(|r| r.display().to_string()).collect();
        diagnostics.push(Diagnostic {
            level: Level::Error,
            path: roots.join(", "),
            line: None,
            message: format!(
                "no input ztmm understands was found ({} file(s) looked at): nothing could be assessed",
                inventory.len()
            ),
        });
    }

    let mut findings: Vec<Finding> = Vec::new();
    let mut verdicts = Vec::with_capacity(rules.rules.len());
    let mut reasons = Vec::with_capacity(rules.rules.len());
    for (rule, p) in rules.rules.iter().zip(partials) {
        let events = p.events;
        let (verdict, mut fs) = decide(rule, p);
        // A log rule that found nothing in too small a sample has not shown absence.
        let sources: Vec<&LogSource> = log_sources.iter().filter(|l| rule.applies_to_kind(l.kind)).collect();
        let (verdict, reason) = crate::logs::sample::judge(rule, verdict, events, &sources);
        if reason.is_some() {
            fs.retain(|f| f.verdict != Verdict::Pass);
        }
        verdicts.push(verdict);
        reasons.push(reason);
        findings.extend(fs);
    }
    // Assessment-file waivers first: the first active waiver covering a finding claims it.
    let config_file = opts.config.file.clone().unwrap_or_default();
    let specs: Vec<crate::waivers::Spec> = opts
        .config
        .waivers
        .iter()
        .map(|w| crate::waivers::Spec::from_config(w, &config_file, &rules))
        .chain(inline_waivers.iter().map(crate::waivers::Spec::from_inline))
        .collect();
    let gate = opts.config.gate;
    let waivers = crate::waivers::apply(&specs, &gate, &rules, &mut verdicts, &mut findings, opts.today);
    diagnostics.extend(waivers.diagnostics);

    // Config versus behaviour: indicators checked against the config claims they name.
    let relations = crate::rules::relate::relate(&rules.rules, &verdicts, &mut findings, &inventory);
    let scored: Vec<ScoredRule> = rules
        .rules
        .iter()
        .zip(&verdicts)
        .zip(&relations)
        .map(|((r, v), rel)| ScoredRule {
            id: r.id.clone(),
            function: r.function.clone(),
            stage: r.stage,
            kind: r.kind,
            severity: r.severity,
            verdict: *v,
            blocks: r.blocks || rel.blocks(),
            confidence: r.confidence,
            corroborated: !rel.corroborated_by.is_empty() || !rel.corroborates.is_empty(),
            contradicted: !rel.contradicted_by.is_empty(),
        })
        .collect();
    let score = score(&rules.catalog, &scored);
    let mut counts = Counts::default();
    for s in Severity::ALL {
        counts.by_severity.insert(s, 0);
    }
    for v in Verdict::ALL {
        counts.by_verdict.insert(v, 0);
    }
    for f in findings.iter().filter(|f| f.verdict == Verdict::Fail) {
        *counts.by_severity.entry(f.severity).or_default() += 1;
    }
    for v in &verdicts {
        *counts.by_verdict.entry(*v).or_default() += 1;
    }
    let mut failing_per_rule: BTreeMap<&str, u64> = BTreeMap::new();
    for f in findings.iter().filter(|f| f.verdict == Verdict::Fail) {
        *failing_per_rule.entry(f.rule_id.as_str()).or_default() += 1;
    }
    let rule_summaries: Vec<RuleSummary> = rules
        .rules
        .iter()
        .zip(&verdicts)
        .zip(relations)
        .zip(reasons)
        .map(|(((r, v), rel), reason)| RuleSummary {
            id: r.id.clone(),
            name: r.name.clone(),
            title: r.title.clone(),
            pillar: r.pillar,
            function: r.function.clone(),
            stage: r.stage,
            kind: r.kind,
            severity: r.severity,
            verdict: *v,
            findings: failing_per_rule.get(r.id.as_str()).copied().unwrap_or(0),
            blocks: r.blocks,
            confidence: Some(r.confidence),
            applies_to: r.applies_to.clone(),
            rationale: r.rationale.clone(),
            remediation: r.remediation.clone(),
            references: r.references.clone(),
            contradicted_by: rel.contradicted_by,
            corroborated_by: rel.corroborated_by,
            contradicts: rel.contradicts,
            corroborates: rel.corroborates,
            reason,
        })
        .collect();
    let missing_inputs = crate::missing::missing_inputs(&rules, &verdicts, &score);
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
    });
    diagnostics.sort();
    diagnostics.dedup();
    let total_functions = rules.catalog.functions().count();
    let assessed_functions = score.pillars.iter().flat_map(|p| &p.functions).filter(|f| f.assessed).count();
    #[allow(clippy::cast_precision_loss)]
    let coverage = if total_functions == 0 {
        0.0
    } else {
        ((assessed_functions as f64 / total_functions as f64) * 1000.0).round() / 1000.0
    };
    let summary = Summary {
        overall_stage: score.overall,
        overall_potential: score.overall_potential,
        maturity_index: score.maturity_index,
        counts,
        files: inventory.iter().filter(|e| e.status != FileStatus::Skipped).count() as u64,
        documents: inventory.iter().map(|e| e.documents).sum(),
        events: inventory.iter().map(|e| e.events).sum(),
        coverage,
        contradictions: rule_summaries.iter().filter(|r| !r.contradicts.is_empty()).count() as u64,
        corroborations: rule_summaries.iter().filter(|r| !r.corroborates.is_empty()).count() as u64,
    };
    let mut report = Report {
        schema_version: SCHEMA_VERSION.to_string(),
        tool: Tool {
            name: "ztmm".into(),
            version: env!("CARGO_PKG_VERSION").into(),
            rules_digest: rules.digest.clone(),
        },
        assessment: Assessment {
            client: opts.config.client.clone(),
            assessor: opts.config.assessor.clone(),
            title: opts.config.title.clone(),
            roots: opts.roots.iter().map(|r| r.display().to_string().replace('\\', "/")).collect(),
            started_at: started.to_string(),
            duration_ms: u64::try_from(clock.elapsed().as_millis()).unwrap_or(u64::MAX),
            include: opts.config.include.clone(),
            exclude: opts.config.exclude.clone(),
            logo: opts.config.logo_data.clone(),
            redacted: opts.redact,
        },
        summary,
        pillars: score.pillars,
        rules: rule_summaries,
        findings,
        inventory,
        missing_inputs,
        privileges,
        privilege_usage,
        log_sources,
        waivers: waivers.ledger,
        attestations: opts.config.attestations.clone(),
        diagnostics,
        gate: GateRecord {
            attestations_accepted: gate.accept_attestations,
            inline_waivers: gate.inline_waivers,
            max_waiver_days: gate.max_waiver_days,
        },
        catalog: ReportCatalog::from_catalog(&rules.catalog),
        scopes: Vec::new(),
    };
    if opts.redact {
        // The evaluator redacts messages and snippets; resource names, diagnostics (parser errors
        // quote the input) and inventory reasons are scanned text too.
        report.redact_secrets(true);
    }
    Ok(report)
}
