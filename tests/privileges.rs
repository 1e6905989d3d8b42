//! The standing-privilege inventory end to end: the example estates' admin grants at their lines,
//! standing versus just-in-time, grants versus usage from their logs, and a small estate built here
//! for what the examples do not show (cross-file joins, per-host sudo matching, unresolved
//! policies). Plus the summary line on stdout and in report.md.

mod common;

use assert_cmd::Command;
use common::assess_estate;
use std::fs;
use std::path::Path;
use ztmm::privileges::System;
use ztmm::report::{Privilege, Report};

fn estate(name: &str) -> Report {
    assess_estate(&format!("fixtures/estates/{name}"), &[], true)
}

/// The entries for `principal` (there may be several grants).
fn entries<'a>(r: &'a Report, principal: &str) -> Vec<&'a Privilege> {
    r.privileges.iter().filter(|p| p.principal == principal).collect()
}

#[track_caller]
fn one<'a>(r: &'a Report, principal: &str) -> &'a Privilege {
    let e = entries(r, principal);
    assert_eq!(e.len(), 1, "expected one grant for {principal}; inventory: {:#?}", r.privileges);
    e[0]
}

#[track_caller]
fn at(p: &Privilege, path: &str, line: u32) {
    assert_eq!((p.source.path.as_str(), p.source.line), (path, Some(line)), "{}", p.principal);
}

#[test]
fn legacy_shop_holds_standing_sudo_iam_k8s_postgres_and_vault_admin() {
    let r = estate("legacy-shop");
    assert!(r.privileges.iter().all(|p| p.standing && !p.jit_path), "nothing in legacy-shop is just in time");

    let admins = one(&r, "group:%admins");
    at(admins, "hosts/web01/etc/sudoers", 26);
    assert_eq!(admins.grant, "ALL (NOPASSWD)");
    at(one(&r, "user:ubuntu"), "hosts/web01/etc/sudoers.d/90-cloud-init-users", 4);
    at(one(&r, "group:%dba"), "hosts/db01/etc/sudoers.d/10-dba", 2);
    assert!(entries(&r, "user:root").is_empty(), "sudo gives root nothing it lacks");

    let agency = one(&r, "iam-user:pixelforge-deploy");
    at(agency, "terraform/iam.tf", 45);
    assert!(agency.grant.contains("AdministratorAccess"));
    let group = one(&r, "iam-group:admins");
    at(group, "terraform/iam.tf", 8);
    assert_eq!(group.members, vec!["priya.shah", "tom.hale"], "members resolved through for_each");
    let ci = one(&r, "iam-user:github-actions");
    at(ci, "terraform/iam.tf", 70);
    assert_eq!(ci.grant, "Allow * on *", "the jsonencode'd inline policy");
    assert!(entries(&r, "iam-user:stock-sync").is_empty(), "s3:* is not admin-level");
    let console = one(&r, "iam-policy:PixelforgeFullAccess");
    assert_eq!(console.scope, "holders not in the scan");

    at(one(&r, "Group:ops"), "k8s/rbac.yaml", 8);
    at(one(&r, "User:deploy@pixelforge.agency"), "k8s/rbac.yaml", 22);
    assert!(one(&r, "ServiceAccount:jobs/default").grant.contains("jobs-runner (wildcard verbs or resources)"));
    assert!(entries(&r, "Group:system:unauthenticated").is_empty(), "`view` is not admin-level");

    at(one(&r, "postgres:shop@orders (host from 10.0.0.0/16)"), "db/shopdb/pg_hba.conf", 11);
    let vault = one(&r, "policy:admin");
    at(vault, "vault/policies/admin.hcl", 2);
    assert_eq!(vault.system, System::Vault);
}

