//! Evaluation: rules over one file's documents or one log's events, producing mergeable partial
//! results. Files are evaluated independently (in parallel) and their partials merged in path
//! order, so memory holds findings, not documents, and the result is deterministic.

use super::model::{DocumentCheck, EventCheck, EventExpect, Expect, Rule, RuleBody};
use super::path::Node;
use crate::document::{Document, LineIndex, Pos};
use crate::finding::{fingerprint, Finding, Location};
use crate::model::Verdict;
use crate::redact::{redact, redact_message};
use serde_json::Value;

/// How many passing observations each rule keeps overall, and per file: building one costs a
/// snippet, a fingerprint and a redaction pass, and only the first few in path order survive.
pub const PASS_SAMPLES: usize = 20;
pub const PASS_SAMPLES_PER_FILE: usize = 3;
/// How many matching events each log rule keeps as samples.
pub const EVENT_SAMPLES: usize = 20;

/// The source text of a file, for evidence snippets.
pub struct Source<'a> {
    pub text: &'a str,
    pub lines: &'a LineIndex,
    pub redact: bool,
}

impl Source<'_> {
    /// Up to three lines around `line`, the offending one marked with `>`. Long lines are cut.
    pub fn snippet(&self, line: u32) -> Option<String> {
        let l = usize::try_from(line).ok()?;
        let mut rows = Vec::new();
        for n in l.saturating_sub(1).max(1)..=l + 1 {
            let Some(text) = self.lines.line_text(self.text, n) else { continue };
            // Redact the whole line before cutting it: a secret cut in half would no longer match.
            let text = cut(text.trim_end_matches('\r'), 64 << 10);
            rows.push((n, text));
        }
        if rows.is_empty() {
            return None;
        }
        // Redact the lines together, so a `value:` under a secret-looking `name:` is seen as such.
        let joined = rows.iter().map(|(_, t)| t.as_str()).collect::<Vec<_>>().join("\n");
        let joined = if self.redact { redact(&joined) } else { joined };
        let out: Vec<String> = rows
            .iter()
            .zip(joined.split('\n'))
            .map(|((n, _), text)| {
                let marker = if *n == l { '>' } else { ' ' };
                format!("{marker} {n:>4} | {}", cut(text, 200))
            })
            .collect();
        Some(out.join("\n"))
    }
}

pub fn cut(s: &str, max: usize) -> String {
    if s.len() <= max {
        return s.to_string();
    }
    let mut end = max;
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… [{} more bytes]", &s[..end], s.len() - end)
}

/// What one rule saw in one file (or, once merged, in the whole scan).
#[derive(Debug, Clone, Default)]
pub struct Partial {
    /// Files of the rule's kinds that were read.
    pub files: u64,
    /// Files of the rule's kinds that failed to parse or read.
    pub errored: u64,
    /// In-scope instances (documents) or counted events (logs).
    pub instances: u64,
    /// Instances satisfying `require`.
    pub satisfied: u64,
    /// Events of the rule's kinds seen at all (logs only).
    pub events: u64,
    pub failures: Vec<Finding>,
    pub passes: Vec<Finding>,
    /// Samples of counted events (logs only), used as findings for `max`/`min_ratio` failures.
    pub samples: Vec<Finding>,
    /// Set by the scan when the files before this one already gave all the passes it keeps for
    /// the rule: passes are still counted, but not written up only to be dropped at the merge.
    pub passes_full: bool,
    /// Set by the log reader when the events before this batch already gave all the samples
    /// the rule keeps: matching events are still counted, but not written up.
    pub samples_full: bool,
}

impl Partial {
    pub fn merge(&mut self, other: Partial) {
        self.files += other.files;
        self.errored += other.errored;
        self.instances += other.instances;
        self.satisfied += other.satisfied;
        self.events += other.events;
        self.failures.extend(other.failures);
        let room = PASS_SAMPLES.saturating_sub(self.passes.len());
        self.passes.extend(other.passes.into_iter().take(room));
        let room = EVENT_SAMPLES.saturating_sub(self.samples.len());
        self.samples.extend(other.samples.into_iter().take(room));
    }
}

