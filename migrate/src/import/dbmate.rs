//! dbmate (`dbmate up`), v2.
//!
//! Files (`pkg/dbmate/migration.go`, `parseMigrationContents`): `{version}_{name}.sql`, the
//! version the digits before the first `_`; the UP part follows `-- migrate:up`, the DOWN
//! part `-- migrate:down`, and options follow the marker on its line
//! (`-- migrate:up transaction:false`).
//!
//! History (`pkg/driver/postgres/postgres.go`, `mysql/mysql.go`, `sqlite/sqlite.go`,
//! `CreateMigrationsTable`): `schema_migrations (version varchar(128) PRIMARY KEY)`
//! (MySQL `varchar(128) COLLATE utf8mb4_unicode_ci`), one row per applied version; a
//! rollback deletes the row. dbmate keeps no time, author or checksum.

use super::files::{self, entries};
use super::source;
use super::{Body, Found, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table dbmate creates unless told another name (`--migrations-table`).
pub(super) const TABLE: &str = "schema_migrations";

/// The migrations of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        let Some(stem) = name.strip_suffix(".sql") else { continue };
        let Some((version, title)) = stem.split_once('_') else { continue };
        if !version.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let number = files::number(&path, version)?;
        let text = files::text(&path)?;
        let (up, down, transaction) = sections(&path, &text)?;
        found.push(Found {
            key: version.to_owned(),
            version: number,
            name: files::words(title),
            file: path,
            body: Body::Sql { up, down, transaction },
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// The UP and DOWN parts of a dbmate file, and whether UP runs in a transaction.
fn sections(path: &Path, text: &str) -> std::result::Result<(String, Option<String>, bool), FileError> {
    let (mut up, mut down) = (None::<String>, None::<String>);
    let mut transaction = true;
    let mut in_down = false;
    for line in text.split_inclusive('\n') {
        let marker = line.trim().strip_prefix("--").map(str::trim);
        if let Some(rest) = marker.and_then(|m| m.strip_prefix("migrate:up")) {
            transaction &= !rest.contains("transaction:false");
            up = Some(String::new());
            in_down = false;
            continue;
        }
        if marker.is_some_and(|m| m.starts_with("migrate:down")) {
            down = Some(String::new());
            in_down = true;
            continue;
        }
        match (in_down, &mut up, &mut down) {
            (true, _, Some(d)) => d.push_str(line),
            (false, Some(u), _) => u.push_str(line),
            _ => {}
        }
    }
    let up = up.ok_or_else(|| files::error(path, "has no `-- migrate:up` line"))?;
    Ok((up, down, transaction))
}

/// Every applied version.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    source::keys(conn, table, "version", "version").await
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn up_and_down_follow_their_markers_and_options() {
        let text = "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY i ON t (a);\n\n-- migrate:down\nDROP INDEX i;\n";
        let (up, down, tx) = sections(Path::new("1_x.sql"), text).unwrap();
        assert_eq!(up.trim(), "CREATE INDEX CONCURRENTLY i ON t (a);");
        assert_eq!(down.as_deref().map(str::trim), Some("DROP INDEX i;"));
        assert!(!tx);
    }
}
