//! The certkit binary: parse, dispatch, render errors. Everything else is in the library.

mod cli;
mod commands;
mod ui;

use std::process::ExitCode;

use clap::{CommandFactory, Parser};

use cli::{Cli, Command, ConfigCommand, ManifestCommand, StoreCommand};

fn main() -> ExitCode {
    restore_sigpipe();
    let cli = Cli::parse();
    ui::set_quiet(cli.quiet);
    match run(&cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(err.exit_kind().code() as u8)
        }
    }
}

/// Rust ignores SIGPIPE, so `certkit thumbprint | head -1` would panic on the closed pipe; a
/// command-line tool should end quietly instead, as cat and grep do.
fn restore_sigpipe() {
    #[cfg(unix)]
    // SAFETY: called first thing in main, before any thread exists.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn run(command: &Command) -> certkit::Result<()> {
    match command {
        Command::New(args) => commands::new::run(args),
        Command::Thumbprint(args) => commands::thumbprint::run(args),
        Command::Manifest(ManifestCommand::Patch(args)) => commands::manifest::patch(args),
        Command::Manifest(ManifestCommand::Show(args)) => commands::manifest_show::show(args),
        Command::Manifest(ManifestCommand::Remove(args)) => commands::manifest::remove(args),
        Command::Config(ConfigCommand::Patch(args)) => commands::config::patch(args),
        Command::Keycred(args) => commands::keycred::run(args),
        Command::Store(StoreCommand::List(args)) => commands::store::list(args),
        Command::Store(StoreCommand::Show(args)) => commands::store::show(args),
        Command::Store(StoreCommand::Import(args)) => commands::store::import(args),
        Command::Store(StoreCommand::Export(args)) => commands::store::export(args),
        Command::Store(StoreCommand::Remove(args)) => commands::store::remove(args),
        Command::Dump(args) => commands::dump::run(args),
        Command::Assertion(args) => commands::assertion::run(args),
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
    let mut message = err.to_string();
    // The Io variant already prints its source in the first line.
    if !matches!(err, certkit::Error::Io { .. }) {
        let mut source = std::error::Error::source(err);
        while let Some(cause) = source {
            message.push_str(&format!("\n  caused by: {cause}"));
            source = cause.source();
        }
    }
    ui::error(message, err.hint());
}
