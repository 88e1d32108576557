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

mod check;
mod dry;
mod events;
mod expected;
mod recover;
mod repair;
mod run;
mod types;
mod validate;
mod verify;

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, Audit, HistoryRow, NewRow, status};
use crate::keep::Keep;
use crate::lock::{self, LockHolder};
use crate::registry::{BoxFuture, MigrationFn, RustMigration, recorded};
use crate::sql::{SqlFile, split};
use crate::tx::Tx;
pub use check::RiskReport;
pub use dry::{DryRun, DryRunMethod, DryRunMigration};
use events::Listeners;
pub use events::{Direction, Event};
pub use expected::{Drift, Method, Replayed};
use migrate_schema::{Dialect, SchemaModel, Statement, Step, render_all};
pub use recover::{Effect, RecoverAction, RecoveredStatement, Recovery};
pub use repair::RepairAction;
use run::{Run, migration_span, run_work};
use sea_query::{Expr, SimpleExpr};
use std::path::Path;
use std::time::Instant;
use tracing::Instrument;
use types::Source;
pub use types::{
    Done, DownTarget, Kind, Migration, MigrationStatus, Options, Planned, Problem, Report, Resolution, Status, UpTarget,
};
pub use validate::Rehearsal;
use verify::{down_targets, is_applied, short, verified};

type AsyncFn = for<'a, 'b> fn(&'a mut Tx<'b>) -> BoxFuture<'a, Result<()>>;

/// What running one direction of a migration does.
enum Work {
    Steps(Vec<Step>),
    Async(AsyncFn),
    Nothing,
}

impl Work {
    fn statements(&self) -> Vec<String> {
        match self {
            Work::Steps(steps) => steps.iter().flat_map(Step::preview).collect(),
            Work::Async(_) => vec!["-- async Rust code: its statements are known only when it runs".to_owned()],
            Work::Nothing => Vec::new(),
        }
    }

    fn sql_text(&self) -> Option<String> {
        match self {
            Work::Steps(_) | Work::Nothing => Some(self.statements().join(";\n")),
            Work::Async(_) => None,
        }
    }
}

/// A migration rendered for one dialect.
struct Prepared<'m> {
    m: &'m Migration,
    up: Work,
    down: std::result::Result<Work, String>,
    /// Rust schema migrations: the index of the first step of each operation.
    starts: Vec<usize>,
}

/// [`render_all`] of `r`'s operations, also saying at which step each operation starts.
fn render_indexed(
    dialect: Dialect,
    before: &SchemaModel,
    ops: &[migrate_schema::Op],
    r: &RustMigration,
) -> Result<(migrate_schema::Plan, Vec<usize>)> {
    let mut plan = migrate_schema::Plan { steps: Vec::new(), after: before.clone() };
    let mut starts = Vec::with_capacity(ops.len());
    for op in ops {
        starts.push(plan.steps.len());
        plan.steps.extend(migrate_schema::render(dialect, &plan.after, op).map_err(|e| render_error(r, e))?);
        plan.after.apply_for(dialect, op).map_err(|e| render_error(r, e.into()))?;
    }
    Ok((plan, starts))
}

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
    tables: Option<std::sync::Arc<history::Tables>>,
}

fn rust_migration(m: &'static RustMigration) -> Migration {
    Migration {
        version: m.version,
        name: m.name.to_owned(),
        kind: Kind::Rust,
        checksum: m.checksum(),
        transaction: m.transaction,
        origin: m.location(),
        source: Source::Rust(m),
    }
}

fn sql_migration(f: SqlFile) -> Migration {
    Migration {
        version: f.version,
        name: f.name.clone(),
        kind: Kind::Sql,
        checksum: f.checksum.clone(),
        transaction: f.transaction,
        origin: f.path.display().to_string(),
        source: Source::Sql(Box::new(f)),
    }
}

