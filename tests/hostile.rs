//! Hostile input: malformed, binary, huge, deep, alias bombs, links that loop or escape, files that
//! cannot be read, broken logs. Every case builds its input in a temp dir and runs the real binary.
//! What each must show (DESIGN.md §2, §7): the scan completes with exit 0; the bad file is in the
//! inventory with a status and a reason that explains it; a diagnostic names it (with a line where
//! one is known); and a good file beside it is still parsed and evaluated.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::Path;

fn ztmm() -> Command {
    Command::cargo_bin("ztmm").expect("binary builds")
}

struct Scan {
    code: i32,
    report: Value,
    stderr: String,
}

fn scan_with(dir: &Path, extra: &[&str]) -> Scan {
    let out = tempfile::tempdir().expect("tempdir");
    let assert =
        ztmm().arg("scan").arg(dir).arg("-o").arg(out.path()).args(["--no-progress", "--quiet"]).args(extra).assert();
    let output = assert.get_output();
    let text = fs::read_to_string(out.path().join("report.json")).expect("report.json is written");
    Scan {
        code: output.status.code().unwrap_or(-1),
        report: serde_json::from_str(&text).expect("report.json is JSON"),
        stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
    }
}

/// Scan `dir`; it must complete with exit code 0.
fn scan(dir: &Path) -> Scan {
    let s = scan_with(dir, &[]);
    assert_eq!(s.code, 0, "a bad scanned file never fails the run; stderr:\n{}", s.stderr);
    s
}

fn write(dir: &Path, rel: &str, bytes: impl AsRef<[u8]>) {
    let p = dir.join(rel);
    if let Some(parent) = p.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    fs::write(p, bytes).expect("write");
}

impl Scan {
    fn entry(&self, path: &str) -> &Value {
        let inv = self.report["inventory"].as_array().expect("inventory");
        inv.iter().find(|e| e["path"] == path).unwrap_or_else(|| panic!("{path} is not in the inventory: {inv:#?}"))
    }

    fn verdict(&self, rule: &str) -> &str {
        let rules = self.report["rules"].as_array().expect("rules");
        let r = rules.iter().find(|r| r["id"] == rule).unwrap_or_else(|| panic!("no rule {rule}"));
        r["verdict"].as_str().expect("verdict")
    }

    fn findings(&self, rule: &str, path: &str) -> Vec<&Value> {
        let all = self.report["findings"].as_array().expect("findings");
        all.iter().filter(|f| f["rule_id"] == rule && f["location"]["path"] == path).collect()
    }

    fn diagnostics(&self, path: &str) -> Vec<&Value> {
        let all = self.report["diagnostics"].as_array().expect("diagnostics");
        all.iter().filter(|d| d["path"] == path).collect()
    }

    /// `path` is listed with `status` and a reason containing each of `reason`, and a diagnostic
    /// names it (at `line` when given) saying `said`; errors are also printed on stderr.
    fn assert_bad(&self, path: &str, status: &str, reason: &[&str], said: &str, line: Option<u64>) {
        let e = self.entry(path);
        assert_eq!(e["status"], status, "{e:#}");
        let why = e["reason"].as_str().unwrap_or_else(|| panic!("{path} has no reason: {e:#}"));
        for r in reason {
            assert!(why.contains(r), "{path}: reason {why:?} lacks {r:?}");
        }
        let diags = self.diagnostics(path);
        let found = diags.iter().find(|d| d["message"].as_str().is_some_and(|m| m.contains(said)));
        let d = found.unwrap_or_else(|| panic!("no diagnostic for {path} says {said:?}: {diags:#?}"));
        if let Some(l) = line {
            assert_eq!(d["line"], l, "{d:#}");
        }
        if d["level"] == "error" {
            assert!(self.stderr.contains(path), "stderr does not name {path}:\n{}", self.stderr);
        }
    }
}

const SSHD_PATH: &str = "etc/ssh/sshd_config";
/// A good sshd_config that leaves passwords on: ZT-ID-001 fails on line 2.
const SSHD: &str = "Port 22\nPasswordAuthentication yes\nPermitRootLogin no\n";

const CRB_PATH: &str = "k8s/good-rbac.yaml";
/// A good manifest binding cluster-admin to a user: ZT-ID-002 fails on it.
const CRB: &str = "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: admins
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: User
    name: alice
";