#[test]
fn legacy_shop_usage_comes_from_auth_log_and_cloudtrail() {
    let r = estate("legacy-shop");
    let ubuntu = one(&r, "user:ubuntu");
    assert_eq!(ubuntu.used, vec!["/usr/bin/kubectl -n shop rollout restart deployment/storefront"]);
    let group = one(&r, "iam-group:admins");
    assert!(group.used.contains(&"priya.shah: rds:ModifyDBInstance".to_string()), "{:?}", group.used);
    let agency = one(&r, "iam-user:pixelforge-deploy");
    assert_eq!(agency.used, vec!["ec2:AuthorizeSecurityGroupIngress"]);
    assert!(agency.window.as_deref().is_some_and(|w| w.contains("2026-11-17T02:16:08Z")), "{:?}", agency.window);
    // Group grants cannot be matched from auth.log, so they are not called unused.
    assert!(one(&r, "group:%admins").unused.is_empty());
    // Nobody's usage is claimed without a log of that system.
    assert!(one(&r, "Group:ops").window.as_deref().is_some_and(|w| w.contains("no Kubernetes audit log")));

    let unlisted: Vec<(&str, Option<&str>)> =
        r.privilege_usage.unlisted.iter().map(|u| (u.principal.as_str(), u.host.as_deref())).collect();
    assert_eq!(unlisted, vec![("aws-root", None), ("user:priya", Some("web01")), ("user:tom", Some("web01"))]);
    let tom = &r.privilege_usage.unlisted[2];
    assert_eq!(tom.admin_actions, vec!["/bin/bash"]);
    assert!(tom.note.contains("%admins"), "{}", tom.note);
}

#[test]
fn getting_started_shows_unused_commands_and_a_self_service_admin_role() {
    let r = estate("getting-started");
    let deploy = one(&r, "user:deploy");
    assert_eq!(deploy.used, vec!["/usr/bin/systemctl restart fernhill-collector"]);
    assert_eq!(
        deploy.unused,
        vec!["/usr/bin/systemctl status fernhill-collector", "/usr/bin/journalctl -u fernhill-collector *"]
    );
    // Assumable at will with MFA for an hour: expiring sessions, but standing eligibility.
    let admin = one(&r, "iam-role:fernhill-admin");
    assert!(admin.standing && !admin.jit_path);
    assert!(admin.basis.contains("with MFA") && admin.basis.contains("3600s"), "{}", admin.basis);
    assert_eq!(admin.used, vec!["rds:ModifyDBInstance"]);
}

#[test]
fn platform_team_break_glass_is_standing_and_unused() {
    let r = estate("platform-team");
    let glass = one(&r, "Group:kestrel:break-glass");
    at(glass, "k8s/rbac/break-glass.yaml", 13);
    assert!(glass.standing);
    assert_eq!(glass.unused, vec!["* *"], "no request by the break-glass group in the audit sample");
    let argo = one(&r, "ServiceAccount:argocd/argocd-application-controller");
    assert!(argo.used.contains(&"patch deployments".to_string()), "{:?}", argo.used);
    assert!(argo.unused.is_empty());
}

#[test]
fn zero_standing_privilege_reaches_admin_only_just_in_time() {
    let r = estate("zero-standing-privilege");
    let glass = one(&r, "teleport-role:prod-break-glass");
    at(glass, "teleport/roles.yaml", 141);
    assert!(!glass.standing && glass.jit_path);
    assert!(glass.basis.contains("only by access request from role member"), "{}", glass.basis);
    let sso = one(&r, "sso-permission-set:HieAdministrator");
    assert!(!sso.standing && sso.jit_path, "{}", sso.basis);
    // The one standing grant is the pipeline's Vault policy (waived in ztmm.yaml).
    let standing: Vec<&str> = r.privileges.iter().filter(|p| p.standing).map(|p| p.principal.as_str()).collect();
    assert_eq!(standing, vec!["policy:platform-config"]);
    // The JIT machinery itself acts in CloudTrail with rights defined outside the scan.
    assert!(r.privilege_usage.unlisted.iter().any(|u| u.principal == "iam-role:teleport-identity-center"));
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().expect("has a parent")).expect("mkdir");
    fs::write(path, text).expect("write");
}

