//! The engine's public types: the migrations it knows, what a run is asked to do, and the
//! reports it gives back.

use crate::lock::{LockHolder, LockOptions};
use crate::registry::RustMigration;
use crate::sql::SqlFile;
use migrate_schema::risk::Level;

/// Whether a migration is Rust code or a SQL file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A `#[migration]` function.
    Rust,
    /// A `.sql` file.
    Sql,
    /// Another tool's code migration (sea-orm, Laravel, Rails, goose's Go), adopted with
    /// its history by `migrate import` and not ported yet: it appears in history rows and
    /// `status`, never among the migrations that run.
    Imported,
}

impl Kind {
    /// `rust` or `sql`, as the history and `--json` spell it.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Rust => "rust",
            Kind::Sql => "sql",
            Kind::Imported => "imported",
        }
    }

    /// The kind a history row recorded (`None` for rows written before it was recorded).
    pub(crate) fn of_row(row: &crate::HistoryRow) -> Option<Kind> {
        match row.kind.as_deref() {
            Some("rust") => Some(Kind::Rust),
            Some("sql") => Some(Kind::Sql),
            Some("imported") => Some(Kind::Imported),
            _ => None,
        }
    }
}

/// An available migration.
#[derive(Debug, Clone)]
pub struct Migration {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// Rust or SQL.
    pub kind: Kind,
    /// Checksum of what it does.
    pub checksum: String,
    /// Whether it runs in a transaction.
    pub transaction: bool,
    /// Where it is defined: `file:line` or the SQL file's path.
    pub origin: String,
    pub(super) source: Source,
}

impl Migration {
    /// The versions it depends on (`-- Dependencies:`); they always run before it.
    pub fn dependencies(&self) -> &[u64] {
        match &self.source {
            Source::Sql(f) => &f.dependencies,
            Source::Rust(r) => r.depends_on,
        }
    }

    /// The first and last version a squash replaces (`-- Replaces: V001..V050`, `replaces =
    /// 1..=50`); the last is its own version.
    pub fn replaces(&self) -> Option<(u64, u64)> {
        match &self.source {
            Source::Sql(f) => f.replaces,
            Source::Rust(r) => r.replaces,
        }
    }

    /// Whether it runs on `dialect` (a SQL file's `-- Database:`).
    pub(crate) fn applies_to(&self, dialect: migrate_schema::Dialect) -> bool {
        match &self.source {
            Source::Sql(f) => f.applies_to(dialect),
            Source::Rust(_) => true,
        }
    }

