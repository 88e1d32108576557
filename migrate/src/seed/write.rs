//! Writing one seed, inside the transaction its caller opened: its rows in multi-row
//! upserts (only the rows that are new or differ), or its SQL statements; and, per table,
//! what it inserted and what the rows it updated held before, for rollback.

use super::check::{ColumnInfo, Group, Keyed, key_of_json, key_text, parse_array};
use super::render;
use super::store::{self, Entry};
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

    /// Keep what this run wrote to `table`: `rows` over `columns`, and for updates what
    /// they held `before`.
    async fn track(
        &self,
        conn: &mut Connection,
        (table, action): (&str, &str),
        (columns, key_len): (&[ColumnInfo], usize),
        rows: &[&[SeedValue]],
        before: &[&[SeedValue]],
    ) -> Result<()> {
        let columns = columns.iter().map(|c| c.name.as_str()).collect();
        let entry = Entry { table, action, columns, key_len, rows, before };
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
    Ok(by_key(key, rows))
}

/// Rows read back as `(key, values)` JSON arrays, by the key's canonical text.
fn by_key(key: &[ColumnInfo], rows: Vec<(String, String)>) -> HashMap<String, Vec<SeedValue>> {
    let mut out = HashMap::with_capacity(rows.len());
    for (k, v) in rows {
        out.insert(key_of_json(key, &k), parse_array(&v));
    }
    out
}

/// Which of `rows` (over `columns`, the key first) the table still holds exactly: each
/// row is read back by its key and compared here, the database deciding only the values
/// whose texts differ (see [`Family::same`](super::value)), in one query for all of them.
/// `current` is what the table holds for the rows' keys, when already read.
pub(crate) async fn holding(
    conn: &mut Connection,
    table: &str,
    (columns, key_len): (&[ColumnInfo], usize),
    rows: &[&[SeedValue]],
    current: Option<&HashMap<&str, &Vec<SeedValue>>>,
) -> std::result::Result<Vec<bool>, sqlx::Error> {
    let dialect = conn.dialect();
    let key = &columns[..key_len];
    let keys: Vec<String> = rows.iter().map(|r| key_text(key, &r[..key_len])).collect();
    let (read, looked_up);
    let current: &HashMap<&str, &Vec<SeedValue>> = match current {
        Some(c) => c,
        None => {
            let key_values: Vec<&[SeedValue]> = rows.iter().map(|r| &r[..key_len]).collect();
            let s = render::read(dialect, table, columns, key_len, Some(&key_values));
            read = by_key(key, conn.fetch_all_statement(&s).await?);
            let found = matched(&keys, read.keys().cloned());
            looked_up = found.into_iter().filter_map(|(k, f)| read.get(&f).map(|v| (k, v))).collect();
            &looked_up
        }
    };
    let mut same = vec![false; rows.len()];
    let mut undecided = Vec::new();
    for (i, row) in rows.iter().enumerate() {
        let Some(now) = current.get(keys[i].as_str()) else { continue };
        // One cell that differs decides; otherwise one the database must judge does.
        let mut verdict = Some(now.len() == row.len());
        for (c, (mine, theirs)) in columns.iter().zip(row.iter().zip(now.iter())) {
            match c.family.same(mine, theirs) {
                Some(false) => {
                    verdict = Some(false);
                    break;
                }
                None => verdict = verdict.and(None),
                Some(true) => {}
            }
        }
        match verdict {
            Some(verdict) => same[i] = verdict,
            None => undecided.push(i),
        }
    }
    if !undecided.is_empty() {
        let asked: Vec<&[SeedValue]> = undecided.iter().map(|i| rows[*i]).collect();
        let s = render::holding(dialect, table, columns, key_len, &asked);
        let held: Vec<(String,)> = conn.fetch_all_statement(&s).await?;
        let asked_keys: Vec<String> = undecided.iter().map(|i| keys[*i].clone()).collect();
        let held = matched(&asked_keys, held.into_iter().map(|(k,)| key_of_json(key, &k)));
        for i in undecided {
            same[i] = held.contains_key(keys[i].as_str());
        }
    }
    Ok(same)
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
        let mut template = None;
        for chunk in g.rows.chunks(n) {
            let all: Vec<&[SeedValue]> = chunk.iter().map(Vec::as_slice).collect();
            // A table empty before the seed wrote to it has none of the keys (the seed's
            // keys are distinct): every row is new, nothing to read first.
            if empty[g.table.as_str()] {
                write(conn, w, (g, None), &all, &mut template).await?;
                w.track(conn, (&g.table, "insert"), (&g.columns, g.key_len), &all, &[]).await?;
                counts.inserted += all.len() as u64;
                continue;
            }
            let keys: Vec<String> = chunk.iter().map(|r| key_text(key, &r[..g.key_len])).collect();
            let key_values: Vec<&[SeedValue]> = chunk.iter().map(|r| &r[..g.key_len]).collect();
            let s = render::read(dialect, &g.table, &g.columns, g.key_len, Some(&key_values));
            let found = read_back(conn, w, &s, key, &g.table).await?;
            let by_key = matched(&keys, found.keys().cloned());
            let before: HashMap<&str, &Vec<SeedValue>> =
                by_key.into_iter().filter_map(|(k, f)| found.get(&f).map(|v| (k, v))).collect();
            let (new, old): (Vec<usize>, Vec<usize>) =
                (0..chunk.len()).partition(|i| !before.contains_key(keys[*i].as_str()));
            let mut changed = Vec::new();
            if g.mode == super::Mode::Upsert && !old.is_empty() {
                let rows: Vec<&[SeedValue]> = old.iter().map(|i| all[*i]).collect();
                let same = holding(conn, &g.table, (&g.columns, g.key_len), &rows, Some(&before))
                    .await
                    .map_err(w.failed(format!("reading `{}`", g.table)))?;
                changed = old.into_iter().zip(same).filter(|(_, same)| !same).map(|(i, _)| i).collect();
            }
            let out: Vec<&[SeedValue]> = new.iter().chain(&changed).map(|i| all[*i]).collect();
            if out.is_empty() {
                continue;
            }
            write(conn, w, (g, Some(g.mode)), &out, &mut template).await?;
            if !new.is_empty() {
                let rows: Vec<&[SeedValue]> = new.iter().map(|i| all[*i]).collect();
                w.track(conn, (&g.table, "insert"), (&g.columns, g.key_len), &rows, &[]).await?;
            }
            if !changed.is_empty() {
                let rows: Vec<&[SeedValue]> = changed.iter().map(|i| all[*i]).collect();
                let was: Vec<&[SeedValue]> = changed.iter().map(|i| before[keys[*i].as_str()].as_slice()).collect();
                w.track(conn, (&g.table, "update"), (&g.columns, g.key_len), &rows, &was).await?;
            }
            counts.inserted += new.len() as u64;
            counts.updated += changed.len() as u64;
        }
    }
    Ok(counts)
}

