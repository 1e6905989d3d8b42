//! The report: `report.json` is the source of truth (DESIGN.md §8) and every other format is
//! rendered from this same value, so they cannot drift apart. Field names are a public contract;
//! add freely, rename only with a `schema_version` bump.

pub mod chart;
pub mod detail;
pub mod diff;
pub mod html;
pub mod inputs;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod privileges;
pub mod relation;
pub mod sarif;
pub mod scopes;
pub mod summary;
pub mod text;
pub mod view;

use crate::config::Attestation;
use crate::finding::Finding;
use crate::kind::Kind;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use crate::scan::{Diagnostic, InventoryEntry};
use crate::score::PillarScore;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub const SCHEMA_VERSION: &str = "1.0";

impl Report {
    /// Redact secrets from every scanned string the report carries: finding messages, evidence
    /// and resource names, diagnostics, inventory reasons and privilege entries. Idempotent.
    ///
    /// `values_redacted`: the messages were rendered with each scanned value already redacted (a
    /// fresh scan), so only context-free patterns apply to them; otherwise (a report written with
    /// `--no-redact`) the full heuristics run over the whole message.
    pub fn redact_secrets(&mut self, values_redacted: bool) {
        use crate::redact::{redact, redact_message};
        for f in &mut self.findings {
            f.message = if values_redacted { redact_message(&f.message) } else { redact(&f.message) };
            f.resource = redact(&f.resource);
            f.evidence = f.evidence.as_deref().map(redact);
        }
        for d in &mut self.diagnostics {
            d.message = redact(&d.message);
        }
        // Inline waivers were read from scanned files; the assessment file's are the assessor's.
        for w in self.waivers.iter_mut().filter(|w| w.source.as_ref().is_some_and(|s| s.kind == WaiverOrigin::Inline)) {
            w.reason = redact(&w.reason);
            w.owner = redact(&w.owner);
        }
        for f in &mut self.findings {
            if let Some(w) = f.waived_by.as_mut().filter(|w| w.source.kind == WaiverOrigin::Inline) {
                w.reason = redact(&w.reason);
                w.owner = redact(&w.owner);
                f.waiver = f.waiver.as_deref().map(redact);
            }
        }
        for e in &mut self.inventory {
            e.reason = e.reason.as_deref().map(redact);
        }
        let all = |v: &mut Vec<String>| v.iter_mut().for_each(|s| *s = redact(s));
        for p in &mut self.privileges {
            p.principal = redact(&p.principal);
            p.grant = redact(&p.grant);
            p.scope = redact(&p.scope);
            p.basis = redact(&p.basis);
            p.window = p.window.as_deref().map(redact);
            all(&mut p.used);
            all(&mut p.unused);
            all(&mut p.members);
        }
        for u in &mut self.privilege_usage.unlisted {
            u.principal = redact(&u.principal);
            u.note = redact(&u.note);
            u.host = u.host.as_deref().map(redact);
            all(&mut u.admin_actions);
        }
        self.assessment.redacted = true;
    }
}

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
    /// Privilege use seen in the logs beyond the inventory's own entries.
    #[serde(default)]
    pub privilege_usage: PrivilegeUsage,
    pub log_sources: Vec<LogSource>,
    pub waivers: Vec<WaiverStatus>,
    pub attestations: Vec<Attestation>,
    pub diagnostics: Vec<Diagnostic>,
    /// How far the scan trusted waivers and attestations.
    #[serde(default)]
    pub gate: GateRecord,
    /// What each stage of each function means (the catalog's paraphrases), so a report can be
    /// re-rendered and read without the rules it was made with.
    #[serde(default)]
    pub catalog: ReportCatalog,
    /// The scans a merged report (`ztmm merge`) was made from, by scope name; absent from a
    /// single scan's report.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub scopes: Vec<scopes::Scope>,
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
    /// Scope globs from the assessment file.
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The assessment file's logo as a `data:` URI (PNG, JPEG or SVG), for the report cover.
    #[serde(default)]
    pub logo: Option<String>,
    /// Whether secrets were redacted from evidence, messages and resource names (false when
    /// unknown, so that re-rendering an older report redacts it again).
    #[serde(default)]
    pub redacted: bool,
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
    /// Indicators whose log samples contradict a passing config rule in this scan (each blocks
    /// its stage).
    #[serde(default)]
    pub contradictions: u64,
    /// Indicators whose log samples agree with the config rules they check.
    #[serde(default)]
    pub corroborations: u64,
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
    /// Indicator rules: a failure blocks the rule's stage (`blocks: true` in the rule).
    #[serde(default)]
    pub blocks: bool,
    /// How much a pass says (`high`, `medium`, `partial`), so `ztmm merge` can rescore. Absent
    /// from reports written before the field existed: the loader's default for the stage applies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<crate::rules::model::Confidence>,
    pub applies_to: Vec<Kind>,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
    /// A config rule: the indicators whose log samples contradict its pass in this scan (the
    /// verdict stands; the indicators block instead).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicted_by: Vec<String>,
    /// A config rule: the indicators whose log samples agree with its verdict in this scan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corroborated_by: Vec<String>,
    /// An indicator: the config rules whose claim its failures contradict in this scan (so it
    /// blocks its stage).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub contradicts: Vec<String>,
    /// An indicator: the config rules it agrees with in this scan.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub corroborates: Vec<String>,
    /// Why the verdict is not what the findings alone suggest (a log rule that found nothing in
    /// too small a sample is `no_evidence`, not `pass`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
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

