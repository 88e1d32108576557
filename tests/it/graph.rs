//! Dependencies as a graph: `up --to` applies a migration's ancestors only, `down` refuses
//! or cascades to what depends on it, and a cycle is an error naming both files.

use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::{migrate_at, text};
use migrate::schema::Dialect;
use std::process::Output;

fn run(db: &TestDb, dir: &Dir, args: &[&str]) -> Output {
    migrate_at(&db.url, dir, args).output().unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// V001 → V002, V003 → V004 (a diamond), V001 → V005 → V006 (V006 declares nothing and
/// follows V005). Each creates `t{v}` and drops it on the way down.
fn diamond(dir: &Dir) {
    for (v, deps) in [(1, ""), (2, "V001"), (3, "V001"), (4, "V002, V003"), (5, "V001"), (6, "")] {
        let header = if deps.is_empty() { String::new() } else { format!("-- Dependencies: {deps}\n") };
        let text = format!(
            "-- Migration: m{v}\n{header}-- === UP Migration ===\nCREATE TABLE t{v} (id integer);\n\
             -- === DOWN Migration ===\nDROP TABLE t{v};\n"
        );
        std::fs::write(dir.path().join(format!("V{v:03}_20250101_m{v}.sql")), text).unwrap();
    }
}

/// The versions applied, in the order they were, and the tables the catalog has.
async fn applied_and_tables(db: &mut TestDb) -> (Vec<String>, Vec<String>) {
    let applied = strings(
        &mut db.conn,
        "SELECT CAST(version AS char(20)) FROM schema_migrations WHERE status = 'applied' ORDER BY id",
    )
    .await;
    let mut tables = Vec::new();
    for v in 1..=6 {
        if db.conn.table_exists(&format!("t{v}")).await.unwrap() {
            tables.push(format!("t{v}"));
        }
    }
    (applied.iter().map(|v| v.trim().to_owned()).collect(), tables)
}

async fn up_to_a_leaf_runs_its_ancestors_and_down_refuses_or_cascades(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let dir = Dir::new();
    diamond(&dir);

    let up = run(&db, &dir, &["up", "--to", "5"]);
    assert!(up.status.success(), "{}", text(&up));
    assert_eq!(applied_and_tables(&mut db).await, (vec!["1".into(), "5".into()], vec!["t1".into(), "t5".into()]));
    // V002..V004 are on another branch than V005: not out of order.
    let up = run(&db, &dir, &["up", "--to", "4"]);
    assert!(up.status.success(), "{}", text(&up));
    let (applied, _) = applied_and_tables(&mut db).await;
    assert_eq!(applied, ["1", "5", "2", "3", "4"]);
    let status = run(&db, &dir, &["status", "--check"]);
    assert_eq!(status.status.code(), Some(3), "V006 is pending: {}", text(&status));
    assert!(run(&db, &dir, &["up"]).status.success());

    // The root: everything depends on it.
    let refused = run(&db, &dir, &["down", "--only", "1", "--yes"]);
    assert_eq!(refused.status.code(), Some(1), "{}", text(&refused));
    assert!(
        stderr(&refused).contains("V001 m1 cannot be rolled back while V002, V003, V004, V005, V006 are applied"),
        "{}",
        text(&refused)
    );
    let refused = run(&db, &dir, &["down", "--only", "2", "--yes"]);
    assert!(stderr(&refused).contains("while V004 is applied: it depends on it"), "{}", text(&refused));
    assert_eq!(applied_and_tables(&mut db).await.1.len(), 6, "nothing was rolled back");

    let cascade = run(&db, &dir, &["--json", "down", "--only", "2", "--cascade", "--yes"]);
    assert!(cascade.status.success(), "{}", text(&cascade));
    let report: serde_json::Value = serde_json::from_slice(&cascade.stdout).unwrap();
    let rolled: Vec<u64> =
        report["rolled_back"].as_array().unwrap().iter().map(|d| d["version"].as_u64().unwrap()).collect();
    assert_eq!(rolled, [4, 2], "{report}");
    assert_eq!(applied_and_tables(&mut db).await.1, ["t1", "t3", "t5", "t6"]);
    // V003 no longer has an applied dependant.
    let alone = run(&db, &dir, &["down", "--only", "3", "--yes"]);
    assert!(alone.status.success(), "{}", text(&alone));
    assert_eq!(applied_and_tables(&mut db).await.1, ["t1", "t5", "t6"]);
    let not_applied = run(&db, &dir, &["down", "--only", "3", "--yes"]);
    assert!(stderr(&not_applied).contains("V003 is not applied to this database"), "{}", text(&not_applied));
    db.drop().await;
}

on_every_database!(up_to_a_leaf_runs_its_ancestors_and_down_refuses_or_cascades);

#[tokio::test]
async fn graph_draws_a_diamond_with_each_migrations_status() {
    let Some(db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    diamond(&dir);
    assert!(run(&db, &dir, &["up", "--to", "2"]).status.success());
    let o = run(&db, &dir, &["--json", "graph"]);
    assert!(o.status.success(), "{}", text(&o));
    let doc: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    let statuses: Vec<&str> = doc["nodes"].as_array().unwrap().iter().map(|n| n["status"].as_str().unwrap()).collect();
    assert_eq!(statuses, ["applied", "applied", "pending", "pending", "pending", "pending"]);
    let edges = doc["edges"].as_array().unwrap();
    assert_eq!(edges.len(), 6);
    assert!(edges.contains(&serde_json::json!({"from": 5, "to": 6, "declared": false})), "{doc}");
    let tree = stdout(&run(&db, &dir, &["graph"]));
    assert_eq!(
        tree,
        "V001 m1 [applied]\n├── V002 m2 [applied]\n├── V003 m3 [pending]\n│   └── V004 m4 [pending]  (also after V002)\n\
         └── V005 m5 [pending]\n    V006 m6 [pending]\n"
    );
    let dot = stdout(&run(&db, &dir, &["graph", "--dot"]));
    assert!(dot.starts_with("digraph migrations {") && dot.contains("v2 -> v4;") && dot.contains("v3 -> v4;"), "{dot}");
    assert!(dot.contains("v5 -> v6 [style=dashed];"), "{dot}");
    db.drop().await;
}

#[tokio::test]
async fn a_cycle_or_a_dependency_on_a_missing_version_is_an_error_naming_the_files() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let dir = Dir::new();
    let file = |v: u64, deps: &str| {
        let text = format!("-- Dependencies: {deps}\n-- === UP Migration ===\nCREATE TABLE t{v} (id integer);\n");
        std::fs::write(dir.path().join(format!("V{v:03}_20250101_m{v}.sql")), text).unwrap();
    };
    file(3, "V005");
    file(5, "V003");
    let o = run(&db, &dir, &["status"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    let e = stderr(&o);
    assert!(
        e.contains("a dependency cycle") && e.contains("V003_20250101_m3.sql") && e.contains("V005_20250101_m5.sql"),
        "{e}"
    );
    assert_eq!(e.matches("dependency cycle").count(), 1, "said once: {e}");
    std::fs::remove_file(dir.path().join("V003_20250101_m3.sql")).unwrap();
    file(5, "V004");
    let o = run(&db, &dir, &["up"]);
    assert_eq!(o.status.code(), Some(2), "{}", text(&o));
    assert!(stderr(&o).contains("depends on V004, which does not exist"), "{}", text(&o));
    assert!(!db.conn.table_exists("t5").await.unwrap(), "nothing ran");
    db.drop().await;
}
