//! The engine on real databases: every command, and the unhappy paths (a migration that
//! fails half-way, tampered, missing and out-of-order migrations, corrupt files,
//! irreversible downs, the lock).

use crate::db::{TestDb, strings};
use migrate::prelude::*;
use migrate::schema::Dialect;
use migrate::sql::load_dir;
use migrate::{Connection, DownTarget, Error, Migrator, Resolution, RustMigration, UpTarget};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// A temporary migrations directory, removed on drop.
pub(crate) struct Dir(pub(crate) PathBuf);

impl Dir {
    pub(crate) fn new() -> Self {
        static N: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);
        let n = N.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let path = std::env::temp_dir().join(format!("migrate_files_{}_{n}", std::process::id()));
        std::fs::create_dir_all(&path).unwrap();
        Self(path)
    }

    pub(crate) fn write(&self, version: u64, name: &str, up: &str, down: Option<&str>) -> &Self {
        let down = down.map(|d| format!("-- === DOWN Migration ===\n{d}\n")).unwrap_or_default();
        let text = format!("-- Migration: {name}\n\n-- === UP Migration ===\n{up}\n\n{down}");
        std::fs::write(self.0.join(format!("V{version:03}_20250114200000_{name}.sql")), text).unwrap();
        self
    }

    fn remove(&self, version: u64) {
        for e in std::fs::read_dir(&self.0).unwrap() {
            let path = e.unwrap().path();
            if path.file_name().unwrap().to_string_lossy().starts_with(&format!("V{version:03}_")) {
                std::fs::remove_file(path).unwrap();
            }
        }
    }

    pub(crate) fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

pub(crate) fn migrator(dir: &Dir, rust: &[&'static RustMigration]) -> Migrator {
    let mut m = Migrator::new(rust, load_dir(dir.path()).unwrap()).unwrap();
    m.options.lock.timeout = Duration::from_secs(5);
    m
}

fn three_tables() -> Dir {
    let dir = Dir::new();
    dir.write(1, "create_a", "CREATE TABLE a (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE a;"))
        .write(
            2,
            "create_b",
            "CREATE TABLE b (id integer NOT NULL PRIMARY KEY, note varchar(20));\nINSERT INTO b (id, note) VALUES (1, 'x;y');",
            Some("DROP TABLE b;"),
        )
        .write(3, "add_c", "ALTER TABLE b ADD COLUMN c integer;", Some("ALTER TABLE b DROP COLUMN c;"));
    dir
}

async fn statuses(m: &Migrator, conn: &mut Connection) -> Vec<(u64, String)> {
    m.status(conn).await.unwrap().migrations.into_iter().map(|s| (s.version, s.status)).collect()
}

fn pairs(v: &[(u64, &str)]) -> Vec<(u64, String)> {
    v.iter().map(|(n, s)| (*n, (*s).to_owned())).collect()
}

async fn exists(conn: &mut Connection, table: &str) -> bool {
    conn.table_exists(table).await.unwrap()
}

/// The audit trail as `action version outcome`.
async fn audit_actions(m: &Migrator, conn: &mut Connection) -> Vec<String> {
    let (_, audit) = m.history(conn).await.unwrap();
    audit.iter().map(|a| format!("{} {} {}", a.action, a.version.unwrap_or(0), a.outcome)).collect()
}

/// The history as `version status`.
async fn history(m: &Migrator, conn: &mut Connection) -> Vec<String> {
    let (rows, _) = m.history(conn).await.unwrap();
    rows.iter().map(|r| format!("{} {}", r.version, r.status)).collect()
}

on_every_database!(
    up_down_redo_reset_and_batches,
    a_migration_that_fails_half_way,
    tampered_missing_and_out_of_order_migrations_block_up,
    a_corrupt_file_applies_nothing,
    rust_and_sql_migrations_share_one_order_and_irreversible_downs_are_refused,
    baseline_resolve_and_fresh,
    the_lock_bounds_the_wait_and_names_its_holder,
);

