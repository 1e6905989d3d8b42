//! `ztmm inspect FILE…`: what classification and parsing make of a file — the kind, each
//! document's normalised tree (what rule paths select) and every problem. For rule authors and
//! for explaining a surprising verdict.

use crate::classify::{classify, Class};
use std::io::Write;
use std::path::PathBuf;

pub fn run(files: &[PathBuf]) -> u8 {
    let mut out = std::io::stdout().lock();
    let mut code = super::OK;
    for f in files {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("error: {}: {e}", f.display());
                code = super::USAGE;
                continue;
            }
        };
        let rel = f.to_string_lossy().replace('\\', "/");
        let head = &bytes[..bytes.len().min(64 << 10)];
        let _ = writeln!(out, "== {rel}");
        match classify(&rel, head) {
            Class::Unknown { reason } => {
                let _ = writeln!(out, "not read: {reason}");
            }
            Class::Log { kind, .. } => {
                let _ = writeln!(out, "kind: {kind} (log; streamed as events)");
                let mut shown = 0;
                let stats = crate::logs::stream(kind, std::io::Cursor::new(&bytes), |line, _, ev| {
                    if shown < 3 {
                        let _ = writeln!(
                            out,
                            "event at line {line}: {}",
                            serde_json::to_string_pretty(ev).unwrap_or_default()
                        );
                        shown += 1;
                    }
                });
                let _ = writeln!(out, "{} events, {} lines, {} unparsed", stats.events, stats.lines, stats.unparsed);
                if let Some(e) = &stats.read_error {
                    let _ = writeln!(out, "read error after line {}: {e}", stats.lines);
                }
            }
            Class::Config { syntax, kind } => {
                let text = String::from_utf8_lossy(&bytes);
                let parsed = crate::scan::parse_documents(&rel, syntax, kind, &text);
                for d in &parsed.documents {
                    let _ = writeln!(
                        out,
                        "document {}: kind {}\n{}",
                        d.ordinal,
                        d.kind,
                        serde_json::to_string_pretty(&d.tree).unwrap_or_default()
                    );
                }
                let parsed = parsed.output;
                for p in &parsed.problems {
                    let _ =
                        writeln!(out, "error: line {}: {}", p.line.map_or("?".into(), |l| l.to_string()), p.message);
                }
                for p in &parsed.warnings {
                    let _ =
                        writeln!(out, "warning: line {}: {}", p.line.map_or("?".into(), |l| l.to_string()), p.message);
                }
            }
        }
    }
    code
}
