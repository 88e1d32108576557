//! The `migrate` command line: a thin layer over [`Migrator`](crate::Migrator). The flags,
//! the environment, `migrate.toml` and the binary's [`Defaults`] are resolved into one
//! configuration before any work; the command runs and returns a typed report; the output
//! layer prints it for people (stderr for messages, stdout for tables) or as exactly one
//! JSON document on stdout (`--json`).
//!
//! Exit codes: 0 success; 1 the operation failed (database or I/O error, failed migration,
//! invalid or tampered migration, lock not acquired); 2 usage or configuration error (bad
//! flag, no database URL, unparsable migration file or `migrate.toml`); 3 a check (`status
//! --check`, `diff --check`, `schema --check`) found something; 130 interrupted (Ctrl-C),
//! with the lock released.

mod args;
mod commands;
mod config;
mod git;
mod output;

use clap::Parser;
use std::path::PathBuf;
use std::process::ExitCode;

/// Defaults a project's `src/bin/migrate.rs` can set.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// Used when neither `--database-url` nor `DATABASE_URL` is given.
    pub database_url: Option<String>,
    /// The SQL migrations directory when `--migrations` is not given (default `migrations`).
    pub migrations_dir: Option<PathBuf>,
    /// SQL files embedded at compile time ([`embed_sql!`](crate::embed_sql)), used instead
    /// of reading `migrations_dir` when `--migrations` is not given.
    pub embedded_sql: Option<&'static [(&'static str, &'static str)]>,
    /// Where `migrate new` writes Rust migrations (default `src/migrations`).
    pub rust_dir: Option<PathBuf>,
    /// Where `migrate schema --rust` writes the typed schema module (default `src/schema.rs`).
    pub schema_module: Option<PathBuf>,
    /// Where seed files are read (default `seeds`).
    pub seeds_dir: Option<PathBuf>,
    /// Where `migrate seed new` writes Rust seeds (default `src/seeds`).
    pub rust_seeds_dir: Option<PathBuf>,
}

/// Run the CLI on the process arguments.
pub fn main() -> ExitCode {
    main_with(Defaults::default())
}

/// Run the CLI with project defaults.
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     migrate::cli::main_with(migrate::cli::Defaults {
///         database_url: Some("sqlite://app.db".into()),
///         ..Default::default()
///     })
/// }
/// ```
pub fn main_with(defaults: Defaults) -> ExitCode {
    let args = match args::Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let json = args.global.json;
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => return output::failed(&crate::Error::io("starting the async runtime")(e), json),
    };
    match runtime.block_on(commands::run(&args.global, &args.command, defaults)) {
        Ok(Some(report)) => output::emit(report.as_ref(), json),
        Ok(None) => ExitCode::from(130),
        Err(e) => output::failed(&e, json),
    }
}
