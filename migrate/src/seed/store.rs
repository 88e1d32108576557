//! The seed tables: `<history>_seeds` (one row per seed that ran: its checksum, where, when,
//! by whom, how many rows) and `<history>_seed_rows` (per run and table, the rows it
//! inserted and, for the rows it updated, the values they had), and the audit entries of
//! seed runs and rollbacks. Written with sea-query, values bound.

use super::value::SeedValue;
use crate::actor::actor;
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, Audit, build};
use migrate_schema::Dialect;
use sea_query::{Alias, Expr, ExprTrait, Order, Query};

/// A seed as the seed table remembers it.
#[derive(Debug, Clone, serde::Serialize)]
pub(crate) struct Recorded {
    /// Order of the last run.
    pub(crate) id: i64,
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) checksum: String,
    pub(crate) env: Option<String>,
    pub(crate) applied_at: String,
    pub(crate) applied_by: Option<String>,
    pub(crate) inserted: i64,
    pub(crate) updated: i64,
    pub(crate) status: String,
    pub(crate) runs: i64,
}

/// Statuses of the seed table.
pub(crate) mod status {
    pub(crate) const APPLIED: &str = "applied";
    pub(crate) const ROLLED_BACK: &str = "rolled_back";
}

/// What one run of a seed did to one table, as read back: the rows it inserted (`insert`),
/// or the rows it updated with the values they had (`update`).
#[derive(Debug, Clone, serde::Deserialize)]
pub(crate) struct Written {
    /// The values it wrote, over the columns (the key first).
    pub(crate) rows: Vec<Vec<SeedValue>>,
    /// For updates: the values the rows had before, over the same columns.
    #[serde(default)]
    pub(crate) before: Vec<Vec<SeedValue>>,
}

/// One row of `<history>_seed_rows`.
#[derive(Debug, Clone)]
pub(crate) struct Tracked {
    pub(crate) table: String,
    pub(crate) action: String,
    pub(crate) columns: Vec<String>,
    pub(crate) key_len: usize,
    pub(crate) written: Written,
}

/// Create the seed tables (and the audit table) unless they exist.
pub(crate) async fn ensure(conn: &mut Connection) -> Result<()> {
    let t = conn.tables();
    history::ensure_tables(conn, &[&t.audit, &t.seeds, &t.seed_rows]).await
}

fn text(dialect: Dialect) -> &'static str {
    dialect.capabilities().text_type
}

/// Every seed the table remembers, or none when it does not exist yet.
pub(crate) async fn recorded(conn: &mut Connection) -> Result<Vec<Recorded>> {
    let t = conn.tables();
    if !conn.table_exists(&t.seeds).await.map_err(Error::db("looking for the seed table"))? {
        return Ok(Vec::new());
    }
    let sql = format!(
        "SELECT id, name, kind, checksum, env, CAST(applied_at AS {}), applied_by, rows_inserted, rows_updated, status, \
         runs FROM {} ORDER BY id",
        text(conn.dialect()),
        t.quoted(conn.dialect(), &t.seeds)
    );
    type Row = (i64, String, String, String, Option<String>, Option<String>, Option<String>, i64, i64, String, i32);
    let rows: Vec<Row> = conn.fetch_all(&sql).await.map_err(Error::db("reading the seed table"))?;
    Ok(rows
        .into_iter()
        .map(|(id, name, kind, checksum, env, at, by, inserted, updated, status, runs)| Recorded {
            id,
            name,
            kind,
            checksum,
            env,
            applied_at: at.unwrap_or_default(),
            applied_by: by,
            inserted,
            updated,
            status,
            runs: runs.into(),
        })
        .collect())
}

/// The seed table's row for a run of `name` that ended with `status`.
pub(crate) struct Run<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: &'a str,
    pub(crate) checksum: &'a str,
    pub(crate) env: &'a str,
    pub(crate) inserted: i64,
    pub(crate) updated: i64,
    pub(crate) status: &'a str,
    pub(crate) execution_ms: i64,
    pub(crate) runs: i64,
}

