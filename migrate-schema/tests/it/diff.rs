//! Diff: the operations between two schemas, in an order replay accepts, and the report of
//! the changes they make.

use crate::fixtures::{applied, blog, model};
use crate::generate;
use migrate_schema::{
    ChangeKind, ColumnType, Diff, DiffOptions, NativeObject, Op, PrimaryKey, Rename, Schema, SchemaError, SchemaModel,
    Table, diff,
};
use proptest::prelude::*;

/// The schema `build` makes from nothing.
fn build(build: impl FnOnce(&mut Schema)) -> SchemaModel {
    let mut s = Schema::new();
    build(&mut s);
    model(&s)
}

/// `before` changed by what `build` records.
fn changed(before: &SchemaModel, build: impl FnOnce(&mut Schema)) -> SchemaModel {
    let mut s = Schema::new();
    build(&mut s);
    applied(before, s.ops())
}

/// The diff without hints, checked to replay from `from` to `to`.
fn diff_of(from: &SchemaModel, to: &SchemaModel) -> Diff {
    diff_with(from, to, Vec::new())
}

/// The diff with rename hints, checked to replay from `from` to `to`.
fn diff_with(from: &SchemaModel, to: &SchemaModel, renames: Vec<Rename>) -> Diff {
    let d = diff(from, to, &DiffOptions { renames }).unwrap();
    assert_eq!(replay(from, &d.ops, to).unwrap(), *to, "ops: {:#?}", d.ops);
    d
}

/// `ops` replayed on `from`. Replay leaves natives alone (raw SQL is opaque to it), so here
/// raw SQL that is a native's drop statement removes it, and one that creates a native of
/// `to` adds it.
fn replay(from: &SchemaModel, ops: &[Op], to: &SchemaModel) -> Result<SchemaModel, String> {
    let mut schema = from.clone();
    for op in ops {
        schema.apply(op).map_err(|e| format!("{}: {e}", op.describe()))?;
        if let Op::Sql { up, .. } = op {
            let sql = up.any.as_deref().unwrap_or_default();
            schema.natives.retain(|n| n.drop != sql);
            schema.natives.extend(to.natives.iter().filter(|n| n.sql == sql).cloned());
        }
    }
    Ok(schema)
}

/// The changes as (kind, object, detail).
fn report(d: &Diff) -> Vec<(ChangeKind, &str, &str)> {
    d.changes.iter().map(|c| (c.kind, c.object.as_str(), c.detail.as_str())).collect()
}

/// The operations, described.
fn steps(d: &Diff) -> Vec<String> {
    d.ops.iter().map(Op::describe).collect()
}

fn destructive(d: &Diff) -> Vec<bool> {
    d.changes.iter().map(|c| c.destructive).collect()
}

// ---------------------------------------------------------------------------------------
// Columns
// ---------------------------------------------------------------------------------------

#[test]
fn identical_schemas_have_an_empty_diff() {
    let d = diff_of(&blog(), &blog());
    assert!(d.is_empty(), "{d:#?}");
}

#[test]
fn widening_a_column_type_is_one_alter_and_not_destructive() {
    let to = changed(&blog(), |s| {
        s.alter_column("users", "name").set_column_type(ColumnType::Varchar { len: 150 });
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["alter column users.name type"]);
    assert_eq!(report(&d), [(ChangeKind::Changed, "users.name", "varchar(100) → varchar(150)")]);
    assert_eq!(destructive(&d), [false]);
}

#[test]
fn narrowing_a_column_type_is_destructive() {
    let to = changed(&blog(), |s| {
        s.alter_column("posts", "title").set_column_type(ColumnType::Varchar { len: 50 });
        s.alter_column("posts", "score").set_column_type(ColumnType::SmallInt);
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Changed, "posts.title", "varchar(200) → varchar(50)"),
            (ChangeKind::Changed, "posts.score", "int → smallint"),
        ]
    );
    assert_eq!(destructive(&d), [true, true]);
}

#[test]
fn null_to_not_null_is_destructive_and_the_reverse_is_not() {
    let to = changed(&blog(), |s| {
        s.alter_column("users", "name").not_null();
        s.alter_column("posts", "title").nullable();
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Changed, "posts.title", "NOT NULL → NULL"),
            (ChangeKind::Changed, "users.name", "NULL → NOT NULL")
        ]
    );
    assert_eq!(destructive(&d), [false, true]);
}

