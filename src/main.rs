//! The certkit binary: parse, dispatch, render errors. Everything else is in the library.

mod cli;
mod commands;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, ManifestCommand};

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(err.exit_kind().code() as u8)
        }
    }
}

fn run(command: &Command) -> certkit::Result<()> {
    match command {
        Command::New(args) => commands::new::run(args),
        Command::Thumbprint(args) => commands::thumbprint::run(args),
        Command::Manifest(ManifestCommand::Patch(args)) => commands::manifest::patch(args),
        Command::Keycred(args) => commands::keycred::run(args),
        Command::Convert(args) => commands::convert::run(args),
        Command::Completions { shell } => {
            clap_complete::generate(
                *shell,
                &mut Cli::command(),
                "certkit",
                &mut std::io::stdout(),
            );
            Ok(())
        }
        Command::Man => clap_mangen::Man::new(Cli::command())
            .render(&mut std::io::stdout())
            .map_err(|e| {
                certkit::Error::io("write the man page to", std::path::Path::new("<stdout>"), e)
            }),
    }
}

/// `error: WHAT (PATH): WHY` and a hint line naming the next step.
fn report(err: &certkit::Error) {
    eprintln!("error: {err}");
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        // The Io variant already prints its source in the first line.
        if !matches!(err, certkit::Error::Io { .. }) {
            eprintln!("  caused by: {cause}");
        }
        source = cause.source();
    }
    eprintln!("hint: {}", err.hint());
}
