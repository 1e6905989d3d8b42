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
}

fn patterns() -> Option<&'static Patterns> {
    static P: OnceLock<Option<Patterns>> = OnceLock::new();
    P.get_or_init(|| {
        Some(Patterns {
            private_key: Regex::new(r"-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)").ok()?,
            aws_key: Regex::new(r"\b(AKIA|ASIA|AGPA|AIDA|AROA|ANPA|ANVA|AIPA)[A-Z0-9]{16}\b").ok()?,
            url_creds: Regex::new(r"([a-zA-Z][a-zA-Z0-9+.-]*://[^:/@\s]+:)([^@\s]+)(@)").ok()?,
            assignment: Regex::new(
                r#"(?i)((?:password|passwd|pwd|secret|token|api[_-]?key|apikey|access[_-]?key|secret[_-]?key|client[_-]?secret|private[_-]?key|credentials?|auth[_-]?token)[a-z0-9_.-]*["']?\s*(?:=|:|=>)\s*["']?)([^"'\s,;}{]+)"#,
            )
            .ok()?,
            bearer: Regex::new(r"(?i)(bearer\s+)[a-z0-9._~+/=-]{8,}").ok()?,
            known_tokens: Regex::new(r"\b(ghp_[A-Za-z0-9]{20,}|gh[osu]_[A-Za-z0-9]{20,}|xox[abpr]-[A-Za-z0-9-]{10,}|hvs\.[A-Za-z0-9_-]{20,}|glpat-[A-Za-z0-9_-]{20,}|eyJ[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,}\.[A-Za-z0-9_-]{10,})").ok()?,
        })
    })
    .as_ref()
}

/// Redact secrets in `text`.
pub fn redact(text: &str) -> String {
    let Some(p) = patterns() else { return MASK.to_string() };
    let s = p.private_key.replace_all(text, "-----BEGIN PRIVATE KEY----- [REDACTED]");
    let s = p.aws_key.replace_all(&s, "${1}[REDACTED]");
    let s = p.url_creds.replace_all(&s, format!("${{1}}{MASK}${{3}}").as_str());
    let s = p.bearer.replace_all(&s, format!("${{1}}{MASK}").as_str());
    let s = p.known_tokens.replace_all(&s, MASK);
    let s = p.assignment.replace_all(&s, |c: &regex::Captures<'_>| {
        let raw_value = c.get(2).map_or("", |m| m.as_str());
        // Prose ("…Token: false)") ends values with punctuation that is not part of them.
        let value = raw_value.trim_end_matches([')', ']', '.', ':']);
        let key = c[1].to_ascii_lowercase();
        // Settings *about* secrets (password_encryption, PasswordAuthentication) are not secrets.
        if ["encryption", "authentication", "_file", "policy", "length", "expir", "_path", "_ttl", "rotation"]
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
        assert!(!redact("aws_access_key_id = AKIAIOSFODNN7EXAMPLE").contains("IOSFODNN7EXAMPLE"));
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
    }
}
