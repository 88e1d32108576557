//! SQLite: one transaction, a savepoint per migration. `--atomic` (SQLite, PostgreSQL):
//! one transaction and no savepoints, since any failure rolls everything back; SQLite's
//! foreign-key check then runs once, after the last migration. Nothing commits before the
//! transaction does, so the history rows and audit entries wait until then and go in a
//! few multi-row inserts instead of two statements per migration.
//!
//! On SQLite every statement is a round trip to sqlx's worker thread, which is what a run
//! of small migrations costs. So a migration of plain statements goes as one batch: the
//! release of the savepoint before it, its own savepoint, its statements and the
//! foreign-key check. When the batch fails, the migration rolls back to its savepoint and
//! runs again statement by statement, which fails where it fails and says so exactly.

use super::record::Deferred;
use super::{Failure, Run, migration_span};
use crate::engine::Work;
use crate::engine::{Direction, Prepared};
use crate::error::{Error, Result};
use migrate_schema::{Dialect, Step};
use std::time::Instant;
use tracing::Instrument;

impl Run<'_, '_> {
    /// Apply `todo` in one transaction (see the module's documentation).
    pub(in crate::engine) async fn grouped(&mut self, todo: &[&Prepared<'_>], atomic: bool) -> Result<()> {
        if todo.is_empty() {
            return Ok(());
        }
        let mut deferred = Deferred::default();
        // A batched migration's savepoint, released by the next batch or before anything else.
        let mut open = false;
        // A migration since the last foreign-key check could have broken a key.
        let mut unchecked = false;
        self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
        for (i, &p) in todo.iter().enumerate() {
            if !p.m.transaction {
                self.release(&mut open).await?;
                self.flush_or_rollback(&mut deferred).await?;
                self.conn.commit().await.map_err(Error::step("committing"))?;
                self.direct(p).instrument(migration_span(p)).await?;
                self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
                continue;
            }
            if let Err(e) = self.starting(Direction::Up, p.m.version, &p.m.name) {
                self.release(&mut open).await?;
                return self.stop_grouped(&mut deferred, atomic, e).await;
            }
            let started = Instant::now();
            // The foreign-key check (enforcement is off in the transaction) runs after a
            // migration that could break a key; one that only creates objects cannot.
            unchecked |= !creates_only(p);
            let check_now = unchecked && (!atomic || i + 1 == todo.len());
            let batched = self.savepoint_batch(p, &mut open, check_now).instrument(migration_span(p)).await?;
            let mut result = Ok(());
            if !batched {
                self.release(&mut open).await?;
                if !atomic {
                    self.conn.execute("SAVEPOINT migrate_step").await.map_err(Error::db("SAVEPOINT"))?;
                }
                result = self.run_up(p, false).instrument(migration_span(p)).await;
                if result.is_ok() && check_now {
                    result = self.conn.check_foreign_keys().await.map_err(|e| Failure::of(None, e, 0));
                }
            }
            if check_now && result.is_ok() {
                unchecked = false;
            }
            match result {
                Ok(()) => {
                    if let Err(e) = self.defer_success(&mut deferred, p, started).await {
                        let _ = self.conn.rollback().await;
                        return Err(e);
                    }
                    if !atomic && !batched {
                        self.conn.execute("RELEASE SAVEPOINT migrate_step").await.map_err(Error::db("RELEASE"))?;
                    }
                    if let Err(e) = self.finished(Direction::Up, p.m.version, &p.m.name, started) {
                        return self.stop_grouped(&mut deferred, atomic, e).await;
                    }
                }
                Err(f) if atomic => {
                    self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                    let _ = self.conn.rollback().await;
                    self.report.applied.clear();
                    let message = format!("{} (--atomic: nothing was applied)", f.message);
                    self.record_failure(p, &message, started).await?;
                    return Err(Self::failed(p.m.version, &p.m.name, message, f.source));
                }
                Err(f) => {
                    self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                    let undo = "ROLLBACK TO SAVEPOINT migrate_step";
                    self.conn.execute(undo).await.map_err(Error::db(undo))?;
                    self.conn.execute("RELEASE SAVEPOINT migrate_step").await.map_err(Error::db("RELEASE"))?;
                    self.flush_or_rollback(&mut deferred).await?;
                    self.record_failure(p, &f.message, started).await?;
                    self.conn.commit().await.map_err(Error::step("committing"))?;
                    return Err(Self::failed(p.m.version, &p.m.name, f.message, f.source));
                }
            }
        }
        self.release(&mut open).await?;
        self.flush_or_rollback(&mut deferred).await?;
        self.conn.commit().await.map_err(Error::step("committing"))
    }

    /// SQLite: run `p` as one batch after releasing the savepoint `open` says is open;
    /// `false` when it cannot be batched (a table rebuild, values to bind, rows to keep
    /// first) or the batch failed (then rolled back to its savepoint, nothing of it left).
    async fn savepoint_batch(&mut self, p: &Prepared<'_>, open: &mut bool, check: bool) -> Result<bool> {
        let Some(statements) = self.plain_statements(p).filter(|_| self.conn.dialect() == Dialect::Sqlite) else {
            return Ok(false);
        };
        let mut batch = String::new();
        if *open {
            batch.push_str("RELEASE SAVEPOINT migrate_step;\n");
        }
        batch.push_str("SAVEPOINT migrate_step;\n");
        batch.push_str(&statements);
        if check {
            batch.push_str("SELECT 1 FROM pragma_foreign_key_check LIMIT 1");
        }
        *open = false;
        match self.conn.batch(&batch).await {
            Ok(0) => {
                *open = true;
                Ok(true)
            }
            // A statement failed or a foreign key is broken: undone, for the statement by
            // statement run to say which.
            Ok(_) | Err(_) => {
                let undo = "ROLLBACK TO SAVEPOINT migrate_step; RELEASE SAVEPOINT migrate_step";
                self.conn.execute(undo).await.map_err(Error::db(undo))?;
                Ok(false)
            }
        }
    }

    /// Release the savepoint of a batched migration, if one is open.
    async fn release(&mut self, open: &mut bool) -> Result<()> {
        if std::mem::take(open) {
            self.conn.execute("RELEASE SAVEPOINT migrate_step").await.map_err(Error::db("RELEASE"))?;
        }
        Ok(())
    }

    /// A listener stopped a grouped run: `--atomic` rolls everything back; otherwise what
    /// was applied commits with its history rows. Returns the listener's error.
    async fn stop_grouped(&mut self, deferred: &mut Deferred<'_>, atomic: bool, stop: Error) -> Result<()> {
        if atomic {
            let _ = self.conn.rollback().await;
            self.report.applied.clear();
            return Err(stop);
        }
        self.flush_or_rollback(deferred).await?;
        self.conn.commit().await.map_err(Error::step("committing"))?;
        Err(stop)
    }
}

/// Whether every statement of `p` only creates a table, index, view or trigger: none of
/// them can break a foreign key (a new table has no rows), so the check after it is not
/// needed. A table rebuild, data changes, drops and async code can.
fn creates_only(p: &Prepared<'_>) -> bool {
    let Work::Steps(steps) = &p.up else { return false };
    steps.iter().all(|step| match step {
        Step::Execute(s) => crate::sql::creates_object(&s.sql),
        _ => false,
    })
}
