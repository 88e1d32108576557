//! Databases that exist for a while: a scratch database beside the real one (drift, dry
//! runs on MySQL) or a test's own database, created on the same server (a temporary file
//! for SQLite) and dropped afterwards.

use crate::driver::Connection;
use crate::error::{Error, Result};
use migrate_schema::Dialect;
use std::sync::atomic::{AtomicU32, Ordering};

/// A database that exists for a while.
pub(crate) struct Scratch {
    pub(crate) url: String,
    /// PostgreSQL and MySQL: the server URL it was created from, and its name.
    server: Option<(String, String)>,
}

impl Scratch {
    /// A scratch database beside the one of `url`.
    pub(crate) async fn create(url: &str) -> Result<Scratch> {
        Scratch::create_as(url, "migrate_scratch").await
    }

    /// A new database on the server of `url` (any `sqlite://` URL: a temporary file), named
    /// `<prefix>_<process>_<n>`.
    pub(crate) async fn create_as(url: &str, prefix: &str) -> Result<Scratch> {
        static COUNT: AtomicU32 = AtomicU32::new(0);
        let name = format!("{prefix}_{}_{}", std::process::id(), COUNT.fetch_add(1, Ordering::Relaxed));
        match Dialect::from_url(url) {
            Some(Dialect::Sqlite) | None => {
                let file = std::env::temp_dir().join(format!("{name}.db"));
                let _ = std::fs::remove_file(&file);
                Ok(Scratch { url: format!("sqlite://{}", file.display()), server: None })
            }
            Some(dialect) => {
                let mut conn = Connection::connect(url).await?;
                let create = match dialect {
                    Dialect::MySql => format!("CREATE DATABASE `{name}`"),
                    _ => format!("CREATE DATABASE \"{name}\""),
                };
                let created = conn.execute(&create).await;
                let _ = conn.close().await;
                created
                    .map_err(Error::db("creating a scratch database (the user needs the right to create databases)"))?;
                Ok(Scratch { url: with_database(url, &name), server: Some((url.to_owned(), name)) })
            }
        }
    }

    pub(crate) async fn drop(self) {
        match self.server {
            Some((server, name)) => {
                if let Ok(mut conn) = Connection::connect(&server).await {
                    let drop = match conn.dialect() {
                        Dialect::MySql => format!("DROP DATABASE IF EXISTS `{name}`"),
                        _ => format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"),
                    };
                    let _ = conn.execute(&drop).await;
                    let _ = conn.close().await;
                }
            }
            None => {
                let file = self.url.trim_start_matches("sqlite://");
                for suffix in ["", "-wal", "-shm", "-journal"] {
                    let _ = std::fs::remove_file(format!("{file}{suffix}"));
                }
            }
        }
    }
}

/// What a scratch database is filled with.
enum Fill {
    /// SQL texts, each executed as it is (a PostgreSQL dump is one text of many statements).
    Sql(Vec<String>),
    /// Steps rendered from the introspected schema.
    Steps(Vec<migrate_schema::Step>),
}

/// A scratch database beside the one of `url` holding the schema of `from` (connected to
/// `url`) without its rows, and a connection to it with `from`'s table names. The copy is
/// exact where it can be: SQLite's own `sqlite_schema`, `pg_dump --schema-only` and
/// `mysqldump --no-data` where installed. Otherwise, or when the dump does not load, it is
/// rendered from the introspected schema, which may miss what the model does not hold
/// (PostgreSQL types no column uses, extensions).
pub(crate) async fn copy_of(from: &mut Connection, url: &str) -> Result<(Scratch, Connection)> {
    let dialect = from.dialect();
    let exact = match dialect {
        Dialect::Sqlite => Some(sqlite_schema(from).await?),
        _ => crate::backup::schema_dump(dialect, url, &from.tables()),
    };
    if let Some(sql) = exact {
        match filled(url, from, Fill::Sql(sql)).await {
            Ok(done) => return Ok(done),
            Err(e) if dialect == Dialect::Sqlite => return Err(e),
            Err(e) => tracing::debug!("the dump of the schema did not load ({e}); copying it from the model"),
        }
    }
    let before = from.introspect().await?;
    let empty = migrate_schema::SchemaModel::new();
    let plan = migrate_schema::diff(&empty, &before, &Default::default())
        .map_err(|e| e.to_string())
        .and_then(|d| migrate_schema::render_all(dialect, &empty, &d.ops).map_err(|e| e.to_string()))
        .map_err(|e| Error::Custom(format!("the schema could not be copied to a scratch database: {e}")))?;
    filled(url, from, Fill::Steps(plan.steps)).await
}

/// SQLite: the statements that created every table, index, view and trigger, tables first.
async fn sqlite_schema(from: &mut Connection) -> Result<Vec<String>> {
    let rows: Vec<(String,)> = from
        .fetch_all(
            "SELECT sql FROM sqlite_schema WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' \
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END, rowid",
        )
        .await
        .map_err(Error::db("reading the schema to copy"))?;
    Ok(rows.into_iter().map(|(sql,)| sql).collect())
}

/// A scratch database filled on a connection of its own (the session settings of a dump
/// die with it), then a fresh connection to it; dropped again when filling fails.
async fn filled(url: &str, from: &Connection, fill: Fill) -> Result<(Scratch, Connection)> {
    let scratch = Scratch::create(url).await?;
    let result = async {
        let copy_error =
            |e: String| Error::Custom(format!("the schema could not be copied to a scratch database: {e}"));
        let mut filler = Connection::connect(&scratch.url).await?;
        let count = match &fill {
            Fill::Sql(texts) => texts.len(),
            Fill::Steps(steps) => steps.len(),
        };
        let mut done = Ok(());
        for i in 0..count {
            let ran = match &fill {
                Fill::Sql(texts) => filler.execute(&texts[i]).await.map(|_| ()).map_err(|e| e.to_string()),
                Fill::Steps(steps) => filler.run_step(&steps[i]).await.map_err(|e| e.to_string()),
            };
            if let Err(e) = ran {
                done = Err(copy_error(e));
                break;
            }
        }
        let _ = filler.close().await;
        done?;
        let mut conn = Connection::connect(&scratch.url).await?;
        conn.set_tables(from.tables());
        Ok::<_, Error>(conn)
    }
    .await;
    match result {
        Ok(conn) => Ok((scratch, conn)),
        Err(e) => {
            scratch.drop().await;
            Err(e)
        }
    }
}

/// `url` with its database name replaced by `name` (query parameters kept).
fn with_database(url: &str, name: &str) -> String {
    let (base, query) = match url.split_once('?') {
        Some((base, query)) => (base, Some(query)),
        None => (url, None),
    };
    let authority_end = base.find("://").map_or(0, |i| i + 3);
    let head = match base[authority_end..].find('/') {
        Some(slash) => &base[..authority_end + slash],
        None => base,
    };
    match query {
        Some(q) => format!("{head}/{name}?{q}"),
        None => format!("{head}/{name}"),
    }
}

#[cfg(test)]
mod tests {
    use super::with_database;

    #[test]
    fn replaces_the_database_and_keeps_parameters() {
        assert_eq!(with_database("postgres://u@h:5432/app", "s"), "postgres://u@h:5432/s");
        assert_eq!(with_database("mysql://root@h/app?ssl-mode=disabled", "s"), "mysql://root@h/s?ssl-mode=disabled");
        assert_eq!(with_database("postgres://u@h", "s"), "postgres://u@h/s");
    }
}
