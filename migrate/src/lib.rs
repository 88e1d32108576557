//! Compiled, typed, multi-database schema migrations.
//!
//! A migration is a Rust function annotated with [`migration`]. Schema migrations record
//! operations through a typed builder; they are replayed on an in-memory model, rendered
//! per dialect and executed in a transaction together with their history row.
//!
//! ```no_run
//! use migrate::prelude::*;
//!
//! #[migration(version = 1, name = "create users")]
//! fn create_users(s: &mut Schema) {
//!     s.create_table("users", |t| {
//!         t.id("id");
//!         t.column::<String>("email").max_len(255).unique();
//!         t.column::<Option<String>>("display_name");
//!         t.column::<bool>("active").default(true);
//!         t.column::<Timestamp>("created_at").default_now();
//!     });
//! }
//! ```
//!
//! An application adds `src/bin/migrate.rs` with `fn main() -> ExitCode { migrate::cli::main() }`
//! and turns on the `cli` feature.

mod actor;
pub mod backup;
#[cfg(feature = "cli-core")]
pub mod cli;
pub mod config;
#[cfg(feature = "cli-core")]
mod diff;
mod driver;
mod engine;
mod error;
mod history;
pub mod import;
mod introspect;
mod keep;
mod lock;
#[cfg(feature = "cli-core")]
mod new;
pub mod rebase;
mod registry;
mod scratch;
pub mod seed;
pub mod snapshot;
pub mod sql;
mod squash;
pub mod sum;
mod tables;
pub mod testing;
mod tx;
#[cfg(feature = "ui")]
mod ui;

pub use driver::{Connection, Database, Handle, StepError};
pub use engine::{
    Adopted, Direction, Done, DownTarget, Drift, DryRun, DryRunMethod, DryRunMigration, Effect, Event, Kind, Method,
    Migration, MigrationStatus, Migrator, OfflineCheck, Options, Planned, Problem, RecoverAction, RecoveredStatement,
    Recovery, Rehearsal, Rendered, RepairAction, Replayed, Report, Resolution, RiskReport, Status, UpTarget,
};
pub use error::{Error, Result};
pub use history::{AuditRow, HistoryRow};
pub use lock::{LockHolder, LockOptions};
pub use migrate_macros::{embed_sql, migration, migrations, seed, test};
pub use migrate_schema as schema;
pub use registry::{BoxFuture, MigrationFn, RustMigration, registered};
pub use sqlx;
pub use squash::SquashFile;
pub use tables::Tables;
pub use tx::Tx;

/// Everything a migration file needs: `use migrate::prelude::*;`.
pub mod prelude {
    pub use crate::Tx;
    pub use crate::seed::Seeds;
    pub use migrate_macros::{migration, seed};
    pub use migrate_schema::ForeignKeyAction::{Cascade, NoAction, Restrict, SetDefault, SetNull};
    pub use migrate_schema::{
        ColumnType, Date, Decimal, Dialect, ForeignKeyAction, Json, Schema, Time, Timestamp, TimestampTz, Uuid,
        sea_query,
    };
}

/// Paths used by the code `#[migration]` generates. Not part of the public API.
#[doc(hidden)]
pub mod __private {
    pub use crate::registry::{BoxFuture, MigrationFn, RustMigration};
    pub use crate::seed::{RustSeed, Seeds};
    pub use crate::{Result, Tx};
    pub use inventory;
    pub use migrate_schema::Schema;
}