/// Put the good sshd_config next to the hostile input.
fn good_sshd(dir: &Path) {
    write(dir, SSHD_PATH, SSHD);
}

fn assert_good_sshd_evaluated(s: &Scan) {
    assert_eq!(s.entry(SSHD_PATH)["status"], "parsed");
    assert_eq!(s.verdict("ZT-ID-001"), "fail");
    let f = s.findings("ZT-ID-001", SSHD_PATH);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["location"]["line"], 2);
}

fn good_crb(dir: &Path) {
    write(dir, CRB_PATH, CRB);
}

fn assert_good_crb_evaluated(s: &Scan) {
    assert_eq!(s.entry(CRB_PATH)["status"], "parsed");
    assert_eq!(s.verdict("ZT-ID-002"), "fail");
    let f = s.findings("ZT-ID-002", CRB_PATH);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["location"]["line"], 10);
}

// 1. Malformed YAML

#[test]
fn a_broken_yaml_document_after_a_good_one_keeps_the_good_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    // The good binding, then a document whose flow mapping never closes (line 16).
    let text = format!("{CRB}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {{name: broken\n  data: [\n");
    write(dir.path(), "k8s/rbac.yaml", text);
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        "k8s/rbac.yaml",
        "error",
        &["YAML syntax error", "partly parsed (1 document(s) read)", "line 16"],
        "YAML syntax error",
        Some(16),
    );
    assert_eq!(s.entry("k8s/rbac.yaml")["kind"], "k8s");
    assert_eq!(s.entry("k8s/rbac.yaml")["documents"], 1);
    // The good document is still evaluated: the broken one cannot hide its failure.
    assert_eq!(s.verdict("ZT-ID-002"), "fail");
    let f = s.findings("ZT-ID-002", "k8s/rbac.yaml");
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["location"]["line"], 10);
    assert_good_sshd_evaluated(&s);

    // Parse errors are findings, not failures, unless --strict.
    let strict = scan_with(dir.path(), &["--strict"]);
    assert_eq!(strict.code, 1, "{}", strict.stderr);
    assert!(strict.stderr.contains("could not be read or parsed (--strict)"), "{}", strict.stderr);
}

#[test]
fn broken_documents_between_good_ones_are_skipped_one_by_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tabbed = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n";
    let unclosed = "a: [1, 2\n";
    let text = format!("{tabbed}---\n{CRB}---\n{unclosed}---\napiVersion: v1\nkind: Service\nmetadata:\n  name: svc\n");
    write(dir.path(), "k8s/mixed.yaml", text);
    let s = scan(dir.path());
    s.assert_bad("k8s/mixed.yaml", "error", &["tabs", "partly parsed (2 document(s) read)"], "tabs", Some(4));
    let lines: Vec<&Value> = s.diagnostics("k8s/mixed.yaml").iter().map(|d| &d["line"]).collect();
    assert_eq!(lines, [4, 18], "both broken documents are reported where they break");
    assert_eq!(s.verdict("ZT-ID-002"), "fail");
    assert_eq!(s.findings("ZT-ID-002", "k8s/mixed.yaml")[0]["location"]["line"], 15);
}

#[test]
fn a_rule_whose_only_input_failed_to_parse_is_error_not_pass() {
    let dir = tempfile::tempdir().expect("tempdir");
    let broken = "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: {name: x\nroleRef: [\n";
    write(dir.path(), "k8s/rbac.yaml", broken);
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad("k8s/rbac.yaml", "error", &["YAML syntax error", "does not parse"], "YAML syntax error", Some(4));
    assert_eq!(s.entry("k8s/rbac.yaml")["kind"], "k8s", "recognised from its head though it does not parse");
    assert_eq!(s.verdict("ZT-ID-002"), "error");
    assert_good_sshd_evaluated(&s);
}

// 2. Malformed JSON and HCL

#[test]
fn malformed_json_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let policy = "{\n  \"Version\": \"2012-10-17\",\n  \"Statement\": [\n    {\"Effect\": \"Allow\", \"Action\": \"*\",}\n  ]\n}\n";
    write(dir.path(), "iam/admin.json", policy);
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        "iam/admin.json",
        "error",
        &["JSON syntax error", "does not parse", "line 4"],
        "JSON syntax error",
        Some(4),
    );
    assert_eq!(s.entry("iam/admin.json")["kind"], "iam-policy", "recognised from its head");
    assert_good_sshd_evaluated(&s);
}

