//! Database drivers over sqlx: one connection type for the three dialects, with small
//! verbs (execute, run a rendered step, transaction control). What differs between the
//! databases beyond the SQL the renderer writes (catalog lookups, introspection, the
//! server's lock) is the [`Backend`] trait, implemented once per database in its file, as
//! sqlx's `Migrate` is: adding a database is adding a file, a variant and a line of `each!`.

#[cfg(feature = "mysql")]
mod mysql;
#[cfg(feature = "postgres")]
mod postgres;
#[cfg(feature = "sqlite")]
pub(crate) mod sqlite;

use crate::tables::Tables;
use migrate_schema::{Dialect, SchemaModel, Statement, Step};
use sea_query_sqlx::SqlxValues;
use sqlx::{AssertSqlSafe, Connection as _};

/// How long a statement waits for another session's write lock (sqlx's SQLite default),
/// which the migration lock shortens while it waits.
pub(crate) const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

/// What one database does its own way, on its sqlx connection.
pub(crate) trait Backend {
    /// Whether the server keeps the migration lock for the session (PostgreSQL's advisory
    /// locks, MySQL's named locks); on SQLite the lock row is the lock.
    const SERVER_LOCK: bool;
    /// Whether `name` is a table of the current schema (database).
    async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error>;
    /// Every view, table and type of the current schema, in an order that drops cleanly.
    async fn objects(&mut self) -> Result<Vec<(String, String)>, sqlx::Error>;
    /// The schema as the catalog describes it, without the tool's own tables.
    async fn introspect(&mut self, own: &Tables) -> Result<SchemaModel, sqlx::Error>;
    /// Take the server's migration lock without waiting.
    async fn try_server_lock(&mut self, tables: &Tables) -> crate::Result<bool>;
    /// Give it back.
    async fn release_server_lock(&mut self, tables: &Tables) -> crate::Result<()>;
    /// Whether any session holds it.
    async fn server_lock_held(&mut self, tables: &Tables) -> crate::Result<bool>;
    /// End the session that holds it (`unlock --force`).
    async fn end_lock_holder(&mut self, tables: &Tables) -> crate::Result<()>;
    /// How long a statement waits for another session's write lock before it fails
    /// (SQLite's busy timeout; the servers wait for their own lock timeouts: nothing).
    async fn wait_at_most(&mut self, _timeout: std::time::Duration) -> Result<(), sqlx::Error> {
        Ok(())
    }
    /// Check every foreign key, where enforcement is off while migrations run (SQLite,
    /// whose table rebuilds need it off; the servers enforce them: nothing).
    async fn check_foreign_keys(&mut self) -> Result<(), StepError> {
        Ok(())
    }
    /// The `CREATE TRIGGER` statements of `table`, which a table rebuild recreates (only
    /// SQLite rebuilds tables: none elsewhere).
    async fn triggers_of(&mut self, _table: &str) -> Result<Vec<String>, sqlx::Error> {
        Ok(Vec::new())
    }
}

/// Rows of the tool's own queries decode on every database compiled in.
pub(crate) trait FromEveryRow: PgRow + MySqlRow + SqliteRow {}
impl<T: PgRow + MySqlRow + SqliteRow> FromEveryRow for T {}

macro_rules! row_of {
    ($name:ident, $feature:literal, $row:ty) => {
        #[cfg(feature = $feature)]
        pub(crate) trait $name: for<'r> sqlx::FromRow<'r, $row> {}
        #[cfg(feature = $feature)]
        impl<T: for<'r> sqlx::FromRow<'r, $row>> $name for T {}
        #[cfg(not(feature = $feature))]
        pub(crate) trait $name {}
        #[cfg(not(feature = $feature))]
        impl<T> $name for T {}
    };
}
row_of!(PgRow, "postgres", sqlx::postgres::PgRow);
row_of!(MySqlRow, "mysql", sqlx::mysql::MySqlRow);
row_of!(SqliteRow, "sqlite", sqlx::sqlite::SqliteRow);

