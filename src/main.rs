//! The `cyberkit` binary: parses the command line, runs the command, prints its diagnostics and
//! chooses the exit code (0 done, 1 the user's input is wrong, 2 an internal or I/O failure).

mod commands;

use std::io::Write as _;
use std::process::ExitCode;

use clap::Parser as _;

use commands::{Cli, Outcome, plural};

// Typst's layout and PDF export allocate and free small objects by the million: with glibc's
// allocator, a seventh of a national build's CPU time was spent in malloc and free.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // A panic is a bug of ours, never the user's fault: report it as an internal failure.
    match std::panic::catch_unwind(|| commands::run(cli)) {
        Ok(Ok(outcome)) => print(outcome),
        Ok(Err(e)) => {
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
        Err(_) => {
            eprintln!("error: internal error (a bug in cyberkit); please report it with the input that caused it");
            ExitCode::from(2)
        }
    }
}

/// Prints the diagnostics, then a closing line; exit code 1 when there were errors.
fn print(outcome: Outcome) -> ExitCode {
    let diags = outcome.diags.sorted();
    let errors = diags.iter().filter(|d| d.is_error()).count();
    let warnings = diags.len() - errors;
    let mut stderr = std::io::stderr().lock();
    for d in diags {
        let _ = writeln!(stderr, "{d}");
    }
    if errors > 0 {
        let _ = match outcome.left {
            Some(left) => writeln!(stderr, "error: {errors} {}: {left}", plural(errors, "error")),
            None => writeln!(
                stderr,
                "error: {errors} {}, {warnings} {}: nothing was written",
                plural(errors, "error"),
                plural(warnings, "warning")
            ),
        };
        return ExitCode::from(1);
    }
    if !outcome.done.is_empty() {
        let tail = if warnings > 0 { format!(" ({warnings} {})", plural(warnings, "warning")) } else { String::new() };
        let _ = writeln!(stderr, "{}{tail}", outcome.done);
    }
    ExitCode::SUCCESS
}
