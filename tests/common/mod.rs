//! Shared by the report tests: assess the hostile estate deterministically (fixed dates, no
//! timing) through the library, as `ztmm scan` would.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use ztmm::assess::{assess, NoProgress, ScanOptions};
use ztmm::report::Report;

pub const HOSTILE: &str = "fixtures/estates/hostile";
/// A test-only rule pack that echoes auth.log fields into messages and resource names.
pub const HOSTILE_LOG_PACK: &str = "fixtures/packs/hostile-logs";

/// Secrets planted in the hostile estate (see its README); none may reach a redacted report.
pub const SECRETS: &[&str] = &[
    "hunter2-sshd-comment",
    "hunter2-k8s-comment",
    "pa55w0rd-in-url",
    "IOSFODNN7EXAMPLE",
    "ghp_0123456789abcdefghij",
    "Sup3rS3cretName",
    "s3cr3t-tf-password",
    "wJalrXUtnFEMI",
    "hunter2-log-secret",
    "hunter2-broken-yaml",
    "MIIEpQIBAAKCAQEAhostile",
];

pub fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Assess `estate` (relative to the crate root) with the built-in rules and `packs`, as of
/// 2026-06-01 with a fixed start time.
pub fn assess_estate(estate: &str, packs: &[&str], redact: bool) -> Report {
    // Paths in the report are relative to the crate root, as a user running from there sees them.
    std::env::set_current_dir(manifest_dir()).expect("cd to the crate root");
    let packs: Vec<PathBuf> = packs.iter().map(PathBuf::from).collect();
    let rules = ztmm::rules::load(&packs).unwrap_or_else(|e| panic!("{e}"));
    let root = Path::new(estate).to_path_buf();
    let cfg = root.join("ztmm.yaml");
    let config = if cfg.is_file() {
        ztmm::config::load(&cfg, &rules).unwrap_or_else(|e| panic!("{e}"))
    } else {
        ztmm::config::Config::default()
    };
    let opts = ScanOptions {
        roots: vec![root],
        config,
        jobs: Some(1),
        redact,
        max_config_bytes: ztmm::scan::DEFAULT_MAX_CONFIG_BYTES,
        today: jiff::civil::date(2026, 6, 1),
    };
    let mut report = assess(&opts, &rules, &NoProgress).unwrap_or_else(|e| panic!("{e}"));
    report.assessment.started_at = "2026-06-01T09:30:00Z".into();
    report.assessment.duration_ms = 0;
    report
}

/// The hostile estate with the built-in rules plus the log-echoing test pack.
pub fn hostile(redact: bool) -> Report {
    assess_estate(HOSTILE, &[HOSTILE_LOG_PACK], redact)
}
