//! Thin entry point: parse arguments, run the command, map the result to an exit code.

use clap::Parser;
use std::process::ExitCode;
use ztmm::cli::{Cli, Command};
use ztmm::commands;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { commands::USAGE } else { commands::OK };
            let _ = e.print();
            return commands::exit(code);
        }
    };
    let code = match &cli.command {
        Command::Scan(args) => commands::scan::run(args),
        Command::Rules(cmd) => commands::rules::run(cmd),
        Command::Render(args) => commands::render::run(args),
        Command::Merge(args) => commands::merge::run(args),
        Command::Schema => {
            println!("{}", serde_json::to_string_pretty(&ztmm::report::json::schema()).unwrap_or_default());
            commands::OK
        }
        Command::Inspect { files } => commands::inspect::run(files),
        Command::Diff { old, new, format } => commands::diff::run(old, new, format),
        Command::Init { path, force } => {
            if path.exists() && !force {
                eprintln!("error: {} exists (use --force to overwrite)", path.display());
                commands::USAGE
            } else if let Err(e) = std::fs::write(path, ztmm::config::INIT_TEMPLATE) {
                eprintln!("error: cannot write {}: {e}", path.display());
                commands::USAGE
            } else {
                println!("wrote {}", path.display());
                commands::OK
            }
        }
    };
    commands::exit(code)
}
