//! The per-file half of the pipeline: read once → classify → parse or stream → evaluate. Files run
//! in parallel (rayon); each yields an inventory entry, diagnostics and per-rule partials, merged
//! afterwards in path order so the result is deterministic and memory holds findings, not trees.

mod log;

use crate::classify::{classify, refine, Class};
use crate::discover::Candidate;
use crate::document::{Document, LineIndex};
use crate::kind::Kind;
use crate::logs;
use crate::parse::{self, Syntax, YamlOptions};
use crate::rules::eval::{eval_document, Partial, Source};
use crate::rules::model::RuleBody;
use crate::rules::RuleSet;
use globset::GlobSet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;
use std::io::{BufReader, Read};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

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
    /// Per rule (by index): the scan already holds every pass sample it keeps from the files
    /// merged so far. Files are merged in path order and a file being processed comes after all
    /// of them, so its own passes would be dropped: they are counted, not written up.
    pub passes_full: Arc<[AtomicBool]>,
}

impl FileOptions {
    fn passes_full(&self, rule: usize) -> bool {
        self.passes_full.get(rule).is_some_and(|f| f.load(Ordering::Acquire))
    }
}

impl Default for FileOptions {
    fn default() -> Self {
        FileOptions {
            max_config_bytes: DEFAULT_MAX_CONFIG_BYTES,
            redact: true,
            kind_overrides: Vec::new(),
            passes_full: Arc::new([]),
        }
    }
}

/// Everything one file contributed.
#[derive(Debug)]
pub struct FileOutcome {
    pub entry: InventoryEntry,
    pub diagnostics: Vec<Diagnostic>,
    pub partials: Vec<(usize, Partial)>,
    pub log: Option<logs::LogStats>,
    /// What a config contributes to the standing-privilege inventory.
    pub privileges: crate::privileges::FileFacts,
    /// What a log showed principals doing (logs whose events name principals only).
    pub usage: Option<crate::privileges::UsageAcc>,
    /// `ztmm:ignore` directives found in a config's comments (never in logs).
    pub inline_waivers: Vec<crate::waivers::InlineWaiver>,
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
        privileges: crate::privileges::FileFacts::default(),
        usage: None,
        inline_waivers: Vec::new(),
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
    let forced_kind = opts.kind_overrides.iter().find(|(g, _)| g.is_match(&c.rel)).map(|(_, k)| *k);
    let file = match std::fs::File::open(&c.abs) {
        Ok(f) => f,
        Err(e) => return unreadable(c, forced_kind, rules, format!("cannot open: {e}")),
    };
    let gz = c.rel.to_ascii_lowercase().ends_with(".gz");
    let mut reader: Box<dyn Read + Send> =
        if gz { Box::new(Gunzip(flate2::read::MultiGzDecoder::new(BufReader::new(file)))) } else { Box::new(file) };
    let mut head = Vec::with_capacity(HEAD_BYTES.min(usize::try_from(c.size).unwrap_or(HEAD_BYTES)));
    let head_error = (&mut reader).take(HEAD_BYTES as u64).read_to_end(&mut head).err();
    let class = match forced_kind {
        Some(kind) => crate::classify::forced(kind, gz),
        None => classify(&c.rel, &head),
    };
    if let Some(e) = head_error {
        if head.is_empty() || !matches!(class, Class::Log { .. }) {
            return unreadable(c, forced_kind, rules, format!("cannot read: {e}"));
        }
        // Keep what was read (a log cut off mid-write still has its first events); the error
        // comes back where the rest would have been read.
        reader = Box::new(Failed(Some(e)));
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
            log::process_log(c, kind, chained, rules, opts)
        }
        Class::Config { syntax, kind } => {
            if let Some((why, line)) = not_text(&head) {
                // Named like a config but unreadable as one: an error, never a silent skip, and the
                // rules of its kind are told (a missing sshd_config must not read as "no sshd").
                let named = kind.map_or_else(|| "a config file".to_string(), |k| format!("a {k} file"));
                let mut o = unreadable(c, kind, rules, format!("{why} in {named}; not parsed"));
                o.diagnostics[0].line = line;
                return o;
            }
            let too_big = |size: u64| {
                format!("config file is {size} bytes, over the {} byte limit; not parsed", opts.max_config_bytes)
            };
            if c.size > opts.max_config_bytes {
                let kind = kind.or_else(|| guess_kind(&String::from_utf8_lossy(&head)));
                return unreadable(c, kind, rules, too_big(c.size));
            }
            // Read no more than the cap, whatever discovery saw (a file that grew, a gzip bomb).
            let mut bytes = head;
            let rest = opts.max_config_bytes.saturating_add(1).saturating_sub(bytes.len() as u64);
            if let Err(e) = reader.take(rest).read_to_end(&mut bytes) {
                return unreadable(c, kind, rules, format!("cannot read: {e}"));
            }
            if bytes.len() as u64 > opts.max_config_bytes {
                return unreadable(c, kind, rules, too_big(bytes.len() as u64));
            }
            process_config(c, syntax, kind, bytes, rules, opts)
        }
    }
}

