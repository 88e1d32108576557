//! `squash --to 50` on a 60-migration chain (tables, columns, indexes, foreign keys,
//! renames, drops, a data migration, SQL files and Rust): a fresh database from the squash
//! and V051..V060 has the catalog of one built from all 60; databases at V020, V050 and
//! V060 before the squash reach V060 after it with nothing run twice; `--prune` refuses
//! while a database part-way through is listed.

use crate::db::{TestDb, catalog, strings};
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::prelude::*;
use migrate::schema::Dialect;
use migrate::{DownTarget, MigrationFn, Migrator, RustMigration, UpTarget};

fn rust_items(s: &mut Schema) {
    s.create_table("rust_items", |t| {
        t.id("id");
        t.column::<String>("label").max_len(40);
    });
}

fn rust_items_qty(s: &mut Schema) {
    s.add_column::<Option<i32>>("rust_items", "qty");
}

const fn rust(version: u64, name: &'static str, up: fn(&mut Schema)) -> RustMigration {
    RustMigration {
        version,
        name,
        up: MigrationFn::Schema(up),
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
    }
}

static V005: RustMigration = rust(5, "rust items", rust_items);
static V040: RustMigration = rust(40, "rust items qty", rust_items_qty);
static RUST: [&RustMigration; 2] = [&V005, &V040];

/// The sixty migrations' SQL (V005 and V040 are Rust).
fn chain(dir: &Dir) {
    let tables = ["t2", "t3", "t4", "t6", "t7", "t8"];
    let mut sql: Vec<(u64, String)> = Vec::new();
    sql.push((1, "CREATE TABLE t1 (id integer NOT NULL PRIMARY KEY, name varchar(50))".into()));
    for k in [2, 3, 4, 6, 7, 8, 9, 10] {
        sql.push((
            k,
            format!(
                "CREATE TABLE t{k} (id integer NOT NULL PRIMARY KEY, name varchar(50), parent_id integer, \
                 FOREIGN KEY (parent_id) REFERENCES t1 (id))"
            ),
        ));
    }
    for v in 11..=20 {
        sql.push((v, format!("ALTER TABLE {} ADD COLUMN c{v} integer", tables[v as usize % tables.len()])));
    }
    for v in 21..=25 {
        let t = tables[v as usize % tables.len()];
        sql.push((v, format!("CREATE INDEX ix_{v} ON {t} (name)")));
    }
    sql.push((26, "ALTER TABLE t10 RENAME TO t10_renamed".into()));
    sql.push((27, "ALTER TABLE t2 RENAME COLUMN c12 TO c12_renamed".into()));
    sql.push((28, "ALTER TABLE t3 DROP COLUMN c13".into()));
    sql.push((29, "DROP TABLE t9".into()));
    sql.push((30, "INSERT INTO t1 (id, name) VALUES (1, 'root')".into()));
    for v in 31..=39 {
        sql.push((v, format!("ALTER TABLE {} ADD COLUMN d{v} varchar(20)", tables[v as usize % tables.len()])));
    }
    for v in 41..=50 {
        sql.push((
            v,
            format!(
                "CREATE TABLE u{v} (id integer NOT NULL PRIMARY KEY, t1_id integer NOT NULL, note varchar(30), \
                 FOREIGN KEY (t1_id) REFERENCES t1 (id))"
            ),
        ));
    }
    for v in 51..=60 {
        sql.push((v, format!("ALTER TABLE u{} ADD COLUMN e{v} integer", v - 10)));
    }
    for (v, up) in sql {
        let down = (v > 50).then(|| format!("ALTER TABLE u{} DROP COLUMN e{v};", v - 10));
        dir.write(v, &format!("m{v}"), &format!("{up};"), down.as_deref());
    }
}

fn migrator(dir: &Dir) -> Migrator {
    crate::engine::migrator(dir, &RUST)
}

/// The catalog without the tables the tool keeps dropped rows in (the originals' drops
/// kept them; a squash drops nothing).
async fn schema(db: &mut TestDb) -> Vec<String> {
    catalog(&mut db.conn).await.into_iter().filter(|l| !l.contains("schema_migrations_kept")).collect()
}

/// `actual` against `expected`, naming only the lines that differ.
fn same(actual: &[String], expected: &[String], what: &str) {
    let missing: Vec<&String> = expected.iter().filter(|l| !actual.contains(l)).collect();
    let extra: Vec<&String> = actual.iter().filter(|l| !expected.contains(l)).collect();
    assert!(missing.is_empty() && extra.is_empty(), "{what}: missing {missing:#?}, extra {extra:#?}");
}

fn versions(report: &migrate::Report) -> Vec<u64> {
    report.applied.iter().map(|d| d.version).collect()
}

/// No version recorded twice, and the squash's row in place of V050's.
async fn history_once(db: &mut TestDb) {
    let twice = strings(
        &mut db.conn,
        "SELECT CAST(version AS char(20)) FROM schema_migrations GROUP BY version HAVING COUNT(*) > 1",
    )
    .await;
    assert!(twice.is_empty(), "{twice:?}");
    let name = strings(&mut db.conn, "SELECT name FROM schema_migrations WHERE version = 50").await;
    assert_eq!(name, ["squash of V001..V050"]);
}

