//! The engine: the migrations available (Rust and SQL files, one version order), their
//! state in the database, verification, and applying or rolling them back under the lock.
//!
//! How a run commits, per database:
//!
//! - **SQLite**: one `BEGIN IMMEDIATE` for the run and a savepoint per migration. A failing
//!   migration rolls back to its savepoint; the ones before it and the failure's history
//!   row commit. Per-migration semantics for the price of one commit.
//! - **PostgreSQL**: one transaction per migration with its history and audit rows. All but
//!   the last commit with `synchronous_commit = off`; the last commit is synchronous and so
//!   flushes the ones before it (a server crash mid-run loses whole migrations, never half).
//! - **MySQL/MariaDB**: DDL commits implicitly, so a migration runs statement by statement
//!   with its history row `pending` and its progress counted; a failure leaves the row
//!   `failed` with the statement that broke and how many ran, and `up` refuses to go on
//!   until `resolve` says what happened.
//! - `--atomic` (PostgreSQL, SQLite): every pending migration in one transaction.
//! - `transaction = false` / `-- migrate:no-transaction`: run like MySQL, outside any.

mod adopt;
mod apply;
mod check;
mod dry;
mod events;
mod expected;
pub(crate) mod graph;
mod mark;
mod prepare;
mod record;
mod recover;
mod repair;
mod run;
mod seeds;
mod squash;
mod types;
mod validate;
mod verify;

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, HistoryRow, status};
use crate::lock;
pub(crate) use crate::lock::released;
use crate::registry::RustMigration;
use crate::sql::SqlFile;
pub use adopt::Adopted;
pub use dry::{DryRun, DryRunMethod, DryRunMigration};
use events::Listeners;
pub use events::{Direction, Event};
pub use expected::{Drift, Method, Replayed};
use mark::recorded_without_running;
use migrate_schema::Dialect;
use prepare::{Prepared, Work, available_of, pending, rust_migration, sql_migration, step_texts};
pub(crate) use record::millis;
use record::{exec, record_audit};
pub use recover::{Effect, RecoverAction, RecoveredStatement, Recovery};
pub use repair::RepairAction;
use run::run_work;
use std::path::Path;
use types::Source;
pub use types::{
    Done, DownTarget, Kind, Migration, MigrationStatus, Options, Planned, Problem, Rendered, Report, Resolution,
    RiskReport, Status, UpTarget,
};
pub use validate::{OfflineCheck, Rehearsal};
use verify::{is_applied, short, verified};

/// The available migrations and what to do with them.
///
/// ```no_run
/// # async fn run() -> migrate::Result<()> {
/// let migrator = migrate::Migrator::load(Some("migrations".as_ref()))?;
/// let mut conn = migrate::Connection::connect("sqlite://app.db").await?;
/// let report = migrator.up(&mut conn, Default::default()).await?;
/// println!("applied {}", report.applied.len());
/// # Ok(()) }
/// ```
#[derive(Debug, Clone)]
pub struct Migrator {
    migrations: Vec<Migration>,
    /// Opt-ins and limits.
    pub options: Options,
    listeners: Listeners,
    /// The tool's table names given to every connection the migrator works on.
    tables: Option<std::sync::Arc<crate::tables::Tables>>,
    /// The `#[seed]` functions it runs, and the seed files.
    pub(crate) rust_seeds: Vec<&'static crate::seed::RustSeed>,
    pub(crate) file_seeds: Vec<crate::seed::Seed>,
}

