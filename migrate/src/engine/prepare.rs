//! Rendering: every migration for one dialect, Rust schema migrations against the schema
//! the ones before them built, SQL files split into statements; and what a run or a
//! rollback would do with them.

use super::graph::Graph;
use super::types::Source;
use super::verify::{down_targets, is_applied};
use super::{DownTarget, Kind, Migration, Migrator, Planned, UpTarget};
use crate::error::{Error, Result};
use crate::history::HistoryRow;
use crate::registry::{BoxFuture, MigrationFn, RustMigration, recorded};
use crate::sql::{SqlFile, split};
use crate::tx::Tx;
use migrate_schema::{Dialect, SchemaModel, Statement, Step, render_all};

pub(super) type AsyncFn = for<'a, 'b> fn(&'a mut Tx<'b>) -> BoxFuture<'a, Result<()>>;

/// What running one direction of a migration does.
pub(super) enum Work {
    Steps(Vec<Step>),
    Async(AsyncFn),
    Nothing,
}

impl Work {
    pub(super) fn statements(&self) -> Vec<String> {
        match self {
            Work::Steps(steps) => steps.iter().flat_map(Step::preview).collect(),
            Work::Async(_) => vec!["-- async Rust code: its statements are known only when it runs".to_owned()],
            Work::Nothing => Vec::new(),
        }
    }

    pub(super) fn sql_text(&self) -> Option<String> {
        match self {
            Work::Steps(_) | Work::Nothing => Some(self.statements().join(";\n")),
            Work::Async(_) => None,
        }
    }
}

/// A migration rendered for one dialect.
pub(super) struct Prepared<'m> {
    pub(super) m: &'m Migration,
    pub(super) up: Work,
    pub(super) down: std::result::Result<Work, String>,
    /// Rust schema migrations: the index of the first step of each operation.
    pub(super) starts: Vec<usize>,
}

/// [`render_all`] of `r`'s operations, also saying at which step each operation starts.
pub(super) fn render_indexed(
    dialect: Dialect,
    before: &SchemaModel,
    ops: &[migrate_schema::Op],
    r: &RustMigration,
) -> Result<(migrate_schema::Plan, Vec<usize>)> {
    let mut plan = migrate_schema::Plan { steps: Vec::new(), after: before.clone() };
    let mut starts = Vec::with_capacity(ops.len());
    for op in ops {
        starts.push(plan.steps.len());
        plan.steps.extend(migrate_schema::render(dialect, &plan.after, op).map_err(|e| render_error(r, e))?);
        plan.after.apply_for(dialect, op).map_err(|e| render_error(r, e.into()))?;
    }
    Ok((plan, starts))
}

pub(super) fn rust_migration(m: &'static RustMigration) -> Migration {
    Migration {
        version: m.version,
        name: m.name.to_owned(),
        kind: Kind::Rust,
        checksum: m.checksum(),
        transaction: m.transaction,
        origin: m.location(),
        source: Source::Rust(m),
    }
}

pub(super) fn sql_migration(f: SqlFile) -> Migration {
    Migration {
        version: f.version,
        name: f.name.clone(),
        kind: Kind::Sql,
        checksum: f.checksum.clone(),
        transaction: f.transaction,
        origin: f.path.display().to_string(),
        source: Source::Sql(Box::new(f)),
    }
}

impl Migrator {
    /// Render every migration for `dialect`: Rust schema migrations against the schema the
    /// ones before them built (replayed), SQL files split into statements. Any error here
    /// is reported before anything runs.
    pub(super) fn prepare(&self, dialect: Dialect) -> Result<Vec<Prepared<'_>>> {
        let mut schema = SchemaModel::new();
        let mut out = Vec::new();
        for m in self.for_dialect(dialect) {
            let prepared = match &m.source {
                Source::Sql(f) => {
                    let file_error = |e| Error::File(Box::new(e));
                    let up = statements_work(f.up_statements(dialect).map_err(file_error)?.into_iter().map(|s| s.sql));
                    let down = match f.down_statements(dialect).map_err(file_error)? {
                        Some(statements) => Ok(statements_work(statements.into_iter().map(|s| s.sql))),
                        None => Err(format!("{} has no DOWN section", m.origin)),
                    };
                    Prepared { m, up, down, starts: Vec::new() }
                }
                Source::Rust(r) => {
                    let rendered = |ops: &[migrate_schema::Op], from: &SchemaModel| {
                        render_all(dialect, from, ops).map_err(|source| render_error(r, source))
                    };
                    match r.up {
                        MigrationFn::Schema(_) => {
                            let ops = r.ops();
                            let (plan, starts) = render_indexed(dialect, &schema, &ops, r)?;
                            let down = match r.down {
                                Some(MigrationFn::Schema(f)) => {
                                    Ok(Work::Steps(rendered(&recorded(f), &plan.after)?.steps))
                                }
                                Some(MigrationFn::Async(f)) => Ok(Work::Async(f)),
                                None => migrate_schema::invert_for(dialect, &schema, &ops)
                                    .map_err(|e| e.to_string())
                                    .and_then(|down| render_all(dialect, &plan.after, &down).map_err(|e| e.to_string()))
                                    .map(|p| Work::Steps(p.steps)),
                            };
                            schema = plan.after;
                            Prepared { m, up: Work::Steps(plan.steps), down, starts }
                        }
                        MigrationFn::Async(f) => {
                            let down = match r.down {
                                Some(MigrationFn::Async(d)) => Ok(Work::Async(d)),
                                Some(MigrationFn::Schema(d)) => Ok(Work::Steps(rendered(&recorded(d), &schema)?.steps)),
                                None if r.irreversible => Ok(Work::Nothing),
                                None => Err(format!(
                                    "it is an async data migration without a `down` (give it `down = ...`, or mark it \
                                     `irreversible` if rolling it back needs nothing), defined at {}",
                                    m.origin
                                )),
                            };
                            Prepared { m, up: Work::Async(f), down, starts: Vec::new() }
                        }
                    }
                }
            };
            out.push(prepared);
        }
        Ok(out)
    }
}

