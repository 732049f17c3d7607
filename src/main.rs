//! Command line entry: parses arguments and hands over to `cli` or `app`.

use clap::{Parser, Subcommand, ValueEnum};
use std::io::Write;
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

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Markdown,
    Json,
}

#[derive(Subcommand)]
enum Command {
    /// Print a brief as the loader understands it.
    Show {
        /// Print JSON (the only format; kept explicit for scripts).
        #[arg(long)]
        json: bool,
        file: PathBuf,
    },
    /// Print a brief's bookmarks, highlights and notes with their quotes.
    Export {
        #[arg(long, value_enum, default_value = "markdown")]
        format: Format,
        /// Every brief with annotations, instead of one file.
        #[arg(long, conflicts_with = "file")]
        all: bool,
        /// Only briefs tagged TAG (front matter `tags:`) and notes saying #TAG.
        #[arg(long)]
        tag: Option<String>,
        #[arg(required_unless_present = "all")]
        file: Option<PathBuf>,
    },
    /// Give notes whose brief cannot be found (listed by `export --all` and
    /// in the library) to a brief.
    Attach {
        /// The notes' id, as listed.
        id: String,
        /// The brief to attach them to.
        file: PathBuf,
    },
    /// Print the effective key bindings (and any problem in your keymap.yaml).
    Keymap {
        /// Print the built-in keymap.yaml, to start your own from.
        #[arg(long)]
        defaults: bool,
    },
    /// Find a text in every brief of a folder and in your notes on them:
    /// one line per passage, `FILE:¶N: text`. Smart case (an upper-case
    /// letter matches case exactly), words in any order, "quoted phrases".
    Search {
        /// What to find.
        query: String,
        /// The folder (default: what `brief` alone opens).
        folder: Option<PathBuf>,
    },
    /// Take back what `export --format json` wrote: merged by id.
    Import { file: PathBuf },
    /// Copy briefs into your own library folder.
    Add {
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
}

fn main() -> ExitCode {
    // A panic the loader catches (inside the PDF library, on a damaged
    // file) becomes a one-line error: its message is not printed.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !brief::loader::panic_is_caught() {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    if cli.command.is_some() {
        // A command's output piped into `head` stops quietly when the
        // reader goes away, as `cat` does, instead of failing on EPIPE.
        // SAFETY: setting a signal's disposition before any thread starts.
        unsafe { libc::signal(libc::SIGPIPE, libc::SIG_DFL) };
    }
    let (config, problems) = brief::config::load();
    let result = match cli.command {
        Some(Command::Show { json: _, file }) => brief::cli::show_json(&file),
        Some(Command::Export {
            format,
            all: _,
            tag,
            file,
        }) => brief::cli::export(
            file.as_deref(),
            matches!(format, Format::Json),
            tag.as_deref(),
        ),
        Some(Command::Attach { id, file }) => brief::cli::attach(&id, &file),
        Some(Command::Search { query, folder }) => {
            brief::cli::search(&query, folder.as_deref(), &config)
        }
        Some(Command::Import { file }) => brief::cli::import(&file),
        Some(Command::Keymap { defaults }) => brief::cli::keymap(defaults),
        Some(Command::Add { files }) => {
            warn(&problems);
            brief::cli::add(&files, &config)
        }
        None => needs_a_terminal(&cli.paths)
            .and_then(|()| brief::cli::start_for(&cli.paths, &config))
            .and_then(|start| brief::app::run(start, problems, config.comfort)),
    };
    match result {
        Ok(code) => code,
        Err(err) => {
            // Not eprintln!: it panics when stderr is gone (a closed terminal).
            // Errors name files, and a file name can hold an escape sequence.
            let err = format!("{err:#}");
            let _ = writeln!(std::io::stderr(), "brief: {}", brief::text::printable(&err));
            ExitCode::FAILURE
        }
    }
}

/// Problems in config.yaml, for commands that print rather than draw.
fn warn(problems: &[String]) {
    let mut err = std::io::stderr().lock();
    for p in problems {
        let _ = writeln!(err, "brief: {}", brief::text::printable(p));
    }
}

/// The reader draws on a terminal and reads keys from it: say so, and what
/// works without one, instead of failing on the first terminal call.
fn needs_a_terminal(paths: &[PathBuf]) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        return Ok(());
    }
    let file = paths
        .first()
        .map(|p| brief::text::printable(&p.display().to_string()).into_owned())
        .unwrap_or_else(|| "FILE".into());
    anyhow::bail!(
        "the reader needs a terminal (standard input and output); without one, try `brief show --json {file}` or `brief export {file}`"
    )
}
