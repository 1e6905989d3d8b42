//! Every built-in rule against its own fixtures, through the same harness as `ztmm rules test`.

use std::path::Path;
use ztmm::rules::load::{builtin_catalog_text, load_catalog};
use ztmm::rules::selftest::run_pack;

#[test]
fn every_builtin_rule_passes_its_fixtures() {
    let catalog = load_catalog("rules/functions.yaml", builtin_catalog_text()).expect("catalog loads");
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("rules");
    let report = match run_pack(&dir, &catalog) {
        Ok(r) => r,
        Err(e) => panic!("rule pack does not load:\n{e}"),
    };
    assert!(
        report.failures.is_empty(),
        "{} fixture failure(s):\n{}",
        report.failures.len(),
        report.failures.join("\n")
    );
    assert!(report.rules >= 150, "the catalog holds at least 150 rules, found {}", report.rules);
    assert!(report.cases >= 2 * report.rules, "each rule needs a pass and a fail fixture");
}

#[test]
fn builtin_pack_loads_with_unique_ids_and_known_functions() {
    let set = ztmm::rules::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    assert!(!set.rules.is_empty());
    for r in &set.rules {
        assert!(set.catalog.function(&r.function).is_some(), "{} names unknown function {}", r.id, r.function);
    }
    // Every pillar and cross-cutting capability has rules, and the pack has gates and evidence at
    // every stage above Traditional.
    for p in ztmm::model::Pillar::ALL {
        assert!(set.rules.iter().any(|r| r.pillar == p), "no rule for {}", p.id());
    }
    // Every input kind ztmm recognises has rules, except the catch-all kinds (a JSON-lines log of
    // unknown origin is graded for quality only).
    use ztmm::kind::Kind;
    for kind in Kind::ALL.iter().filter(|k| !matches!(k, Kind::JsonLog)) {
        assert!(set.rules.iter().any(|r| r.applies_to.contains(kind)), "no rule reads {kind:?}");
    }
    for stage in [ztmm::model::Stage::Initial, ztmm::model::Stage::Advanced, ztmm::model::Stage::Optimal] {
        for kind in [ztmm::model::RuleKind::Gate, ztmm::model::RuleKind::Evidence] {
            assert!(set.rules.iter().any(|r| r.stage == stage && r.kind == kind), "no {} at {}", kind.id(), stage.id());
        }
    }
}

#[test]
fn the_catalog_covers_every_pillar_and_capability() {
    let catalog = load_catalog("rules/functions.yaml", builtin_catalog_text()).expect("catalog loads");
    assert_eq!(catalog.pillars.len(), 8);
    // 37 CISA rows (22 pillar functions + 15 per-pillar cross-cutting rows) plus the enterprise rows.
    let pillar_rows: usize = catalog.pillars.iter().filter(|p| !p.cross_cutting).map(|p| p.functions.len()).sum();
    assert_eq!(pillar_rows, 37);
    for f in catalog.functions() {
        for s in ztmm::model::Stage::ALL {
            assert!(!f.stage_text(s).trim().is_empty(), "{} has no {} text", f.id, s.id());
        }
    }
}

#[test]
fn the_rules_reference_is_up_to_date() {
    let set = ztmm::rules::load(&[]).unwrap_or_else(|e| panic!("{e}"));
    let want = ztmm::rules::docs::reference(&set);
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/rules.md");
    if std::env::var_os("ZTMM_BLESS").is_some() {
        std::fs::create_dir_all(path.parent().expect("docs dir")).expect("mkdir docs");
        std::fs::write(&path, &want).expect("write docs/rules.md");
    }
    let have = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(have == want, "docs/rules.md is stale: run `ZTMM_BLESS=1 cargo test --test rules` (or `ztmm rules list --format markdown > docs/rules.md`)");
}
