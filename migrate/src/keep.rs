//! Retention: before a migration drops a table or a column, its rows are copied into a
//! table of their own (`schema_migrations_kept_<version>_<n>_<time>`, listed in
//! `schema_migrations_kept`), in the migration's transaction where there is one. Rolling
//! the migration back puts the rows back once its down has recreated the table or column,
//! then drops the copy; `migrate backup purge --older-than` drops copies nobody came back for.
//!
//! A dropped column's values are matched to their rows by the table's primary key; a table
//! without one keeps nothing of a dropped column (the run says so).

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history;
use migrate_schema::{ColumnType, Dialect, Op, SchemaModel};
use sea_query::{Alias, Expr, ExprTrait, Query};

/// A copy to make before step `step` of a migration runs.
#[derive(Debug, Clone)]
pub(super) struct Keep {
    /// Index of the step that drops.
    pub(super) step: usize,
    /// The table dropped, or whose column is dropped.
    pub(super) table: String,
    /// The column dropped; `None` for the whole table.
    pub(super) column: Option<String>,
    /// Primary-key columns the values are matched by (a dropped column only).
    pub(super) key: Vec<String>,
    /// Columns copied.
    pub(super) columns: Vec<String>,
    /// The dropped table's or column's definition (JSON), so that a recovery can recreate it.
    pub(super) definition: String,
    /// Columns of enum and native types: copied as text on PostgreSQL, so that the copy
    /// does not keep alive a type the migration may drop.
    pub(super) as_text: Vec<String>,
}

impl Keep {
    /// What must be kept before `op` runs against `model`, if anything.
    pub(super) fn before(step: usize, model: &SchemaModel, op: &Op) -> Option<Keep> {
        match op {
            Op::DropTable { table } => {
                let t = model.table(table)?;
                let columns = t.columns.iter().map(|c| c.name.clone()).collect();
                let definition = serde_json::to_string(t).unwrap_or_default();
                let as_text = enum_columns(t);
                Some(Keep { step, table: table.clone(), column: None, key: Vec::new(), columns, definition, as_text })
            }
            Op::DropColumn { table, column } => {
                let t = model.table(table)?;
                let definition = serde_json::to_string(t.column(column)?).unwrap_or_default();
                let key = t.primary_key.as_ref().map(|pk| pk.columns.clone()).unwrap_or_default();
                let mut columns = key.clone();
                columns.push(column.clone());
                let as_text = enum_columns(t).into_iter().filter(|c| c == column).collect();
                let column = Some(column.clone());
                Some(Keep { step, table: table.clone(), column, key, columns, definition, as_text })
            }
            _ => None,
        }
    }

    fn object(&self) -> String {
        match &self.column {
            Some(c) => format!("{}.{c}", self.table),
            None => self.table.clone(),
        }
    }
}

/// A table of kept rows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Kept {
    /// The table holding the rows.
    pub kept_as: String,
    /// The migration that dropped them.
    pub version: u64,
    /// The table dropped, or whose column was dropped.
    pub table: String,
    /// The column dropped, if only a column was.
    pub column: Option<String>,
    /// Rows kept.
    pub rows: i64,
    /// When (UTC, RFC 3339).
    pub created_at: String,
    key: Vec<String>,
    columns: Vec<String>,
    definition: String,
}

impl Kept {
    /// The operation that recreates what was dropped, from the definition kept with the rows.
    pub(super) fn recreate(&self) -> Option<Op> {
        match &self.column {
            Some(_) => serde_json::from_str(&self.definition)
                .ok()
                .map(|column| Op::AddColumn { table: self.table.clone(), column }),
            None => serde_json::from_str(&self.definition).ok().map(|table| Op::CreateTable { table }),
        }
    }
}

/// The columns of `t` whose type may be the database's own (an enum, a domain, a type
/// written in native SQL): what a copy must not depend on.
fn enum_columns(t: &migrate_schema::Table) -> Vec<String> {
    t.columns
        .iter()
        .filter(|c| matches!(c.ty, ColumnType::Enum { .. } | ColumnType::Native { .. }))
        .map(|c| c.name.clone())
        .collect()
}

/// A kept value (column `kept` of the copy) as column `c` of `t` (where it goes back)
/// takes it: PostgreSQL enums were kept as text and are cast back to their type.
fn kept_value(dialect: Dialect, t: &migrate_schema::Table, c: &str, kept: &str, qualifier: &str) -> String {
    let value = format!("{qualifier}{}", dialect.quote(kept));
    match t.column(c).map(|col| &col.ty) {
        Some(ColumnType::Enum { name, .. }) if dialect == Dialect::Postgres => {
            format!("{value}::{}", dialect.quote(name))
        }
        Some(ColumnType::Native { sql }) if dialect == Dialect::Postgres => format!("{value}::{sql}"),
        _ => value,
    }
}

