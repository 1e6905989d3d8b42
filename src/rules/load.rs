//! Loading rule packs: the embedded pack and any `--rules DIR`. Raw serde first, then validation
//! into `Rule`s. Every problem in every rule is collected and reported together with
//! file:line:col, the rule id and the offending source line — a rule that does not load is a hard
//! error, never silently skipped.

use super::model::{
    Catalog, CatalogPillar, Confidence, DocumentCheck, EventCheck, EventExpect, Expect, Function, Rule, RuleBody,
    RuleSource,
};
use super::path::Path;
use super::predicate::{compile, CompileError};
use super::raw::{RawCatalog, RawCheck, RawEvents, RawRule};
use super::template::Template;
use crate::document::{push_pointer, SpanIndex};
use crate::kind::Kind;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use crate::parse::{yaml, YamlOptions};
use serde::de::DeserializeOwned;
use serde_json::Value;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fmt;
use std::path::Path as FsPath;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// One problem in a rule pack or the catalog.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    pub file: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub rule_id: Option<String>,
    pub message: String,
    pub source_line: Option<String>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}:{}", self.column.unwrap_or(1))?;
        }
        write!(f, ": ")?;
        if let Some(id) = &self.rule_id {
            write!(f, "[{id}] ")?;
        }
        write!(f, "{}", self.message)?;
        if let (Some(src), Some(col)) = (&self.source_line, self.column) {
            let pad = " ".repeat(usize::try_from(col).unwrap_or(1).saturating_sub(1).min(src.len()));
            write!(f, "\n    | {src}\n    | {pad}^")?;
        }
        Ok(())
    }
}

/// All problems found while loading, in file order.
#[derive(Debug, Clone)]
pub struct LoadErrors(pub Vec<LoadError>);

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for e in &self.0 {
            writeln!(f, "{e}")?;
        }
        write!(f, "{} problem(s) found", self.0.len())
    }
}

impl std::error::Error for LoadErrors {}

/// Every loaded rule plus the function catalog.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub catalog: Catalog,
    /// sha256 over the catalog and every rule file: identifies the rules a report was made with.
    pub digest: String,
}

impl RuleSet {
    pub fn rule(&self, id_or_name: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.id == id_or_name || r.name == id_or_name || r.aliases.iter().any(|a| a == id_or_name))
    }
}

/// A rule file's text with the name it is reported under.
pub struct RuleFile {
    pub pack: String,
    pub file: String,
    pub text: String,
}

