//! MySQL / MariaDB catalog lookups.

use sqlx::MySqlConnection;

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
