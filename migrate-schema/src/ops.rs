//! Operations: what a migration does, recorded by the builder.
//!
//! Everything downstream works on `Vec<Op>`: replay on a [`SchemaModel`](crate::SchemaModel),
//! rendering per dialect, inversion (automatic down) and the checksum.

use crate::dialect::Dialect;
use crate::model::{Check, Column, ColumnType, DefaultValue, ForeignKey, Index, Table, Unique};
use serde::{Deserialize, Serialize, Serializer};

/// One schema or data change.
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "snake_case", tag = "op")]
#[non_exhaustive]
pub enum Op {
    /// Create a table with its columns, keys, indexes and constraints.
    CreateTable {
        /// The full definition.
        table: Table,
    },
    /// Drop a table.
    DropTable {
        /// Table name.
        table: String,
    },
    /// Rename a table.
    RenameTable {
        /// Current name.
        from: String,
        /// New name.
        to: String,
    },
    /// Add a column.
    AddColumn {
        /// Table name.
        table: String,
        /// The column definition.
        column: Column,
    },
    /// Drop a column, with the single-column indexes, constraints and foreign keys on it.
    DropColumn {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// Rename a column.
    RenameColumn {
        /// Table name.
        table: String,
        /// Current name.
        from: String,
        /// New name.
        to: String,
    },
    /// Change one aspect of a column.
    AlterColumn {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
        /// What changes.
        change: ColumnChange,
    },
    /// Create an index.
    CreateIndex {
        /// Table name.
        table: String,
        /// The index.
        index: Index,
    },
    /// Drop an index.
    DropIndex {
        /// Table name.
        table: String,
        /// Index name.
        name: String,
    },
    /// Add a foreign key.
    AddForeignKey {
        /// Referencing table.
        table: String,
        /// The foreign key.
        foreign_key: ForeignKey,
    },
    /// Drop a foreign key.
    DropForeignKey {
        /// Table name.
        table: String,
        /// Constraint name.
        name: String,
    },
    /// Add a unique constraint.
    AddUnique {
        /// Table name.
        table: String,
        /// The constraint.
        unique: Unique,
    },
    /// Drop a unique constraint.
    DropUnique {
        /// Table name.
        table: String,
        /// Constraint name.
        name: String,
    },
    /// Add a check constraint.
    AddCheck {
        /// Table name.
        table: String,
        /// The constraint.
        check: Check,
    },
    /// Drop a check constraint.
    DropCheck {
        /// Table name.
        table: String,
        /// Constraint name.
        name: String,
    },
    /// Raw SQL written by the user, with an optional down.
    Sql {
        /// What to run going up.
        up: RawSql,
        /// What undoes it, if known.
        down: Option<RawSql>,
    },
    /// A data statement built with sea-query, with an optional down.
    Data {
        /// What to run going up.
        up: DataStatement,
        /// What undoes it, if known.
        down: Option<DataStatement>,
    },
}

/// One aspect of a column that [`Op::AlterColumn`] changes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "set", content = "to")]
#[non_exhaustive]
pub enum ColumnChange {
    /// New type.
    Type(ColumnType),
    /// New nullability.
    Nullable(bool),
    /// New default (`None` drops it).
    Default(Option<DefaultValue>),
}

/// Raw SQL: one text for every dialect, or a text per dialect.
///
/// A variant for the dialect being rendered wins over the text for every dialect; with
/// neither, rendering fails with [`RenderError::Unsupported`](crate::RenderError).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RawSql {
    /// The text for every dialect.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub any: Option<String>,
    /// PostgreSQL variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub postgres: Option<String>,
    /// MySQL / MariaDB variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mysql: Option<String>,
    /// SQLite variant.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sqlite: Option<String>,
}

impl RawSql {
    /// The same SQL for every dialect.
    pub fn any(sql: impl Into<String>) -> Self {
        Self { any: Some(sql.into()), ..Self::default() }
    }

    /// The text to run on `dialect`.
    pub fn for_dialect(&self, dialect: Dialect) -> Option<&str> {
        let specific = match dialect {
            Dialect::Postgres => &self.postgres,
            Dialect::MySql => &self.mysql,
            Dialect::Sqlite => &self.sqlite,
        };
        specific.as_deref().or(self.any.as_deref())
    }

