//! Squashes: one migration standing for every version of a range (`-- Replaces:
//! V001..V050`, `replaces = 1..=50`), sharing the last one's version. Django's rules:
//!
//! - a database with none of the range applied runs the squash alone;
//! - one with part of it applied runs the originals until all of them are, then records
//!   the squash as applied (its history row takes the squash's name and checksum);
//! - one with all of them applied records the squash at the next `up`; nothing runs.
//!
//! Once a squash is recorded, or ran alone, the rows of the versions below its own stand
//! for it: verification, `status` and `down` see the squash's row only, and rolling the
//! squash back marks them rolled back with it.

use super::Migrator;
use super::record::{exec, record_audit};
use super::types::{Migration, Source};
use crate::driver::Connection;
use crate::error::{Error, Result};
use crate::history::{self, HistoryRow, status};
use crate::lock;
use migrate_schema::Dialect;
use std::time::Instant;

/// Where a database stands with one squash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Standing {
    /// None of the range applied: the squash runs alone.
    Untouched,
    /// The squash ran, or was recorded.
    Applied,
    /// Every original applied, the squash not recorded yet.
    ToRecord,
    /// Some originals applied, not the last: they run first.
    Partway,
}

fn standing(squash: &Migration, rows: &[HistoryRow]) -> Standing {
    let Some((first, last)) = squash.replaces() else { return Standing::Applied };
    let applied = |r: &&HistoryRow| r.status == status::APPLIED;
    let inner = rows.iter().filter(applied).any(|r| (first..last).contains(&r.version));
    match rows.iter().filter(applied).find(|r| r.version == last) {
        Some(r) if r.checksum == squash.checksum || !inner => Standing::Applied,
        Some(_) => Standing::ToRecord,
        None if inner => Standing::Partway,
        None => Standing::Untouched,
    }
}

impl Migrator {
    /// The squashes that apply to `dialect`.
    pub(crate) fn squashes(&self, dialect: Dialect) -> impl Iterator<Item = &Migration> {
        self.migrations.iter().filter(move |m| m.replaces().is_some() && m.applies_to(dialect))
    }

    /// These migrations without their squashes: the originals, as they ran before.
    fn unsquashed(&self) -> Migrator {
        let mut originals = self.clone();
        originals.migrations.retain(|m| m.replaces().is_none());
        originals
    }

    /// The migrator a command works with on a database holding `rows`: the originals when
    /// the database is part-way through a squash's range (they run until all of them
    /// are), else `None` for this one.
    pub(super) fn partway(&self, dialect: Dialect, rows: &[HistoryRow]) -> Result<Option<Migrator>> {
        let Some(squash) = self.squashes(dialect).find(|s| standing(s, rows) == Standing::Partway) else {
            return Ok(None);
        };
        let originals = self.unsquashed();
        let (first, last) = squash.replaces().unwrap_or_default();
        // A squash takes the last version it replaces: without that original the files
        // were pruned.
        if !originals.for_dialect(dialect).any(|m| m.version == last) {
            let highest = rows.iter().filter(|r| (first..=last).contains(&r.version)).map(|r| r.version).max();
            return Err(Error::Config(format!(
                "V{last:03} {} squashes V{first:03}..V{last:03}, and this database has applied only part of them (up \
                 to V{:03}), but the files it replaces are gone (pruned). Restore them from version control (`git \
                 checkout <commit> -- <migrations dir>`) and run `up` to bring it to V{last:03}",
                squash.name,
                highest.unwrap_or(0)
            )));
        }
        Ok(Some(originals))
    }

    /// Record as applied, under the lock, each squash whose originals this database has
    /// all applied: its history row takes the squash's name, checksum and kind, and the
    /// audit says which versions it replaces. Returns the versions recorded.
    pub(super) async fn record_squashes(&self, conn: &mut Connection) -> Result<Vec<u64>> {
        let dialect = conn.dialect();
        let rows = history::rows(conn).await?;
        if !self.squashes(dialect).any(|s| standing(s, &rows) == Standing::ToRecord) {
            return Ok(Vec::new());
        }
        lock::acquire(conn, self.options.lock).await?;
        let result = async {
            let rows = history::rows(conn).await?;
            let mut recorded = Vec::new();
            for squash in self.squashes(dialect).filter(|s| standing(s, &rows) == Standing::ToRecord) {
                let t = Instant::now();
                let (first, last) = squash.replaces().unwrap_or_default();
                let h = history::Sql::of(conn);
                let values = vec![
                    ("name", squash.name.clone().into()),
                    ("checksum", squash.checksum.clone().into()),
                    ("kind", squash.kind.as_str().into()),
                ];
                exec(conn, &h.update(last, values)).await?;
                let detail = format!(
                    "recorded as applied without running: it replaces V{first:03}..V{last:03}, all applied here"
                );
                record_audit(conn, "squash", Some(last), Some(&squash.name), "ok", Some(detail), t).await?;
                recorded.push(last);
            }
            Ok(recorded)
        }
        .await;
        crate::lock::released(conn, result).await
    }