#[test]
fn malformed_hcl_is_located() {
    let dir = tempfile::tempdir().expect("tempdir");
    let tf = "resource \"aws_s3_bucket\" \"logs\" {\n  bucket = \"logs\"\n  acl =\n}\n";
    write(dir.path(), "infra/main.tf", tf);
    write(dir.path(), "vault/admin.hcl", "path \"sys/*\" {\n  capabilities = [\"sudo\"\n}\n");
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        "infra/main.tf",
        "error",
        &["HCL syntax error", "does not parse", "line 3"],
        "HCL syntax error",
        Some(3),
    );
    assert_eq!(s.entry("infra/main.tf")["kind"], "terraform");
    s.assert_bad("vault/admin.hcl", "error", &["HCL syntax error", "does not parse"], "HCL syntax error", Some(3));
    assert_eq!(s.entry("vault/admin.hcl")["kind"], "vault-policy");
    assert_good_sshd_evaluated(&s);
}

// 3. Binary files

#[test]
fn binary_files_are_listed_as_binary_and_not_parsed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let png = [0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R', 0, 0, 1, 0];
    write(dir.path(), "docs/diagram.png", png);
    let elf = [0x7f, b'E', b'L', b'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3e, 0];
    write(dir.path(), "bin/agent", elf);
    // Binary with a config's extension: not YAML, whatever its name says.
    write(dir.path(), "k8s/blob.yaml", [b'a', b'p', b'i', 0, 0, 0xff, 0xfe, b'\n']);
    good_sshd(dir.path());
    let s = scan(dir.path());
    // Unknown binaries are deliberate skips: listed with the reason, no diagnostic noise.
    for p in ["docs/diagram.png", "bin/agent"] {
        let e = s.entry(p);
        assert_eq!((e["status"].as_str(), e["reason"].as_str()), (Some("skipped"), Some("binary file")), "{p}");
    }
    s.assert_bad(
        "k8s/blob.yaml",
        "error",
        &["binary content (NUL byte at offset 3)", "not parsed"],
        "binary content (NUL byte at offset 3)",
        Some(1),
    );
    assert_good_sshd_evaluated(&s);
}

#[test]
fn a_binary_file_with_a_config_name_is_an_error_for_its_rules() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), SSHD_PATH, b"Port 22\nPasswordAuthentication no\n\0\0\0\0\x7fELF\0\0".as_slice());
    write(dir.path(), "etc/sudoers", [0xff, 0xfe, b'r', 0, b'o', 0, b'o', 0, b't', 0]);
    good_crb(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        SSHD_PATH,
        "error",
        &["binary content (NUL byte at offset 34)", "sshd-config"],
        "binary content (NUL byte at offset 34)",
        Some(3),
    );
    assert_eq!(s.entry(SSHD_PATH)["kind"], "sshd-config");
    s.assert_bad("etc/sudoers", "error", &["UTF-16"], "UTF-16", Some(1));
    // The only sshd_config could not be read: unknown, not "no sshd here" and not a pass.
    assert_eq!(s.verdict("ZT-ID-001"), "error");
    assert_good_crb_evaluated(&s);
}

// 4. Invalid UTF-8

#[test]
fn invalid_utf8_in_yaml_is_located_and_the_rest_is_still_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut text = CRB.as_bytes().to_vec();
    // A Latin-1 "é" in the second document: line 16, column 12.
    text.extend_from_slice(b"---\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: caf\xe9-config\n");
    write(dir.path(), "k8s/rbac.yaml", text);
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        "k8s/rbac.yaml",
        "error",
        &["invalid UTF-8 at line 16 column 12"],
        "invalid UTF-8 at line 16 column 12",
        Some(16),
    );
    assert_eq!(s.entry("k8s/rbac.yaml")["documents"], 2);
    assert_eq!(s.findings("ZT-ID-002", "k8s/rbac.yaml").len(), 1, "the good document is still evaluated");
    assert_eq!(s.verdict("ZT-ID-002"), "fail");
    assert_good_sshd_evaluated(&s);
}

// 5. Empty files

