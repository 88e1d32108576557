//! Flyway (`flyway migrate`), 9 to 11.
//!
//! Files (`flyway-core` `ResourceNameParser`, default prefixes and separator):
//! `V{version}__{description}.sql` (the version's parts separated by `.` or `_`),
//! `U{version}__...` undo scripts (Teams edition) and `R__{description}.sql` repeatable
//! scripts; the description's `_` read as spaces. A script that must run outside a
//! transaction says `executeInTransaction=false` in its `V..sql.conf` file or in a
//! `-- flyway:executeInTransaction=false` line.
//!
//! History (`flyway-core` `.../createMetaDataTable.sql` per database):
//! `flyway_schema_history (installed_rank INT NOT NULL PRIMARY KEY, version VARCHAR(50),
//! description VARCHAR(200) NOT NULL, type VARCHAR(20) NOT NULL, script VARCHAR(1000) NOT
//! NULL, checksum INT, installed_by VARCHAR(100) NOT NULL, installed_on TIMESTAMP NOT NULL
//! DEFAULT now(), execution_time INT NOT NULL, success BOOLEAN NOT NULL)`. `type` is `SQL`
//! or `JDBC` for a migration that ran, `BASELINE` for `flyway baseline` (everything up to
//! its version counts as applied), `UNDO_SQL` for an undo, `DELETE` for a row `repair`
//! removed, `SCHEMA` for the schema Flyway created. `checksum` is the CRC-32 of the
//! script's lines (UTF-8, without line ends, the BOM dropped), as a signed 32-bit integer
//! (`ChecksumCalculator`).

use super::files::{self, entries};
use super::source::{self, as_text};
use super::{Applied, Body, Found, Recorded};
use crate::driver::Connection;
use crate::error::Result;
use crate::sql::FileError;
use std::path::Path;

/// The table Flyway creates unless told another name (`flyway.table`).
pub(super) const TABLE: &str = "flyway_schema_history";

/// The versioned migrations of `dir` and its subdirectories, with their undo scripts. A
/// dotted version (`1.1`) cannot be ours: when any is dotted, versions are numbered by
/// Flyway's order (1, 2, ...), and each file's header keeps the original.
pub(super) fn read(dir: &Path) -> std::result::Result<Vec<Found>, FileError> {
    let mut scripts = Vec::new();
    collect(dir, &mut scripts)?;
    let mut found = Vec::new();
    let mut undos = Vec::new();
    for (name, path) in scripts {
        let Some(stem) = name.strip_suffix(".sql") else { continue };
        let (undo, rest) = match (stem.strip_prefix('V'), stem.strip_prefix('U')) {
            (Some(r), _) => (false, r),
            (_, Some(r)) => (true, r),
            _ => continue,
        };
        let Some((version, description)) = rest.split_once("__") else { continue };
        let key = version.replace('_', ".");
        let parts = key.split('.').map(|p| files::number(&path, p)).collect::<std::result::Result<Vec<_>, _>>()?;
        let text = files::text(&path)?;
        if undo {
            undos.push((parts, path, text));
            continue;
        }
        let conf = path.with_file_name(format!("{name}.conf"));
        let conf = if conf.exists() { files::text(&conf)? } else { String::new() };
        let transaction = !(conf.lines().chain(text.lines()).any(|l| {
            let l = l.trim().trim_start_matches("--").trim().replace(' ', "");
            l.ends_with("executeInTransaction=false")
        }));
        found.push((
            parts,
            Found {
                key,
                version: 0,
                name: files::words(description),
                checksums: vec![checksum(&text).to_string()],
                file: path,
                body: Body::Sql { up: text, down: None, transaction },
            },
        ));
    }
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let dotted = found.iter().any(|(parts, _)| parts.len() > 1);
    for (rank, (parts, f)) in found.iter_mut().enumerate() {
        f.version = if dotted { rank as u64 + 1 } else { parts[0] };
        if dotted {
            f.name = format!("{} (Flyway {})", f.name, f.key);
        }
    }
    for (parts, path, text) in undos {
        let Some((_, up)) = found.iter_mut().find(|(p, _)| *p == parts) else {
            return Err(files::error(&path, "an undo script without its versioned migration"));
        };
        if let Body::Sql { down, .. } = &mut up.body {
            *down = Some(text);
        }
    }
    Ok(found.into_iter().map(|(_, f)| f).collect())
}

/// The repeatable scripts (`R__...sql`) of `dir` and its subdirectories: not converted,
/// since a versioned history has no place for a script that runs again when it changes.
pub(super) fn repeatable(dir: &Path) -> std::result::Result<Vec<std::path::PathBuf>, FileError> {
    let mut scripts = Vec::new();
    collect(dir, &mut scripts)?;
    Ok(scripts.into_iter().filter(|(n, _)| n.starts_with("R__") && n.ends_with(".sql")).map(|(_, p)| p).collect())
}

fn collect(dir: &Path, out: &mut Vec<(String, std::path::PathBuf)>) -> std::result::Result<(), FileError> {
    for (name, path) in entries(dir)? {
        if path.is_dir() {
            collect(&path, out)?;
        } else {
            out.push((name, path));
        }
    }
    Ok(())
}

/// Flyway's checksum of a script.
fn checksum(text: &str) -> i32 {
    let mut crc = crc32fast::Hasher::new();
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    // `BufferedReader.readLine` ends a line at `\n`, `\r` or `\r\n`.
    for line in text.split("\r\n").flat_map(|l| l.split(['\r', '\n'])) {
        crc.update(line.as_bytes());
    }
    crc.finalize() as i32
}

/// What the history says: applied migrations (and what a baseline covers), failures,
/// undone ones.
pub(super) async fn history(conn: &mut Connection, table: &str) -> Result<Recorded> {
    let d = conn.dialect();
    let sql = format!(
        "SELECT version, description, type, checksum, installed_by, {}, success FROM {} ORDER BY installed_rank",
        as_text(d, "installed_on"),
        source::quoted(d, table)
    );
    type Row = (Option<String>, String, String, Option<i32>, Option<String>, Option<String>, bool);
    let rows: Vec<Row> = source::rows(conn, table, &sql).await?;
    // `DELETE` and undo rows remove what came before them, in rank order.
    let mut applied: Vec<Applied> = Vec::new();
    for (version, description, kind, checksum, by, at, success) in rows {
        let Some(key) = version else { continue };
        match kind.as_str() {
            "UNDO_SQL" | "UNDO_JDBC" | "DELETE" if success => applied.retain(|a| a.key != key),
            "SCHEMA" => {}
            _ => {
                applied.retain(|a| a.key != key);
                applied.push(Applied {
                    key,
                    name: Some(description),
                    applied_at: at.as_deref().and_then(source::timestamp),
                    applied_by: by,
                    checksum: checksum.map(|c| c.to_string()).filter(|_| kind != "BASELINE"),
                    failed: (!success).then(|| "success = 0: the migration failed in Flyway".to_owned()),
                    baseline: kind == "BASELINE",
                });
            }
        }
    }
    Ok(Recorded::Each(applied))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn the_checksum_ignores_line_ends_and_the_bom() {
        let lf = checksum("CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n");
        assert_eq!(lf, checksum("\u{FEFF}CREATE TABLE t (id int);\r\nINSERT INTO t VALUES (1);\r\n"));
        assert_ne!(lf, checksum("CREATE TABLE t (id int);\nINSERT INTO t VALUES (2);\n"));
        // CRC-32 of "a" then "b" is the CRC-32 of "ab" (0x9E83486D), signed.
        assert_eq!(checksum("a\nb"), 0x9E83486Du32 as i32);
    }
}
