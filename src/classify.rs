//! classify: decide what a file is from its name and first bytes, then refine YAML/JSON documents
//! by content (`apiVersion`/`kind`, `Statement`, `AWSTemplateFormatVersion`…). Table-driven and
//! unit-tested: a wrong kind silently disables every rule for that file.

use crate::kind::Kind;
use crate::parse::Syntax;
use serde_json::Value;

/// What classification decided before parsing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Class {
    /// A config to parse with `syntax`; `kind` is `None` when content decides after parsing.
    Config { syntax: Syntax, kind: Option<Kind> },
    /// A log to stream as events.
    Log { kind: Kind, gzip: bool },
    /// Not something ztmm reads; the reason is shown in the inventory.
    Unknown { reason: &'static str },
}

fn file_name(rel: &str) -> &str {
    rel.rsplit('/').next().unwrap_or(rel)
}

fn in_dir(rel: &str, dir: &str) -> bool {
    rel.split('/').rev().skip(1).any(|c| c == dir)
}

/// The class of a file whose kind the assessment file forces (`kinds:` globs).
pub fn forced(kind: Kind, gzip: bool) -> Class {
    if kind.is_log() {
        return Class::Log { kind, gzip };
    }
    let syntax = match kind {
        Kind::Terraform | Kind::VaultPolicy => Syntax::Hcl,
        Kind::SshdConfig => Syntax::Sshd,
        Kind::Sudoers => Syntax::Sudoers,
        Kind::PgHba => Syntax::PgHba,
        Kind::PostgresqlConf => Syntax::PgConf,
        Kind::FluentBit => Syntax::FluentBit,
        Kind::Rsyslog => Syntax::Rsyslog,
        Kind::IamPolicy | Kind::GenericJson | Kind::EntraExport => Syntax::Json,
        _ => Syntax::Yaml,
    };
    Class::Config { syntax, kind: Some(kind) }
}

/// Classify by name and the first bytes (`head`, already gunzipped for `.gz`).
pub fn classify(rel: &str, head: &[u8]) -> Class {
    let name = file_name(rel).to_ascii_lowercase();
    let lower_rel = rel.to_ascii_lowercase();
    let (base, gzip) = match name.strip_suffix(".gz") {
        Some(b) => (b.to_string(), true),
        None => (name.clone(), false),
    };
    let cfg = |syntax, kind| Class::Config { syntax, kind: Some(kind) };
    if !gzip {
        if base == "sshd_config"
            || (in_dir(&lower_rel, "sshd_config.d") && base.ends_with(".conf"))
            || base.ends_with(".sshd_config")
        {
            return cfg(Syntax::Sshd, Kind::SshdConfig);
        }
        if base == "sudoers" || base.starts_with("sudoers.") || in_dir(&lower_rel, "sudoers.d") {
            return cfg(Syntax::Sudoers, Kind::Sudoers);
        }
        if base == "pg_hba.conf" || (base.contains("pg_hba") && base.ends_with(".conf")) {
            return cfg(Syntax::PgHba, Kind::PgHba);
        }
        if base == "postgresql.conf"
            || base == "postgresql.auto.conf"
            || (base.contains("postgresql") && base.ends_with(".conf"))
        {
            return cfg(Syntax::PgConf, Kind::PostgresqlConf);
        }
        if (base.contains("fluent-bit") || base.contains("fluentbit") || base.starts_with("td-agent-bit"))
            && base.ends_with(".conf")
        {
            return cfg(Syntax::FluentBit, Kind::FluentBit);
        }
        if base == "rsyslog.conf" || (in_dir(&lower_rel, "rsyslog.d") && base.ends_with(".conf")) {
            return cfg(Syntax::Rsyslog, Kind::Rsyslog);
        }
        if base.ends_with(".tf") {
            return cfg(Syntax::Hcl, Kind::Terraform);
        }
        if base.ends_with(".tf.json") {
            return cfg(Syntax::Json, Kind::Terraform);
        }
        if base.ends_with(".hcl") {
            let text = String::from_utf8_lossy(head);
            return if text.contains("path \"") || text.contains("path  \"") {
                cfg(Syntax::Hcl, Kind::VaultPolicy)
            } else {
                Class::Unknown {
                    reason: "HCL file that is neither Terraform (.tf) nor a Vault policy (no `path` blocks)",
                }
            };
        }
        if base.ends_with(".toml") {
            // TOML is read only for Vector; Cargo.toml, pyproject.toml and friends say nothing
            // about zero trust.
            let text = String::from_utf8_lossy(head);
            let vector_tables = ["[sources.", "[sinks.", "[transforms."].iter().any(|t| text.contains(t));
            return if base.contains("vector") || vector_tables {
                cfg(Syntax::Toml, Kind::Vector)
            } else {
                Class::Unknown { reason: "TOML file that is not a Vector configuration (no [sources.*]/[sinks.*])" }
            };
        }
        if (lower_rel.contains(".github/workflows/") && (base.ends_with(".yml") || base.ends_with(".yaml")))
            || base == ".gitlab-ci.yml"
        {
            return cfg(Syntax::Yaml, Kind::CiWorkflow);
        }
    }
    let is_log_name = base.ends_with(".log")
        || base.ends_with(".jsonl")
        || base.ends_with(".ndjson")
        || base.starts_with("auth.log")
        || base == "secure"
        || base.starts_with("secure.")
        || base.starts_with("secure-")
        || base.contains(".log.")
        // Captured output (`nohup.out`, a psql session with pgaudit notices) is sniffed like a log.
        || base.ends_with(".out")
        || in_dir(&lower_rel, "logs")
        || in_dir(&lower_rel, "log");
    if (base.ends_with(".yaml") || base.ends_with(".yml")) && !gzip {
        if is_go_template(head) {
            return Class::Unknown {
                reason: "Go/Helm template, not YAML: render it (e.g. `helm template`) and scan the output",
            };
        }
        return Class::Config { syntax: Syntax::Yaml, kind: None };
    }
    // PostgreSQL csvlog files are `postgresql-<date>.csv`; any CSV is sniffed for its format.
    if base.ends_with(".json") || base.ends_with(".template") || base.ends_with(".csv") || is_log_name || gzip {
        if let Some(kind) = sniff_log(head) {
            // One object on one line in a `.json` file is a minified config (an IAM policy, a
            // manifest from `kubectl get -o json | jq -c`), not a JSON-lines log of one event.
            if kind != Kind::JsonLog || is_log_name || gzip || json_lines(head) {
                return Class::Log { kind, gzip };
            }
        }
        if base.ends_with(".json") && !gzip {
            return Class::Config { syntax: Syntax::Json, kind: None };
        }
        if is_log_name || gzip {
            return Class::Unknown { reason: "log file in an unrecognised format" };
        }
    }
    Class::Unknown { reason: "unrecognised file type" }
}

