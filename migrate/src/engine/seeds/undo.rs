//! Rolling seeds back: every run of a seed, newest first, deletes the rows it inserted and
//! puts back the values of the rows it updated, each only where the row still holds what
//! the seed wrote. A row changed or deleted since, or a foreign key that a deletion would
//! break, refuses the whole rollback of that seed (its transaction is rolled back), with the
//! reason and the rows.

use super::super::{Direction, Event, millis, released};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::seed::check::{ColumnInfo, key_text};
use crate::seed::store::{self, Recorded, Tracked};
use crate::seed::{SeedReport, SeedUndone, SeedValue};
use crate::seed::{render, write};
use crate::{Migrator, lock};
use migrate_schema::SchemaModel;
use std::time::Instant;

fn refused(name: &str, why: String) -> Error {
    Error::Seed {
        name: name.to_owned(),
        message: format!("rollback refused: {why}; nothing of it was rolled back"),
        source: None,
    }
}

impl Migrator {
    /// Roll back the seeds `names` (empty: every seed that ran, the last one first): the
    /// rows each inserted are deleted and the rows it updated get their values back, in
    /// one transaction per seed. A seed whose rows changed since, or whose rows other rows
    /// now reference, is refused with the reason, and nothing of it is rolled back.
    pub async fn roll_back_seeds(&self, conn: &mut Connection, names: &[String]) -> Result<SeedReport> {
        self.bind(conn);
        lock::acquire(conn, self.options.lock).await?;
        let result = self.roll_back_locked(conn, names).await;
        released(conn, result).await
    }

    async fn roll_back_locked(&self, conn: &mut Connection, names: &[String]) -> Result<SeedReport> {
        let recorded = store::recorded(conn).await?;
        let applied: Vec<&Recorded> = recorded.iter().rev().filter(|r| r.status == store::status::APPLIED).collect();
        let targets: Vec<&Recorded> = match names {
            [] => applied,
            names => {
                for name in names {
                    if !applied.iter().any(|r| &r.name == name) {
                        return Err(Error::Config(format!(
                            "seed `{name}` has not run here (or was rolled back already)"
                        )));
                    }
                }
                applied.into_iter().filter(|r| names.contains(&r.name)).collect()
            }
        };
        let mut report = SeedReport::default();
        if targets.is_empty() {
            return Ok(report);
        }
        let model = conn.introspect().await?;
        for r in targets {
            self.emit(&Event::SeedStarted { direction: Direction::Down, name: &r.name })?;
            let started = Instant::now();
            conn.begin().await.map_err(Error::step(format!("starting the rollback of seed `{}`", r.name)))?;
            let result = undo_one(conn, &r.name, &model).await;
            let result = match result {
                Ok(done) => finish(conn, &r.name, done, started).await,
                Err(e) => Err(e),
            };
            match result {
                Ok(done) => {
                    let event = Event::SeedDone {
                        direction: Direction::Down,
                        name: &r.name,
                        inserted: done.deleted,
                        updated: done.restored,
                        execution_ms: millis(started),
                    };
                    let _ = self.emit(&event);
                    report.rolled_back.push(done);
                }
                Err(e) => {
                    conn.abandon_transaction().await;
                    let _ =
                        store::audit(conn, "seed_rollback", &r.name, "failed", e.to_string(), millis(started)).await;
                    let _ = self.emit(&Event::SeedFailed {
                        direction: Direction::Down,
                        name: &r.name,
                        error: &e.to_string(),
                    });
                    return Err(e);
                }
            }
        }
        Ok(report)
    }

    /// Forget every seed that ran (`reset`: the tables they wrote are gone with the
    /// migrations that made them); how many there were.
    #[cfg_attr(not(feature = "cli-core"), allow(dead_code))]
    pub(crate) async fn forget_seeds(&self, conn: &mut Connection) -> Result<usize> {
        self.bind(conn);
        let recorded = store::recorded(conn).await?;
        let applied: Vec<&Recorded> = recorded.iter().filter(|r| r.status == store::status::APPLIED).collect();
        if applied.is_empty() {
            return Ok(0);
        }
        store::forget(conn, None).await?;
        for r in &applied {
            store::set_status(conn, &r.name, store::status::ROLLED_BACK).await?;
            store::audit(conn, "seed_forget", &r.name, "ok", "every migration was rolled back".to_owned(), 0).await?;
        }
        Ok(applied.len())
    }
}

