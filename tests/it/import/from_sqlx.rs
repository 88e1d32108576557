//! sqlx itself applies the directory (its `Migrator`), then `migrate import` adopts it.

use super::{exec, json, migrate, new_migration, statuses, tables, write};
use crate::db::TestDb;
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::Dialect;
use std::path::Path;

/// sqlx's own `Migrator` applies `dir` to the test's database.
async fn sqlx_applies(db: &mut TestDb, dir: &Path) {
    let migrator = sqlx::migrate::Migrator::new(dir).await.unwrap();
    match &mut db.conn {
        migrate::Connection::Postgres(c) => migrator.run(&mut **c).await.unwrap(),
        migrate::Connection::MySql(c) => migrator.run(&mut **c).await.unwrap(),
        migrate::Connection::Sqlite(c) => migrator.run(&mut **c).await.unwrap(),
    }
}

pub(super) const FILES: &[(&str, &str)] =
    &[("1_create_t1.sql", super::T1), ("2_create_t2.up.sql", super::T2), ("2_create_t2.down.sql", "DROP TABLE t2;\n")];

async fn sqlx_history_is_adopted_and_up_runs_only_the_new_migration(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), FILES);
    sqlx_applies(&mut db, src.path()).await;
    let src_dir = src.path().to_str().unwrap();

    let imported = migrate(&db, &work, &["--json", "import", "--from", "sqlx", "--dir", src_dir]);
    assert!(imported.status.success(), "{}", text(&imported));
    assert_eq!(json(&imported)["adopted"]["recorded"], serde_json::json!([1, 2]), "{}", text(&imported));
    new_migration(&work, 3);
    let up = migrate(&db, &work, &["up"]);
    assert!(up.status.success(), "{}", text(&up));
    assert_eq!(
        statuses(&db, &work),
        [(1, "applied".into(), Some(0)), (2, "applied".into(), Some(0)), (3, "applied".into(), Some(1))]
    );
    assert!(tables(&mut db).await.contains(&"t3".to_owned()));
    let validate = migrate(&db, &work, &["validate"]);
    assert!(validate.status.success(), "{}", text(&validate));
    // The tool's table is left as it was, and drift says so until it is dropped.
    let check = migrate(&db, &work, &["status", "--check"]);
    assert_eq!(check.status.code(), Some(3), "{}", text(&check));
    assert!(String::from_utf8_lossy(&check.stdout).contains("_sqlx_migrations"), "{}", text(&check));
    // An import run again adopts nothing new; --drop-source then drops sqlx's table.
    let again =
        migrate(&db, &work, &["--yes", "--json", "import", "--from", "sqlx", "--dir", src_dir, "--drop-source"]);
    assert!(again.status.success(), "{}", text(&again));
    assert_eq!(json(&again)["adopted"]["already"], serde_json::json!([1, 2]), "{}", text(&again));
    assert!(!tables(&mut db).await.contains(&"_sqlx_migrations".to_owned()));
    let check = migrate(&db, &work, &["status", "--check"]);
    assert!(check.status.success(), "{}", text(&check));
    // The adopted V2 kept its down: rolling back two migrations drops t3, then t2.
    let down = migrate(&db, &work, &["--yes", "down", "--step", "2"]);
    assert!(down.status.success(), "{}", text(&down));
    let left = tables(&mut db).await;
    assert!(left.contains(&"t1".to_owned()) && !left.contains(&"t2".to_owned()), "{left:?}");
    db.drop().await;
}

async fn sqlx_import_names_a_file_edited_since_sqlx_applied_it(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), FILES);
    sqlx_applies(&mut db, src.path()).await;
    std::fs::write(src.path().join("2_create_t2.up.sql"), "CREATE TABLE t2 (id bigint PRIMARY KEY);\n").unwrap();

    let o = migrate(&db, &work, &["import", "--from", "sqlx", "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("2_create_t2.up.sql") && stderr.contains("edited since sqlx applied it"), "{stderr}");
    assert!(!stderr.contains("1_create_t1.sql"), "only the edited file is named: {stderr}");
    assert_eq!(stderr.matches("edited since").count(), 1, "said once: {stderr}");
    assert!(!work.path().join("migrations").exists(), "nothing was written");
    assert!(!tables(&mut db).await.contains(&"schema_migrations".to_owned()), "no history was written");
    db.drop().await;
}

async fn sqlx_import_refuses_a_migration_sqlx_did_not_finish(dialect: Dialect) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), FILES);
    sqlx_applies(&mut db, src.path()).await;
    exec(&mut db, "UPDATE _sqlx_migrations SET success = false WHERE version = 2").await;

    let o = migrate(&db, &work, &["import", "--from", "sqlx", "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("V2 create t2") && stderr.contains("success = false"), "{stderr}");
    assert!(stderr.contains("migrate resolve"), "{stderr}");
    assert!(!tables(&mut db).await.contains(&"schema_migrations".to_owned()));
    db.drop().await;
}

on_every_database!(
    sqlx_history_is_adopted_and_up_runs_only_the_new_migration,
    sqlx_import_names_a_file_edited_since_sqlx_applied_it,
    sqlx_import_refuses_a_migration_sqlx_did_not_finish,
);
