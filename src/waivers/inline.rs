//! Inline waivers: `ztmm:ignore RULE reason="…" expires=YYYY-MM-DD [owner="…"]` in a comment of a
//! scanned config covers that rule's findings on the directive's own line (a trailing comment) or
//! on the next non-blank, non-comment line; `ztmm:ignore-file RULE …` covers the rule's findings
//! anywhere in the file, including those with no line (a setting left at its default).
//!
//! Directives are collected from the text the per-file stage has already read (files are read
//! once). A directive without a reason or an expiry, with a bad date or naming an unknown rule is
//! not applied and becomes a warning at its path:line. Log files are streamed and never carry
//! directives; JSON has no comments, so it cannot carry them either.

use crate::config::Names;
use crate::parse::Syntax;
use crate::scan::{Diagnostic, Level};

const DIRECTIVE: &str = "ztmm:ignore";
/// Longest reason or owner kept from a directive, in characters.
const MAX_TEXT: usize = 300;

/// What an inline waiver covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Covers {
    /// Findings at this line.
    Line(u32),
    /// Every finding of the rule in the file.
    File,
}

/// A well-formed directive, found in `path` at `line`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineWaiver {
    /// Canonical rule id (the directive may use the rule's name or an alias).
    pub rule_id: String,
    pub path: String,
    pub line: u32,
    pub covers: Covers,
    pub reason: String,
    pub owner: Option<String>,
    /// `YYYY-MM-DD`, validated.
    pub expires: String,
}

/// The comment markers a format allows; empty when it has none (JSON), which means the format
/// cannot carry inline waivers. `--` and `;` are understood by the collector for formats that use
/// them; no config kind ztmm parses today does.
pub fn markers(syntax: Syntax) -> &'static [&'static str] {
    match syntax {
        Syntax::Yaml
        | Syntax::Sshd
        | Syntax::Sudoers
        | Syntax::PgHba
        | Syntax::PgConf
        | Syntax::FluentBit
        | Syntax::Rsyslog
        | Syntax::Toml => &["#"],
        Syntax::Hcl => &["#", "//"],
        Syntax::Json => &[],
    }
}

/// Find the directives in `text` (a file of `syntax` at `path`).
pub fn collect(path: &str, syntax: Syntax, text: &str, names: &dyn Names) -> (Vec<InlineWaiver>, Vec<Diagnostic>) {
    collect_with(path, markers(syntax), text, names)
}

fn collect_with(path: &str, markers: &[&str], text: &str, names: &dyn Names) -> (Vec<InlineWaiver>, Vec<Diagnostic>) {
    let mut waivers = Vec::new();
    let mut diagnostics = Vec::new();
    // Most files carry no directive: one substring search and nothing else.
    if markers.is_empty() || memchr::memmem::find(text.as_bytes(), DIRECTIVE.as_bytes()).is_none() {
        return (waivers, diagnostics);
    }
    let lines: Vec<&str> = text.lines().collect();
    for (i, text_line) in lines.iter().enumerate() {
        let Some(found) = find(text_line, markers) else { continue };
        let Ok(line) = u32::try_from(i + 1) else { break };
        let name = if found.file_wide { "ztmm:ignore-file" } else { "ztmm:ignore" };
        let args = parse_args(found.args);
        let mut problems = args.problems;
        let rule_id = match args.rule {
            Some(rule) => names.rule_id(rule).or_else(|| {
                problems.push(format!("unknown rule `{}`", clip(rule)));
                None
            }),
            None => {
                problems.push("names no rule (ztmm:ignore RULE reason=\"…\" expires=YYYY-MM-DD)".into());
                None
            }
        };
        if args.reason.as_deref().is_none_or(|r| r.trim().is_empty()) {
            problems.push("needs reason=\"…\"".into());
        }
        match args.expires.as_deref() {
            None => problems.push("needs expires=YYYY-MM-DD".into()),
            Some(d) if super::parse_date(d).is_none() => {
                problems.push(format!("`{}` is not a date (YYYY-MM-DD)", clip(d)));
            }
            Some(_) => {}
        }
        let covers = if found.file_wide {
            Some(Covers::File)
        } else if found.trailing {
            Some(Covers::Line(line))
        } else {
            let next = lines.iter().enumerate().skip(i + 1).find(|(_, l)| {
                let t = l.trim();
                !t.is_empty() && !is_comment(t, markers)
            });
            let covered = next.and_then(|(j, _)| u32::try_from(j + 1).ok());
            if covered.is_none() {
                problems.push("no line follows it to cover (use ztmm:ignore-file for the whole file)".into());
            }
            covered.map(Covers::Line)
        };
        match (rule_id, covers, args.reason, args.expires) {
            (Some(rule_id), Some(covers), Some(reason), Some(expires)) if problems.is_empty() => {
                waivers.push(InlineWaiver {
                    rule_id,
                    path: path.to_string(),
                    line,
                    covers,
                    reason: clip(&reason),
                    owner: args.owner.map(|o| clip(&o)),
                    expires,
                });
            }
            _ => diagnostics.push(Diagnostic {
                level: Level::Warning,
                path: path.to_string(),
                line: Some(line),
                message: format!("{name} not applied: {}", problems.join("; ")),
            }),
        }
    }
    (waivers, diagnostics)
}

