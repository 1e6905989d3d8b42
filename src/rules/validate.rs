//! Validation of one rule file: raw serde structs → a `Rule`, every problem located.

use super::load::RuleFile;
use super::model::{
    Catalog, ClaimRef, Confidence, DocumentCheck, EventCheck, EventExpect, Expect, Rule, RuleBody, RuleSource,
};
use super::path::Path;
use super::predicate::{compile, CompileError};
use super::raw::{RawCheck, RawEvents, RawRule};
use super::template::Template;
use crate::document::SpanIndex;
use crate::kind::Kind;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use crate::owned_yaml::{located, parse_owned_yaml, typed, LoadError};
use serde_json::Value;

/// Collects problems for one rule file, locating pointers through its span index.
struct RuleCtx<'a> {
    file: &'a str,
    text: &'a str,
    spans: &'a SpanIndex,
    id: Option<String>,
    errors: &'a mut Vec<LoadError>,
}

impl RuleCtx<'_> {
    fn err(&mut self, pointer: &str, message: impl Into<String>) {
        let pos = self.spans.lookup(pointer);
        let e = located(
            self.file,
            self.text,
            pos.map(|p| p.line),
            pos.map(|p| p.column),
            self.id.as_deref(),
            message.into(),
        );
        self.errors.push(e);
    }

    fn compile_at(&mut self, v: &Option<Value>, pointer: &str) -> Option<super::predicate::Predicate> {
        let v = v.as_ref()?;
        let mut errs: Vec<CompileError> = Vec::new();
        let p = compile(v, pointer, &mut errs);
        for e in errs {
            self.err(&e.pointer, e.message);
        }
        p
    }

    fn template(&mut self, src: &str, pointer: &str) -> Option<Template> {
        match Template::parse(src) {
            Ok(t) => Some(t),
            Err(e) => {
                self.err(pointer, e);
                None
            }
        }
    }

    fn verdict(&mut self, v: Option<&str>, allowed: &[Verdict], default: Verdict, pointer: &str) -> Verdict {
        let Some(s) = v else { return default };
        match allowed.iter().find(|a| a.id() == s) {
            Some(v) => *v,
            None => {
                let names: Vec<&str> = allowed.iter().map(|a| a.id()).collect();
                self.err(pointer, format!("`{s}` is not one of {}", names.join(", ")));
                default
            }
        }
    }
}

