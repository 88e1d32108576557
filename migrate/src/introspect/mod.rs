//! Introspection: the live database read into the same [`SchemaModel`](migrate_schema::SchemaModel) the migrations
//! replay into, so that the two can be compared (drift) and diffed (generated migrations).
//!
//! Each dialect reads its own catalog. What the portable model cannot express (expression
//! and GIN indexes, deferrable foreign keys, views, triggers, virtual tables, collations,
//! generated columns...) is kept in [`SchemaModel::natives`](migrate_schema::SchemaModel::natives) with its DDL, never dropped.
//! The tool's own tables (history, audit, lock) are left out.

//!
//! Each database's driver ([`crate::driver`]) calls its reader here.

#[cfg(feature = "sqlite")]
mod ddl;
#[cfg(feature = "mysql")]
pub(crate) mod mysql;
#[cfg(feature = "postgres")]
pub(crate) mod postgres;
#[cfg(feature = "sqlite")]
pub(crate) mod sqlite;

use migrate_schema::{ForeignKeyAction, NativeObject};

/// Whether `name` is one of the tool's tables, which introspection never reports.
fn is_tool_table(own: &crate::tables::Tables, name: &str) -> bool {
    own.is_own(name, false)
}

fn native(kind: &str, name: &str, table: Option<&str>, sql: String, drop: String) -> NativeObject {
    NativeObject { kind: kind.to_owned(), name: name.to_owned(), table: table.map(str::to_owned), sql, drop }
}

/// A referential action as the catalogs spell it; NO ACTION is the default, `None`.
fn action(text: &str) -> Option<ForeignKeyAction> {
    match text.to_ascii_uppercase().replace('_', " ").as_str() {
        "CASCADE" | "C" => Some(ForeignKeyAction::Cascade),
        "SET NULL" | "N" => Some(ForeignKeyAction::SetNull),
        "SET DEFAULT" | "D" => Some(ForeignKeyAction::SetDefault),
        "RESTRICT" | "R" => Some(ForeignKeyAction::Restrict),
        _ => None,
    }
}
