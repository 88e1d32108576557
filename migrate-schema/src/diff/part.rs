//! The named objects of a table (foreign keys, check and unique constraints, indexes),
//! which the diff handles alike: by name, dropped and added whole.

use super::describe;
use crate::model::Table;
use crate::ops::Op;

/// A kind of named object of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Part {
    ForeignKey,
    Check,
    Unique,
    Index,
}

impl Part {
    /// The names of the objects of this kind on `t`, in the table's order (the order they
    /// were declared: SQLite numbers foreign keys by it).
    pub(super) fn names(self, t: &Table) -> Vec<&str> {
        match self {
            Part::ForeignKey => t.foreign_keys.iter().map(|f| f.name.as_str()).collect(),
            Part::Check => t.checks.iter().map(|c| c.name.as_str()).collect(),
            Part::Unique => t.uniques.iter().map(|u| u.name.as_str()).collect(),
            Part::Index => t.indexes.iter().map(|i| i.name.as_str()).collect(),
        }
    }

    /// Whether `a` and `b` both have the object `name`, defined alike.
    pub(super) fn same(self, a: &Table, b: &Table, name: &str) -> bool {
        fn both<T: PartialEq>(x: Option<T>, y: Option<T>) -> bool {
            x.is_some() && x == y
        }
        match self {
            Part::ForeignKey => both(a.foreign_key(name), b.foreign_key(name)),
            Part::Check => both(a.check(name), b.check(name)),
            Part::Unique => both(a.unique(name), b.unique(name)),
            Part::Index => both(a.index(name), b.index(name)),
        }
    }

    /// The definition of the object `name` of `t`, for the change report.
    pub(super) fn describe(self, t: &Table, name: &str) -> Option<String> {
        match self {
            Part::ForeignKey => t.foreign_key(name).map(describe::foreign_key),
            Part::Check => t.check(name).map(describe::check),
            Part::Unique => t.unique(name).map(describe::unique),
            Part::Index => t.index(name).map(describe::index),
        }
    }

    /// The operation that drops `name` from `table`.
    pub(super) fn drop(self, table: &str, name: &str) -> Op {
        let (table, name) = (table.to_owned(), name.to_owned());
        match self {
            Part::ForeignKey => Op::DropForeignKey { table, name },
            Part::Check => Op::DropCheck { table, name },
            Part::Unique => Op::DropUnique { table, name },
            Part::Index => Op::DropIndex { table, name },
        }
    }

    /// The operation that adds the object `name` of `t`, as `t` defines it.
    pub(super) fn add(self, t: &Table, name: &str) -> Option<Op> {
        let table = t.name.clone();
        Some(match self {
            Part::ForeignKey => Op::AddForeignKey { table, foreign_key: t.foreign_key(name)?.clone() },
            Part::Check => Op::AddCheck { table, check: t.check(name)?.clone() },
            Part::Unique => Op::AddUnique { table, unique: t.unique(name)?.clone() },
            Part::Index => Op::CreateIndex { table, index: t.index(name)?.clone() },
        })
    }
}