pub(crate) fn load_rule(f: &RuleFile, catalog: &Catalog, errors: &mut Vec<LoadError>) -> Option<Rule> {
    let (tree, spans) = parse_owned_yaml(&f.file, &f.text, errors)?;
    let id_hint = tree.get("id").and_then(Value::as_str).map(str::to_string);
    let raw: RawRule = typed(&f.file, &f.text, &tree, &spans, id_hint.as_deref(), errors)?;
    let mut cx = RuleCtx { file: &f.file, text: &f.text, spans: &spans, id: Some(raw.id.clone()), errors };
    let before = cx.errors.len();

    if raw.id.is_empty() || !raw.id.chars().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '-') {
        cx.err("/id", "rule ids use capitals, digits and `-` (e.g. ZT-ID-012)");
    }
    if raw.name.is_empty() || !raw.name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-') {
        cx.err("/name", "rule names are kebab-case");
    }
    let pillar = Pillar::parse(&raw.pillar);
    if pillar.is_none() {
        cx.err("/pillar", format!("unknown pillar `{}`", raw.pillar));
    }
    match catalog.function(&raw.function) {
        None => cx.err("/function", format!("unknown function `{}` (see rules/functions.yaml)", raw.function)),
        Some(func) if Some(func.pillar) != pillar => {
            cx.err("/function", format!("function `{}` belongs to pillar `{}`", raw.function, func.pillar.id()))
        }
        Some(_) => {}
    }
    let stage = Stage::parse(&raw.stage).filter(|s| *s != Stage::Traditional);
    if stage.is_none() {
        cx.err("/stage", format!("`{}` is not initial, advanced or optimal", raw.stage));
    }
    let kind = match raw.kind.as_str() {
        "gate" => Some(RuleKind::Gate),
        "evidence" => Some(RuleKind::Evidence),
        "indicator" => Some(RuleKind::Indicator),
        other => {
            cx.err("/kind", format!("`{other}` is not gate, evidence or indicator"));
            None
        }
    };
    let severity = Severity::parse(&raw.severity);
    if severity.is_none() {
        cx.err("/severity", format!("`{}` is not info, low, medium, high or critical", raw.severity));
    }
    let mut applies_to = Vec::new();
    for (i, k) in raw.applies_to.iter().enumerate() {
        match Kind::parse(k) {
            Some(k) => applies_to.push(k),
            None => cx.err(&format!("/applies_to/{i}"), format!("unknown input kind `{k}`")),
        }
    }
    if raw.applies_to.is_empty() {
        cx.err("/applies_to", "a rule applies to at least one input kind");
    }
    let missing = cx.verdict(
        raw.missing.as_deref(),
        &[Verdict::NotApplicable, Verdict::NoEvidence],
        Verdict::NotApplicable,
        "/missing",
    );
    let confidence = match raw.confidence.as_deref() {
        None => Confidence::default_for(stage.unwrap_or(Stage::Traditional)),
        Some("high") => Confidence::High,
        Some("medium") => Confidence::Medium,
        Some("partial") => Confidence::Partial,
        Some(other) => {
            cx.err("/confidence", format!("`{other}` is not high, medium or partial"));
            Confidence::High
        }
    };
    if raw.blocks.is_some() && kind != Some(RuleKind::Indicator) {
        cx.err("/blocks", "`blocks` only applies to indicator rules");
    }
    let contradicts = claim_refs(&mut cx, &raw, kind);
    if raw.references.is_empty() {
        cx.err("/references", "cite at least the CISA ZTMM function");
    }
    for (field, text) in [("/title", &raw.title), ("/rationale", &raw.rationale), ("/remediation", &raw.remediation)] {
        if text.trim().is_empty() {
            cx.err(field, "must not be empty");
        }
    }
    let body = match (&raw.check, &raw.events) {
        (Some(c), None) => document_check(&mut cx, c, kind),
        (None, Some(e)) => event_check(&mut cx, e),
        (Some(_), Some(_)) => {
            cx.err("/events", "a rule has either `check` (documents) or `events` (logs), not both");
            None
        }
        (None, None) => {
            cx.err("", "a rule needs `check` (documents) or `events` (logs)");
            None
        }
    };
    if let Some(b) = &body {
        let log = matches!(b, RuleBody::Events(_));
        for (i, k) in applies_to.iter().enumerate() {
            if k.is_log() != log {
                let want = if log { "log" } else { "document" };
                cx.err(
                    &format!("/applies_to/{i}"),
                    format!("`{k}` is not a {want} kind, but this rule checks {want}s"),
                );
            }
        }
    }
    let message = cx.template(&raw.message, "/message");
    let pass_message = raw.pass_message.as_deref().and_then(|m| cx.template(m, "/pass_message"));
    if cx.errors.len() > before {
        return None;
    }
    Some(Rule {
        id: raw.id,
        name: raw.name,
        title: raw.title,
        aliases: raw.aliases,
        pillar: pillar?,
        function: raw.function,
        stage: stage?,
        kind: kind?,
        severity: severity?,
        applies_to,
        missing,
        needs: raw.needs,
        confidence,
        blocks: raw.blocks.unwrap_or(false),
        contradicts,
        body: body?,
        message: message?,
        pass_message,
        rationale: raw.rationale,
        remediation: raw.remediation,
        references: raw.references,
        source: RuleSource { pack: f.pack.clone(), file: f.file.clone() },
        text: f.text.clone(),
    })
}

