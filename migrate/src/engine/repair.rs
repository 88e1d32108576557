//! `repair`: the history set right where it disagrees with the migrations or with the
//! database.
//!
//! - against the migrations: checksums of deliberately edited migrations, rows of
//!   migrations removed on purpose (applied, or orphans: rolled back or failed), failed
//!   rows that left nothing behind;
//! - against the database: a migration recorded as applied none of whose tables and
//!   columns are there (rolled back by hand), or a pending one all of whose tables and
//!   columns already are (applied by hand, or its row lost). Only operations no later
//!   applied migration undoes are looked at, and only those whose presence is certain
//!   (tables and columns created, dropped or renamed);
//! - the tool's own tables: entries of kept rows whose table is gone.
//!
//! Gaps (a pending migration below the highest applied one) and migrations that stopped
//! half-way are reported with what to do; repair does not run migrations.

use super::recover::effect;
use super::{Effect, Migrator, Prepared, Source, exec, is_applied, record_audit, recorded_without_running};
use super::{Kind, released, short};
use crate::driver::Connection;
use crate::error::Result;
use crate::history::{self, HistoryRow, status};
use crate::keep;
use crate::lock;
use crate::registry::MigrationFn;
use crate::sql::{Meaning, meaning};
use migrate_schema::{Dialect, Op, SchemaModel};
use sea_query::{Alias, Expr, ExprTrait, Query};
use std::time::Instant;

/// Something `repair` found in the history.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RepairAction {
    /// What repair does: `update_checksum`, `remove_missing`, `remove_orphan`,
    /// `remove_failed`, `mark_applied`, `mark_rolled_back`, `remove_kept`; or what it only
    /// reports: `gap`, `stopped`.
    pub action: &'static str,
    /// The migration.
    pub version: u64,
    /// What is wrong, and what changes (or what to do).
    pub detail: String,
    /// `repair` makes this change; `false` when it is reported only.
    pub fixes: bool,
    #[serde(skip)]
    kept_as: Option<String>,
}

impl RepairAction {
    fn fix(action: &'static str, version: u64, detail: String) -> Self {
        RepairAction { action, version, detail, fixes: true, kept_as: None }
    }

    fn report(action: &'static str, version: u64, detail: String) -> Self {
        RepairAction { action, version, detail, fixes: false, kept_as: None }
    }
}

