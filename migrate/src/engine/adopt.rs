//! Adopting another tool's history (`migrate import`): the migrations it applied are
//! recorded as applied in ours, without running, with when and by whom they ran there.

use super::Migrator;
use super::mark::recorded_without_running;
use super::record::{exec, record_audit};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, NewRow, status};
use crate::import::{ToAdopt, Tool};
use crate::lock;
use crate::lock::released;
use std::time::Instant;

/// What [`Migrator::adopt`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Adopted {
    /// Versions recorded as applied now.
    pub recorded: Vec<u64>,
    /// Versions our history already had as applied (an import run again).
    pub already: Vec<u64>,
}

impl Migrator {
    /// Record `entries`, which `tool` applied to this database, as applied in our history
    /// without running them: batch 0, with the time and user the tool kept, and an audit
    /// entry naming the tool. A converted migration must be among this migrator's; code
    /// not ported yet is recorded as [`Kind::Imported`](crate::Kind::Imported). All or
    /// nothing, under the migration lock; an entry the history has in another state
    /// (failed, rolled back, another checksum) stops it.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// use migrate::import::{Tool, ToAdopt};
    /// let mut conn = migrate::Connection::connect("sqlite::memory:").await?;
    /// let sea_orm = ToAdopt {
    ///     version: 20220101000001,
    ///     name: "create table".into(),
    ///     applied_at: Some("2024-01-02 03:04:05".into()),
    ///     applied_by: None,
    ///     code: Some(migrate::import::Language::Rust),
    ///     file: None,
    /// };
    /// let done = migrate::Migrator::new(&[], Vec::new())?.adopt(&mut conn, Tool::SeaOrm, &[sea_orm]).await?;
    /// assert_eq!(done.recorded, [20220101000001]);
    /// # Ok(()) }
    /// ```
    pub async fn adopt(&self, conn: &mut Connection, tool: Tool, entries: &[ToAdopt]) -> Result<Adopted> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            history::ensure(conn).await?;
            let rows = history::rows(conn).await?;
            let started = Instant::now();
            let h = history::Sql::of(conn);
            let mut done = Adopted::default();
            let mut inserts = Vec::new();
            let placeholder = format!("import:{tool}");
            for e in entries {
                let p = prepared.iter().find(|p| p.m.version == e.version);
                if e.code.is_none() && p.is_none() {
                    return Err(Error::Config(format!(
                        "V{} {} was converted but is not among the migrations (was the file written to the \
                         migrations directory?)",
                        e.version, e.name
                    )));
                }
                let row = match p {
                    Some(p) => recorded_without_running(p, 0, "import"),
                    None => NewRow {
                        version: e.version,
                        name: &e.name,
                        checksum: &placeholder,
                        status: status::APPLIED,
                        execution_ms: 0,
                        batch: 0,
                        error_message: None,
                        progress: None,
                        down_sql: None,
                        statement_checksums: None,
                        kind: crate::Kind::Imported.as_str(),
                    },
                };
                if let Some(existing) = rows.iter().find(|r| r.version == e.version) {
                    let same = existing.status == status::APPLIED
                        && (existing.checksum == row.checksum || existing.checksum == placeholder);
                    if same {
                        done.already.push(e.version);
                        continue;
                    }
                    return Err(Error::Config(format!(
                        "V{} {} is already in this database's history as {} (checksum {}); it was not adopted from \
                         {tool}. Nothing was imported",
                        e.version,
                        existing.name,
                        existing.status,
                        super::verify::short(&existing.checksum)
                    )));
                }
                let by = e.applied_by.clone().unwrap_or_else(|| tool.name().to_owned());
                let statement = h.insert_adopted(&row, e.applied_at.as_deref(), &by);
                inserts.push((e, statement));
            }
            conn.begin().await.map_err(Error::step("import"))?;
            let written = async {
                for (e, statement) in &inserts {
                    exec(conn, statement).await?;
                    let at = e.applied_at.as_deref().map(|t| format!(" at {t} UTC")).unwrap_or_default();
                    let by = e.applied_by.as_deref().map(|b| format!(" by {b}")).unwrap_or_default();
                    let what = if e.code.is_some() { "code not ported yet" } else { "converted to SQL" };
                    let detail = format!("adopted from {tool}: applied{at}{by} ({what})");
                    record_audit(conn, "import", Some(e.version), Some(&e.name), "ok", Some(detail), started).await?;
                    done.recorded.push(e.version);
                }
                let detail = format!(
                    "import from {tool}: {} migration(s) recorded as applied, {} already were",
                    done.recorded.len(),
                    done.already.len()
                );
                record_audit(conn, "import", None, None, "ok", Some(detail), started).await
            }
            .await;
            match written {
                Ok(()) => conn.commit().await.map_err(Error::step("import"))?,
                Err(e) => {
                    let _ = conn.rollback().await;
                    return Err(e);
                }
            }
            Ok(done)
        }
        .await;
        released(conn, result).await
    }
}
