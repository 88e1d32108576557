//! Operations on tables, columns and objects that do not exist.

use super::*;

#[test]
fn operation_on_unknown_table_is_unknown_table() {
    let err = rejected(&blog(), &op(|s| s.drop_table("comments")));
    assert_eq!(err, unknown_table("comments"));
}

#[test]
fn add_column_to_unknown_table_is_unknown_table() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<i32>("comments", "n");
        }),
    );
    assert_eq!(err, unknown_table("comments"));
}

#[test]
fn operation_on_unknown_column_is_unknown_column() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "nickname", "handle")));
    assert_eq!(err, SchemaError::UnknownColumn { table: "users".into(), column: "nickname".into() });
}

#[test]
fn index_over_unknown_column_is_unknown_column() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.create_index("posts", &["published_at"]);
        }),
    );
    assert_eq!(err, SchemaError::UnknownColumn { table: "posts".into(), column: "published_at".into() });
}

#[test]
fn dropping_unknown_index_is_unknown_object() {
    let err = rejected(&blog(), &op(|s| s.drop_index("posts", "idx_posts_title")));
    assert_eq!(
        err,
        SchemaError::UnknownObject { kind: "index", table: "posts".into(), name: "idx_posts_title".into() }
    );
}

#[test]
fn dropping_an_index_through_another_table_is_unknown_object() {
    let err = rejected(&blog(), &op(|s| s.drop_index("users", "idx_posts_user_id")));
    assert_eq!(
        err,
        SchemaError::UnknownObject { kind: "index", table: "users".into(), name: "idx_posts_user_id".into() }
    );
}