#[cfg(not(any(feature = "postgres", feature = "mysql", feature = "sqlite")))]
compile_error!("migrate needs at least one of its database features: postgres, mysql, sqlite");

/// Interrupt the statements running on the connections opened so far (Ctrl-C): SQLite's
/// run in this process, which would otherwise finish before the lock could be released;
/// a server's session ends with its connection anyway.
#[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
pub(crate) fn interrupt_running() {
    #[cfg(feature = "sqlite")]
    sqlite::interrupt_running();
}

/// The cargo feature of `dialect`'s driver.
fn feature_of(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "postgres",
        Dialect::MySql => "mysql",
        Dialect::Sqlite => "sqlite",
    }
}

/// A live connection to one of the supported databases.
pub enum Connection {
    /// PostgreSQL (the `postgres` feature).
    #[cfg(feature = "postgres")]
    Postgres(Handle<sqlx::Postgres>),
    /// MySQL or MariaDB (the `mysql` feature).
    #[cfg(feature = "mysql")]
    MySql(Handle<sqlx::MySql>),
    /// SQLite (the `sqlite` feature).
    #[cfg(feature = "sqlite")]
    Sqlite(Handle<sqlx::Sqlite>),
}

/// An sqlx connection of its own, or one borrowed from the application's pool (which gets
/// it back when the [`Connection`] is dropped or closed). Dereferences to the sqlx
/// connection.
pub struct Handle<DB: sqlx::Database>(Held<DB>, std::sync::Arc<crate::tables::Tables>);

enum Held<DB: sqlx::Database> {
    Own(DB::Connection),
    Pooled(sqlx::pool::PoolConnection<DB>),
}

impl<DB: sqlx::Database> std::ops::Deref for Handle<DB> {
    type Target = DB::Connection;

    fn deref(&self) -> &DB::Connection {
        match &self.0 {
            Held::Own(c) => c,
            Held::Pooled(c) => c,
        }
    }
}

impl<DB: sqlx::Database> std::ops::DerefMut for Handle<DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        match &mut self.0 {
            Held::Own(c) => c,
            Held::Pooled(c) => c,
        }
    }
}

impl<DB: sqlx::Database> Handle<DB> {
    /// A connection of its own.
    pub fn own(c: DB::Connection) -> Self {
        Handle(Held::Own(c), Default::default())
    }

    async fn close(self) -> Result<(), sqlx::Error> {
        match self.0 {
            Held::Own(c) => c.close().await,
            // Back to the pool.
            Held::Pooled(c) => {
                drop(c);
                Ok(())
            }
        }
    }

    /// Close it; a pooled connection is closed too rather than given back, since a run
    /// that failed may have left it inside a transaction or holding a session lock.
    async fn discard(self) {
        match self.0 {
            Held::Own(c) => {
                let _ = c.close().await;
            }
            Held::Pooled(mut c) => c.close_on_drop(),
        }
    }
}

/// What the library can run migrations on: a database URL, or an sqlx pool of the
/// application (one of its connections is borrowed for the run and given back).
pub trait Database {
    /// A [`Connection`] to it.
    fn connection(self) -> impl std::future::Future<Output = crate::Result<Connection>> + Send;
}

impl Database for &str {
    async fn connection(self) -> crate::Result<Connection> {
        Connection::connect(self).await
    }
}

impl Database for &String {
    async fn connection(self) -> crate::Result<Connection> {
        Connection::connect(self).await
    }
}

macro_rules! pool_database {
    ($db:ty, $variant:ident) => {
        impl Database for &sqlx::Pool<$db> {
            async fn connection(self) -> crate::Result<Connection> {
                let c = self.acquire().await.map_err(crate::Error::db("taking a connection from the pool"))?;
                Ok(Connection::$variant(Handle(Held::Pooled(c), Default::default())))
            }
        }
    };
}
#[cfg(feature = "postgres")]
pool_database!(sqlx::Postgres, Postgres);
#[cfg(feature = "mysql")]
pool_database!(sqlx::MySql, MySql);
#[cfg(feature = "sqlite")]
pool_database!(sqlx::Sqlite, Sqlite);

