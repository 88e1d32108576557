//! sqlx (`sqlx migrate run`, `sqlx::migrate!`), as sqlx 0.7 to 0.9 do it.
//!
//! Files (sqlx-core `src/migrate/source.rs`, `resolve_blocking_with_config`): every file
//! of the directory named `<version>_<description>.sql`, `.up.sql` or `.down.sql`; the
//! version is the integer before the first `_`, the description the rest without the
//! suffix, `_` read as spaces. A file whose text starts with `-- no-transaction` runs
//! outside a transaction. The checksum is the SHA-384 of the file's text
//! (`migration::checksum`), with the characters of sqlx.toml's `migrate.ignored-chars`
//! left out when that is set (0.8 and later; usually `\r` and the BOM).
//!
//! History (sqlx-postgres / sqlx-mysql / sqlx-sqlite `src/migrate.rs`,
//! `ensure_migrations_table`): `_sqlx_migrations (version BIGINT PRIMARY KEY, description
//! TEXT NOT NULL, installed_on TIMESTAMPTZ NOT NULL DEFAULT now() | TIMESTAMP ... DEFAULT
//! CURRENT_TIMESTAMP, success BOOLEAN NOT NULL, checksum BYTEA | BLOB NOT NULL,
//! execution_time BIGINT NOT NULL)`, execution time in nanoseconds. A row with
//! `success = false` is a migration that did not finish (sqlx calls it dirty and refuses
//! to go on); a reverted migration's row is deleted.

use super::files::{self, entries};
use super::source::{self, as_text};
use super::{Applied, Body, Found, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use sha2::{Digest, Sha384};
use std::path::Path;

/// The table sqlx creates unless told another name.
pub(super) const TABLE: &str = "_sqlx_migrations";

/// The migrations of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found: Vec<Found> = Vec::new();
    let mut downs = Vec::new();
    for (name, path) in entries(dir)? {
        let Some((version, rest)) = name.split_once('_') else { continue };
        if !rest.ends_with(".sql") || !path.is_file() {
            continue;
        }
        let version = files::number(&path, version)?;
        let text = files::text(&path)?;
        if rest.ends_with(".down.sql") {
            downs.push((version, path, text.trim_start_matches("-- no-transaction").to_owned()));
            continue;
        }
        let description = rest.strip_suffix(".up.sql").or_else(|| rest.strip_suffix(".sql")).unwrap_or(rest);
        let transaction = !text.starts_with("-- no-transaction");
        let up = if transaction { text.clone() } else { text.trim_start_matches("-- no-transaction").to_owned() };
        found.push(Found {
            key: version.to_string(),
            version,
            name: files::words(description),
            checksums: vec![files::hex(&Sha384::digest(text.as_bytes())), checksum_ignoring_line_ends(&text)],
            file: path,
            body: Body::Sql { up, down: None, transaction },
        });
    }
    files::attach_downs(&mut found, downs)?;
    Ok(found)
}

/// The checksum sqlx computes for `text` with sqlx.toml's usual `ignored-chars = ["\r",
/// "\uFEFF"]`: a file whose recorded checksum is this one was not edited either.
fn checksum_ignoring_line_ends(text: &str) -> String {
    let mut digest = Sha384::new();
    for piece in text.split(['\r', '\u{FEFF}']) {
        digest.update(piece.as_bytes());
    }
    files::hex(&digest.finalize())
}

/// Every row of `table`.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let d = conn.dialect();
    let sql = format!(
        "SELECT version, description, {}, success, checksum FROM {} ORDER BY version",
        as_text(d, "installed_on"),
        source::quoted(d, table)
    );
    type Row = (i64, String, Option<String>, bool, Vec<u8>);
    let rows: Vec<Row> = source::rows(conn, table, &sql).await?;
    Ok(Recorded::Each(
        rows.into_iter()
            .map(|(version, description, installed_on, success, checksum)| Applied {
                key: version.to_string(),
                name: Some(description),
                applied_at: installed_on.as_deref().and_then(source::timestamp),
                applied_by: None,
                checksum: Some(files::hex(&checksum)),
                failed: (!success).then(|| "success = false: sqlx did not finish it (it calls it dirty)".to_owned()),
                baseline: false,
            })
            .collect(),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_is_sha384_of_the_text() {
        // `printf 'CREATE TABLE t (id int);\n' | sha384sum`
        let text = "CREATE TABLE t (id int);\n";
        assert_eq!(files::hex(&Sha384::digest(text.as_bytes())).len(), 96);
        assert_eq!(checksum_ignoring_line_ends("a\r\nb"), files::hex(&Sha384::digest(b"a\nb")));
    }
}