/// Helm and other Go-template sources look like YAML but are not until rendered.
fn is_go_template(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    ["{{-", "{{ .", "{{ include", "{{ if", "{{ template", "{{ range", "{{ toYaml", "{{ with", "{{ define"]
        .iter()
        .any(|m| text.contains(m))
}

/// Log formats are recognised by the log readers' own sniffing.
pub use crate::logs::sniff::sniff_log;

/// The longest UTF-8 prefix of `head`.
pub(crate) fn valid_prefix(head: &[u8]) -> &str {
    match std::str::from_utf8(head) {
        Ok(t) => t,
        Err(e) => std::str::from_utf8(&head[..e.valid_up_to()]).unwrap_or(""),
    }
}

/// The first non-empty line of `head`.
pub(crate) fn first_line(head: &[u8]) -> &str {
    valid_prefix(head).lines().map(str::trim).find(|l| !l.is_empty()).unwrap_or("")
}

/// At least two of the first non-empty lines are JSON objects: JSON lines, not one JSON value.
fn json_lines(head: &[u8]) -> bool {
    let mut lines = valid_prefix(head).lines().map(str::trim).filter(|l| !l.is_empty()).take(2);
    lines.by_ref().filter(|l| l.starts_with('{')).count() == 2
}

/// Refine the kind of a parsed YAML/JSON document by its content.
pub fn refine(rel: &str, tree: &Value) -> Kind {
    let lower = rel.to_ascii_lowercase();
    let s = |k: &str| tree.get(k).and_then(Value::as_str);
    if let Value::Object(map) = tree {
        let api = s("apiVersion").unwrap_or("");
        let kind = s("kind").unwrap_or("");
        if !api.is_empty() && !kind.is_empty() {
            return match (kind, api) {
                ("Policy", a) if a.starts_with("audit.k8s.io/") => Kind::K8sAuditPolicy,
                ("EncryptionConfiguration" | "EncryptionConfig", _) => Kind::K8sEncryptionConfig,
                _ => Kind::K8s,
            };
        }
        if !kind.is_empty() && map.contains_key("version") && map.contains_key("spec") {
            // Teleport resources: `kind: role`, `version: v7`.
            return Kind::Teleport;
        }
        if map.contains_key("teleport") || map.contains_key("auth_service") || map.contains_key("proxy_service") {
            return Kind::Teleport;
        }
        if map.contains_key("Statement") {
            return Kind::IamPolicy;
        }
        // Vault accepts ACL policies as JSON too: the same `path` map as the HCL form.
        if map.get("path").and_then(Value::as_object).is_some_and(|paths| {
            !paths.is_empty() && paths.values().all(|p| p.get("capabilities").is_some() || p.get("policy").is_some())
        }) {
            return Kind::VaultPolicy;
        }
        if map.contains_key("AWSTemplateFormatVersion")
            || map.get("Resources").and_then(Value::as_object).is_some_and(|r| {
                r.values().any(|v| v.get("Type").and_then(Value::as_str).is_some_and(|t| t.starts_with("AWS::")))
            })
        {
            return Kind::Cloudformation;
        }
        // Vector: a whole pipeline, or one of the per-component files Vector merges from a
        // config directory (`vector/sinks.yaml` holds only `sinks:`).
        let vector_parts = ["sources", "sinks", "transforms"].iter().filter(|k| map.contains_key(**k)).count();
        if (map.contains_key("sources") && map.contains_key("sinks")) || (vector_parts > 0 && lower.contains("vector"))
        {
            return Kind::Vector;
        }
        if map.get("pipeline").is_some_and(|p| p.get("inputs").is_some() || p.get("outputs").is_some()) {
            return Kind::FluentBit;
        }
        if map.get("groups").and_then(Value::as_array).is_some_and(|g| g.iter().any(|x| x.get("rules").is_some())) {
            return Kind::PrometheusRules;
        }
        if is_entra(tree) || map.get("value").and_then(Value::as_array).is_some_and(|v| v.iter().any(is_entra)) {
            return Kind::EntraExport;
        }
        if is_okta(tree) || lower.contains("okta") && (map.contains_key("policies") || map.contains_key("rules")) {
            return Kind::OktaExport;
        }
        if map.contains_key("jobs") && (map.contains_key("on") || map.contains_key("true")) {
            return Kind::CiWorkflow;
        }
    }
    if let Value::Array(items) = tree {
        const FALCO_KEYS: [&str; 5] = ["rule", "macro", "list", "required_engine_version", "required_plugin_versions"];
        // Every item is a Falco entry, and at least one carries Falco's content (`condition` or
        // `items`): a list of `{rule: ...}` records alone is not a rules file.
        if !items.is_empty()
            && items.iter().all(|i| FALCO_KEYS.iter().any(|k| i.get(k).is_some()))
            && items.iter().any(|i| i.get("condition").is_some() || i.get("items").is_some())
        {
            return Kind::FalcoRules;
        }
        if items.iter().any(is_okta) {
            return Kind::OktaExport;
        }
        if items.iter().any(is_entra) {
            return Kind::EntraExport;
        }
    }
    if lower.ends_with(".json") {
        Kind::GenericJson
    } else {
        Kind::GenericYaml
    }
}

