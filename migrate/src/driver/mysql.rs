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
