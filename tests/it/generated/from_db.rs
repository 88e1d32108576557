//! `migrate new --from-db` on each database: changes made by hand to a migrated database
//! become a Rust migration (committed next to this file, compiled with the tests) and a
//! SQL file; each, applied to a database in the old state, gives the changed schema
//! (introspected and diffed: no difference), and its down gives the old one back. After
//! `resolve --applied`, the changed database is clean: nothing pending, no drift.

use super::{assert_generated, base};
use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::{Dialect, SchemaModel, normalize};
use migrate::{Connection, DownTarget, MigrationFn, Migrator, RustMigration, UpTarget};
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_migrate-rust-base");

static BASE: RustMigration = RustMigration {
    version: 1,
    name: "users and posts",
    up: MigrationFn::Schema(base::users_and_posts),
    down: None,
    transaction: true,
    irreversible: false,
    allow_risk: "",
    depends_on: &[],
    replaces: None,
    body_checksum: "",
    file: file!(),
    line: line!(),
    module: module_path!(),
};

/// The binary with one Rust migration, on the database at `url`, with SQL files in `dir`.
pub(super) fn run(url: &str, dir: &Dir, args: &[&str]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("--database-url").arg(url).arg("--migrations").arg(dir.path()).args(args);
    cmd.env_remove("DATABASE_URL").stdin(Stdio::null());
    cmd.output().unwrap()
}

/// What a person does by hand on the development database.
fn hand_changes(dialect: Dialect) -> Vec<&'static str> {
    let mut sql = vec![
        "ALTER TABLE users ADD COLUMN bio varchar(500)",
        "ALTER TABLE users RENAME COLUMN name TO full_name",
        "CREATE TABLE tags (id bigint NOT NULL PRIMARY KEY, label varchar(50) NOT NULL, post_id bigint, \
         FOREIGN KEY (post_id) REFERENCES posts (id) ON DELETE CASCADE)",
        "CREATE UNIQUE INDEX tags_label ON tags (label)",
        "CREATE INDEX posts_title ON posts (title)",
        "ALTER TABLE posts DROP COLUMN body",
    ];
    match dialect {
        Dialect::Postgres => sql.extend([
            "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none'",
            "ALTER TABLE posts ALTER COLUMN title TYPE varchar(300)",
        ]),
        Dialect::MySql => sql.extend([
            "ALTER TABLE users ALTER COLUMN email SET DEFAULT 'none'",
            "ALTER TABLE posts MODIFY title varchar(300) NOT NULL",
        ]),
        _ => {}
    }
    sql.push("CREATE VIEW post_titles AS SELECT id, title FROM posts");
    sql
}

async fn assert_same(dialect: Dialect, what: &str, expected: &SchemaModel, conn: &mut Connection) {
    let actual = conn.introspect().await.unwrap();
    let d = normalize::diff_in(dialect, expected, &actual, &Default::default()).unwrap();
    assert!(d.changes.is_empty(), "{dialect}: {what}: {:#?}", d.changes);
}

