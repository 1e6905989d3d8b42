//! The streamed half of the per-file stage: a log's events go through every applicable log rule
//! and the audit-log quality scorecard as they are read; nothing holds the whole log. Batches of
//! events are evaluated in parallel, each into its own partial results, merged in file order.

use super::{Diagnostic, FileOptions, FileOutcome, FileStatus, InventoryEntry, Level};
use crate::discover::Candidate;
use crate::kind::Kind;
use crate::logs::{self, plan::FieldPlan, prefilter::Need, quality::QualityAcc, Event, Fields, Parser, Sink};
use crate::privileges::UsageAcc;
use crate::rules::eval::{eval_event, event_may_write_up, EventRef, Partial, EVENT_SAMPLES, PASS_SAMPLES};
use crate::rules::model::{EventCheck, Rule, RuleBody};
use crate::rules::path::Node;
use crate::rules::RuleSet;
use std::borrow::Cow;
use std::sync::atomic::{AtomicBool, Ordering};

/// One applicable log rule: its index, the cheap condition an event must meet to be worth
/// evaluating, and what its predicates read.
struct Applicable {
    index: usize,
    need: Need,
    predicates: FieldPlan,
}

/// What every batch of one log shares.
struct Context<'a> {
    rules: &'a RuleSet,
    applicable: Vec<Applicable>,
    /// What the applicable rules read of an event to count it and to write it up.
    full: FieldPlan,
    /// What their predicates read: enough to count an event.
    predicates: FieldPlan,
    /// What the privilege inventory reads of an event (who did what), when it reads this kind.
    usage: Option<FieldPlan>,
    path: &'a str,
    redact: bool,
    /// Per applicable rule: the batches merged so far already hold every sample, or every pass,
    /// the file keeps; later batches count events without writing them up.
    samples_full: Vec<AtomicBool>,
    passes_full: Vec<AtomicBool>,
}

/// What one batch of events contributed.
struct RuleSink<'a> {
    cx: &'a Context<'a>,
    partials: Vec<Partial>,
    quality: QualityAcc,
    usage: Option<UsageAcc>,
    /// The applicable rules an event may match (scratch, reused).
    holding: Vec<usize>,
}

impl<'a> RuleSink<'a> {
    fn new(cx: &'a Context<'a>, opts: &FileOptions, kind: Kind) -> Self {
        let partials = cx
            .applicable
            .iter()
            .enumerate()
            .map(|(i, a)| Partial {
                passes_full: opts.passes_full(a.index) || cx.passes_full[i].load(Ordering::Acquire),
                samples_full: cx.samples_full[i].load(Ordering::Acquire),
                ..Partial::default()
            })
            .collect();
        RuleSink { cx, partials, quality: QualityAcc::new(kind), usage: UsageAcc::for_kind(kind), holding: Vec::new() }
    }

    fn check(&self, i: usize) -> Option<(&'a Rule, &'a EventCheck)> {
        let rule = &self.cx.rules.rules[self.cx.applicable[i].index];
        match &rule.body {
            RuleBody::Events(check) => Some((rule, check)),
            RuleBody::Documents(_) => None,
        }
    }
}

