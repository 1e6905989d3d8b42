//! parse: bytes of one file → documents with spans. This is the only module that names the YAML,
//! JSON and HCL crates. Every parser returns what it could read *and* what it could not: a broken
//! document after a good one keeps the good one, and every problem carries a position when known.

use crate::document::SpanIndex;
use serde_json::Value;

pub mod fluentbit;
pub mod hcl;
pub mod json;
mod line_format;
pub mod pg_hba;
pub mod pgconf;
pub mod rsyslog;
pub mod sshd;
pub mod sudoers;
pub mod toml;
pub mod yaml;

/// The concrete syntax of a file, decided by classification. Several kinds share one syntax
/// (every `k8s`/`teleport`/`okta-export` file is YAML or JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Syntax {
    Yaml,
    Json,
    Hcl,
    Sshd,
    Sudoers,
    PgHba,
    PgConf,
    FluentBit,
    Rsyslog,
    Toml,
}

/// One document as a parser produced it, before it is tied to a path and kind.
#[derive(Debug, Clone)]
pub struct ParsedDoc {
    pub tree: Value,
    pub spans: SpanIndex,
}

/// A problem found while parsing. `line`/`column` are 1-based and only set when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseProblem {
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
}

impl ParseProblem {
    pub fn at(line: u32, column: u32, message: impl Into<String>) -> Self {
        Self { line: Some(line), column: Some(column), message: message.into() }
    }

    pub fn whole(message: impl Into<String>) -> Self {
        Self { line: None, column: None, message: message.into() }
    }
}

/// What a parser read. `problems` non-empty with `documents` non-empty means a partial parse.
/// `warnings` are for things that parsed but deserve a note (an `Include` that was not followed).
#[derive(Debug, Clone, Default)]
pub struct ParseOutput {
    pub documents: Vec<ParsedDoc>,
    pub problems: Vec<ParseProblem>,
    pub warnings: Vec<ParseProblem>,
}

impl ParseOutput {
    pub fn single(doc: ParsedDoc) -> Self {
        Self { documents: vec![doc], ..Self::default() }
    }

    pub fn failed(problem: ParseProblem) -> Self {
        Self { problems: vec![problem], ..Self::default() }
    }
}

/// Options that change how scalars are read. Kubernetes reads YAML 1.1, where `yes`/`on` are
/// booleans; everything else we scan reads YAML 1.2 core.
#[derive(Debug, Clone, Copy, Default)]
pub struct YamlOptions {
    pub yaml_1_1_booleans: bool,
}

/// Parse `text` as `syntax`.
pub fn parse(syntax: Syntax, text: &str, yaml: YamlOptions) -> ParseOutput {
    match syntax {
        Syntax::Yaml => yaml::parse(text, yaml),
        Syntax::Json => json::parse(text),
        Syntax::Hcl => hcl::parse(text),
        Syntax::Sshd => sshd::parse(text),
        Syntax::Sudoers => sudoers::parse(text),
        Syntax::PgHba => pg_hba::parse(text),
        Syntax::PgConf => pgconf::parse(text),
        Syntax::FluentBit => fluentbit::parse(text),
        Syntax::Rsyslog => rsyslog::parse(text),
        Syntax::Toml => toml::parse(text),
    }
}
