//! Snapshots of the reports of the example estates, HTML and JSON, with the version and the rule
//! digest filtered. They are reviewed like code: a rule or template change shows up here.

mod common;

use common::assess_estate;

const ESTATES: [&str; 4] = ["legacy-shop", "getting-started", "platform-team", "zero-standing-privilege"];

fn filtered(name: &str, kind: &str, text: &str) {
    insta::with_settings!({
        filters => vec![
            (r"ztmm \d+\.\d+\.\d+[-.+\w]*", "ztmm [version]"),
            (r#""version": "\d+\.\d+\.\d+[-.+\w]*""#, r#""version": "[version]""#),
            (r"digest [0-9a-f]{12}", "digest [digest]"),
            (r#""rules_digest": "[0-9a-f]+""#, r#""rules_digest": "[digest]""#),
            (r"\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC", "[timestamp]"),
        ],
    }, {
        insta::assert_snapshot!(format!("{name}_{kind}"), text);
    });
}

#[test]
fn example_estate_reports() {
    for name in ESTATES {
        let report = assess_estate(&format!("fixtures/estates/{name}"), &[], true);
        let json = ztmm::report::json::to_string(&report).expect("serialises");
        filtered(name, "json", &json);
        let html = ztmm::report::html::render(&report, &ztmm::report::html::HtmlOptions::default())
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        filtered(name, "html", &html);
    }
}
