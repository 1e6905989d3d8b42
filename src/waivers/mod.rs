//! Waivers from two sources — the assessment file's `waivers:` list and `ztmm:ignore` comments in
//! scanned files (see `inline`) — normalised into one `Spec` and applied by one function, so
//! expiry, the `max_waiver_days` limit, refusal of inline directives and the ledger behave the
//! same for both. A waiver that is expired, rejected or refused waives nothing: its findings stay
//! failing and the gate sees them. A rule whose every failing finding is covered by an active
//! waiver is `waived`, which scoring counts as met.

mod inline;

pub use inline::{collect, markers, Covers, InlineWaiver};

use crate::config::{GateSettings, Waiver};
use crate::finding::Finding;
use crate::model::Verdict;
use crate::report::{WaiverOrigin, WaiverRef, WaiverSource, WaiverState, WaiverStatus};
use crate::rules::RuleSet;
use crate::scan::{Diagnostic, Level};
use jiff::civil::Date;
use std::collections::BTreeMap;

/// What a waiver covers besides its rule.
enum Target {
    /// From the assessment file: a path glob (`None`: every path; `Some(None)`: a glob that did
    /// not compile, which matches nothing — validation has already rejected it) and a resource.
    Scoped { path: Option<Option<globset::GlobMatcher>>, resource: Option<String> },
    /// An inline directive: findings at one line of one file.
    Line { path: String, line: u32 },
    /// An inline `ztmm:ignore-file`: every finding of the rule in one file, with a line or not.
    File { path: String },
}

impl Target {
    fn covers(&self, f: &Finding) -> bool {
        let loc = f.location.as_ref();
        let path = loc.map_or("", |l| l.path.as_str());
        match self {
            Target::Scoped { path: glob, resource } => {
                glob.as_ref().is_none_or(|m| m.as_ref().is_some_and(|m| m.is_match(path)))
                    && resource.as_deref().is_none_or(|r| r == f.resource)
            }
            Target::Line { path: p, line } => p == path && loc.and_then(|l| l.line) == Some(*line),
            Target::File { path: p } => p == path,
        }
    }
}

/// One waiver from either source, ready to apply.
pub struct Spec {
    /// The canonical rule id; `None` when the rule is unknown (matches nothing).
    rule_id: Option<String>,
    /// The rule as written, for the ledger.
    rule: String,
    target: Target,
    /// The ledger's description of what it covers.
    scope: String,
    reason: String,
    owner: String,
    expires: String,
    /// `None` when the date does not parse (validation prevents it): treated as expired.
    expires_on: Option<Date>,
    source: WaiverSource,
}

impl Spec {
    /// A waiver from the assessment file `file`; a rule may be named by id, name or alias.
    pub fn from_config(w: &Waiver, file: &str, rules: &RuleSet) -> Spec {
        let scope = match (&w.path, &w.resource) {
            (None, None) => "*".to_string(),
            (Some(p), None) => p.clone(),
            (None, Some(r)) => format!("resource {r}"),
            (Some(p), Some(r)) => format!("{p} (resource {r})"),
        };
        let path = w
            .path
            .as_deref()
            .map(|g| globset::GlobBuilder::new(g).literal_separator(true).build().ok().map(|g| g.compile_matcher()));
        Spec {
            rule_id: rules.rule(&w.rule).map(|r| r.id.clone()),
            rule: w.rule.clone(),
            target: Target::Scoped { path, resource: w.resource.clone() },
            scope,
            reason: w.reason.clone(),
            owner: w.owner.clone(),
            expires: w.expires.clone(),
            expires_on: parse_date(&w.expires),
            source: WaiverSource { kind: WaiverOrigin::Config, path: file.to_string(), line: w.line },
        }
    }

