//! Drift: a change made by hand to a migrated database is reported by the engine (replayed
//! model path), by `status --check` (exit 3) and by `diff` (scratch-database path, SQL
//! files), on all three databases.

use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::schema::{ChangeKind, Dialect, Schema};
use migrate::{Method, MigrationFn, Migrator, RustMigration, UpTarget};

fn create_items(s: &mut Schema) {
    s.create_table("items", |t| {
        t.id("id");
        t.column::<String>("label").max_len(40).default("none");
        t.column::<Option<i32>>("qty");
        t.index(&["label"]);
    });
}

static ITEMS: RustMigration = RustMigration {
    version: 1,
    name: "create items",
    up: MigrationFn::Schema(create_items),
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

async fn replayed(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let migrator = Migrator::new(&[&ITEMS], Vec::new()).unwrap();
    migrator.up(&mut db.conn, UpTarget::default()).await.unwrap();
    let drift = migrator.drift(&mut db.conn, &db.url).await.unwrap();
    assert_eq!(drift.method, Method::Replayed);
    assert!(drift.changes.is_empty(), "{dialect}: drift right after up: {:#?}", drift.changes);
    db.conn.execute("ALTER TABLE items ADD COLUMN extra integer").await.unwrap();
    let drift = migrator.drift(&mut db.conn, &db.url).await.unwrap();
    assert!(
        drift.changes.iter().any(|c| c.object == "items.extra" && c.kind == ChangeKind::Added),
        "{dialect}: {:#?}",
        drift.changes
    );
    db.drop().await;
}

#[tokio::test]
async fn a_column_added_by_hand_is_drift_on_sqlite() {
    replayed(Dialect::Sqlite).await;
}

#[tokio::test]
async fn a_column_added_by_hand_is_drift_on_postgres() {
    replayed(Dialect::Postgres).await;
}

#[tokio::test]
async fn a_column_added_by_hand_is_drift_on_mysql() {
    replayed(Dialect::MySql).await;
}

async fn cli(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    dir.write(
        1,
        "create_items",
        "CREATE TABLE items (id integer NOT NULL PRIMARY KEY, label varchar(40) NOT NULL DEFAULT 'none', qty integer);\n\
         CREATE INDEX items_label ON items (label);",
        Some("DROP TABLE items;"),
    );
    let url = db.url.clone();
    let run = |args: &[&str]| migrate_at(&url, &dir, args).output().unwrap();
    assert!(run(&["up"]).status.success());
    let clean = run(&["status", "--check"]);
    assert_eq!(clean.status.code(), Some(0), "{dialect}: {}", text(&clean));
    let same = run(&["--json", "diff", "--check"]);
    assert_eq!(same.status.code(), Some(0), "{dialect}: {}", text(&same));
    db.conn.execute("ALTER TABLE items ADD COLUMN extra integer").await.unwrap();
    let drifted = run(&["status", "--check"]);
    assert_eq!(drifted.status.code(), Some(3), "{dialect}: {}", text(&drifted));
    assert!(text(&drifted).contains("items.extra"), "{dialect}: {}", text(&drifted));
    let drifted = run(&["--json", "status", "--check"]);
    let doc: serde_json::Value = serde_json::from_slice(&drifted.stdout).unwrap();
    assert_eq!(doc["drift"]["changes"][0]["object"], "items.extra", "{dialect}: {doc}");
    let diff = run(&["--json", "diff", "--check"]);
    assert_eq!(diff.status.code(), Some(3), "{dialect}: {}", text(&diff));
    let doc: serde_json::Value = serde_json::from_slice(&diff.stdout).unwrap();
    assert_eq!(doc["changes"][0]["object"], "items.extra", "{dialect}: {doc}");
    assert_eq!(doc["changes"][0]["kind"], "added", "{dialect}: {doc}");
    let back = run(&["--json", "diff", "--from", "database", "--to", "migrations"]);
    let doc: serde_json::Value = serde_json::from_slice(&back.stdout).unwrap();
    assert_eq!(doc["changes"][0]["kind"], "removed", "{dialect}: {doc}");
    db.drop().await;
}

#[tokio::test]
async fn status_check_and_diff_report_drift_on_sqlite() {
    cli(Dialect::Sqlite).await;
}

#[tokio::test]
async fn status_check_and_diff_report_drift_on_postgres() {
    cli(Dialect::Postgres).await;
}

#[tokio::test]
async fn status_check_and_diff_report_drift_on_mysql() {
    cli(Dialect::MySql).await;
}

#[tokio::test]
async fn snapshots_are_saved_listed_shown_and_compared() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    dir.write(1, "create_items", "CREATE TABLE items (id integer NOT NULL PRIMARY KEY, label text);", None);
    let snapshots = dir.path().join("snaps");
    let url = db.url.clone();
    let run = |args: &[&str]| migrate_at(&url, &dir, args).output().unwrap();
    let snaps = snapshots.to_str().unwrap();
    assert!(run(&["up"]).status.success());
    let saved = run(&["--json", "snapshot", "--dir", snaps, "save", "first"]);
    assert!(saved.status.success(), "{}", text(&saved));
    let listed = run(&["--json", "snapshot", "--dir", snaps, "list"]);
    let doc: serde_json::Value = serde_json::from_slice(&listed.stdout).unwrap();
    assert_eq!(doc["snapshots"][0]["name"], "first");
    assert_eq!(doc["snapshots"][0]["applied_version"], 1);
    assert_eq!(doc["snapshots"][0]["tables"], 1);
    let shown = run(&["snapshot", "--dir", snaps, "show", "first"]);
    assert!(String::from_utf8_lossy(&shown.stdout).contains("items (id, label)"));
    db.conn.execute("ALTER TABLE items ADD COLUMN extra integer").await.unwrap();
    let compared = run(&["--json", "snapshot", "--dir", snaps, "diff", "first"]);
    let doc: serde_json::Value = serde_json::from_slice(&compared.stdout).unwrap();
    assert_eq!(doc["changes"][0]["object"], "items.extra", "{doc}");
    let file = doc_file(&snapshots);
    let via_diff = run(&["--json", "diff", "--from", &file, "--to", "database"]);
    let doc: serde_json::Value = serde_json::from_slice(&via_diff.stdout).unwrap();
    assert_eq!(doc["changes"][0]["object"], "items.extra", "{doc}");
    let missing = run(&["snapshot", "--dir", snaps, "show", "nothing"]);
    assert_eq!(missing.status.code(), Some(2));
    db.drop().await;
}

fn doc_file(dir: &std::path::Path) -> String {
    let entry = std::fs::read_dir(dir).unwrap().next().unwrap().unwrap();
    entry.path().to_str().unwrap().to_owned()
}