impl Sink for RuleSink<'_> {
    fn event(&mut self, ev: &Event<'_>) {
        let cx = self.cx;
        self.holding.clear();
        for (i, (a, p)) in cx.applicable.iter().zip(&mut self.partials).enumerate() {
            let may = match ev.fields {
                Fields::Value(v) => a.need.may_hold(v),
                Fields::Lite(l) => a.need.may_hold(l),
            };
            if may {
                self.holding.push(i);
            } else {
                // Seen, and not a match: exactly what evaluating it would record.
                p.events += 1;
            }
        }
        match ev.fields {
            Fields::Value(v) => self.quality.observe(v),
            Fields::Lite(l) => self.quality.observe(l),
        }
        if let Some(u) = self.usage.as_mut() {
            match ev.fields {
                Fields::Value(v) => u.observe(ev.kind, v),
                Fields::Lite(l) => u.observe(ev.kind, &l.to_value(cx.usage.as_ref())),
            }
        }
        if self.holding.is_empty() {
            return;
        }
        // What the predicates read, from the light tree (no second parse).
        let counted = match (ev.fields, self.holding.as_slice()) {
            (Fields::Value(v), _) => Cow::Borrowed(v),
            (Fields::Lite(l), [only]) => Cow::Owned(l.to_value(Some(&cx.applicable[*only].predicates))),
            (Fields::Lite(l), _) => Cow::Owned(l.to_value(Some(&cx.predicates))),
        };
        // Everything the messages read too, parsed again from the text, only for an event that
        // matches a rule which may still write it up.
        let mut whole: Option<Cow<'_, serde_json::Value>> = None;
        for k in 0..self.holding.len() {
            let i = self.holding[k];
            let Some((rule, check)) = self.check(i) else { continue };
            let p = &mut self.partials[i];
            let root = Node { value: &counted, pointer: "" };
            if check.filter.as_ref().is_some_and(|f| !f.eval(root, root).ok) {
                // Seen, and not a match: exactly what evaluating it would record.
                p.events += 1;
                continue;
            }
            let event = match ev.fields {
                Fields::Lite(_) if event_may_write_up(check, p) => {
                    &**whole.get_or_insert_with(|| ev.value(Some(&cx.full)))
                }
                _ => &*counted,
            };
            let at = EventRef { path: cx.path, line: ev.line, raw: ev.raw, event };
            eval_event(rule, check, &at, cx.redact, p);
        }
    }

    fn merge(&mut self, later: Self) {
        for (i, (p, q)) in self.partials.iter_mut().zip(later.partials).enumerate() {
            p.merge(q);
            // A file offers as many passing samples as one unbatched pass would.
            p.passes.truncate(PASS_SAMPLES / 4);
            if p.samples.len() >= EVENT_SAMPLES {
                self.cx.samples_full[i].store(true, Ordering::Release);
            }
            if p.passes.len() >= PASS_SAMPLES / 4 {
                self.cx.passes_full[i].store(true, Ordering::Release);
            }
        }
        self.quality.merge(later.quality);
        if let (Some(u), Some(v)) = (self.usage.as_mut(), later.usage) {
            u.merge(v);
        }
    }
}

/// What is read of every event of a JSON log: what the rules' predicates and quick rejections
/// compare and what the quality scorecard asks for. The scorecard asks whether a field is there and reads scalars
/// (names, times): a map it only checks for presence (CloudTrail `requestParameters`) is not
/// built.
fn light_plan(kind: Kind, rules: &RuleSet, applicable: &[Applicable], usage: Option<&FieldPlan>) -> Option<FieldPlan> {
    if matches!(kind, Kind::AuthLog | Kind::PostgresLog) {
        return None;
    }
    let mut plan = usage.cloned().unwrap_or_default();
    // What the predicates read: a matching event is counted from the light tree alone.
    for a in applicable {
        plan.add_rule_predicates(&rules.rules[a.index]);
    }
    let mut paths = Vec::new();
    for a in applicable {
        a.need.paths(&mut paths);
    }
    for path in &paths {
        plan.add(path);
    }
    for path in logs::fields::plan_paths(kind) {
        plan.reach(&path);
    }
    Some(plan)
}

/// The fields `privileges::events` reads of an event of `kind` (who acted, what, whether it
/// succeeded), so that the light tree holds them; `None` when the inventory reads no usage from
/// this kind.
fn usage_plan(kind: Kind) -> Option<FieldPlan> {
    let paths: &[&str] = match kind {
        Kind::K8sAuditLog => &[
            "stage",
            "responseStatus.code",
            "user.username",
            "user.groups",
            "verb",
            "objectRef.resource",
            "objectRef.subresource",
            "requestURI",
            "impersonatedUser.username",
            "impersonatedUser.groups",
        ],
        Kind::CloudtrailLog => &[
            "errorCode",
            "eventSource",
            "eventName",
            "userIdentity.type",
            "userIdentity.arn",
            "userIdentity.userName",
            "userIdentity.sessionContext.sessionIssuer.userName",
        ],
        Kind::VaultAuditLog => &[
            "type",
            "error",
            "auth.display_name",
            "auth.entity_id",
            "auth.policies",
            "request.operation",
            "request.path",
        ],
        _ => return None,
    };
    UsageAcc::for_kind(kind)?;
    let mut plan = FieldPlan::default();
    for p in paths {
        if let Ok(path) = crate::rules::path::Path::parse(p) {
            plan.add(&logs::plan::join(&[], &path));
        }
    }
    Some(plan)
}

