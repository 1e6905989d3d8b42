//! ztmm: zero-trust maturity assessment from configs and logs.
//!
//! The pipeline runs one way: discover → classify → parse → evaluate → score → report.

pub mod assess;
pub mod classify;
pub mod cli;
pub mod commands;
pub mod config;
pub mod discover;
pub mod document;
pub mod finding;
pub mod gate;
pub mod kind;
pub mod logs;
pub mod merge;
pub mod missing;
pub mod model;
pub mod normalise;
pub mod owned_yaml;
pub mod parse;
pub mod privileges;
pub mod redact;
pub mod report;
pub mod rules;
pub mod scan;
pub mod score;
pub mod waivers;
