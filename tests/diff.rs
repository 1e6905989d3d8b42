//! Baselines and `ztmm diff`: regressions fail, reformatting and reordering do not, fixes show.

use assert_cmd::Command;
use predicates::prelude::*;
use serde_json::Value;
use std::fs;
use std::path::Path;

fn ztmm() -> Command {
    Command::cargo_bin("ztmm").expect("binary builds")
}

const RBAC: &str = "apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: platform-admins
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: ClusterRole
  name: cluster-admin
subjects:
  - kind: Group
    name: platform-team
  - kind: ServiceAccount
    name: argocd-application-controller
    namespace: argocd
";

/// The same bindings, reformatted: comments, a leading document, flow style, subjects reordered.
const RBAC_REFORMATTED: &str = "# Reviewed 2026-11: unchanged grants, new layout.
apiVersion: v1
kind: Namespace
metadata: {name: argocd}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: platform-admins   # owned by platform
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin}
subjects:
- {kind: ServiceAccount, name: argocd-application-controller, namespace: argocd}

- {kind: Group, name: platform-team}
";

fn scan(dir: &Path, out: &Path, extra: &[&str]) -> assert_cmd::assert::Assert {
    ztmm()
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out)
        .args(["--quiet", "--no-progress", "--format", "json"])
        .args(extra)
        .assert()
}

#[test]
fn reformatting_and_reordering_make_no_new_findings() {
    let estate = tempfile::tempdir().expect("tempdir");
    let k8s = estate.path().join("k8s");
    fs::create_dir_all(&k8s).expect("mkdir");
    fs::write(k8s.join("rbac.yaml"), RBAC).expect("write");
    let base = tempfile::tempdir().expect("tempdir");
    scan(estate.path(), base.path(), &[]).success();
    let baseline = base.path().join("report.json");
    let report: Value = serde_json::from_str(&fs::read_to_string(&baseline).expect("read")).expect("json");
    assert!(report["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .any(|f| f["rule_id"] == "ZT-ID-002" && f["verdict"] == "fail"));

    fs::write(k8s.join("rbac.yaml"), RBAC_REFORMATTED).expect("write");
    let next = tempfile::tempdir().expect("tempdir");
    scan(estate.path(), next.path(), &["--baseline"]).failure(); // --baseline needs a value
    let mut cmd = ztmm();
    cmd.arg("scan")
        .arg(estate.path())
        .arg("-o")
        .arg(next.path())
        .args(["--quiet", "--format", "json", "--fail-on-regression", "--baseline"])
        .arg(&baseline);
    cmd.assert().code(0);
    ztmm()
        .arg("diff")
        .arg(&baseline)
        .arg(next.path().join("report.json"))
        .assert()
        .code(0)
        .stdout(predicate::str::contains("New findings: 0"));
}

#[test]
fn a_new_violation_or_a_stage_drop_fails_and_a_fix_shows() {
    let estate = tempfile::tempdir().expect("tempdir");
    let ssh = estate.path().join("etc/ssh");
    fs::create_dir_all(&ssh).expect("mkdir");
    // Certificate logins, passwords off: Identity authentication is Initial.
    fs::write(
        ssh.join("sshd_config"),
        "PasswordAuthentication no\nKbdInteractiveAuthentication no\nTrustedUserCAKeys /etc/ssh/user_ca.pub\n",
    )
    .expect("write");
    let base = tempfile::tempdir().expect("tempdir");
    scan(estate.path(), base.path(), &[]).success();
    let baseline = base.path().join("report.json");

    // Passwords back on: a new finding and a stage drop.
    fs::write(
        ssh.join("sshd_config"),
        "PasswordAuthentication yes\nKbdInteractiveAuthentication no\nTrustedUserCAKeys /etc/ssh/user_ca.pub\n",
    )
    .expect("write");
    let next = tempfile::tempdir().expect("tempdir");
    let mut cmd = ztmm();
    cmd.arg("scan")
        .arg(estate.path())
        .arg("-o")
        .arg(next.path())
        .args(["--quiet", "--format", "json", "--fail-on-regression", "--baseline"])
        .arg(&baseline);
    cmd.assert()
        .code(1)
        .stderr(predicate::str::contains("Authentication dropped from Initial to Traditional"))
        .stderr(predicate::str::contains("1 new failing finding(s) not in the baseline"));
    let regressed = next.path().join("report.json");
    ztmm()
        .arg("diff")
        .arg(&baseline)
        .arg(&regressed)
        .assert()
        .code(1)
        .stdout(predicate::str::contains("regressed"))
        .stdout(predicate::str::contains("ZT-ID-001"));
    let out = ztmm().arg("diff").arg(&baseline).arg(&regressed).args(["--format", "json"]).assert().code(1);
    let d: Value = serde_json::from_slice(&out.get_output().stdout).expect("json");
    assert_eq!(d["regressed"], true);
    assert_eq!(d["new_findings"][0]["rule_id"], "ZT-ID-001");

    // The other way round is an improvement with a fixed finding, and exits 0.
    ztmm()
        .arg("diff")
        .arg(&regressed)
        .arg(&baseline)
        .assert()
        .code(0)
        .stdout(predicate::str::contains("Fixed findings: 1"))
        .stdout(predicate::str::contains("improved"));
}

#[test]
fn regression_flags_need_a_readable_baseline() {
    let estate = tempfile::tempdir().expect("tempdir");
    let out = tempfile::tempdir().expect("tempdir");
    scan(estate.path(), out.path(), &["--fail-on-regression"]).code(2);
    let bogus = out.path().join("bogus.json");
    fs::write(&bogus, "{\"not\": \"a report\"}").expect("write");
    let mut cmd = ztmm();
    cmd.arg("scan")
        .arg(estate.path())
        .arg("-o")
        .arg(out.path())
        .args(["--quiet", "--fail-on-regression", "--baseline"])
        .arg(&bogus);
    cmd.assert().code(2).stderr(predicate::str::contains("not a ztmm report"));
    ztmm().arg("diff").arg(&bogus).arg(&bogus).assert().code(2);
}
