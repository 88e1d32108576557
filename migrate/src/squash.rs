//! `migrate squash --to V` ([`Migrator::squash`]): one migration standing for every migration up to V, written
//! from the schema they produce (replayed on the model when that is exact, otherwise
//! applied to a scratch database and introspected), as a SQL file or Rust builder code.

use crate::engine::{Migration, Migrator};
use crate::error::{Error, Result};
use migrate_schema::{Dialect, DiffOptions, SchemaModel, codegen, normalize};

/// A squash written by [`Migrator::squash`]: the file to add to the migrations.
#[derive(Debug, Clone)]
pub struct SquashFile {
    /// Its file name: `V050_<timestamp>_squash_v001_v050.sql`, or `v050_squash.rs`.
    pub file_name: String,
    /// Its text.
    pub text: String,
    /// The first version it replaces (the last is its own).
    pub first: u64,
    /// The data migrations of the range it does not carry (`V030 seed roles (file)`), with
    /// `drop_data` only.
    pub dropped: Vec<String>,
}

/// The migrations of `dialect` up to `to` that change rows: async Rust code, data
/// operations and statements that write rows (`INSERT`, `UPDATE`, `DELETE`, ...).
fn data_migrations(migrator: &Migrator, dialect: Dialect, to: u64) -> Result<Vec<&Migration>> {
    let mut out = Vec::new();
    for m in migrator.migrations().iter().filter(|m| m.version <= to && m.applies_to(dialect)) {
        if m.writes_rows(dialect)? {
            out.push(m);
        }
    }
    Ok(out)
}