#[test]
fn empty_files_are_listed_and_an_empty_sshd_config_means_defaults() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), "k8s/empty.yaml", "");
    write(dir.path(), "iam/empty.json", "");
    write(dir.path(), SSHD_PATH, "");
    good_crb(dir.path());
    let s = scan(dir.path());
    // An empty YAML or JSON file holds nothing to assess: listed, skipped, and said so.
    for p in ["k8s/empty.yaml", "iam/empty.json"] {
        let e = s.entry(p);
        assert_eq!((e["status"].as_str(), e["reason"].as_str()), (Some("skipped"), Some("empty file")), "{p}");
        assert_eq!(e["documents"], 0);
    }
    // An empty sshd_config is valid: every default applies, and passwords are on by default.
    assert_eq!(s.entry(SSHD_PATH)["status"], "parsed");
    assert_eq!(s.verdict("ZT-ID-001"), "fail");
    let f = s.findings("ZT-ID-001", SSHD_PATH);
    assert_eq!(f.len(), 1, "{f:#?}");
    assert_eq!(f[0]["location"]["line"], Value::Null, "no line to cite for a default");
    assert_good_crb_evaluated(&s);
}

// 6. Huge single-line files

/// Write `size` bytes: `start`, then `fill` repeated, then `end`, quickly.
fn write_big(path: &Path, start: &[u8], fill: &[u8], end: &[u8], size: usize) {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).expect("mkdir");
    }
    let mut f = std::io::BufWriter::new(fs::File::create(path).expect("create"));
    f.write_all(start).expect("write");
    let chunk = fill.repeat((1 << 20) / fill.len());
    let mut left = size.saturating_sub(start.len() + end.len());
    while left > 0 {
        let n = left.min(chunk.len());
        f.write_all(&chunk[..n]).expect("write");
        left -= n;
    }
    f.write_all(end).expect("write");
    f.flush().expect("flush");
}

const EVENT: &str = r#"{"ts":"2026-03-03T10:15:01Z","user":"alice","action":"login","outcome":"success"}"#;

#[test]
fn huge_single_line_files_are_capped_or_streamed() {
    const MB50: usize = 50 << 20;
    let dir = tempfile::tempdir().expect("tempdir");
    write_big(&dir.path().join("data/big.json"), b"[", b"12345678,", b"0]", MB50);
    write_big(
        &dir.path().join("k8s/big.yaml"),
        b"apiVersion: v1\nkind: ConfigMap\ndata: {a: [",
        b"x, ",
        b"x]}\n",
        MB50,
    );
    // A log with one 50 MB line between two events; and one that is a single 50 MB line.
    let (before, after) = (format!("{EVENT}\n{{\"msg\":\""), format!("\"}}\n{EVENT}\n"));
    write_big(&dir.path().join("logs/app.log"), before.as_bytes(), b"x", after.as_bytes(), MB50);
    write_big(&dir.path().join("logs/one-line.log"), b"{\"msg\":\"", b"y", b"\"}", MB50);
    good_sshd(dir.path());
    let s = scan(dir.path());

    s.assert_bad(
        "data/big.json",
        "error",
        &["over the 16777216 byte limit", "not parsed"],
        "over the 16777216 byte limit",
        None,
    );
    s.assert_bad(
        "k8s/big.yaml",
        "error",
        &["over the 16777216 byte limit", "not parsed"],
        "over the 16777216 byte limit",
        None,
    );
    assert_eq!(s.entry("k8s/big.yaml")["kind"], "k8s", "recognised from its head");
    assert_eq!(s.verdict("ZT-ID-002"), "error", "the only manifest was not read");

    // Logs are streamed, not capped: the overlong line is skipped and counted.
    s.assert_bad(
        "logs/app.log",
        "parsed",
        &["1 of 3 lines did not parse"],
        "longer than 4194304 bytes skipped",
        Some(2),
    );
    let sources = s.report["log_sources"].as_array().expect("log_sources");
    let app = sources.iter().find(|l| l["path"] == "logs/app.log").expect("app.log is a log source");
    assert_eq!((app["kind"].as_str(), app["events"].as_u64()), (Some("json-log"), Some(2)));
    s.assert_bad(
        "logs/one-line.log",
        "parsed",
        &["1 of 1 lines did not parse"],
        "longer than 4194304 bytes skipped",
        Some(1),
    );
    let one = sources.iter().find(|l| l["path"] == "logs/one-line.log").expect("one-line.log is a log source");
    assert_eq!((one["events"].as_u64(), one["parse_rate"].as_f64()), (Some(0), Some(0.0)));
    assert_good_sshd_evaluated(&s);
}

