//! Rolling one migration back: in a transaction with its history update where the
//! database allows it, statement by statement on MySQL; the rows it kept before its drops
//! go back where its down recreated their table or column.

use super::{Failure, Run, run_work};
use crate::engine::record::{exec, millis, record_audit};
use crate::engine::{Direction, Done, Work};
use crate::error::{Error, Result};
use crate::history::{HistoryRow, status};
use crate::keep;
use migrate_schema::Dialect;
use sea_query::Expr;
use std::time::Instant;

impl Run<'_, '_> {
    /// Roll back `row` by running `work`.
    pub(in crate::engine) async fn roll_back(&mut self, row: &HistoryRow, work: &Work) -> Result<()> {
        self.starting(Direction::Down, row.version, &row.name)?;
        let started = Instant::now();
        let dialect = self.conn.dialect();
        let h = crate::history::Sql::of(self.conn);
        let transactional = dialect != Dialect::MySql;
        if transactional {
            self.conn.begin().await.map_err(Error::step("starting a transaction"))?;
        }
        let mut result = run_work(self.conn, work, None, None).await.map(|_| Vec::new());
        let ran = work.statements().len();
        if result.is_ok() {
            result = keep::restore(self.conn, row.version).await.map_err(|e| Failure::of(None, e, ran));
        }
        if result.is_ok()
            && let Err(e) = self.conn.check_foreign_keys().await
        {
            result = Err(Failure::of(None, e, ran));
        }
        let f = match result {
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
                let done = Done { version: row.version, name: row.name.clone(), execution_ms: millis(started) };
                self.report.rolled_back.push(done);
                return self.finished(Direction::Down, row.version, &row.name, started);
            }
            Err(f) => f,
        };
        self.failing(Direction::Down, row.version, &row.name, &f.message);
        if transactional {
            let _ = self.conn.rollback().await;
        } else if f.ran > 0 {
            let message = format!("rolling back: {}; {} statement(s) before it were committed", f.message, f.ran);
            let values = vec![
                ("status", status::FAILED.into()),
                ("progress", i32::try_from(f.ran).unwrap_or(i32::MAX).into()),
                ("error_message", message.into()),
            ];
            exec(self.conn, &h.update(row.version, values)).await?;
        }
        let detail = Some(f.message.clone());
        record_audit(self.conn, "rollback", Some(row.version), Some(&row.name), "failed", detail, started).await?;
        Err(Self::failed(row.version, &row.name, format!("rolling back: {}", f.message), f.source))
    }
}