fn is_entra(v: &Value) -> bool {
    v.get("conditions").is_some() && (v.get("grantControls").is_some() || v.get("sessionControls").is_some())
}

fn is_okta(v: &Value) -> bool {
    // Policy types, plus the types of their rules (`SIGN_ON` rules of the `OKTA_SIGN_ON` global
    // session policy) as `GET /api/v1/policies/{id}/rules` returns them.
    let policy_or_rule = matches!(
        v.get("type").and_then(Value::as_str),
        Some(
            "OKTA_SIGN_ON"
                | "SIGN_ON"
                | "ACCESS_POLICY"
                | "MFA_ENROLL"
                | "PASSWORD"
                | "PROFILE_ENROLLMENT"
                | "IDP_DISCOVERY"
                | "ENTITY_RISK"
                | "POST_AUTH_SESSION"
        )
    ) && (v.get("_links").is_some() || v.get("conditions").is_some() || v.get("system").is_some());
    policy_or_rule || is_okta_device_assurance(v)
}

/// An Okta device assurance policy (`GET /api/v1/device-assurances`).
fn is_okta_device_assurance(v: &Value) -> bool {
    matches!(v.get("platform").and_then(Value::as_str), Some("WINDOWS" | "MACOS" | "IOS" | "ANDROID" | "CHROMEOS"))
        && ["osVersion", "diskEncryptionType", "screenLockType", "secureHardwarePresent", "jailbreak"]
            .iter()
            .any(|k| v.get(k).is_some())
}

#[cfg(test)]
#[path = "classify_tests.rs"]
mod tests;
