//! Identifiers that are empty, too long for PostgreSQL or hold a quote or NUL.

use super::*;

#[test]
fn empty_table_name_is_invalid_identifier() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("", |t| {
                t.id("id");
            })
        }),
    );
    assert_eq!(err, invalid_identifier("", "it is empty"));
}

#[test]
fn identifier_longer_than_63_bytes_is_invalid_identifier() {
    let long = "c".repeat(64);
    let err = rejected(
        &blog(),
        &op(|s| {
            s.add_column::<i32>("users", long.clone());
        }),
    );
    assert_eq!(err, invalid_identifier(&long, "it is longer than 63 bytes (PostgreSQL's limit)"));
}

#[test]
fn identifier_of_exactly_63_bytes_is_accepted() {
    let mut schema = blog();
    schema
        .apply(&op(|s| {
            s.add_column::<i32>("users", "c".repeat(63));
        }))
        .unwrap();
}

#[test]
fn identifier_with_a_double_quote_is_invalid_identifier() {
    let err = rejected(&blog(), &op(|s| s.rename_column("users", "name", "na\"me")));
    assert_eq!(err, invalid_identifier("na\"me", "it contains a quote character or NUL"));
}

#[test]
fn identifier_with_a_backtick_is_invalid_identifier() {
    let err = rejected(&blog(), &op(|s| s.rename_table("posts", "po`sts")));
    assert_eq!(err, invalid_identifier("po`sts", "it contains a quote character or NUL"));
}

#[test]
fn identifier_with_nul_is_invalid_identifier() {
    let op = Op::CreateIndex { table: "posts".into(), index: index("idx\0", &["title"]) };
    assert_eq!(rejected(&blog(), &op), invalid_identifier("idx\0", "it contains a quote character or NUL"));
}

#[test]
fn enum_type_name_is_checked_as_an_identifier() {
    let ty = ColumnType::Enum { name: "mo\"od".into(), values: vec!["a".into()] };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column: Column::new("mood", ty) });
    assert_eq!(err, invalid_identifier("mo\"od", "it contains a quote character or NUL"));
}