/// Default resource name: `Kind/namespace/name` for Kubernetes-style objects, `type.name` for
/// Terraform resources, else empty.
fn default_resource(doc: &Document, pointer: &str) -> String {
    let t = &doc.tree;
    if let (Some(kind), Some(name)) =
        (t.get("kind").and_then(Value::as_str), t.pointer("/metadata/name").and_then(Value::as_str))
    {
        return match t.pointer("/metadata/namespace").and_then(Value::as_str) {
            Some(ns) => format!("{kind}/{ns}/{name}"),
            None => format!("{kind}/{name}"),
        };
    }
    let mut parts = pointer.split('/').skip(1);
    if let (Some(block @ ("resource" | "data")), Some(ty), Some(name)) = (parts.next(), parts.next(), parts.next()) {
        let prefix = if block == "data" { "data." } else { "" };
        return format!("{prefix}{ty}.{name}");
    }
    if let Some(Value::Object(resources)) = t.get("Resources") {
        let mut parts = pointer.split('/').skip(1);
        if let (Some("Resources"), Some(logical)) = (parts.next(), parts.next()) {
            if resources.contains_key(logical) {
                return logical.to_string();
            }
        }
    }
    String::new()
}

fn value_text(v: Option<&Value>) -> String {
    match v {
        Some(Value::String(s)) => s.clone(),
        Some(other) => {
            let s = other.to_string();
            cut(&s, 200)
        }
        None => String::new(),
    }
}

struct Observation<'a> {
    rule: &'a Rule,
    doc: &'a Document,
    src: &'a Source<'a>,
}

impl Observation<'_> {
    /// Redaction for one interpolated scanned value (a no-op with `--no-redact`).
    fn scrub(&self) -> impl Fn(String) -> String {
        let on = self.src.redact;
        move |v: String| if on { redact(&v) } else { v }
    }

    fn finding(
        &self,
        verdict: Verdict,
        instance: Node<'_>,
        blame: &str,
        resource_tpl: Option<&super::template::Template>,
    ) -> Finding {
        let root = Node { value: &self.doc.tree, pointer: "" };
        let message = match (verdict, &self.rule.pass_message) {
            (Verdict::Pass, Some(t)) => t.render_with(root, instance, &self.scrub()),
            _ => self.rule.message.render_with(root, instance, &self.scrub()),
        };
        let resource = match resource_tpl {
            Some(t) => t.render_with(root, instance, &self.scrub()),
            None => default_resource(self.doc, instance.pointer),
        };
        // A finding on the document root (a setting absent, its default applied) has no line of
        // its own: citing line 1 would be a made-up position.
        let pos: Option<Pos> = if blame.is_empty() {
            None
        } else {
            self.doc.spans.lookup(blame).or_else(|| self.doc.spans.lookup(instance.pointer))
        };
        let blamed_value = self.doc.tree.pointer(blame);
        // A finding on the document root is identified by its rule, file and resource; hashing the
        // whole document would cost a serialisation per finding and change with any edit.
        let blamed_text = if blame.is_empty() { String::new() } else { value_text(blamed_value) };
        let fp = fingerprint(&self.rule.id, &self.doc.path, &resource, blame, &blamed_text);
        let evidence = pos.and_then(|p| self.src.snippet(p.line));
        let message = if self.src.redact { redact_message(&message) } else { message };
        Finding {
            rule_id: self.rule.id.clone(),
            verdict,
            severity: self.rule.severity,
            message,
            resource,
            fingerprint: fp,
            location: Some(Location {
                path: self.doc.path.clone(),
                line: pos.map(|p| p.line),
                column: pos.map(|p| p.column),
                pointer: blame.to_string(),
            }),
            evidence,
            remediation: self.rule.remediation.clone(),
            waiver: None,
            waived_by: None,
            relation: None,
            related: Vec::new(),
        }
    }
}

