//! JUnit XML for CI test tabs: one test suite per pillar or capability, one test case per rule.
//! Failing rules carry their findings; rules that could not decide are skipped with the reason;
//! waived findings are listed in the rule's `<system-out>` with the waiver that covers them. A last
//! suite, `Waivers`, holds the ledger: one test case per waiver, passing when active and skipped
//! (with the reason) when expired, rejected, refused or unmatched.

use super::{Report, WaiverOrigin, WaiverState};
use crate::model::Verdict;
use std::fmt::Write as _;

/// Escape for XML 1.0 text and attribute values; characters XML cannot carry are dropped.
pub fn xml_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => {}
            c => out.push(c),
        }
    }
    out
}

/// Render the JUnit document.
pub fn render(report: &Report) -> String {
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let total = report.rules.len() + report.waivers.len();
    let failures = report.rules.iter().filter(|r| r.verdict == Verdict::Fail).count();
    let _ = writeln!(out, "<testsuites name=\"ztmm\" tests=\"{total}\" failures=\"{failures}\">");
    for p in &report.pillars {
        let rules: Vec<_> = report.rules.iter().filter(|r| r.pillar == p.id).collect();
        let fails = rules.iter().filter(|r| r.verdict == Verdict::Fail).count();
        let skipped =
            rules.iter().filter(|r| !matches!(r.verdict, Verdict::Pass | Verdict::Fail | Verdict::Waived)).count();
        let _ = writeln!(
            out,
            "  <testsuite name=\"{}\" tests=\"{}\" failures=\"{fails}\" skipped=\"{skipped}\">",
            xml_escape(&p.name),
            rules.len()
        );
        for r in rules {
            let _ = write!(
                out,
                "    <testcase classname=\"ztmm.{}\" name=\"{} {}\">",
                xml_escape(&r.function),
                xml_escape(&r.id),
                xml_escape(&r.title)
            );
            match r.verdict {
                Verdict::Fail => {
                    let findings: Vec<String> = report
                        .findings
                        .iter()
                        .filter(|f| f.rule_id == r.id && f.verdict == Verdict::Fail)
                        .map(|f| {
                            let at = f.location.as_ref().map_or(String::new(), |l| match l.line {
                                Some(line) => format!("{}:{line}: ", l.path),
                                None => format!("{}: ", l.path),
                            });
                            format!("{at}{}", f.message)
                        })
                        .collect();
                    let _ = write!(
                        out,
                        "\n      <failure type=\"{}\" message=\"{} finding(s), {} {} {}\">{}\n{}</failure>\n    ",
                        r.severity.id(),
                        r.findings,
                        r.stage.id(),
                        r.kind.id(),
                        r.severity.id(),
                        xml_escape(&findings.join("\n")),
                        xml_escape(&r.remediation)
                    );
                }
                Verdict::Pass | Verdict::Waived => {}
                other => {
                    let _ = write!(out, "\n      <skipped message=\"{}\"/>\n    ", other.id());
                }
            }
            let waived: Vec<String> = report
                .findings
                .iter()
                .filter(|f| f.rule_id == r.id && f.verdict == Verdict::Waived)
                .map(|f| {
                    let at = f.location.as_ref().map_or(String::new(), |l| match l.line {
                        Some(line) => format!("{}:{line}: ", l.path),
                        None => format!("{}: ", l.path),
                    });
                    let by = f.waived_by.as_ref().map_or(String::new(), |w| format!(" ({})", w.source.at()));
                    format!("waived: {at}{} — {}{by}", f.message, f.waiver.as_deref().unwrap_or(""))
                })
                .collect();
            if !waived.is_empty() {
                let _ = write!(out, "\n      <system-out>{}</system-out>\n    ", xml_escape(&waived.join("\n")));
            }
            let _ = writeln!(out, "</testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    waiver_suite(&mut out, report);
    out.push_str("</testsuites>\n");
    out
}

/// The waiver ledger as a suite: active waivers pass, the others are skipped with their reason.
fn waiver_suite(out: &mut String, report: &Report) {
    if report.waivers.is_empty() {
        return;
    }
    let skipped = report.waivers.iter().filter(|w| w.status != WaiverState::Active).count();
    let _ = writeln!(
        out,
        "  <testsuite name=\"Waivers\" tests=\"{}\" failures=\"0\" skipped=\"{skipped}\">",
        report.waivers.len()
    );
    for w in &report.waivers {
        let source = w.source.as_ref().map_or_else(String::new, |s| {
            let kind = match s.kind {
                WaiverOrigin::Config => "config",
                WaiverOrigin::Inline => "inline",
            };
            format!("{kind} {}", s.at())
        });
        let _ = write!(
            out,
            "    <testcase classname=\"ztmm.waivers\" name=\"{} {} [{}]\">",
            xml_escape(&w.rule_id),
            xml_escape(&w.scope),
            xml_escape(w.status.id())
        );
        if w.status != WaiverState::Active {
            let why = w.status_reason.as_deref().unwrap_or("");
            let _ = write!(out, "\n      <skipped message=\"{}: {}\"/>", w.status.id(), xml_escape(why));
        }
        let owner = if w.owner.is_empty() { "no owner" } else { w.owner.as_str() };
        let details = format!(
            "source: {source}\nowner: {owner}\nexpires: {}\nreason: {}\nfindings: {}",
            w.expires, w.reason, w.findings
        );
        let _ = writeln!(out, "\n      <system-out>{}</system-out>\n    </testcase>", xml_escape(&details));
    }
    let _ = writeln!(out, "  </testsuite>");
}
