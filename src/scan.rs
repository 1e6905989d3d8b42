//! The per-file half of the pipeline: read once → classify → parse or stream → evaluate. Files run
//! in parallel (rayon); each yields an inventory entry, diagnostics and per-rule partials, merged
//! afterwards in path order so the result is deterministic and memory holds findings, not trees.

use crate::classify::{classify, refine, Class};
use crate::discover::Candidate;
use crate::document::{Document, LineIndex};
use crate::kind::Kind;
use crate::logs;
use crate::parse::{self, Syntax, YamlOptions};
use crate::rules::eval::{eval_document, eval_event, EventRef, Partial, Source};
use crate::rules::model::RuleBody;
use crate::rules::RuleSet;
use globset::GlobSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{BufReader, Read};

/// Default cap on a config file's size; logs are streamed and not capped.
pub const DEFAULT_MAX_CONFIG_BYTES: u64 = 16 << 20;
const HEAD_BYTES: usize = 64 << 10;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FileStatus {
    Parsed,
    Skipped,
    Error,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct InventoryEntry {
    pub path: String,
    pub kind: Option<Kind>,
    pub status: FileStatus,
    pub reason: Option<String>,
    pub documents: u64,
    pub events: u64,
    pub bytes: u64,
    /// Rules that evaluated at least one instance or event of this file.
    pub rules: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    Error,
    Warning,
    Info,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Diagnostic {
    pub level: Level,
    pub path: String,
    pub line: Option<u32>,
    pub message: String,
}

impl InventoryEntry {
    pub fn status_text(&self) -> String {
        match self.status {
            FileStatus::Parsed => "parsed",
            FileStatus::Skipped => "skipped",
            FileStatus::Error => "error",
        }
        .to_string()
    }
}

/// Settings for the per-file stage.
#[derive(Debug, Clone)]
pub struct FileOptions {
    pub max_config_bytes: u64,
    pub redact: bool,
    pub kind_overrides: Vec<(GlobSet, Kind)>,
}

impl Default for FileOptions {
    fn default() -> Self {
        FileOptions { max_config_bytes: DEFAULT_MAX_CONFIG_BYTES, redact: true, kind_overrides: Vec::new() }
    }
}

/// Everything one file contributed.
#[derive(Debug)]
pub struct FileOutcome {
    pub entry: InventoryEntry,
    pub diagnostics: Vec<Diagnostic>,
    pub partials: Vec<(usize, Partial)>,
    pub log: Option<logs::LogStats>,
}

fn outcome(c: &Candidate, kind: Option<Kind>, status: FileStatus, reason: impl Into<String>) -> FileOutcome {
    let reason = reason.into();
    let diagnostics = if status == FileStatus::Error {
        vec![Diagnostic { level: Level::Error, path: c.rel.clone(), line: None, message: reason.clone() }]
    } else {
        Vec::new()
    };
    FileOutcome {
        entry: InventoryEntry {
            path: c.rel.clone(),
            kind,
            status,
            reason: Some(reason),
            documents: 0,
            events: 0,
            bytes: c.size,
            rules: Vec::new(),
        },
        diagnostics,
        partials: Vec::new(),
        log: None,
    }
}

/// Mark every rule of `kind` as having seen an unreadable or unparsable input.
fn errored_for(rules: &RuleSet, kind: Kind) -> Vec<(usize, Partial)> {
    rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.applies_to_kind(kind))
        .map(|(i, _)| (i, Partial { errored: 1, ..Partial::default() }))
        .collect()
}

/// Process one discovered file.
pub fn process(c: &Candidate, rules: &RuleSet, opts: &FileOptions) -> FileOutcome {
    let file = match std::fs::File::open(&c.abs) {
        Ok(f) => f,
        Err(e) => return outcome(c, None, FileStatus::Error, format!("cannot open: {e}")),
    };
    let gz = c.rel.to_ascii_lowercase().ends_with(".gz");
    let mut reader: Box<dyn Read> =
        if gz { Box::new(flate2::read::MultiGzDecoder::new(BufReader::new(file))) } else { Box::new(file) };
    let mut head = Vec::with_capacity(HEAD_BYTES.min(usize::try_from(c.size).unwrap_or(HEAD_BYTES)));
    if let Err(e) = (&mut reader).take(HEAD_BYTES as u64).read_to_end(&mut head) {
        return outcome(c, None, FileStatus::Error, format!("cannot read: {e}"));
    }
    let mut class = classify(&c.rel, &head);
    if let Some((_, kind)) = opts.kind_overrides.iter().find(|(g, _)| g.is_match(&c.rel)) {
        class = forced(*kind, gz);
    }
    match class {
        Class::Unknown { reason } => {
            if head.is_empty() {
                outcome(c, None, FileStatus::Skipped, "empty file")
            } else if looks_binary(&head) {
                outcome(c, None, FileStatus::Skipped, "binary file")
            } else {
                outcome(c, None, FileStatus::Skipped, reason)
            }
        }
        Class::Log { kind, .. } => {
            let chained = BufReader::with_capacity(256 << 10, std::io::Cursor::new(head).chain(reader));
            process_log(c, kind, chained, rules, opts)
        }
        Class::Config { syntax, kind } => {
            if looks_binary(&head) {
                return outcome(c, kind, FileStatus::Skipped, "binary file (NUL bytes in the first 64 KiB)");
            }
            if c.size > opts.max_config_bytes {
                let mut o = outcome(
                    c,
                    kind,
                    FileStatus::Error,
                    format!(
                        "config file is {} bytes, over the {} byte limit; not parsed",
                        c.size, opts.max_config_bytes
                    ),
                );
                o.partials = kind.map(|k| errored_for(rules, k)).unwrap_or_default();
                return o;
            }
            let mut bytes = head;
            if let Err(e) = reader.read_to_end(&mut bytes) {
                return outcome(c, kind, FileStatus::Error, format!("cannot read: {e}"));
            }
            process_config(c, syntax, kind, bytes, rules, opts)
        }
    }
}

fn forced(kind: Kind, gzip: bool) -> Class {
    if kind.is_log() {
        return Class::Log { kind, gzip };
    }
    let syntax = match kind {
        Kind::Terraform | Kind::VaultPolicy => Syntax::Hcl,
        Kind::SshdConfig => Syntax::Sshd,
        Kind::Sudoers => Syntax::Sudoers,
        Kind::PgHba => Syntax::PgHba,
        Kind::PostgresqlConf => Syntax::PgConf,
        Kind::FluentBit => Syntax::FluentBit,
        Kind::Rsyslog => Syntax::Rsyslog,
        Kind::IamPolicy | Kind::GenericJson | Kind::EntraExport => Syntax::Json,
        _ => Syntax::Yaml,
    };
    Class::Config { syntax, kind: Some(kind) }
}

fn looks_binary(head: &[u8]) -> bool {
    head.iter().take(8192).any(|b| *b == 0)
}

fn process_config(
    c: &Candidate,
    syntax: Syntax,
    kind: Option<Kind>,
    bytes: Vec<u8>,
    rules: &RuleSet,
    opts: &FileOptions,
) -> FileOutcome {
    let text = match String::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]);
            let pos = LineIndex::new(&prefix).pos(valid);
            let guessed = kind.or_else(|| guess_kind(&prefix));
            let mut o = outcome(
                c,
                guessed,
                FileStatus::Error,
                format!("invalid UTF-8 at line {} column {}; not parsed", pos.line, pos.column),
            );
            o.diagnostics[0].line = Some(pos.line);
            o.partials = guessed.map(|k| errored_for(rules, k)).unwrap_or_default();
            return o;
        }
    };
    // An empty YAML/JSON file holds nothing; an empty sshd_config or sudoers is a real, all-defaults
    // config and is parsed like any other.
    if matches!(syntax, Syntax::Yaml | Syntax::Json) && text.trim().is_empty() {
        return outcome(c, kind, FileStatus::Skipped, "empty file");
    }
    let is_k8s_yaml =
        syntax == Syntax::Yaml && text.get(..text.len().min(HEAD_BYTES)).is_some_and(|h| h.contains("apiVersion:"));
    let out = parse::parse(syntax, &text, YamlOptions { yaml_1_1_booleans: is_k8s_yaml });
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    for p in &out.problems {
        diagnostics.push(Diagnostic {
            level: Level::Error,
            path: c.rel.clone(),
            line: p.line,
            message: p.message.clone(),
        });
    }
    for p in &out.warnings {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            path: c.rel.clone(),
            line: p.line,
            message: p.message.clone(),
        });
    }
    let docs: Vec<Document> = out
        .documents
        .into_iter()
        .enumerate()
        .map(|(ordinal, mut d)| {
            let kind = kind.unwrap_or_else(|| refine(&c.rel, &d.tree));
            crate::normalise::normalise(kind, &mut d.tree, &mut d.spans);
            Document { kind, path: c.rel.clone(), ordinal, tree: d.tree, spans: d.spans }
        })
        .collect();
    let file_kind =
        docs.first()
            .map(|d| d.kind)
            .or(kind)
            .or_else(|| if out.problems.is_empty() { None } else { guess_kind(&text) });
    let lines = LineIndex::new(&text);
    let src = Source { text: &text, lines: &lines, redact: opts.redact };
    let kinds: BTreeSet<Kind> = docs.iter().map(|d| d.kind).chain(file_kind).collect();
    let failed = !out.problems.is_empty();
    let mut partials = Vec::new();
    let mut used = Vec::new();
    for (i, rule) in rules.rules.iter().enumerate() {
        let RuleBody::Documents(check) = &rule.body else { continue };
        if !kinds.iter().any(|k| rule.applies_to_kind(*k)) {
            continue;
        }
        let mut p = Partial { files: 1, errored: u64::from(failed), ..Partial::default() };
        for doc in docs.iter().filter(|d| rule.applies_to_kind(d.kind)) {
            eval_document(rule, check, doc, &src, &mut p);
        }
        if p.instances > 0 {
            used.push(rule.id.clone());
        }
        partials.push((i, p));
    }
    let status = if failed { FileStatus::Error } else { FileStatus::Parsed };
    let reason = match (failed, docs.is_empty()) {
        (true, true) => Some(format!("does not parse: {}", first_problem(&out.problems))),
        (true, false) => {
            Some(format!("partly parsed ({} document(s) read): {}", docs.len(), first_problem(&out.problems)))
        }
        (false, true) => Some("no documents (empty or comments only)".to_string()),
        (false, false) => None,
    };
    FileOutcome {
        entry: InventoryEntry {
            path: c.rel.clone(),
            kind: file_kind,
            status,
            reason,
            documents: docs.len() as u64,
            events: 0,
            bytes: c.size,
            rules: used,
        },
        diagnostics,
        partials,
        log: None,
    }
}

