//! PostgreSQL: catalog lookups, introspection, and the migration lock as an advisory lock
//! of the session.

use super::Backend;
use crate::error::{Error, Result};
use crate::tables::Tables;
use migrate_schema::SchemaModel;
use sqlx::PgConnection;

impl Backend for PgConnection {
    const SERVER_LOCK: bool = true;

    async fn table_exists(&mut self, name: &str) -> Result<bool, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = $1)",
        )
        .bind(name)
        .fetch_one(self)
        .await
    }

    /// Views, tables, sequences and enum types of the current schema, in an order that drops cleanly.
    async fn objects(&mut self) -> Result<Vec<(String, String)>, sqlx::Error> {
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
        .fetch_all(self)
        .await
    }

    async fn introspect(&mut self, own: &Tables) -> Result<SchemaModel, sqlx::Error> {
        crate::introspect::postgres::introspect(self, own).await
    }

    async fn try_server_lock(&mut self, tables: &Tables) -> Result<bool> {
        sqlx::query_scalar("SELECT pg_try_advisory_lock($1)")
            .bind(tables.pg_lock_key())
            .fetch_one(self)
            .await
            .map_err(Error::db("taking the migration lock"))
    }

    async fn release_server_lock(&mut self, tables: &Tables) -> Result<()> {
        sqlx::query("SELECT pg_advisory_unlock($1)")
            .bind(tables.pg_lock_key())
            .execute(self)
            .await
            .map(|_| ())
            .map_err(Error::db("releasing the migration lock"))
    }

    async fn server_lock_held(&mut self, tables: &Tables) -> Result<bool> {
        sqlx::query_scalar(
            "SELECT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 AND objid = $1 \
             AND objsubid = 1 AND database = (SELECT oid FROM pg_database WHERE datname = current_database()))",
        )
        .bind(tables.pg_lock_key())
        .fetch_one(self)
        .await
        .map_err(Error::db("looking at the server lock"))
    }

    async fn end_lock_holder(&mut self, tables: &Tables) -> Result<()> {
        sqlx::query(
            "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND classid = 0 \
             AND objid = $1 AND objsubid = 1 AND pid <> pg_backend_pid() \
             AND database = (SELECT oid FROM pg_database WHERE datname = current_database())",
        )
        .bind(tables.pg_lock_key())
        .execute(self)
        .await
        .map(|_| ())
        .map_err(Error::db("terminating the lock holder's session"))
    }
}
