//! The generated rules reference (`docs/rules.md`): one table per pillar, from the loaded rules
//! and the catalog. A test fails when the committed file is stale; `ztmm rules list --format
//! markdown` prints the same text.

use super::RuleSet;
use std::fmt::Write as _;

/// Render the reference.
pub fn reference(set: &RuleSet) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# ztmm rules reference\n");
    let _ = writeln!(
        out,
        "Generated from `rules/` by `ztmm rules list --format markdown`; do not edit by hand.\n\
         {} rules. `ztmm rules explain ID` prints a rule's rationale, remediation and definition.\n",
        set.rules.len()
    );
    for pillar in &set.catalog.pillars {
        let rules: Vec<_> = set.rules.iter().filter(|r| r.pillar == pillar.id).collect();
        let _ = writeln!(out, "## {} ({} rules)", pillar.name, rules.len());
        for func in &pillar.functions {
            let mine: Vec<_> = rules.iter().filter(|r| r.function == func.id).collect();
            if mine.is_empty() {
                let needs = if func.needs.is_empty() {
                    String::new()
                } else {
                    format!(" Would need: {}.", func.needs.join("; "))
                };
                let _ = writeln!(out, "\n- `{}` {}: no rule yet.{needs}", func.id, func.name);
                continue;
            }
            let _ = writeln!(out, "\n### `{}` {}\n", func.id, func.name);
            let _ = writeln!(out, "| id | requirement | stage | kind | severity | inputs |");
            let _ = writeln!(out, "|---|---|---|---|---|---|");
            for r in mine {
                let kinds: Vec<&str> = r.applies_to.iter().map(|k| k.id()).collect();
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} | {} | {} |",
                    r.id,
                    r.title.replace('|', "\\|"),
                    r.stage.id(),
                    r.kind.id(),
                    r.severity.id(),
                    kinds.join(", ")
                );
            }
        }
        out.push('\n');
    }
    out
}