impl Migrator {
    /// One migration standing for every migration of `dialect` up to `to`, whose version it
    /// takes: the schema they produce (replayed on the model, or, with `url`, applied to a
    /// scratch database beside that one and read back when the model cannot replay them),
    /// as a SQL file for `dialect` or, with `rust`, builder code, with `Replaces:` /
    /// `replaces =` naming the range. Data migrations in the range are refused, naming them,
    /// unless `drop_data`.
    ///
    /// ```
    /// # #[tokio::main(flavor = "current_thread")] async fn main() -> Result<(), Box<dyn std::error::Error>> {
    /// let files = [
    ///     ("migrations/V001_20250101_users.sql", "CREATE TABLE users (id integer PRIMARY KEY);"),
    ///     ("migrations/V002_20250101_name.sql", "ALTER TABLE users ADD COLUMN name text;"),
    /// ];
    /// let migrator = migrate::Migrator::new(&[], migrate::sql::parse_embedded(&files)?)?;
    /// let url = "sqlite:///tmp/migrate-squash-doctest.db";
    /// let squash = migrator.squash(migrate::schema::Dialect::Sqlite, Some(url), 2, false, false).await?;
    /// assert!(squash.text.contains("-- Replaces: V001..V002") && squash.text.contains("CREATE TABLE"));
    /// assert!(squash.file_name.ends_with("_squash_v001_v002.sql"));
    /// # Ok(()) }
    /// ```
    pub async fn squash(
        &self,
        dialect: Dialect,
        url: Option<&str>,
        to: u64,
        rust: bool,
        drop_data: bool,
    ) -> Result<SquashFile> {
        let migrator = self;
        let s = Asked { to, url, drop_data, sql: !rust };
        let range: Vec<&Migration> =
            migrator.migrations().iter().filter(|m| m.version <= s.to && m.applies_to(dialect)).collect();
        let Some(last) = range.iter().rev().find(|m| m.version == s.to) else {
            return Err(Error::Config(format!(
                "there is no migration V{:03} to squash up to: a squash takes the version of the last migration it replaces",
                s.to
            )));
        };
        if last.replaces().is_some() {
            return Err(Error::Config(format!("V{:03} is already a squash: nothing to do", s.to)));
        }
        let first = range.iter().map(|m| m.replaces().map_or(m.version, |(a, _)| a)).min().unwrap_or(s.to);
        let data = data_migrations(migrator, dialect, s.to)?;
        let dropped: Vec<String> =
            data.iter().map(|m| format!("V{:03} {} ({})", m.version, m.name, m.origin)).collect();
        if !dropped.is_empty() && !s.drop_data {
            return Err(Error::Config(format!(
                "V{first:03}..V{:03} hold data migrations, which a squash of the schema would lose: {}. Squash below the \
             first of them, or pass --drop-data to accept losing them (the squash file and the audit say so)",
                s.to,
                dropped.join(", ")
            )));
        }
        let model = match s.url {
            Some(url) => migrator.expected_schema(url, Some(s.to)).await?.0,
            None => {
                let replayed = migrator.through(Some(s.to)).replay(dialect, None)?;
                if let Some(opaque) = replayed.opaque.first() {
                    return Err(Error::Config(format!(
                        "{opaque} is SQL or code the model cannot replay: give a database URL (--database-url), and the \
                     migrations are applied to a scratch database beside it and read back"
                    )));
                }
                replayed.model
            }
        };
        let empty = SchemaModel::new();
        let diff = normalize::diff_in(dialect, &empty, &model, &DiffOptions::default())
            .map_err(|e| Error::Config(format!("writing the squash: {e}")))?;
        let words = format!("squash of V{first:03}..V{:03}", s.to);
        let stamp = crate::actor::utc_now();
        let mut notes: Vec<String> = diff
            .changes
            .iter()
            .filter(|c| c.unsupported)
            .map(|c| format!("Not carried: {} {}", c.object, c.detail))
            .collect();
        notes.extend(dropped.iter().map(|d| format!("Data migration not carried (--drop-data): {d}")));
        let text = if s.sql {
            let comments: String = notes.iter().map(|n| format!("-- {n}\n")).collect();
            let up = migrate_schema::render_all(dialect, &empty, &diff.ops)
                .map_err(|e| Error::Config(format!("rendering the squash for {dialect}: {e}")))?;
            let down = migrate_schema::invert_for(dialect, &empty, &diff.ops)
                .map_err(|e| e.to_string())
                .and_then(|down| migrate_schema::render_all(dialect, &up.after, &down).map_err(|e| e.to_string()))
                .map(|plan| statements(dialect, &plan))
                .unwrap_or_else(|e| format!("-- No automatic down: {e}\n"));
            format!(
                "-- Migration: {words}\n-- Version: {:03}\n-- Database: {}\n-- Replaces: V{first:03}..V{:03}\n-- Created: {}\n\
             -- Description: everything V{first:03}..V{:03} built, as one migration (migrate squash)\n{comments}\n\
             -- === UP Migration ===\n{}\n-- === DOWN Migration ===\n{down}",
                s.to,
                dialect.name(),
                s.to,
                stamp.readable,
                s.to,
                statements(dialect, &up),
            )
        } else {
            let code = codegen::rust_migration(s.to, &words, &diff.ops, Some(dialect), &notes);
            code.replacen(
                &format!("#[migration(version = {}, ", s.to),
                &format!("#[migration(version = {}, replaces = {first}..={}, ", s.to, s.to),
                1,
            )
        };
        let file_name = if s.sql {
            format!("V{:03}_{}_squash_v{first:03}_v{:03}.sql", s.to, stamp.compact, s.to)
        } else {
            format!("v{:03}_squash.rs", s.to)
        };
        Ok(SquashFile { file_name, text, first, dropped })
    }
}

/// What `squash` is asked for.
struct Asked<'a> {
    to: u64,
    url: Option<&'a str>,
    drop_data: bool,
    sql: bool,
}

/// The plan's statements as a SQL file writes them. On MySQL a statement that holds a `;`
/// (a trigger or routine body) is written under a `DELIMITER`, as mysqldump does, so that
/// the `mariadb` client reads the file as migrate does.
pub(crate) fn statements(dialect: Dialect, plan: &migrate_schema::Plan) -> String {
    let mut out = String::new();
    for step in &plan.steps {
        for sql in step.preview() {
            let sql = sql.trim().trim_end_matches(';');
            if dialect == Dialect::MySql && sql.contains(';') {
                out.push_str(&format!("DELIMITER $$\n{sql}$$\nDELIMITER ;\n\n"));
            } else {
                out.push_str(sql);
                out.push_str(";\n\n");
            }
        }
    }
    out
}
