//! PostgreSQL: each migration in a transaction of its own with its history row and audit
//! entry. A migration of plain statements goes as one simple query (`BEGIN` with the
//! commit setting, then its statements), then the row and entry in one statement with
//! their values bound, then `COMMIT`: three round trips, whatever its length. `COMMIT` is
//! its own, so that a process killed while the server runs the query leaves nothing
//! committed. When the query fails it is rolled back and the migration runs again
//! statement by statement, which fails where it fails and says so exactly.

use super::Run;
use crate::engine::{Direction, Prepared};
use crate::error::{Error, Result};
use migrate_schema::Dialect;
use std::time::Instant;

impl Run<'_, '_> {
    /// Apply `p` in its own transaction; `more_follow` when later migrations of the run will
    /// commit after it.
    pub(in crate::engine) async fn in_transaction(&mut self, p: &Prepared<'_>, more_follow: bool) -> Result<()> {
        self.starting(Direction::Up, p.m.version, &p.m.name)?;
        let started = Instant::now();
        // The last migration's synchronous commit flushes the WAL of those before it.
        let begin = if more_follow { "BEGIN; SET LOCAL synchronous_commit = off" } else { "BEGIN" };
        if self.transaction_batch(p, begin, started).await? {
            return self.finished(Direction::Up, p.m.version, &p.m.name, started);
        }
        self.conn.execute(begin).await.map_err(Error::db("starting a transaction"))?;
        match self.run_up(p, false).await {
            Ok(()) => {
                if let Err(e) = self.record_success(p, started).await {
                    // The database's own message, recorded as the failure: the row and
                    // audit entry go in once the transaction is rolled back.
                    let _ = self.conn.rollback().await;
                    let message = e.to_string();
                    self.failing(Direction::Up, p.m.version, &p.m.name, &message);
                    let _ = self.record_failure(p, &message, started).await;
                    return Err(Self::failed(p.m.version, &p.m.name, message, Some(Box::new(e))));
                }
                self.conn.commit().await.map_err(Error::step("committing"))?;
                self.finished(Direction::Up, p.m.version, &p.m.name, started)
            }
            Err(f) => {
                let _ = self.conn.rollback().await;
                self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                self.record_failure(p, &f.message, started).await?;
                Err(Self::failed(p.m.version, &p.m.name, f.message, f.source))
            }
        }
    }

    /// Apply `p` as one simple query (see the module's documentation); `false` when it is
    /// not plain statements (values to bind, rows to keep first, a history row to replace,
    /// a statement that moves the session) or the query failed and was rolled back.
    async fn transaction_batch(&mut self, p: &Prepared<'_>, begin: &str, started: Instant) -> Result<bool> {
        let Some(statements) = self.plain_statements(p) else { return Ok(false) };
        let moves = p.up.statements().iter().any(|t| crate::sql::moves_session(Dialect::Postgres, t));
        if self.conn.dialect() != Dialect::Postgres || moves || self.had_row(p.m.version) {
            return Ok(false);
        }
        // The row and entry go as their own statement, values bound, in the transaction; a
        // failure of either is left to the statement-by-statement run to record.
        let batch = format!("{begin};\n{statements}");
        if self.conn.execute(&batch).await.is_err() || self.record_success(p, started).await.is_err() {
            self.conn.execute("ROLLBACK").await.map_err(Error::db("rolling back"))?;
            return Ok(false);
        }
        self.conn.commit().await.map_err(Error::step("committing"))?;
        Ok(true)
    }
}
