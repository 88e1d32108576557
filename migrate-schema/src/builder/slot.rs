//! Where a sub-builder writes: into a table being created, or into a recorded operation.
//!
//! `t.column::<String>("email").unique()` inside `create_table` refines the new table;
//! `s.add_column::<String>("users", "email").unique()` refines the `AddColumn` just
//! recorded and records an `AddUnique` after it. One slot type serves both so that each
//! builder method is written once.

use crate::model::{Check, Column, ForeignKey, Index, Table, Unique};
use crate::ops::Op;

pub(crate) enum Slot<'a> {
    Table(&'a mut Table),
    Ops { ops: &'a mut Vec<Op>, table: String },
}

impl Slot<'_> {
    pub(crate) fn table_name(&self) -> &str {
        match self {
            Slot::Table(t) => &t.name,
            Slot::Ops { table, .. } => table,
        }
    }

    pub(crate) fn column(&mut self, at: usize) -> Option<&mut Column> {
        match self {
            Slot::Table(t) => t.columns.get_mut(at),
            Slot::Ops { ops, .. } => match ops.get_mut(at) {
                Some(Op::AddColumn { column, .. }) => Some(column),
                _ => None,
            },
        }
    }

    pub(crate) fn index(&mut self, at: usize) -> Option<&mut Index> {
        match self {
            Slot::Table(t) => t.indexes.get_mut(at),
            Slot::Ops { ops, .. } => match ops.get_mut(at) {
                Some(Op::CreateIndex { index, .. }) => Some(index),
                _ => None,
            },
        }
    }

    pub(crate) fn foreign_key(&mut self, at: usize) -> Option<&mut ForeignKey> {
        match self {
            Slot::Table(t) => t.foreign_keys.get_mut(at),
            Slot::Ops { ops, .. } => match ops.get_mut(at) {
                Some(Op::AddForeignKey { foreign_key, .. }) => Some(foreign_key),
                _ => None,
            },
        }
    }

    pub(crate) fn unique(&mut self, at: usize) -> Option<&mut Unique> {
        match self {
            Slot::Table(t) => t.uniques.get_mut(at),
            Slot::Ops { ops, .. } => match ops.get_mut(at) {
                Some(Op::AddUnique { unique, .. }) => Some(unique),
                _ => None,
            },
        }
    }

    pub(crate) fn check(&mut self, at: usize) -> Option<&mut Check> {
        match self {
            Slot::Table(t) => t.checks.get_mut(at),
            Slot::Ops { ops, .. } => match ops.get_mut(at) {
                Some(Op::AddCheck { check, .. }) => Some(check),
                _ => None,
            },
        }
    }

    pub(crate) fn push_column(&mut self, column: Column) -> usize {
        match self {
            Slot::Table(t) => push(&mut t.columns, column),
            Slot::Ops { ops, table } => push(ops, Op::AddColumn { table: table.clone(), column }),
        }
    }

    pub(crate) fn push_index(&mut self, index: Index) -> usize {
        match self {
            Slot::Table(t) => push(&mut t.indexes, index),
            Slot::Ops { ops, table } => push(ops, Op::CreateIndex { table: table.clone(), index }),
        }
    }

    pub(crate) fn push_foreign_key(&mut self, foreign_key: ForeignKey) -> usize {
        match self {
            Slot::Table(t) => push(&mut t.foreign_keys, foreign_key),
            Slot::Ops { ops, table } => push(ops, Op::AddForeignKey { table: table.clone(), foreign_key }),
        }
    }

    pub(crate) fn push_unique(&mut self, unique: Unique) -> usize {
        match self {
            Slot::Table(t) => push(&mut t.uniques, unique),
            Slot::Ops { ops, table } => push(ops, Op::AddUnique { table: table.clone(), unique }),
        }
    }

    pub(crate) fn push_check(&mut self, check: Check) -> usize {
        match self {
            Slot::Table(t) => push(&mut t.checks, check),
            Slot::Ops { ops, table } => push(ops, Op::AddCheck { table: table.clone(), check }),
        }
    }
}

fn push<T>(items: &mut Vec<T>, item: T) -> usize {
    items.push(item);
    items.len() - 1
}