#[test]
fn the_size_cap_is_configurable() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), SSHD_PATH, SSHD);
    let s = scan_with(dir.path(), &["--max-file-size", "10"]);
    assert_eq!(s.code, 0);
    s.assert_bad(SSHD_PATH, "error", &["over the 10 byte limit"], "over the 10 byte limit", None);
    assert_eq!(s.verdict("ZT-ID-001"), "error");
}

// 7. Deep nesting

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let dir = tempfile::tempdir().expect("tempdir");
    let n = 200_000;
    write(dir.path(), "deep/arrays.json", "[".repeat(n) + &"]".repeat(n));
    write(dir.path(), "deep/objects.json", "{\"a\":".repeat(n) + "1" + &"}".repeat(n));
    write(dir.path(), "deep/flow.yaml", "[".repeat(n) + &"]".repeat(n));
    write(dir.path(), "deep/seq.yaml", "- ".repeat(n) + "x\n");
    let block: String = (0..2_000).map(|i| format!("{}k{i}:\n", "  ".repeat(i))).collect();
    write(dir.path(), "deep/block.yaml", block);
    write(dir.path(), "deep/main.tf", format!("locals {{\n  x = {}\n}}\n", "[".repeat(n)));
    good_sshd(dir.path());
    let s = scan(dir.path());
    for (p, line) in [
        ("deep/arrays.json", 1),
        ("deep/objects.json", 1),
        ("deep/flow.yaml", 1),
        ("deep/seq.yaml", 1),
        ("deep/block.yaml", 513),
        ("deep/main.tf", 2),
    ] {
        s.assert_bad(
            p,
            "error",
            &["nesting depth exceeds 512", "does not parse"],
            "nesting depth exceeds 512",
            Some(line),
        );
    }
    assert_good_sshd_evaluated(&s);
}

// 8. Alias bombs

