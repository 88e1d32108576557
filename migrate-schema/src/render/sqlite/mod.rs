//! SQLite: `ALTER TABLE` adds, drops and renames columns and nothing else; every other
//! change uses the table rebuild that SQLite documents ([`Rebuild`]).

pub(super) mod rebuild;

use super::common::{self as c, Backend, quote, string_literal};
use super::{Ctx, Dialect, Step};
use crate::error::RenderError;
use crate::model::{Column, ColumnType, DefaultValue, SchemaModel, Table};
use crate::ops::Op;
use rebuild::Rebuild;
use sea_query::{ColumnDef, Expr};

pub(crate) struct Sqlite;

impl Backend for Sqlite {
    const DIALECT: Dialect = Dialect::Sqlite;
    type Builder = sea_query::SqliteQueryBuilder;

    fn column_type(col: &Column) -> sea_query::ColumnType {
        sea_query::ColumnType::custom(c::declared_type::<Sqlite>(sql_type(&col.ty, col.identity), col))
    }

    fn now(ty: &ColumnType) -> &'static str {
        match ty {
            ColumnType::Date => "CURRENT_DATE",
            ColumnType::Time => "CURRENT_TIME",
            _ => "CURRENT_TIMESTAMP",
        }
    }

    fn finish_column(table: &Table, col: &Column, def: &mut ColumnDef) {
        if col.identity && Self::inline_primary_key(table) {
            def.primary_key().auto_increment();
        }
        if let ColumnType::Enum { values, .. } = &col.ty {
            let values = values.iter().map(|v| string_literal::<Sqlite>(v)).collect::<Vec<_>>().join(", ");
            def.check(Expr::cust(format!("{} IN ({values})", quote::<Sqlite>(&col.name))));
        }
    }

    /// `INTEGER PRIMARY KEY AUTOINCREMENT` must be written on the column.
    fn inline_primary_key(table: &Table) -> bool {
        match &table.primary_key {
            Some(pk) => pk.columns.len() == 1 && table.column(&pk.columns[0]).is_some_and(|c| c.identity),
            None => false,
        }
    }
}

/// SQLite numbers rows automatically only for an `INTEGER PRIMARY KEY` column: an identity
/// column anywhere else would silently lose its auto-increment, so it is refused.
pub(crate) fn check_table(t: &Table) -> Result<(), RenderError> {
    match t.columns.iter().find(|c| c.identity) {
        Some(c) if !Sqlite::inline_primary_key(t) => Err(RenderError::Unsupported {
            dialect: Dialect::Sqlite,
            operation: format!(
                "auto-increment column `{}.{}` that is not the table's only primary key column",
                t.name, c.name
            ),
        }),
        _ => Ok(()),
    }
}

/// Declared types are chosen so that SQLite's type affinity keeps values as written:
/// JSON is `json_text` (text affinity), not `json` (numeric affinity would turn `'1'` into 1).
pub(crate) fn sql_type(ty: &ColumnType, identity: bool) -> String {
    // An identity column is a rowid alias, which only `INTEGER` (in any case) declares.
    if identity && !matches!(ty, ColumnType::Native { .. }) {
        return "integer".into();
    }
    match ty {
        ColumnType::SmallInt => "smallint".into(),
        ColumnType::Int => "integer".into(),
        ColumnType::BigInt => "bigint".into(),
        ColumnType::Real => "real".into(),
        ColumnType::Double => "double".into(),
        ColumnType::Decimal { precision, scale } => format!("numeric({precision}, {scale})"),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Char { len } => format!("char({len})"),
        ColumnType::Varchar { len } => format!("varchar({len})"),
        ColumnType::Text | ColumnType::Enum { .. } => "text".into(),
        ColumnType::Bytes => "blob".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Time => "time".into(),
        ColumnType::Timestamp => "timestamp".into(),
        ColumnType::TimestampTz => "timestamptz".into(),
        ColumnType::Uuid => "uuid_text".into(),
        ColumnType::Json => "json_text".into(),
        ColumnType::Native { sql } => sql.clone(),
    }
}

/// Whether `op` on the schema `before` is done by a table rebuild rather than in place:
/// what [`render`] does, said without rendering (the risk checks ask it of every
/// operation on an existing table).
pub(crate) fn rebuilds(before: &SchemaModel, op: &Op) -> bool {
    match op {
        Op::AddColumn { column, .. } => !can_add_in_place(column),
        Op::DropColumn { table, column } => before.table(table).is_some_and(|t| {
            let gone = t.dropped_with(column);
            !gone.uniques.is_empty() || !gone.foreign_keys.is_empty() || !gone.checks.is_empty()
        }),
        Op::AlterColumn { .. }
        | Op::AddForeignKey { .. }
        | Op::DropForeignKey { .. }
        | Op::AddUnique { .. }
        | Op::DropUnique { .. }
        | Op::AddCheck { .. }
        | Op::DropCheck { .. } => true,
        _ => false,
    }
}

pub(crate) fn render(ctx: &Ctx<'_>) -> Result<Vec<Step>, RenderError> {
    type S = Sqlite;
    let rebuild = |table: &str| -> Result<Vec<Step>, RenderError> {
        let before = c::table(ctx.before, table)?;
        let after = c::table(ctx.after, table)?;
        Ok(vec![Step::Rebuild(Rebuild::new(before, after)?)])
    };
    if let Some(table) = ctx.op.table().filter(|_| rebuilds(ctx.before, ctx.op)) {
        return rebuild(table);
    }
    let steps = match ctx.op {
        Op::CreateTable { table } => c::create_table::<S>(table)?,
        Op::DropTable { table } => vec![c::drop_table::<S>(table)],
        Op::RenameTable { from, to } => vec![c::rename_table::<S>(from, to)],
        Op::AddColumn { table, column } => vec![c::add_column::<S>(c::table(ctx.after, table)?, column)],
        Op::DropColumn { table, column } => {
            let gone = c::table(ctx.before, table)?.dropped_with(column);
            let mut steps: Vec<Step> = gone.indexes.iter().map(|i| c::drop_index::<S>(table, &i.name)).collect();
            steps.push(c::drop_column::<S>(table, column));
            steps
        }
        Op::RenameColumn { table, from, to } => vec![c::rename_column::<S>(table, from, to)],
        // Rebuilt above (`rebuilds` says so of every one of them).
        Op::AlterColumn { table, .. }
        | Op::AddForeignKey { table, .. }
        | Op::DropForeignKey { table, .. }
        | Op::AddUnique { table, .. }
        | Op::DropUnique { table, .. }
        | Op::AddCheck { table, .. }
        | Op::DropCheck { table, .. } => rebuild(table)?,
        Op::CreateIndex { table, index } => vec![c::create_index::<S>(table, index)?],
        Op::DropIndex { table, name } => vec![c::drop_index::<S>(table, name)],
        Op::Sql { up, .. } => c::raw::<S>(up)?,
        Op::Data { up, .. } => vec![c::data::<S>(up)],
    };
    Ok(steps)
}

/// `ALTER TABLE ADD COLUMN` refuses identity columns, `NOT NULL` without a literal default,
/// and defaults that are not constants (`CURRENT_TIMESTAMP`, expressions).
fn can_add_in_place(column: &Column) -> bool {
    let constant_default = matches!(column.default, Some(DefaultValue::Value(_)));
    let default_ok = column.default.is_none() || constant_default;
    !column.identity && default_ok && (column.nullable || constant_default)
}
