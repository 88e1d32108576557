//! MySQL and MariaDB (InnoDB): DDL commits implicitly, `MODIFY COLUMN` restates the whole
//! column, inline `ENUM`, and foreign keys that create an index of their own.

use super::common::{self as c, Backend, execute, quote, string_literal};
use super::{Ctx, Dialect, Step};
use crate::error::RenderError;
use crate::model::{Column, ColumnType, ForeignKey, ForeignKeyAction, Table};
use crate::ops::Op;
use crate::words::mentions;
use sea_query::ColumnDef;

pub(crate) struct MySql;

impl Backend for MySql {
    const DIALECT: Dialect = Dialect::MySql;
    type Builder = sea_query::MysqlQueryBuilder;

    fn column_type(col: &Column) -> sea_query::ColumnType {
        sea_query::ColumnType::custom(c::declared_type::<MySql>(sql_type(&col.ty), col))
    }

    fn now(ty: &ColumnType) -> &'static str {
        match ty {
            ColumnType::Date => "(CURRENT_DATE)",
            ColumnType::Time => "(CURRENT_TIME)",
            _ => "CURRENT_TIMESTAMP(6)",
        }
    }

    fn literal_default_is_expression(ty: &ColumnType) -> bool {
        matches!(ty, ColumnType::Text | ColumnType::Bytes | ColumnType::Json)
    }

    fn finish_column(_table: &Table, col: &Column, def: &mut ColumnDef) {
        if col.identity {
            def.auto_increment();
        }
        if let Some(value) = &col.on_update {
            def.extra(format!("ON UPDATE {}", c::default_sql::<MySql>(value, &col.ty)));
        }
        if let Some(comment) = &col.comment {
            def.comment(comment.clone());
        }
    }
}

/// What InnoDB refuses in a table definition, refused before any SQL is sent: a key over a
/// `TEXT`, `BLOB` or `JSON` column (InnoDB needs a prefix length), an auto-increment column
/// that no key starts with, and `SET DEFAULT` referential actions.
pub(crate) fn check_table(t: &Table, schema: &crate::SchemaModel) -> Result<(), RenderError> {
    let unsupported = |operation: String| Err(RenderError::Unsupported { dialect: Dialect::MySql, operation });
    let keys = t
        .primary_key
        .iter()
        .map(|pk| ("primary key".to_owned(), &pk.columns))
        .chain(t.uniques.iter().map(|u| (format!("unique `{}`", u.name), &u.columns)))
        .chain(t.indexes.iter().map(|i| (format!("index `{}`", i.name), &i.columns)));
    for (key, columns) in keys.clone() {
        for name in columns {
            if t.column(name).is_some_and(|c| matches!(c.ty, ColumnType::Text | ColumnType::Bytes | ColumnType::Json)) {
                return unsupported(format!(
                    "{key} on `{}` over `{name}`, a TEXT/BLOB/JSON column (InnoDB needs a prefix length; \
                     give the column a maximum length with `.max_len(n)`)",
                    t.name
                ));
            }
        }
    }
    if let Some(c) = t.columns.iter().find(|c| c.identity)
        && !keys.clone().any(|(_, columns)| columns.first() == Some(&c.name))
    {
        return unsupported(format!(
            "auto-increment column `{}.{}` that no primary key, unique or index starts with",
            t.name, c.name
        ));
    }
    for fk in &t.foreign_keys {
        if fk.on_delete == Some(ForeignKeyAction::SetDefault) || fk.on_update == Some(ForeignKeyAction::SetDefault) {
            return unsupported(format!(
                "foreign key `{}` on `{}` with SET DEFAULT (InnoDB rejects it)",
                fk.name, t.name
            ));
        }
        let target = if fk.ref_table == t.name { Some(t) } else { schema.table(&fk.ref_table) };
        for (col, ref_col) in fk.columns.iter().zip(&fk.ref_columns) {
            let (Some(a), Some(b)) = (t.column(col), target.and_then(|r| r.column(ref_col))) else { continue };
            if a.ty != b.ty && a.ty.is_integer() && b.ty.is_integer() {
                return unsupported(format!(
                    "foreign key `{}`: `{}.{col}` is {} but `{}.{ref_col}` is {} (InnoDB needs integer keys of \
                     the same type)",
                    fk.name,
                    t.name,
                    sql_type(&a.ty),
                    fk.ref_table,
                    sql_type(&b.ty)
                ));
            }
        }
    }
    Ok(())
}

pub(crate) fn sql_type(ty: &ColumnType) -> String {
    match ty {
        ColumnType::SmallInt => "smallint".into(),
        ColumnType::Int => "int".into(),
        ColumnType::BigInt => "bigint".into(),
        ColumnType::Real => "float".into(),
        ColumnType::Double => "double".into(),
        ColumnType::Decimal { precision, scale } => format!("decimal({precision}, {scale})"),
        ColumnType::Boolean => "boolean".into(),
        ColumnType::Char { len } => format!("char({len})"),
        ColumnType::Varchar { len } => format!("varchar({len})"),
        ColumnType::Text => "text".into(),
        ColumnType::Bytes => "blob".into(),
        ColumnType::Date => "date".into(),
        ColumnType::Time => "time(6)".into(),
        ColumnType::Timestamp => "datetime(6)".into(),
        ColumnType::TimestampTz => "timestamp(6)".into(),
        ColumnType::Uuid => "char(36)".into(),
        ColumnType::Json => "json".into(),
        ColumnType::Enum { values, .. } => {
            let values = values.iter().map(|v| string_literal::<MySql>(v)).collect::<Vec<_>>().join(", ");
            format!("enum({values})")
        }
        ColumnType::Native { sql } => sql.clone(),
    }
}