impl Migrator {
    /// The given Rust migrations and SQL files, in one version order. Two migrations
    /// with one version, and a dependency on a version that does not exist or is not
    /// lower, are errors naming both.
    pub fn new(rust: &[&'static RustMigration], sql: Vec<SqlFile>) -> Result<Self> {
        let mut migrations: Vec<Migration> =
            rust.iter().map(|m| rust_migration(m)).chain(sql.into_iter().map(sql_migration)).collect();
        migrations.sort_by_key(|m| m.version);
        for pair in migrations.windows(2) {
            let same_file_other_dialects = matches!((&pair[0].source, &pair[1].source),
                (Source::Sql(a), Source::Sql(b)) if a.database.is_some() && b.database.is_some() && a.database != b.database);
            if pair[0].version == pair[1].version && !same_file_other_dialects {
                return Err(Error::DuplicateVersion {
                    version: pair[0].version,
                    first: format!("{} at {}", pair[0].name, pair[0].origin),
                    second: format!("{} at {}", pair[1].name, pair[1].origin),
                });
            }
        }
        for m in &migrations {
            if let Source::Sql(f) = &m.source {
                for dep in &f.dependencies {
                    if *dep >= m.version || !migrations.iter().any(|o| o.version == *dep) {
                        return Err(Error::Config(format!(
                            "{}: depends on V{dep:03}, which {}",
                            m.origin,
                            if *dep >= m.version { "is not a lower version" } else { "does not exist" }
                        )));
                    }
                }
            }
        }
        Ok(Self { migrations, options: Options::default(), listeners: Listeners::default(), tables: None })
    }

    /// The Rust migrations linked into this binary and the SQL files of `dir`.
    pub fn load(dir: Option<&Path>) -> Result<Self> {
        let rust = crate::registry::registered()?;
        let sql = match dir {
            Some(dir) => crate::sql::load_dir(dir).map_err(|e| Error::File(Box::new(e)))?,
            None => Vec::new(),
        };
        Self::new(&rust, sql)
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
        Self::new(&crate::registry::registered()?, sql)
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
        self.tables = Some(std::sync::Arc::new(history::Tables::named(name)?));
        Ok(self)
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

    pub(crate) fn for_dialect(&self, dialect: Dialect) -> impl Iterator<Item = &Migration> {
        self.migrations.iter().filter(move |m| match &m.source {
            Source::Sql(f) => f.applies_to(dialect),
            Source::Rust(_) => true,
        })
    }

    /// Render every migration for `dialect`: Rust schema migrations against the schema the
    /// ones before them built (replayed), SQL files split into statements. Any error here
    /// is reported before anything runs.
    fn prepare(&self, dialect: Dialect) -> Result<Vec<Prepared<'_>>> {
        let mut schema = SchemaModel::new();
        let mut out = Vec::new();
        for m in self.for_dialect(dialect) {
            let prepared = match &m.source {
                Source::Sql(f) => {
                    let file_error = |e| Error::File(Box::new(e));
                    let up = statements_work(f.up_statements(dialect).map_err(file_error)?.into_iter().map(|s| s.sql));
                    let down = match f.down_statements(dialect).map_err(file_error)? {
                        Some(statements) => Ok(statements_work(statements.into_iter().map(|s| s.sql))),
                        None => Err(format!("{} has no DOWN section", m.origin)),
                    };
                    Prepared { m, up, down, starts: Vec::new() }
                }
                Source::Rust(r) => {
                    let rendered = |ops: &[migrate_schema::Op], from: &SchemaModel| {
                        render_all(dialect, from, ops).map_err(|source| render_error(r, source))
                    };
                    match r.up {
                        MigrationFn::Schema(_) => {
                            let ops = r.ops();
                            let (plan, starts) = render_indexed(dialect, &schema, &ops, r)?;
                            let down = match r.down {
                                Some(MigrationFn::Schema(f)) => {
                                    Ok(Work::Steps(rendered(&recorded(f), &plan.after)?.steps))
                                }
                                Some(MigrationFn::Async(f)) => Ok(Work::Async(f)),
                                None => migrate_schema::invert_for(dialect, &schema, &ops)
                                    .map_err(|e| e.to_string())
                                    .and_then(|down| render_all(dialect, &plan.after, &down).map_err(|e| e.to_string()))
                                    .map(|p| Work::Steps(p.steps)),
                            };
                            schema = plan.after;
                            Prepared { m, up: Work::Steps(plan.steps), down, starts }
                        }
                        MigrationFn::Async(f) => {
                            let down = match r.down {
                                Some(MigrationFn::Async(d)) => Ok(Work::Async(d)),
                                Some(MigrationFn::Schema(d)) => Ok(Work::Steps(rendered(&recorded(d), &schema)?.steps)),
                                None if r.irreversible => Ok(Work::Nothing),
                                None => Err(format!(
                                    "it is an async data migration without a `down` (give it `down = ...`, or mark it \
                                     `irreversible` if rolling it back needs nothing), defined at {}",
                                    m.origin
                                )),
                            };
                            Prepared { m, up: Work::Async(f), down, starts: Vec::new() }
                        }
                    }
                }
            };
            out.push(prepared);
        }
        Ok(out)
    }

    /// What verification finds, given the history rows.
    fn problems(&self, available: &[&Migration], rows: &[HistoryRow]) -> Vec<Problem> {
        verify::problems(&self.options, available, rows)
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
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
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
                kind: Kind::Rust,
                status: "missing".to_owned(),
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

    /// Apply pending migrations, under the lock, after verification.
    pub async fn up(&self, conn: &mut Connection, target: UpTarget) -> Result<Report> {
        self.bind(conn);
        let dialect = conn.dialect();
        self.listeners.observe(Direction::Up, dialect, self.up_unobserved(conn, target)).await
    }

    async fn up_unobserved(&self, conn: &mut Connection, target: UpTarget) -> Result<Report> {
        let started = Instant::now();
        let available: Vec<&Migration> = self.for_dialect(conn.dialect()).collect();
        if available.is_empty() {
            return Err(Error::Config(crate::registry::NONE_LINKED.to_owned()));
        }
        // Nothing pending and nothing wrong: done, without rendering anything or taking the
        // lock (on SQLite that saves the two commits of the lock row). A run that finds work
        // re-reads the history under the lock before it does anything.
        let rows = history::rows(conn).await?;
        let nothing_pending =
            available.iter().all(|m| is_applied(&rows, m.version) || target.to.is_some_and(|to| m.version > to))
                || target.step == Some(0);
        if nothing_pending && self.problems(&available, &rows).is_empty() {
            let dialect = conn.dialect();
            self.listeners.emit(&Event::RunStarted { direction: Direction::Up, dialect, versions: &[] })?;
            let skipped = available.iter().filter(|m| is_applied(&rows, m.version)).map(|m| m.version).collect();
            return Ok(Report { skipped, elapsed_ms: started.elapsed().as_millis(), ..Report::default() });
        }
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = self.up_locked(conn, &prepared, target).await;
        let mut report = released(conn, result).await?;
        report.elapsed_ms = started.elapsed().as_millis();
        Ok(report)
    }

    /// Refuse, before anything runs, pending migrations that cannot apply (validation) or whose
    /// risks the configuration refuses. Returns, by version, the rows to keep before drops.
    async fn checked_before_up(
        &self,
        conn: &mut Connection,
        prepared: &[Prepared<'_>],
        rows: &[HistoryRow],
        target: UpTarget,
    ) -> Result<Vec<(u64, Vec<Keep>)>> {
        let todo = pending(prepared, rows, target);
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let checked = self.check_pending(conn, &todo).await?;
        verified(checked.problems)?;
        let keeps = match self.options.discard_dropped {
            true => Vec::new(),
            false => todo.iter().map(|p| p.m.version).zip(checked.keeps).filter(|(_, k)| !k.is_empty()).collect(),
        };
        let Some(refused) = self.options.refuse_risk.filter(|_| !self.options.allow_risk) else { return Ok(keeps) };
        let mut found = Vec::new();
        for (p, risks) in todo.iter().zip(&checked.risks) {
            for r in risks.iter().filter(|r| r.level >= refused && !r.accepted) {
                found.push(format!(
                    "V{} {} ({}): {} risk `{}` on {}: {}",
                    p.m.version, p.m.name, r.at, r.level, r.rule, r.object, r.reason
                ));
            }
        }
        if found.is_empty() {
            return Ok(keeps);
        }
        Err(Error::Risk { refused, risks: found })
    }

    async fn up_locked(&self, conn: &mut Connection, prepared: &[Prepared<'_>], target: UpTarget) -> Result<Report> {
        history::ensure(conn).await?;
        let rows = history::rows(conn).await?;
        verified(self.problems(&available_of(prepared), &rows))?;
        // Under the lock: another runner may have applied some of them meanwhile.
        let keeps = self.checked_before_up(conn, prepared, &rows, target).await?;
        let todo = pending(prepared, &rows, target);
        let batch = rows.iter().map(|r| r.batch).max().unwrap_or(0) + 1;
        let versions: Vec<u64> = todo.iter().map(|p| p.m.version).collect();
        let dialect = conn.dialect();
        self.listeners.emit(&Event::RunStarted { direction: Direction::Up, dialect, versions: &versions })?;
        let skipped = prepared.iter().filter(|p| is_applied(&rows, p.m.version)).map(|p| p.m.version).collect();
        let report = Report { skipped, ..Report::default() };
        let mut run = Run { conn, rows: &rows, batch, keeps, events: &self.listeners, report };
        let dialect = run.conn.dialect();
        if self.options.atomic {
            if dialect == Dialect::MySql {
                return Err(Error::Config(
                    "--atomic needs transactional DDL; MySQL/MariaDB commit every DDL statement implicitly".into(),
                ));
            }
            if let Some(p) = todo.iter().find(|p| !p.m.transaction) {
                return Err(Error::Config(format!(
                    "--atomic cannot include V{} {}, which must run outside a transaction",
                    p.m.version, p.m.name
                )));
            }
        }
        let outcome = match dialect {
            Dialect::Sqlite => run.grouped(&todo, self.options.atomic).await,
            Dialect::Postgres if self.options.atomic => run.grouped(&todo, true).await,
            Dialect::MySql | Dialect::Postgres => {
                let mut outcome = Ok(());
                for (i, p) in todo.iter().enumerate() {
                    outcome = match dialect == Dialect::Postgres && p.m.transaction {
                        true => run.in_transaction(p, i + 1 < todo.len()).instrument(migration_span(p)).await,
                        false => run.direct(p).instrument(migration_span(p)).await,
                    };
                    if outcome.is_err() {
                        break;
                    }
                }
                outcome
            }
        };
        match outcome {
            Ok(()) => Ok(run.report),
            Err(error) if run.report.applied.is_empty() => Err(error),
            // What committed before the failure is reported with it.
            Err(error) => Err(Error::Partial { report: Box::new(run.report), error: Box::new(error) }),
        }
    }

    /// The statements `down` would run, per migration, newest first.
    pub async fn down_plan(&self, conn: &mut Connection, target: DownTarget) -> Result<Vec<Planned>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
        Ok(down_planned(conn.dialect(), &prepared, &rows, target)?.into_iter().map(|(planned, _)| planned).collect())
    }

    /// Roll back applied migrations, newest first, each in its own transaction where the
    /// database allows it; stops at the first error. Refuses before running anything when
    /// one of them cannot be rolled back.
    pub async fn down(&self, conn: &mut Connection, target: DownTarget) -> Result<Report> {
        self.bind(conn);
        let started = Instant::now();
        let dialect = conn.dialect();
        let run = async {
            let prepared = self.prepare(dialect)?;
            lock::acquire(conn, self.options.lock).await?;
            let result = self.down_locked(conn, &prepared, target).await;
            let mut report = released(conn, result).await?;
            report.elapsed_ms = started.elapsed().as_millis();
            Ok(report)
        };
        self.listeners.observe(Direction::Down, dialect, run).await
    }

    async fn down_locked(
        &self,
        conn: &mut Connection,
        prepared: &[Prepared<'_>],
        target: DownTarget,
    ) -> Result<Report> {
        history::ensure(conn).await?;
        let rows = history::rows(conn).await?;
        let blocking: Vec<Problem> = self
            .problems(&available_of(prepared), &rows)
            .into_iter()
            .filter(|p| p.kind == "failed" || p.kind == "checksum")
            .collect();
        verified(blocking)?;
        let targets = down_targets(&rows, target);
        let versions: Vec<u64> = targets.iter().map(|r| r.version).collect();
        let dialect = conn.dialect();
        self.listeners.emit(&Event::RunStarted { direction: Direction::Down, dialect, versions: &versions })?;
        let mut works = Vec::new();
        for row in &targets {
            works.push(down_work(conn.dialect(), prepared, row)?);
        }
        let mut run =
            Run { conn, rows: &rows, batch: 0, keeps: Vec::new(), events: &self.listeners, report: Report::default() };
        for (row, work) in targets.iter().zip(&works) {
            run.roll_back(row, work).await?;
        }
        Ok(run.report)
    }

    /// Drop every table, view and type of the database (the tool's own audit and lock
    /// tables excepted), forget the history, and apply every migration.
    pub async fn fresh(&self, conn: &mut Connection) -> Result<Report> {
        self.bind(conn);
        let started = Instant::now();
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let t = Instant::now();
            let dropped = conn.drop_everything().await?;
            history::ensure(conn).await?;
            let detail = format!("dropped {}", dropped.join(", "));
            record_audit(conn, "fresh", None, None, "ok", Some(detail), t).await?;
            self.up_locked(conn, &prepared, UpTarget::default()).await
        }
        .await;
        let mut report = released(conn, result).await?;
        report.elapsed_ms = started.elapsed().as_millis();
        Ok(report)
    }

    /// Record every available migration up to `version` as applied without running it,
    /// for a database whose schema already exists. Refused when anything is applied.
    pub async fn baseline(&self, conn: &mut Connection, version: u64) -> Result<Vec<u64>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            history::ensure(conn).await?;
            let rows = history::rows(conn).await?;
            if let Some(r) = rows.iter().find(|r| r.status == status::APPLIED) {
                return Err(Error::Config(format!(
                    "cannot baseline: V{} {} is already applied; baseline is for a database with no history",
                    r.version, r.name
                )));
            }
            let t = Instant::now();
            let h = conn.history_sql();
            let mut marked = Vec::new();
            conn.begin().await.map_err(Error::step("baseline"))?;
            for p in prepared.iter().filter(|p| p.m.version <= version) {
                let row = recorded_without_running(p, 0, "baseline");
                exec(conn, &h.delete(p.m.version)).await?;
                exec(conn, &h.insert(&row)).await?;
                marked.push(p.m.version);
            }
            let detail = format!("baseline at V{version}: {} migration(s) recorded as applied", marked.len());
            record_audit(conn, "baseline", Some(version), None, "ok", Some(detail), t).await?;
            conn.commit().await.map_err(Error::step("baseline"))?;
            Ok(marked)
        }
        .await;
        released(conn, result).await
    }

    /// Record what happened to a failed or interrupted migration, after the user
    /// finished (`Applied`) or undid (`RolledBack`) it by hand.
    pub async fn resolve(&self, conn: &mut Connection, version: u64, resolution: Resolution) -> Result<()> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let rows = history::rows(conn).await?;
            resolve_locked(conn, &prepared, &rows, version, resolution).await
        }
        .await;
        released(conn, result).await
    }

    /// Clear the migration lock: a dead or stale holder's, or anyone's with `force`.
    pub async fn unlock(&self, conn: &mut Connection, force: bool) -> Result<Option<LockHolder>> {
        self.bind(conn);
        let t = Instant::now();
        let holder = lock::unlock(conn, force, self.options.lock).await?;
        if let Some(h) = &holder {
            history::ensure(conn).await?;
            let detail = format!("cleared the lock of {h}{}", if force { " (forced)" } else { "" });
            record_audit(conn, "unlock", None, None, "ok", Some(detail), t).await?;
        }
        Ok(holder)
    }

    /// The history rows and the audit trail.
    pub async fn history(&self, conn: &mut Connection) -> Result<(Vec<HistoryRow>, Vec<history::AuditRow>)> {
        self.bind(conn);
        let mut rows = history::rows(conn).await?;
        rows.sort_by_key(|r| r.id);
        Ok((rows, history::audit_rows(conn).await?))
    }
}

