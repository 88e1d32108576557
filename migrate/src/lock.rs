//! The migration lock: any number of `migrate` processes, on any number of hosts, take
//! it before touching the schema, so each migration is applied exactly once.
//!
//! - PostgreSQL: a session-level `pg_try_advisory_lock`, polled with back-off on the
//!   migration's own connection (a direct connection, never a pooled one).
//! - MySQL/MariaDB: `GET_LOCK` named after the database, its result checked.
//! - SQLite: a row in the lock table (`schema_migrations_lock`) whose primary key the database enforces.
//!
//! Every holder also writes who it is (host, process, since) to `schema_migrations_lock`,
//! which `status` shows. The server releases advisory locks when a session ends; a SQLite
//! row left by a process that died on this host is taken over, and one older than the
//! stale threshold (30 minutes by default) is reported so that `unlock --force` can clear it.

use crate::actor::host;
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{build, lock_table_sql};
use crate::tables::Tables;
use migrate_schema::Dialect;
use migrate_schema::Statement;
use sea_query::{Alias, Expr, ExprTrait, Query};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

/// Remember on `conn` the schema (database) its tables are in, for the statements written
/// after a migration may have moved the session.
async fn locate(conn: &mut Connection) -> Result<()> {
    if conn.tables().schema.is_some() {
        return Ok(());
    }
    let sql = match conn.dialect() {
        Dialect::Postgres => "SELECT current_schema()::text",
        Dialect::MySql => "SELECT CAST(DATABASE() AS char)",
        Dialect::Sqlite => "SELECT 'main'",
    };
    let found: Vec<(Option<String>,)> = conn.fetch_all(sql).await.map_err(Error::db("reading the current schema"))?;
    if let Some((Some(schema),)) = found.into_iter().next() {
        let mut tables = (*conn.tables()).clone();
        tables.schema = Some(schema);
        conn.set_tables(std::sync::Arc::new(tables));
    }
    Ok(())
}

/// Who holds the lock.
#[derive(Debug, Clone, serde::Serialize)]
pub struct LockHolder {
    /// Host name of the holder.
    pub host: String,
    /// Its process id.
    pub pid: i64,
    /// Since when, as the database prints it.
    pub since: String,
    /// How long ago, in seconds.
    pub age_secs: i64,
    /// Whether it is older than the stale threshold.
    pub stale: bool,
    #[serde(skip)]
    token: String,
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "process {} on {} since {}", self.pid, self.host, self.since)?;
        if self.stale {
            write!(f, " (stale: held for {} minutes)", self.age_secs / 60)?;
        }
        Ok(())
    }
}

/// How long to wait for the lock, and when a held lock counts as stale.
#[derive(Debug, Clone, Copy)]
pub struct LockOptions {
    /// Give up after this long.
    pub timeout: Duration,
    /// A lock held longer than this is reported as stale.
    pub stale_after: Duration,
}

impl Default for LockOptions {
    fn default() -> Self {
        Self { timeout: Duration::from_secs(60), stale_after: Duration::from_secs(30 * 60) }
    }
}

/// This process's lock token: host, pid and start time.
pub(crate) fn token() -> &'static str {
    static TOKEN: OnceLock<String> = OnceLock::new();
    TOKEN.get_or_init(|| {
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
        format!("{}:{}:{nanos}", host(), std::process::id())
    })
}

fn now_sql(dialect: Dialect) -> &'static str {
    match dialect {
        Dialect::Postgres => "now()",
        Dialect::MySql => "NOW(6)",
        Dialect::Sqlite => "strftime('%Y-%m-%d %H:%M:%f', 'now')",
    }
}

/// Take the lock, waiting with back-off up to `options.timeout`. On SQLite, where another
/// process's write transaction makes every write wait for the busy timeout (5 s), the wait
/// for the lock row is bounded by `options.timeout` instead.
pub(crate) async fn acquire(conn: &mut Connection, options: LockOptions) -> Result<()> {
    let busy = crate::driver::BUSY_TIMEOUT;
    conn.wait_at_most(options.timeout.min(busy)).await.map_err(Error::db("setting the busy timeout"))?;
    let result = acquire_within(conn, options).await;
    let restored = conn.wait_at_most(busy).await;
    if result.is_ok() {
        restored.map_err(Error::db("setting the busy timeout"))?;
    }
    result
}

