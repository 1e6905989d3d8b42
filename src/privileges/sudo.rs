//! sudoers: every user specification that grants `ALL` commands, a shell as root (which is the same
//! thing), or any command as root without a password (`NOPASSWD`, or `Defaults !authenticate`).
//! Works on the parser's expanded specs (aliases resolved, one entry per command); commands of one
//! line for one principal become one grant. `root` is skipped: sudo gives it nothing it lacks.

use super::{line, strings, Grant, System};
use crate::document::Document;
use serde_json::Value;

/// Programs whose use as root is an unrestricted root shell.
const SHELLS: [&str; 10] = ["sh", "bash", "zsh", "dash", "ksh", "csh", "tcsh", "fish", "su", "sudo"];
/// Commands named in one grant's text; the rest are counted.
const SHOWN_COMMANDS: usize = 8;

pub(super) fn is_shell(command: &str) -> bool {
    let program = command.split_whitespace().next().unwrap_or("");
    let base = program.rsplit('/').next().unwrap_or(program);
    SHELLS.contains(&base)
}

/// `user:alice`, `group:%wheel`, `netgroup:+ops`; `None` for root and negated names.
fn principal(user: &str) -> Option<String> {
    if user.starts_with('!') || user == "root" || user == "#0" {
        return None;
    }
    Some(match user.chars().next() {
        Some('%') => format!("group:{user}"),
        Some('+') => format!("netgroup:{user}"),
        _ => format!("user:{user}"),
    })
}

/// Is authentication switched off for `user` by a `Defaults` line (global or `Defaults:user`)?
/// sudo applies the last matching setting.
fn authenticate_off(tree: &Value, user: &str) -> bool {
    let mut off = false;
    for d in tree.get("defaults").and_then(Value::as_array).into_iter().flatten() {
        let applies = match d.get("scope").and_then(Value::as_str) {
            Some("global") => true,
            Some("user") => d.get("target").and_then(Value::as_str).is_some_and(|t| t.split(',').any(|x| x == user)),
            _ => false,
        };
        if let (true, Some(Value::Bool(b))) = (applies, d.pointer("/settings/authenticate")) {
            off = !*b;
        }
    }
    off
}

struct Pending {
    principal: String,
    line: Option<u32>,
    commands: Vec<String>,
    all: bool,
    nopasswd: bool,
    hosts: String,
    runas: String,
}

