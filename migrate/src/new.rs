//! `migrate new`: a migration file with the next version, blank, written from the
//! difference between the migrations and the database (`--from-db`), or from a template.

pub(crate) mod template;

use crate::driver::Connection;
use crate::engine::Migrator;
use crate::error::{Error, Result};
use crate::squash::statements;
use migrate_schema::{Change, Dialect, DiffOptions, Op, RawSql, SchemaModel, codegen, normalize};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A migration file about to be written.
#[derive(Debug)]
pub(crate) struct NewFile {
    pub(crate) path: PathBuf,
    pub(crate) version: u64,
    pub(crate) text: String,
}

/// What `new` writes, and where.
pub(crate) struct Target<'a> {
    /// The migration's name, as the user typed it.
    pub(crate) name: &'a str,
    /// A SQL file rather than a Rust one.
    pub(crate) sql: bool,
    /// The directory it goes in.
    pub(crate) dir: &'a Path,
}

impl Target<'_> {
    fn words(&self) -> Result<String> {
        let snake = codegen::snake_case(self.name);
        if snake.is_empty() {
            return Err(Error::Config(format!("`{}` is not a usable migration name", self.name)));
        }
        Ok(snake.replace('_', " "))
    }

    /// The next version after every available migration and every file already in the
    /// directory, and the file's path.
    fn place(&self, migrator: &Migrator) -> Result<(u64, PathBuf)> {
        let in_dir = std::fs::read_dir(self.dir)
            .map(|entries| {
                entries
                    .filter_map(|e| e.ok())
                    .filter_map(|e| {
                        let n = e.file_name().to_string_lossy().to_string();
                        let digits: String = n.chars().skip(1).take_while(char::is_ascii_digit).collect();
                        digits.parse::<u64>().ok()
                    })
                    .max()
            })
            .ok()
            .flatten();
        let version = migrator.migrations().iter().map(|m| m.version).chain(in_dir).max().unwrap_or(0) + 1;
        let snake = codegen::snake_case(self.name);
        let path = if self.sql {
            let stamp = crate::actor::utc_now().compact;
            self.dir.join(format!("V{version:03}_{stamp}_{snake}.sql"))
        } else {
            self.dir.join(format!("v{version:03}_{snake}.rs"))
        };
        Ok((version, path))
    }

    /// A SQL file: the header, then the UP and DOWN sections.
    fn sql_file(
        &self,
        version: u64,
        database: Option<Dialect>,
        description: &str,
        up: &str,
        down: &str,
    ) -> Result<String> {
        Ok(format!(
            "-- Migration: {}\n-- Version: {version:03}\n-- Database: {}\n-- Created: {}\n-- Description: {description}\n\n\
             -- === UP Migration ===\n{up}\n-- === DOWN Migration ===\n{down}",
            self.words()?,
            database.map_or("any", Dialect::name),
            crate::actor::utc_now().readable,
        ))
    }
}

/// Blank, or from the template `kind` with `params`, checked against the schema the
/// migrations lead to: replayed on the model, or when some do not replay (SQL files,
/// async code) and a database URL is given, applied to a scratch database.
pub(crate) async fn written(
    migrator: &Migrator,
    url: Option<&str>,
    target: &Target<'_>,
    kind: Option<template::Template>,
    params: &template::TemplateArgs,
) -> Result<NewFile> {
    let dialect = url.and_then(Dialect::from_url);
    let Some(kind) = kind else {
        if let Some(flag) = params.given().first() {
            return Err(Error::Config(format!("--{flag} describes a template: add --template KIND")));
        }
        return blank(migrator, target);
    };
    let mut replayed = migrator.replay(dialect.unwrap_or(Dialect::Sqlite), None)?;
    if let (false, Some(url), false) = (replayed.opaque.is_empty(), url, params.unchecked) {
        let (model, _) = migrator.expected_schema(url, None).await?;
        replayed = crate::Replayed { model, opaque: Vec::new() };
    }
    let known = template::Known { model: &replayed.model, skipped: &replayed.opaque };
    let for_sql = dialect.filter(|_| target.sql);
    match template::build(kind, params, dialect.unwrap_or(Dialect::Postgres), &known)? {
        template::Output::Ops(ops) => from_ops(migrator, target, for_sql.or(dialect), &replayed.model, &ops, &[]),
        template::Output::Data { rust, up_sql } => data_file(migrator, target, for_sql, &rust, &up_sql),
    }
}

/// An empty migration to fill in.
pub(crate) fn blank(migrator: &Migrator, target: &Target<'_>) -> Result<NewFile> {
    let words = target.words()?;
    let (version, path) = target.place(migrator)?;
    let text = if target.sql {
        target.sql_file(version, None, "", "\n", "\n")?
    } else {
        let body = "    // s.create_table(\"things\", |t| {\n    //     t.id(\"id\");\n    // });\n    let _ = s;\n";
        codegen::rust_file(version, &words, body)
    };
    Ok(NewFile { path, version, text })
}

