//! Loading rule packs: the embedded pack and any `--rules DIR`. Raw serde first, then validation
//! into `Rule`s. Every problem in every rule is collected and reported together with
//! file:line:col, the rule id and the offending source line — a rule that does not load is a hard
//! error, never silently skipped.

pub use super::catalog::load_catalog;
use super::model::{Catalog, Rule};
use super::validate::load_rule;
pub use crate::owned_yaml::{LoadError, LoadErrors};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::path::Path as FsPath;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_rules.rs"));
}

/// Every loaded rule plus the function catalog.
#[derive(Debug, Clone)]
pub struct RuleSet {
    pub rules: Vec<Rule>,
    pub catalog: Catalog,
    /// sha256 over the catalog and every rule file: identifies the rules a report was made with.
    pub digest: String,
}

impl RuleSet {
    pub fn rule(&self, id_or_name: &str) -> Option<&Rule> {
        self.rules
            .iter()
            .find(|r| r.id == id_or_name || r.name == id_or_name || r.aliases.iter().any(|a| a == id_or_name))
    }
}

/// A rule file's text with the name it is reported under.
pub struct RuleFile {
    pub pack: String,
    pub file: String,
    pub text: String,
}

/// The embedded rule files.
pub fn builtin_files() -> Vec<RuleFile> {
    embedded::RULES
        .iter()
        .map(|(file, text)| RuleFile {
            pack: "builtin".into(),
            file: format!("rules/{file}"),
            text: (*text).to_string(),
        })
        .collect()
}

/// The rule files of a pack directory: every `rule.yaml` below it that is not inside a `tests` dir.
pub fn pack_files(dir: &FsPath) -> Result<Vec<RuleFile>, LoadErrors> {
    let fail = |msg: String| {
        LoadErrors(vec![LoadError {
            file: dir.display().to_string(),
            line: None,
            column: None,
            rule_id: None,
            message: msg,
            source_line: None,
        }])
    };
    if !dir.is_dir() {
        return Err(fail("rule pack directory does not exist or is not a directory".into()));
    }
    let mut files = Vec::new();
    for entry in walkdir_rules(dir).map_err(|e| fail(e.to_string()))? {
        let text = std::fs::read_to_string(&entry).map_err(|e| fail(format!("{}: {e}", entry.display())))?;
        let rel = entry.strip_prefix(dir).unwrap_or(&entry).to_string_lossy().replace('\\', "/");
        files.push(RuleFile { pack: dir.display().to_string(), file: format!("{}/{rel}", dir.display()), text });
    }
    if files.is_empty() {
        return Err(fail("no rule.yaml found in this rule pack".into()));
    }
    Ok(files)
}

fn walkdir_rules(dir: &FsPath) -> std::io::Result<Vec<std::path::PathBuf>> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d)? {
            let entry = entry?;
            let ft = entry.file_type()?;
            let p = entry.path();
            if ft.is_dir() && entry.file_name() != "tests" {
                stack.push(p);
            } else if ft.is_file() && entry.file_name() == "rule.yaml" {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Load the builtin pack plus `extra` packs.
pub fn load(extra: &[std::path::PathBuf]) -> Result<RuleSet, LoadErrors> {
    let mut files = builtin_files();
    let mut errors = Vec::new();
    for dir in extra {
        match pack_files(dir) {
            Ok(f) => files.extend(f),
            Err(e) => errors.extend(e.0),
        }
    }
    let catalog = load_catalog("rules/functions.yaml", embedded::CATALOG).map_err(LoadErrors);
    let catalog = match catalog {
        Ok(c) => c,
        Err(e) => {
            errors.extend(e.0);
            return Err(LoadErrors(errors));
        }
    };
    match build(files, catalog) {
        Ok(set) if errors.is_empty() => Ok(set),
        Ok(_) => Err(LoadErrors(errors)),
        Err(e) => {
            errors.extend(e.0);
            Err(LoadErrors(errors))
        }
    }
}

/// Validate `files` against `catalog` into a rule set.
pub fn build(files: Vec<RuleFile>, catalog: Catalog) -> Result<RuleSet, LoadErrors> {
    build_with(files, catalog, &[])
}

/// Like [`build`], but `contradicts:` may also name rules of `outside` (the built-in pack, when a
/// user's pack is tested on its own) without them joining the set.
pub fn build_with(files: Vec<RuleFile>, catalog: Catalog, outside: &[Rule]) -> Result<RuleSet, LoadErrors> {
    let mut errors = Vec::new();
    let mut rules = Vec::new();
    let mut hasher = Sha256::new();
    hasher.update(embedded::CATALOG.as_bytes());
    for f in &files {
        hasher.update(f.file.as_bytes());
        hasher.update(f.text.as_bytes());
        if let Some(rule) = load_rule(f, &catalog, &mut errors) {
            rules.push(rule);
        }
    }
    let mut ids: BTreeMap<&str, &str> = BTreeMap::new();
    let mut names: BTreeMap<&str, &str> = BTreeMap::new();
    for r in &rules {
        for id in std::iter::once(&r.id).chain(&r.aliases) {
            if let Some(prev) = ids.insert(id, &r.source.file) {
                errors.push(LoadError {
                    file: r.source.file.clone(),
                    line: None,
                    column: None,
                    rule_id: Some(r.id.clone()),
                    message: format!("rule id `{id}` is also used by {prev}"),
                    source_line: None,
                });
            }
        }
        if let Some(prev) = names.insert(&r.name, &r.source.file) {
            errors.push(LoadError {
                file: r.source.file.clone(),
                line: None,
                column: None,
                rule_id: Some(r.id.clone()),
                message: format!("rule name `{}` is also used by {prev}", r.name),
                source_line: None,
            });
        }
    }
    super::claims::check_claims(&mut rules, outside, &mut errors);
    if !errors.is_empty() {
        // A YAML alias reuses one predicate in several places: report its problem once.
        let mut seen = std::collections::BTreeSet::new();
        errors.retain(|e| seen.insert(e.to_string()));
        return Err(LoadErrors(errors));
    }
    rules.sort_by(|a, b| a.id.cmp(&b.id));
    let digest = hasher.finalize().iter().map(|b| format!("{b:02x}")).collect();
    Ok(RuleSet { rules, catalog, digest })
}

/// The embedded catalog text (for tests and `rules list`).
pub fn builtin_catalog_text() -> &'static str {
    embedded::CATALOG
}