#[test]
fn a_yaml_alias_bomb_is_refused() {
    let dir = tempfile::tempdir().expect("tempdir");
    // Billion laughs: nine levels of nine aliases each, 9^9 nodes if expanded.
    let mut bomb = String::from("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: lol}\n");
    bomb.push_str("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
    for (prev, name) in
        ["a", "b", "c", "d", "e", "f", "g", "h"].into_iter().zip(["b", "c", "d", "e", "f", "g", "h", "i"])
    {
        bomb.push_str(&format!("{name}: &{name} [{}]\n", vec![format!("*{prev}"); 9].join(",")));
    }
    write(dir.path(), "k8s/lol.yaml", bomb);
    good_sshd(dir.path());
    let s = scan(dir.path());
    s.assert_bad(
        "k8s/lol.yaml",
        "error",
        &["alias expansion exceeds budget", "does not parse"],
        "alias expansion exceeds budget",
        Some(8),
    );
    assert_eq!(s.verdict("ZT-ID-002"), "error");
    assert_good_sshd_evaluated(&s);
}

// 9. Symlinks

#[cfg(unix)]
#[test]
fn symlinks_never_loop_and_never_leave_the_root() {
    use std::os::unix::fs::symlink;
    let dir = tempfile::tempdir().expect("tempdir");
    let root = dir.path();
    good_sshd(root);
    symlink("b", root.join("a")).expect("symlink");
    symlink("a", root.join("b")).expect("symlink");
    symlink("..", root.join("etc/up")).expect("symlink");
    symlink("no-such-file.yaml", root.join("dangling.yaml")).expect("symlink");
    symlink("ssh/sshd_config", root.join("etc/sshd_config")).expect("symlink");
    // A secret-looking config outside the root, linked in.
    let elsewhere = tempfile::tempdir().expect("tempdir");
    let secret = format!("{}  - kind: User\n    name: mallory-outside\n# password: hunter2-outside\n", CRB);
    write(elsewhere.path(), "secret.yaml", secret);
    symlink(elsewhere.path().join("secret.yaml"), root.join("k8s-outside.yaml")).expect("symlink");
    let s = scan(root);

    for p in ["a", "b"] {
        s.assert_bad(
            p,
            "error",
            &["symlink not followed: dangling or looping"],
            "symlink not followed: dangling or looping",
            None,
        );
    }
    s.assert_bad(
        "dangling.yaml",
        "error",
        &["symlink not followed: dangling or looping"],
        "symlink not followed: dangling or looping",
        None,
    );
    s.assert_bad(
        "k8s-outside.yaml",
        "skipped",
        &["symlink not followed: points outside the scan root"],
        "symlink not followed: points outside the scan root",
        None,
    );
    assert_eq!(s.entry("k8s-outside.yaml")["documents"], 0);
    // Not read: nothing of it reached a rule or the report.
    assert_eq!(s.verdict("ZT-ID-002"), "not_applicable");
    let text = s.report.to_string();
    assert!(!text.contains("mallory-outside") && !text.contains("hunter2-outside"));
    // Links inside the root are not followed either; their targets are scanned once, where they are.
    let up = s.entry("etc/up");
    assert!(up["reason"].as_str().is_some_and(|r| r.contains("symlink to a directory not followed")), "{up:#}");
    assert!(s.entry("etc/sshd_config")["reason"].as_str().is_some_and(|r| r.contains("scanned at its real path")));
    let inv = s.report["inventory"].as_array().expect("inventory");
    assert_eq!(inv.iter().filter(|e| e["status"] == "parsed").count(), 1, "{inv:#?}");
    assert_good_sshd_evaluated(&s);
}

// 10. Unreadable files

#[cfg(unix)]
#[test]
fn a_fifo_with_a_config_name_is_not_opened() {
    let dir = tempfile::tempdir().expect("tempdir");
    good_sshd(dir.path());
    let fifo = dir.path().join("k8s/x.yaml");
    fs::create_dir_all(fifo.parent().expect("parent")).expect("mkdir");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status().expect("mkfifo runs");
    assert!(made.success());
    // Opening a FIFO for reading blocks until a writer comes: the scan must not even try.
    let s = scan(dir.path());
    s.assert_bad("k8s/x.yaml", "skipped", &["not a regular file"], "not a regular file", None);
    assert_eq!(s.diagnostics("k8s/x.yaml")[0]["level"], "warning");
    assert_good_sshd_evaluated(&s);
}

#[cfg(unix)]
#[test]
fn an_unreadable_file_is_an_error() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    good_crb(dir.path());
    write(dir.path(), SSHD_PATH, SSHD);
    let locked = dir.path().join(SSHD_PATH);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o000)).expect("chmod");
    if fs::read(&locked).is_ok() {
        // Root (as in CI) reads through chmod 000; the read-error path is tested at unit level
        // below (`a_file_deleted_after_discovery_is_an_error`).
        eprintln!("skipped: running as root, chmod 000 does not stop reads");
        return;
    }
    let s = scan(dir.path());
    s.assert_bad(SSHD_PATH, "error", &["cannot open", "ermission denied"], "cannot open", None);
    assert_eq!(s.entry(SSHD_PATH)["kind"], "sshd-config", "known by its name");
    assert_eq!(s.verdict("ZT-ID-001"), "error");
    assert_good_crb_evaluated(&s);
    fs::set_permissions(&locked, fs::Permissions::from_mode(0o600)).expect("chmod back");
}

#[test]
fn a_file_deleted_after_discovery_is_an_error() {
    let dir = tempfile::tempdir().expect("tempdir");
    write(dir.path(), SSHD_PATH, SSHD);
    let found = ztmm::discover::discover(&[dir.path().to_path_buf()], &ztmm::discover::Filters::default());
    assert_eq!(found.candidates.len(), 1);
    fs::remove_file(dir.path().join(SSHD_PATH)).expect("rm");
    let rules = ztmm::rules::load(&[]).expect("built-in rules load");
    let o = ztmm::scan::process(&found.candidates[0], &rules, &ztmm::scan::FileOptions::default());
    assert_eq!(o.entry.path, SSHD_PATH);
    assert_eq!(o.entry.status, ztmm::scan::FileStatus::Error);
    let why = o.entry.reason.as_deref().unwrap_or_default();
    assert!(why.starts_with("cannot open: "), "{why}");
    assert_eq!(o.diagnostics.len(), 1);
    assert_eq!((o.diagnostics[0].path.as_str(), o.diagnostics[0].message.as_str()), (SSHD_PATH, why));
    // Known by its name, so the sshd rules hear that their input could not be read.
    assert_eq!(o.entry.kind, Some(ztmm::kind::Kind::SshdConfig));
    let id001 = rules.rules.iter().position(|r| r.id == "ZT-ID-001").expect("ZT-ID-001 is built in");
    assert!(o.partials.iter().any(|(i, p)| *i == id001 && p.errored > 0), "{:?}", o.partials);
}

// 11. Hostile log lines

