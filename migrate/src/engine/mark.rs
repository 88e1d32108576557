//! Recording what was done without running it: `baseline`, `resolve`, `unlock`.

use super::Migrator;
use super::Resolution;
use super::prepare::{Prepared, Work};
use super::record::{exec, record_audit};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, HistoryRow, NewRow, status};
use crate::lock::released;
use crate::lock::{self, LockHolder};
use sea_query::{Expr, SimpleExpr};
use std::time::Instant;

impl Migrator {
    /// Record every available migration up to `version` as applied without running it,
    /// for a database whose schema already exists. Refused when anything is applied.
    pub async fn baseline(&self, conn: &mut Connection, version: u64) -> Result<Vec<u64>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            history::ensure(conn).await?;
            let rows = history::rows(conn).await?;
            if let Some(r) = rows.iter().find(|r| r.status == status::APPLIED) {
                return Err(Error::Config(format!(
                    "cannot baseline: V{} {} is already applied; baseline is for a database with no history",
                    r.version, r.name
                )));
            }
            let t = Instant::now();
            let h = crate::history::Sql::of(conn);
            let mut marked = Vec::new();
            conn.begin().await.map_err(Error::step("baseline"))?;
            for p in prepared.iter().filter(|p| p.m.version <= version) {
                let row = recorded_without_running(p, 0, "baseline");
                exec(conn, &h.delete(p.m.version)).await?;
                exec(conn, &h.insert(&row)).await?;
                marked.push(p.m.version);
            }
            let detail = format!("baseline at V{version}: {} migration(s) recorded as applied", marked.len());
            record_audit(conn, "baseline", Some(version), None, "ok", Some(detail), t).await?;
            conn.commit().await.map_err(Error::step("baseline"))?;
            Ok(marked)
        }
        .await;
        released(conn, result).await
    }

    /// Record what happened to a failed or interrupted migration, after the user
    /// finished (`Applied`) or undid (`RolledBack`) it by hand.
    pub async fn resolve(&self, conn: &mut Connection, version: u64, resolution: Resolution) -> Result<()> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let rows = history::rows(conn).await?;
            resolve_locked(conn, &prepared, &rows, version, resolution).await
        }
        .await;
        released(conn, result).await
    }

    /// Write `detail` to the audit under `action`: what a command was told to overlook
    /// (`--no-sum-check`).
    pub async fn audit_note(&self, conn: &mut Connection, action: &'static str, detail: String) -> Result<()> {
        self.bind(conn);
        history::ensure(conn).await?;
        record_audit(conn, action, None, None, "ok", Some(detail), Instant::now()).await
    }

    /// Clear the migration lock: a dead or stale holder's, or anyone's with `force`.
    pub async fn unlock(&self, conn: &mut Connection, force: bool) -> Result<Option<LockHolder>> {
        self.bind(conn);
        let t = Instant::now();
        let holder = lock::unlock(conn, force, self.options.lock).await?;
        if let Some(h) = &holder {
            history::ensure(conn).await?;
            let detail = format!("cleared the lock of {h}{}", if force { " (forced)" } else { "" });
            record_audit(conn, "unlock", None, None, "ok", Some(detail), t).await?;
        }
        Ok(holder)
    }
}

/// The history row of a migration recorded as applied without running (`baseline`,
/// `resolve`), saying which command recorded it.
pub(super) fn recorded_without_running<'a>(p: &'a Prepared<'_>, batch: i64, by: &str) -> NewRow<'a> {
    NewRow {
        version: p.m.version,
        name: &p.m.name,
        checksum: &p.m.checksum,
        status: status::APPLIED,
        execution_ms: 0,
        batch,
        error_message: Some(format!("{by}: recorded as applied without running")),
        progress: None,
        down_sql: p.down.as_ref().ok().and_then(Work::sql_text),
        statement_checksums: None,
        kind: p.m.kind.as_str(),
    }
}

/// [`Migrator::resolve`] under the lock, with the history as read under it.
pub(super) async fn resolve_locked(
    conn: &mut Connection,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    version: u64,
    resolution: Resolution,
) -> Result<()> {
    let Some(row) = rows.iter().find(|r| r.version == version) else {
        return resolve_pending(conn, prepared, rows, version, resolution).await;
    };
    if row.status == status::APPLIED || row.status == status::ROLLED_BACK {
        return Err(Error::Config(format!(
            "V{version} {} is {}, not failed or interrupted: nothing to resolve",
            row.name, row.status
        )));
    }
    let t = Instant::now();
    let h = crate::history::Sql::of(conn);
    let (new_status, word) = match resolution {
        Resolution::Applied => (status::APPLIED, "applied"),
        Resolution::RolledBack => (status::ROLLED_BACK, "rolled back"),
    };
    let mut values: Vec<(&'static str, SimpleExpr)> =
        vec![("status", new_status.into()), ("progress", Expr::val(Option::<i32>::None))];
    if let Some(p) = prepared.iter().find(|p| p.m.version == version) {
        values.push(("checksum", p.m.checksum.clone().into()));
    }
    exec(conn, &h.update(version, values)).await?;
    let detail = format!("marked {word} by hand (was {})", row.status);
    record_audit(conn, "resolve", Some(version), Some(&row.name), "ok", Some(detail), t).await
}

/// `resolve V --applied` for a migration with no history row: its changes were made by
/// hand (or the database they were generated from already has them), so it is recorded
/// as applied, in a batch of its own, without running.
pub(super) async fn resolve_pending(
    conn: &mut Connection,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    version: u64,
    resolution: Resolution,
) -> Result<()> {
    let p = prepared.iter().find(|p| p.m.version == version).ok_or_else(|| {
        Error::Config(format!("V{version} has no row in the history and is not an available migration"))
    })?;
    if resolution == Resolution::RolledBack {
        return Err(Error::Config(format!(
            "V{version} {} was never applied: there is nothing to roll back or resolve",
            p.m.name
        )));
    }
    let t = Instant::now();
    let h = crate::history::Sql::of(conn);
    let row = recorded_without_running(p, rows.iter().map(|r| r.batch).max().unwrap_or(0) + 1, "resolve");
    exec(conn, &h.insert(&row)).await?;
    let detail = "marked applied by hand (was pending)".to_owned();
    record_audit(conn, "resolve", Some(version), Some(&p.m.name), "ok", Some(detail), t).await
}
