//! Reading another tool's history table: the `SELECT` each tool's file writes, with its
//! timestamps read as text and brought to one form.

use crate::driver::Connection;
use crate::error::{Error, Result};
use chrono_clock::{DateTime, NaiveDateTime};
use migrate_schema::Dialect;

/// `column` as text, in the dialect's spelling (`CAST(x AS text)`, `CAST(x AS char)`).
pub(super) fn as_text(dialect: Dialect, column: &str) -> String {
    format!("CAST({column} AS {})", dialect.capabilities().text_type)
}

/// `table` quoted for `dialect` (the name is one of the tools' fixed names, or the user's
/// `--source-table`, which is checked to be a plain name first).
pub(super) fn quoted(dialect: Dialect, table: &str) -> String {
    match dialect {
        Dialect::MySql => format!("`{table}`"),
        Dialect::Postgres | Dialect::Sqlite => format!("\"{table}\""),
    }
}

/// Every row of `sql`, with a message naming the tool's table when it fails.
pub(super) async fn rows<T>(conn: &mut Connection, table: &str, sql: &str) -> Result<Vec<T>>
where
    T: Send + Unpin + crate::driver::FromEveryRow,
{
    conn.fetch_all(sql).await.map_err(Error::db(format!("reading {table}")))
}

/// A history that keeps only a key per applied migration (`column` of `table`, in
/// `order`): each row is an [`Applied`](super::Applied) with nothing else known.
pub(super) async fn keys(conn: &mut Connection, table: &str, column: &str, order: &str) -> Result<super::Recorded> {
    let sql = format!("SELECT {column} FROM {} ORDER BY {order}", quoted(conn.dialect(), table));
    let rows: Vec<(String,)> = rows(conn, table, &sql).await?;
    Ok(super::Recorded::Each(rows.into_iter().map(|(key,)| super::Applied { key, ..Default::default() }).collect()))
}

/// A timestamp as a database or a tool prints it (`2024-01-02 03:04:05.678+00`,
/// `2024-01-02T03:04:05Z`, `2024-01-02 03:04:05`, with or without fractions and zone), in
/// UTC as `YYYY-MM-DD HH:MM:SS`; `None` when it is none of these. A time without a zone is
/// taken as UTC, which is what the tools write.
pub(super) fn timestamp(text: &str) -> Option<String> {
    let text = text.trim();
    let utc = |t: NaiveDateTime| t.format("%Y-%m-%d %H:%M:%S").to_string();
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Some(utc(t.naive_utc()));
    }
    // PostgreSQL prints `+00` (hours only) for a zone; chrono's %#z reads that.
    for format in ["%Y-%m-%d %H:%M:%S%.f%#z", "%Y-%m-%dT%H:%M:%S%.f%#z"] {
        if let Ok(t) = DateTime::parse_from_str(text, format) {
            return Some(utc(t.naive_utc()));
        }
    }
    for format in ["%Y-%m-%d %H:%M:%S%.f", "%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(text, format) {
            return Some(utc(t));
        }
    }
    None
}

/// Seconds since the Unix epoch as [`timestamp`] writes times.
pub(super) fn from_unix(seconds: i64) -> Option<String> {
    DateTime::from_timestamp(seconds, 0).map(|t| t.naive_utc().format("%Y-%m-%d %H:%M:%S").to_string())
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;

    #[test]
    fn every_database_spelling_of_a_time_is_one_utc_form() {
        let want = Some("2024-01-02 03:04:05".to_owned());
        for text in [
            "2024-01-02 03:04:05",
            "2024-01-02 03:04:05.678",
            "2024-01-02 03:04:05.678+00",
            "2024-01-02 05:04:05+02",
            "2024-01-02T03:04:05Z",
            "2024-01-02T03:04:05.123456789Z",
            "2024-01-02T04:04:05+01:00",
            "2024-01-02 03:04:05.123456+00:00",
        ] {
            assert_eq!(timestamp(text), want, "{text}");
        }
        assert_eq!(timestamp("yesterday"), None);
        assert_eq!(from_unix(1_704_164_645), want);
    }
}
