//! SQLite: one transaction, a savepoint per migration. `--atomic` (SQLite, PostgreSQL):
//! one transaction and no savepoints, since any failure rolls everything back; SQLite's
//! foreign-key check then runs once, after the last migration. Nothing commits before the
//! transaction does, so the history rows and audit entries wait until then and go in a
//! few multi-row inserts instead of two statements per migration.

use super::{Failure, Run, migration_span};
use crate::driver::Connection;
use crate::engine::record::Deferred;
use crate::engine::{Direction, Prepared};
use crate::error::{Error, Result};
use std::time::Instant;
use tracing::Instrument;

impl Run<'_, '_> {
    /// Apply `todo` in one transaction (see the module's documentation).
    pub(in crate::engine) async fn grouped(&mut self, todo: &[&Prepared<'_>], atomic: bool) -> Result<()> {
        if todo.is_empty() {
            return Ok(());
        }
        let mut deferred = Deferred::default();
        self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
        for (i, &p) in todo.iter().enumerate() {
            if !p.m.transaction {
                self.flush_or_rollback(&mut deferred).await?;
                self.conn.commit().await.map_err(Error::step("committing"))?;
                self.direct(p).instrument(migration_span(p)).await?;
                self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
                continue;
            }
            if let Err(e) = self.starting(Direction::Up, p.m.version, &p.m.name) {
                return self.stop_grouped(&mut deferred, atomic, e).await;
            }
            let started = Instant::now();
            if !atomic {
                self.conn.execute("SAVEPOINT migrate_step").await.map_err(Error::db("SAVEPOINT"))?;
            }
            let mut result = self.run_up(p, false).instrument(migration_span(p)).await;
            let check_now = !atomic || i + 1 == todo.len();
            if result.is_ok()
                && check_now
                && let Connection::Sqlite(c) = &mut *self.conn
            {
                result = crate::driver::check_sqlite_foreign_keys(c).await.map_err(|e| Failure::of(None, e, 0));
            }
            match result {
                Ok(()) => {
                    if let Err(e) = self.defer_success(&mut deferred, p, started).await {
                        let _ = self.conn.rollback().await;
                        return Err(e);
                    }
                    if !atomic {
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
        self.flush_or_rollback(&mut deferred).await?;
        self.conn.commit().await.map_err(Error::step("committing"))
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
