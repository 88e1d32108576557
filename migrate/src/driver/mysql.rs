//! MySQL / MariaDB catalog lookups.

use sqlx::{ConnectOptions, MySqlConnection};

/// A connection whose session is the one the `mysql`/`mariadb` client gets: the server's
/// `sql_mode` and `time_zone`, not sqlx's additions (`PIPES_AS_CONCAT` would make `a || b`
/// a concatenation instead of a logical OR; `time_zone = '+00:00'` would change what
/// `NOW()` stores in a `DATETIME`; `NO_ENGINE_SUBSTITUTION` would turn the server's
/// warning into an error).
pub(crate) async fn connect(url: &str) -> Result<MySqlConnection, sqlx::Error> {
    let options: sqlx::mysql::MySqlConnectOptions = url.parse()?;
    options.pipes_as_concat(false).timezone(None).no_engine_substitution(false).connect().await
}

pub(crate) async fn table_exists(c: &mut MySqlConnection, name: &str) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE() AND table_name = ?",
    )
    .bind(name)
    .fetch_one(c)
    .await?;
    Ok(n > 0)
}

/// Views and tables of the current database.
pub(crate) async fn objects(c: &mut MySqlConnection) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT CAST(IF(table_type = 'VIEW', 'VIEW', 'TABLE') AS char), CAST(table_name AS char) \
         FROM information_schema.tables WHERE table_schema = DATABASE() ORDER BY table_type = 'VIEW' DESC, table_name",
    )
    .fetch_all(c)
    .await
}