async fn acquire_within(conn: &mut Connection, options: LockOptions) -> Result<()> {
    locate(conn).await?;
    let started = Instant::now();
    let mut pause = Duration::from_millis(10);
    let dialect = conn.dialect();
    let tables = conn.tables();
    // SQLite serialises the CREATE; on PostgreSQL and MySQL concurrent CREATE TABLE IF NOT
    // EXISTS can collide, so there the table is created under the server lock.
    loop {
        let created = match dialect {
            Dialect::Sqlite => match conn.execute(&lock_table_sql(dialect, &tables)).await {
                Ok(_) => true,
                // Another process is writing: wait as for a held lock.
                Err(sqlx::Error::Database(e)) if e.message().contains("locked") => false,
                Err(e) => return Err(Error::db("creating the lock table")(e)),
            },
            _ => true,
        };
        if created && try_acquire(conn).await? {
            if conn.has_server_lock() {
                conn.execute(&lock_table_sql(dialect, &tables)).await.map_err(Error::db("creating the lock table"))?;
                record_holder(conn).await?;
            }
            return Ok(());
        }
        let holder = holder(conn, options).await?;
        if let Some(h) = &holder {
            if dialect == Dialect::Sqlite && h.host == host() && !process_alive(h.pid) {
                eprintln!("note: taking over the migration lock left by process {} (no longer running)", h.pid);
                release_token(conn, &h.token).await?;
                continue;
            }
            if h.stale {
                return Err(Error::Lock(format!(
                    "the migration lock is held by {h}; if that process is gone, run `migrate unlock --force`"
                )));
            }
        }
        if started.elapsed() >= options.timeout {
            let who = holder.map_or_else(|| "another process".to_owned(), |h| h.to_string());
            return Err(Error::Lock(format!(
                "could not take the migration lock within {} s: it is held by {who} (raise --lock-timeout to wait longer)",
                options.timeout.as_secs()
            )));
        }
        tokio::time::sleep(pause.min(options.timeout.saturating_sub(started.elapsed()))).await;
        pause = (pause * 2).min(Duration::from_millis(500));
    }
}

async fn try_acquire(conn: &mut Connection) -> Result<bool> {
    if conn.has_server_lock() {
        return conn.try_server_lock().await;
    }
    let tables = conn.tables();
    match conn.execute_statement(&holder_row(conn.dialect(), &tables)).await {
        Ok(_) => Ok(true),
        Err(sqlx::Error::Database(e)) if e.is_unique_violation() || e.message().contains("locked") => Ok(false),
        Err(e) => Err(Error::db("taking the migration lock")(e)),
    }
}

/// The `INSERT` of this process's row into the lock table, values bound.
fn holder_row(dialect: Dialect, tables: &Tables) -> Statement {
    let stmt = Query::insert()
        .into_table(tables.at(&tables.lock))
        .columns(["id", "token", "host", "pid", "since"].map(Alias::new))
        .values_panic([
            1i32.into(),
            token().into(),
            host().into(),
            i64::from(std::process::id()).into(),
            Expr::cust(now_sql(dialect)),
        ])
        .to_owned();
    build(dialect, &stmt)
}

/// PostgreSQL and MySQL: write who holds the lock (the lock itself is the server's).
async fn record_holder(conn: &mut Connection) -> Result<()> {
    let context = "recording the lock holder";
    let tables = conn.tables();
    conn.execute(&format!("DELETE FROM {}", tables.quoted(conn.dialect(), &tables.lock)))
        .await
        .map_err(Error::db(context))?;
    conn.execute_statement(&holder_row(conn.dialect(), &tables)).await.map(|_| ()).map_err(Error::db(context))
}

/// Give the lock back. Errors are reported, never hidden, but the server releases
/// advisory locks anyway when the connection closes.
pub(crate) async fn release(conn: &mut Connection) -> Result<()> {
    release_token(conn, token()).await?;
    conn.release_server_lock().await
}

async fn release_token(conn: &mut Connection, token: &str) -> Result<()> {
    let stmt = Query::delete()
        .from_table(conn.tables().at(&conn.tables().lock))
        .and_where(Expr::col(Alias::new("token")).eq(token))
        .to_owned();
    conn.execute_statement(&build(conn.dialect(), &stmt))
        .await
        .map(|_| ())
        .map_err(Error::db("releasing the migration lock"))
}