    /// The only database a SQL file is for (`-- Database:`), `None` for any.
    pub fn database(&self) -> Option<migrate_schema::Dialect> {
        match &self.source {
            Source::Sql(f) => f.database,
            Source::Rust(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub(super) enum Source {
    Rust(&'static RustMigration),
    Sql(Box<SqlFile>),
}

/// Where `up` stops.
#[derive(Debug, Clone, Copy, Default)]
pub struct UpTarget {
    /// Apply versions up to and including this one.
    pub to: Option<u64>,
    /// Apply at most this many.
    pub step: Option<usize>,
}

/// What `down` rolls back.
#[derive(Debug, Clone, Copy)]
pub enum DownTarget {
    /// The last `n` applied migrations.
    Step(usize),
    /// Every applied migration above this version.
    To(u64),
    /// The last batch.
    Batch,
    /// This version alone; refused, naming them, while migrations that depend on it are
    /// applied.
    Only(u64),
    /// This version and every applied migration that depends on it, newest first.
    Cascade(u64),
}

/// Opt-ins and limits for a run.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Apply a pending version below the highest applied one.
    pub allow_out_of_order: bool,
    /// Go on when the database has applied migrations that are no longer available.
    pub ignore_missing: bool,
    /// Apply every pending migration in one transaction (PostgreSQL, SQLite).
    pub atomic: bool,
    /// Lock wait and staleness.
    pub lock: LockOptions,
    /// `up` refuses a migration with a risk at this level or above that the migration does
    /// not accept (`allow_risk`), unless [`Options::allow_risk`] is set.
    pub refuse_risk: Option<migrate_schema::risk::Level>,
    /// Apply migrations whatever their risks.
    pub allow_risk: bool,
    /// Drop tables and columns without first keeping their rows for a rollback to put back.
    pub discard_dropped: bool,
    /// [`Migrator::run`] applies versions up to and including this one (all when `None`).
    pub to: Option<u64>,
}

/// One migration applied or rolled back.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Done {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// Milliseconds it took.
    pub execution_ms: i64,
}

/// What a run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Applied, in order.
    pub applied: Vec<Done>,
    /// Rolled back, in order.
    pub rolled_back: Vec<Done>,
    /// Versions `up` found already applied and left alone.
    pub skipped: Vec<u64>,
    /// Rows kept before a drop and put back by a rollback, and what could not be.
    pub kept: Vec<String>,
    /// Total milliseconds.
    pub elapsed_ms: u128,
}

/// A migration and where it stands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MigrationStatus {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// `rust` or `sql`.
    pub kind: Kind,
    /// `pending`, `applied`, `failed`, `rolled_back`, or `missing` (applied, no longer available).
    pub status: String,
    /// Checksum of the available migration (or the recorded one when missing).
    pub checksum: String,
    /// When it was applied.
    pub applied_at: Option<String>,
    /// Its batch.
    pub batch: Option<i64>,
    /// How long it took.
    pub execution_ms: Option<i64>,
}

/// The state of the database against the available migrations.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Status {
    /// `postgresql`, `mysql`, `sqlite`.
    pub dialect: &'static str,
    /// Highest applied version.
    pub current: Option<u64>,
    /// Every migration, by version.
    pub migrations: Vec<MigrationStatus>,
    /// Who holds the migration lock, if anyone.
    pub lock: Option<LockHolder>,
    /// What verification finds.
    pub problems: Vec<Problem>,
}

/// Something verification finds wrong.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Problem {
    /// `checksum`, `missing`, `out_of_order`, `failed`.
    pub kind: &'static str,
    /// The migration.
    pub version: u64,
    /// What is wrong and what to do.
    pub message: String,
}

/// A pending migration as `up` would run it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Planned {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// `rust` or `sql`.
    pub kind: Kind,
    /// Whether it runs in a transaction.
    pub transaction: bool,
    /// The statements, in order, as they are sent.
    pub statements: Vec<String>,
    /// Risks found, sized by the database (empty for `down`).
    pub risks: Vec<RiskReport>,
    /// What validation finds wrong with it (a statement naming what will not exist, a
    /// transaction it controls itself): `plan` shows them beside its statements, `up`
    /// refuses to run it.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub problems: Vec<Problem>,
}

/// What `resolve` records.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resolution {
    /// The user finished the migration by hand.
    Applied,
    /// The user undid what ran of it.
    RolledBack,
}

/// A risk of a pending migration, sized by the database.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RiskReport {
    /// `low`, `medium` or `high` (after the counts: dropping an empty column is low).
    pub level: Level,
    /// Stable rule id (`drop-column`, `index-not-concurrent`, ...).
    pub rule: &'static str,
    /// `table` or `table.column`.
    pub object: String,
    /// What happens and what to do instead.
    pub reason: String,
    /// Where: the SQL file and line, or the Rust migration's `file:line`.
    pub at: String,
    /// Rows lost, NULLs, values too long or duplicated, as the rule counts them.
    pub count: Option<i64>,
    /// Size of the table on disk, where the rule rewrites or scans it.
    pub table_bytes: Option<i64>,
    /// Rough time of that rewrite or scan, in milliseconds.
    pub estimate_ms: Option<i64>,
    /// The migration accepts this rule (`allow_risk`, `-- Allow risk:`).
    pub accepted: bool,
}

/// One migration's statements for one dialect ([`Migrator::rendered`](crate::Migrator::rendered)).
#[derive(Debug, Clone, serde::Serialize)]
pub struct Rendered {
    /// What `up` runs.
    pub up: Vec<String>,
    /// What `down` runs, or why it cannot be rolled back.
    pub down: std::result::Result<Vec<String>, String>,
}
