//! The handle an async migration runs with.

use crate::driver::Connection;
use migrate_schema::Dialect;

/// A connection inside the migration's transaction (or outside any, for migrations
/// declared with `transaction = false`).
///
/// ```no_run
/// use migrate::prelude::*;
///
/// #[migration(version = 3, name = "backfill display names")]
/// async fn backfill(tx: &mut Tx<'_>) -> migrate::Result<()> {
///     tx.execute("UPDATE users SET display_name = email WHERE display_name IS NULL").await?;
///     Ok(())
/// }
/// ```
pub struct Tx<'c> {
    pub(crate) conn: &'c mut Connection,
}

impl Tx<'_> {
    /// The connected database's dialect.
    pub fn dialect(&self) -> Dialect {
        self.conn.dialect()
    }

    /// Execute SQL written by the migration; returns the number of rows affected.
    pub async fn execute(&mut self, sql: impl Into<String>) -> crate::Result<u64> {
        let sql = sql.into();
        self.conn.execute(&sql).await.map_err(crate::Error::db(format!("executing `{sql}`")))
    }

    /// The PostgreSQL connection, for typed sqlx queries.
    #[cfg(feature = "postgres")]
    pub fn postgres(&mut self) -> Option<&mut sqlx::PgConnection> {
        match self.conn {
            Connection::Postgres(c) => Some(c),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The MySQL connection, for typed sqlx queries.
    #[cfg(feature = "mysql")]
    pub fn mysql(&mut self) -> Option<&mut sqlx::MySqlConnection> {
        match self.conn {
            Connection::MySql(c) => Some(c),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }

    /// The SQLite connection, for typed sqlx queries.
    #[cfg(feature = "sqlite")]
    pub fn sqlite(&mut self) -> Option<&mut sqlx::SqliteConnection> {
        match self.conn {
            Connection::Sqlite(c) => Some(c),
            #[allow(unreachable_patterns)]
            _ => None,
        }
    }
}