async fn up_down_redo_reset_and_batches(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = three_tables();
    let m = migrator(&dir, &[]);
    let conn = &mut db.conn;

    let planned = m.plan(conn, UpTarget::default()).await.unwrap();
    assert_eq!(planned.iter().map(|p| p.statements.len()).collect::<Vec<_>>(), [1, 2, 1]);
    assert_eq!(planned[1].statements[1], "INSERT INTO b (id, note) VALUES (1, 'x;y')");

    let report = m.up(conn, UpTarget { to: Some(2), step: None }).await.unwrap();
    assert_eq!(report.applied.iter().map(|d| d.version).collect::<Vec<_>>(), [1, 2]);
    assert_eq!(statuses(&m, conn).await, pairs(&[(1, "applied"), (2, "applied"), (3, "pending")]));
    assert_eq!(m.up(conn, UpTarget::default()).await.unwrap().applied.len(), 1, "V3 in batch 2");

    // down --batch: only batch 2 (V3); down --step 1 then: V2.
    let down = m.down(conn, DownTarget::Batch).await.unwrap();
    assert_eq!(down.rolled_back.iter().map(|d| d.version).collect::<Vec<_>>(), [3]);
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    assert!(!exists(conn, "b").await);
    assert_eq!(statuses(&m, conn).await, pairs(&[(1, "applied"), (2, "pending"), (3, "pending")]));

    // Applied again after a rollback: one row per version, status applied.
    m.up(conn, UpTarget::default()).await.unwrap();
    assert_eq!(history(&m, conn).await, ["1 applied", "2 applied", "3 applied"]);

    // redo = down 1 + up 1; reset = everything down.
    m.down(conn, DownTarget::Step(1)).await.unwrap();
    m.up(conn, UpTarget { to: None, step: Some(1) }).await.unwrap();
    let report = m.down(conn, DownTarget::To(0)).await.unwrap();
    assert_eq!(report.rolled_back.iter().map(|d| d.version).collect::<Vec<_>>(), [3, 2, 1]);
    assert!(!exists(conn, "a").await && !exists(conn, "b").await);

    let audit = audit_actions(&m, conn).await;
    assert_eq!(audit.iter().filter(|a| a.starts_with("apply")).count(), 6, "{audit:?}");
    assert_eq!(audit.iter().filter(|a| a.starts_with("rollback")).count(), 6, "{audit:?}");
    assert!(audit.iter().all(|a| a.ends_with(" ok")), "{audit:?}");
    db.drop().await;
}

async fn a_migration_that_fails_half_way(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "create_a", "CREATE TABLE a (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE a;")).write(
        2,
        "half",
        "CREATE TABLE half (id integer);\nINSERT INTO no_such_table VALUES (1);",
        Some("DROP TABLE half;"),
    );
    let m = migrator(&dir, &[]);
    let conn = &mut db.conn;
    let err = m.up(conn, UpTarget::default()).await.unwrap_err();
    let message = err.to_string();
    // V1 committed before V2 failed, and the error says so.
    let Error::Partial { report, error } = &err else { panic!("{message}") };
    assert_eq!(report.applied.iter().map(|d| d.version).collect::<Vec<_>>(), [1], "{message}");
    assert!(matches!(**error, Error::Migration { version: 2, .. }), "{message}");
    assert!(message.contains("statement 2 of 2") && message.contains("no_such_table"), "{message}");
    assert!(exists(conn, "a").await, "V1 stays applied");
    let (rows, _) = m.history(conn).await.unwrap();
    let row = rows.iter().find(|r| r.version == 2).unwrap();
    assert_eq!(row.status, "failed");
    assert!(row.error_message.as_deref().unwrap_or_default().starts_with("statement 2 of 2 failed"), "{row:?}");

    // Fix the file; then see what the database needs before it can be applied.
    dir.write(2, "half", "CREATE TABLE half (id integer);", Some("DROP TABLE half;"));
    let fixed = migrator(&dir, &[]);
    if dialect == Dialect::MySql {
        // DDL committed: the table is there, the row says how far it got, and up refuses.
        assert!(exists(conn, "half").await);
        assert!(message.contains("1 statement(s) before it were committed"), "{message}");
        let refused = fixed.up(conn, UpTarget::default()).await.unwrap_err().to_string();
        assert!(refused.contains("migrate recover 2"), "{refused}");
        conn.execute("DROP TABLE half").await.unwrap();
        fixed.resolve(conn, 2, Resolution::RolledBack).await.unwrap();
    } else {
        assert!(!exists(conn, "half").await, "{dialect}: no trace of the failed migration's DDL");
    }
    let report = fixed.up(conn, UpTarget::default()).await.unwrap();
    assert_eq!(report.applied.iter().map(|d| d.version).collect::<Vec<_>>(), [2]);
    assert!(exists(conn, "half").await);
    db.drop().await;
}

