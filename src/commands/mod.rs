//! One module per subcommand. Each returns an exit code; errors that stop the run are usage,
//! config or rule-pack errors (exit 2).

pub mod diff;
pub mod inspect;
pub mod merge;
pub mod render;
pub mod rules;
pub mod scan;

use std::process::ExitCode;

/// Exit codes (DESIGN.md §7).
pub const OK: u8 = 0;
pub const GATE_FAILED: u8 = 1;
pub const USAGE: u8 = 2;

pub fn exit(code: u8) -> ExitCode {
    ExitCode::from(code)
}
