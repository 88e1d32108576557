//! Real dry runs: the migrations are executed, what they change is read back, and nothing
//! stays.
//!
//! - **PostgreSQL and SQLite**: inside one transaction on the database itself, then rolled
//!   back. The schema is introspected before, inside (after the last migration) and after
//!   the rollback; the report says what changed and that the database is as it was.
//! - **MySQL/MariaDB** commit DDL implicitly, so the migrations run against a scratch
//!   database created beside the real one from its current schema (tables, indexes,
//!   constraints, views; no rows), which is dropped afterwards.

use super::verified;
use super::{DownTarget, Migrator, Planned, UpTarget, Work, available_of};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history;
use migrate_schema::{Change, Dialect, DiffOptions, SchemaModel, Step, diff};

/// How a dry run ran the migrations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum DryRunMethod {
    /// In a transaction on the database itself, rolled back.
    Transaction,
    /// On a scratch database made from the database's schema, then dropped.
    ScratchDatabase,
}

/// One migration of a dry run.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DryRunMigration {
    /// The migration, its statements and risks.
    #[serde(flatten)]
    pub planned: Planned,
    /// Whether it was executed (a migration that must run outside a transaction is not,
    /// on PostgreSQL).
    pub executed: bool,
    /// Rows its statements inserted, updated or deleted (async code not counted).
    pub rows_affected: u64,
    /// Why it was not executed, or what the figures leave out.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// What a dry run found.
#[derive(Debug, Clone, serde::Serialize)]
pub struct DryRun {
    /// How the migrations ran.
    pub method: DryRunMethod,
    /// Each migration, in the order it ran.
    pub migrations: Vec<DryRunMigration>,
    /// What the migrations changed in the schema (objects created, altered, dropped).
    pub changes: Vec<Change>,
    /// The database's schema was read again afterwards and is as it was before.
    pub unchanged: bool,
    /// The migration that failed and why; nothing after it ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub failed: Option<String>,
}

impl Migrator {
    /// Execute the pending migrations `up` would apply and report what they change, leaving
    /// the database as it was.
    pub async fn dry_run_up(&self, conn: &mut Connection, url: &str, target: UpTarget) -> Result<DryRun> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let (planned, works): (Vec<Planned>, Vec<(&Work, bool)>) = self
            .planned(conn, &prepared, target, true)
            .await?
            .into_iter()
            .map(|(planned, p)| (planned, (&p.up, p.m.transaction)))
            .unzip();
        dry_run(conn, url, planned, &works).await
    }

    /// Execute what `down` would roll back and report what it changes, leaving the
    /// database as it was.
    pub async fn dry_run_down(&self, conn: &mut Connection, url: &str, target: DownTarget) -> Result<DryRun> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
        let blocking =
            self.problems(&available_of(&prepared), &rows).into_iter().filter(|p| p.kind == "failed").collect();
        verified(blocking)?;
        let (planned, owned): (Vec<Planned>, Vec<Work>) =
            super::prepare::down_planned(conn.dialect(), &prepared, &rows, target)?.into_iter().unzip();
        let works: Vec<(&Work, bool)> = owned.iter().map(|w| (w, true)).collect();
        dry_run(conn, url, planned, &works).await
    }
}

async fn dry_run(conn: &mut Connection, url: &str, planned: Vec<Planned>, works: &[(&Work, bool)]) -> Result<DryRun> {
    match conn.dialect() {
        Dialect::MySql => on_scratch(conn, url, planned, works).await,
        _ => in_transaction(conn, planned, works).await,
    }
}

async fn in_transaction(conn: &mut Connection, planned: Vec<Planned>, works: &[(&Work, bool)]) -> Result<DryRun> {
    let before = conn.introspect().await?;
    conn.begin().await.map_err(Error::step("starting the dry run's transaction"))?;
    let ran = run_all(conn, planned, works, true).await;
    let inside = match &ran {
        Ok(_) => conn.introspect().await,
        Err(_) => Ok(before.clone()),
    };
    conn.rollback().await.map_err(Error::step("rolling the dry run back"))?;
    let (migrations, failed) = ran?;
    let inside = inside?;
    let after = conn.introspect().await?;
    if after != before {
        return Err(Error::Custom(
            "the dry run's rollback did not restore the schema (a statement committed on its own?); compare \
             the database with `migrate diff`"
                .to_owned(),
        ));
    }
    Ok(DryRun {
        method: DryRunMethod::Transaction,
        migrations,
        changes: changes(&before, &inside)?,
        unchanged: true,
        failed,
    })
}

