//! What `migrate diff` compares: the migrations, the connected database, another database,
//! or a snapshot file; and its rename hints.

use crate::driver::Connection;
use crate::engine::Migrator;
use crate::error::{Error, Result};
use migrate_schema::{Dialect, DiffOptions, Rename, SchemaModel};
use std::path::Path;

/// `--rename users.name=full_name` (a column) and `--rename people=users` (a table).
pub(crate) fn options(renames: &[String]) -> Result<DiffOptions> {
    let mut options = DiffOptions::default();
    for hint in renames {
        let bad = || Error::Config(format!("--rename {hint}: expected table.old=new (a column) or old=new (a table)"));
        let (old, new) = hint.split_once('=').ok_or_else(bad)?;
        let (old, new) = (old.trim(), new.trim());
        if old.is_empty() || new.is_empty() || new.contains('.') {
            return Err(bad());
        }
        options.renames.push(match old.split_once('.') {
            Some((table, column)) if !table.is_empty() && !column.is_empty() => {
                Rename::Column { table: table.to_owned(), from: column.to_owned(), to: new.to_owned() }
            }
            Some(_) => return Err(bad()),
            None => Rename::Table { from: old.to_owned(), to: new.to_owned() },
        });
    }
    Ok(options)
}

/// The schema `name` stands for: `migrations`, `database`, a database URL, or a JSON file
/// holding a schema model (or a snapshot with a `schema` field).
pub(crate) async fn source(migrator: &Migrator, conn: &mut Connection, url: &str, name: &str) -> Result<SchemaModel> {
    match name {
        "migrations" => Ok(migrator.expected_schema(url, None).await?.0),
        "database" => conn.introspect().await,
        other if Dialect::from_url(other).is_some() && other.contains(':') && !Path::new(other).exists() => {
            if Dialect::from_url(other) != Some(conn.dialect()) {
                return Err(Error::Config(format!(
                    "{}: both sides of a diff must be {} databases",
                    crate::driver::redact(other),
                    conn.dialect()
                )));
            }
            let mut other_conn = Connection::connect(other).await?;
            let model = other_conn.introspect().await;
            let _ = other_conn.close().await;
            model
        }
        file => read_snapshot(Path::new(file)),
    }
}

fn read_snapshot(path: &Path) -> Result<SchemaModel> {
    if !path.is_file() {
        return Err(Error::Config(format!(
            "{}: no such file (a diff side is `migrations`, `database`, a database URL or a snapshot file)",
            path.display()
        )));
    }
    Ok(crate::snapshot::Snapshot::load(path)?.schema)
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn rename_hints() {
        let o = options(&["users.name=full_name".into(), "people=users".into()]).unwrap();
        assert_eq!(
            o.renames,
            vec![
                Rename::Column { table: "users".into(), from: "name".into(), to: "full_name".into() },
                Rename::Table { from: "people".into(), to: "users".into() },
            ]
        );
        for bad in ["users.name", "=x", ".a=b", "a=b.c"] {
            assert!(options(&[bad.into()]).is_err(), "{bad}");
        }
    }
}