/// Copy what `keep` (the `n`th of the migration) describes; returns what the run reports.
pub(super) async fn keep(conn: &mut Connection, version: u64, n: usize, keep: &Keep) -> Result<String> {
    let dialect = conn.dialect();
    let q = |name: &str| dialect.quote(name);
    if let Some(column) = &keep.column
        && (keep.key.is_empty() || keep.key.contains(column))
    {
        return Ok(format!(
            "{}: values not kept (the table has no primary key to match them to their rows by after a rollback)",
            keep.object()
        ));
    }
    // A copy left by an earlier attempt of the same migration (on MySQL the copy commits
    // before the drop, which may then have failed) is superseded by this one.
    for old in list(conn).await?.into_iter().filter(|k| k.version == version && k.table == keep.table) {
        if old.column == keep.column {
            drop_kept(conn, &old.kept_as).await?;
        }
    }
    let now = chrono_clock::Utc::now();
    let kept = conn.tables().kept.clone();
    let kept_as = format!("{kept}_{version}_{n}_{}", now.timestamp_millis());
    let columns = keep
        .columns
        .iter()
        .map(|c| match dialect == Dialect::Postgres && keep.as_text.contains(c) {
            true => format!("{0}::text AS {0}", q(c)),
            false => q(c),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let context = || format!("keeping the rows of {} before it is dropped", keep.object());
    let run = |e: sqlx::Error| Error::Database { context: context(), source: e };
    conn.execute(&format!("CREATE TABLE {} AS SELECT {columns} FROM {}", q(&kept_as), q(&keep.table)))
        .await
        .map_err(run)?;
    if keep.column.is_some() {
        let key = keep.key.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
        let index = format!("{kept_as}_k");
        conn.execute(&format!("CREATE INDEX {} ON {} ({key})", q(&index), q(&kept_as))).await.map_err(run)?;
    }
    let rows = conn
        .fetch_all::<(i64,)>(&format!("SELECT COUNT(*) FROM {}", q(&kept_as)))
        .await
        .map_err(run)?
        .first()
        .map_or(0, |r| r.0);
    history::ensure_tables(conn, &[&kept]).await?;
    let json = |v: &[String]| serde_json::to_string(v).unwrap_or_default();
    let insert = Query::insert()
        .into_table(Alias::new(&kept))
        .columns(
            [
                "kept_as",
                "version",
                "table_name",
                "column_name",
                "key_columns",
                "columns",
                "definition",
                "row_count",
                "created_at",
            ]
            .map(Alias::new),
        )
        .values_panic([
            kept_as.clone().into(),
            i64::try_from(version).unwrap_or(i64::MAX).into(),
            keep.table.clone().into(),
            keep.column.clone().into(),
            json(&keep.key).into(),
            json(&keep.columns).into(),
            keep.definition.clone().into(),
            rows.into(),
            now.to_rfc3339_opts(chrono_clock::SecondsFormat::Secs, true).into(),
        ])
        .to_owned();
    conn.execute_statement(&history::build(dialect, &insert)).await.map_err(run)?;
    Ok(format!("{}: {rows} row(s) kept in {kept_as}", keep.object()))
}

/// Every table of kept rows, oldest first.
pub async fn list(conn: &mut Connection) -> Result<Vec<Kept>> {
    let kept = conn.tables().kept.clone();
    if !conn.table_exists(&kept).await.map_err(Error::db("looking for the kept rows"))? {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT kept_as, version, table_name, column_name, key_columns, columns, definition, row_count, created_at \
         FROM {kept} ORDER BY id"
    );
    type Row = (String, i64, String, Option<String>, String, String, String, i64, String);
    let rows: Vec<Row> = conn.fetch_all(&sql).await.map_err(Error::db("reading the kept rows"))?;
    let names = |json: &str| serde_json::from_str::<Vec<String>>(json).unwrap_or_default();
    Ok(rows
        .into_iter()
        .map(|(kept_as, version, table, column, key, columns, definition, rows, created_at)| Kept {
            kept_as,
            version: u64::try_from(version).unwrap_or_default(),
            table,
            column,
            rows,
            created_at,
            key: names(&key),
            columns: names(&columns),
            definition,
        })
        .collect())
}

/// After the down of `version` ran: put back the rows it kept where the down recreated
/// their table or column, and drop those copies. Returns what the run reports.
pub(super) async fn restore(conn: &mut Connection, version: u64) -> Result<Vec<String>> {
    let kept: Vec<Kept> = list(conn).await?.into_iter().filter(|k| k.version == version).collect();
    if kept.is_empty() {
        return Ok(Vec::new());
    }
    let dialect = conn.dialect();
    let model = conn.introspect().await?;
    let mut notes = Vec::new();
    // Newest first: the reverse of the order the migration dropped them in.
    for k in kept.iter().rev() {
        let object = match &k.column {
            Some(c) => format!("{}.{c}", k.table),
            None => k.table.clone(),
        };
        let Some(sql) = restoring(dialect, &model, k) else {
            notes.push(format!("{object}: the rollback did not recreate it as it was; its rows stay in {}", k.kept_as));
            continue;
        };
        let failed = |e: sqlx::Error| Error::db(format!("putting back the rows of {object} from {}", k.kept_as))(e);
        for statement in &sql {
            conn.execute(statement).await.map_err(failed)?;
        }
        drop_kept(conn, &k.kept_as).await?;
        notes.push(format!("{object}: {} row(s) put back", k.rows));
    }
    Ok(notes)
}

/// The statements that put `k`'s rows back into `model`, or `None` when the table (or the
/// column and its key) is not there.
fn restoring(dialect: Dialect, model: &SchemaModel, k: &Kept) -> Option<Vec<String>> {
    let q = |name: &str| dialect.quote(name);
    // The down may spell the names in another case the database ignores.
    let t = model.find_table(dialect, &k.table)?;
    let from = q(&k.kept_as);
    let into = q(&t.name);
    let column_in_table = |c: &str| t.find_column(dialect, c).map(|col| col.name.as_str());
    match &k.column {
        None => {
            let common: Vec<(&str, &String)> =
                k.columns.iter().filter_map(|c| column_in_table(c).map(|now| (now, c))).collect();
            if common.is_empty() {
                return None;
            }
            let list = common.iter().map(|(now, _)| q(now)).collect::<Vec<_>>().join(", ");
            let values =
                common.iter().map(|(now, kept)| kept_value(dialect, t, now, kept, "")).collect::<Vec<_>>().join(", ");
            let overriding = if dialect == Dialect::Postgres { " OVERRIDING SYSTEM VALUE" } else { "" };
            let mut sql = vec![format!("INSERT INTO {into} ({list}){overriding} SELECT {values} FROM {from}")];
            // Identity and serial columns: the sequence goes on after the highest row put back.
            let integers: Vec<&str> = t
                .columns
                .iter()
                .filter(|c| k.columns.iter().any(|kept| dialect.same_name(kept, &c.name)))
                .filter(|c| matches!(c.ty, ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt))
                .map(|c| c.name.as_str())
                .collect();
            sql.extend(sequences_past_rows(dialect, &t.name, &integers));
            Some(sql)
        }
        Some(column) => {
            let now = column_in_table(column)?;
            let mut on = Vec::new();
            for key in &k.key {
                on.push(format!("{into}.{} = kept.{}", q(column_in_table(key)?), q(key)));
            }
            let on = on.join(" AND ");
            let c = q(now);
            let value = kept_value(dialect, t, now, column, "kept.");
            Some(vec![match dialect {
                Dialect::MySql => format!("UPDATE {into} JOIN {from} AS kept ON {on} SET {into}.{c} = {value}"),
                _ => format!("UPDATE {into} SET {c} = {value} FROM {from} AS kept WHERE {on}"),
            }])
        }
    }
}

async fn drop_kept(conn: &mut Connection, kept_as: &str) -> Result<()> {
    let dialect = conn.dialect();
    let context = || format!("dropping {kept_as}");
    conn.execute(&format!("DROP TABLE IF EXISTS {}", dialect.quote(kept_as)))
        .await
        .map_err(|e| Error::db(context())(e))?;
    let delete = Query::delete()
        .from_table(Alias::new(&conn.tables().kept))
        .and_where(Expr::col(Alias::new("kept_as")).eq(kept_as))
        .to_owned();
    conn.execute_statement(&history::build(dialect, &delete)).await.map_err(|e| Error::db(context())(e))?;
    Ok(())
}

/// Drop the tables of kept rows created at or before `cutoff` (RFC 3339, UTC); returns them.
pub(crate) async fn purge(conn: &mut Connection, cutoff: &str) -> Result<Vec<Kept>> {
    let old: Vec<Kept> = list(conn).await?.into_iter().filter(|k| k.created_at.as_str() <= cutoff).collect();
    for k in &old {
        drop_kept(conn, &k.kept_as).await?;
    }
    Ok(old)
}

/// PostgreSQL: move the sequences of `table`'s integer columns past the highest value
/// (nothing on MySQL, whose `AUTO_INCREMENT` follows the rows by itself).
pub(crate) fn sequences_past_rows(dialect: Dialect, table: &str, integer_columns: &[&str]) -> Vec<String> {
    if dialect != Dialect::Postgres {
        return Vec::new();
    }
    let literal = |s: &str| s.replace('\'', "''");
    let quoted = dialect.quote(table);
    integer_columns
        .iter()
        .map(|c| {
            format!(
                "SELECT setval(s, m::bigint) FROM (SELECT pg_get_serial_sequence('{}', '{}') AS s, \
                 (SELECT MAX({}) FROM {quoted}) AS m) v WHERE s IS NOT NULL AND m IS NOT NULL",
                literal(&quoted),
                literal(c),
                dialect.quote(c)
            )
        })
        .collect()
}
