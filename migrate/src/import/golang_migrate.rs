//! golang-migrate (`migrate -path ... up`), v4.
//!
//! Files (`source/parse.go`, `DefaultParse`): `{version}_{title}.up.{ext}` and
//! `{version}_{title}.down.{ext}`, the version an unsigned integer.
//!
//! History (`database/postgres/postgres.go`, `database/mysql/mysql.go`,
//! `database/sqlite3/sqlite3.go`, `ensureVersionTable`): `schema_migrations (version
//! bigint NOT NULL PRIMARY KEY, dirty boolean NOT NULL)` (SQLite: `version uint64, dirty
//! bool` with a unique index on version). It holds one row, the current version: every
//! migration up to it ran; `dirty = true` says the current one failed half-way and
//! golang-migrate refuses to go on until `force`.

use super::files::{self, entries};
use super::source;
use super::{Body, Found, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table golang-migrate creates unless told another name (`x-migrations-table`).
pub(super) const TABLE: &str = "schema_migrations";

/// The migrations of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found: Vec<Found> = Vec::new();
    let mut downs = Vec::new();
    for (name, path) in entries(dir)? {
        let Some((version, rest)) = name.split_once('_') else { continue };
        let (title, up) = match (rest.strip_suffix(".up.sql"), rest.strip_suffix(".down.sql")) {
            (Some(t), _) => (t, true),
            (_, Some(t)) => (t, false),
            _ => continue,
        };
        let version = files::number(&path, version)?;
        let text = files::text(&path)?;
        if !up {
            downs.push((version, path, text));
            continue;
        }
        found.push(Found {
            key: version.to_string(),
            version,
            name: files::words(title),
            file: path,
            body: Body::Sql { up: text, down: None, transaction: true },
            checksums: Vec::new(),
        });
    }
    files::attach_downs(&mut found, downs)?;
    Ok(found)
}

/// The current version.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let sql = format!("SELECT version, dirty FROM {}", source::quoted(conn.dialect(), table));
    let rows: Vec<(i64, bool)> = source::rows(conn, table, &sql).await?;
    Ok(match rows.first() {
        Some(&(version, dirty)) => Recorded::UpTo { version: u64::try_from(version).unwrap_or(0), dirty },
        None => Recorded::Each(Vec::new()),
    })
}
