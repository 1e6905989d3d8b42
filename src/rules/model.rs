//! Validated rules and the function catalog: what the evaluator and the scorer work with.

use super::path::Path;
use super::predicate::Predicate;
use super::template::Template;
use crate::kind::Kind;
use crate::model::{Pillar, RuleKind, Severity, Stage, Verdict};
use serde::{Deserialize, Serialize};

/// How much a passing rule says: Optimal claims from static files are `partial` ("indicative").
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    Partial,
    Medium,
    High,
}

impl Confidence {
    /// A rule that does not say: Optimal claims are partial (static files cannot prove
    /// continuity), every other stage high — the same default the rule loader applies.
    pub fn default_for(stage: Stage) -> Confidence {
        if stage == Stage::Optimal {
            Confidence::Partial
        } else {
            Confidence::High
        }
    }

    pub fn weight(self) -> f64 {
        match self {
            Confidence::High => 1.0,
            Confidence::Medium => 0.7,
            Confidence::Partial => 0.4,
        }
    }
}

/// `all`: every instance must satisfy `require`; `any`: at least one must.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Expect {
    All,
    Any,
}

#[derive(Debug, Clone)]
pub struct DocumentCheck {
    pub documents: Option<Predicate>,
    pub each: Option<Path>,
    pub filter: Option<Predicate>,
    pub require: Option<Predicate>,
    pub expect: Expect,
    pub if_none: Verdict,
    pub resource: Option<Template>,
}

#[derive(Debug, Clone)]
pub enum EventExpect {
    Max(u64),
    Min(u64),
    MinRatio(f64),
}

#[derive(Debug, Clone)]
pub struct EventCheck {
    pub filter: Option<Predicate>,
    pub require: Option<Predicate>,
    pub expect: EventExpect,
    pub min_events: u64,
    pub resource: Option<Template>,
}

#[derive(Debug, Clone)]
pub enum RuleBody {
    Documents(Box<DocumentCheck>),
    Events(Box<EventCheck>),
}

/// A config rule an indicator checks (`contradicts:`), with where the reference was written so
/// a dangling one is reported at its line once every rule of the pack is known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRef {
    /// The rule id as written; the loader replaces an alias with the rule's own id.
    pub id: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
}

/// Where a rule came from: the embedded pack or a directory given with `--rules`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RuleSource {
    /// `builtin` or the pack directory.
    pub pack: String,
    /// The rule.yaml path within the pack, `/`-separated.
    pub file: String,
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub id: String,
    pub name: String,
    pub title: String,
    pub aliases: Vec<String>,
    pub pillar: Pillar,
    pub function: String,
    pub stage: Stage,
    pub kind: RuleKind,
    pub severity: Severity,
    pub applies_to: Vec<Kind>,
    pub missing: Verdict,
    pub needs: Option<String>,
    pub confidence: Confidence,
    pub blocks: bool,
    /// Indicators only: the config rules whose claim the log sample checks.
    pub contradicts: Vec<ClaimRef>,
    pub body: RuleBody,
    pub message: Template,
    pub pass_message: Option<Template>,
    pub rationale: String,
    pub remediation: String,
    pub references: Vec<String>,
    pub source: RuleSource,
    /// The rule.yaml text, for `rules explain` and the rules digest.
    pub text: String,
}

impl Rule {
    pub fn is_log_rule(&self) -> bool {
        matches!(self.body, RuleBody::Events(_))
    }

    pub fn applies_to_kind(&self, kind: Kind) -> bool {
        self.applies_to.contains(&kind)
    }
}

/// One function of the catalog.
#[derive(Debug, Clone, Serialize)]
pub struct Function {
    pub id: String,
    pub name: String,
    pub pillar: Pillar,
    pub cisa_row: String,
    pub note: Option<String>,
    /// Paraphrase of each stage, indexed by `Stage::rank()`.
    pub stages: [String; 4],
    pub evidence_from_files: String,
    pub needs: Vec<String>,
}

impl Function {
    pub fn stage_text(&self, s: Stage) -> &str {
        &self.stages[usize::from(s.rank())]
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct CatalogPillar {
    pub id: Pillar,
    pub name: String,
    pub cross_cutting: bool,
    pub description: String,
    pub functions: Vec<Function>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Catalog {
    pub source: String,
    pub pillars: Vec<CatalogPillar>,
}

impl Catalog {
    pub fn function(&self, id: &str) -> Option<&Function> {
        self.pillars.iter().flat_map(|p| &p.functions).find(|f| f.id == id)
    }

    pub fn functions(&self) -> impl Iterator<Item = &Function> {
        self.pillars.iter().flat_map(|p| &p.functions)
    }
}
