//! The in-memory schema model: what a database looks like after a sequence of operations.
//!
//! The model is portable: column types are [`ColumnType`]s, not SQL strings, so one model
//! renders for every dialect. It is serialisable (snapshots) and comparable with `==`
//! (the inversion property test, and later diff and drift detection).

mod column;
mod constraint;
mod table;

pub use column::{Column, ColumnType, DefaultValue, Generated, Literal};
pub use constraint::{Check, ForeignKey, ForeignKeyAction, Index, PrimaryKey, Unique};
pub use table::{DroppedWith, Table, TableOptions};

use serde::{Deserialize, Serialize};
use table::same_set;

/// A whole schema: tables in creation order.
///
/// Equality ignores the order of tables, as [`Table`]'s ignores the order of columns: a
/// dropped table comes back last when it is recreated, and order carries no meaning.
///
/// ```
/// use migrate_schema::{Schema, SchemaModel};
///
/// let mut s = Schema::new();
/// s.create_table("users", |t| {
///     t.id("id");
///     t.column::<String>("email").max_len(255).unique();
/// });
/// let model = SchemaModel::from_ops(s.ops()).unwrap();
/// assert_eq!(model.table("users").unwrap().columns.len(), 2);
/// ```
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct SchemaModel {
    /// Tables in the order they were created.
    pub tables: Vec<Table>,
    /// What the portable model cannot express, kept as the database's own DDL.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub natives: Vec<NativeObject>,
}

impl PartialEq for SchemaModel {
    fn eq(&self, other: &Self) -> bool {
        same_set(&self.tables, &other.tables, |t| &t.name) && same_set(&self.natives, &other.natives, |n| &n.name)
    }
}

/// An object the portable model cannot express (an expression or GIN index, a deferrable
/// foreign key, a trigger, a view, a virtual table...), found by introspection and kept as
/// the database's own DDL, so that it is reported and compared, never silently dropped.
/// Operations do not change natives; two natives are equal when kind, name, table and
/// definition are.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NativeObject {
    /// What it is: `index`, `foreign_key`, `check`, `trigger`, `view`, `virtual_table`, ...
    pub kind: String,
    /// Its name (unique among natives of the schema).
    pub name: String,
    /// The table it belongs to, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub table: Option<String>,
    /// The statement that creates it, in the database's dialect.
    pub sql: String,
    /// The statement that drops it.
    pub drop: String,
}

impl NativeObject {
    /// Where the diff creates it among the others (lower first; dropped in reverse): below
    /// [`NativeObject::BEFORE_TABLES`], before the tables (extensions, types, domains,
    /// sequences); then functions and aggregates, the sequences' owners, indexes and
    /// constraints, views, triggers, and anything else.
    ///
    /// ```
    /// use migrate_schema::NativeObject;
    /// let native = |kind: &str| NativeObject { kind: kind.into(), name: "x".into(), table: None, sql: String::new(), drop: String::new() };
    /// assert!(native("domain").rank() < NativeObject::BEFORE_TABLES);
    /// assert!(native("function").rank() < native("view").rank());
    /// assert!(native("view").rank() < native("trigger").rank());
    /// ```
    pub fn rank(&self) -> u8 {
        match self.kind.as_str() {
            "extension" => 0,
            "type" => 1,
            "domain" => 2,
            "sequence" => 3,
            "function" => 10,
            "aggregate" => 11,
            "sequence_owner" => 12,
            "index" | "constraint" | "foreign_key" | "check" | "inherit" => 20,
            "partition" => 25,
            "view" => 30,
            "view_index" => 35,
            "trigger" | "rule" => 40,
            _ => 50,
        }
    }

    /// Natives of a lower [`NativeObject::rank`] exist before the tables.
    pub const BEFORE_TABLES: u8 = 10;
}

impl SchemaModel {
    /// An empty schema.
    pub fn new() -> Self {
        Self::default()
    }

    /// The table named `name`, if any.
    pub fn table(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.name == name)
    }

    /// The table `name` refers to in `dialect`: spelt exactly so, or else differing only
    /// in a case the dialect ignores.
    pub fn find_table(&self, dialect: crate::Dialect, name: &str) -> Option<&Table> {
        self.table(name).or_else(|| self.tables.iter().find(|t| dialect.same_name(&t.name, name)))
    }

    pub(crate) fn table_mut(&mut self, name: &str) -> Option<&mut Table> {
        self.tables.iter_mut().find(|t| t.name == name)
    }

    /// The table that owns the index or constraint called `name`, if any.
    ///
    /// Index and constraint names are unique across the schema (PostgreSQL's rule, the
    /// strictest of the three dialects), so a name identifies one object.
    pub fn owner_of(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.has_named_object(name))
    }
}
