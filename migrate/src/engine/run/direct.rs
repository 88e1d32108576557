//! Outside any transaction (MySQL, `transaction = false`): a `pending` row first, the
//! progress after each statement, then `applied` or `failed` with how many statements ran,
//! which `recover` reads.

use super::{Failure, Run};
use crate::engine::record::{exec, millis};
use crate::engine::{Direction, Prepared, Work, step_texts};
use crate::error::Result;
use crate::history::{self, NewRow, status};
use sea_query::{Expr, SimpleExpr};
use std::time::Instant;

impl Run<'_, '_> {
    /// Apply `p` statement by statement, its progress counted in its history row.
    pub(in crate::engine) async fn direct(&mut self, p: &Prepared<'_>) -> Result<()> {
        self.starting(Direction::Up, p.m.version, &p.m.name)?;
        let started = Instant::now();
        let h = crate::history::Sql::of(self.conn);
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
            result = Err(Failure { message, ran, source: None });
        }
        let f = match result {
            Ok(()) => {
                let values = vec![
                    ("status", status::APPLIED.into()),
                    ("progress", Expr::val(Option::<i32>::None)),
                    ("execution_time", millis(started).into()),
                ];
                exec(self.conn, &h.update(p.m.version, values)).await?;
                let entry = self.succeeded(p, started);
                exec(self.conn, &h.audit(&entry)).await?;
                return self.finished(Direction::Up, p.m.version, &p.m.name, started);
            }
            Err(f) => f,
        };
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
        let progress: SimpleExpr =
            if nothing_ran { Expr::val(Option::<i32>::None) } else { i32::try_from(f.ran).unwrap_or(i32::MAX).into() };
        let values = vec![
            ("status", status::FAILED.into()),
            ("progress", progress),
            ("error_message", message.clone().into()),
            ("execution_time", millis(started).into()),
        ];
        exec(self.conn, &h.update(p.m.version, values)).await?;
        let detail = Some(message.clone());
        crate::engine::record::record_audit(
            self.conn,
            "apply",
            Some(p.m.version),
            Some(&p.m.name),
            "failed",
            detail,
            started,
        )
        .await?;
        Err(Self::failed(p.m.version, &p.m.name, message, f.source))
    }
}
