use super::*;
use serde_json::json;

fn kind_of(rel: &str, head: &str) -> Class {
    classify(rel, head.as_bytes())
}

#[test]
fn host_configs_by_name() {
    let table = [
        ("etc/ssh/sshd_config", Kind::SshdConfig),
        ("etc/ssh/sshd_config.d/50-cloud.conf", Kind::SshdConfig),
        ("etc/sudoers", Kind::Sudoers),
        ("etc/sudoers.d/90-ops", Kind::Sudoers),
        ("db/pg_hba.conf", Kind::PgHba),
        ("db/postgresql.conf", Kind::PostgresqlConf),
        ("logging/fluent-bit.conf", Kind::FluentBit),
        ("etc/rsyslog.conf", Kind::Rsyslog),
        ("etc/rsyslog.d/60-forward.conf", Kind::Rsyslog),
        ("infra/main.tf", Kind::Terraform),
        ("infra/main.tf.json", Kind::Terraform),
        (".github/workflows/deploy.yml", Kind::CiWorkflow),
    ];
    for (rel, want) in table {
        match kind_of(rel, "") {
            Class::Config { kind: Some(k), .. } => assert_eq!(k, want, "{rel}"),
            other => panic!("{rel}: {other:?}"),
        }
    }
}

#[test]
fn vault_policy_needs_path_blocks() {
    assert_eq!(
        kind_of("vault/admin.hcl", "path \"sys/*\" {\n capabilities = [\"sudo\"]\n}"),
        Class::Config { syntax: Syntax::Hcl, kind: Some(Kind::VaultPolicy) }
    );
    assert!(matches!(kind_of("vault/server.hcl", "storage \"raft\" {}"), Class::Unknown { .. }));
}

