//! Diff: the operations that turn one schema model into another, and the report of what
//! differs between them.
//!
//! Renames are never guessed: a table or column that disappears is dropped and the new one
//! added, unless a [`Rename`] hint says otherwise. What the operations cannot express is
//! reported as unsupported rather than approximated.

mod describe;
mod matching;
mod part;
mod phases;

use crate::error::SchemaError;
use crate::model::SchemaModel;
use crate::ops::Op;
use serde::Serialize;
use std::fmt;

/// What [`diff`] cannot find out from the two schemas alone.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DiffOptions {
    /// Tables and columns that were renamed rather than dropped and added.
    pub renames: Vec<Rename>,
}

/// A hint that an object of the old schema lives on under a new name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rename {
    /// Table `from` of the old schema is table `to` of the new one.
    Table {
        /// Name in the old schema.
        from: String,
        /// Name in the new schema.
        to: String,
    },
    /// Column `from` of `table` is column `to` of the same table in the new schema.
    Column {
        /// The table, as the old schema names it (if the table is renamed too, that rename
        /// has its own hint).
        table: String,
        /// Name in the old schema.
        from: String,
        /// Name in the new schema.
        to: String,
    },
}

impl Rename {
    /// Table `from` became `to`.
    pub fn table(from: impl Into<String>, to: impl Into<String>) -> Self {
        Self::Table { from: from.into(), to: to.into() }
    }

    /// Column `from` of `table` (its name in the old schema) became `to`.
    pub fn column(table: impl Into<String>, from: impl Into<String>, to: impl Into<String>) -> Self {
        Self::Column { table: table.into(), from: from.into(), to: to.into() }
    }
}

impl fmt::Display for Rename {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Table { from, to } => write!(f, "table {from} → {to}"),
            Self::Column { table, from, to } => write!(f, "column {table}.{from} → {to}"),
        }
    }
}

/// The result of [`diff`]: the operations, and the changes they make.
#[derive(Debug, Clone, Serialize)]
pub struct Diff {
    /// Operations in dependency order, valid against the old schema.
    pub ops: Vec<Op>,
    /// What differs, in the order of the operations; unsupported changes have no operation.
    pub changes: Vec<Change>,
}

impl Diff {
    /// Whether the two schemas are equivalent.
    pub fn is_empty(&self) -> bool {
        self.ops.is_empty() && self.changes.is_empty()
    }

    /// Whether the operations alone turn the old schema into the new one: no change is
    /// unsupported. Otherwise the operations may not even apply, and the unsupported
    /// changes are left for a migration written by hand.
    pub fn is_complete(&self) -> bool {
        self.changes.iter().all(|c| !c.unsupported)
    }
}

/// One difference between the two schemas.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Added, removed, changed or renamed.
    pub kind: ChangeKind,
    /// `table`, `table.column`, `table.index_or_constraint`, or the name of a native object;
    /// a table is called by its name in the new schema, unless it is dropped.
    pub object: String,
    /// What changes, for people: `varchar(50) → varchar(100)`, `new table (4 columns)`.
    pub detail: String,
    /// Whether applying it can lose data or fail on existing rows.
    pub destructive: bool,
    /// Whether no operation expresses it (the detail says why); it is then left out of `ops`.
    pub unsupported: bool,
}

/// The kind of a [`Change`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ChangeKind {
    /// Only in the new schema.
    Added,
    /// Only in the old schema.
    Removed,
    /// In both, defined differently.
    Changed,
    /// In both, under another name (from a hint).
    Renamed,
}

impl Change {
    fn new(kind: ChangeKind, object: impl Into<String>, detail: impl Into<String>) -> Self {
        Self { kind, object: object.into(), detail: detail.into(), destructive: false, unsupported: false }
    }

    fn destructive(self, destructive: bool) -> Self {
        Self { destructive, ..self }
    }

    /// A change no operation expresses: `what` changes, and `why` it cannot be done.
    fn unsupported(object: impl Into<String>, what: &str, why: &str) -> Self {
        Self { unsupported: true, ..Self::new(ChangeKind::Changed, object, format!("{what}: unsupported, {why}")) }
    }
}

/// The operations that turn `from` into `to`, and the changes they make.
///
/// Replaying `ops` on `from` gives a model equal to `to` whenever [`Diff::is_complete`]
/// (natives aside: they are created and dropped by raw SQL, which replay does not
/// interpret). The operations come in dependency order:
///
/// 1. drop the foreign keys that change or go, and those of dropped tables that reference
///    what is dropped before the tables; then check and unique constraints, indexes, native
///    objects, columns (the last column of a table that loses all of them waits until the
///    new ones are in), and tables;
/// 2. rename tables, then columns, as the hints say (a swap goes through a temporary name);
/// 3. create tables without their foreign keys (so that tables can reference each other),
///    add columns, alter columns (type, default, nullability), add unique and check
///    constraints, create indexes, add foreign keys, and create native objects.
///
/// An index, constraint or native object whose definition changes is dropped and created
/// again; so is a foreign key whose columns change type at either end, or whose unique
/// constraint is recreated, because no database changes those under a foreign key. Tables,
/// indexes and constraints are taken in name order, columns in table order, so the output
/// is deterministic.
///
/// Unsupported, and reported as such: a change of an existing table's primary key or
/// comment, of a column's comment, or identity switched on or off.
///
/// Fails with [`SchemaError::InvalidRename`] when a hint names a table or column that is
/// not where it says, or renames one thing twice.
///
/// ```
/// use migrate_schema::{diff, ChangeKind, DiffOptions, Schema, SchemaModel};
///
/// let mut old = Schema::new();
/// old.create_table("users", |t| {
///     t.id("id");
///     t.column::<String>("name").max_len(50);
/// });
/// let mut new = Schema::new();
/// new.create_table("users", |t| {
///     t.id("id");
///     t.column::<String>("name").max_len(100);
///     t.column::<Option<String>>("bio");
/// });
/// let (old, new) = (SchemaModel::from_ops(old.ops()).unwrap(), SchemaModel::from_ops(new.ops()).unwrap());
///
/// let d = diff(&old, &new, &DiffOptions::default()).unwrap();
/// let report: Vec<_> = d.changes.iter().map(|c| (c.kind, c.object.as_str(), c.detail.as_str())).collect();
/// assert_eq!(report, [
///     (ChangeKind::Added, "users.bio", "text NULL"),
///     (ChangeKind::Changed, "users.name", "varchar(50) → varchar(100)"),
/// ]);
///
/// let mut replayed = old.clone();
/// for op in &d.ops {
///     replayed.apply(op).unwrap();
/// }
/// assert_eq!(replayed, new);
/// ```
pub fn diff(from: &SchemaModel, to: &SchemaModel, options: &DiffOptions) -> Result<Diff, SchemaError> {
    let matching = matching::Matching::new(from, to, &options.renames)?;
    Ok(phases::plan(&matching))
}
