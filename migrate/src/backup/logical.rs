//! The built-in logical dump, for PostgreSQL and MySQL when `pg_dump`/`mysqldump` are not
//! installed (or `backup_tool = "builtin"`: a client older than the server, say).
//!
//! A SQL file in the database's dialect: the schema as introspected, created without its
//! foreign keys; every row, as `INSERT` statements the database itself writes (its own
//! quoting of every value, binary data as hex on MySQL); then the foreign keys, the objects
//! kept as native DDL (views, triggers: after the rows, so triggers do not fire on them),
//! sequences moved past the rows, and the history rows. Restoring runs it statement by
//! statement, in one transaction on PostgreSQL.

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history;
use crate::keep::sequences_past_rows;
use migrate_schema::{ColumnType, Dialect, DiffOptions, Op, SchemaModel, Step, diff, render_all};
use std::io::Write;
use std::path::Path;

const HEADER: &str = "-- migrate logical dump";

/// Write the dump of the database behind `conn` to `file`.
pub(super) async fn dump(conn: &mut Connection, file: &Path) -> Result<()> {
    let dialect = conn.dialect();
    // One snapshot for the schema and every table's rows.
    let snapshot = match dialect {
        Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        _ => "START TRANSACTION WITH CONSISTENT SNAPSHOT",
    };
    conn.execute(snapshot).await.map_err(Error::db("starting the dump's snapshot"))?;
    let result = write_dump(conn, file).await;
    let _ = conn.execute("COMMIT").await;
    result
}

async fn write_dump(conn: &mut Connection, file: &Path) -> Result<()> {
    let dialect = conn.dialect();
    let failed = |e: String| Error::Custom(format!("writing the logical dump: {e}"));
    let model = conn.introspect().await?;
    let empty = SchemaModel::new();
    let ops = diff(&empty, &model, &DiffOptions::default()).map_err(|e| failed(e.to_string()))?.ops;
    // Tables first without their foreign keys, so rows load in any order; what depends on
    // the rows (foreign keys, views, triggers) after them. Native SQL before the first table
    // (types, functions) stays before.
    let mut structure = Vec::new();
    let mut after_rows = Vec::new();
    let mut seen_table = false;
    for op in ops {
        match op {
            Op::CreateTable { mut table } => {
                seen_table = true;
                for fk in std::mem::take(&mut table.foreign_keys) {
                    after_rows.push(Op::AddForeignKey { table: table.name.clone(), foreign_key: fk });
                }
                structure.push(Op::CreateTable { table });
            }
            op @ (Op::AddForeignKey { .. } | Op::Sql { .. }) if seen_table => after_rows.push(op),
            op => structure.push(op),
        }
    }
    let first = render_all(dialect, &empty, &structure).map_err(|e| failed(e.to_string()))?;
    let then = render_all(dialect, &first.after, &after_rows).map_err(|e| failed(e.to_string()))?;

    let mut out = std::io::BufWriter::new(
        std::fs::File::create(file).map_err(Error::io(format!("creating {}", file.display())))?,
    );
    let mut write = |text: &str| -> Result<()> {
        out.write_all(text.as_bytes()).map_err(Error::io(format!("writing {}", file.display())))
    };
    write(&format!("{HEADER} ({})\n\n", dialect.name()))?;
    write_steps(&mut write, &first.steps)?;
    for table in &model.tables {
        let columns: Vec<(String, bool)> = table.columns.iter().map(|c| (c.name.clone(), binary(&c.ty))).collect();
        for row in inserts(conn, &table.name, &columns).await? {
            write(&format!("{row};\n"))?;
        }
    }
    write_steps(&mut write, &then.steps)?;
    for table in &model.tables {
        let integers: Vec<&str> = table
            .columns
            .iter()
            .filter(|c| matches!(c.ty, ColumnType::SmallInt | ColumnType::Int | ColumnType::BigInt))
            .map(|c| c.name.as_str())
            .collect();
        for sql in sequences_past_rows(dialect, &table.name, &integers) {
            write(&format!("{sql};\n"))?;
        }
    }
    let own = conn.tables();
    if conn.table_exists(&own.history).await.map_err(Error::db("looking for the history table"))? {
        // A table of an earlier release gets the columns the dump writes.
        history::ensure(conn).await?;
        let columns: Vec<(String, bool)> =
            history::columns(&own, &own.history).into_iter().map(|c| (c, false)).collect();
        for row in inserts(conn, &own.history, &columns).await? {
            write(&format!("{row};\n"))?;
        }
        for sql in sequences_past_rows(dialect, &own.history, &["id"]) {
            write(&format!("{sql};\n"))?;
        }
    }
    out.flush().map_err(Error::io(format!("writing {}", file.display())))
}

