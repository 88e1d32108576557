//! The real schemas of `../shared/corpus` (Sakila, Chinook, Pagila) cut into migration
//! files and applied side by side: file by file with the database's own client into one
//! database, with `migrate up` into another; the catalogs must be equal, and with Sakila's
//! own drop script as the last file's DOWN, equal again after each `down`. A schema whose
//! folder is absent is skipped with a message, except under `CI=true`.

use crate::db::strings;
use crate::native::{SideBySide, schema};
use migrate::schema::Dialect;
use migrate::sql::split;
use std::path::PathBuf;

/// The text of `path` in the corpus, or `None` (said) when the corpus is not there.
pub(crate) fn corpus(path: &str) -> Option<String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    match std::fs::read_to_string(root.join(path)) {
        Ok(text) => Some(text),
        Err(e) if std::env::var("CI").as_deref() == Ok("true") => {
            panic!("{}: {e} (under CI=true the corpus must be there)", root.join(path).display())
        }
        Err(e) => {
            eprintln!("skipped: {}: {e}", root.join(path).display());
            None
        }
    }
}

/// `text` cut into `parts` migration files of whole statements, without the statements
/// `keep` refuses. The settings the file starts with (its leading `SET` statements) open
/// every part: each file runs in a session of its own. MySQL statements holding a `;` are
/// written under a `DELIMITER`, as the client needs them.
pub(crate) fn steps(text: &str, dialect: Dialect, parts: usize, keep: impl Fn(&str) -> bool) -> Vec<String> {
    let statements: Vec<String> =
        split(text, dialect).unwrap().into_iter().map(|s| s.sql).filter(|s| keep(s)).collect();
    let settings = statements.iter().take_while(|s| code(s).to_ascii_uppercase().starts_with("SET ")).count();
    let (preamble, body) = statements.split_at(settings);
    let written = |s: &String| match dialect == Dialect::MySql && s.contains(';') {
        true => format!("DELIMITER $$\n{s}$$\nDELIMITER ;\n"),
        false => format!("{s};\n"),
    };
    let preamble: String = preamble.iter().map(written).collect();
    let per = body.len().div_ceil(parts).max(1);
    body.chunks(per).map(|chunk| format!("{preamble}{}", chunk.iter().map(written).collect::<String>())).collect()
}

/// `sql` without its leading comments.
fn code(sql: &str) -> &str {
    let mut rest = sql.trim_start();
    loop {
        if let Some(after) = rest.strip_prefix("--") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            return rest;
        }
    }
}

/// Whether `sql` creates, drops or enters a database, or is a psql meta-command: the
/// corpus files assume a database of their own, the tests give them one.
pub(crate) fn names_a_database(sql: &str) -> bool {
    let head = code(sql).to_ascii_uppercase();
    ["DROP DATABASE", "CREATE DATABASE", "DROP SCHEMA IF EXISTS SAKILA", "CREATE SCHEMA SAKILA", "USE ", "\\"]
        .iter()
        .any(|p| head.starts_with(p))
}

/// Per table of the current schema, its name and row count, as the database counts them.
async fn row_counts(conn: &mut migrate::Connection) -> Vec<String> {
    let tables = strings(
        conn,
        match conn.dialect() {
            Dialect::Postgres => {
                "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() \
                 AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'schema_migrations%'"
            }
            Dialect::MySql => {
                "SELECT CAST(table_name AS char) FROM information_schema.tables WHERE table_schema = DATABASE() \
                 AND table_type = 'BASE TABLE' AND table_name NOT LIKE 'schema_migrations%'"
            }
            Dialect::Sqlite => {
                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' \
                 AND name NOT LIKE 'schema_migrations%'"
            }
        },
    )
    .await;
    let mut counts = Vec::new();
    for t in tables {
        let quoted = match conn.dialect() {
            Dialect::MySql => format!("`{t}`"),
            _ => format!("\"{t}\""),
        };
        let n = strings(conn, &format!("SELECT CAST(COUNT(*) AS char(20)) FROM {quoted}")).await;
        counts.push(format!("{t}: {}", n.join("").trim()));
    }
    counts.sort();
    counts
}

