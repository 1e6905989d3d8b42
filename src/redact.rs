//! Secret redaction for evidence: the report is handed to clients, so passwords, tokens, keys and
//! credentials in connection strings never leave the scanned files. Applied to every snippet and
//! log sample before it enters a finding; `--no-redact` turns it off for internal debugging.

use regex::Regex;
use std::sync::OnceLock;

const MASK: &str = "[REDACTED]";

struct Patterns {
    private_key: Regex,
    aws_key: Regex,
    url_creds: Regex,
    assignment: Regex,
    bearer: Regex,
    known_tokens: Regex,
    cli_flag: Regex,
    pem_base64: Regex,
    base64_value: Regex,
    env_name: Regex,
    env_value: Regex,
    json_env: Regex,
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            private_key: Regex::new(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)").ok()?,
            aws_key: Regex::new(r"\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{12}([A-Z0-9]{4})\b").ok()?,
            url_creds: Regex::new(r"([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]+:)([^@\s]+)(@)").ok()?,
            assignment: Regex::new(
                r#"(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|private[_-]?key|credentials?|auth[_-]?token)[a-z0-9_.-]*["']?\s*(?:=|:|=>)\s*["']?)([^"'\s,;}{]+)"#,
            )
            .ok()?,
            bearer: Regex::new(r"(?i)(bearer\s+)[a-z0-9._~+/=-]{8,}").ok()?,
            known_tokens: Regex::new(r"\b([sprk]k_(?:live|test)_[A-Za-z0-9]{8,}|AIza[0-9A-Za-z_-]{35}|ghp_[A-Za-z0-9]{20,}|gh[osu]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|hvs\.[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})").ok()?,
            // `--password=x`, `--api-key x`: flags on a command line, value after `=` or a space.
            cli_flag: Regex::new(r"(?i)(--?(?:db-)?(?:password|passwd|pass|api-key|apikey|token|secret|client-secret|access-key|secret-key|auth-token)(?:=|\s+))([^\s$\-][^\s]*)").ok()?,
            // A PEM block, base64-encoded (Kubernetes Secret `data`): `LS0tLS1CRUdJTi…`.
            pem_base64: Regex::new(r"LS0tLS1[A-Za-z0-9+/=]{8,}").ok()?,
            // A long base64 value of a key (Secret `data` entries); mixed case and a digit, so hex
            // digests and plain words stay readable.
            base64_value: Regex::new(r"(:\s*)([A-Za-z0-9+/]{24,}={0,2})(\s*)$").ok()?,
            // A Kubernetes env entry: a secret-looking `name:`, its literal `value:` on a later line.
            env_name: Regex::new(r#"(?i)name:\s*["']?[A-Za-z0-9_.-]*(password|passwd|secret|token|api_?key|access_?key|credential|private_?key|pass\b)"#).ok()?,
            env_value: Regex::new(r#"^(.*?(?:^|\s|-\s|\|\s)value:\s*)(\S.*)$"#).ok()?,
            json_env: Regex::new(r#"(?i)("name"\s*:\s*"[^"]*(?:password|passwd|secret|token|api_?key|access_?key|credential)[^"]*"\s*,\s*"value"\s*:\s*")([^"]*)(")"#).ok()?,
        })
    })
    .as_ref()
}

fn is_placeholder(value: &str) -> bool {
    let v = value.trim_matches(|c| c == '"' || c == '\'');
    v.is_empty()
        || v.starts_with("${")
        || v.starts_with("$(")
        || v.starts_with("{{")
        || v.starts_with("var.")
        || v == MASK
}