pub(super) fn process_log(
    c: &Candidate,
    kind: Kind,
    reader: impl std::io::BufRead + Send,
    rules: &RuleSet,
    opts: &FileOptions,
) -> FileOutcome {
    let applicable: Vec<Applicable> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_log_rule() && r.applies_to_kind(kind))
        .map(|(index, r)| {
            let need = match &r.body {
                RuleBody::Events(check) => check.filter.as_ref().map_or(Need::Always, Need::of),
                RuleBody::Documents(_) => Need::Always,
            };
            let mut predicates = FieldPlan::default();
            predicates.add_rule_predicates(r);
            Applicable { index, need, predicates }
        })
        .collect();
    let usage = usage_plan(kind);
    let parser = Parser { kind, plan: light_plan(kind, rules, &applicable, usage.as_ref()) };
    let (mut full, mut predicates) = (FieldPlan::default(), FieldPlan::default());
    for a in &applicable {
        full.add_rule(&rules.rules[a.index]);
        predicates.add_rule_predicates(&rules.rules[a.index]);
    }
    let flags = || applicable.iter().map(|_| AtomicBool::new(false)).collect::<Vec<_>>();
    let (samples_full, passes_full) = (flags(), flags());
    let cx = Context {
        rules,
        applicable,
        full,
        predicates,
        usage,
        path: &c.rel,
        redact: opts.redact,
        samples_full,
        passes_full,
    };
    let make = || RuleSink::new(&cx, opts, kind);
    let (mut stats, sink) = logs::stream_parallel(&parser, reader, &make);
    stats.quality = Some(sink.quality.finish());
    let usage = sink.usage;
    let mut partials: Vec<(usize, Partial)> =
        cx.applicable.iter().map(|a| a.index).zip(sink.partials).map(|(i, p)| (i, Partial { files: 1, ..p })).collect();
    let mut diagnostics = Vec::new();
    for (line, why) in &stats.samples {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            path: c.rel.clone(),
            line: u32::try_from(*line).ok().filter(|l| *l > 0),
            message: format!("unparsed log line: {why}"),
        });
    }
    let mut reason = (stats.unparsed > 0).then(|| match stats.framing {
        Some(logs::frames::Framing::JsonStream | logs::frames::Framing::Csv) => {
            format!("{} of {} records did not parse", stats.unparsed, stats.unparsed + stats.events)
        }
        _ => format!("{} of {} lines did not parse", stats.unparsed, stats.lines),
    });
    if stats.truncated_last_line && stats.unparsed == 0 {
        // Every record was whole, but the JSON around them never closed: the file was cut.
        reason = Some("the file ends inside an unclosed JSON array or object (truncated)".into());
    }
    let mut status = FileStatus::Parsed;
    if let Some(e) = &stats.read_error {
        // Events read before the failure still count; rules that saw too few of them say `error`.
        let msg = format!("read error after {} line(s) ({} event(s) kept): {e}", stats.lines, stats.events);
        diagnostics.push(Diagnostic { level: Level::Error, path: c.rel.clone(), line: None, message: msg.clone() });
        for (_, p) in &mut partials {
            p.errored = 1;
        }
        status = FileStatus::Error;
        reason = Some(match reason {
            Some(r) => format!("{msg}; {r}"),
            None => msg,
        });
    }
    let used = partials.iter().filter(|(_, p)| p.instances > 0).map(|(i, _)| rules.rules[*i].id.clone()).collect();
    FileOutcome {
        entry: InventoryEntry {
            path: c.rel.clone(),
            kind: Some(kind),
            status,
            reason,
            documents: 0,
            events: stats.events,
            bytes: c.size,
            rules: used,
        },
        diagnostics,
        partials,
        log: Some(stats),
        privileges: crate::privileges::FileFacts::default(),
        usage,
        // Inline waivers are not read from logs: events are not edited by their owners.
        inline_waivers: Vec::new(),
    }
}
