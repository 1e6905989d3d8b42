//! Waivers: an expired waiver turns back into a failure and is reported as expired; one that
//! matches nothing is reported as unmatched. A rule whose every failing finding is covered by an
//! active waiver is `waived`, which scoring counts as met.

use crate::config::Waiver;
use crate::finding::Finding;
use crate::model::Verdict;
use crate::report::{WaiverState, WaiverStatus};
use crate::rules::RuleSet;

fn covers(w: &Waiver, rule_ids: &[&str], f: &Finding) -> bool {
    if !rule_ids.contains(&f.rule_id.as_str()) {
        return false;
    }
    let path = f.location.as_ref().map_or("", |l| l.path.as_str());
    let path_ok = w.path.as_deref().is_none_or(|g| {
        globset::GlobBuilder::new(g).literal_separator(true).build().is_ok_and(|g| g.compile_matcher().is_match(path))
    });
    let resource_ok = w.resource.as_deref().is_none_or(|r| r == f.resource);
    path_ok && resource_ok
}

/// Apply `waivers` to failing findings, updating rule verdicts; returns the waiver ledger.
pub fn apply(
    waivers: &[Waiver],
    rules: &RuleSet,
    verdicts: &mut [Verdict],
    findings: &mut [Finding],
    today: jiff::civil::Date,
) -> Vec<WaiverStatus> {
    let mut ledger = Vec::new();
    for w in waivers {
        // A waiver may name a rule by id, name or old alias.
        let rule = rules.rule(&w.rule);
        let ids: Vec<&str> = rule.map(|r| vec![r.id.as_str()]).unwrap_or_default();
        let expired = jiff::civil::Date::strptime("%Y-%m-%d", &w.expires).map_or(true, |d| d < today);
        let mut matched = 0u64;
        for f in findings.iter_mut().filter(|f| f.verdict == Verdict::Fail && f.waiver.is_none()) {
            if covers(w, &ids, f) {
                matched += 1;
                if expired {
                    f.message = format!("{} [expired waiver: {} until {}]", f.message, w.owner, w.expires);
                } else {
                    f.verdict = Verdict::Waived;
                    f.waiver = Some(format!("{} until {}: {}", w.owner, w.expires, w.reason));
                }
            }
        }
        let status = match (matched, expired) {
            (0, _) => WaiverState::Unmatched,
            (_, true) => WaiverState::Expired,
            (_, false) => WaiverState::Active,
        };
        ledger.push(WaiverStatus::from_waiver(w, status, matched));
    }
    for (i, rule) in rules.rules.iter().enumerate() {
        if verdicts[i] != Verdict::Fail {
            continue;
        }
        let mine = findings.iter().filter(|f| f.rule_id == rule.id);
        let (mut fails, mut waived) = (0, 0);
        for f in mine {
            match f.verdict {
                Verdict::Fail => fails += 1,
                Verdict::Waived => waived += 1,
                _ => {}
            }
        }
        if fails == 0 && waived > 0 {
            verdicts[i] = Verdict::Waived;
        }
    }
    ledger.sort_by(|a, b| a.rule_id.cmp(&b.rule_id).then(a.scope.cmp(&b.scope)));
    ledger
}
