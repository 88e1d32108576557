//! Adopting a project from another migration tool: its migration files read and converted
//! to ours, its history table read, and the two matched so that the history can be
//! adopted (see [`Migrator::adopt`](crate::Migrator::adopt)).
//!
//! One file per tool says how that tool names its files and what its history table holds,
//! as read from the tool's own source (each file cites it). What they share lives here:
//! [`Found`] (a migration in the tool's directory), [`Applied`] (a row of its history),
//! and [`plan`] (the pure match of the two, tested without a database).

mod convert;
mod dbmate;
mod diesel;
mod files;
mod flyway;
mod golang_migrate;
mod goose;
mod laravel;
mod plan;
mod rails;
mod refinery;
mod sea_orm;
mod source;
mod sqlx;
mod write;

pub use convert::{Converted, convert};
pub use plan::{Edited, Plan, ToAdopt, plan};
pub use write::{Written, write};

use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::fmt;
use std::path::{Path, PathBuf};

/// A tool `migrate import` adopts projects from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Tool {
    /// sqlx-cli / `sqlx::migrate!`.
    Sqlx,
    /// diesel_migrations.
    Diesel,
    /// refinery.
    Refinery,
    /// sea-orm-migration.
    SeaOrm,
    /// Flyway.
    Flyway,
    /// golang-migrate.
    GolangMigrate,
    /// goose.
    Goose,
    /// dbmate.
    Dbmate,
    /// Laravel's migrations.
    Laravel,
    /// Rails (Active Record) migrations.
    Rails,
}

/// Every tool, in the order the help lists them.
pub const TOOLS: [Tool; 10] = [
    Tool::Sqlx,
    Tool::Diesel,
    Tool::Refinery,
    Tool::SeaOrm,
    Tool::Flyway,
    Tool::GolangMigrate,
    Tool::Goose,
    Tool::Dbmate,
    Tool::Laravel,
    Tool::Rails,
];

impl Tool {
    /// The tool `name` names (`sqlx`, `sea-orm`, `golang-migrate`, ...).
    ///
    /// ```
    /// use migrate::import::Tool;
    /// assert_eq!(Tool::named("sea-orm"), Some(Tool::SeaOrm));
    /// assert_eq!(Tool::named("Flyway"), Some(Tool::Flyway));
    /// assert_eq!(Tool::named("liquibase"), None);
    /// ```
    pub fn named(name: &str) -> Option<Tool> {
        let name = name.to_ascii_lowercase().replace('_', "-");
        let name = match name.as_str() {
            "sea-orm-migration" | "seaorm" => "sea-orm",
            "migrate" | "golang" => "golang-migrate",
            "activerecord" | "active-record" => "rails",
            other => other,
        };
        TOOLS.into_iter().find(|t| t.name() == name)
    }

    /// Its name on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Tool::Sqlx => "sqlx",
            Tool::Diesel => "diesel",
            Tool::Refinery => "refinery",
            Tool::SeaOrm => "sea-orm",
            Tool::Flyway => "flyway",
            Tool::GolangMigrate => "golang-migrate",
            Tool::Goose => "goose",
            Tool::Dbmate => "dbmate",
            Tool::Laravel => "laravel",
            Tool::Rails => "rails",
        }
    }

    /// The history table it creates by default.
    pub fn table(self) -> &'static str {
        match self {
            Tool::Sqlx => sqlx::TABLE,
            Tool::Diesel => diesel::TABLE,
            Tool::Refinery => refinery::TABLE,
            Tool::SeaOrm => sea_orm::TABLE,
            Tool::Flyway => flyway::TABLE,
            Tool::GolangMigrate => golang_migrate::TABLE,
            Tool::Goose => goose::TABLE,
            Tool::Dbmate => dbmate::TABLE,
            Tool::Laravel => laravel::TABLE,
            Tool::Rails => rails::TABLE,
        }
    }

    /// Where its migrations live in a project, by default.
    pub fn default_dir(self) -> &'static str {
        match self {
            Tool::Sqlx | Tool::Diesel | Tool::Refinery | Tool::Goose => "migrations",
            Tool::SeaOrm => "migration/src",
            Tool::Flyway => "src/main/resources/db/migration",
            Tool::GolangMigrate => "migrations",
            Tool::Dbmate => "db/migrations",
            Tool::Laravel => "database/migrations",
            Tool::Rails => "db/migrate",
        }
    }

    /// The migrations in `dir`, in the tool's order.
    pub fn read_dir(self, dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
        let found = match self {
            Tool::Sqlx => sqlx::read(dir),
            Tool::Diesel => diesel::read(dir),
            Tool::Refinery => refinery::read(dir),
            Tool::SeaOrm => sea_orm::read(dir),
            Tool::Flyway => flyway::read(dir),
            Tool::GolangMigrate => golang_migrate::read(dir),
            Tool::Goose => goose::read(dir),
            Tool::Dbmate => dbmate::read(dir),
            Tool::Laravel => laravel::read(dir),
            Tool::Rails => rails::read(dir),
        }?;
        files::unique_versions(dir, found)
    }

    /// Files of `dir` the import leaves out, with why: Flyway's repeatable scripts.
    pub fn left_out(self, dir: &Path) -> std::result::Result<Vec<(PathBuf, &'static str)>, FileError> {
        match self {
            Tool::Flyway => Ok(flyway::repeatable(dir)?
                .into_iter()
                .map(|p| {
                    (p, "a repeatable script: port it as a migration, or as a SQL seed (it runs again when it changes)")
                })
                .collect()),
            _ => Ok(Vec::new()),
        }
    }

    /// Our version for a key of its history that names no file of the directory (a
    /// migration deleted since it ran), where the key says it.
    pub fn version_of(self, key: &str) -> Option<u64> {
        match self {
            Tool::SeaOrm => sea_orm::version_of(key),
            Tool::Laravel => laravel::version_of(key),
            Tool::Diesel => key.replace('-', "").parse().ok(),
            Tool::Flyway => None,
            _ => key.parse().ok(),
        }
    }

    /// What its history table in `conn` says, or `None` when there is no such table.
    pub async fn history(self, conn: &mut Connection, table: &str) -> Result<Option<Recorded>> {
        if !conn.table_exists(table).await.map_err(crate::Error::db(format!("looking for {table}")))? {
            return Ok(None);
        }
        let recorded = match self {
            Tool::Sqlx => sqlx::history(conn, table).await,
            Tool::Diesel => diesel::history(conn, table).await,
            Tool::Refinery => refinery::history(conn, table).await,
            Tool::SeaOrm => sea_orm::history(conn, table).await,
            Tool::Flyway => flyway::history(conn, table).await,
            Tool::GolangMigrate => golang_migrate::history(conn, table).await,
            Tool::Goose => goose::history(conn, table).await,
            Tool::Dbmate => dbmate::history(conn, table).await,
            Tool::Laravel => laravel::history(conn, table).await,
            Tool::Rails => rails::history(conn, table).await,
        }?;
        Ok(Some(recorded))
    }
}

