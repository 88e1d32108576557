//! Checks of pending migrations against the connected database before anything runs:
//! validation (the tables and columns each statement names exist, names do not clash) and
//! risk assessment (rules per operation and dialect, sized by counts from the database).
//!
//! Both start from the database's own schema (introspected) and follow the pending
//! migrations in order: Rust migrations through their operations, SQL files through their
//! statements parsed in the file's dialect ([`crate::sql::meaning`]). What cannot be followed
//! is reported as an `unchecked` risk, and from there on a missing table or column is no
//! longer reported as an error for that migration (an unchecked statement may create it).

use super::types::RiskReport;
use super::{Migrator, Prepared, Problem, Source};
use crate::driver::Connection;
use crate::error::Result;
use crate::keep::Keep;
use crate::registry::MigrationFn;
use crate::sql::{Control, Meaning, control, meaning, split};
use migrate_schema::risk::{self, Level, Probe, Risk};
use migrate_schema::{Dialect, Op, SchemaError, SchemaModel};
use std::collections::{HashMap, HashSet};

/// Bytes a database rewrites or scans per millisecond, for the time estimates: about
/// 50 MB/s, a rewrite with its indexes on an ordinary disk. An order of magnitude, not a
/// promise; the count and size it is computed from are reported beside it.
const BYTES_PER_MS: i64 = 50_000;

/// What the checks found in the pending migrations.
pub(super) struct Checked {
    /// Per pending migration, in order.
    pub(super) risks: Vec<Vec<RiskReport>>,
    /// Statements that cannot apply (a table or column that does not exist, a clash).
    pub(super) problems: Vec<Problem>,
    /// Per pending migration, the rows to keep before it drops a table or column.
    pub(super) keeps: Vec<Vec<Keep>>,
}

/// One thing a migration does, as the checks see it.
enum Unit {
    Ops {
        ops: Vec<Op>,
        avoided: Vec<&'static str>,
        from_sql: bool,
    },
    Truncate(Vec<String>),
    Unchecked(String, String),
    /// A statement, read against the model as the units before it leave it.
    Sql {
        sql: String,
        from_sql: bool,
    },
}

