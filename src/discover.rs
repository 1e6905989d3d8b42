//! discover: walk the roots into a sorted list of candidate files, recording everything skipped
//! and why. Symlinks are never followed (a link to a file inside the root is scanned at its real
//! path; links out of the root, dangling links and loops are recorded), so the walk cannot loop or
//! escape. `.gitignore` is *not* honoured: a security assessment must not silently skip files.

use crate::scan::Level;
use globset::{Glob, GlobSet, GlobSetBuilder};
use std::path::{Path, PathBuf};

/// A file to classify and parse.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub abs: PathBuf,
    /// Path relative to its root, `/`-separated (prefixed with the root when scanning several).
    pub rel: String,
    pub size: u64,
}

/// Something discovery did not hand on, with the reason.
#[derive(Debug, Clone)]
pub struct Skipped {
    pub rel: String,
    pub reason: String,
    /// The diagnostic it raises: `Error` for problems (unreadable, loops; the inventory says
    /// `error`), `Warning` for what an assessor should know was left out (a link out of the root,
    /// a FIFO), `None` for deliberate skips (VCS dirs, excluded, links to what is scanned anyway).
    pub level: Option<Level>,
}

#[derive(Debug, Default)]
pub struct Discovery {
    pub candidates: Vec<Candidate>,
    pub skipped: Vec<Skipped>,
}

/// Directories that hold tool state rather than the estate's configuration.
const SKIP_DIRS: &[(&str, &str)] = &[
    (".git", "version-control metadata"),
    (".hg", "version-control metadata"),
    (".svn", "version-control metadata"),
    (".terraform", "Terraform provider and module cache"),
    ("node_modules", "JavaScript dependencies"),
    ("ztmm-report", "ztmm output directory"),
];

#[derive(Debug, Clone, Default)]
pub struct Filters {
    pub include: Option<GlobSet>,
    pub exclude: Option<GlobSet>,
}

impl Filters {
    pub fn new(include: &[String], exclude: &[String]) -> Result<Filters, globset::Error> {
        let build = |globs: &[String]| -> Result<Option<GlobSet>, globset::Error> {
            if globs.is_empty() {
                return Ok(None);
            }
            let mut b = GlobSetBuilder::new();
            for g in globs {
                b.add(globset::GlobBuilder::new(g).literal_separator(true).build()?);
                // `dir/**` should also match `dir` itself when used as an exclude.
                if let Some(stripped) = g.strip_suffix("/**") {
                    b.add(Glob::new(stripped)?);
                }
            }
            Ok(Some(b.build()?))
        };
        Ok(Filters { include: build(include)?, exclude: build(exclude)? })
    }
}

fn rel_of(root: &Path, p: &Path, prefix: &str) -> String {
    let r = p.strip_prefix(root).unwrap_or(p).to_string_lossy().replace('\\', "/");
    match (prefix.is_empty(), r.is_empty()) {
        (true, _) => r,
        (false, true) => prefix.to_string(),
        (false, false) => format!("{prefix}/{r}"),
    }
}

/// Walk `roots`. Each root must exist (checked by the caller, a usage error otherwise).
pub fn discover(roots: &[PathBuf], filters: &Filters) -> Discovery {
    let mut out = Discovery::default();
    let many = roots.len() > 1;
    for root in roots {
        let prefix = if many { root.to_string_lossy().trim_end_matches('/').replace('\\', "/") } else { String::new() };
        if root.is_file() {
            let name = root.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let rel = if many { prefix.clone() } else { name };
            let size = std::fs::metadata(root).map(|m| m.len()).unwrap_or(0);
            out.candidates.push(Candidate { abs: root.clone(), rel, size });
            continue;
        }
        let canon_root = root.canonicalize().unwrap_or_else(|_| root.clone());
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            .ignore(false)
            .git_ignore(false)
            .git_global(false)
            .git_exclude(false)
            .parents(false)
            .follow_links(false)
            .build();
        for entry in walker {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    let rel = match &e {
                        ignore::Error::WithPath { path, .. } => rel_of(root, path, &prefix),
                        _ => prefix.clone(),
                    };
                    out.skipped.push(Skipped { rel, reason: format!("cannot read: {e}"), level: Some(Level::Error) });
                    continue;
                }
            };
            let path = entry.path();
            if entry.depth() == 0 {
                continue;
            }
            let rel = rel_of(root, path, &prefix);
            let Some(ft) = entry.file_type() else { continue };
            if ft.is_dir() {
                continue;
            }
            // Skip anything below a tool-state directory (the walker still enters them: record once).
            if let Some((dir, why)) = SKIP_DIRS.iter().find(|(d, _)| rel.split('/').any(|c| c == *d)) {
                let dir_rel =
                    rel.split('/').take_while(|c| c != dir).chain(std::iter::once(*dir)).collect::<Vec<_>>().join("/");
                if out.skipped.last().is_none_or(|s| s.rel != dir_rel) {
                    out.skipped.push(Skipped {
                        rel: dir_rel,
                        reason: format!("skipped directory: {why}"),
                        level: None,
                    });
                }
                continue;
            }
            if let Some(ex) = &filters.exclude {
                if ex.is_match(&rel) {
                    out.skipped.push(Skipped { rel, reason: "excluded by scope.exclude".into(), level: None });
                    continue;
                }
            }
            if let Some(inc) = &filters.include {
                if !inc.is_match(&rel) {
                    out.skipped.push(Skipped { rel, reason: "not matched by scope.include".into(), level: None });
                    continue;
                }
            }
            if ft.is_symlink() {
                let (reason, level) = match path.canonicalize() {
                    Err(e) => (format!("symlink not followed: dangling or looping ({e})"), Some(Level::Error)),
                    Ok(target) if !target.starts_with(&canon_root) => (
                        "symlink not followed: points outside the scan root (its target is not read)".to_string(),
                        Some(Level::Warning),
                    ),
                    Ok(target) if target.is_dir() => (
                        "symlink to a directory not followed: its contents are scanned at their real path".to_string(),
                        None,
                    ),
                    Ok(_) => ("symlink not followed: the target is scanned at its real path".to_string(), None),
                };
                out.skipped.push(Skipped { rel, reason, level });
                continue;
            }
            if !ft.is_file() {
                out.skipped.push(Skipped {
                    rel,
                    reason: "not a regular file (device, socket or FIFO): not read".into(),
                    level: Some(Level::Warning),
                });
                continue;
            }
            let size = entry.metadata().map(|m| m.len()).unwrap_or(0);
            out.candidates.push(Candidate { abs: path.to_path_buf(), rel, size });
        }
    }
    out.candidates.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.candidates.dedup_by(|a, b| a.rel == b.rel);
    out.skipped.sort_by(|a, b| a.rel.cmp(&b.rel));
    out.skipped.dedup_by(|a, b| a.rel == b.rel);
    out
}
