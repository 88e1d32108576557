//! PostgreSQL catalog lookups.

use sqlx::PgConnection;

pub(crate) async fn table_exists(c: &mut PgConnection, name: &str) -> Result<bool, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1)",
    )
    .bind(name)
    .fetch_one(c)
    .await
}
