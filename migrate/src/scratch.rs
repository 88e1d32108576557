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