/// A file that could not be read (or not as its name says): an `error` with a diagnostic, and
/// every rule of its kind (known, or guessed from the name alone) learns that an input failed.
fn unreadable(c: &Candidate, kind: Option<Kind>, rules: &RuleSet, reason: String) -> FileOutcome {
    let kind = kind.or_else(|| match classify(&c.rel, &[]) {
        Class::Config { kind, .. } => kind,
        _ => None,
    });
    let mut o = outcome(c, kind, FileStatus::Error, reason);
    o.partials = kind.map(|k| errored_for(rules, k)).unwrap_or_default();
    o
}

/// A gzip decoder whose errors say that they are about gzip.
struct Gunzip<R>(R);

impl<R: Read> Read for Gunzip<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        self.0.read(buf).map_err(|e| std::io::Error::new(e.kind(), format!("gzip: {e}")))
    }
}

/// A reader that fails once with a stored error, then reads as empty.
struct Failed(Option<std::io::Error>);

impl Read for Failed {
    fn read(&mut self, _: &mut [u8]) -> std::io::Result<usize> {
        self.0.take().map_or(Ok(0), Err)
    }
}

fn looks_binary(head: &[u8]) -> bool {
    head.iter().take(8192).any(|b| *b == 0)
}

/// Why a config's first bytes are not UTF-8 text, with the line of the first NUL byte.
fn not_text(head: &[u8]) -> Option<(String, Option<u32>)> {
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Some(("UTF-16 text (byte-order mark); only UTF-8 is read: convert the file".into(), Some(1)));
    }
    let at = head.iter().take(8192).position(|b| *b == 0)?;
    let line = memchr::memchr_iter(b'\n', &head[..at]).count() + 1;
    Some((format!("binary content (NUL byte at offset {at})"), u32::try_from(line).ok()))
}

/// A config's documents as rules see them, and what parsing reported (`output.documents` is empty:
/// the documents are moved out, tied to their path and kind, and normalised). Shared by the scan
/// and `ztmm inspect`, so what `inspect` shows is exactly what rule paths select.
pub struct ParsedFile {
    pub documents: Vec<Document>,
    pub output: parse::ParseOutput,
}

pub fn parse_documents(rel: &str, syntax: Syntax, kind: Option<Kind>, text: &str) -> ParsedFile {
    // Kubernetes reads YAML 1.1 (`yes` is true): decided from the head, like classification.
    let is_k8s_yaml =
        syntax == Syntax::Yaml && text.get(..text.len().min(HEAD_BYTES)).is_some_and(|h| h.contains("apiVersion:"));
    let mut output = parse::parse(syntax, text, YamlOptions { yaml_1_1_booleans: is_k8s_yaml });
    let documents = std::mem::take(&mut output.documents)
        .into_iter()
        .enumerate()
        .map(|(ordinal, mut d)| {
            let kind = kind.unwrap_or_else(|| refine(rel, &d.tree));
            crate::normalise::normalise(kind, &mut d.tree, &mut d.spans);
            Document { kind, path: rel.to_string(), ordinal, tree: d.tree, spans: d.spans }
        })
        .collect();
    ParsedFile { documents, output }
}

