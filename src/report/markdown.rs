//! The Markdown summary for pull-request comments and CI job summaries: stages per pillar (with
//! the change against a baseline when one is given), the top findings and the roadmap. Bounded well
//! under GitHub's 1 MB summary limit, and every scanned string escaped: GitHub renders inline HTML.

use super::diff::diff;
use super::{Report, WaiverOrigin, WaiverState};
use crate::finding::Relation;
use crate::model::{Stage, Verdict};
use std::fmt::Write as _;

/// Findings listed at most; the rest are counted.
const MAX_FINDINGS: usize = 30;
/// Longest message shown, in characters.
const MAX_MESSAGE: usize = 240;

/// Escape text for a Markdown table cell or list item: no HTML, no table breaks, no code spans.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().take(MAX_MESSAGE) {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' => out.push_str("\\|"),
            '`' | '*' | '_' | '[' | ']' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    if text.chars().count() > MAX_MESSAGE {
        out.push('…');
    }
    out
}

fn stage(s: Option<Stage>) -> &'static str {
    s.map_or("not assessed", Stage::label)
}

/// Waivers listed at most; the rest are counted.
const MAX_WAIVERS: usize = 30;

/// The waiver ledger: every waiver with its source and status, the ones that waive nothing first.
fn waivers(out: &mut String, report: &Report) {
    if report.waivers.is_empty() {
        return;
    }
    let mut rows: Vec<_> = report.waivers.iter().collect();
    rows.sort_by_key(|w| w.status == WaiverState::Active);
    let _ = writeln!(out, "\n### Waivers ({})\n", report.waivers.len());
    let _ = writeln!(
        out,
        "| Rule | Covers | Source | Owner | Expires | Status | Findings |\n|---|---|---|---|---|---|---|"
    );
    for w in rows.iter().take(MAX_WAIVERS) {
        let source = w.source.as_ref().map_or(String::new(), |s| {
            let kind = match s.kind {
                WaiverOrigin::Config => "config",
                WaiverOrigin::Inline => "inline",
            };
            format!("{kind} `{}`", s.at().replace('`', "'"))
        });
        let status = match &w.status_reason {
            Some(why) if w.status != WaiverState::Active => format!("**{}**: {}", w.status.id(), escape(why)),
            _ => w.status.id().to_string(),
        };
        let owner = if w.owner.is_empty() { "—".to_string() } else { escape(&w.owner) };
        let _ = writeln!(
            out,
            "| {} | {} | {source} | {owner} | {} | {status} | {} |",
            escape(&w.rule_id),
            escape(&w.scope),
            escape(&w.expires),
            w.findings
        );
    }
    if rows.len() > MAX_WAIVERS {
        let _ = writeln!(out, "\n… and {} more in report.json", rows.len() - MAX_WAIVERS);
    }
}

