use super::*;
use crate::parse::json::tests::{assert_lines, missing, view};
use serde_json::json;

const K8S: YamlOptions = YamlOptions { yaml_1_1_booleans: true };
const CORE: YamlOptions = YamlOptions { yaml_1_1_booleans: false };

fn clean(out: &ParseOutput) {
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(missing(out).is_empty(), "nodes without a position: {:?}", missing(out));
}

#[test]
fn kubernetes_multi_document() {
    let text = include_str!("../../fixtures/parse/yaml/k8s-multi.yaml");
    let out = parse(text, K8S);
    clean(&out);
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert_eq!(out.documents.len(), 3, "the trailing `---` is no document");
    let pod = &out.documents[0].tree["spec"]["template"]["spec"];
    assert_eq!(pod["hostNetwork"], true);
    let sc = json!({"privileged": false, "runAsUser": 0, "readOnlyRootFilesystem": "true"});
    assert_eq!(pod["containers"][0]["securityContext"], sc);
    assert_eq!(pod["volumes"][0]["configMap"]["defaultMode"], 0o644);
    assert_eq!(out.documents[0].tree["metadata"]["labels"]["tier"], "frontend");
    assert_eq!(out.documents[2].tree["roleRef"]["name"], "cluster-admin");
    let c = "/spec/template/spec/containers/0";
    let lines = [("", 2), ("/spec/template/spec/hostNetwork", 12), (&format!("{c}/image"), 16)];
    assert_lines(&out, 0, &lines);
    assert_lines(&out, 0, &[(&format!("{c}/ports/0/containerPort"), 18), ("/spec", 8)]);
    assert_lines(&out, 1, &[("/spec/ports/0/port", 41)]);
    assert_lines(&out, 2, &[("/roleRef/name", 51), ("/subjects/0/namespace", 55)]);
    // YAML 1.2 core: `yes`/`off` are strings, `0644` is decimal.
    let core = parse(text, CORE);
    let pod = &core.documents[0].tree["spec"]["template"]["spec"];
    assert_eq!(pod["hostNetwork"], "yes");
    assert_eq!(pod["containers"][0]["securityContext"]["privileged"], "off");
    assert_eq!(pod["volumes"][0]["configMap"]["defaultMode"], 644);
    insta::assert_yaml_snapshot!("k8s_multi", view(&out));
}

#[test]
fn cloudformation_short_tags() {
    let out = parse(include_str!("../../fixtures/parse/yaml/cloudformation.yaml"), CORE);
    clean(&out);
    let t = &out.documents[0].tree;
    let res = &t["Resources"];
    assert_eq!(t["Conditions"]["IsProd"], json!({"Fn::Equals": [{"Ref": "Env"}, "prod"]}));
    let name = json!({"Fn::Sub": "${AWS::StackName}-data"});
    assert_eq!(res["Bucket"]["Properties"]["BucketName"], name);
    assert_eq!(res["BucketPolicy"]["Properties"]["Bucket"], json!({"Ref": "Bucket"}));
    let stmt = &res["BucketPolicy"]["Properties"]["PolicyDocument"]["Statement"][0];
    let join = json!({"Fn::Join": ["", [{"Fn::GetAtt": "Bucket.Arn"}, "/*"]]});
    assert_eq!(stmt["Resource"], join);
    let arn = json!({"Value": {"Fn::GetAtt": "Bucket.Arn"}, "Condition": "IsProd"});
    assert_eq!(t["Outputs"]["Arn"], arn);
    assert_eq!(t["Outputs"]["Tagged"]["Value"], "42", "other local tags: the text");
    let p = "/Resources/BucketPolicy/Properties";
    let join = format!("{p}/PolicyDocument/Statement/0/Resource/Fn::Join/1/0");
    assert_lines(&out, 0, &[(&format!("{p}/Bucket/Ref"), 18), (&join, 25)]);
    insta::assert_yaml_snapshot!("cloudformation", view(&out));
}

#[test]
fn broken_document_keeps_the_others() {
    let out = parse(include_str!("../../fixtures/parse/yaml/broken-third.yaml"), K8S);
    let kinds: Vec<&Value> = out.documents.iter().map(|d| &d.tree["kind"]).collect();
    assert_eq!(kinds, [&json!("ConfigMap"), &json!("Secret"), &json!("Namespace")]);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    assert!(matches!(out.problems[0].line, Some(9..=10)), "{:?}", out.problems);
    assert!(out.problems[0].message.starts_with("YAML syntax error"));
    assert_lines(&out, 2, &[("/metadata/name", 14)]);
    let out = parse("a: [1, 2\n", CORE);
    assert!(out.documents.is_empty() && out.problems.len() == 1);
}

