//! Running migrations: one migration's work with its statements counted, and the commit
//! strategies of a run (per-migration transactions, grouped under savepoints, direct for
//! MySQL and `transaction = false`, rolling back), each with its history and audit rows.

use super::events::Listeners;
use super::types::{Done, Report};
use super::{Direction, Event, Prepared, Work, exec, millis, record_audit, step_texts};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, Audit, HistoryRow, NewRow, status};
use crate::keep::{self, Keep};
use crate::registry::BoxFuture;
use crate::tx::Tx;
use migrate_schema::{Dialect, Step};
use sea_query::{Expr, SimpleExpr};
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Instant;
use tracing::Instrument;

/// A failed migration: what broke, and how many statements ran before it.
pub(super) struct Failure {
    pub(super) message: String,
    pub(super) ran: usize,
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
            CatchUnwind(f(&mut Tx { conn })).await.map_err(|e| Failure { message: e.to_string(), ran: 0 })?;
        }
        Work::Steps(steps) => {
            let h = conn.history_sql();
            for (i, step) in steps.iter().enumerate() {
                if let Some((version, keeps)) = keeping {
                    for (n, k) in keeps.iter().enumerate().filter(|(_, k)| k.step == i) {
                        let note = keep::keep(conn, version, n, k)
                            .await
                            .map_err(|e| Failure { message: format!("before statement {}: {e}", i + 1), ran: i })?;
                        kept.push(note);
                    }
                }
                conn.run_step(step).await.map_err(|e| Failure {
                    message: format!("statement {} of {} failed: {e}", i + 1, steps.len()),
                    ran: i,
                })?;
                if let Some(version) = track {
                    let progress = i32::try_from(i + 1).unwrap_or(i32::MAX);
                    exec(conn, &h.update(version, vec![("progress", progress.into())]))
                        .await
                        .map_err(|e| Failure { message: e.to_string(), ran: i + 1 })?;
                }
            }
            back_where_it_started(conn, steps)
                .await
                .map_err(|e| Failure { message: e.to_string(), ran: steps.len() })?;
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
/// History rows and audit entries waiting for the end of a grouped transaction.
#[derive(Default)]
struct Deferred<'a> {
    rows: Vec<NewRow<'a>>,
    audit: Vec<Audit<'a>>,
}

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

    fn had_row(&self, version: u64) -> bool {
        self.rows.iter().any(|r| r.version == version)
    }

    fn applied_row<'a>(&self, p: &'a Prepared<'_>, started: Instant) -> NewRow<'a> {
        NewRow {
            version: p.m.version,
            name: &p.m.name,
            checksum: &p.m.checksum,
            status: status::APPLIED,
            execution_ms: millis(started),
            batch: self.batch,
            error_message: None,
            progress: None,
            down_sql: p.down.as_ref().ok().and_then(Work::sql_text),
            statement_checksums: None,
        }
    }

    /// The history row and audit entry of a success, inside the migration's transaction.
    async fn record_success(&mut self, p: &Prepared<'_>, started: Instant) -> Result<()> {
        let dialect = self.conn.dialect();
        let h = self.conn.history_sql();
        if self.had_row(p.m.version) {
            exec(self.conn, &h.delete(p.m.version)).await?;
        }
        let row = self.applied_row(p, started);
        let entry = Audit {
            action: "apply",
            version: Some(p.m.version),
            name: Some(&p.m.name),
            outcome: "ok",
            detail: None,
            duration_ms: millis(started),
        };
        if dialect == Dialect::Postgres {
            exec(self.conn, &h.insert_with_audit(&row, &entry)).await?;
        } else {
            exec(self.conn, &h.insert(&row)).await?;
            exec(self.conn, &h.audit(&entry)).await?;
        }
        self.report.applied.push(Done { version: p.m.version, name: p.m.name.clone(), execution_ms: millis(started) });
        Ok(())
    }

    /// A failed row (nothing of it committed) and its audit entry.
    async fn record_failure(&mut self, p: &Prepared<'_>, message: &str, started: Instant) -> Result<()> {
        let h = self.conn.history_sql();
        let row = NewRow {
            status: status::FAILED,
            error_message: Some(message.to_owned()),
            down_sql: None,
            ..self.applied_row(p, started)
        };
        if self.had_row(p.m.version) {
            exec(self.conn, &h.delete(p.m.version)).await?;
        }
        exec(self.conn, &h.insert(&row)).await?;
        record_audit(
            self.conn,
            "apply",
            Some(p.m.version),
            Some(&p.m.name),
            "failed",
            Some(message.to_owned()),
            started,
        )
        .await
    }

    fn failed(p: &Prepared<'_>, message: String) -> Error {
        Error::Migration { version: p.m.version, name: p.m.name.clone(), message, source: None }
    }

    /// [`Event::MigrationStarted`]; an error stops the run before the migration.
    fn starting(&self, direction: Direction, version: u64, name: &str) -> Result<()> {
        self.events.emit(&Event::MigrationStarted { direction, version, name })
    }

    /// [`Event::MigrationDone`]; an error stops the run before the next migration.
    fn finished(&self, direction: Direction, version: u64, name: &str, started: Instant) -> Result<()> {
        let execution_ms = millis(started);
        self.events.emit(&Event::MigrationDone { direction, version, name, execution_ms })
    }

    /// [`Event::MigrationFailed`] (listeners cannot change the outcome).
    fn failing(&self, direction: Direction, version: u64, name: &str, error: &str) {
        let _ = self.events.emit(&Event::MigrationFailed { direction, version, name, error });
    }

    /// PostgreSQL: the migration, its history row and its audit entry in one transaction.
    /// Besides the migration's own statements that is three round trips: `BEGIN` (with the
    /// commit setting), the row and entry in one statement, `COMMIT`.
    pub(super) async fn in_transaction(&mut self, p: &Prepared<'_>, more_follow: bool) -> Result<()> {
        self.starting(Direction::Up, p.m.version, &p.m.name)?;
        let started = Instant::now();
        // The last migration's synchronous commit flushes the WAL of those before it.
        let begin = if more_follow { "BEGIN; SET LOCAL synchronous_commit = off" } else { "BEGIN" };
        self.conn.execute(begin).await.map_err(Error::db("starting a transaction"))?;
        match self.run_up(p, false).await {
            Ok(()) => {
                let recorded = self.record_success(p, started).await;
                if let Err(e) = recorded {
                    // The database's own message, recorded as the failure: the row and
                    // audit entry go in once the transaction is rolled back.
                    let _ = self.conn.rollback().await;
                    let message = e.to_string();
                    self.failing(Direction::Up, p.m.version, &p.m.name, &message);
                    let _ = self.record_failure(p, &message, started).await;
                    return Err(Self::failed(p, message));
                }
                self.conn.commit().await.map_err(Error::step("committing"))?;
                self.finished(Direction::Up, p.m.version, &p.m.name, started)
            }
            Err(f) => {
                let _ = self.conn.rollback().await;
                self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                self.record_failure(p, &f.message, started).await?;
                Err(Self::failed(p, f.message))
            }
        }
    }

    /// SQLite: one transaction, a savepoint per migration. `--atomic` (SQLite, PostgreSQL):
    /// one transaction and no savepoints, since any failure rolls everything back; SQLite's
    /// foreign-key check then runs once, after the last migration. Nothing commits before
    /// the transaction does, so the history rows and audit entries wait until then and go
    /// in a few multi-row inserts instead of two statements per migration.
    pub(super) async fn grouped(&mut self, todo: &[&Prepared<'_>], atomic: bool) -> Result<()> {
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
                result = crate::driver::check_sqlite_foreign_keys(c)
                    .await
                    .map_err(|e| Failure { message: e.to_string(), ran: 0 });
            }
            match result {
                Ok(()) => {
                    let h = self.conn.history_sql();
                    if self.had_row(p.m.version)
                        && let Err(e) = exec(self.conn, &h.delete(p.m.version)).await
                    {
                        let _ = self.conn.rollback().await;
                        return Err(e);
                    }
                    deferred.rows.push(self.applied_row(p, started));
                    deferred.audit.push(Audit {
                        action: "apply",
                        version: Some(p.m.version),
                        name: Some(&p.m.name),
                        outcome: "ok",
                        detail: None,
                        duration_ms: millis(started),
                    });
                    self.report.applied.push(Done {
                        version: p.m.version,
                        name: p.m.name.clone(),
                        execution_ms: millis(started),
                    });
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
                    return Err(Self::failed(p, message));
                }
                Err(f) => {
                    self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                    let undo = "ROLLBACK TO SAVEPOINT migrate_step";
                    self.conn.execute(undo).await.map_err(Error::db(undo))?;
                    self.conn.execute("RELEASE SAVEPOINT migrate_step").await.map_err(Error::db("RELEASE"))?;
                    self.flush_or_rollback(&mut deferred).await?;
                    self.record_failure(p, &f.message, started).await?;
                    self.conn.commit().await.map_err(Error::step("committing"))?;
                    return Err(Self::failed(p, f.message));
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

    /// Write the deferred history rows and audit entries; on failure roll the
    /// transaction back, so that no migration stays applied without its row.
    async fn flush_or_rollback(&mut self, deferred: &mut Deferred<'_>) -> Result<()> {
        let h = self.conn.history_sql();
        let waiting = deferred.rows.len();
        let mut written = Ok(());
        for chunk in deferred.rows.chunks(history::ROWS_PER_INSERT) {
            written = exec(self.conn, &h.insert_rows(chunk)).await;
            if written.is_err() {
                break;
            }
        }
        if written.is_ok() {
            for chunk in deferred.audit.chunks(history::ROWS_PER_INSERT) {
                written = exec(self.conn, &h.audit_rows(chunk)).await;
                if written.is_err() {
                    break;
                }
            }
        }
        deferred.rows.clear();
        let Err(e) = written else {
            deferred.audit.clear();
            return Ok(());
        };
        let _ = self.conn.rollback().await;
        let kept = self.report.applied.len().saturating_sub(waiting);
        self.report.applied.truncate(kept);
        // Nothing of them remains, so the history has no row for them; the audit says why.
        let versions: Vec<String> = deferred.audit.iter().filter_map(|a| a.version).map(|v| format!("V{v}")).collect();
        let context = format!(
            "{} ran, but writing {} to the history failed, so the transaction was rolled back and nothing of {} \
             remains",
            versions.join(", "),
            if versions.len() == 1 { "it" } else { "them" },
            if versions.len() == 1 { "it" } else { "them" },
        );
        let detail = format!("{context}: {e}");
        let entries: Vec<Audit<'_>> =
            deferred.audit.drain(..).map(|a| Audit { outcome: "failed", detail: Some(detail.clone()), ..a }).collect();
        for chunk in entries.chunks(history::ROWS_PER_INSERT) {
            exec(self.conn, &h.audit_rows(chunk)).await?;
        }
        Err(e.within(context))
    }

    /// Outside any transaction (MySQL, `transaction = false`): a `pending` row first, the
    /// progress after each statement, then `applied` or `failed`.
    pub(super) async fn direct(&mut self, p: &Prepared<'_>) -> Result<()> {
        self.starting(Direction::Up, p.m.version, &p.m.name)?;
        let started = Instant::now();
        let h = self.conn.history_sql();
        if self.had_row(p.m.version) {
            exec(self.conn, &h.delete(p.m.version)).await?;
        }
        let checksums = match &p.up {
            Work::Steps(steps) => Some(history::statement_checksums(&step_texts(steps))),
            _ => None,
        };
        let row = NewRow {
            status: status::PENDING,
            progress: Some(0),
            statement_checksums: checksums,
            ..self.applied_row(p, started)
        };
        exec(self.conn, &h.insert(&row)).await?;
        let mut result = self.run_up(p, true).await;
        if result.is_ok() && self.conn.in_transaction().await.unwrap_or(false) {
            // A `BEGIN` without its `COMMIT`: the database's own client rolls it back when
            // its session ends, and so does this run, rather than commit it with our rows.
            let _ = self.conn.execute("ROLLBACK").await;
            let ran = p.up.statements().len();
            let message = "the migration left a transaction open (a BEGIN without COMMIT); it was rolled back, as \
                           the database's own client does when its session ends, so what ran after the BEGIN \
                           did not take effect"
                .to_owned();
            result = Err(Failure { message, ran });
        }
        match result {
            Ok(()) => {
                let values = vec![
                    ("status", status::APPLIED.into()),
                    ("progress", Expr::val(Option::<i32>::None)),
                    ("execution_time", millis(started).into()),
                ];
                exec(self.conn, &h.update(p.m.version, values)).await?;
                record_audit(self.conn, "apply", Some(p.m.version), Some(&p.m.name), "ok", None, started).await?;
                self.report.applied.push(Done {
                    version: p.m.version,
                    name: p.m.name.clone(),
                    execution_ms: millis(started),
                });
                self.finished(Direction::Up, p.m.version, &p.m.name, started)
            }
            Err(f) => {
                self.failing(Direction::Up, p.m.version, &p.m.name, &f.message);
                // Nothing committed when the first statement of rendered steps failed.
                let nothing_ran = f.ran == 0 && matches!(p.up, Work::Steps(_));
                let message = if nothing_ran {
                    f.message.clone()
                } else {
                    format!(
                        "{}; {} statement(s) before it were committed (see `migrate recover {}`)",
                        f.message, f.ran, p.m.version
                    )
                };
                let progress: SimpleExpr = if nothing_ran {
                    Expr::val(Option::<i32>::None)
                } else {
                    i32::try_from(f.ran).unwrap_or(i32::MAX).into()
                };
                let values = vec![
                    ("status", status::FAILED.into()),
                    ("progress", progress),
                    ("error_message", message.clone().into()),
                    ("execution_time", millis(started).into()),
                ];
                exec(self.conn, &h.update(p.m.version, values)).await?;
                record_audit(
                    self.conn,
                    "apply",
                    Some(p.m.version),
                    Some(&p.m.name),
                    "failed",
                    Some(message.clone()),
                    started,
                )
                .await?;
                Err(Self::failed(p, message))
            }
        }
    }

    /// Roll back one migration: in a transaction with its history update where the
    /// database allows it, statement by statement on MySQL.
    pub(super) async fn roll_back(&mut self, row: &HistoryRow, work: &Work) -> Result<()> {
        self.starting(Direction::Down, row.version, &row.name)?;
        let started = Instant::now();
        let dialect = self.conn.dialect();
        let h = self.conn.history_sql();
        let transactional = dialect != Dialect::MySql;
        let failed = |message: String| Error::Migration {
            version: row.version,
            name: row.name.clone(),
            message: format!("rolling back: {message}"),
            source: None,
        };
        if transactional {
            self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
        }
        let mut result = run_work(self.conn, work, None, None).await.map(|_| Vec::new());
        if result.is_ok() {
            // The rows the migration kept before its drops go back where its down recreated
            // their table or column.
            let ran = work.statements().len();
            result = keep::restore(self.conn, row.version).await.map_err(|e| Failure { message: e.to_string(), ran });
        }
        if result.is_ok()
            && let Connection::Sqlite(c) = &mut *self.conn
        {
            let ran = work.statements().len();
            if let Err(e) = crate::driver::check_sqlite_foreign_keys(c).await {
                result = Err(Failure { message: e.to_string(), ran });
            }
        }
        match result {
            Ok(restored) => {
                self.report.kept.extend(restored);
                let rollback_checksum = work.sql_text().map(|sql| migrate_schema::checksum_sql(&sql));
                let values = vec![
                    ("status", status::ROLLED_BACK.into()),
                    ("rollback_checksum", rollback_checksum.into()),
                    ("progress", Expr::val(Option::<i32>::None)),
                ];
                let recorded = async {
                    exec(self.conn, &h.update(row.version, values)).await?;
                    record_audit(self.conn, "rollback", Some(row.version), Some(&row.name), "ok", None, started).await
                }
                .await;
                if let Err(e) = recorded {
                    if transactional {
                        let _ = self.conn.rollback().await;
                    }
                    return Err(e);
                }
                if transactional {
                    self.conn.commit().await.map_err(Error::step("committing"))?;
                }
                self.report.rolled_back.push(Done {
                    version: row.version,
                    name: row.name.clone(),
                    execution_ms: millis(started),
                });
                self.finished(Direction::Down, row.version, &row.name, started)
            }
            Err(f) => {
                self.failing(Direction::Down, row.version, &row.name, &f.message);
                if transactional {
                    let _ = self.conn.rollback().await;
                } else if f.ran > 0 {
                    let message =
                        format!("rolling back: {}; {} statement(s) before it were committed", f.message, f.ran);
                    let values = vec![
                        ("status", status::FAILED.into()),
                        ("progress", i32::try_from(f.ran).unwrap_or(i32::MAX).into()),
                        ("error_message", message.into()),
                    ];
                    exec(self.conn, &h.update(row.version, values)).await?;
                }
                let detail = Some(f.message.clone());
                record_audit(self.conn, "rollback", Some(row.version), Some(&row.name), "failed", detail, started)
                    .await?;
                Err(failed(f.message))
            }
        }
    }
}