fn first_problem(problems: &[parse::ParseProblem]) -> String {
    problems.first().map_or_else(String::new, |p| match p.line {
        Some(l) => format!("line {l}: {}", p.message),
        None => p.message.clone(),
    })
}

/// For a file that failed to parse: is it recognisably Kubernetes YAML?
fn guess_kind(text: &str) -> Option<Kind> {
    let head = text.get(..text.len().min(HEAD_BYTES)).unwrap_or("");
    (head.contains("apiVersion:") && head.contains("kind:")).then_some(Kind::K8s)
}

fn process_log(
    c: &Candidate,
    kind: Kind,
    reader: impl std::io::BufRead,
    rules: &RuleSet,
    opts: &FileOptions,
) -> FileOutcome {
    let applicable: Vec<usize> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_log_rule() && r.applies_to_kind(kind))
        .map(|(i, _)| i)
        .collect();
    let mut partials: Vec<(usize, Partial)> =
        applicable.iter().map(|&i| (i, Partial { files: 1, ..Partial::default() })).collect();
    let result = logs::stream(kind, reader, |line, raw, ev| {
        for (i, p) in &mut partials {
            if let RuleBody::Events(check) = &rules.rules[*i].body {
                eval_event(&rules.rules[*i], check, &EventRef { path: &c.rel, line, raw, event: ev }, opts.redact, p);
            }
        }
    });
    let mut diagnostics = Vec::new();
    let (status, reason, stats) = match result {
        Ok(stats) => {
            for (line, why) in &stats.samples {
                diagnostics.push(Diagnostic {
                    level: Level::Warning,
                    path: c.rel.clone(),
                    line: u32::try_from(*line).ok().filter(|l| *l > 0),
                    message: format!("unparsed log line: {why}"),
                });
            }
            let reason =
                (stats.unparsed > 0).then(|| format!("{} of {} lines did not parse", stats.unparsed, stats.lines));
            (FileStatus::Parsed, reason, stats)
        }
        Err(e) => {
            diagnostics.push(Diagnostic {
                level: Level::Error,
                path: c.rel.clone(),
                line: None,
                message: format!("read error: {e}"),
            });
            for (_, p) in &mut partials {
                p.errored = 1;
            }
            (FileStatus::Error, Some(format!("read error: {e}")), logs::LogStats::default())
        }
    };
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
    }
}
