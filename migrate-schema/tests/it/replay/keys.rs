//! Primary keys, identity columns and the columns a key or index lists.

use super::*;

#[test]
fn nullable_primary_key_column_is_nullable_primary_key() {
    let err = rejected(
        &SchemaModel::new(),
        &op(|s| {
            s.create_table("t", |t| {
                t.column::<Option<i64>>("id").primary_key();
            })
        }),
    );
    assert_eq!(err, SchemaError::NullablePrimaryKey { table: "t".into(), column: "id".into() });
}

#[test]
fn making_a_primary_key_column_nullable_is_nullable_primary_key() {
    let err = rejected(
        &blog(),
        &op(|s| {
            s.alter_column("users", "id").nullable();
        }),
    );
    assert_eq!(err, SchemaError::NullablePrimaryKey { table: "users".into(), column: "id".into() });
}

#[test]
fn nullable_identity_column_is_nullable_identity() {
    let column = Column { identity: true, nullable: true, ..Column::new("seq", ColumnType::BigInt) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::NullableIdentity { table: "users".into(), column: "seq".into() });
}

#[test]
fn identity_on_a_non_integer_column_is_identity_not_integer() {
    let column = Column { identity: true, ..Column::new("code", ColumnType::Text) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::IdentityNotInteger { table: "users".into(), column: "code".into() });
}

#[test]
fn changing_an_identity_column_to_a_non_integer_type_is_identity_not_integer() {
    let schema = applied(&blog(), &[op(|s| s.drop_table("posts"))]);
    let err = rejected(
        &schema,
        &op(|s| {
            s.alter_column("users", "id").set_column_type(ColumnType::Text);
        }),
    );
    assert_eq!(err, SchemaError::IdentityNotInteger { table: "users".into(), column: "id".into() });
}

#[test]
fn second_identity_column_is_multiple_identity() {
    let column = Column { identity: true, ..Column::new("seq", ColumnType::Int) };
    let err = rejected(&blog(), &Op::AddColumn { table: "users".into(), column });
    assert_eq!(err, SchemaError::MultipleIdentity { table: "users".into() });
}

#[test]
fn primary_key_over_unknown_column_is_unknown_column() {
    let table = Table {
        primary_key: Some(PrimaryKey { columns: vec!["id".into()], name: None }),
        columns: vec![Column::new("code", ColumnType::Text)],
        ..Table::new("t")
    };
    let err = rejected(&SchemaModel::new(), &Op::CreateTable { table });
    assert_eq!(err, SchemaError::UnknownColumn { table: "t".into(), column: "id".into() });
}

#[test]
fn table_without_columns_is_no_columns() {
    let err = rejected(&SchemaModel::new(), &Op::CreateTable { table: Table::new("t") });
    assert_eq!(err, SchemaError::NoColumns { table: "t".into() });
}

#[test]
fn index_listing_a_column_twice_is_invalid_columns() {
    let op = Op::CreateIndex { table: "posts".into(), index: index("posts_twice", &["title", "title"]) };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::InvalidColumns {
            what: "index `posts_twice`".into(),
            table: "posts".into(),
            reason: "lists a column twice"
        }
    );
}

#[test]
fn unique_without_columns_is_invalid_columns() {
    let op =
        Op::AddUnique { table: "posts".into(), unique: Unique { name: "posts_nothing_key".into(), columns: vec![] } };
    assert_eq!(
        rejected(&blog(), &op),
        SchemaError::InvalidColumns {
            what: "unique `posts_nothing_key`".into(),
            table: "posts".into(),
            reason: "has no columns"
        }
    );
}
