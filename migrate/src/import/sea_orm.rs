//! sea-orm-migration (`sea-orm-cli migrate up`), 0.12 to 1.x.
//!
//! Files (`sea-orm-cli` `migrate generate`): Rust modules `m{YYYYMMDD}_{HHMMSS}_{name}.rs`
//! in the migration crate's `src/`, each a `MigrationTrait` implementation: code, listed
//! for porting. The migration's name is the module's (`MigrationName` derives it from the
//! file name).
//!
//! History (`sea-orm-migration/src/seaql_migrations.rs`): `seaql_migrations (version
//! VARCHAR PRIMARY KEY, applied_at BIGINT NOT NULL)`, the version the migration's name
//! and `applied_at` Unix seconds; a rollback deletes the row.

use super::files::{self, entries};
use super::source;
use super::{Applied, Body, Found, Language, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table sea-orm-migration creates unless `migration_table_name` says otherwise.
pub(super) const TABLE: &str = "seaql_migrations";

/// Our version for a migration name: its date and sequence, `m20220101_000001_x` is
/// 20220101000001.
pub(super) fn version_of(name: &str) -> Option<u64> {
    let rest = name.strip_prefix('m')?;
    let mut parts = rest.splitn(3, '_');
    let (date, seq) = (parts.next()?, parts.next()?);
    let digits = format!("{date}{seq}");
    digits.bytes().all(|b| b.is_ascii_digit()).then(|| digits.parse().ok()).flatten()
}

/// The migration modules of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        let Some(stem) = name.strip_suffix(".rs") else { continue };
        let Some(version) = version_of(stem) else { continue };
        let title = stem.splitn(3, '_').nth(2).unwrap_or(stem);
        found.push(Found {
            key: stem.to_owned(),
            version,
            name: files::words(title),
            file: path,
            body: Body::Code(Language::Rust),
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// Every applied migration.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let sql = format!("SELECT version, applied_at FROM {} ORDER BY version", source::quoted(conn.dialect(), table));
    let rows: Vec<(String, i64)> = source::rows(conn, table, &sql).await?;
    Ok(Recorded::Each(
        rows.into_iter()
            .map(|(key, at)| Applied { key, applied_at: source::from_unix(at), ..Applied::default() })
            .collect(),
    ))
}
