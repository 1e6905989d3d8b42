//! Findings: what a rule observed at one place. Failing findings are the report's body; passing
//! ones (capped per rule) show *why* a stage was granted.

use crate::model::{Severity, Verdict};
use serde::{Deserialize, Serialize};

/// Where a finding points. `line`/`column` only when truly known; the pointer always.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Location {
    pub path: String,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub pointer: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Finding {
    pub rule_id: String,
    pub verdict: Verdict,
    pub severity: Severity,
    pub message: String,
    pub resource: String,
    /// Content-based: rule, path, resource and the node's pointer with list indices masked, plus
    /// the offending value — stable under reformatting and line moves.
    pub fingerprint: String,
    pub location: Option<Location>,
    /// A redacted snippet of the source around the location; the offending line is marked `>`.
    pub evidence: Option<String>,
    pub remediation: String,
    /// Set when the finding is covered by a waiver (id of the waiver's rule and its owner).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub waiver: Option<String>,
    /// The same waiver, structured: where it was written, its reason, owner and expiry.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub waived_by: Option<crate::report::WaiverRef>,
    /// How this finding relates to the other side of a config claim checked against logs: an
    /// indicator's failure that `contradicted` a passing config rule (or `corroborated` a failing
    /// one), and the config rule's own findings seen from the logs. Absent when unrelated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    /// The places on the other side: the config lines that made the claim, for a log finding; the
    /// log lines (or, for a claim the logs bear out, the log files read), for a config finding.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub related: Vec<Related>,
}

/// What the logs say about a config claim (see `rules/README.md`, *Indicators that check config
/// claims*).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    /// The configs claim it, the logs show the opposite.
    Contradicted,
    /// The logs agree with the configs: behaviour confirms a weakness, or bears out a claim.
    Corroborated,
}

impl Relation {
    pub fn id(self) -> &'static str {
        match self {
            Relation::Contradicted => "contradicted",
            Relation::Corroborated => "corroborated",
        }
    }
}

/// A place on the other side of a relation.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Related {
    pub path: String,
    /// Only when truly known: a log file read as a whole, or a setting that holds by its default,
    /// has none.
    pub line: Option<u32>,
    /// The rule whose finding is there.
    pub rule_id: String,
    /// That finding's message (redacted like every message).
    pub message: String,
}

impl Finding {
    /// Sort key for deterministic output.
    pub fn sort_key(&self) -> (String, Option<Location>, String, String) {
        (self.rule_id.clone(), self.location.clone(), self.resource.clone(), self.message.clone())
    }
}

/// Fingerprint a finding from content, not position.
pub fn fingerprint(rule_id: &str, path: &str, resource: &str, pointer: &str, value: &str) -> String {
    use sha2::{Digest, Sha256};
    let masked: String = pointer
        .split('/')
        .map(|t| if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) { "#" } else { t })
        .collect::<Vec<_>>()
        .join("/");
    let mut h = Sha256::new();
    for part in [rule_id, path, resource, &masked, value] {
        h.update(part.as_bytes());
        h.update([0]);
    }
    h.finalize().iter().take(16).map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprint_ignores_list_positions_but_not_content() {
        let a = fingerprint("R", "f.yaml", "x", "/subjects/0/name", "alice");
        let b = fingerprint("R", "f.yaml", "x", "/subjects/3/name", "alice");
        let c = fingerprint("R", "f.yaml", "x", "/subjects/0/name", "bob");
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