/// [`Backend::SERVER_LOCK`] of the database `_handle` connects to.
fn server_lock_of<DB: sqlx::Database>(_handle: &Handle<DB>) -> bool
where
    DB::Connection: Backend,
{
    <DB::Connection as Backend>::SERVER_LOCK
}

/// A statement that failed, and why.
#[derive(Debug)]
pub struct StepError {
    /// The SQL that failed.
    pub sql: String,
    /// The database's error.
    pub source: sqlx::Error,
}

impl std::fmt::Display for StepError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (message, details) = crate::error::database_parts(&self.source);
        write!(f, "{message} (statement: {}){details}", self.sql)
    }
}

impl std::error::Error for StepError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

macro_rules! each {
    ($self:expr, $c:ident => $body:expr) => {
        match $self {
            #[cfg(feature = "postgres")]
            Connection::Postgres($c) => $body,
            #[cfg(feature = "mysql")]
            Connection::MySql($c) => $body,
            #[cfg(feature = "sqlite")]
            Connection::Sqlite($c) => $body,
        }
    };
}

impl Connection {
    /// Connect to `url` (`postgres://`, `mysql://`, `sqlite://`).
    pub async fn connect(url: &str) -> crate::Result<Self> {
        let dialect = Dialect::from_url(url).ok_or_else(|| {
            crate::Error::Config(format!(
                "unsupported database URL `{}`: expected postgres://, mysql:// or sqlite://",
                redact(url)
            ))
        })?;
        let context = || format!("connecting to {}", redact(url));
        Ok(match dialect {
            #[cfg(feature = "postgres")]
            Dialect::Postgres => Connection::Postgres(Handle::own(
                sqlx::PgConnection::connect(url).await.map_err(crate::Error::db(context()))?,
            )),
            #[cfg(feature = "mysql")]
            Dialect::MySql => {
                Connection::MySql(Handle::own(mysql::connect(url).await.map_err(crate::Error::db(context()))?))
            }
            #[cfg(feature = "sqlite")]
            Dialect::Sqlite => {
                Connection::Sqlite(Handle::own(sqlite::connect(url).await.map_err(crate::Error::db(context()))?))
            }
            #[allow(unreachable_patterns)]
            missing => {
                return Err(crate::Error::Config(format!(
                    "this build of migrate has no {missing} driver: turn on its feature (`{}`) of the migrate \
                     dependency",
                    feature_of(missing)
                )));
            }
        })
    }

    /// Keep the history under `name` instead of `schema_migrations`; the audit, lock and
    /// kept-row tables are named after it (`<name>_audit`, ...). Names the CLI's
    /// `history_table` setting; [`Migrator::history_table`](crate::Migrator::history_table)
    /// sets it on the connections a migrator is given.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// let mut conn = migrate::Connection::connect("sqlite::memory:").await?;
    /// conn.set_history_table("app_migrations")?;
    /// assert_eq!(conn.tables().history(), "app_migrations");
    /// assert!(conn.set_history_table("app; DROP TABLE x").is_err());
    /// # Ok(()) }
    /// ```
    pub fn set_history_table(&mut self, name: &str) -> crate::Result<()> {
        let tables = std::sync::Arc::new(crate::tables::Tables::named(name)?);
        each!(self, c => c.1 = tables);
        Ok(())
    }

    /// The names of the tool's own tables on this connection.
    pub fn tables(&self) -> std::sync::Arc<crate::tables::Tables> {
        each!(self, c => c.1.clone())
    }

    pub(crate) fn set_tables(&mut self, tables: std::sync::Arc<crate::tables::Tables>) {
        each!(self, c => c.1 = tables);
    }

    /// The dialect of the connected database.
    pub fn dialect(&self) -> Dialect {
        match self {
            #[cfg(feature = "postgres")]
            Connection::Postgres(_) => Dialect::Postgres,
            #[cfg(feature = "mysql")]
            Connection::MySql(_) => Dialect::MySql,
            #[cfg(feature = "sqlite")]
            Connection::Sqlite(_) => Dialect::Sqlite,
        }
    }

