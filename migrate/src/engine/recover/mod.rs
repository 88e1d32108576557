//! Recovery of migrations that stopped half-way outside a transaction (MySQL/MariaDB, and
//! `transaction = false` anywhere): which of their statements took effect, and the four ways
//! on from there.
//!
//! The history row says how many statements the engine saw committed. The database is
//! then read and each statement's operations (the Rust migration's own, or the SQL
//! statement parsed in the file's dialect) are looked for in it: an operation has taken
//! effect when applying it again to the database's schema changes nothing or clashes with
//! what it creates (or finds gone what it drops). A statement the engine ran whose effect
//! the database shows outruns the recorded count (the process died between the two).
//!
//! - **retry** runs the statements after those that took effect;
//! - **rollback** runs the inverse of those that took effect, computed from the operation
//!   model (what they dropped comes from the schema the migrations before it describe),
//!   puts back rows kept before drops, and leaves the migration pending;
//! - **skip** leaves the database as it is and records the migration as applied;
//! - **mark** records what the user did by hand (`resolve`).
//!
//! Each is recorded in the audit table.

mod act;

use super::{Migrator, Prepared, Resolution, Source, Work};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, HistoryRow, status};
use crate::keep;
use crate::registry::MigrationFn;
use crate::sql::{Meaning, meaning};
use migrate_schema::{Dialect, Op, SchemaError, SchemaModel, Step, invert_op, render_all};

/// Whether a statement's effect is in the database.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Effect {
    /// Everything it does is there.
    Done,
    /// None of it is.
    NotDone,
    /// Some of its operations are there, some not.
    Partial,
    /// It does nothing the schema shows (data, functions, SQL that does not parse).
    Unknown,
}

/// One statement of a migration being recovered.
#[derive(Debug, Clone, serde::Serialize)]
pub struct RecoveredStatement {
    /// 1-based position in the migration.
    pub index: usize,
    /// The statement.
    pub sql: String,
    /// The history row counts it as committed.
    pub committed: bool,
    /// What the database shows of it.
    pub effect: Effect,
}

/// A migration that stopped half-way, and what can be done about it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Recovery {
    /// Version.
    pub version: u64,
    /// Name.
    pub name: String,
    /// `failed`, or `pending` when its process died while it ran.
    pub status: String,
    /// Why it failed.
    pub error: Option<String>,
    /// Statements the history row counts as committed.
    pub recorded: usize,
    /// Statements that took effect: the recorded ones, and any after them the database
    /// shows (the process died before counting it).
    pub ran: usize,
    /// Every statement, with what the database shows of it.
    pub statements: Vec<RecoveredStatement>,
    /// What `--retry` runs.
    pub retry: Vec<String>,
    /// What `--rollback` runs (the inverse of the statements that ran).
    pub rollback: Vec<String>,
    /// Why `--rollback` cannot be computed, if it cannot.
    pub rollback_blocked: Option<String>,
    #[serde(skip)]
    rollback_steps: Vec<Step>,
    /// Disagreements between the history row and the database.
    pub notes: Vec<String>,
}

/// What `recover` does with a migration that stopped half-way.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecoverAction {
    /// Run the statements after those that took effect, then record it applied.
    Retry,
    /// Undo the statements that took effect; the migration is pending again.
    Rollback,
    /// Leave the database as it is; record the migration applied.
    Skip,
    /// Record what was done by hand.
    Mark(Resolution),
}

/// Statements of a migration and the operations each stands for.
struct Statements {
    steps: Vec<Step>,
    /// Per statement, the operations judged there (an operation at its last statement).
    ops: Vec<Vec<Op>>,
    /// Per statement, the first statement of the operations judged there.
    starts: Vec<usize>,
    /// Per statement, whether an operation stands for it.
    covered: Vec<bool>,
}

impl Migrator {
    /// Every migration that stopped half-way, with what took effect and what each way on
    /// would run.
    pub async fn recover_plan(&self, conn: &mut Connection) -> Result<Vec<Recovery>> {
        self.bind(conn);
        let prepared = self.prepare(conn.dialect())?;
        let rows = history::rows(conn).await?;
        let blocking: Vec<&HistoryRow> = rows.iter().filter(|r| r.is_blocking()).collect();
        if blocking.is_empty() {
            return Ok(Vec::new());
        }
        let database = conn.introspect().await?;
        let kept = keep::list(conn).await?;
        let mut out = Vec::new();
        for row in blocking {
            out.push(self.recovery(conn.dialect(), &prepared, &database, &kept, row)?);
        }
        Ok(out)
    }