async fn a_squash_replaces_fifty_migrations_on_every_kind_of_database(dialect: Dialect) {
    let Some(mut full) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    chain(&dir);
    let originals = migrator(&dir);
    assert_eq!(originals.migrations().len(), 60);
    assert_eq!(versions(&originals.up(&mut full.conn, UpTarget::default()).await.unwrap()).len(), 60);
    let mut at = Vec::new();
    for to in [20, 50, 60] {
        let mut db = TestDb::new(dialect).await.unwrap();
        originals.up(&mut db.conn, UpTarget { to: Some(to), step: None }).await.unwrap();
        at.push((to, db));
    }

    let refused = originals.squash(dialect, Some(&full.url), 50, false, false).await.unwrap_err();
    assert!(refused.to_string().contains("V030 m30"), "{refused}");
    assert!(refused.to_string().contains("--drop-data"), "{refused}");
    let squash = originals.squash(dialect, Some(&full.url), 50, false, true).await.unwrap();
    assert_eq!((squash.first, squash.dropped.len()), (1, 1), "{squash:?}");
    assert!(squash.text.contains("-- Replaces: V001..V050"), "{}", squash.text);
    std::fs::write(dir.path().join(&squash.file_name), &squash.text).unwrap();

    // Part-way: the database at V020 still needs V021..V050.
    let prune = migrate_at(&at[0].1.url, &dir, &["squash", "--prune"]).output().unwrap();
    assert_eq!(prune.status.code(), Some(2), "{}", text(&prune));
    assert!(String::from_utf8_lossy(&prune.stderr).contains("this database is at V020"), "{}", text(&prune));

    let squashed = migrator(&dir);
    let mut fresh = TestDb::new(dialect).await.unwrap();
    let report = squashed.up(&mut fresh.conn, UpTarget::default()).await.unwrap();
    assert_eq!(versions(&report), [50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60], "only the squash, then the rest");
    let expected = schema(&mut full).await;
    same(&schema(&mut fresh).await, &expected, &format!("{dialect}: the squash builds what the sixty built"));

    for (to, db) in &mut at {
        let report = squashed.up(&mut db.conn, UpTarget::default()).await.unwrap();
        let want: Vec<u64> = (*to + 1..=60).collect();
        assert_eq!(versions(&report), want, "{dialect}: from V{to}");
        same(&schema(db).await, &expected, &format!("{dialect}: from V{to}"));
        history_once(db).await;
        let status = squashed.status(&mut db.conn).await.unwrap();
        assert!(status.problems.is_empty(), "{dialect}: from V{to}: {:?}", status.problems);
        assert!(status.migrations.iter().all(|m| m.status == "applied"), "{:?}", status.migrations);
        let audit = strings(&mut db.conn, "SELECT detail FROM schema_migrations_audit WHERE action = 'squash'").await;
        assert_eq!(audit.len(), 1, "{audit:?}");
        assert!(squashed.up(&mut db.conn, UpTarget::default()).await.unwrap().applied.is_empty());
    }
    // Rolling back into the squash is refused; nothing changes.
    let into = squashed.down(&mut at[0].1.conn, DownTarget::To(20)).await.unwrap_err();
    assert!(into.to_string().contains("roll back to V000 or to V050"), "{into}");

    let mut args = vec!["squash", "--prune"];
    let urls: Vec<String> = at.iter().map(|(_, db)| db.url.clone()).chain([fresh.url.clone()]).collect();
    for url in &urls {
        args.extend(["--database", url.as_str()]);
    }
    let prune = migrate_at(&full.url, &dir, &args).output().unwrap();
    assert!(prune.status.success(), "{}", text(&prune));
    let left = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(left, 11, "the squash and V051..V060");
    let pruned = migrator(&dir);
    for db in at.iter_mut().map(|(_, db)| db).chain([&mut full, &mut fresh]) {
        let status = pruned.status(&mut db.conn).await.unwrap();
        assert!(status.problems.is_empty(), "{dialect}: after --prune: {:?}", status.problems);
        assert!(pruned.up(&mut db.conn, UpTarget::default()).await.unwrap().applied.is_empty());
    }
    // The squash rolls back whole, and the rows it stood for with it.
    let down = pruned.down(&mut fresh.conn, DownTarget::To(0)).await.unwrap();
    assert_eq!(down.rolled_back.len(), 11);
    let applied = strings(&mut fresh.conn, "SELECT name FROM schema_migrations WHERE status = 'applied'").await;
    assert!(applied.is_empty(), "{applied:?}");
    assert!(!fresh.conn.table_exists("t1").await.unwrap() && !fresh.conn.table_exists("u50").await.unwrap());
    for (_, db) in at {
        db.drop().await;
    }
    full.drop().await;
    fresh.drop().await;
}

on_every_database!(a_squash_replaces_fifty_migrations_on_every_kind_of_database);
