//! The closed vocabularies of the maturity model: stages, pillars, severities, verdicts and rule
//! kinds. Every id here is part of the public report contract (DESIGN.md §3, §5), so the serde names
//! are the lowercase ids used in data and must not change without a schema version bump.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A CISA ZTMM maturity stage, ordered from least to most mature.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    Traditional,
    Initial,
    Advanced,
    Optimal,
}

impl Stage {
    pub const ALL: [Stage; 4] = [Stage::Traditional, Stage::Initial, Stage::Advanced, Stage::Optimal];

    pub fn id(self) -> &'static str {
        match self {
            Stage::Traditional => "traditional",
            Stage::Initial => "initial",
            Stage::Advanced => "advanced",
            Stage::Optimal => "optimal",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Stage::Traditional => "Traditional",
            Stage::Initial => "Initial",
            Stage::Advanced => "Advanced",
            Stage::Optimal => "Optimal",
        }
    }

    /// 0 for Traditional up to 3 for Optimal.
    pub fn rank(self) -> u8 {
        self as u8
    }

    pub fn next(self) -> Option<Stage> {
        match self {
            Stage::Traditional => Some(Stage::Initial),
            Stage::Initial => Some(Stage::Advanced),
            Stage::Advanced => Some(Stage::Optimal),
            Stage::Optimal => None,
        }
    }

    pub fn parse(s: &str) -> Option<Stage> {
        Stage::ALL.into_iter().find(|st| st.id().eq_ignore_ascii_case(s))
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.label())
    }
}

/// The five pillars and the three cross-cutting capabilities. Cross-cutting capabilities are
/// scored like pillars and shown beside them, never folded into one (DESIGN.md §3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Pillar {
    Identity,
    Devices,
    Networks,
    Applications,
    Data,
    Visibility,
    Automation,
    Governance,
}

impl Pillar {
    pub const ALL: [Pillar; 8] = [
        Pillar::Identity,
        Pillar::Devices,
        Pillar::Networks,
        Pillar::Applications,
        Pillar::Data,
        Pillar::Visibility,
        Pillar::Automation,
        Pillar::Governance,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Pillar::Identity => "identity",
            Pillar::Devices => "devices",
            Pillar::Networks => "networks",
            Pillar::Applications => "applications",
            Pillar::Data => "data",
            Pillar::Visibility => "visibility",
            Pillar::Automation => "automation",
            Pillar::Governance => "governance",
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Pillar::Identity => "Identity",
            Pillar::Devices => "Devices",
            Pillar::Networks => "Networks",
            Pillar::Applications => "Applications & Workloads",
            Pillar::Data => "Data",
            Pillar::Visibility => "Visibility & Analytics",
            Pillar::Automation => "Automation & Orchestration",
            Pillar::Governance => "Governance",
        }
    }

    pub fn is_cross_cutting(self) -> bool {
        matches!(self, Pillar::Visibility | Pillar::Automation | Pillar::Governance)
    }

    pub fn parse(s: &str) -> Option<Pillar> {
        Pillar::ALL.into_iter().find(|p| p.id() == s)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Info,
    Low,
    Medium,
    High,
    Critical,
}

impl Severity {
    pub const ALL: [Severity; 5] =
        [Severity::Info, Severity::Low, Severity::Medium, Severity::High, Severity::Critical];

    pub fn id(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Low => "low",
            Severity::Medium => "medium",
            Severity::High => "high",
            Severity::Critical => "critical",
        }
    }

    pub fn parse(s: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|v| v.id() == s)
    }
}

/// The outcome of one rule over the whole scan (DESIGN.md §5). Exactly one per applicable rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Pass,
    Fail,
    Waived,
    NotApplicable,
    NoEvidence,
    Error,
}

impl Verdict {
    pub const ALL: [Verdict; 6] =
        [Verdict::Pass, Verdict::Fail, Verdict::Waived, Verdict::NotApplicable, Verdict::NoEvidence, Verdict::Error];

    pub fn id(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Waived => "waived",
            Verdict::NotApplicable => "not_applicable",
            Verdict::NoEvidence => "no_evidence",
            Verdict::Error => "error",
        }
    }

    /// Decided verdicts count toward confidence; unknowns do not.
    pub fn is_decided(self) -> bool {
        matches!(self, Verdict::Pass | Verdict::Fail | Verdict::Waived)
    }

    pub fn is_unknown(self) -> bool {
        matches!(self, Verdict::NoEvidence | Verdict::Error)
    }
}

/// What a rule contributes to scoring (DESIGN.md §5).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum RuleKind {
    /// A requirement: must pass (or be waived) for its stage and every stage above.
    Gate,
    /// Positive proof that a capability of the stage exists; never blocks, only lifts.
    Evidence,
    /// Observed behaviour from log samples; blocks only with `blocks: true`.
    Indicator,
}

impl RuleKind {
    pub fn id(self) -> &'static str {
        match self {
            RuleKind::Gate => "gate",
            RuleKind::Evidence => "evidence",
            RuleKind::Indicator => "indicator",
        }
    }
}
