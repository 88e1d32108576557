//! Every operation kind, rendered and executed on real databases, then its inverse
//! executed: the database's own catalog (not our model) must show the starting state.

use crate::db::{TestDb, catalog, strings};
use migrate_schema::{Dialect, ForeignKeyAction, Schema, SchemaModel, Step, invert, render_all};

/// The schema every scenario starts from.
fn base() -> Schema {
    let mut s = Schema::new();
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255).unique();
        t.column::<Option<String>>("display_name").max_len(100);
        t.column::<bool>("active").default(true);
        t.column::<i32>("age").default(0);
        t.index(&["display_name"]);
    });
    s.create_table("posts", |t| {
        t.id("id");
        t.column::<i64>("user_id").references("users", "id").on_delete(ForeignKeyAction::Cascade);
        t.column::<String>("title").max_len(200);
        t.column::<Option<String>>("body");
        t.column::<Option<i64>>("editor_id").references("users", "id");
        t.check("length(title) > 0").name("posts_title_not_empty");
    });
    s
}

/// One change per operation kind, each applied to [`base`].
fn scenarios(dialect: Dialect) -> Vec<(&'static str, Schema)> {
    let mut out: Vec<(&'static str, Schema)> = Vec::new();
    let mut add = |name: &'static str, f: &dyn Fn(&mut Schema)| {
        let mut s = Schema::new();
        f(&mut s);
        out.push((name, s));
    };
    add("create table", &|s| {
        s.create_table("tags", |t| {
            t.column::<String>("slug").max_len(50).primary_key();
            t.column::<i16>("weight").default(1);
            t.column::<f64>("score");
            t.column::<Option<Vec<u8>>>("blob");
        })
    });
    add("drop table", &|s| s.drop_table("posts"));
    add("rename table", &|s| s.rename_table("posts", "articles"));
    add("add column", &|s| {
        s.add_column::<Option<String>>("users", "bio");
    });
    add("add not null column with default", &|s| {
        s.add_column::<i64>("users", "karma").default(0);
    });
    add("drop column", &|s| s.drop_column("users", "display_name"));
    add("drop column with foreign key", &|s| s.drop_column("posts", "editor_id"));
    add("rename column", &|s| s.rename_column("users", "display_name", "nickname"));
    add("rename column a check uses", &|s| s.rename_column("posts", "title", "headline"));
    add("add text and blob columns with literal defaults", &|s| {
        s.add_column::<String>("users", "bio").default("it's me");
        s.add_column::<Vec<u8>>("users", "avatar").default(vec![0u8, 1, 2]);
    });
    add("alter column type", &|s| {
        s.alter_column("users", "age").set_column_type(migrate_schema::ColumnType::BigInt);
    });
    add("alter column nullability", &|s| {
        s.alter_column("posts", "body").not_null();
    });
    add("alter column default", &|s| {
        s.alter_column("users", "age").set_default(18i32);
    });
    add("drop column default", &|s| {
        s.alter_column("users", "active").drop_default();
    });
    add("create index", &|s| {
        s.create_index("posts", &["user_id", "title"]).name("idx_posts_user_title");
    });
    add("create unique index", &|s| {
        s.create_index("posts", &["title"]).unique();
    });
    add("drop index", &|s| s.drop_index("users", "idx_users_display_name"));
    add("add foreign key", &|s| {
        s.add_column::<Option<i64>>("users", "referrer_id");
        s.add_foreign_key("users", &["referrer_id"], "users", &["id"]).on_delete(ForeignKeyAction::SetNull);
    });
    add("drop foreign key", &|s| s.drop_foreign_key("posts", "posts_user_id_fkey"));
    add("add unique", &|s| {
        s.add_unique("posts", &["user_id", "title"]);
    });
    add("drop unique", &|s| s.drop_unique("users", "users_email_key"));
    add("add check", &|s| {
        s.add_check("users", "age >= 0").name("users_age_positive");
    });
    add("drop check", &|s| s.drop_check("posts", "posts_title_not_empty"));
    add("raw sql with down", &|s| {
        s.sql("CREATE VIEW active_users AS SELECT id FROM users WHERE active").down("DROP VIEW active_users");
    });
    if dialect != Dialect::MySql {
        add("partial index", &|s| {
            s.create_index("users", &["email"]).name("idx_active_email").predicate("active");
        });
    }
    out
}

async fn execute(db: &mut TestDb, steps: &[Step], what: &str) {
    db.conn.run_in_transaction(steps).await.unwrap_or_else(|e| panic!("{what}: {e}"));
}

