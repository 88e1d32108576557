//! Diff: the operations between two schemas, in an order replay accepts, and the report of
//! the changes they make.

use crate::fixtures::{applied, blog, model};
use crate::generate;
use migrate_schema::{
    ChangeKind, ColumnType, Diff, DiffOptions, NativeObject, Op, PrimaryKey, Rename, Schema, SchemaError, SchemaModel,
    Table, diff,
};
use proptest::prelude::*;

/// The schema `build` makes from nothing.
fn build(build: impl FnOnce(&mut Schema)) -> SchemaModel {
    let mut s = Schema::new();
    build(&mut s);
    model(&s)
}

/// `before` changed by what `build` records.
fn changed(before: &SchemaModel, build: impl FnOnce(&mut Schema)) -> SchemaModel {
    let mut s = Schema::new();
    build(&mut s);
    applied(before, s.ops())
}

/// The diff without hints, checked to replay from `from` to `to`.
fn diff_of(from: &SchemaModel, to: &SchemaModel) -> Diff {
    diff_with(from, to, Vec::new())
}

/// The diff with rename hints, checked to replay from `from` to `to`.
fn diff_with(from: &SchemaModel, to: &SchemaModel, renames: Vec<Rename>) -> Diff {
    let d = diff(from, to, &DiffOptions { renames }).unwrap();
    assert_eq!(replay(from, &d.ops, to).unwrap(), *to, "ops: {:#?}", d.ops);
    d
}

/// `ops` replayed on `from`. Replay leaves natives alone (raw SQL is opaque to it), so here
/// raw SQL that is a native's drop statement removes it, and one that creates a native of
/// `to` adds it.
fn replay(from: &SchemaModel, ops: &[Op], to: &SchemaModel) -> Result<SchemaModel, String> {
    let mut schema = from.clone();
    for op in ops {
        schema.apply(op).map_err(|e| format!("{}: {e}", op.describe()))?;
        if let Op::Sql { up, .. } = op {
            let sql = up.any.as_deref().unwrap_or_default();
            schema.natives.retain(|n| n.drop != sql);
            schema.natives.extend(to.natives.iter().filter(|n| n.sql == sql).cloned());
        }
    }
    Ok(schema)
}

/// The changes as (kind, object, detail).
fn report(d: &Diff) -> Vec<(ChangeKind, &str, &str)> {
    d.changes.iter().map(|c| (c.kind, c.object.as_str(), c.detail.as_str())).collect()
}

/// The operations, described.
fn steps(d: &Diff) -> Vec<String> {
    d.ops.iter().map(Op::describe).collect()
}

fn destructive(d: &Diff) -> Vec<bool> {
    d.changes.iter().map(|c| c.destructive).collect()
}

mod columns;
mod constraints;
mod natives;
mod properties;
mod renames;
mod report;