/// `contradicts:` as written, checked for what one file can show; whether each target exists and
/// is a config gate or evidence rule is checked once the whole pack is loaded (`claims.rs`).
fn claim_refs(cx: &mut RuleCtx<'_>, raw: &RawRule, kind: Option<RuleKind>) -> Vec<ClaimRef> {
    if raw.contradicts.is_empty() {
        return Vec::new();
    }
    if kind != Some(RuleKind::Indicator) {
        cx.err("/contradicts", "`contradicts` only applies to indicator rules (log behaviour checked against configs)");
        return Vec::new();
    }
    let mut out: Vec<ClaimRef> = Vec::new();
    for (i, id) in raw.contradicts.iter().enumerate() {
        let pointer = format!("/contradicts/{i}");
        if *id == raw.id {
            cx.err(&pointer, "an indicator cannot contradict itself: name the config rule whose claim it checks");
            continue;
        }
        if out.iter().any(|c| c.id == *id) {
            cx.err(&pointer, format!("`{id}` is listed twice"));
            continue;
        }
        let pos = cx.spans.lookup(&pointer);
        out.push(ClaimRef { id: id.clone(), line: pos.map(|p| p.line), column: pos.map(|p| p.column) });
    }
    out
}

fn document_check(cx: &mut RuleCtx<'_>, c: &RawCheck, kind: Option<RuleKind>) -> Option<RuleBody> {
    let documents = cx.compile_at(&c.documents, "/check/documents");
    let filter = cx.compile_at(&c.filter, "/check/where");
    let require = cx.compile_at(&c.require, "/check/require");
    let each = match &c.each {
        Some(p) => match Path::parse(p) {
            Ok(p) => Some(p),
            Err(e) => {
                cx.err("/check/each", e);
                None
            }
        },
        None => None,
    };
    let expect = match c.expect.as_deref() {
        None if kind == Some(RuleKind::Evidence) => Expect::Any,
        None | Some("all") => Expect::All,
        Some("any") => Expect::Any,
        Some(other) => {
            cx.err("/check/expect", format!("`{other}` is not all or any"));
            Expect::All
        }
    };
    if c.require.is_none() && expect == Expect::All {
        cx.err("/check", "`expect: all` needs `require` (what every instance must satisfy)");
    }
    let if_none = cx.verdict(
        c.if_none.as_deref(),
        &[Verdict::Pass, Verdict::Fail, Verdict::NotApplicable, Verdict::NoEvidence],
        Verdict::NotApplicable,
        "/check/if_none",
    );
    let resource = c.resource.as_deref().and_then(|r| cx.template(r, "/check/resource"));
    Some(RuleBody::Documents(Box::new(DocumentCheck { documents, each, filter, require, expect, if_none, resource })))
}

fn event_check(cx: &mut RuleCtx<'_>, e: &RawEvents) -> Option<RuleBody> {
    let filter = cx.compile_at(&e.filter, "/events/where");
    let require = cx.compile_at(&e.require, "/events/require");
    let expect = match (e.max, e.min, e.min_ratio) {
        (Some(n), None, None) => EventExpect::Max(n),
        (None, Some(n), None) => EventExpect::Min(n),
        (None, None, Some(r)) if (0.0..=1.0).contains(&r) => {
            if e.require.is_none() {
                cx.err("/events", "`min_ratio` needs `require`");
            }
            EventExpect::MinRatio(r)
        }
        (None, None, Some(_)) => {
            cx.err("/events/min_ratio", "a ratio is between 0 and 1");
            return None;
        }
        _ => {
            cx.err("/events", "give exactly one of `max`, `min` or `min_ratio`");
            return None;
        }
    };
    let resource = e.resource.as_deref().and_then(|r| cx.template(r, "/events/resource"));
    Some(RuleBody::Events(Box::new(EventCheck {
        filter,
        require,
        expect,
        min_events: e.min_events.unwrap_or(1),
        resource,
    })))
}
