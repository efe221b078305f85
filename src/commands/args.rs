//! The command line's arguments: clap's derive, whose doc comments are the `--help` text.

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};

/// Personalised cyber-security kits for French liberal health professionals: a bilingual
/// mini-site, booklets, an incident poster, the waiting-room RGPD notice and a checklist.
#[derive(Debug, Parser)]
#[command(name = "cyberkit", version, about)]
pub struct Cli {
    /// The project folder (holding `content/` and `profiles/`); the current folder by default.
    #[arg(short = 'C', long = "project", global = true, value_name = "DIR", default_value = ".")]
    pub project: PathBuf,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the kits of the given profiles (all of `profiles/` by default) into `output/`.
    Build {
        /// Profile names (`cabinet-dupont`) or paths to profile files.
        profiles: Vec<String>,
        /// Where to write the kits, instead of `output/`.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Rebuild every kit, even those whose inputs have not changed since the last build.
        #[arg(long)]
        force: bool,
        /// Also write each print document as a standalone Typst project into DIR, to edit by
        /// hand and compile with the Typst CLI: `typst compile --root DIR/<kit>/<lang>/<document>
        /// --font-path DIR/fonts main.typ`.
        #[arg(long, value_name = "DIR")]
        emit_typst: Option<PathBuf>,
        /// Also write the print-shop copies of the booklet and the posters (`*-print.pdf`: 3 mm of
        /// bleed, crop marks, trim and bleed boxes), for a printer who trims the paper.
        #[arg(long)]
        print_shop: bool,
        /// Also print the time spent in each renderer (for benchmarks).
        #[arg(long)]
        timings: bool,
    },
    /// Preview the kits of the given profiles (all by default) in a browser: build them into a
    /// folder of the preview's own, serve them on 127.0.0.1, build again and reload the open
    /// pages when a file of `content/` or `profiles/` changes. Ctrl-C stops it.
    Serve {
        /// Profile names (`cabinet-dupont`) or paths to profile files.
        profiles: Vec<String>,
        /// The port to serve on; without it, the first free one from 8080.
        #[arg(long)]
        port: Option<u16>,
        /// The address to serve on: 127.0.0.1, this machine only, unless another is given (then
        /// anyone who can reach it can read the kits).
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the preview in the system's browser.
        #[arg(long)]
        open: bool,
        /// Look at the files a few times a second instead of waiting for the system's change
        /// events, which do not arrive from network shares or WSL's Windows drives.
        #[arg(long)]
        poll: bool,
        /// Build into DIR (`output`, say) and leave the kits there, instead of a folder of the
        /// preview's own that Ctrl-C removes.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
    },
    /// Check the content and the given profiles (all by default); write nothing.
    Check {
        /// Profile names (`cabinet-dupont`) or paths to profile files.
        profiles: Vec<String>,
    },
    /// Write a commented starter profile, `profiles/<PROFILE>.toml`, that passes `check`.
    New {
        /// The new profile's name: lowercase letters, digits and hyphens (`cabinet-dupont`).
        profile: String,
        /// The profession's slug (`cyberkit list professions`).
        #[arg(long)]
        profession: String,
        /// The region's slug (`cyberkit list regions`).
        #[arg(long)]
        region: String,
    },
    /// List the professions, the regions (with their CSIRT) or the modules.
    List {
        /// What to list.
        what: ListWhat,
    },
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListWhat {
    Professions,
    Regions,
    Modules,
}
