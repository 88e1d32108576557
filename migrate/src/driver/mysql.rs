//! MySQL / MariaDB: connecting as the database's own client does, catalog lookups,
//! introspection, and the migration lock as a named lock of the session.

use super::Backend;
use crate::error::{Error, Result};
use crate::tables::Tables;
use migrate_schema::SchemaModel;
use sqlx::{ConnectOptions, MySqlConnection};

impl Backend for MySqlConnection {
    const SERVER_LOCK: bool = true;

    async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error> {
        let n: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
        )
        .bind(name)
        .fetch_one(self)
        .await?;
        Ok(n > 0)
    }

    /// Views and tables of the current database.
    async fn objects(&mut self) -> Result<Vec<(String, String)>, sqlx::Error> {
        sqlx::query_as(
            "SELECT CAST(IF(table_type = 'VIEW', 'VIEW', 'TABLE') AS char), CAST(table_name AS char) \
             FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_type = 'VIEW' DESC, table_name",
        )
        .fetch_all(self)
        .await
    }

    async fn introspect(&mut self, own: &Tables) -> Result<SchemaModel, sqlx::Error> {
        crate::introspect::mysql::introspect(self, own).await
    }

    async fn try_server_lock(&mut self, tables: &Tables) -> Result<bool> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT GET_LOCK({}, 0)", tables.mysql_lock_name()));
        let got: Option<i64> =
            sqlx::query_scalar(sql).fetch_one(self).await.map_err(Error::db("taking the migration lock"))?;
        match got {
            Some(1) => Ok(true),
            Some(_) => Ok(false),
            None => Err(Error::Lock("GET_LOCK returned NULL (the server could not create the lock)".into())),
        }
    }

    async fn release_server_lock(&mut self, tables: &Tables) -> Result<()> {
        let sql = sqlx::AssertSqlSafe(format!("SELECT RELEASE_LOCK({})", tables.mysql_lock_name()));
        sqlx::query(sql).execute(self).await.map(|_| ()).map_err(Error::db("releasing the migration lock"))
    }

    async fn server_lock_held(&mut self, tables: &Tables) -> Result<bool> {
        Ok(lock_holder_session(self, tables).await?.is_some())
    }

    async fn end_lock_holder(&mut self, tables: &Tables) -> Result<()> {
        if let Some(id) = lock_holder_session(self, tables).await? {
            let kill = sqlx::AssertSqlSafe(format!("KILL CONNECTION {id}"));
            sqlx::query(kill).execute(self).await.map_err(Error::db("terminating the lock holder's session"))?;
        }
        Ok(())
    }
}

/// The id of the session holding the named lock, if any.
async fn lock_holder_session(c: &mut MySqlConnection, tables: &Tables) -> Result<Option<i64>> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT IS_USED_LOCK({})", tables.mysql_lock_name()));
    sqlx::query_scalar(sql).fetch_one(c).await.map_err(Error::db("looking at the server lock"))
}

/// A connection whose session is the one the `mysql`/`mariadb` client gets: the server's
/// `sql_mode` and `time_zone`, not sqlx's additions (`PIPES_AS_CONCAT` would make `a || b`
/// a concatenation instead of a logical OR; `time_zone = '+00:00'` would change what
/// `NOW()` stores in a `DATETIME`; `NO_ENGINE_SUBSTITUTION` would turn the server's
/// warning into an error).
pub(super) async fn connect(url: &str) -> Result<MySqlConnection, sqlx::Error> {
    let options: sqlx::mysql::MySqlConnectOptions = url.parse()?;
    options.pipes_as_concat(false).timezone(None).no_engine_substitution(false).connect().await
}