#[test]
fn dropping_a_default_reads_as_default_to_none() {
    let to = changed(&blog(), |s| {
        s.alter_column("posts", "score").drop_default();
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["alter column posts.score default"]);
    assert_eq!(report(&d), [(ChangeKind::Changed, "posts.score", "default 0 → none")]);
}

#[test]
fn a_column_changes_type_then_default_then_nullability() {
    let to = changed(&blog(), |s| {
        s.alter_column("users", "name").set_type::<String>().set_default("anonymous".to_owned());
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(
        steps(&d),
        ["alter column users.name type", "alter column users.name default", "alter column users.name nullability"]
    );
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Changed, "users.name", "varchar(100) → text"),
            (ChangeKind::Changed, "users.name", "default none → 'anonymous'"),
            (ChangeKind::Changed, "users.name", "NULL → NOT NULL"),
        ]
    );
}

#[test]
fn added_column_is_added_with_its_definition() {
    let to = changed(&blog(), |s| {
        s.add_column::<i32>("users", "karma").default(0);
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["add column users.karma"]);
    assert_eq!(report(&d), [(ChangeKind::Added, "users.karma", "int NOT NULL default 0")]);
    assert_eq!(destructive(&d), [false]);
}

#[test]
fn dropping_a_column_drops_its_index_first_and_is_destructive() {
    let to = changed(&blog(), |s| s.drop_column("users", "name"));
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop index idx_users_name on users", "drop column users.name"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Removed, "users.idx_users_name", "index (name)"),
            (ChangeKind::Removed, "users.name", "drops its data (varchar(100))"),
        ]
    );
    assert_eq!(destructive(&d), [false, true]);
}

#[test]
fn a_table_that_loses_every_column_keeps_one_until_the_new_ones_are_in() {
    let from = build(|s| {
        s.create_table("t", |t| {
            t.column::<i32>("a");
            t.column::<i32>("b");
        })
    });
    let to = build(|s| {
        s.create_table("t", |t| {
            t.column::<String>("c");
        })
    });
    let d = diff_of(&from, &to);
    assert_eq!(steps(&d), ["drop column t.a", "add column t.c", "drop column t.b"]);
}

// ---------------------------------------------------------------------------------------
// Indexes and constraints
// ---------------------------------------------------------------------------------------