async fn tampered_missing_and_out_of_order_migrations_block_up(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "create_a", "CREATE TABLE a (id integer NOT NULL PRIMARY KEY);", Some("DROP TABLE a;")).write(
        3,
        "create_c",
        "CREATE TABLE c (id integer);",
        Some("DROP TABLE c;"),
    );
    let conn = &mut db.conn;
    migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap();

    // Formatting-only edits are fine; a real edit is refused with what to do.
    dir.write(
        1,
        "create_a",
        "-- reformatted\nCREATE TABLE a (\n  id integer NOT NULL PRIMARY KEY\n);",
        Some("DROP TABLE a;"),
    );
    assert!(migrator(&dir, &[]).validate(conn).await.unwrap().is_empty());
    dir.write(1, "create_a", "CREATE TABLE a (id bigint NOT NULL PRIMARY KEY);", Some("DROP TABLE a;"));
    dir.write(4, "create_d", "CREATE TABLE d (id integer);", Some("DROP TABLE d;"));
    let err = migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(err.contains("was changed after it was applied") && err.contains("migrate repair"), "{err}");
    assert!(!exists(conn, "d").await, "nothing applied");
    let problems = migrator(&dir, &[]).validate(conn).await.unwrap();
    assert_eq!(problems.iter().map(|p| p.kind).collect::<Vec<_>>(), ["checksum"]);
    let repaired = migrator(&dir, &[]).repair(conn).await.unwrap();
    assert_eq!(repaired.iter().map(|a| (a.action, a.version)).collect::<Vec<_>>(), [("update_checksum", 1)]);

    // Out of order: V2 appears below applied V3.
    dir.write(2, "create_b", "CREATE TABLE b (id integer);", Some("DROP TABLE b;"));
    let err = migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(err.contains("V2 create_b") && err.contains("--allow-out-of-order"), "{err}");
    let mut m = migrator(&dir, &[]);
    m.options.allow_out_of_order = true;
    let applied = m.up(conn, UpTarget::default()).await.unwrap().applied;
    assert_eq!(applied.iter().map(|d| d.version).collect::<Vec<_>>(), [2, 4]);

    // Missing: V3's file is deleted.
    dir.remove(3);
    let err = migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap_err().to_string();
    assert!(err.contains("V3") && err.contains("no longer available") && err.contains("--ignore-missing"), "{err}");
    let mut m = migrator(&dir, &[]);
    m.options.ignore_missing = true;
    m.up(conn, UpTarget::default()).await.unwrap();
    // down of a migration whose file is gone uses the down SQL recorded with its row.
    let down = m.down(conn, DownTarget::To(2)).await.unwrap();
    assert_eq!(down.rolled_back.iter().map(|d| d.version).collect::<Vec<_>>(), [4, 3]);
    assert!(!exists(conn, "c").await, "V3 rolled back from its recorded down SQL");
    db.drop().await;
}

