//! Command line entry: parses arguments and hands over to `cli` or `app`.

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

/// A terminal reader for briefing documents: read, bookmark, highlight and
/// annotate short analytical briefs offline.
#[derive(Parser)]
#[command(name = "brief", version, args_conflicts_with_subcommands = true)]
struct Cli {
    /// Briefs to read: a file opens in the reader, a folder as a library.
    /// Without one, `./briefs` if it exists, else your own library folder.
    paths: Vec<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Print a brief as the loader understands it.
    Show {
        /// Print JSON (the only format for now; kept for scripts that pass it).
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Some(Command::Show { json: _, file }) => brief::cli::show_json(&file),
        None => brief::cli::not_yet(&cli.paths),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            eprintln!("brief: {err:#}");
            ExitCode::FAILURE
        }
    }
}