impl Migrator {
    /// The given Rust migrations and SQL files, in one version order. Two migrations
    /// with one version, and a dependency on a version that does not exist or is not
    /// lower, are errors naming both.
    pub fn new(rust: &[&'static RustMigration], sql: Vec<SqlFile>) -> Result<Self> {
        Self::of(rust.iter().map(|m| rust_migration(m)).chain(sql.into_iter().map(sql_migration)).collect())
    }

    /// These migrations with `file` in place of the SQL file read from the same path (or
    /// added): what they would be once an edit is saved, so that it is checked first. The
    /// options and tables are kept; listeners are not.
    #[cfg(feature = "ui")]
    pub(crate) fn with_file(&self, file: SqlFile) -> Result<Self> {
        let origin = file.path.display().to_string();
        let mut migrations: Vec<Migration> = self.migrations.iter().filter(|m| m.origin != origin).cloned().collect();
        migrations.push(sql_migration(file));
        let mut edited = Self::of(migrations)?;
        edited.options = self.options;
        edited.tables = self.tables.clone();
        Ok(edited)
    }

    /// The names of the tool's own tables (history, audit, lock, kept rows, seeds).
    #[cfg(feature = "ui")]
    pub(crate) fn own_tables(&self) -> Vec<String> {
        let t = self.tables.as_deref().cloned().unwrap_or_default();
        vec![t.history, t.audit, t.lock, t.kept, t.seeds, t.seed_rows]
    }

    /// `migrations` in one version order, checked: versions, dependencies.
    fn of(mut migrations: Vec<Migration>) -> Result<Self> {
        // A squash comes right after the last migration it replaces, whose version it takes.
        migrations.sort_by_key(|m| (m.version, m.replaces().is_some()));
        for pair in migrations.windows(2) {
            let same_file_other_dialects = matches!((&pair[0].source, &pair[1].source),
                (Source::Sql(a), Source::Sql(b)) if a.database.is_some() && b.database.is_some() && a.database != b.database);
            let squash_of_it = pair[0].replaces().is_none() && pair[1].replaces().is_some();
            if pair[0].version == pair[1].version && !same_file_other_dialects && !squash_of_it {
                return Err(Error::DuplicateVersion {
                    version: pair[0].version,
                    first: format!("{} at {}", pair[0].name, pair[0].origin),
                    second: format!("{} at {}", pair[1].name, pair[1].origin),
                });
            }
        }
        for m in &migrations {
            for dep in m.dependencies() {
                dependency_allowed(&migrations, m, *dep)?;
            }
        }
        Ok(Self {
            migrations,
            options: Options::default(),
            listeners: Listeners::default(),
            tables: None,
            rust_seeds: Vec::new(),
            file_seeds: Vec::new(),
        })
    }

    /// The Rust migrations and seeds linked into this binary and the SQL files of `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        let rust = crate::registry::registered()?;
        let sql = match dir {
            Some(dir) => crate::sql::load_dir(dir).map_err(|e| Error::File(Box::new(e)))?,
            None => Vec::new(),
        };
        Ok(Self::new(&rust, sql)?.with_rust_seeds(&crate::seed::registered()?))
    }

    /// The Rust migrations linked into this binary and the SQL files embedded with
    /// [`embed_sql!`](crate::embed_sql): what an application applies at start-up with
    /// [`Migrator::run`]. Edited files rebuild the crate; new ones too with the build script
    /// line `cargo:rerun-if-changed=migrations`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// // let migrator = migrate::Migrator::embedded(migrate::embed_sql!("migrations"))?;
    /// let files = [("migrations/V900_20250114200000_notes.sql", "CREATE TABLE notes (id integer PRIMARY KEY);")];
    /// // One connection: each SQLite in-memory connection is a database of its own.
    /// let pool = migrate::sqlx::sqlite::SqlitePoolOptions::new().max_connections(1).connect("sqlite::memory:").await?;
    /// let report = migrate::Migrator::embedded(&files)?.run(&pool).await?;
    /// assert!(report.applied.iter().any(|m| m.version == 900));
    /// let again = migrate::Migrator::embedded(&files)?.run(&pool).await?;
    /// assert!(again.applied.is_empty() && again.skipped.contains(&900));
    /// # Ok(()) }
    /// ```
    pub fn embedded(files: &[(&str, &str)]) -> Result<Self> {
        let sql = crate::sql::parse_embedded(files).map_err(|e| Error::File(Box::new(e)))?;
        Ok(Self::new(&crate::registry::registered()?, sql)?.with_rust_seeds(&crate::seed::registered()?))
    }

    /// [`Migrator::run`] applies versions up to and including `version` only.
    pub fn to(mut self, version: u64) -> Self {
        self.options.to = Some(version);
        self
    }

    /// Apply every pending migration in one transaction (PostgreSQL, SQLite).
    pub fn atomic(mut self, atomic: bool) -> Self {
        self.options.atomic = atomic;
        self
    }

    /// How long to wait for the migration lock another instance holds [default: 60 s].
    pub fn lock_timeout(mut self, timeout: std::time::Duration) -> Self {
        self.options.lock.timeout = timeout;
        self
    }