#[test]
fn added_index_is_created_and_removed_index_dropped() {
    let to = changed(&blog(), |s| {
        s.create_index("posts", &["title"]);
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["create index idx_posts_title on posts"]);
    assert_eq!(report(&d), [(ChangeKind::Added, "posts.idx_posts_title", "index (title)")]);

    let back = diff_of(&to, &blog());
    assert_eq!(steps(&back), ["drop index idx_posts_title on posts"]);
    assert_eq!(report(&back), [(ChangeKind::Removed, "posts.idx_posts_title", "index (title)")]);
}

#[test]
fn changed_index_is_dropped_and_created_again_as_one_change() {
    let to = changed(&blog(), |s| {
        s.drop_index("posts", "idx_posts_user_id");
        s.create_index("posts", &["user_id", "title"]).name("idx_posts_user_id").unique();
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop index idx_posts_user_id on posts", "create index idx_posts_user_id on posts"]);
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.idx_posts_user_id", "index (user_id) → unique index (user_id, title)")]
    );
}

#[test]
fn changed_check_is_dropped_and_added_again() {
    let to = changed(&blog(), |s| {
        s.drop_check("posts", "posts_score_check");
        s.add_check("posts", "score >= 1").name("posts_score_check");
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop check posts_score_check on posts", "add check posts_score_check on posts"]);
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.posts_score_check", "check (score >= 0) → check (score >= 1)")]
    );
}

#[test]
fn foreign_key_over_retyped_columns_is_dropped_and_added_back_without_a_change_of_its_own() {
    // Replay refuses to retype either column under the foreign key, so build the new schema by hand.
    let mut to = blog();
    for t in &mut to.tables {
        for c in t.columns.iter_mut().filter(|c| c.name == "id" && t.name == "users" || c.name == "user_id") {
            c.ty = ColumnType::Int;
        }
    }
    let d = diff_of(&blog(), &to);
    assert_eq!(
        steps(&d),
        [
            "drop foreign key posts_user_id_fkey on posts",
            "alter column posts.user_id type",
            "alter column users.id type",
            "add foreign key posts_user_id_fkey on posts",
        ]
    );
    assert_eq!(
        report(&d),
        [(ChangeKind::Changed, "posts.user_id", "bigint → int"), (ChangeKind::Changed, "users.id", "bigint → int")]
    );
}

#[test]
fn new_tables_referencing_each_other_get_their_foreign_keys_last() {
    let to = build(|s| {
        s.create_table("a", |t| {
            t.id("id");
            t.column::<Option<i64>>("b_id");
        });
        s.create_table("b", |t| {
            t.id("id");
            t.column::<i64>("a_id").references("a", "id");
        });
        s.add_foreign_key("a", &["b_id"], "b", &["id"]);
    });
    let d = diff_of(&SchemaModel::new(), &to);
    assert_eq!(
        steps(&d),
        ["create table a", "create table b", "add foreign key a_b_id_fkey on a", "add foreign key b_a_id_fkey on b"]
    );
    assert!(d.ops.iter().all(|op| !matches!(op, Op::CreateTable { table } if !table.foreign_keys.is_empty())));
    assert_eq!(
        report(&d),
        [(ChangeKind::Added, "a", "new table (2 columns)"), (ChangeKind::Added, "b", "new table (2 columns)")]
    );
}

#[test]
fn dropping_a_referenced_table_drops_the_foreign_key_into_it_first() {
    let to = changed(&blog(), |s| {
        s.drop_foreign_key("posts", "posts_user_id_fkey");
        s.drop_table("users");
    });
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop foreign key posts_user_id_fkey on posts", "drop table users"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Removed, "posts.posts_user_id_fkey", "foreign key (user_id) → users(id) on delete cascade"),
            (ChangeKind::Removed, "users", "drops 4 columns of data"),
        ]
    );
    assert_eq!(destructive(&d), [false, true]);
}

#[test]
fn dropping_tables_that_reference_each_other_drops_the_references_first() {
    let d = diff_of(&blog(), &SchemaModel::new());
    assert_eq!(steps(&d), ["drop foreign key posts_user_id_fkey on posts", "drop table posts", "drop table users"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Removed, "posts", "drops 5 columns of data"),
            (ChangeKind::Removed, "users", "drops 4 columns of data"),
        ]
    );
}

// ---------------------------------------------------------------------------------------
// Renames
// ---------------------------------------------------------------------------------------

#[test]
fn without_a_hint_a_renamed_table_is_dropped_and_created() {
    let to = changed(&blog(), |s| s.rename_table("users", "accounts"));
    let d = diff_of(&blog(), &to);
    let kinds: Vec<_> = report(&d).into_iter().map(|(kind, object, _)| (kind, object)).collect();
    assert_eq!(
        kinds,
        [
            (ChangeKind::Changed, "posts.posts_user_id_fkey"),
            (ChangeKind::Removed, "users"),
            (ChangeKind::Added, "accounts"),
        ]
    );
    assert!(d.changes.iter().any(|c| c.destructive));
}

#[test]
fn table_rename_hint_renames_the_table_and_keeps_what_references_it() {
    let to = changed(&blog(), |s| s.rename_table("users", "accounts"));
    let d = diff_with(&blog(), &to, vec![Rename::table("users", "accounts")]);
    assert_eq!(steps(&d), ["rename table users to accounts"]);
    assert_eq!(report(&d), [(ChangeKind::Renamed, "accounts", "renamed from users")]);
    assert_eq!(destructive(&d), [false]);
}

#[test]
fn column_rename_hint_is_followed_by_what_else_changed() {
    let to = changed(&blog(), |s| {
        s.rename_column("users", "name", "full_name");
        s.alter_column("users", "full_name").set_column_type(ColumnType::Varchar { len: 150 });
    });
    let d = diff_with(&blog(), &to, vec![Rename::column("users", "name", "full_name")]);
    assert_eq!(steps(&d), ["rename column users.name to full_name", "alter column users.full_name type"]);
    assert_eq!(
        report(&d),
        [
            (ChangeKind::Renamed, "users.full_name", "renamed from name"),
            (ChangeKind::Changed, "users.full_name", "varchar(100) → varchar(150)"),
        ]
    );
}