/// The history row of a migration recorded as applied without running (`baseline`,
/// `resolve`), saying which command recorded it.
fn recorded_without_running<'a>(p: &'a Prepared<'_>, batch: i64, by: &str) -> NewRow<'a> {
    NewRow {
        version: p.m.version,
        name: &p.m.name,
        checksum: &p.m.checksum,
        status: status::APPLIED,
        execution_ms: 0,
        batch,
        error_message: Some(format!("{by}: recorded as applied without running")),
        progress: None,
        down_sql: p.down.as_ref().ok().and_then(Work::sql_text),
        statement_checksums: None,
    }
}

/// [`Migrator::resolve`] under the lock, with the history as read under it.
async fn resolve_locked(
    conn: &mut Connection,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    version: u64,
    resolution: Resolution,
) -> Result<()> {
    let Some(row) = rows.iter().find(|r| r.version == version) else {
        return resolve_pending(conn, prepared, rows, version, resolution).await;
    };
    if row.status == status::APPLIED || row.status == status::ROLLED_BACK {
        return Err(Error::Config(format!(
            "V{version} {} is {}, not failed or interrupted: nothing to resolve",
            row.name, row.status
        )));
    }
    let t = Instant::now();
    let h = conn.history_sql();
    let (new_status, word) = match resolution {
        Resolution::Applied => (status::APPLIED, "applied"),
        Resolution::RolledBack => (status::ROLLED_BACK, "rolled back"),
    };
    let mut values: Vec<(&'static str, SimpleExpr)> =
        vec![("status", new_status.into()), ("progress", Expr::val(Option::<i32>::None))];
    if let Some(p) = prepared.iter().find(|p| p.m.version == version) {
        values.push(("checksum", p.m.checksum.clone().into()));
    }
    exec(conn, &h.update(version, values)).await?;
    let detail = format!("marked {word} by hand (was {})", row.status);
    record_audit(conn, "resolve", Some(version), Some(&row.name), "ok", Some(detail), t).await
}

/// `resolve V --applied` for a migration with no history row: its changes were made by
/// hand (or the database they were generated from already has them), so it is recorded
/// as applied, in a batch of its own, without running.
async fn resolve_pending(
    conn: &mut Connection,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    version: u64,
    resolution: Resolution,
) -> Result<()> {
    let p = prepared.iter().find(|p| p.m.version == version).ok_or_else(|| {
        Error::Config(format!("V{version} has no row in the history and is not an available migration"))
    })?;
    if resolution == Resolution::RolledBack {
        return Err(Error::Config(format!(
            "V{version} {} was never applied: there is nothing to roll back or resolve",
            p.m.name
        )));
    }
    let t = Instant::now();
    let h = conn.history_sql();
    let row = recorded_without_running(p, rows.iter().map(|r| r.batch).max().unwrap_or(0) + 1, "resolve");
    exec(conn, &h.insert(&row)).await?;
    let detail = "marked applied by hand (was pending)".to_owned();
    record_audit(conn, "resolve", Some(version), Some(&p.m.name), "ok", Some(detail), t).await
}

/// Release the lock after `result`, whatever it was; the first error wins. After an error
/// the session may still be inside a transaction (an aborted one on PostgreSQL): it is
/// rolled back first, so that the lock row's DELETE is not lost with it.
async fn released<T>(conn: &mut Connection, result: Result<T>) -> Result<T> {
    if result.is_err() {
        conn.abandon_transaction().await;
    }
    let release = lock::release(conn).await;
    match (result, release) {
        (Ok(v), Ok(())) => Ok(v),
        (Err(e), _) | (Ok(_), Err(e)) => Err(e),
    }
}

fn available_of<'m>(prepared: &[Prepared<'m>]) -> Vec<&'m Migration> {
    prepared.iter().map(|p| p.m).collect()
}

