//! `validate` beyond the parser: the pending migrations are applied to a scratch database
//! made from the connected database's schema (its dump tool's copy where installed; no
//! rows), so that the database itself judges every statement, and the scratch database is
//! dropped. The connected database is only read.
//!
//! Without a database (`validate --offline`), every migration is followed through the
//! model from an empty schema, as the parser reads it.

use super::check::follow;
use super::{Migrator, Prepared, Problem, Source, pending, run_work};
use crate::driver::Connection;
use crate::error::Result;
use crate::history;
use crate::scratch::copy_of;
use migrate_schema::{Dialect, SchemaModel};

/// What following every migration without a database found ([`Migrator::check_offline`]).
#[derive(Debug, Clone, Default)]
pub struct OfflineCheck {
    /// What [`Migrator::validate_offline`] reports.
    pub problems: Vec<Problem>,
    /// Per migration (its version), each risk its own `Allow risk` does not accept.
    pub risks: Vec<(u64, migrate_schema::risk::Risk)>,
}

/// What applying the pending migrations to a scratch database found.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Rehearsal {
    /// Each migration the database rejected (kind `rejected`): its first failing statement,
    /// with file and line, and the database's message.
    pub problems: Vec<Problem>,
    /// How many pending migrations ran on the scratch database.
    pub ran: usize,
    /// Why the database could not judge them (the schema could not be copied, or no
    /// scratch database could be created); the parser's checks still apply.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub skipped: Option<String>,
}

impl Migrator {
    /// Apply the migrations `up` would apply to a scratch database created beside the one
    /// of `url` from its current schema (no rows), report each statement the database
    /// rejects, and drop the scratch database. `conn` (connected to `url`) is only read.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> migrate::Result<()> {
    /// let files = [("migrations/V903_20250114200000_typo.sql", "CREAT TABLE notes (id integer);")];
    /// let mut conn = migrate::Connection::connect("sqlite::memory:").await?;
    /// let rehearsal = migrate::Migrator::embedded(&files)?.rehearse(&mut conn, "sqlite::memory:").await?;
    /// assert_eq!(rehearsal.problems[0].kind, "rejected");
    /// assert!(rehearsal.problems[0].message.contains("V903_20250114200000_typo.sql:1"));
    /// assert!(!conn.table_exists("notes").await?);
    /// # Ok(()) }
    /// ```
    pub async fn rehearse(&self, conn: &mut Connection, url: &str) -> Result<Rehearsal> {
        self.bind(conn);
        let dialect = conn.dialect();
        let prepared = self.prepare(dialect)?;
        let rows = history::rows(conn).await?;
        let todo = pending(&prepared, &rows, super::UpTarget::default());
        if todo.is_empty() {
            return Ok(Rehearsal::default());
        }
        let skipped = |why: String| Rehearsal {
            problems: Vec::new(),
            ran: 0,
            skipped: Some(format!("{why}; the pending migrations were checked by the parser only")),
        };
        let (scratch, mut s) = match copy_of(conn, url).await {
            Ok(copy) => copy,
            Err(e) => return Ok(skipped(e.to_string())),
        };
        let problems = run_each(&mut s, &todo).await;
        let _ = s.close().await;
        scratch.drop().await;
        Ok(Rehearsal { problems, ran: todo.len(), skipped: None })
    }

