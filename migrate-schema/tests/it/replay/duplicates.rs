//! Names already taken by a table, column, index or constraint.

use super::*;

#[test]
fn creating_an_existing_table_is_duplicate_table() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.create_table("users", |t| {
                t.id("id");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateTable { table: "users".into() });
}

#[test]
fn renaming_a_table_onto_an_existing_one_is_duplicate_table() {
    let err = rejected(&blog(), &op(|s| s.rename_table("posts", "users")));
    assert_eq!(err, SchemaError::DuplicateTable { table: "users".into() });
}

#[test]
fn adding_an_existing_column_is_duplicate_column() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<String>("users", "email");
        }),
    );
    assert_eq!(err, SchemaError::DuplicateColumn { table: "users".into(), column: "email".into() });
}

#[test]
fn create_table_with_a_column_twice_is_duplicate_column() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<i32>("a");
                t.column::<i64>("a");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateColumn { table: "t".into(), column: "a".into() });
}

#[test]
fn renaming_a_column_onto_an_existing_one_is_duplicate_column() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "name", "email")));
    assert_eq!(err, SchemaError::DuplicateColumn { table: "users".into(), column: "email".into() });
}

#[test]
fn index_named_like_an_index_of_another_table_is_duplicate_name() {
    let op = Op::CreateIndex { table: "users".into(), index: index("idx_posts_user_id", &["active"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "idx_posts_user_id".into(), table: "posts".into() }
    );
}

#[test]
fn index_named_like_a_constraint_is_duplicate_name() {
    let op = Op::CreateIndex { table: "users".into(), index: index("posts_score_check", &["active"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "posts_score_check".into(), table: "posts".into() }
    );
}

#[test]
fn constraint_named_like_an_existing_constraint_is_duplicate_name() {
    let op = Op::AddCheck {
        table: "users".into(),
        check: Check { name: "users_email_key".into(), expr: "email <> ''".into() },
    };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::DuplicateName { name: "users_email_key".into(), table: "users".into() }
    );
}

#[test]
fn create_table_reusing_a_name_within_itself_is_duplicate_name() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<i32>("a").index().name("t_a");
                t.column::<i32>("b");
                t.unique(&["b"]).name("t_a");
            })
        }),
    );
    assert_eq!(err, SchemaError::DuplicateName { name: "t_a".into(), table: "t".into() });
}
