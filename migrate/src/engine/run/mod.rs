//! Running migrations: one migration's work with its statements counted, and the commit
//! strategies of a run, one file each: a transaction per migration (PostgreSQL), grouped
//! under savepoints or `--atomic` (SQLite, PostgreSQL `--atomic`), direct (MySQL and
//! `transaction = false`), and rolling back. Their history rows and audit entries are
//! written by `record`.

mod direct;
mod grouped;
mod record;
mod roll_back;
mod transaction;

use super::events::Listeners;
use super::types::Report;
use super::{Direction, Event, Prepared, Work, exec, step_texts};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::HistoryRow;
use crate::keep::{self, Keep};
use crate::registry::BoxFuture;
use crate::tx::Tx;
use migrate_schema::{Dialect, Step};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;

/// The error under a failure, kept as the failed migration's source.
type Cause = Box<dyn std::error::Error + Send + Sync + 'static>;

/// A failed migration: what broke, how many statements ran before it, and the error under it.
pub(super) struct Failure {
    pub(super) message: String,
    pub(super) ran: usize,
    pub(super) source: Option<Cause>,
}

impl Failure {
    /// `context: e` (or `e` alone), with `e` kept as the source.
    pub(super) fn of(context: Option<String>, e: impl std::error::Error + Send + Sync + 'static, ran: usize) -> Self {
        let message = match context {
            Some(context) => format!("{context}: {e}"),
            None => e.to_string(),
        };
        Failure { message, ran, source: Some(Box::new(e)) }
    }
}

/// Catches a panic in an async migration and turns it into its failure.
struct CatchUnwind<'a>(BoxFuture<'a, Result<()>>);

impl Future for CatchUnwind<'_> {
    type Output = Result<()>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let inner = &mut self.get_mut().0;
        match std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| inner.as_mut().poll(cx))) {
            Ok(poll) => poll,
            Err(payload) => {
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| (*s).to_owned())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "a panic".to_owned());
                Poll::Ready(Err(Error::Custom(format!("the migration panicked: {message}"))))
            }
        }
    }
}

/// Run `work`; with `track`, record progress in the history row after each statement; with
/// `keeping`, the migration's version and the rows to keep before its drops. Returns what
/// was kept.
pub(super) async fn run_work(
    conn: &mut Connection,
    work: &Work,
    track: Option<u64>,
    keeping: Option<(u64, &[Keep])>,
) -> std::result::Result<Vec<String>, Failure> {
    let mut kept = Vec::new();
    match work {
        Work::Nothing => {}
        Work::Async(f) => {
            CatchUnwind(f(&mut Tx { conn })).await.map_err(|e| Failure::of(None, e, 0))?;
        }
        Work::Steps(steps) => {
            let h = crate::history::Sql::of(conn);
            for (i, step) in steps.iter().enumerate() {
                if let Some((version, keeps)) = keeping {
                    for (n, k) in keeps.iter().enumerate().filter(|(_, k)| k.step == i) {
                        let note = keep::keep(conn, version, n, k)
                            .await
                            .map_err(|e| Failure::of(Some(format!("before statement {}", i + 1)), e, i))?;
                        kept.push(note);
                    }
                }
                conn.run_step(step)
                    .await
                    .map_err(|e| Failure::of(Some(format!("statement {} of {} failed", i + 1, steps.len())), e, i))?;
                if let Some(version) = track {
                    let progress = i32::try_from(i + 1).unwrap_or(i32::MAX);
                    exec(conn, &h.update(version, vec![("progress", progress.into())]))
                        .await
                        .map_err(|e| Failure::of(None, e, i + 1))?;
                }
            }
            back_where_it_started(conn, steps).await.map_err(|e| Failure::of(None, e, steps.len()))?;
        }
    }
    Ok(kept)
}

