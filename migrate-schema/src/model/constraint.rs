//! Keys, indexes and constraints of a table.

use serde::{Deserialize, Serialize};

/// The primary key of a table (one or more columns).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PrimaryKey {
    /// Columns in key order.
    pub columns: Vec<String>,
    /// Its constraint name where the database keeps one other than its default
    /// (PostgreSQL's `<table>_pkey`); `None` is the default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
}

/// A unique constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unique {
    /// Constraint name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<String>,
}

/// An index.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Index {
    /// Index name.
    pub name: String,
    /// Columns in order.
    pub columns: Vec<String>,
    /// Unique index.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unique: bool,
    /// Partial index predicate, as SQL (PostgreSQL and SQLite).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub predicate: Option<String>,
}

/// What a foreign key does when the referenced row is deleted or updated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForeignKeyAction {
    /// Reject the change (checked at the end of the statement).
    NoAction,
    /// Reject the change immediately.
    Restrict,
    /// Apply the same change to the referencing rows.
    Cascade,
    /// Set the referencing columns to `NULL`.
    SetNull,
    /// Set the referencing columns to their defaults.
    SetDefault,
}

/// A foreign key.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ForeignKey {
    /// Constraint name.
    pub name: String,
    /// Referencing columns.
    pub columns: Vec<String>,
    /// Referenced table.
    pub ref_table: String,
    /// Referenced columns, in the same order as `columns`.
    pub ref_columns: Vec<String>,
    /// Action on delete (`None`: the database default, NO ACTION).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_delete: Option<ForeignKeyAction>,
    /// Action on update.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub on_update: Option<ForeignKeyAction>,
}

/// A check constraint.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Check {
    /// Constraint name.
    pub name: String,
    /// The condition, as SQL.
    pub expr: String,
}