impl Migrator {
    /// Follow `todo` (pending, in order) from the database's schema.
    pub(super) async fn check_pending(&self, conn: &mut Connection, todo: &[&Prepared<'_>]) -> Result<Checked> {
        let dialect = conn.dialect();
        let database = conn.introspect().await?;
        let Followed { problems, found, keeps } = follow(dialect, &conn.tables(), &database, todo);
        let mut sizer = Sizer { database: &database, counts: HashMap::new(), sizes: HashMap::new() };
        let mut out = Vec::new();
        for (p, risks) in todo.iter().zip(found) {
            let accepted = accepted(p);
            let mut reports = Vec::new();
            for (r, at) in risks {
                let count = match &r.probe {
                    Some(probe) => sizer.count(conn, probe).await?,
                    None => None,
                };
                let table = r
                    .probe
                    .as_ref()
                    .map(Probe::table)
                    .or(r.scans_table.then_some(r.object.split('.').next().unwrap_or_default()));
                let table_bytes = match table.filter(|_| r.scans_table) {
                    Some(t) => sizer.size(conn, t).await?,
                    None => None,
                };
                let (level, reason) = sized(&r, count);
                reports.push(RiskReport {
                    level,
                    rule: r.rule,
                    object: r.object,
                    reason,
                    at,
                    count,
                    table_bytes,
                    estimate_ms: table_bytes.map(|b| b / BYTES_PER_MS),
                    accepted: accepted.iter().any(|a| a == r.rule),
                });
            }
            out.push(reports);
        }
        Ok(Checked { risks: out, problems, keeps })
    }
}

/// What following the pending migrations through the model finds.
pub(super) struct Followed {
    /// Statements that cannot apply.
    pub(super) problems: Vec<Problem>,
    /// Per pending migration, its risks and where each is, before sizing.
    pub(super) found: Vec<Vec<(Risk, String)>>,
    /// Per pending migration, the rows to keep before it drops a table or column.
    keeps: Vec<Vec<Keep>>,
}

/// Follow `todo` (in order) from the schema `database` in `dialect`, without a database:
/// the statements that cannot apply, the risks and the rows to keep.
pub(super) fn follow(
    dialect: Dialect,
    tables: &crate::tables::Tables,
    database: &SchemaModel,
    todo: &[&Prepared<'_>],
) -> Followed {
    let mut model = database.clone();
    let mut problems = Vec::new();
    let mut found: Vec<Vec<(Risk, String)>> = Vec::new();
    let mut keeps = Vec::new();
    // Once the model may differ from what the database will hold (a statement it cannot
    // follow, an operation it could not apply), a missing table or column is no longer
    // reported: for the rest of the run, only risks are.
    let mut uncertain = false;
    for p in todo {
        // Tables this migration created (or renamed) so far: they hold no rows yet.
        let mut created: HashSet<String> = HashSet::new();
        let mut risks = Vec::new();
        let mut kept = Vec::new();
        for (at, step, unit) in units(dialect, p) {
            let unit = match unit {
                Unit::Sql { sql, from_sql } => unit_of(dialect, &sql, &model, from_sql),
                other => other,
            };
            match unit {
                Unit::Ops { ops, avoided, from_sql } => {
                    for op in ops {
                        let existing = |t: &str| model.table(t).is_some() && !created.contains(t);
                        let assessed = risk::assess_with(dialect, existing, &model, &op);
                        risks.extend(
                            assessed.into_iter().filter(|r| !avoided.contains(&r.rule)).map(|r| (r, at.clone())),
                        );
                        kept.extend(Keep::before(step, &model, &op));
                        match &op {
                            Op::CreateTable { table } => {
                                created.insert(table.name.clone());
                            }
                            Op::RenameTable { from, to } => {
                                created.remove(from);
                                created.insert(to.clone());
                            }
                            _ => {}
                        }
                        let Err(e) = model.apply_for(dialect, &op) else { continue };
                        if from_sql && !uncertain && is_definite(&e) && !differs_in_case_only(&model, &e) {
                            // Reported: the statement fails, so the model without it is right.
                            problems.push(Problem {
                                kind: "invalid",
                                version: p.m.version,
                                message: format!("V{} {} ({at}): {e}", p.m.version, p.m.name),
                            });
                        } else {
                            uncertain = true;
                        }
                    }
                }
                Unit::Truncate(tables) => {
                    risks.extend(tables.iter().map(|t| (risk::truncate(t), at.clone())));
                }
                Unit::Unchecked(object, reason) => {
                    uncertain = true;
                    risks.push((risk::unchecked(object, reason), at.clone()));
                }
                Unit::Sql { .. } => {}
            }
        }
        for (at, verb, table) in own_tables_changed(dialect, tables, p) {
            problems.push(Problem {
                kind: "own_table",
                version: p.m.version,
                message: format!(
                    "V{} {} ({at}): {verb} `{table}`, one of migrate's own tables (history, audit, lock, kept \
                     rows); a migration may not drop, rename, alter or truncate them. If the project used another \
                     tool before, set `history_table` in migrate.toml (or pass --history-table) so that migrate's \
                     tables are named apart from it",
                    p.m.version, p.m.name
                ),
            });
        }
        for (at, control) in transaction_controls(dialect, p) {
            let (what, fix) = match &control {
                Control::Transaction(s) => (
                    format!("`{s}` controls the transaction itself, but the file runs inside migrate's own"),
                    "so that its statements run as written",
                ),
                Control::OutsideTransaction(s) => {
                    (format!("`{s}` cannot run inside a transaction block"), "so that it runs outside one")
                }
            };
            let hint = format!("add a `-- migrate:no-transaction` line to the file {fix}");
            risks.push((risk::transaction_control(control.statement(), format!("{what}; {hint}")), at.clone()));
            problems.push(Problem {
                kind: "transaction",
                version: p.m.version,
                message: format!("V{} {} ({at}): {what}; {hint}", p.m.version, p.m.name),
            });
        }
        for rule in accepted(p).iter().filter(|r| !risk::RULES.contains(&r.as_str())) {
            problems.push(Problem {
                kind: "invalid",
                version: p.m.version,
                message: format!(
                    "V{} {} ({}): accepts risk `{rule}`, which is not a rule (rules: {})",
                    p.m.version,
                    p.m.name,
                    p.m.origin,
                    risk::RULES.join(", ")
                ),
            });
        }
        found.push(risks);
        keeps.push(kept);
    }
    Followed { problems, found, keeps }
}

/// The rules a migration accepts.
pub(super) fn accepted(p: &Prepared<'_>) -> Vec<String> {
    match &p.m.source {
        Source::Rust(r) => r.allow_risk.split(',').map(|s| s.trim().to_owned()).filter(|s| !s.is_empty()).collect(),
        Source::Sql(f) => f.allowed_risks.clone(),
    }
}

/// Whether the missing table or column exists under another case: unquoted names fold
/// (PostgreSQL lowers them; MySQL columns and SQLite names compare without case).
fn differs_in_case_only(model: &SchemaModel, e: &SchemaError) -> bool {
    let table_named = |name: &str| model.tables.iter().find(|t| t.name.eq_ignore_ascii_case(name));
    match e {
        SchemaError::UnknownTable { table } => table_named(table).is_some(),
        SchemaError::UnknownColumn { table, column } => {
            table_named(table).is_some_and(|t| t.columns.iter().any(|c| c.name.eq_ignore_ascii_case(column)))
        }
        _ => false,
    }
}

/// Errors that a statement would certainly hit: it names a table or column that does not
/// exist, or creates one that does.
fn is_definite(e: &SchemaError) -> bool {
    matches!(
        e,
        SchemaError::UnknownTable { .. }
            | SchemaError::UnknownColumn { .. }
            | SchemaError::DuplicateTable { .. }
            | SchemaError::DuplicateColumn { .. }
            | SchemaError::DuplicateName { .. }
    )
}

/// What `p` does, unit by unit, with where each comes from and the index of the step it
/// starts at.
fn units(dialect: Dialect, p: &Prepared<'_>) -> Vec<(String, usize, Unit)> {
    let mut out = Vec::new();
    match &p.m.source {
        Source::Rust(r) => match r.up {
            MigrationFn::Schema(_) => {
                // Raw SQL inside a Rust migration is read like a SQL file's statements;
                // their effect on the model is the operation's own, so only risks count.
                for (i, op) in r.ops().into_iter().enumerate() {
                    let step = p.starts.get(i).copied().unwrap_or_default();
                    if let Op::Sql { up, .. } = &op
                        && let Some(sql) = up.for_dialect(dialect)
                    {
                        for s in split(sql, dialect).unwrap_or_default() {
                            out.push((p.m.origin.clone(), step, Unit::Sql { sql: s.sql, from_sql: false }));
                        }
                    }
                    let unit = Unit::Ops { ops: vec![op], avoided: Vec::new(), from_sql: false };
                    out.push((p.m.origin.clone(), step, unit));
                }
            }
            MigrationFn::Async(_) => out.push((
                p.m.origin.clone(),
                0,
                Unit::Unchecked(
                    p.m.name.clone(),
                    "async Rust code: the statements it runs are known only when it runs".to_owned(),
                ),
            )),
        },
        Source::Sql(f) => {
            for (i, s) in f.up_statements(dialect).unwrap_or_default().into_iter().enumerate() {
                let at = format!("{}:{}", f.path.display(), s.line);
                out.push((at, i, Unit::Sql { sql: s.sql, from_sql: true }));
            }
        }
    }
    out
}

/// Where `p` drops, renames, alters or truncates one of the tool's own tables (or, in Rust,
/// names one in any operation), with the verb and the table.
fn own_tables_changed(
    dialect: Dialect,
    tables: &crate::tables::Tables,
    p: &Prepared<'_>,
) -> Vec<(String, &'static str, String)> {
    let own = |name: &str| tables.is_own(name, dialect.capabilities().names_ignore_case);
    match &p.m.source {
        Source::Sql(f) => f
            .up_statements(dialect)
            .unwrap_or_default()
            .into_iter()
            .flat_map(|s| {
                let at = format!("{}:{}", f.path.display(), s.line);
                crate::sql::tables_changed(dialect, &s.sql).into_iter().map(move |(verb, t)| (at.clone(), verb, t))
            })
            .filter(|(_, _, t)| own(t))
            .collect(),
        Source::Rust(r) => match r.up {
            MigrationFn::Schema(_) => r
                .ops()
                .iter()
                .filter_map(|op| op.table().filter(|t| own(t)).map(|t| (p.m.origin.clone(), "changes", t.to_owned())))
                .collect(),
            MigrationFn::Async(_) => Vec::new(),
        },
    }
}

/// The statements of a SQL file that runs in a transaction which control transactions
/// themselves or must run outside one, with where they are.
fn transaction_controls(dialect: Dialect, p: &Prepared<'_>) -> Vec<(String, Control)> {
    let Source::Sql(f) = &p.m.source else { return Vec::new() };
    if !f.transaction {
        return Vec::new();
    }
    f.up_statements(dialect)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|s| control(dialect, &s.sql).map(|c| (format!("{}:{}", f.path.display(), s.line), c)))
        .collect()
}

fn unit_of(dialect: Dialect, sql: &str, model: &SchemaModel, from_sql: bool) -> Unit {
    match meaning(dialect, sql, model) {
        Meaning::Ops { ops, mut avoided } if from_sql => {
            // A SQL file's statement runs as written: SQLite alters in place or refuses, it
            // never rebuilds (only the renderer of Rust migrations does).
            avoided.push("table-rebuild");
            Unit::Ops { ops, avoided, from_sql }
        }
        // Raw SQL of a Rust migration: its operation already stands for it in the model.
        Meaning::Ops { .. } | Meaning::Nothing => Unit::Ops { ops: Vec::new(), avoided: Vec::new(), from_sql },
        Meaning::Truncate(tables) => Unit::Truncate(tables),
        Meaning::Unchecked(reason) => {
            let head: String = sql.split_whitespace().take(4).collect::<Vec<_>>().join(" ");
            Unit::Unchecked(head, reason)
        }
    }
}

/// The level and reason of `r` once its count is known.
fn sized(r: &Risk, count: Option<i64>) -> (Level, String) {
    let Some(n) = count else { return (r.level, r.reason.clone()) };
    let (level, what) = match r.rule {
        "drop-table" | "truncate" => (if n == 0 { Level::Low } else { Level::High }, format!("{n} row(s) lost")),
        "drop-column" => (if n == 0 { Level::Low } else { Level::High }, format!("{n} non-NULL value(s) lost")),
        "add-required-column" => (if n == 0 { Level::Low } else { Level::High }, format!("the table has {n} row(s)")),
        "set-not-null" => (if n == 0 { Level::Low } else { Level::High }, format!("{n} row(s) hold NULL")),
        "narrow-type" if matches!(r.probe, Some(Probe::Longer { .. })) => {
            (if n == 0 { Level::Medium } else { Level::High }, format!("{n} value(s) are longer"))
        }
        "narrow-type" | "change-type" => {
            (if n == 0 { Level::Low } else { r.level }, format!("{n} value(s) to convert"))
        }
        "unique-on-existing-rows" => {
            (if n == 0 { Level::Low } else { Level::High }, format!("{n} value(s) are shared by several rows"))
        }
        _ => (r.level, format!("{n} row(s)")),
    };
    (level, format!("{}: {what}", r.reason))
}

/// Counts and sizes from the database, each asked once.
struct Sizer<'a> {
    database: &'a SchemaModel,
    counts: HashMap<String, Option<i64>>,
    sizes: HashMap<String, Option<i64>>,
}

