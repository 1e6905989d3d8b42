//! The streamed half of the per-file stage: a log's events go through every applicable log rule
//! and the audit-log quality scorecard as they are read; nothing holds the whole log.

use super::{Diagnostic, FileOptions, FileOutcome, FileStatus, InventoryEntry, Level};
use crate::discover::Candidate;
use crate::kind::Kind;
use crate::logs;
use crate::rules::eval::{eval_event, EventRef, Partial};
use crate::rules::model::RuleBody;
use crate::rules::RuleSet;

pub(super) fn process_log(
    c: &Candidate,
    kind: Kind,
    reader: impl std::io::BufRead,
    rules: &RuleSet,
    opts: &FileOptions,
) -> FileOutcome {
    let applicable: Vec<usize> = rules
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| r.is_log_rule() && r.applies_to_kind(kind))
        .map(|(i, _)| i)
        .collect();
    let mut partials: Vec<(usize, Partial)> = applicable
        .iter()
        .map(|&i| (i, Partial { files: 1, passes_full: opts.passes_full(i), ..Partial::default() }))
        .collect();
    let mut quality = logs::quality::QualityAcc::new(kind);
    let mut usage = crate::privileges::UsageAcc::for_kind(kind);
    let result = logs::stream(kind, reader, |line, raw, ev| {
        quality.observe(ev);
        if let Some(u) = usage.as_mut() {
            u.observe(kind, ev);
        }
        for (i, p) in &mut partials {
            if let RuleBody::Events(check) = &rules.rules[*i].body {
                eval_event(&rules.rules[*i], check, &EventRef { path: &c.rel, line, raw, event: ev }, opts.redact, p);
            }
        }
    });
    let mut stats = result;
    stats.quality = Some(quality.finish());
    let mut diagnostics = Vec::new();
    for (line, why) in &stats.samples {
        diagnostics.push(Diagnostic {
            level: Level::Warning,
            path: c.rel.clone(),
            line: u32::try_from(*line).ok().filter(|l| *l > 0),
            message: format!("unparsed log line: {why}"),
        });
    }
    let mut reason = (stats.unparsed > 0).then(|| format!("{} of {} lines did not parse", stats.unparsed, stats.lines));
    let mut status = FileStatus::Parsed;
    if let Some(e) = &stats.read_error {
        // Events read before the failure still count; rules that saw too few of them say `error`.
        let msg = format!("read error after {} line(s) ({} event(s) kept): {e}", stats.lines, stats.events);
        diagnostics.push(Diagnostic { level: Level::Error, path: c.rel.clone(), line: None, message: msg.clone() });
        for (_, p) in &mut partials {
            p.errored = 1;
        }
        status = FileStatus::Error;
        reason = Some(match reason {
            Some(r) => format!("{msg}; {r}"),
            None => msg,
        });
    }
    let used = partials.iter().filter(|(_, p)| p.instances > 0).map(|(i, _)| rules.rules[*i].id.clone()).collect();
    FileOutcome {
        entry: InventoryEntry {
            path: c.rel.clone(),
            kind: Some(kind),
            status,
            reason,
            documents: 0,
            events: stats.events,
            bytes: c.size,
            rules: used,
        },
        diagnostics,
        partials,
        log: Some(stats),
        privileges: crate::privileges::FileFacts::default(),
        usage,
        // Inline waivers are not read from logs: events are not edited by their owners.
        inline_waivers: Vec::new(),
    }
}