/// Replace the seed table's row of the run's seed.
pub(crate) async fn record_run(conn: &mut Connection, run: &Run<'_>) -> Result<()> {
    let (dialect, t) = (conn.dialect(), conn.tables());
    let delete =
        Query::delete().from_table(t.at(&t.seeds)).and_where(Expr::col(Alias::new("name")).eq(run.name)).to_owned();
    let insert = Query::insert()
        .into_table(t.at(&t.seeds))
        .columns(
            [
                "name",
                "kind",
                "checksum",
                "env",
                "applied_by",
                "rows_inserted",
                "rows_updated",
                "status",
                "execution_time",
                "runs",
            ]
            .map(Alias::new),
        )
        .values_panic([
            run.name.into(),
            run.kind.into(),
            run.checksum.into(),
            run.env.into(),
            actor().into(),
            run.inserted.into(),
            run.updated.into(),
            run.status.into(),
            run.execution_ms.into(),
            i32::try_from(run.runs).unwrap_or(i32::MAX).into(),
        ])
        .to_owned();
    for s in [build(dialect, &delete), build(dialect, &insert)] {
        conn.execute_statement(&s).await.map_err(Error::db(format!("recording seed `{}`", run.name)))?;
    }
    Ok(())
}

/// Set the status of `name`'s row.
pub(crate) async fn set_status(conn: &mut Connection, name: &str, status: &str) -> Result<()> {
    let (dialect, t) = (conn.dialect(), conn.tables());
    let q = Query::update()
        .table(t.at(&t.seeds))
        .value(Alias::new("status"), status)
        .and_where(Expr::col(Alias::new("name")).eq(name))
        .to_owned();
    conn.execute_statement(&build(dialect, &q)).await.map_err(Error::db(format!("recording seed `{name}`")))?;
    Ok(())
}

/// What one run of a seed wrote to one table, to keep (the rows borrowed: a seed of many
/// rows is serialised from them, not copied).
pub(crate) struct Entry<'a> {
    pub(crate) table: &'a str,
    pub(crate) action: &'a str,
    pub(crate) columns: Vec<&'a str>,
    pub(crate) key_len: usize,
    /// As [`Written::rows`].
    pub(crate) rows: &'a [&'a [SeedValue]],
    /// As [`Written::before`] (empty, or one per row).
    pub(crate) before: &'a [&'a [SeedValue]],
}

/// The most text one kept row holds: MySQL's TEXT takes 65,535 bytes.
const MOST_KEPT: usize = 60_000;

/// `entry`'s rows as the JSON of [`Written`], cut into pieces of at most [`MOST_KEPT`]
/// bytes (a row wider than that is a piece of its own, and the database says if it fits).
fn pieces(entry: &Entry<'_>) -> Vec<String> {
    let json = |row: &[SeedValue]| serde_json::to_string(row).unwrap_or_default();
    let mut out = Vec::new();
    let (mut rows, mut before, mut size) = (Vec::new(), Vec::new(), 0);
    let flush = |rows: &mut Vec<String>, before: &mut Vec<String>, out: &mut Vec<String>| {
        if rows.is_empty() {
            return;
        }
        let mut text = format!("{{\"rows\":[{}]", rows.join(","));
        if !before.is_empty() {
            text.push_str(&format!(",\"before\":[{}]", before.join(",")));
        }
        text.push('}');
        out.push(text);
        rows.clear();
        before.clear();
    };
    for (i, row) in entry.rows.iter().enumerate() {
        let (r, b) = (json(row), entry.before.get(i).map(|b| json(b)));
        let grows = r.len() + b.as_ref().map_or(0, String::len) + 2;
        if size + grows > MOST_KEPT - 32 {
            flush(&mut rows, &mut before, &mut out);
            size = 0;
        }
        size += grows;
        rows.push(r);
        before.extend(b);
    }
    flush(&mut rows, &mut before, &mut out);
    out
}

/// Keep what run `run` of `seed` wrote to one table.
pub(crate) async fn track(conn: &mut Connection, seed: &str, run: i64, entry: &Entry<'_>) -> Result<()> {
    let (dialect, t) = (conn.dialect(), conn.tables());
    let columns = serde_json::to_string(&entry.columns).unwrap_or_default();
    for piece in pieces(entry) {
        let q = Query::insert()
            .into_table(t.at(&t.seed_rows))
            .columns(["seed", "run", "table_name", "action", "columns", "key_len", "rows"].map(Alias::new))
            .values_panic([
                seed.into(),
                i32::try_from(run).unwrap_or(i32::MAX).into(),
                entry.table.into(),
                entry.action.into(),
                columns.as_str().into(),
                i32::try_from(entry.key_len).unwrap_or(i32::MAX).into(),
                piece.into(),
            ])
            .to_owned();
        conn.execute_owned(build(dialect, &q))
            .await
            .map_err(Error::db(format!("recording the rows of seed `{seed}`")))?;
    }
    Ok(())
}