    /// Execute SQL text (the text protocol: DDL, transaction control, user SQL).
    pub async fn execute(&mut self, sql: &str) -> Result<u64, sqlx::Error> {
        let sql = AssertSqlSafe(sql.to_owned());
        each!(self, c => Ok(sqlx::raw_sql(sql).execute(&mut **c).await?.rows_affected()))
    }

    /// Run several statements as one request (one call to sqlx's SQLite worker, one
    /// round trip elsewhere); how many rows they returned, together.
    pub(crate) async fn batch(&mut self, sql: &str) -> Result<usize, sqlx::Error> {
        let sql = AssertSqlSafe(sql.to_owned());
        each!(self, c => Ok(sqlx::raw_sql(sql).fetch_all(&mut **c).await?.len()))
    }

    /// Execute a rendered statement, binding its values.
    pub async fn execute_statement(&mut self, s: &Statement) -> Result<u64, sqlx::Error> {
        if s.values.0.is_empty() {
            return self.execute(&s.sql).await;
        }
        let sql = AssertSqlSafe(s.sql.clone());
        let values = SqlxValues(s.values.clone());
        each!(self, c => Ok(sqlx::query_with(sql, values).execute(&mut **c).await?.rows_affected()))
    }

    /// Execute a rendered statement, binding its values, without copying them.
    pub(crate) async fn execute_owned(&mut self, s: Statement) -> Result<u64, sqlx::Error> {
        let sql = AssertSqlSafe(s.sql);
        let values = SqlxValues(s.values);
        each!(self, c => Ok(sqlx::query_with(sql, values).execute(&mut **c).await?.rows_affected()))
    }

    /// Every row of a rendered query, its values bound, decoded as `T` whatever the database.
    pub(crate) async fn fetch_all_statement<T>(&mut self, s: &Statement) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin + FromEveryRow,
    {
        let sql = AssertSqlSafe(s.sql.clone());
        let values = SqlxValues(s.values.clone());
        each!(self, c => sqlx::query_as_with(sql, values).fetch_all(&mut **c).await)
    }

    /// How many rows a rendered query returns.
    pub(crate) async fn count_rows(&mut self, s: &Statement) -> Result<usize, sqlx::Error> {
        let sql = AssertSqlSafe(s.sql.clone());
        let values = SqlxValues(s.values.clone());
        each!(self, c => Ok(sqlx::query_with(sql, values).fetch_all(&mut **c).await?.len()))
    }

    /// Every row of `sql` (the tool's own queries), decoded as `T` whatever the database.
    pub(crate) async fn fetch_all<T>(&mut self, sql: &str) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send + Unpin + FromEveryRow,
    {
        let sql = AssertSqlSafe(sql.to_owned());
        each!(self, c => sqlx::query_as(sql).fetch_all(&mut **c).await)
    }

    /// Run one rendered step. A SQLite rebuild reads the table's triggers first so that
    /// it can recreate them.
    pub async fn run_step(&mut self, step: &Step) -> Result<(), StepError> {
        match step {
            Step::Execute(s) => {
                self.execute_statement(s).await.map_err(|source| StepError { sql: s.sql.clone(), source })?;
            }
            Step::Rebuild(r) => {
                let triggers = each!(self, c => Backend::triggers_of(&mut **c, &r.table).await)
                    .map_err(|source| StepError { sql: format!("reading the triggers of `{}`", r.table), source })?;
                for sql in r.statements(&triggers) {
                    self.execute(&sql).await.map_err(|source| StepError { sql: sql.clone(), source })?;
                }
            }
            _ => {}
        }
        Ok(())
    }

    /// Run `steps` in one transaction: all of them or, on PostgreSQL and SQLite, none.
    /// SQLite runs with foreign-key enforcement off (its table rebuild needs that) and
    /// checks every foreign key before committing.
    pub async fn run_in_transaction(&mut self, steps: &[Step]) -> Result<(), StepError> {
        self.begin().await?;
        let result = self.run_steps_checked(steps).await;
        match result {
            Ok(()) => self.commit().await,
            Err(e) => {
                let _ = self.rollback().await;
                Err(e)
            }
        }
    }

