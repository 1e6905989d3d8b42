//! Pack-level validation of `contradicts:` — the config rules an indicator checks against its log
//! sample. One rule file cannot tell whether the rule it names exists or what kind it is, so this
//! runs once every rule is loaded, against the pack plus any rules the pack may build on (the
//! built-in pack, when a user's pack is tested on its own). Every problem is located at the line
//! of the reference, like the other validation errors.

use super::model::{Rule, RuleBody};
use crate::model::RuleKind;
use crate::owned_yaml::{located, LoadError};

/// Check every `contradicts` reference of `rules` against `rules` and `outside`, and replace an
/// alias with the rule's own id (relations and the report speak in rule ids).
pub(crate) fn check_claims(rules: &mut [Rule], outside: &[Rule], errors: &mut Vec<LoadError>) {
    let resolve = |rules: &[Rule], id: &str| -> Option<(String, RuleKind, bool)> {
        rules
            .iter()
            .chain(outside)
            .find(|r| r.id == id || r.aliases.iter().any(|a| a == id))
            .map(|r| (r.id.clone(), r.kind, matches!(r.body, RuleBody::Events(_))))
    };
    let mut resolved = Vec::new();
    for (ri, rule) in rules.iter().enumerate() {
        for (ci, claim) in rule.contradicts.iter().enumerate() {
            let problem = match resolve(rules, &claim.id) {
                None => Some(format!(
                    "`contradicts` names `{}`, which is not a rule of this pack (or of the built-in pack)",
                    claim.id
                )),
                Some((_, RuleKind::Indicator, _)) => Some(format!(
                    "`{}` is an indicator: `contradicts` names the gate or evidence rule whose config claim this \
                     indicator's log sample checks",
                    claim.id
                )),
                Some((_, _, true)) => Some(format!(
                    "`{}` checks log events, not configs: `contradicts` names a rule over config documents",
                    claim.id
                )),
                Some((id, _, false)) => {
                    resolved.push((ri, ci, id));
                    None
                }
            };
            if let Some(message) = problem {
                errors.push(located(&rule.source.file, &rule.text, claim.line, claim.column, Some(&rule.id), message));
            }
        }
    }
    for (ri, ci, id) in resolved {
        if let Some(claim) = rules.get_mut(ri).and_then(|r| r.contradicts.get_mut(ci)) {
            claim.id = id;
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::rules::load::{build, builtin_files, load_catalog, RuleFile};

    fn catalog() -> crate::rules::Catalog {
        load_catalog("rules/functions.yaml", crate::rules::load::builtin_catalog_text()).expect("catalog")
    }

    /// The built-in ZT-ID-029 with its `contradicts` list replaced.
    fn indicator(contradicts: &str) -> RuleFile {
        let base = builtin_files()
            .into_iter()
            .find(|f| f.file.ends_with("ZT-ID-029/rule.yaml"))
            .expect("ZT-ID-029 is built in");
        let text: String = base
            .text
            .lines()
            .filter(|l| !l.starts_with("contradicts:"))
            .map(|l| {
                let l =
                    l.replace("id: ZT-ID-029", "id: ZT-TEST-001").replace("authlog-password-logins", "test-indicator");
                format!("{l}\n")
            })
            .collect();
        RuleFile {
            pack: "test".into(),
            file: "pack/ZT-TEST-001/rule.yaml".into(),
            text: format!("{text}contradicts: {contradicts}\n"),
        }
    }

    fn errors_for(contradicts: &str) -> Vec<String> {
        let mut files = builtin_files();
        files.push(indicator(contradicts));
        match build(files, catalog()) {
            Ok(set) => {
                let r = set.rule("ZT-TEST-001").expect("loaded");
                assert!(!r.contradicts.is_empty());
                Vec::new()
            }
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn a_config_gate_is_a_valid_target() {
        assert!(errors_for("[ZT-ID-001]").is_empty());
    }

    #[test]
    fn unknown_indicator_and_log_targets_are_located_errors() {
        let lines = |c: &str| {
            let errs = errors_for(c);
            assert_eq!(errs.len(), 1, "{errs:?}");
            errs[0].clone()
        };
        let e = lines("[ZT-ID-999]");
        assert!(e.starts_with("pack/ZT-TEST-001/rule.yaml:"), "{e}");
        assert!(e.contains("[ZT-TEST-001]") && e.contains("`ZT-ID-999`") && e.contains("not a rule"), "{e}");
        // The caret points into the `contradicts:` line.
        assert!(e.contains("| contradicts: [ZT-ID-999]"), "{e}");
        assert!(lines("[ZT-ID-030]").contains("is an indicator"));
        // ZT-VA-023 is an indicator too; an evidence rule over log events is refused as such.
        let log_evidence = crate::rules::load(&[])
            .expect("builtin")
            .rules
            .into_iter()
            .find(|r| r.kind != crate::model::RuleKind::Indicator && r.is_log_rule())
            .map(|r| r.id);
        if let Some(id) = log_evidence {
            assert!(lines(&format!("[{id}]")).contains("checks log events"));
        }
    }

    #[test]
    fn only_indicators_may_declare_claims_and_never_twice() {
        let errs = errors_for("[ZT-ID-001, ZT-ID-001]");
        assert!(errs.iter().any(|e| e.contains("listed twice")), "{errs:?}");
        let mut files = builtin_files();
        let gate = files.iter_mut().find(|f| f.file.ends_with("ZT-ID-004/rule.yaml")).expect("ZT-ID-004");
        gate.text.push_str("contradicts: [ZT-ID-001]\n");
        let err = build(files, catalog()).expect_err("a gate with contradicts is refused").to_string();
        assert!(err.contains("only applies to indicator rules"), "{err}");
    }
}