/// One admin-level grant of the standing-privilege inventory (see `src/privileges/`).
#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Privilege {
    /// `User:alice`, `Group:ops`, `ServiceAccount:ns/name`, `iam-user:name`, `iam-group:name`,
    /// `iam-role:name`, `sso-permission-set:name`, `iam-policy:name`, `user:name`, `group:%name`,
    /// `postgres:user@database (from)`, `policy:name` (Vault), `teleport-role:name`.
    pub principal: String,
    /// The line that makes the grant.
    pub source: SourceRef,
    pub grant: String,
    pub scope: String,
    /// Held permanently (no expiry, no request step).
    pub standing: bool,
    /// A just-in-time path to the same privilege exists in the scan.
    pub jit_path: bool,
    /// Distinct actions the principal was seen doing in the logs (sorted, capped).
    pub used: Vec<String>,
    /// Granted actions (enumerable grants only) never seen in the logs' window.
    pub unused: Vec<String>,
    pub system: crate::privileges::System,
    /// Why `standing` and `jit_path` are what they are.
    #[serde(default)]
    pub basis: String,
    /// False when the grant's content is defined outside the scan (an attached policy not in it).
    #[serde(default = "yes")]
    pub resolved: bool,
    /// Members of a group principal, as resolved in the scan.
    #[serde(default)]
    pub members: Vec<String>,
    /// Which logs `used`/`unused` come from and over what time, or why usage is unknown.
    #[serde(default)]
    pub window: Option<String>,
}

fn yes() -> bool {
    true
}

/// What the logs showed about privilege use as a whole.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct PrivilegeUsage {
    /// Logs whose events were matched against the inventory.
    pub logs: Vec<String>,
    /// Distinct principals seen acting.
    pub principals: u64,
    /// Set when a memory cap dropped principals or actions.
    pub capped: Option<String>,
    /// Principals seen doing admin-level actions that no inventory entry covers.
    pub unlisted: Vec<UnlistedPrincipal>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct UnlistedPrincipal {
    pub system: crate::privileges::System,
    pub principal: String,
    /// The host, for sudo.
    pub host: Option<String>,
    pub events: u64,
    /// A sample of the admin-level actions seen (sorted).
    pub admin_actions: Vec<String>,
    pub note: String,
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
    /// Lines or records that did not parse (or were skipped for their size).
    #[serde(default)]
    pub unparsed: u64,
    /// Seconds between the earliest and latest timestamp.
    #[serde(default)]
    pub window_seconds: Option<i64>,
    /// `ecs` or `ocsf` when most events of a generic JSON log follow that schema.
    #[serde(default)]
    pub schema: Option<String>,
    /// Grades per audit question, timestamps, structure and volume, judged against what the
    /// source's format can emit, and overall.
    #[serde(default)]
    pub grade: Option<crate::logs::grade::LogGrades>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WaiverState {
    /// Unexpired and applied: the findings it covers are `waived`.
    Active,
    /// Past its expiry date: its findings count as failures again.
    Expired,
    /// Covers no failing finding.
    Unmatched,
    /// Expires further ahead than the scan's `max_waiver_days` allows: waives nothing.
    Rejected,
    /// An inline directive in a scan that does not accept them: waives nothing.
    Refused,
}

impl WaiverState {
    pub fn id(self) -> &'static str {
        match self {
            WaiverState::Active => "active",
            WaiverState::Expired => "expired",
            WaiverState::Unmatched => "unmatched",
            WaiverState::Rejected => "rejected",
            WaiverState::Refused => "refused",
        }
    }
}

