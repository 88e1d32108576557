//! A table: ordered columns and everything attached to them.

use super::{Check, Column, ForeignKey, Index, PrimaryKey, Unique};
use crate::words::mentions;
use serde::{Deserialize, Serialize};

/// A table.
/// Equality ignores the order of columns, indexes and constraints: databases cannot
/// always restore a column's position (PostgreSQL appends re-added columns), and order
/// carries no meaning for what the schema accepts.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Table {
    /// Table name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Primary key, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub primary_key: Option<PrimaryKey>,
    /// Unique constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub uniques: Vec<Unique>,
    /// Indexes.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub indexes: Vec<Index>,
    /// Foreign keys.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub foreign_keys: Vec<ForeignKey>,
    /// Check constraints.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub checks: Vec<Check>,
    /// Comment (ignored by SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub comment: Option<String>,
    /// MySQL's table options, where they are not the server's defaults (the other
    /// dialects have none and ignore them).
    #[serde(default, skip_serializing_if = "TableOptions::is_empty")]
    pub options: TableOptions,
    /// PostgreSQL: the partition key of a partitioned table (`RANGE (payment_date)`); its
    /// partitions are tables of their own, attached to it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partition_by: Option<String>,
}

/// MySQL table options that differ from the server's defaults. `None` is the default:
/// InnoDB, the database's collation, the engine's row format.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct TableOptions {
    /// Storage engine (`MyISAM`, `Aria`, `MEMORY`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engine: Option<String>,
    /// Default collation of the table's text columns, which names their character set too
    /// (`latin1_swedish_ci` is `DEFAULT CHARSET=latin1`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub collation: Option<String>,
    /// Row format given explicitly (`DYNAMIC`, `COMPRESSED`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub row_format: Option<String>,
}

impl TableOptions {
    /// Whether every option is the default.
    ///
    /// ```
    /// use migrate_schema::TableOptions;
    /// assert!(TableOptions::default().is_empty());
    /// assert!(!TableOptions { engine: Some("MyISAM".into()), ..TableOptions::default() }.is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self == &Self::default()
    }
}

impl Table {
    /// An empty table called `name`.
    pub fn new(name: impl Into<String>) -> Self {
        Self {
            name: name.into(),
            columns: Vec::new(),
            primary_key: None,
            uniques: Vec::new(),
            indexes: Vec::new(),
            foreign_keys: Vec::new(),
            checks: Vec::new(),
            comment: None,
            options: TableOptions::default(),
            partition_by: None,
        }
    }

    /// The column named `name`, if any.
    pub fn column(&self, name: &str) -> Option<&Column> {
        self.columns.iter().find(|c| c.name == name)
    }

    /// The column `name` refers to in `dialect` (see [`crate::SchemaModel::find_table`]).
    pub fn find_column(&self, dialect: crate::Dialect, name: &str) -> Option<&Column> {
        self.column(name).or_else(|| self.columns.iter().find(|c| dialect.same_name(&c.name, name)))
    }

    pub(crate) fn column_mut(&mut self, name: &str) -> Option<&mut Column> {
        self.columns.iter_mut().find(|c| c.name == name)
    }

    /// The index named `name`, if any.
    pub fn index(&self, name: &str) -> Option<&Index> {
        self.indexes.iter().find(|i| i.name == name)
    }

    /// The foreign key named `name`, if any.
    pub fn foreign_key(&self, name: &str) -> Option<&ForeignKey> {
        self.foreign_keys.iter().find(|f| f.name == name)
    }

    /// The unique constraint named `name`, if any.
    pub fn unique(&self, name: &str) -> Option<&Unique> {
        self.uniques.iter().find(|u| u.name == name)
    }

    /// The check constraint named `name`, if any.
    pub fn check(&self, name: &str) -> Option<&Check> {
        self.checks.iter().find(|c| c.name == name)
    }

    /// Whether an index or constraint of this table is called `name`.
    pub fn has_named_object(&self, name: &str) -> bool {
        self.index(name).is_some()
            || self.foreign_key(name).is_some()
            || self.unique(name).is_some()
            || self.check(name).is_some()
    }

