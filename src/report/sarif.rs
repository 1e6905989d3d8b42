//! SARIF 2.1.0 for code scanning (GitHub, GitLab, Azure DevOps): one rule per ztmm rule with its
//! help text, one result per failing or waived finding with its location and content fingerprint
//! (`partialFingerprints`), waived results as suppressions. Findings without a file (a capability
//! shown nowhere) have no place in a code-scanning UI and stay in the other formats.

use super::{Report, WaiverOrigin};
use crate::finding::{Finding, Relation};
use crate::model::{Severity, Verdict};
use serde_json::{json, Value};

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Critical | Severity::High => "error",
        Severity::Medium => "warning",
        Severity::Low | Severity::Info => "note",
    }
}

/// GitHub's `security-severity` scale (0–10).
fn security_severity(s: Severity) -> &'static str {
    match s {
        Severity::Critical => "9.5",
        Severity::High => "8.0",
        Severity::Medium => "5.5",
        Severity::Low => "3.0",
        Severity::Info => "1.0",
    }
}

/// Percent-encode a relative path for an artifact URI (RFC 3986 unreserved characters and `/` kept).
fn uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How a waived result is suppressed: `inSource` for a `ztmm:ignore` comment (located at the
/// comment), `external` for the assessment file; the justification is the waiver's reason.
fn suppression(f: &Finding) -> Value {
    let Some(w) = &f.waived_by else {
        // A report from before structured waivers: only the text is known.
        return json!({"kind": "external", "status": "accepted", "justification": f.waiver.clone().unwrap_or_default()});
    };
    let mut s = json!({
        "status": "accepted",
        "justification": w.reason,
        "properties": {"owner": w.owner, "expires": w.expires, "source": w.source.at()},
    });
    match w.source.kind {
        WaiverOrigin::Inline => {
            s["kind"] = json!("inSource");
            let mut physical = json!({"artifactLocation": {"uri": uri(&w.source.path), "uriBaseId": "%SRCROOT%"}});
            if let Some(line) = w.source.line {
                physical["region"] = json!({"startLine": line});
            }
            s["location"] = json!({"physicalLocation": physical});
        }
        WaiverOrigin::Config => s["kind"] = json!("external"),
    }
    s
}

/// Render the SARIF log.
pub fn render(report: &Report) -> Value {
    let rules: Vec<Value> = report
        .rules
        .iter()
        .map(|r| {
            json!({
                "id": r.id,
                "name": r.name,
                "shortDescription": {"text": r.title},
                "fullDescription": {"text": r.rationale.trim()},
                "help": {
                    "text": format!("{}\n\nReferences: {}", r.remediation.trim(), r.references.join("; ")),
                    "markdown": format!("{}\n\n**References**\n\n{}", r.remediation.trim(), r.references.iter().map(|x| format!("- {x}")).collect::<Vec<_>>().join("\n")),
                },
                "defaultConfiguration": {"level": level(r.severity)},
                "properties": {
                    "tags": ["security", "zero-trust", r.pillar.id(), r.function, r.stage.id(), r.kind.id()],
                    "security-severity": security_severity(r.severity),
                    "precision": "high",
                },
            })
        })
        .collect();
    let results: Vec<Value> = report
        .findings
        .iter()
        .filter(|f| matches!(f.verdict, Verdict::Fail | Verdict::Waived))
        .filter_map(|f| {
            let loc = f.location.as_ref()?;
            let rule_index = report.rules.iter().position(|r| r.id == f.rule_id)?;
            let mut physical = json!({"artifactLocation": {"uri": uri(&loc.path), "uriBaseId": "%SRCROOT%"}});
            // Lines only: ztmm's columns count bytes, which neither SARIF column kind does.
            if let Some(line) = loc.line {
                physical["region"] = json!({"startLine": line});
            }
            let mut result = json!({
                "ruleId": f.rule_id,
                "ruleIndex": rule_index,
                "level": level(f.severity),
                "message": {"text": if f.resource.is_empty() { f.message.clone() } else { format!("{} ({})", f.message, f.resource) }},
                "locations": [{"physicalLocation": physical, "logicalLocations": [{"fullyQualifiedName": loc.pointer, "kind": "element"}]}],
                "partialFingerprints": {"ztmmFingerprint/v1": f.fingerprint},
            });
            // Config versus behaviour: the other side of the claim (the config lines a log
            // finding contradicts, or that admit the weakness it confirms).
            let related: Vec<Value> = f
                .related
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let mut physical = json!({"artifactLocation": {"uri": uri(&r.path), "uriBaseId": "%SRCROOT%"}});
                    if let Some(line) = r.line {
                        physical["region"] = json!({"startLine": line});
                    }
                    json!({"id": i, "physicalLocation": physical, "message": {"text": format!("{}: {}", r.rule_id, r.message)}})
                })
                .collect();
            if !related.is_empty() {
                result["relatedLocations"] = Value::Array(related);
            }
            if let Some(relation) = f.relation {
                let note = match relation {
                    Relation::Contradicted => "contradicts a config claim in this scan (see related locations)",
                    Relation::Corroborated => "logs and configs agree in this scan (see related locations)",
                };
                if let Some(text) = result.pointer_mut("/message/text") {
                    *text = Value::String(format!("{} — {note}", text.as_str().unwrap_or_default()));
                }
                result["properties"] = json!({"relation": relation.id()});
            }
            if f.verdict == Verdict::Waived {
                result["suppressions"] = json!([suppression(f)]);
            }
            Some(result)
        })
        .collect();
    json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "ztmm",
                "version": report.tool.version,
                "semanticVersion": report.tool.version,
                "rules": rules,
            }},
            "automationDetails": {"id": format!("ztmm/{}", report.tool.rules_digest.get(..12).unwrap_or(""))},
            "results": results,
            // The whole ledger, including waivers that waive nothing (expired, rejected, refused,
            // unmatched): their findings are ordinary results above, without suppressions.
            "properties": {"waivers": report.waivers, "attestationsAccepted": report.gate.attestations_accepted},
        }],
    })
}