async fn round_trip(dialect: Dialect) {
    let setup = base();
    let start = SchemaModel::from_ops(setup.ops()).expect("base schema is valid");
    let mut count = 0;
    for (name, change) in scenarios(dialect) {
        let Some(mut db) = TestDb::new(dialect).await else { return };
        let plan = render_all(dialect, &SchemaModel::new(), setup.ops()).expect("render base");
        execute(&mut db, &plan.steps, "base").await;
        db.conn
            .execute("INSERT INTO users (email, display_name) VALUES ('a@x.org', 'A'), ('b@x.org', NULL)")
            .await
            .unwrap();
        db.conn.execute("INSERT INTO posts (user_id, title, body) VALUES (1, 'hello', 'text')").await.unwrap();
        let before = catalog(&mut db.conn).await;

        let up = render_all(dialect, &start, change.ops()).unwrap_or_else(|e| panic!("{dialect} {name}: {e}"));
        execute(&mut db, &up.steps, &format!("{dialect} {name} (up)")).await;
        let changed = catalog(&mut db.conn).await;
        assert_ne!(before, changed, "{dialect} {name}: the change left the catalog as it was");
        crate::introspect::assert_matches(&mut db.conn, &up.after, &format!("{dialect} {name} (up)")).await;

        let down_ops = invert(&start, change.ops()).unwrap_or_else(|e| panic!("{dialect} {name}: {e}"));
        let down = render_all(dialect, &up.after, &down_ops).unwrap_or_else(|e| panic!("{dialect} {name}: {e}"));
        assert_eq!(down.after, start, "{dialect} {name}: the model did not come back");
        execute(&mut db, &down.steps, &format!("{dialect} {name} (down)")).await;
        let after = catalog(&mut db.conn).await;
        assert_eq!(before, after, "{dialect} {name}: the catalog did not come back");
        crate::introspect::assert_matches(&mut db.conn, &start, &format!("{dialect} {name} (down)")).await;
        let users = strings(&mut db.conn, "SELECT CAST(COUNT(*) AS char(10)) FROM users").await;
        assert_eq!(
            users.iter().map(|s| s.trim()).collect::<Vec<_>>(),
            ["2"],
            "{dialect} {name}: rows of users were lost"
        );
        db.drop().await;
        count += 1;
    }
    eprintln!("{dialect}: {count} operation kinds executed and inverted");
}

#[tokio::test]
async fn every_operation_and_its_inverse_restore_the_sqlite_catalog() {
    round_trip(Dialect::Sqlite).await;
}

#[tokio::test]
async fn every_operation_and_its_inverse_restore_the_postgres_catalog() {
    round_trip(Dialect::Postgres).await;
}

#[tokio::test]
async fn every_operation_and_its_inverse_restore_the_mysql_catalog() {
    round_trip(Dialect::MySql).await;
}

#[tokio::test]
async fn sqlite_rebuild_keeps_rows_indexes_and_triggers() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let setup = base();
    let plan = render_all(Dialect::Sqlite, &SchemaModel::new(), setup.ops()).unwrap();
    execute(&mut db, &plan.steps, "base").await;
    db.conn.execute("INSERT INTO users (email, display_name) VALUES ('a@x.org', 'A'), ('b@x.org', 'B')").await.unwrap();
    db.conn.execute("INSERT INTO posts (user_id, title) VALUES (1, 'one'), (2, 'two')").await.unwrap();
    db.conn
        .execute("CREATE TRIGGER users_touch AFTER UPDATE ON users BEGIN UPDATE users SET age = age + 1 WHERE id = NEW.id AND NEW.age = OLD.age; END")
        .await
        .unwrap();
    let mut change = Schema::new();
    change.alter_column("users", "display_name").not_null();
    let start = SchemaModel::from_ops(setup.ops()).unwrap();
    let up = render_all(Dialect::Sqlite, &start, change.ops()).unwrap();
    assert!(matches!(up.steps[..], [Step::Rebuild(_)]));
    execute(&mut db, &up.steps, "rebuild").await;
    assert_eq!(strings(&mut db.conn, "SELECT email FROM users ORDER BY id").await, ["a@x.org", "b@x.org"]);
    assert_eq!(strings(&mut db.conn, "SELECT title FROM posts ORDER BY id").await, ["one", "two"]);
    let objects = strings(
        &mut db.conn,
        "SELECT name FROM sqlite_schema WHERE type IN ('index', 'trigger') AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .await;
    assert_eq!(objects, ["idx_users_display_name", "users_touch"]);
    // Foreign keys from posts still point at the rebuilt table and are enforced.
    assert!(db.conn.execute("INSERT INTO posts (user_id, title) VALUES (99, 'orphan')").await.is_err());
    db.drop().await;
}

#[tokio::test]
async fn sqlite_rebuild_that_would_break_a_foreign_key_fails_and_changes_nothing() {
    let Some(mut db) = TestDb::new(Dialect::Sqlite).await else { return };
    let setup = base();
    execute(&mut db, &render_all(Dialect::Sqlite, &SchemaModel::new(), setup.ops()).unwrap().steps, "base").await;
    db.conn.execute("INSERT INTO users (email, display_name) VALUES ('a@x.org', NULL)").await.unwrap();
    let before = catalog(&mut db.conn).await;
    let mut change = Schema::new();
    change.alter_column("users", "display_name").not_null();
    let start = SchemaModel::from_ops(setup.ops()).unwrap();
    let up = render_all(Dialect::Sqlite, &start, change.ops()).unwrap();
    let err = db.conn.run_in_transaction(&up.steps).await.expect_err("NULL display_name cannot become NOT NULL");
    assert!(err.to_string().contains("NOT NULL"), "{err}");
    assert_eq!(before, catalog(&mut db.conn).await);
    assert_eq!(strings(&mut db.conn, "SELECT email FROM users").await, ["a@x.org"]);
    db.drop().await;
}
