use super::*;

/// Two rules: ZT-ID-002 (also called `k8s-standing-cluster-admin`) and ZT-ID-001.
struct Known;

impl Names for Known {
    fn rule_id(&self, id: &str) -> Option<String> {
        match id {
            "ZT-ID-002" | "k8s-standing-cluster-admin" => Some("ZT-ID-002".into()),
            "ZT-ID-001" => Some("ZT-ID-001".into()),
            _ => None,
        }
    }
    fn is_function(&self, _: &str) -> bool {
        false
    }
}

fn yaml(text: &str) -> (Vec<InlineWaiver>, Vec<Diagnostic>) {
    collect("k8s/rbac.yaml", Syntax::Yaml, text, &Known)
}

const RBAC: &str = "\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: break-glass
# ztmm:ignore ZT-ID-002 reason=\"sealed break-glass account, reviewed monthly\" expires=2027-01-31 owner=\"secops@example.com\"

# the binding below is the one the directive covers
roleRef:
  name: cluster-admin   # ztmm:ignore k8s-standing-cluster-admin reason=trailing expires=2027-02-01
subjects:
  - kind: User
    name: alice
";

#[test]
fn a_directive_covers_the_next_code_line_or_its_own_line_when_trailing() {
    let (w, d) = yaml(RBAC);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(w.len(), 2);
    assert_eq!((w[0].line, w[0].covers), (5, Covers::Line(8)), "blank and comment lines are skipped");
    assert_eq!(w[0].rule_id, "ZT-ID-002");
    assert_eq!(w[0].reason, "sealed break-glass account, reviewed monthly");
    assert_eq!(w[0].owner.as_deref(), Some("secops@example.com"));
    assert_eq!(w[0].expires, "2027-01-31");
    assert_eq!((w[1].line, w[1].covers), (9, Covers::Line(9)));
    assert_eq!(w[1].rule_id, "ZT-ID-002", "a rule name resolves to its id");
    assert_eq!((w[1].reason.as_str(), w[1].owner.as_deref()), ("trailing", None));
}

#[test]
fn a_file_wide_directive_covers_the_whole_file() {
    let (w, d) = collect(
        "etc/ssh/sshd_config",
        Syntax::Sshd,
        "#ztmm:ignore-file ZT-ID-001 reason='legacy jump host, decommissioned in Q1' expires=2027-03-31\nPort 22\n",
        &Known,
    );
    assert!(d.is_empty(), "{d:?}");
    assert_eq!((w[0].covers, w[0].line), (Covers::File, 1));
}

#[test]
fn malformed_directives_are_located_warnings_and_not_applied() {
    let text = "\
a: 1 # ztmm:ignore ZT-ID-002 expires=2027-01-31
b: 2 # ztmm:ignore ZT-ID-002 reason=\"x\"
c: 3 # ztmm:ignore ZT-ID-002 reason=\"x\" expires=2027-13-01
d: 4 # ztmm:ignore ZT-XX-999 reason=\"x\" expires=2027-01-31
e: 5 # ztmm:ignore reason=\"x\" expires=2027-01-31
f: 6 # ztmm:ignore ZT-ID-002 reason=\"x\" expires=2027-01-31 approver=me
g: 7 # ztmm:ignore ZT-ID-002 reason=\"unterminated expires=2027-01-31
# ztmm:ignore ZT-ID-002 reason=\"last line\" expires=2027-01-31
";
    let (w, d) = yaml(text);
    assert!(w.is_empty(), "{w:?}");
    let at: Vec<(Option<u32>, &str)> = d.iter().map(|d| (d.line, d.message.as_str())).collect();
    assert_eq!(at.len(), 8, "{at:#?}");
    assert!(d.iter().all(|d| d.level == Level::Warning && d.path == "k8s/rbac.yaml"));
    let msg = |line: u32| d.iter().find(|d| d.line == Some(line)).map_or("", |d| d.message.as_str());
    assert!(msg(1).contains("needs reason"), "{}", msg(1));
    assert!(msg(2).contains("needs expires"), "{}", msg(2));
    assert!(msg(3).contains("`2027-13-01` is not a date"), "{}", msg(3));
    assert!(msg(4).contains("unknown rule `ZT-XX-999`"), "{}", msg(4));
    assert!(msg(5).contains("names no rule"), "{}", msg(5));
    assert!(msg(6).contains("unknown key `approver`"), "{}", msg(6));
    assert!(msg(7).contains("unterminated quote"), "{}", msg(7));
    assert!(msg(8).contains("no line follows it"), "{}", msg(8));
    assert!(msg(1).starts_with("ztmm:ignore not applied"));
}

#[test]
fn only_a_comment_marker_right_before_it_makes_a_directive() {
    let text = "\
# see the ztmm:ignore docs before waiving anything
url: \"https://example.com/ztmm:ignore ZT-ID-002\"
x: 1 # ztmm:ignored ZT-ID-002 reason=r expires=2027-01-31
## ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31
y: 2
";
    let (w, d) = yaml(text);
    assert!(d.is_empty(), "{d:?}");
    assert_eq!(w.len(), 1, "{w:?}");
    assert_eq!((w[0].rule_id.as_str(), w[0].covers), ("ZT-ID-001", Covers::Line(5)), "`##` is still a comment");
}

#[test]
fn each_format_uses_its_own_comment_markers_and_json_has_none() {
    let hcl = "resource \"aws_s3_bucket\" \"logs\" { // ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\n}\n";
    let (w, _) = collect("main.tf", Syntax::Hcl, hcl, &Known);
    assert_eq!(w.first().map(|w| w.covers), Some(Covers::Line(1)));
    let (w, _) =
        collect("main.tf", Syntax::Hcl, "# ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\nx = 1\n", &Known);
    assert_eq!(w.first().map(|w| w.covers), Some(Covers::Line(2)));
    // `//` is not a YAML comment: a URL-like value is not a directive.
    let (w, _) = yaml("a: b // ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\n");
    assert!(w.is_empty());
    let json = "{\"a\": 1, \"note\": \"# ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\"}";
    let (w, d) = collect("policy.json", Syntax::Json, json, &Known);
    assert!(w.is_empty() && d.is_empty());
    // The collector itself understands `--` and `;` for formats that use them.
    let (w, _) =
        collect_with("q.sql", &["--"], "-- ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\n-- c\nx\n", &Known);
    assert_eq!(w.first().map(|w| w.covers), Some(Covers::Line(3)));
    let (w, _) = collect_with("a.ini", &[";"], "x=1 ; ztmm:ignore ZT-ID-001 reason=r expires=2027-01-31\n", &Known);
    assert_eq!(w.first().map(|w| w.covers), Some(Covers::Line(1)));
}

#[test]
fn long_reasons_are_clipped() {
    let long = "r".repeat(1000);
    let (w, _) = yaml(&format!("a: 1 # ztmm:ignore ZT-ID-001 reason={long} expires=2027-01-31\n"));
    assert_eq!(w.first().map(|w| w.reason.chars().count()), Some(MAX_TEXT + 1));
}
