//! Rename hints: tables and columns renamed instead of dropped and created.

use super::*;

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
