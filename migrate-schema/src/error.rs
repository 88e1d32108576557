//! Errors of replay, inversion, rendering and diff.

use crate::dialect::Dialect;

/// A sequence of operations that does not make sense against the schema it is applied to.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SchemaError {
    /// The table does not exist.
    #[error("table `{table}` does not exist")]
    UnknownTable {
        /// Table name.
        table: String,
    },
    /// The column does not exist.
    #[error("column `{table}.{column}` does not exist")]
    UnknownColumn {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// No index or constraint of that kind and name on the table.
    #[error("{kind} `{name}` does not exist on table `{table}`")]
    UnknownObject {
        /// What was looked for: index, foreign key, unique constraint, check constraint.
        kind: &'static str,
        /// Table name.
        table: String,
        /// Object name.
        name: String,
    },
    /// A table with that name already exists.
    #[error("table `{table}` already exists")]
    DuplicateTable {
        /// Table name.
        table: String,
    },
    /// A column with that name already exists.
    #[error("column `{table}.{column}` already exists")]
    DuplicateColumn {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// An index or constraint with that name already exists (names are schema-wide).
    #[error("the name `{name}` is already used by an index or constraint of table `{table}`")]
    DuplicateName {
        /// The name.
        name: String,
        /// The table that already uses it.
        table: String,
    },
    /// An identifier the renderer cannot quote safely.
    #[error("invalid identifier {name:?}: {reason}")]
    InvalidIdentifier {
        /// The identifier.
        name: String,
        /// Why it is invalid.
        reason: &'static str,
    },
    /// A key, index or constraint without columns, or a foreign key whose lists differ in length.
    #[error("{what} on table `{table}` {reason}")]
    InvalidColumns {
        /// The object.
        what: String,
        /// Table name.
        table: String,
        /// What is wrong.
        reason: &'static str,
    },
    /// A foreign key points at a table or column that does not exist.
    #[error("foreign key `{name}` on `{table}` references `{target}`, which does not exist")]
    ForeignKeyTarget {
        /// Constraint name.
        name: String,
        /// Referencing table.
        table: String,
        /// The missing table or `table.column`.
        target: String,
    },
    /// A foreign key column and the column it references have different types.
    #[error(
        "foreign key `{name}`: `{table}.{column}` is {column_type} but it references `{target}` of type {target_type}"
    )]
    ForeignKeyType {
        /// Constraint name.
        name: String,
        /// Referencing table.
        table: String,
        /// Referencing column.
        column: String,
        /// Referencing column's type.
        column_type: String,
        /// Referenced `table.column`.
        target: String,
        /// Referenced column's type.
        target_type: String,
    },
    /// The referenced columns are not a primary key or unique constraint.
    #[error(
        "foreign key `{name}` on `{table}` references `{ref_table}` ({columns}), which is not its primary key or a unique constraint"
    )]
    ForeignKeyNotUnique {
        /// Constraint name.
        name: String,
        /// Referencing table.
        table: String,
        /// Referenced table.
        ref_table: String,
        /// Referenced columns, comma-separated.
        columns: String,
    },
    /// Something still uses the column or key being dropped or changed.
    #[error("cannot {action} `{table}.{column}`: still used by {users}; drop those first")]
    ColumnInUse {
        /// What was attempted.
        action: &'static str,
        /// Table name.
        table: String,
        /// Column name.
        column: String,
        /// The users, comma-separated.
        users: String,
    },
    /// Foreign keys of other tables still reference the table or constraint being dropped.
    #[error("cannot drop {what}: foreign key {users} still references it; drop it first")]
    StillReferenced {
        /// The table or constraint.
        what: String,
        /// The referencing foreign keys, comma-separated.
        users: String,
    },
    /// A primary key column that allows `NULL`.
    #[error("primary key column `{table}.{column}` must not be nullable")]
    NullablePrimaryKey {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// An identity column whose type is not an integer.
    #[error("identity column `{table}.{column}` must be an integer type")]
    IdentityNotInteger {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// An identity column that allows `NULL`.
    #[error("identity column `{table}.{column}` must not be nullable")]
    NullableIdentity {
        /// Table name.
        table: String,
        /// Column name.
        column: String,
    },
    /// A table may have at most one identity column.
    #[error("table `{table}` has more than one identity column")]
    MultipleIdentity {
        /// Table name.
        table: String,
    },
    /// A table needs at least one column.
    #[error("table `{table}` has no columns")]
    NoColumns {
        /// Table name.
        table: String,
    },
    /// A rename hint given to [`diff`](crate::diff) that does not match the two schemas.
    #[error("rename hint `{rename}`: {reason}")]
    InvalidRename {
        /// The hint, as `table a → b` or `column t.a → b`.
        rename: String,
        /// What does not match.
        reason: String,
    },
}

/// An operation that has no automatic inverse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InvertError {
    /// Raw SQL or a data statement without a `down`.
    #[error("{operation} has no down: give it one with `.down(...)`, or give the migration an explicit down")]
    Irreversible {
        /// The operation.
        operation: String,
    },
    /// The operation does not apply to the schema it was inverted against.
    #[error(transparent)]
    Schema(#[from] SchemaError),
}

/// Why a list of operations cannot be rendered for a dialect.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RenderError {
    /// The dialect cannot do this, and there is no recipe for it.
    #[error("{dialect} does not support {operation}")]
    Unsupported {
        /// The dialect.
        dialect: Dialect,
        /// What was asked, with the object it concerns.
        operation: String,
    },
    /// The operation does not apply to the schema.
    #[error(transparent)]
    Schema(#[from] SchemaError),
}