#[test]
fn without_a_hint_a_renamed_column_is_dropped_and_added() {
    let to = changed(&blog(), |s| s.rename_column("users", "active", "enabled"));
    let d = diff_of(&blog(), &to);
    assert_eq!(steps(&d), ["drop column users.active", "add column users.enabled"]);
    assert_eq!(destructive(&d), [true, false]);
}

#[test]
fn column_hint_names_the_table_as_the_old_schema_does() {
    let to = changed(&blog(), |s| {
        s.rename_table("users", "accounts");
        s.rename_column("accounts", "name", "handle");
    });
    let hints = vec![Rename::table("users", "accounts"), Rename::column("users", "name", "handle")];
    let d = diff_with(&blog(), &to, hints);
    assert_eq!(steps(&d), ["rename table users to accounts", "rename column accounts.name to handle"]);
}

#[test]
fn swapped_columns_go_through_a_temporary_name() {
    let from = build(|s| {
        s.create_table("t", |t| {
            t.column::<i32>("a");
            t.column::<String>("b");
        })
    });
    let to = changed(&from, |s| {
        s.rename_column("t", "a", "x");
        s.rename_column("t", "b", "a");
        s.rename_column("t", "x", "b");
    });
    let d = diff_with(&from, &to, vec![Rename::column("t", "a", "b"), Rename::column("t", "b", "a")]);
    assert_eq!(
        steps(&d),
        ["rename column t.a to _migrate_tmp_0", "rename column t.b to a", "rename column t._migrate_tmp_0 to b"]
    );
    assert_eq!(
        report(&d),
        [(ChangeKind::Renamed, "t.a", "renamed from b"), (ChangeKind::Renamed, "t.b", "renamed from a")]
    );
}

#[test]
fn an_index_on_a_dropped_column_whose_name_a_renamed_column_takes_is_recreated() {
    let to = changed(&blog(), |s| {
        s.drop_column("users", "name");
        s.rename_column("users", "email", "name");
        s.create_index("users", &["name"]);
    });
    let d = diff_with(&blog(), &to, vec![Rename::column("users", "email", "name")]);
    assert_eq!(
        steps(&d),
        [
            "drop index idx_users_name on users",
            "drop column users.name",
            "rename column users.email to name",
            "create index idx_users_name on users",
        ]
    );
    assert_eq!(
        report(&d)[0],
        (ChangeKind::Changed, "users.idx_users_name", "index (name): recreated, a column it uses was replaced")
    );
}

#[test]
fn rename_hint_for_a_missing_table_is_an_error() {
    let to = changed(&blog(), |s| s.rename_table("users", "accounts"));
    let err = diff(&blog(), &to, &DiffOptions { renames: vec![Rename::table("user", "accounts")] }).unwrap_err();
    assert_eq!(
        err,
        SchemaError::InvalidRename {
            rename: "table user → accounts".into(),
            reason: "table `user` does not exist in the old schema".into()
        }
    );
    assert_eq!(err.to_string(), "rename hint `table user → accounts`: table `user` does not exist in the old schema");
}

#[test]
fn rename_hint_to_a_missing_column_is_an_error() {
    let to = changed(&blog(), |s| s.rename_column("users", "name", "handle"));
    let err = diff(&blog(), &to, &DiffOptions { renames: vec![Rename::column("users", "name", "nick")] }).unwrap_err();
    assert_eq!(
        err,
        SchemaError::InvalidRename {
            rename: "column users.name → nick".into(),
            reason: "column `users.nick` does not exist in the new schema".into()
        }
    );
}

#[test]
fn column_hint_naming_the_table_by_its_new_name_says_which_name_to_use() {
    let to = changed(&blog(), |s| {
        s.rename_table("users", "accounts");
        s.rename_column("accounts", "name", "handle");
    });
    let hints = vec![Rename::table("users", "accounts"), Rename::column("accounts", "name", "handle")];
    let err = diff(&blog(), &to, &DiffOptions { renames: hints }).unwrap_err();
    assert_eq!(
        err.to_string(),
        "rename hint `column accounts.name → handle`: table `accounts` does not exist in the old schema \
         (name the table as the old schema does: `users`)"
    );
}

