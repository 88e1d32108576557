//! The `migrate` command line: flags are parsed, resolved into a configuration, then
//! handed to the engine. `main` prints the error chain and returns the exit code of the
//! CLI contract (0 success, 1 failure, 2 usage or configuration, 3 `status --check` found
//! pending migrations).

use crate::driver::Connection;
use crate::engine;
use crate::error::Error;
use clap::{Parser, Subcommand};
use std::process::ExitCode;

#[derive(Parser, Debug)]
#[command(name = "migrate", about = "Compiled, typed schema migrations", version)]
struct Args {
    /// Database URL: postgres://…, mysql://…, sqlite://path.
    #[arg(long, env = "DATABASE_URL", global = true)]
    database_url: Option<String>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Apply pending migrations.
    Up,
    /// Show every migration and whether it is applied.
    Status {
        /// Exit with 3 when migrations are pending.
        #[arg(long)]
        check: bool,
    },
}

/// Defaults a project's `src/bin/migrate.rs` can set.
#[derive(Debug, Clone, Default)]
pub struct Defaults {
    /// Used when neither `--database-url` nor `DATABASE_URL` is given.
    pub database_url: Option<String>,
}

/// Run the CLI on the process arguments.
pub fn main() -> ExitCode {
    main_with(Defaults::default())
}

/// Run the CLI with project defaults.
///
/// ```no_run
/// fn main() -> std::process::ExitCode {
///     migrate::cli::main_with(migrate::cli::Defaults { database_url: Some("sqlite://app.db".into()) })
/// }
/// ```
pub fn main_with(defaults: Defaults) -> ExitCode {
    let args = match Args::try_parse() {
        Ok(a) => a,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
        }
    };
    let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: starting the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(args, defaults)) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            let mut source = std::error::Error::source(&e);
            while let Some(s) = source {
                eprintln!("  caused by: {s}");
                source = s.source();
            }
            ExitCode::from(match e {
                Error::Config(_) | Error::DuplicateVersion { .. } => 2,
                _ => 1,
            })
        }
    }
}

async fn run(args: Args, defaults: Defaults) -> crate::Result<ExitCode> {
    let url = args
        .database_url
        .or(defaults.database_url)
        .ok_or_else(|| Error::Config("no database URL: pass --database-url or set DATABASE_URL".to_owned()))?;
    let mut conn = Connection::connect(&url).await?;
    let result = command(&mut conn, args.command, args.json).await;
    let _ = conn.close().await;
    result
}

async fn command(conn: &mut Connection, command: Command, json: bool) -> crate::Result<ExitCode> {
    match command {
        Command::Up => {
            let report = engine::up(conn).await?;
            if json {
                println!(
                    "{}",
                    serde_json::json!({"dialect": conn.dialect().name(), "applied": report.applied, "elapsed_ms": report.elapsed_ms})
                );
            } else if report.applied.is_empty() {
                eprintln!("Nothing to apply: the database is up to date.");
            } else {
                eprintln!("Applied {} migration(s) in {} ms.", report.applied.len(), report.elapsed_ms);
            }
            Ok(ExitCode::SUCCESS)
        }
        Command::Status { check } => {
            let all = engine::status(conn).await?;
            let pending = all.iter().filter(|m| m.status == "pending").count();
            if json {
                let current = all.iter().filter(|m| m.status == "applied").map(|m| m.version).max();
                println!(
                    "{}",
                    serde_json::json!({"dialect": conn.dialect().name(), "current": current, "migrations": all})
                );
            } else {
                println!("{:<8} {:<12} {:<6} {:<26} name", "version", "status", "batch", "applied at");
                for m in &all {
                    let batch = m.batch.map(|b| b.to_string()).unwrap_or_default();
                    println!(
                        "{:<8} {:<12} {:<6} {:<26} {}",
                        m.version,
                        m.status,
                        batch,
                        m.applied_at.as_deref().unwrap_or(""),
                        m.name
                    );
                }
                println!("{} applied, {pending} pending", all.len() - pending);
            }
            Ok(if check && pending > 0 { ExitCode::from(3) } else { ExitCode::SUCCESS })
        }
    }
}