    /// A directive collected from a scanned file (its rule id is already canonical).
    pub fn from_inline(w: &InlineWaiver) -> Spec {
        let (target, scope) = match w.covers {
            Covers::Line(line) => (Target::Line { path: w.path.clone(), line }, format!("{}:{line}", w.path)),
            Covers::File => (Target::File { path: w.path.clone() }, format!("{} (whole file)", w.path)),
        };
        Spec {
            rule_id: Some(w.rule_id.clone()),
            rule: w.rule_id.clone(),
            target,
            scope,
            reason: w.reason.clone(),
            owner: w.owner.clone().unwrap_or_default(),
            expires: w.expires.clone(),
            expires_on: parse_date(&w.expires),
            source: WaiverSource { kind: WaiverOrigin::Inline, path: w.path.clone(), line: Some(w.line) },
        }
    }

    fn waiver_ref(&self) -> WaiverRef {
        WaiverRef {
            source: self.source.clone(),
            reason: self.reason.clone(),
            owner: self.owner.clone(),
            expires: self.expires.clone(),
        }
    }

    /// Who granted it, for a finding's `waiver` text: the owner, or where an ownerless inline
    /// directive sits.
    fn granted_by(&self) -> String {
        if self.owner.is_empty() {
            format!("inline at {}", self.source.at())
        } else {
            self.owner.clone()
        }
    }

    fn what(&self) -> &'static str {
        match self.source.kind {
            WaiverOrigin::Config => "waiver",
            WaiverOrigin::Inline => "inline waiver",
        }
    }
}

pub fn parse_date(s: &str) -> Option<Date> {
    Date::strptime("%Y-%m-%d", s).ok()
}

/// Why a waiver waives nothing, decided before any finding is looked at.
enum Refusal {
    /// Inline directives are not accepted by this scan.
    Refused,
    /// Expires `days` after the scan date, over `max` days.
    Rejected {
        days: i64,
        max: u32,
    },
    Expired,
}

fn refusal(spec: &Spec, settings: &GateSettings, today: Date) -> Option<Refusal> {
    if spec.source.kind == WaiverOrigin::Inline && !settings.inline_waivers {
        return Some(Refusal::Refused);
    }
    let Some(expires) = spec.expires_on else { return Some(Refusal::Expired) };
    if let Some(max) = settings.max_waiver_days {
        let days = today.until(expires).map_or(i64::MAX, |s| i64::from(s.get_days()));
        if days > i64::from(max) {
            return Some(Refusal::Rejected { days, max });
        }
    }
    (expires < today).then_some(Refusal::Expired)
}

/// The ledger and the warnings about waivers that did not apply.
pub struct Applied {
    pub ledger: Vec<WaiverStatus>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Apply `specs` (assessment-file waivers first, then inline ones) to the failing findings and
/// update rule verdicts. The first active waiver covering a finding claims it.
pub fn apply(
    specs: &[Spec],
    settings: &GateSettings,
    rules: &RuleSet,
    verdicts: &mut [Verdict],
    findings: &mut [Finding],
    today: Date,
) -> Applied {
    // Waivers only ever cover failing findings of their own rule: index those once.
    let mut failing: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, f) in findings.iter().enumerate().filter(|(_, f)| f.verdict == Verdict::Fail) {
        failing.entry(f.rule_id.clone()).or_default().push(i);
    }
    let mut ledger = Vec::with_capacity(specs.len());
    let mut diagnostics = Vec::new();
    for spec in specs {
        let refused = refusal(spec, settings, today);
        let mut matched = 0u64;
        let candidates = spec.rule_id.as_ref().and_then(|id| failing.get(id)).map_or(&[][..], Vec::as_slice);
        for &i in candidates {
            let Some(f) = findings.get_mut(i) else { continue };
            if f.verdict != Verdict::Fail || f.waiver.is_some() || !spec.target.covers(f) {
                continue;
            }
            matched += 1;
            let until = format!("{} until {}", spec.granted_by(), spec.expires);
            match &refused {
                None => {
                    f.verdict = Verdict::Waived;
                    f.waiver = Some(format!("{until}: {}", spec.reason));
                    f.waived_by = Some(spec.waiver_ref());
                }
                Some(Refusal::Expired) => f.message = format!("{} [expired {}: {until}]", f.message, spec.what()),
                Some(Refusal::Rejected { max, .. }) => {
                    f.message = format!("{} [rejected {}: {until}, over the {max}-day limit]", f.message, spec.what());
                }
                Some(Refusal::Refused) => {
                    f.message = format!("{} [refused inline waiver at {}]", f.message, spec.source.at())
                }
            }
        }
        let (status, reason) = status_of(spec, refused.as_ref(), matched, today);
        if let Some(why) = &reason {
            diagnostics.push(diagnostic(spec, status, why, matched));
        }
        ledger.push(WaiverStatus {
            rule_id: spec.rule_id.clone().unwrap_or_else(|| spec.rule.clone()),
            scope: spec.scope.clone(),
            reason: spec.reason.clone(),
            owner: spec.owner.clone(),
            expires: spec.expires.clone(),
            status,
            findings: matched,
            source: Some(spec.source.clone()),
            status_reason: reason,
        });
    }
    settle_verdicts(rules, verdicts, findings);
    ledger.sort_by(|a, b| a.rule_id.cmp(&b.rule_id).then_with(|| a.source.cmp(&b.source)).then(a.scope.cmp(&b.scope)));
    Applied { ledger, diagnostics }
}