#[test]
fn hostile_log_lines_are_counted_and_the_events_around_them_kept() {
    let dir = tempfile::tempdir().expect("tempdir");
    let mut log = Vec::new();
    for _ in 0..3 {
        log.extend_from_slice(format!("{EVENT}\n").as_bytes()); // lines 1-3
    }
    log.extend_from_slice(&[0u8; 8192]); // line 4: a NUL-filled region (a crash mid-write)
    log.push(b'\n');
    log.extend_from_slice(format!("{EVENT}\n{EVENT}\n").as_bytes()); // lines 5-6
    log.extend_from_slice(b"{\"msg\":\""); // line 7: a 10 MB line
    log.extend(std::iter::repeat_n(b'z', 10 << 20));
    log.extend_from_slice(b"\"}\n");
    log.extend_from_slice(format!("{EVENT}\n{EVENT}\n").as_bytes()); // lines 8-9
    log.extend_from_slice(&EVENT.as_bytes()[..30]); // line 10: cut off, no newline
    write(dir.path(), "logs/app.jsonl", log);
    good_sshd(dir.path());
    let s = scan(dir.path());

    let e = s.entry("logs/app.jsonl");
    assert_eq!(
        (e["kind"].as_str(), e["status"].as_str(), e["events"].as_u64()),
        (Some("json-log"), Some("parsed"), Some(7))
    );
    assert_eq!(e["reason"], "3 of 10 lines did not parse");
    let sources = s.report["log_sources"].as_array().expect("log_sources");
    let src = sources.iter().find(|l| l["path"] == "logs/app.jsonl").expect("a log source");
    assert_eq!((src["events"].as_u64(), src["parse_rate"].as_f64()), (Some(7), Some(0.7)));
    let samples: Vec<(u64, &str)> = s
        .diagnostics("logs/app.jsonl")
        .iter()
        .map(|d| (d["line"].as_u64().unwrap_or(0), d["message"].as_str().unwrap_or("")))
        .collect();
    assert_eq!(samples.len(), 3, "{samples:#?}");
    assert!(samples[0].0 == 4 && samples[0].1.contains("NUL bytes"), "{samples:#?}");
    assert!(samples[1].0 == 7 && samples[1].1.contains("longer than 4194304 bytes skipped"), "{samples:#?}");
    assert!(samples[2].0 == 10 && samples[2].1.contains("truncated last line"), "{samples:#?}");
    assert_good_sshd_evaluated(&s);
}

/// One CloudTrail record (a root call: ZT-ID-041 fails on each one read).
fn root_call(i: usize) -> String {
    format!(
        r#"{{"eventVersion":"1.09","userIdentity":{{"type":"Root","arn":"arn:aws:iam::111122223333:root","accountId":"111122223333"}},"eventTime":"2026-03-03T10:{:02}:00Z","eventSource":"iam.amazonaws.com","eventName":"ListUsers","sourceIPAddress":"198.51.100.9","eventID":"E{i}"}}"#,
        i % 60
    )
}