impl Sizer<'_> {
    async fn count(&mut self, conn: &mut Connection, probe: &Probe) -> Result<Option<i64>> {
        if self.database.table(probe.table()).is_none() {
            return Ok(None);
        }
        let dialect = conn.dialect();
        let q = |name: &str| dialect.quote(name);
        let sql = match probe {
            Probe::Rows { table } => format!("SELECT COUNT(*) FROM {}", q(table)),
            Probe::Values { table, column } => format!("SELECT COUNT({}) FROM {}", q(column), q(table)),
            Probe::Nulls { table, column } => {
                format!("SELECT COUNT(*) FROM {} WHERE {} IS NULL", q(table), q(column))
            }
            Probe::Longer { table, column, len } => {
                let length = if dialect == Dialect::MySql { "CHAR_LENGTH" } else { "LENGTH" };
                format!("SELECT COUNT(*) FROM {} WHERE {length}({}) > {len}", q(table), q(column))
            }
            Probe::Duplicates { table, columns } => {
                let list = columns.iter().map(|c| q(c)).collect::<Vec<_>>().join(", ");
                let present = columns.iter().map(|c| format!("{} IS NOT NULL", q(c))).collect::<Vec<_>>().join(" AND ");
                format!(
                    "SELECT COUNT(*) FROM (SELECT 1 AS one FROM {} WHERE {present} GROUP BY {list} HAVING COUNT(*) > 1) d",
                    q(table)
                )
            }
        };
        if let Some(known) = self.counts.get(&sql) {
            return Ok(*known);
        }
        // A column the database does not have (yet) cannot be counted: no figure.
        let count = conn.fetch_all::<(i64,)>(&sql).await.ok().and_then(|rows| rows.first().map(|r| r.0));
        self.counts.insert(sql, count);
        Ok(count)
    }

    async fn size(&mut self, conn: &mut Connection, table: &str) -> Result<Option<i64>> {
        if self.database.table(table).is_none() {
            return Ok(None);
        }
        if let Some(known) = self.sizes.get(table) {
            return Ok(*known);
        }
        let literal = table.replace('\'', "''");
        let sql = match conn.dialect() {
            Dialect::Postgres => format!(
                "SELECT pg_total_relation_size(to_regclass('{}'))::bigint",
                Dialect::Postgres.quote(table).replace('\'', "''")
            ),
            Dialect::MySql => format!(
                "SELECT CAST(data_length + index_length AS SIGNED) FROM information_schema.tables \
                 WHERE table_schema = DATABASE() AND table_name = '{literal}'"
            ),
            Dialect::Sqlite => format!("SELECT SUM(pgsize) FROM dbstat WHERE name = '{literal}'"),
        };
        let size = conn.fetch_all::<(Option<i64>,)>(&sql).await.ok().and_then(|rows| rows.first().and_then(|r| r.0));
        self.sizes.insert(table.to_owned(), size);
        Ok(size)
    }
}