/// What every run of `seed` wrote, newest first.
pub(crate) async fn tracked(conn: &mut Connection, seed: &str) -> Result<Vec<Tracked>> {
    let (dialect, t) = (conn.dialect(), conn.tables());
    let q = Query::select()
        .columns(["id", "table_name", "action", "columns", "key_len", "rows"].map(Alias::new))
        .from(t.at(&t.seed_rows))
        .and_where(Expr::col(Alias::new("seed")).eq(seed))
        .order_by(Alias::new("id"), Order::Desc)
        .to_owned();
    let rows: Vec<(i64, String, String, String, i32, String)> = conn
        .fetch_all_statement(&build(dialect, &q))
        .await
        .map_err(Error::db(format!("reading the rows of seed `{seed}`")))?;
    rows.into_iter()
        .map(|(id, table, action, columns, key_len, rows)| {
            let corrupt =
                |e: serde_json::Error| Error::Config(format!("{}: row {id} cannot be read: {e}", t.seed_rows));
            let tracked = Tracked {
                table,
                action,
                columns: serde_json::from_str(&columns).map_err(corrupt)?,
                key_len: usize::try_from(key_len).unwrap_or_default(),
                written: serde_json::from_str(&rows).map_err(corrupt)?,
            };
            // Every row is as wide as the columns, the key among them, the values before as many.
            let width = tracked.columns.len();
            let w = &tracked.written;
            let whole = tracked.key_len >= 1
                && tracked.key_len <= width
                && w.rows.iter().chain(&w.before).all(|r| r.len() == width)
                && (w.before.is_empty() || w.before.len() == w.rows.len());
            if !whole {
                return Err(Error::Config(format!(
                    "{}: row {id} does not hold whole rows of its columns",
                    t.seed_rows
                )));
            }
            Ok(tracked)
        })
        .collect()
}

/// Forget what `seed` wrote (after rolling it back), or what every seed wrote (`None`).
pub(crate) async fn forget(conn: &mut Connection, seed: Option<&str>) -> Result<()> {
    let (dialect, t) = (conn.dialect(), conn.tables());
    let mut q = Query::delete().from_table(t.at(&t.seed_rows)).to_owned();
    if let Some(seed) = seed {
        q.and_where(Expr::col(Alias::new("seed")).eq(seed));
    }
    conn.execute_statement(&build(dialect, &q)).await.map_err(Error::db("clearing the seed rows"))?;
    Ok(())
}

/// An audit entry for a seed.
pub(crate) async fn audit(
    conn: &mut Connection,
    action: &'static str,
    name: &str,
    outcome: &'static str,
    detail: String,
    duration_ms: i64,
) -> Result<()> {
    let entry = Audit { action, version: None, name: Some(name), outcome, detail: Some(detail), duration_ms };
    let s = history::Sql::of(conn).audit(&entry);
    conn.execute_statement(&s).await.map_err(Error::db("writing the audit entry"))?;
    Ok(())
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn kept_rows_are_cut_to_fit_a_mysql_text_and_read_back_whole() {
        let rows: Vec<Vec<SeedValue>> =
            (0..3_000).map(|i| vec![SeedValue::Int(i), SeedValue::Text("n".repeat(99))]).collect();
        let refs: Vec<&[SeedValue]> = rows.iter().map(Vec::as_slice).collect();
        let entry =
            Entry { table: "t", action: "update", columns: vec!["id", "note"], key_len: 1, rows: &refs, before: &refs };
        let cut = pieces(&entry);
        assert!(cut.len() > 1 && cut.iter().all(|p| p.len() <= MOST_KEPT), "{}", cut.len());
        let back: Vec<Written> = cut.iter().map(|p| serde_json::from_str(p).unwrap()).collect();
        assert_eq!(back.iter().map(|w| w.rows.len()).sum::<usize>(), 3_000);
        assert!(back.iter().all(|w| w.rows.len() == w.before.len()));
        assert_eq!(back[0].rows[0], rows[0]);
    }
}