async fn a_corrupt_file_applies_nothing(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "create_a", "CREATE TABLE a (id integer);", None).write(
        2,
        "broken",
        "CREATE TABLE ok (id integer);\nINSERT INTO ok VALUES ('never closed);",
        None,
    );
    let conn = &mut db.conn;
    let err = migrator(&dir, &[]).up(conn, UpTarget::default()).await.unwrap_err();
    assert_eq!(err.exit_code(), 2);
    let message = err.to_string();
    assert!(message.contains("V002_20250114200000_broken.sql:5: unterminated string"), "{message}");
    assert!(!exists(conn, "a").await && !exists(conn, "schema_migrations").await, "database untouched");

    std::fs::write(dir.path().join("V3_oops.sql"), "SELECT 1;").unwrap();
    let err = Migrator::load(Some(dir.path())).unwrap_err();
    assert_eq!(err.exit_code(), 2);
    assert!(err.to_string().contains("V3_oops.sql"), "{err}");
    db.drop().await;
}

#[migration(version = 10, name = "engine test table")]
fn engine_test_table(s: &mut Schema) {
    s.create_table("rust_made", |t| {
        t.id("id");
        t.column::<String>("label").max_len(40).default("none");
    });
}

#[migration(version = 11, name = "engine test data")]
async fn engine_test_data(tx: &mut Tx<'_>) -> migrate::Result<()> {
    tx.execute("INSERT INTO rust_made (label) VALUES ('from rust')").await?;
    Ok(())
}

fn engine_rust_migrations() -> Vec<&'static RustMigration> {
    migrate::registered().unwrap().into_iter().filter(|m| m.module.ends_with("::engine")).collect()
}

async fn rust_and_sql_migrations_share_one_order_and_irreversible_downs_are_refused(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(9, "before", "CREATE TABLE before_rust (id integer);", Some("DROP TABLE before_rust;")).write(
        12,
        "after",
        "INSERT INTO rust_made (label) VALUES ('from sql');",
        Some("DELETE FROM rust_made;"),
    );
    let m = migrator(&dir, &engine_rust_migrations());
    let conn = &mut db.conn;
    let applied = m.up(conn, UpTarget::default()).await.unwrap().applied;
    assert_eq!(applied.iter().map(|d| d.version).collect::<Vec<_>>(), [9, 10, 11, 12]);
    let labels = strings(conn, "SELECT label FROM rust_made ORDER BY id").await;
    assert_eq!(labels, ["from rust", "from sql"]);
    let kinds: Vec<_> = m.status(conn).await.unwrap().migrations.iter().map(|s| format!("{:?}", s.kind)).collect();
    assert_eq!(kinds, ["Sql", "Rust", "Rust", "Sql"]);

    // V12 rolls back; V11 (async, no down) is refused before anything of it runs.
    let err = m.down(conn, DownTarget::Step(2)).await.unwrap_err();
    assert!(matches!(err, Error::Irreversible { version: 11, .. }), "{err}");
    assert!(err.to_string().contains("without a `down`"), "{err}");
    assert_eq!(strings(conn, "SELECT label FROM rust_made ORDER BY id").await.len(), 2, "nothing rolled back");
    db.drop().await;
}

async fn baseline_resolve_and_fresh(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = three_tables();
    let conn = &mut db.conn;
    conn.execute("CREATE TABLE a (id integer NOT NULL PRIMARY KEY)").await.unwrap();
    let m = migrator(&dir, &[]);
    assert_eq!(m.baseline(conn, 1).await.unwrap(), [1]);
    let err = m.baseline(conn, 1).await.unwrap_err().to_string();
    assert!(err.contains("already applied"), "{err}");
    assert_eq!(m.up(conn, UpTarget::default()).await.unwrap().applied.len(), 2);
    let err = m.resolve(conn, 2, Resolution::Applied).await.unwrap_err().to_string();
    assert!(err.contains("nothing to resolve"), "{err}");

    conn.execute("CREATE TABLE stray (id integer)").await.unwrap();
    let report = m.fresh(conn).await.unwrap();
    assert_eq!(report.applied.len(), 3);
    assert!(!exists(conn, "stray").await && exists(conn, "b").await);
    let audit = audit_actions(&m, conn).await;
    assert!(audit.iter().any(|a| a == "baseline 1 ok"), "{audit:?}");
    assert!(audit.iter().any(|a| a.starts_with("fresh")), "audit survives fresh: {audit:?}");
    db.drop().await;
}

