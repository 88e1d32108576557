//! Rendering operations as SQL for each dialect, through sea-query.
//!
//! Each dialect's file says how it renders every operation, and consults the capability
//! table ([`Capabilities`](crate::Capabilities)) before asking sea-query for anything it would panic on. What a
//! dialect cannot do is a [`RenderError::Unsupported`] naming the dialect and operation,
//! or a documented recipe: SQLite's table rebuild ([`Rebuild`]).

mod common;
mod mysql;
mod postgres;
mod sqlite;

pub use sqlite::rebuild::Rebuild;
pub(crate) use sqlite::rebuilds as sqlite_rebuilds;

pub(crate) use crate::dialect::Dialect;

use crate::error::RenderError;
use crate::model::SchemaModel;
use crate::ops::Op;

impl Dialect {
    /// The SQL type the dialect's renderer writes for `ty` (an `identity` column on SQLite
    /// is always `integer`).
    ///
    /// ```
    /// use migrate_schema::{ColumnType, Dialect};
    /// assert_eq!(Dialect::MySql.type_sql(&ColumnType::Uuid, false), "char(36)");
    /// ```
    pub fn type_sql(self, ty: &crate::ColumnType, identity: bool) -> String {
        match self {
            Dialect::Postgres => postgres::sql_type(ty),
            Dialect::MySql => mysql::sql_type(ty),
            Dialect::Sqlite => sqlite::sql_type(ty, identity),
        }
    }

    /// The default clause's SQL the dialect's renderer writes for `default` on a column of
    /// type `ty`.
    pub fn default_sql(self, default: &crate::DefaultValue, ty: &crate::ColumnType) -> String {
        match self {
            Dialect::Postgres => common::default_sql::<postgres::Postgres>(default, ty),
            Dialect::MySql => common::default_sql::<mysql::MySql>(default, ty),
            Dialect::Sqlite => common::default_sql::<sqlite::Sqlite>(default, ty),
        }
    }
}

/// A statement to execute, with values to bind in order.
#[derive(Debug, Clone)]
pub struct Statement {
    /// SQL text, with placeholders for `values`.
    pub sql: String,
    /// Bound values (empty for DDL).
    pub values: sea_query::Values,
}

impl Statement {
    pub(crate) fn ddl(sql: impl Into<String>) -> Self {
        Self { sql: sql.into(), values: sea_query::Values(Vec::new()) }
    }
}

/// One step of a rendered migration.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Step {
    /// Execute a statement.
    Execute(Statement),
    /// Rebuild a SQLite table (the executor supplies the table's triggers).
    Rebuild(Rebuild),
}

impl Step {
    /// The SQL this step sends, for display (a rebuild shown without triggers).
    pub fn preview(&self) -> Vec<String> {
        match self {
            Step::Execute(s) => vec![s.sql.clone()],
            Step::Rebuild(r) => r.statements(&[]),
        }
    }
}

/// Rendered operations and the schema they lead to.
#[derive(Debug, Clone)]
pub struct Plan {
    /// Steps in execution order.
    pub steps: Vec<Step>,
    /// The schema after all the operations.
    pub after: SchemaModel,
}

/// What a dialect's renderer sees of one operation.
pub(crate) struct Ctx<'a> {
    pub(crate) before: &'a SchemaModel,
    pub(crate) after: &'a SchemaModel,
    pub(crate) op: &'a Op,
}

/// Render one operation, valid against `before`, for `dialect`.
///
/// ```
/// use migrate_schema::{render, Dialect, Op, Schema, SchemaModel, Step};
///
/// let mut s = Schema::new();
/// s.create_table("users", |t| { t.id("id"); });
/// let model = SchemaModel::from_ops(s.ops()).unwrap();
/// let op = Op::RenameColumn { table: "users".into(), from: "id".into(), to: "user_id".into() };
/// let steps = render(Dialect::MySql, &model, &op).unwrap();
/// assert_eq!(steps[0].preview(), ["ALTER TABLE `users` RENAME COLUMN `id` TO `user_id`"]);
/// ```
pub fn render(dialect: Dialect, before: &SchemaModel, op: &Op) -> Result<Vec<Step>, RenderError> {
    let mut after = before.clone();
    after.apply_for(dialect, op)?;
    if let Some(t) = op.table().and_then(|name| after.table(name)) {
        if let Some(c) = t.columns.iter().find(|c| c.on_update.is_some()).filter(|_| dialect != Dialect::MySql) {
            return Err(RenderError::Unsupported {
                dialect,
                operation: format!("`ON UPDATE` on column `{}.{}` (MySQL's; a trigger does it here)", t.name, c.name),
            });
        }
        match dialect {
            Dialect::Postgres => {}
            Dialect::MySql => mysql::check_table(t, &after)?,
            Dialect::Sqlite => sqlite::check_table(t)?,
        }
    }
    let ctx = Ctx { before, after: &after, op };
    match dialect {
        Dialect::Postgres => postgres::render(&ctx),
        Dialect::MySql => mysql::render(&ctx),
        Dialect::Sqlite => sqlite::render(&ctx),
    }
}

/// Render a sequence of operations, replaying each on the schema as it goes.
pub fn render_all(dialect: Dialect, before: &SchemaModel, ops: &[Op]) -> Result<Plan, RenderError> {
    let mut schema = before.clone();
    let mut steps = Vec::new();
    for op in ops {
        steps.extend(render(dialect, &schema, op)?);
        schema.apply_for(dialect, op)?;
    }
    Ok(Plan { steps, after: schema })
}
