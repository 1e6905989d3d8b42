//! Config versus behaviour, end to end: an estate whose configs claim what its logs contradict
//! (`tests/data/config-vs-logs`, see its README), scanned as is and in variants — without the
//! logs, with weak configs, with clean logs — through the real binary.

use assert_cmd::Command;
use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};

fn estate() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/config-vs-logs")
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in fs::read_dir(from).expect("read_dir") {
        let entry = entry.expect("entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            fs::create_dir_all(&target).expect("mkdir");
            copy_dir(&entry.path(), &target);
        } else {
            fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

/// A copy of the estate, changed by `edit(root)`.
fn variant(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    copy_dir(&estate(), dir.path());
    edit(dir.path());
    dir
}

fn replace(root: &Path, rel: &str, from: &str, to: &str) {
    let p = root.join(rel);
    let text = fs::read_to_string(&p).expect("read");
    assert!(text.contains(from), "{rel} has no `{from}`");
    fs::write(&p, text.replace(from, to)).expect("write");
}

struct Scan {
    report: Value,
    stdout: String,
    out: tempfile::TempDir,
}

impl Scan {
    fn file(&self, name: &str) -> String {
        fs::read_to_string(self.out.path().join(name)).expect("output written")
    }

    fn rule(&self, id: &str) -> &Value {
        self.report["rules"].as_array().expect("rules").iter().find(|r| r["id"] == id).expect("rule in report")
    }

    fn function(&self, id: &str) -> &Value {
        self.report["pillars"]
            .as_array()
            .expect("pillars")
            .iter()
            .flat_map(|p| p["functions"].as_array().expect("functions"))
            .find(|f| f["id"] == id)
            .expect("function in report")
    }

    fn findings(&self, rule: &str) -> Vec<&Value> {
        self.report["findings"].as_array().expect("findings").iter().filter(|f| f["rule_id"] == rule).collect()
    }
}

fn scan(dir: &Path) -> Scan {
    let out = tempfile::tempdir().expect("tempdir");
    let assert = Command::cargo_bin("ztmm")
        .expect("binary")
        .arg("scan")
        .arg(dir)
        .arg("-o")
        .arg(out.path())
        .args(["--no-progress", "--format", "json,html,markdown,sarif"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let report = serde_json::from_str(&fs::read_to_string(out.path().join("report.json")).expect("json"))
        .expect("report.json is JSON");
    Scan { report, stdout, out }
}

fn ids(v: &Value) -> Vec<&str> {
    v.as_array().map(|a| a.iter().filter_map(Value::as_str).collect()).unwrap_or_default()
}

/// `(path, line)` of each related place of a finding.
fn related(f: &Value) -> Vec<(String, Option<u64>)> {
    f["related"]
        .as_array()
        .map(|a| a.iter().map(|r| (r["path"].as_str().unwrap_or("").to_string(), r["line"].as_u64())).collect())
        .unwrap_or_default()
}

#[test]
fn logs_that_contradict_a_config_claim_block_its_stage_and_cite_both_places() {
    let s = scan(&estate());
    // sshd: PasswordAuthentication no (line 6), yet a password login (auth.log line 2).
    assert_eq!(s.rule("ZT-ID-001")["verdict"], "pass", "the config rule's verdict is unchanged");
    assert_eq!(ids(&s.rule("ZT-ID-001")["contradicted_by"]), ["ZT-ID-029"]);
    assert_eq!(ids(&s.rule("ZT-ID-029")["contradicts"]), ["ZT-ID-001", "ZT-ID-010"]);
    let password = s.findings("ZT-ID-029");
    assert_eq!(password.len(), 1);
    assert_eq!(password[0]["location"]["path"], "logs/bastion-1/auth.log");
    assert_eq!(password[0]["location"]["line"], 2);
    assert_eq!(password[0]["relation"], "contradicted");
    assert_eq!(related(password[0]), [("hosts/bastion-1/etc/ssh/sshd_config".to_string(), Some(6))]);
    assert_eq!(password[0]["related"][0]["rule_id"], "ZT-ID-001");
    // …and the config's passing evidence cites the log line that contradicts it.
    let claim = s.findings("ZT-ID-001");
    assert_eq!(claim[0]["verdict"], "pass");
    assert_eq!(claim[0]["relation"], "contradicted");
    assert_eq!(related(claim[0]), [("logs/bastion-1/auth.log".to_string(), Some(2))]);
    // PermitRootLogin no, yet root logged in with a key (line 3).
    assert_eq!(ids(&s.rule("ZT-ID-030")["contradicts"]), ["ZT-ID-005"]);
    // pg_hba.conf has no trust or password row, yet the server log shows both (lines 5 and 8).
    assert_eq!(ids(&s.rule("ZT-ID-068")["contradicts"]), ["ZT-ID-014", "ZT-ID-015", "ZT-ID-067"]);
    let pg = s.findings("ZT-ID-068");
    let lines: Vec<u64> = pg.iter().filter_map(|f| f["location"]["line"].as_u64()).collect();
    assert_eq!(lines, [5, 8]);
    assert!(pg[0]["message"].as_str().is_some_and(|m| m.contains("by trust, as postgres")), "{}", pg[0]["message"]);
    let cited = related(pg[0]);
    assert!(cited.contains(&("db/ledger/pg_hba.conf".to_string(), Some(4))), "the scram row: {cited:?}");
    assert!(cited.contains(&("db/ledger/pg_hba.conf".to_string(), Some(3))), "the local peer row: {cited:?}");
    // --anonymous-auth=false, yet an anonymous request was served (audit line 2). ZT-ID-049's
    // passing instance is the kube-apiserver container (line 14).
    assert_eq!(ids(&s.rule("ZT-ID-044")["contradicts"]), ["ZT-ID-049"]);
    assert_eq!(related(s.findings("ZT-ID-044")[0]), [("k8s/control-plane/kube-apiserver.yaml".to_string(), Some(14))]);
    assert_eq!(s.report["summary"]["contradictions"], 4);

    // Each contradicting indicator blocks its function; ZT-ID-069 (no root password login)
    // bears out ZT-ID-004 instead.
    let auth = s.function("identity.authentication");
    assert_eq!(auth["demonstrated"], "traditional");
    assert_eq!(auth["potential"], "traditional", "a contradiction is observed, not unknown");
    for id in ["ZT-ID-029", "ZT-ID-044", "ZT-ID-068"] {
        assert!(ids(&auth["blocking"]).contains(&id), "{id} blocks: {}", auth["blocking"]);
    }
    assert!(ids(&s.function("identity.access-management")["blocking"]).contains(&"ZT-ID-030"));
    assert_eq!(ids(&s.rule("ZT-ID-004")["corroborated_by"]), ["ZT-ID-069"]);

    // Every output says so.
    assert!(
        s.stdout.contains("Logs vs configs in this scan: 4 contradiction(s)")
            && s.stdout.contains("ZT-ID-029 contradicts ZT-ID-001, ZT-ID-010"),
        "{}",
        s.stdout
    );
    let md = s.file("report.md");
    assert!(md.contains("**Logs vs configs in this scan:** 4 contradiction(s)"), "{md}");
    assert!(md.contains("**contradicts** ZT-ID-001 at `hosts/bastion-1/etc/ssh/sshd_config:6`"), "{md}");
    let html = s.file("report.html");
    assert!(html.contains(r#"<span class="rbadge rbadge-contradicted">contradicted by logs</span>"#));
    // Both places, escaped like all scanned text (minijinja escapes `/` too).
    let loc = |p: &str| format!("<code class=\"loc\">{}</code>", p.replace('/', "&#x2f;"));
    assert!(html.contains(&loc("hosts/bastion-1/etc/ssh/sshd_config:6")));
    assert!(html.contains(&loc("logs/bastion-1/auth.log:2")));
    assert!(html.contains("contradicted by logs (ZT-ID-029)"));
    let sarif: Value = serde_json::from_str(&s.file("report.sarif")).expect("sarif");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let r = results.iter().find(|r| r["ruleId"] == "ZT-ID-029").expect("ZT-ID-029 result");
    let rel = &r["relatedLocations"][0]["physicalLocation"];
    assert_eq!(rel["artifactLocation"]["uri"], "hosts/bastion-1/etc/ssh/sshd_config");
    assert_eq!(rel["region"]["startLine"], 6);
    assert_eq!(r["properties"]["relation"], "contradicted");
}

#[test]
fn without_the_logs_the_configs_alone_reach_a_higher_stage() {
    let s = scan(&estate());
    let with_logs = s.function("identity.authentication")["demonstrated"].clone();
    let configs_only = variant(|root| fs::remove_dir_all(root.join("logs")).expect("rm logs"));
    let c = scan(configs_only.path());
    let auth = c.function("identity.authentication");
    assert_eq!(auth["demonstrated"], "initial", "the certificate CA evidences Initial: {auth}");
    assert_eq!(with_logs, "traditional", "the contradicting logs pull it down");
    assert!(c.report["rules"].as_array().expect("rules").iter().all(|r| r.get("contradicted_by").is_none()));
    assert_eq!(c.report["summary"]["contradictions"], 0);
    assert!(!c.stdout.contains("Logs vs configs"));
}

#[test]
fn logs_that_confirm_a_config_weakness_corroborate_it_without_blocking_twice() {
    let weak = variant(|root| {
        replace(root, "hosts/bastion-1/etc/ssh/sshd_config", "PasswordAuthentication no", "PasswordAuthentication yes");
        replace(
            root,
            "db/ledger/pg_hba.conf",
            "10.20.0.0/16            scram-sha-256",
            "10.20.0.0/16            trust",
        );
    });
    let s = scan(weak.path());
    assert_eq!(s.rule("ZT-ID-001")["verdict"], "fail");
    assert_eq!(ids(&s.rule("ZT-ID-029")["corroborates"]), ["ZT-ID-001"], "only the config rule that admits it");
    assert!(s.rule("ZT-ID-029").get("contradicts").is_none());
    assert_eq!(ids(&s.rule("ZT-ID-001")["corroborated_by"]), ["ZT-ID-029"]);
    let f = s.findings("ZT-ID-029");
    assert_eq!(f[0]["relation"], "corroborated");
    assert_eq!(related(f[0]), [("hosts/bastion-1/etc/ssh/sshd_config".to_string(), Some(6))], "the failing line");
    let auth = s.function("identity.authentication");
    let blocking = ids(&auth["blocking"]);
    assert!(blocking.contains(&"ZT-ID-001") && blocking.contains(&"ZT-ID-014"), "{blocking:?}");
    assert!(!blocking.contains(&"ZT-ID-029") && !blocking.contains(&"ZT-ID-068"), "{blocking:?}");
    assert_eq!(ids(&s.rule("ZT-ID-068")["corroborates"]), ["ZT-ID-014"]);
    // The anonymous request still contradicts the untouched API server manifest.
    assert_eq!(s.report["summary"]["contradictions"], 2, "ZT-ID-030 and ZT-ID-044");
}

#[test]
fn clean_logs_bear_the_claims_out() {
    let clean = variant(|root| {
        let auth = root.join("logs/bastion-1/auth.log");
        let text = fs::read_to_string(&auth).expect("auth.log");
        let kept: String = text
            .lines()
            .filter(|l| !l.contains("Accepted password") && !l.contains(" for root "))
            .map(|l| format!("{l}\n"))
            .collect();
        fs::write(&auth, kept).expect("write");
        fs::remove_dir_all(root.join("logs/ledger")).expect("rm pg log");
        fs::remove_dir_all(root.join("logs/k8s")).expect("rm audit log");
    });
    let s = scan(clean.path());
    assert_eq!(s.report["summary"]["contradictions"], 0);
    assert_eq!(ids(&s.rule("ZT-ID-001")["corroborated_by"]), ["ZT-ID-029"]);
    assert_eq!(ids(&s.rule("ZT-ID-005")["corroborated_by"]), ["ZT-ID-030"]);
    let claim = s.findings("ZT-ID-001");
    assert_eq!(claim[0]["relation"], "corroborated");
    assert_eq!(related(claim[0]), [("logs/bastion-1/auth.log".to_string(), None)], "the log read, no line");
    assert_eq!(s.function("identity.authentication")["demonstrated"], "initial");
}

#[test]
fn related_places_are_escaped_in_html_and_the_report_validates() {
    let hostile = variant(|root| {
        let auth = root.join("logs/bastion-1/auth.log");
        let mut text = fs::read_to_string(&auth).expect("auth.log");
        text.push_str("Nov 20 13:00:00 bastion-1 sshd[1500]: Accepted password for <script>alert(1)</script> from 198.51.100.9 port 40000 ssh2\n");
        fs::write(&auth, text).expect("write");
    });
    let s = scan(hostile.path());
    let html = s.file("report.html");
    assert!(!html.contains("<script>alert(1)"), "scanned text reaches the page unescaped");
    // The config's passing evidence cites the hostile log line's message, escaped like the rest.
    assert!(
        html.contains(r#"<span class="rid">ZT-ID-029</span> bastion-1: &lt;script&gt;alert(1)&lt;&#x2f;script&gt;"#)
    );
    let schema_out = Command::cargo_bin("ztmm").expect("binary").arg("schema").assert().success();
    let schema: Value = serde_json::from_slice(&schema_out.get_output().stdout).expect("schema");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(&s.report).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}
