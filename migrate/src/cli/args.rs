//! The flags every command takes; each command's own flags are in its file under
//! `commands/`.

use clap::Parser;
use std::path::PathBuf;

#[derive(Parser, Debug)]
#[command(name = "migrate", about = "Compiled, typed schema migrations", version)]
pub(super) struct Args {
    #[command(flatten)]
    pub(super) global: Global,
    #[command(subcommand)]
    pub(super) command: super::commands::Command,
}

#[derive(clap::Args, Debug)]
pub(super) struct Global {
    /// Database URL: postgres://…, mysql://…, sqlite://path.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub(super) database_url: Option<String>,
    /// Directory of SQL migration files.
    #[arg(long, global = true)]
    pub(super) migrations: Option<PathBuf>,
    /// Settings file (default: `migrate.toml` in the working directory, if there is one).
    #[arg(long, global = true)]
    pub(super) config: Option<PathBuf>,
    /// The `[env.NAME]` section of the settings file to use.
    #[arg(long, env = "MIGRATE_ENV", global = true)]
    pub(super) env: Option<String>,
    /// Print exactly one JSON document on stdout.
    #[arg(long, global = true)]
    pub(super) json: bool,
    /// Never ask for confirmation.
    #[arg(long, short = 'y', global = true)]
    pub(super) yes: bool,
    /// Seconds to wait for the migration lock [default: 60].
    #[arg(long, global = true)]
    pub(super) lock_timeout: Option<u64>,
    /// The history table's name; the audit, lock and kept-row tables are named after it
    /// [default: schema_migrations].
    #[arg(long, global = true, value_name = "NAME")]
    pub(super) history_table: Option<String>,
    /// Minutes after which a held lock is reported as stale [default: 30].
    #[arg(long, global = true)]
    pub(super) stale_lock_minutes: Option<u64>,
    /// Apply pending versions below the highest applied one.
    #[arg(long, global = true)]
    pub(super) allow_out_of_order: bool,
    /// Go on when applied migrations are no longer available.
    #[arg(long, global = true)]
    pub(super) ignore_missing: bool,
    /// Apply migrations whose risks the settings' `refuse_risk` would refuse.
    #[arg(long, global = true)]
    pub(super) allow_risk: bool,
}
