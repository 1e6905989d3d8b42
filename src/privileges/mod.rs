//! The standing-privilege inventory (DESIGN.md §8 `privileges[]`): every admin-level grant the
//! scanned configs make, one entry per principal × grant, with the line that makes it, whether it
//! is standing (permanent) and whether a just-in-time path to the same privilege exists; then,
//! when logs were scanned, what each principal actually did with it.
//!
//! Per file (in parallel, from the documents the scan already parsed) the extractors keep only a
//! compact [`FileFacts`]: finished grants for self-contained formats (sudoers, pg_hba, Vault) and
//! the pieces that need other files (Kubernetes roles and bindings, Terraform/CloudFormation IAM
//! resources and references, Teleport roles). Facts are merged in path order, joined once after
//! the scan ([`join`]) and matched against the usage the log readers accumulated ([`usage`],
//! [`matching`]). Nothing here re-reads a file.

mod cloudformation;
mod events;
mod iam_join;
mod iam_policy;
pub mod join;
mod kubernetes;
pub mod matching;
mod pg_hba;
mod sudo;
mod teleport;
mod terraform;
pub mod usage;
mod vault;

use crate::document::Document;
use crate::kind::Kind;
use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use iam_join::IamFacts;
pub use kubernetes::K8sFacts;
pub use teleport::TeleportFacts;
pub use usage::UsageAcc;

/// The system a grant belongs to; usage is matched within one system only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum System {
    Kubernetes,
    Aws,
    Sudo,
    Postgresql,
    Vault,
    Teleport,
}

impl System {
    pub fn label(self) -> &'static str {
        match self {
            System::Kubernetes => "Kubernetes RBAC",
            System::Aws => "AWS IAM",
            System::Sudo => "sudo",
            System::Postgresql => "PostgreSQL",
            System::Vault => "Vault",
            System::Teleport => "Teleport",
        }
    }

    /// The log kind whose events show this system's principals at work, if ztmm reads one.
    pub fn usage_log(self) -> Option<Kind> {
        match self {
            System::Kubernetes => Some(Kind::K8sAuditLog),
            System::Aws => Some(Kind::CloudtrailLog),
            System::Sudo => Some(Kind::AuthLog),
            System::Vault => Some(Kind::VaultAuditLog),
            System::Postgresql | System::Teleport => None,
        }
    }
}

/// One admin-level grant, before usage is matched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Grant {
    pub system: System,
    pub principal: String,
    pub path: String,
    pub line: Option<u32>,
    pub grant: String,
    pub scope: String,
    pub standing: bool,
    pub jit_path: bool,
    /// Why `standing` and `jit_path` are what they are.
    pub basis: String,
    /// The granted actions as patterns usage can be matched against (`*` wildcards); empty when
    /// the grant cannot be enumerated, so no `unused` list is made for it.
    pub items: Vec<String>,
    /// Members of a group principal, as resolved in the scan (IAM groups).
    pub members: Vec<String>,
    /// False when what the grant holds is defined outside the scan (an attached policy that is
    /// not in it): listed so it is not lost, but not counted as a confirmed admin grant.
    pub resolved: bool,
}

impl Grant {
    /// A resolved, standing grant without a JIT path; extractors adjust the rest.
    pub fn standing(system: System, principal: String, doc: &Document, pointer: &str) -> Grant {
        Grant {
            system,
            principal,
            path: doc.path.clone(),
            line: line(doc, pointer),
            grant: String::new(),
            scope: String::new(),
            standing: true,
            jit_path: false,
            basis: String::new(),
            items: Vec::new(),
            members: Vec::new(),
            resolved: true,
        }
    }
}

/// What one file contributes to the inventory: finished grants plus the pieces a cross-file join
/// needs. Compact by construction: only admin-capable roles and policies are kept in full.
#[derive(Debug, Default)]
pub struct FileFacts {
    pub grants: Vec<Grant>,
    pub k8s: K8sFacts,
    pub iam: IamFacts,
    pub teleport: TeleportFacts,
}

impl FileFacts {
    pub fn is_empty(&self) -> bool {
        self.grants.is_empty() && self.k8s.is_empty() && self.iam.is_empty() && self.teleport.is_empty()
    }

    /// Append `other` (files are merged in path order, so the result is deterministic).
    pub fn merge(&mut self, other: FileFacts) {
        self.grants.extend(other.grants);
        self.k8s.merge(other.k8s);
        self.iam.merge(other.iam);
        self.teleport.merge(other.teleport);
    }
}

/// Extract the privilege facts of one file's documents.
pub fn extract(docs: &[Document]) -> FileFacts {
    let mut facts = FileFacts::default();
    for doc in docs {
        match doc.kind {
            Kind::K8s | Kind::Teleport => {
                kubernetes::extract(doc, &mut facts.k8s);
                teleport::extract(doc, &mut facts.teleport);
            }
            Kind::Sudoers => sudo::extract(doc, &mut facts.grants),
            Kind::PgHba => pg_hba::extract(doc, &mut facts.grants),
            Kind::VaultPolicy => vault::extract_policy_file(doc, &mut facts.grants),
            Kind::Terraform => terraform::extract(doc, &mut facts),
            Kind::IamPolicy => iam_join::extract_policy_file(doc, &mut facts.iam),
            Kind::Cloudformation => cloudformation::extract(doc, &mut facts.iam),
            _ => {}
        }
    }
    facts
}

/// The 1-based line of `pointer` (or its nearest ancestor with a position) in `doc`.
pub(crate) fn line(doc: &Document, pointer: &str) -> Option<u32> {
    doc.spans.lookup(pointer).map(|p| p.line)
}

/// A string, or every string of an array (`"a"` and `["a", "b"]` are both common).
pub(crate) fn strings(v: Option<&Value>) -> Vec<String> {
    match v {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).map(str::to_string).collect(),
        _ => Vec::new(),
    }
}

pub(crate) fn str_at<'a>(v: &'a Value, pointer: &str) -> Option<&'a str> {
    v.pointer(pointer).and_then(Value::as_str)
}

/// The last `/`-separated segment of a path, without its extension (`iam/Admin.json` → `Admin`).
pub(crate) fn file_stem(path: &str) -> &str {
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.rfind('.') {
        Some(i) if i > 0 => &name[..i],
        _ => name,
    }
}

/// The directory of a scan-relative path (`terraform/iam.tf` → `terraform`; `main.tf` → ``).
pub(crate) fn dir_of(path: &str) -> &str {
    path.rfind('/').map_or("", |i| &path[..i])
}

/// Documents as the scan would hand them to the extractors, for unit tests.
#[cfg(test)]
pub(crate) fn test_docs(syntax: crate::parse::Syntax, kind: Kind, path: &str, text: &str) -> Vec<Document> {
    let yaml = crate::parse::YamlOptions { yaml_1_1_booleans: kind == Kind::K8s };
    crate::parse::parse(syntax, text, yaml)
        .documents
        .into_iter()
        .enumerate()
        .map(|(ordinal, d)| Document { kind, path: path.into(), ordinal, tree: d.tree, spans: d.spans })
        .collect()
}