async fn the_lock_bounds_the_wait_and_names_its_holder(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = three_tables();
    let mut m = migrator(&dir, &[]);
    m.options.lock.timeout = Duration::from_millis(600);
    let mut other = Connection::connect(&db.url).await.unwrap();
    let hold = match dialect {
        Dialect::Postgres => "SELECT pg_advisory_lock(1835624306)".to_owned(),
        Dialect::MySql => "SELECT GET_LOCK(LEFT(CONCAT('migrate.', DATABASE()), 64), 0)".to_owned(),
        Dialect::Sqlite => {
            "CREATE TABLE schema_migrations_lock (id integer NOT NULL PRIMARY KEY, token text NOT NULL, \
             host text NOT NULL, pid bigint NOT NULL, since text NOT NULL); INSERT INTO schema_migrations_lock \
             VALUES (1, 'elsewhere', 'another-host', 1, strftime('%Y-%m-%d %H:%M:%f', 'now'))"
                .to_owned()
        }
    };
    other.execute(&hold).await.unwrap();
    let started = std::time::Instant::now();
    let err = m.up(&mut db.conn, UpTarget::default()).await.unwrap_err();
    assert!(matches!(err, Error::Lock(_)), "{err}");
    assert!(started.elapsed() < Duration::from_secs(5), "--lock-timeout bounds the wait");
    assert!(err.to_string().contains("--lock-timeout"), "{err}");
    if dialect == Dialect::Sqlite {
        assert!(err.to_string().contains("another-host"), "the holder is named: {err}");
        let status = m.status(&mut db.conn).await.unwrap();
        assert_eq!(status.lock.map(|h| h.host), Some("another-host".to_owned()));
        let refused = m.unlock(&mut db.conn, false).await.unwrap_err().to_string();
        assert!(refused.contains("--force"), "{refused}");
        m.unlock(&mut db.conn, true).await.unwrap();
        // A holder that died on this host is taken over without asking.
        let dead = format!(
            "INSERT INTO schema_migrations_lock VALUES (1, 'dead', '{}', 999999999, strftime('%Y-%m-%d %H:%M:%f', 'now'))",
            std::env::var("HOSTNAME").ok().filter(|h| !h.is_empty()).unwrap_or_else(|| std::fs::read_to_string(
                "/etc/hostname"
            )
            .unwrap_or_default()
            .trim()
            .to_owned())
        );
        other.execute(&dead).await.unwrap();
    } else {
        let _ = other.close().await;
    }
    assert_eq!(m.up(&mut db.conn, UpTarget::default()).await.unwrap().applied.len(), 3);
    assert!(m.status(&mut db.conn).await.unwrap().lock.is_none(), "released after up");
    db.drop().await;
}

async fn atomic(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(1, "create_a", "CREATE TABLE a (id integer);", Some("DROP TABLE a;")).write(
        2,
        "broken",
        "CREATE TABLE b (id integer);\nINSERT INTO missing VALUES (1);",
        None,
    );
    let mut m = migrator(&dir, &[]);
    m.options.atomic = true;
    let conn = &mut db.conn;
    let err = m.up(conn, UpTarget::default()).await.unwrap_err().to_string();
    if dialect == Dialect::MySql {
        assert!(err.contains("--atomic needs transactional DDL"), "{err}");
    } else {
        assert!(err.contains("--atomic: nothing was applied"), "{err}");
        assert!(!exists(conn, "a").await && !exists(conn, "b").await, "{dialect}: all or nothing");
        assert_eq!(history(&m, conn).await, ["2 failed"]);
    }
    db.drop().await;
}

#[tokio::test]
async fn atomic_is_all_or_nothing_on_sqlite() {
    atomic(Dialect::Sqlite).await;
}

#[tokio::test]
async fn atomic_is_all_or_nothing_on_postgres() {
    atomic(Dialect::Postgres).await;
}

#[tokio::test]
async fn atomic_is_refused_on_mysql() {
    atomic(Dialect::MySql).await;
}