fn slices(rows: &[Vec<SeedValue>]) -> Vec<&[SeedValue]> {
    rows.iter().map(Vec::as_slice).collect()
}

/// The text of the last statement written for a group, and how many rows it takes.
type Template = Option<(usize, String)>;

/// One multi-row upsert of `rows` of `g`'s table (its text rendered once per row count).
async fn write(
    conn: &mut Connection,
    w: &Writing<'_>,
    (g, mode): (&Group, Option<super::Mode>),
    rows: &[&[SeedValue]],
    template: &mut Template,
) -> Result<()> {
    let s = match template {
        Some((n, sql)) if *n == rows.len() => {
            migrate_schema::Statement { sql: sql.clone(), values: render::values_of(&g.columns, rows) }
        }
        _ => {
            let s = render::write(conn.dialect(), &g.table, mode, &g.columns, g.key_len, rows);
            *template = Some((rows.len(), s.sql.clone()));
            s
        }
    };
    let what = || format!("writing {} row(s) of `{}`", rows.len(), g.table);
    conn.execute_owned(s).await.map_err(w.failed(what()))?;
    Ok(())
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
            w.track(conn, (&k.table, "insert"), (&k.columns, k.key_len), &slices(&inserted), &[]).await?;
        }
        if !updated.is_empty() {
            w.track(conn, (&k.table, "update"), (&k.columns, k.key_len), &slices(&updated), &slices(&was)).await?;
        }
    }
    Ok(counts)
}