/// The database's own client runs each file in a session of its own; one run of `migrate`
/// runs them all in one. So a migration that changed the session (PostgreSQL `SET`, MySQL
/// `USE other_db`) has it put back (`RESET ALL`, `USE` the first database) before the next
/// one, which starts as every migration starts.
async fn back_where_it_started(conn: &mut Connection, steps: &[Step]) -> Result<()> {
    let dialect = conn.dialect();
    if !step_texts(steps).iter().any(|t| crate::sql::moves_session(dialect, t)) {
        return Ok(());
    }
    let sql = match (conn.dialect(), &conn.tables().schema) {
        (Dialect::Postgres, _) => "RESET ALL".to_owned(),
        (Dialect::MySql, Some(db)) => format!("USE {}", Dialect::MySql.quote(db)),
        _ => return Ok(()),
    };
    conn.execute(&sql).await.map(|_| ()).map_err(Error::db("moving the session back where the migration started"))
}

/// One run of `up` or `down`: the connection, the history as it was, and what was done.
pub(super) struct Run<'c, 'r> {
    pub(super) conn: &'c mut Connection,
    pub(super) rows: &'r [HistoryRow],
    pub(super) batch: i64,
    /// By version, the rows to keep before a migration drops a table or column.
    pub(super) keeps: Vec<(u64, Vec<Keep>)>,
    pub(super) events: &'r Listeners,
    pub(super) report: Report,
}

/// The `tracing` span of one migration.
pub(super) fn migration_span(p: &Prepared<'_>) -> tracing::Span {
    tracing::info_span!(target: "migrate", "migration", version = p.m.version, name = %p.m.name)
}

impl Run<'_, '_> {
    /// Run `p`'s up, keeping rows before its drops; with `track`, record progress.
    async fn run_up(&mut self, p: &Prepared<'_>, track: bool) -> std::result::Result<(), Failure> {
        let keeps = self.keeps.iter().find(|(v, _)| *v == p.m.version).map_or(&[][..], |(_, k)| k);
        let track = track.then_some(p.m.version);
        let kept = run_work(self.conn, &p.up, track, Some((p.m.version, keeps))).await?;
        self.report.kept.extend(kept);
        Ok(())
    }

    /// `p`'s statements as one text, each ended on a line of its own (after whatever comment
    /// it ends with), for a batch sent in one request: `None` unless it is plain statements
    /// (no values to bind, no table rebuild, no rows to keep before a drop).
    fn plain_statements(&self, p: &Prepared<'_>) -> Option<String> {
        let Work::Steps(steps) = &p.up else { return None };
        if self.keeps.iter().any(|(v, k)| *v == p.m.version && !k.is_empty()) {
            return None;
        }
        let mut text = String::new();
        for step in steps {
            match step {
                Step::Execute(s) if s.values.0.is_empty() => text.push_str(&s.sql),
                _ => return None,
            }
            text.push_str("\n;\n");
        }
        Some(text)
    }

    /// The error of `p` failing: `message` says what and where, `source` what under it.
    fn failed(version: u64, name: &str, message: String, source: Option<Cause>) -> Error {
        Error::Migration { version, name: name.to_owned(), message, source }
    }

    /// [`Event::MigrationStarted`]; an error stops the run before the migration.
    fn starting(&self, direction: Direction, version: u64, name: &str) -> Result<()> {
        self.events.emit(&Event::MigrationStarted { direction, version, name })
    }

    /// [`Event::MigrationDone`]; an error stops the run before the next migration.
    fn finished(&self, direction: Direction, version: u64, name: &str, started: Instant) -> Result<()> {
        let execution_ms = super::millis(started);
        self.events.emit(&Event::MigrationDone { direction, version, name, execution_ms })
    }

    /// [`Event::MigrationFailed`] (listeners cannot change the outcome).
    fn failing(&self, direction: Direction, version: u64, name: &str, error: &str) {
        let _ = self.events.emit(&Event::MigrationFailed { direction, version, name, error });
    }
}