pub fn extract(doc: &Document, out: &mut Vec<Grant>) {
    let mut pending: Vec<Pending> = Vec::new();
    for (i, spec) in doc.tree.get("specs").and_then(Value::as_array).into_iter().flatten().enumerate() {
        if spec.get("negated").and_then(Value::as_bool) == Some(true) {
            continue;
        }
        let runas = strings(spec.get("runas_users"));
        let as_root = runas.iter().any(|u| u == "ALL" || u == "root" || u == "#0");
        let tags = strings(spec.get("tags"));
        let line = line(doc, &format!("/specs/{i}"));
        for user in strings(spec.get("users_expanded")) {
            let Some(principal) = principal(&user) else { continue };
            let nopasswd = tags.iter().any(|t| t == "NOPASSWD") || authenticate_off(&doc.tree, &user);
            for command in strings(spec.get("command_expanded")).into_iter().filter(|c| !c.starts_with('!')) {
                let all = command == "ALL";
                if !(all || (as_root && (nopasswd || is_shell(&command)))) {
                    continue;
                }
                let idx = match pending.iter().position(|p| p.principal == principal && p.line == line) {
                    Some(idx) => idx,
                    None => {
                        pending.push(Pending {
                            principal: principal.clone(),
                            line,
                            commands: Vec::new(),
                            all: false,
                            nopasswd: false,
                            hosts: strings(spec.get("hosts")).join(", "),
                            runas: if runas.is_empty() { "the invoking user".into() } else { runas.join(", ") },
                        });
                        pending.len() - 1
                    }
                };
                if let Some(p) = pending.get_mut(idx) {
                    p.all |= all;
                    p.nopasswd |= nopasswd;
                    if !p.commands.contains(&command) {
                        p.commands.push(command);
                    }
                }
            }
        }
    }
    for p in pending {
        let mut shown: Vec<&str> = p.commands.iter().take(SHOWN_COMMANDS).map(String::as_str).collect();
        if p.all {
            shown = vec!["ALL"];
        }
        let mut grant = shown.join(", ");
        if !p.all && p.commands.len() > SHOWN_COMMANDS {
            grant.push_str(&format!(" (+{} more)", p.commands.len() - SHOWN_COMMANDS));
        }
        if !p.all && p.commands.iter().any(|c| is_shell(c)) {
            grant.push_str(" (a shell: same as ALL)");
        }
        // Not `NOPASSWD: …`: redaction reads `…PASSWD: value` as a secret assignment.
        if p.nopasswd {
            grant.push_str(" (NOPASSWD)");
        }
        out.push(Grant {
            system: System::Sudo,
            principal: p.principal,
            path: doc.path.clone(),
            line: p.line,
            grant,
            scope: format!("host {} as {}", p.hosts, p.runas),
            standing: true,
            jit_path: false,
            basis: "sudoers rules do not expire and sudo has no request step".into(),
            items: if p.all { vec!["ALL".into()] } else { p.commands },
            members: Vec::new(),
            resolved: true,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn grants(text: &str) -> Vec<Grant> {
        let out = crate::parse::parse(crate::parse::Syntax::Sudoers, text, crate::parse::YamlOptions::default());
        let mut g = Vec::new();
        for (ordinal, d) in out.documents.into_iter().enumerate() {
            let doc = Document {
                kind: crate::kind::Kind::Sudoers,
                path: "hosts/web01/etc/sudoers".into(),
                ordinal,
                tree: d.tree,
                spans: d.spans,
            };
            extract(&doc, &mut g);
        }
        g
    }

    #[test]
    fn all_nopasswd_and_shells_are_admin_and_scoped_commands_with_a_password_are_not() {
        let g = grants(
            "Defaults env_reset\nroot ALL=(ALL:ALL) ALL\n%admins ALL=(ALL) NOPASSWD: ALL\n\
             Cmnd_Alias COLLECTOR = /usr/bin/systemctl restart collector, /usr/bin/journalctl -u collector *\n\
             deploy ALL=(root) NOPASSWD: COLLECTOR\nops ALL=(root) /usr/bin/systemctl status app\n\
             dev ALL=(root) /bin/bash\nbob ALL=(postgres) ALL\n",
        );
        let got: Vec<(&str, Option<u32>, &str, &str)> =
            g.iter().map(|g| (g.principal.as_str(), g.line, g.grant.as_str(), g.scope.as_str())).collect();
        assert_eq!(
            got,
            vec![
                ("group:%admins", Some(3), "ALL (NOPASSWD)", "host ALL as ALL"),
                (
                    "user:deploy",
                    Some(5),
                    "/usr/bin/systemctl restart collector, /usr/bin/journalctl -u collector * (NOPASSWD)",
                    "host ALL as root"
                ),
                ("user:dev", Some(7), "/bin/bash (a shell: same as ALL)", "host ALL as root"),
                ("user:bob", Some(8), "ALL", "host ALL as postgres"),
            ]
        );
        assert_eq!(g[1].items, vec!["/usr/bin/systemctl restart collector", "/usr/bin/journalctl -u collector *"]);
        assert_eq!(g[0].items, vec!["ALL"]);
        assert!(g.iter().all(|g| g.standing && !g.jit_path));
    }

    #[test]
    fn defaults_not_authenticate_makes_root_commands_passwordless() {
        let g = grants("Defaults:carol !authenticate\ncarol ALL=(root) /usr/bin/systemctl restart app\n");
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].grant, "/usr/bin/systemctl restart app (NOPASSWD)");
        let none = grants("Defaults:carol !authenticate\nDefaults:carol authenticate\ncarol ALL=(root) /bin/true\n");
        assert!(none.is_empty(), "the last Defaults wins");
    }
}
