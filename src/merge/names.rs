//! Scope names. A scope's name prefixes every path, root and fingerprint of its scan in the merged
//! report (`payments:terraform/iam.tf`), so it must be short, unique and free of `:`.
//!
//! Where a name comes from, first match wins:
//! 1. `--name FILE=NAME` on the command line (used as given, after validation);
//! 2. the scan's `assessment.title`, then its `assessment.client` (from its ztmm.yaml);
//! 3. the last component of the scan's first root (`teams/payments` → `payments`; not `.`);
//! 4. the input file's stem (`payments.json` → `payments`), or its directory's name when the file
//!    is plainly `report.json` (`out/payments/report.json` → `payments`);
//! 5. `scope`.
//!
//! Derived names (2–5) are slugged: lowercased, every run of characters other than letters,
//! digits, `.` and `_` becomes one `-`. Names still shared by several inputs are told apart
//! deterministically: ordered by input path, the first keeps the name and the others get `-2`,
//! `-3`, … (skipping any name already taken), whatever order the inputs were given in.

use crate::report::Report;
use std::collections::BTreeSet;
use std::path::Path;

/// Longest derived name, in characters.
const MAX_DERIVED: usize = 48;

fn allowed(c: char) -> bool {
    c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '/')
}

/// Check a name given with `--name`.
pub fn validate(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("a scope name cannot be empty".into());
    }
    if let Some(bad) = name.chars().find(|c| !allowed(*c)) {
        return Err(format!(
            "`{name}`: a scope name is letters, digits, `.`, `_`, `-` and `/` (not {bad:?}); it prefixes paths as `{name}:path`"
        ));
    }
    Ok(())
}

/// Lowercase, keep letters, digits, `.` and `_`, turn every other run into one `-`.
pub fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() || c == '.' || c == '_' {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    if out.chars().count() > MAX_DERIVED {
        // Cut at a word boundary where there is one, not in the middle of a word.
        let cut: String = out.chars().take(MAX_DERIVED + 1).collect();
        out = match cut.rsplit_once('-') {
            Some((head, _)) if !head.is_empty() => head.to_string(),
            _ => cut.chars().take(MAX_DERIVED).collect(),
        };
    }
    out.trim_matches(|c| c == '-' || c == '.').to_string()
}

fn last_component(path: &str) -> Option<String> {
    let trimmed = path.trim_end_matches(['/', '\\']);
    let last = trimmed.rsplit(['/', '\\']).next()?;
    (!matches!(last, "" | "." | "..")).then(|| last.to_string())
}

/// The name a scan gets without `--name` (rules 2–5 of the module docs).
pub fn derive(report: &Report, file: &Path) -> String {
    let a = &report.assessment;
    let stem = file.file_stem().and_then(|s| s.to_str()).map(str::to_string);
    let from_file = match stem.as_deref() {
        Some("report") => file
            .parent()
            .map(|p| if p.as_os_str().is_empty() { Path::new(".") } else { p })
            .and_then(|p| p.canonicalize().ok())
            .and_then(|p| p.file_name().and_then(|n| n.to_str()).map(str::to_string)),
        _ => stem,
    };
    [a.title.clone(), a.client.clone(), a.roots.first().and_then(|r| last_component(r)), from_file]
        .into_iter()
        .flatten()
        .map(|t| slug(&t))
        .find(|s| !s.is_empty())
        .unwrap_or_else(|| "scope".to_string())
}

/// Make `(name, source)` pairs unique by name (see the module docs); returns the final names in
/// input order.
pub fn disambiguate(entries: &[(String, String)]) -> Vec<String> {
    let mut order: Vec<(&(String, String), usize)> = entries.iter().zip(0..).collect();
    order.sort();
    let mut taken: BTreeSet<String> = entries.iter().map(|(name, _)| name.clone()).collect();
    let mut kept: BTreeSet<&str> = BTreeSet::new();
    let mut out: Vec<(usize, String)> = Vec::with_capacity(entries.len());
    for ((name, _), i) in order {
        if kept.insert(name.as_str()) {
            out.push((i, name.clone()));
            continue;
        }
        let unique = (2..)
            .map(|n| format!("{name}-{n}"))
            .find(|candidate| !taken.contains(candidate))
            .unwrap_or_else(|| name.clone());
        taken.insert(unique.clone());
        out.push((i, unique));
    }
    out.sort();
    out.into_iter().map(|(_, name)| name).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
        list.iter().map(|(n, s)| ((*n).to_string(), (*s).to_string())).collect()
    }

    #[test]
    fn slugs_are_short_lowercase_and_colon_free() {
        assert_eq!(slug("Zero Trust Maturity Baseline, Q1"), "zero-trust-maturity-baseline-q1");
        assert_eq!(slug("ACME: prod / eu-west-1"), "acme-prod-eu-west-1");
        assert_eq!(slug("  --  "), "");
        assert!(slug(&"x".repeat(200)).chars().count() <= MAX_DERIVED);
        assert_eq!(
            slug("Zero Trust Maturity Assessment FY2026 - CDE platform, EU region"),
            "zero-trust-maturity-assessment-fy2026-cde"
        );
        assert!(validate("team-payments").is_ok());
        assert!(validate("aws/123456789012").is_ok());
        assert!(validate("a:b").is_err());
        assert!(validate("two words").is_err());
        assert!(validate("").is_err());
    }

    #[test]
    fn duplicates_get_suffixes_by_path_whatever_the_input_order() {
        let a = disambiguate(&pairs(&[("web", "b/report.json"), ("web", "a/report.json"), ("web-2", "c.json")]));
        assert_eq!(a, ["web-3", "web", "web-2"]);
        let b = disambiguate(&pairs(&[("web-2", "c.json"), ("web", "a/report.json"), ("web", "b/report.json")]));
        assert_eq!(b, ["web-2", "web", "web-3"]);
        assert_eq!(disambiguate(&pairs(&[("x", "1"), ("y", "2")])), ["x", "y"]);
    }

    #[test]
    fn the_last_root_component_names_a_scope() {
        assert_eq!(last_component("teams/payments/").as_deref(), Some("payments"));
        assert_eq!(last_component("."), None);
        assert_eq!(last_component("C:\\estates\\shop").as_deref(), Some("shop"));
    }
}
