//! The history table `schema_migrations`, defined with the typed builder and rendered
//! like any migration, so each dialect gets its own types from one definition.

use crate::driver::Connection;
use crate::error::{Error, Result};
use migrate_schema::{Dialect, Schema, SchemaModel, Statement, TimestampTz, render_all};
use sea_query::{Alias, Query};

/// The history table's name.
pub(crate) const TABLE: &str = "schema_migrations";

/// One row of the history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct AppliedRow {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// Checksum when applied.
    pub checksum: String,
    /// `applied`, `failed`, ...
    pub status: String,
    /// Batch number.
    pub batch: i64,
    /// Duration in milliseconds.
    pub execution_ms: i64,
    /// When, as the database prints it.
    pub applied_at: String,
}

fn definition() -> Schema {
    let mut s = Schema::new();
    s.create_table(TABLE, |t| {
        t.id("id");
        t.column::<i64>("version").unique();
        t.column::<String>("name").max_len(255);
        t.column::<String>("checksum").max_len(64);
        t.column::<TimestampTz>("applied_at").default_now();
        t.column::<Option<String>>("applied_by").max_len(255);
        t.column::<i64>("execution_time").default(0);
        t.column::<String>("status").max_len(16);
        t.column::<Option<String>>("rollback_checksum").max_len(64);
        t.column::<i32>("batch");
        t.column::<Option<String>>("error_message");
        t.column::<Option<String>>("down_sql");
    });
    s
}

/// Create the table unless it exists.
pub(crate) async fn ensure(conn: &mut Connection) -> Result<()> {
    if conn.table_exists(TABLE).await.map_err(Error::db("looking for the history table"))? {
        return Ok(());
    }
    let plan = render_all(conn.dialect(), &SchemaModel::new(), definition().ops())
        .map_err(|e| Error::Config(format!("rendering the history table: {e}")))?;
    for step in &plan.steps {
        conn.run_step(step).await.map_err(|e| Error::Custom(format!("creating the history table: {e}")))?;
    }
    Ok(())
}

/// Every row, by version.
pub(crate) async fn applied(conn: &mut Connection) -> Result<Vec<AppliedRow>> {
    let applied_at = match conn.dialect() {
        Dialect::MySql => "CAST(applied_at AS char)",
        Dialect::Postgres | Dialect::Sqlite => "CAST(applied_at AS text)",
    };
    let sql = sqlx::AssertSqlSafe(format!(
        "SELECT version, name, checksum, status, execution_time, batch, {applied_at} FROM {TABLE} ORDER BY version"
    ));
    type Row = (i64, String, String, String, i64, i32, Option<String>);
    let rows: Vec<Row> = match conn {
        Connection::Postgres(c) => sqlx::query_as(sql).fetch_all(c).await,
        Connection::MySql(c) => sqlx::query_as(sql).fetch_all(c).await,
        Connection::Sqlite(c) => sqlx::query_as(sql).fetch_all(c).await,
    }
    .map_err(Error::db("reading the history table"))?;
    Ok(rows
        .into_iter()
        .map(|(version, name, checksum, status, execution_ms, batch, applied_at)| AppliedRow {
            version: u64::try_from(version).unwrap_or_default(),
            name,
            checksum,
            status,
            batch: batch.into(),
            execution_ms,
            applied_at: applied_at.unwrap_or_default(),
        })
        .collect())
}

/// The row recording that a migration was applied.
pub(crate) struct NewRow<'a> {
    pub(crate) version: u64,
    pub(crate) name: &'a str,
    pub(crate) checksum: &'a str,
    pub(crate) execution_ms: i64,
    pub(crate) batch: i64,
    pub(crate) down_sql: Option<String>,
}

/// The `INSERT` of `row`, with its values bound.
pub(crate) fn insert(dialect: Dialect, row: &NewRow<'_>) -> Statement {
    let applied_by = std::env::var("USER").or_else(|_| std::env::var("USERNAME")).ok();
    let insert = Query::insert()
        .into_table(Alias::new(TABLE))
        .columns(
            ["version", "name", "checksum", "applied_by", "execution_time", "status", "batch", "down_sql"]
                .map(Alias::new),
        )
        .values_panic([
            i64::try_from(row.version).unwrap_or(i64::MAX).into(),
            row.name.into(),
            row.checksum.into(),
            applied_by.into(),
            row.execution_ms.into(),
            "applied".into(),
            row.batch.into(),
            row.down_sql.clone().into(),
        ])
        .to_owned();
    let (sql, values) = match dialect {
        Dialect::Postgres => insert.build(sea_query::PostgresQueryBuilder),
        Dialect::MySql => insert.build(sea_query::MysqlQueryBuilder),
        Dialect::Sqlite => insert.build(sea_query::SqliteQueryBuilder),
    };
    Statement { sql, values }
}
