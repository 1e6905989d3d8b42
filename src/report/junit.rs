//! JUnit XML for CI test tabs: one test suite per pillar or capability, one test case per rule.
//! Failing rules carry their findings; rules that could not decide are skipped with the reason.

use super::Report;
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
    let total = report.rules.len();
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
            let _ = writeln!(out, "</testcase>");
        }
        let _ = writeln!(out, "  </testsuite>");
    }
    out.push_str("</testsuites>\n");
    out
}
