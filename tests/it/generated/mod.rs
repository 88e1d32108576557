//! Generated migrations: the Rust code `codegen` writes for a diff is committed here and
//! compiled with this binary, a test checks that it is what the generator writes today,
//! and another runs it to check that it leads from the old schema to the new one.
//!
//! After a deliberate change to the generator, regenerate with
//! `UPDATE_GENERATED=1 cargo test -p migrate-tests --test it generated`, and read the diff.

#[rustfmt::skip]
mod portable;

use migrate::schema::codegen;
use migrate::schema::{
    ColumnType, Decimal, DiffOptions, NativeObject, Op, Rename, Schema, SchemaModel, Timestamp, TimestampTz, Uuid, diff,
};
use std::path::Path;

/// Compares `code` with the committed file `name` in this directory (or rewrites it when
/// `UPDATE_GENERATED` is set).
pub(crate) fn assert_generated(name: &str, code: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("it/generated").join(name);
    if std::env::var_os("UPDATE_GENERATED").is_some() {
        std::fs::write(&path, code).unwrap();
        return;
    }
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    assert!(
        committed == code,
        "{} is not what the generator writes now; rerun with UPDATE_GENERATED=1 and review the diff.\n--- generated:\n{code}",
        path.display()
    );
}

fn old_schema(s: &mut Schema) {
    s.create_table("users", |t| {
        t.id("id");
        t.column::<String>("email").max_len(255).unique();
        t.column::<Option<String>>("name");
        t.column::<bool>("active").default(true);
        t.column::<i32>("score").default(0);
        t.column::<TimestampTz>("created_at").default_now();
    });
    s.create_table("posts", |t| {
        t.id("id");
        t.column::<i64>("user_id").references("users", "id").on_delete(migrate::schema::ForeignKeyAction::Cascade);
        t.column::<String>("title").max_len(200);
        t.column::<String>("body");
        t.enumeration("status", &["draft", "published"]).default_expr("'draft'");
        t.index(&["user_id"]);
        t.check("length(title) > 0").name("posts_title_not_empty");
    });
    s.create_table("legacy", |t| {
        t.id("id");
        t.column::<Option<Vec<u8>>>("payload");
    });
}

/// Every kind of change the diff makes: tables, columns and constraints added, dropped,
/// renamed and changed, with every column type, default form and naming the builder has.
fn new_schema(s: &mut Schema) {
    old_schema(s);
    s.create_table("tags", |t| {
        t.column::<i32>("id").auto_increment().primary_key();
        t.column::<String>("label").max_len(50).unique();
        t.column::<Option<String>>("color").fixed_len(7).default("#ffffff");
        t.column::<f64>("weight").default(1.5);
        t.column::<Decimal<10, 2>>("price").default_expr("0.00");
        t.column::<Option<Uuid>>("uuid");
        t.column::<Option<migrate::schema::Json>>("meta");
        t.column::<Option<migrate::schema::Date>>("born");
        t.column::<Option<migrate::schema::Time>>("at");
        t.column::<Option<Timestamp>>("seen").default_now();
        t.column::<Option<Vec<u8>>>("raw").default(Some(vec![1, 2]));
        t.column::<Option<i16>>("rank").default(Some(3));
        t.column_of_type("addr", ColumnType::Native { sql: "inet".into() }).nullable();
        t.comment("Labels for \"posts\"");
    });
    s.create_table("post_tags", |t| {
        t.column::<i64>("post_id");
        t.column::<i32>("tag_id");
        t.primary_key(&["post_id", "tag_id"]);
        t.foreign_key(&["post_id"], "posts", &["id"]).on_delete(migrate::schema::ForeignKeyAction::Cascade);
        t.foreign_key(&["tag_id"], "tags", &["id"])
            .name("fk_tag")
            .on_update(migrate::schema::ForeignKeyAction::Restrict);
        t.index(&["tag_id", "post_id"]).name("post_tags_by_tag").unique();
        t.check("post_id > 0");
    });
    s.add_column::<Option<String>>("users", "bio").max_len(500).comment("Shown on the profile");
    s.add_column::<i16>("users", "level").default(1);
    s.add_column_of_type(
        "users",
        "mood",
        ColumnType::Enum { name: "mood".into(), values: vec!["happy".into(), "it's fine".into()] },
    )
    .nullable();
    s.alter_column("users", "name")
        .set_column_type(ColumnType::Varchar { len: 100 })
        .not_null()
        .set_default("anon".to_owned());
    s.alter_column("users", "score").drop_default().set_column_type(ColumnType::BigInt);
    s.alter_column("users", "active").set_default(false);
    s.rename_column("posts", "body", "content");
    s.create_index("posts", &["title"]).name("posts_published_title").predicate("status = 'published'");
    s.drop_index("posts", "idx_posts_user_id");
    s.drop_check("posts", "posts_title_not_empty");
    s.add_unique("users", &["name", "email"]);
    s.add_check("users", "score >= 0").name("users_score_positive");
    s.add_foreign_key("posts", &["title"], "tags", &["label"]).name("posts_title_tag");
    s.rename_table("legacy", "archive");
    s.drop_column("archive", "payload");
    s.add_column::<Option<i64>>("archive", "moved_from").default(Some(5_000_000_000));
}