#[test]
fn anchors_merges_scalars_and_duplicates() {
    let out = parse(include_str!("../../fixtures/parse/yaml/anchors.yaml"), CORE);
    clean(&out);
    let t = &out.documents[0].tree;
    let dev = json!({"database": "dev", "adapter": "postgres", "host": "db.internal", "sslmode": "disable"});
    assert_eq!(t["development"], dev);
    assert_eq!(t["production"]["sslmode"], "require", "explicit keys win over merged ones");
    assert_eq!(t["production"]["pool"], 5);
    assert_eq!(t["ports"], json!({"80": "http", "443": "https", "true": "yes-key"}));
    let big = "12345678901234567890123";
    let flags = json!(["on", "yes", 31, 15, "1_000", big, -7, 1500.0, ".inf", null, null, "", "2"]);
    assert_eq!(t["flags"], flags);
    assert_eq!((&t["block"], &t["folded"]), (&json!("line one\nline two\n"), &json!("folded text")));
    assert_eq!((&t["dup"], &t["again"]), (&json!("first"), &json!(["a", "b"])));
    // Merged and aliased nodes cite where they were written.
    let lines = [("/development/host", 3), ("/production/pool", 6), ("/production/sslmode", 12)];
    assert_lines(&out, 0, &lines);
    assert_lines(&out, 0, &[("/again", 28), ("/again/1", 27)]);
    assert_eq!(out.warnings.len(), 1, "{:?}", out.warnings);
    assert_eq!(out.warnings[0].line, Some(26));
    insta::assert_yaml_snapshot!("anchors", view(&out));
    let yaml11 = parse("f: [on, 0b11, 1_000, 0755, 09, +0x10, Off, n]", K8S);
    assert_eq!(yaml11.documents[0].tree["f"], json!([true, 3, 1000, 493, 9.0, 16, false, false]));
    let directive = parse("%YAML 1.1\n---\nhostNetwork: yes\n", CORE);
    assert_eq!(directive.documents[0].tree["hostNetwork"], true);
}

#[test]
fn tags_and_keys() {
    let text = "b: !!str 12\nc: !!int 12\nd: !foo 5\ne: ! 5\nf: !<tag:x.org,1:t> 5\n? [a, b]\n: c\n";
    let out = parse(text, CORE);
    clean(&out);
    let want = json!({"b": "12", "c": 12, "d": "5", "e": "5", "f": 5, "[\"a\",\"b\"]": "c"});
    assert_eq!(out.documents[0].tree, want);
    let merges = "base: &b {sec: {nonRoot: true}}\npod:\n  <<: [*b, {x: 1}]\n  y: 2\n";
    let out = parse(merges, CORE);
    clean(&out);
    let want = json!({"y": 2, "sec": {"nonRoot": true}, "x": 1});
    assert_eq!(out.documents[0].tree["pod"], want);
    assert_lines(&out, 0, &[("/pod/sec/nonRoot", 1), ("/pod/x", 3), ("/pod/y", 4)]);
    for bad in ["a: *nope\n", "a: &x [*x]\n"] {
        let out = parse(bad, CORE);
        assert!(out.documents.is_empty() && out.problems.len() == 1, "{bad}: {:?}", out.problems);
    }
}

#[test]
fn billion_laughs_is_stopped() {
    let bomb = include_str!("../../fixtures/parse/yaml/billion-laughs.yaml");
    let start = std::time::Instant::now();
    let out = parse(bomb, CORE);
    assert!(start.elapsed() < std::time::Duration::from_secs(5));
    assert!(out.documents.is_empty());
    assert_eq!(out.problems, [ParseProblem::at(5, 7, BOMB)]);
    // The bomb is contained to its document.
    let out = parse(&format!("{bomb}---\nok: true\n"), CORE);
    assert_eq!(out.documents.len(), 1);
    assert_eq!(out.documents[0].tree, json!({"ok": true}));
}

#[test]
fn deep_nesting_is_a_problem_not_a_crash() {
    for deep in ["[".repeat(100_000), "- ".repeat(100_000) + "x", "{a: ".repeat(100_000)] {
        let out = parse(&deep, CORE);
        assert!(out.documents.is_empty());
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert_eq!((out.problems[0].line, out.problems[0].message.as_str()), (Some(1), DEPTH));
    }
    let ok = format!("{}1{}", "[".repeat(500), "]".repeat(500));
    assert!(parse(&ok, CORE).problems.is_empty());
    let (open, close) = ("[".repeat(300), "]".repeat(300));
    let through_alias = format!("a: &a {open}1{close}\nb: {open}*a{close}");
    let out = parse(&through_alias, CORE);
    assert_eq!(out.problems, [ParseProblem::at(2, 304, DEPTH)]);
}

#[test]
fn empty_and_comment_only_streams() {
    for text in ["", "# nothing\n", "---\n", "---\n---\n...\n"] {
        let out = parse(text, CORE);
        assert!(out.documents.is_empty() && out.problems.is_empty(), "{text:?}");
    }
    let out = parse("--- ~\n", CORE);
    assert_eq!(out.documents.len(), 1, "an explicit null is a document");
}