pub(crate) fn render(ctx: &Ctx<'_>) -> Result<Vec<Step>, RenderError> {
    type M = MySql;
    let steps = match ctx.op {
        Op::CreateTable { table } => c::create_table::<M>(table)?,
        Op::DropTable { table } => vec![c::drop_table::<M>(table)],
        Op::RenameTable { from, to } => vec![c::rename_table::<M>(from, to)],
        Op::AddColumn { table, column } => vec![c::add_column::<M>(c::table(ctx.after, table)?, column)],
        Op::DropColumn { table, column } => {
            let t = c::table(ctx.before, table)?;
            let gone = t.dropped_with(column);
            let mut steps: Vec<Step> = gone.foreign_keys.iter().flat_map(|f| drop_foreign_key(t, f)).collect();
            steps.extend(gone.checks.iter().map(|ch| c::drop_constraint::<M>(table, &ch.name)));
            steps.push(c::drop_column::<M>(table, column));
            steps
        }
        Op::RenameColumn { table, from, to } => {
            // MySQL refuses to rename a column a check constraint uses (error 3959): drop
            // those checks, rename, and add them back as the rename rewrote them.
            let before = c::table(ctx.before, table)?;
            let after = c::table(ctx.after, table)?;
            let users: Vec<_> = before.checks.iter().filter(|ch| mentions(&ch.expr, from)).map(|ch| &ch.name).collect();
            let mut steps: Vec<Step> = users.iter().map(|name| c::drop_constraint::<M>(table, name)).collect();
            steps.push(c::rename_column::<M>(table, from, to));
            steps.extend(
                after
                    .checks
                    .iter()
                    .filter(|ch| users.contains(&&ch.name))
                    .map(|ch| c::add_check::<M>(table, &ch.name, &ch.expr)),
            );
            steps
        }
        Op::AlterColumn { table, column, .. } => {
            // MODIFY COLUMN restates the column: type, nullability, default, identity, comment.
            let t = c::table(ctx.after, table)?;
            let col = t
                .column(column)
                .ok_or_else(|| crate::SchemaError::UnknownColumn { table: table.clone(), column: column.clone() })?;
            let stmt =
                sea_query::Table::alter().table(table.clone()).modify_column(c::column_def::<M>(t, col)).to_owned();
            vec![execute(stmt.to_string(sea_query::MysqlQueryBuilder))]
        }
        Op::CreateIndex { table, index } => vec![c::create_index::<M>(table, index)?],
        Op::DropIndex { table, name } => {
            let t = c::table(ctx.before, table)?;
            let mut steps = restore_foreign_key_indexes(t, ctx.after, table);
            steps.push(c::drop_index::<M>(table, name));
            steps
        }
        Op::AddForeignKey { table, foreign_key } => vec![c::add_foreign_key::<M>(table, foreign_key)],
        Op::DropForeignKey { table, name } => {
            let t = c::table(ctx.before, table)?;
            match t.foreign_key(name) {
                Some(fk) => drop_foreign_key(t, fk),
                None => vec![c::drop_foreign_key::<M>(table, name)],
            }
        }
        Op::AddUnique { table, unique } => vec![c::add_unique::<M>(table, &unique.name, &unique.columns)],
        Op::DropUnique { table, name } => {
            let t = c::table(ctx.before, table)?;
            let mut steps = restore_foreign_key_indexes(t, ctx.after, table);
            steps.push(c::drop_index::<M>(table, name));
            steps
        }
        Op::AddCheck { table, check } => vec![c::add_check::<M>(table, &check.name, &check.expr)],
        Op::DropCheck { table, name } => vec![c::drop_constraint::<M>(table, name)],
        Op::Sql { up, .. } => c::raw::<M>(up)?,
        Op::Data { up, .. } => vec![c::data::<M>(up)],
    };
    Ok(steps)
}

/// InnoDB backs a foreign key with an index named after it when no index starts with its
/// columns, and keeps that index when the key is dropped: drop it too, so that the
/// database is as it was before the key was added.
fn drop_foreign_key(t: &Table, fk: &ForeignKey) -> Vec<Step> {
    let mut steps = vec![c::drop_foreign_key::<MySql>(&t.name, &fk.name)];
    if !t.has_index_prefixed_by(&fk.columns) {
        steps.push(execute(format!("ALTER TABLE {} DROP INDEX {}", quote::<MySql>(&t.name), quote::<MySql>(&fk.name))));
    }
    steps
}

/// InnoDB silently drops a foreign key's own index once another index starts with its
/// columns, and refuses to drop that other index while the key needs it: before dropping
/// an index, give every foreign key that would be left without one its own index back,
/// under the key's name, as InnoDB itself would have created it.
fn restore_foreign_key_indexes(before: &Table, after: &crate::model::SchemaModel, table: &str) -> Vec<Step> {
    let Some(after) = after.table(table) else { return Vec::new() };
    before
        .foreign_keys
        .iter()
        .filter(|fk| before.has_index_prefixed_by(&fk.columns) && !after.has_index_prefixed_by(&fk.columns))
        .map(|fk| {
            let columns = fk.columns.iter().map(|col| quote::<MySql>(col)).collect::<Vec<_>>().join(", ");
            execute(format!("ALTER TABLE {} ADD INDEX {} ({columns})", quote::<MySql>(table), quote::<MySql>(&fk.name)))
        })
        .collect()
}
