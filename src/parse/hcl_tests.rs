use super::*;
use crate::parse::json::tests::{line, missing, view};
use serde_json::json;

#[test]
fn terraform_iam_with_jsonencode() {
    let out = parse(include_str!("../../fixtures/parse/hcl/iam.tf"));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let tree = &out.documents[0].tree;
    assert_eq!(tree["terraform"][0]["required_version"], ">= 1.5");
    assert_eq!(tree["provider"]["aws"]["region"], "eu-west-1");
    assert_eq!(tree["provider"]["aws (2)"]["alias"], "us");
    assert_eq!(tree["variable"]["admin_arn"]["type"], "string");
    assert_eq!(tree["variable"]["admin_arn"]["default"], Value::Null);
    assert_eq!(tree["locals"][0]["bucket"], "${var.env}-bucket");
    assert_eq!(tree["resource"]["aws_iam_user"]["alice"]["tags"]["cost-center"], 42);
    let policy = &tree["resource"]["aws_iam_policy"]["admin"]["policy"];
    assert_eq!(policy["Statement"][0], json!({"Effect": "Allow", "Action": "*", "Resource": "*"}));
    assert_eq!(policy["Statement"][1]["Resource"], "${aws_s3_bucket.b.arn}/*");
    assert_eq!(policy["Statement"][1]["Principal"]["AWS"], "var.admin_arn");
    let inline = &tree["resource"]["aws_iam_role_policy"]["inline"];
    assert_eq!(inline["role"], "aws_iam_role.r.id");
    assert_eq!(
        inline["policy"],
        r#"var.env == "prod" ? data.aws_iam_policy_document.p.json : file("${path.module}/dev.json")"#
    );
    assert_eq!(inline["heredoc"], "{\"Statement\": []}\n");
    assert_eq!(inline["user_data"], "host=${var.host}\nport=8080\n");
    let rendered = r#"templatefile("${path.module}/a.tpl", { a = 1 })"#;
    assert_eq!(inline["rendered"], rendered);
    assert_eq!(line(&out, 0, "/provider/aws (2)"), Some(9));
    assert_eq!(line(&out, 0, "/resource/aws_iam_policy/admin"), Some(38));
    assert_eq!(line(&out, 0, "/resource/aws_iam_policy/admin/policy/Statement/0/Action"), Some(45));
    assert_eq!(line(&out, 0, "/resource/aws_iam_policy/admin/policy/Statement/1/Principal/AWS"), Some(52));
    // A second `provider "aws"` block is an alias: stored under "aws (2)", without a warning.
    assert!(out.warnings.is_empty(), "{:?}", out.warnings);
    assert!(missing(&out).is_empty(), "{:?}", missing(&out));
    insta::assert_yaml_snapshot!("iam_tf", view(&out));
}

#[test]
fn nested_blocks_are_lists() {
    let out = parse(include_str!("../../fixtures/parse/hcl/security-group.tf"));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let sg = &out.documents[0].tree["resource"]["aws_security_group"]["web"];
    assert_eq!(sg["ingress"][0]["cidr_blocks"], json!(["0.0.0.0/0"]));
    assert_eq!(sg["ingress"][1]["from_port"], 22);
    assert_eq!(sg["ingress"][1]["cidr_blocks"], json!(["var.admin_cidr"]));
    assert_eq!(sg["dynamic"][0]["__labels"], json!(["egress"]));
    assert_eq!(sg["dynamic"][0]["content"][0]["from_port"], "egress.value.port");
    assert_eq!(sg["tags"], "{ for k, v in var.tags : k => upper(v) }");
    let web = "/resource/aws_security_group/web";
    assert_eq!(line(&out, 0, &format!("{web}/ingress/1")), Some(12));
    assert_eq!(line(&out, 0, &format!("{web}/ingress/1/cidr_blocks/0")), Some(16));
    assert_eq!(line(&out, 0, &format!("{web}/dynamic/0/__labels/0")), Some(19));
    assert!(missing(&out).is_empty(), "{:?}", missing(&out));
    insta::assert_yaml_snapshot!("security_group_tf", view(&out));
}

#[test]
fn vault_policy() {
    let out = parse(include_str!("../../fixtures/parse/hcl/vault-policy.hcl"));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let tree = &out.documents[0].tree;
    assert_eq!(tree["path"]["sys/*"]["capabilities"][0], "sudo");
    assert_eq!(tree["path"]["auth/token/create"]["allowed_parameters"]["*"], json!([]));
    assert_eq!(line(&out, 0, "/path/sys~1*/capabilities"), Some(7));
    assert!(missing(&out).is_empty(), "{:?}", missing(&out));
    insta::assert_yaml_snapshot!("vault_policy", view(&out));
}

#[test]
fn malformed_and_deep() {
    let out = parse(include_str!("../../fixtures/parse/hcl/malformed.tf"));
    assert!(out.documents.is_empty());
    assert_eq!(out.problems.len(), 1);
    assert_eq!(out.problems[0].line, Some(3), "{:?}", out.problems);
    let deep = format!("x = {}{}", "[".repeat(100_000), "]".repeat(100_000));
    let out = parse(&deep);
    assert_eq!(out.problems, vec![ParseProblem::at(1, 5 + 512, "HCL nesting depth exceeds 512")]);
    // Below our guard, hcl-edit's own limit answers with a parse error, not a crash.
    let out = parse(&format!("x = {}{}", "[".repeat(300), "]".repeat(300)));
    assert!(out.documents.is_empty() && out.problems.len() == 1);
    // Brackets in strings and comments do not count.
    let out = parse(&format!("# {}\nx = \"{}\" /* {} */\n", "{".repeat(600), "[".repeat(600), "(".repeat(600)));
    assert!(out.problems.is_empty(), "{:?}", out.problems);
}

#[test]
fn duplicates() {
    let out = parse("a = 1\na = 2\n");
    assert_eq!(out.problems.len(), 1, "hcl-edit rejects a redefined attribute");
    assert_eq!(out.problems[0].line, Some(2));
    let out = parse("o = {\n  k = 1\n  k = 2\n}\n");
    assert_eq!(out.problems[0].line, Some(3), "and a redefined object key");
    // Spelled differently, the same key in the tree: the first is kept.
    let out = parse("o = {\n  k = 1\n  \"k\" = 2\n}\nb = -3.5\n");
    assert_eq!(out.documents[0].tree, json!({"o": {"k": 1}, "b": -3.5}));
    assert_eq!(out.warnings.len(), 1);
    assert_eq!(out.warnings[0].line, Some(3));
}

#[test]
fn heredoc_policies_are_parsed_like_jsonencode() {
    let src = "resource \"aws_iam_policy\" \"p\" {\n  policy = <<EOF\n{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": \"*\", \"Resource\": \"*\"}]}\nEOF\n  description = <<EOF\n{not json}\nEOF\n}\n";
    let out = parse(src);
    let p = &out.documents[0].tree["resource"]["aws_iam_policy"]["p"];
    assert_eq!(p["policy"]["Statement"][0]["Action"], "*");
    assert_eq!(p["description"], "{not json}\n");
}
