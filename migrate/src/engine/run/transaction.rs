//! PostgreSQL: each migration in a transaction of its own with its history row and audit
//! entry. Besides the migration's own statements that is three round trips: `BEGIN` (with
//! the commit setting), the row and entry in one statement, `COMMIT`.

use super::Run;
use crate::engine::{Direction, Prepared};
use crate::error::{Error, Result};
use std::time::Instant;

impl Run<'_, '_> {
    /// Apply `p` in its own transaction; `more_follow` when later migrations of the run will
    /// commit after it.
    pub(in crate::engine) async fn in_transaction(&mut self, p: &Prepared<'_>, more_follow: bool) -> Result<()> {
        self.starting(Direction::Up, p.m.version, &p.m.name)?;
        let started = Instant::now();
        // The last migration's synchronous commit flushes the WAL of those before it.
        let begin = if more_follow { "BEGIN; SET LOCAL synchronous_commit = off" } else { "BEGIN" };
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
}
