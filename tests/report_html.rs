//! The HTML report: snapshot of the hostile estate, escaping of every scanned string, secret
//! redaction in HTML and JSON, no external references, template overrides, bounded size.

mod common;

use common::{hostile, SECRETS};
use std::fs;
use ztmm::report::html::{render, HtmlError, HtmlOptions};
use ztmm::report::{json, Report};

fn html(report: &Report) -> String {
    render(report, &HtmlOptions::default()).unwrap_or_else(|e| panic!("{e}"))
}

fn with_templates(report: &Report, dir: &std::path::Path) -> Result<String, HtmlError> {
    render(report, &HtmlOptions { template_dir: Some(dir.to_path_buf()), ..HtmlOptions::default() })
}

#[test]
fn hostile_estate_html_snapshot() {
    let page = html(&hostile(true));
    insta::with_settings!({
        filters => vec![
            (r"ztmm \d+\.\d+\.\d+[-.+\w]*", "ztmm [version]"),
            (r"digest [0-9a-f]{12}", "digest [digest]"),
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "[timestamp]"),
        ],
    }, {
        insta::assert_snapshot!("hostile_report_html", page);
    });
}

#[test]
fn every_scanned_string_is_escaped() {
    let page = html(&hostile(true));
    // Payloads are present as text…
    for text in [
        "&lt;script&gt;document.title=",
        "&lt;img src=x onerror=",
        "&quot;&gt;&lt;svg onload=",
        // log fields, through the test pack's message and resource templates
        "auth.log says: Failed password for &lt;script&gt;document.title=&#x27;pwned-log&#x27;",
        "Invalid user &quot;&gt;&lt;img src=x onerror=document.title=&#x27;pwned-log-img&#x27;&gt;",
    ] {
        assert!(page.contains(text), "expected escaped payload {text}");
    }
    // …and never as markup: the only elements of these kinds are the report's own.
    let count = |needle: &str| page.matches(needle).count();
    assert_eq!(count("<script"), 0);
    assert_eq!(count("<iframe"), 0);
    assert_eq!(count("<textarea"), 0);
    assert_eq!(count("<b>"), 0);
    assert_eq!(count("<style"), 1, "only the report's stylesheet");
    assert_eq!(count("<svg"), 1, "only the chart");
    assert_eq!(count("<img"), 1, "only the logo");
    let tag_with_handler = regex::Regex::new(r"(?i)<[a-z][^<>]*\son[a-z]+\s*=").expect("regex");
    assert!(tag_with_handler.find(&page).is_none(), "an element carries an event handler");
    // The hostile logo (an SVG with a script) is only ever an <img> data URI, which cannot run it.
    assert!(page.contains("<img class=\"logo\" src=\"data:image&#x2f;svg+xml;base64,"));
}