/// Evaluate a document rule on one document, adding to `acc`.
pub fn eval_document(rule: &Rule, check: &DocumentCheck, doc: &Document, src: &Source<'_>, acc: &mut Partial) {
    let root = Node { value: &doc.tree, pointer: "" };
    if let Some(filter) = &check.documents {
        if !filter.eval(root, root).ok {
            return;
        }
    }
    let hits = match &check.each {
        Some(path) => path.resolve(root, root),
        None => vec![super::path::Hit { value: &doc.tree, pointer: String::new() }],
    };
    let obs = Observation { rule, doc, src };
    for hit in hits {
        let node = Node { value: hit.value, pointer: &hit.pointer };
        if let Some(f) = &check.filter {
            if !f.eval(root, node).ok {
                continue;
            }
        }
        acc.instances += 1;
        let outcome = match &check.require {
            Some(req) => req.eval(root, node),
            None => super::predicate::Outcome { ok: true, blame: None },
        };
        let blame = outcome.blame.as_deref().unwrap_or(&hit.pointer);
        if outcome.ok {
            acc.satisfied += 1;
            if !acc.passes_full && acc.passes.len() < PASS_SAMPLES_PER_FILE {
                acc.passes.push(obs.finding(Verdict::Pass, node, blame, check.resource.as_ref()));
            }
        } else if check.expect == Expect::All {
            acc.failures.push(obs.finding(Verdict::Fail, node, blame, check.resource.as_ref()));
        }
    }
}

/// Evaluate a log rule on one event (`line` is its 1-based line in the log file).
/// One event as read from a log: where it is, its raw text and its parsed value.
pub struct EventRef<'a> {
    pub path: &'a str,
    /// 1-based line; 0 for records inside a JSON container.
    pub line: u64,
    pub raw: &'a str,
    pub event: &'a Value,
}

/// Whether [`eval_event`] could still write up a finding (a sample or a pass) for `check` into
/// `acc`. When it cannot, an event only needs the fields the rule's predicates read.
pub fn event_may_write_up(check: &EventCheck, acc: &Partial) -> bool {
    let samples = !acc.samples_full && acc.samples.len() < EVENT_SAMPLES;
    let passes = !acc.passes_full && acc.passes.len() < PASS_SAMPLES / 4;
    match check.expect {
        EventExpect::Max(_) => samples,
        EventExpect::Min(_) => passes,
        EventExpect::MinRatio(_) => samples || passes,
    }
}

pub fn eval_event(rule: &Rule, check: &EventCheck, ev: &EventRef<'_>, redact_on: bool, acc: &mut Partial) {
    let EventRef { path, line, raw, event } = *ev;
    acc.events += 1;
    let root = Node { value: event, pointer: "" };
    if let Some(f) = &check.filter {
        if !f.eval(root, root).ok {
            return;
        }
    }
    acc.instances += 1;
    let ok = check.require.as_ref().is_none_or(|r| r.eval(root, root).ok);
    if ok {
        acc.satisfied += 1;
    }
    // Samples are the events that would make the rule fail: matches for `max`, misses for ratios.
    let is_sample = match check.expect {
        EventExpect::Max(_) => true,
        EventExpect::MinRatio(_) => !ok,
        EventExpect::Min(_) => false,
    };
    let wanted = if is_sample {
        !acc.samples_full && acc.samples.len() < EVENT_SAMPLES
    } else {
        !acc.passes_full && acc.passes.len() < PASS_SAMPLES / 4
    };
    if !wanted {
        return;
    }
    let scrub = |v: String| if redact_on { redact(&v) } else { v };
    let message = rule.message.render_with(root, root, &scrub);
    let resource = check.resource.as_ref().map(|t| t.render_with(root, root, &scrub)).unwrap_or_default();
    let evidence = cut(raw.trim_end(), 400);
    // Records inside a JSON container (`{"Records": [...]}`) have no line of their own.
    let line32 = u32::try_from(line).ok().filter(|l| *l > 0);
    let f = Finding {
        rule_id: rule.id.clone(),
        verdict: if is_sample { Verdict::Fail } else { Verdict::Pass },
        severity: rule.severity,
        message: if redact_on { redact_message(&message) } else { message },
        resource: resource.clone(),
        fingerprint: fingerprint(&rule.id, path, &resource, "", &evidence),
        location: Some(Location { path: path.to_string(), line: line32, column: None, pointer: String::new() }),
        evidence: Some(if redact_on { redact(&evidence) } else { evidence }),
        remediation: rule.remediation.clone(),
        waiver: None,
        waived_by: None,
        relation: None,
        related: Vec::new(),
    };
    if is_sample {
        acc.samples.push(f);
    } else {
        acc.passes.push(f);
    }
}

