//! The rule language: loading packs, compiling paths and predicates, evaluating them, and the
//! fixture harness shared by `cargo test` and `ztmm rules test`. See `rules/README.md`.

pub mod catalog;
pub mod claims;
pub mod docs;
pub mod eval;
pub mod load;
pub mod model;
pub mod path;
pub mod predicate;
pub mod raw;
pub mod relate;
pub mod selftest;
pub mod template;
pub mod validate;
pub mod values;

pub use load::{load, LoadError, LoadErrors, RuleSet};
pub use model::{Catalog, Function, Rule};
