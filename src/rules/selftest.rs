//! The fixture harness behind `cargo test` and `ztmm rules test [DIR]`. Every rule must ship at
//! least one pass and one fail fixture under `tests/pass/**` and `tests/fail/**` (realistic file
//! names: classification depends on them). Each fixture file runs alone through the real
//! per-file pipeline with only its rule loaded:
//! - a pass fixture must make the rule `pass` (not merely "not fail": a fixture the rule does not
//!   even apply to proves nothing);
//! - a fail fixture must make it `fail` with findings on exactly the annotated lines:
//!   `# ruleid: ID` on the line above each offending line, `# ok: ID` above lines that must not
//!   be flagged; formats without comments use a sidecar `expected.yaml`
//!   (`- {file: name, rule: ID, line: N}`; `line: null` for a finding without a location).

use super::eval::decide;
use super::load::{build, build_with, builtin_files, pack_files, LoadErrors, RuleFile};
use super::model::Catalog;
use crate::discover::Candidate;
use crate::model::Verdict;
use crate::scan::{process, FileOptions};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

#[derive(Debug, Default)]
pub struct SelfTest {
    pub rules: usize,
    pub cases: usize,
    pub failures: Vec<String>,
}

impl SelfTest {
    pub fn ok(&self) -> bool {
        self.failures.is_empty()
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.file_name().is_some_and(|n| n != "expected.yaml" && n != "README.md") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Expected finding lines for `rule_id` in a fixture: `Some(line)` or `None` for location-less.
fn expectations(file: &Path, text: &str, rule_id: &str) -> (BTreeSet<Option<u32>>, BTreeSet<u32>) {
    let mut want = BTreeSet::new();
    let mut ok = BTreeSet::new();
    let lines: Vec<&str> = text.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let t = line.trim_start();
        let body = ["#", "//", "--", ";"].iter().find_map(|m| t.strip_prefix(m)).map(str::trim);
        let Some(body) = body else { continue };
        let target = |rest: &str| rest.split_whitespace().next() == Some(rule_id);
        let (is_want, is_ok) =
            (body.strip_prefix("ruleid:").is_some_and(target), body.strip_prefix("ok:").is_some_and(target));
        if !is_want && !is_ok {
            continue;
        }
        // The annotated line is the next one that is not itself an annotation.
        let next = (i + 1..lines.len()).find(|j| {
            let t = lines[*j].trim_start();
            !(t.starts_with("# ruleid:")
                || t.starts_with("# ok:")
                || t.starts_with("// ruleid:")
                || t.starts_with("// ok:"))
        });
        if let Some(j) = next.and_then(|j| u32::try_from(j + 1).ok()) {
            if is_want {
                want.insert(Some(j));
            } else {
                ok.insert(j);
            }
        }
    }
    let sidecar = file.parent().map(|d| d.join("expected.yaml"));
    if let Some(text) = sidecar.and_then(|p| std::fs::read_to_string(p).ok()) {
        let name = file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let out = crate::parse::yaml::parse(&text, crate::parse::YamlOptions::default());
        for doc in out.documents {
            for e in doc.tree.as_array().into_iter().flatten() {
                let f = e.get("file").and_then(|v| v.as_str());
                if e.get("rule").and_then(|v| v.as_str()) == Some(rule_id) && f.is_none_or(|f| f == name) {
                    want.insert(e.get("line").and_then(serde_json::Value::as_u64).and_then(|l| u32::try_from(l).ok()));
                }
            }
        }
    }
    (want, ok)
}

/// Run every rule's fixtures in the pack at `dir`, with `catalog`.
pub fn run_pack(dir: &Path, catalog: &Catalog) -> Result<SelfTest, LoadErrors> {
    let files = pack_files(dir)?;
    run_files(dir, files, catalog)
}

fn run_files(dir: &Path, files: Vec<RuleFile>, catalog: &Catalog) -> Result<SelfTest, LoadErrors> {
    // A pack's indicators may check claims of built-in config rules (`contradicts: [ZT-ID-001]`).
    let builtin = build(builtin_files(), catalog.clone()).map(|s| s.rules).unwrap_or_default();
    let set = build_with(files, catalog.clone(), &builtin)?;
    let mut report = SelfTest { rules: set.rules.len(), ..SelfTest::default() };
    let opts = FileOptions { redact: false, ..FileOptions::default() };
    for rule in &set.rules {
        let rule_dir =
            Path::new(&rule.source.file).parent().map(Path::to_path_buf).unwrap_or_else(|| dir.to_path_buf());
        let mut single = set.clone();
        single.rules = vec![rule.clone()];
        for (expect_fail, sub) in [(false, "pass"), (true, "fail")] {
            let base = rule_dir.join("tests").join(sub);
            let cases = files_under(&base);
            if cases.is_empty() {
                report.failures.push(format!("{}: no {sub} fixtures in {}", rule.id, base.display()));
            }
            for case in cases {
                report.cases += 1;
                let rel = case.strip_prefix(&base).unwrap_or(&case).to_string_lossy().replace('\\', "/");
                let size = std::fs::metadata(&case).map(|m| m.len()).unwrap_or(0);
                let outcome = process(&Candidate { abs: case.clone(), rel: rel.clone(), size }, &single, &opts);
                let partial = outcome.partials.into_iter().map(|(_, p)| p).next().unwrap_or_default();
                let (verdict, findings) = decide(rule, partial);
                let name = format!("{} {sub}/{rel}", rule.id);
                let fails: Vec<Option<u32>> = findings
                    .iter()
                    .filter(|f| f.verdict == Verdict::Fail)
                    .map(|f| f.location.as_ref().and_then(|l| l.line))
                    .collect();
                if !expect_fail {
                    if verdict != Verdict::Pass {
                        let lines: Vec<String> =
                            fails.iter().map(|l| l.map_or("-".into(), |l| l.to_string())).collect();
                        report.failures.push(format!(
                            "{name}: expected pass, got {} (findings at lines [{}]; file {}: {})",
                            verdict.id(),
                            lines.join(", "),
                            outcome.entry.status_text(),
                            outcome.entry.reason.clone().unwrap_or_default()
                        ));
                    }
                    continue;
                }
                if verdict != Verdict::Fail {
                    report.failures.push(format!(
                        "{name}: expected fail, got {} ({})",
                        verdict.id(),
                        outcome.entry.reason.clone().unwrap_or_else(|| outcome.entry.status_text())
                    ));
                    continue;
                }
                let text = std::fs::read_to_string(&case).unwrap_or_default();
                let (want, ok) = expectations(&case, &text, &rule.id);
                let got: BTreeSet<Option<u32>> = fails.iter().copied().collect();
                // A fail fixture must say where it fails: otherwise a finding for the wrong reason
                // (or an expected.yaml naming another file) would pass unnoticed.
                if want.is_empty() {
                    let show: Vec<String> =
                        got.iter().map(|l| l.map_or("(no line)".into(), |l| l.to_string())).collect();
                    report.failures.push(format!(
                        "{name}: findings at lines [{}] but no `ruleid: {}` annotation or expected.yaml entry for this file",
                        show.join(", "),
                        rule.id
                    ));
                } else if !want.is_empty() && want != got {
                    let show = |s: &BTreeSet<Option<u32>>| {
                        s.iter().map(|l| l.map_or("(no line)".into(), |l| l.to_string())).collect::<Vec<_>>().join(", ")
                    };
                    report.failures.push(format!(
                        "{name}: expected findings at lines [{}], got [{}]",
                        show(&want),
                        show(&got)
                    ));
                }
                for l in ok {
                    if got.contains(&Some(l)) {
                        report.failures.push(format!("{name}: line {l} is annotated `ok` but was flagged"));
                    }
                }
            }
        }
    }
    Ok(report)
}
