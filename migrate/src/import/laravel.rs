//! Laravel (`php artisan migrate`), 8 to 11.
//!
//! Files (`Illuminate/Database/Migrations/Migrator.php`, `getMigrationFiles`):
//! `database/migrations/{YYYY_MM_DD_HHMMSS}_{name}.php`, run in file-name order; PHP
//! code, listed for porting. The migration's name is the file name without `.php`.
//!
//! History (`Illuminate/Database/Migrations/DatabaseMigrationRepository.php`,
//! `createRepository`): `migrations (id INT UNSIGNED AUTO_INCREMENT PRIMARY KEY | serial,
//! migration VARCHAR(255) NOT NULL, batch INT NOT NULL)`; a rollback deletes the row.
//! Laravel keeps no time or checksum.

use super::files::{self, entries};
use super::source;
use super::{Body, Found, Language, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table Laravel creates unless `database.migrations` says otherwise.
pub(super) const TABLE: &str = "migrations";

/// Our version for a migration name: the digits of its date prefix
/// (`2014_10_12_000000_create_users_table` is 20141012000000).
pub(super) fn version_of(name: &str) -> Option<u64> {
    let parts: Vec<&str> = name.splitn(5, '_').collect();
    if parts.len() < 5 || !parts[..4].iter().all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit())) {
        return None;
    }
    parts[..4].concat().parse().ok()
}

/// The migration files of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        let Some(stem) = name.strip_suffix(".php") else { continue };
        let Some(version) = version_of(stem) else { continue };
        let title = stem.splitn(5, '_').nth(4).unwrap_or(stem);
        found.push(Found {
            key: stem.to_owned(),
            version,
            name: files::words(title),
            file: path,
            body: Body::Code(Language::Php),
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// Every applied migration.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    source::keys(conn, table, "migration", "id").await
}