    /// Sets the text for `dialect`.
    ///
    /// ```
    /// use migrate_schema::{Dialect, RawSql};
    /// let mut raw = RawSql::default();
    /// raw.set(Dialect::Sqlite, "VACUUM".into());
    /// assert_eq!(raw.for_dialect(Dialect::Sqlite), Some("VACUUM"));
    /// assert_eq!(raw.for_dialect(Dialect::Postgres), None);
    /// ```
    pub fn set(&mut self, dialect: Dialect, sql: String) {
        let slot = match dialect {
            Dialect::Postgres => &mut self.postgres,
            Dialect::MySql => &mut self.mysql,
            Dialect::Sqlite => &mut self.sqlite,
        };
        *slot = Some(sql);
    }
}

/// A data statement built with sea-query; values are bound when it runs.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum DataStatement {
    /// `INSERT`.
    Insert(sea_query::InsertStatement),
    /// `UPDATE`.
    Update(sea_query::UpdateStatement),
    /// `DELETE`.
    Delete(sea_query::DeleteStatement),
}

impl DataStatement {
    /// The statement's SQL with values inlined, for PostgreSQL: its canonical text.
    pub fn canonical(&self) -> String {
        let b = sea_query::PostgresQueryBuilder;
        match self {
            Self::Insert(s) => s.to_string(b),
            Self::Update(s) => s.to_string(b),
            Self::Delete(s) => s.to_string(b),
        }
    }
}

impl Serialize for DataStatement {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.canonical())
    }
}

impl From<sea_query::InsertStatement> for DataStatement {
    fn from(s: sea_query::InsertStatement) -> Self {
        Self::Insert(s)
    }
}

impl From<sea_query::UpdateStatement> for DataStatement {
    fn from(s: sea_query::UpdateStatement) -> Self {
        Self::Update(s)
    }
}

impl From<sea_query::DeleteStatement> for DataStatement {
    fn from(s: sea_query::DeleteStatement) -> Self {
        Self::Delete(s)
    }
}

impl Op {
    /// The table whose definition the operation changes (the new name for a rename);
    /// `None` for raw SQL and data statements.
    pub fn table(&self) -> Option<&str> {
        match self {
            Op::CreateTable { table } => Some(&table.name),
            Op::RenameTable { to, .. } => Some(to),
            Op::DropTable { table }
            | Op::AddColumn { table, .. }
            | Op::DropColumn { table, .. }
            | Op::RenameColumn { table, .. }
            | Op::AlterColumn { table, .. }
            | Op::CreateIndex { table, .. }
            | Op::DropIndex { table, .. }
            | Op::AddForeignKey { table, .. }
            | Op::DropForeignKey { table, .. }
            | Op::AddUnique { table, .. }
            | Op::DropUnique { table, .. }
            | Op::AddCheck { table, .. }
            | Op::DropCheck { table, .. } => Some(table),
            Op::Sql { .. } | Op::Data { .. } => None,
        }
    }

    /// A short human description, used in error messages: `add column users.email`.
    pub fn describe(&self) -> String {
        match self {
            Op::CreateTable { table } => format!("create table {}", table.name),
            Op::DropTable { table } => format!("drop table {table}"),
            Op::RenameTable { from, to } => format!("rename table {from} to {to}"),
            Op::AddColumn { table, column } => format!("add column {table}.{}", column.name),
            Op::DropColumn { table, column } => format!("drop column {table}.{column}"),
            Op::RenameColumn { table, from, to } => format!("rename column {table}.{from} to {to}"),
            Op::AlterColumn { table, column, change } => {
                let what = match change {
                    ColumnChange::Type(_) => "type",
                    ColumnChange::Nullable(_) => "nullability",
                    ColumnChange::Default(_) => "default",
                };
                format!("alter column {table}.{column} {what}")
            }
            Op::CreateIndex { table, index } => format!("create index {} on {table}", index.name),
            Op::DropIndex { table, name } => format!("drop index {name} on {table}"),
            Op::AddForeignKey { table, foreign_key } => {
                format!("add foreign key {} on {table}", foreign_key.name)
            }
            Op::DropForeignKey { table, name } => format!("drop foreign key {name} on {table}"),
            Op::AddUnique { table, unique } => format!("add unique {} on {table}", unique.name),
            Op::DropUnique { table, name } => format!("drop unique {name} on {table}"),
            Op::AddCheck { table, check } => format!("add check {} on {table}", check.name),
            Op::DropCheck { table, name } => format!("drop check {name} on {table}"),
            Op::Sql { .. } => "raw SQL".to_owned(),
            Op::Data { up, .. } => match up {
                DataStatement::Insert(_) => "insert data".to_owned(),
                DataStatement::Update(_) => "update data".to_owned(),
                DataStatement::Delete(_) => "delete data".to_owned(),
            },
        }
    }
}