/// A rule-level finding without a location (e.g. "no default-deny NetworkPolicy anywhere").
fn rule_level(rule: &Rule, verdict: Verdict) -> Finding {
    let empty = Value::Null;
    let root = Node { value: &empty, pointer: "" };
    Finding {
        rule_id: rule.id.clone(),
        verdict,
        severity: rule.severity,
        message: rule.message.render(root, root),
        resource: String::new(),
        fingerprint: fingerprint(&rule.id, "", "", "", ""),
        location: None,
        evidence: None,
        remediation: rule.remediation.clone(),
        waiver: None,
        waived_by: None,
        relation: None,
        related: Vec::new(),
    }
}

/// Decide a rule's verdict from its merged partial; returns the verdict and its findings (fails
/// first, then passing observations).
pub fn decide(rule: &Rule, p: Partial) -> (Verdict, Vec<Finding>) {
    if p.files == 0 && p.errored == 0 {
        return (rule.missing, Vec::new());
    }
    match &rule.body {
        RuleBody::Documents(c) => {
            let verdict = match c.expect {
                Expect::All if !p.failures.is_empty() => Verdict::Fail,
                Expect::Any if p.satisfied > 0 => Verdict::Pass,
                _ if p.errored > 0 => Verdict::Error,
                _ if p.instances == 0 => c.if_none,
                Expect::All => Verdict::Pass,
                Expect::Any => Verdict::Fail,
            };
            let mut findings = p.failures;
            if verdict == Verdict::Fail && findings.is_empty() {
                findings.push(rule_level(rule, Verdict::Fail));
            }
            if verdict == Verdict::Pass {
                findings.extend(p.passes);
            }
            (verdict, findings)
        }
        RuleBody::Events(c) => {
            let enough = p.events >= c.min_events;
            let verdict = match c.expect {
                _ if !enough && p.errored > 0 => Verdict::Error,
                _ if !enough => Verdict::NoEvidence,
                EventExpect::Max(n) if p.instances <= n => Verdict::Pass,
                EventExpect::Max(_) => Verdict::Fail,
                EventExpect::Min(n) if p.instances >= n => Verdict::Pass,
                EventExpect::Min(_) => Verdict::Fail,
                EventExpect::MinRatio(_) if p.instances == 0 => Verdict::NoEvidence,
                #[allow(clippy::cast_precision_loss)]
                EventExpect::MinRatio(r) if (p.satisfied as f64) / (p.instances as f64) >= r => Verdict::Pass,
                EventExpect::MinRatio(_) => Verdict::Fail,
            };
            let mut findings = Vec::new();
            match verdict {
                Verdict::Fail if p.samples.is_empty() => findings.push(rule_level(rule, Verdict::Fail)),
                Verdict::Fail => findings.extend(p.samples),
                Verdict::Pass => findings.extend(p.passes),
                _ => {}
            }
            (verdict, findings)
        }
    }
}
