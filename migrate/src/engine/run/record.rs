//! The bookkeeping of a run, in one place: the history row and audit entry of each
//! migration that succeeded or failed, written at once or, in a grouped transaction,
//! deferred to its end; and the report of what was done.

use super::Run;
use crate::engine::record::{exec, millis, record_audit};
use crate::engine::types::Done;
use crate::engine::{Prepared, Work};
use crate::error::Result;
use crate::history::{self, Audit, NewRow, status};
use migrate_schema::Dialect;
use std::time::Instant;

/// History rows and audit entries waiting for the end of a grouped transaction.
#[derive(Default)]
pub(super) struct Deferred<'a> {
    rows: Vec<NewRow<'a>>,
    audit: Vec<Audit<'a>>,
}

impl Run<'_, '_> {
    pub(super) fn had_row(&self, version: u64) -> bool {
        self.rows.iter().any(|r| r.version == version)
    }

    /// `p`'s history row as applied.
    pub(super) fn applied_row<'a>(&self, p: &'a Prepared<'_>, started: Instant) -> NewRow<'a> {
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
            kind: p.m.kind.as_str(),
        }
    }

    /// `p` succeeded: it goes into the report, and this is its audit entry.
    pub(super) fn succeeded<'a>(&mut self, p: &'a Prepared<'_>, started: Instant) -> Audit<'a> {
        self.report.applied.push(Done { version: p.m.version, name: p.m.name.clone(), execution_ms: millis(started) });
        self.applied_entry(p, started)
    }

    /// The audit entry of `p` applied.
    pub(super) fn applied_entry<'a>(&self, p: &'a Prepared<'_>, started: Instant) -> Audit<'a> {
        Audit {
            action: "apply",
            version: Some(p.m.version),
            name: Some(&p.m.name),
            outcome: "ok",
            detail: None,
            duration_ms: millis(started),
        }
    }

    /// The history row and audit entry of a success, inside the migration's transaction
    /// (PostgreSQL: in one statement).
    pub(super) async fn record_success(&mut self, p: &Prepared<'_>, started: Instant) -> Result<()> {
        let h = crate::history::Sql::of(self.conn);
        if self.had_row(p.m.version) {
            exec(self.conn, &h.delete(p.m.version)).await?;
        }
        let row = self.applied_row(p, started);
        let entry = self.succeeded(p, started);
        let written = match self.conn.dialect() {
            Dialect::Postgres => exec(self.conn, &h.insert_with_audit(&row, &entry)).await,
            _ => match exec(self.conn, &h.insert(&row)).await {
                Ok(()) => exec(self.conn, &h.audit(&entry)).await,
                Err(e) => Err(e),
            },
        };
        if written.is_err() {
            self.report.applied.pop();
        }
        written
    }

    /// A success in a grouped transaction: its row and entry wait for the end of it.
    pub(super) async fn defer_success<'a>(
        &mut self,
        deferred: &mut Deferred<'a>,
        p: &'a Prepared<'_>,
        started: Instant,
    ) -> Result<()> {
        if self.had_row(p.m.version) {
            let h = crate::history::Sql::of(self.conn);
            exec(self.conn, &h.delete(p.m.version)).await?;
        }
        deferred.rows.push(self.applied_row(p, started));
        let entry = self.succeeded(p, started);
        deferred.audit.push(entry);
        Ok(())
    }

    /// A failed row (nothing of it committed) and its audit entry.
    pub(super) async fn record_failure(&mut self, p: &Prepared<'_>, message: &str, started: Instant) -> Result<()> {
        let h = crate::history::Sql::of(self.conn);
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
        let detail = Some(message.to_owned());
        record_audit(self.conn, "apply", Some(p.m.version), Some(&p.m.name), "failed", detail, started).await
    }

    /// Write the deferred history rows and audit entries; on failure roll the
    /// transaction back, so that no migration stays applied without its row.
    pub(super) async fn flush_or_rollback(&mut self, deferred: &mut Deferred<'_>) -> Result<()> {
        let h = crate::history::Sql::of(self.conn);
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
}
