//! Writing one seed, inside the transaction its caller opened: its rows in multi-row
//! upserts (only the rows that are new or differ), or its SQL statements; and, per table,
//! what it inserted and what the rows it updated held before, for rollback.

use super::check::{ColumnInfo, Group, Keyed, key_of_json, key_text, parse_array};
use super::render;
use super::store::{self, Tracked, Written};
use super::value::SeedValue;
use crate::driver::Connection;
use crate::error::{Error, Result};
use std::collections::HashMap;

/// How many rows a seed inserted and updated.
#[derive(Debug, Default, Clone, Copy)]
pub(crate) struct Counts {
    pub(crate) inserted: u64,
    pub(crate) updated: u64,
}

/// What is being written: the seed and the number of this run of it.
pub(crate) struct Writing<'a> {
    pub(crate) seed: &'a str,
    pub(crate) run: i64,
}

impl Writing<'_> {
    fn failed(&self, what: String) -> impl FnOnce(sqlx::Error) -> Error + '_ {
        move |e| Error::Seed {
            name: self.seed.to_owned(),
            message: format!("{what}: {}", crate::error::database_message(&e)),
            source: Some(Box::new(e)),
        }
    }

    async fn track(
        &self,
        conn: &mut Connection,
        table: &str,
        action: &str,
        columns: &[ColumnInfo],
        key_len: usize,
        written: Written,
    ) -> Result<()> {
        let entry = Tracked {
            table: table.to_owned(),
            action: action.to_owned(),
            columns: columns.iter().map(|c| c.name.clone()).collect(),
            key_len,
            written,
        };
        store::track(conn, self.seed, self.run, &entry).await
    }
}

/// Rows read back: per key (its canonical text), the values over the columns read.
async fn read_back(
    conn: &mut Connection,
    w: &Writing<'_>,
    s: &migrate_schema::Statement,
    key: &[ColumnInfo],
    table: &str,
) -> Result<HashMap<String, Vec<SeedValue>>> {
    let rows: Vec<(String, String)> =
        conn.fetch_all_statement(s).await.map_err(w.failed(format!("reading `{table}`")))?;
    let mut out = HashMap::with_capacity(rows.len());
    for (k, v) in rows {
        out.insert(key_of_json(key, &k), parse_array(&v));
    }
    Ok(out)
}

/// The seed's keys that `found` (keys the database returned) holds: the same text, or
/// the same text but for case where the database compares text without it (MySQL's
/// default collations), so that a row of `Admin` is the row of `admin` there as well.
fn matched<'k>(keys: &'k [String], found: impl Iterator<Item = String>) -> HashMap<&'k str, String> {
    let exact: HashMap<&str, &'k str> = keys.iter().map(|k| (k.as_str(), k.as_str())).collect();
    let folded: HashMap<String, &'k str> = keys.iter().map(|k| (k.to_lowercase(), k.as_str())).collect();
    found.filter_map(|f| exact.get(f.as_str()).or_else(|| folded.get(&f.to_lowercase())).map(|k| (*k, f))).collect()
}