impl Migrator {
    /// What `repair` finds: the changes it would make to the history, and what it reports
    /// for the user to do (see [`RepairAction::fixes`]).
    pub async fn repair_plan(&self, conn: &mut Connection) -> Result<Vec<RepairAction>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
        self.repairs(conn, &prepared, &rows).await
    }

    async fn repairs(
        &self,
        conn: &mut Connection,
        prepared: &[Prepared<'_>],
        rows: &[HistoryRow],
    ) -> Result<Vec<RepairAction>> {
        let mut actions = Vec::new();
        let available: Vec<&crate::Migration> = prepared.iter().map(|p| p.m).collect();
        let unlinked: Vec<u64> = super::verify::not_linked(&available, rows).iter().map(|r| r.version).collect();
        for row in rows {
            let available = prepared.iter().find(|p| p.m.version == row.version);
            let v = row.version;
            match available {
                Some(p) if row.status == status::APPLIED && p.m.checksum != row.checksum => {
                    let detail = format!("{} -> {} ({})", short(&row.checksum), short(&p.m.checksum), p.m.origin);
                    actions.push(RepairAction::fix("update_checksum", v, detail));
                }
                None if row.status == status::APPLIED && Kind::of_row(row) == Some(Kind::Imported) => {
                    actions.push(RepairAction::report(
                        "imported",
                        v,
                        format!("{} was adopted from another tool and its code is not ported yet: kept", row.name),
                    ));
                }
                None if row.status == status::APPLIED && unlinked.contains(&row.version) => {
                    actions.push(RepairAction::report(
                        "not_linked",
                        v,
                        format!(
                            "{} is an applied Rust migration and this binary links none: kept (link the crate that \
                             holds them)",
                            row.name
                        ),
                    ));
                }
                None if row.status == status::APPLIED => {
                    actions.push(RepairAction::fix(
                        "remove_missing",
                        v,
                        format!("{} is no longer available", row.name),
                    ));
                }
                _ if row.is_blocking() => actions.push(RepairAction::report(
                    "stopped",
                    v,
                    format!(
                        "{} stopped half-way after {} statement(s): see `migrate recover`",
                        row.name,
                        row.progress.unwrap_or(0)
                    ),
                )),
                _ if row.status == status::FAILED => {
                    let detail = format!("{} failed and left nothing behind", row.name);
                    actions.push(RepairAction::fix("remove_failed", v, detail));
                }
                None if row.status != status::APPLIED => {
                    let detail = format!("{} is {} and no longer available", row.name, row.status);
                    actions.push(RepairAction::fix("remove_orphan", v, detail));
                }
                _ => {}
            }
        }
        let dialect = conn.dialect();
        let database = conn.introspect().await?;
        actions.extend(against_schema(dialect, prepared, rows, &database));
        for k in keep::list(conn).await? {
            if !conn.table_exists(&k.kept_as).await.map_err(crate::Error::db("looking for kept rows"))? {
                let detail =
                    format!("the kept rows of {} (V{}) are gone: {} no longer exists", k.table, k.version, k.kept_as);
                actions.push(RepairAction {
                    kept_as: Some(k.kept_as),
                    ..RepairAction::fix("remove_kept", k.version, detail)
                });
            }
        }
        actions.sort_by_key(|a| a.version);
        Ok(actions)
    }

    /// Make the changes [`Migrator::repair_plan`] lists (those it [`fixes`](RepairAction::fixes)),
    /// under the lock, each recorded in the audit table. Returns every finding.
    pub async fn repair(&self, conn: &mut Connection) -> Result<Vec<RepairAction>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let rows = history::rows(conn).await?;
            let actions = self.repairs(conn, &prepared, &rows).await?;
            let dialect = conn.dialect();
            let h = crate::history::Sql::of(conn);
            let batch = rows.iter().map(|r| r.batch).max().unwrap_or(0) + 1;
            for a in actions.iter().filter(|a| a.fixes) {
                let t = Instant::now();
                let p = prepared.iter().find(|p| p.m.version == a.version);
                match (a.action, p) {
                    ("update_checksum", Some(p)) => {
                        // A port of an adopted migration becomes an ordinary one.
                        let values =
                            vec![("checksum", p.m.checksum.clone().into()), ("kind", p.m.kind.as_str().into())];
                        exec(conn, &h.update(a.version, values)).await?;
                    }
                    ("mark_applied", Some(p)) => {
                        exec(conn, &h.delete(a.version)).await?;
                        exec(conn, &h.insert(&recorded_without_running(p, batch, "repair"))).await?;
                    }
                    ("mark_rolled_back", _) => {
                        let values = vec![("status", status::ROLLED_BACK.into())];
                        exec(conn, &h.update(a.version, values)).await?;
                    }
                    ("remove_kept", _) => {
                        let delete = Query::delete()
                            .from_table(Alias::new(&h.tables.kept))
                            .and_where(Expr::col(Alias::new("kept_as")).eq(a.kept_as.clone().unwrap_or_default()))
                            .to_owned();
                        exec(conn, &history::build(dialect, &delete)).await?;
                    }
                    _ => exec(conn, &h.delete(a.version)).await?,
                }
                let detail = format!("{}: {}", a.action, a.detail);
                record_audit(conn, "repair", Some(a.version), None, "ok", Some(detail), t).await?;
            }
            Ok(actions)
        }
        .await;
        released(conn, result).await
    }
}

