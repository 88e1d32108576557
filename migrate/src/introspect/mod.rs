//! Introspection: the live database read into the same [`SchemaModel`] the migrations
//! replay into, so that the two can be compared (drift) and diffed (generated migrations).
//!
//! Each dialect reads its own catalog. What the portable model cannot express (expression
//! and GIN indexes, deferrable foreign keys, views, triggers, virtual tables, collations,
//! generated columns...) is kept in [`SchemaModel::natives`] with its DDL, never dropped.
//! The tool's own tables (history, audit, lock) are left out.

mod ddl;
mod mysql;
mod postgres;
mod sqlite;

use crate::driver::Connection;
use crate::error::{Error, Result};
use migrate_schema::{ForeignKeyAction, NativeObject, SchemaModel};

impl Connection {
    /// The schema of the connected database (PostgreSQL: the current schema; MySQL: the
    /// current database; SQLite: `main`).
    pub async fn introspect(&mut self) -> Result<SchemaModel> {
        let own = self.tables();
        let model = match self {
            Connection::Postgres(c) => postgres::introspect(c, &own).await,
            Connection::MySql(c) => mysql::introspect(c, &own).await,
            Connection::Sqlite(c) => sqlite::introspect(c, &own).await,
        };
        model.map_err(Error::db("reading the database's schema"))
    }
}

/// Whether `name` is one of the tool's tables, which introspection never reports.
fn is_tool_table(own: &crate::history::Tables, name: &str) -> bool {
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
