//! Each other tool's history adopted, and what stops an import.

use super::tools::{
    DBMATE, DIESEL, FLYWAY, FLYWAY_BASELINE, GOLANG_MIGRATE, GOOSE, LARAVEL, RAILS, REFINERY, SEA_ORM, Tool, bool_lit,
};
use super::{T1, T2, exec, json, migrate, new_migration, statuses, tables, write};
use crate::db::{TestDb, strings};
use crate::engine::Dir;
use crate::process::text;
use migrate::schema::Dialect;
use serde_json::Value;

/// `tool`'s directory and history on a database whose schema the tool built: the import
/// adopts both applied migrations, the next `up` runs only the one added after it.
async fn adopted(tool: &Tool, dialect: Dialect) {
    adopted_with(tool, dialect, None).await
}

/// [`adopted`] in a project whose migrate.toml says `settings`.
async fn adopted_with(tool: &Tool, dialect: Dialect, settings: Option<&str>) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    if let Some(text) = settings {
        std::fs::write(work.path().join("migrate.toml"), text).unwrap();
    }
    write(src.path(), tool.files);
    exec(&mut db, T1.trim()).await;
    exec(&mut db, T2.trim()).await;
    for sql in (tool.ddl)(dialect) {
        exec(&mut db, sql).await;
    }
    for sql in (tool.rows)(dialect) {
        exec(&mut db, &sql).await;
    }
    let source_table = strings_of_table(&mut db, tool).await;
    let o = migrate(&db, &work, &["--json", "import", "--from", tool.name, "--dir", src.path().to_str().unwrap()]);
    assert!(o.status.success(), "{}: {}", tool.name, text(&o));
    let doc = json(&o);
    assert_eq!(doc["adopted"]["recorded"], serde_json::json!(tool.versions), "{}: {doc}", tool.name);
    if tool.clash && settings.is_none() {
        assert_eq!(doc["history_table"], "migrate_history", "{}", tool.name);
        let settings = std::fs::read_to_string(work.path().join("migrate.toml")).unwrap();
        assert!(settings.contains("history_table = \"migrate_history\""), "{settings}");
    }
    let code = matches!(tool.name, "sea-orm" | "laravel" | "rails");
    let to_port = doc["to_port"].as_array().unwrap();
    assert_eq!(to_port.len(), if code { 2 } else { 0 }, "{}: {doc}", tool.name);
    if code {
        let skeleton = to_port[0]["skeleton"].as_str().unwrap();
        let want = format!("#[migration(version = {}, name = \"create t1", tool.versions[0]);
        assert!(skeleton.contains(&want), "{skeleton}");
    }
    if tool.name == "flyway" {
        let left_out = doc["left_out"].as_array().unwrap();
        assert_eq!(left_out.len(), 1, "{doc}");
        assert!(left_out[0]["file"].as_str().unwrap().ends_with("R__views.sql"), "{doc}");
        // When and by whom Flyway ran V2, as its history says.
        let at = match dialect {
            Dialect::Postgres => "to_char(applied_at AT TIME ZONE 'UTC', 'YYYY-MM-DD HH24:MI:SS')",
            Dialect::MySql => "DATE_FORMAT(applied_at, '%Y-%m-%d %H:%i:%s')",
            Dialect::Sqlite => "applied_at",
        };
        let sql = format!("SELECT {at} FROM schema_migrations WHERE version = 2");
        assert_eq!(strings(&mut db.conn, &sql).await, ["2024-01-02 03:04:06"], "flyway");
        let by = strings(&mut db.conn, "SELECT applied_by FROM schema_migrations WHERE version = 2").await;
        assert_eq!(by, ["bob"]);
        let audit = strings(&mut db.conn, "SELECT detail FROM schema_migrations_audit WHERE action = 'import'").await;
        assert!(
            audit.iter().any(|d| d.starts_with("adopted from flyway: applied at 2024-01-02 03:04:06 UTC by bob")),
            "{audit:?}"
        );
    }
    // The tool's table is left as it was.
    assert_eq!(strings_of_table(&mut db, tool).await, source_table, "{}", tool.name);

    new_migration(&work, tool.next);
    let up = migrate(&db, &work, &["up"]);
    assert!(up.status.success(), "{}: {}", tool.name, text(&up));
    let all = statuses(&db, &work);
    let want: Vec<(u64, String, Option<i64>)> = vec![
        (tool.versions[0], "applied".into(), Some(0)),
        (tool.versions[1], "applied".into(), Some(0)),
        (tool.next, "applied".into(), Some(1)),
    ];
    assert_eq!(all, want, "{}", tool.name);
    let all_tables = tables(&mut db).await;
    assert!(all_tables.contains(&"t3".to_owned()), "{}", tool.name);
    if settings.is_some() {
        assert!(all_tables.contains(&"app_history".to_owned()), "{}: {all_tables:?}", tool.name);
        assert_eq!(doc["history_table"], Value::Null, "{}", tool.name);
    }
    let validate = migrate(&db, &work, &["validate"]);
    assert!(validate.status.success(), "{}: {}", tool.name, text(&validate));
    db.drop().await;
}