fn write_steps(write: &mut impl FnMut(&str) -> Result<()>, steps: &[Step]) -> Result<()> {
    for step in steps {
        for sql in step.preview() {
            write(&format!("{};\n", sql.trim().trim_end_matches(';')))?;
        }
    }
    Ok(())
}

/// Every row of `table` as an `INSERT`, written by the database. `columns`: name, and
/// whether it holds binary data.
async fn inserts(conn: &mut Connection, table: &str, columns: &[(String, bool)]) -> Result<Vec<String>> {
    let dialect = conn.dialect();
    let q = |name: &str| dialect.quote(name);
    let list = columns.iter().map(|(c, _)| q(c)).collect::<Vec<_>>().join(", ");
    let literal = |s: &str| s.replace('\'', "''").replace('\\', "\\\\");
    let sql = match dialect {
        Dialect::Postgres => {
            // An array, not concat_ws: a function takes at most 100 arguments.
            let values = columns.iter().map(|(c, _)| format!("quote_nullable({})", q(c))).collect::<Vec<_>>();
            format!(
                "SELECT 'INSERT INTO {} ({}) OVERRIDING SYSTEM VALUE VALUES (' || array_to_string(ARRAY[{}], ', ') || ')' \
                 FROM {}",
                q(table).replace('\'', "''"),
                list.replace('\'', "''"),
                values.join(", "),
                q(table)
            )
        }
        Dialect::MySql => {
            let values = columns
                .iter()
                .map(|(c, binary)| match binary {
                    true => format!("IF({0} IS NULL, 'NULL', CONCAT('0x', HEX({0})))", q(c)),
                    false => format!("QUOTE({})", q(c)),
                })
                .collect::<Vec<_>>();
            format!(
                "SELECT CONVERT(CONCAT('INSERT INTO {} ({}) VALUES (', CONCAT_WS(', ', {}), ')') USING utf8mb4) FROM {}",
                literal(&q(table)),
                literal(&list),
                values.join(", "),
                q(table)
            )
        }
        Dialect::Sqlite => return Err(Error::Config("SQLite is backed up with VACUUM INTO".into())),
    };
    conn.fetch_all::<(String,)>(&sql)
        .await
        .map(|rows| rows.into_iter().map(|r| r.0).collect())
        .map_err(Error::db(format!("dumping the rows of {table}")))
}

/// Whether values of `ty` are bytes, which MySQL's `QUOTE` would not keep through a text
/// result: they are dumped as hex literals.
fn binary(ty: &ColumnType) -> bool {
    match ty {
        ColumnType::Bytes => true,
        ColumnType::Native { sql } => {
            let sql = sql.to_ascii_lowercase();
            sql.contains("binary") || sql.contains("blob") || sql.starts_with("bit")
        }
        _ => false,
    }
}

/// Load the dump `file` into the database behind `conn`, which holds no tables but the
/// tool's audit and lock tables.
pub(super) async fn load(conn: &mut Connection, file: &Path) -> Result<()> {
    let dialect = conn.dialect();
    let text = std::fs::read_to_string(file).map_err(Error::io(format!("reading {}", file.display())))?;
    if !text.starts_with(HEADER) {
        return Err(Error::Config(format!("{}: not a logical dump written by migrate", file.display())));
    }
    let statements =
        crate::sql::split(&text, dialect).map_err(|e| Error::Config(format!("{}: {e}", file.display())))?;
    history::ensure(conn).await?;
    let transactional = dialect == Dialect::Postgres;
    if transactional {
        conn.begin().await.map_err(Error::step("restoring"))?;
    }
    for s in &statements {
        if let Err(e) = conn.execute(&s.sql).await {
            if transactional {
                let _ = conn.rollback().await;
            }
            return Err(Error::db(format!("restoring {} (line {})", file.display(), s.line))(e));
        }
    }
    if transactional {
        conn.commit().await.map_err(Error::step("restoring"))?;
    }
    Ok(())
}
