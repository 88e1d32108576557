//! Acting on a migration that stopped half-way: retry, roll back, skip or mark (see
//! [`RecoverAction`]), under the lock, each recorded in the history and the audit.

use super::{RecoverAction, Recovery, not_found};
use crate::driver::Connection;
use crate::engine::{Migrator, Prepared, Work, exec, record_audit, released};
use crate::error::{Error, Result};
use crate::history::{self, status};
use crate::keep;
use crate::lock;
use migrate_schema::{Dialect, Step};
use sea_query::{Expr, SimpleExpr};
use std::time::Instant;

impl Migrator {
    /// Act on the migration `version` that stopped half-way (see [`RecoverAction`]).
    pub async fn recover(&self, conn: &mut Connection, version: u64, action: RecoverAction) -> Result<Recovery> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            history::ensure(conn).await?;
            let rows = history::rows(conn).await?;
            let row = rows
                .iter()
                .find(|r| r.version == version && r.is_blocking())
                .ok_or_else(|| not_found(version, &rows))?;
            let database = conn.introspect().await?;
            let kept = keep::list(conn).await?;
            let recovery = self.recovery(conn.dialect(), &prepared, &database, &kept, row)?;
            if let RecoverAction::Mark(resolution) = action {
                // Recorded in the audit table as a `resolve`.
                crate::engine::mark::resolve_locked(conn, &prepared, &rows, version, resolution).await?;
                return Ok(recovery);
            }
            // Without its statements (edited since, or no longer available) nothing can be
            // retried or undone safely.
            if let (true, Some(reason)) = (recovery.statements.is_empty(), &recovery.rollback_blocked)
                && matches!(action, RecoverAction::Retry | RecoverAction::Rollback)
            {
                return Err(Error::Config(format!("V{version} cannot be recovered that way: {reason}")));
            }
            let started = Instant::now();
            let dialect = conn.dialect();
            let h = crate::history::Sql::of(conn);
            let detail = match action {
                RecoverAction::Retry => {
                    let p = prepared.iter().find(|p| p.m.version == version).ok_or_else(|| {
                        Error::Config(format!("V{version} is no longer available: there is nothing to retry"))
                    })?;
                    let Work::Steps(steps) = &p.up else {
                        return Err(Error::Config(format!(
                            "V{version} is async Rust code: it cannot resume half-way; undo it by hand and mark it"
                        )));
                    };
                    let edited = row.checksum != p.m.checksum;
                    retry(conn, p, steps, recovery.ran, started).await?;
                    let mut detail = format!("retry: ran statement(s) {}..={}", recovery.ran + 1, steps.len());
                    if edited {
                        detail.push_str(&format!(
                            " of the file as edited since it stopped (checksum {} then, {} now)",
                            crate::engine::short(&row.checksum),
                            crate::engine::short(&p.m.checksum)
                        ));
                    }
                    detail
                }
                RecoverAction::Rollback => {
                    if let Some(reason) = &recovery.rollback_blocked {
                        return Err(Error::Config(format!("V{version} cannot be rolled back: {reason}")));
                    }
                    let transactional = dialect != Dialect::MySql;
                    if transactional {
                        conn.begin().await.map_err(Error::step("starting a transaction"))?;
                    }
                    let undone = async {
                        for step in &recovery.rollback_steps {
                            conn.run_step(step).await.map_err(Error::step(format!(
                                "rolling back what ran of V{version} (nothing after it ran)"
                            )))?;
                        }
                        keep::restore(conn, version).await
                    }
                    .await;
                    let restored = match undone {
                        Ok(restored) => restored,
                        Err(e) => {
                            if transactional {
                                let _ = conn.rollback().await;
                            }
                            return Err(e);
                        }
                    };
                    let values =
                        vec![("status", status::ROLLED_BACK.into()), ("progress", Expr::val(Option::<i32>::None))];
                    if let Err(e) = exec(conn, &h.update(version, values)).await {
                        if transactional {
                            let _ = conn.rollback().await;
                        }
                        return Err(e);
                    }
                    if transactional {
                        conn.commit().await.map_err(Error::step("committing"))?;
                    }
                    let mut detail = format!(
                        "rollback: undid statement(s) 1..={} with {} statement(s)",
                        recovery.ran,
                        recovery.rollback.len()
                    );
                    for r in restored {
                        detail.push_str(&format!("; {r}"));
                    }
                    detail
                }
                RecoverAction::Skip => {
                    let values: Vec<(&'static str, SimpleExpr)> = vec![
                        ("status", status::APPLIED.into()),
                        ("progress", Expr::val(Option::<i32>::None)),
                        (
                            "error_message",
                            format!(
                                "recover --skip: statement(s) after {} of {} were never run",
                                recovery.ran,
                                recovery.statements.len()
                            )
                            .into(),
                        ),
                    ];
                    exec(conn, &h.update(version, values)).await?;
                    format!(
                        "skip: left {} of {} statement(s) applied, recorded as applied",
                        recovery.ran,
                        recovery.statements.len()
                    )
                }
                RecoverAction::Mark(_) => return Ok(recovery),
            };
            record_audit(conn, "recover", Some(version), Some(&row.name), "ok", Some(detail), started).await?;
            Ok(recovery)
        }
        .await;
        released(conn, result).await
    }
}

/// Run the statements of `p` (all `steps`) from index `from`, counting progress; applied at
/// the end. The row takes the migration's checksums first: the statements that ran are the
/// ones the file has now (the same up to `from`).
async fn retry(conn: &mut Connection, p: &Prepared<'_>, steps: &[Step], from: usize, started: Instant) -> Result<()> {
    let h = crate::history::Sql::of(conn);
    let version = p.m.version;
    let sums = history::statement_checksums(&crate::engine::step_texts(steps));
    let values = vec![("checksum", p.m.checksum.clone().into()), ("statement_checksums", sums.into())];
    exec(conn, &h.update(version, values)).await?;
    let rest = &steps[from.min(steps.len())..];
    for (i, step) in rest.iter().enumerate() {
        let done = from + i + 1;
        if let Err(e) = conn.run_step(step).await {
            let message =
                format!("retry: statement {done} failed: {e}; {} statement(s) before it are committed", done - 1);
            let values: Vec<(&'static str, SimpleExpr)> = vec![
                ("status", status::FAILED.into()),
                ("progress", i32::try_from(done - 1).unwrap_or(i32::MAX).into()),
                ("error_message", message.clone().into()),
            ];
            exec(conn, &h.update(version, values)).await?;
            record_audit(conn, "recover", Some(version), Some(&p.m.name), "failed", Some(message.clone()), started)
                .await?;
            return Err(Error::Migration { version, name: p.m.name.clone(), message, source: None });
        }
        let progress = i32::try_from(done).unwrap_or(i32::MAX);
        exec(conn, &h.update(version, vec![("progress", progress.into())])).await?;
    }
    let values: Vec<(&'static str, SimpleExpr)> = vec![
        ("status", status::APPLIED.into()),
        ("progress", Expr::val(Option::<i32>::None)),
        ("error_message", Expr::val(Option::<String>::None)),
        ("checksum", p.m.checksum.clone().into()),
    ];
    exec(conn, &h.update(version, values)).await
}
