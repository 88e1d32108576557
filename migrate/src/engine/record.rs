//! Writing the history and the audit: a statement, an audit entry, the milliseconds an
//! action took. What a run records per migration is [`super::run`]'s `record`.

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::Audit;
use migrate_schema::Statement;
use std::time::Instant;

pub(super) async fn exec(conn: &mut Connection, s: &Statement) -> Result<()> {
    conn.execute_statement(s).await.map(|_| ()).map_err(Error::db("writing the history"))
}

pub(super) async fn record_audit(
    conn: &mut Connection,
    action: &'static str,
    version: Option<u64>,
    name: Option<&str>,
    outcome: &'static str,
    detail: Option<String>,
    started: Instant,
) -> Result<()> {
    let entry = Audit { action, version, name, outcome, detail, duration_ms: millis(started) };
    let h = crate::history::Sql::of(conn);
    exec(conn, &h.audit(&entry)).await
}

pub(crate) fn millis(started: Instant) -> i64 {
    i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX)
}
