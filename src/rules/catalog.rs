//! The function catalog `rules/functions.yaml`: CISA ZTMM functions with stage paraphrases.

use super::model::{Catalog, CatalogPillar, Function};
use super::raw::RawCatalog;
use crate::model::Pillar;
use crate::owned_yaml::{located, parse_owned_yaml, typed, LoadError};

/// Load and validate the function catalog.
pub fn load_catalog(file: &str, text: &str) -> Result<Catalog, Vec<LoadError>> {
    let mut errors = Vec::new();
    let Some((tree, spans)) = parse_owned_yaml(file, text, &mut errors) else { return Err(errors) };
    let Some(raw): Option<RawCatalog> = typed(file, text, &tree, &spans, None, &mut errors) else { return Err(errors) };
    // A problem at a JSON pointer of the catalog, located through its spans.
    let err = |errors: &mut Vec<LoadError>, pointer: &str, message: String| {
        let pos = spans.lookup(pointer);
        errors.push(located(file, text, pos.map(|p| p.line), pos.map(|p| p.column), None, message));
    };
    let mut pillars = Vec::new();
    for (pi, p) in raw.pillars.into_iter().enumerate() {
        let ptr = format!("/pillars/{pi}");
        let Some(id) = Pillar::parse(&p.id) else {
            err(&mut errors, &format!("{ptr}/id"), format!("unknown pillar `{}`", p.id));
            continue;
        };
        let functions = p
            .functions
            .into_iter()
            .map(|f| Function {
                pillar: id,
                stages: [f.stages.traditional, f.stages.initial, f.stages.advanced, f.stages.optimal],
                id: f.id,
                name: f.name,
                cisa_row: f.cisa_row,
                note: f.note,
                evidence_from_files: f.evidence_from_files,
                needs: f.needs,
            })
            .collect::<Vec<_>>();
        for (fi, f) in functions.iter().enumerate() {
            if !f.id.starts_with(&format!("{}.", id.id())) {
                err(
                    &mut errors,
                    &format!("{ptr}/functions/{fi}/id"),
                    format!("function `{}` must start with `{}.`", f.id, id.id()),
                );
            }
        }
        pillars.push(CatalogPillar {
            id,
            name: p.name,
            cross_cutting: p.kind == "cross-cutting",
            description: p.description,
            functions,
        });
    }
    for p in Pillar::ALL {
        if !pillars.iter().any(|c| c.id == p) {
            errors.push(located(
                file,
                text,
                None,
                None,
                None,
                format!("pillar `{}` is missing from the catalog", p.id()),
            ));
        }
    }
    if errors.is_empty() {
        pillars.sort_by_key(|p| p.id);
        Ok(Catalog { source: raw.source, pillars })
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn catalog_problems_are_located() {
        let text = "version: 1\nsource: x\npillars:\n  - id: identity\n    name: Identity\n    kind: pillar\n    description: d\n    functions:\n      - id: devices.oops\n        name: N\n        cisa_row: R\n        stages: {traditional: a, initial: b, advanced: c, optimal: d}\n        evidence_from_files: full\n  - id: nonsense\n    name: X\n    kind: pillar\n    description: d\n    functions: []\n";
        let errors = load_catalog("functions.yaml", text).expect_err("invalid catalog");
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert!(
            shown.iter().any(|e| e.starts_with("functions.yaml:9:")
                && e.contains("function `devices.oops` must start with `identity.`")),
            "{shown:?}"
        );
        assert!(
            shown.iter().any(|e| e.starts_with("functions.yaml:14:") && e.contains("unknown pillar `nonsense`")),
            "{shown:?}"
        );
        assert!(shown.iter().any(|e| e.contains("pillar `governance` is missing")), "{shown:?}");
    }
}