fn render_error(r: &RustMigration, source: migrate_schema::RenderError) -> Error {
    match source {
        migrate_schema::RenderError::Schema(source) => Error::Schema {
            version: r.version,
            name: r.name.to_owned(),
            location: r.location(),
            source: Box::new(source),
        },
        source => Error::Render {
            version: r.version,
            name: r.name.to_owned(),
            location: r.location(),
            source: Box::new(source),
        },
    }
}

fn statements_work(statements: impl Iterator<Item = String>) -> Work {
    Work::Steps(statements.map(|sql| Step::Execute(Statement { sql, values: sea_query::Values(Vec::new()) })).collect())
}

fn pending<'p, 'm>(prepared: &'p [Prepared<'m>], rows: &[HistoryRow], target: UpTarget) -> Vec<&'p Prepared<'m>> {
    let mut todo: Vec<&Prepared<'m>> = prepared
        .iter()
        .filter(|p| !is_applied(rows, p.m.version))
        .filter(|p| target.to.is_none_or(|to| p.m.version <= to))
        .collect();
    if let Some(n) = target.step {
        todo.truncate(n);
    }
    todo
}

/// How to roll back `row`: the available migration's down, else the down SQL recorded
/// when it was applied.
/// What `down` would roll back, each with its work, newest first.
fn down_planned(
    dialect: Dialect,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    target: DownTarget,
) -> Result<Vec<(Planned, Work)>> {
    let mut out = Vec::new();
    for row in down_targets(rows, target) {
        let work = down_work(dialect, prepared, row)?;
        let planned = Planned {
            version: row.version,
            name: row.name.clone(),
            kind: prepared.iter().find(|p| p.m.version == row.version).map_or(Kind::Sql, |p| p.m.kind),
            transaction: dialect != Dialect::MySql,
            statements: work.statements(),
            risks: Vec::new(),
            problems: Vec::new(),
        };
        out.push((planned, work));
    }
    Ok(out)
}