/// The tool's history rows, as text: to see that the import left them alone.
async fn strings_of_table(db: &mut TestDb, tool: &Tool) -> Vec<String> {
    let table = match tool.name {
        "diesel" => "__diesel_schema_migrations",
        "refinery" => "refinery_schema_history",
        "flyway" => "flyway_schema_history",
        "goose" => "goose_db_version",
        "sea-orm" => "seaql_migrations",
        "laravel" => "migrations",
        _ => "schema_migrations",
    };
    let sql = match db.conn.dialect() {
        Dialect::MySql => format!("SELECT CAST(COUNT(*) AS char) FROM {table}"),
        _ => format!("SELECT CAST(COUNT(*) AS text) FROM {table}"),
    };
    strings(&mut db.conn, &sql).await
}

async fn diesel_history_is_adopted(d: Dialect) {
    adopted(&DIESEL, d).await
}
async fn refinery_history_is_adopted(d: Dialect) {
    adopted(&REFINERY, d).await
}
async fn flyway_history_is_adopted(d: Dialect) {
    adopted(&FLYWAY, d).await
}
async fn flyway_baseline_counts_what_came_before_it(d: Dialect) {
    adopted(&FLYWAY_BASELINE, d).await
}
async fn golang_migrate_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&GOLANG_MIGRATE, d).await
}
async fn golang_migrate_history_goes_to_the_history_table_the_settings_name(d: Dialect) {
    adopted_with(&GOLANG_MIGRATE, d, Some("history_table = \"app_history\"\n")).await;
}
async fn goose_history_is_adopted(d: Dialect) {
    adopted(&GOOSE, d).await
}
async fn dbmate_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&DBMATE, d).await
}
async fn sea_orm_history_is_adopted_and_its_code_listed(d: Dialect) {
    adopted(&SEA_ORM, d).await
}
async fn laravel_history_is_adopted_and_its_code_listed(d: Dialect) {
    adopted(&LARAVEL, d).await
}
async fn rails_history_is_adopted_under_another_name(d: Dialect) {
    adopted(&RAILS, d).await
}

/// The tool's setup with `change` made to it before the import, which must fail with exit
/// 1 and a message containing `expect`, leaving no history of ours.
async fn refused(tool: &Tool, dialect: Dialect, change: &str, edit: Option<(&str, &str)>, expect: &[&str]) {
    let Some(mut db) = TestDb::new(dialect).await else { return };
    let (work, src) = (Dir::new(), Dir::new());
    write(src.path(), tool.files);
    if let Some((file, body)) = edit {
        std::fs::write(src.path().join(file), body).unwrap();
    }
    for sql in (tool.ddl)(dialect) {
        exec(&mut db, sql).await;
    }
    for sql in (tool.rows)(dialect) {
        exec(&mut db, &sql).await;
    }
    if !change.is_empty() {
        exec(&mut db, change).await;
    }
    let o = migrate(&db, &work, &["import", "--from", tool.name, "--dir", src.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}: {}", tool.name, text(&o));
    let stderr = String::from_utf8_lossy(&o.stderr);
    for e in expect {
        assert!(stderr.contains(e), "{}: expected {e:?} in {stderr}", tool.name);
    }
    assert!(!work.path().join("migrations").exists(), "{}: nothing was written", tool.name);
    assert!(!tables(&mut db).await.iter().any(|t| t == "migrate_history"), "{}", tool.name);
    db.drop().await;
}

async fn golang_migrate_dirty_version_is_refused(d: Dialect) {
    let dirty = format!("UPDATE schema_migrations SET dirty = {}", bool_lit(d, true));
    refused(&GOLANG_MIGRATE, d, &dirty, None, &["V2 create t2", "dirty = true", "migrate force"]).await
}
async fn flyway_failed_migration_is_refused(d: Dialect) {
    let failed = format!("UPDATE flyway_schema_history SET success = {} WHERE installed_rank = 2", bool_lit(d, false));
    refused(&FLYWAY, d, &failed, None, &["V2 create t2", "success = 0", "flyway repair"]).await
}
async fn flyway_edited_script_is_named(d: Dialect) {
    let edit = ("V2__create_t2.sql", "CREATE TABLE t2 (id bigint PRIMARY KEY);\n");
    refused(&FLYWAY, d, "", Some(edit), &["V2__create_t2.sql", "edited since flyway applied it"]).await
}
async fn refinery_edited_migration_is_named(d: Dialect) {
    let edit = ("V1__create_t1.sql", "CREATE TABLE t1 (id bigint PRIMARY KEY);\n");
    refused(&REFINERY, d, "", Some(edit), &["V1__create_t1.sql", "edited since refinery applied it"]).await
}

on_every_database!(
    diesel_history_is_adopted,
    refinery_history_is_adopted,
    flyway_history_is_adopted,
    flyway_baseline_counts_what_came_before_it,
    golang_migrate_history_is_adopted_under_another_name,
    golang_migrate_history_goes_to_the_history_table_the_settings_name,
    goose_history_is_adopted,
    dbmate_history_is_adopted_under_another_name,
    sea_orm_history_is_adopted_and_its_code_listed,
    laravel_history_is_adopted_and_its_code_listed,
    rails_history_is_adopted_under_another_name,
    golang_migrate_dirty_version_is_refused,
    flyway_failed_migration_is_refused,
    flyway_edited_script_is_named,
    refinery_edited_migration_is_named,
);
