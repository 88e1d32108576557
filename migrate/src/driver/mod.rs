//! Database drivers over sqlx: one connection type for the three dialects, with small
//! verbs (execute, run a rendered step, transaction control). Dialect-specific SQL the
//! runtime needs (catalog lookups) lives in one file per dialect.

mod mysql;
mod postgres;
pub(crate) mod sqlite;

use migrate_schema::{Dialect, Statement, Step};
use sea_query_sqlx::SqlxValues;
use sqlx::{AssertSqlSafe, Connection as _};

/// A live connection to one of the supported databases.
pub enum Connection {
    /// PostgreSQL.
    Postgres(Handle<sqlx::Postgres>),
    /// MySQL or MariaDB.
    MySql(Handle<sqlx::MySql>),
    /// SQLite.
    Sqlite(Handle<sqlx::Sqlite>),
}

/// An sqlx connection of its own, or one borrowed from the application's pool (which gets
/// it back when the [`Connection`] is dropped or closed). Dereferences to the sqlx
/// connection.
pub struct Handle<DB: sqlx::Database>(Held<DB>, std::sync::Arc<crate::history::Tables>);

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
pool_database!(sqlx::Postgres, Postgres);
pool_database!(sqlx::MySql, MySql);
pool_database!(sqlx::Sqlite, Sqlite);

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
            Connection::Postgres($c) => $body,
            Connection::MySql($c) => $body,
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
            Dialect::Postgres => Connection::Postgres(Handle::own(
                sqlx::PgConnection::connect(url).await.map_err(crate::Error::db(context()))?,
            )),
            Dialect::MySql => {
                Connection::MySql(Handle::own(mysql::connect(url).await.map_err(crate::Error::db(context()))?))
            }
            Dialect::Sqlite => {
                Connection::Sqlite(Handle::own(sqlite::connect(url).await.map_err(crate::Error::db(context()))?))
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
        let tables = std::sync::Arc::new(crate::history::Tables::named(name)?);
        each!(self, c => c.1 = tables);
        Ok(())
    }

    /// The names of the tool's own tables on this connection.
    pub fn tables(&self) -> std::sync::Arc<crate::history::Tables> {
        each!(self, c => c.1.clone())
    }

    pub(crate) fn set_tables(&mut self, tables: std::sync::Arc<crate::history::Tables>) {
        each!(self, c => c.1 = tables);
    }

    /// The statements writing this connection's history and audit rows.
    pub(crate) fn history_sql(&self) -> crate::history::Sql {
        crate::history::Sql { dialect: self.dialect(), tables: self.tables() }
    }

    /// The dialect of the connected database.
    pub fn dialect(&self) -> Dialect {
        match self {
            Connection::Postgres(_) => Dialect::Postgres,
            Connection::MySql(_) => Dialect::MySql,
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

    /// Every row of `sql` (the tool's own queries), decoded as `T` whatever the database.
    pub(crate) async fn fetch_all<T>(&mut self, sql: &str) -> Result<Vec<T>, sqlx::Error>
    where
        T: Send
            + Unpin
            + for<'r> sqlx::FromRow<'r, sqlx::postgres::PgRow>
            + for<'r> sqlx::FromRow<'r, sqlx::mysql::MySqlRow>
            + for<'r> sqlx::FromRow<'r, sqlx::sqlite::SqliteRow>,
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
                let triggers = match self {
                    Connection::Sqlite(c) => sqlite::triggers_of(c, &r.table).await.map_err(|source| StepError {
                        sql: format!("reading the triggers of `{}`", r.table),
                        source,
                    })?,
                    _ => Vec::new(),
                };
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
        if let Connection::Sqlite(c) = self {
            check_sqlite_foreign_keys(c).await?;
        }
        Ok(())
    }

    /// Start a transaction (SQLite: with foreign-key enforcement switched off first, and
    /// `IMMEDIATE`, taking the write lock now rather than failing to upgrade later).
    pub async fn begin(&mut self) -> Result<(), StepError> {
        if let Connection::Sqlite(_) = self {
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
        match self {
            // SAVEPOINT is refused outside a transaction block, and by an aborted one.
            Connection::Postgres(_) => match self.execute("SAVEPOINT migrate_in_transaction").await {
                Ok(_) => {
                    self.execute("RELEASE SAVEPOINT migrate_in_transaction").await?;
                    Ok(true)
                }
                Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("25P01") => Ok(false),
                Err(sqlx::Error::Database(_)) => Ok(true),
                Err(e) => Err(e),
            },
            Connection::MySql(_) => {
                Ok(self.fetch_all::<(i64,)>("SELECT @@in_transaction").await?.first().is_some_and(|r| r.0 != 0))
            }
            // BEGIN is refused inside a transaction; outside, the one it opens is closed again.
            Connection::Sqlite(_) => match self.execute("BEGIN").await {
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
        if let Connection::Sqlite(_) = self {
            self.exec_control("PRAGMA foreign_keys = ON").await?;
        }
        Ok(())
    }

    async fn exec_control(&mut self, sql: &str) -> Result<(), StepError> {
        self.execute(sql).await.map(|_| ()).map_err(|source| StepError { sql: sql.to_owned(), source })
    }

    /// Whether a table called `name` exists (in the current schema / database).
    pub async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error> {
        match self {
            Connection::Postgres(c) => postgres::table_exists(c, name).await,
            Connection::MySql(c) => mysql::table_exists(c, name).await,
            Connection::Sqlite(c) => sqlite::table_exists(c, name).await,
        }
    }

    /// Drop every table, view, sequence and enum type of the current schema or database
    /// except the tool's audit and lock tables, and empty the history table. Returns what
    /// was dropped.
    pub async fn drop_everything(&mut self) -> crate::Result<Vec<String>> {
        let own = self.tables();
        let keep = [own.audit.as_str(), own.lock.as_str()];
        let context = "dropping everything (fresh)";
        let objects = match self {
            Connection::Postgres(c) => postgres::objects(c).await,
            Connection::MySql(c) => mysql::objects(c).await,
            Connection::Sqlite(c) => sqlite::objects(c).await,
        }
        .map_err(crate::Error::db(context))?;
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

/// Fail when any foreign key of the SQLite database is broken (enforcement is off while
/// a migration runs).
pub(crate) async fn check_sqlite_foreign_keys(c: &mut sqlx::SqliteConnection) -> Result<(), StepError> {
    sqlite::check_foreign_keys(c).await
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
