//! Columns: added, dropped and changed, in the order replay accepts.

use super::*;

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