async fn on_scratch(
    conn: &mut Connection,
    url: &str,
    planned: Vec<Planned>,
    works: &[(&Work, bool)],
) -> Result<DryRun> {
    let before = conn.introspect().await?;
    let (scratch, mut s) = crate::scratch::copy_of(conn, url).await?;
    let result = async {
        let outcome = async {
            let copied = s.introspect().await?;
            let (mut migrations, failed) = run_all(&mut s, planned, works, false).await?;
            for m in &mut migrations {
                m.note.get_or_insert_with(|| {
                    "run on a scratch database without rows: data changes are not counted".to_owned()
                });
            }
            let inside = s.introspect().await?;
            Ok::<_, Error>((migrations, failed, changes(&copied, &inside)?))
        }
        .await;
        let _ = s.close().await;
        outcome
    }
    .await;
    scratch.drop().await;
    let (migrations, failed, changes) = result?;
    let unchanged = conn.introspect().await? == before;
    Ok(DryRun { method: DryRunMethod::ScratchDatabase, migrations, changes, unchanged, failed })
}

/// Run each migration's work; stops at the first failure and says which.
async fn run_all(
    conn: &mut Connection,
    planned: Vec<Planned>,
    works: &[(&Work, bool)],
    in_transaction: bool,
) -> Result<(Vec<DryRunMigration>, Option<String>)> {
    let mut out = Vec::new();
    let mut failed = None;
    for (planned, (work, transactional)) in planned.into_iter().zip(works) {
        if failed.is_some() {
            break;
        }
        if in_transaction && !transactional && conn.dialect() == Dialect::Postgres {
            let note = "not executed: it must run outside a transaction, which a dry run cannot roll back".to_owned();
            out.push(DryRunMigration { planned, executed: false, rows_affected: 0, note: Some(note) });
            continue;
        }
        // A savepoint per migration: after a failure the transaction stays usable, so what
        // the migrations before it changed can still be read.
        if in_transaction {
            savepoint(conn, "SAVEPOINT migrate_dry_run").await?;
        }
        match run_counting(conn, work).await {
            Ok((rows_affected, note)) => out.push(DryRunMigration { planned, executed: true, rows_affected, note }),
            Err(message) => {
                if in_transaction {
                    savepoint(conn, "ROLLBACK TO SAVEPOINT migrate_dry_run").await?;
                }
                failed = Some(format!("V{} {}: {message}", planned.version, planned.name));
                out.push(DryRunMigration { planned, executed: true, rows_affected: 0, note: Some(message) });
            }
        }
    }
    if failed.is_none()
        && let Err(e) = conn.check_foreign_keys().await
    {
        failed = Some(e.to_string());
    }
    Ok((out, failed))
}

async fn savepoint(conn: &mut Connection, sql: &str) -> Result<()> {
    conn.execute(sql).await.map(|_| ()).map_err(Error::db(format!("dry run: {sql}")))
}

/// Whether a statement changes rows (SQLite reports the last DML's count for DDL too).
fn is_dml(sql: &str) -> bool {
    let head = sql.split_whitespace().next().unwrap_or_default().to_ascii_uppercase();
    matches!(head.as_str(), "INSERT" | "UPDATE" | "DELETE" | "REPLACE" | "WITH" | "MERGE")
}

async fn run_counting(conn: &mut Connection, work: &Work) -> std::result::Result<(u64, Option<String>), String> {
    match work {
        Work::Steps(steps) => {
            let mut rows = 0;
            for (i, step) in steps.iter().enumerate() {
                let failed = |e: String| format!("statement {} of {} failed: {e}", i + 1, steps.len());
                match step {
                    Step::Execute(s) => {
                        let n = conn.execute_statement(s).await.map_err(|e| failed(format!("{}: {e}", s.sql)))?;
                        rows += if is_dml(&s.sql) { n } else { 0 };
                    }
                    other => conn.run_step(other).await.map_err(|e| failed(e.to_string()))?,
                }
            }
            Ok((rows, None))
        }
        other => super::run_work(conn, other, None, None)
            .await
            .map(|_| (0, Some("async Rust code: its rows are not counted".to_owned())))
            .map_err(|f| f.message),
    }
}

fn changes(from: &SchemaModel, to: &SchemaModel) -> Result<Vec<Change>> {
    diff(from, to, &DiffOptions::default())
        .map(|d| d.changes)
        .map_err(|e| Error::Custom(format!("comparing the schema before and after the dry run: {e}")))
}