impl fmt::Display for Tool {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A migration in the other tool's directory.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// How the tool's history names it (its version, or its file name for Laravel and
    /// sea-orm), as the history table spells it.
    pub key: String,
    /// Our version for it: the tool's when it is a number, else one derived from it
    /// (the date and sequence of `m20220101_000001_x`, a Flyway `1.1` by rank).
    pub version: u64,
    /// Its name, in words.
    pub name: String,
    /// The file that defines it (the UP file where UP and DOWN are two files).
    pub file: PathBuf,
    /// What it is: SQL we convert, or code we can only list.
    pub body: Body,
    /// The tool's own checksum of the file as it is now, in the form its history keeps
    /// it; several where the tool may have computed it more than one way (sqlx with and
    /// without `ignored-chars`), none where the tool keeps none.
    pub checksums: Vec<String>,
}

/// What a found migration holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    /// SQL: converted to one of our files.
    Sql {
        /// The UP statements.
        up: String,
        /// The DOWN statements, where the tool has them.
        down: Option<String>,
        /// `false` when the tool was told to run it outside a transaction.
        transaction: bool,
    },
    /// Code in another language (or Rust against another API): its history is adopted,
    /// its code listed for porting.
    Code(Language),
}

/// The language of a migration that cannot be converted mechanically.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// Rust (sea-orm-migration, refinery's `.rs` migrations).
    Rust,
    /// Go (goose's `.go` migrations).
    Go,
    /// PHP (Laravel).
    Php,
    /// Ruby (Rails).
    Ruby,
}

impl Language {
    /// Its name, for messages.
    pub fn name(self) -> &'static str {
        match self {
            Language::Rust => "Rust",
            Language::Go => "Go",
            Language::Php => "PHP",
            Language::Ruby => "Ruby",
        }
    }
}

/// What the other tool's history says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Recorded {
    /// One row per migration that ran (most tools).
    Each(Vec<Applied>),
    /// Only the current version: every migration up to it ran (golang-migrate). `dirty`
    /// says the current one failed or was interrupted.
    UpTo {
        /// The current version.
        version: u64,
        /// The migration of `version` did not finish.
        dirty: bool,
    },
}

/// A row of the other tool's history: a migration it ran.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Applied {
    /// The migration, as [`Found::key`] names it.
    pub key: String,
    /// Its name, where the history keeps one.
    pub name: Option<String>,
    /// When it ran, in UTC as `YYYY-MM-DD HH:MM:SS`, where the history keeps it.
    pub applied_at: Option<String>,
    /// Who ran it, where the history keeps it.
    pub applied_by: Option<String>,
    /// The checksum the tool recorded, in the form of [`Found::checksums`].
    pub checksum: Option<String>,
    /// Why it does not count as applied (`success = false`, ...), if it does not.
    pub failed: Option<String>,
    /// A baseline (Flyway's `BASELINE` row): every migration up to its key counts as
    /// applied, whether or not it has a row.
    pub baseline: bool,
}