/// Line-aware redaction: a literal `value:` following a secret-looking `name:` (within two lines),
/// and long base64 values (Secret `data`).
fn redact_lines(p: &Patterns, text: &str) -> String {
    let mut out = Vec::new();
    let mut secret_name_at: Option<usize> = None;
    for (i, line) in text.split('\n').enumerate() {
        let mut line = line.to_string();
        if secret_name_at.is_some_and(|at| i - at <= 2) {
            if let Some(c) = p.env_value.captures(&line) {
                let value = c.get(2).map_or("", |m| m.as_str());
                if !is_placeholder(value) {
                    line = format!("{}{MASK}", &c[1]);
                }
                secret_name_at = None;
            }
        }
        if p.env_name.is_match(&line) {
            secret_name_at = Some(i);
        }
        let replaced = p.base64_value.replace(&line, |c: &regex::Captures<'_>| {
            let v = &c[2];
            let mixed = v.chars().any(|ch| ch.is_ascii_uppercase())
                && v.chars().any(|ch| ch.is_ascii_lowercase())
                && v.chars().any(|ch| ch.is_ascii_digit());
            if mixed {
                format!("{}{MASK}{}", &c[1], &c[3])
            } else {
                c[0].to_string()
            }
        });
        out.push(replaced.into_owned());
    }
    out.join("\n")
}

/// Context-free patterns: things that are secrets wherever they appear (keys, tokens, PEM blocks,
/// credentials in URLs and on command lines).
fn redact_tokens(p: &Patterns, text: &str) -> String {
    let s = p.private_key.replace_all(text, "-----BEGIN PRIVATE KEY----- [REDACTED]");
    // Keep an access key id's last four characters: owners need them to know which key to rotate.
    let s = p.aws_key.replace_all(&s, "${1}[REDACTED]${2}");
    let s = p.url_creds.replace_all(&s, format!("${{1}}{MASK}${{3}}").as_str());
    let s = p.bearer.replace_all(&s, format!("${{1}}{MASK}").as_str());
    let s = p.known_tokens.replace_all(&s, MASK);
    let s = p.pem_base64.replace_all(&s, MASK);
    let s = p.cli_flag.replace_all(&s, |c: &regex::Captures<'_>| {
        let flag = c[1].to_ascii_lowercase();
        if flag.contains("-file") || flag.contains("-path") || is_placeholder(&c[2]) {
            c[0].to_string()
        } else {
            format!("{}{MASK}", &c[1])
        }
    });
    s.into_owned()
}

/// Redact a finding message whose scanned values were already redacted one by one (see
/// `Template::render_with`): the rule author's own words ("reads Secrets: get") are not
/// key-value pairs, so only context-free patterns apply to the whole.
pub fn redact_message(text: &str) -> String {
    match patterns() {
        Some(p) => redact_tokens(p, text),
        None => MASK.to_string(),
    }
}

