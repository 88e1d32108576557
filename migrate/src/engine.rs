//! The engine: which migrations are pending, and applying them with their history rows.
//!
//! Each migration runs in its own transaction together with its history row, so a
//! migration and the record of it commit together or not at all (on MySQL, whose DDL
//! commits implicitly, the row is written last).

use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, AppliedRow, NewRow};
use crate::registry::{MigrationFn, RustMigration, registered};
use crate::tx::Tx;
use migrate_schema::{Dialect, SchemaModel, Step, invert, render_all};
use std::time::Instant;

/// What `up` did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Report {
    /// Versions applied, in order.
    pub applied: Vec<u64>,
    /// Total time in milliseconds.
    pub elapsed_ms: u128,
}

/// A migration and where it stands.
#[derive(Debug, Clone, serde::Serialize)]
pub struct MigrationStatus {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// `rust` or `sql`.
    pub kind: &'static str,
    /// `pending`, `applied`, ...
    pub status: String,
    /// Checksum of the code in this binary.
    pub checksum: String,
    /// When it was applied.
    pub applied_at: Option<String>,
    /// Its batch.
    pub batch: Option<i64>,
    /// How long it took.
    pub execution_ms: Option<i64>,
}

/// The rendered steps of every migration, each against the schema the ones before it
/// built (replayed, no database needed), with the steps that undo it where known.
pub(crate) struct Prepared {
    pub(crate) migration: &'static RustMigration,
    pub(crate) up: Vec<Step>,
    pub(crate) down_sql: Option<String>,
}

pub(crate) fn prepare(dialect: Dialect, migrations: &[&'static RustMigration]) -> Result<Vec<Prepared>> {
    let mut schema = SchemaModel::new();
    let mut out = Vec::with_capacity(migrations.len());
    for &m in migrations {
        let ops = m.ops();
        let plan = render_all(dialect, &schema, &ops).map_err(|source| match source {
            migrate_schema::RenderError::Schema(source) => Error::Schema {
                version: m.version,
                name: m.name.to_owned(),
                location: m.location(),
                source: Box::new(source),
            },
            source => Error::Render {
                version: m.version,
                name: m.name.to_owned(),
                location: m.location(),
                source: Box::new(source),
            },
        })?;
        let down_sql = match m.up {
            MigrationFn::Schema(_) if m.down.is_none() => invert(&schema, &ops)
                .ok()
                .and_then(|down| render_all(dialect, &plan.after, &down).ok())
                .map(|p| p.steps.iter().flat_map(Step::preview).collect::<Vec<_>>().join(";\n")),
            _ => None,
        };
        schema = plan.after;
        out.push(Prepared { migration: m, up: plan.steps, down_sql });
    }
    Ok(out)
}

/// Apply every pending migration linked into this binary.
pub async fn up(conn: &mut Connection) -> Result<Report> {
    let started = Instant::now();
    let migrations = registered()?;
    if migrations.is_empty() {
        return Err(Error::Config(crate::registry::NONE_LINKED.to_owned()));
    }
    history::ensure(conn).await?;
    let applied = history::applied(conn).await?;
    let batch = applied.iter().map(|r| r.batch).max().unwrap_or(0) + 1;
    let mut report = Report::default();
    for p in prepare(conn.dialect(), &migrations)? {
        if applied.iter().any(|r| r.version == p.migration.version) {
            continue;
        }
        apply(conn, &p, batch).await?;
        report.applied.push(p.migration.version);
    }
    report.elapsed_ms = started.elapsed().as_millis();
    Ok(report)
}

async fn apply(conn: &mut Connection, p: &Prepared, batch: i64) -> Result<()> {
    let m = p.migration;
    let failed = |message: String| Error::Migration { version: m.version, name: m.name.to_owned(), message };
    let started = Instant::now();
    if m.transaction {
        conn.begin().await.map_err(|e| failed(e.to_string()))?;
    }
    let result = run(conn, p).await;
    let result = match result {
        Ok(()) => {
            let row = NewRow {
                version: m.version,
                name: m.name,
                checksum: &m.checksum(),
                execution_ms: i64::try_from(started.elapsed().as_millis()).unwrap_or(i64::MAX),
                batch,
                down_sql: p.down_sql.clone(),
            };
            let insert = history::insert(conn.dialect(), &row);
            conn.execute_statement(&insert).await.map(|_| ()).map_err(|e| format!("recording it in the history: {e}"))
        }
        Err(e) => Err(e),
    };
    match result {
        Ok(()) if m.transaction => conn.commit().await.map_err(|e| failed(e.to_string())),
        Ok(()) => Ok(()),
        Err(message) => {
            if m.transaction {
                let _ = conn.rollback().await;
            }
            Err(failed(message))
        }
    }
}

async fn run(conn: &mut Connection, p: &Prepared) -> std::result::Result<(), String> {
    match p.migration.up {
        MigrationFn::Schema(_) => {
            for step in &p.up {
                conn.run_step(step).await.map_err(|e| e.to_string())?;
            }
            if let Connection::Sqlite(c) = conn {
                crate::driver::check_sqlite_foreign_keys(c).await.map_err(|e| e.to_string())?;
            }
            Ok(())
        }
        MigrationFn::Async(f) => f(&mut Tx { conn }).await.map_err(|e| e.to_string()),
    }
}

/// Every migration of this binary with its state in the database.
pub async fn status(conn: &mut Connection) -> Result<Vec<MigrationStatus>> {
    let migrations = registered()?;
    let applied: Vec<AppliedRow> =
        if conn.table_exists(history::TABLE).await.map_err(Error::db("looking for the history table"))? {
            history::applied(conn).await?
        } else {
            Vec::new()
        };
    let mut out: Vec<MigrationStatus> = migrations
        .iter()
        .map(|m| {
            let row = applied.iter().find(|r| r.version == m.version);
            MigrationStatus {
                version: m.version,
                name: m.name.to_owned(),
                kind: m.kind(),
                status: row.map_or_else(|| "pending".to_owned(), |r| r.status.clone()),
                checksum: m.checksum(),
                applied_at: row.map(|r| r.applied_at.clone()),
                batch: row.map(|r| r.batch),
                execution_ms: row.map(|r| r.execution_ms),
            }
        })
        .collect();
    for r in applied.iter().filter(|r| !migrations.iter().any(|m| m.version == r.version)) {
        out.push(MigrationStatus {
            version: r.version,
            name: r.name.clone(),
            kind: "rust",
            status: format!("{} (missing from this binary)", r.status),
            checksum: r.checksum.clone(),
            applied_at: Some(r.applied_at.clone()),
            batch: Some(r.batch),
            execution_ms: Some(r.execution_ms),
        });
    }
    out.sort_by_key(|s| s.version);
    Ok(out)
}