/// Write the rows of `groups`: per statement-sized chunk, the rows whose key is new are
/// inserted and those whose key exists and whose values differ are updated, in one upsert.
pub(crate) async fn rows(conn: &mut Connection, w: &Writing<'_>, groups: &[Group]) -> Result<Counts> {
    let dialect = conn.dialect();
    let mut counts = Counts::default();
    let mut empty: HashMap<&str, bool> = HashMap::new();
    for g in groups {
        if !empty.contains_key(g.table.as_str()) {
            let any = conn
                .count_rows(&render::any_row(dialect, &g.table))
                .await
                .map_err(w.failed(format!("reading `{}`", g.table)))?;
            empty.insert(&g.table, any == 0);
        }
    }
    for g in groups {
        let (key, n) = (&g.columns[..g.key_len], render::rows_per_statement(g.columns.len()));
        for chunk in g.rows.chunks(n) {
            let keys: Vec<String> = chunk.iter().map(|r| key_text(key, &r[..g.key_len])).collect();
            let mut before = HashMap::new();
            if !empty[g.table.as_str()] {
                let key_values: Vec<&[SeedValue]> = chunk.iter().map(|r| &r[..g.key_len]).collect();
                let s = render::read(dialect, &g.table, &g.columns, g.key_len, Some(&key_values));
                let found = read_back(conn, w, &s, key, &g.table).await?;
                let by_key = matched(&keys, found.keys().cloned());
                before = by_key.into_iter().filter_map(|(k, f)| found.get(&f).map(|v| (k, v.clone()))).collect();
            }
            let (new, old): (Vec<usize>, Vec<usize>) =
                (0..chunk.len()).partition(|i| !before.contains_key(keys[*i].as_str()));
            let mut changed = Vec::new();
            if g.mode == super::Mode::Upsert && !old.is_empty() {
                let rows: Vec<&[SeedValue]> = old.iter().map(|i| chunk[*i].as_slice()).collect();
                let s = render::holding(dialect, &g.table, &g.columns, g.key_len, &rows);
                let same: Vec<(String,)> =
                    conn.fetch_all_statement(&s).await.map_err(w.failed(format!("reading `{}`", g.table)))?;
                let old_keys: Vec<String> = old.iter().map(|i| keys[*i].clone()).collect();
                let same = matched(&old_keys, same.into_iter().map(|(k,)| key_of_json(key, &k)));
                changed = old.into_iter().filter(|i| !same.contains_key(keys[*i].as_str())).collect();
            }
            let out: Vec<&[SeedValue]> = new.iter().chain(&changed).map(|i| chunk[*i].as_slice()).collect();
            if out.is_empty() {
                continue;
            }
            let s = render::write(dialect, &g.table, g.mode, &g.columns, g.key_len, &out);
            conn.execute_statement(&s).await.map_err(w.failed(format!(
                "writing {} row(s) of `{}`",
                out.len(),
                g.table
            )))?;
            if !new.is_empty() {
                let written = Written { rows: new.iter().map(|i| chunk[*i].clone()).collect(), before: Vec::new() };
                w.track(conn, &g.table, "insert", &g.columns, g.key_len, written).await?;
            }
            if !changed.is_empty() {
                let written = Written {
                    rows: changed.iter().map(|i| chunk[*i].clone()).collect(),
                    before: changed.iter().map(|i| before[keys[*i].as_str()].clone()).collect(),
                };
                w.track(conn, &g.table, "update", &g.columns, g.key_len, written).await?;
            }
            counts.inserted += new.len() as u64;
            counts.updated += changed.len() as u64;
        }
    }
    Ok(counts)
}

/// Run a SQL seed's statements; the tables of its `Key:` lines are read before and after,
/// and the rows that appeared or changed are what it inserted and updated. A seed that
/// deletes rows of those tables is refused: rolling it back could not bring them back.
pub(crate) async fn sql(
    conn: &mut Connection,
    w: &Writing<'_>,
    origin: &str,
    text: &str,
    first_line: usize,
    keyed: &[Keyed],
) -> Result<Counts> {
    let dialect = conn.dialect();
    let mut before = Vec::new();
    for k in keyed {
        let s = render::read(dialect, &k.table, &k.columns, k.key_len, None);
        before.push(read_back(conn, w, &s, &k.columns[..k.key_len], &k.table).await?);
    }
    let statements = crate::sql::split(text, dialect).map_err(|e| Error::Seed {
        name: w.seed.to_owned(),
        message: format!("{origin}:{}: {}", e.line + first_line - 1, e.message),
        source: None,
    })?;
    for st in &statements {
        let line = st.line + first_line - 1;
        conn.execute(&st.sql).await.map_err(w.failed(format!("{origin}:{line}")))?;
    }
    let mut counts = Counts::default();
    for (k, before) in keyed.iter().zip(before) {
        let s = render::read(dialect, &k.table, &k.columns, k.key_len, None);
        let after = read_back(conn, w, &s, &k.columns[..k.key_len], &k.table).await?;
        let gone = before.keys().filter(|key| !after.contains_key(*key)).count();
        if gone > 0 {
            return Err(Error::Seed {
                name: w.seed.to_owned(),
                message: format!(
                    "{origin}: it deleted {gone} row(s) of `{}`; a seed inserts and updates rows (rolling it back could \
                     not bring deleted ones back), so nothing of it was kept",
                    k.table
                ),
                source: None,
            });
        }
        let mut inserted = Vec::new();
        let (mut updated, mut was) = (Vec::new(), Vec::new());
        for (key, row) in &after {
            match before.get(key) {
                None => inserted.push(row.clone()),
                Some(old) if old != row => {
                    updated.push(row.clone());
                    was.push(old.clone());
                }
                Some(_) => {}
            }
        }
        counts.inserted += inserted.len() as u64;
        counts.updated += updated.len() as u64;
        if !inserted.is_empty() {
            w.track(conn, &k.table, "insert", &k.columns, k.key_len, Written { rows: inserted, before: Vec::new() })
                .await?;
        }
        if !updated.is_empty() {
            w.track(conn, &k.table, "update", &k.columns, k.key_len, Written { rows: updated, before: was }).await?;
        }
    }
    Ok(counts)
}