fn clip(s: &str) -> String {
    let mut out: String = s.chars().take(MAX_TEXT).collect();
    if s.chars().nth(MAX_TEXT).is_some() {
        out.push('…');
    }
    out
}

fn is_comment(trimmed: &str, markers: &[&str]) -> bool {
    markers.iter().any(|m| trimmed.starts_with(m))
}

/// A directive's place in its line.
struct Found<'a> {
    /// Code precedes the comment: the directive covers its own line.
    trailing: bool,
    file_wide: bool,
    args: &'a str,
}

/// The directive in `line`, if a comment marker (then only blanks) comes right before it. Prose
/// that mentions `ztmm:ignore` mid-comment is not a directive.
fn find<'a>(line: &'a str, markers: &[&str]) -> Option<Found<'a>> {
    let at = line.find(DIRECTIVE)?;
    let before = line.get(..at)?.trim_end();
    let marker = markers.iter().find(|m| before.ends_with(**m))?;
    let mut code = before;
    while let Some(c) = code.strip_suffix(marker) {
        code = c;
    }
    let code = code.trim();
    let rest = line.get(at + DIRECTIVE.len()..)?;
    let (file_wide, args) = match rest.strip_prefix("-file") {
        Some(r) => (true, r),
        None => (false, rest),
    };
    // `ztmm:ignored`, `ztmm:ignore-next` … are not directives.
    if !args.is_empty() && !args.starts_with(char::is_whitespace) {
        return None;
    }
    Some(Found { trailing: !code.is_empty() && !is_comment(code, markers), file_wide, args })
}

#[derive(Default)]
struct Args<'a> {
    rule: Option<&'a str>,
    reason: Option<String>,
    expires: Option<String>,
    owner: Option<String>,
    problems: Vec<String>,
}

/// `RULE key=value key="quoted value" …`
fn parse_args(s: &str) -> Args<'_> {
    let mut args = Args::default();
    let mut rest = s.trim_start();
    let first_end = rest.find(char::is_whitespace).unwrap_or(rest.len());
    let first = rest.get(..first_end).unwrap_or("");
    if !first.is_empty() && !first.contains('=') {
        args.rule = Some(first);
        rest = rest.get(first_end..).unwrap_or("").trim_start();
    }
    while !rest.is_empty() {
        let Some(eq) = rest.find('=').filter(|eq| !rest.get(..*eq).unwrap_or("").contains(char::is_whitespace)) else {
            let word: String = rest.split_whitespace().next().unwrap_or("").chars().take(40).collect();
            args.problems.push(format!("expected key=value at `{word}`"));
            break;
        };
        let key = rest.get(..eq).unwrap_or("");
        let after = rest.get(eq + 1..).unwrap_or("");
        let (value, tail) = match after.chars().next() {
            Some(q @ ('"' | '\'')) => match after.get(1..).and_then(|a| a.find(q).map(|end| (a, end))) {
                Some((a, end)) => (a.get(..end).unwrap_or(""), a.get(end + 1..).unwrap_or("")),
                None => {
                    args.problems.push(format!("{key}: unterminated quote"));
                    break;
                }
            },
            _ => {
                let end = after.find(char::is_whitespace).unwrap_or(after.len());
                (after.get(..end).unwrap_or(""), after.get(end..).unwrap_or(""))
            }
        };
        let slot = match key {
            "reason" => &mut args.reason,
            "expires" => &mut args.expires,
            "owner" => &mut args.owner,
            other => {
                args.problems.push(format!("unknown key `{}` (reason, expires, owner)", clip(other)));
                rest = tail.trim_start();
                continue;
            }
        };
        if slot.replace(value.to_string()).is_some() {
            args.problems.push(format!("{key} given twice"));
        }
        rest = tail.trim_start();
    }
    args
}

#[cfg(test)]
#[path = "inline_tests.rs"]
mod tests;