    async fn run_steps_checked(&mut self, steps: &[Step]) -> Result<(), StepError> {
        for step in steps {
            self.run_step(step).await?;
        }
        self.check_foreign_keys().await
    }

    /// Start a transaction (SQLite: with foreign-key enforcement switched off first, and
    /// `IMMEDIATE`, taking the write lock now rather than failing to upgrade later).
    pub async fn begin(&mut self) -> Result<(), StepError> {
        if self.dialect() == Dialect::Sqlite {
            self.exec_control("PRAGMA foreign_keys = OFF").await?;
            return self.exec_control("BEGIN IMMEDIATE").await;
        }
        self.exec_control("BEGIN").await
    }

    /// Commit the transaction.
    pub async fn commit(&mut self) -> Result<(), StepError> {
        self.exec_control("COMMIT").await?;
        self.restore_foreign_keys().await
    }

    /// Roll the transaction back.
    pub async fn rollback(&mut self) -> Result<(), StepError> {
        self.exec_control("ROLLBACK").await?;
        self.restore_foreign_keys().await
    }

    /// Whether the session is inside a transaction (an aborted one included), whoever
    /// opened it: a migration's own `BEGIN` is seen too, not only the tool's.
    pub(crate) async fn in_transaction(&mut self) -> Result<bool, sqlx::Error> {
        match self.dialect() {
            // SAVEPOINT is refused outside a transaction block, and by an aborted one.
            Dialect::Postgres => match self.execute("SAVEPOINT migrate_in_transaction").await {
                Ok(_) => {
                    self.execute("RELEASE SAVEPOINT migrate_in_transaction").await?;
                    Ok(true)
                }
                Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("25P01") => Ok(false),
                Err(sqlx::Error::Database(_)) => Ok(true),
                Err(e) => Err(e),
            },
            Dialect::MySql => {
                Ok(self.fetch_all::<(i64,)>("SELECT @@in_transaction").await?.first().is_some_and(|r| r.0 != 0))
            }
            // BEGIN is refused inside a transaction; outside, the one it opens is closed again.
            Dialect::Sqlite => match self.execute("BEGIN").await {
                Ok(_) => {
                    self.execute("ROLLBACK").await?;
                    Ok(false)
                }
                Err(sqlx::Error::Database(_)) => Ok(true),
                Err(e) => Err(e),
            },
        }
    }

    /// Roll back whatever transaction the session may be in, after an error, so that what
    /// follows (the failure's history row, releasing the lock) runs outside it; errors are
    /// ignored, since there may be no transaction at all.
    pub(crate) async fn abandon_transaction(&mut self) {
        if self.in_transaction().await.unwrap_or(true) {
            let _ = self.execute("ROLLBACK").await;
        }
        let _ = self.restore_foreign_keys().await;
    }

    async fn restore_foreign_keys(&mut self) -> Result<(), StepError> {
        if self.dialect() == Dialect::Sqlite {
            self.exec_control("PRAGMA foreign_keys = ON").await?;
        }
        Ok(())
    }

    async fn exec_control(&mut self, sql: &str) -> Result<(), StepError> {
        self.execute(sql).await.map(|_| ()).map_err(|source| StepError { sql: sql.to_owned(), source })
    }

    /// Whether a table called `name` exists (in the current schema / database).
    pub async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error> {
        each!(self, c => Backend::table_exists(&mut **c, name).await)
    }

    /// The schema of the connected database (PostgreSQL: the current schema; MySQL: the
    /// current database; SQLite: `main`), without the tool's own tables.
    pub async fn introspect(&mut self) -> crate::Result<SchemaModel> {
        let own = self.tables();
        let model = each!(self, c => Backend::introspect(&mut **c, &own).await);
        model.map_err(crate::Error::db("reading the database's schema"))
    }

    /// Whether the server keeps the migration lock (see [`Backend::SERVER_LOCK`]).
    pub(crate) fn has_server_lock(&self) -> bool {
        each!(self, c => server_lock_of(c))
    }