/// The embedded rule files.
pub fn builtin_files() -> Vec<RuleFile> {
    embedded::RULES
        .iter()
        .map(|(file, text)| RuleFile {
            pack: "builtin".into(),
            file: format!("rules/{file}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// The rule files of a pack directory: every `rule.yaml` below it that is not inside a `tests` dir.
pub fn pack_files(dir: &FsPath) -> Result<Vec<RuleFile>, LoadErrors> {
    let fail = |msg: String| {
        LoadErrors(vec![LoadError {
            file: dir.display().to_string(),
            line: None,
            column: None,
            rule_id: None,
            message: msg,
            source_line: None,
        }])
    };
    if !dir.is_dir() {
        return Err(fail("rule pack directory does not exist or is not a directory".into()));
    }
    let mut files = Vec::new();
    for entry in walkdir_rules(dir).map_err(|e| fail(e.to_string()))? {
        let text = std::fs::read_to_string(&entry).map_err(|e| fail(format!("{}: {e}", entry.display())))?;
        let rel = entry.strip_prefix(dir).unwrap_or(&entry).to_string_lossy().replace('\\', "/");
        files.push(RuleFile { pack: dir.display().to_string(), file: format!("{}/{rel}", dir.display()), text });
    }
    if files.is_empty() {
        return Err(fail("no rule.yaml found in this rule pack".into()));
    }
    Ok(files)
}

fn walkdir_rules(dir: &FsPath) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            let p = entry.path();
            if ft.is_dir() && entry.file_name() != "tests" {
                stack.push(p);
            } else if ft.is_file() && entry.file_name() == "rule.yaml" {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Load the builtin pack plus `extra` packs.
pub fn load(extra: &[std::path::PathBuf]) -> Result<RuleSet, LoadErrors> {
    let mut files = builtin_files();
    let mut errors = Vec::new();
    for dir in extra {
        match pack_files(dir) {
            Ok(f) => files.extend(f),
            Err(e) => errors.extend(e.0),
        }
    }
    let catalog = load_catalog("rules/functions.yaml", embedded::CATALOG).map_err(LoadErrors);
    let catalog = match catalog {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0);
            return Err(LoadErrors(errors));
        }
    };
    match build(files, catalog) {
        Ok(set) if errors.is_empty() => Ok(set),
        Ok(_) => Err(LoadErrors(errors)),
        Err(e) => {
            errors.extend(e.0);
            Err(LoadErrors(errors))
        }
    }
}

/// Validate `files` against `catalog` into a rule set.
pub fn build(files: Vec<RuleFile>, catalog: Catalog) -> Result<RuleSet, LoadErrors> {
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut hasher = Sha256::new();
    hasher.update(embedded::CATALOG.as_bytes());
    for f in &files {
        hasher.update(f.file.as_bytes());
        hasher.update(f.text.as_bytes());
        if let Some(rule) = load_rule(f, &catalog, &mut errors) {
            rules.push(rule);
        }
    }
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &rules {
        for id in std::iter::once(&r.id).chain(&r.aliases) {
            if let Some(prev) = ids.insert(id, &r.source.file) {
                errors.push(LoadError {
                    file: r.source.file.clone(),
                    line: None,
                    column: None,
                    rule_id: Some(r.id.clone()),
                    message: format!("rule id `{id}` is also used by {prev}"),
                    source_line: None,
                });
            }
        }
        if let Some(prev) = names.insert(&r.name, &r.source.file) {
            errors.push(LoadError {
                file: r.source.file.clone(),
                line: None,
                column: None,
                rule_id: Some(r.id.clone()),
                message: format!("rule name `{}` is also used by {prev}", r.name),
                source_line: None,
            });
        }
    }
    if !errors.is_empty() {
        return Err(LoadErrors(errors));
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let digest = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(RuleSet { rules, catalog, digest })
}

/// Parse a YAML file we own into a value with spans; errors located.
pub(crate) fn parse_owned_yaml(file: &str, text: &str, errors: &mut Vec<LoadError>) -> Option<(Value, SpanIndex)> {
    let out = yaml::parse(text, YamlOptions::default());
    let mut failed = false;
    for p in &out.problems {
        errors.push(located(file, text, p.line, p.column, None, format!("YAML: {}", p.message)));
        failed = true;
    }
    if failed {
        return None;
    }
    let mut docs = out.documents.into_iter();
    match (docs.next(), docs.next()) {
        (Some(d), None) => Some((d.tree, d.spans)),
        (None, _) => {
            errors.push(located(file, text, None, None, None, "file is empty".into()));
            None
        }
        (Some(_), Some(_)) => {
            errors.push(located(file, text, None, None, None, "expected one YAML document, found several".into()));
            None
        }
    }
}

pub(crate) fn located(
    file: &str,
    text: &str,
    line: Option<u32>,
    column: Option<u32>,
    rule_id: Option<&str>,
    message: String,
) -> LoadError {
    let source_line = line.and_then(|l| text.lines().nth(usize::try_from(l).ok()?.checked_sub(1)?)).map(str::to_string);
    LoadError { file: file.to_string(), line, column, rule_id: rule_id.map(str::to_string), message, source_line }
}

/// Deserialize with the failing field's location.
pub(crate) fn typed<T: DeserializeOwned>(
    file: &str,
    text: &str,
    tree: &Value,
    spans: &SpanIndex,
    id: Option<&str>,
    errors: &mut Vec<LoadError>,
) -> Option<T> {
    match serde_path_to_error::deserialize::<_, T>(tree.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            let mut pointer = String::new();
            for seg in e.path().iter() {
                match seg {
                    serde_path_to_error::Segment::Seq { index } => pointer = push_pointer(&pointer, &index.to_string()),
                    serde_path_to_error::Segment::Map { key } => pointer = push_pointer(&pointer, key),
                    _ => {}
                }
            }
            let msg = e.inner().to_string();
            if let Some(field) = msg.strip_prefix("unknown field `").and_then(|r| r.split('`').next()) {
                pointer = push_pointer(&pointer, field);
            }
            let pos = spans.lookup(&pointer);
            let at = if pointer.is_empty() { String::new() } else { format!(" (at {})", pointer_to_path(&pointer)) };
            errors.push(located(file, text, pos.map(|p| p.line), pos.map(|p| p.column), id, format!("{msg}{at}")));
            None
        }
    }
}

fn pointer_to_path(pointer: &str) -> String {
    pointer.trim_start_matches('/').replace('/', ".")
}

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

fn load_rule(f: &RuleFile, catalog: &Catalog, errors: &mut Vec<LoadError>) -> Option<Rule> {
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
        None => {
            if stage == Some(Stage::Optimal) {
                Confidence::Partial
            } else {
                Confidence::High
            }
        }
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
        body: body?,
        message: message?,
        message_source: raw.message,
        pass_message,
        rationale: raw.rationale,
        remediation: raw.remediation,
        references: raw.references,
        source: RuleSource { pack: f.pack.clone(), file: f.file.clone() },
        text: f.text.clone(),
    })
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

/// Load and validate the function catalog.
pub fn load_catalog(file: &str, text: &str) -> Result<Catalog, Vec<LoadError>> {
    let mut errors = Vec::new();
    let Some((tree, spans)) = parse_owned_yaml(file, text, &mut errors) else { return Err(errors) };
    let Some(raw): Option<RawCatalog> = typed(file, text, &tree, &spans, None, &mut errors) else { return Err(errors) };
    let mut pillars = Vec::new();
    for (pi, p) in raw.pillars.into_iter().enumerate() {
        let ptr = format!("/pillars/{pi}");
        let Some(id) = Pillar::parse(&p.id) else {
            let pos = spans.lookup(&format!("{ptr}/id"));
            errors.push(located(
                file,
                text,
                pos.map(|p| p.line),
                pos.map(|p| p.column),
                None,
                format!("unknown pillar `{}`", p.id),
            ));
            continue;
        };
        let functions = p
            .functions
            .into_iter()
            .map(|f| Function {
                pillar: id,
                stages: [f.stages.traditional, f.stages.initial, f.stages.advanced, f.stages.optimal],
                id: f.id,
                name: f.name,
                cisa_row: f.cisa_row,
                note: f.note,
                evidence_from_files: f.evidence_from_files,
                needs: f.needs,
            })
            .collect::<Vec<_>>();
        for (fi, f) in functions.iter().enumerate() {
            if !f.id.starts_with(&format!("{}.", id.id())) {
                let pos = spans.lookup(&format!("{ptr}/functions/{fi}/id"));
                errors.push(located(
                    file,
                    text,
                    pos.map(|p| p.line),
                    pos.map(|p| p.column),
                    None,
                    format!("function `{}` must start with `{}.`", f.id, id.id()),
                ));
            }
        }
        pillars.push(CatalogPillar {
            id,
            name: p.name,
            cross_cutting: p.kind == "cross-cutting",
            description: p.description,
            functions,
        });
    }
    for p in Pillar::ALL {
        if !pillars.iter().any(|c| c.id == p) {
            errors.push(located(
                file,
                text,
                None,
                None,
                None,
                format!("pillar `{}` is missing from the catalog", p.id()),
            ));
        }
    }
    if errors.is_empty() {
        pillars.sort_by_key(|p| p.id);
        Ok(Catalog { source: raw.source, pillars })
    } else {
        Err(errors)
    }
}

/// The embedded catalog text (for tests and `rules list`).
pub fn builtin_catalog_text() -> &'static str {
    embedded::CATALOG
}