    fn recovery(
        &self,
        dialect: Dialect,
        prepared: &[Prepared<'_>],
        database: &SchemaModel,
        kept: &[keep::Kept],
        row: &HistoryRow,
    ) -> Result<Recovery> {
        let recorded = usize::try_from(row.progress.unwrap_or(0)).unwrap_or(0);
        let mut recovery = Recovery {
            version: row.version,
            name: row.name.clone(),
            status: row.status.clone(),
            error: row.error_message.clone(),
            recorded,
            ran: recorded,
            statements: Vec::new(),
            retry: Vec::new(),
            rollback: Vec::new(),
            rollback_blocked: None,
            rollback_steps: Vec::new(),
            notes: Vec::new(),
        };
        let Some(p) = prepared.iter().find(|p| p.m.version == row.version) else {
            recovery.rollback_blocked = Some("the migration is no longer available".into());
            return Ok(recovery);
        };
        let Some(statements) = statements_of(dialect, p, database) else {
            recovery.rollback_blocked =
                Some("it is async Rust code: what it ran is known only to it; undo it by hand and mark it".into());
            return Ok(recovery);
        };
        // Statements whose effect may be looked for: all of them, or in a file edited since
        // it stopped, those still as they were when it ran.
        let mut unchanged = statements.steps.len();
        if p.m.checksum != row.checksum {
            let now = history::statement_checksum_list(&super::step_texts(&statements.steps));
            let same =
                row.statement_checksums.as_ref().map(|then| then.iter().zip(&now).take_while(|(a, b)| a == b).count());
            let edited = format!(
                "{} was edited after it stopped (checksum {} then, {} now)",
                p.m.origin,
                super::short(&row.checksum),
                super::short(&p.m.checksum)
            );
            match same {
                Some(same) if same >= recorded => {
                    unchanged = same;
                    recovery.notes.push(format!(
                        "{edited}: the {recorded} statement(s) that took effect are unchanged, and --retry runs the \
                         rest as the file has them now"
                    ));
                }
                Some(same) => {
                    recovery.rollback_blocked = Some(format!(
                        "{edited}: statement {}, which had taken effect, is no longer the one that ran; restore it \
                         (only the statements after {recorded} may change), or undo what ran by hand and mark it",
                        same + 1
                    ));
                    return Ok(recovery);
                }
                None => {
                    recovery.rollback_blocked = Some(format!(
                        "{edited}, and its history row (from an earlier release) does not say which statements ran; \
                         restore the file as it was, or undo what ran by hand and mark it"
                    ));
                    return Ok(recovery);
                }
            }
        }
        if recorded > statements.steps.len() {
            recovery.rollback_blocked = Some(format!(
                "the history counts {recorded} statement(s) committed but the migration has {}",
                statements.steps.len()
            ));
            return Ok(recovery);
        }
        let effects: Vec<Effect> = statements.ops.iter().map(|ops| effect_of(dialect, database, ops)).collect();
        // A process that died between a statement and its count leaves the count behind; a
        // recorded failure is where the engine saw it stop.
        if row.status == status::PENDING {
            while recovery.ran < unchanged && effects[recovery.ran] == Effect::Done {
                recovery.ran += 1;
            }
        }
        if recovery.ran > recorded {
            recovery.notes.push(format!(
                "statement(s) {}..={} took effect although the history counts {recorded}: the process stopped \
                 before recording them",
                recorded + 1,
                recovery.ran
            ));
        }
        for (i, (step, effect)) in statements.steps.iter().zip(&effects).enumerate() {
            if i < recorded && *effect == Effect::NotDone {
                recovery.notes.push(format!(
                    "statement {} is recorded as committed but its effect is not in the database (undone by hand?)",
                    i + 1
                ));
            }
            recovery.statements.push(RecoveredStatement {
                index: i + 1,
                sql: step.preview().join(";\n"),
                committed: i < recorded,
                effect: *effect,
            });
        }
        recovery.retry =
            statements.steps[recovery.ran.min(statements.steps.len())..].iter().flat_map(Step::preview).collect();
        let kept: Vec<&keep::Kept> = kept.iter().filter(|k| k.version == row.version).collect();
        match self.inverse(dialect, database, &kept, &statements, &effects, recovery.ran, row.version) {
            Ok(steps) => {
                recovery.rollback = steps.iter().flat_map(Step::preview).collect();
                recovery.rollback_steps = steps;
            }
            Err(reason) => recovery.rollback_blocked = Some(reason),
        }
        Ok(recovery)
    }

    /// The statements that undo the first `ran` statements, rendered against the database.
    /// What they dropped is recreated from the definitions kept with its rows, else from
    /// the schema the migrations before describe.
    #[allow(clippy::too_many_arguments)]
    fn inverse(
        &self,
        dialect: Dialect,
        database: &SchemaModel,
        kept: &[&keep::Kept],
        statements: &Statements,
        effects: &[Effect],
        ran: usize,
        version: u64,
    ) -> std::result::Result<Vec<Step>, String> {
        // What the statements dropped is described by the migrations before this one.
        let before = self.replay(dialect, Some(version.saturating_sub(1))).map(|r| r.model).unwrap_or_default();
        let mut undo = Vec::new();
        for i in (0..statements.steps.len()).rev() {
            let ops = &statements.ops[i];
            // Operations that began before the stop, whether or not they finished.
            if statements.starts[i] >= ran || (ops.is_empty() && statements.covered[i]) {
                continue;
            }
            if ops.is_empty() || effects[i] == Effect::Unknown {
                return Err(format!(
                    "statement {} ({}) ran and the schema model cannot undo it (data, or SQL it does not follow); \
                     undo it by hand, then `migrate recover {version} --mark rolled-back`",
                    i + 1,
                    head(&statements.steps[i])
                ));
            }
            for op in ops.iter().rev() {
                let recreated = kept.iter().find(|k| match op {
                    Op::DropTable { table } => k.column.is_none() && &k.table == table,
                    Op::DropColumn { table, column } => &k.table == table && k.column.as_ref() == Some(column),
                    _ => false,
                });
                if let Some(op) = recreated.and_then(|k| k.recreate()) {
                    undo.push(op);
                    continue;
                }
                // Inverting what creates or renames needs nothing but the operation.
                let source = match op {
                    Op::RenameTable { .. } | Op::RenameColumn { .. } => database,
                    _ if creates(op) => database,
                    _ => &before,
                };
                let inverse = invert_op(source, op).map_err(|e| {
                    format!(
                        "statement {} ({}) cannot be undone from the model: {e}; the migrations before it do not \
                         describe what it changed (restore a backup, or undo it by hand and mark it)",
                        i + 1,
                        head(&statements.steps[i])
                    )
                })?;
                undo.extend(inverse);
            }
        }
        let plan = render_all(dialect, database, &undo).map_err(|e| format!("rendering the rollback: {e}"))?;
        Ok(plan.steps)
    }
}

fn not_found(version: u64, rows: &[HistoryRow]) -> Error {
    let stopped: Vec<String> = rows.iter().filter(|r| r.is_blocking()).map(|r| format!("V{}", r.version)).collect();
    let which = if stopped.is_empty() { "none did".to_owned() } else { format!("{} did", stopped.join(", ")) };
    Error::Config(format!("V{version} did not stop half-way: there is nothing to recover ({which})"))
}

/// The statements of `p` and the operations each stands for; `None` for async Rust code.
fn statements_of(dialect: Dialect, p: &Prepared<'_>, database: &SchemaModel) -> Option<Statements> {
    let Work::Steps(steps) = &p.up else { return None };
    let mut ops = vec![Vec::new(); steps.len()];
    let mut starts: Vec<usize> = (0..steps.len()).collect();
    let mut covered = vec![false; steps.len()];
    match &p.m.source {
        Source::Rust(r) => {
            if let MigrationFn::Schema(_) = r.up {
                let all = r.ops();
                for (j, op) in all.into_iter().enumerate() {
                    let start = p.starts.get(j).copied().unwrap_or(steps.len());
                    let end = p.starts.get(j + 1).copied().unwrap_or(steps.len());
                    // An operation of several statements (a table and its indexes, a SQLite
                    // rebuild) is judged at its last one: the earlier ones show nothing alone.
                    for c in covered.iter_mut().take(end).skip(start) {
                        *c = true;
                    }
                    if let Some(last) = end.checked_sub(1).filter(|last| *last >= start && *last < steps.len()) {
                        ops[last].push(op);
                        starts[last] = starts[last].min(start);
                    }
                }
            }
        }
        Source::Sql(_) => {
            for (slot, step) in ops.iter_mut().zip(steps) {
                if let Step::Execute(s) = step
                    && let Meaning::Ops { ops, .. } = meaning(dialect, &s.sql, database)
                {
                    *slot = ops;
                }
            }
        }
    }
    for (c, o) in covered.iter_mut().zip(&ops) {
        *c = *c || !o.is_empty();
    }
    Some(Statements { steps: steps.clone(), ops, starts, covered })
}

/// What `database` shows of `ops`.
fn effect_of(dialect: Dialect, database: &SchemaModel, ops: &[Op]) -> Effect {
    let effects: Vec<Effect> = ops.iter().map(|op| effect(dialect, database, op)).collect();
    match effects.first() {
        None => Effect::Unknown,
        Some(first) if effects.iter().all(|e| e == first) => *first,
        Some(_) if effects.contains(&Effect::Unknown) => Effect::Unknown,
        Some(_) => Effect::Partial,
    }
}

/// Whether `op` has taken effect in `database`: applying it again changes nothing, or
/// clashes with what it creates, or finds gone what it drops.
pub(super) fn effect(dialect: Dialect, database: &SchemaModel, op: &Op) -> Effect {
    if let Op::CreateTable { table } = op {
        // The table with its indexes and constraints: one that exists without its index
        // (a failure between the two statements) is only partly there.
        let Some(found) = database.table(&table.name) else { return Effect::NotDone };
        let alone = |t: &migrate_schema::Table| {
            let mut m = SchemaModel::new();
            m.tables.push(t.clone());
            m
        };
        return match migrate_schema::normalize::diff_in(dialect, &alone(table), &alone(found), &Default::default()) {
            Ok(d) if d.changes.is_empty() => Effect::Done,
            Ok(_) => Effect::Partial,
            Err(_) => Effect::Unknown,
        };
    }
    let mut again = database.clone();
    match again.apply_for(dialect, op) {
        Ok(()) => match migrate_schema::normalize::diff_in(dialect, database, &again, &Default::default()) {
            Ok(d) if d.changes.is_empty() => Effect::Done,
            Ok(_) => Effect::NotDone,
            Err(_) => Effect::Unknown,
        },
        Err(e) => {
            let clash = matches!(
                e,
                SchemaError::DuplicateTable { .. }
                    | SchemaError::DuplicateColumn { .. }
                    | SchemaError::DuplicateName { .. }
            );
            let gone = matches!(
                e,
                SchemaError::UnknownTable { .. }
                    | SchemaError::UnknownColumn { .. }
                    | SchemaError::UnknownObject { .. }
            );
            match op {
                _ if creates(op) && clash => Effect::Done,
                Op::DropTable { .. }
                | Op::DropColumn { .. }
                | Op::DropIndex { .. }
                | Op::DropForeignKey { .. }
                | Op::DropUnique { .. }
                | Op::DropCheck { .. }
                    if gone =>
                {
                    Effect::Done
                }
                Op::RenameTable { from, to } if gone => {
                    if database.table(from).is_none() && database.table(to).is_some() {
                        Effect::Done
                    } else {
                        Effect::Unknown
                    }
                }
                Op::RenameColumn { table, from, to } if gone => {
                    let t = database.table(table);
                    if t.is_some_and(|t| t.column(from).is_none() && t.column(to).is_some()) {
                        Effect::Done
                    } else {
                        Effect::Unknown
                    }
                }
                _ => Effect::Unknown,
            }
        }
    }
}

/// Operations that create what they name.
fn creates(op: &Op) -> bool {
    matches!(
        op,
        Op::CreateTable { .. }
            | Op::AddColumn { .. }
            | Op::CreateIndex { .. }
            | Op::AddForeignKey { .. }
            | Op::AddUnique { .. }
            | Op::AddCheck { .. }
    )
}

fn head(step: &Step) -> String {
    let text = step.preview().join(" ");
    let words: Vec<&str> = text.split_whitespace().take(6).collect();
    words.join(" ")
}
