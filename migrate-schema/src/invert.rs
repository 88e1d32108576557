//! Inversion: the automatic down of a migration.
//!
//! Every schema operation has an inverse computed from the schema *before* it, so an
//! inverse can restore what the operation destroyed: dropping a column inverts to adding
//! it back with its full definition and the indexes, constraints and foreign keys that
//! went with it. Raw SQL and data statements invert only to the down the user gave.

use crate::error::{InvertError, SchemaError};
use crate::model::SchemaModel;
use crate::ops::{ColumnChange, Op};

/// The operations that undo `ops`, which are valid against `before`, in the order to run them.
///
/// ```
/// use migrate_schema::{invert, Op, Schema, SchemaModel};
///
/// let mut s = Schema::new();
/// s.create_table("users", |t| {
///     t.id("id");
/// });
/// let down = invert(&SchemaModel::new(), s.ops()).unwrap();
/// assert!(matches!(&down[..], [Op::DropTable { table }] if table == "users"));
/// ```
pub fn invert(before: &SchemaModel, ops: &[Op]) -> Result<Vec<Op>, InvertError> {
    invert_with(before, ops, |schema, op| schema.apply(op))
}

/// [`invert`], replaying `ops` as `dialect` allows them ([`SchemaModel::apply_for`]).
pub fn invert_for(dialect: crate::Dialect, before: &SchemaModel, ops: &[Op]) -> Result<Vec<Op>, InvertError> {
    invert_with(before, ops, |schema, op| schema.apply_for(dialect, op))
}

fn invert_with(
    before: &SchemaModel,
    ops: &[Op],
    apply: impl Fn(&mut SchemaModel, &Op) -> Result<(), SchemaError>,
) -> Result<Vec<Op>, InvertError> {
    let mut schema = before.clone();
    let mut steps = Vec::with_capacity(ops.len());
    for op in ops {
        steps.push(invert_op(&schema, op)?);
        apply(&mut schema, op)?;
    }
    Ok(steps.into_iter().rev().flatten().collect())
}

/// The operations that undo `op` applied to `before`.
pub fn invert_op(before: &SchemaModel, op: &Op) -> Result<Vec<Op>, InvertError> {
    let table_of = |name: &str| before.table(name).ok_or_else(|| SchemaError::UnknownTable { table: name.to_owned() });
    let missing = |kind: &'static str, table: &str, name: &str| SchemaError::UnknownObject {
        kind,
        table: table.to_owned(),
        name: name.to_owned(),
    };
    let inverse = match op {
        Op::CreateTable { table } => vec![Op::DropTable { table: table.name.clone() }],
        Op::DropTable { table } => vec![Op::CreateTable { table: table_of(table)?.clone() }],
        Op::RenameTable { from, to } => vec![Op::RenameTable { from: to.clone(), to: from.clone() }],
        Op::AddColumn { table, column } => {
            vec![Op::DropColumn { table: table.clone(), column: column.name.clone() }]
        }
        Op::DropColumn { table, column } => {
            let t = table_of(table)?;
            let def = t
                .column(column)
                .ok_or_else(|| SchemaError::UnknownColumn { table: table.clone(), column: column.clone() })?;
            let gone = t.dropped_with(column);
            let table = || table.clone();
            let mut ops = vec![Op::AddColumn { table: table(), column: def.clone() }];
            ops.extend(gone.indexes.iter().map(|i| Op::CreateIndex { table: table(), index: (*i).clone() }));
            ops.extend(gone.uniques.iter().map(|u| Op::AddUnique { table: table(), unique: (*u).clone() }));
            ops.extend(gone.checks.iter().map(|c| Op::AddCheck { table: table(), check: (*c).clone() }));
            ops.extend(
                gone.foreign_keys.iter().map(|f| Op::AddForeignKey { table: table(), foreign_key: (*f).clone() }),
            );
            ops
        }
        Op::RenameColumn { table, from, to } => {
            vec![Op::RenameColumn { table: table.clone(), from: to.clone(), to: from.clone() }]
        }
        Op::AlterColumn { table, column, change } => {
            let c = table_of(table)?
                .column(column)
                .ok_or_else(|| SchemaError::UnknownColumn { table: table.clone(), column: column.clone() })?;
            let previous = match change {
                ColumnChange::Type(_) => ColumnChange::Type(c.ty.clone()),
                ColumnChange::Nullable(_) => ColumnChange::Nullable(c.nullable),
                ColumnChange::Default(_) => ColumnChange::Default(c.default.clone()),
            };
            vec![Op::AlterColumn { table: table.clone(), column: column.clone(), change: previous }]
        }
        Op::CreateIndex { table, index } => vec![Op::DropIndex { table: table.clone(), name: index.name.clone() }],
        Op::DropIndex { table, name } => {
            let index = table_of(table)?.index(name).ok_or_else(|| missing("index", table, name))?;
            vec![Op::CreateIndex { table: table.clone(), index: index.clone() }]
        }
        Op::AddForeignKey { table, foreign_key } => {
            vec![Op::DropForeignKey { table: table.clone(), name: foreign_key.name.clone() }]
        }
        Op::DropForeignKey { table, name } => {
            let fk = table_of(table)?.foreign_key(name).ok_or_else(|| missing("foreign key", table, name))?;
            vec![Op::AddForeignKey { table: table.clone(), foreign_key: fk.clone() }]
        }
        Op::AddUnique { table, unique } => vec![Op::DropUnique { table: table.clone(), name: unique.name.clone() }],
        Op::DropUnique { table, name } => {
            let u = table_of(table)?.unique(name).ok_or_else(|| missing("unique constraint", table, name))?;
            vec![Op::AddUnique { table: table.clone(), unique: u.clone() }]
        }
        Op::AddCheck { table, check } => vec![Op::DropCheck { table: table.clone(), name: check.name.clone() }],
        Op::DropCheck { table, name } => {
            let c = table_of(table)?.check(name).ok_or_else(|| missing("check constraint", table, name))?;
            vec![Op::AddCheck { table: table.clone(), check: c.clone() }]
        }
        Op::Sql { up, down } => match down {
            Some(down) => vec![Op::Sql { up: down.clone(), down: Some(up.clone()) }],
            None => return Err(InvertError::Irreversible { operation: op.describe() }),
        },
        Op::Data { up, down } => match down {
            Some(down) => vec![Op::Data { up: down.clone(), down: Some(up.clone()) }],
            None => return Err(InvertError::Irreversible { operation: op.describe() }),
        },
    };
    Ok(inverse)
}
