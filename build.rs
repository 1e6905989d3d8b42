//! Embeds `rules/**/rule.yaml` (not their test fixtures) and `rules/functions.yaml` into the binary,
//! so a fresh checkout's binary runs a real assessment with nothing else installed.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let p = entry.path();
        if p.is_dir() {
            if entry.file_name() != "tests" {
                collect(&p, out);
            }
        } else if entry.file_name() == "rule.yaml" {
            out.push(p);
        }
    }
}

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let rules_dir = root.join("rules");
    println!("cargo:rerun-if-changed=rules");
    let mut files = Vec::new();
    collect(&rules_dir, &mut files);
    files.sort();
    let mut src = String::from("pub static RULES: &[(&str, &str)] = &[\n");
    for f in &files {
        let rel = f.strip_prefix(&rules_dir).unwrap_or(f).to_string_lossy().replace('\\', "/");
        println!("cargo:rerun-if-changed={}", f.display());
        if let Some(parent) = f.parent() {
            println!("cargo:rerun-if-changed={}", parent.display());
        }
        let _ = writeln!(src, "    ({rel:?}, include_str!({:?})),", f.display().to_string());
    }
    src.push_str("];\n");
    let catalog = rules_dir.join("functions.yaml");
    println!("cargo:rerun-if-changed={}", catalog.display());
    let _ = writeln!(src, "pub static CATALOG: &str = include_str!({:?});", catalog.display().to_string());
    let out = PathBuf::from(std::env::var("OUT_DIR").unwrap_or_else(|_| ".".into())).join("embedded_rules.rs");
    if let Err(e) = std::fs::write(&out, src) {
        panic!("cannot write {}: {e}", out.display());
    }
}