#[test]
fn renaming_one_table_twice_is_an_error() {
    let to = changed(&blog(), |s| {
        s.create_table("people", |t| {
            t.id("id");
        });
        s.rename_table("users", "accounts");
    });
    let renames = vec![Rename::table("users", "accounts"), Rename::table("users", "people")];
    let err = diff(&blog(), &to, &DiffOptions { renames }).unwrap_err();
    assert!(matches!(err, SchemaError::InvalidRename { reason, .. } if reason == "table `users` is renamed twice"));
}

// ---------------------------------------------------------------------------------------
// Unsupported changes
// ---------------------------------------------------------------------------------------

#[test]
fn primary_key_change_is_unsupported_and_has_no_operation() {
    let from = build(|s| {
        s.create_table("t", |t| {
            t.column::<i32>("a").primary_key();
            t.column::<i32>("b");
        })
    });
    let mut to = from.clone();
    to.tables[0].primary_key = Some(PrimaryKey { columns: vec!["a".into(), "b".into()], name: None });
    let d = diff(&from, &to, &DiffOptions::default()).unwrap();
    assert!(d.ops.is_empty());
    assert!(!d.is_complete());
    assert_eq!(
        report(&d),
        [(
            ChangeKind::Changed,
            "t",
            "primary key (a) → (a, b): unsupported, no operation changes an existing table's primary key"
        )]
    );
    assert!(d.changes[0].unsupported);
}

#[test]
fn identity_and_comments_are_unsupported() {
    let from = blog();
    let mut to = blog();
    let users = to.tables.iter_mut().find(|t| t.name == "users").unwrap();
    users.comment = Some("people".into());
    users.columns[0].identity = false;
    users.columns[1].comment = Some("login".into());
    let d = diff(&from, &to, &DiffOptions::default()).unwrap();
    assert!(d.ops.is_empty());
    assert_eq!(
        report(&d),
        [
            (
                ChangeKind::Changed,
                "users",
                "comment none → 'people': unsupported, no operation changes a table's comment"
            ),
            (
                ChangeKind::Changed,
                "users.id",
                "identity on → off: unsupported, no operation switches identity on or off"
            ),
            (
                ChangeKind::Changed,
                "users.email",
                "comment none → 'login': unsupported, no operation changes a column's comment"
            ),
        ]
    );
    assert!(d.changes.iter().all(|c| c.unsupported));
}

// ---------------------------------------------------------------------------------------
// Natives
// ---------------------------------------------------------------------------------------

fn native(kind: &str, name: &str, table: Option<&str>, sql: &str) -> NativeObject {
    NativeObject {
        kind: kind.into(),
        name: name.into(),
        table: table.map(Into::into),
        sql: sql.into(),
        drop: format!("DROP {} {name}", kind.to_uppercase()),
    }
}

/// The raw SQL of each operation, as (up, down).
fn raw_sql(d: &Diff) -> Vec<(String, String)> {
    let text = |sql: Option<&migrate_schema::RawSql>| sql.and_then(|s| s.any.clone()).unwrap_or_default();
    d.ops
        .iter()
        .filter_map(|op| match op {
            Op::Sql { up, down } => Some((text(Some(up)), text(down.as_ref()))),
            _ => None,
        })
        .collect()
}