/// Where a waiver was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum WaiverOrigin {
    /// The assessment file's `waivers:` list.
    Config,
    /// A `ztmm:ignore` comment in a scanned file.
    Inline,
}

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaiverSource {
    pub kind: WaiverOrigin,
    /// The assessment file, or the scanned file holding the directive.
    pub path: String,
    pub line: Option<u32>,
}

impl WaiverSource {
    /// `path:line`, or the path alone.
    pub fn at(&self) -> String {
        self.line.map_or_else(|| self.path.clone(), |l| format!("{}:{l}", self.path))
    }
}

/// The waiver covering a finding, as the finding carries it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaiverRef {
    pub source: WaiverSource,
    pub reason: String,
    /// Empty when an inline directive names no owner.
    pub owner: String,
    pub expires: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct WaiverStatus {
    pub rule_id: String,
    /// Path glob and resource the waiver covers (`*` when unrestricted); for an inline waiver,
    /// `path:line` of the covered line or `path (whole file)`.
    pub scope: String,
    pub reason: String,
    /// Empty when an inline directive names no owner.
    pub owner: String,
    pub expires: String,
    pub status: WaiverState,
    /// Findings it covers (or would cover, when not active).
    pub findings: u64,
    /// Where it was written (absent in reports from before inline waivers).
    #[serde(default)]
    pub source: Option<WaiverSource>,
    /// Why it is not active: expired, rejected, refused or unmatched.
    #[serde(default)]
    pub status_reason: Option<String>,
}

/// The trust settings a scan ran with (DESIGN.md §6 gate settings).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct GateRecord {
    /// `--accept-attestations`: the CI gate counted attested stages and rules.
    pub attestations_accepted: bool,
    /// `ztmm:ignore` directives in scanned files could waive findings.
    pub inline_waivers: bool,
    /// Waivers expiring further ahead than this many days after the scan were rejected.
    pub max_waiver_days: Option<u32>,
}

impl Default for GateRecord {
    fn default() -> Self {
        GateRecord { attestations_accepted: false, inline_waivers: true, max_waiver_days: None }
    }
}

/// The function catalog as carried in the report: names and stage paraphrases.
#[derive(Debug, Clone, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct ReportCatalog {
    /// The text the paraphrases are based on (CISA ZTMM v2.0).
    pub source: String,
    pub pillars: Vec<CatalogPillarText>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct CatalogPillarText {
    pub id: Pillar,
    pub name: String,
    pub description: String,
    pub functions: Vec<FunctionText>,
}

#[derive(Debug, Clone, Serialize, Deserialize, schemars::JsonSchema)]
pub struct FunctionText {
    pub id: String,
    pub name: String,
    pub cisa_row: String,
    /// What each stage means for this function, in ztmm's words.
    pub stages: BTreeMap<Stage, String>,
    /// `full`, `partial` or `none`: how far files can evidence the function.
    pub evidence_from_files: String,
    /// Exports or records that would complete the evidence.
    pub needs: Vec<String>,
}

impl ReportCatalog {
    pub fn from_catalog(c: &crate::rules::Catalog) -> Self {
        ReportCatalog {
            source: c.source.clone(),
            pillars: c
                .pillars
                .iter()
                .map(|p| CatalogPillarText {
                    id: p.id,
                    name: p.name.clone(),
                    description: p.description.clone(),
                    functions: p
                        .functions
                        .iter()
                        .map(|f| FunctionText {
                            id: f.id.clone(),
                            name: f.name.clone(),
                            cisa_row: f.cisa_row.clone(),
                            stages: Stage::ALL.into_iter().map(|s| (s, f.stage_text(s).to_string())).collect(),
                            evidence_from_files: f.evidence_from_files.clone(),
                            needs: f.needs.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }
    }

    pub fn function(&self, id: &str) -> Option<&FunctionText> {
        self.pillars.iter().flat_map(|p| &p.functions).find(|f| f.id == id)
    }
}
