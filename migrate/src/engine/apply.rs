//! `up`, `down` and `fresh` under the lock: verification, the checks before anything runs,
//! and the commit strategy of each database (see [`super::run`]).

use super::graph::Graph;
use super::prepare::{Prepared, available_of, down_planned, down_work, pending};
use super::record::record_audit;
use super::run::{Run, migration_span};
use super::verify::{down_targets, is_applied, verified};
use super::{Direction, DownTarget, Event, Migration, Migrator, Planned, Problem, Report, UpTarget};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, HistoryRow};
use crate::keep::Keep;
use crate::lock::{self, released};
use migrate_schema::Dialect;
use std::time::Instant;
use tracing::Instrument;

impl Migrator {
    /// Apply pending migrations, under the lock, after verification.
    pub async fn up(&self, conn: &mut Connection, target: UpTarget) -> Result<Report> {
        self.bind(conn);
        let dialect = conn.dialect();
        self.listeners.observe(Direction::Up, dialect, self.up_unobserved(conn, target)).await
    }

    async fn up_unobserved(&self, conn: &mut Connection, target: UpTarget) -> Result<Report> {
        // Part-way through a squash's range: the originals run until all of them are, then
        // the squash is recorded.
        if let Some(originals) = self.partway(conn.dialect(), &history::rows(conn).await?)? {
            let report = originals.up_squashed(conn, target).await?;
            self.record_squashes(conn).await?;
            return Ok(report);
        }
        self.record_squashes(conn).await?;
        self.up_squashed(conn, target).await
    }

    async fn up_squashed(&self, conn: &mut Connection, target: UpTarget) -> Result<Report> {
        let started = Instant::now();
        let available: Vec<&Migration> = self.for_dialect(conn.dialect()).collect();
        if available.is_empty() {
            return Err(Error::Config(crate::registry::NONE_LINKED.to_owned()));
        }
        // Nothing pending and nothing wrong: done, without rendering anything or taking the
        // lock (on SQLite that saves the two commits of the lock row). A run that finds work
        // re-reads the history under the lock before it does anything.
        let rows = history::rows(conn).await?;
        let rows = super::squash::beside_squashes(self.squashes(conn.dialect()), &rows);
        let nothing_pending =
            available.iter().all(|m| is_applied(&rows, m.version) || target.to.is_some_and(|to| m.version > to))
                || target.step == Some(0);
        if nothing_pending && self.problems(&available, &rows).is_empty() {
            let dialect = conn.dialect();
            self.listeners.emit(&Event::RunStarted { direction: Direction::Up, dialect, versions: &[] })?;
            let skipped = available.iter().filter(|m| is_applied(&rows, m.version)).map(|m| m.version).collect();
            return Ok(Report { skipped, elapsed_ms: started.elapsed().as_millis(), ..Report::default() });
        }
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = self.up_locked(conn, &prepared, target).await;
        let mut report = released(conn, result).await?;
        report.elapsed_ms = started.elapsed().as_millis();
        Ok(report)
    }