/// Apply `files` (UP, DOWN) side by side; with every DOWN given, roll back to zero too.
async fn side_by_side(dialect: Dialect, files: Vec<(String, Option<String>)>, with_rows: bool) {
    let borrowed: Vec<(&str, Option<&str>)> = files.iter().map(|(u, d)| (u.as_str(), d.as_deref())).collect();
    let Some(mut both) = SideBySide::new(dialect, &borrowed).await else { return };
    both.up().await;
    let objects = schema(&mut both.ours.conn).await.len();
    assert!(objects > 50, "{dialect}: only {objects} catalog lines: the files did little");
    let ours = row_counts(&mut both.ours.conn).await;
    assert_eq!(ours, row_counts(&mut both.theirs.conn).await, "{dialect}: the rows differ");
    assert_eq!(ours.iter().any(|c| !c.ends_with(": 0")), with_rows, "{dialect}: {ours:?}");
    if files.iter().all(|(_, down)| down.is_some()) {
        both.down_to_zero().await;
    }
    both.drop().await;
}

/// Sakila: its schema in four files, its drop script undoing them (the earlier files' DOWN
/// sections are empty: the last one's drops everything).
async fn sakila(dialect: Dialect) {
    let (schema, drop) = match dialect {
        Dialect::Postgres => ("sakila/postgres-schema.sql", "sakila/postgres-drop-objects.sql"),
        Dialect::MySql => ("sakila/mysql-schema.sql", "sakila/mysql-drop-objects.sql"),
        Dialect::Sqlite => ("sakila/sqlite-schema.sql", "sakila/sqlite-drop-objects.sql"),
    };
    let (Some(text), Some(drop)) = (corpus(schema), corpus(drop)) else { return };
    // The MySQL file names its database inside views and triggers.
    let text = text.replace("sakila.", "");
    // Upstream's PostgreSQL drop script drops, with CASCADE, objects it drops again later.
    let drop = match dialect {
        Dialect::Postgres => ["VIEW", "TABLE", "FUNCTION", "SEQUENCE", "DOMAIN", "TYPE", "AGGREGATE", "TRIGGER"]
            .iter()
            .fold(drop, |d, kind| d.replace(&format!("DROP {kind} "), &format!("DROP {kind} IF EXISTS "))),
        _ => drop,
    };
    let ups = steps(&text, dialect, 4, |s| !names_a_database(s));
    let last = ups.len() - 1;
    let files = ups
        .into_iter()
        .enumerate()
        .map(|(i, up)| (up, Some(if i == last { drop.clone() } else { String::new() })))
        .collect();
    side_by_side(dialect, files, false).await;
}

/// Chinook: tables, keys and every row, in five files.
async fn chinook(dialect: Dialect) {
    let file = match dialect {
        Dialect::Postgres => "chinook/Chinook_PostgreSql.sql",
        Dialect::MySql => "chinook/Chinook_MySql.sql",
        Dialect::Sqlite => "chinook/Chinook_Sqlite.sql",
    };
    let Some(text) = corpus(file) else { return };
    let files = steps(&text, dialect, 5, |s| !names_a_database(s)).into_iter().map(|up| (up, None)).collect();
    side_by_side(dialect, files, true).await;
}

on_every_database!(sakila, chinook);

/// Pagila (PostgreSQL only): domains, enum and composite types, a partitioned table,
/// functions, triggers, views, a materialized view, full-text indexes. It targets
/// PostgreSQL 18: `uuidv7()` becomes `gen_random_uuid()` and virtual generated columns
/// stored ones, as the corpus README says; the pgvector parts are left out.
#[tokio::test]
async fn pagila() {
    let Some(text) = corpus("pagila/pagila-schema.sql") else { return };
    let text = text.replace("uuidv7()", "gen_random_uuid()").replace(") VIRTUAL", ") STORED");
    // pgvector is not installed here: its extension and the one table using it go.
    let needs_pgvector = |s: &str| s.replace("tsvector", "").contains("vector") || s.contains("film_embedding");
    let files = steps(&text, Dialect::Postgres, 6, |s| !names_a_database(s) && !needs_pgvector(s))
        .into_iter()
        .map(|up| (up, None))
        .collect();
    side_by_side(Dialect::Postgres, files, false).await;
}