/// Redact secrets in `text`.
pub fn redact(text: &str) -> String {
    let Some(p) = patterns() else { return MASK.to_string() };
    let s = redact_tokens(p, text);
    let s = p.json_env.replace_all(&s, |c: &regex::Captures<'_>| {
        if is_placeholder(&c[2]) {
            c[0].to_string()
        } else {
            format!("{}{MASK}{}", &c[1], &c[3])
        }
    });
    let lined = redact_lines(p, &s);
    let s = std::borrow::Cow::Owned(lined);
    let s = p.assignment.replace_all(&s, |c: &regex::Captures<'_>| {
        let raw_value = c.get(2).map_or("", |m| m.as_str());
        // Prose ("…Token: false)") ends values with punctuation that is not part of them.
        let value = raw_value.trim_end_matches([')', ']', '.', ':']);
        let key = c[1].to_ascii_lowercase();
        // Settings *about* secrets (password_encryption, PasswordAuthentication) are not secrets.
        if ["encryption", "authentication", "file", "policy", "length", "expir", "path", "_ttl", "rotation"]
            .iter()
            .any(|w| key.contains(w))
        {
            return c[0].to_string();
        }
        // A shell's working directory (`PWD=/home/alice` in sudo logs) is not a password.
        let bare_key = key.trim_end_matches(|ch: char| ch.is_whitespace() || "\"'=:>".contains(ch));
        if bare_key == "pwd" && value.starts_with('/') {
            return c[0].to_string();
        }
        // Keep references and placeholders readable: they are not secrets.
        if value.starts_with("${")
            || value.starts_with("var.")
            || value.starts_with("{{")
            || value == MASK
            || value.eq_ignore_ascii_case("null")
            || value.eq_ignore_ascii_case("true")
            || value.eq_ignore_ascii_case("false")
        {
            c[0].to_string()
        } else {
            format!("{}{MASK}", &c[1])
        }
    });
    s.into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn redacts_common_secrets() {
        assert!(!redact("aws_access_key_id = AKIAIOSFODNN7EXAMPLE").contains("IOSFODNN7EXA"));
        assert_eq!(redact_message("key AKIAIOSFODNN7EXAMPLE used"), "key AKIA[REDACTED]MPLE used");
        assert_eq!(redact_message("alice reads Secrets: get"), "alice reads Secrets: get");
        assert_eq!(redact("password: hunter2"), "password: [REDACTED]");
        assert_eq!(redact("DB_PASSWORD=\"s3cr3t!\""), "DB_PASSWORD=\"[REDACTED]\"");
        assert_eq!(redact("postgres://app:pa55@db:5432/x"), "postgres://app:[REDACTED]@db:5432/x");
        let key = "-----BEGIN RSA PRIVATE KEY-----\nMIIEow\n-----END RSA PRIVATE KEY-----";
        assert!(!redact(key).contains("MIIEow"));
        assert!(!redact("Authorization: Bearer abcdefghijklmnop").contains("abcdefghijklmnop"));
        assert!(!redact("token ghp_abcdefghijklmnopqrstuvwxyz0123").contains("ghp_abcdef"));
    }

    #[test]
    fn keeps_non_secrets() {
        assert_eq!(redact("PasswordAuthentication no"), "PasswordAuthentication no");
        assert_eq!(redact("password = var.db_password"), "password = var.db_password");
        assert_eq!(redact("kind: ClusterRoleBinding"), "kind: ClusterRoleBinding");
        assert_eq!(redact("password_encryption = scram-sha-256"), "password_encryption = scram-sha-256");
        assert_eq!(redact("(automountServiceAccountToken: false)"), "(automountServiceAccountToken: false)");
        assert_eq!(redact("TTY=pts/0 ; PWD=/home/alice ; USER=root"), "TTY=pts/0 ; PWD=/home/alice ; USER=root");
        assert_eq!(redact("PGPASSWORD=hunter2 psql"), "PGPASSWORD=[REDACTED] psql");
        // Digests, names and references stay readable.
        let digest = "  checksum/config: 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
        assert_eq!(redact(digest), digest);
        assert_eq!(
            redact("  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db}"),
            "  - name: DB_PASSWORD\n    valueFrom:\n      secretKeyRef: {name: db}"
        );
        assert_eq!(
            redact("  - name: DB_PASSWORD\n    value: $(DB_PASSWORD_FROM_VAULT)"),
            "  - name: DB_PASSWORD\n    value: $(DB_PASSWORD_FROM_VAULT)"
        );
        assert_eq!(redact("args: [--password-file=/run/secrets/db]"), "args: [--password-file=/run/secrets/db]");
        assert_eq!(redact("  - name: LOG_LEVEL\n    value: debug"), "  - name: LOG_LEVEL\n    value: debug");
    }

    #[test]
    fn redacts_secrets_found_by_the_rules() {
        // Kubernetes env: the value is on the line after the name, as in evidence snippets.
        let env = ">   41 |         - name: DB_PASSWORD\n    42 |           value: \"S3cure-Orders-2024\"";
        assert!(!redact(env).contains("S3cure-Orders-2024"), "{}", redact(env));
        assert!(!redact(r#"{"name": "STRIPE_API_KEY", "value": "not-a-real-key-123"}"#).contains("not-a-real-key"));
        // A base64 PEM in a Secret, a base64 secret value, a CLI flag, payment and cloud tokens.
        assert!(!redact("  tls.key: LS0tLS1CRUdJTiBQUklWQVRFIEtFWS0tLS0t").contains("LS0tLS1CRUdJTi"));
        assert!(!redact("  db-password: SHVudGVyMmh1bnRlcjJTZWNyZXQx").contains("SHVudGVyMmh1bnRlcjJTZWNyZXQx"));
        assert!(!redact("args: [\"--api-key\", \"pk_live_51Habcdefghijkl\"]").contains("51Habcdef"));
        assert!(!redact("command: serve --api-key pk_live_51Habcdefghijkl").contains("51Habcdef"));
        assert!(!redact("--db-password=hunter2hunter2").contains("hunter2hunter2"));
    }
}