/// Render the summary; `baseline` adds a change column.
pub fn render(report: &Report, baseline: Option<&Report>) -> String {
    let mut out = String::new();
    let title = report.assessment.title.as_deref().unwrap_or("Zero trust maturity");
    let _ = writeln!(out, "## {}\n", escape(title));
    let _ = writeln!(
        out,
        "**Overall: {}** (the lowest assessed pillar or capability) · maturity index **{:.1}**/100 · {} files, {} documents, {} events\n",
        stage(report.summary.overall_stage),
        report.summary.maturity_index,
        report.summary.files,
        report.summary.documents,
        report.summary.events
    );
    let d = baseline.map(|b| diff(b, report));
    if d.is_some() {
        let _ =
            writeln!(out, "| Pillar / capability | Stage | Potential | Functions | Change |\n|---|---|---|---|---|");
    } else {
        let _ = writeln!(out, "| Pillar / capability | Stage | Potential | Functions |\n|---|---|---|---|");
    }
    for p in &report.pillars {
        let assessed = p.functions.iter().filter(|f| f.assessed).count();
        let potential = match (p.stage, p.potential) {
            (Some(s), Some(u)) if u > s => u.label(),
            _ => "",
        };
        let _ = write!(
            out,
            "| {} | {} | {} | {}/{} |",
            escape(&p.name),
            stage(p.stage),
            potential,
            assessed,
            p.functions.len()
        );
        if let Some(d) = &d {
            let change = d.pillars.iter().find(|c| c.id == p.id.id()).map_or(String::new(), |c| {
                let mark = if c.regressed() { "⬇" } else { "⬆" };
                format!("{mark} from {}", stage(c.before))
            });
            let _ = write!(out, " {change} |");
        }
        out.push('\n');
    }
    if let Some(d) = &d {
        let _ = writeln!(
            out,
            "\nAgainst the baseline: {} new failing finding(s), {} fixed; {}.",
            d.new_findings.len(),
            d.fixed_findings.len(),
            if d.regressed() { "**regressed**" } else { "no regression" }
        );
    }
    let _ = writeln!(
        out,
        "\n**Standing privilege:** {}.",
        escape(&crate::privileges::join::summary_line(&report.privileges, &report.privilege_usage))
    );
    out.push_str(&super::scopes::markdown(report));
    let contradicting = super::relation::contradictions(report);
    if !contradicting.is_empty() || report.summary.corroborations > 0 {
        let _ = writeln!(
            out,
            "\n**Logs vs configs in this scan:** {} contradiction(s){}, {} corroboration(s).",
            report.summary.contradictions,
            if contradicting.is_empty() {
                String::new()
            } else {
                format!(" — {} (each blocks its stage)", escape(&contradicting.join("; ")))
            },
            report.summary.corroborations
        );
    }
    let mut failing: Vec<_> = report.findings.iter().filter(|f| f.verdict == Verdict::Fail).collect();
    failing.sort_by(|a, b| b.severity.cmp(&a.severity).then_with(|| a.rule_id.cmp(&b.rule_id)));
    let _ = writeln!(out, "\n### Findings ({} failing)\n", failing.len());
    if failing.is_empty() {
        let _ = writeln!(out, "None.");
    }
    for f in failing.iter().take(MAX_FINDINGS) {
        let at = f.location.as_ref().map_or(String::new(), |l| match l.line {
            Some(line) => format!(" — `{}:{line}`", l.path.replace('`', "'")),
            None => format!(" — `{}`", l.path.replace('`', "'")),
        });
        let claim = match (f.relation, f.related.first()) {
            (Some(Relation::Contradicted), Some(r)) => {
                let at = r.line.map_or_else(|| r.path.clone(), |l| format!("{}:{l}", r.path));
                format!(" — **contradicts** {} at `{}`", r.rule_id, at.replace('`', "'"))
            }
            _ => String::new(),
        };
        let _ = writeln!(out, "- **{}** {} {}{at}{claim}", f.severity.id(), f.rule_id, escape(&f.message));
    }
    if failing.len() > MAX_FINDINGS {
        let _ = writeln!(out, "- … and {} more in report.json", failing.len() - MAX_FINDINGS);
    }
    waivers(&mut out, report);
    if let Some(note) = crate::gate::attestation_note(report) {
        let _ = writeln!(out, "\n**Attestations:** {}.", escape(&note));
    }
    let road: Vec<String> = report
        .pillars
        .iter()
        .filter_map(|p| {
            let next = p.stage?.next()?;
            let rules: Vec<&str> = p
                .functions
                .iter()
                .filter(|f| f.demonstrated == p.stage)
                .flat_map(|f| f.roadmap.iter().map(String::as_str))
                .collect();
            (!rules.is_empty())
                .then(|| format!("- To reach **{}** in {}: {}", next.label(), escape(&p.name), rules.join(", ")))
        })
        .collect();
    if !road.is_empty() {
        let _ = writeln!(out, "\n### Roadmap\n");
        for line in road {
            let _ = writeln!(out, "{line}");
        }
    }
    let _ = writeln!(
        out,
        "\n<sub>ztmm {} · ZTMM is guidance; these stages are this tool's reading of it.</sub>",
        escape(&report.tool.version)
    );
    out
}
