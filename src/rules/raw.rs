//! Rule files as written: serde structs with `deny_unknown_fields`, before validation. Everything
//! typed loosely here (strings for enums, raw values for predicates) so that validation can report
//! every problem of a pack at once, each at its file:line:col.

use serde::Deserialize;
use serde_json::Value;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRule {
    pub id: String,
    pub name: String,
    pub title: String,
    pub pillar: String,
    pub function: String,
    pub stage: String,
    pub kind: String,
    pub severity: String,
    pub applies_to: Vec<String>,
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Verdict when no input of `applies_to` is in scope: `not_applicable` (default) or `no_evidence`.
    #[serde(default)]
    pub missing: Option<String>,
    /// The input that would let this rule decide, shown in `missing_inputs`.
    #[serde(default)]
    pub needs: Option<String>,
    #[serde(default)]
    pub confidence: Option<String>,
    #[serde(default)]
    pub blocks: Option<bool>,
    /// Indicators only: the gate/evidence config rules whose claim this indicator's log sample
    /// checks (a failure with those rules passing is a contradiction, and blocks).
    #[serde(default)]
    pub contradicts: Vec<String>,
    #[serde(default)]
    pub check: Option<RawCheck>,
    #[serde(default)]
    pub events: Option<RawEvents>,
    pub message: String,
    #[serde(default)]
    pub pass_message: Option<String>,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCheck {
    /// Which documents are in scope, evaluated on the document root.
    #[serde(default)]
    pub documents: Option<Value>,
    /// Path from the document root to the instances to check; default: the root.
    #[serde(default)]
    pub each: Option<String>,
    /// Which instances are in scope.
    #[serde(rename = "where", default)]
    pub filter: Option<Value>,
    /// What each instance must satisfy; default: always true (the instance itself is the evidence).
    #[serde(default)]
    pub require: Option<Value>,
    /// `all` (every instance satisfies `require`) or `any` (at least one does).
    #[serde(default)]
    pub expect: Option<String>,
    /// Verdict when no instance is in scope although inputs of the kind exist.
    #[serde(default)]
    pub if_none: Option<String>,
    /// Template naming the resource of an instance; default derived from the document.
    #[serde(default)]
    pub resource: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawEvents {
    /// Which events count; default: all events of the rule's kinds.
    #[serde(rename = "where", default)]
    pub filter: Option<Value>,
    /// With `min_ratio`: what a counted event must satisfy.
    #[serde(default)]
    pub require: Option<Value>,
    /// Pass when at most this many events match.
    #[serde(default)]
    pub max: Option<u64>,
    /// Pass when at least this many events match.
    #[serde(default)]
    pub min: Option<u64>,
    /// Pass when at least this share of counted events satisfy `require`.
    #[serde(default)]
    pub min_ratio: Option<f64>,
    /// Fewer events of the rule's kinds than this gives `no_evidence` (default 1).
    #[serde(default)]
    pub min_events: Option<u64>,
    #[serde(default)]
    pub resource: Option<String>,
}

/// One pillar of `rules/functions.yaml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalog {
    pub version: u32,
    pub source: String,
    pub pillars: Vec<RawCatalogPillar>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogPillar {
    pub id: String,
    pub name: String,
    pub kind: String,
    pub description: String,
    pub functions: Vec<RawCatalogFunction>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCatalogFunction {
    pub id: String,
    pub name: String,
    pub cisa_row: String,
    #[serde(default)]
    pub note: Option<String>,
    pub stages: RawStages,
    pub evidence_from_files: String,
    #[serde(default)]
    pub needs: Vec<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawStages {
    pub traditional: String,
    pub initial: String,
    pub advanced: String,
    pub optimal: String,
}