#[test]
fn logs_by_content() {
    let k8s = r#"{"kind":"Event","apiVersion":"audit.k8s.io/v1","level":"Metadata","auditID":"x"}"#;
    assert_eq!(kind_of("logs/kube-audit.log", k8s), Class::Log { kind: Kind::K8sAuditLog, gzip: false });
    assert_eq!(
        kind_of("ct/trail.json", "{\"Records\": [{\"eventVersion\": \"1.08\"}]}"),
        Class::Log { kind: Kind::CloudtrailLog, gzip: false }
    );
    let auth = "Mar  3 10:15:01 web1 sshd[812]: Accepted password for root from 203.0.113.9 port 52144 ssh2";
    assert_eq!(kind_of("var/log/auth.log", auth), Class::Log { kind: Kind::AuthLog, gzip: false });
    assert_eq!(
        kind_of("app/events.jsonl", r#"{"ts":"2026-01-01","user":"a"}"#),
        Class::Log { kind: Kind::JsonLog, gzip: false }
    );
    assert!(matches!(kind_of("var/log/messages.log", "random text"), Class::Unknown { .. }));
}

#[test]
fn yaml_and_json_are_refined_by_content() {
    assert_eq!(refine("a.yaml", &json!({"apiVersion": "v1", "kind": "Service"})), Kind::K8s);
    assert_eq!(
        refine("a.yaml", &json!({"apiVersion": "audit.k8s.io/v1", "kind": "Policy", "rules": []})),
        Kind::K8sAuditPolicy
    );
    assert_eq!(
        refine("a.yaml", &json!({"apiVersion": "apiserver.config.k8s.io/v1", "kind": "EncryptionConfiguration"})),
        Kind::K8sEncryptionConfig
    );
    assert_eq!(refine("p.json", &json!({"Version": "2012-10-17", "Statement": []})), Kind::IamPolicy);
    assert_eq!(refine("t.yaml", &json!({"AWSTemplateFormatVersion": "2010-09-09"})), Kind::Cloudformation);
    assert_eq!(refine("r.yaml", &json!({"kind": "role", "version": "v7", "spec": {}})), Kind::Teleport);
    assert_eq!(
        refine("f.yaml", &json!([{"rule": "x", "condition": "spawned_process"}, {"macro": "y", "condition": "z"}])),
        Kind::FalcoRules
    );
    assert_eq!(refine("expected.yaml", &json!([{"rule": "ZT-ID-001", "line": 3}])), Kind::GenericYaml);
    assert_eq!(refine("x.yaml", &json!({"foo": 1})), Kind::GenericYaml);
    assert_eq!(refine("x.json", &json!({"foo": 1})), Kind::GenericJson);
}

#[test]
fn a_minified_json_config_is_not_a_log() {
    let policy = r#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
    let crb = r#"{"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding"}"#;
    for (rel, head) in [("iam/policy.json", policy.to_string()), ("k8s/crb.json", format!("{crb}\n"))] {
        assert_eq!(kind_of(rel, &head), Class::Config { syntax: Syntax::Json, kind: None }, "{rel}");
    }
    // Two or more object lines are JSON lines, whatever the extension; a log name decides alone.
    let two = format!("{crb}\n{crb}\n");
    assert_eq!(kind_of("export/events.json", &two), Class::Log { kind: Kind::JsonLog, gzip: false });
    assert_eq!(kind_of("app/events.jsonl", crb), Class::Log { kind: Kind::JsonLog, gzip: false });
}

#[test]
fn a_log_whose_first_line_outruns_the_head_is_still_a_log() {
    // The head holds only the start of a 50 MB line: no closing brace, no newline.
    let head = format!("{{\"msg\":\"{}", "x".repeat(1000));
    assert_eq!(kind_of("logs/app.log", &head), Class::Log { kind: Kind::JsonLog, gzip: false });
    assert_eq!(kind_of("big.json", &head), Class::Config { syntax: Syntax::Json, kind: None });
}

#[test]
fn templates_and_lookalikes_are_not_misread() {
    let helm = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n";
    assert!(
        matches!(kind_of("chart/templates/deployment.yaml", helm), Class::Unknown { reason } if reason.contains("Helm"))
    );
    // `securetty` is not `secure`, and a Jinja line is not a JSON event.
    assert!(matches!(
        kind_of("templates/etc/securetty.j2", "{{ ansible_managed | comment }}\nconsole\n"),
        Class::Unknown { .. }
    ));
    assert_eq!(
        kind_of(
            "var/log/secure",
            "Mar  3 10:15:01 web1 sshd[812]: Accepted publickey for a from 10.0.0.1 port 1 ssh2\n"
        ),
        Class::Log { kind: Kind::AuthLog, gzip: false }
    );
}

#[test]
fn kubernetes_audit_events_without_an_audit_id_are_still_audit_logs() {
    let ev = r#"{"kind": "Event", "apiVersion": "audit.k8s.io/v1", "verb": "create", "user": {"username": "admin@example.com"}}"#;
    assert_eq!(kind_of("eks/audit.jsonl", ev), Class::Log { kind: Kind::K8sAuditLog, gzip: false });
}

#[test]
fn toml_is_read_only_for_vector() {
    let vector = Class::Config { syntax: Syntax::Toml, kind: Some(Kind::Vector) };
    assert_eq!(kind_of("etc/vector/vector.toml", "data_dir = \"/var/lib/vector\"\n"), vector);
    assert_eq!(kind_of("logging/shipper.toml", "[sources.auth]\ntype = \"file\"\n"), vector);
    assert!(matches!(kind_of("Cargo.toml", "[package]\nname = \"x\"\n"), Class::Unknown { .. }));
    assert!(matches!(kind_of("pyproject.toml", "[tool.ruff]\n"), Class::Unknown { .. }));
}

#[test]
fn vector_yaml_whole_or_split_per_component() {
    let whole = json!({"sources": {"auth": {"type": "file"}}, "sinks": {"out": {"type": "loki"}}});
    assert_eq!(refine("observability/shipper.yaml", &whole), Kind::Vector);
    let sinks_only = json!({"sinks": {"out": {"type": "loki", "inputs": ["auth"]}}});
    assert_eq!(refine("etc/vector/sinks.yaml", &sinks_only), Kind::Vector);
    // Outside a vector path, a lone `sinks:` map is just YAML.
    assert_eq!(refine("app/config.yaml", &sinks_only), Kind::GenericYaml);
}

#[test]
fn okta_rule_lists_and_device_assurances() {
    let sign_on_rules = json!([{
        "id": "0pr1", "type": "SIGN_ON", "status": "ACTIVE", "name": "Default rule",
        "conditions": {"network": {"connection": "ANYWHERE"}},
        "actions": {"signon": {"access": "ALLOW", "session": {"maxSessionLifetimeMinutes": 0}}}
    }]);
    assert_eq!(refine("okta/signon-rules.json", &sign_on_rules), Kind::OktaExport);
    let assurances = json!([{
        "id": "dae1", "name": "macOS managed", "platform": "MACOS",
        "osVersion": {"minimum": "14.4.0"}, "diskEncryptionType": {"include": ["ALL_INTERNAL_VOLUMES"]},
        "screenLockType": {"include": ["BIOMETRIC"]}
    }]);
    assert_eq!(refine("exports/device-assurances.json", &assurances), Kind::OktaExport);
    // A JSON list of things that merely have a `type` is not Okta.
    assert_eq!(refine("data/items.json", &json!([{"type": "SIGN_ON"}])), Kind::GenericJson);
}

#[test]
fn vault_policies_written_as_json() {
    let policy = json!({"path": {"secret/data/app/*": {"capabilities": ["read"]}, "sys/*": {"policy": "deny"}}});
    assert_eq!(refine("vault/policies/app.json", &policy), Kind::VaultPolicy);
    assert_eq!(refine("config/routes.json", &json!({"path": {"/api": {"handler": "x"}}})), Kind::GenericJson);
}
