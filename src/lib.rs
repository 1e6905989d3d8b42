//! ztmm: zero-trust maturity assessment from configs and logs.
//!
//! The pipeline runs one way: discover → classify → parse → evaluate → score → report.

pub mod document;
pub mod finding;
pub mod kind;
pub mod model;
pub mod parse;
pub mod redact;
pub mod rules;