#[test]
fn hostile_containers_and_regions_keep_the_records_around_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A delivered CloudTrail file cut off inside its third record (a copy taken mid-upload).
    let whole = format!("{{\"Records\":[{},{},{}]}}", root_call(1), root_call(2), root_call(3));
    write(dir.path(), "ct/cut/trail.json", &whole[..whole.len() - 40]);
    // A container whose second record is 10 MB (a pathological requestParameters).
    let mut big = format!("{{\"Records\":[{},{{\"eventVersion\":\"1.09\",\"requestParameters\":\"", root_call(1));
    big.push_str(&"q".repeat(10 << 20));
    big.push_str(&format!("\"}},{}]}}", root_call(3)));
    write(dir.path(), "ct/big/trail.json", big);
    // A container that never closes: every record whole, the array cut after a comma.
    write(dir.path(), "ct/open/trail.json", format!("{{\"Records\":[{},{},", root_call(1), root_call(2)));
    // JSON lines with 9 MB of NUL bytes between two events, on no line of their own.
    let mut nul = format!("{EVENT}\n").into_bytes();
    nul.extend(std::iter::repeat_n(0u8, 9 << 20));
    nul.extend_from_slice(format!("\n{EVENT}\n").as_bytes());
    write(dir.path(), "logs/app-nul.jsonl", nul);
    // A PostgreSQL csvlog whose last record is cut inside a quoted statement.
    write(
        dir.path(),
        "db/postgresql-2026-03-03.csv",
        "2026-03-03 10:00:01.201 UTC,,,1187,,65e43a61.4a3,1,,2026-03-03 09:58:11 UTC,,0,LOG,00000,\"ready\",,,,,,,,,\"\",\"postmaster\",,0\n\
         2026-03-03 10:05:31.077 UTC,\"app\",\"ledger\",2231,\"10.20.4.17:51544\",65e43b24.8b7,4,\"UPDATE\",2026-03-03 10:02:44 UTC,3/43,90211,LOG,00000,\"AUDIT: SESSION,2,1,WRITE,UPDATE,,,\"\"UPDATE accounts\n   SET balance",
    );
    good_sshd(dir.path());
    let s = scan(dir.path());

    let src = |p: &str| {
        let all = s.report["log_sources"].as_array().expect("log_sources");
        all.iter().find(|l| l["path"] == p).unwrap_or_else(|| panic!("{p}: {all:#?}")).clone()
    };
    s.assert_bad(
        "ct/cut/trail.json",
        "parsed",
        &["1 of 3 records did not parse"],
        "truncated at the end of the file",
        Some(1),
    );
    assert_eq!(src("ct/cut/trail.json")["events"], 2, "the records before the cut are kept");
    s.assert_bad(
        "ct/big/trail.json",
        "parsed",
        &["1 of 3 records did not parse"],
        "longer than 4194304 bytes skipped",
        Some(1),
    );
    assert_eq!(src("ct/big/trail.json")["events"], 2);
    s.assert_bad("ct/open/trail.json", "parsed", &[], "ends inside an unclosed JSON array", Some(1));
    assert_eq!(src("ct/open/trail.json")["events"], 2);
    s.assert_bad(
        "logs/app-nul.jsonl",
        "parsed",
        &["1 of 3 lines did not parse"],
        "NUL-filled region of 9437184 bytes",
        Some(2),
    );
    assert_eq!(src("logs/app-nul.jsonl")["events"], 2);
    // The quoted statement runs to the end of the file: that record is cut, the first is kept.
    let csv = "db/postgresql-2026-03-03.csv";
    s.assert_bad(csv, "parsed", &["1 of 2 records did not parse"], "truncated last line", Some(2));
    assert_eq!((src(csv)["kind"].as_str(), src(csv)["events"].as_u64()), (Some("postgres-log"), Some(1)));
    assert_eq!(s.verdict("ZT-ID-041"), "fail", "root calls in the damaged trails are still found");
    assert_good_sshd_evaluated(&s);
}

// 12. Corrupt gzip

fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip");
    enc.finish().expect("gzip")
}

#[test]
fn corrupt_gzip_logs_are_errors_and_keep_what_was_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    // A gzip header, then bytes that are not deflate.
    let mut garbage = vec![0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3];
    garbage.extend((0..4096u32).map(|i| u8::try_from((i * 7919 + 13) % 251).unwrap_or(0) | 0x07));
    write(dir.path(), "logs/app.log.1.gz", garbage);
    write(dir.path(), "logs/notgzip.log.gz", "plain text, not gzip\n");
    // A good gzip of 4,000 events, cut off mid-stream (a copy taken during rotation).
    let events: String =
        (0..4_000u64).map(|i| format!("{{\"seq\":{i},\"rnd\":{}}}\n", i * 2_654_435_761 % 1_000_003)).collect();
    let whole = gzip(events.as_bytes());
    write(dir.path(), "logs/app.log.2.gz", &whole);
    write(dir.path(), "logs/app.log.3.gz", &whole[..whole.len() / 2]);
    good_sshd(dir.path());
    let s = scan(dir.path());

    s.assert_bad("logs/app.log.1.gz", "error", &["gzip"], "gzip", None);
    s.assert_bad("logs/notgzip.log.gz", "error", &["gzip: invalid gzip header"], "gzip: invalid gzip header", None);
    let ok = s.entry("logs/app.log.2.gz");
    assert_eq!((ok["status"].as_str(), ok["events"].as_u64()), (Some("parsed"), Some(4_000)), "{ok:#}");
    s.assert_bad("logs/app.log.3.gz", "error", &["read error after", "gzip"], "read error after", None);
    let kept = s.entry("logs/app.log.3.gz")["events"].as_u64().unwrap_or(0);
    assert!(kept > 0 && kept < 4_000, "the events before the cut are kept: {kept}");
    assert_good_sshd_evaluated(&s);
}
