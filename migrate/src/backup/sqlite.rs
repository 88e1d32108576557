//! SQLite's backup: `VACUUM INTO` a file of its own, and a restore that copies every
//! table, index, trigger and view back from it, attached, in one transaction.

use super::Native;
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::tables::Tables;
use migrate_schema::Dialect;
use std::path::Path;

pub(super) struct Sqlite;

impl Native for Sqlite {
    const METHOD: &'static str = "vacuum_into";
    const EXTENSION: &'static str = "db";

    fn available() -> bool {
        true
    }

    async fn dump(conn: &mut Connection, _: &str, file: &Path) -> Result<()> {
        let sql = format!("VACUUM INTO '{}'", file.display().to_string().replace('\'', "''"));
        // The copy holds the audit and lock tables too: a restore leaves them alone.
        conn.execute(&sql).await.map(|_| ()).map_err(Error::db("backing up (VACUUM INTO)"))
    }

    async fn load(conn: &mut Connection, _: &str, file: &Path) -> Result<()> {
        load(conn, file).await
    }

    /// A scratch SQLite database is a copy of the file; there is no dump tool to run.
    fn schema(_: &str, _: &Tables) -> Option<Vec<String>> {
        None
    }
}

/// SQLite: copy every table's definition and rows, then its indexes, triggers and views,
/// from the attached backup, in one transaction.
async fn load(conn: &mut Connection, file: &Path) -> Result<()> {
    let context = "restoring the SQLite backup";
    let own = conn.tables();
    let path = file.display().to_string().replace('\'', "''");
    conn.execute(&format!("ATTACH DATABASE '{path}' AS backup")).await.map_err(Error::db(context))?;
    let objects: Vec<(String, String, Option<String>)> = conn
        .fetch_all(
            "SELECT type, name, sql FROM backup.sqlite_schema WHERE name NOT LIKE 'sqlite_%' \
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid",
        )
        .await
        .map_err(Error::db(context))?;
    let mut result = Ok(());
    if let Err(e) = conn.begin().await {
        result = Err(Error::step(context)(e));
    }
    for (ty, name, sql) in &objects {
        if result.is_err() {
            break;
        }
        if *name == own.audit || *name == own.lock {
            continue;
        }
        let Some(sql) = sql else { continue };
        let quoted = Dialect::Sqlite.quote(name);
        let mut statements = vec![sql.clone()];
        if ty == "table" {
            statements.push(format!("INSERT INTO main.{quoted} SELECT * FROM backup.{quoted}"));
        }
        for s in statements {
            if let Err(e) = conn.execute(&s).await {
                result = Err(Error::db(format!("{context}: {s}"))(e));
                break;
            }
        }
    }
    if result.is_ok() {
        let sequences = "INSERT INTO main.sqlite_sequence SELECT * FROM backup.sqlite_sequence \
                         WHERE EXISTS (SELECT 1 FROM backup.sqlite_schema WHERE name = 'sqlite_sequence') \
                         AND name NOT IN (SELECT name FROM main.sqlite_sequence)";
        let has_sequence: Vec<(i64,)> = conn
            .fetch_all("SELECT COUNT(*) FROM backup.sqlite_schema WHERE name = 'sqlite_sequence'")
            .await
            .map_err(Error::db(context))?;
        if has_sequence.first().is_some_and(|r| r.0 > 0) {
            result = conn.execute(sequences).await.map(|_| ()).map_err(Error::db(context));
        }
    }
    match result {
        Ok(()) => conn.commit().await.map_err(Error::step(context))?,
        Err(e) => {
            let _ = conn.rollback().await;
            let _ = conn.execute("DETACH DATABASE backup").await;
            return Err(e);
        }
    }
    conn.execute("DETACH DATABASE backup").await.map_err(Error::db(context))?;
    Ok(())
}