/// Roles and bindings in different files, a policy attached from another file, per-host sudo.
fn small_estate(root: &Path) {
    write(
        root,
        "k8s/roles.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRole\nmetadata:\n  name: rbac-manager\nrules:\n  - apiGroups: [rbac.authorization.k8s.io]\n    resources: [clusterrolebindings, clusterroles]\n    verbs: [get, create, bind, escalate]\n",
    );
    write(
        root,
        "k8s/bindings.yaml",
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata:\n  name: rbac-managers\nsubjects:\n  - kind: Group\n    name: platform\nroleRef:\n  kind: ClusterRole\n  name: rbac-manager\n",
    );
    write(
        root,
        "logs/k8s/audit.jsonl",
        "{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"stage\":\"ResponseComplete\",\"verb\":\"create\",\"user\":{\"username\":\"ana\",\"groups\":[\"platform\"]},\"objectRef\":{\"resource\":\"clusterrolebindings\"},\"responseStatus\":{\"code\":201},\"requestReceivedTimestamp\":\"2026-05-01T10:00:00Z\"}\n",
    );
    write(
        root,
        "terraform/policies.tf",
        "resource \"aws_iam_policy\" \"iam_admin\" {\n  name   = \"iam-admin\"\n  policy = jsonencode({\n    Statement = [{ Effect = \"Allow\", Action = [\"iam:*\"], Resource = \"*\" }]\n  })\n}\n",
    );
    write(
        root,
        "terraform/users.tf",
        "resource \"aws_iam_user\" \"ops\" {\n  name = \"ops-bot\"\n}\n\nresource \"aws_iam_user_policy_attachment\" \"ops\" {\n  user       = aws_iam_user.ops.name\n  policy_arn = aws_iam_policy.iam_admin.arn\n}\n\nresource \"aws_iam_user_policy_attachment\" \"elsewhere\" {\n  user       = aws_iam_user.ops.name\n  policy_arn = var.shared_policy_arn\n}\n",
    );
    let sudoers = "deploy ALL=(root) NOPASSWD: /usr/bin/systemctl restart app, /usr/bin/systemctl status app\n";
    write(root, "hosts/web01/etc/sudoers", sudoers);
    write(root, "hosts/db01/etc/sudoers", sudoers);
    write(
        root,
        "logs/auth.log",
        "Nov 17 08:42:30 web01 sudo:   deploy : TTY=unknown ; PWD=/ ; USER=root ; COMMAND=/usr/bin/systemctl restart app\n",
    );
}

fn scan(root: &Path) -> (Report, String, String) {
    let out = tempfile::tempdir().expect("tempdir");
    let assert = Command::cargo_bin("ztmm")
        .expect("binary builds")
        .arg("scan")
        .arg(root)
        .arg("-o")
        .arg(out.path())
        .args(["--format", "json,markdown", "--no-progress"])
        .assert()
        .success();
    let stdout = String::from_utf8_lossy(&assert.get_output().stdout).into_owned();
    let json = fs::read_to_string(out.path().join("report.json")).expect("report.json");
    let md = fs::read_to_string(out.path().join("report.md")).expect("report.md");
    (serde_json::from_str(&json).expect("report.json parses as a Report"), stdout, md)
}

#[test]
fn joins_across_files_and_matches_usage_per_host() {
    let dir = tempfile::tempdir().expect("tempdir");
    small_estate(dir.path());
    let (r, stdout, md) = scan(dir.path());

    let platform = one(&r, "Group:platform");
    at(platform, "k8s/bindings.yaml", 6);
    assert_eq!(platform.grant, "ClusterRole rbac-manager (escalate/bind verbs)");
    assert_eq!(platform.used, vec!["create clusterrolebindings"]);
    assert_eq!(platform.unused.len(), 7, "{:?}", platform.unused);
    assert!(!platform.unused.contains(&"create clusterrolebindings".to_string()));

    let ops: Vec<&Privilege> = entries(&r, "iam-user:ops-bot");
    assert_eq!(ops.len(), 2, "{ops:#?}");
    assert_eq!((ops[0].grant.as_str(), ops[0].source.line, ops[0].resolved), ("Allow iam:* on *", Some(7), true));
    assert_eq!((ops[1].scope.as_str(), ops[1].resolved), ("policy defined elsewhere", false));
    assert!(entries(&r, "iam-policy:iam-admin").is_empty(), "an attached policy is listed with its holder");

    let deploy = entries(&r, "user:deploy");
    let on = |host: &str| deploy.iter().find(|p| p.source.path.contains(host)).expect("one grant per host");
    assert_eq!(on("web01").used, vec!["/usr/bin/systemctl restart app"]);
    assert_eq!(on("web01").unused, vec!["/usr/bin/systemctl status app"]);
    assert!(on("db01").used.is_empty(), "web01's sudo does not count for db01");
    assert_eq!(on("db01").unused.len(), 2);

    let line = "Standing privilege: 4 standing admin grants, 0 with a JIT path; 1 attachment of policies defined outside the scan";
    assert!(stdout.contains(line), "{stdout}");
    assert!(md.contains("**Standing privilege:** 4 standing admin grants, 0 with a JIT path"), "{md}");
}