/// A migration recording `ops`, which apply to `before`: Rust builder code, or a SQL file
/// for `dialect` with the rendered statements and their automatic down. `notes` are what
/// the migration does not do and the user must write by hand.
pub(crate) fn from_ops(
    migrator: &Migrator,
    target: &Target<'_>,
    dialect: Option<Dialect>,
    before: &SchemaModel,
    ops: &[Op],
    notes: &[String],
) -> Result<NewFile> {
    let words = target.words()?;
    let (version, path) = target.place(migrator)?;
    if !target.sql {
        let text = codegen::rust_migration(version, &words, ops, dialect, notes);
        return Ok(NewFile { path, version, text });
    }
    let dialect = dialect.ok_or_else(|| {
        Error::Config("a SQL migration is written for one database: set a database URL (--database-url)".to_owned())
    })?;
    let comments: String = notes.iter().map(|n| format!("-- {n}\n")).collect();
    let up = migrate_schema::render_all(dialect, before, ops)
        .map_err(|e| Error::Config(format!("rendering the migration for {dialect}: {e}")))?;
    let down = match migrate_schema::invert_for(dialect, before, ops) {
        Ok(down) => match migrate_schema::render_all(dialect, &up.after, &down) {
            Ok(plan) => statements(dialect, &plan),
            Err(e) => format!("-- No automatic down: {e}\n"),
        },
        Err(e) => format!("-- No automatic down: {e}\n"),
    };
    let text =
        target.sql_file(version, Some(dialect), "", &format!("{comments}{}", statements(dialect, &up)), &down)?;
    Ok(NewFile { path, version, text })
}

/// A data template's migration: its builder code, or for SQL its statement (a data
/// change has no automatic down).
pub(crate) fn data_file(
    migrator: &Migrator,
    target: &Target<'_>,
    dialect: Option<Dialect>,
    rust: &str,
    sql: &str,
) -> Result<NewFile> {
    let words = target.words()?;
    let (version, path) = target.place(migrator)?;
    let text = if target.sql {
        let down = "-- Write the statement that undoes it, or leave this section empty if nothing can.\n\n";
        target.sql_file(version, dialect, "", &format!("{sql};\n"), down)?
    } else {
        codegen::rust_file(version, &words, rust)
    };
    Ok(NewFile { path, version, text })
}

/// The difference between the schema the migrations describe and the database, as a new
/// migration; `None` when there is none. Every available migration must be applied first,
/// or the new one would undo the pending ones.
pub(crate) async fn from_db(
    migrator: &Migrator,
    conn: &mut Connection,
    url: &str,
    target: &Target<'_>,
    options: &DiffOptions,
) -> Result<Option<(NewFile, Vec<Change>)>> {
    let dialect = conn.dialect();
    let status = migrator.status(conn).await?;
    if let Some(p) = status.migrations.iter().find(|m| m.status != "applied") {
        let what = if p.status == "pending" {
            "run `migrate up` first, so that the new migration holds only what changed by hand"
        } else {
            "settle it first (`migrate status` says how)"
        };
        return Err(Error::Config(format!("V{:03} {} is {}: {what}", p.version, p.name, p.status)));
    }
    let (expected, _) = migrator.expected_schema(url, None).await?;
    let actual = conn.introspect().await?;
    let diff = normalize::diff_in(dialect, &expected, &actual, options).map_err(|e| Error::Config(e.to_string()))?;
    if diff.changes.is_empty() {
        return Ok(None);
    }
    let declared_unique = |table: &str, name: &str| expected.table(table).is_some_and(|t| t.unique(name).is_some());
    let ops: Vec<Op> = diff
        .ops
        .into_iter()
        .map(|op| match op {
            // Native SQL read from this database runs on this dialect only.
            Op::Sql { up, down } => Op::Sql { up: only_on(dialect, &up), down: down.map(|d| only_on(dialect, &d)) },
            // Where the dialect keeps a unique constraint as a unique index, the migration
            // applies to the migrations' own model, which has the constraint.
            Op::DropIndex { table, name } if declared_unique(&table, &name) => Op::DropUnique { table, name },
            op => op,
        })
        .collect();
    let notes: Vec<String> = diff
        .changes
        .iter()
        .filter(|c| c.unsupported)
        .map(|c| format!("Not generated, write it by hand: {} {}", c.object, c.detail))
        .collect();
    let file = from_ops(migrator, target, Some(dialect), &expected, &ops, &notes)?;
    Ok(Some((file, diff.changes)))
}

/// `raw`'s text for `dialect`, for that dialect alone.
fn only_on(dialect: Dialect, raw: &RawSql) -> RawSql {
    let mut out = RawSql::default();
    if let Some(sql) = raw.for_dialect(dialect) {
        out.set(dialect, sql.to_owned());
    }
    out
}

/// Writes the file (never over an existing one); a Rust file goes through rustfmt when
/// it is installed, so it reads like the rest of the project.
pub(crate) fn write(file: &NewFile) -> Result<()> {
    if file.path.exists() {
        return Err(Error::Config(format!("{} already exists", file.path.display())));
    }
    if let Some(dir) = file.path.parent() {
        std::fs::create_dir_all(dir).map_err(Error::io(format!("creating {}", dir.display())))?;
    }
    std::fs::write(&file.path, &file.text).map_err(Error::io(format!("writing {}", file.path.display())))?;
    if file.path.extension().is_some_and(|e| e == "rs") {
        let _ = Command::new("rustfmt")
            .args(["--edition", "2024"])
            .arg(&file.path)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
    Ok(())
}
