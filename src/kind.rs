//! Input kinds: what a scanned file is. Classification assigns one per file (DESIGN.md §2); rules
//! name the kinds that make them applicable. The ids are public (`applies_to`, report inventory).

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! kinds {
    ($( $variant:ident = $id:literal, $log:literal, $what:literal; )*) => {
        /// What a scanned file is.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
        pub enum Kind {
            $( #[serde(rename = $id)] $variant, )*
        }

        impl Kind {
            pub const ALL: &'static [Kind] = &[ $( Kind::$variant, )* ];

            pub fn id(self) -> &'static str {
                match self { $( Kind::$variant => $id, )* }
            }

            /// True for log kinds, which are streamed as events rather than parsed as documents.
            pub fn is_log(self) -> bool {
                match self { $( Kind::$variant => $log, )* }
            }

            /// A short human description, used in inventories and `missing_inputs`.
            pub fn describe(self) -> &'static str {
                match self { $( Kind::$variant => $what, )* }
            }

            pub fn parse(s: &str) -> Option<Kind> {
                match s { $( $id => Some(Kind::$variant), )* _ => None }
            }
        }
    };
}

kinds! {
    K8s = "k8s", false, "Kubernetes-style object (incl. Istio, Kyverno, Gatekeeper, Teleport kind: docs)";
    K8sAuditPolicy = "k8s-audit-policy", false, "Kubernetes audit Policy";
    K8sEncryptionConfig = "k8s-encryption-config", false, "Kubernetes EncryptionConfiguration";
    Terraform = "terraform", false, "Terraform configuration (.tf, .tf.json)";
    VaultPolicy = "vault-policy", false, "HashiCorp Vault ACL policy (HCL)";
    IamPolicy = "iam-policy", false, "AWS IAM policy document (JSON)";
    Cloudformation = "cloudformation", false, "AWS CloudFormation template";
    SshdConfig = "sshd-config", false, "OpenSSH sshd_config";
    Sudoers = "sudoers", false, "sudoers policy";
    PgHba = "pg-hba", false, "PostgreSQL pg_hba.conf";
    PostgresqlConf = "postgresql-conf", false, "postgresql.conf";
    FluentBit = "fluent-bit", false, "Fluent Bit configuration";
    Vector = "vector", false, "Vector configuration";
    Rsyslog = "rsyslog", false, "rsyslog configuration";
    FalcoRules = "falco-rules", false, "Falco rules";
    PrometheusRules = "prometheus-rules", false, "Prometheus alerting rules";
    OktaExport = "okta-export", false, "Okta policy export";
    EntraExport = "entra-export", false, "Microsoft Entra conditional-access export";
    Teleport = "teleport", false, "Teleport configuration or role";
    CiWorkflow = "ci-workflow", false, "CI workflow (GitHub Actions, GitLab CI)";
    GenericYaml = "generic-yaml", false, "YAML file of no specific kind";
    GenericJson = "generic-json", false, "JSON file of no specific kind";
    K8sAuditLog = "k8s-audit-log", true, "Kubernetes audit log";
    CloudtrailLog = "cloudtrail-log", true, "AWS CloudTrail log";
    AuthLog = "auth-log", true, "Linux auth.log / secure";
    PostgresLog = "postgres-log", true, "PostgreSQL server log";
    VaultAuditLog = "vault-audit-log", true, "Vault audit device log";
    TeleportAuditLog = "teleport-audit-log", true, "Teleport audit events";
    OktaSystemLog = "okta-system-log", true, "Okta System Log events (JSON array or lines)";
    JsonLog = "json-log", true, "JSON-lines log";
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
