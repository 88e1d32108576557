//! Replay validation: each operation that does not make sense against the schema fails
//! with the exact [`SchemaError`] that says why, and leaves the schema as it was.

use crate::fixtures::{applied, blog};
use migrate_schema::{
    Check, Column, ColumnChange, ColumnType, ForeignKey, Index, Op, PrimaryKey, Schema, SchemaError, SchemaModel,
    Table, Unique,
};

/// The error `op` fails with against `schema`.
fn rejected(schema: &SchemaModel, op: &Op) -> SchemaError {
    let mut after = schema.clone();
    after.apply(op).expect_err("the operation should be rejected")
}

/// The single operation `build` records.
fn op(build: impl FnOnce(&mut Schema)) -> Op {
    let mut s = Schema::new();
    build(&mut s);
    let mut ops = s.into_ops();
    assert_eq!(ops.len(), 1, "expected one operation, got {ops:?}");
    ops.remove(0)
}

fn names(columns: &[&str]) -> Vec<String> {
    columns.iter().map(|c| (*c).to_owned()).collect()
}

fn fk(name: &str, columns: &[&str], ref_table: &str, ref_columns: &[&str]) -> ForeignKey {
    ForeignKey {
        name: name.into(),
        columns: names(columns),
        ref_table: ref_table.into(),
        ref_columns: names(ref_columns),
        on_delete: None,
        on_update: None,
    }
}

fn add_fk(table: &str, foreign_key: ForeignKey) -> Op {
    Op::AddForeignKey { table: table.into(), foreign_key }
}

fn index(name: &str, columns: &[&str]) -> Index {
    Index { name: name.into(), columns: names(columns), unique: false, predicate: None }
}

fn unknown_table(table: &str) -> SchemaError {
    SchemaError::UnknownTable { table: table.into() }
}

fn invalid_identifier(name: &str, reason: &'static str) -> SchemaError {
    SchemaError::InvalidIdentifier { name: name.into(), reason }
}

mod atomicity;
mod dependents;
mod duplicates;
mod foreign_keys;
mod identifiers;
mod keys;
mod unknown;