/// The operations the generated migration in module `module` records.
pub(crate) fn schema_of(module: &str) -> Schema {
    let suffix = format!("::generated::{module}");
    let registered = migrate::registered().unwrap();
    let m = registered.iter().find(|m| m.module.ends_with(&suffix)).expect("the generated migration is registered");
    let mut s = Schema::new();
    match m.up {
        migrate::MigrationFn::Schema(f) => f(&mut s),
        _ => panic!("generated migrations record operations"),
    }
    s
}

fn models() -> (SchemaModel, SchemaModel) {
    let (mut old, mut new) = (Schema::new(), Schema::new());
    old_schema(&mut old);
    new_schema(&mut new);
    let mut target = SchemaModel::from_ops(new.ops()).unwrap();
    target.natives.push(NativeObject {
        kind: "view".into(),
        name: "recent_posts".into(),
        table: None,
        sql: "CREATE VIEW \"recent_posts\" AS SELECT * FROM posts\nWHERE id > 10".into(),
        drop: "DROP VIEW \"recent_posts\"".into(),
    });
    (SchemaModel::from_ops(old.ops()).unwrap(), target)
}

fn generated_ops() -> Vec<Op> {
    let (old, new) = models();
    let renames = vec![
        Rename::Table { from: "legacy".into(), to: "archive".into() },
        Rename::Column { table: "posts".into(), from: "body".into(), to: "content".into() },
    ];
    let d = diff(&old, &new, &DiffOptions { renames }).unwrap();
    assert!(d.is_complete(), "{:#?}", d.changes);
    d.ops
}

#[test]
fn the_committed_rust_migration_is_what_the_generator_writes() {
    let ops = generated_ops();
    let kinds: std::collections::BTreeSet<String> =
        ops.iter().map(|o| serde_json::to_value(o).unwrap()["op"].as_str().unwrap().to_owned()).collect();
    for kind in [
        "create_table",
        "rename_table",
        "add_column",
        "drop_column",
        "rename_column",
        "alter_column",
        "create_index",
        "drop_index",
        "add_foreign_key",
        "add_unique",
        "add_check",
        "drop_check",
        "sql",
    ] {
        assert!(kinds.contains(kind), "the diff has no {kind}: {kinds:?}");
    }
    assert_generated("portable.rs", &codegen::rust_migration(900, "catalogue and tags", &ops, None, &[]));
}

#[test]
fn the_generated_rust_migration_leads_from_the_old_schema_to_the_new() {
    let (old, mut new) = models();
    let s = schema_of("portable");
    let mut replayed = old.clone();
    for op in s.ops() {
        replayed.apply(op).unwrap();
    }
    assert!(s.ops().iter().any(|o| matches!(o, Op::Sql { .. })), "the view is created with raw SQL");
    new.natives.clear(); // raw SQL does not change the model
    assert_eq!(replayed, new);
}

mod base;
mod copies;
mod from_db;
#[rustfmt::skip]
mod mysql;
#[rustfmt::skip]
mod postgres;
#[rustfmt::skip]
mod sqlite;
mod template;