    /// Check every migration for `dialect` without a database: each file parses, each Rust
    /// migration renders, and each statement is followed through the model from an empty
    /// schema (kind `invalid` where it names what will not exist or creates what will).
    ///
    /// ```
    /// use migrate::schema::Dialect;
    /// let files = [("migrations/V904_20250114200000_twice.sql", "CREATE TABLE n (id int);\nCREATE TABLE n (id int);")];
    /// let migrator = migrate::Migrator::new(&[], migrate::sql::parse_embedded(&files)?)?;
    /// let problems = migrator.validate_offline(Dialect::Postgres)?;
    /// assert!(problems.iter().any(|p| p.version == 904 && p.kind == "invalid"));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn validate_offline(&self, dialect: Dialect) -> Result<Vec<Problem>> {
        let prepared = self.prepare(dialect)?;
        let all: Vec<&Prepared<'_>> = prepared.iter().collect();
        let tables = self.tables.as_deref().cloned().unwrap_or_default();
        Ok(follow(dialect, &tables, &SchemaModel::new(), &all).problems)
    }

    /// What [`validate_offline`](Self::validate_offline) finds and, in the same pass, per
    /// migration the risks its own `Allow risk` does not accept, at `at_least` or above: the
    /// check a CI gate makes on new migrations, without a database.
    ///
    /// ```
    /// use migrate::schema::{Dialect, risk::Level};
    /// let files = [
    ///     ("migrations/V001_20250114200000_users.sql", "CREATE TABLE users (id int PRIMARY KEY, name text);"),
    ///     ("migrations/V002_20250114200000_drop.sql", "DROP TABLE users;"),
    /// ];
    /// let migrator = migrate::Migrator::new(&[], migrate::sql::parse_embedded(&files)?)?;
    /// let check = migrator.check_offline(Dialect::Postgres, Level::High)?;
    /// assert!(check.problems.is_empty());
    /// assert!(check.risks.iter().any(|(version, _)| *version == 2));
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn check_offline(&self, dialect: Dialect, at_least: migrate_schema::risk::Level) -> Result<OfflineCheck> {
        let prepared = self.prepare(dialect)?;
        let all: Vec<&Prepared<'_>> = prepared.iter().collect();
        let tables = self.tables.as_deref().cloned().unwrap_or_default();
        let followed = follow(dialect, &tables, &SchemaModel::new(), &all);
        let mut risks = Vec::new();
        for (p, found) in all.iter().zip(followed.found) {
            let accepted = super::check::accepted(p);
            risks.extend(
                found
                    .into_iter()
                    .filter(|(r, _)| r.level >= at_least && !accepted.iter().any(|a| a == r.rule))
                    .map(|(r, _)| (p.m.version, r)),
            );
        }
        Ok(OfflineCheck { problems: followed.problems, risks })
    }
}

/// Run each migration on the scratch database `s`, in a transaction of its own where the
/// dialect has transactional DDL (rolled back when it fails, so that the next one starts
/// from what `up` would leave); one problem per migration that fails.
async fn run_each(s: &mut Connection, todo: &[&Prepared<'_>]) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut failed_before: Option<u64> = None;
    for p in todo {
        let transactional = p.m.transaction && s.dialect() != Dialect::MySql;
        if transactional && s.begin().await.is_err() {
            break;
        }
        let ran = run_work(s, &p.up, None, None).await;
        if transactional {
            let _ = match ran {
                Ok(_) => s.commit().await,
                Err(_) => s.rollback().await,
            };
        }
        let Err(failure) = ran else { continue };
        let after = failed_before
            .map(|v| format!(" (V{v} failed before it on the scratch database, which may be the cause)"))
            .unwrap_or_default();
        problems.push(Problem {
            kind: "rejected",
            version: p.m.version,
            message: format!(
                "V{} {} ({}): the database rejects it: {}{after}",
                p.m.version,
                p.m.name,
                at_statement(s.dialect(), p, failure.ran),
                failure.message
            ),
        });
        failed_before.get_or_insert(p.m.version);
    }
    problems
}

/// Where the statement at `index` of `p` is: the SQL file and its line, or the Rust
/// migration's `file:line`.
fn at_statement(dialect: Dialect, p: &Prepared<'_>, index: usize) -> String {
    match &p.m.source {
        Source::Sql(f) => match f.up_statements(dialect).ok().and_then(|s| s.into_iter().nth(index)) {
            Some(s) => format!("{}:{}", f.path.display(), s.line),
            None => p.m.origin.clone(),
        },
        Source::Rust(_) => p.m.origin.clone(),
    }
}