#[test]
fn no_external_references_and_a_strict_csp() {
    let page = html(&hostile(true));
    assert!(page.contains(r#"<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'">"#));
    let attr =
        regex::Regex::new(r#"(?i)\s(src|href|xlink:href|action|srcset|poster|data)\s*=\s*"([^"]*)""#).expect("regex");
    for c in attr.captures_iter(&page) {
        let v = &c[2];
        assert!(v.starts_with('#') || v.starts_with("data:image"), "external reference {}={v}", &c[1]);
    }
    for bad in ["http://", "https://", "url(//", "@import", "<link", "<base"] {
        assert!(!page.contains(bad), "{bad} in the report");
    }
}

#[test]
fn secrets_are_redacted_in_html_and_json_unless_opted_out() {
    let clean = hostile(true);
    let page = html(&clean);
    let body = json::to_string(&clean).expect("json");
    for s in SECRETS {
        assert!(!page.contains(s), "{s} leaked into report.html");
        assert!(!body.contains(s), "{s} leaked into report.json");
    }
    assert!(page.contains("[REDACTED]") && body.contains("[REDACTED]"));

    // The fixture is meaningful: with redaction off, secrets do reach the evidence…
    let raw = hostile(false);
    let raw_body = json::to_string(&raw).expect("json");
    let leaked: Vec<&&str> = SECRETS.iter().filter(|s| raw_body.contains(**s)).collect();
    assert!(leaked.len() >= 4, "only {leaked:?} reach an unredacted report");
    let raw_page = render(&raw, &HtmlOptions { no_redact: true, ..HtmlOptions::default() }).expect("render");
    assert!(leaked.iter().any(|s| raw_page.contains(**s)));
    // …and rendering an unredacted report.json still redacts by default.
    let rerendered = html(&raw);
    for s in SECRETS {
        assert!(!rerendered.contains(s), "{s} leaked when re-rendering an unredacted report");
    }
}

#[test]
fn a_missing_template_dir_is_an_error() {
    let err = with_templates(&hostile(true), std::path::Path::new("/definitely/not/here")).expect_err("an error");
    assert!(matches!(err, HtmlError::TemplateDir { .. }), "{err}");
    assert!(err.to_string().contains("does not exist"), "{err}");
}

#[test]
fn an_empty_template_dir_uses_the_builtins() {
    let report = hostile(true);
    let dir = tempfile::tempdir().expect("tempdir");
    assert_eq!(with_templates(&report, dir.path()).expect("render"), html(&report));
}

#[test]
fn one_overridden_block_is_used_and_the_rest_kept() {
    let report = hostile(true);
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(
        dir.path().join("report.html"),
        r#"{% extends "builtin/report.html" %}
{% block cover %}<header class="branded">Audited by Example &amp; Partners for {{ view.meta.client }}</header>{% endblock %}
{% block brand_styles %}:root { --accent: #6b21a8; }{% endblock %}"#,
    )
    .expect("write");
    let page = with_templates(&report, dir.path()).expect("render");
    assert!(page.contains(r#"<header class="branded">Audited by Example &amp; Partners for ACME &lt;script&gt;"#));
    assert!(page.contains(":root { --accent: #6b21a8; }"));
    assert!(!page.contains("class=\"eyebrow\""), "the built-in cover was replaced");
    for kept in
        ["id=\"summary\"", "id=\"pillars\"", "id=\"findings\"", "id=\"inputs\"", "id=\"ledger\"", "id=\"methodology\""]
    {
        assert!(page.contains(kept), "{kept} missing");
    }
}

#[test]
fn an_overridden_partial_is_used_by_the_builtin_report() {
    let dir = tempfile::tempdir().expect("tempdir");
    fs::create_dir(dir.path().join("partials")).expect("mkdir");
    fs::write(dir.path().join("partials/finding.html"), "<p class=\"mine\">{{ f.message }}</p>\n").expect("write");
    let page = with_templates(&hostile(true), dir.path()).expect("render");
    assert!(page.contains("<p class=\"mine\">ClusterRoleBinding &lt;script&gt;"));
    assert!(!page.contains("class=\"finding "));
}

#[test]
fn template_typos_and_escapes_from_the_dir_fail() {
    let report = hostile(true);
    let dir = tempfile::tempdir().expect("tempdir");
    fs::write(dir.path().join("report.html"), "{{ view.meta.titel }}").expect("write");
    let err = with_templates(&report, dir.path()).expect_err("an error");
    assert!(matches!(err, HtmlError::Template(_)), "{err}");
    assert!(err.to_string().contains("undefined"), "{err}");
    fs::write(dir.path().join("report.html"), r#"{% include "../outside.html" %}"#).expect("write");
    fs::write(dir.path().parent().expect("parent").join("outside.html"), "outside").ok();
    let err = with_templates(&report, dir.path()).expect_err("an error");
    assert!(err.to_string().contains("not found"), "{err}");
}

/// A report with 20,000 failing findings spread over 100 rules still renders to a file a
/// browser opens quickly: about 1,000 findings are shown, shared among the rules, and the rest
/// counted ("N more in report.json").
#[test]
fn twenty_thousand_findings_stay_bounded() {
    let mut report = hostile(true);
    let template = report.findings.iter().find(|f| f.evidence.is_some()).expect("a finding with evidence").clone();
    let rule = report.rules.iter().find(|r| r.id == template.rule_id).expect("its rule").clone();
    let functions: Vec<String> = report.pillars.iter().flat_map(|p| p.functions.iter().map(|f| f.id.clone())).collect();
    report.findings.clear();
    for r in 0..100 {
        let mut rs = rule.clone();
        rs.id = format!("ZT-SYN-{r:03}");
        rs.function = functions[r % functions.len()].clone();
        rs.findings = 200;
        report.rules.push(rs);
        for i in 0..200 {
            let mut f = template.clone();
            f.rule_id = format!("ZT-SYN-{r:03}");
            f.message = format!("{} #{i}", template.message);
            f.fingerprint = format!("{r:03}{i:05}");
            report.findings.push(f);
        }
    }
    assert_eq!(report.findings.len(), 20_000);
    let started = std::time::Instant::now();
    let page = html(&report);
    let took = started.elapsed();
    let json_bytes = json::to_string(&report).expect("json").len();
    eprintln!(
        "20,000 findings: report.html {} bytes ({:.1} MiB), report.json {} bytes, rendered in {took:?}",
        page.len(),
        page.len() as f64 / 1048576.0,
        json_bytes
    );
    // Kept for people (and browsers) to look at.
    let _ = fs::write(std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("report-20k-findings.html"), &page);
    assert!(page.len() < 5 << 20, "report.html is {} bytes", page.len());
    // 1,000 shown failures shared by 100 rules: 10 each, the other 190 counted.
    assert_eq!(page.matches("190 more failing findings of ZT-SYN-").count(), 100);
}

#[test]
fn hostile_report_json_matches_its_schema() {
    let report = serde_json::to_value(hostile(true)).expect("json");
    let schema = json::schema();
    if let Err(e) = jsonschema::validate(&schema, &report) {
        panic!("report.json does not match its schema: {e} at {}", e.instance_path());
    }
    let functions = report["catalog"]["pillars"][0]["functions"].as_array().expect("catalog functions");
    assert!(functions[0]["stages"]["initial"].as_str().is_some_and(|t| !t.is_empty()));
    assert_eq!(report["assessment"]["redacted"], true);
    assert!(report["assessment"]["logo"].as_str().is_some_and(|l| l.starts_with("data:image/svg+xml;base64,")));
}

/// report.json files written before the catalog, scope, logo and redaction fields existed still
/// load and render.
#[test]
fn older_reports_without_the_new_fields_still_render() {
    let mut value = serde_json::to_value(hostile(true)).expect("json");
    let obj = value.as_object_mut().expect("object");
    obj.remove("catalog");
    let assessment = obj.get_mut("assessment").and_then(|a| a.as_object_mut()).expect("assessment");
    for k in ["include", "exclude", "logo", "redacted"] {
        assessment.remove(k);
    }
    let old: Report = serde_json::from_value(value).expect("an older report loads");
    assert!(!old.assessment.redacted, "unknown counts as not redacted, so rendering redacts again");
    let page = html(&old);
    assert!(page.contains("id=\"methodology\"") && !page.contains("<img"));
    assert!(!page.contains("Secret redaction was turned off"), "rendering redacted it");
}
