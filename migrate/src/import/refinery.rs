//! refinery (`refinery migrate`, `embed_migrations!`), 0.8.
//!
//! Files (`refinery_core/src/util.rs`, `RE`: `^([U|V])(\d+(?:\.\d+)?)__(\w+)`): `V{n}__{name}.sql`
//! for versioned and `U{n}__{name}.sql` for unversioned migrations (applied in version
//! order without the check that they come after the last one), and `.rs` files for Rust
//! migrations, whose code is listed.
//!
//! History (`refinery_core/src/drivers/config.rs` and `traits/mod.rs`,
//! `ASSERT_MIGRATIONS_TABLE_QUERY`): `refinery_schema_history (version INT4 PRIMARY KEY,
//! name VARCHAR(255), applied_on VARCHAR(255), checksum VARCHAR(255))`; `applied_on` is
//! RFC 3339 text and `checksum` the decimal text of a `u64`: SipHash-1-3 with zero keys
//! over the name, the version (`i32`) and the SQL, each hashed as Rust's `Hash` does it
//! (`refinery_core/src/runner.rs`, `Migration::unapplied`).

use super::files::{self, entries};
use super::source;
use super::{Applied, Body, Found, Language, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use siphasher::sip::SipHasher13;
use std::hash::{Hash, Hasher};
use std::path::Path;

/// The table refinery creates unless told another name (`set_migration_table_name`).
pub(super) const TABLE: &str = "refinery_schema_history";

/// The migrations of `dir` (refinery also reads its subdirectories).
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut found = Vec::new();
    for (name, path) in entries(dir)? {
        if path.is_dir() {
            found.extend(read(&path)?);
            continue;
        }
        let (stem, rust) = match (name.strip_suffix(".sql"), name.strip_suffix(".rs")) {
            (Some(s), _) => (s, false),
            (_, Some(s)) => (s, true),
            _ => continue,
        };
        let Some(rest) = stem.strip_prefix('V').or_else(|| stem.strip_prefix('U')) else { continue };
        let Some((version, title)) = rest.split_once("__") else { continue };
        let number = files::number(&path, version)?;
        let body = match rust {
            true => Body::Code(Language::Rust),
            false => {
                let up = files::text(&path)?;
                Body::Sql { up, down: None, transaction: true }
            }
        };
        let checksums = match &body {
            Body::Sql { up, .. } => i32::try_from(number).map(|v| vec![checksum(title, v, up)]).unwrap_or_default(),
            Body::Code(_) => Vec::new(),
        };
        found.push(Found {
            key: number.to_string(),
            version: number,
            name: title.to_owned(),
            file: path,
            body,
            checksums,
        });
    }
    Ok(found)
}

/// refinery's checksum of a migration.
fn checksum(name: &str, version: i32, sql: &str) -> String {
    let mut hasher = SipHasher13::new();
    name.hash(&mut hasher);
    version.hash(&mut hasher);
    sql.hash(&mut hasher);
    hasher.finish().to_string()
}

/// Every applied version.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let d = conn.dialect();
    let sql = format!("SELECT version, name, applied_on, checksum FROM {} ORDER BY version", source::quoted(d, table));
    type Row = (i32, Option<String>, Option<String>, Option<String>);
    let rows: Vec<Row> = source::rows(conn, table, &sql).await?;
    Ok(Recorded::Each(
        rows.into_iter()
            .map(|(version, name, at, checksum)| Applied {
                key: version.to_string(),
                name,
                applied_at: at.as_deref().and_then(source::timestamp),
                checksum,
                ..Applied::default()
            })
            .collect(),
    ))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_changes_with_name_version_and_sql() {
        let base = checksum("initial", 1, "CREATE TABLE t (id int);");
        assert_ne!(base, checksum("initial", 2, "CREATE TABLE t (id int);"));
        assert_ne!(base, checksum("initial", 1, "CREATE TABLE t (id bigint);"));
        assert!(base.parse::<u64>().is_ok());
    }
}