/// Who holds the lock now, if anyone. On PostgreSQL and MySQL a holder row whose
/// session no longer holds the server lock is ignored (its process died).
pub(crate) async fn holder(conn: &mut Connection, options: LockOptions) -> Result<Option<LockHolder>> {
    let lock = conn.tables().lock.clone();
    if !conn.table_exists(&lock).await.map_err(Error::db("looking for the lock table"))? {
        return Ok(None);
    }
    let age = match conn.dialect() {
        Dialect::Postgres => "CAST(EXTRACT(EPOCH FROM now() - since) AS bigint)",
        Dialect::MySql => "CAST(TIMESTAMPDIFF(SECOND, since, NOW(6)) AS SIGNED)",
        Dialect::Sqlite => "CAST((julianday('now') - julianday(since)) * 86400 AS integer)",
    };
    let text = if conn.dialect() == Dialect::MySql { "char" } else { "text" };
    let sql = format!("SELECT token, host, pid, CAST(since AS {text}), {age} FROM {lock} WHERE id = 1");
    type Row = (String, String, i64, Option<String>, Option<i64>);
    let rows: Vec<Row> = conn.fetch_all(&sql).await.map_err(Error::db("reading the lock holder"))?;
    let Some((token, host, pid, since, age)) = rows.into_iter().next() else { return Ok(None) };
    if !conn.server_lock_held().await? {
        return Ok(None);
    }
    let age_secs = age.unwrap_or(0);
    let stale = u64::try_from(age_secs).is_ok_and(|a| a >= options.stale_after.as_secs());
    Ok(Some(LockHolder { host, pid, since: since.unwrap_or_default(), age_secs, stale, token }))
}

/// After Ctrl-C: end the session of this process that still holds the lock. A server runs
/// the statement it was sent to its end before it sees the connection gone, and keeps the
/// transaction and the lock until then; ended now, it rolls back and lets the lock go at
/// once. Only a lock this process holds (its token) is touched.
#[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
pub(crate) async fn end_own_session(conn: &mut Connection, options: LockOptions) -> Result<()> {
    match holder(conn, options).await? {
        Some(h) if h.token == token() && conn.has_server_lock() => conn.end_lock_holder().await,
        _ => Ok(()),
    }
}

/// Clear the lock. Without `force`, only a lock whose holder is gone or stale; with
/// `force`, any: on PostgreSQL and MySQL the holding session is terminated.
pub(crate) async fn unlock(conn: &mut Connection, force: bool, options: LockOptions) -> Result<Option<LockHolder>> {
    let Some(h) = holder(conn, options).await? else {
        let lock = conn.tables().lock.clone();
        if conn.table_exists(&lock).await.map_err(Error::db("looking for the lock table"))? {
            conn.execute(&format!("DELETE FROM {lock}")).await.map_err(Error::db("clearing the lock table"))?;
        }
        return Ok(None);
    };
    let dead = conn.dialect() == Dialect::Sqlite && h.host == host() && !process_alive(h.pid);
    if !force && !dead {
        return Err(Error::Lock(format!(
            "the migration lock is held by {h}; it may still be running. Use `unlock --force` to clear it anyway"
        )));
    }
    conn.end_lock_holder().await?;
    release_token(conn, &h.token).await?;
    Ok(Some(h))
}

/// Whether process `pid` runs on this machine (Linux `/proc`; elsewhere assumed alive).
fn process_alive(pid: i64) -> bool {
    if cfg!(target_os = "linux") { std::path::Path::new(&format!("/proc/{pid}")).exists() } else { true }
}

/// Release the lock after `result`, whatever it was; the first error wins. After an error
/// the session may still be inside a transaction (an aborted one on PostgreSQL): it is
/// rolled back first, so that the lock row's DELETE is not lost with it.
pub(crate) async fn released<T>(conn: &mut Connection, result: Result<T>) -> Result<T> {
    if result.is_err() {
        conn.abandon_transaction().await;
    }
    let release = release(conn).await;
    match (result, release) {
        (Ok(v), Ok(())) => Ok(v),
        (Err(e), _) | (Ok(_), Err(e)) => Err(e),
    }
}
