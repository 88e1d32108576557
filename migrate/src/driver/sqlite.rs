//! SQLite: connecting (creating the file), triggers for table rebuilds, and the
//! foreign-key check that replaces enforcement while a migration runs.

use super::{Backend, StepError};
use crate::tables::Tables;
use migrate_schema::SchemaModel;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

/// SQLite has no server: the lock row is the lock, taken by inserting it (see `lock`).
impl Backend for SqliteConnection {
    const SERVER_LOCK: bool = false;

    async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_schema WHERE type = 'table' AND name = ?")
            .bind(name)
            .fetch_one(self)
            .await?;
        Ok(n > 0)
    }

    /// Views and tables (their indexes and triggers go with them).
    async fn objects(&mut self) -> Result<Vec<(String, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT upper(type), name FROM sqlite_schema WHERE type IN ('view', 'table') AND name NOT LIKE 'sqlite_%' \
             ORDER BY type = 'view' DESC, name",
        )
        .fetch_all(self)
        .await
    }

    async fn introspect(&mut self, own: &Tables) -> Result<SchemaModel, sqlx::Error> {
        crate::introspect::sqlite::introspect(self, own).await
    }

    async fn try_server_lock(&mut self, _: &Tables) -> crate::Result<bool> {
        Ok(true)
    }

    async fn release_server_lock(&mut self, _: &Tables) -> crate::Result<()> {
        Ok(())
    }

    async fn server_lock_held(&mut self, _: &Tables) -> crate::Result<bool> {
        Ok(true)
    }

    async fn end_lock_holder(&mut self, _: &Tables) -> crate::Result<()> {
        Ok(())
    }

    async fn wait_at_most(&mut self, timeout: Duration) -> Result<(), sqlx::Error> {
        let ms = u64::try_from(timeout.as_millis()).unwrap_or(u64::MAX).min(i32::MAX as u64);
        sqlx::raw_sql(sqlx::AssertSqlSafe(format!("PRAGMA busy_timeout = {ms}"))).execute(self).await.map(|_| ())
    }

    async fn check_foreign_keys(&mut self) -> Result<(), StepError> {
        check_foreign_keys(self).await
    }

    async fn triggers_of(&mut self, table: &str) -> Result<Vec<String>, sqlx::Error> {
        sqlx::query_scalar("SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = ? ORDER BY rowid")
            .bind(table)
            .fetch_all(self)
            .await
    }
}

/// Bumped by [`interrupt_running`]: a connection made before stops its statement.
static GENERATION: AtomicU64 = AtomicU64::new(0);

/// Interrupt the statement every SQLite connection opened so far is running (Ctrl-C): it
/// fails with `interrupted` at its next progress check instead of running to its end, so
/// the process can roll back and release the lock now. Connections opened afterwards are
/// not affected.
#[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
pub(super) fn interrupt_running() {
    GENERATION.fetch_add(1, Ordering::SeqCst);
}

/// Connect (creating the file), with foreign keys on and a progress handler that lets
/// [`interrupt_running`] stop a long statement (`sqlite3_interrupt` through sqlx's safe API).
pub(crate) async fn connect(url: &str) -> Result<SqliteConnection, sqlx::Error> {
    let mut c = SqliteConnectOptions::from_str(url)?.create_if_missing(true).foreign_keys(true).connect().await?;
    let born = GENERATION.load(Ordering::SeqCst);
    c.lock_handle().await?.set_progress_handler(1000, move || GENERATION.load(Ordering::Relaxed) == born);
    Ok(c)
}

async fn check_foreign_keys(c: &mut SqliteConnection) -> Result<(), StepError> {
    const CHECK: &str = "PRAGMA foreign_key_check";
    let rows: Vec<(String, Option<i64>, String)> =
        sqlx::query_as("SELECT \"table\", rowid, parent FROM pragma_foreign_key_check")
            .fetch_all(c)
            .await
            .map_err(|source| StepError { sql: CHECK.to_owned(), source })?;
    match rows.first() {
        None => Ok(()),
        Some((table, rowid, parent)) => Err(StepError {
            sql: CHECK.to_owned(),
            source: sqlx::Error::Protocol(format!(
                "foreign key violation: {} row(s) break a foreign key, e.g. row {} of `{table}` has no parent in `{parent}`",
                rows.len(),
                rowid.map_or_else(|| "?".to_owned(), |r| r.to_string())
            )),
        }),
    }
}
