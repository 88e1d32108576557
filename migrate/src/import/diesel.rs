//! diesel (`diesel migration run`, `embed_migrations!`), 2.x.
//!
//! Files (`diesel_migrations/src/file_based_migrations.rs`): one directory per migration,
//! `{version}_{name}/` with `up.sql`, `down.sql` and optionally `metadata.toml`
//! (`run_in_transaction = false`). The version is the directory name before the first
//! `_` with the `-` removed (`2023-01-01-120000_create_users` is `20230101120000`).
//!
//! History (`diesel_migrations/src/migration_harness.rs`, `CREATE_MIGRATIONS_TABLE`):
//! `__diesel_schema_migrations (version VARCHAR(50) PRIMARY KEY NOT NULL, run_on TIMESTAMP
//! NOT NULL DEFAULT CURRENT_TIMESTAMP)`; a reverted migration's row is deleted. diesel
//! keeps no checksum.

use super::files::{self, entries};
use super::source::{self, as_text};
use super::{Applied, Body, Found, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table diesel creates.
pub(super) const TABLE: &str = "__diesel_schema_migrations";

/// The migrations of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        if !path.is_dir() {
            continue;
        }
        let Some((version, title)) = name.split_once('_') else { continue };
        let key = version.replace('-', "");
        let number = files::number(&path, &key)?;
        let up_file = path.join("up.sql");
        let up = files::text(&up_file)?;
        let down_file = path.join("down.sql");
        let down = if down_file.exists() { Some(files::text(&down_file)?) } else { None };
        let metadata = path.join("metadata.toml");
        let transaction = match metadata.exists() {
            true => {
                let text = files::text(&metadata)?;
                let table: toml::Table =
                    toml::from_str(&text).map_err(|e| files::error(&metadata, format!("is not TOML: {e}")))?;
                table.get("run_in_transaction").and_then(toml::Value::as_bool).unwrap_or(true)
            }
            false => true,
        };
        found.push(Found {
            key,
            version: number,
            name: files::words(title),
            file: up_file,
            body: Body::Sql { up, down, transaction },
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// Every applied version.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let d = conn.dialect();
    let sql = format!("SELECT version, {} FROM {} ORDER BY version", as_text(d, "run_on"), source::quoted(d, table));
    let rows: Vec<(String, Option<String>)> = source::rows(conn, table, &sql).await?;
    Ok(Recorded::Each(
        rows.into_iter()
            .map(|(key, at)| Applied {
                key,
                applied_at: at.as_deref().and_then(source::timestamp),
                ..Applied::default()
            })
            .collect(),
    ))
}