/// Where the recorded status disagrees with the tables and columns in `database`, and gaps.
fn against_schema(
    dialect: Dialect,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    database: &SchemaModel,
) -> Vec<RepairAction> {
    let highest = history::highest_applied(rows);
    let ops: Vec<Vec<Op>> = prepared.iter().map(|p| existence_ops(dialect, p, database)).collect();
    let mut out = Vec::new();
    for (i, p) in prepared.iter().enumerate() {
        let v = p.m.version;
        let applied = is_applied(rows, v);
        let stopped = rows.iter().any(|r| r.version == v && r.is_blocking());
        // What later applied migrations drop, rename or recreate can no longer be seen.
        let later: Vec<&Op> = prepared
            .iter()
            .zip(&ops)
            .skip(i + 1)
            .filter(|(q, _)| is_applied(rows, q.m.version))
            .flat_map(|(_, ops)| ops)
            .collect();
        let visible: Vec<&Op> = ops[i].iter().filter(|op| !later.iter().any(|l| undoes(l, op))).collect();
        let effects: Vec<Effect> = visible.iter().map(|op| effect(dialect, database, op)).collect();
        let all = |e: Effect| !effects.is_empty() && effects.iter().all(|x| *x == e);
        if applied && all(Effect::NotDone) {
            out.push(RepairAction::fix(
                "mark_rolled_back",
                v,
                format!(
                    "{} is recorded as applied but none of the {} table or column change(s) it makes is in the \
                     database (undone by hand?): it becomes pending",
                    p.m.name,
                    effects.len()
                ),
            ));
        } else if !applied && !stopped && all(Effect::Done) && visible.iter().any(|op| creates_or_renames(op)) {
            out.push(RepairAction::fix(
                "mark_applied",
                v,
                format!(
                    "{} is pending but all {} table or column change(s) it makes are already in the database \
                     (applied by hand?): it is recorded as applied",
                    p.m.name,
                    effects.len()
                ),
            ));
        } else if !applied && !stopped && highest.is_some_and(|h| h > v) {
            out.push(RepairAction::report(
                "gap",
                v,
                format!(
                    "{} is pending below V{}, which is applied: apply it with `migrate up --allow-out-of-order`, \
                     or give it a higher version",
                    p.m.name,
                    highest.unwrap_or_default()
                ),
            ));
        }
    }
    out
}

/// The operations of `p` whose presence in a database is certain: tables and columns
/// created, dropped or renamed.
fn existence_ops(dialect: Dialect, p: &Prepared<'_>, database: &SchemaModel) -> Vec<Op> {
    let all = match &p.m.source {
        Source::Rust(r) => match r.up {
            MigrationFn::Schema(_) => r.ops(),
            MigrationFn::Async(_) => Vec::new(),
        },
        Source::Sql(f) => f
            .up_statements(dialect)
            .unwrap_or_default()
            .iter()
            .flat_map(|s| match meaning(dialect, &s.sql, database) {
                Meaning::Ops { ops, .. } => ops,
                _ => Vec::new(),
            })
            .collect(),
    };
    all.into_iter()
        .filter(|op| {
            matches!(
                op,
                Op::CreateTable { .. }
                    | Op::DropTable { .. }
                    | Op::RenameTable { .. }
                    | Op::AddColumn { .. }
                    | Op::DropColumn { .. }
                    | Op::RenameColumn { .. }
            )
        })
        .collect()
}

/// A drop finds its target missing in a database that never had it, so only migrations
/// that create or rename something can be recognised as already applied.
fn creates_or_renames(op: &Op) -> bool {
    matches!(op, Op::CreateTable { .. } | Op::AddColumn { .. } | Op::RenameTable { .. } | Op::RenameColumn { .. })
}

/// Whether `later` drops, renames or recreates what `op` leaves behind.
fn undoes(later: &Op, op: &Op) -> bool {
    let tables = |op: &Op| -> Vec<String> {
        match op {
            Op::RenameTable { from, to } => vec![from.clone(), to.clone()],
            other => other.table().map(str::to_owned).into_iter().collect(),
        }
    };
    let column = |op: &Op| -> Vec<String> {
        match op {
            Op::AddColumn { column, .. } => vec![column.name.clone()],
            Op::DropColumn { column, .. } => vec![column.clone()],
            Op::RenameColumn { from, to, .. } => vec![from.clone(), to.clone()],
            _ => Vec::new(),
        }
    };
    let same_table = tables(later).iter().any(|t| tables(op).contains(t));
    match later {
        Op::CreateTable { .. } | Op::DropTable { .. } | Op::RenameTable { .. } => same_table,
        Op::AddColumn { .. } | Op::DropColumn { .. } | Op::RenameColumn { .. } => {
            same_table && column(later).iter().any(|c| column(op).contains(c))
        }
        _ => false,
    }
}