    /// Keep the history in `name` instead of `schema_migrations`, with the audit, lock and
    /// kept-row tables named after it (`<name>_audit`, `<name>_lock`, ...): for a database
    /// where another tool's table has the default name, or two projects sharing one
    /// database. Every connection the migrator is given uses these names (see
    /// [`Connection::set_history_table`]). A name that is not a plain identifier of at most
    /// [`Tables::MAX_LEN`](crate::Tables::MAX_LEN) characters is an error.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// let files = [("migrations/V902_20250114200000_notes.sql", "CREATE TABLE notes (id integer PRIMARY KEY);")];
    /// let mut conn = migrate::Connection::connect("sqlite::memory:").await?;
    /// let migrator = migrate::Migrator::embedded(&files)?.history_table("app_migrations")?;
    /// migrator.up(&mut conn, Default::default()).await?;
    /// assert!(conn.table_exists("app_migrations").await? && !conn.table_exists("schema_migrations").await?);
    /// # Ok(()) }
    /// ```
    pub fn history_table(mut self, name: &str) -> Result<Self> {
        self.tables = Some(std::sync::Arc::new(crate::tables::Tables::named(name)?));
        Ok(self)
    }

    /// Tell the listeners about `event` (seed runs use the migrator's listeners).
    pub(crate) fn emit(&self, event: &Event<'_>) -> Result<()> {
        self.listeners.emit(event)
    }

    /// Give `conn` the migrator's table names, if it has its own.
    pub(crate) fn bind(&self, conn: &mut Connection) {
        if let Some(tables) = &self.tables {
            conn.set_tables(tables.clone());
        }
    }

    /// Apply a pending version below the highest applied one instead of refusing.
    pub fn allow_out_of_order(mut self, allow: bool) -> Self {
        self.options.allow_out_of_order = allow;
        self
    }

    /// Apply every pending migration to `db`, a database URL or an sqlx pool of the
    /// application (one connection is borrowed for the run): the lock, the verification,
    /// the checks and the history of `migrate up`. Any number of instances may start at
    /// once; each migration is applied by exactly one of them.
    ///
    /// ```no_run
    /// # async fn start() -> migrate::Result<()> {
    /// use migrate::sqlx::{MySqlPool, PgPool, SqlitePool};
    /// use migrate::Migrator;
    ///
    /// // In the application: `let files = migrate::embed_sql!("migrations");`
    /// # let files: &[(&str, &str)] = &[];
    /// let pool = PgPool::connect("postgres://app@db/app").await?;
    /// let report = Migrator::embedded(files)?.run(&pool).await?;
    /// println!("{} applied, {} already there", report.applied.len(), report.skipped.len());
    ///
    /// let pool = MySqlPool::connect("mysql://app@db/app").await?;
    /// Migrator::embedded(files)?.lock_timeout(std::time::Duration::from_secs(300)).run(&pool).await?;
    ///
    /// let pool = SqlitePool::connect("sqlite://app.db").await?;
    /// Migrator::embedded(files)?.to(20250114200000).run(&pool).await?;
    ///
    /// // Or a URL: a connection of its own, closed afterwards.
    /// Migrator::embedded(files)?.run("sqlite://app.db").await?;
    /// # Ok(()) }
    /// ```
    pub async fn run(&self, db: impl crate::driver::Database) -> Result<Report> {
        let mut conn = db.connection().await?;
        let result = self.up(&mut conn, UpTarget { to: self.options.to, step: None }).await;
        match &result {
            Ok(_) => {
                let _ = conn.close().await;
            }
            Err(_) => conn.discard().await,
        }
        result
    }

    /// Every available migration, by version.
    pub fn migrations(&self) -> &[Migration] {
        &self.migrations
    }

    /// The migrations that run on `dialect`: those a squash for it replaces left out.
    pub(crate) fn for_dialect(&self, dialect: Dialect) -> impl Iterator<Item = &Migration> {
        let squashed: Vec<(u64, u64)> = self.squashes(dialect).filter_map(Migration::replaces).collect();
        self.migrations.iter().filter(move |m| {
            m.applies_to(dialect)
                && (m.replaces().is_some() || !squashed.iter().any(|(a, b)| (*a..=*b).contains(&m.version)))
        })
    }