async fn generated_from_the_database(dialect: Dialect, golden: &str, version: u64) {
    let Some(mut dev) = TestDb::new(dialect).await else { return };
    let (rust_dir, sql_dir, no_sql) = (Dir::new(), Dir::new(), Dir::new());
    let up = run(&dev.url, &no_sql, &["up"]);
    assert!(up.status.success(), "{dialect}: {}", text(&up));
    let old = dev.conn.introspect().await.unwrap();
    for sql in hand_changes(dialect) {
        dev.conn.execute(sql).await.unwrap_or_else(|e| panic!("{dialect}: {sql}: {e}"));
    }
    let new = dev.conn.introspect().await.unwrap();
    let rename = ["--rename", "users.name=full_name"];

    // The Rust migration: what the generator writes today is what is committed.
    let rust_dir_arg = rust_dir.path().to_str().unwrap();
    let out =
        run(&dev.url, &no_sql, &[&["new", "hand changes", "--from-db", "--dir", rust_dir_arg][..], &rename].concat());
    assert!(out.status.success(), "{dialect}: {}", text(&out));
    let written = std::fs::read_to_string(rust_dir.path().join("v002_hand_changes.rs")).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("users.full_name"), "{dialect}: {stderr}");
    assert!(stderr.contains("- posts.body") && stderr.contains("[destructive]"), "{dialect}: {stderr}");
    assert!(stderr.contains("migrate resolve 2 --applied"), "{dialect}: {stderr}");
    // The CLI picks version 2 after the binary's V1; the committed copies carry versions of
    // their own, because one crate cannot hold two migrations with the same version.
    assert_generated(&format!("{golden}.rs"), &written.replace("version = 2,", &format!("version = {version},")));

    // Applied to a database in the old state, it gives the new schema; its down, the old.
    let Some(mut fresh) = TestDb::new(dialect).await else { return };
    let module = format!("::generated::{golden}");
    let registered = migrate::registered().unwrap();
    let generated = registered.iter().find(|m| m.module.ends_with(&module)).unwrap();
    let migrator = Migrator::new(&[&BASE, generated], Vec::new()).unwrap();
    migrator.up(&mut fresh.conn, UpTarget::default()).await.unwrap();
    assert_same(dialect, "after the generated Rust migration", &new, &mut fresh.conn).await;
    migrator.down(&mut fresh.conn, DownTarget::Step(1)).await.unwrap();
    assert_same(dialect, "after its down", &old, &mut fresh.conn).await;
    fresh.drop().await;

    // The SQL file, through the CLI.
    let out = run(&dev.url, &sql_dir, &[&["new", "hand changes", "--from-db", "--sql"][..], &rename].concat());
    assert!(out.status.success(), "{dialect}: {}", text(&out));
    let Some(fresh) = TestDb::new(dialect).await else { return };
    for (args, state, what) in [(&["up"][..], &new, "after the SQL file"), (&["down"][..], &old, "after its DOWN")] {
        let out = run(&fresh.url, &sql_dir, args);
        assert!(out.status.success(), "{dialect}: {what}: {}", text(&out));
        let mut conn = Connection::connect(&fresh.url).await.unwrap();
        assert_same(dialect, what, state, &mut conn).await;
        let _ = conn.close().await;
    }
    fresh.drop().await;

    // The development database already has the changes: record it, and all is clean.
    let resolved = run(&dev.url, &sql_dir, &["resolve", "2", "--applied"]);
    assert!(resolved.status.success(), "{dialect}: {}", text(&resolved));
    let check = run(&dev.url, &sql_dir, &["status", "--check"]);
    assert_eq!(check.status.code(), Some(0), "{dialect}: {}", text(&check));
    let nothing = run(&dev.url, &sql_dir, &["new", "more", "--from-db", "--sql"]);
    assert!(String::from_utf8_lossy(&nothing.stderr).contains("No changes"), "{dialect}: {}", text(&nothing));

    dev.drop().await;
}

#[tokio::test]
async fn changes_made_by_hand_become_a_migration_on_sqlite() {
    generated_from_the_database(Dialect::Sqlite, "sqlite", 911).await;
}

#[tokio::test]
async fn changes_made_by_hand_become_a_migration_on_postgres() {
    generated_from_the_database(Dialect::Postgres, "postgres", 921).await;
}

#[tokio::test]
async fn changes_made_by_hand_become_a_migration_on_mysql() {
    generated_from_the_database(Dialect::MySql, "mysql", 931).await;
}

#[test]
fn a_pending_migration_must_be_applied_before_generating() {
    // Needs no database server: SQLite.
    let rt = tokio::runtime::Runtime::new().unwrap();
    rt.block_on(async {
        let db = TestDb::new(Dialect::Sqlite).await.unwrap();
        let dir = Dir::new();
        let out = run(&db.url, &dir, &["new", "x", "--from-db", "--sql"]);
        assert_eq!(out.status.code(), Some(2), "{}", text(&out));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("V001 users and posts is pending") && stderr.contains("migrate up"), "{stderr}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "nothing written");
        db.drop().await;
    });
}
