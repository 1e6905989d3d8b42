//! The report: `report.json` is the source of truth (DESIGN.md §8) and every other format is
//! rendered from this same value, so they cannot drift apart. Field names are a public contract;
//! add freely, rename only with a `schema_version` bump.

pub mod json;
pub mod text;

use crate::config::{Attestation, Waiver};
use crate::finding::Finding;
use crate::kind::Kind;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use crate::scan::{Diagnostic, InventoryEntry};
use crate::score::PillarScore;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: &str = "1.0";

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Report {
    pub schema_version: String,
    pub tool: Tool,
    pub assessment: Assessment,
    pub summary: Summary,
    pub pillars: Vec<PillarScore>,
    pub rules: Vec<RuleSummary>,
    pub findings: Vec<Finding>,
    pub inventory: Vec<InventoryEntry>,
    pub missing_inputs: Vec<MissingInput>,
    pub privileges: Vec<Privilege>,
    pub log_sources: Vec<LogSource>,
    pub waivers: Vec<WaiverStatus>,
    pub attestations: Vec<Attestation>,
    pub diagnostics: Vec<Diagnostic>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Tool {
    pub name: String,
    pub version: String,
    pub rules_digest: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Assessment {
    pub client: Option<String>,
    pub assessor: Option<String>,
    pub title: Option<String>,
    pub roots: Vec<String>,
    /// RFC 3339.
    pub started_at: String,
    pub duration_ms: u64,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Summary {
    /// The lowest stage among assessed pillars and cross-cutting capabilities; null when nothing
    /// could be assessed.
    pub overall_stage: Option<Stage>,
    /// The same with every unknown counted as a pass.
    pub overall_potential: Option<Stage>,
    /// Stage-weighted share (0–100) of applicable requirements met: a trend line, not a CISA stage.
    pub maturity_index: f64,
    pub counts: Counts,
    pub files: u64,
    pub documents: u64,
    pub events: u64,
    /// Functions assessed / functions in the catalog.
    pub coverage: f64,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Counts {
    /// Unwaived failing findings by severity.
    pub by_severity: BTreeMap<Severity, u64>,
    /// Rules by verdict.
    pub by_verdict: BTreeMap<Verdict, u64>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct RuleSummary {
    pub id: String,
    pub name: String,
    pub title: String,
    pub pillar: Pillar,
    pub function: String,
    pub stage: Stage,
    pub kind: RuleKind,
    pub severity: Severity,
    pub verdict: Verdict,
    /// Number of failing findings (passing observations are not counted).
    pub findings: u64,
    pub applies_to: Vec<Kind>,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct MissingInput {
    /// The input that is missing (an input kind or an export, e.g. "Okta policy export").
    pub kind: String,
    pub why: String,
    pub functions: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct SourceRef {
    pub path: String,
    pub line: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Privilege {
    pub principal: String,
    pub source: SourceRef,
    pub grant: String,
    pub scope: String,
    pub standing: bool,
    pub jit_path: bool,
    pub used: Vec<String>,
    pub unused: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Window {
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct LogSource {
    pub path: String,
    pub kind: Kind,
    pub events: u64,
    pub lines: u64,
    pub window: Option<Window>,
    /// Parsed lines / non-empty lines.
    pub parse_rate: f64,
    pub structured: bool,
    /// Share of events carrying each field; null until the log-quality analyzer fills it.
    pub coverage: Option<BTreeMap<String, f64>>,
    pub timestamp_precision: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WaiverState {
    Active,
    Expired,
    Unmatched,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaiverStatus {
    pub rule_id: String,
    /// Path glob and resource the waiver covers (`*` when unrestricted).
    pub scope: String,
    pub reason: String,
    pub owner: String,
    pub expires: String,
    pub status: WaiverState,
    /// Findings it covers (or would cover, when expired).
    pub findings: u64,
}

impl WaiverStatus {
    pub fn from_waiver(w: &Waiver, status: WaiverState, findings: u64) -> Self {
        let scope = match (&w.path, &w.resource) {
            (None, None) => "*".to_string(),
            (Some(p), None) => p.clone(),
            (None, Some(r)) => format!("resource {r}"),
            (Some(p), Some(r)) => format!("{p} (resource {r})"),
        };
        WaiverStatus {
            rule_id: w.rule.clone(),
            scope,
            reason: w.reason.clone(),
            owner: w.owner.clone(),
            expires: w.expires.clone(),
            status,
            findings,
        }
    }
}