    /// What verification finds, given the history rows.
    fn problems(&self, available: &[&Migration], rows: &[HistoryRow]) -> Vec<Problem> {
        let rows = squash::beside_squashes(available.iter().copied(), rows);
        verify::problems(&self.options, available, &rows)
    }

    /// Check the available migrations against the database without applying anything:
    /// each file parses and each Rust migration renders for the connected dialect; no
    /// applied migration was edited or removed; nothing pending sits below what is applied.
    ///
    /// Pending migrations are then followed from the database's schema: a statement that
    /// names a table or column that will not exist, or creates one that will, is a problem
    /// (kind `invalid`) naming the migration, file and line.
    pub async fn validate(&self, conn: &mut Connection) -> Result<Vec<Problem>> {
        self.bind(conn);
        let rows = history::rows(conn).await?;
        if let Some(originals) = self.partway(conn.dialect(), &rows)? {
            return Box::pin(originals.validate(conn)).await;
        }
        let prepared = self.prepare(conn.dialect())?;
        let mut problems = self.problems(&available_of(&prepared), &rows);
        let todo = pending(&prepared, &rows, UpTarget::default());
        problems.extend(self.check_pending(conn, &todo).await?.problems);
        Ok(problems)
    }

    /// What `validate` mentions without failing: SQL files whose DOWN section is empty, so
    /// that rolling them back does nothing (kind `empty_down`).
    pub fn notes(&self, dialect: Dialect) -> Vec<Problem> {
        self.for_dialect(dialect)
            .filter(|m| matches!(&m.source, Source::Sql(f) if f.has_empty_down()))
            .map(|m| Problem {
                kind: "empty_down",
                version: m.version,
                message: format!(
                    "V{} {} ({}): its DOWN section is empty, so rolling it back changes nothing",
                    m.version, m.name, m.origin
                ),
            })
            .collect()
    }

    /// Where every migration stands, and who holds the lock.
    pub async fn status(&self, conn: &mut Connection) -> Result<Status> {
        self.bind(conn);
        let dialect = conn.dialect();
        let rows = history::rows(conn).await?;
        if let Some(originals) = self.partway(dialect, &rows)? {
            return Box::pin(originals.status(conn)).await;
        }
        let rows = squash::beside_squashes(self.squashes(dialect), &rows);
        let available: Vec<&Migration> = self.for_dialect(dialect).collect();
        let mut migrations: Vec<MigrationStatus> = self
            .for_dialect(dialect)
            .map(|m| {
                let row = rows.iter().find(|r| r.version == m.version);
                MigrationStatus {
                    version: m.version,
                    name: m.name.clone(),
                    kind: m.kind,
                    status: row
                        .map_or(status::PENDING, |r| {
                            if r.status == status::ROLLED_BACK { status::PENDING } else { r.status.as_str() }
                        })
                        .to_owned(),
                    checksum: m.checksum.clone(),
                    applied_at: row.filter(|r| r.status == status::APPLIED).map(|r| r.applied_at.clone()),
                    batch: row.filter(|r| r.status == status::APPLIED).map(|r| r.batch),
                    execution_ms: row.filter(|r| r.status == status::APPLIED).map(|r| r.execution_ms),
                }
            })
            .collect();
        for r in
            rows.iter().filter(|r| r.status == status::APPLIED && !available.iter().any(|m| m.version == r.version))
        {
            migrations.push(MigrationStatus {
                version: r.version,
                name: r.name.clone(),
                kind: Kind::of_row(r).unwrap_or(Kind::Rust),
                status: match Kind::of_row(r) {
                    Some(Kind::Imported) => status::APPLIED,
                    _ => "missing",
                }
                .to_owned(),
                checksum: r.checksum.clone(),
                applied_at: Some(r.applied_at.clone()),
                batch: Some(r.batch),
                execution_ms: Some(r.execution_ms),
            });
        }
        migrations.sort_by_key(|s| s.version);
        let current = rows.iter().filter(|r| r.status == status::APPLIED).map(|r| r.version).max();
        let lock = lock::holder(conn, self.options.lock).await?;
        let problems = self.problems(&available, &rows);
        Ok(Status { dialect: dialect.name(), current, migrations, lock, problems })
    }