    /// Whether the primary key, a unique constraint or an index starts with `columns`,
    /// which is what MySQL needs to back a foreign key without creating its own index.
    pub fn has_index_prefixed_by(&self, columns: &[String]) -> bool {
        let starts = |cols: &[String]| cols.len() >= columns.len() && cols[..columns.len()] == *columns;
        self.primary_key.as_ref().is_some_and(|pk| starts(&pk.columns))
            || self.uniques.iter().any(|u| starts(&u.columns))
            || self.indexes.iter().any(|i| i.predicate.is_none() && starts(&i.columns))
    }

    /// What dropping `column` takes with it, as every database does: the indexes, unique
    /// constraints and foreign keys on that column alone, partial indexes whose predicate
    /// names it, and check constraints that name it. (What spans other columns too blocks
    /// the drop instead; replay reports it.)
    pub fn dropped_with(&self, column: &str) -> DroppedWith<'_> {
        let only = |cols: &[String]| cols.len() == 1 && cols[0] == column;
        DroppedWith {
            indexes: self
                .indexes
                .iter()
                .filter(|i| only(&i.columns) || i.predicate.as_deref().is_some_and(|p| mentions(p, column)))
                .collect(),
            uniques: self.uniques.iter().filter(|u| only(&u.columns)).collect(),
            checks: self.checks.iter().filter(|c| mentions(&c.expr, column)).collect(),
            foreign_keys: self.foreign_keys.iter().filter(|f| only(&f.columns)).collect(),
        }
    }

    /// Names of the indexes, unique constraints, foreign keys and primary key that use `column`.
    pub fn dependents_of(&self, column: &str) -> Vec<String> {
        let uses = |cols: &[String]| cols.iter().any(|c| c == column);
        let mut out = Vec::new();
        if self.primary_key.as_ref().is_some_and(|pk| uses(&pk.columns)) {
            out.push("primary key".to_owned());
        }
        out.extend(self.indexes.iter().filter(|i| uses(&i.columns)).map(|i| i.name.clone()));
        out.extend(self.uniques.iter().filter(|u| uses(&u.columns)).map(|u| u.name.clone()));
        out.extend(self.foreign_keys.iter().filter(|f| uses(&f.columns)).map(|f| f.name.clone()));
        out
    }
}

impl PartialEq for Table {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
            && self.primary_key == other.primary_key
            && self.comment == other.comment
            && self.options == other.options
            && self.partition_by == other.partition_by
            && same_set(&self.columns, &other.columns, |c| &c.name)
            && same_set(&self.uniques, &other.uniques, |u| &u.name)
            && same_set(&self.indexes, &other.indexes, |i| &i.name)
            && same_set(&self.foreign_keys, &other.foreign_keys, |f| &f.name)
            && same_set(&self.checks, &other.checks, |c| &c.name)
    }
}

/// Whether two lists hold equal items, matched by name, in any order.
pub(super) fn same_set<T: PartialEq>(a: &[T], b: &[T], name: impl Fn(&T) -> &String) -> bool {
    a.len() == b.len() && a.iter().all(|x| b.iter().any(|y| name(x) == name(y) && x == y))
}

/// The objects of a table that go when one of its columns is dropped ([`Table::dropped_with`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DroppedWith<'t> {
    /// Single-column indexes on it, and partial indexes whose predicate names it.
    pub indexes: Vec<&'t Index>,
    /// Single-column unique constraints on it.
    pub uniques: Vec<&'t Unique>,
    /// Check constraints that name it.
    pub checks: Vec<&'t Check>,
    /// Single-column foreign keys from it.
    pub foreign_keys: Vec<&'t ForeignKey>,
}

impl DroppedWith<'_> {
    /// The names of all of them.
    pub fn names(&self) -> Vec<String> {
        let indexes = self.indexes.iter().map(|i| &i.name);
        let uniques = self.uniques.iter().map(|u| &u.name);
        let checks = self.checks.iter().map(|c| &c.name);
        let fks = self.foreign_keys.iter().map(|f| &f.name);
        indexes.chain(uniques).chain(checks).chain(fks).cloned().collect()
    }
}
