//! Rails (`bin/rails db:migrate`), Active Record 5 to 8.
//!
//! Files (`activerecord/lib/active_record/migration.rb`, `MigrationContext#migrations`):
//! `db/migrate/{YYYYMMDDHHMMSS}_{name}.rb`; Ruby code, listed for porting.
//!
//! History (`activerecord/lib/active_record/schema_migration.rb`, `create_table`):
//! `schema_migrations (version VARCHAR PRIMARY KEY)` (`character varying` on PostgreSQL,
//! `varchar(255)` on MySQL), one row per applied version; a rollback deletes it. Rails
//! also keeps `ar_internal_metadata`, which the import leaves alone.

use super::files::{self, entries};
use super::source;
use super::{Body, Found, Language, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table Rails creates unless `schema_migrations_table_name` says otherwise.
pub(super) const TABLE: &str = "schema_migrations";

/// The migration files of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        let Some(stem) = name.strip_suffix(".rb") else { continue };
        let Some((version, title)) = stem.split_once('_') else { continue };
        if !version.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        found.push(Found {
            key: version.to_owned(),
            version: files::number(&path, version)?,
            name: files::words(title),
            file: path,
            body: Body::Code(Language::Ruby),
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// Every applied version.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    source::keys(conn, table, "version", "version").await
}