    /// The pending migrations `up` would apply, with their exact statements, their risks on
    /// the connected database and what validation finds wrong with each (the plan is shown
    /// whole even then: a reviewer needs the SQL most when it is wrong).
    pub async fn plan(&self, conn: &mut Connection, target: UpTarget) -> Result<Vec<Planned>> {
        self.bind(conn);
        if let Some(originals) = self.partway(conn.dialect(), &history::rows(conn).await?)? {
            return Box::pin(originals.plan(conn, target)).await;
        }
        let prepared = self.prepare(conn.dialect())?;
        Ok(self.planned(conn, &prepared, target, false).await?.into_iter().map(|(planned, _)| planned).collect())
    }

    /// [`Migrator::plan`] of migrations already prepared, each with what it runs; with
    /// `strict`, validation problems are an error instead.
    async fn planned<'p, 'm>(
        &self,
        conn: &mut Connection,
        prepared: &'p [Prepared<'m>],
        target: UpTarget,
        strict: bool,
    ) -> Result<Vec<(Planned, &'p Prepared<'m>)>> {
        let rows = history::rows(conn).await?;
        verified(self.problems(&available_of(prepared), &rows))?;
        let todo = pending(prepared, &rows, target);
        let checked = self.check_pending(conn, &todo).await?;
        let mut problems = checked.problems;
        if strict {
            verified(std::mem::take(&mut problems))?;
        }
        Ok(todo
            .into_iter()
            .zip(checked.risks)
            .map(|(p, risks)| {
                let planned = Planned {
                    problems: problems.iter().filter(|x| x.version == p.m.version).cloned().collect(),
                    version: p.m.version,
                    name: p.m.name.clone(),
                    kind: p.m.kind,
                    transaction: p.m.transaction,
                    statements: p.up.statements(),
                    risks,
                };
                (planned, p)
            })
            .collect())
    }

    /// One migration's statements as `up` and `down` would run them on `dialect` (a Rust
    /// migration rendered against the schema the ones before it build); `None` when there
    /// is no such version for `dialect`.
    ///
    /// ```
    /// use migrate::schema::Dialect;
    /// let files = [("migrations/V001_20250114200000_tags.sql", "CREATE TABLE tags (id int);\n-- migrate:down\nDROP TABLE tags;")];
    /// let migrator = migrate::Migrator::new(&[], migrate::sql::parse_embedded(&files)?)?;
    /// let r = migrator.rendered(1, Dialect::Sqlite)?.unwrap();
    /// assert_eq!(r.up, ["CREATE TABLE tags (id int)"]);
    /// assert_eq!(r.down.unwrap(), ["DROP TABLE tags"]);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn rendered(&self, version: u64, dialect: Dialect) -> Result<Option<Rendered>> {
        let prepared = self.prepare(dialect)?;
        Ok(prepared.iter().find(|p| p.m.version == version).map(|p| Rendered {
            up: p.up.statements(),
            down: p.down.as_ref().map(Work::statements).map_err(Clone::clone),
        }))
    }

    /// The history rows and the audit trail.
    pub async fn history(&self, conn: &mut Connection) -> Result<(Vec<HistoryRow>, Vec<history::AuditRow>)> {
        self.bind(conn);
        let mut rows = history::rows(conn).await?;
        rows.sort_by_key(|r| r.id);
        Ok((rows, history::audit_rows(conn).await?))
    }
}

/// A dependency must name an existing lower version; one on a higher version is named
/// with both files, and as a cycle when that migration depends back on this one.
fn dependency_allowed(migrations: &[Migration], m: &Migration, dep: u64) -> Result<()> {
    let Some(target) = migrations.iter().find(|o| o.version == dep) else {
        return Err(Error::Config(format!("{}: depends on V{dep:03}, which does not exist", m.origin)));
    };
    if dep < m.version {
        return Ok(());
    }
    let back = |from: &Migration| from.dependencies().contains(&m.version);
    Err(Error::Config(if back(target) {
        format!(
            "a dependency cycle: {} (V{:03}) depends on {} (V{dep:03}), which depends on it; a migration may \
             depend only on lower versions",
            m.origin, m.version, target.origin
        )
    } else {
        format!(
            "{} (V{:03}) depends on {} (V{dep:03}), which is not a lower version; a migration may depend only on \
             lower versions",
            m.origin, m.version, target.origin
        )
    }))
}