    /// [`Backend::try_server_lock`].
    pub(crate) async fn try_server_lock(&mut self) -> crate::Result<bool> {
        let tables = self.tables();
        each!(self, c => Backend::try_server_lock(&mut **c, &tables).await)
    }

    /// [`Backend::release_server_lock`].
    pub(crate) async fn release_server_lock(&mut self) -> crate::Result<()> {
        let tables = self.tables();
        each!(self, c => Backend::release_server_lock(&mut **c, &tables).await)
    }

    /// [`Backend::server_lock_held`].
    pub(crate) async fn server_lock_held(&mut self) -> crate::Result<bool> {
        let tables = self.tables();
        each!(self, c => Backend::server_lock_held(&mut **c, &tables).await)
    }

    /// [`Backend::wait_at_most`].
    pub(crate) async fn wait_at_most(&mut self, timeout: std::time::Duration) -> Result<(), sqlx::Error> {
        each!(self, c => Backend::wait_at_most(&mut **c, timeout).await)
    }

    /// [`Backend::check_foreign_keys`].
    pub(crate) async fn check_foreign_keys(&mut self) -> Result<(), StepError> {
        each!(self, c => Backend::check_foreign_keys(&mut **c).await)
    }

    /// [`Backend::end_lock_holder`].
    pub(crate) async fn end_lock_holder(&mut self) -> crate::Result<()> {
        let tables = self.tables();
        each!(self, c => Backend::end_lock_holder(&mut **c, &tables).await)
    }

    /// Drop every table, view, sequence and enum type of the current schema or database
    /// except the tool's audit and lock tables, and empty the history table. Returns what
    /// was dropped.
    pub async fn drop_everything(&mut self) -> crate::Result<Vec<String>> {
        let own = self.tables();
        let keep = [own.audit.as_str(), own.lock.as_str()];
        let context = "dropping everything (fresh)";
        let objects = each!(self, c => Backend::objects(&mut **c).await).map_err(crate::Error::db(context))?;
        let dialect = self.dialect();
        let quote = |name: &str| dialect.quote(name);
        let (before, after) = match dialect {
            Dialect::MySql => ("SET FOREIGN_KEY_CHECKS = 0", "SET FOREIGN_KEY_CHECKS = 1"),
            Dialect::Sqlite => ("PRAGMA foreign_keys = OFF", "PRAGMA foreign_keys = ON"),
            Dialect::Postgres => ("SELECT 1", "SELECT 1"),
        };
        self.execute(before).await.map_err(crate::Error::db(context))?;
        let mut dropped = Vec::new();
        let mut result = Ok(());
        for (kind, name) in objects.iter().filter(|(_, n)| !keep.contains(&n.as_str()) && *n != own.history) {
            let cascade = if dialect == Dialect::Postgres { " CASCADE" } else { "" };
            let sql = format!("DROP {kind} IF EXISTS {}{cascade}", quote(name));
            if let Err(e) = self.execute(&sql).await {
                result = Err(crate::Error::db(format!("{context}: {sql}"))(e));
                break;
            }
            dropped.push(format!("{} {name}", kind.to_lowercase()));
        }
        if result.is_ok() && self.table_exists(&own.history).await.map_err(crate::Error::db(context))? {
            let sql = format!("DELETE FROM {}", own.history);
            result = self.execute(&sql).await.map(|_| ()).map_err(crate::Error::db(context));
        }
        self.execute(after).await.map_err(crate::Error::db(context))?;
        result.map(|()| dropped)
    }

    /// Close the connection after an error: a pool's connection is closed, not given back.
    pub async fn discard(self) {
        each!(self, c => c.discard().await)
    }

    /// Close the connection cleanly (a pool's connection goes back to the pool).
    pub async fn close(self) -> Result<(), sqlx::Error> {
        each!(self, c => c.close().await)
    }
}

/// The URL without its password, for messages.
pub(crate) fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let userinfo = &url[scheme + 3..at];
            match userinfo.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &userinfo[..colon], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}