    /// For `squash --prune`: each squash this database is part-way through (`V050 squash
    /// of V001..V050 (at V020)`), after recording those it has all the originals of.
    #[cfg(feature = "cli-core")]
    pub(crate) async fn squashes_partway(&self, conn: &mut Connection) -> Result<Vec<String>> {
        self.bind(conn);
        self.record_squashes(conn).await?;
        let rows = history::rows(conn).await?;
        Ok(self
            .squashes(conn.dialect())
            .filter(|s| standing(s, &rows) == Standing::Partway)
            .map(|s| {
                let (first, last) = s.replaces().unwrap_or_default();
                let at = rows
                    .iter()
                    .filter(|r| r.status == status::APPLIED && (first..=last).contains(&r.version))
                    .map(|r| r.version)
                    .max()
                    .unwrap_or(0);
                format!("V{:03} {} (this database is at V{at:03})", s.version, s.name)
            })
            .collect())
    }

    /// After the squash of `version` was rolled back: the rows of the versions it replaces
    /// are rolled back with it.
    pub(super) async fn rolled_back_with_squash(&self, conn: &mut Connection, version: u64) -> Result<()> {
        let dialect = conn.dialect();
        let Some((first, last)) = self.squashes(dialect).find(|s| s.version == version).and_then(Migration::replaces)
        else {
            return Ok(());
        };
        let rows = history::rows(conn).await?;
        let h = history::Sql::of(conn);
        for r in rows.iter().filter(|r| r.status == status::APPLIED && (first..last).contains(&r.version)) {
            exec(conn, &h.update(r.version, vec![("status", status::ROLLED_BACK.into())])).await?;
        }
        Ok(())
    }

    /// `down --to V` with V inside an applied squash's range would roll back part of it:
    /// refused, naming where it can stop.
    pub(super) fn within_squash(&self, dialect: Dialect, rows: &[HistoryRow], to: u64) -> Result<()> {
        for squash in self.squashes(dialect) {
            let Some((first, last)) = squash.replaces() else { continue };
            if (first..last).contains(&to) && standing(squash, rows) == Standing::Applied {
                return Err(Error::Config(format!(
                    "V{last:03} {} squashes V{first:03}..V{last:03} here: roll back to V{:03} or to V{last:03}, not \
                     into it",
                    squash.name,
                    first.saturating_sub(1)
                )));
            }
        }
        Ok(())
    }
}

/// `rows` as verification, `status` and `down` see them beside `squashes`: the rows of the
/// versions below an applied squash's own are left out (they stand for it), and a squash
/// about to be recorded is shown as recorded.
pub(super) fn beside_squashes<'m>(
    squashes: impl IntoIterator<Item = &'m Migration>,
    rows: &[HistoryRow],
) -> Vec<HistoryRow> {
    let mut out = rows.to_vec();
    for squash in squashes {
        let Some((first, last)) = squash.replaces() else { continue };
        match standing(squash, rows) {
            Standing::Applied | Standing::ToRecord => {
                out.retain(|r| !(first..last).contains(&r.version));
                if let Some(r) = out.iter_mut().find(|r| r.version == last) {
                    r.checksum.clone_from(&squash.checksum);
                    r.name.clone_from(&squash.name);
                }
            }
            Standing::Untouched | Standing::Partway => {}
        }
    }
    out
}

impl Migration {
    /// Whether it changes rows on `dialect`: async Rust code, data operations, or a
    /// statement that writes rows (what a squash of the schema cannot carry).
    pub(crate) fn writes_rows(&self, dialect: Dialect) -> Result<bool> {
        use crate::registry::MigrationFn;
        use migrate_schema::Op;
        let statement_writes = |sql: &str| {
            crate::sql::split(sql, dialect).unwrap_or_default().iter().any(|s| statement_writes_rows(&s.sql))
        };
        Ok(match &self.source {
            Source::Sql(f) => f
                .up_statements(dialect)
                .map_err(|e| Error::File(Box::new(e)))?
                .iter()
                .any(|s| statement_writes_rows(&s.sql)),
            Source::Rust(r) => match r.up {
                MigrationFn::Async(_) => true,
                MigrationFn::Schema(_) => r.ops().iter().any(|op| match op {
                    Op::Data { .. } => true,
                    Op::Sql { up, .. } => up.for_dialect(dialect).is_some_and(statement_writes),
                    _ => false,
                }),
            },
        })
    }
}

/// Whether one statement writes rows, by its first keyword.
fn statement_writes_rows(sql: &str) -> bool {
    let first = sql
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("--"))
        .and_then(|l| l.split(|c: char| !c.is_ascii_alphabetic()).next())
        .unwrap_or_default()
        .to_ascii_uppercase();
    matches!(first.as_str(), "INSERT" | "UPDATE" | "DELETE" | "MERGE" | "REPLACE" | "COPY" | "TRUNCATE")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statements_that_write_rows_are_told_by_their_first_keyword() {
        assert!(statement_writes_rows("-- roles\nINSERT INTO roles VALUES (1)"));
        assert!(statement_writes_rows("update users set a = 1"));
        assert!(!statement_writes_rows("CREATE TABLE t (id int)"));
        assert!(!statement_writes_rows("ALTER TABLE t ADD COLUMN deleted boolean"));
    }
}
