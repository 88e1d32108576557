//! goose (`goose up`), v3.
//!
//! Files (`internal/sqlparser/parser.go`, `migration.go`): `{version}_{name}.sql` or
//! `.go`, the version an integer (often a timestamp). In a SQL file `-- +goose Up` and
//! `-- +goose Down` start the parts, `-- +goose StatementBegin` / `StatementEnd` enclose
//! one statement that holds semicolons, and `-- +goose NO TRANSACTION` runs the file
//! outside a transaction. Go migrations register functions: their code is listed.
//!
//! History (`internal/dialect/dialectquery/postgres.go`, `mysql.go`, `sqlite3.go`,
//! `CreateTable`): `goose_db_version (id serial | INTEGER PRIMARY KEY AUTOINCREMENT,
//! version_id bigint NOT NULL, is_applied boolean NOT NULL, tstamp timestamp NULL DEFAULT
//! now())`, with a first row of version 0. Each migration that runs inserts a row; a
//! rollback deletes it (v3.0 and later; goose v2 inserted a row with `is_applied =
//! false`), so the latest row of a version says whether it is applied.

use super::files::{self, entries};
use super::source::{self, as_text};
use super::{Applied, Body, Found, Language, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table goose creates unless told another name (`-table`).
pub(super) const TABLE: &str = "goose_db_version";

/// The migrations of `dir`.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        let (stem, go) = match (name.strip_suffix(".sql"), name.strip_suffix(".go")) {
            (Some(s), _) => (s, false),
            (_, Some(s)) if !s.ends_with("_test") => (s, true),
            _ => continue,
        };
        let Some((version, title)) = stem.split_once('_') else { continue };
        if !version.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let number = files::number(&path, version)?;
        let body = match go {
            true => Body::Code(Language::Go),
            false => sections(&path, &files::text(&path)?)?,
        };
        found.push(Found {
            key: number.to_string(),
            version: number,
            name: files::words(title),
            file: path,
            body,
            checksums: Vec::new(),
        });
    }
    Ok(found)
}

/// The UP and DOWN parts of a goose SQL file, without goose's annotations.
fn sections(path: &Path, text: &str) -> std::result::Result<Body, FileError> {
    let (mut up, mut down) = (None::<String>, None::<String>);
    let mut transaction = true;
    let mut in_down = false;
    for line in text.split_inclusive('\n') {
        let annotation = line.trim().strip_prefix("-- +goose").map(|a| a.trim().to_ascii_lowercase());
        match annotation.as_deref() {
            Some("up") => {
                up = Some(String::new());
                in_down = false;
            }
            Some("down") => {
                down = Some(String::new());
                in_down = true;
            }
            Some("no transaction") => transaction = false,
            // A statement goose sends whole; our splitter finds its end itself.
            Some(_) => {}
            None => match (in_down, &mut up, &mut down) {
                (true, _, Some(d)) => d.push_str(line),
                (false, Some(u), _) => u.push_str(line),
                _ => {}
            },
        }
    }
    let up = up.ok_or_else(|| files::error(path, "has no `-- +goose Up` line"))?;
    Ok(Body::Sql { up, down, transaction })
}

/// The versions whose latest row says applied.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let d = conn.dialect();
    let sql = format!(
        "SELECT version_id, is_applied, {} FROM {} ORDER BY id",
        as_text(d, "tstamp"),
        source::quoted(d, table)
    );
    let rows: Vec<(i64, bool, Option<String>)> = source::rows(conn, table, &sql).await?;
    let mut applied: Vec<Applied> = Vec::new();
    for (version, is_applied, at) in rows {
        applied.retain(|a| a.key != version.to_string());
        if is_applied && version != 0 {
            applied.push(Applied {
                key: version.to_string(),
                applied_at: at.as_deref().and_then(source::timestamp),
                ..Applied::default()
            });
        }
    }
    Ok(Recorded::Each(applied))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn annotations_are_dropped_and_statement_blocks_kept_whole() {
        let text = "-- +goose Up\n-- +goose StatementBegin\nCREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;\n-- +goose StatementEnd\n\n-- +goose Down\nDROP FUNCTION f();\n";
        let Body::Sql { up, down, transaction } = sections(Path::new("1_f.sql"), text).unwrap() else { panic!() };
        assert_eq!(up.trim(), "CREATE FUNCTION f() RETURNS int AS $$ SELECT 1; $$ LANGUAGE sql;");
        assert_eq!(down.as_deref().map(str::trim), Some("DROP FUNCTION f();"));
        assert!(transaction);
    }
}
