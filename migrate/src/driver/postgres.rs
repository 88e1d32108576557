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

/// Views, tables, sequences and enum types of the current schema, in an order that drops cleanly.
pub(crate) async fn objects(c: &mut PgConnection) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT kind, name FROM ( \
           SELECT 1 AS o, 'MATERIALIZED VIEW' AS kind, matviewname::text AS name FROM pg_matviews WHERE schemaname = current_schema() \
           UNION ALL SELECT 2, 'VIEW', viewname::text FROM pg_views WHERE schemaname = current_schema() \
           UNION ALL SELECT 3, 'TABLE', tablename::text FROM pg_tables WHERE schemaname = current_schema() \
           UNION ALL SELECT 4, 'SEQUENCE', c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace \
             WHERE n.nspname = current_schema() AND c.relkind = 'S' \
             AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.objid = c.oid AND d.deptype IN ('a', 'i')) \
           UNION ALL SELECT 5, 'TYPE', t.typname::text FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace \
             WHERE n.nspname = current_schema() AND t.typtype = 'e' \
         ) o ORDER BY o, name",
    )
    .fetch_all(c)
    .await
}