fn down_work(dialect: Dialect, prepared: &[Prepared<'_>], row: &HistoryRow) -> Result<Work> {
    let irreversible = |reason: String| Error::Irreversible { version: row.version, name: row.name.clone(), reason };
    match prepared.iter().find(|p| p.m.version == row.version) {
        Some(p) => match &p.down {
            Ok(Work::Steps(steps)) => Ok(Work::Steps(steps.clone())),
            Ok(Work::Async(f)) => Ok(Work::Async(*f)),
            Ok(Work::Nothing) => Ok(Work::Nothing),
            Err(reason) => Err(irreversible(reason.clone())),
        },
        None => match &row.down_sql {
            Some(sql) => {
                let statements =
                    split(sql, dialect).map_err(|e| irreversible(format!("its recorded down SQL: {e}")))?;
                Ok(statements_work(statements.into_iter().map(|s| s.sql)))
            }
            None => Err(irreversible("it is not available and its history row has no down SQL".into())),
        },
    }
}

async fn exec(conn: &mut Connection, s: &Statement) -> Result<()> {
    conn.execute_statement(s).await.map(|_| ()).map_err(Error::db("writing the history"))
}

async fn record_audit(
    conn: &mut Connection,
    action: &'static str,
    version: Option<u64>,
    name: Option<&str>,
    outcome: &'static str,
    detail: Option<String>,
    started: Instant,
) -> Result<()> {
    let entry = Audit { action, version, name, outcome, detail, duration_ms: millis(started) };
    let h = conn.history_sql();
    exec(conn, &h.audit(&entry)).await
}

fn millis(started: Instant) -> i64 {
    i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX)
}

/// The text of each step, as the history counts statements (one per step).
fn step_texts(steps: &[Step]) -> Vec<String> {
    steps.iter().map(|s| s.preview().join(";\n")).collect()
}