/// The foreign-key check, forgetting the seed's rows, its status and the audit, then COMMIT.
async fn finish(conn: &mut Connection, name: &str, done: SeedUndone, started: Instant) -> Result<SeedUndone> {
    conn.check_foreign_keys().await.map_err(|e| refused(name, format!("other rows still reference its rows: {e}")))?;
    store::forget(conn, Some(name)).await?;
    store::set_status(conn, name, store::status::ROLLED_BACK).await?;
    let detail = format!("deleted {}, restored {}", done.deleted, done.restored);
    store::audit(conn, "seed_rollback", name, "ok", detail, millis(started)).await?;
    conn.commit().await.map_err(|e| refused(name, e.to_string()))?;
    Ok(done)
}

/// The columns of a tracked entry, as the table has them now.
fn columns_of(
    name: &str,
    t: &Tracked,
    model: &SchemaModel,
    dialect: migrate_schema::Dialect,
) -> Result<Vec<ColumnInfo>> {
    let table = model
        .find_table(dialect, &t.table)
        .ok_or_else(|| refused(name, format!("table `{}`, which it wrote, no longer exists", t.table)))?;
    t.columns
        .iter()
        .map(|c| {
            let column =
                table.columns.iter().find(|x| dialect.same_name(&x.name, c)).ok_or_else(|| {
                    refused(name, format!("column `{}.{c}`, which it wrote, no longer exists", t.table))
                })?;
            Ok(ColumnInfo::of(column, dialect))
        })
        .collect()
}

async fn undo_one(conn: &mut Connection, name: &str, model: &SchemaModel) -> Result<SeedUndone> {
    let dialect = conn.dialect();
    let mut done = SeedUndone { name: name.to_owned(), deleted: 0, restored: 0 };
    let db =
        |what: String| move |e: sqlx::Error| refused(name, format!("{what}: {}", crate::error::database_message(&e)));
    for t in store::tracked(conn, name).await? {
        let columns = columns_of(name, &t, model, dialect)?;
        let key = &columns[..t.key_len.min(columns.len())];
        match t.action.as_str() {
            "insert" => {
                for chunk in t.written.rows.chunks(render::rows_per_statement(columns.len())) {
                    let rows: Vec<&[SeedValue]> = chunk.iter().map(Vec::as_slice).collect();
                    let same = write::holding(conn, &t.table, (&columns, t.key_len), &rows, None)
                        .await
                        .map_err(db(format!("reading `{}`", t.table)))?;
                    let changed: Vec<String> = rows
                        .iter()
                        .zip(&same)
                        .filter(|(_, same)| !**same)
                        .map(|(r, _)| key_text(key, &r[..t.key_len]))
                        .collect();
                    if !changed.is_empty() {
                        let shown: Vec<&str> = changed.iter().take(5).map(String::as_str).collect();
                        return Err(refused(
                            name,
                            format!(
                                "{} row(s) of `{}` that it inserted changed or were deleted since (key {})",
                                changed.len(),
                                t.table,
                                shown.join(", ")
                            ),
                        ));
                    }
                    let s = render::delete(dialect, &t.table, &columns, t.key_len, &rows);
                    done.deleted +=
                        conn.execute_statement(&s).await.map_err(db(format!("deleting rows of `{}`", t.table)))?;
                }
            }
            _ => {
                for (now, before) in t.written.rows.iter().zip(&t.written.before) {
                    let s = render::restore(dialect, &t.table, &columns, t.key_len, now, before);
                    let n =
                        conn.execute_statement(&s).await.map_err(db(format!("restoring a row of `{}`", t.table)))?;
                    if n != 1 {
                        let k = key_text(key, &now[..t.key_len]);
                        return Err(refused(name, format!("the row {k} of `{}` changed since it updated it", t.table)));
                    }
                    done.restored += 1;
                }
            }
        }
    }
    Ok(done)
}