fn process_config(
    c: &Candidate,
    syntax: Syntax,
    kind: Option<Kind>,
    bytes: Vec<u8>,
    rules: &RuleSet,
    opts: &FileOptions,
) -> FileOutcome {
    // Invalid UTF-8 (a Latin-1 comment, a stray byte) is reported at its line:column, and the rest
    // is still read with U+FFFD in its place: the documents around it are kept, and the file is an
    // `error` so that no rule can pass on it.
    let (text, bad_utf8) = match String::from_utf8(bytes) {
        Ok(t) => (t, None),
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            (text, Some(valid))
        }
    };
    // An empty YAML/JSON file holds nothing; an empty sshd_config or sudoers is a real, all-defaults
    // config and is parsed like any other.
    if matches!(syntax, Syntax::Yaml | Syntax::Json) && text.trim().is_empty() {
        return outcome(c, kind, FileStatus::Skipped, "empty file");
    }
    let parsed = parse_documents(&c.rel, syntax, kind, &text);
    let mut out = parsed.output;
    let docs = parsed.documents;
    let lines = LineIndex::new(&text);
    if let Some(offset) = bad_utf8 {
        let pos = lines.pos(offset);
        let msg = format!(
            "invalid UTF-8 at line {} column {} (read with U+FFFD in place of the bad bytes)",
            pos.line, pos.column
        );
        out.problems.insert(0, parse::ParseProblem::at(pos.line, pos.column, msg));
    }
    // Directives come from the text already read; a file that failed to parse can still carry them.
    let (inline_waivers, mut diagnostics) = crate::waivers::collect(&c.rel, syntax, &text, rules);
    for (level, problems) in [(Level::Error, &out.problems), (Level::Warning, &out.warnings)] {
        for p in problems {
            diagnostics.push(Diagnostic {
                level: level.clone(),
                path: c.rel.clone(),
                line: p.line,
                message: p.message.clone(),
            });
        }
    }
    let file_kind =
        docs.first()
            .map(|d| d.kind)
            .or(kind)
            .or_else(|| if out.problems.is_empty() { None } else { guess_kind(&text) });
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
        let mut p =
            Partial { files: 1, errored: u64::from(failed), passes_full: opts.passes_full(i), ..Partial::default() };
        for doc in docs.iter().filter(|d| rule.applies_to_kind(d.kind)) {
            eval_document(rule, check, doc, &src, &mut p);
        }
        if p.instances > 0 {
            used.push(rule.id.clone());
        }
        partials.push((i, p));
    }
    let privileges = crate::privileges::extract(&docs);
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
        privileges,
        usage: None,
        inline_waivers,
    }
}

fn first_problem(problems: &[parse::ParseProblem]) -> String {
    problems.first().map_or_else(String::new, |p| match p.line {
        Some(l) => format!("line {l}: {}", p.message),
        None => p.message.clone(),
    })
}

/// For a file that failed to parse (or was not parsed): is it recognisably Kubernetes YAML or
/// JSON, an IAM policy or a CloudFormation template? Then its rules learn that an input failed.
fn guess_kind(text: &str) -> Option<Kind> {
    let mut end = text.len().min(HEAD_BYTES);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let head = text.get(..end).unwrap_or("");
    let has = |yaml: &str, json: &str| head.contains(yaml) || head.contains(json);
    if has("AWSTemplateFormatVersion", "AWSTemplateFormatVersion") {
        Some(Kind::Cloudformation)
    } else if has("apiVersion:", "\"apiVersion\"") && has("kind:", "\"kind\"") {
        Some(Kind::K8s)
    } else if has("Statement:", "\"Statement\"") && has("Effect", "\"Effect\"") {
        Some(Kind::IamPolicy)
    } else {
        None
    }
}
