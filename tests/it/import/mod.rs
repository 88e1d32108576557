//! `migrate import`: another tool's directory and history table, made as that tool makes
//! them, adopted so that the next `up` runs only what is new. For sqlx the tool itself
//! (sqlx's `Migrator`) applies the directory first; for the others the history table is
//! created and filled as the tool's source does it (cited per tool in `tools`).

mod adopted;
mod from_sqlx;
mod tools;

use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::Dialect;
use serde_json::Value;
use std::path::Path;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-sql-only");

pub(super) const T1: &str = "CREATE TABLE t1 (id integer PRIMARY KEY);\n";
pub(super) const T2: &str = "CREATE TABLE t2 (id integer PRIMARY KEY);\n";

/// The SQL-only binary in `work` (where it looks for migrate.toml), with our migrations
/// in `work/migrations`.
pub(super) fn migrate(db: &TestDb, work: &Dir, args: &[&str]) -> Output {
    Command::new(BIN)
        .current_dir(work.path())
        .arg("--database-url")
        .arg(&db.url)
        .arg("--migrations")
        .arg(work.path().join("migrations"))
        .args(args)
        .env_remove("DATABASE_URL")
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

pub(super) fn json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", text(o)))
}

pub(super) fn write(dir: &Path, files: &[(&str, &str)]) {
    for (path, body) in files {
        let path = dir.join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, body).unwrap();
    }
}

/// The tables of the database, from its catalog.
pub(super) async fn tables(db: &mut TestDb) -> Vec<String> {
    let sql = match db.conn.dialect() {
        Dialect::Postgres => {
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema()"
        }
        Dialect::MySql => {
            "SELECT CAST(table_name AS char) FROM information_schema.tables WHERE table_schema = DATABASE()"
        }
        Dialect::Sqlite => "SELECT name FROM sqlite_schema WHERE type = 'table'",
    };
    let mut names = strings(&mut db.conn, sql).await;
    names.sort();
    names
}

/// `status --json` as (version, status, batch) per migration.
pub(super) fn statuses(db: &TestDb, work: &Dir) -> Vec<(u64, String, Option<i64>)> {
    let o = migrate(db, work, &["--json", "status"]);
    assert!(o.status.success(), "{}", text(&o));
    json(&o)["migrations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["version"].as_u64().unwrap(), m["status"].as_str().unwrap().to_owned(), m["batch"].as_i64()))
        .collect()
}

pub(super) fn new_migration(work: &Dir, version: u64) {
    let dir = work.path().join("migrations");
    std::fs::create_dir_all(&dir).unwrap();
    let text = "-- Migration: create t3\n-- === UP Migration ===\nCREATE TABLE t3 (id integer PRIMARY KEY);\n\
                -- === DOWN Migration ===\nDROP TABLE t3;\n";
    std::fs::write(dir.join(format!("V{version:03}_20260101_create_t3.sql")), text).unwrap();
}

pub(super) async fn exec(db: &mut TestDb, sql: &str) {
    db.conn.execute(sql).await.unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[test]
fn a_dry_run_without_a_database_says_what_it_would_write_and_writes_nothing() {
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), from_sqlx::FILES);
    let o = Command::new(BIN)
        .current_dir(work.path())
        .args(["--json", "import", "--from", "sqlx", "--dry-run", "--dir"])
        .arg(src.path())
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", text(&o));
    assert_eq!(json(&o)["written"].as_array().map(Vec::len), Some(2), "{}", text(&o));
    assert!(!work.path().join("migrations").exists());
}

#[test]
fn an_unknown_tool_is_a_usage_error_listing_the_tools() {
    let work = Dir::new();
    let o = Command::new(BIN).current_dir(work.path()).args(["import", "--from", "liquibase"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("sqlx, diesel, refinery, sea-orm"), "{}", text(&o));
}

#[test]
fn the_tools_directory_cannot_be_migrates_own() {
    let work = Dir::new();
    write(&work.path().join("migrations"), from_sqlx::FILES);
    let o = Command::new(BIN)
        .current_dir(work.path())
        .args(["import", "--from", "sqlx", "--dir", "migrations"])
        .env_remove("DATABASE_URL")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(String::from_utf8_lossy(&o.stderr).contains("git mv migrations migrations.sqlx"), "{}", text(&o));
    assert_eq!(std::fs::read_dir(work.path().join("migrations")).unwrap().count(), 3, "nothing was written");
}