pub(super) fn render_error(r: &RustMigration, source: migrate_schema::RenderError) -> Error {
    match source {
        migrate_schema::RenderError::Schema(source) => Error::Schema {
            version: r.version,
            name: r.name.to_owned(),
            location: r.location(),
            source: Box::new(source),
        },
        source => Error::Render {
            version: r.version,
            name: r.name.to_owned(),
            location: r.location(),
            source: Box::new(source),
        },
    }
}

pub(super) fn statements_work(statements: impl Iterator<Item = String>) -> Work {
    Work::Steps(statements.map(|sql| Step::Execute(Statement { sql, values: sea_query::Values(Vec::new()) })).collect())
}

pub(super) fn pending<'p, 'm>(
    prepared: &'p [Prepared<'m>],
    rows: &[HistoryRow],
    target: UpTarget,
) -> Vec<&'p Prepared<'m>> {
    let within = target.to.map(|to| Graph::of(prepared.iter().map(|p| p.m)).up_to(to));
    let mut todo: Vec<&Prepared<'m>> = prepared
        .iter()
        .filter(|p| !is_applied(rows, p.m.version))
        .filter(|p| within.as_ref().is_none_or(|set| set.contains(&p.m.version)))
        .collect();
    if let Some(n) = target.step {
        todo.truncate(n);
    }
    todo
}

pub(super) fn available_of<'m>(prepared: &[Prepared<'m>]) -> Vec<&'m Migration> {
    prepared.iter().map(|p| p.m).collect()
}

/// What `down` would roll back, each with its work, newest first.
pub(super) fn down_planned(
    dialect: Dialect,
    prepared: &[Prepared<'_>],
    rows: &[HistoryRow],
    target: DownTarget,
) -> Result<Vec<(Planned, Work)>> {
    let mut out = Vec::new();
    let rows = super::squash::beside_squashes(prepared.iter().map(|p| p.m), rows);
    for row in down_targets(&Graph::of(prepared.iter().map(|p| p.m)), &rows, target)? {
        let work = down_work(dialect, prepared, row)?;
        let planned = Planned {
            version: row.version,
            name: row.name.clone(),
            kind: prepared.iter().find(|p| p.m.version == row.version).map_or(Kind::Sql, |p| p.m.kind),
            transaction: dialect != Dialect::MySql,
            statements: work.statements(),
            risks: Vec::new(),
            problems: Vec::new(),
        };
        out.push((planned, work));
    }
    Ok(out)
}

/// How to roll back `row`: the available migration's down, else the down SQL recorded
/// when it was applied.
pub(super) fn down_work(dialect: Dialect, prepared: &[Prepared<'_>], row: &HistoryRow) -> Result<Work> {
    let irreversible = |reason: String| Error::Irreversible { version: row.version, name: row.name.clone(), reason };
    match prepared.iter().find(|p| p.m.version == row.version) {
        Some(p) => match &p.down {
            Ok(Work::Steps(steps)) => Ok(Work::Steps(steps.clone())),
            Ok(Work::Async(f)) => Ok(Work::Async(*f)),
            Ok(Work::Nothing) => Ok(Work::Nothing),
            Err(reason) => Err(irreversible(reason.clone())),
        },
        None => match &row.down_sql {
            Some(sql) => {
                let statements =
                    split(sql, dialect).map_err(|e| irreversible(format!("its recorded down SQL: {e}")))?;
                Ok(statements_work(statements.into_iter().map(|s| s.sql)))
            }
            None => Err(irreversible("it is not available and its history row has no down SQL".into())),
        },
    }
}

/// The text of each step, as the history counts statements (one per step).
pub(super) fn step_texts(steps: &[Step]) -> Vec<String> {
    steps.iter().map(|s| s.preview().join(";\n")).collect()
}