#[test]
fn natives_added_removed_and_changed_are_raw_sql_with_their_down() {
    let mut from = blog();
    let mut to = blog();
    from.natives = vec![
        native("view", "v_old", None, "CREATE VIEW v_old AS SELECT 1"),
        native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ... 1"),
    ];
    to.natives = vec![
        native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ... 2"),
        native("view", "v_new", None, "CREATE VIEW v_new AS SELECT 2"),
    ];
    let d = diff_of(&from, &to);
    assert_eq!(
        raw_sql(&d),
        [
            ("DROP TRIGGER trg".to_owned(), "CREATE TRIGGER trg ... 1".to_owned()),
            ("DROP VIEW v_old".to_owned(), "CREATE VIEW v_old AS SELECT 1".to_owned()),
            // Created in dependency order: views before the triggers that may use them.
            ("CREATE VIEW v_new AS SELECT 2".to_owned(), "DROP VIEW v_new".to_owned()),
            ("CREATE TRIGGER trg ... 2".to_owned(), "DROP TRIGGER trg".to_owned()),
        ]
    );
    assert_eq!(
        report(&d),
        [
            // A table's native is named `table.name`, as the contract names objects.
            (ChangeKind::Changed, "posts.trg", "trigger on posts: definition changed"),
            (ChangeKind::Removed, "v_old", "view"),
            (ChangeKind::Added, "v_new", "view"),
        ]
    );
}

#[test]
fn a_native_on_a_dropped_table_is_dropped_before_the_table() {
    let mut from = blog();
    from.natives = vec![native("trigger", "trg", Some("posts"), "CREATE TRIGGER trg ...")];
    let to = changed(&blog(), |s| s.drop_table("posts"));
    let d = diff_of(&from, &to);
    assert_eq!(steps(&d), ["raw SQL", "drop table posts"]);
}

#[test]
fn dropping_a_virtual_table_is_destructive() {
    let mut from = blog();
    from.natives = vec![native("virtual_table", "search", None, "CREATE VIRTUAL TABLE search USING fts5(body)")];
    let d = diff_of(&from, &blog());
    assert_eq!(report(&d), [(ChangeKind::Removed, "search", "virtual_table")]);
    assert_eq!(destructive(&d), [true]);
}

// ---------------------------------------------------------------------------------------
// Serialisation
// ---------------------------------------------------------------------------------------

