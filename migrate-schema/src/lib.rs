//! The pure core of `migrate`: schema model, typed builder, operations, replay and
//! validation, inversion (automatic down), diff, per-dialect rendering and checksums.
//!
//! Nothing here does I/O or async: the `migrate` crate executes what this crate renders.
//!
//! ```
//! use migrate_schema::{invert, render_all, Dialect, Schema, SchemaModel};
//!
//! let mut s = Schema::new();
//! s.create_table("users", |t| {
//!     t.id("id");
//!     t.column::<String>("email").max_len(255).unique();
//!     t.column::<bool>("active").default(true);
//! });
//! let up = render_all(Dialect::Sqlite, &SchemaModel::new(), s.ops()).unwrap();
//! let down = invert(&SchemaModel::new(), s.ops()).unwrap();
//! let back = render_all(Dialect::Sqlite, &up.after, &down).unwrap();
//! assert_eq!(back.after, SchemaModel::new());
//! ```

// Errors carry the names they are about (they are built once, on the cold path, and read
// by people); operations carry whole table definitions. Boxing either would cost clarity
// for no measurable gain.
#![allow(clippy::result_large_err, clippy::large_enum_variant)]

mod builder;
mod checksum;
pub mod codegen;
mod dialect;
mod diff;
mod error;
mod invert;
mod model;
mod ops;
mod render;
mod replay;
pub mod risk;
mod words;

pub use builder::naming;
pub use builder::{
    AlterColumn, CheckBuilder, ColumnBuilder, DataBuilder, Date, Decimal, ForeignKeyBuilder, InAlter, InCreate,
    IndexBuilder, IntegerType, IntoDefault, Json, Schema, SqlBuilder, SqlType, SqlValue, TableBuilder, TemporalType,
    TextType, Time, Timestamp, TimestampTz, UniqueBuilder, Untyped, Uuid,
};
pub use checksum::{canonical_sql, checksum_ops, checksum_sql, hex_sha256};
pub use diff::{Change, ChangeKind, Diff, DiffOptions, Rename, diff};
pub use error::{InvertError, RenderError, SchemaError};
pub use invert::{invert, invert_for, invert_op};
pub use model::{
    Check, Column, ColumnType, DefaultValue, DroppedWith, ForeignKey, ForeignKeyAction, Generated, Index, Literal,
    NativeObject, PrimaryKey, SchemaModel, Table, TableOptions, Unique,
};
pub mod normalize;
pub use dialect::{Capabilities, Dialect};
pub use ops::{ColumnChange, DataStatement, Op, RawSql};
pub use render::{Plan, Rebuild, Statement, Step, render, render_all};

/// sea-query, re-exported for data statements (`Query::insert()`, ...).
pub use sea_query;