    /// Refuse, before anything runs, pending migrations that cannot apply (validation) or whose
    /// risks the configuration refuses. Returns, by version, the rows to keep before drops.
    async fn checked_before_up(
        &self,
        conn: &mut Connection,
        prepared: &[Prepared<'_>],
        rows: &[HistoryRow],
        target: UpTarget,
    ) -> Result<Vec<(u64, Vec<Keep>)>> {
        let todo = pending(prepared, rows, target);
        if todo.is_empty() {
            return Ok(Vec::new());
        }
        let checked = self.check_pending(conn, &todo).await?;
        verified(checked.problems)?;
        let keeps = match self.options.discard_dropped {
            true => Vec::new(),
            false => todo.iter().map(|p| p.m.version).zip(checked.keeps).filter(|(_, k)| !k.is_empty()).collect(),
        };
        let Some(refused) = self.options.refuse_risk.filter(|_| !self.options.allow_risk) else { return Ok(keeps) };
        let mut found = Vec::new();
        for (p, risks) in todo.iter().zip(&checked.risks) {
            for r in risks.iter().filter(|r| r.level >= refused && !r.accepted) {
                found.push(format!(
                    "V{} {} ({}): {} risk `{}` on {}: {}",
                    p.m.version, p.m.name, r.at, r.level, r.rule, r.object, r.reason
                ));
            }
        }
        if found.is_empty() {
            return Ok(keeps);
        }
        Err(Error::Risk { refused, risks: found })
    }

    async fn up_locked(&self, conn: &mut Connection, prepared: &[Prepared<'_>], target: UpTarget) -> Result<Report> {
        history::ensure(conn).await?;
        let rows = history::rows(conn).await?;
        verified(self.problems(&available_of(prepared), &rows))?;
        // Under the lock: another runner may have applied some of them meanwhile.
        let keeps = self.checked_before_up(conn, prepared, &rows, target).await?;
        let todo = pending(prepared, &rows, target);
        let batch = rows.iter().map(|r| r.batch).max().unwrap_or(0) + 1;
        let versions: Vec<u64> = todo.iter().map(|p| p.m.version).collect();
        let dialect = conn.dialect();
        self.listeners.emit(&Event::RunStarted { direction: Direction::Up, dialect, versions: &versions })?;
        let skipped = prepared.iter().filter(|p| is_applied(&rows, p.m.version)).map(|p| p.m.version).collect();
        let report = Report { skipped, ..Report::default() };
        let mut run = Run { conn, rows: &rows, batch, keeps, events: &self.listeners, report };
        let dialect = run.conn.dialect();
        if self.options.atomic {
            if dialect == Dialect::MySql {
                return Err(Error::Config(
                    "--atomic needs transactional DDL; MySQL/MariaDB commit every DDL statement implicitly".into(),
                ));
            }
            if let Some(p) = todo.iter().find(|p| !p.m.transaction) {
                return Err(Error::Config(format!(
                    "--atomic cannot include V{} {}, which must run outside a transaction",
                    p.m.version, p.m.name
                )));
            }
        }
        let outcome = match dialect {
            Dialect::Sqlite => run.grouped(&todo, self.options.atomic).await,
            Dialect::Postgres if self.options.atomic => run.grouped(&todo, true).await,
            Dialect::MySql | Dialect::Postgres => {
                let mut outcome = Ok(());
                for (i, p) in todo.iter().enumerate() {
                    outcome = match dialect == Dialect::Postgres && p.m.transaction {
                        true => run.in_transaction(p, i + 1 < todo.len()).instrument(migration_span(p)).await,
                        false => run.direct(p).instrument(migration_span(p)).await,
                    };
                    if outcome.is_err() {
                        break;
                    }
                }
                outcome
            }
        };
        match outcome {
            Ok(()) => Ok(run.report),
            Err(error) if run.report.applied.is_empty() => Err(error),
            // What committed before the failure is reported with it.
            Err(error) => Err(Error::Partial { report: Box::new(run.report), error: Box::new(error) }),
        }
    }

    /// The statements `down` would run, per migration, newest first.
    pub async fn down_plan(&self, conn: &mut Connection, target: DownTarget) -> Result<Vec<Planned>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
        Ok(down_planned(conn.dialect(), &prepared, &rows, target)?.into_iter().map(|(planned, _)| planned).collect())
    }

    /// Roll back applied migrations, newest first, each in its own transaction where the
    /// database allows it; stops at the first error. Refuses before running anything when
    /// one of them cannot be rolled back.
    pub async fn down(&self, conn: &mut Connection, target: DownTarget) -> Result<Report> {
        self.bind(conn);
        if let Some(originals) = self.partway(conn.dialect(), &history::rows(conn).await?)? {
            return Box::pin(originals.down(conn, target)).await;
        }
        let started = Instant::now();
        let dialect = conn.dialect();
        let run = async {
            let prepared = self.prepare(dialect)?;
            lock::acquire(conn, self.options.lock).await?;
            let result = self.down_locked(conn, &prepared, target).await;
            let mut report = released(conn, result).await?;
            report.elapsed_ms = started.elapsed().as_millis();
            Ok(report)
        };
        self.listeners.observe(Direction::Down, dialect, run).await
    }

    async fn down_locked(
        &self,
        conn: &mut Connection,
        prepared: &[Prepared<'_>],
        target: DownTarget,
    ) -> Result<Report> {
        history::ensure(conn).await?;
        let rows = history::rows(conn).await?;
        let blocking: Vec<Problem> = self
            .problems(&available_of(prepared), &rows)
            .into_iter()
            .filter(|p| p.kind == "failed" || p.kind == "checksum")
            .collect();
        verified(blocking)?;
        let rows = super::squash::beside_squashes(self.squashes(conn.dialect()), &rows);
        if let DownTarget::To(v) = target {
            self.within_squash(conn.dialect(), &rows, v)?;
        }
        let targets = down_targets(&Graph::of(prepared.iter().map(|p| p.m)), &rows, target)?;
        let versions: Vec<u64> = targets.iter().map(|r| r.version).collect();
        let dialect = conn.dialect();
        self.listeners.emit(&Event::RunStarted { direction: Direction::Down, dialect, versions: &versions })?;
        let mut works = Vec::new();
        for row in &targets {
            works.push(down_work(conn.dialect(), prepared, row)?);
        }
        let mut run =
            Run { conn, rows: &rows, batch: 0, keeps: Vec::new(), events: &self.listeners, report: Report::default() };
        for (row, work) in targets.iter().zip(&works) {
            run.roll_back(row, work).await?;
            self.rolled_back_with_squash(run.conn, row.version).await?;
        }
        Ok(run.report)
    }

    /// Drop every table, view and type of the database (the tool's own audit and lock
    /// tables excepted), forget the history, and apply every migration.
    pub async fn fresh(&self, conn: &mut Connection) -> Result<Report> {
        self.bind(conn);
        let started = Instant::now();
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let t = Instant::now();
            let dropped = conn.drop_everything().await?;
            history::ensure(conn).await?;
            let detail = format!("dropped {}", dropped.join(", "));
            record_audit(conn, "fresh", None, None, "ok", Some(detail), t).await?;
            self.up_locked(conn, &prepared, UpTarget::default()).await
        }
        .await;
        let mut report = released(conn, result).await?;
        report.elapsed_ms = started.elapsed().as_millis();
        Ok(report)
    }
}