/// The ledger status of a waiver and, unless active, why.
fn status_of(spec: &Spec, refused: Option<&Refusal>, matched: u64, today: Date) -> (WaiverState, Option<String>) {
    match refused {
        Some(Refusal::Refused) => (
            WaiverState::Refused,
            Some("this scan does not accept inline waivers (--no-inline-waivers or gate.inline_waivers: false)".into()),
        ),
        Some(Refusal::Rejected { days, max }) => (
            WaiverState::Rejected,
            Some(format!(
                "expires {}, {days} days after the scan date {today}, over the {max}-day limit (--max-waiver-days or gate.max_waiver_days)",
                spec.expires
            )),
        ),
        _ if matched == 0 => (WaiverState::Unmatched, Some("matches no failing finding".to_string())),
        Some(Refusal::Expired) => (
            WaiverState::Expired,
            Some(format!("expired on {}: the findings it covered count as failures again", spec.expires)),
        ),
        None => (WaiverState::Active, None),
    }
}

/// The warning for a waiver that is not active, naming where it was written.
fn diagnostic(spec: &Spec, status: WaiverState, why: &str, matched: u64) -> Diagnostic {
    let verdict = match status {
        WaiverState::Rejected | WaiverState::Refused => {
            let stays = if matched == 0 { String::new() } else { format!("; its {matched} finding(s) stay failing") };
            format!("{}: {why}{stays}", status.id())
        }
        _ => why.to_string(),
    };
    Diagnostic {
        level: Level::Warning,
        path: spec.source.path.clone(),
        line: spec.source.line,
        message: format!("{} for {} ({}) {verdict}", spec.what(), spec.rule, spec.scope),
    }
}

/// A failing rule all of whose failing findings are waived is `waived`.
fn settle_verdicts(rules: &RuleSet, verdicts: &mut [Verdict], findings: &[Finding]) {
    let mut open: BTreeMap<&str, (u64, u64)> = BTreeMap::new();
    for f in findings {
        let e = open.entry(f.rule_id.as_str()).or_default();
        match f.verdict {
            Verdict::Fail => e.0 += 1,
            Verdict::Waived => e.1 += 1,
            _ => {}
        }
    }
    for (verdict, rule) in verdicts.iter_mut().zip(&rules.rules) {
        if *verdict == Verdict::Fail
            && open.get(rule.id.as_str()).is_some_and(|(fails, waived)| *fails == 0 && *waived > 0)
        {
            *verdict = Verdict::Waived;
        }
    }
}

#[cfg(test)]
mod tests;