#[test]
fn changes_serialise_with_snake_case_kinds() {
    let to = changed(&blog(), |s| s.rename_table("users", "accounts"));
    let d = diff_with(&blog(), &to, vec![Rename::table("users", "accounts")]);
    let json = serde_json::to_value(&d.changes).unwrap();
    assert_eq!(
        json,
        serde_json::json!([{
            "kind": "renamed", "object": "accounts", "detail": "renamed from users",
            "destructive": false, "unsupported": false
        }])
    );
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

/// The renames `ops` make, from `before`'s names to the names they end with: what a user
/// would tell diff. A table or column that is dropped has none, even if the name returns.
fn renames_made(before: &SchemaModel, ops: &[Op]) -> Vec<Rename> {
    // (original name, current name) of tables, and (original table, original, current) of columns.
    let mut tables: Vec<(String, Option<String>)> =
        before.tables.iter().map(|t| (t.name.clone(), Some(t.name.clone()))).collect();
    let mut columns: Vec<(String, String, Option<String>)> = before
        .tables
        .iter()
        .flat_map(|t| t.columns.iter().map(|c| (t.name.clone(), c.name.clone(), Some(c.name.clone()))))
        .collect();
    let original = |tables: &[(String, Option<String>)], now: &str| {
        tables.iter().find(|(_, current)| current.as_deref() == Some(now)).map(|(o, _)| o.clone())
    };
    for op in ops {
        match op {
            Op::RenameTable { from, to } => set(&mut tables, from, Some(to)),
            Op::DropTable { table } => set(&mut tables, table, None),
            Op::RenameColumn { table, from, to } => {
                if let Some(t) = original(&tables, table) {
                    set_column(&mut columns, &t, from, Some(to));
                }
            }
            Op::DropColumn { table, column } => {
                if let Some(t) = original(&tables, table) {
                    set_column(&mut columns, &t, column, None);
                }
            }
            _ => {}
        }
    }
    let kept = |t: &str| tables.iter().any(|(o, current)| o == t && current.is_some());
    let table_renames = tables.iter().filter_map(|(o, c)| c.as_ref().filter(|c| *c != o).map(|c| Rename::table(o, c)));
    let column_renames = columns
        .iter()
        .filter(|(t, ..)| kept(t))
        .filter_map(|(t, o, c)| c.as_ref().filter(|c| *c != o).map(|c| Rename::column(t, o, c)));
    table_renames.chain(column_renames).collect()
}

fn set(tables: &mut [(String, Option<String>)], now: &str, to: Option<&String>) {
    for (_, current) in tables.iter_mut().filter(|(_, c)| c.as_deref() == Some(now)) {
        *current = to.cloned();
    }
}

fn set_column(columns: &mut [(String, String, Option<String>)], table: &str, now: &str, to: Option<&String>) {
    for (_, _, current) in columns.iter_mut().filter(|(t, _, c)| t == table && c.as_deref() == Some(now)) {
        *current = to.cloned();
    }
}

/// The diff from `a` to `b` leads to `b` when it is complete, and reports changes exactly
/// when the schemas differ.
fn check(a: &SchemaModel, b: &SchemaModel, renames: Vec<Rename>) -> Result<Diff, TestCaseError> {
    let d = diff(a, b, &DiffOptions { renames }).map_err(|e| TestCaseError::fail(format!("diff: {e}")))?;
    prop_assert_eq!(d.changes.is_empty(), a == b, "{:#?}", d.changes);
    if d.is_complete() {
        let replayed = replay(a, &d.ops, b).map_err(TestCaseError::fail)?;
        prop_assert_eq!(&replayed, b, "{:#?}", d.ops);
    }
    Ok(d)
}

/// `s` with its tables and natives in reverse order.
fn reversed(s: &SchemaModel) -> SchemaModel {
    let mut s = s.clone();
    s.tables.reverse();
    s.natives.reverse();
    // A table's indexes and constraints keep their order: the diff adds them in the order
    // they were declared (SQLite numbers foreign keys by it).
    s
}

/// The diff as text, with the indexes and constraints of created tables sorted: a created
/// table is defined as the new schema orders it.
fn canonical(d: &Diff) -> String {
    let sorted = |t: &Table| {
        let mut t = t.clone();
        t.indexes.sort_by(|a, b| a.name.cmp(&b.name));
        t.uniques.sort_by(|a, b| a.name.cmp(&b.name));
        t.checks.sort_by(|a, b| a.name.cmp(&b.name));
        t
    };
    let ops: Vec<Op> = d
        .ops
        .iter()
        .map(|op| match op {
            Op::CreateTable { table } => Op::CreateTable { table: sorted(table) },
            op => op.clone(),
        })
        .collect();
    format!("{ops:?}\n{:?}", d.changes)
}

fn with_natives(mut s: SchemaModel, natives: Vec<NativeObject>) -> SchemaModel {
    s.natives = natives;
    s
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn diff_leads_from_a_schema_to_the_same_after_random_operations(
        a in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
        natives in (generate::natives(), generate::natives()),
    ) {
        let (ops, b) = generate::valid_ops(&a, &seeds);
        let renames = renames_made(&a, &ops);
        let (a, b) = (with_natives(a, natives.0), with_natives(b, natives.1));
        check(&a, &b, Vec::new())?;
        check(&b, &a, Vec::new())?;
        check(&a, &b, renames)?;
    }

    #[test]
    fn diff_with_rename_hints_leads_to_the_renamed_schema(
        a in generate::schema(),
        renames in generate::renames(),
        seeds in prop::collection::vec(generate::seed(), 0..8),
    ) {
        let seeds: Vec<_> = renames.into_iter().chain(seeds).collect();
        let (ops, b) = generate::valid_ops(&a, &seeds);
        check(&a, &b, renames_made(&a, &ops))?;
    }

    #[test]
    fn diff_leads_from_a_schema_to_an_unrelated_one(a in generate::schema(), b in generate::schema()) {
        check(&a, &b, Vec::new())?;
    }

    #[test]
    fn diff_of_a_schema_with_itself_is_empty(a in generate::schema(), natives in generate::natives()) {
        let a = with_natives(a, natives);
        let d = check(&a, &a, Vec::new())?;
        prop_assert!(d.is_empty());
    }

    #[test]
    fn diff_does_not_depend_on_the_order_of_tables_and_natives(
        a in generate::schema(),
        seeds in prop::collection::vec(generate::seed(), 1..16),
    ) {
        let b = generate::valid_ops(&a, &seeds).1;
        let once = diff(&a, &b, &DiffOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        let again = diff(&reversed(&a), &reversed(&b), &DiffOptions::default()).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(canonical(&once), canonical(&again));
    }
}
